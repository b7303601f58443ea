/* test-document.c: the model's elements and the document's API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

static void
test_enums (void)
{
  static const char * const note_kinds[] = {
    "event", "command", "view", "actor", "aggregate", "automation", "external", "screen",
    "hotspot", "comment",
  };
  static const char * const field_types[] = {
    "String", "Boolean", "Int", "Long", "Double", "Decimal", "Date", "DateTime", "UUID", "Custom",
  };
  SlNoteKind kind;
  SlLaneKind lane_kind;
  SlFieldType type;
  SlSliceStatus status;

  G_STATIC_ASSERT (G_N_ELEMENTS (note_kinds) == SL_N_NOTE_KINDS);
  G_STATIC_ASSERT (G_N_ELEMENTS (field_types) == SL_N_FIELD_TYPES);

  for (guint i = 0; i < SL_N_NOTE_KINDS; i++)
    {
      g_assert_cmpstr (sl_note_kind_to_string (i), ==, note_kinds[i]);
      g_assert_true (sl_note_kind_from_string (note_kinds[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (sl_note_kind_get_label (i));
    }
  for (guint i = 0; i < SL_N_FIELD_TYPES; i++)
    {
      g_assert_cmpstr (sl_field_type_to_string (i), ==, field_types[i]);
      g_assert_true (sl_field_type_from_string (field_types[i], &type));
      g_assert_cmpint (type, ==, i);
    }
  for (guint i = 0; i < SL_N_LANE_KINDS; i++)
    {
      g_assert_true (sl_lane_kind_from_string (sl_lane_kind_to_string (i), &lane_kind));
      g_assert_cmpint (lane_kind, ==, i);
      g_assert_nonnull (sl_lane_kind_get_label (i));
    }
  for (guint i = 0; i < SL_N_SLICE_STATUSES; i++)
    {
      g_assert_true (sl_slice_status_from_string (sl_slice_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (sl_slice_status_get_label (i));
    }

  /* Names in files are exact: no case folding, no unknown values. */
  g_assert_false (sl_note_kind_from_string ("Event", &kind));
  g_assert_false (sl_note_kind_from_string ("policy", &kind));
  g_assert_false (sl_note_kind_from_string (NULL, &kind));
  g_assert_false (sl_field_type_from_string ("string", &type));
  g_assert_false (sl_lane_kind_from_string ("swimlane", &lane_kind));
  g_assert_false (sl_slice_status_from_string ("Done", &status));

  g_assert_true (sl_note_kind_has_fields (SL_NOTE_EVENT));
  g_assert_true (sl_note_kind_has_fields (SL_NOTE_COMMAND));
  g_assert_true (sl_note_kind_has_fields (SL_NOTE_VIEW));
  g_assert_true (sl_note_kind_has_fields (SL_NOTE_SCREEN));
  g_assert_true (sl_note_kind_has_fields (SL_NOTE_AUTOMATION));
  g_assert_false (sl_note_kind_has_fields (SL_NOTE_HOTSPOT));
  g_assert_false (sl_note_kind_has_fields (SL_NOTE_ACTOR));
}

static void
test_empty (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autofree char *saved = test_save_string (document);

  g_assert_cmpstr (sl_document_get_title (document), ==, "");
  g_assert_cmpstr (sl_document_get_description (document), ==, "");
  g_assert_cmpuint (sl_document_get_step (document), ==, 1);
  g_assert_cmpuint (test_n_items (sl_document_get_notes (document)), ==, 0);
  g_assert_cmpuint (test_n_items (sl_document_get_lanes (document)), ==, 0);
  g_assert_nonnull (sl_document_get_history (document));
  g_assert_false (sl_history_get_modified (sl_document_get_history (document)));
  g_assert_cmpstr (saved, ==, "{\n  \"stormline\": 1\n}\n");
  g_assert_null (sl_document_lookup (document, "n-nothing"));
}

static void
test_elements (void)
{
  TestBoard board;
  SlDocument *d;
  SlField *field;
  guint index = 99;

  test_board_init (&board);
  d = board.document;

  g_assert_cmpstr (sl_document_get_title (d), ==, "Hotel");
  g_assert_cmpstr (sl_aggregate_get_name (board.room), ==, "Room");

  g_assert_cmpint (sl_lane_get_kind (board.events), ==, SL_LANE_EVENTS);
  g_assert_cmpstr (sl_lane_get_name (board.events), ==, "Room");
  g_assert_true (sl_lane_get_aggregate (board.events) == board.room);
  g_assert_null (sl_lane_get_aggregate (board.actors));
  g_assert_cmpint (sl_document_get_lane_position (d, board.actors), ==, 0);
  g_assert_cmpint (sl_document_get_lane_position (d, board.events), ==, 2);

  g_assert_cmpstr (sl_slice_get_name (board.slice), ==, "Book Room");
  g_assert_cmpint (sl_slice_get_status (board.slice), ==, SL_SLICE_PLANNED);
  g_assert_cmpint (sl_slice_get_x (board.slice), ==, 0);
  g_assert_cmpint (sl_slice_get_width (board.slice), ==, 480);
  g_assert_true (sl_slice_contains_x (board.slice, 0));
  g_assert_true (sl_slice_contains_x (board.slice, 479));
  g_assert_false (sl_slice_contains_x (board.slice, 480));
  g_assert_false (sl_slice_contains_x (board.slice, -1));

  g_assert_cmpint (sl_note_get_kind (board.event), ==, SL_NOTE_EVENT);
  g_assert_cmpstr (sl_note_get_text (board.event), ==, "Room Booked");
  g_assert_true (sl_note_get_lane (board.event) == board.events);
  g_assert_cmpint (sl_note_get_x (board.event), ==, 60);
  g_assert_cmpint (sl_note_get_y (board.event), ==, 0);
  g_assert_null (sl_note_get_aggregate (board.event));
  g_assert_false (sl_note_get_pivotal (board.event));
  g_assert_cmpuint (sl_note_get_n_fields (board.event), ==, 2);

  field = sl_note_get_field (board.event, 1);
  g_assert_cmpstr (sl_field_get_name (field), ==, "bookedAt");
  g_assert_cmpint (sl_field_get_value_type (field), ==, SL_FIELD_DATE_TIME);
  g_assert_cmpuint (sl_field_get_flags (field), ==, SL_FIELD_GENERATED);
  g_assert_true (sl_field_has_flag (field, SL_FIELD_GENERATED));
  g_assert_false (sl_field_has_flag (field, SL_FIELD_LIST));
  g_assert_null (sl_field_get_mapping (field));
  g_assert_null (sl_field_get_example (field));
  g_assert_true (sl_note_find_field (board.event, "bookedAt", &index) == field);
  g_assert_cmpuint (index, ==, 1);
  g_assert_null (sl_note_find_field (board.event, "nothing", NULL));

  field = sl_note_get_field (board.view, 0);
  g_assert_cmpstr (sl_field_get_mapping (field), ==, "roomNumber");
  g_assert_false (sl_field_is_calculated (field));
  sl_document_set_field_mapping (d, board.view, 0, "calculated");
  g_assert_true (sl_field_is_calculated (field));
  /* An empty mapping or example is none. */
  sl_document_set_field_mapping (d, board.view, 0, "");
  g_assert_null (sl_field_get_mapping (field));
  sl_document_set_field_example (d, board.view, 0, "");
  g_assert_null (sl_field_get_example (field));

  g_assert_true (sl_connection_get_source (board.command_event) == board.command);
  g_assert_true (sl_connection_get_target (board.command_event) == board.event);
  g_assert_true (sl_document_find_connection (d, board.command, board.event) == board.command_event);
  g_assert_null (sl_document_find_connection (d, board.event, board.command));

  g_assert_true (sl_scenario_get_note (board.scenario) == board.command);
  g_assert_cmpstr (sl_scenario_get_title (board.scenario), ==, "Book a free room");
  g_assert_null (sl_scenario_get_error (board.scenario));
  g_assert_cmpuint (sl_scenario_get_n_steps (board.scenario, SL_STEP_GIVEN), ==, 0);
  g_assert_cmpuint (sl_scenario_get_n_steps (board.scenario, SL_STEP_WHEN), ==, 1);
  g_assert_cmpuint (sl_scenario_get_n_steps (board.scenario, SL_STEP_THEN), ==, 1);
  g_assert_true (sl_step_get_note (sl_scenario_get_step (board.scenario, SL_STEP_THEN, 0)) == board.event);
  g_assert_true (sl_scenario_uses_note (board.scenario, board.command));
  g_assert_true (sl_scenario_uses_note (board.scenario, board.event));
  g_assert_false (sl_scenario_uses_note (board.scenario, board.view));

  test_board_clear (&board);
}

static void
test_lookup_and_ids (void)
{
  TestBoard board;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *models[6];

  test_board_init (&board);
  models[0] = sl_document_get_aggregates (board.document);
  models[1] = sl_document_get_lanes (board.document);
  models[2] = sl_document_get_slices (board.document);
  models[3] = sl_document_get_notes (board.document);
  models[4] = sl_document_get_connections (board.document);
  models[5] = sl_document_get_scenarios (board.document);

  /* Every element is found by its id, and ids are unique across kinds. */
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < test_n_items (models[m]); i++)
      {
        SlElement *element = test_get_item (models[m], i);
        const char *id = sl_element_get_id (element);
        g_autofree char *property = NULL;

        g_assert_true (g_str_has_prefix (id, "n-"));
        g_assert_cmpuint (strlen (id), ==, 12);
        g_assert_false (g_hash_table_contains (seen, id));
        g_hash_table_add (seen, (char *) id);
        g_assert_true (sl_document_lookup (board.document, id) == element);

        g_object_get (element, "id", &property, NULL);
        g_assert_cmpstr (property, ==, id);
      }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 13);

  g_assert_true (sl_document_lookup_note (board.document, sl_element_get_id (SL_ELEMENT (board.event))) == board.event);
  g_assert_null (sl_document_lookup_note (board.document, sl_element_get_id (SL_ELEMENT (board.events))));
  g_assert_true (sl_document_lookup_lane (board.document, sl_element_get_id (SL_ELEMENT (board.events))) == board.events);
  g_assert_null (sl_document_lookup_lane (board.document, sl_element_get_id (SL_ELEMENT (board.event))));

  test_board_clear (&board);
}

/* The same seed gives the same ids: generators and tests rely on it. */
static void
test_id_seed (void)
{
  g_autoptr(SlDocument) a = sl_document_new ();
  g_autoptr(SlDocument) b = sl_document_new ();
  SlLane *lane_a, *lane_b;

  sl_document_set_id_seed (a, 7);
  sl_document_set_id_seed (b, 7);
  lane_a = sl_document_add_lane (a, SL_LANE_UNSORTED, NULL, -1);
  lane_b = sl_document_add_lane (b, SL_LANE_UNSORTED, NULL, -1);
  g_assert_cmpstr (sl_element_get_id (SL_ELEMENT (lane_a)), ==, sl_element_get_id (SL_ELEMENT (lane_b)));
  g_assert_cmpstr (sl_lane_get_name (lane_a), ==, "");
}

/* Removing a note takes its connections, its scenarios and the steps that
 * name it along: the document never refers to what is not there. */
static void
test_remove_note_cascade (void)
{
  TestBoard board;
  SlDocument *d;
  SlScenario *view_scenario;
  g_autoptr(SlStep) given = NULL;

  test_board_init (&board);
  d = board.document;

  view_scenario = sl_document_add_scenario (d, board.view, "Lists bookings");
  given = sl_step_new (board.event);
  sl_document_set_scenario_steps (d, view_scenario, SL_STEP_GIVEN, &given, 1);

  sl_document_remove_note (d, board.event);
  g_assert_cmpuint (test_n_items (sl_document_get_connections (d)), ==, 1);
  g_assert_cmpuint (sl_scenario_get_n_steps (view_scenario, SL_STEP_GIVEN), ==, 0);
  g_assert_cmpuint (sl_scenario_get_n_steps (board.scenario, SL_STEP_THEN), ==, 0);
  g_assert_cmpuint (sl_history_get_n_undo (sl_document_get_history (d)), ==, 3);

  sl_document_remove_note (d, board.command);
  g_assert_cmpuint (test_n_items (sl_document_get_connections (d)), ==, 0);
  g_assert_cmpuint (test_n_items (sl_document_get_scenarios (d)), ==, 1);
  g_assert_cmpuint (test_n_items (sl_document_get_notes (d)), ==, 2);

  test_board_clear (&board);
}

static void
test_remove_lane_and_aggregate (void)
{
  TestBoard board;
  SlDocument *d;

  test_board_init (&board);
  d = board.document;
  sl_document_set_note_aggregate (d, board.command, board.room);

  sl_document_remove_aggregate (d, board.room);
  g_assert_null (sl_lane_get_aggregate (board.events));
  g_assert_null (sl_note_get_aggregate (board.command));
  g_assert_cmpuint (test_n_items (sl_document_get_aggregates (d)), ==, 0);

  sl_document_remove_lane (d, board.interaction);
  g_assert_cmpuint (test_n_items (sl_document_get_lanes (d)), ==, 2);
  g_assert_cmpuint (test_n_items (sl_document_get_notes (d)), ==, 2);
  g_assert_cmpuint (test_n_items (sl_document_get_connections (d)), ==, 0);
  g_assert_cmpuint (test_n_items (sl_document_get_scenarios (d)), ==, 0);

  sl_document_move_lane (d, board.events, 0);
  g_assert_cmpint (sl_document_get_lane_position (d, board.events), ==, 0);
  g_assert_cmpint (sl_document_get_lane_position (d, board.actors), ==, 1);

  test_board_clear (&board);
}

static void
test_fields (void)
{
  TestBoard board;
  SlDocument *d;
  SlField *field;

  test_board_init (&board);
  d = board.document;

  field = sl_document_insert_field (d, board.command, 0, "guestId", SL_FIELD_UUID);
  g_assert_true (sl_note_get_field (board.command, 0) == field);
  field = sl_document_insert_field (d, board.command, 99, "nights", SL_FIELD_INT);
  g_assert_true (sl_note_get_field (board.command, 2) == field);

  sl_document_move_field (d, board.command, 2, 0);
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (board.command, 0)), ==, "nights");
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (board.command, 1)), ==, "guestId");

  sl_document_set_field_name (d, board.command, 0, "stays");
  sl_document_set_field_type (d, board.command, 0, SL_FIELD_LONG);
  sl_document_set_field_flags (d, board.command, 0, SL_FIELD_LIST | SL_FIELD_DISPLAYED);
  sl_document_set_field_example (d, board.command, 0, "3");
  field = sl_note_get_field (board.command, 0);
  g_assert_cmpstr (sl_field_get_name (field), ==, "stays");
  g_assert_cmpint (sl_field_get_value_type (field), ==, SL_FIELD_LONG);
  g_assert_cmpuint (sl_field_get_flags (field), ==, SL_FIELD_LIST | SL_FIELD_DISPLAYED);
  g_assert_cmpstr (sl_field_get_example (field), ==, "3");

  sl_document_remove_field (d, board.command, 0);
  g_assert_cmpuint (sl_note_get_n_fields (board.command), ==, 2);

  /* A field needs a name. */
  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*name*");
  g_assert_null (sl_document_insert_field (d, board.command, 0, "", SL_FIELD_STRING));
  g_test_assert_expected_messages ();

  test_board_clear (&board);
}

/* A step made with all its values at once holds them in their order; a
 * name given twice keeps its first place and its last value, as adding
 * the values one by one does; 20,000 values are made in one pass. */
static void
test_step_with_values (void)
{
  const char * const names[] = { "roomNumber", "guest", "roomNumber" };
  const char * const values[] = { "101", "Ada", "102" };
  g_autoptr(GPtrArray) many_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) many_values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SlStep) step = NULL;
  g_autoptr(SlStep) one_by_one = NULL;
  g_autoptr(SlStep) many = NULL;
  g_autoptr(SlStep) empty = NULL;
  TestBoard board;

  test_board_init (&board);

  step = sl_step_new_with_values (board.event, names, values, G_N_ELEMENTS (names));
  one_by_one = sl_step_new (board.event);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      SlStep *next = sl_step_new_with_value (one_by_one, names[i], values[i]);

      sl_step_unref (one_by_one);
      one_by_one = next;
    }
  g_assert_cmpuint (sl_step_get_n_values (step), ==, 2);
  g_assert_cmpstr (sl_step_get_value_name (step, 0), ==, "roomNumber");
  g_assert_cmpstr (sl_step_get_value (step, 0), ==, "102");
  g_assert_cmpstr (sl_step_get_value (step, 1), ==, "Ada");
  g_assert_true (sl_step_equal (step, one_by_one));

  for (guint i = 0; i < 20000; i++)
    {
      g_ptr_array_add (many_names, g_strdup_printf ("field%u", i));
      g_ptr_array_add (many_values, g_strdup_printf ("%u", i));
    }
  many = sl_step_new_with_values (board.event, (const char * const *) many_names->pdata,
                                  (const char * const *) many_values->pdata, many_names->len);
  g_assert_cmpuint (sl_step_get_n_values (many), ==, 20000);
  g_assert_cmpstr (sl_step_get_value_name (many, 19999), ==, "field19999");
  g_assert_cmpstr (sl_step_lookup (many, "field12345"), ==, "12345");

  empty = sl_step_new_with_values (board.event, NULL, NULL, 0);
  g_assert_cmpuint (sl_step_get_n_values (empty), ==, 0);

  /* A value needs a field name. */
  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*names*");
  g_assert_null (sl_step_new_with_values (board.event, (const char * const[]) { "" }, values, 1));
  g_test_assert_expected_messages ();

  test_board_clear (&board);
}

static void
test_steps (void)
{
  TestBoard board;
  g_autoptr(SlStep) step = NULL;
  g_autoptr(SlStep) one = NULL;
  g_autoptr(SlStep) two = NULL;
  g_autoptr(SlStep) changed = NULL;
  g_autoptr(SlStep) removed = NULL;

  test_board_init (&board);

  step = sl_step_new (board.event);
  g_assert_true (sl_step_get_note (step) == board.event);
  g_assert_cmpuint (sl_step_get_n_values (step), ==, 0);

  one = sl_step_new_with_value (step, "roomNumber", "101");
  two = sl_step_new_with_value (one, "guest", "Ada");
  g_assert_cmpuint (sl_step_get_n_values (step), ==, 0);
  g_assert_cmpuint (sl_step_get_n_values (two), ==, 2);
  g_assert_cmpstr (sl_step_get_value_name (two, 0), ==, "roomNumber");
  g_assert_cmpstr (sl_step_get_value (two, 1), ==, "Ada");
  g_assert_cmpstr (sl_step_lookup (two, "guest"), ==, "Ada");
  g_assert_null (sl_step_lookup (two, "nothing"));

  /* Changing a value keeps its place; NULL removes it. */
  changed = sl_step_new_with_value (two, "roomNumber", "102");
  g_assert_cmpstr (sl_step_get_value_name (changed, 0), ==, "roomNumber");
  g_assert_cmpstr (sl_step_get_value (changed, 0), ==, "102");
  removed = sl_step_new_with_value (changed, "roomNumber", NULL);
  g_assert_cmpuint (sl_step_get_n_values (removed), ==, 1);
  g_assert_cmpstr (sl_step_get_value_name (removed, 0), ==, "guest");

  /* A value needs a field name. */
  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*name*");
  g_assert_null (sl_step_new_with_value (two, "", "x"));
  g_test_assert_expected_messages ();

  g_assert_true (sl_step_equal (two, two));
  g_assert_false (sl_step_equal (two, changed));
  g_assert_false (sl_step_equal (one, step));

  test_board_clear (&board);
}

static void
test_scenarios (void)
{
  TestBoard board;
  SlDocument *d;
  g_autoptr(SlDocument) other = sl_document_new ();
  g_autoptr(SlStep) foreign = NULL;
  SlLane *lane;
  SlNote *stranger;

  test_board_init (&board);
  d = board.document;

  sl_document_set_scenario_title (d, board.scenario, "Double booking");
  sl_document_set_scenario_error (d, board.scenario, "Room is already booked");
  g_assert_cmpstr (sl_scenario_get_title (board.scenario), ==, "Double booking");
  g_assert_cmpstr (sl_scenario_get_error (board.scenario), ==, "Room is already booked");
  sl_document_set_scenario_error (d, board.scenario, "");
  g_assert_null (sl_scenario_get_error (board.scenario));

  sl_document_set_scenario_steps (d, board.scenario, SL_STEP_THEN, NULL, 0);
  g_assert_cmpuint (sl_scenario_get_n_steps (board.scenario, SL_STEP_THEN), ==, 0);

  /* A step naming a note of another document is refused. */
  lane = sl_document_add_lane (other, SL_LANE_UNSORTED, NULL, -1);
  stranger = sl_document_add_note (other, SL_NOTE_EVENT, lane, 0, 0, "Elsewhere");
  foreign = sl_step_new (stranger);
  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*not in the document*");
  sl_document_set_scenario_steps (d, board.scenario, SL_STEP_GIVEN, &foreign, 1);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (sl_scenario_get_n_steps (board.scenario, SL_STEP_GIVEN), ==, 0);

  sl_document_remove_scenario (d, board.scenario);
  g_assert_cmpuint (test_n_items (sl_document_get_scenarios (d)), ==, 0);

  test_board_clear (&board);
}

static void
test_refusals (void)
{
  TestBoard board;
  g_autoptr(SlDocument) other = sl_document_new ();
  SlLane *foreign_lane;

  test_board_init (&board);
  foreign_lane = sl_document_add_lane (other, SL_LANE_UNSORTED, NULL, -1);

  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*source != target*");
  g_assert_null (sl_document_add_connection (board.document, board.event, board.event));
  g_test_assert_expected_messages ();

  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*contains*");
  g_assert_null (sl_document_add_note (board.document, SL_NOTE_EVENT, foreign_lane, 0, 0, "X"));
  g_test_assert_expected_messages ();

  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*SL_COORD_MAX*");
  g_assert_null (sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, SL_COORD_MAX + 1, 0, "X"));
  g_test_assert_expected_messages ();

  g_test_expect_message ("stormline-core", G_LOG_LEVEL_CRITICAL, "*step*");
  sl_document_set_step (board.document, 9);
  g_test_assert_expected_messages ();

  g_assert_false (sl_history_can_undo (sl_document_get_history (board.document)));

  test_board_clear (&board);
}

typedef struct
{
  SlElement *element;
  guint what;
  guint count;
} ChangedRecord;

static void
element_changed_cb (SlDocument    *document,
                    SlElement     *element,
                    guint          what,
                    ChangedRecord *record)
{
  record->element = element;
  record->what = what;
  record->count++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *record)
{
  record[0] = position;
  record[1] = removed;
  record[2] = added;
}

/* The signals say precisely what changed, so views redraw only that. */
static void
test_signals (void)
{
  TestBoard board;
  SlDocument *d;
  ChangedRecord record = { 0 };
  guint items[3] = { 99, 99, 99 };

  test_board_init (&board);
  d = board.document;
  g_signal_connect (d, "element-changed", G_CALLBACK (element_changed_cb), &record);
  g_signal_connect (sl_document_get_notes (d), "items-changed", G_CALLBACK (items_changed_cb), items);

  sl_document_set_note_text (d, board.event, "Room Reserved");
  g_assert_true (record.element == SL_ELEMENT (board.event));
  g_assert_cmpuint (record.what, ==, SL_CHANGED_TEXT);

  sl_document_move_note (d, board.event, board.actors, 10, 10);
  g_assert_cmpuint (record.what, ==, SL_CHANGED_POSITION);

  sl_document_set_note_kind (d, board.event, SL_NOTE_HOTSPOT);
  g_assert_cmpuint (record.what, ==, SL_CHANGED_KIND);

  sl_document_set_note_aggregate (d, board.event, board.room);
  g_assert_cmpuint (record.what, ==, SL_CHANGED_AGGREGATE);

  sl_document_set_note_pivotal (d, board.event, TRUE);
  g_assert_cmpuint (record.what, ==, SL_CHANGED_FLAGS);

  sl_document_set_field_name (d, board.event, 0, "room");
  g_assert_cmpuint (record.what, ==, SL_CHANGED_FIELDS);

  sl_document_set_lane_name (d, board.actors, "Visitor");
  g_assert_true (record.element == SL_ELEMENT (board.actors));
  g_assert_cmpuint (record.what, ==, SL_CHANGED_TEXT);

  sl_document_set_slice_range (d, board.slice, 0, 10);
  g_assert_true (record.element == SL_ELEMENT (board.slice));
  g_assert_cmpuint (record.what, ==, SL_CHANGED_POSITION);

  sl_document_set_scenario_error (d, board.scenario, "No");
  g_assert_cmpuint (record.what, ==, SL_CHANGED_CONTENT);

  sl_document_add_note (d, SL_NOTE_EVENT, board.events, 0, 0, "New");
  g_assert_cmpuint (items[0], ==, 4);
  g_assert_cmpuint (items[1], ==, 0);
  g_assert_cmpuint (items[2], ==, 1);

  sl_document_remove_note (d, board.screen);
  g_assert_cmpuint (items[0], ==, 0);
  g_assert_cmpuint (items[1], ==, 1);
  g_assert_cmpuint (items[2], ==, 0);

  /* Undo restores the note at its place. */
  sl_history_undo (sl_document_get_history (d));
  g_assert_cmpuint (items[0], ==, 0);
  g_assert_cmpuint (items[2], ==, 1);
  g_assert_true (test_get_item (sl_document_get_notes (d), 0) == board.screen);

  test_board_clear (&board);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *names)
{
  g_string_append_printf (names, "%s;", pspec->name);
}

static void
test_notify (void)
{
  TestBoard board;
  g_autoptr(GString) names = g_string_new (NULL);
  char *text = NULL;
  int x = 0;

  test_board_init (&board);
  g_signal_connect (board.event, "notify", G_CALLBACK (notify_cb), names);
  sl_document_move_note (board.document, board.event, board.events, 70, 0);
  g_assert_cmpstr (names->str, ==, "x;");
  g_object_get (board.event, "x", &x, "text", &text, NULL);
  g_assert_cmpint (x, ==, 70);
  g_assert_cmpstr (text, ==, "Room Booked");
  g_free (text);

  g_string_truncate (names, 0);
  g_signal_connect (board.document, "notify", G_CALLBACK (notify_cb), names);
  sl_document_set_title (board.document, "Motel");
  sl_document_set_description (board.document, "About");
  sl_document_set_step (board.document, 3);
  g_assert_cmpstr (names->str, ==, "title;description;step;");
  g_assert_cmpuint (sl_document_get_step (board.document), ==, 3);
  g_assert_cmpstr (sl_document_get_description (board.document), ==, "About");

  test_board_clear (&board);
}

/* The one rule of timeline order: x, then the lane's place, then y; notes
 * at the same place compare equal. */
static void
test_timeline_order (void)
{
  TestBoard board;
  SlDocument *d;
  SlNote *above, *twin;

  test_board_init (&board);
  d = board.document;

  g_assert_cmpint (sl_document_compare_timeline (d, board.screen, board.command), <, 0);
  g_assert_cmpint (sl_document_compare_timeline (d, board.view, board.event), >, 0);

  /* At the same x, the upper lane first, whatever y says. */
  sl_document_move_note (d, board.command, board.interaction, 20, 0);
  sl_document_move_note (d, board.screen, board.actors, 20, 300);
  g_assert_cmpint (sl_document_compare_timeline (d, board.screen, board.command), <, 0);
  sl_document_move_lane (d, board.actors, 2);
  g_assert_cmpint (sl_document_compare_timeline (d, board.screen, board.command), >, 0);

  /* In one lane at the same x, the upper note first. */
  above = sl_document_add_note (d, SL_NOTE_VIEW, board.interaction, 20, 0, "Above");
  sl_document_move_note (d, board.command, board.interaction, 20, 120);
  g_assert_cmpint (sl_document_compare_timeline (d, above, board.command), <, 0);
  g_assert_cmpint (sl_document_compare_timeline (d, board.command, above), >, 0);

  twin = sl_document_add_note (d, SL_NOTE_VIEW, board.interaction, 20, 120, "Twin");
  g_assert_cmpint (sl_document_compare_timeline (d, twin, board.command), ==, 0);

  test_board_clear (&board);
}

/* The one rule of which slice holds a note: the first slice, left to
 * right and then in the document's order, that holds its left edge. */
static void
test_note_slice (void)
{
  TestBoard board;
  SlDocument *d;
  SlSlice *late, *wide, *same;
  g_autoptr(GPtrArray) slices = NULL;

  test_board_init (&board);
  d = board.document;

  /* Book Room spans 0 to 480: the view at 260 stands in it, not at 480. */
  g_assert_true (sl_document_get_note_slice (d, board.view) == board.slice);
  g_assert_true (sl_document_find_slice_at (d, 479) == board.slice);
  g_assert_null (sl_document_find_slice_at (d, 480));
  g_assert_null (sl_document_find_slice_at (d, -1));

  late = sl_document_add_slice (d, "Pay", 480, 240);
  wide = sl_document_add_slice (d, "Everything", -100, 2000);
  same = sl_document_add_slice (d, "Also Book Room", 0, 480);

  /* Overlapping slices: the leftmost holds the note; at the same x, the
   * first in the document. */
  g_assert_true (sl_document_get_note_slice (d, board.view) == wide);
  g_assert_true (sl_document_find_slice_at (d, 500) == wide);
  sl_document_set_slice_range (d, wide, 1000, 100);
  g_assert_true (sl_document_get_note_slice (d, board.view) == board.slice);
  g_assert_true (sl_document_find_slice_at (d, 500) == late);

  slices = sl_document_get_timeline_slices (d);
  g_assert_cmpuint (slices->len, ==, 4);
  g_assert_true (g_ptr_array_index (slices, 0) == board.slice);
  g_assert_true (g_ptr_array_index (slices, 1) == same);
  g_assert_true (g_ptr_array_index (slices, 2) == late);
  g_assert_true (g_ptr_array_index (slices, 3) == wide);
  g_assert_cmpint (sl_slice_compare_timeline (board.slice, same), ==, 0);
  g_assert_cmpint (sl_slice_compare_timeline (late, board.slice), >, 0);

  /* The slices are looked up in an index, which an undo and a removal
   * must not leave behind. */
  sl_history_undo (sl_document_get_history (d));
  g_assert_true (sl_document_find_slice_at (d, 500) == wide);
  sl_document_remove_slice (d, wide);
  g_assert_true (sl_document_find_slice_at (d, 500) == late);
  g_assert_null (sl_document_find_slice_at (d, 720));

  test_board_clear (&board);
}

/* The look-up by index gives what a look at every slice gives: slices
 * of every width, overlapping, nested, with gaps and ties. */
static void
test_note_slice_random (void)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 20; round++)
    {
      GListModel *slices = sl_document_get_slices (d);

      sl_document_add_slice (d, "Slice", g_rand_int_range (rand, -500, 3000), g_rand_int_range (rand, 1, 800));
      if (round % 5 == 4)
        sl_document_remove_slice (d, sl_element_list_peek (SL_ELEMENT_LIST (slices), 0));

      for (int x = -600; x < 4000; x += 7)
        {
          SlSlice *expected = NULL;

          for (guint i = 0; i < g_list_model_get_n_items (slices); i++)
            {
              g_autoptr(SlSlice) slice = g_list_model_get_item (slices, i);

              if (sl_slice_contains_x (slice, x) &&
                  (expected == NULL || sl_slice_compare_timeline (slice, expected) < 0))
                expected = slice;
            }
          g_assert_true (sl_document_find_slice_at (d, x) == expected);
        }
    }
}

/* The lane an empty board starts with, whether File › New or the first
 * note typed on a board without lanes makes it. */
static void
test_default_lane (void)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_default_lane (d);

  g_assert_cmpint (sl_lane_get_kind (lane), ==, SL_LANE_UNSORTED);
  g_assert_cmpstr (sl_lane_get_name (lane), ==, "Timeline");
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_lanes (d)), ==, 1);
  sl_history_undo (sl_document_get_history (d));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_lanes (d)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/enums", test_enums);
  g_test_add_func ("/document/empty", test_empty);
  g_test_add_func ("/document/elements", test_elements);
  g_test_add_func ("/document/lookup-and-ids", test_lookup_and_ids);
  g_test_add_func ("/document/id-seed", test_id_seed);
  g_test_add_func ("/document/remove-note-cascade", test_remove_note_cascade);
  g_test_add_func ("/document/remove-lane-and-aggregate", test_remove_lane_and_aggregate);
  g_test_add_func ("/document/fields", test_fields);
  g_test_add_func ("/document/steps", test_steps);
  g_test_add_func ("/document/step-with-values", test_step_with_values);
  g_test_add_func ("/document/scenarios", test_scenarios);
  g_test_add_func ("/document/refusals", test_refusals);
  g_test_add_func ("/document/signals", test_signals);
  g_test_add_func ("/document/notify", test_notify);
  g_test_add_func ("/document/timeline-order", test_timeline_order);
  g_test_add_func ("/document/note-slice", test_note_slice);
  g_test_add_func ("/document/note-slice-random", test_note_slice_random);
  g_test_add_func ("/document/default-lane", test_default_lane);

  return g_test_run ();
}
