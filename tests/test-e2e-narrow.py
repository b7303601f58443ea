#!/usr/bin/python3
# test-e2e-narrow.py: the real window at GNOME's smallest width, 360
# pixels, resized through X (xdotool) and read through AT-SPI: every
# widget shown lies inside the window, with the guide and the inspector
# closed, opened by the keyboard (they come over the board), and the guide
# closed again with Escape.
#
# Runs under a display and a session bus (xvfb-run, dbus-run-session);
# prints TAP. Waits poll for a state with a generous limit, never for a time.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import (Stuck, check, finish, import_atspi, start_app, stop_app,  # noqa: E402
                           wait_for, x_window_geometry, x_window_of, xdo)

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "data", "examples", "hotel.stormline")
TITLE = "Hotel — Stormline"
WIDTH, HEIGHT = 360, 294


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "hotel.stormline")
    shutil.copy(EXAMPLE, path)

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

    def showing(accessible):
        """GTK 4.8 never says "showing"; what it does not show (a squeezed
        or slid out widget) it says is not visible."""
        return accessible.getState().contains(pyatspi.STATE_VISIBLE)

    def named(accessible, name):
        if accessible is None or not showing(accessible):
            return None
        if accessible.name == name:
            return accessible
        for child in accessible:
            found = named(child, name)
            if found is not None:
                return found
        return None

    def slid_out(accessible):
        """GTK 4.8 still lists a widget that never slid in, with no width."""
        return accessible is None or accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS).width == 0

    def outside(frame, window):
        """The showing widgets whose extents leave the X window's; what
        scrolls may lie beyond its scrolled window (it scrolls into view).
        The window's coordinates start inside its client-side frame."""
        _, _, width, height = x_window_geometry(window)
        content = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        left, top = content.x - (width - content.width) // 2, content.y - (height - content.height) // 2
        found = []

        def walk(accessible):
            for child in accessible:
                if child is None or not showing(child):
                    continue
                try:
                    e = child.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                except NotImplementedError:
                    continue
                if e.width > 0 and e.height > 0 and (
                        e.x < left or e.y < top or e.x + e.width > left + width or e.y + e.height > top + height):
                    found.append(f"{child.getRoleName()} “{child.name}” at {e.x},{e.y} {e.width}×{e.height}")
                if child.getRoleName() not in ("scroll pane", "viewport"):
                    walk(child)

        walk(frame)
        return found

    def all_inside(frame, window, what):
        """Waits until every showing widget lies inside the window: panels
        sliding in lie partly outside until they are in."""
        try:
            wait_for(f"every widget inside the window {what}", lambda: not outside(frame, window))
            return True
        except Stuck:
            print(f"# outside the window {what}: {'; '.join(outside(frame, window))}")
            return False

    app = start_app(work, path)
    try:
        accessible_app = wait_for("the application on the accessibility bus", find_app)
        frame = wait_for("the window", lambda: frame_named(accessible_app, TITLE))
        window = x_window_of(app)
        xdo("windowfocus", "--sync", window)

        # 1. Narrow: X and the window's accessible both say so.
        xdo("windowsize", window, WIDTH, HEIGHT)
        check("the window takes 360 × 294 pixels",
              wait_for("the window at 360 × 294", lambda: x_window_geometry(window)[2:] == (WIDTH, HEIGHT)))
        wait_for("the window's content at 360 pixels at most", lambda: 0 < frame.queryComponent().getExtents(
            pyatspi.WINDOW_COORDS).width <= WIDTH)
        wait_for("the compact palette", lambda: named(frame, "Add Note"))
        check("every widget lies inside the window at 360 pixels", all_inside(frame, window, "at 360 pixels"))

        # 2. The guide, by the keyboard: over the board, inside the window.
        xdo("key", "F9")
        wait_for("the guide", lambda: named(frame, "The Process"))
        check("the guide opened by F9 lies inside the window", all_inside(frame, window, "with the guide"))

        # 3. The inspector, by the keyboard, too.
        xdo("key", "alt+Return")
        wait_for("the inspector", lambda: not slid_out(named(frame, "SlInspector")))
        check("the inspector opened by Alt+Enter lies inside the window", all_inside(frame, window, "with the inspector"))

        # 4. Escape closes the guide.
        xdo("key", "Escape")
        check("Escape closes the guide",
              wait_for("the guide gone", lambda: named(frame, "The Process") is None))
        check("every widget lies inside the window once they are closed", all_inside(frame, window, "at the end"))
    except (Stuck, subprocess.CalledProcessError) as error:
        check(f"the run went through ({error})", False)
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
