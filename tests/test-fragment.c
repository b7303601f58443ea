/* test-fragment.c: copying notes out of a board and pasting them in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

static void
test_copy_paste (void)
{
  TestBoard board;
  g_autoptr(GList) notes = NULL;
  g_autoptr(GBytes) fragment = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  SlHistory *history;
  SlNote *command, *event;
  SlField *field;
  guint n_notes, n_connections;

  test_board_init (&board);
  history = sl_document_get_history (board.document);
  n_notes = test_n_items (sl_document_get_notes (board.document));
  n_connections = test_n_items (sl_document_get_connections (board.document));

  notes = g_list_append (notes, board.event);
  notes = g_list_append (notes, board.command);
  fragment = sl_fragment_copy (board.document, notes);

  /* Copying changes nothing. */
  g_assert_false (sl_history_can_undo (history));

  pasted = sl_fragment_paste (board.document, fragment, 40, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pasted->len, ==, 2);

  /* In document order: the command was added before the event. */
  command = g_ptr_array_index (pasted, 0);
  event = g_ptr_array_index (pasted, 1);
  g_assert_cmpstr (sl_note_get_text (command), ==, "Book Room");
  g_assert_cmpstr (sl_note_get_text (event), ==, "Room Booked");
  g_assert_true (sl_note_get_lane (event) == board.events);
  g_assert_true (sl_note_get_lane (command) == board.interaction);
  g_assert_cmpint (sl_note_get_x (event), ==, sl_note_get_x (board.event) + 40);
  g_assert_cmpint (sl_note_get_y (event), ==, sl_note_get_y (board.event) + 20);
  g_assert_cmpstr (sl_element_get_id (SL_ELEMENT (event)), !=, sl_element_get_id (SL_ELEMENT (board.event)));

  /* Fields come along with their flags, and so does the connection between the two. */
  g_assert_cmpuint (sl_note_get_n_fields (event), ==, 2);
  field = sl_note_get_field (event, 1);
  g_assert_cmpstr (sl_field_get_name (field), ==, "bookedAt");
  g_assert_true (sl_field_has_flag (field, SL_FIELD_GENERATED));
  g_assert_nonnull (sl_document_find_connection (board.document, command, event));
  g_assert_cmpuint (test_n_items (sl_document_get_connections (board.document)), ==, n_connections + 1);

  /* One paste, one undo. */
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (sl_history_get_undo_label (history), ==, "Paste");
  sl_history_undo (history);
  g_assert_cmpuint (test_n_items (sl_document_get_notes (board.document)), ==, n_notes);
  g_assert_cmpuint (test_n_items (sl_document_get_connections (board.document)), ==, n_connections);

  test_board_clear (&board);
}

/* Into another model: the notes find lanes of their kind, or get one. */
static void
test_paste_elsewhere (void)
{
  TestBoard board;
  g_autoptr(SlDocument) other = sl_document_new ();
  g_autoptr(SlDocument) empty = sl_document_new ();
  g_autoptr(GList) notes = NULL;
  g_autoptr(GBytes) fragment = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) into_empty = NULL;
  SlLane *events;

  test_board_init (&board);
  notes = g_list_append (notes, board.view);
  notes = g_list_append (notes, board.event);
  fragment = sl_fragment_copy (board.document, notes);

  sl_document_add_lane (other, SL_LANE_ACTOR, "Clerk", -1);
  events = sl_document_add_lane (other, SL_LANE_EVENTS, "Bookings", -1);
  pasted = sl_fragment_paste (other, fragment, 0, 0, NULL);
  g_assert_cmpuint (pasted->len, ==, 2);
  g_assert_true (sl_note_get_lane (g_ptr_array_index (pasted, 0)) == events);
  g_assert_cmpuint (test_n_items (sl_document_get_connections (other)), ==, 1);

  into_empty = sl_fragment_paste (empty, fragment, 0, 0, NULL);
  g_assert_cmpuint (into_empty->len, ==, 2);
  g_assert_cmpuint (test_n_items (sl_document_get_lanes (empty)), ==, 1);

  test_board_clear (&board);
}

/* Whatever else is on the clipboard gets a clear no, and changes nothing. */
static void
test_paste_garbage (void)
{
  static const char * const garbage[] = {
    "", "hello", "{\"stormline\": 1}", "{\"stormline\": 1, \"notes\": [", "[[[[[[[[[[",
    "{\"stormline\": 99}",
  };
  TestBoard board;

  test_board_init (&board);

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (garbage[i], strlen (garbage[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) pasted = sl_fragment_paste (board.document, bytes, 0, 0, &error);

      g_assert_null (pasted);
      g_assert_error (error, SL_FORMAT_ERROR, error->code);
      g_assert_false (sl_history_can_undo (sl_document_get_history (board.document)));
    }

  test_board_clear (&board);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fragment/copy-paste", test_copy_paste);
  g_test_add_func ("/fragment/paste-elsewhere", test_paste_elsewhere);
  g_test_add_func ("/fragment/paste-garbage", test_paste_garbage);

  return g_test_run ();
}
