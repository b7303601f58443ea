#!/usr/bin/python3
# test-e2e-undo.py: the real window, by the pointer and the keyboard
# (xdotool), read through AT-SPI: browsing the guide's steps with Up and
# Down leaves the model unmodified, the window closes without asking and
# the file is untouched, and the model opens again at the step chosen;
# deleting a note shows a toast that says which, whose Undo brings it back.
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
from stormline_e2e import (Stuck, check, click_at, finish, import_atspi, is_board, start_app, stop_app,  # noqa: E402
                           wait_for, window_offset, x_window_of, xdo)

MODEL = {
    "stormline": 1,
    "title": "Orders",
    "step": 2,
    "lanes": [
        {"id": "lane-ui", "kind": "interaction", "name": "Commands and views"},
        {"id": "lane-orders", "kind": "events", "name": "Orders"},
    ],
    "notes": [
        {"id": "placed", "kind": "event", "text": "Order Placed", "lane": "lane-orders", "x": 320},
    ],
}

# The board's geometry (src/render/sl-layout.h) and the canvas's first view.
SLICE_HEADER = 36
LANE_HEIGHT = 140
LANE_PADDING = 20
VIEW_X = -188

TITLE = "Orders — Stormline"
MODIFIED_TITLE = "• Orders — Stormline"


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "orders.stormline")
    with open(path, "w") as f:
        json.dump(MODEL, f, indent=2)
        f.write("\n")
    with open(path, "rb") as f:
        original = f.read()

    def find(accessible, predicate):
        if accessible is None:
            return None
        if predicate(accessible):
            return accessible
        for child in accessible:
            found = find(child, predicate)
            if found is not None:
                return found
        return None

    def named(accessible, name, role=None):
        return find(accessible, lambda a: a.name == name and (role is None or a.getRoleName() == role))

    def find_app():
        for candidate in pyatspi.Registry.getDesktop(0):
            if candidate is not None and candidate.name == "stormline":
                return candidate
        return None

    def frame_named(accessible_app, name):
        for window in accessible_app:
            if window is not None and window.name == name:
                return window
        return None

    def selected(row):
        return row is not None and row.getState().contains(pyatspi.STATE_SELECTED)

    app = start_app(work, path)
    try:
        accessible_app = wait_for("the application on the accessibility bus", find_app)
        frame = wait_for("the window", lambda: frame_named(accessible_app, TITLE))
        board = wait_for("the board", lambda: find(frame, is_board))

        window = x_window_of(app)
        offset_x, offset_y = window_offset(window, frame, pyatspi)
        xdo("windowfocus", "--sync", window)

        def screen(accessible):
            e = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return offset_x + e.x + e.width // 2, offset_y + e.y + e.height // 2

        # 1. The guide: choose step 3, then browse to step 5 by the keyboard.
        check("the model opens at the step its file holds",
              wait_for("step 2 selected", lambda: selected(named(frame, "2. Refine Domain Events", "list item"))))
        click_at(*screen(named(frame, "3. Track Causes", "list item")))
        wait_for("step 3 selected", lambda: selected(named(frame, "3. Track Causes", "list item")))
        xdo("key", "Down")
        wait_for("step 4 selected", lambda: selected(named(frame, "4. Aggregation", "list item")))
        xdo("key", "Down")
        wait_for("step 5 selected", lambda: selected(named(frame, "5. Identify Inputs", "list item")))
        check("browsing the steps leaves the model unmodified", frame.name == TITLE)

        # 2. Delete the note: a toast names it; its Undo brings it back.
        board_extents = board.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        click_at(offset_x + board_extents.x + (400 - VIEW_X),
                 offset_y + board_extents.y + SLICE_HEADER + LANE_HEIGHT + LANE_PADDING + 50)
        xdo("key", "Delete")
        wait_for("the model modified", lambda: frame.name == MODIFIED_TITLE)
        label = wait_for("the toast", lambda: named(frame, "Deleted “Order Placed”", "label"))
        check("deleting the note shows a toast that names it", label is not None)
        undo = None
        toast = label.parent
        # The button beside the label in the toast, not the header's Undo;
        # GTK 4.8 names it "_Undo Undo", from its label and its mnemonic.
        for _ in range(3):
            undo = undo or find(toast, lambda a: a.getRoleName() == "push button" and "Undo" in a.name.split())
            toast = toast.parent
        check("the toast offers Undo", undo is not None)
        click_at(*screen(undo))
        check("the toast's Undo undoes the deletion",
              wait_for("the model unmodified again", lambda: frame.name == TITLE))

        # 3. Close: nothing to save, so nothing is asked, and the file is
        # as it was.
        xdo("key", "ctrl+w")
        wait_for("the application to end", lambda: app.poll() is not None)
        with open(path, "rb") as f:
            check("the file is byte for byte what it was", f.read() == original)
    except (Stuck, subprocess.CalledProcessError) as error:
        check(f"the first run went through ({error})", False)
    finally:
        stop_app(app)

    # 4. Opened again, the model is at the step chosen.
    app = start_app(work, path)
    try:
        accessible_app = wait_for("the application on the accessibility bus", find_app)
        frame = wait_for("the window", lambda: frame_named(accessible_app, TITLE))
        check("the model opens again at the step chosen",
              wait_for("step 5 selected", lambda: selected(named(frame, "5. Identify Inputs", "list item"))))
    except (Stuck, subprocess.CalledProcessError) as error:
        check(f"the second run went through ({error})", False)
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
