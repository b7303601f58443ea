#!/usr/bin/python3
# test-generate.py: the board generator of bench/ (stormline-generate N
# FILE) makes a board of every size it accepts, past the row of slices the
# board's width holds, and exits non-zero with one line that says why when
# it cannot. Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile

GENERATE = sys.argv[1]
results = []


def check(name, condition, detail=""):
    results.append((name + (f" ({detail})" if detail and not condition else ""), bool(condition)))


def run(*args):
    return subprocess.run([GENERATE, *args], capture_output=True, text=True, timeout=300)


with tempfile.TemporaryDirectory(prefix="stormline-generate-") as tmp:
    # One row of slices holds about 111,000 notes: more wrap into a second band.
    path = os.path.join(tmp, "board.stormline")
    result = run("120000", path)
    check("120,000 notes: exit 0", result.returncode == 0, result.stderr[:500])
    check("120,000 notes: nothing on standard error", result.stderr == "", result.stderr[:500])
    if result.returncode == 0:
        with open(path, encoding="utf-8") as f:
            board = json.load(f)
        notes = board["notes"]
        check("120,000 notes: the file holds them all", len(notes) >= 120000, str(len(notes)))
        check("120,000 notes: every note on the board",
              all(abs(n["x"]) <= 10000000 and 0 <= n.get("y", 0) <= 10000000 for n in notes))
        check("120,000 notes: a second band, lower in the lanes",
              any(n.get("y", 0) > 0 for n in notes))

    for name, args in (("no file", ["10"]), ("not a number", ["many", path]),
                       ("zero notes", ["0", path]), ("too many", ["10000001", path])):
        result = run(*args)
        check(f"{name}: exit 2 with the usage", result.returncode == 2 and "Usage:" in result.stderr,
              f"exit {result.returncode}: {result.stderr[:200]}")

    missing = os.path.join(tmp, "no such folder", "board.stormline")
    result = run("10", missing)
    lines = result.stderr.splitlines()
    check("unwritable file: exit 2", result.returncode == 2, f"exit {result.returncode}")
    check("unwritable file: one line naming the file",
          len(lines) == 1 and missing in lines[0], result.stderr[:500])

print(f"1..{len(results)}")
for i, (name, ok) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
