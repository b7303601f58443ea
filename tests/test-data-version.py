#!/usr/bin/python3
# test-data-version.py: one version everywhere a user or a store reads it.
# meson.build's project version, the newest <release> of the metainfo, the
# tag the screenshots and the Flatpak manifest are taken from, and what
# `stormline --version` and `stormline-cli --version` print all agree.
#
# Usage: test-data-version.py VERSION METAINFO MANIFEST STORMLINE STORMLINE_CLI
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap_results import check  # noqa: E402
from tap_results import report  # noqa: E402

SCREENSHOTS = ["board.png", "guide.png", "inspector.png", "check.png", "board-dark.png", "narrow.png"]

def first_line(*argv):
    run = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    lines = run.stdout.splitlines()
    return run.returncode, (lines[0] if lines else ""), run.stderr.strip()


def main():
    version, metainfo, manifest, stormline, stormline_cli = sys.argv[1:6]
    tag = f"v{version}"

    component = ET.parse(metainfo).getroot()
    releases = component.findall("releases/release")
    check("the metainfo has releases", releases)
    newest = releases[0].get("version") if releases else None
    check(f"the newest release is {version}", newest == version, f"newest release: {newest}")

    dates = [datetime.date.fromisoformat(r.get("date")) for r in releases]
    check("releases are listed newest first, each with its notes",
          dates == sorted(dates, reverse=True)
          and all(r.find("description/p") is not None for r in releases),
          [r.get("version") for r in releases])

    images = [s.findtext("image") for s in component.findall("screenshots/screenshot")]
    prefix = f"https://raw.githubusercontent.com/stormline/stormline/{tag}/docs/screenshots/"
    check(f"screenshots are taken from the tag {tag}",
          images and all(i.startswith(prefix) for i in images), images)
    check("the screenshots are the project's, the board first",
          [i[len(prefix):] for i in images] == SCREENSHOTS, images)
    check("every screenshot has a caption",
          all((s.findtext("caption") or "").strip() for s in component.findall("screenshots/screenshot")))

    with open(manifest) as f:
        sources = [s for m in json.load(f)["modules"] for s in m.get("sources", [])]
    check(f"the Flatpak manifest builds the tag {tag}", [s.get("tag") for s in sources] == [tag],
          [s.get("tag") for s in sources])

    status, line, err = first_line(stormline_cli, "--version")
    check(f"stormline-cli --version prints stormline-cli {version}",
          status == 0 and line == f"stormline-cli {version}", f"{status}: {line!r} {err}")

    status, line, err = first_line(stormline, "--version")
    check(f"stormline --version prints stormline {version}",
          status == 0 and line == f"stormline {version}", f"{status}: {line!r} {err}")
    sys.exit(report())


main()
