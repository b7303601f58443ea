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


# The accessibility tree and the saved model, for the tests that read them
# (test-e2e-keyboard.py): what a screen reader and the file show.

class Accessibles:
    """The objects of the application @app on the accessibility bus."""

    def __init__(self, atspi, app):
        self.atspi = atspi
        self.app = app

    def has_state(self, accessible, state):
        try:
            return accessible.getState().contains(state)
        except Exception:
            return False

    def visible(self, accessible):
        return self.has_state(accessible, self.atspi.STATE_VISIBLE)

    def extents(self, accessible):
        try:
            e = accessible.queryComponent().getExtents(self.atspi.WINDOW_COORDS)
            return e.x, e.y, e.width, e.height
        except Exception:
            return 0, 0, 0, 0

    def shown(self, accessible):
        """Whether @accessible is visible and takes room."""
        return self.visible(accessible) and self.extents(accessible)[2] > 0

    def find(self, root, predicate):
        """The first visible object under @root that @predicate accepts."""
        if root is None:
            return None
        stack = [root]
        while stack:
            accessible = stack.pop()
            try:
                if predicate(accessible):
                    return accessible
                children = [child for child in accessible if child is not None and self.visible(child)]
            except Exception:
                continue
            stack.extend(reversed(children))
        return None

    def named(self, root, name, role=None):
        """The first shown object under @root named @name, of @role."""
        return self.find(root, lambda a: a.name == name and (role is None or a.getRoleName() == role) and
                         self.extents(a)[2] > 0)

    def focused(self, roles=None):
        """The object with the keyboard focus in any window of the app,
        of one of @roles."""
        for window in self.app:
            found = self.find(window, lambda a: self.has_state(a, self.atspi.STATE_FOCUSED) and
                              (roles is None or a.getRoleName() in roles))
            if found is not None:
                return found
        return None

    def text(self, accessible):
        try:
            text = accessible.queryText()
            return text.getText(0, text.characterCount)
        except Exception:
            return ""

    def dump(self, accessible=None, depth=0, out=None):
        """The tree under @accessible, one object a line, for a failure."""
        out = out if out is not None else []
        accessible = accessible or self.app
        x, y, w, h = self.extents(accessible)
        focus = " focused" if self.has_state(accessible, self.atspi.STATE_FOCUSED) else ""
        out.append(f"{'  ' * depth}[{accessible.getRoleName()}] {accessible.name!r} {x},{y} {w}x{h}{focus}")
        for child in accessible:
            if child is not None and self.visible(child):
                self.dump(child, depth + 1, out)
        return out


class SavedModel:
    """A model file as saved, with the questions tests ask of it."""

    def __init__(self, data):
        self.data = data

    def notes(self, kind=None):
        return [n for n in self.data.get("notes", []) if kind is None or n["kind"] == kind]

    def note(self, text):
        for note in self.notes():
            if note.get("text") == text:
                return note
        return None

    def has(self, kind, text):
        note = self.note(text)
        return note is not None and note["kind"] == kind

    def connected(self, source, target):
        s, t = self.note(source), self.note(target)
        return s is not None and t is not None and any(
            c["from"] == s["id"] and c["to"] == t["id"] for c in self.data.get("connections", []))

    def fields(self, text):
        note = self.note(text)
        return [f["name"] for f in note.get("fields", [])] if note else []

    def field(self, text, name):
        note = self.note(text)
        for field in (note or {}).get("fields", []):
            if field["name"] == name:
                return field
        return None

    def lane(self, name):
        for lane in self.data.get("lanes", []):
            if lane["name"] == name:
                return lane
        return None

    def aggregate(self, aggregate_id):
        for aggregate in self.data.get("aggregates", []):
            if aggregate["id"] == aggregate_id:
                return aggregate["name"]
        return None

    def scenario_of(self, text):
        note = self.note(text)
        for scenario in self.data.get("scenarios", []):
            if note is not None and scenario["note"] == note["id"]:
                return scenario
        return None


def x_window_geometry(xid):
    """Where the X window @xid is and its size: x, y, width, height."""
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                              capture_output=True, text=True, check=True).stdout
    values = dict(line.split("=") for line in geometry.split())
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def check_clean(path):
    """Checks that the completeness check finds nothing in the model saved
    at @path, as `stormline-cli check` says it."""
    run = subprocess.run([os.environ["STORMLINE_CLI"], "check", path], capture_output=True, text=True)
    check(f"stormline-cli check finds no problem in the saved model ({run.stdout.strip()})",
          run.returncode == 0 and run.stdout.strip().endswith(": 0 errors, 0 warnings, 0 hints"))
