#!/usr/bin/python3
# test-data-install.py: `meson install --destdir` puts every file the
# desktop needs in its place: the programs, the desktop file, the metainfo,
# the D-Bus service, the MIME type, the icons, the GSettings schema, and the
# file format's schema and example; the service starts the program
# installed.
#
# Usage: test-data-install.py MESON BUILDDIR PREFIX APP_ID
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap_results import check  # noqa: E402
from tap_results import report  # noqa: E402

def main():
    meson, builddir, prefix, app_id = sys.argv[1:5]
    expected = [
        "bin/stormline",
        "bin/stormline-cli",
        f"share/applications/{app_id}.desktop",
        f"share/metainfo/{app_id}.metainfo.xml",
        f"share/dbus-1/services/{app_id}.service",
        f"share/mime/packages/{app_id}.xml",
        f"share/icons/hicolor/scalable/apps/{app_id}.svg",
        f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg",
        f"share/glib-2.0/schemas/{app_id}.gschema.xml",
        "share/stormline/stormline.schema.json",
        "share/stormline/examples/hotel.stormline",
    ]

    destdir = tempfile.mkdtemp(prefix="stormline-install-")
    try:
        run = subprocess.run([meson, "install", "-C", builddir, "--no-rebuild", "--quiet",
                              "--destdir", destdir], capture_output=True, text=True)
        check("meson install --destdir succeeds", run.returncode == 0, run.stdout + run.stderr)
        root = destdir + prefix
        for path in expected:
            check(f"installs {path}", os.path.isfile(os.path.join(root, path)))
        for program in ("bin/stormline", "bin/stormline-cli"):
            check(f"{program} can be run", os.access(os.path.join(root, program), os.X_OK))

        service = os.path.join(root, f"share/dbus-1/services/{app_id}.service")
        exec_line = ""
        if os.path.isfile(service):
            with open(service) as f:
                exec_line = next((line.strip() for line in f if line.startswith("Exec=")), "")
        target = exec_line[len("Exec="):].split(" ")[0]
        check("the service starts the installed program",
              target == os.path.join(prefix, "bin", "stormline")
              and os.path.isfile(destdir + target), exec_line)

        if shutil.which("update-mime-database") and shutil.which("update-desktop-database"):
            share = os.path.join(root, "share")
            subprocess.run(["update-mime-database", os.path.join(share, "mime")], capture_output=True)
            subprocess.run(["update-desktop-database", os.path.join(share, "applications")],
                           capture_output=True)
            # Nothing of this system's own, and the program installed on the
            # PATH, as GIO only offers applications it can run.
            empty = os.path.join(destdir, "empty")
            os.makedirs(empty)
            env = dict(os.environ, LC_ALL="C.UTF-8", XDG_DATA_DIRS=share, XDG_DATA_HOME=empty, XDG_CONFIG_HOME=empty,
                       XDG_CONFIG_DIRS=empty, PATH=os.path.join(root, "bin") + os.pathsep + os.environ["PATH"])
            example = os.path.join(share, "stormline", "examples", "hotel.stormline")
            info = subprocess.run(["gio", "info", "-a", "standard::content-type", example],
                                  capture_output=True, text=True, env=env).stdout
            check("an installed model is a Stormline model",
                  "standard::content-type: application/x-stormline" in info, info)
            default = subprocess.run(["gio", "mime", "application/x-stormline"],
                                     capture_output=True, text=True, env=env).stdout
            check("Stormline is the default application for its models",
                  f"Default application for \u201capplication/x-stormline\u201d: {app_id}.desktop" in default,
                  default)
    finally:
        shutil.rmtree(destdir)

    return report()


sys.exit(main())
