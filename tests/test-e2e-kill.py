#!/usr/bin/python3
# test-e2e-kill.py: kills the real Stormline with SIGKILL at a random moment
# while a user adds notes with the keyboard, starts it again, restores the
# draft from the dialog it offers, saves, and compares the file with the
# notes typed: only notes finished in the last second before the kill may
# be missing, the note being typed may be there empty, and nothing else
# may differ.
#
# Trials: STORMLINE_KILL_TRIALS (20), seed STORMLINE_KILL_SEED (12). Prints
# TAP, then the edits lost per kill, worst and median. Every wait polls for
# a state: a window on the accessibility bus, a focused editor, the file
# changed, the draft gone. The only sleeps are the random moments of the
# kills. Runs under a display and a session bus (xvfb-run,
# dbus-run-session).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import faulthandler
import json
from collections import Counter
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import Stuck, check, click_at, finish, import_atspi, is_board, start_app, wait_for, xdo  # noqa: E402

MODEL = {
    "stormline": 1,
    "title": "Booking",
    "lanes": [
        {"id": "lane-ui", "kind": "interaction", "name": "Commands and views"},
        {"id": "lane-room", "kind": "events", "name": "Room"},
    ],
}
TITLE = "Booking — Stormline"
MODIFIED_TITLE = "• " + TITLE

LOSS_LIMIT = 1.0  # seconds of edits a kill may lose
KILL_WITHIN = 4.0  # the kill comes this long after the app is up, at most


class App:
    """One run of Stormline on the model's file, on the accessibility bus."""

    def __init__(self, atspi, work, path, env):
        self.atspi = atspi
        self.process = start_app(work, path, env=env)
        self.root = wait_for("the application on the accessibility bus", self.find_root)

    def find_root(self):
        for candidate in self.atspi.Registry.getDesktop(0):
            try:
                if candidate is not None and candidate.get_process_id() == self.process.pid:
                    return candidate
            except Exception:
                pass
        return None

    def find(self, root, predicate):
        try:
            if predicate(root):
                return root
            for child in root:
                if child is not None:
                    found = self.find(child, predicate)
                    if found is not None:
                        return found
        except Exception:
            pass  # the tree changed while it was read
        return None

    def frame(self, title):
        """The window @title (GTK 4.8 gives a window opened while a dialog
        is up the role of a filler, not of a frame)."""
        for window in self.root:
            if window is not None and window.name == title:
                return window
        return None

    def has(self, accessible, state):
        try:
            return accessible.getState().contains(state)
        except Exception:
            return False  # gone

    def x_windows(self):
        return subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                              capture_output=True, text=True).stdout.split()

    def x_titles(self):
        return [subprocess.run(["xdotool", "getwindowname", xid], capture_output=True, text=True).stdout.strip()
                for xid in self.x_windows()]

    def click(self, accessible):
        """Clicks the middle of @accessible: its toplevel is the X window of
        the app with the same size, less the client-side border."""
        top = accessible
        while top.parent is not None and top.parent.getRoleName() != "application":
            top = top.parent
        top_extents = top.queryComponent().getExtents(self.atspi.WINDOW_COORDS)
        extents = accessible.queryComponent().getExtents(self.atspi.WINDOW_COORDS)
        for xid in self.x_windows():
            geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                                      capture_output=True, text=True).stdout
            values = dict(line.split("=") for line in geometry.split())
            border_x = int(values["WIDTH"]) - top_extents.width
            border_y = int(values["HEIGHT"]) - top_extents.height
            if 0 <= border_x <= 200 and border_x == border_y:
                x = int(values["X"]) + border_x // 2 + extents.x + extents.width // 2
                y = int(values["Y"]) + border_y // 2 + extents.y + extents.height // 2
                click_at(x, y)
                return
        raise Stuck(f"no X window for “{top.name}”")

    def focus_window(self, title):
        """Gives @title the keyboard with a click on its title, as a window
        manager would: the test display has none."""
        frame = wait_for(f"the window “{title}”", lambda: self.frame(title))
        label = wait_for("the window's title", lambda: self.find(
            frame, lambda a: a.getRoleName() == "label" and a.name and a.name in title))
        self.click(label)
        return frame

    def wait_alive(self, what, predicate):
        """Waits for @predicate, or for the app to be killed: then None."""
        value = wait_for(what, lambda: predicate() or self.process.poll() is not None)
        return None if self.process.poll() is not None else value

    def kill(self):
        self.process.kill()
        self.process.wait()


class Killer:
    """Kills @process with SIGKILL after @delay seconds."""

    def __init__(self, process, delay):
        self.process = process
        self.killed_at = None
        self.timer = threading.Timer(delay, self.kill)
        self.timer.start()

    def kill(self):
        self.killed_at = time.monotonic()
        self.process.send_signal(signal.SIGKILL)

    def wait(self):
        """Waits for the kill; returns its moment."""
        self.timer.join()
        self.process.wait()
        return self.killed_at


def notes_in(path):
    with open(path) as f:
        return [note.get("text", "") for note in json.load(f).get("notes", [])]


def main():
    atspi = import_atspi()
    if atspi is None:
        return
    # A call that never returns (an accessibility call to an app that is
    # stuck) shows where it hung before the test's time runs out.
    faulthandler.dump_traceback_later(1100, exit=True)

    trials = int(os.environ.get("STORMLINE_KILL_TRIALS", "20"))
    seed = int(os.environ.get("STORMLINE_KILL_SEED", "12"))
    rng = random.Random(seed)

    work = tempfile.mkdtemp(prefix="stormline-kill-")
    path = os.path.join(work, "booking.stormline")
    state = os.path.join(work, "state")
    drafts = os.path.join(state, "stormline", "drafts")
    with open(path, "w") as f:
        json.dump(MODEL, f, indent=2)
        f.write("\n")
    env = {"XDG_STATE_HOME": state}

    def left_drafts():
        # A write the kill cut short leaves a hidden temporary file, not a draft.
        names = os.listdir(drafts) if os.path.isdir(drafts) else []
        return [name for name in names if name.endswith(".draft") and not name.startswith(".")]

    def read():
        with open(path) as f:
            return f.read()

    kept = []       # the notes in the file
    losses = []     # per kill, how long before it the oldest edit lost was made
    failures = []
    restored = 0
    app = None
    try:
        for trial in range(trials):
            began = time.monotonic()
            app = App(atspi, work, path, env)
            frame = app.focus_window(TITLE)
            board = wait_for("the board", lambda: app.find(frame, is_board))

            # Notes typed until the kill, each with the moment its editor
            # closed: from then on it is in the model. The note being typed
            # when the kill comes may be there empty, or not at all.
            killer = Killer(app.process, rng.uniform(0.2, KILL_WITHIN))
            typed = []
            typing = None
            for i in range(100):
                typing = f"T{trial}N{i}"
                xdo("key", "e")
                editor = app.wait_alive("the note's editor", lambda: app.find(
                    board, lambda a: a.name == "Note Text" and app.has(a, atspi.STATE_FOCUSED)))
                if editor is None:
                    break
                xdo("type", "--delay", 5, typing)
                xdo("key", "Return")
                if not app.wait_alive("the editor to close",
                                      lambda: not app.has(editor, atspi.STATE_FOCUSED)
                                      or not app.has(editor, atspi.STATE_VISIBLE)):
                    break
                typed.append((typing, time.monotonic()))
                typing = None
            killed_at = killer.wait()
            app = None
            # A note seen finished only after the kill (its editor gone with
            # the app) may or may not have been drafted: it is the one
            # being typed.
            late = [text for text, at in typed if at >= killed_at]
            typed = [(text, at) for text, at in typed if at < killed_at]
            if late:
                typing = late[0]

            restored_now = bool(left_drafts())
            if restored_now:
                restored += 1
                app = App(atspi, work, path, env)
                restore = wait_for("the Restore button", lambda: app.find(
                    app.root, lambda a: a.getRoleName() == "push button" and a.name.endswith("Restore")))
                app.click(restore)
                # Away from the windows, so that no tooltip comes up.
                width, height = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True,
                                               text=True, check=True).stdout.split()
                xdo("mousemove", int(width) - 1, int(height) - 1)
                # GTK 4.8 crashes when an accessibility client reads the
                # app's windows while one is being destroyed (here the
                # dialog and the unchanged window the restored one
                # replaces): wait on the X server until they are gone.
                try:
                    wait_for("the restored window alone", lambda: app.x_titles() == [MODIFIED_TITLE])
                except Stuck as stuck:
                    raise Stuck(f"{stuck}: the X windows are {app.x_titles()}")
                before = read()
                app.focus_window(MODIFIED_TITLE)
                xdo("key", "ctrl+s")
                wait_for("the saved file", lambda: read() != before)
                wait_for("the draft to go", lambda: not left_drafts())
                app.kill()
                app = None

            now = notes_in(path)
            added = Counter(now) - Counter(kept)
            gone = Counter(kept) - Counter(now)
            missing = [(text, at) for text, at in typed if not added[text]]
            lost = max((killed_at - at for _, at in missing), default=0.0)
            losses.append(lost)
            # Besides the notes typed, only the one being typed at the kill,
            # drafted before its text came, or just after.
            extra = added - Counter(text for text, _ in typed)
            if gone or lost > LOSS_LIMIT or sum(extra.values()) > 1 or set(extra) - {"", typing}:
                failures.append(f"trial {trial}: lost the edits of the last {lost:.2f} s "
                                f"({[t for t, _ in missing]}), unexpected {sorted(extra.elements())}, "
                                f"gone {sorted(gone.elements())}")
            kept = now
            print(f"# trial {trial}: {len(typed)} notes typed, killed, "
                  f"{'restored' if restored_now else 'no draft'}, lost the last {lost:.2f} s; "
                  f"{time.monotonic() - began:.1f} s", flush=True)

        check(f"{trials} kills lost at most the last {LOSS_LIMIT:.0f} s of edits, and nothing else"
              + (f": {'; '.join(failures)}" if failures else ""), not failures)
        check(f"the draft was offered back after kills ({restored} of {trials})", restored > 0)
        print(f"# {trials} kills, seed {seed}: edits lost, worst {max(losses):.2f} s, "
              f"median {statistics.median(losses):.2f} s; {restored} drafts restored")
    except (Stuck, subprocess.CalledProcessError) as error:
        windows = []
        if app is not None:
            windows = [f"{w.getRoleName()} “{w.name}”" for w in app.root if w is not None]
        check(f"the run went through: {error} (the app's windows: {', '.join(windows) or 'none'})", False)
    finally:
        if app is not None:
            app.kill()
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
