/* test-history.c: undo and redo of every mutation, groups, merging, the
 * save point and the depth limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

#include "sl-history-private.h"

typedef void (*Mutation) (TestBoard *board);

static void mutate_title (TestBoard *b) { sl_document_set_title (b->document, "Motel"); }
static void mutate_description (TestBoard *b) { sl_document_set_description (b->document, "A model"); }
static void mutate_add_aggregate (TestBoard *b) { sl_document_add_aggregate (b->document, "Guest"); }
static void mutate_remove_aggregate (TestBoard *b) { sl_document_remove_aggregate (b->document, b->room); }
static void mutate_aggregate_name (TestBoard *b) { sl_document_set_aggregate_name (b->document, b->room, "Rooms"); }
static void mutate_add_lane (TestBoard *b) { sl_document_add_lane (b->document, SL_LANE_AUTOMATION, "Robots", 1); }
static void mutate_remove_lane (TestBoard *b) { sl_document_remove_lane (b->document, b->interaction); }
static void mutate_move_lane (TestBoard *b) { sl_document_move_lane (b->document, b->events, 0); }
static void mutate_lane_name (TestBoard *b) { sl_document_set_lane_name (b->document, b->actors, "Visitor"); }
static void mutate_lane_kind (TestBoard *b) { sl_document_set_lane_kind (b->document, b->actors, SL_LANE_AUTOMATION); }
static void mutate_lane_aggregate (TestBoard *b) { sl_document_set_lane_aggregate (b->document, b->events, NULL); }
static void mutate_add_slice (TestBoard *b) { sl_document_add_slice (b->document, "Pay", 480, 240); }
static void mutate_remove_slice (TestBoard *b) { sl_document_remove_slice (b->document, b->slice); }
static void mutate_slice_name (TestBoard *b) { sl_document_set_slice_name (b->document, b->slice, "Booking"); }
static void mutate_slice_status (TestBoard *b) { sl_document_set_slice_status (b->document, b->slice, SL_SLICE_DONE); }
static void mutate_slice_range (TestBoard *b) { sl_document_set_slice_range (b->document, b->slice, 10, 500); }
static void mutate_add_note (TestBoard *b) { sl_document_add_note (b->document, SL_NOTE_HOTSPOT, b->events, 300, 120, "Overbooking?"); }
static void mutate_remove_note (TestBoard *b) { sl_document_remove_note (b->document, b->command); }
static void mutate_note_text (TestBoard *b) { sl_document_set_note_text (b->document, b->event, "Room Reserved"); }
static void mutate_note_kind (TestBoard *b) { sl_document_set_note_kind (b->document, b->view, SL_NOTE_AUTOMATION); }
static void mutate_move_note (TestBoard *b) { sl_document_move_note (b->document, b->view, b->actors, 500, 130); }
static void mutate_note_aggregate (TestBoard *b) { sl_document_set_note_aggregate (b->document, b->command, b->room); }
static void mutate_note_pivotal (TestBoard *b) { sl_document_set_note_pivotal (b->document, b->event, TRUE); }
static void mutate_insert_field (TestBoard *b) { sl_document_insert_field (b->document, b->event, 0, "guestId", SL_FIELD_UUID); }
static void mutate_remove_field (TestBoard *b) { sl_document_remove_field (b->document, b->event, 0); }
static void mutate_move_field (TestBoard *b) { sl_document_move_field (b->document, b->event, 1, 0); }
static void mutate_field_name (TestBoard *b) { sl_document_set_field_name (b->document, b->event, 0, "room"); }
static void mutate_field_type (TestBoard *b) { sl_document_set_field_type (b->document, b->event, 0, SL_FIELD_STRING); }
static void mutate_field_flags (TestBoard *b) { sl_document_set_field_flags (b->document, b->event, 0, SL_FIELD_LIST | SL_FIELD_OPTIONAL); }
static void mutate_field_mapping (TestBoard *b) { sl_document_set_field_mapping (b->document, b->view, 0, NULL); }
static void mutate_field_example (TestBoard *b) { sl_document_set_field_example (b->document, b->command, 0, "101"); }
static void mutate_add_connection (TestBoard *b) { sl_document_add_connection (b->document, b->view, b->screen); }
static void mutate_remove_connection (TestBoard *b) { sl_document_remove_connection (b->document, b->command_event); }
static void mutate_add_scenario (TestBoard *b) { sl_document_add_scenario (b->document, b->view, "Shows the booking"); }
static void mutate_remove_scenario (TestBoard *b) { sl_document_remove_scenario (b->document, b->scenario); }
static void mutate_scenario_title (TestBoard *b) { sl_document_set_scenario_title (b->document, b->scenario, "Book"); }
static void mutate_scenario_error (TestBoard *b) { sl_document_set_scenario_error (b->document, b->scenario, "Room is already booked"); }

static void
mutate_scenario_steps (TestBoard *b)
{
  g_autoptr(SlStep) step = sl_step_new (b->event);

  sl_document_set_scenario_steps (b->document, b->scenario, SL_STEP_GIVEN, &step, 1);
}

static const struct {
  const char *name;
  Mutation mutate;
  const char *label;
} mutations[] = {
  { "title", mutate_title, "Rename Model" },
  { "description", mutate_description, "Edit Description" },
  { "add-aggregate", mutate_add_aggregate, "Add Aggregate" },
  { "remove-aggregate", mutate_remove_aggregate, "Remove Aggregate" },
  { "aggregate-name", mutate_aggregate_name, "Rename Aggregate" },
  { "add-lane", mutate_add_lane, "Add Lane" },
  { "remove-lane", mutate_remove_lane, "Remove Lane" },
  { "move-lane", mutate_move_lane, "Move Lane" },
  { "lane-name", mutate_lane_name, "Rename Lane" },
  { "lane-kind", mutate_lane_kind, "Change Lane Kind" },
  { "lane-aggregate", mutate_lane_aggregate, "Change Lane Aggregate" },
  { "add-slice", mutate_add_slice, "Add Slice" },
  { "remove-slice", mutate_remove_slice, "Remove Slice" },
  { "slice-name", mutate_slice_name, "Rename Slice" },
  { "slice-status", mutate_slice_status, "Change Slice Status" },
  { "slice-range", mutate_slice_range, "Resize Slice" },
  { "add-note", mutate_add_note, "Add Note" },
  { "remove-note", mutate_remove_note, "Remove Note" },
  { "note-text", mutate_note_text, "Edit Text" },
  { "note-kind", mutate_note_kind, "Change Note Kind" },
  { "move-note", mutate_move_note, "Move Note" },
  { "note-aggregate", mutate_note_aggregate, "Change Aggregate" },
  { "note-pivotal", mutate_note_pivotal, "Mark Pivotal" },
  { "insert-field", mutate_insert_field, "Add Field" },
  { "remove-field", mutate_remove_field, "Remove Field" },
  { "move-field", mutate_move_field, "Move Field" },
  { "field-name", mutate_field_name, "Rename Field" },
  { "field-type", mutate_field_type, "Change Field Type" },
  { "field-flags", mutate_field_flags, "Change Field" },
  { "field-mapping", mutate_field_mapping, "Change Field Mapping" },
  { "field-example", mutate_field_example, "Change Example Value" },
  { "add-connection", mutate_add_connection, "Connect Notes" },
  { "remove-connection", mutate_remove_connection, "Remove Connection" },
  { "add-scenario", mutate_add_scenario, "Add Scenario" },
  { "remove-scenario", mutate_remove_scenario, "Remove Scenario" },
  { "scenario-title", mutate_scenario_title, "Rename Scenario" },
  { "scenario-error", mutate_scenario_error, "Change Scenario Outcome" },
  { "scenario-steps", mutate_scenario_steps, "Edit Scenario" },
};

static void
count_changed (SlDocument *document,
               guint      *count)
{
  (*count)++;
}

/* Each mutation changes the saved file, is one step with its label, marks
 * the document modified, and undoes and redoes to the exact bytes. */
static void
test_mutation (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  TestBoard board;
  SlHistory *history;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *reloaded = NULL;
  g_autoptr(SlDocument) copy = NULL;
  guint changed = 0;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  g_signal_connect (board.document, "changed", G_CALLBACK (count_changed), &changed);

  before = test_save_string (board.document);
  g_assert_false (sl_history_get_modified (history));

  mutations[i].mutate (&board);
  after = test_save_string (board.document);
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, mutations[i].label);
  g_assert_true (sl_history_get_modified (history));
  g_assert_cmpuint (changed, ==, 1);

  /* What was saved loads back to the same document. */
  copy = test_load_string (after);
  reloaded = test_save_string (copy);
  g_assert_cmpstr (reloaded, ==, after);

  g_assert_true (sl_history_undo (history));
  undone = test_save_string (board.document);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (sl_history_get_modified (history));
  g_assert_cmpstr (sl_history_get_redo_label (history), ==, mutations[i].label);

  g_assert_true (sl_history_redo (history));
  redone = test_save_string (board.document);
  g_assert_cmpstr (redone, ==, after);
  g_assert_true (sl_history_get_modified (history));
  g_assert_cmpuint (changed, ==, 3);

  test_board_clear (&board);
}

/* Setting what is already there records nothing. */
static void
test_no_op (void)
{
  TestBoard board;
  SlHistory *history;

  test_board_init (&board);
  history = sl_document_get_history (board.document);

  sl_document_set_title (board.document, "Hotel");
  sl_document_set_note_text (board.document, board.event, "Room Booked");
  sl_document_move_note (board.document, board.event, board.events, 60, 0);
  sl_document_set_field_name (board.document, board.event, 0, "roomNumber");
  sl_document_move_lane (board.document, board.actors, 0);
  sl_document_move_field (board.document, board.event, 1, 1);
  g_assert_true (sl_document_add_connection (board.document, board.command, board.event) ==
                 board.command_event);

  g_assert_false (sl_history_can_undo (history));
  g_assert_false (sl_history_get_modified (history));

  test_board_clear (&board);
}

/* Choosing a step of the process is navigation: it records nothing, alone
 * or in a group, marks nothing modified, and an undo of an edit made
 * around it leaves it where it is. The next save writes it. */
static void
test_step_is_navigation (void)
{
  TestBoard board;
  SlHistory *history;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint changed = 0;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  g_signal_connect (board.document, "changed", G_CALLBACK (count_changed), &changed);
  before = test_save_string (board.document);

  for (guint step = 1; step <= SL_N_PROCESS_STEPS; step++)
    sl_document_set_step (board.document, step);
  sl_history_begin_group (history, "Gesture");
  sl_document_set_step (board.document, 4);
  sl_history_end_group (history);
  g_assert_cmpuint (sl_document_get_step (board.document), ==, 4);
  g_assert_false (sl_history_can_undo (history));
  g_assert_false (sl_history_get_modified (history));
  g_assert_cmpuint (changed, ==, 0);

  after = test_save_string (board.document);
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, "\"step\": 4"));

  sl_document_set_title (board.document, "Motel");
  sl_document_set_step (board.document, 6);
  sl_document_set_title (board.document, "Motel Inn");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_true (sl_history_undo (history));
  g_assert_cmpstr (sl_document_get_title (board.document), ==, "Hotel");
  g_assert_cmpuint (sl_document_get_step (board.document), ==, 6);
  g_assert_false (sl_history_get_modified (history));
  g_assert_true (sl_history_redo (history));
  g_assert_cmpstr (sl_document_get_title (board.document), ==, "Motel Inn");
  g_assert_cmpuint (sl_document_get_step (board.document), ==, 6);

  test_board_clear (&board);
}

/* A gesture is one step, however many changes it makes; nested groups
 * belong to the outermost one. */
static void
test_group (void)
{
  TestBoard board;
  SlHistory *history;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  before = test_save_string (board.document);

  sl_history_begin_group (history, "Move Notes");
  for (int x = 0; x < 50; x++)
    {
      sl_document_move_note (board.document, board.event, board.events, 60 + x, 0);
      sl_document_move_note (board.document, board.view, board.interaction, 260 + x, 0);
    }
  sl_history_begin_group (history, "Inner");
  sl_document_set_note_text (board.document, board.view, "All bookings");
  sl_history_end_group (history);
  g_assert_true (sl_history_in_group (history));
  g_assert_false (sl_history_can_undo (history));
  sl_history_end_group (history);

  g_assert_false (sl_history_in_group (history));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Move Notes");
  g_assert_cmpint (sl_note_get_x (board.event), ==, 109);
  after = test_save_string (board.document);

  sl_history_undo (history);
  undone = test_save_string (board.document);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (sl_note_get_x (board.event), ==, 60);

  sl_history_redo (history);
  g_free (undone);
  undone = test_save_string (board.document);
  g_assert_cmpstr (undone, ==, after);

  /* An empty group leaves no step. */
  sl_history_begin_group (history, "Nothing");
  sl_history_end_group (history);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  test_board_clear (&board);
}

/* Escape during a drag: everything the gesture did is gone, and so is the step. */
static void
test_cancel_group (void)
{
  TestBoard board;
  SlHistory *history;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  before = test_save_string (board.document);

  sl_history_begin_group (history, "Drag");
  sl_document_move_note (board.document, board.event, board.actors, 500, 40);
  sl_document_remove_note (board.document, board.view);
  sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 900, 0, "Extra");
  sl_history_cancel_group (history);

  after = test_save_string (board.document);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (sl_history_can_undo (history));
  g_assert_false (sl_history_in_group (history));
  g_assert_false (sl_history_get_modified (history));

  test_board_clear (&board);
}

/* Typing into a note is one step; a seal, an undo or a save point ends it. */
static void
test_merge (void)
{
  TestBoard board;
  SlHistory *history;
  const char *typed[] = { "R", "Ro", "Roo", "Room", "Room ", "Room F", "Room Freed" };

  test_board_init (&board);
  history = sl_document_get_history (board.document);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    sl_document_set_note_text (board.document, board.event, typed[i]);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  /* Another kind of edit, or another note, is another step. */
  sl_document_move_note (board.document, board.event, board.events, 70, 0);
  sl_document_set_note_text (board.document, board.view, "V");
  sl_document_set_note_text (board.document, board.view, "Vi");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 3);

  sl_history_seal (history);
  sl_document_set_note_text (board.document, board.view, "Vie");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 4);

  sl_history_set_save_point (history);
  sl_document_set_note_text (board.document, board.view, "View");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 5);
  g_assert_true (sl_history_get_modified (history));
  sl_history_undo (history);
  g_assert_false (sl_history_get_modified (history));
  g_assert_cmpstr (sl_note_get_text (board.view), ==, "Vie");

  /* Field names merge too. */
  sl_document_set_field_name (board.document, board.command, 0, "r");
  sl_document_set_field_name (board.document, board.command, 0, "ro");
  sl_document_set_field_name (board.document, board.command, 0, "roo");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 5);
  sl_history_undo (history);
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (board.command, 0)), ==, "roomNumber");

  sl_history_undo (history);
  sl_history_undo (history);
  sl_history_undo (history);
  g_assert_cmpstr (sl_note_get_text (board.view), ==, "Bookings");
  sl_history_undo (history);
  g_assert_cmpstr (sl_note_get_text (board.event), ==, "Room Booked");
  g_assert_false (sl_history_can_undo (history));

  test_board_clear (&board);
}

/* Marked, then unmarked: nothing to undo, and nothing modified. */
static void
test_merge_back_to_start (void)
{
  TestBoard board;
  SlHistory *history;

  test_board_init (&board);
  history = sl_document_get_history (board.document);

  sl_document_set_note_pivotal (board.document, board.event, TRUE);
  sl_document_set_note_pivotal (board.document, board.event, FALSE);
  g_assert_false (sl_history_can_undo (history));
  g_assert_false (sl_history_get_modified (history));

  sl_document_set_note_text (board.document, board.event, "Room Booked!");
  sl_document_set_note_text (board.document, board.event, "Room Booked");
  g_assert_false (sl_history_can_undo (history));

  test_board_clear (&board);
}

static void
test_save_point (void)
{
  TestBoard board;
  SlHistory *history;

  test_board_init (&board);
  history = sl_document_get_history (board.document);

  sl_document_set_title (board.document, "A");
  sl_history_seal (history);
  sl_document_set_title (board.document, "B");
  sl_history_set_save_point (history);
  g_assert_false (sl_history_get_modified (history));

  sl_history_undo (history);
  g_assert_true (sl_history_get_modified (history));
  sl_history_redo (history);
  g_assert_false (sl_history_get_modified (history));

  /* Undo past the save point, then edit: the saved state can't come back. */
  sl_history_undo (history);
  sl_document_set_title (board.document, "C");
  g_assert_true (sl_history_get_modified (history));
  g_assert_false (sl_history_can_redo (history));
  sl_history_undo (history);
  g_assert_cmpstr (sl_document_get_title (board.document), ==, "A");
  g_assert_true (sl_history_get_modified (history));

  test_board_clear (&board);
}

/* A model made in memory (a merge) is modified, and no undo or redo
 * takes it back to a saved state; saving it does. */
static void
test_clear_save_point (void)
{
  TestBoard board;
  SlHistory *history;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  g_assert_false (sl_history_get_modified (history));

  sl_history_clear_save_point (history);
  g_assert_true (sl_history_get_modified (history));
  g_assert_false (sl_history_can_undo (history));

  sl_document_set_title (board.document, "A");
  sl_history_undo (history);
  g_assert_true (sl_history_get_modified (history));
  sl_history_redo (history);
  g_assert_true (sl_history_get_modified (history));

  sl_history_set_save_point (history);
  g_assert_false (sl_history_get_modified (history));

  test_board_clear (&board);
}

static void
test_max_depth (void)
{
  TestBoard board;
  SlHistory *history;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  sl_history_set_max_depth (history, 10);
  g_assert_cmpuint (sl_history_get_max_depth (history), ==, 10);

  for (int i = 0; i < 25; i++)
    {
      g_autofree char *text = g_strdup_printf ("Text %d", i);

      sl_document_set_note_text (board.document, board.event, text);
      sl_history_seal (history);
    }

  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 10);
  while (sl_history_undo (history))
    ;
  g_assert_cmpstr (sl_note_get_text (board.event), ==, "Text 14");
  /* The saved state was forgotten: the document stays modified. */
  g_assert_true (sl_history_get_modified (history));

  sl_history_set_max_depth (history, 3);
  g_assert_cmpuint (sl_history_get_n_redo (history), ==, 10);

  test_board_clear (&board);
}

static void
test_clear (void)
{
  TestBoard board;
  SlHistory *history;

  test_board_init (&board);
  history = sl_document_get_history (board.document);

  sl_document_set_title (board.document, "A");
  sl_history_clear (history);
  g_assert_false (sl_history_can_undo (history));
  g_assert_true (sl_history_get_modified (history));
  sl_history_set_save_point (history);
  sl_history_clear (history);
  g_assert_false (sl_history_get_modified (history));
  g_assert_false (sl_history_undo (history));
  g_assert_false (sl_history_redo (history));

  test_board_clear (&board);
}

static void
notify_count (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Menus and the window title follow the history's properties. */
static void
test_notify (void)
{
  TestBoard board;
  SlHistory *history;
  guint can_undo = 0, can_redo = 0, modified = 0;
  gboolean value;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  g_signal_connect (history, "notify::can-undo", G_CALLBACK (notify_count), &can_undo);
  g_signal_connect (history, "notify::can-redo", G_CALLBACK (notify_count), &can_redo);
  g_signal_connect (history, "notify::modified", G_CALLBACK (notify_count), &modified);

  sl_document_set_title (board.document, "A");
  g_assert_cmpuint (can_undo, ==, 1);
  g_assert_cmpuint (modified, ==, 1);
  sl_document_set_title (board.document, "AB");
  g_assert_cmpuint (can_undo, ==, 1);
  g_assert_cmpuint (modified, ==, 1);

  sl_history_undo (history);
  g_assert_cmpuint (can_undo, ==, 2);
  g_assert_cmpuint (can_redo, ==, 1);
  g_assert_cmpuint (modified, ==, 2);

  g_object_get (history, "can-redo", &value, NULL);
  g_assert_true (value);

  test_board_clear (&board);
}

static void
reenter_cb (SlDocument *document,
            SlElement  *element,
            guint       what,
            gboolean   *tried)
{
  if (*tried)
    return;
  *tried = TRUE;

  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*busy*");
  sl_document_set_title (document, "Inside an undo");
  g_test_assert_expected_messages ();
}

/* A handler that edits while an undo runs is refused, not recorded. */
static void
test_reentrancy (void)
{
  TestBoard board;
  gboolean tried = FALSE;

  test_board_init (&board);
  sl_document_set_note_text (board.document, board.event, "X");
  g_signal_connect (board.document, "element-changed", G_CALLBACK (reenter_cb), &tried);
  sl_history_undo (sl_document_get_history (board.document));
  g_assert_true (tried);
  g_assert_cmpstr (sl_document_get_title (board.document), ==, "Hotel");
  g_assert_cmpuint (sl_history_get_n_redo (sl_document_get_history (board.document)), ==, 1);

  test_board_clear (&board);
}

/* The history knows changes, not documents: any owner that answers its
 * table of functions can have undo, as GTK's own texthistory test does. */
typedef struct
{
  int value;
  guint n_changed;
} Counter;

typedef struct
{
  SlChange parent;
  int delta;
} AddChange;

static void
add_change_apply (SlChange *change,
                  gpointer  data)
{
  ((Counter *) data)->value += ((AddChange *) change)->delta;
}

static void
add_change_revert (SlChange *change,
                   gpointer  data)
{
  ((Counter *) data)->value -= ((AddChange *) change)->delta;
}

static void
add_change_free (SlChange *change)
{
  g_free (change);
}

static const SlChangeClass add_change_class = {
  .apply = add_change_apply,
  .revert = add_change_revert,
  .free = add_change_free,
};

static void
counter_changed (gpointer data)
{
  ((Counter *) data)->n_changed++;
}

static const SlHistoryFuncs counter_funcs = {
  .changed = counter_changed,
};

static void
record_add (SlHistory *history,
            int        delta)
{
  AddChange *change = g_new0 (AddChange, 1);

  change->parent.klass = &add_change_class;
  change->delta = delta;
  _sl_history_record (history, &change->parent, "Add");
}

static void
test_owner (void)
{
  Counter counter = { 0, 0 };
  SlHistory *history = _sl_history_new (&counter_funcs, &counter);

  record_add (history, 2);
  g_assert_cmpint (counter.value, ==, 2);
  g_assert_cmpuint (counter.n_changed, ==, 1);

  sl_history_begin_group (history, "Add twice");
  record_add (history, 3);
  record_add (history, 4);
  g_assert_cmpuint (counter.n_changed, ==, 1);
  sl_history_end_group (history);
  g_assert_cmpint (counter.value, ==, 9);
  g_assert_cmpuint (counter.n_changed, ==, 2);

  g_assert_true (sl_history_undo (history));
  g_assert_cmpint (counter.value, ==, 2);
  g_assert_cmpuint (counter.n_changed, ==, 3);
  g_assert_true (sl_history_undo (history));
  g_assert_cmpint (counter.value, ==, 0);
  g_assert_true (sl_history_redo (history));
  g_assert_cmpint (counter.value, ==, 2);

  sl_history_begin_group (history, "Cancelled");
  record_add (history, 5);
  sl_history_cancel_group (history);
  g_assert_cmpint (counter.value, ==, 2);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Add");

  g_assert_finalize_object (history);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *path = g_strdup_printf ("/history/mutation/%s", mutations[i].name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_mutation);
    }

  g_test_add_func ("/history/no-op", test_no_op);
  g_test_add_func ("/history/step-is-navigation", test_step_is_navigation);
  g_test_add_func ("/history/group", test_group);
  g_test_add_func ("/history/cancel-group", test_cancel_group);
  g_test_add_func ("/history/merge", test_merge);
  g_test_add_func ("/history/merge-back-to-start", test_merge_back_to_start);
  g_test_add_func ("/history/save-point", test_save_point);
  g_test_add_func ("/history/clear-save-point", test_clear_save_point);
  g_test_add_func ("/history/max-depth", test_max_depth);
  g_test_add_func ("/history/clear", test_clear);
  g_test_add_func ("/history/notify", test_notify);
  g_test_add_func ("/history/reentrancy", test_reentrancy);
  g_test_add_func ("/history/owner", test_owner);

  return g_test_run ();
}
