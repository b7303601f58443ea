#!/usr/bin/python3
# test-data-dbus.py: Stormline started the way GNOME starts a
# DBusActivatable application. A session bus of the test's own reads the
# service file (its Exec pointed at the built program) and starts
# Stormline when its name is called: org.freedesktop.Application.Open with
# a model opens a window on it; Activate and a second Open reach the same
# process, which opens the second model in a window of its own; the quit
# action ends it and the name goes.
#
# Usage: test-data-dbus.py SERVICE STORMLINE EXAMPLE APP_ID
# Runs under a display (xvfb-run); prints TAP. Waits poll for a state
# with a generous limit, never for a time.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap_results import check  # noqa: E402
from tap_results import report  # noqa: E402

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={work}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <servicedir>{services}</servicedir>
</busconfig>
"""

class Stuck(Exception):
    """A state the test waited for did not come."""


def wait_for(what, predicate, limit=90.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise Stuck(f"gave up waiting for {what}")


def main():
    service_path, stormline, example, app_id = sys.argv[1:5]
    missing = [p for p in ("dbus-daemon", "gdbus", "xdotool") if shutil.which(p) is None]
    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP no display: run under xvfb-run")
        return 0
    if missing:
        print(f"1..0 # SKIP {' '.join(missing)} not installed")
        return 0

    work = tempfile.mkdtemp(prefix="stormline-dbus-")
    services = os.path.join(work, "services")
    os.makedirs(services)
    with open(service_path) as f:
        service = f.read()
    exec_line = next(line for line in service.splitlines() if line.startswith("Exec="))
    with open(os.path.join(services, os.path.basename(service_path)), "w") as f:
        f.write(service.replace(exec_line, f"Exec={stormline} " + exec_line.split(" ", 1)[1]))
    config = os.path.join(work, "session.conf")
    with open(config, "w") as f:
        f.write(BUS_CONFIG.format(work=work, services=services))
    # A title of its own, so that no window of another test running beside
    # this one is taken for one of its windows.
    title = "Activated over D-Bus"
    with open(example) as f:
        model = f.read().replace('"title": "Hotel"', f'"title": "{title}"', 1)
    models = []
    for name in ("first.stormline", "second.stormline"):
        models.append(os.path.join(work, name))
        with open(models[-1], "w") as f:
            f.write(model)

    # The bus passes its environment on to what it starts, as a session's
    # bus does once the session has set it.
    env = dict(os.environ, HOME=work, GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo",
               LC_ALL="C.UTF-8", GTK_A11Y="none", NO_AT_BRIDGE="1",
               XDG_CONFIG_HOME=os.path.join(work, "config"), XDG_DATA_HOME=os.path.join(work, "data"),
               XDG_STATE_HOME=os.path.join(work, "state"), XDG_CACHE_HOME=os.path.join(work, "cache"))
    env.pop("G_DEBUG", None)
    bus = subprocess.Popen(["dbus-daemon", "--nofork", "--print-address=1", f"--config-file={config}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    object_path = "/" + app_id.replace(".", "/")

    def gdbus(*args):
        return subprocess.run(["gdbus", "call", "--session", *args], capture_output=True, text=True,
                              env=env, timeout=60)

    def call(method, *args):
        return gdbus("--dest", app_id, "--object-path", object_path,
                     "--method", f"org.freedesktop.Application.{method}", *args)

    def owner_pid():
        run = gdbus("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                    "--method", "org.freedesktop.DBus.GetConnectionUnixProcessID", app_id)
        return run.stdout.strip("()\n, ").split()[-1] if run.returncode == 0 else None

    def windows(title):
        run = subprocess.run(["xdotool", "search", "--name", f"^{title}$"], capture_output=True,
                             text=True, env=env, timeout=60)
        return run.stdout.split()

    try:
        check("nothing owns the name before the call", owner_pid() is None)
        uri = "file://" + models[0]
        run = call("Open", f"['{uri}']", "{}")
        check("Open starts Stormline through the service file", run.returncode == 0, run.stderr)
        first = wait_for("the name to be owned", owner_pid)
        wait_for("a window on the model", lambda: windows(f"{title} — Stormline"))
        check("the model opens in a window", len(windows(f"{title} — Stormline")) == 1)

        run = call("Activate", "{}")
        check("Activate reaches the running instance", run.returncode == 0 and owner_pid() == first,
              run.stderr)

        run = call("Open", f"['file://{models[1]}']", "{}")
        wait_for("a second window", lambda: len(windows(f"{title} — Stormline")) == 2)
        check("a second model opens in a window of its own, in the same process",
              run.returncode == 0 and owner_pid() == first and len(windows(f"{title} — Stormline")) == 2)

        run = call("ActivateAction", "quit", "[]", "{}")
        wait_for("the name to go", lambda: owner_pid() is None)
        check("the quit action ends it", run.returncode == 0)
    except Stuck as error:
        check(str(error), False)
    finally:
        pid = owner_pid()
        if pid:
            subprocess.run(["kill", pid])
        bus.terminate()
        bus.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    return report()


sys.exit(main())
