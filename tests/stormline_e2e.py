# stormline_e2e.py: what the end-to-end tests share: their results as TAP,
# waits for a state (never for a time), xdotool, and the application
# started and stopped as a user would.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

results = []


class Stuck(Exception):
    """A state the test waited for did not come."""


def check(name, condition):
    results.append((name, bool(condition)))
    return condition


def finish():
    print(f"1..{len(results)}")
    for i, (name, ok) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    sys.exit(0 if results and all(ok for _, ok in results) else 1)


def wait_for(what, predicate, limit=90.0):
    """Polls @predicate until it gives a value, with a generous limit for a
    loaded machine."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise Stuck(f"gave up waiting for {what}")


def xdo(*args):
    """Runs xdotool; one that waits (--sync) for what never comes is stuck,
    not a hung test."""
    try:
        subprocess.run(["xdotool", *map(str, args)], check=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise Stuck(f"xdotool {' '.join(map(str, args))} did not return")


def pointer_at():
    out = subprocess.run(["xdotool", "getmouselocation", "--shell"],
                         capture_output=True, text=True, timeout=60).stdout
    values = dict(line.split("=") for line in out.split())
    return int(values["X"]), int(values["Y"])


def click_at(x, y, button=1):
    """Moves the pointer to @x, @y, waits for it to be there and clicks
    (xdotool's --sync waits for a move that never comes when the pointer
    is already there)."""
    xdo("mousemove", x, y)
    wait_for(f"the pointer at {x}, {y}", lambda: pointer_at() == (x, y))
    xdo("click", button)


def x_window_of(app):
    """The X window of the process @app, once it is shown."""
    return wait_for("the X window", lambda: subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
        capture_output=True, text=True).stdout.split())[-1]


def window_offset(xid, frame, atspi):
    """Where the window coordinates of @frame, the accessible of the X
    window @xid, start on the screen: the window's client-side border
    lies around the frame."""
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                              capture_output=True, text=True, check=True).stdout
    values = dict(line.split("=") for line in geometry.split())
    extents = frame.queryComponent().getExtents(atspi.WINDOW_COORDS)
    return (int(values["X"]) + (int(values["WIDTH"]) - extents.width) // 2,
            int(values["Y"]) + (int(values["HEIGHT"]) - extents.height) // 2)


def import_atspi():
    """pyatspi, or None after printing why the test is skipped."""
    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP no display: run under xvfb-run")
        return None
    try:
        import pyatspi
    except ImportError:
        print("1..0 # SKIP pyatspi is not installed")
        return None
    return pyatspi


def start_app(work, *args, env=None):
    """Starts Stormline with @work as its home and folder, on the
    accessibility bus, with a fresh memory of its settings, and with the
    variables of @env."""
    environment = dict(os.environ)
    for name in ("GTK_A11Y", "NO_AT_BRIDGE", "G_DEBUG"):
        environment.pop(name, None)
    environment.update(HOME=work, GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo", LC_ALL="C.UTF-8")
    environment.update(env or {})
    return subprocess.Popen([os.environ["STORMLINE_APP"], *args], env=environment, cwd=work)


def stop_app(app):
    app.terminate()
    try:
        app.wait(timeout=30)
    except subprocess.TimeoutExpired:
        app.kill()


# The labels of the note kinds, as the board says them (C locale).
NOTE_KIND_LABELS = {
    "event": "Event", "command": "Command", "view": "View", "screen": "Screen",
    "automation": "Automation", "external": "External System", "actor": "Actor",
    "aggregate": "Aggregate", "hotspot": "Hotspot", "comment": "Comment",
}


def is_board(accessible):
    """Whether @accessible is the board: its name follows the keyboard
    (src/ui/sl-canvas-a11y.c), the note's kind and text, a lane header, or
    the board's own name when the keyboard is on nothing."""
    name = accessible.name or ""
    return accessible.getRoleName() == "panel" and (
        name == "Board" or name.startswith("Lane ") or name.split(": ")[0] in NOTE_KIND_LABELS.values())


def find_accessible(root, predicate):
    """The first object under @root, @root included, that @predicate
    accepts, or None; the tree may change while it is read."""
    stack = [root]
    while stack:
        accessible = stack.pop()
        try:
            if accessible is None:
                continue
            if predicate(accessible):
                return accessible
            stack.extend(reversed([child for child in accessible]))
        except Exception:
            continue
    return None


def find_application(atspi, name="stormline"):
    for candidate in atspi.Registry.getDesktop(0):
        if candidate is not None and candidate.name == name:
            return candidate
    return None


def focused(root, atspi):
    """The object under @root that has the keyboard, or None."""
    return find_accessible(root, lambda a: a.getState().contains(atspi.STATE_FOCUSED))


class AccessibleEvents:
    """The AT-SPI events of the given types, as a screen reader receives
    them: a change of a name or a description that is not sent as an
    event is a change a screen reader never hears of."""

    def __init__(self, *types):
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Atspi, GLib
        self.context = GLib.MainContext.default()
        self.received = []
        self.listener = Atspi.EventListener.new(self._received)
        for event_type in types:
            self.listener.register(event_type)

    def _received(self, event):
        try:
            self.received.append((event.type, event.source, event.any_data))
        except Exception:
            pass  # its source already gone

    def since(self, start):
        """The events received after the first @start ones, as (type,
        source, value)."""
        while self.context.pending():
            self.context.iteration(False)
        return self.received[start:]

    def count(self):
        return len(self.since(0))
