#!/usr/bin/python3
# test-e2e-instance.py: one Stormline, a window per model. A model given
# on the command line opens in a window; a second `stormline FILE` hands
# FILE to the running program, which opens it in a new window or shows
# the window it already has; and the same holds when the desktop started
# the program as a D-Bus service (DBusActivatable, --gapplication-service).
#
# Windows are found by their title on the X display; waits poll for a
# state, never for a time. Runs under a display and a session bus
# (xvfb-run, dbus-run-session); prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import Stuck, check, finish, start_app, stop_app, wait_for  # noqa: E402


def windows_titled(pid, title):
    """The shown X windows of the process @pid whose title starts with @title."""
    out = subprocess.run(["xdotool", "search", "--all", "--onlyvisible", "--pid", str(pid), "--name", f"^{title} — Stormline$"],
                         capture_output=True, text=True, timeout=60).stdout
    return out.split()


def run_again(work, *args):
    """Runs stormline as a second process, which hands its files over and ends."""
    second = start_app(work, *args)
    try:
        return second.wait(timeout=60)
    except subprocess.TimeoutExpired:
        stop_app(second)
        return None


def name_is_free():
    """Whether no process owns the application's name on the session bus:
    the bus frees it once it sees a stopped owner's connection close."""
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                          "--object-path", "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner",
                          "io.github.stormline.Stormline"], capture_output=True, text=True, timeout=60).stdout
    return out.strip() == "(false,)"


def write_model(work, name, title):
    with open(os.environ["STORMLINE_EXAMPLE"], encoding="utf-8") as f:
        text = f.read().replace('"title": "Hotel"', f'"title": "{title}"', 1)
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def main():
    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP no display: run under xvfb-run")
        return
    if shutil.which("xdotool") is None:
        print("1..0 # SKIP xdotool is not installed")
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-instance-")
    hotel = write_model(work, "hotel.stormline", "Hotel")
    motel = write_model(work, "motel.stormline", "Motel")
    inn = write_model(work, "inn.stormline", "Inn")
    hostel = write_model(work, "hostel.stormline", "Hostel")
    app = None
    try:
        # A model given on the command line.
        app = start_app(work, hotel)
        check("a model given on the command line opens in a window",
              wait_for("the hotel's window", lambda: windows_titled(app.pid, "Hotel")))

        # A second `stormline FILE`: handed to the first, a new window.
        check("a second stormline ends once it has handed its file over", run_again(work, motel) == 0)
        check("the running stormline opens the second model in a new window",
              wait_for("the motel's window", lambda: windows_titled(app.pid, "Motel")))
        check("the first window stays", len(windows_titled(app.pid, "Hotel")) == 1)

        # The same model again: the window it has, not a second one.
        check("a model already open is handed over too", run_again(work, hotel) == 0)
        check("a third model still opens", run_again(work, inn) == 0)
        wait_for("the inn's window", lambda: windows_titled(app.pid, "Inn"))
        check("a model already open keeps its one window", len(windows_titled(app.pid, "Hotel")) == 1)
        stop_app(app)
        app = None
        wait_for("the application's name to be free", name_is_free)

        # Started by D-Bus activation: a service with no window of its
        # own, which opens what the desktop and `stormline FILE` hand it.
        app = start_app(work, "--gapplication-service")
        wait_for("the service on the bus", lambda: not name_is_free())
        check("as a service, stormline FILE is handed over", run_again(work, hostel) == 0)
        check("as a service, the model opens in a window of the service",
              wait_for("the hostel's window", lambda: windows_titled(app.pid, "Hostel")))
    except Stuck as error:
        check(str(error), False)
    finally:
        if app is not None:
            stop_app(app)
        shutil.rmtree(work, ignore_errors=True)
    finish()


main()
