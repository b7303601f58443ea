#!/usr/bin/python3
# screenshots.py: takes the screenshots of docs/screenshots/ and the
# figures of the user guide from the real application.
#
#   build-aux/screenshots.py [--build-dir _build] [--out-dir docs/screenshots]
#                            [--figures-dir help/C/figures] [--lang de]
#                            [--style dark|high-contrast] [SCENE…]
#
# Each scene starts Stormline from the build on the hotel example (or a
# copy of it with a few problems left in), under an X server, session bus
# and runtime folder of its own, drives it with the keyboard and the
# pointer to the state it shows, waiting for that state on the
# accessibility bus and then for the window to stop changing (never for a
# time), and writes the window's picture. print.png is page 1 of the PDF
# stormline-cli exports, rendered by pdftoppm.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests"))
from stormline_e2e import (Accessibles, Stuck, click_at, find_application,  # noqa: E402
                           wait_for, window_offset, x_window_geometry, xdo)

# The interface's words, in the language of --lang when the build's
# catalogue is installed: the scenes find the widgets by their names.
_ = gettext.gettext
C_ = gettext.pgettext


# The X screen: larger than every window, so that the pointer can rest
# outside them.
SCREEN = (1600, 1000)

# AppStream and Flathub like 16:10 and at most 1600 pixels wide; a phone
# is 360 pixels wide.
WIDE = (1280, 800)
NARROW = (360, 720)
# The guide's figures: smaller, for a page of text, and wide enough for
# the whole palette.
FIGURE = (1200, 750)

HOTEL = os.path.join(TOP, "data", "examples", "hotel.stormline")


def workshop_model(path):
    """Writes to @path the hotel in the middle of a workshop: an event
    nobody has tracked the cause of yet (steps 3 and 4) and a field
    mistyped on its way from the booking screen (step 8)."""
    with open(HOTEL) as f:
        model = json.load(f)
    model["notes"].append({"id": "evt-room-cleaned", "kind": "event", "text": "Room Cleaned",
                           "lane": "lane-room", "x": 280})
    for note in model["notes"]:
        if note["text"] == "Book Room" and note["kind"] == "command":
            for field in note["fields"]:
                if field["name"] == "checkIn":
                    field["name"] = "checkin"
    with open(path, "w") as f:
        json.dump(model, f, indent=2)


def note_labels(kind, text):
    """The board's names for a note of @kind when the keyboard is on it
    (sl-canvas-a11y.c): the kind as sl_note_kind_get_label() gives it,
    with the context "note kind" where the catalogue has one."""
    kinds = {C_("note kind", kind), _(kind)}
    return tuple(C_("screen reader", "%s: %s") % (label, text) for label in kinds)


def is_board(accessible):
    """Whether @accessible is the board: its name follows the keyboard, a
    note's kind and text, a lane, or the board's own name."""
    name = accessible.name or ""
    kinds = ("Event", "Command", "View", "Screen", "Automation", "External System", "Actor", "Aggregate",
             "Hotspot", "Comment")
    return accessible.getRoleName() == "panel" and (
        name == _("Board") or name.startswith(_("Lane %s") % "") or
        any(name.startswith(note_labels(kind, "")) for kind in kinds))


class App:
    """Stormline on a model, its window at a size, and what a user does."""

    def __init__(self, options, model, size):
        import pyatspi
        self.atspi = pyatspi
        self.home = tempfile.mkdtemp(prefix="stormline-shot-")
        path = os.path.join(self.home, os.path.basename(model))
        shutil.copy(model, path)
        environment = dict(os.environ)
        for name in ("GTK_A11Y", "NO_AT_BRIDGE", "G_DEBUG"):
            environment.pop(name, None)
        environment.update(HOME=self.home, GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo",
                           GSETTINGS_SCHEMA_DIR=os.path.join(options.build_dir, "data"))
        if options.style in ("dark", "dark-high-contrast"):
            environment["ADW_DEBUG_COLOR_SCHEME"] = "prefer-dark"
        if options.style in ("high-contrast", "dark-high-contrast"):
            environment["ADW_DEBUG_HIGH_CONTRAST"] = "1"
        environment.update(options.extra_env)
        self.process = subprocess.Popen([os.path.join(options.build_dir, "src", "ui", "stormline"), path],
                                        env=environment, cwd=self.home)
        self.a = None
        try:
            self.a = Accessibles(pyatspi, wait_for("the application on the accessibility bus",
                                                   lambda: find_application(pyatspi)))
            self.xid = wait_for("the X window", lambda: subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                capture_output=True, text=True).stdout.split())[-1]
            self.frame = wait_for("the window on the accessibility bus", lambda: next(
                (w for w in self.a.app if w is not None and "Stormline" in (w.name or "")), None))
            self.resize(size)
            xdo("windowfocus", "--sync", self.xid)
            self.board = wait_for("the board", lambda: self.a.find(self.frame, is_board))
        except BaseException:
            self.close()
            raise

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)

    def resize(self, size):
        """Makes the window's content @size: the X window is larger by the
        border the window draws around it, which the pictures leave out."""
        xdo("windowmove", self.xid, 0, 0)
        outer = tuple(size)
        for attempt in range(2):
            xdo("windowsize", self.xid, *outer)
            wait_for(f"the window at {outer[0]} × {outer[1]}", lambda: x_window_geometry(self.xid)[2:] == outer)
            wait_for("the window's content at its new size",
                     lambda: 0 < self.a.extents(self.frame)[2] <= outer[0] and
                     outer[0] - self.a.extents(self.frame)[2] == outer[1] - self.a.extents(self.frame)[3])
            border = outer[0] - self.a.extents(self.frame)[2]
            outer = (size[0] + border, size[1] + border)
        self.size = tuple(size)
        self.border = border // 2

    def named(self, name, role=None):
        return self.a.named(self.frame, name, role)

    def click(self, accessible, button=1):
        ox, oy = window_offset(self.xid, self.frame, self.atspi)
        x, y, w, h = self.a.extents(accessible)
        click_at(ox + x + w // 2, oy + y + h // 2, button=button)

    def board_name(self):
        try:
            return self.board.name or ""
        except Exception:
            return ""

    def key(self, *keys):
        xdo("key", *keys)

    def focus_note(self, labels):
        """Moves the keyboard through the board in timeline order (Tab)
        until it is on the note the board names one of @labels ("Command:
        Book Room"); the selection follows."""
        for attempt in range(80):
            if self.board_name().startswith(labels):
                return
            before = self.board_name()
            self.key("Tab")
            wait_for("the keyboard to move on", lambda: self.board_name() != before)
        raise Stuck(f"no note “{labels[0]}” on the way through the board")

    def open_step(self, number, title):
        """Opens step @number of the guide, and waits for its page."""
        title = _(title)
        row = wait_for(f"step {number} in the guide", lambda: self.named(f"{number}. {title}", "list item"))
        self.click(row)
        wait_for(f"the page of step {number}", lambda: self.named(_("Step %u: %s") % (number, title)))

    def scroll_guide_to_problems(self):
        """Scrolls the guide down until the list of the open step's
        problems is in the window, and waits for the scroll indicator
        that scrolling shows to fade out again."""
        prefix = _("Step %u: %s").split("%u")[0]
        heading = wait_for("the step's page", lambda: self.a.find(
            self.frame, lambda a: a.getRoleName() == "heading" and a.name.startswith(prefix)))
        ox, oy = window_offset(self.xid, self.frame, self.atspi)
        x, y, w, h = self.a.extents(heading)
        xdo("mousemove", ox + x + w // 2, oy + y + h // 2)
        for attempt in range(40):
            problems = wait_for("the problems of the step", lambda: self.named(_("Left to Do"), "list"))
            py, ph = self.a.extents(problems)[1::2]
            if py + ph <= self.size[1]:
                break
            before = self.a.extents(heading)
            xdo("click", 5)
            wait_for("the guide to scroll", lambda: self.a.extents(heading) != before)
        else:
            raise Stuck("the problems of the step did not scroll into the window")
        if attempt > 0:
            self.rest_pointer()
            shown = self.grab()
            wait_for("the guide's scroll indicator to fade", lambda: self.grab() != shown)

    def rest_pointer(self):
        """Puts the pointer outside the window, so that nothing shows
        hovered."""
        xdo("mousemove", SCREEN[0] - 1, SCREEN[1] - 1)

    def grab(self):
        """The window's picture now, as PNG."""
        return subprocess.run(["import", "-window", self.xid, "png:-"], capture_output=True, check=True).stdout

    def capture(self, out):
        """Writes the window's picture to @out once two pictures in a row
        are the same: the state waited for is drawn, and nothing moves."""
        self.rest_pointer()
        previous = None

        def still():
            nonlocal previous
            picture = self.grab()
            same = picture == previous
            previous = picture
            return same
        wait_for("the window to stop changing", still)
        subprocess.run(["convert", "png:-", "-crop", f"{self.size[0]}x{self.size[1]}+{self.border}+{self.border}",
                        "+repage", "-strip", out], input=previous, check=True)


# The scenes: each takes the options and the file to write.

def scene_board(options, out, size=WIDE):
    app = App(options, HOTEL, size)
    try:
        app.key("F9")
        wait_for("the guide to close", lambda: app.named(_("The Process")) is None)
        app.capture(out)
    finally:
        app.close()


def scene_narrow(options, out, size=NARROW):
    app = App(options, HOTEL, size)
    try:
        wait_for("the compact palette", lambda: app.named(_("Add Note")))
        app.capture(out)
    finally:
        app.close()


def scene_guide(options, out, size=WIDE):
    app = App(options, options.workshop, size)
    try:
        app.open_step(3, "Track Causes")
        app.scroll_guide_to_problems()
        app.capture(out)
    finally:
        app.close()


def scene_inspector(options, out, size=WIDE):
    app = App(options, HOTEL, size)
    try:
        app.key("F9")
        wait_for("the guide to close", lambda: app.named(_("The Process")) is None)
        app.focus_note(note_labels("Command", "Register Guest"))
        app.key("alt+Return")
        wait_for("the inspector", lambda: app.named(_("Fields")))
        app.capture(out)
    finally:
        app.close()


def scene_check(options, out, size=WIDE):
    app = App(options, options.workshop, size)
    try:
        app.open_step(8, "Completeness Check")
        # The inspector first, so that the board, narrower, shows the
        # note the keyboard goes to; its mistyped field is marked there.
        app.key("Escape")
        wait_for("the keyboard on the board", lambda: app.a.has_state(app.board, app.atspi.STATE_FOCUSED))
        app.key("alt+Return")
        wait_for("the inspector", lambda: app.named(_("No Note Selected")))
        app.focus_note(note_labels("Command", "Book Room"))
        wait_for("the note in the inspector", lambda: app.named(_("Fields")))
        # Last, as the pointer over the guide shows its scroll indicator.
        app.scroll_guide_to_problems()
        app.capture(out)
    finally:
        app.close()


def scene_print(options, out, size=None):
    """Page 1 of the PDF export, with the legend, as a printer gets it."""
    with tempfile.TemporaryDirectory() as work:
        pdf = os.path.join(work, "hotel.pdf")
        subprocess.run([os.path.join(options.build_dir, "src", "cli", "stormline-cli"), "export", HOTEL,
                        "-o", pdf, "--legend"], check=True)
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdf,
                        os.path.join(work, "page")], check=True)
        shutil.move(os.path.join(work, "page.png"), out)


SCENES = {
    "board": scene_board,
    "guide": scene_guide,
    "inspector": scene_inspector,
    "check": scene_check,
    "board-dark": scene_board,
    "narrow": scene_narrow,
    "print": scene_print,
}

# The user guide's figures: the same scenes, smaller.
FIGURES = {
    "board": scene_board,
    "guide": scene_guide,
    "inspector": scene_inspector,
    "check": scene_check,
    "print": scene_print,
}


def run_scenes(options):
    with tempfile.TemporaryDirectory() as work:
        options.workshop = os.path.join(work, "hotel-workshop.stormline")
        workshop_model(options.workshop)
        os.makedirs(options.out_dir, exist_ok=True)
        for name in options.scenes:
            out = os.path.join(options.out_dir, f"{name}.png")
            if name == "board-dark" and not options.style:
                options.extra_env = {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"}
            else:
                options.extra_env = {}
            print(f"screenshots.py: {out}", flush=True)
            SCENES[name](options, out)
        if options.figures_dir:
            os.makedirs(options.figures_dir, exist_ok=True)
            options.extra_env = {}
            for name, scene in FIGURES.items():
                out = os.path.join(options.figures_dir, f"{name}.png")
                print(f"screenshots.py: {out}", flush=True)
                scene(options, out, FIGURE)


def locale_environment(lang, work):
    """The variables that show Stormline, GTK and libadwaita in @lang
    ("de", "fr_FR"): glibc ignores LANGUAGE under the C locale, so a
    locale of that language is made in @work."""
    if "_" not in lang:
        lang = {"de": "de_DE", "fr": "fr_FR", "en": "en_US"}.get(lang, f"{lang}_{lang.upper()}")
    name = f"{lang}.UTF-8"
    subprocess.run(["localedef", "-i", lang, "-f", "UTF-8", os.path.join(work, name)], check=True)
    return {"LOCPATH": work, "LANG": name, "LC_ALL": name, "LANGUAGE": lang.split("_")[0]}


def main():
    parser = argparse.ArgumentParser(description="Takes Stormline's screenshots from the real application.")
    parser.add_argument("--build-dir", default=os.path.join(TOP, "_build"))
    parser.add_argument("--out-dir", default=os.path.join(TOP, "docs", "screenshots"))
    parser.add_argument("--figures-dir", help="also writes the user guide's figures there (help/C/figures)")
    parser.add_argument("--lang", help="the language of the interface, as LANGUAGE: de, fr")
    parser.add_argument("--style", choices=("dark", "high-contrast", "dark-high-contrast"))
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("scenes", nargs="*", metavar="SCENE",
                        help=f"the scenes to take, all by default: {', '.join(SCENES)}")
    options = parser.parse_args()
    options.build_dir = os.path.abspath(options.build_dir)
    options.out_dir = os.path.abspath(options.out_dir)
    if options.figures_dir:
        options.figures_dir = os.path.abspath(options.figures_dir)
    for name in options.scenes:
        if name not in SCENES:
            parser.error(f"no scene “{name}”: {', '.join(SCENES)}")
    options.scenes = options.scenes or list(SCENES)

    if options.inner:
        gettext.bindtextdomain("stormline", configured_localedir(options.build_dir))
        gettext.textdomain("stormline")
        try:
            run_scenes(options)
        except Stuck as error:
            sys.exit(f"screenshots.py: {error}")
        return

    # Outside: a private runtime folder (the accessibility bus puts its
    # socket there), the locale, then this script again under its own
    # session bus and X server.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as runtime:
        os.chmod(runtime, 0o700)
        environment = dict(os.environ, XDG_RUNTIME_DIR=runtime, LC_ALL="C.UTF-8")
        environment.pop("DISPLAY", None)
        environment.pop("WAYLAND_DISPLAY", None)
        environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
        if options.lang:
            locales = os.path.join(runtime, "locale")
            os.mkdir(locales)
            environment.update(locale_environment(options.lang, locales))
            catalogue = os.path.join(configured_localedir(options.build_dir), environment["LANGUAGE"],
                                     "LC_MESSAGES", "stormline.mo")
            if not os.path.exists(catalogue):
                print(f"screenshots.py: {catalogue} is not installed: Stormline's own strings stay in English "
                      "(meson setup --prefix=DIR, then meson install)", file=sys.stderr)
        argv = [sys.executable, os.path.abspath(__file__), "--inner",
                "--build-dir", options.build_dir, "--out-dir", options.out_dir, *options.scenes]
        if options.figures_dir:
            argv += ["--figures-dir", options.figures_dir]
        if options.style:
            argv += ["--style", options.style]
        run = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24 -nolisten tcp -noreset",
                              "dbus-run-session", "--", *argv],
                             env=environment)
        sys.exit(run.returncode)


def configured_localedir(build_dir):
    """Where the build looks for its catalogues (config.h's LOCALEDIR)."""
    with open(os.path.join(build_dir, "config.h")) as f:
        match = re.search(r'#define LOCALEDIR "(.*)"', f.read())
    return match.group(1) if match else ""


if __name__ == "__main__":
    main()
