/* test-format.c: the .stormline format of docs/FORMAT.md
 *
 * Loading the hotel example (its contents, and that it is canonical); the
 * canonical text the writer makes; the refusal of every kind of bad file
 * with the right error and a message that says where; reading files that
 * are folders, missing, too large or unreadable; and atomic saving, which
 * keeps the old file whole when writing fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sl-file-writer-private.h"
#include "test-util.h"

#define NOBODY 65534

/* Helpers */

static SlDocument *
load_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  SlDocument *document;

  document = sl_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Asserts that @dir holds exactly @names, sorted, one a line. */
static void
assert_dir_lists (const char *dir,
                  const char *names)
{
  g_autofree char *listing = list_dir (dir);

  g_assert_cmpstr (listing, ==, names);
}

static gpointer
lookup (SlDocument *document,
        GType       type,
        const char *id)
{
  SlElement *element = sl_document_lookup (document, id);

  g_assert_nonnull (element);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (element, type));
  return element;
}

static const char *
id_of (gpointer element)
{
  return sl_element_get_id (SL_ELEMENT (element));
}

/* Asserts the example values of @step, in order: pairs of name and value. */
static void
assert_step (SlStep     *step,
             const char *note_id,
             ...)
{
  const char *name;
  guint n = 0;
  va_list args;

  g_assert_cmpstr (id_of (sl_step_get_note (step)), ==, note_id);

  va_start (args, note_id);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_assert_cmpuint (n, <, sl_step_get_n_values (step));
      g_assert_cmpstr (sl_step_get_value_name (step, n), ==, name);
      g_assert_cmpstr (sl_step_get_value (step, n), ==, value);
      n++;
    }
  va_end (args);

  g_assert_cmpuint (sl_step_get_n_values (step), ==, n);
}

/* The example */

static void
test_example_counts (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  GListModel *notes = sl_document_get_notes (document);
  guint per_kind[SL_N_NOTE_KINDS] = { 0 };
  guint n_fields = 0;

  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 27);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_connections (document)), ==, 29);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_scenarios (document)), ==, 17);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_lanes (document)), ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_slices (document)), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_aggregates (document)), ==, 4);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i);

      per_kind[sl_note_get_kind (note)]++;
      n_fields += sl_note_get_n_fields (note);
    }

  g_assert_cmpuint (n_fields, ==, 107);
  g_assert_cmpuint (per_kind[SL_NOTE_EVENT], ==, 7);
  g_assert_cmpuint (per_kind[SL_NOTE_COMMAND], ==, 6);
  g_assert_cmpuint (per_kind[SL_NOTE_VIEW], ==, 5);
  g_assert_cmpuint (per_kind[SL_NOTE_SCREEN], ==, 7);
  g_assert_cmpuint (per_kind[SL_NOTE_AUTOMATION], ==, 1);
  g_assert_cmpuint (per_kind[SL_NOTE_EXTERNAL], ==, 1);
}

static void
test_example_contents (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlSlice) first_slice = NULL;
  g_autoptr(SlConnection) first_connection = NULL;
  SlNote *note;
  SlField *field;
  SlLane *lane;
  SlScenario *scenario;
  guint index;

  g_assert_cmpstr (sl_document_get_title (document), ==, "Hotel");
  g_assert_true (g_str_has_prefix (sl_document_get_description (document),
                                   "The hotel example of Event Modeling"));
  g_assert_cmpuint (sl_document_get_step (document), ==, 8);

  /* A pivotal event with a generated, exemplified field */
  note = sl_document_lookup_note (document, "evt-room-booked");
  g_assert_nonnull (note);
  g_assert_cmpint (sl_note_get_kind (note), ==, SL_NOTE_EVENT);
  g_assert_cmpstr (sl_note_get_text (note), ==, "Room Booked");
  g_assert_cmpstr (id_of (sl_note_get_lane (note)), ==, "lane-booking");
  g_assert_cmpint (sl_note_get_x (note), ==, 760);
  g_assert_cmpint (sl_note_get_y (note), ==, 0);
  g_assert_true (sl_note_get_pivotal (note));
  g_assert_null (sl_note_get_aggregate (note));
  g_assert_cmpuint (sl_note_get_n_fields (note), ==, 5);
  field = sl_note_get_field (note, 0);
  g_assert_cmpstr (sl_field_get_name (field), ==, "bookingId");
  g_assert_cmpint (sl_field_get_value_type (field), ==, SL_FIELD_UUID);
  g_assert_cmpint (sl_field_get_flags (field), ==, SL_FIELD_GENERATED);
  g_assert_cmpstr (sl_field_get_example (field), ==, "b7e4d2a9-1c3f-4a5b-8d6e-0f1a2b3c4d5e");
  field = sl_note_get_field (note, 2);
  g_assert_cmpstr (sl_field_get_name (field), ==, "roomNumber");
  g_assert_cmpint (sl_field_get_value_type (field), ==, SL_FIELD_STRING);
  g_assert_cmpint (sl_field_get_flags (field), ==, 0);

  /* A view with a mapped and a calculated field */
  note = sl_document_lookup_note (document, "view-sales-report");
  g_assert_nonnull (note);
  g_assert_cmpint (sl_note_get_kind (note), ==, SL_NOTE_VIEW);
  g_assert_cmpstr (id_of (sl_note_get_lane (note)), ==, "lane-interaction");
  g_assert_cmpuint (sl_note_get_n_fields (note), ==, 10);
  field = sl_note_find_field (note, "room", &index);
  g_assert_nonnull (field);
  g_assert_cmpuint (index, ==, 2);
  g_assert_cmpstr (sl_field_get_mapping (field), ==, "roomNumber");
  g_assert_false (sl_field_is_calculated (field));
  field = sl_note_get_field (note, 9);
  g_assert_cmpstr (sl_field_get_name (field), ==, "totalRevenue");
  g_assert_cmpint (sl_field_get_value_type (field), ==, SL_FIELD_DECIMAL);
  g_assert_true (sl_field_is_calculated (field));
  g_assert_cmpstr (sl_field_get_example (field), ==, "360.00");

  /* A screen that displays fields */
  note = sl_document_lookup_note (document, "scr-book-room");
  g_assert_nonnull (note);
  g_assert_cmpint (sl_note_get_kind (note), ==, SL_NOTE_SCREEN);
  g_assert_cmpstr (id_of (sl_note_get_lane (note)), ==, "lane-guest");
  g_assert_cmpint (sl_field_get_flags (sl_note_get_field (note, 0)), ==, SL_FIELD_DISPLAYED);
  g_assert_cmpint (sl_field_get_flags (sl_note_get_field (note, 3)), ==, 0);
  g_assert_cmpstr (sl_field_get_example (sl_note_get_field (note, 3)), ==, "101");

  /* Lanes keep their order and aggregate */
  lane = sl_document_lookup_lane (document, "lane-room");
  g_assert_nonnull (lane);
  g_assert_cmpint (sl_lane_get_kind (lane), ==, SL_LANE_EVENTS);
  g_assert_cmpstr (sl_lane_get_name (lane), ==, "Room");
  g_assert_cmpstr (id_of (sl_lane_get_aggregate (lane)), ==, "agg-room");
  g_assert_cmpstr (sl_aggregate_get_name (sl_lane_get_aggregate (lane)), ==, "Room");
  g_assert_cmpint (sl_document_get_lane_position (document, lane), ==, 4);
  lane = lookup (document, SL_TYPE_LANE, "lane-gps");
  g_assert_cmpint (sl_lane_get_kind (lane), ==, SL_LANE_EXTERNAL);
  g_assert_null (sl_lane_get_aggregate (lane));
  g_assert_cmpint (sl_document_get_lane_position (document, lane), ==, 8);

  first_slice = g_list_model_get_item (sl_document_get_slices (document), 0);
  g_assert_cmpstr (id_of (first_slice), ==, "slice-add-room");
  g_assert_cmpstr (sl_slice_get_name (first_slice), ==, "Add Room");
  g_assert_cmpint (sl_slice_get_status (first_slice), ==, SL_SLICE_DONE);
  g_assert_cmpint (sl_slice_get_x (first_slice), ==, 0);
  g_assert_cmpint (sl_slice_get_width (first_slice), ==, 240);

  first_connection = g_list_model_get_item (sl_document_get_connections (document), 0);
  g_assert_cmpstr (id_of (first_connection), ==, "conn-1");
  g_assert_cmpstr (id_of (sl_connection_get_source (first_connection)), ==, "scr-add-room");
  g_assert_cmpstr (id_of (sl_connection_get_target (first_connection)), ==, "cmd-add-room");

  /* A scenario with steps in every part, its values in the file's order */
  scenario = lookup (document, SL_TYPE_SCENARIO, "scn-book-room");
  g_assert_cmpstr (id_of (sl_scenario_get_note (scenario)), ==, "cmd-book-room");
  g_assert_cmpstr (sl_scenario_get_title (scenario), ==, "A guest books a free room");
  g_assert_null (sl_scenario_get_error (scenario));
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_GIVEN), ==, 2);
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_WHEN), ==, 1);
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_THEN), ==, 1);
  assert_step (sl_scenario_get_step (scenario, SL_STEP_GIVEN, 0), "evt-room-added",
               "roomNumber", "101", "roomType", "Double", "pricePerNight", "120.00",
               "amenities", "Wi-Fi, Balcony", NULL);
  assert_step (sl_scenario_get_step (scenario, SL_STEP_GIVEN, 1), "evt-guest-registered",
               "guestId", "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f", "name", "Jane Doe",
               "email", "jane.doe@example.com", NULL);
  assert_step (sl_scenario_get_step (scenario, SL_STEP_WHEN, 0), "cmd-book-room",
               "guestId", "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f", "roomNumber", "101",
               "checkIn", "2026-12-01", "checkOut", "2026-12-04", NULL);
  assert_step (sl_scenario_get_step (scenario, SL_STEP_THEN, 0), "evt-room-booked",
               "bookingId", "b7e4d2a9-1c3f-4a5b-8d6e-0f1a2b3c4d5e",
               "guestId", "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f", "roomNumber", "101",
               "checkIn", "2026-12-01", "checkOut", "2026-12-04", NULL);
  g_assert_cmpstr (sl_step_lookup (sl_scenario_get_step (scenario, SL_STEP_WHEN, 0), "checkOut"),
                   ==, "2026-12-04");

  /* A scenario whose outcome is an error */
  scenario = lookup (document, SL_TYPE_SCENARIO, "scn-add-room-twice");
  g_assert_cmpstr (sl_scenario_get_error (scenario), ==, "Room 101 already exists");
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_GIVEN), ==, 1);
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_WHEN), ==, 1);
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_THEN), ==, 0);
  assert_step (sl_scenario_get_step (scenario, SL_STEP_WHEN, 0), "cmd-add-room",
               "roomNumber", "101", "roomType", "Single", "pricePerNight", "90.00",
               "amenities", "Wi-Fi", NULL);

  /* A loaded document has nothing to undo and is not modified */
  g_assert_false (sl_history_can_undo (sl_document_get_history (document)));
  g_assert_false (sl_history_get_modified (sl_document_get_history (document)));
}

static void
test_example_canonical (void)
{
  g_autoptr(GBytes) file_bytes = read_bytes (example_path ());
  g_autoptr(SlDocument) document = load_bytes (file_bytes);
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);

  assert_bytes_equal (saved, file_bytes);
}

/* The writer */

/* The document of test_writer_canonical(): one of each key, with the
 * default values left out where they can be. */
static void
name_id (GPtrArray  *ids,
         const char *placeholder,
         gpointer    element)
{
  g_ptr_array_add (ids, g_strdup (placeholder));
  g_ptr_array_add (ids, g_strdup (id_of (element)));
}

/* Pairs of placeholder and id go into @ids. */
static SlDocument *
build_document (GPtrArray *ids)
{
  SlDocument *d = sl_document_new ();
  g_autoptr(SlStep) given = NULL;
  g_autoptr(SlStep) when = NULL;
  g_autoptr(SlStep) then = NULL;
  g_autoptr(SlStep) bare_when = NULL;
  SlStep *step;
  SlAggregate *room;
  SlLane *actors, *gps, *interaction, *events;
  SlSlice *book, *later;
  SlNote *screen, *command, *event;
  SlConnection *screen_command, *command_event;
  SlScenario *booking, *refused;

  sl_document_set_id_seed (d, 1);
  sl_document_set_title (d, "Say \"hi\" \\ back");
  sl_document_set_description (d, "line one\nline two\ttabbed\r\x01\x1f\b\f café — ✓ /");
  sl_document_set_step (d, 3);

  room = sl_document_add_aggregate (d, "Room");
  actors = sl_document_add_lane (d, SL_LANE_ACTOR, "Guest", -1);
  interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "", -1);
  events = sl_document_add_lane (d, SL_LANE_EVENTS, "Room", -1);
  sl_document_set_lane_aggregate (d, events, room);
  gps = sl_document_add_lane (d, SL_LANE_EXTERNAL, "GPS", 1);

  book = sl_document_add_slice (d, "Book Room", 0, 480);
  sl_document_set_slice_status (d, book, SL_SLICE_IN_PROGRESS);
  later = sl_document_add_slice (d, "", 480, 240);

  screen = sl_document_add_note (d, SL_NOTE_SCREEN, actors, -20, 0, "Booking");
  command = sl_document_add_note (d, SL_NOTE_COMMAND, interaction, 40, 15, "Book \"Room\"");
  sl_document_set_note_aggregate (d, command, room);
  event = sl_document_add_note (d, SL_NOTE_EVENT, events, 60, 0, "");
  sl_document_set_note_pivotal (d, event, TRUE);

  sl_document_insert_field (d, screen, -1, "roomNumber", SL_FIELD_INT);
  sl_document_set_field_flags (d, screen, 0, SL_FIELD_DISPLAYED);
  sl_document_insert_field (d, command, -1, "guestId", SL_FIELD_UUID);
  sl_document_insert_field (d, command, 0, "roomNumber", SL_FIELD_STRING);
  sl_document_set_field_example (d, command, 0, "101");
  sl_document_set_field_flags (d, command, 1, SL_FIELD_LIST | SL_FIELD_OPTIONAL);
  sl_document_insert_field (d, event, -1, "total", SL_FIELD_DECIMAL);
  sl_document_set_field_flags (d, event, 0, SL_FIELD_ALL_FLAGS);
  sl_document_set_field_mapping (d, event, 0, "calculated");
  sl_document_set_field_example (d, event, 0, "360.00");

  screen_command = sl_document_add_connection (d, screen, command);
  command_event = sl_document_add_connection (d, command, event);

  booking = sl_document_add_scenario (d, command, "Book a \"free\" room");
  step = sl_step_new (event);
  given = sl_step_new_with_value (step, "total", "360.00");
  sl_step_unref (step);
  step = sl_step_new (command);
  when = sl_step_new_with_value (step, "roomNumber", "101");
  sl_step_unref (step);
  step = when;
  when = sl_step_new_with_value (step, "guest \"id\"", "g\\1");
  sl_step_unref (step);
  then = sl_step_new (event);
  sl_document_set_scenario_steps (d, booking, SL_STEP_GIVEN, &given, 1);
  sl_document_set_scenario_steps (d, booking, SL_STEP_WHEN, &when, 1);
  sl_document_set_scenario_steps (d, booking, SL_STEP_THEN, &then, 1);

  refused = sl_document_add_scenario (d, command, "");
  bare_when = sl_step_new (command);
  sl_document_set_scenario_steps (d, refused, SL_STEP_WHEN, &bare_when, 1);
  sl_document_set_scenario_error (d, refused, "Room 101\nis booked");

  name_id (ids, "@room@", room);
  name_id (ids, "@actors@", actors);
  name_id (ids, "@gps@", gps);
  name_id (ids, "@interaction@", interaction);
  name_id (ids, "@events@", events);
  name_id (ids, "@book@", book);
  name_id (ids, "@later@", later);
  name_id (ids, "@screen@", screen);
  name_id (ids, "@command@", command);
  name_id (ids, "@event@", event);
  name_id (ids, "@screen-command@", screen_command);
  name_id (ids, "@command-event@", command_event);
  name_id (ids, "@booking@", booking);
  name_id (ids, "@refused@", refused);

  return d;
}

/* The ids are made at random, so the text names them by placeholders. */
static const char expected_text[] =
  "{\n"
  "  \"stormline\": 1,\n"
  "  \"title\": \"Say \\\"hi\\\" \\\\ back\",\n"
  "  \"description\": \"line one\\nline two\\ttabbed\\r\\u0001\\u001f\\b\\f café — ✓ /\",\n"
  "  \"step\": 3,\n"
  "  \"aggregates\": [\n"
  "    {\n"
  "      \"id\": \"@room@\",\n"
  "      \"name\": \"Room\"\n"
  "    }\n"
  "  ],\n"
  "  \"lanes\": [\n"
  "    {\n"
  "      \"id\": \"@actors@\",\n"
  "      \"kind\": \"actor\",\n"
  "      \"name\": \"Guest\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"@gps@\",\n"
  "      \"kind\": \"external\",\n"
  "      \"name\": \"GPS\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"@interaction@\",\n"
  "      \"kind\": \"interaction\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"@events@\",\n"
  "      \"kind\": \"events\",\n"
  "      \"name\": \"Room\",\n"
  "      \"aggregate\": \"@room@\"\n"
  "    }\n"
  "  ],\n"
  "  \"slices\": [\n"
  "    {\n"
  "      \"id\": \"@book@\",\n"
  "      \"name\": \"Book Room\",\n"
  "      \"status\": \"in-progress\",\n"
  "      \"x\": 0,\n"
  "      \"width\": 480\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"@later@\",\n"
  "      \"x\": 480,\n"
  "      \"width\": 240\n"
  "    }\n"
  "  ],\n"
  "  \"notes\": [\n"
  "    {\n"
  "      \"id\": \"@screen@\",\n"
  "      \"kind\": \"screen\",\n"
  "      \"text\": \"Booking\",\n"
  "      \"lane\": \"@actors@\",\n"
  "      \"x\": -20,\n"
  "      \"fields\": [\n"
  "        {\"name\": \"roomNumber\", \"type\": \"Int\", \"displayed\": true}\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"@command@\",\n"
  "      \"kind\": \"command\",\n"
  "      \"text\": \"Book \\\"Room\\\"\",\n"
  "      \"lane\": \"@interaction@\",\n"
  "      \"x\": 40,\n"
  "      \"y\": 15,\n"
  "      \"aggregate\": \"@room@\",\n"
  "      \"fields\": [\n"
  "        {\"name\": \"roomNumber\", \"example\": \"101\"},\n"
  "        {\"name\": \"guestId\", \"type\": \"UUID\", \"list\": true, \"optional\": true}\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"@event@\",\n"
  "      \"kind\": \"event\",\n"
  "      \"lane\": \"@events@\",\n"
  "      \"x\": 60,\n"
  "      \"pivotal\": true,\n"
  "      \"fields\": [\n"
  "        {\"name\": \"total\", \"type\": \"Decimal\", \"generated\": true, \"list\": true, \"optional\": true, \"displayed\": true, \"mapping\": \"calculated\", \"example\": \"360.00\"}\n"
  "      ]\n"
  "    }\n"
  "  ],\n"
  "  \"connections\": [\n"
  "    {\"id\": \"@screen-command@\", \"from\": \"@screen@\", \"to\": \"@command@\"},\n"
  "    {\"id\": \"@command-event@\", \"from\": \"@command@\", \"to\": \"@event@\"}\n"
  "  ],\n"
  "  \"scenarios\": [\n"
  "    {\n"
  "      \"id\": \"@booking@\",\n"
  "      \"note\": \"@command@\",\n"
  "      \"title\": \"Book a \\\"free\\\" room\",\n"
  "      \"given\": [\n"
  "        {\"note\": \"@event@\", \"values\": {\"total\": \"360.00\"}}\n"
  "      ],\n"
  "      \"when\": [\n"
  "        {\"note\": \"@command@\", \"values\": {\"roomNumber\": \"101\", \"guest \\\"id\\\"\": \"g\\\\1\"}}\n"
  "      ],\n"
  "      \"then\": [\n"
  "        {\"note\": \"@event@\"}\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"@refused@\",\n"
  "      \"note\": \"@command@\",\n"
  "      \"when\": [\n"
  "        {\"note\": \"@command@\"}\n"
  "      ],\n"
  "      \"error\": \"Room 101\\nis booked\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_writer_canonical (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SlDocument) document = build_document (ids);
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);
  g_autoptr(GString) expected = g_string_new (expected_text);

  for (guint i = 0; i < ids->len; i += 2)
    {
      const char *id = g_ptr_array_index (ids, i + 1);

      g_assert_true (g_str_has_prefix (id, "n-"));
      g_assert_cmpuint (g_string_replace (expected, g_ptr_array_index (ids, i), id, 0), >, 0);
    }

  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   expected->str, expected->len);
}

static void
test_writer_round_trip (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SlDocument) document = build_document (ids);
  g_autoptr(GBytes) first = sl_format_save_to_bytes (document);
  g_autoptr(GBytes) second = sl_format_save_to_bytes (document);
  g_autoptr(SlDocument) loaded = load_bytes (first);
  g_autoptr(GBytes) reloaded = sl_format_save_to_bytes (loaded);
  g_autoptr(SlNote) command = NULL;

  assert_bytes_equal (second, first);
  assert_bytes_equal (reloaded, first);

  /* The escapes come back as the characters they stand for */
  g_assert_cmpstr (sl_document_get_title (loaded), ==, sl_document_get_title (document));
  g_assert_cmpstr (sl_document_get_description (loaded), ==,
                   sl_document_get_description (document));
  command = g_list_model_get_item (sl_document_get_notes (loaded), 1);
  g_assert_cmpstr (sl_note_get_text (command), ==, "Book \"Room\"");
}

/* A note broken into lines (Shift+Enter) keeps its breaks: written as
 * JSON escapes on one line of the file, read back as the same text. */
static void
test_writer_line_breaks (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  SlLane *lane = sl_document_add_default_lane (document);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) resaved = NULL;
  g_autoptr(SlDocument) loaded = NULL;
  g_autoptr(SlNote) note = NULL;
  g_autofree char *text = NULL;

  sl_document_add_note (document, SL_NOTE_EVENT, lane, 0, 0, "Book\nBorrowed\n\nlate");
  saved = sl_format_save_to_bytes (document);
  text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_assert_nonnull (strstr (text, "\"text\": \"Book\\nBorrowed\\n\\nlate\""));

  loaded = load_bytes (saved);
  note = g_list_model_get_item (sl_document_get_notes (loaded), 0);
  g_assert_cmpstr (sl_note_get_text (note), ==, "Book\nBorrowed\n\nlate");
  resaved = sl_format_save_to_bytes (loaded);
  assert_bytes_equal (resaved, saved);
}

static void
test_writer_empty (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);
  static const char expected[] = "{\n  \"stormline\": 1\n}\n";
  g_autoptr(SlDocument) loaded = load_bytes (saved);

  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   expected, strlen (expected));
  g_assert_cmpstr (sl_document_get_title (loaded), ==, "");
  g_assert_cmpuint (sl_document_get_step (loaded), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (loaded)), ==, 0);
}

/* The step is navigation (sl_document_set_step() records nothing), yet
 * the file keeps it: an old file opens at its step, and a save writes
 * the step chosen, without the step alone marking anything to save. */
static void
test_step_key (void)
{
  static const char old[] = "{\"stormline\": 1, \"title\": \"Old\", \"step\": 6}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (old, strlen (old));
  g_autoptr(SlDocument) loaded = load_bytes (bytes);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(SlDocument) reloaded = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (sl_document_get_step (loaded), ==, 6);
  g_assert_false (sl_history_get_modified (sl_document_get_history (loaded)));

  sl_document_set_step (loaded, 3);
  g_assert_false (sl_history_get_modified (sl_document_get_history (loaded)));
  saved = sl_format_save_to_bytes (loaded);
  text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  g_assert_nonnull (strstr (text, "\"step\": 3"));
  reloaded = load_bytes (saved);
  g_assert_cmpuint (sl_document_get_step (reloaded), ==, 3);
}

/* Bad input */

#define LANE "{\"id\": \"l1\", \"kind\": \"interaction\"}"
#define NOTE "{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 0}"
#define NOTE2 "{\"id\": \"n2\", \"kind\": \"event\", \"lane\": \"l1\", \"x\": 100}"
#define MODEL_WITH(notes, rest) \
  "{\"stormline\": 1, \"lanes\": [" LANE "], \"notes\": [" notes "]" rest "}"
#define SCENARIO_WITH(step) \
  MODEL_WITH (NOTE, ", \"scenarios\": [{\"id\": \"s1\", \"note\": \"n1\", \"when\": [" step "]}]")

typedef struct
{
  const char *name;
  const char *content;       /* NULL: made by make() */
  gssize length;             /* -1: up to the NUL */
  GBytes *(*make) (void);
  SlFormatError code;
  const char *message;       /* a part of the error's message */
  const char *where;         /* another part: where the problem is */
} BadInput;

static GBytes *
make_truncated_example (void)
{
  g_autoptr(GBytes) example = read_bytes (example_path ());

  return g_bytes_new_from_bytes (example, 0, 500);
}

static GBytes *
make_nested (const char *open)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, open);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static GBytes *
make_nested_arrays (void)
{
  return make_nested ("[");
}

static GBytes *
make_nested_objects (void)
{
  return make_nested ("{\"a\": ");
}

static GBytes *
make_closed_nested_arrays (void)
{
  g_autoptr(GString) text = g_string_new ("{\"stormline\": 1, \"title\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/* An empty GBytes has no data pointer at all */
static GBytes *
make_empty_bytes (void)
{
  return g_bytes_new (NULL, 0);
}

static GBytes *
make_id_of (guint n)
{
  g_autoptr(GString) text = g_string_new ("{\"stormline\": 1, \"lanes\": [{\"id\": \"");

  for (guint i = 0; i < n; i++)
    g_string_append (text, "é");
  g_string_append (text, "\", \"kind\": \"actor\"}]}");
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static GBytes *
make_long_id (void)
{
  return make_id_of (SL_FORMAT_MAX_ID_LENGTH + 1);
}

static const BadInput bad_inputs[] = {
  { "empty", "", -1, NULL, SL_FORMAT_ERROR_SYNTAX, "empty", NULL },
  { "empty-bytes", NULL, -1, make_empty_bytes, SL_FORMAT_ERROR_SYNTAX, "empty", NULL },
  /* Found by fuzz-json: the line was counted in the text the reader had
   * already decoded, where escaped line breaks had become real ones. */
  { "nul-after-escaped-newlines", "{\"stormline\": 1,\n \"title\": \"a\\nb\\nc\\u0000\"}", -1, NULL,
    SL_FORMAT_ERROR_ENCODING, "NUL character", "line 2, column 19:" },
  { "half-surrogate-after-escaped-newlines", "{\"stormline\": 1,\n \"title\": \"a\\nb\\nc\\ud800x\"}", -1, NULL,
    SL_FORMAT_ERROR_ENCODING, "half of a character", "line 2, column 19:" },
  { "long-id", NULL, -1, make_long_id, SL_FORMAT_ERROR_INVALID,
    "the id is longer than 256 characters", "lanes[0]" },
  { "whitespace", " \n\t\r\n  ", -1, NULL, SL_FORMAT_ERROR_SYNTAX, "empty", NULL },
  { "truncated", NULL, -1, make_truncated_example, SL_FORMAT_ERROR_SYNTAX,
    "ends too early", "line 16, column 9" },
  { "truncated-string", "{\"stormline\": 1, \"title\": \"Hot", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "ends too early", "line 1, column" },
  { "not-json", "hello", -1, NULL, SL_FORMAT_ERROR_SYNTAX, "line 1, column", NULL },
  { "array", "[1, 2, 3]", -1, NULL, SL_FORMAT_ERROR_NOT_A_MODEL, "not a Stormline model", NULL },
  { "other-object", "{\"slices\": []}", -1, NULL, SL_FORMAT_ERROR_NOT_A_MODEL,
    "not a Stormline model", NULL },
  { "string", "\"a string\"", -1, NULL, SL_FORMAT_ERROR_NOT_A_MODEL, "not a Stormline model", NULL },
  { "newer-version", "{\"stormline\": 2}", -1, NULL, SL_FORMAT_ERROR_NEWER_VERSION,
    "newer version of Stormline", "format 2" },
  { "version-0", "{\"stormline\": 0}", -1, NULL, SL_FORMAT_ERROR_INVALID, "format version", NULL },
  { "version-string", "{\"stormline\": \"1\"}", -1, NULL, SL_FORMAT_ERROR_INVALID,
    "format version", NULL },
  { "version-fraction", "{\"stormline\": 1.5}", -1, NULL, SL_FORMAT_ERROR_INVALID,
    "format version", NULL },
  { "unknown-key", "{\"stormline\": 1, \"colour\": \"red\"}", -1, NULL, SL_FORMAT_ERROR_INVALID,
    "unknown key “colour”", NULL },
  { "unknown-note-kind",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"sticky\", \"lane\": \"l1\", \"x\": 0}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "unknown note kind “sticky”", "notes[0] (id “n1”)" },
  { "unknown-lane-kind", "{\"stormline\": 1, \"lanes\": [{\"id\": \"l1\", \"kind\": \"pool\"}]}",
    -1, NULL, SL_FORMAT_ERROR_INVALID, "unknown lane kind “pool”", "lanes[0] (id “l1”)" },
  { "unknown-field-type",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 0, "
                "\"fields\": [{\"name\": \"a\"}, {\"name\": \"b\", \"type\": \"Integer\"}]}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "unknown field type “Integer”", "notes[0] (id “n1”).fields[1]" },
  { "unknown-slice-status",
    "{\"stormline\": 1, \"slices\": [{\"id\": \"s1\", \"status\": \"finished\", \"x\": 0, \"width\": 1}]}",
    -1, NULL, SL_FORMAT_ERROR_INVALID, "unknown slice status “finished”", "slices[0] (id “s1”)" },
  { "dangling-connection",
    MODEL_WITH (NOTE, ", \"connections\": [{\"id\": \"c1\", \"from\": \"n1\", \"to\": \"n-gone\"}]"),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“n-gone”, which is not in the file", "connections[0] (id “c1”)" },
  { "dangling-lane",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l-gone\", \"x\": 0}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“l-gone”, which is not in the file", "notes[0] (id “n1”)" },
  { "dangling-scenario-note",
    MODEL_WITH (NOTE, ", \"scenarios\": [{\"id\": \"s1\", \"note\": \"n-gone\"}]"),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“n-gone”, which is not in the file", "scenarios[0] (id “s1”)" },
  { "dangling-step-note", SCENARIO_WITH ("{\"note\": \"n1\"}, {\"note\": \"n-gone\"}"),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“n-gone”, which is not in the file",
    "scenarios[0] (id “s1”).when[1]" },
  { "wrong-reference-type", MODEL_WITH (NOTE ", {\"id\": \"n2\", \"kind\": \"event\", \"lane\": \"n1\", \"x\": 0}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“n1”, which is not a lane", "notes[1] (id “n2”)" },
  { "duplicate-id", "{\"stormline\": 1, \"lanes\": [" LANE ", " LANE "]}",
    -1, NULL, SL_FORMAT_ERROR_INVALID, "same id", "lanes[1] (id “l1”)" },
  { "duplicate-id-across-kinds",
    MODEL_WITH ("{\"id\": \"l1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 0}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "same id", "notes[0] (id “l1”)" },
  { "empty-id", "{\"stormline\": 1, \"lanes\": [{\"id\": \"\", \"kind\": \"actor\"}]}",
    -1, NULL, SL_FORMAT_ERROR_INVALID, "the id is empty", "lanes[0]" },
  { "self-connection",
    MODEL_WITH (NOTE, ", \"connections\": [{\"id\": \"c1\", \"from\": \"n1\", \"to\": \"n1\"}]"),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "from a note to itself", "connections[0] (id “c1”)" },
  { "nested-arrays", NULL, -1, make_nested_arrays, SL_FORMAT_ERROR_TOO_DEEP,
    "nested more than 64 levels", "line 1, column 65" },
  { "nested-objects", NULL, -1, make_nested_objects, SL_FORMAT_ERROR_TOO_DEEP,
    "nested more than 64 levels", "line 1, column 385" },
  { "nested-closed", NULL, -1, make_closed_nested_arrays, SL_FORMAT_ERROR_TOO_DEEP,
    "nested more than 64 levels", "line 1, column 90" },
  { "integer-beyond-64-bits", "{\"stormline\": 1,\n\"step\": 123456789012345678901234567890}",
    -1, NULL, SL_FORMAT_ERROR_NUMBER, "123456789012345678901234567890", "line 2, column 9" },
  { "integer-above-int64", "{\"stormline\": 1,\n\"step\": 9223372036854775808}",
    -1, NULL, SL_FORMAT_ERROR_NUMBER, "9223372036854775808", "line 2, column 9" },
  { "integer-below-int64", "{\"stormline\": 1,\n\"step\": -9223372036854775809}",
    -1, NULL, SL_FORMAT_ERROR_NUMBER, "-9223372036854775809", "line 2, column 9" },
  { "float-overflow", "{\"stormline\": 1,\n\"step\": 1e999}",
    -1, NULL, SL_FORMAT_ERROR_NUMBER, "1e999", "line 2, column 9" },
  { "float-negative-overflow", "{\"stormline\": 1,\n\"step\": -1e999}",
    -1, NULL, SL_FORMAT_ERROR_NUMBER, "-1e999", "line 2, column 9" },
  { "x-out-of-range",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 20000000}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“x” is 20000000, out of its range", "notes[0] (id “n1”)" },
  { "x-fraction",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 1.5}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“x” must be a whole number", "notes[0] (id “n1”)" },
  { "y-negative",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 0, \"y\": -1}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“y” is -1, out of its range", "notes[0] (id “n1”)" },
  { "step-out-of-range", "{\"stormline\": 1, \"step\": 9}", -1, NULL, SL_FORMAT_ERROR_INVALID,
    "“step” is 9", NULL },
  { "invalid-utf8", "{\"stormline\": 1,\n  \"title\": \"Caf\xff\"}", -1, NULL,
    SL_FORMAT_ERROR_ENCODING, "not UTF-8", "line 2, column 16" },
  { "overlong-utf8", "{\"stormline\": 1, \"title\": \"\xc0\xaf\"}", -1, NULL,
    SL_FORMAT_ERROR_ENCODING, "not UTF-8", "line 1, column 28" },
  { "nul-byte", "{\"stormline\": 1,\n \"title\": \"a\0b\"}", 33, NULL,
    SL_FORMAT_ERROR_ENCODING, "NUL byte", "line 2, column 13" },
  { "trailing-garbage", "{\"stormline\": 1} x", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 1, column 18", NULL },
  { "trailing-object", "{\"stormline\": 1}\n{\"title\": \"lost\"}", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 2, column 1", NULL },
  { "trailing-array", "{\"stormline\": 1} []", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 1, column 18", NULL },
  { "trailing-bracket", "{\"stormline\": 1}}", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 1, column 17", NULL },
  { "non-ascii-value", "{\"stormline\": é}", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 1, column 15", "a word stands outside quotes" },
  { "non-ascii-symbol", "{\"stormline\": →}", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 1, column 15", "“→” cannot start a value" },
  { "bad-escape-non-ascii", "{\"stormline\": 1, \"title\": \"\\é\"}", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 1, column 28", "“\\é” is not an escape" },
  { "line-after-multiline-text",
    "{\n  \"stormline\": 1,\n  \"lanes\": [{\"id\": \"l\", \"kind\": \"events\"}],\n"
    "  \"notes\": [\n    {\"id\": \"a\", \"kind\": \"event\", \"text\": \"one\\ntwo\\nthree\", \"lane\": \"l\", \"x\": 0},\n"
    "    {\"id\": \"b\", \"kind\": \"bogus\", \"lane\": \"l\", \"x\": 0}\n  ]\n}\n", -1, NULL,
    SL_FORMAT_ERROR_INVALID, "line 6, column 25", "unknown note kind" },
  { "leading-zero", "{\"stormline\": 1, \"step\": 01}", -1, NULL, SL_FORMAT_ERROR_SYNTAX,
    "line 1, column 26", "starts with a 0" },
  { "trailing-comma", "{\"stormline\": 1,\n \"title\": \"Hotel\",\n}", -1, NULL,
    SL_FORMAT_ERROR_SYNTAX, "comma stands before a closing bracket", "line 3, column 1" },
  { "missing-comma", "{\"stormline\": 1\n \"title\": \"Hotel\"}", -1, NULL,
    SL_FORMAT_ERROR_SYNTAX, "comma is missing", "line 2, column 2" },
  { "field-without-name",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 0, "
                "\"fields\": [{\"type\": \"Int\"}]}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“name” is missing", "notes[0] (id “n1”).fields[0]" },
  { "field-with-empty-name",
    MODEL_WITH ("{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 0, "
                "\"fields\": [{\"name\": \"\"}]}", ""),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "no name", "notes[0] (id “n1”).fields[0]" },
  { "values-not-object", SCENARIO_WITH ("{\"note\": \"n1\", \"values\": [\"101\"]}"),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“values” must be an object", "scenarios[0] (id “s1”).when[0]" },
  { "value-number", SCENARIO_WITH ("{\"note\": \"n1\", \"values\": {\"roomNumber\": 101}}"),
    -1, NULL, SL_FORMAT_ERROR_INVALID, "“roomNumber” must be a text", "scenarios[0] (id “s1”).when[0]" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;

  if (bad->make != NULL)
    bytes = bad->make ();
  else
    bytes = g_bytes_new_static (bad->content,
                                bad->length < 0 ? strlen (bad->content) : (gsize) bad->length);

  document = sl_format_load_bytes (bytes, &error);

  g_assert_null (document);
  g_assert_error (error, SL_FORMAT_ERROR, (int) bad->code);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_nonnull (strstr (error->message, bad->message));
  if (bad->where != NULL)
    g_assert_nonnull (strstr (error->message, bad->where));

  /* The parser's own wording is not for the people who read the message */
  g_assert_null (strstr (error->message, "<data>"));
  g_assert_null (strstr (error->message, "Parse error"));

  /* The message is shown in the window: it must be text */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* What the JSON reader finds, the format tells in its own domain with
   * the reader's message */
  if (bad->code <= SL_FORMAT_ERROR_NUMBER)
    {
      g_autoptr(GError) json_error = NULL;
      g_autoptr(SlJson) json = sl_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                              &json_error);

      g_assert_null (json);
      g_assert_true (json_error->domain == SL_JSON_ERROR);
      g_assert_cmpstr (json_error->message, ==, error->message);
    }
}

/* Files that cannot be read */

static void
assert_load_fails (const char    *path,
                   SlFormatError  code,
                   const char    *message)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;

  document = sl_format_load_file (file, &error);
  g_assert_null (document);
  g_assert_error (error, SL_FORMAT_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
}

static void
test_file_directory (void)
{
  g_autofree char *dir = scratch_dir_new ();

  assert_load_fails (dir, SL_FORMAT_ERROR_READ, "folder");
  remove_tree (dir);
}

static void
test_file_missing (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "missing.stormline", NULL);

  assert_load_fails (path, SL_FORMAT_ERROR_READ, "does not exist");
  remove_tree (dir);
}

/* A file larger than this computer can read is refused by its size,
 * before it is read, saying its size and the most that can be read. */
static void
test_file_too_large (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "huge.stormline", NULL);
  gsize max_mb = sl_json_get_max_size () / (1024 * 1024);
  g_autofree char *size_words = g_strdup_printf ("(%" G_GSIZE_FORMAT " MB;", max_mb + 72);
  g_autofree char *max_words = g_strdup_printf ("at most %" G_GSIZE_FORMAT " MB can be read", max_mb);
  int fd;

  /* The limit is what the memory holds, at most 2 GiB. */
  g_assert_cmpuint (sl_json_get_max_size (), <=, SL_JSON_MAX_SIZE);
  g_assert_cmpuint (sl_json_get_max_size (), >=, MIN (SL_JSON_MAX_SIZE,
                                                       (gsize) sysconf (_SC_PHYS_PAGES) * sysconf (_SC_PAGESIZE) /
                                                       SL_JSON_MEMORY_FACTOR));

  /* Sparse: it takes no room on the disk. Read, it would be gigabytes of
   * NUL bytes, refused as an encoding error instead of by its size. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, (max_mb + 72) * 1024 * 1024));
  g_assert_no_errno (close (fd));

  assert_load_fails (path, SL_FORMAT_ERROR_TOO_LARGE, size_words);
  assert_load_fails (path, SL_FORMAT_ERROR_TOO_LARGE, max_words);
  remove_tree (dir);
}

/* A model larger than the 128 MiB that could once be read opens: a
 * 250,000-note model is 140 MB. */
static void
test_file_larger_than_128_mib (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "large.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize title_length = 140 * 1024 * 1024;
  g_autoptr(GString) text = g_string_sized_new (title_length + 64);
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append (text, "{\"stormline\": 1, \"title\": \"");
  for (gsize i = 0; i < title_length; i += 8)
    g_string_append_len (text, "Booking ", 8);
  g_string_append (text, "\"}\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  document = sl_format_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sl_document_get_title (document)), ==, title_length);
  remove_tree (dir);
}

#define UNREADABLE_ENV "STORMLINE_TEST_UNREADABLE_FILE"

static void
test_file_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) example = NULL;

  if (g_test_subprocess ())
    {
      /* root reads whatever the permissions say: read as nobody */
      g_assert_no_errno (setgroups (0, NULL));
      g_assert_no_errno (setgid (NOBODY));
      g_assert_no_errno (setuid (NOBODY));
      g_assert_cmpint (geteuid (), ==, NOBODY);
      assert_load_fails (g_getenv (UNREADABLE_ENV), SL_FORMAT_ERROR_READ, "not allowed to read");
      return;
    }

  dir = scratch_dir_new ();
  path = g_build_filename (dir, "secret.stormline", NULL);
  example = read_bytes (example_path ());
  write_bytes (path, example);
  g_assert_no_errno (g_chmod (path, 0));
  /* nobody must reach the file to be refused by its own permissions */
  g_assert_no_errno (g_chmod (dir, 0755));

  if (geteuid () == 0)
    {
      g_setenv (UNREADABLE_ENV, path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv (UNREADABLE_ENV);
      g_test_trap_assert_passed ();
    }
  else
    assert_load_fails (path, SL_FORMAT_ERROR_READ, "not allowed to read");

  remove_tree (dir);
}

/* Atomic saving */

static void
test_save_replaces (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) old = g_bytes_new_static ("old contents\n", 13);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GBytes) expected = sl_format_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  write_bytes (path, old);
  g_assert_no_errno (g_chmod (path, 0640));

  g_assert_true (sl_format_save_file (document, file, &error));
  g_assert_no_error (error);

  assert_file_holds (path, expected);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);
}

static void
test_save_new_file (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "new.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GBytes) expected = sl_format_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t mask;

  /* A new file gets the usual permissions, not those of a temporary file */
  mask = umask (022);
  g_assert_true (sl_format_save_file (document, file, &error));
  umask (mask);
  g_assert_no_error (error);

  assert_file_holds (path, expected);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
  assert_dir_lists (dir, "new.stormline");
  remove_tree (dir);
}

static void
test_save_symlink (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *target = g_build_filename (dir, "real.stormline", NULL);
  g_autofree char *link = g_build_filename (dir, "link.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GBytes) old = g_bytes_new_static ("old contents\n", 13);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GBytes) expected = sl_format_save_to_bytes (document);
  g_autoptr(GError) error = NULL;

  write_bytes (target, old);
  g_assert_no_errno (symlink ("real.stormline", link));

  g_assert_true (sl_format_save_file (document, file, &error));
  g_assert_no_error (error);

  /* Saving a model kept behind a link updates the model, not the link */
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_file_holds (target, expected);
  assert_dir_lists (dir, "link.stormline\nreal.stormline");

  remove_tree (dir);
}

static void
test_save_fault (gconstpointer data)
{
  SlWriteFault fault = GPOINTER_TO_INT (data);
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) old = read_bytes (example_path ());
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(GError) error = NULL;
  gboolean saved;

  sl_document_set_title (document, "Something else entirely");
  write_bytes (path, old);

  _sl_file_writer_set_fault (fault);
  saved = sl_format_save_file (document, file, &error);
  _sl_file_writer_set_fault (SL_WRITE_FAULT_NONE);

  g_assert_false (saved);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  assert_file_holds (path, old);
  assert_dir_lists (dir, "hotel.stormline");

  /* With the fault gone the same save works */
  g_clear_error (&error);
  g_assert_true (sl_format_save_file (document, file, &error));
  g_assert_no_error (error);
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);
}

/* A write cancelled before it begins leaves the old file as it was */
static void
test_save_cancelled (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) old = g_bytes_new_static ("old contents\n", 13);
  g_autoptr(GBytes) replacement = g_bytes_new_static ("new contents\n", 13);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  write_bytes (path, old);
  g_cancellable_cancel (cancellable);

  g_assert_false (sl_file_write_atomically (file, replacement, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_file_holds (path, old);
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);
}

static void
test_save_missing_folder (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "gone", "hotel.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_format_save_file (document, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_dir_lists (dir, "");
  remove_tree (dir);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Saves with sl_format_save_file_async() and waits for the result. */
static GAsyncResult *
save_and_wait (SlDocument *document,
               GFile      *file,
               gboolean    change_meanwhile)
{
  GAsyncResult *result = NULL;

  sl_format_save_file_async (document, file, NULL, save_done_cb, &result);
  if (change_meanwhile)
    sl_document_set_title (document, "Changed while saving");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return result;
}

static void
test_save_async (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GBytes) expected = sl_format_save_to_bytes (document);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* What is saved is the document as it was when the save began */
  result = save_and_wait (document, file, TRUE);
  assert_file_holds (path, expected);
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);

  g_assert_true (sl_format_save_file_finish (result, &error));
  g_assert_no_error (error);
}

static void
test_save_async_error (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "gone", "hotel.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = save_and_wait (document, file, FALSE);
  assert_dir_lists (dir, "");
  remove_tree (dir);

  g_assert_false (sl_format_save_file_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Editors on some systems start UTF-8 files with a byte order mark: the
 * model loads, and saving writes it without one. */
static void
test_byte_order_mark (void)
{
  static const char text[] = "\xef\xbb\xbf{\"stormline\": 1, \"title\": \"Hotel\"}";
  static const char canonical[] = "{\n  \"stormline\": 1,\n  \"title\": \"Hotel\"\n}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = sl_format_load_bytes (bytes, &error);
  g_autoptr(GBytes) saved = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sl_document_get_title (document), ==, "Hotel");
  saved = sl_format_save_to_bytes (document);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   canonical, strlen (canonical));
}

/* The id's limit counts characters, as its message says, not bytes: an
 * id of 256 characters outside ASCII loads and saves back the same. */
static void
test_id_in_characters (void)
{
  g_autoptr(GBytes) bytes = make_id_of (SL_FORMAT_MAX_ID_LENGTH);
  g_autoptr(SlDocument) document = load_bytes (bytes);
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);
  g_autoptr(SlDocument) reloaded = load_bytes (saved);
  g_autoptr(GBytes) resaved = sl_format_save_to_bytes (reloaded);

  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_lanes (reloaded)), ==, 1);
  g_assert_true (g_bytes_equal (saved, resaved));
}

/* One scenario step of 20,000 example values loads whole, in its order,
 * and saves to the same bytes. */
static void
test_load_many_values (void)
{
  g_autoptr(GString) text = g_string_new ("{\"stormline\": 1, \"lanes\": [{\"id\": \"l\", \"kind\": \"unsorted\"}],"
                                          " \"notes\": [{\"id\": \"e\", \"kind\": \"event\", \"lane\": \"l\", \"x\": 0}],"
                                          " \"scenarios\": [{\"id\": \"s\", \"note\": \"e\", \"then\": [{\"note\": \"e\", \"values\": {");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(SlDocument) reloaded = NULL;
  g_autoptr(GBytes) resaved = NULL;
  SlScenario *scenario;
  SlStep *step;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%s\"f%u\": \"%u\"", i > 0 ? ", " : "", i, i);
  g_string_append (text, "}}]}]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  document = load_bytes (bytes);
  scenario = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_scenarios (document)), 0);
  step = sl_scenario_get_step (scenario, SL_STEP_THEN, 0);
  g_assert_cmpuint (sl_step_get_n_values (step), ==, 20000);
  g_assert_cmpstr (sl_step_get_value_name (step, 0), ==, "f0");
  g_assert_cmpstr (sl_step_get_value (step, 19999), ==, "19999");

  saved = sl_format_save_to_bytes (document);
  reloaded = load_bytes (saved);
  resaved = sl_format_save_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (saved, resaved));
}

/* A file of more values than SL_JSON_MAX_VALUES ("0," is two bytes, a
 * value read costs 32) is refused when the count is passed, not after
 * memory sixteen times its size was spent: with the line and column, the
 * limit and what to do. */
static void
test_load_too_many_values (void)
{
  gsize n = SL_JSON_MAX_VALUES + 1;
  gsize length = strlen ("{\"stormline\": 1, \"zeros\": [") + 2 * n - 1 + strlen ("]}");
  g_autofree char *text = g_malloc (length + 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  char *p = g_stpcpy (text, "{\"stormline\": 1, \"zeros\": [");

  for (gsize i = 0; i < n; i++)
    {
      *p++ = '0';
      if (i + 1 < n)
        *p++ = ',';
    }
  p = g_stpcpy (p, "]}");
  g_assert_cmpuint (p - text, ==, length);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);

  document = sl_format_load_bytes (bytes, &error);
  g_assert_null (document);
  g_assert_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "line 1, column "));
  g_assert_nonnull (strstr (error->message, "more than 16777216 values"));
  g_assert_nonnull (strstr (error->message, "split it into smaller models"));
  g_assert_null (strchr (error->message, '\n'));
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; SlWriteFault fault; } faults[] = {
    { "create", SL_WRITE_FAULT_CREATE },
    { "write", SL_WRITE_FAULT_WRITE },
    { "sync", SL_WRITE_FAULT_SYNC },
    { "rename", SL_WRITE_FAULT_RENAME },
  };

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/example/counts", test_example_counts);
  g_test_add_func ("/format/example/contents", test_example_contents);
  g_test_add_func ("/format/example/canonical", test_example_canonical);

  g_test_add_func ("/format/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/format/id-in-characters", test_id_in_characters);
  g_test_add_func ("/format/load/many-values", test_load_many_values);
  g_test_add_func ("/format/load/too-many-values", test_load_too_many_values);
  g_test_add_func ("/format/writer/canonical", test_writer_canonical);
  g_test_add_func ("/format/writer/round-trip", test_writer_round_trip);
  g_test_add_func ("/format/writer/line-breaks", test_writer_line_breaks);
  g_test_add_func ("/format/writer/empty", test_writer_empty);
  g_test_add_func ("/format/step-key", test_step_key);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/bad-input/%s", bad_inputs[i].name);

      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }

  g_test_add_func ("/format/file/directory", test_file_directory);
  g_test_add_func ("/format/file/missing", test_file_missing);
  g_test_add_func ("/format/file/too-large", test_file_too_large);
  g_test_add_func ("/format/file/larger-than-128-mib", test_file_larger_than_128_mib);
  g_test_add_func ("/format/file/unreadable", test_file_unreadable);

  g_test_add_func ("/format/save/replaces", test_save_replaces);
  g_test_add_func ("/format/save/new-file", test_save_new_file);
  g_test_add_func ("/format/save/symlink", test_save_symlink);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format/save/fault/%s", faults[i].name);

      g_test_add_data_func (path, GINT_TO_POINTER (faults[i].fault), test_save_fault);
    }
  g_test_add_func ("/format/save/cancelled", test_save_cancelled);
  g_test_add_func ("/format/save/missing-folder", test_save_missing_folder);
  g_test_add_func ("/format/save/async", test_save_async);
  g_test_add_func ("/format/save/async-error", test_save_async_error);

  return g_test_run ();
}
