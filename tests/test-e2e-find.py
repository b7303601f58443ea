#!/usr/bin/python3
# test-e2e-find.py: finding notes in the real window by the keyboard alone
# (xdotool), read through AT-SPI as a screen reader would: Ctrl+F, a query
# typed, "1 of N"; Enter and Shift+Enter step through what was found, the
# board's note following and the entry saying where the bar is and at
# which note; Escape gives the board the keyboard back; Ctrl+F again shows
# the query, selected, and finds it again.
#
# Runs under a display and a session bus (xvfb-run, dbus-run-session);
# prints TAP. Waits poll for a state with a generous limit, never for a time.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import (AccessibleEvents, Stuck, check, find_accessible, find_application, finish,  # noqa: E402
                           focused, import_atspi, is_board, start_app, stop_app, wait_for, x_window_of, xdo)

TITLE = "Hotel — Stormline"
QUERY = "room"


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "hotel.stormline")
    shutil.copyfile(os.environ["STORMLINE_EXAMPLE"], path)

    events = AccessibleEvents("object:property-change:accessible-description")
    app = start_app(work, path)
    try:
        accessible_app = wait_for("the application on the accessibility bus", lambda: find_application(pyatspi))
        frame = wait_for("the window", lambda: find_accessible(
            accessible_app, lambda a: a.getRoleName() == "frame" and a.name == TITLE))
        window = x_window_of(app)
        xdo("windowfocus", "--sync", window)
        board = wait_for("the board with the keyboard", lambda: (
            lambda a: a if a is not None and is_board(a) else None)(focused(frame, pyatspi)))

        def entry_with_keyboard():
            a = focused(frame, pyatspi)
            return a if a is not None and a.name == "Find Notes" and a.getRoleName() == "entry" else None

        def text_of(entry):
            text = entry.queryText()
            return text.getText(0, text.characterCount)

        def status(position, total=None):
            """The label beside the entry once it says "@position of N"."""
            def says():
                label = find_accessible(frame, lambda a: a.getRoleName() == "label" and
                                        re.fullmatch(r"\d+ of \d+", a.name or "") is not None)
                if label is None:
                    return None
                at, of = map(int, label.name.split(" of "))
                return (at, of) if at == position and (total is None or of == total) else None
            return wait_for(f"the find bar at {position}", says)

        def says_note(entry, position, total):
            """Whether the entry's description, sent as an event, says where
            the bar is and the note the board says it is at."""
            description = f"{position} of {total}, {board.name}"
            wait_for(f"the entry to say “{description}”", lambda: entry.description == description)
            return any(source == entry and value == description for _, source, value in events.since(0))

        # Ctrl+F, and the query typed: the first note found.
        xdo("key", "ctrl+f")
        entry = wait_for("the entry with the keyboard", entry_with_keyboard)
        xdo("type", "--delay", 30, QUERY)
        wait_for("the query typed", lambda: text_of(entry) == QUERY)
        _, total = status(1)
        check(f"typing finds notes: 1 of {total}", total > 2)
        first = board.name
        check(f"the entry says where the bar is and at which note: {entry.description}",
              says_note(entry, 1, total))

        # Enter: the next, the board's note with it.
        xdo("key", "Return")
        status(2, total)
        wait_for("the board at the second note", lambda: board.name != first)
        second = board.name
        check(f"Enter goes to the second note found: {second}", says_note(entry, 2, total))
        check("the keyboard stays in the entry", entry_with_keyboard() is not None)

        # Shift+Enter: back.
        xdo("key", "shift+Return")
        status(1, total)
        wait_for("the board at the first note again", lambda: board.name == first)
        check("Shift+Enter goes back to the first note found", says_note(entry, 1, total))

        # Escape: closed, the board has the keyboard, on the note found.
        xdo("key", "Escape")
        wait_for("the board with the keyboard again", lambda: focused(frame, pyatspi) == board)
        check("Escape gives the board the keyboard, on the note found", board.name == first)

        # Ctrl+F again: the query back, selected to be typed over, found again.
        xdo("key", "ctrl+f")
        entry = wait_for("the entry with the keyboard", entry_with_keyboard)
        check("Ctrl+F again shows the query", wait_for("the query back", lambda: text_of(entry) == QUERY))
        selection = entry.queryText().getSelection(0) if entry.queryText().getNSelections() > 0 else None
        check(f"the query is selected ({selection})", selection is not None and
              (selection[0], selection[1]) == (0, len(QUERY)))
        check("and found again", status(1, total) is not None)
    except (Stuck, subprocess.CalledProcessError) as error:
        check(f"the find went through ({error})", False)
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
