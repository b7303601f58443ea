#!/usr/bin/python3
# test-frame-timer.py: the frame timer the window benchmark reads
# (src/ui/sl-frame-timer.c): with STORMLINE_FRAME_TIMES=FILE the program
# writes its first frame and a line for every frame, and with
# STORMLINE_FRAME_SCRIPT it moves the view a step a frame and quits by
# itself. Needs a display; prints TAP. Usage: test-frame-timer.py STORMLINE
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import check, finish  # noqa: E402

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    print("1..0 # SKIP no display")
    sys.exit(0)

APP = sys.argv[1]
EXAMPLE = os.environ["STORMLINE_EXAMPLE"]
FRAMES = 5


def lines_of(path):
    with open(path) as f:
        return [line.split() for line in f]


def is_frame(words):
    try:
        return words[0] == "frame" and len(words) == 3 and float(words[1]) > 0 and float(words[2]) >= 0
    except ValueError:
        return False


for motion in ("pan", "zoom", "whole"):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "frames.txt")
        env = dict(os.environ,
                   STORMLINE_FRAME_TIMES=path,
                   STORMLINE_FRAME_SCRIPT=f"{motion}:{FRAMES}",
                   STORMLINE_T0=str(time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000))
        try:
            result = subprocess.run([APP, EXAMPLE], env=env, capture_output=True, text=True, timeout=30)
            quit_by_itself = result.returncode == 0
        except subprocess.TimeoutExpired:
            quit_by_itself = False
        check(f"{motion}: the program quits by itself after the motion", quit_by_itself)
        lines = lines_of(path) if os.path.exists(path) else []
        check(f"{motion}: the frame times are written", lines)

        first = [words for words in lines if words[0] == "first-frame"]
        check(f"{motion}: one first frame, after the start",
              len(first) == 1 and len(first[0]) == 2 and 0 < float(first[0][1]) < 100000)
        check(f"{motion}: every other line is a frame or a mark",
              all(is_frame(words) or words[0] in ("first-frame", "mark") for words in lines))

        marks = [i for i, words in enumerate(lines) if words[0] == "mark"]
        check(f"{motion}: the motion is marked where it begins and ends",
              [lines[i][1] for i in marks] == ["begin", "end"])
        if len(marks) == 2:
            moved = [words for words in lines[marks[0]:marks[1]] if is_frame(words)]
            check(f"{motion}: a frame for each of the {FRAMES} steps", len(moved) == FRAMES)
            check(f"{motion}: each frame took time to draw", all(float(words[2]) > 0 for words in moved))

finish()
