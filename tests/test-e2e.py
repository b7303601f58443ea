#!/usr/bin/python3
# test-e2e.py: drives the real Stormline window as a user does, with the
# pointer and the keyboard (xdotool), finding widgets through AT-SPI:
# drag an event from the palette onto a lane, type its text, add a command
# with the keyboard, connect the two, move the event to another lane, undo
# twice, redo once, save, and check the saved file.
#
# Runs under a display and a session bus (xvfb-run, dbus-run-session);
# prints TAP. Waits poll for a state with a generous limit, never for a time.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import (Stuck, check, finish, find_accessible, import_atspi, is_board, start_app,  # noqa: E402
                           stop_app, wait_for, window_offset, x_window_of, xdo)

MODEL = {
    "stormline": 1,
    "title": "Booking",
    "lanes": [
        {"id": "lane-ui", "kind": "interaction", "name": "Commands and views"},
        {"id": "lane-room", "kind": "events", "name": "Room"},
        {"id": "lane-guest", "kind": "events", "name": "Guest"},
    ],
}

# The board's geometry (src/render/sl-layout.h) and the canvas's first view.
SLICE_HEADER = 36
LANE_HEIGHT = 140
LANE_PADDING = 20
VIEW_X = -188

def drag(start, end, steps=12):
    xdo("mousemove", "--sync", *start)
    xdo("mousedown", 1)
    for i in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * i // steps
        y = start[1] + (end[1] - start[1]) * i // steps
        xdo("mousemove", "--sync", x, y)
    xdo("mouseup", 1)


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "booking.stormline")
    with open(path, "w") as f:
        json.dump(MODEL, f, indent=2)
        f.write("\n")

    app = start_app(work, path)

    try:
        def find(accessible, name, role=None):
            if accessible is None:
                return None
            if accessible.name == name and (role is None or accessible.getRoleName() == role):
                return accessible
            for child in accessible:
                found = find(child, name, role)
                if found is not None:
                    return found
            return None

        def find_app():
            for candidate in pyatspi.Registry.getDesktop(0):
                if candidate is not None and candidate.name == "stormline":
                    return candidate
            return None

        accessible_app = wait_for("the application on the accessibility bus", find_app)
        board = wait_for("the board", lambda: find_accessible(accessible_app, is_board))
        event_button = wait_for("the palette", lambda: find(accessible_app, "Event", "push button"))
        frame = wait_for("the window", lambda: find(accessible_app, "Booking — Stormline", "frame"))

        window = x_window_of(app)
        offset_x, offset_y = window_offset(window, frame, pyatspi)
        xdo("windowfocus", "--sync", window)

        def screen(accessible):
            e = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return offset_x + e.x + e.width // 2, offset_y + e.y + e.height // 2

        board_extents = board.queryComponent().getExtents(pyatspi.WINDOW_COORDS)

        def board_point(x, y):
            return offset_x + board_extents.x + (x - VIEW_X), offset_y + board_extents.y + y

        def lane_top(index):
            return SLICE_HEADER + index * LANE_HEIGHT

        def editing():
            """The note editor, once it has the keyboard: keys typed before
            would go to the board."""
            return find_focused(board)

        def find_focused(accessible):
            for child in accessible:
                if child is not None and child.getState().contains(pyatspi.STATE_FOCUSED):
                    return child
                found = find_focused(child) if child is not None else None
                if found is not None:
                    return found
            return None

        # 1. An event from the palette onto the Room lane, and its text.
        drag(screen(event_button), board_point(400, lane_top(1) + 64))
        wait_for("the editor of the event dropped", editing)
        xdo("type", "--delay", 20, "Room Booked")
        xdo("key", "Return")
        wait_for("the editor to close", lambda: editing() is None)

        # 2. A command by the keyboard: it goes to the interaction lane, in
        # the event's column.
        xdo("key", "c")
        wait_for("the editor of the command", editing)
        xdo("type", "--delay", 20, "Book Room")
        xdo("key", "Return")
        wait_for("the editor to close", lambda: editing() is None)

        # The event was dropped centred at x 400: its card spans 320 to 480,
        # and the command stands above it.
        event_centre = board_point(400, lane_top(1) + LANE_PADDING + 50)
        command_handle = board_point(480, lane_top(0) + LANE_PADDING + 50)

        # 3. Connect the command (selected) to the event, from its handle.
        drag(command_handle, event_centre)

        # 4. Move the event to the Guest lane.
        drag(event_centre, (event_centre[0], event_centre[1] + LANE_HEIGHT))

        # 5. Undo twice (the move, the connection), redo once (the connection).
        xdo("key", "ctrl+z")
        xdo("key", "ctrl+z")
        xdo("key", "ctrl+shift+z")

        # 6. Save.
        before = os.stat(path).st_mtime_ns
        with open(path) as f:
            original = f.read()
        xdo("key", "ctrl+s")
        wait_for("the saved file", lambda: open(path).read() != original)

        with open(path) as f:
            saved = json.load(f)

        notes = {note["text"]: note for note in saved.get("notes", [])}
        event = notes.get("Room Booked")
        command = notes.get("Book Room")
        connections = saved.get("connections", [])

        check("the event dropped from the palette is saved with its text", event is not None)
        check("the event is on the lane it was dropped on", event and event["lane"] == "lane-room")
        check("the event is an event", event and event["kind"] == "event")
        check("the command made with the keyboard is saved", command is not None and command["kind"] == "command")
        check("the command went to the interaction lane", command and command["lane"] == "lane-ui")
        check("the command stands in the event's column", event and command and command["x"] == event["x"])
        check("the connection redone is saved, from the command to the event",
              event and command and len(connections) == 1 and
              connections[0]["from"] == command["id"] and connections[0]["to"] == event["id"])
        check("the file was written in place", os.stat(path).st_mtime_ns != before)
        check("nothing else is in the file", len(saved.get("notes", [])) == 2)
    except (Stuck, subprocess.CalledProcessError) as error:
        check(f"the run went through ({error})", False)
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
