#!/usr/bin/python3
# test-data-appstream.py: appstreamcli validate --no-net --strict on the
# built metainfo, where any issue but a pedantic hint fails.
#
# One issue is let through, and only before AppStream 1.0: Debian 12's
# AppStream 0.16 does not know <developer id="…"><name>, which AppStream
# 1.0 and Flathub ask for in place of <developer_name> (deprecated there,
# so that 1.0's strict check fails on it). 0.16 reports the tag as
# "unknown-tag developer"; every other issue still fails the test.
#
# Usage: test-data-appstream.py APPSTREAMCLI METAINFO
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import subprocess
import sys

appstreamcli, metainfo = sys.argv[1:3]

version_out = subprocess.run([appstreamcli, "--version"], capture_output=True, text=True).stdout
match = re.search(r"(\d+)\.(\d+)", version_out)
major = int(match.group(1)) if match else 0

run = subprocess.run([appstreamcli, "validate", "--no-net", "--strict", "--explain", metainfo],
                     capture_output=True, text=True)
print(run.stdout + run.stderr)
if run.returncode == 0:
    sys.exit(0)

issues = re.findall(r"^([EWIP]): \S+ (\S+)(?: (.*))?$", run.stdout, re.M)
fatal = [i for i in issues if i[0] != "P"
         and not (major < 1 and i[1] == "unknown-tag" and i[2] == "developer")]
if not issues or fatal:
    print("fails: " + "; ".join(" ".join(i) for i in fatal) if fatal else "no issue could be read")
    sys.exit(1)
print(f"passes: AppStream {major}.x does not know <developer> yet")
