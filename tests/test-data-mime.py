#!/usr/bin/python3
# test-data-mime.py: Stormline's MIME type, installed into a database of its
# own next to freedesktop.org's, is what GIO sees in a model: by its name
# (*.stormline) and by its content (a model saved without the extension),
# while other JSON stays what it was.
#
# Usage: test-data-mime.py MIME.xml EXAMPLE.stormline
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

FREEDESKTOP = "/usr/share/mime/packages/freedesktop.org.xml"
TYPE = "application/x-stormline"

def content_type(path, env):
    out = subprocess.run(["gio", "info", "-a", "standard::content-type", path],
                         capture_output=True, text=True, env=env).stdout
    for line in out.splitlines():
        if "standard::content-type:" in line:
            return line.split(":", 3)[-1].strip()
    return None


def main():
    mime_xml, example = sys.argv[1:3]
    missing = [p for p in ("update-mime-database", "gio") if shutil.which(p) is None]
    if missing or not os.path.exists(FREEDESKTOP):
        print(f"1..0 # SKIP needs shared-mime-info and gio ({' '.join(missing)})")
        return 0

    work = tempfile.mkdtemp(prefix="stormline-mime-")
    try:
        if shutil.which("xmllint"):
            lint = subprocess.run(["xmllint", "--noout", mime_xml], capture_output=True, text=True)
            check("the MIME XML is well-formed", lint.returncode == 0, lint.stderr)

        packages = os.path.join(work, "share", "mime", "packages")
        os.makedirs(packages)
        os.makedirs(os.path.join(work, "home"))
        shutil.copy(FREEDESKTOP, packages)
        shutil.copy(mime_xml, os.path.join(packages, "io.github.stormline.Stormline.xml"))
        env = dict(os.environ, XDG_DATA_DIRS=os.path.join(work, "share"),
                   XDG_DATA_HOME=os.path.join(work, "home"))
        update = subprocess.run(["update-mime-database", os.path.join(work, "share", "mime")],
                                capture_output=True, text=True, env=env)
        check("update-mime-database takes it without a complaint",
              update.returncode == 0 and update.stderr == "", update.stderr)

        files = os.path.join(work, "files")
        os.makedirs(files)

        def write(name, data):
            path = os.path.join(files, name)
            with open(path, "wb") as f:
                f.write(data)
            return path

        with open(example, "rb") as f:
            model = f.read()
        cases = [
            ("a model named *.stormline", write("hotel.stormline", model), TYPE),
            ("a model without an extension, by its content", write("hotel", model), TYPE),
            ("a model on one line, by its content", write("small", b'{"stormline":1}\n'), TYPE),
            # A subclass of JSON found by content wins over the *.json glob.
            ("a model named *.json, a kind of JSON,", write("hotel.json", model), TYPE),
            ("other JSON is not a model", write("data", b'{"name": "stormline"}\n'), None),
        ]
        for name, path, expected in cases:
            found = content_type(path, env)
            if expected is None:
                check(name, found is not None and found != TYPE, found)
            else:
                check(f"{name} is {expected}", found == expected, found)
    finally:
        shutil.rmtree(work)

    return report()


sys.exit(main())
