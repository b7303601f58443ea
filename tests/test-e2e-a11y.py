#!/usr/bin/python3
# test-e2e-a11y.py: a screen reader's pass over the real window, by the
# keyboard alone (xdotool), reading what it hears through AT-SPI: the board
# says the note the keyboard is on (its kind and text, then its lane,
# slice, number of fields and problems), Tab and Shift+Tab through the
# notes in timeline order and the arrow keys across the board, each change
# sent as an event; and every button of the window has a name, none
# "GtkImage", the header's and a toast's among them.
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
from stormline_e2e import (NOTE_KIND_LABELS, AccessibleEvents, Stuck, check, find_accessible,  # noqa: E402
                           find_application, finish, focused, import_atspi, is_board, start_app, stop_app,
                           wait_for, x_window_of, xdo)

# Kinds whose cards list fields (sl_note_kind_has_fields()).
KINDS_WITH_FIELDS = {"event", "command", "view", "screen", "automation"}

TITLE = "Hotel — Stormline"
MODIFIED_TITLE = "• Hotel — Stormline"


def plural(n, one, many):
    return f"{n} {one if n == 1 else many}"


def expected_readings(model, problems):
    """What the board should say of each note of @model, by id: its name
    and its description, from the file and the command-line check."""
    lanes = {lane["id"]: lane["name"] for lane in model["lanes"]}
    readings = {}
    for note in model["notes"]:
        label = NOTE_KIND_LABELS[note["kind"]]
        if note.get("text"):
            label += ": " + note["text"]
        parts = [f"Lane {lanes[note['lane']]}"]
        x = note.get("x", 0)
        slices = [s for s in model.get("slices", []) if s["x"] <= x < s["x"] + s["width"]]
        if slices:
            parts.append(f"slice {slices[0]['name']}")
        if note["kind"] in KINDS_WITH_FIELDS:
            parts.append(plural(len(note.get("fields", [])), "field", "fields"))
        mine = [p["message"] for p in problems if p.get("note") == note["id"] and p["severity"] in ("error", "warning")]
        if mine:
            parts.append(plural(len(mine), "problem", "problems") + ": " + "; ".join(mine[:2]))
        readings[note["id"]] = (label, ", ".join(parts))
    return readings


def timeline(model):
    """The notes' ids in timeline order: by x, then by their lane's place."""
    lane_place = {lane["id"]: i for i, lane in enumerate(model["lanes"])}
    return [n["id"] for n in sorted(model["notes"], key=lambda n: (n.get("x", 0), lane_place[n["lane"]], n.get("y", 0)))]


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "hotel.stormline")
    with open(os.environ["STORMLINE_EXAMPLE"]) as f:
        model = json.load(f)
    # A field nothing provides and nothing uses: Room Booked has problems.
    booked = next(n for n in model["notes"] if n["id"] == "evt-room-booked")
    booked["fields"].append({"name": "total", "type": "Decimal"})
    with open(path, "w") as f:
        json.dump(model, f, indent=2)
        f.write("\n")
    checked = subprocess.run([os.environ["STORMLINE_CLI"], "check", "--json", path],
                             capture_output=True, text=True, timeout=120)
    problems = json.loads(checked.stdout)["problems"]
    readings = expected_readings(model, problems)
    order = timeline(model)
    by_reading = {reading: note for note, reading in readings.items()}

    events = AccessibleEvents("object:property-change:accessible-name",
                              "object:property-change:accessible-description")
    app = start_app(work, path)
    try:
        accessible_app = wait_for("the application on the accessibility bus", lambda: find_application(pyatspi))
        frame = wait_for("the window", lambda: find_accessible(
            accessible_app, lambda a: a.getRoleName() == "frame" and a.name == TITLE))
        window = x_window_of(app)
        xdo("windowfocus", "--sync", window)

        # The window opens with the keyboard on the board, on its first note.
        board = wait_for("the board with the keyboard", lambda: (
            lambda a: a if a is not None and is_board(a) else None)(focused(frame, pyatspi)))

        def reading():
            return board.name, board.description

        def hears(note):
            """Waits until the board says @note, as names and descriptions
            read and as events sent, and says whether it does."""
            label, description = readings[note]
            wait_for(f"the board to say “{label}”", lambda: reading() == readings[note])
            wait_for(f"the events of “{label}”", lambda: any(
                source == board and value == label for _, source, value in events.since(0)))
            return reading() == (label, description)

        # Named before it was on the bus: a screen reader reads the name
        # of what gets the keyboard, with no event.
        first = order[0]
        check(f"the board with the keyboard says its first note: {readings[first]}",
              wait_for("the first note said", lambda: reading() == readings[first]))

        # Tab and Shift+Tab: the notes in timeline order, Room Booked and
        # its problems among them.
        for note in order[1:order.index("evt-room-booked") + 1]:
            xdo("key", "Tab")
            check(f"Tab: {readings[note]}", hears(note))
        check("a note with problems says how many and what they are",
              "2 problems: " in readings["evt-room-booked"][1] and reading() == readings["evt-room-booked"])
        xdo("key", "shift+Tab")
        previous = order[order.index("evt-room-booked") - 1]
        check(f"Shift+Tab: {readings[previous]}", hears(previous))
        xdo("key", "Tab")
        hears("evt-room-booked")

        # End and Home: the last and the first note of the lane.
        for key, end in (("End", -1), ("Home", 0)):
            lane = next(n["lane"] for n in model["notes"] if n["id"] == by_reading.get(reading()))
            target = [note for note in order if next(n["lane"] for n in model["notes"] if n["id"] == note) == lane][end]
            xdo("key", key)
            check(f"{key}: {readings[target]}", wait_for(f"the board to say {readings[target]}",
                                                        lambda: reading() == readings[target]))

        # The arrow keys go across the board: each note the focus lands on
        # is said, whole.
        for key in ("Right", "Up", "Left", "Down"):
            before = reading()
            start = events.count()
            xdo("key", key)
            # Left of a lane's first note, its header.
            after = wait_for(f"the board to say another note after {key}", lambda: (
                lambda now: now if now != before and (now in by_reading or now[0].startswith("Lane ")) else None)(
                    reading()))
            check(f"{key}: {after}",
                  any(source == board and value == after[0] for _, source, value in events.since(start)))

        # The buttons: each with a name, none "GtkImage"; the header's by
        # theirs.
        def buttons():
            found = []

            def walk(accessible):
                for child in accessible:
                    if child is None:
                        continue
                    if child.getRoleName() in ("push button", "toggle button"):
                        found.append(child)
                    walk(child)
            walk(frame)
            return found

        unnamed = [b.description for b in buttons() if not b.name or b.name.startswith("Gtk")]
        check(f"every button has a name (unnamed: {unnamed})", not unnamed)
        names = {b.name for b in buttons()}
        for name in ("Find Notes", "Main Menu", "Undo", "Redo", "Show the Guide"):
            check(f"the header's “{name}” is read by its name", name in names)

        # A toast's close button too: Delete shows one.
        text = next(n["text"] for n in model["notes"] if n["id"] == by_reading[reading()])
        xdo("key", "Delete")

        # A note that something needs asks first, listing what it breaks;
        # its Remove button is read by its name, and removes it.
        def toast_or_remove():
            toast = find_accessible(frame, lambda a: a.name == f"Deleted “{text}”")
            if toast is not None:
                return toast
            # GTK 4.8 names it with its mnemonic first: “_Remove Remove”.
            remove = find_accessible(accessible_app, lambda a: a.getRoleName() == "push button"
                                     and a.name.split()[-1:] == ["Remove"])
            if remove is not None:
                remove.queryAction().doAction(0)
            return None
        wait_for("the toast", toast_or_remove)
        check("the toast's close button is read as “Dismiss”", wait_for("the toast's close button", lambda: find_accessible(
            frame, lambda a: a.getRoleName() == "push button" and a.name == "Dismiss")))
        unnamed = [b.description for b in buttons() if not b.name or b.name.startswith("Gtk")]
        check(f"with a toast, every button has a name (unnamed: {unnamed})", not unnamed)
    except (Stuck, subprocess.CalledProcessError) as error:
        check(f"the screen reader's pass went through ({error})", False)
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
