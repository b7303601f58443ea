#!/usr/bin/python3
# test-e2e-reload.py: the real window and its file rewritten on disk, as a
# `git pull` does: the bar over the board says so, read through AT-SPI as a
# screen reader would; its Reload button, pressed, brings the file's model
# onto the board, where finding its new note (Ctrl+F) finds it.
#
# Runs under a display and a session bus (xvfb-run, dbus-run-session);
# prints TAP. Waits poll for a state with a generous limit, never for a time.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import (Accessibles, Stuck, check, find_accessible, find_application, finish,  # noqa: E402
                           focused, import_atspi, is_board, start_app, stop_app, wait_for, window_offset,
                           click_at, x_window_of, xdo)

TITLE = "Hotel — Stormline"
NEW_NOTE = "Pulled from the remote"


def rewrite(path):
    """Writes the model as another program would: a note more, in place."""
    with open(path) as f:
        model = json.load(f)
    model["notes"].append({"id": "cmt-pulled", "kind": "comment", "text": NEW_NOTE,
                           "lane": "lane-interaction", "x": 4000})
    with open(path, "w") as f:
        json.dump(model, f, indent=2)


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "hotel.stormline")
    shutil.copyfile(os.environ["STORMLINE_EXAMPLE"], path)

    app = start_app(work, path)
    try:
        accessible_app = wait_for("the application on the accessibility bus", lambda: find_application(pyatspi))
        a = Accessibles(pyatspi, accessible_app)
        frame = wait_for("the window", lambda: find_accessible(
            accessible_app, lambda x: x.getRoleName() == "frame" and x.name == TITLE))
        window = x_window_of(app)
        xdo("windowfocus", "--sync", window)
        wait_for("the board with the keyboard", lambda: (
            lambda x: x if x is not None and is_board(x) else None)(focused(frame, pyatspi)))
        check("no Reload offered while the file is as it was", a.find(
            frame, lambda x: x.name == "Reload" and a.shown(x)) is None)

        rewrite(path)
        text = "The file was changed by another program."
        label = wait_for("the bar saying the file changed", lambda: find_accessible(
            frame, lambda x: x.getRoleName() == "label" and x.name == text and a.shown(x)))
        check(f"the bar says: {label.name}", label is not None)
        button = wait_for("its Reload button", lambda: a.find(
            frame, lambda x: x.name == "Reload" and x.getRoleName() in ("push button", "button") and a.shown(x)))
        check("it offers Reload", button is not None)

        # Pressed as a user does, with the pointer, once the bar has slid in.
        last = [None]

        def settled():
            now = a.extents(button)
            same = now == last[0]
            last[0] = now
            return now if same else None
        x, y, w, h = wait_for("the bar in place", settled)
        ox, oy = window_offset(window, frame, pyatspi)
        click_at(ox + x + w // 2, oy + y + h // 2)

        # The new window on the same file takes the old one's place.
        old_path = frame.path

        def new_frame():
            try:
                frames = [f for f in accessible_app if f is not None and f.name == TITLE]
                return frames[0] if len(frames) == 1 and frames[0].path != old_path else None
            except Exception:
                # The old window's objects go while they are listed.
                return None
        frame = wait_for("the reloaded window", new_frame)
        check("the window shows the file's model, unmodified", frame.name == TITLE)

        window = wait_for("its X window", lambda: subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
            capture_output=True, text=True).stdout.split())[-1]
        xdo("windowfocus", "--sync", window)
        wait_for("the board with the keyboard", lambda: (
            lambda x: x if x is not None and is_board(x) else None)(focused(frame, pyatspi)))

        # The board has the new note: finding it finds one.
        xdo("key", "ctrl+f")
        entry = wait_for("the find entry", lambda: (
            lambda x: x if x is not None and x.name == "Find Notes" and x.getRoleName() == "entry" else None)(
                focused(frame, pyatspi)))
        xdo("type", "--delay", 30, NEW_NOTE)
        found = wait_for("the note found", lambda: find_accessible(
            frame, lambda x: x.getRoleName() == "label" and re.fullmatch(r"1 of 1", x.name or "") is not None))
        check("the board shows the note written on disk", found is not None)
        check("the entry is the find bar's", entry is not None)
        check("the bar is gone", find_accessible(
            frame, lambda x: x.getRoleName() == "label" and x.name == text and a.shown(x)) is None)
    except (Stuck, subprocess.CalledProcessError) as error:
        check(f"the reload went through ({error})", False)
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
