# stormline_bench.py: what the benchmark scripts of bench/ share: a
# display of their own, a home of the program's own, percentiles.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import math
import os
import subprocess
import sys

SCREEN = "-screen 0 2048x1280x24 -nolisten tcp -noreset"
SCHEMA_PATH = "io/github/stormline/Stormline"


def under_display(script):
    """Runs @script again under an Xvfb and a D-Bus session of its own
    when there is no display; returns when there is one."""
    if os.environ.get("DISPLAY") or os.environ.get("STORMLINE_BENCH_INNER"):
        return
    env = dict(os.environ, STORMLINE_BENCH_INNER="1")
    command = ["dbus-run-session", "--", "xvfb-run", "-a", "-s", SCREEN,
               sys.executable, os.path.abspath(script), *sys.argv[1:]]
    sys.exit(subprocess.run(command, env=env).returncode)


def percentile(values, p):
    """The nearest-rank percentile @p of @values."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * p / 100)) - 1]


def app_environment(folder, build, width, height):
    """The environment of a program with its settings, drafts and recent
    files in @folder, none of the user's, and a window of @width x
    @height (a fixed default size: Xvfb has no window manager to
    maximize it)."""
    xdg = {name: os.path.join(folder, "xdg", name) for name in ("config", "data", "state", "cache")}
    settings = os.path.join(xdg["config"], "glib-2.0", "settings")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write(f"[{SCHEMA_PATH}]\nwindow-width={width}\nwindow-height={height}\n"
                "window-maximized=false\nfirst-run=false\n")
    return dict(os.environ,
                GSETTINGS_BACKEND="keyfile",
                GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"),
                GSK_RENDERER="cairo",
                XDG_CONFIG_HOME=xdg["config"], XDG_DATA_HOME=xdg["data"],
                XDG_STATE_HOME=xdg["state"], XDG_CACHE_HOME=xdg["cache"])
