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


def x_window_geometry(xid):
    """Where the X window @xid is and its size: x, y, width, height."""
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                              capture_output=True, text=True, check=True).stdout
    values = dict(line.split("=") for line in geometry.split())
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])
