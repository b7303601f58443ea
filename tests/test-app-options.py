#!/usr/bin/python3
# test-app-options.py: the stormline program's command line, as a user
# types it: --help names the files it opens, --version prints the version,
# and a build run without its compiled settings schema says what to do
# instead of aborting in GLib. Needs no display; prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import check, finish  # noqa: E402

APP = os.environ["STORMLINE_APP"]
SCHEMA_ID = "io.github.stormline.Stormline"


def run(*args, env=None):
    environment = dict(os.environ, LC_ALL="C.UTF-8", GSETTINGS_BACKEND="memory")
    environment.update(env or {})
    return subprocess.run([APP, *args], env=environment, capture_output=True, text=True, timeout=60)


result = run("--help")
check("--help succeeds", result.returncode == 0)
check("--help names the FILE… argument", "Usage:\n  stormline [OPTION…] [FILE…]\n" in result.stdout)
check("--help says what the program does", "event modeling" in result.stdout)
check("--help lists --version", "--version" in result.stdout)

result = run("--version")
check("--version succeeds", result.returncode == 0)
check("--version prints “stormline VERSION”",
      result.stdout == f"stormline {os.environ['STORMLINE_VERSION']}\n")
check("--version writes nothing else", result.stderr == "")

# Neither the build's schema nor an installed one: the search path of
# schemas is an empty folder.
with tempfile.TemporaryDirectory() as empty:
    result = run(env={"GSETTINGS_SCHEMA_DIR": empty, "XDG_DATA_DIRS": empty})
    check("without its schema the program fails with status 1", result.returncode == 1)
    check("without its schema the program says which is missing",
          f"the settings schema {SCHEMA_ID} is not installed" in result.stderr)
    check("without its schema the program says how to run it", "GSETTINGS_SCHEMA_DIR" in result.stderr)
    check("without its schema the program does not abort in GLib", "GLib-GIO-ERROR" not in result.stderr)

    result = run("--version", env={"GSETTINGS_SCHEMA_DIR": empty, "XDG_DATA_DIRS": empty})
    check("--version needs no schema", result.returncode == 0 and result.stdout.startswith("stormline "))

finish()
