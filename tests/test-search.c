/* test-search.c: finding notes by text, field name and kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

typedef struct
{
  SlDocument *document;
  SlLane *interaction;
  SlLane *events;
  SlNote *placed;     /* event "Order Placed", x 300 */
  SlNote *cancelled;  /* event "Order Cancelled", x 100 */
  SlNote *place;      /* command "Place Order", x 300, field "customerId" */
  SlNote *cafe;       /* view "Café Menu", x 500 */
  SlNote *crm;        /* external system "CRM", x 700 */
} Board;

static void
board_init (Board *board)
{
  board->document = sl_document_new ();
  board->interaction = sl_document_add_lane (board->document, SL_LANE_INTERACTION, "Interaction", -1);
  board->events = sl_document_add_lane (board->document, SL_LANE_EVENTS, "Orders", -1);
  /* Added out of timeline order, so that the order found is the search's. */
  board->cafe = sl_document_add_note (board->document, SL_NOTE_VIEW, board->interaction, 500, 0, "Café Menu");
  board->placed = sl_document_add_note (board->document, SL_NOTE_EVENT, board->events, 300, 0, "Order Placed");
  board->cancelled = sl_document_add_note (board->document, SL_NOTE_EVENT, board->events, 100, 0, "Order Cancelled");
  board->place = sl_document_add_note (board->document, SL_NOTE_COMMAND, board->interaction, 300, 0, "Place Order");
  board->crm = sl_document_add_note (board->document, SL_NOTE_EXTERNAL, board->events, 700, 0, "CRM");
  sl_document_insert_field (board->document, board->place, -1, "customerId", SL_FIELD_UUID);
  sl_document_insert_field (board->document, board->cafe, -1, "dishName", SL_FIELD_STRING);
}

static void
board_clear (Board *board)
{
  g_assert_finalize_object (board->document);
}

/* Finds @query and checks the notes found, in order, against the
 * NULL-terminated list that follows. */
static void
assert_finds (Board      *board,
              const char *query,
              ...)
{
  g_autoptr(GPtrArray) found = sl_search_notes (board->document, query);
  va_list args;
  guint i = 0;

  va_start (args, query);
  for (SlNote *note = va_arg (args, SlNote *); note != NULL; note = va_arg (args, SlNote *), i++)
    {
      if (i >= found->len)
        g_error ("\"%s\" found %u notes, not \"%s\"", query, found->len, sl_note_get_text (note));
      if (g_ptr_array_index (found, i) != note)
        g_error ("\"%s\" found \"%s\" at %u, not \"%s\"", query,
                 sl_note_get_text (g_ptr_array_index (found, i)), i, sl_note_get_text (note));
    }
  va_end (args);

  g_assert_cmpuint (found->len, ==, i);
}

static void
test_text (void)
{
  Board board;

  board_init (&board);

  /* In timeline order: left to right, then lanes from the top. */
  assert_finds (&board, "order", board.cancelled, board.place, board.placed, NULL);
  assert_finds (&board, "ORDER pl", board.place, board.placed, NULL);
  assert_finds (&board, "Order Placed", board.placed, NULL);
  assert_finds (&board, "placed order", board.placed, NULL);
  assert_finds (&board, "  cancelled\t", board.cancelled, NULL);
  assert_finds (&board, "shipped", NULL);
  assert_finds (&board, "", NULL);
  assert_finds (&board, "   ", NULL);

  board_clear (&board);
}

static void
test_accents (void)
{
  Board board;

  board_init (&board);

  assert_finds (&board, "cafe", board.cafe, NULL);
  assert_finds (&board, "CAFÉ", board.cafe, NULL);
  sl_document_set_note_text (board.document, board.crm, "Ångström Straße");
  assert_finds (&board, "angstrom", board.crm, NULL);
  assert_finds (&board, "strasse", board.crm, NULL);

  {
    g_autofree char *folded = sl_search_fold ("Crème Brûlée ÉTÉ");

    g_assert_cmpstr (folded, ==, "creme brulee ete");
  }

  board_clear (&board);
}

static void
test_fields (void)
{
  Board board;

  board_init (&board);

  assert_finds (&board, "customerid", board.place, NULL);
  assert_finds (&board, "dish", board.cafe, NULL);
  /* One word in the text, the other in a field. */
  assert_finds (&board, "place customer", board.place, NULL);

  /* The search follows the model. */
  sl_document_set_field_name (board.document, board.place, 0, "buyerId");
  assert_finds (&board, "customerid", NULL);
  assert_finds (&board, "buyer", board.place, NULL);

  board_clear (&board);
}

static void
test_kinds (void)
{
  Board board;

  board_init (&board);

  assert_finds (&board, "event", board.cancelled, board.placed, NULL);
  assert_finds (&board, "Command", board.place, NULL);
  assert_finds (&board, "external", board.crm, NULL);
  /* The name the board shows, word by word. */
  assert_finds (&board, "External System", board.crm, NULL);
  assert_finds (&board, "system", board.crm, NULL);
  /* A kind and a word of the text together. */
  assert_finds (&board, "event placed", board.placed, NULL);
  /* A part of a kind's name is only text. */
  assert_finds (&board, "even", NULL);

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      g_autoptr(GPtrArray) found = sl_search_notes (board.document, sl_note_kind_get_label (kind));

      for (guint i = 0; i < found->len; i++)
        g_assert_cmpint (sl_note_get_kind (g_ptr_array_index (found, i)), ==, kind);
    }

  board_clear (&board);
}

static void
test_moved (void)
{
  Board board;

  board_init (&board);

  /* Moving a note on the timeline moves it in what is found. */
  sl_document_move_note (board.document, board.cancelled, board.events, 900, 0);
  assert_finds (&board, "order", board.place, board.placed, board.cancelled, NULL);
  sl_document_remove_note (board.document, board.placed);
  assert_finds (&board, "order", board.place, board.cancelled, NULL);

  board_clear (&board);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/text", test_text);
  g_test_add_func ("/search/accents", test_accents);
  g_test_add_func ("/search/fields", test_fields);
  g_test_add_func ("/search/kinds", test_kinds);
  g_test_add_func ("/search/moved", test_moved);

  return g_test_run ();
}
