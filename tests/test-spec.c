/* test-spec.c: the specification document in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

/* What every specification must be, whatever the model: it ends in one
 * newline, no line ends in a space, and every table row has the three
 * cells of the header (a pipe in the text would add one). */
static void
assert_well_formed (const char *markdown)
{
  g_auto(GStrv) lines = NULL;
  gsize length = strlen (markdown);

  g_assert_cmpuint (length, >, 1);
  g_assert_cmpint (markdown[length - 1], ==, '\n');
  g_assert_cmpint (markdown[length - 2], !=, '\n');

  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gsize n = strlen (line);
      guint pipes = 0;

      if (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        g_error ("line %u ends in white space: “%s”", i + 1, line);
      if (line[0] != '|')
        continue;
      for (gsize c = 0; c < n; c++)
        pipes += line[c] == '|' && (c == 0 || line[c - 1] != '\\');
      if (pipes != 4)
        g_error ("line %u is not a row of three cells: “%s”", i + 1, line);
    }
}

static char *
spec_of (SlDocument *document,
         const char *title)
{
  char *markdown = sl_spec_to_markdown (document, title);
  g_autofree char *again = sl_spec_to_markdown (document, title);

  g_assert_nonnull (markdown);
  g_assert_cmpstr (markdown, ==, again);
  assert_well_formed (markdown);
  return markdown;
}

static void
assert_has (const char *markdown,
            const char *expected)
{
  if (strstr (markdown, expected) == NULL)
    g_error ("the specification lacks\n%s\nin:\n%s", expected, markdown);
}

static void
assert_lacks (const char *markdown,
              const char *unexpected)
{
  if (strstr (markdown, unexpected) != NULL)
    g_error ("the specification has\n%s\nin:\n%s", unexpected, markdown);
}

static void
test_hotel (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *actual = spec_of (hotel, "ignored: the model has a title");
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "hotel-spec.md", NULL);
  g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, "hotel-spec.actual.md", NULL);
  g_autoptr(GBytes) expected = read_bytes (expected_path);
  g_auto(GStrv) expected_lines = g_strsplit (g_bytes_get_data (expected, NULL), "\n", -1);
  g_auto(GStrv) actual_lines = g_strsplit (actual, "\n", -1);
  guint line = 0;

  while (expected_lines[line] != NULL && actual_lines[line] != NULL &&
         g_str_equal (expected_lines[line], actual_lines[line]))
    line++;

  if (expected_lines[line] != NULL || actual_lines[line] != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (actual, strlen (actual));

      write_bytes (actual_path, bytes);
      g_printerr ("The specification of the hotel differs from %s at line %u;\n"
                  "the whole of it is in %s: diff -u the two.\n",
                  expected_path, line + 1, actual_path);
      g_assert_cmpstr (actual_lines[line], ==, expected_lines[line]);
    }

  g_assert_cmpmem (actual, strlen (actual), g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_title (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autofree char *untitled = NULL;
  g_autofree char *named = NULL;
  g_autofree char *own = NULL;

  untitled = spec_of (document, NULL);
  g_assert_cmpstr (untitled, ==, "# Untitled Model\n\nThis model has no slices, commands, events or views yet.\n");

  named = spec_of (document, "hotel.stormline");
  g_assert_cmpstr (named, ==, "# hotel.stormline\n\nThis model has no slices, commands, events or views yet.\n");

  sl_document_set_title (document, "Hotel #2");
  sl_document_set_description (document, "# not a heading\n- not a list\n\n\n1. not a list either\n===\nline  with   spaces   ");
  own = spec_of (document, "hotel.stormline");
  g_assert_cmpstr (own, ==,
                   "# Hotel \\#2\n"
                   "\n"
                   "\\# not a heading\n"
                   "\\- not a list\n"
                   "\n"
                   "1\\. not a list either\n"
                   "\\===\n"
                   "line with spaces\n"
                   "\n"
                   "This model has no slices, commands, events or views yet.\n");
}

static void
test_board (void)
{
  TestBoard board;
  g_autofree char *markdown = NULL;

  test_board_init (&board);
  markdown = spec_of (board.document, NULL);

  assert_has (markdown,
              "# Hotel\n"
              "\n"
              "1 slice · 1 command · 1 event · 1 view · 1 scenario\n"
              "\n"
              "## Contents\n"
              "\n"
              "1. [Book Room](#book-room)\n"
              "\n"
              "## Book Room\n"
              "\n"
              "Status: Planned\n"
              "\n"
              "```mermaid\n"
              "eventmodeling\n"
              "tf 01 ui Booking [[Booking_01]]\n"
              "data Booking_01 {\n"
              "  roomNumber: Int\n"
              "}\n"
              "tf 02 cmd BookRoom ->> 01 [[BookRoom_02]]\n"
              "data BookRoom_02 {\n"
              "  roomNumber: Int\n"
              "}\n"
              "tf 03 evt RoomBooked ->> 02 [[RoomBooked_03]]\n"
              "data RoomBooked_03 {\n"
              "  roomNumber: Int\n"
              "  bookedAt: DateTime\n"
              "}\n"
              "tf 04 rmo Bookings ->> 03 [[Bookings_04]]\n"
              "data Bookings_04 {\n"
              "  room: Int\n"
              "}\n"
              "```\n"
              "\n"
              "### Command: Book Room\n"
              "\n"
              "- Aggregate: Room\n"
              "- Triggered by: Booking (Screen)\n"
              "- Leads to: Room Booked (Event)\n"
              "\n"
              "| Field | Type | Origin |\n"
              "|---|---|---|\n"
              "| `roomNumber` | Int | Booking (Screen) |\n"
              "\n"
              "#### Scenario: Book a free room\n"
              "\n"
              "- **When** Book Room: `roomNumber = 101`\n"
              "- **Then** Room Booked: `roomNumber = 101`\n"
              "\n"
              "### Event: Room Booked\n"
              "\n"
              "- Aggregate: Room\n"
              "- Caused by: Book Room (Command)\n"
              "- Leads to: Bookings (View)\n"
              "\n"
              "| Field | Type | Origin |\n"
              "|---|---|---|\n"
              "| `roomNumber` | Int | Book Room (Command) |\n"
              "| `bookedAt` | DateTime | generated |\n"
              "\n"
              "### View: Bookings\n");
  /* Screens are where commands come from, not part of the specification. */
  assert_lacks (markdown, "### Screen");

  test_board_clear (&board);
}

static void
test_escaping (void)
{
  TestBoard board;
  g_autofree char *markdown = NULL;

  test_board_init (&board);
  sl_document_set_slice_name (board.document, board.slice, "Pay | refund #1");
  sl_document_set_note_text (board.document, board.command, "Book *now* | _later_ `x` <b>\n#2 [a](b) &amp;");
  sl_document_set_field_name (board.document, board.command, 0, "room|number");
  sl_document_set_field_name (board.document, board.screen, 0, "room|number");
  sl_document_set_field_name (board.document, board.view, 0, "`odd`");
  markdown = spec_of (board.document, NULL);

  assert_has (markdown, "1. [Pay \\| refund \\#1](#pay--refund-1)\n");
  assert_has (markdown, "\n## Pay \\| refund \\#1\n");
  assert_has (markdown, "\n### Command: Book \\*now\\* \\| \\_later\\_ \\`x\\` \\<b\\> \\#2 \\[a\\](b) \\&amp;\n");
  assert_has (markdown, "- Caused by: Book \\*now\\* \\| \\_later\\_ \\`x\\` \\<b\\> \\#2 \\[a\\](b) \\&amp; (Command)\n");
  assert_has (markdown, "| `room\\|number` | Int | Booking (Screen) |\n");
  assert_has (markdown, "| `` `odd` `` | Int | mapped from `roomNumber` of Room Booked (Event) |\n");
  assert_has (markdown, "- **When** Book \\*now\\* \\| \\_later\\_ \\`x\\` \\<b\\> \\#2 \\[a\\](b) \\&amp;: `roomNumber = 101`\n");

  test_board_clear (&board);
}

static void
test_origins (void)
{
  TestBoard board;
  g_autofree char *markdown = NULL;
  const char *own = NULL;
  g_autoptr(GPtrArray) origins = NULL;

  test_board_init (&board);

  /* The view's field is mapped from the event's. */
  origins = sl_check_get_field_origins (board.document, board.view, sl_note_get_field (board.view, 0), &own);
  g_assert_null (own);
  g_assert_cmpuint (origins->len, ==, 1);
  g_assert_true (g_ptr_array_index (origins, 0) == board.event);
  g_clear_pointer (&origins, g_ptr_array_unref);

  origins = sl_check_get_field_origins (board.document, board.event, sl_note_get_field (board.event, 1), &own);
  g_assert_cmpstr (own, ==, "generated");
  g_assert_cmpuint (origins->len, ==, 0);
  g_clear_pointer (&origins, g_ptr_array_unref);

  g_assert_true (sl_check_get_aggregate (board.document, board.command) == board.room);
  g_assert_null (sl_check_get_aggregate (board.document, board.view));

  /* A field no note before provides, a list, an optional one. */
  sl_document_insert_field (board.document, board.command, -1, "nights", SL_FIELD_INT);
  sl_document_set_field_flags (board.document, board.command, 1, SL_FIELD_LIST | SL_FIELD_OPTIONAL);
  sl_document_insert_field (board.document, board.view, -1, "total", SL_FIELD_DECIMAL);
  sl_document_set_field_mapping (board.document, board.view, 1, "calculated");
  markdown = spec_of (board.document, NULL);

  assert_has (markdown, "| `room` | Int | mapped from `roomNumber` of Room Booked (Event) |\n");
  assert_has (markdown, "| `nights` | Int (list, optional) | **missing** |\n");
  g_clear_pointer (&markdown, g_free);

  sl_document_set_field_mapping (board.document, board.view, 0, "roomNo");
  markdown = spec_of (board.document, NULL);
  assert_has (markdown, "| `room` | Int | **missing** (mapped from `roomNo`) |\n");
  assert_has (markdown, "| `total` | Decimal | calculated |\n");
  assert_has (markdown, "1 slice · 1 command · 1 event · 1 view · 1 scenario · **2 fields have no origin**\n");

  test_board_clear (&board);
}

static void
test_error_scenario (void)
{
  TestBoard board;
  g_autofree char *markdown = NULL;
  SlScenario *scenario;
  g_autoptr(SlStep) given = NULL;
  g_autoptr(SlStep) booked = NULL;
  g_autoptr(SlStep) when = NULL;
  g_autoptr(SlStep) again = NULL;

  test_board_init (&board);
  scenario = sl_document_add_scenario (board.document, board.command, "A room is booked once");
  given = sl_step_new (board.event);
  booked = sl_step_new_with_value (given, "roomNumber", "101");
  when = sl_step_new (board.command);
  again = sl_step_new_with_value (when, "roomNumber", "a`b");
  sl_document_set_scenario_steps (board.document, scenario, SL_STEP_GIVEN, &booked, 1);
  sl_document_set_scenario_steps (board.document, scenario, SL_STEP_WHEN, &again, 1);
  sl_document_set_scenario_error (board.document, scenario, "Room “101” is | booked");
  markdown = spec_of (board.document, NULL);

  assert_has (markdown,
              "#### Scenario: A room is booked once\n"
              "\n"
              "- **Given** Room Booked: `roomNumber = 101`\n"
              "- **When** Book Room: ``roomNumber = a`b``\n"
              "- **Then** error “Room “101” is \\| booked”\n"
              "\n"
              "### Event: Room Booked\n");

  test_board_clear (&board);
}

static void
test_outside (void)
{
  TestBoard board;
  g_autofree char *markdown = NULL;
  SlNote *late;

  test_board_init (&board);
  late = sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 900, 0, "Room Cleaned");
  sl_document_add_note (board.document, SL_NOTE_COMMAND, board.interaction, 900, 0, "Clean Room");
  sl_document_add_note (board.document, SL_NOTE_HOTSPOT, board.interaction, 950, 0, "Who cleans?");
  sl_document_insert_field (board.document, late, -1, "roomNumber", SL_FIELD_INT);
  markdown = spec_of (board.document, NULL);

  assert_has (markdown, "1. [Book Room](#book-room)\n2. [Outside slices](#outside-slices)\n\n");
  assert_has (markdown,
              "## Outside slices\n"
              "\n"
              "These commands, events and views stand in no slice.\n"
              "\n"
              "```mermaid\n"
              "eventmodeling\n"
              "tf 01 cmd CleanRoom\n"
              "rf 02 evt RoomCleaned [[RoomCleaned_02]]\n"
              "data RoomCleaned_02 {\n"
              "  roomNumber: Int\n"
              "}\n"
              "```\n"
              "\n"
              "### Command: Clean Room\n"
              "\n"
              "No fields.\n"
              "\n"
              "### Event: Room Cleaned\n"
              "\n"
              "- Aggregate: Room\n"
              "\n"
              "| Field | Type | Origin |\n"
              "|---|---|---|\n"
              "| `roomNumber` | Int | **missing** |\n");
  g_assert_true (g_str_has_suffix (markdown, "| `roomNumber` | Int | **missing** |\n"));
  assert_lacks (markdown, "Who cleans");

  test_board_clear (&board);
}

static void
test_anchors (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autofree char *markdown = NULL;

  sl_document_add_slice (document, "Pay", 300, 100);
  sl_document_add_slice (document, "Contents", 200, 100);
  sl_document_add_slice (document, "Pay", 100, 100);
  sl_document_add_slice (document, "Zimmer — Übersicht", 0, 100);
  sl_document_add_slice (document, "", 400, 100);
  markdown = spec_of (document, "Slices");

  assert_has (markdown,
              "# Slices\n"
              "\n"
              "5 slices · 0 commands · 0 events · 0 views · 0 scenarios\n"
              "\n"
              "## Contents\n"
              "\n"
              "1. [Zimmer — Übersicht](#zimmer--übersicht)\n"
              "2. [Pay](#pay)\n"
              "3. [Contents](#contents-1)\n"
              "4. [Pay](#pay-1)\n"
              "5. [Untitled slice](#untitled-slice)\n"
              "\n"
              "## Zimmer — Übersicht\n"
              "\n"
              "Status: Planned\n"
              "\n"
              "No command, event or view stands in this slice.\n");
}

/* A note in two slices that overlap goes to the one that starts first. */
static void
test_overlap (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  SlLane *lane = sl_document_add_lane (document, SL_LANE_INTERACTION, "", -1);
  g_autofree char *markdown = NULL;

  sl_document_add_slice (document, "Later", 200, 300);
  sl_document_add_slice (document, "Earlier", 0, 300);
  sl_document_add_note (document, SL_NOTE_VIEW, lane, 400, 0, "Third");
  sl_document_add_note (document, SL_NOTE_VIEW, lane, 250, 0, "Second");
  sl_document_add_note (document, SL_NOTE_VIEW, lane, 100, 0, "First");
  markdown = spec_of (document, NULL);

  assert_has (markdown,
              "## Earlier\n"
              "\n"
              "Status: Planned\n"
              "\n"
              "```mermaid\n"
              "eventmodeling\n"
              "tf 01 rmo First\n"
              "rf 02 rmo Second\n"
              "```\n"
              "\n"
              "### View: First\n"
              "\n"
              "No fields.\n"
              "\n"
              "### View: Second\n"
              "\n"
              "No fields.\n"
              "\n"
              "## Later\n"
              "\n"
              "Status: Planned\n"
              "\n"
              "```mermaid\n"
              "eventmodeling\n"
              "tf 01 rmo Third\n"
              "```\n"
              "\n"
              "### View: Third\n"
              "\n"
              "No fields.\n");
  assert_lacks (markdown, "Outside slices");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spec/hotel", test_hotel);
  g_test_add_func ("/spec/title", test_title);
  g_test_add_func ("/spec/board", test_board);
  g_test_add_func ("/spec/escaping", test_escaping);
  g_test_add_func ("/spec/origins", test_origins);
  g_test_add_func ("/spec/error-scenario", test_error_scenario);
  g_test_add_func ("/spec/outside", test_outside);
  g_test_add_func ("/spec/anchors", test_anchors);
  g_test_add_func ("/spec/overlap", test_overlap);

  return g_test_run ();
}
