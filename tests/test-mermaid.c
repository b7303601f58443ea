/* test-mermaid.c: the board as a Mermaid event modeling diagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

#include "sl-mermaid.h"

/* What every diagram must be, whatever the model: each line one of the
 * grammar's statements, model text only inside a data block's lines, a
 * comment or the title, and nowhere a `%%` that Mermaid would take for a
 * directive. */
static void
assert_well_formed (const char *diagram)
{
  g_auto(GStrv) lines = g_strsplit (diagram, "\n", -1);
  gboolean in_data = FALSE;
  guint i = 0;

  g_assert_true (g_str_has_suffix (diagram, "\n"));
  g_assert_true (g_utf8_validate (diagram, -1, NULL));

  if (g_str_equal (lines[0], "---"))
    {
      const char *title = lines[1];

      g_assert_true (g_str_has_prefix (title, "title: \""));
      g_assert_true (g_str_has_suffix (title, "\""));
      for (const char *p = title + 8; p[1] != 0; p++)
        {
          if (*p == '\\')
            p++;
          else
            g_assert_cmpint (*p, !=, '"');
        }
      g_assert_cmpstr (lines[2], ==, "---");
      i = 3;
    }
  g_assert_cmpstr (lines[i], ==, "eventmodeling");

  for (i++; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (in_data)
        {
          if (g_str_equal (line, "}"))
            in_data = FALSE;
          else if (!g_str_has_prefix (line, "  ") || line[2] == ' ')
            g_error ("line %u of the diagram is no field: “%s”", i + 1, line);
          g_assert_null (strstr (line, "%%"));
          continue;
        }
      if (*line == 0)
        continue;
      if (g_str_has_prefix (line, "%% "))
        {
          g_assert_null (strstr (line + 2, "%%"));
          continue;
        }
      if (g_str_has_prefix (line, "data "))
        {
          g_assert_true (g_str_has_suffix (line, " {"));
          for (const char *p = line + 5; p < line + strlen (line) - 2; p++)
            g_assert_true (g_ascii_isalnum (*p) || *p == '_');
          in_data = TRUE;
          continue;
        }
      if (!g_str_has_prefix (line, "tf ") && !g_str_has_prefix (line, "rf "))
        g_error ("line %u of the diagram is no statement: “%s”", i + 1, line);
      /* A frame: number, type, name, sources, data block; ASCII alone. */
      for (const char *p = line; *p; p++)
        g_assert_true (g_ascii_isalnum (*p) || strchr (" ._->[]", *p) != NULL);
    }
  g_assert_false (in_data);
}

static char *
board_of (SlDocument *document,
          const char *title)
{
  char *diagram = sl_mermaid_board (document, title);
  g_autofree char *again = sl_mermaid_board (document, title);

  g_assert_nonnull (diagram);
  g_assert_cmpstr (diagram, ==, again);
  assert_well_formed (diagram);
  return diagram;
}

static void
assert_has (const char *diagram,
            const char *expected)
{
  if (strstr (diagram, expected) == NULL)
    g_error ("the diagram lacks\n%s\nin:\n%s", expected, diagram);
}

static void
test_hotel (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *actual = board_of (hotel, "ignored: the model has a title");
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "hotel.mmd", NULL);
  g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, "hotel.actual.mmd", NULL);
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
      g_printerr ("The Mermaid diagram of the hotel differs from %s at line %u;\n"
                  "the whole of it is in %s: diff -u the two.\n",
                  expected_path, line + 1, actual_path);
      g_assert_cmpstr (actual_lines[line], ==, expected_lines[line]);
    }
  g_assert_cmpmem (actual, strlen (actual), g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* The board's connections decide the arrows: named where the grammar
 * allows, the inferred one kept where it is a connection, and a reset
 * frame where Mermaid would draw an arrow the board does not have. */
static void
test_relations (void)
{
  TestBoard board;
  g_autofree char *diagram = NULL;
  SlLane *automations;
  SlNote *automation;
  SlNote *hotspot;

  test_board_init (&board);
  automations = sl_document_add_lane (board.document, SL_LANE_AUTOMATION, "Automations", 1);
  /* Fed by the event (which the grammar cannot name), right after it. */
  automation = sl_document_add_note (board.document, SL_NOTE_AUTOMATION, automations, 60, 0, "Notify");
  sl_document_add_connection (board.document, board.event, automation);
  hotspot = sl_document_add_note (board.document, SL_NOTE_HOTSPOT, automations, 300, 0, "Why?");
  g_assert_nonnull (hotspot);
  diagram = board_of (board.document, NULL);

  g_assert_cmpstr (diagram, ==,
                   "---\n"
                   "title: \"Hotel\"\n"
                   "---\n"
                   "eventmodeling\n"
                   "%% Slice: Book Room\n"
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
                   "tf 04 pcr Notify\n"
                   "tf 05 rmo Bookings ->> 03 [[Bookings_05]]\n"
                   "data Bookings_05 {\n"
                   "  room: Int\n"
                   "}\n");

  /* Moved after the view, the automation would get an arrow from it:
   * nothing feeds it that Mermaid can draw. */
  sl_document_move_note (board.document, automation, automations, 300, 0);
  g_free (diagram);
  diagram = board_of (board.document, NULL);
  assert_has (diagram, "rf 05 pcr Notify\n");

  test_board_clear (&board);
}

/* A slice's diagram: its notes, with what feeds them from outside it. */
static void
test_slice (void)
{
  TestBoard board;
  g_autofree char *inside = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *empty = NULL;
  SlSlice *later;

  test_board_init (&board);
  later = sl_document_add_slice (board.document, "Bookings", 480, 240);
  sl_document_move_note (board.document, board.view, board.interaction, 500, 0);

  inside = sl_mermaid_slice (board.document, later);
  g_assert_nonnull (inside);
  assert_well_formed (inside);
  g_assert_true (g_str_has_prefix (inside, "eventmodeling\ntf 01 evt RoomBooked [[RoomBooked_01]]\n"));
  assert_has (inside, "\ntf 02 rmo Bookings ->> 01 [[Bookings_02]]\n");
  g_assert_null (strstr (inside, "BookRoom"));

  /* Nothing outside the slices: no diagram. */
  g_assert_null (sl_mermaid_slice (board.document, NULL));
  sl_document_move_note (board.document, board.view, board.interaction, 900, 0);
  outside = sl_mermaid_slice (board.document, NULL);
  g_assert_nonnull (outside);
  assert_well_formed (outside);
  assert_has (outside, "\ntf 02 rmo Bookings ->> 01 [[Bookings_02]]\n");
  empty = sl_mermaid_slice (board.document, later);
  g_assert_null (empty);

  test_board_clear (&board);
}

/* Text from the model, however made, stays in its place. */
static void
test_hostile (void)
{
  static const char *names[] = {
    "Say \"hi\"\nnow", "tick`s ```", "%%{init: {\"theme\": \"dark\"}}%%", "title", "}", "{\n}\n",
    "Zimmer büchen für Gäste", "東京", "", "ui", "1st floor", "--> ->> [[x]]", "<script>alert(1)</script>",
    "a\\\"b", "\r\n%%", "\xff\xfe", "accTitle: x",
  };
  TestBoard board;
  g_autofree char *diagram = NULL;
  g_autofree char *slice = NULL;

  test_board_init (&board);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *name = names[i];

      sl_document_set_title (board.document, name);
      sl_document_set_slice_name (board.document, board.slice, name);
      sl_document_set_lane_name (board.document, board.events, name);
      sl_document_set_note_text (board.document, board.command, name);
      sl_document_set_note_text (board.document, board.event, name);
      if (*name != 0)
        sl_document_set_field_name (board.document, board.command, 0, name);
      sl_document_set_field_example (board.document, board.screen, 0, name);
      g_free (diagram);
      diagram = board_of (board.document, NULL);
      g_free (slice);
      slice = sl_mermaid_slice (board.document, board.slice);
      assert_well_formed (slice);
    }

  /* Letters from beyond ASCII keep what they can, as plain letters. */
  sl_document_set_note_text (board.document, board.command, "Zimmer büchen für Gäste");
  sl_document_set_note_text (board.document, board.event, "東京");
  g_free (diagram);
  diagram = board_of (board.document, NULL);
  assert_has (diagram, "\ntf 02 cmd ZimmerBuchenFurGaste ->> 01 [[ZimmerBuchenFurGaste_02]]\n");
  /* Nothing left: the kind's name. */
  assert_has (diagram, " evt Event ->> 02 [[Event_03]]\n");
  /* A number first: not a frame number. */
  sl_document_set_note_text (board.document, board.command, "1st floor");
  g_free (diagram);
  diagram = board_of (board.document, NULL);
  assert_has (diagram, "\ntf 02 cmd _1stFloor ->> 01");

  test_board_clear (&board);
}

/* A diagram holds at most 999 frames, and says what it left out. */
static void
test_limit (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  SlLane *events = sl_document_add_lane (document, SL_LANE_EVENTS, "Stream", -1);
  g_autofree char *diagram = NULL;

  for (int i = 0; i < SL_MERMAID_MAX_FRAMES + 2; i++)
    sl_document_add_note (document, SL_NOTE_EVENT, events, i * 10, 0, "Happened");
  diagram = board_of (document, NULL);
  assert_has (diagram, "\nrf 999 evt Happened\n\n%% 2 more notes left out: a Mermaid diagram holds at "
                       "most 999 time frames\n");
  g_assert_null (strstr (diagram, "1000"));
  g_assert_true (g_str_has_prefix (diagram, "eventmodeling\ntf 001 evt Happened\nrf 002 "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mermaid/hotel", test_hotel);
  g_test_add_func ("/mermaid/relations", test_relations);
  g_test_add_func ("/mermaid/slice", test_slice);
  g_test_add_func ("/mermaid/hostile", test_hostile);
  g_test_add_func ("/mermaid/limit", test_limit);

  return g_test_run ();
}
