#!/usr/bin/python3
# test-e2e-process.py: the whole process, from an empty board to all eight
# steps done, as a user does it in the real window: the keyboard, clicks,
# context menus, the inspector and the guide, no file edited by hand.
#
# The domain is a small library: a member borrows a book on a form, the
# loan is recorded, and the member's loans are listed on a screen.
#
# Every action is followed by a wait for the state it leads to: an object on
# the accessibility bus (an editor, a menu item with the focus, a dialog),
# or the saved file (Ctrl+S after a change, then the file read back), so
# the run holds on a loaded machine. Waits poll with a generous limit,
# never for a time. With STORMLINE_E2E_SHOTS=DIR a screenshot of each step
# is written to DIR.
#
# Runs under a display and a session bus (xvfb-run, dbus-run-session);
# prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stormline_e2e import (SavedModel, Stuck, check, check_clean, click_at, finish, import_atspi,  # noqa: E402
                           is_board, start_app, stop_app, wait_for, window_offset, xdo)

# The board's geometry (src/render/sl-layout.h) and the canvas's first view.
SLICE_HEADER = 36
LANE_PADDING = 20
VIEW_X = -188
VIEW_Y = 0

# The window, on a 1920 × 1200 screen: the board, the guide and the
# inspector side by side.
WINDOW = (1880, 1150)

STEPS = [
    "1. Collect Domain Events",
    "2. Refine Domain Events",
    "3. Track Causes",
    "4. Aggregation",
    "5. Identify Inputs",
    "6. Identify Outputs",
    "7. Elaborate Scenarios",
    "8. Completeness Check",
]

class Session:
    """The application on the accessibility bus and the model's file."""

    def __init__(self, pyatspi, pid, path, shots):
        self.atspi = pyatspi
        self.pid = pid
        self.path = path
        self.shots = shots
        self.app = wait_for("the application on the accessibility bus", self.find_app)
        self.window = None
        self.offset = (0, 0)
        self.board = None
        self.saved = None

    def find_app(self):
        for candidate in self.atspi.Registry.getDesktop(0):
            if candidate is not None and candidate.name == "stormline":
                return candidate
        return None

    # The accessibility tree

    def visible(self, accessible):
        try:
            return accessible.getState().contains(self.atspi.STATE_VISIBLE)
        except Exception:
            return False

    def has_state(self, accessible, state):
        try:
            return accessible.getState().contains(state)
        except Exception:
            return False

    def find(self, root, predicate):
        """The first visible object under @root that @predicate accepts."""
        if root is None:
            return None
        stack = [root]
        while stack:
            accessible = stack.pop()
            try:
                if predicate(accessible):
                    return accessible
                children = [child for child in accessible if child is not None and self.visible(child)]
            except Exception:
                continue
            stack.extend(reversed(children))
        return None

    def named(self, name, role=None, root=None):
        return self.find(root or self.window, lambda a: a.name == name and
                         (role is None or a.getRoleName() == role) and self.extents(a)[2] > 0)

    def frame(self, predicate):
        for window in self.app:
            if window is not None and predicate(window.name):
                return window
        return None

    def extents(self, accessible):
        try:
            e = accessible.queryComponent().getExtents(self.atspi.WINDOW_COORDS)
            return e.x, e.y, e.width, e.height
        except Exception:
            return 0, 0, 0, 0

    def focused(self, role=None):
        """The object with the keyboard focus in any window of the app."""
        for window in self.app:
            found = self.find(window, lambda a: self.has_state(a, self.atspi.STATE_FOCUSED) and
                              (role is None or a.getRoleName() in role))
            if found is not None:
                return found
        return None

    def dump(self, accessible=None, depth=0, out=None):
        out = out if out is not None else []
        accessible = accessible or self.app
        x, y, w, h = self.extents(accessible)
        focus = " focused" if self.has_state(accessible, self.atspi.STATE_FOCUSED) else ""
        out.append(f"{'  ' * depth}[{accessible.getRoleName()}] {accessible.name!r} {x},{y} {w}x{h}{focus}")
        for child in accessible:
            if child is not None and self.visible(child):
                self.dump(child, depth + 1, out)
        return out

    # The window and the pointer

    def attach(self, title_part):
        """Works on the window whose title holds @title_part, made
        @width × @height."""
        self.window = wait_for(f"the window “{title_part}”",
                               lambda: self.frame(lambda name: title_part in name))
        xid = wait_for("the X window", lambda: [w for w in subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title_part],
            capture_output=True, text=True).stdout.split()])[-1]
        self.xid = xid
        return xid

    def measure(self):
        self.offset = window_offset(self.xid, self.window, self.atspi)
        self.board = self.find(self.window, is_board)

    def focus_window(self):
        """Gives the window the keyboard back when a popup or a dialog over
        it goes, with a click on its title, as a window manager would: the
        test display has none, and the X server leaves the keyboard to the
        popup gone."""
        title = wait_for("the window's title", lambda: self.find(
            self.window, lambda a: a.getRoleName() == "label" and a.name and a.name in self.window.name))
        self.click(title)

    def screen(self, accessible):
        x, y, w, h = self.extents(accessible)
        return self.offset[0] + x + w // 2, self.offset[1] + y + h // 2

    def click(self, accessible, button=1):
        click_at(*self.screen(accessible), button=button)

    def board_point(self, x, y):
        bx, by, _, _ = self.extents(self.board)
        return self.offset[0] + bx + (x - VIEW_X), self.offset[1] + by + (y - VIEW_Y)

    def click_board(self, x, y, button=1):
        click_at(*self.board_point(x, y), button=button)

    # The model's file

    def read(self):
        try:
            with open(self.path) as f:
                return f.read()
        except FileNotFoundError:
            return None

    def save(self, what, predicate):
        """Saves with Ctrl+S and waits for the file to hold what the actions
        before made: Ctrl+S is taken in after them."""
        before = self.read()
        xdo("key", "ctrl+s")
        text = wait_for(f"the file saved with {what}", lambda: (lambda t: t if t != before else None)(self.read()))
        model = json.loads(text)
        if not predicate(Model(model)):
            raise Stuck(f"the file saved does not hold {what}")
        self.saved = Model(model)
        return self.saved

    # Things the user does

    def type_text(self, text):
        """Types into the note editor once it has the focus, and commits."""
        wait_for("the note editor", lambda: self.find(self.board, lambda a: self.has_state(a, self.atspi.STATE_FOCUSED)))
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if i > 0:
                xdo("key", "shift+Return")
            xdo("type", "--delay", 15, line)
        xdo("key", "Return")

    def add_note(self, key, text):
        """Adds a note with its key and types its text."""
        xdo("key", key)
        self.type_text(text)

    def note_point(self, text, dx=30, dy=14):
        note = self.saved.note(text)
        lane_top = self.saved.lane_top(note["lane"])
        return note["x"] + dx, lane_top + LANE_PADDING + note.get("y", 0) + dy

    def click_note(self, text, button=1):
        self.click_board(*self.note_point(text), button=button)

    def text(self, accessible):
        try:
            text = accessible.queryText()
            return text.getText(0, text.characterCount)
        except Exception:
            return ""

    def text_of(self, item):
        if item.name:
            return item.name
        label = self.find(item, lambda a: a.getRoleName() == "label")
        return label.name if label is not None else ""

    def choose(self, path, roles):
        """Chooses @path in the open menu or list by the keyboard: Down
        until the item has the focus, Return, and on to the next."""
        def focused_item():
            return self.focused(roles)

        for name in path:
            for _ in range(40):
                item = wait_for(f"an item with the focus, on the way to “{name}”", focused_item)
                if self.text_of(item) == name:
                    break
                where = self.extents(item)
                xdo("key", "Down")
                wait_for(f"the focus to move on from “{self.text_of(item)}”",
                         lambda: (lambda i: i is not None and self.extents(i) != where)(focused_item()))
            else:
                raise Stuck(f"no item “{name}”")
            where = self.extents(item)
            xdo("key", "Return")
            # A submenu's page begins with its own title: the focus moves.
            wait_for(f"“{name}” to be taken",
                     lambda: (lambda i: i is None or self.extents(i) != where)(focused_item()))

    def menu(self, *path):
        self.choose(path, ("menu item", "check menu item", "radio menu item"))
        # The keyboard is the window's again once the menu is gone.
        wait_for("the menu to close", lambda: self.find(
            self.window, lambda a: a.getRoleName() == "menu" and self.extents(a)[2] > 0) is None)
        self.focus_window()

    def combo(self, title, choice):
        """Chooses @choice in the inspector's combo row @title."""
        row = wait_for(f"the row “{title}”", lambda: self.named(title, "combo box"))
        self.click(row)
        self.choose((choice,), ("list item",))

    def add_field(self, name, displayed=False):
        """Adds a field to the selected note in the inspector: Add Field
        gives the new field's name the focus."""
        button = wait_for("Add Field", lambda: self.find(
            self.window, lambda a: a.getRoleName() == "push button" and a.description == "Add Field"))
        self.click(button)
        entry = wait_for("the new field's name", lambda: self.find(
            self.window, lambda a: a.getRoleName() == "text" and a.name == "Name" and
            self.extents(a)[2] > 0 and self.text(a).startswith("field")))
        xdo("key", "ctrl+a")
        xdo("type", "--delay", 15, name)
        xdo("key", "Return")
        wait_for(f"the field to be named “{name}”", lambda: self.named(name, "list item"))
        if displayed:
            # Tab on to the field's Displayed switch, which scrolls into
            # view, and turn it on.
            where = None
            for _ in range(20):
                xdo("key", "Tab")
                focus = wait_for("the focus to move on", lambda: (lambda f: f if f is not None and
                                 self.extents(f) != where else None)(self.focused()))
                if focus.name == "Displayed" and focus.getRoleName() != "list item":
                    break
                where = self.extents(focus)
            else:
                raise Stuck("no Displayed switch after the name")
            xdo("key", "space")
            wait_for("the field to be displayed", lambda: self.find(
                self.named(name, "list item"), lambda a: a.getRoleName() == "label" and "Displayed" in a.name))

    def add_scenario(self, part, event):
        """Adds a scenario to the selected note in the inspector, with
        @event in its @part picked by typing its name."""
        add = wait_for("Add Scenario", lambda: self.find(
            self.window, lambda a: a.getRoleName() == "push button" and
            "Add Scenario" in self.text_of(a) and self.extents(a)[2] > 0))
        self.click(add)
        pick = wait_for(f"Add an Event to {part}", lambda: self.named(f"Add an Event to {part}", "push button"))
        self.click(pick)
        wait_for("the event picker", lambda: self.focused(("entry",)))
        xdo("type", "--delay", 15, event)
        xdo("key", "Return")
        wait_for(f"“{event}” in the scenario's {part}",
                 lambda: self.named(f"{part}: {event}", "list item"))
        self.focus_window()

    def dialog_entry(self, label, text):
        """Types @text in the entry @label of the dialog that comes up, and
        presses Return, which closes it."""
        entry = wait_for(f"the dialog's “{label}” entry", lambda: (lambda f: f if f is not None and f.name == label else None)(self.focused(("text", "entry"))))
        xdo("type", "--delay", 15, text)
        xdo("key", "Return")
        wait_for("the dialog to close", lambda: not self.visible(entry))
        self.focus_window()

    def step_state(self, step):
        row = self.named(step, "list item")
        if row is None:
            return None
        image = self.find(row, lambda a: a.getRoleName() == "image")
        return image.name if image is not None else None

    def wait_step(self, step, state):
        return wait_for(f"step “{step}” to be {state}", lambda: self.step_state(step) == state)

    def shot(self, name):
        if self.shots:
            subprocess.run(["import", "-window", "root", os.path.join(self.shots, f"{name}.png")], check=True)


class Model(SavedModel):
    """The saved file, with the questions this test asks of it beyond
    SavedModel's."""

    def aggregate_of(self, text):
        note = self.note(text)
        for aggregate in self.data.get("aggregates", []):
            if note is not None and aggregate["id"] == note.get("aggregate"):
                return aggregate["name"]
        return None

    def lane_top(self, lane_id):
        """Where the lane begins: the board of this test has one lane, the
        Timeline of an empty board, whatever its height."""
        lanes = self.data.get("lanes", [])
        assert len(lanes) == 1 and lanes[0]["id"] == lane_id
        return SLICE_HEADER


def run(session, work):
    s = session

    # An empty board: the first start shows the example; New Model opens an
    # empty one beside it.
    size = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True,
                          check=True).stdout.split()
    if int(size[0]) < WINDOW[0] or int(size[1]) < WINDOW[1]:
        raise Stuck(f"the screen is {size[0]} × {size[1]}: the window needs {WINDOW[0]} × {WINDOW[1]} "
                    "(xvfb-run -s \"-screen 0 1920x1200x24\")")

    s.attach("Stormline")
    xdo("windowfocus", "--sync", s.xid)
    xdo("key", "ctrl+n")
    s.attach("Untitled Model")
    xdo("windowsize", s.xid, *WINDOW)
    wait_for("the window to take its new size", lambda: s.extents(s.window)[2] > WINDOW[0] - 100)
    xdo("windowfocus", "--sync", s.xid)
    s.measure()
    check("a new model starts with the guide on step 1, not done",
          s.wait_step(STEPS[0], "Not started"))
    s.shot("0-empty")

    # Step 1: events, by the keyboard. The first save asks where.
    s.click_board(400, 300)
    s.add_note("e", "Book Borrowed")
    xdo("key", "ctrl+s")
    wait_for("the file chooser's name", lambda: s.focused(("text",)))
    xdo("key", "ctrl+a")
    xdo("type", "--delay", 15, s.path)
    xdo("key", "Return")
    wait_for("the file", lambda: s.read())
    s.saved = Model(json.loads(s.read()))
    check("step 1: the event typed on the empty board is saved", s.saved.has("event", "Book Borrowed"))
    check("step 1 is done in the guide", s.wait_step(STEPS[0], "Done"))
    s.shot("1-collect")

    # Step 2: an open question stops the refinement until it is answered.
    s.add_note("h", "Can a member renew a loan?")
    s.save("the hotspot", lambda m: m.has("hotspot", "Can a member renew a loan?"))
    check("step 2: an open hotspot keeps the refinement from done",
          s.wait_step(STEPS[1], "In progress"))
    s.shot("2-hotspot")
    xdo("key", "Delete")
    s.save("no hotspot", lambda m: not m.notes("hotspot"))
    check("step 2 is done once the hotspot is answered", s.wait_step(STEPS[1], "Done"))

    # Step 3: the command that causes the event, and the view it feeds,
    # connected from their context menus.
    s.click_note("Book Borrowed")
    s.add_note("c", "Borrow Book")
    s.save("the command", lambda m: m.has("command", "Borrow Book"))
    s.click_note("Borrow Book", button=3)
    s.menu("Connect To", "Book Borrowed (Event)")
    s.save("the command connected to its event", lambda m: m.connected("Borrow Book", "Book Borrowed"))
    check("step 3: the command is connected to the event from the note's menu",
          s.saved.connected("Borrow Book", "Book Borrowed"))

    s.click_board(360, SLICE_HEADER + LANE_PADDING + 120 + 50)
    s.add_note("v", "Loans")
    s.save("the view", lambda m: m.has("view", "Loans"))
    s.click_note("Book Borrowed", button=3)
    s.menu("Connect To", "Loans (View)")
    s.save("the event connected to its view", lambda m: m.connected("Book Borrowed", "Loans"))
    check("step 3: the event feeds the view", s.saved.connected("Book Borrowed", "Loans"))
    check("step 3 is done in the guide", s.wait_step(STEPS[2], "Done"))
    s.shot("3-causes")

    # Step 4: the aggregate, made in the inspector's Aggregate row.
    s.click_note("Book Borrowed")
    xdo("key", "alt+Return")
    s.combo("Aggregate", "New Aggregate…")
    s.dialog_entry("Name", "Loan")
    s.save("the event's aggregate", lambda m: m.aggregate_of("Book Borrowed") == "Loan")
    check("step 4: an aggregate made from the inspector is the event's",
          s.saved.aggregate_of("Book Borrowed") == "Loan" and len(s.saved.data["aggregates"]) == 1)
    s.click_note("Borrow Book")
    s.combo("Aggregate", "Loan")
    s.save("the command's aggregate", lambda m: m.aggregate_of("Borrow Book") == "Loan")
    check("step 4: the command is given the aggregate in the inspector",
          s.saved.aggregate_of("Borrow Book") == "Loan")
    check("step 4 is done in the guide", s.wait_step(STEPS[3], "Done"))
    s.shot("4-aggregation")

    # Step 5: the command's fields, and the screen that triggers it.
    s.add_field("bookId")
    s.add_field("memberId")
    s.save("the command's fields", lambda m: m.fields("Borrow Book") == ["bookId", "memberId"])
    check("step 5: fields added in the inspector are the command's, in order",
          s.saved.fields("Borrow Book") == ["bookId", "memberId"])
    s.click_note("Borrow Book")
    s.add_note("s", "Borrow Form")
    s.add_field("bookId")
    s.add_field("memberId")
    s.save("the screen's fields", lambda m: m.fields("Borrow Form") == ["bookId", "memberId"])
    s.click_note("Borrow Form", button=3)
    s.menu("Connect To", "Borrow Book (Command)")
    s.save("the screen that triggers the command", lambda m: m.connected("Borrow Form", "Borrow Book"))
    check("step 5: the screen with its fields triggers the command",
          s.saved.has("screen", "Borrow Form") and s.saved.fields("Borrow Form") == ["bookId", "memberId"])
    check("step 5 is done in the guide", s.wait_step(STEPS[4], "Done"))
    s.shot("5-inputs")

    # Step 6: the fields the event records and the view shows, and the
    # screen that shows them.
    s.click_note("Book Borrowed")
    s.add_field("bookId")
    s.add_field("memberId")
    s.click_note("Loans")
    s.add_field("bookId")
    s.add_field("memberId")
    s.click_note("Loans")
    s.add_note("s", "Loans Screen")
    s.add_field("bookId", displayed=True)
    s.add_field("memberId", displayed=True)
    s.save("the fields of the event, the view and its screen",
           lambda m: m.fields("Loans Screen") == ["bookId", "memberId"] and
           m.fields("Book Borrowed") == ["bookId", "memberId"] and m.fields("Loans") == ["bookId", "memberId"])
    check("step 6: the screen's fields are marked displayed in the inspector",
          all(f.get("displayed") for f in s.saved.note("Loans Screen")["fields"]))
    s.click_note("Loans", button=3)
    s.menu("Connect To", "Loans Screen (Screen)")
    s.save("the view connected to its screen", lambda m: m.connected("Loans", "Loans Screen"))
    check("step 6: the view is read by the screen", s.saved.connected("Loans", "Loans Screen"))
    check("step 6 is done in the guide", s.wait_step(STEPS[5], "Done"))
    s.shot("6-outputs")

    # Step 7: a scenario for the command and one for the view, their
    # events picked by name.
    s.click_note("Borrow Book")
    s.add_scenario("Then", "Book Borrowed")
    s.save("the command's scenario", lambda m: m.scenario_of("Borrow Book") is not None)
    scenario = s.saved.scenario_of("Borrow Book")
    check("step 7: the command's scenario ends in the event picked",
          [step["note"] for step in scenario.get("then", [])] == [s.saved.note("Book Borrowed")["id"]])
    s.click_note("Loans")
    s.add_scenario("Given", "Book Borrowed")
    s.save("the view's scenario", lambda m: m.scenario_of("Loans") is not None)
    scenario = s.saved.scenario_of("Loans")
    check("step 7: the view's scenario is given the event picked",
          [step["note"] for step in scenario.get("given", [])] == [s.saved.note("Book Borrowed")["id"]])
    check("step 7 is done in the guide", s.wait_step(STEPS[6], "Done"))
    s.shot("7-scenarios")

    # Step 8: every field has an origin and a destination.
    check("step 8 is done in the guide", s.wait_step(STEPS[7], "Done"))
    check("all eight steps are done at once",
          all(s.step_state(step) == "Done" for step in STEPS))
    s.click_board(900, 700)
    s.shot("8-complete")

    check_clean(s.path)


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "library.stormline")
    shots = os.environ.get("STORMLINE_E2E_SHOTS")

    app = start_app(work)
    session = None

    try:
        session = Session(pyatspi, app.pid, path, shots)
        run(session, work)
    except Exception as error:
        check(f"the run went through ({error})", False)
        if session is not None:
            sys.stderr.write("\n".join(session.dump()) + "\n")
            session.shot("failure")
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
