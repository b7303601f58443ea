#!/usr/bin/python3
# test-e2e-keyboard.py: the whole process, from an empty board to all
# eight steps done, with the keyboard alone: no click, no pointer motion,
# no drag. The keys are the ones a user learns from the shortcuts window
# and the menus: the note keys and the palette, the arrow keys on the
# board, L to connect, Shift+F10 for the menus of notes and lanes, Alt+Return
# and Ctrl+Tab to the inspector, Ctrl+Shift+Tab to the guide, Escape back to
# the board.
#
# The domain is a coffee shop: a customer places an order on a screen, the
# order is recorded in the Order aggregate's lane, and the barista sees the
# open orders on a board.
#
# The note the keyboard is on shows in the inspector (the selection
# follows the focus), so every arrow key is followed by a wait for the
# inspector to show the note it leads to; every change by a wait for the
# saved file (Ctrl+S) to hold it; every focus move by a wait for the
# object with the focus on the accessibility bus. Waits poll with a
# generous limit, never for a time. With STORMLINE_E2E_SHOTS=DIR a
# screenshot of each step is written to DIR.
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
from stormline_e2e import (Accessibles, SavedModel, Stuck, check, check_clean, finish, import_atspi, is_board,  # noqa: E402
                           start_app, stop_app, wait_for, xdo)

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

MENU_ITEMS = ("menu item", "check menu item", "radio menu item")


class Session:
    """The application on the accessibility bus, its window and the
    model's file, and what a user does with the keyboard."""

    def __init__(self, pyatspi, path, shots):
        self.atspi = pyatspi
        self.path = path
        self.shots = shots
        app = wait_for("the application on the accessibility bus", lambda: next(
            (a for a in pyatspi.Registry.getDesktop(0) if a is not None and a.name == "stormline"), None))
        self.a = Accessibles(pyatspi, app)
        self.window = None
        self.xid = None
        self.saved = None

    # The window

    def attach(self, title_part):
        self.window = wait_for(f"the window “{title_part}”", lambda: next(
            (w for w in self.a.app if w is not None and title_part in w.name), None))
        self.xid = wait_for("the X window", lambda: subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", title_part],
            capture_output=True, text=True).stdout.split())[-1]

    def give_keyboard(self):
        """Gives the window the keyboard, as a window manager does when a
        popup or a dialog over it goes: the test display has none."""
        xdo("windowfocus", "--sync", self.xid)

    def named(self, name, role=None):
        return self.a.named(self.window, name, role)

    def focused(self, roles=None):
        return self.a.focused(roles)

    def focus_is(self, name, role=None):
        focus = self.focused()
        return focus is not None and focus.name == name and (role is None or focus.getRoleName() == role)

    def wait_focus(self, name, role=None):
        return wait_for(f"the focus on “{name}”", lambda: self.focus_is(name, role))

    def board_has_focus(self):
        focus = self.focused()
        return focus is not None and is_board(focus)

    # The model's file

    def read(self):
        try:
            with open(self.path) as f:
                return f.read()
        except FileNotFoundError:
            return None

    def save(self, what, predicate):
        """Saves with Ctrl+S and waits for the file to hold what the keys
        before made: Ctrl+S is taken in after them."""
        before = self.read()
        xdo("key", "ctrl+s")
        text = wait_for(f"the file saved with {what}", lambda: (lambda t: t if t != before else None)(self.read()))
        model = SavedModel(json.loads(text))
        if not predicate(model):
            raise Stuck(f"the file saved does not hold {what}")
        self.saved = model
        return model

    # The board

    def inspected(self):
        """The text of the note the inspector shows: the note selected,
        which is the one the keyboard is on."""
        row = self.named("Text", "text")
        return self.a.text(row) if row is not None else None

    def wait_inspected(self, text):
        return wait_for(f"the inspector to show “{text}”", lambda: self.inspected() == text)

    def add_note(self, key, text):
        """Adds a note with its key on the board and types its text."""
        xdo("key", key)
        self.type_note(text)

    def type_note(self, text):
        wait_for("the note editor", lambda: self.focus_is("Note Text"))
        xdo("type", "--delay", 15, text)
        wait_for(f"“{text}” typed", lambda: self.a.text(self.focused()) == text)
        xdo("key", "Return")
        wait_for("the board to have the keyboard back", self.board_has_focus)
        self.wait_inspected(text)

    def move(self, *path):
        """Presses each key of @path, each followed by the note it leads
        to: ("Up", "Order Placed")."""
        for key, text in zip(path[::2], path[1::2]):
            xdo("key", key)
            self.wait_inspected(text)

    def connect(self, path):
        """Connects the note the keyboard is on to the one at the end of
        @path: L marks it, the keys move to the target, Return connects."""
        source = self.inspected()
        target = path[-1]
        xdo("key", "l")
        self.move(*path)
        xdo("key", "Return")
        self.save(f"“{source}” connected to “{target}”", lambda m: m.connected(source, target))

    # Menus and dialogs

    def text_of(self, item):
        if item.name:
            return item.name
        label = self.a.find(item, lambda a: a.getRoleName() == "label")
        return label.name if label is not None else ""

    def choose(self, path, roles):
        """Chooses @path in the open menu or list: Down until the item has
        the focus, Return, and on to the next."""
        def focused_item():
            return self.focused(roles)

        for name in path:
            for _ in range(40):
                item = wait_for(f"an item with the focus, on the way to “{name}”", focused_item)
                if self.text_of(item) == name:
                    break
                where = self.a.extents(item)
                xdo("key", "Down")
                wait_for(f"the focus to move on from “{self.text_of(item)}”",
                         lambda: (lambda i: i is not None and self.a.extents(i) != where)(focused_item()))
            else:
                raise Stuck(f"no item “{name}”")
            where = self.a.extents(item)
            xdo("key", "Return")
            wait_for(f"“{name}” to be taken",
                     lambda: (lambda i: i is None or self.a.extents(i) != where)(focused_item()))

    def menu(self, *path):
        """Opens the menu of the note or lane the keyboard is on with
        Shift+F10 and chooses @path in it."""
        xdo("key", "shift+F10")
        self.choose(path, MENU_ITEMS)
        wait_for("the menu to close", lambda: self.a.find(
            self.window, lambda a: a.getRoleName() == "menu" and self.a.extents(a)[2] > 0) is None)

    def dialog_entry(self, label, text):
        """Types @text in the entry @label of the dialog that comes up and
        presses Return, which closes it."""
        entry = wait_for(f"the dialog's “{label}” entry", lambda: (lambda f: f if f is not None and
                         f.name == label else None)(self.focused(("text", "entry"))))
        xdo("key", "ctrl+a")
        xdo("type", "--delay", 15, text)
        xdo("key", "Return")
        wait_for("the dialog to close", lambda: not self.a.visible(entry))
        self.give_keyboard()

    # The inspector and the guide

    def tab_to(self, name, role, key="Tab", limit=40):
        """Presses @key until @name of @role (or one of the roles of a
        tuple) has the focus (GTK 4.8 names a button with a label after the
        label twice)."""
        role = (role,) if isinstance(role, str) else role
        for _ in range(limit):
            focus = self.focused()
            if focus is not None and focus.name in (name, f"{name} {name}") and focus.getRoleName() in role:
                return focus
            where = (focus.name, focus.getRoleName(), self.a.extents(focus)) if focus is not None else None
            xdo("key", key)
            wait_for(f"the focus to move on, on the way to “{name}”", lambda: (lambda f: (
                f.name, f.getRoleName(), self.a.extents(f)) if f is not None else None)(self.focused()) != where)
        raise Stuck(f"{key} never reaches “{name}”")

    def to_board(self):
        """Back to the board from a pane: Escape."""
        xdo("key", "Escape")
        wait_for("the board to have the keyboard back", self.board_has_focus)

    def add_field(self, name, type=None, displayed=False):
        """Adds a field to the note in the inspector: Ctrl+Tab from the
        board, Tab to Add Field, Return; the new field's name has the
        focus. Tab goes on to its type and its switches."""
        xdo("key", "ctrl+Tab")
        self.tab_to("Add Field", "push button")
        xdo("key", "Return")
        entry = wait_for("the new field's name", lambda: self.a.find(
            self.window, lambda a: a.getRoleName() == "text" and a.name == "Name" and
            self.a.extents(a)[2] > 0 and self.a.text(a).startswith("field")))
        xdo("key", "ctrl+a")
        xdo("type", "--delay", 15, name)
        wait_for(f"“{name}” typed", lambda: self.a.text(entry) == name)
        xdo("key", "Return")
        wait_for(f"the field to be named “{name}”", lambda: self.named(name, "list item"))
        if type is not None:
            self.tab_to("Type", "combo box")
            xdo("key", "space")
            self.choose((type,), ("list item",))
            wait_for(f"the field to be of {type}", lambda: self.a.find(
                self.named(name, "list item"), lambda a: a.getRoleName() == "label" and type in a.name))
        if displayed:
            self.tab_to("Displayed", "check box")
            xdo("key", "space")
            wait_for("the field to be displayed", lambda: self.a.find(
                self.named(name, "list item"), lambda a: a.getRoleName() == "label" and "Displayed" in a.name))
        self.to_board()

    def add_scenario(self, part, event):
        """Adds a scenario to the note in the inspector, with @event in its
        @part picked by typing its name."""
        xdo("key", "ctrl+Tab")
        self.tab_to("Add Scenario", "push button")
        xdo("key", "Return")
        self.tab_to(f"Add an Event to {part}", "list item")
        xdo("key", "Return")
        wait_for("the event picker", lambda: self.focused(("entry", "text")))
        xdo("type", "--delay", 15, event)
        xdo("key", "Return")
        wait_for(f"“{event}” in the scenario's {part}", lambda: self.named(f"{part}: {event}", "list item"))
        self.to_board()

    def step_state(self, step):
        row = self.named(step, "list item")
        if row is None:
            return None
        image = self.a.find(row, lambda a: a.getRoleName() == "image")
        return image.name if image is not None else None

    def wait_step(self, step, state):
        return wait_for(f"step “{step}” to be {state}", lambda: self.step_state(step) == state)

    def shot(self, name):
        if self.shots:
            subprocess.run(["import", "-window", "root", os.path.join(self.shots, f"{name}.png")], check=True)


def run(s):
    size = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True,
                          check=True).stdout.split()
    if int(size[0]) < WINDOW[0] or int(size[1]) < WINDOW[1]:
        raise Stuck(f"the screen is {size[0]} × {size[1]}: the window needs {WINDOW[0]} × {WINDOW[1]} "
                    "(xvfb-run -s \"-screen 0 1920x1200x24\")")

    # An empty board: Ctrl+N beside the example of the first start.
    s.attach("Stormline")
    s.give_keyboard()
    xdo("key", "ctrl+n")
    s.attach("Untitled Model")
    xdo("windowsize", s.xid, *WINDOW)
    wait_for("the window to take its new size", lambda: s.a.extents(s.window)[2] > WINDOW[0] - 100)
    s.give_keyboard()
    check("a new window gives the board the keyboard", wait_for("the board to have the keyboard", s.board_has_focus))
    check("a new model starts with the guide on step 1, not done", s.wait_step(STEPS[0], "Not started"))

    # The inspector shows the note the keyboard is on from now on.
    xdo("key", "alt+Return")
    wait_for("the inspector", lambda: s.named("No Note Selected"))

    # Step 1: an event, by its key. The first save asks where.
    s.add_note("e", "Order Placed")
    xdo("key", "ctrl+s")
    wait_for("the file chooser's name", lambda: s.focused(("text",)))
    xdo("key", "ctrl+a")
    xdo("type", "--delay", 15, s.path)
    xdo("key", "Return")
    wait_for("the file", s.read)
    s.give_keyboard()
    s.saved = SavedModel(json.loads(s.read()))
    check("step 1: the event typed on the empty board is saved", s.saved.has("event", "Order Placed"))
    check("step 1 is done in the guide", s.wait_step(STEPS[0], "Done"))
    s.shot("1-collect")

    # Step 2: an open question stops the refinement until it is answered
    # (Delete, which leaves the keyboard on the note next to it, not
    # selected: Ctrl+Space selects it).
    s.add_note("h", "Can an order be changed?")
    s.save("the hotspot", lambda m: m.has("hotspot", "Can an order be changed?"))
    check("step 2: an open hotspot keeps the refinement from done", s.wait_step(STEPS[1], "In progress"))
    xdo("key", "Delete")
    wait_for("nothing selected", lambda: s.named("No Note Selected"))
    xdo("key", "ctrl+space")
    s.wait_inspected("Order Placed")
    s.save("no hotspot", lambda m: not m.notes("hotspot"))
    check("step 2 is done once the hotspot is deleted", s.wait_step(STEPS[1], "Done"))
    s.shot("2-refine")

    # Step 3: the command that causes the event goes below it; L on the
    # command, Up to the event, Return connects them. The view goes below
    # too, and is connected from the event.
    s.add_note("c", "Place Order")
    s.connect(("Up", "Order Placed"))
    check("step 3: L, Up and Return connect the command to its event",
          s.saved.connected("Place Order", "Order Placed"))
    s.add_note("v", "Open Orders")
    s.move("Up", "Place Order", "Up", "Order Placed")
    s.connect(("Down", "Place Order", "Down", "Open Orders"))
    check("step 3: the event feeds the view", s.saved.connected("Order Placed", "Open Orders"))
    check("step 3 is done in the guide", s.wait_step(STEPS[2], "Done"))
    s.shot("3-causes")

    # Step 4: the Order aggregate's lane, made from the lane's menu, and
    # the event moved into it with Alt+Down.
    s.move("Up", "Place Order", "Up", "Order Placed")
    xdo("key", "Left")
    wait_for("the lane's header, which selects no note", lambda: s.named("No Note Selected"))
    s.menu("Add Lane Below")
    s.save("a second lane", lambda m: len(m.data["lanes"]) == 2)
    xdo("key", "Down")
    xdo("key", "Return")
    s.dialog_entry("Name", "Order")
    s.save("the lane named", lambda m: m.lane("Order") is not None)
    s.menu("Kind", "Events")
    s.save("the lane of events", lambda m: m.lane("Order")["kind"] == "events")
    s.menu("Aggregate", "New Aggregate…")
    s.dialog_entry("Name", "Order")
    s.save("the lane's aggregate", lambda m: m.aggregate(m.lane("Order").get("aggregate")) == "Order")
    check("step 4: the lane menu makes a lane of events for the Order aggregate",
          s.saved.aggregate(s.saved.lane("Order").get("aggregate")) == "Order")
    xdo("key", "Up")
    xdo("key", "Right")
    s.wait_inspected("Order Placed")
    xdo("key", "alt+Down")
    s.save("the event in the aggregate's lane",
           lambda m: m.note("Order Placed")["lane"] == m.lane("Order")["id"])
    check("step 4: Alt+Down moves the event into the aggregate's lane",
          s.saved.note("Order Placed")["lane"] == s.saved.lane("Order")["id"])
    check("step 4 is done in the guide", s.wait_step(STEPS[3], "Done"))
    s.shot("4-aggregation")

    # Step 5: the command's fields, typed in the inspector, one with a
    # type; the screen that triggers it, added from the palette (reached
    # with Ctrl+Shift+Tab and Shift+Tab), with the fields the user enters.
    s.move("Up", "Open Orders", "Up", "Place Order")
    s.add_field("drink")
    s.add_field("quantity", type="Int")
    s.save("the command's fields", lambda m: m.fields("Place Order") == ["drink", "quantity"])
    check("step 5: fields typed in the inspector are the command's, with the type chosen",
          s.saved.fields("Place Order") == ["drink", "quantity"] and
          s.saved.field("Place Order", "quantity")["type"] == "Int")
    xdo("key", "ctrl+shift+Tab")
    s.tab_to("Screen", "push button", key="shift+Tab")
    xdo("key", "Return")
    s.type_note("Order Screen")
    s.add_field("drink")
    s.add_field("quantity")
    s.connect(("Up", "Open Orders", "Up", "Place Order"))
    check("step 5: the screen from the palette, with its fields, triggers the command",
          s.saved.has("screen", "Order Screen") and s.saved.fields("Order Screen") == ["drink", "quantity"])
    check("step 5 is done in the guide", s.wait_step(STEPS[4], "Done"))
    s.shot("5-inputs")

    # Step 6: the fields the event records and the view shows, and the
    # screen that shows them, its fields marked displayed.
    s.move("Down", "Open Orders", "Down", "Order Screen", "Down", "Order Placed")
    s.add_field("drink")
    s.add_field("quantity")
    s.move("Up", "Order Screen", "Up", "Open Orders")
    s.add_field("drink")
    s.add_field("quantity")
    s.add_note("s", "Orders Board")
    s.add_field("drink", displayed=True)
    s.add_field("quantity", displayed=True)
    s.save("the fields of the event, the view and its screen",
           lambda m: m.fields("Orders Board") == ["drink", "quantity"] and
           m.fields("Order Placed") == ["drink", "quantity"] and m.fields("Open Orders") == ["drink", "quantity"])
    check("step 6: the screen's fields are marked displayed in the inspector",
          all(f.get("displayed") for f in s.saved.note("Orders Board")["fields"]))
    s.move("Up", "Order Screen", "Up", "Open Orders")
    s.connect(("Down", "Order Screen", "Down", "Orders Board"))
    check("step 6: the view is read by the screen", s.saved.connected("Open Orders", "Orders Board"))
    check("step 6 is done in the guide", s.wait_step(STEPS[5], "Done"))
    s.shot("6-outputs")

    # Step 7: a scenario for the command and one for the view, their
    # event picked by name.
    s.move("Up", "Order Screen", "Up", "Open Orders", "Up", "Place Order")
    s.add_scenario("Then", "Order Placed")
    s.save("the command's scenario", lambda m: m.scenario_of("Place Order") is not None)
    check("step 7: the command's scenario ends in the event picked",
          [step["note"] for step in s.saved.scenario_of("Place Order").get("then", [])] ==
          [s.saved.note("Order Placed")["id"]])
    s.move("Down", "Open Orders")
    s.add_scenario("Given", "Order Placed")
    s.save("the view's scenario", lambda m: m.scenario_of("Open Orders") is not None)
    check("step 7: the view's scenario is given the event picked",
          [step["note"] for step in s.saved.scenario_of("Open Orders").get("given", [])] ==
          [s.saved.note("Order Placed")["id"]])
    check("step 7 is done in the guide", s.wait_step(STEPS[6], "Done"))
    s.shot("7-scenarios")

    # Step 8: every field has an origin and a destination. The guide is
    # reached with Ctrl+Shift+Tab and its steps chosen with the arrows.
    check("step 8 is done in the guide", s.wait_step(STEPS[7], "Done"))
    check("all eight steps are done at once", all(s.step_state(step) == "Done" for step in STEPS))
    xdo("key", "ctrl+shift+Tab")
    wait_for("a step of the guide with the focus", lambda: s.focused(("list item",)))
    for step in STEPS:
        s.tab_to(step, "list item", key="Down")
        number, name = step.split(". ")
        wait_for(f"the guide on step {number}", lambda: s.named(f"Step {number}: {name}", "heading"))
    check("the guide's steps are chosen with the arrow keys, up to the completeness check",
          s.named("Step 8: Completeness Check", "heading"))
    check("choosing steps in the guide leaves the document unmodified", not s.window.name.startswith("•"))
    s.shot("8-complete")

    check_clean(s.path)


def main():
    pyatspi = import_atspi()
    if pyatspi is None:
        return

    work = tempfile.mkdtemp(prefix="stormline-e2e-")
    path = os.path.join(work, "coffee.stormline")
    shots = os.environ.get("STORMLINE_E2E_SHOTS")

    app = start_app(work)
    session = None

    try:
        session = Session(pyatspi, path, shots)
        run(session)
    except Exception as error:
        check(f"the run went through ({error})", False)
        if session is not None:
            sys.stderr.write("\n".join(session.a.dump(session.window)) + "\n")
            session.shot("failure")
    finally:
        stop_app(app)
        shutil.rmtree(work, ignore_errors=True)

    finish()


main()
