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

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


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
    finally:
        shutil.rmtree(destdir)

    print(f"1..{len(results)}")
    failed = 0
    for number, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} {name}")
        if not ok:
            failed += 1
            print(f"# {detail}")
    return 1 if failed else 0


sys.exit(main())
