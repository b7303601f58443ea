/* test-layout.c: where notes stand, hit testing, the index that finds the
 * notes of a region, and where new and moved notes go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "sl-layout.h"
#include "test-util.h"

static void
test_geometry (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlRect rect, lane, bounds;
  double width, height;

  test_board_init (&board);
  layout = sl_layout_new (board.document);

  /* Lanes stack under the slice names; notes stand inside their lane. */
  sl_layout_get_lane_rect (layout, board.actors, &lane);
  g_assert_cmpfloat (lane.y, ==, SL_LAYOUT_SLICE_HEADER_HEIGHT);
  g_assert_cmpfloat (lane.height, ==, SL_LAYOUT_LANE_MIN_HEIGHT);

  sl_layout_get_note_rect (layout, board.screen, &rect);
  sl_layout_get_note_size (SL_NOTE_SCREEN, &width, &height);
  g_assert_cmpfloat (rect.x, ==, 20);
  g_assert_cmpfloat (rect.y, ==, lane.y + SL_LAYOUT_LANE_PADDING);
  g_assert_cmpfloat (rect.width, ==, width);
  g_assert_cmpfloat (rect.height, ==, height);

  sl_layout_get_lane_rect (layout, board.events, &lane);
  g_assert_cmpfloat (lane.y, ==, SL_LAYOUT_SLICE_HEADER_HEIGHT + 2 * SL_LAYOUT_LANE_MIN_HEIGHT);

  /* A lane grows with a note placed low in it, and pushes the lanes below. */
  sl_document_move_note (board.document, board.view, board.interaction, 260, 300);
  sl_layout_get_lane_rect (layout, board.interaction, &lane);
  g_assert_cmpfloat (lane.height, ==, 300 + height + 2 * SL_LAYOUT_LANE_PADDING);
  sl_layout_get_lane_rect (layout, board.events, &rect);
  g_assert_cmpfloat (rect.y, ==, lane.y + lane.height);

  /* The sizes tell the kinds apart, not only the colours. */
  sl_layout_get_note_size (SL_NOTE_ACTOR, &width, &height);
  g_assert_cmpfloat (width, <, 160);
  sl_layout_get_note_size (SL_NOTE_EXTERNAL, &width, &height);
  g_assert_cmpfloat (width, >, 160);
  sl_layout_get_note_size (SL_NOTE_AGGREGATE, &width, &height);
  g_assert_cmpfloat (height, >, 100);

  sl_layout_get_bounds (layout, &bounds);
  g_assert_cmpfloat (bounds.x, <, -SL_LAYOUT_LANE_HEADER_WIDTH);
  g_assert_cmpfloat (bounds.y + bounds.height, ==, rect.y + rect.height);

  g_clear_object (&layout);
  test_board_clear (&board);
}

static void
test_hit_testing (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlNote *top;
  SlRect rect;

  test_board_init (&board);
  layout = sl_layout_new (board.document);

  sl_layout_get_note_rect (layout, board.event, &rect);
  g_assert_true (sl_layout_get_note_at (layout, rect.x + 1, rect.y + 1) == board.event);
  g_assert_true (sl_layout_get_note_at (layout, rect.x + rect.width - 1, rect.y + rect.height - 1) == board.event);
  g_assert_null (sl_layout_get_note_at (layout, rect.x - 1, rect.y + 1));
  g_assert_null (sl_layout_get_note_at (layout, rect.x + rect.width, rect.y + 1));
  g_assert_true (sl_layout_get_lane_at (layout, rect.y) == board.events);
  g_assert_null (sl_layout_get_lane_at (layout, 1));

  /* Where cards overlap, the one drawn last is hit. */
  top = sl_document_add_note (board.document, SL_NOTE_HOTSPOT, board.events, 100, 20, "Overbooking?");
  g_assert_true (sl_layout_get_note_at (layout, rect.x + 50, rect.y + 30) == top);

  /* The index follows moves, and removals. */
  sl_document_move_note (board.document, board.event, board.events, 5000, 0);
  g_assert_true (sl_layout_get_note_at (layout, rect.x + 5, rect.y + 5) == NULL);
  g_assert_true (sl_layout_get_note_at (layout, 5001, rect.y + 1) == board.event);
  sl_document_remove_note (board.document, top);
  g_assert_null (sl_layout_get_note_at (layout, rect.x + 50, rect.y + 30));
  sl_history_undo (sl_document_get_history (board.document));
  g_assert_nonnull (sl_layout_get_note_at (layout, rect.x + 50, rect.y + 30));

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* A card made taller pushes the cards below it in its column down, not
 * those beside it, keeping the gap of the placement rules; a card already
 * low enough stays; a move follows; each owner's request counts until it
 * takes it back, and the tallest wins. */
static void
test_tall_cards (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GHashTable) heights = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) taller = g_hash_table_new (NULL, NULL);
  SlNote *below;
  SlRect command, under, view, lane;
  int owner_a, owner_b;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  below = sl_document_add_note (board.document, SL_NOTE_VIEW, board.interaction, 40, 130, "Rooms");

  g_hash_table_insert (heights, board.command, GUINT_TO_POINTER (200));
  sl_layout_set_card_heights (layout, &owner_a, heights);
  sl_layout_get_note_rect (layout, board.command, &command);
  sl_layout_get_note_rect (layout, below, &under);
  sl_layout_get_note_rect (layout, board.view, &view);
  sl_layout_get_lane_rect (layout, board.interaction, &lane);
  g_assert_cmpfloat (command.height, ==, 200);
  g_assert_cmpfloat (under.y, ==, command.y + 200 + 2 * SL_LAYOUT_GRID);
  g_assert_cmpfloat (view.y, ==, command.y);
  g_assert_cmpfloat (lane.height, ==, 200 + 2 * SL_LAYOUT_GRID + 100 + 2 * SL_LAYOUT_LANE_PADDING);
  g_assert_true (sl_layout_get_note_at (layout, command.x + 1, command.y + 199) == board.command);
  g_assert_true (sl_layout_get_note_at (layout, under.x + 1, under.y + 1) == below);

  /* A card low enough already stays where it is. */
  sl_document_move_note (board.document, below, board.interaction, 40, 230);
  sl_layout_get_note_rect (layout, below, &under);
  g_assert_cmpfloat (under.y, ==, lane.y + SL_LAYOUT_LANE_PADDING + 230);

  /* Moved beside it, the card is no longer below it. */
  sl_document_move_note (board.document, below, board.interaction, 500, 130);
  sl_layout_get_note_rect (layout, below, &under);
  g_assert_cmpfloat (under.y, ==, lane.y + SL_LAYOUT_LANE_PADDING + 130);

  /* The tall card moved to another lane lets the card below it back up. */
  sl_document_move_note (board.document, below, board.interaction, 40, 130);
  sl_document_move_note (board.document, board.command, board.events, 800, 0);
  sl_layout_get_note_rect (layout, below, &under);
  g_assert_cmpfloat (under.y, ==, lane.y + SL_LAYOUT_LANE_PADDING + 130);
  sl_document_move_note (board.document, board.command, board.interaction, 40, 0);

  g_hash_table_insert (taller, board.command, GUINT_TO_POINTER (300));
  sl_layout_set_card_heights (layout, &owner_b, taller);
  sl_layout_get_note_rect (layout, board.command, &command);
  g_assert_cmpfloat (command.height, ==, 300);
  sl_layout_set_card_heights (layout, &owner_b, NULL);
  sl_layout_get_note_rect (layout, board.command, &command);
  g_assert_cmpfloat (command.height, ==, 200);
  sl_layout_set_card_heights (layout, &owner_a, NULL);
  sl_layout_get_note_rect (layout, board.command, &command);
  g_assert_cmpfloat (command.height, ==, 100);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* A tall card pushes down the cards below it that share a column with
 * it wherever the columns of the index split the timeline, and a card it
 * pushed pushes those below it in turn; a card elsewhere stays. */
static void
test_tall_cards_columns (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GHashTable) heights = g_hash_table_new (NULL, NULL);
  SlNote *left, *right, *lower, *far;
  SlRect command, rect, lane;
  double gap = MIN (30, 2 * SL_LAYOUT_GRID);
  int owner;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  /* Across the line between the first two columns of the index. */
  sl_document_move_note (board.document, board.command, board.interaction, 440, 0);
  left = sl_document_add_note (board.document, SL_NOTE_VIEW, board.interaction, 300, 130, "Left");
  right = sl_document_add_note (board.document, SL_NOTE_VIEW, board.interaction, 560, 130, "Right");
  lower = sl_document_add_note (board.document, SL_NOTE_VIEW, board.interaction, 700, 260, "Lower");
  far = sl_document_add_note (board.document, SL_NOTE_VIEW, board.interaction, 5000, 130, "Far");

  g_hash_table_insert (heights, board.command, GUINT_TO_POINTER (200));
  sl_layout_set_card_heights (layout, &owner, heights);
  sl_layout_get_lane_rect (layout, board.interaction, &lane);
  sl_layout_get_note_rect (layout, board.command, &command);
  g_assert_cmpfloat (command.y, ==, lane.y + SL_LAYOUT_LANE_PADDING);
  sl_layout_get_note_rect (layout, left, &rect);
  g_assert_cmpfloat (rect.y, ==, command.y + 200 + gap);
  sl_layout_get_note_rect (layout, right, &rect);
  g_assert_cmpfloat (rect.y, ==, command.y + 200 + gap);
  sl_layout_get_note_rect (layout, lower, &rect);
  g_assert_cmpfloat (rect.y, ==, command.y + 200 + gap + 100 + gap);
  g_assert_cmpfloat (lane.height, ==, 200 + gap + 100 + gap + 100 + 2 * SL_LAYOUT_LANE_PADDING);
  sl_layout_get_note_rect (layout, far, &rect);
  g_assert_cmpfloat (rect.y, ==, lane.y + SL_LAYOUT_LANE_PADDING + 130);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* Overlapping, nested and narrow slices: no two names overlap, each stays
 * in the strip and its column, wide enough to read, and the pointer on a
 * name finds its slice; a slice alone keeps the strip's height. */
static void
test_slice_labels (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = NULL;
  SlSlice *slices[6];
  SlRect labels[6];

  slices[0] = sl_document_add_slice (document, "Borrow Book", 0, 480);
  slices[1] = sl_document_add_slice (document, "Open Loans and Status", 200, 400);
  slices[2] = sl_document_add_slice (document, "Overdue Reminders", 200, 240);
  slices[3] = sl_document_add_slice (document, "Return Book", 800, 240);
  slices[4] = sl_document_add_slice (document, "Fines", 1000, 80);
  slices[5] = sl_document_add_slice (document, "Close Account", 1200, 240);
  layout = sl_layout_new (document);

  for (guint i = 0; i < G_N_ELEMENTS (slices); i++)
    {
      sl_layout_get_slice_label (layout, slices[i], &labels[i]);
      g_test_message ("%s: %g, %g, %g × %g", sl_slice_get_name (slices[i]),
                      labels[i].x, labels[i].y, labels[i].width, labels[i].height);
      g_assert_cmpfloat (labels[i].width, >=, 50);
      g_assert_cmpfloat (labels[i].y, >=, 0);
      g_assert_cmpfloat (labels[i].y + labels[i].height, <=, SL_LAYOUT_SLICE_HEADER_HEIGHT);
      g_assert_cmpfloat (labels[i].x, >=, sl_slice_get_x (slices[i]));
      g_assert_cmpfloat (labels[i].x + labels[i].width, <=, sl_slice_get_x (slices[i]) + sl_slice_get_width (slices[i]));
      g_assert_true (sl_layout_get_slice_at (layout, labels[i].x + labels[i].width / 2,
                                             labels[i].y + labels[i].height / 2) == slices[i]);
      for (guint j = 0; j < i; j++)
        g_assert_false (sl_rect_intersects (&labels[i], &labels[j]));
    }
  g_assert_cmpfloat (labels[5].height, ==, SL_LAYOUT_SLICE_HEADER_HEIGHT);

  /* Moved apart, the names have the strip's height again. */
  sl_document_set_slice_range (document, slices[4], 1500, 200);
  sl_layout_get_slice_label (layout, slices[3], &labels[3]);
  g_assert_cmpfloat (labels[3].height, ==, SL_LAYOUT_SLICE_HEADER_HEIGHT);
  g_assert_cmpfloat (labels[3].width, ==, 220);

  g_clear_object (&layout);
}

typedef struct
{
  GHashTable *seen;
  guint count;
} Collect;

static gboolean
collect_cb (SlNote       *note,
            const SlRect *rect,
            gpointer      user_data)
{
  Collect *collect = user_data;

  g_assert_true (g_hash_table_add (collect->seen, note));
  collect->count++;
  return TRUE;
}

/* The index finds exactly the notes a look at every note would. */
static void
test_index (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  SlLane *lanes[4];
  GListModel *notes;

  sl_document_set_id_seed (document, 7);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    lanes[i] = sl_document_add_lane (document, SL_LANE_EVENTS, NULL, -1);
  for (guint i = 0; i < 3000; i++)
    sl_document_add_note (document, g_rand_int_range (rand, 0, SL_N_NOTE_KINDS),
                          lanes[g_rand_int_range (rand, 0, 4)],
                          g_rand_int_range (rand, -5000, 50000), g_rand_int_range (rand, 0, 300), NULL);

  layout = sl_layout_new (document);
  notes = sl_document_get_notes (document);

  for (guint round = 0; round < 50; round++)
    {
      SlRect region = { g_rand_double_range (rand, -6000, 50000), g_rand_double_range (rand, 0, 2000),
                        g_rand_double_range (rand, 1, 8000), g_rand_double_range (rand, 1, 1500) };
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      Collect collect = { seen, 0 };
      guint expected = 0;

      /* Move some notes between rounds, as drags do. */
      for (guint i = 0; i < 20; i++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), g_rand_int_range (rand, 0, 3000));

          sl_document_move_note (document, note, lanes[g_rand_int_range (rand, 0, 4)],
                                 g_rand_int_range (rand, -5000, 50000), g_rand_int_range (rand, 0, 300));
        }

      sl_layout_foreach_note_in (layout, &region, collect_cb, &collect);

      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          SlRect rect;

          sl_layout_get_note_rect (layout, sl_element_list_peek (SL_ELEMENT_LIST (notes), i), &rect);
          if (sl_rect_intersects (&rect, &region))
            {
              expected++;
              g_assert_true (g_hash_table_contains (seen, sl_element_list_peek (SL_ELEMENT_LIST (notes), i)));
            }
        }
      g_assert_cmpuint (collect.count, ==, expected);
    }
}

static gboolean
stop_at_three_cb (SlNote       *note,
                  const SlRect *rect,
                  gpointer      user_data)
{
  Collect *collect = user_data;

  g_assert_true (g_hash_table_add (collect->seen, note));
  return ++collect->count < 3;
}

/* In any order, the index finds the notes it finds in document order,
 * each once, also over regions far wider than the lanes hold notes (where
 * it goes by the columns that hold some), and stops when told: a route
 * looks only until it knows it crosses too many cards. */
static void
test_index_any_order (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  SlLane *lanes[40];

  sl_document_set_id_seed (document, 11);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    lanes[i] = sl_document_add_lane (document, SL_LANE_EVENTS, NULL, -1);
  /* Sparse far out, dense near the start. */
  for (guint i = 0; i < 2000; i++)
    sl_document_add_note (document, g_rand_int_range (rand, 0, SL_N_NOTE_KINDS),
                          lanes[g_rand_int_range (rand, 0, G_N_ELEMENTS (lanes))],
                          i % 10 == 0 ? g_rand_int_range (rand, -1000000, 1000000) : g_rand_int_range (rand, 0, 5000),
                          g_rand_int_range (rand, 0, 100), NULL);
  layout = sl_layout_new (document);

  for (guint round = 0; round < 200; round++)
    {
      double width = round % 4 == 0 ? 0 : g_rand_double_range (rand, 1, round % 2 ? 3000000 : 2000);
      double height = round % 4 == 0 ? 0 : g_rand_double_range (rand, 1, 4000);
      SlRect region = { g_rand_double_range (rand, -1200000, 1000000), g_rand_double_range (rand, -100, 6000),
                        width, height };
      g_autoptr(GHashTable) ordered = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) any = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) three = g_hash_table_new (NULL, NULL);
      Collect collect_ordered = { ordered, 0 }, collect_any = { any, 0 }, collect_three = { three, 0 };
      GHashTableIter iter;
      gpointer note;

      sl_layout_foreach_note_in (layout, &region, collect_cb, &collect_ordered);
      sl_layout_foreach_note_in_any_order (layout, &region, collect_cb, &collect_any);
      g_assert_cmpuint (collect_any.count, ==, collect_ordered.count);
      g_hash_table_iter_init (&iter, any);
      while (g_hash_table_iter_next (&iter, &note, NULL))
        g_assert_true (g_hash_table_contains (ordered, note));

      sl_layout_foreach_note_in_any_order (layout, &region, stop_at_three_cb, &collect_three);
      g_assert_cmpuint (collect_three.count, ==, MIN (collect_ordered.count, 3));
    }
}

/* Spatial navigation */

/* A board of three lanes, one of them empty:
 *
 *   Actors       [s1]            [s2]
 *   Empty
 *   Timeline     [c1]      [c2]
 *                [e1] [e2] [e3]        [e4]
 */
static void
test_navigation (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = NULL;
  SlLane *actors, *empty, *timeline;
  SlNote *s1, *s2, *c1, *c2, *e1, *e2, *e3, *e4;

  actors = sl_document_add_lane (document, SL_LANE_ACTOR, "Actors", -1);
  empty = sl_document_add_lane (document, SL_LANE_UNSORTED, "Empty", -1);
  timeline = sl_document_add_lane (document, SL_LANE_UNSORTED, "Timeline", -1);
  e4 = sl_document_add_note (document, SL_NOTE_EVENT, timeline, 900, 120, "e4");
  e1 = sl_document_add_note (document, SL_NOTE_EVENT, timeline, 0, 120, "e1");
  e2 = sl_document_add_note (document, SL_NOTE_EVENT, timeline, 200, 120, "e2");
  e3 = sl_document_add_note (document, SL_NOTE_EVENT, timeline, 400, 120, "e3");
  c1 = sl_document_add_note (document, SL_NOTE_COMMAND, timeline, 0, 0, "c1");
  c2 = sl_document_add_note (document, SL_NOTE_COMMAND, timeline, 400, 0, "c2");
  s1 = sl_document_add_note (document, SL_NOTE_SCREEN, actors, 0, 0, "s1");
  s2 = sl_document_add_note (document, SL_NOTE_SCREEN, actors, 700, 0, "s2");
  layout = sl_layout_new (document);

  /* Along the timeline, in the same row first, then in another row of
   * the lane, never out of the lane. */
  g_assert_true (sl_layout_get_nearest_note (layout, e1, SL_LAYOUT_RIGHT) == e2);
  g_assert_true (sl_layout_get_nearest_note (layout, e2, SL_LAYOUT_RIGHT) == e3);
  g_assert_true (sl_layout_get_nearest_note (layout, e3, SL_LAYOUT_RIGHT) == e4);
  g_assert_null (sl_layout_get_nearest_note (layout, e4, SL_LAYOUT_RIGHT));
  g_assert_true (sl_layout_get_nearest_note (layout, e4, SL_LAYOUT_LEFT) == e3);
  g_assert_true (sl_layout_get_nearest_note (layout, c1, SL_LAYOUT_RIGHT) == c2);
  g_assert_true (sl_layout_get_nearest_note (layout, c2, SL_LAYOUT_RIGHT) == e4);
  g_assert_null (sl_layout_get_nearest_note (layout, s1, SL_LAYOUT_LEFT));
  g_assert_true (sl_layout_get_nearest_note (layout, s1, SL_LAYOUT_RIGHT) == s2);

  /* Up and down: the card stacked in the column, then across the lanes,
   * past the empty one, to the nearest card, the distance aside counting
   * twice. */
  g_assert_true (sl_layout_get_nearest_note (layout, e1, SL_LAYOUT_UP) == c1);
  g_assert_true (sl_layout_get_nearest_note (layout, c1, SL_LAYOUT_DOWN) == e1);
  g_assert_true (sl_layout_get_nearest_note (layout, c1, SL_LAYOUT_UP) == s1);
  g_assert_true (sl_layout_get_nearest_note (layout, e2, SL_LAYOUT_UP) == s1);
  g_assert_true (sl_layout_get_nearest_note (layout, e4, SL_LAYOUT_UP) == s2);
  g_assert_true (sl_layout_get_nearest_note (layout, s2, SL_LAYOUT_DOWN) == e4);
  g_assert_true (sl_layout_get_nearest_note (layout, s1, SL_LAYOUT_DOWN) == c1);
  g_assert_null (sl_layout_get_nearest_note (layout, s1, SL_LAYOUT_UP));
  g_assert_null (sl_layout_get_nearest_note (layout, e3, SL_LAYOUT_DOWN));

  /* Home and End: the ends of a lane along the timeline. */
  g_assert_true (sl_layout_get_lane_end (layout, timeline, FALSE) == c1);
  g_assert_true (sl_layout_get_lane_end (layout, timeline, TRUE) == e4);
  g_assert_true (sl_layout_get_lane_end (layout, actors, TRUE) == s2);
  g_assert_null (sl_layout_get_lane_end (layout, empty, FALSE));

  /* Tab: by left edge, then lane from the top, then from the top of the
   * lane; Shift+Tab back; nothing past either end. */
  {
    SlNote *order[] = { s1, c1, e1, e2, c2, e3, s2, e4 };
    SlNote *note = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        note = sl_layout_get_next_note (layout, note, TRUE);
        g_assert_true (note == order[i]);
      }
    g_assert_null (sl_layout_get_next_note (layout, note, TRUE));
    for (guint i = G_N_ELEMENTS (order) - 1; i > 0; i--)
      g_assert_true (sl_layout_get_next_note (layout, order[i], FALSE) == order[i - 1]);
    g_assert_null (sl_layout_get_next_note (layout, s1, FALSE));
    g_assert_true (sl_layout_get_next_note (layout, NULL, FALSE) == e4);
  }

  /* The layout follows the board: a note moved is found where it went. */
  sl_document_move_note (document, e4, empty, 300, 0);
  g_assert_true (sl_layout_get_nearest_note (layout, e1, SL_LAYOUT_UP) == c1);
  g_assert_true (sl_layout_get_nearest_note (layout, c2, SL_LAYOUT_UP) == e4);
  g_assert_true (sl_layout_get_lane_end (layout, empty, FALSE) == e4);
}

/* What the navigation answers, found by looking at every note. */

/* Timeline order, and notes at the same place by their place in the
 * document (@order: SlNote -> 1 + its position). */
static int
compare_timeline_order (SlDocument *document,
                        GHashTable *order,
                        SlNote     *a,
                        SlNote     *b)
{
  int result = sl_document_compare_timeline (document, a, b);
  guint oa = GPOINTER_TO_UINT (g_hash_table_lookup (order, a));
  guint ob = GPOINTER_TO_UINT (g_hash_table_lookup (order, b));

  if (result != 0)
    return result;
  return (oa > ob) - (oa < ob);
}

static SlNote *
naive_nearest (SlLayout          *layout,
               SlNote            *from,
               SlLayoutDirection  direction)
{
  SlDocument *document = sl_layout_get_document (layout);
  GListModel *notes = sl_document_get_notes (document);
  SlRect f;
  SlNote *best = NULL;
  double best_score = 0;
  int from_lane = sl_document_get_lane_position (document, sl_note_get_lane (from));

  sl_layout_get_note_rect (layout, from, &f);

  if (direction == SL_LAYOUT_UP || direction == SL_LAYOUT_DOWN)
    {
      int step = direction == SL_LAYOUT_UP ? -1 : 1;

      /* Stacked in the column, the nearest. */
      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
          SlRect r;
          double dy;

          if (note == from || sl_note_get_lane (note) != sl_note_get_lane (from))
            continue;
          sl_layout_get_note_rect (layout, note, &r);
          dy = (r.y + r.height / 2) - (f.y + f.height / 2);
          if (r.x >= f.x + f.width || f.x >= r.x + r.width || dy * step <= 0)
            continue;
          if (best == NULL || fabs (dy) < best_score)
            best = note, best_score = fabs (dy);
        }
      if (best != NULL)
        return best;

      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
          int lane = sl_document_get_lane_position (document, sl_note_get_lane (note));
          SlRect r;
          double score;

          if ((lane - from_lane) * step <= 0)
            continue;
          sl_layout_get_note_rect (layout, note, &r);
          score = fabs ((r.x + r.width / 2) - (f.x + f.width / 2)) +
                  0.5 * fabs ((r.y + r.height / 2) - (f.y + f.height / 2));
          if (best == NULL || score < best_score)
            best = note, best_score = score;
        }
      return best;
    }

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      SlRect r;
      double along, score;

      if (note == from || sl_note_get_lane (note) != sl_note_get_lane (from))
        continue;
      sl_layout_get_note_rect (layout, note, &r);
      along = (r.x + r.width / 2) - (f.x + f.width / 2);
      if (direction == SL_LAYOUT_RIGHT ? along <= 0 : along >= 0)
        continue;
      score = fabs (along) + 2.0 * fabs ((r.y + r.height / 2) - (f.y + f.height / 2));
      if (best == NULL || score < best_score)
        best = note, best_score = score;
    }
  return best;
}

/* On random boards with many ties, as notes move, the index's answers
 * are those of a look at every note. */
static void
test_navigation_matches_every_note (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) order = NULL;
  SlLane *lanes[6];
  GListModel *notes;
  const guint n_notes = 600;

  sl_document_set_id_seed (document, 5);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    lanes[i] = sl_document_add_lane (document, SL_LANE_UNSORTED, NULL, -1);
  /* Lane 4 stays empty; the grid is coarse, so cards share places. */
  for (guint i = 0; i < n_notes; i++)
    sl_document_add_note (document, g_rand_int_range (rand, 0, SL_N_NOTE_KINDS),
                          lanes[i % 7 == 0 ? 5 : g_rand_int_range (rand, 0, 4)],
                          g_rand_int_range (rand, -40, 400) * 50, g_rand_int_range (rand, 0, 4) * 120, NULL);
  layout = sl_layout_new (document);
  notes = sl_document_get_notes (document);

  for (guint round = 0; round < 4; round++)
    {
      for (guint i = 0; i < 30; i++)
        sl_document_move_note (document, sl_element_list_peek (SL_ELEMENT_LIST (notes), g_rand_int_range (rand, 0, n_notes)),
                               lanes[g_rand_int_range (rand, 0, 4)],
                               g_rand_int_range (rand, -40, 400) * 50, g_rand_int_range (rand, 0, 4) * 120);

      for (guint i = 0; i < n_notes; i++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

          for (SlLayoutDirection d = SL_LAYOUT_LEFT; d <= SL_LAYOUT_DOWN; d++)
            g_assert_true (sl_layout_get_nearest_note (layout, note, d) == naive_nearest (layout, note, d));
        }

      /* Tab and Shift+Tab walk the timeline order, each note once. */
      g_clear_pointer (&sorted, g_ptr_array_unref);
      g_clear_pointer (&order, g_hash_table_unref);
      sorted = g_ptr_array_new ();
      order = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < n_notes; i++)
        {
          g_ptr_array_add (sorted, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
          g_hash_table_insert (order, sorted->pdata[i], GUINT_TO_POINTER (i + 1));
        }
      for (guint i = 1; i < sorted->len; i++)
        for (guint j = i; j > 0 && compare_timeline_order (document, order, sorted->pdata[j - 1], sorted->pdata[j]) > 0; j--)
          {
            gpointer swap = sorted->pdata[j];

            sorted->pdata[j] = sorted->pdata[j - 1];
            sorted->pdata[j - 1] = swap;
          }
      g_assert_true (sl_layout_get_next_note (layout, NULL, TRUE) == sorted->pdata[0]);
      for (guint i = 0; i + 1 < sorted->len; i++)
        {
          g_assert_true (sl_layout_get_next_note (layout, sorted->pdata[i], TRUE) == sorted->pdata[i + 1]);
          g_assert_true (sl_layout_get_next_note (layout, sorted->pdata[i + 1], FALSE) == sorted->pdata[i]);
        }

      /* Home and End, each lane. */
      for (guint l = 0; l < G_N_ELEMENTS (lanes); l++)
        {
          SlNote *first = NULL, *last = NULL;

          for (guint i = 0; i < sorted->len; i++)
            if (sl_note_get_lane (sorted->pdata[i]) == lanes[l])
              {
                if (first == NULL)
                  first = sorted->pdata[i];
                last = sorted->pdata[i];
              }
          g_assert_true (sl_layout_get_lane_end (layout, lanes[l], FALSE) == first);
          g_assert_true (sl_layout_get_lane_end (layout, lanes[l], TRUE) == last);
        }
    }
}

/* At 100,000 notes a key press looks at the notes near the focus: ten
 * thousand moves of the focus take about what drawing a frame does. */
static void
test_navigation_large (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GTimer) timer = NULL;
  SlLane *lanes[20];
  SlNote *note;
  GListModel *notes;
  guint moves = 0;

  sl_document_set_id_seed (document, 3);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    lanes[i] = sl_document_add_lane (document, SL_LANE_EVENTS, NULL, -1);
  for (guint i = 0; i < 100000; i++)
    sl_document_add_note (document, SL_NOTE_EVENT, lanes[i % G_N_ELEMENTS (lanes)],
                          (i / G_N_ELEMENTS (lanes)) * 200, g_rand_int_range (rand, 0, 3) * 120, NULL);
  layout = sl_layout_new (document);
  notes = sl_document_get_notes (document);
  note = sl_element_list_peek (SL_ELEMENT_LIST (notes), 50000);
  sl_layout_get_lane_end (layout, lanes[0], FALSE);

  timer = g_timer_new ();
  for (guint i = 0; i < 10000; i++)
    {
      SlNote *next;

      switch (i % 6)
        {
        case 0: next = sl_layout_get_nearest_note (layout, note, SL_LAYOUT_RIGHT); break;
        case 1: next = sl_layout_get_nearest_note (layout, note, SL_LAYOUT_DOWN); break;
        case 2: next = sl_layout_get_next_note (layout, note, TRUE); break;
        case 3: next = sl_layout_get_nearest_note (layout, note, SL_LAYOUT_UP); break;
        case 4: next = sl_layout_get_nearest_note (layout, note, SL_LAYOUT_LEFT); break;
        default: next = sl_layout_get_next_note (layout, note, FALSE); break;
        }
      if (next != NULL)
        note = next, moves++;
    }
  g_test_message ("10000 key presses at 100,000 notes: %.1f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (moves, >, 9000);
  g_assert_true (sl_layout_get_lane_end (layout, lanes[0], TRUE) ==
                 sl_element_list_peek (SL_ELEMENT_LIST (notes), 100000 - G_N_ELEMENTS (lanes)));
}

static void
test_natural_kinds (void)
{
  g_assert_cmpint (sl_layout_get_natural_kind (SL_LANE_EVENTS), ==, SL_NOTE_EVENT);
  g_assert_cmpint (sl_layout_get_natural_kind (SL_LANE_UNSORTED), ==, SL_NOTE_EVENT);
  g_assert_cmpint (sl_layout_get_natural_kind (SL_LANE_INTERACTION), ==, SL_NOTE_COMMAND);
  g_assert_cmpint (sl_layout_get_natural_kind (SL_LANE_ACTOR), ==, SL_NOTE_SCREEN);
  g_assert_cmpint (sl_layout_get_natural_kind (SL_LANE_AUTOMATION), ==, SL_NOTE_AUTOMATION);
  g_assert_cmpint (sl_layout_get_natural_kind (SL_LANE_EXTERNAL), ==, SL_NOTE_EXTERNAL);

  g_assert_cmpint (sl_note_kind_get_lane_kind (SL_NOTE_VIEW), ==, SL_LANE_INTERACTION);
  g_assert_cmpint (sl_note_kind_get_lane_kind (SL_NOTE_COMMAND), ==, SL_LANE_INTERACTION);
  g_assert_cmpint (sl_note_kind_get_lane_kind (SL_NOTE_SCREEN), ==, SL_LANE_ACTOR);
  g_assert_cmpint (sl_note_kind_get_lane_kind (SL_NOTE_EVENT), ==, SL_LANE_EVENTS);
}

/* The keyboard's next event goes right of the last one, in its lane, past
 * any card already there. */
static void
test_place_next_event (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlLane *lane;
  SlNote *blocking;
  int x, y;

  test_board_init (&board);
  layout = sl_layout_new (board.document);

  sl_layout_place_new_note (layout, SL_NOTE_EVENT, board.event, 0, &lane, &x, &y);
  g_assert_true (lane == board.events);
  g_assert_cmpint (x, ==, 60 + 160 + SL_LAYOUT_NOTE_GAP);
  g_assert_cmpint (y, ==, 0);

  blocking = sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, x, 0, "Room Cleaned");
  sl_layout_place_new_note (layout, SL_NOTE_EVENT, board.event, 0, &lane, &x, &y);
  g_assert_true (lane == board.events);
  g_assert_cmpint (x, >=, sl_note_get_x (blocking) + 160);
  g_assert_cmpint (y, ==, 0);

  /* With nothing added or selected, at the left given, in the kind's lane. */
  sl_layout_place_new_note (layout, SL_NOTE_EVENT, NULL, 1000, &lane, &x, &y);
  g_assert_true (lane == board.events);
  g_assert_cmpint (x, ==, 1000);
  g_assert_cmpint (y, ==, 0);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* A command asked for after an event goes above it: into the interaction
 * lane, in the event's column; a screen after the command, above that. */
static void
test_place_command_above_event (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlNote *event, *command;
  SlLane *lane;
  int x, y;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  event = sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 600, 0, "Room Cancelled");

  sl_layout_place_new_note (layout, SL_NOTE_COMMAND, event, 0, &lane, &x, &y);
  g_assert_true (lane == board.interaction);
  g_assert_cmpint (x, ==, 600);
  g_assert_cmpint (y, ==, 0);

  command = sl_document_add_note (board.document, SL_NOTE_COMMAND, lane, x, y, "Cancel Room");
  sl_layout_place_new_note (layout, SL_NOTE_SCREEN, command, 0, &lane, &x, &y);
  g_assert_true (lane == board.actors);
  g_assert_cmpint (x, ==, 600);

  /* A view after the command shares its lane: it goes right of it. */
  sl_layout_place_new_note (layout, SL_NOTE_VIEW, command, 0, &lane, &x, &y);
  g_assert_true (lane == board.interaction);
  g_assert_cmpint (x, ==, 600 + 160 + SL_LAYOUT_NOTE_GAP);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* A note for another lane goes in the column of the selected note even
 * when a card is there: below it, not at the end of the row. In an
 * unsorted lane a command goes in its event's column too, below it; the
 * next event continues the row of events. */
static void
test_place_in_column (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlNote *events[3], *command;
  SlLane *lane, *timeline;
  int x, y;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      events[i] = sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 200 * i, 0, "Event");
      sl_document_add_note (board.document, SL_NOTE_COMMAND, board.interaction, 200 * i, 0, "Command");
    }

  sl_layout_place_new_note (layout, SL_NOTE_COMMAND, events[1], 0, &lane, &x, &y);
  g_assert_true (lane == board.interaction);
  g_assert_cmpint (x, ==, 200);
  g_assert_cmpint (y, ==, 100 + 2 * SL_LAYOUT_GRID);

  timeline = sl_document_add_lane (board.document, SL_LANE_UNSORTED, "Timeline", -1);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    events[i] = sl_document_add_note (board.document, SL_NOTE_EVENT, timeline, 200 * i, 0, "Event");

  sl_layout_place_new_note (layout, SL_NOTE_COMMAND, events[1], 0, &lane, &x, &y);
  g_assert_true (lane == timeline);
  g_assert_cmpint (x, ==, 200);
  g_assert_cmpint (y, ==, 100 + 2 * SL_LAYOUT_GRID);

  command = sl_document_add_note (board.document, SL_NOTE_COMMAND, lane, x, y, "Command");
  sl_layout_place_new_note (layout, SL_NOTE_EVENT, command, 0, &lane, &x, &y);
  g_assert_true (lane == timeline);
  g_assert_cmpint (x, ==, 600);
  g_assert_cmpint (y, ==, 0);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* A note added on a card (a palette drop, a double click) goes below it,
 * in the same column, where it covers nothing. */
static void
test_place_at_occupied (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlNote *there;
  SlRect rect;
  SlLane *lane;
  int x, y;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  there = sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 400, 0, "Room Booked");
  sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 400, 100 + 2 * SL_LAYOUT_GRID, "Room Paid");
  sl_layout_get_note_rect (layout, there, &rect);

  sl_layout_place_note_at (layout, SL_NOTE_EVENT, rect.x + rect.width / 2, rect.y + rect.height / 2,
                           &lane, &x, &y);
  g_assert_true (lane == board.events);
  g_assert_cmpint (x, ==, 400);
  g_assert_cmpint (y, ==, 2 * (100 + 2 * SL_LAYOUT_GRID));

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* A note added at a point of the board is centred there on the grid, in
 * the lane there; outside the lanes, in the lane of its kind. */
static void
test_place_at_point (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlRect events;
  SlLane *lane;
  int x, y;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  sl_layout_get_lane_rect (layout, board.events, &events);

  sl_layout_place_note_at (layout, SL_NOTE_EVENT, 513, events.y + SL_LAYOUT_LANE_PADDING + 50 + 23,
                           &lane, &x, &y);
  g_assert_true (lane == board.events);
  g_assert_cmpint (x, ==, 430);
  g_assert_cmpint (y, ==, 20);

  sl_layout_place_note_at (layout, SL_NOTE_COMMAND, 513, events.y + events.height + 1000, &lane, &x, &y);
  g_assert_true (lane == board.interaction);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* A note moved onto another card of its lane settles below it, at the same
 * moment of the timeline, below every card in the way; the notes that
 * move with it do not count. */
static void
test_settle_below_card (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GHashTable) moving = g_hash_table_new (NULL, NULL);
  SlNote *dropped, *below;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  dropped = sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 600, 0, "Room Cancelled");

  g_assert_cmpint (sl_layout_get_settled_y (layout, dropped, NULL), ==, 0);

  sl_document_move_note (board.document, dropped, board.events, 70, 10);
  g_assert_cmpint (sl_layout_get_settled_y (layout, dropped, NULL), ==, 10 + 100 + 2 * SL_LAYOUT_GRID);

  /* The card landed on, moved onto the other, settles below it too. */
  g_assert_cmpint (sl_layout_get_settled_y (layout, board.event, NULL), ==, 100 + 2 * SL_LAYOUT_GRID);

  below = sl_document_add_note (board.document, SL_NOTE_EVENT, board.events, 60, 130, "Room Booked Again");
  g_assert_cmpint (sl_layout_get_settled_y (layout, dropped, NULL), ==, 10 + 2 * (100 + 2 * SL_LAYOUT_GRID));

  g_hash_table_add (moving, board.event);
  g_hash_table_add (moving, below);
  g_assert_cmpint (sl_layout_get_settled_y (layout, dropped, moving), ==, 10);

  /* Only the cards of its own lane are in its way. */
  sl_document_move_note (board.document, dropped, board.interaction, 40, 0);
  g_assert_cmpint (sl_layout_get_settled_y (layout, dropped, NULL), ==, 100 + 2 * SL_LAYOUT_GRID);
  sl_document_move_note (board.document, dropped, board.actors, 200, 0);
  g_assert_cmpint (sl_layout_get_settled_y (layout, dropped, NULL), ==, 0);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* Notes snap to the 10-unit grid, to the lane under them (the first or the
 * last past the board's top or bottom), and not above their lane's top. */
static void
test_snapping (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  SlRect interaction, events;

  g_assert_cmpint (sl_layout_snap_to_grid (13), ==, 10);
  g_assert_cmpint (sl_layout_snap_to_grid (15), ==, 20);
  g_assert_cmpint (sl_layout_snap_to_grid (-4), ==, 0);
  g_assert_cmpint (sl_layout_snap_to_grid (-16), ==, -20);

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  sl_layout_get_lane_rect (layout, board.interaction, &interaction);
  sl_layout_get_lane_rect (layout, board.events, &events);

  g_assert_true (sl_layout_get_nearest_lane (layout, interaction.y + 1) == board.interaction);
  g_assert_true (sl_layout_get_nearest_lane (layout, -500) == board.actors);
  g_assert_true (sl_layout_get_nearest_lane (layout, events.y + events.height + 500) == board.events);

  g_assert_cmpint (sl_layout_get_y_in_lane (layout, board.events, events.y + SL_LAYOUT_LANE_PADDING + 47), ==, 50);
  g_assert_cmpint (sl_layout_get_y_in_lane (layout, board.events, events.y - 30), ==, 0);

  g_clear_object (&layout);
  test_board_clear (&board);
}

/* The lane for a new note: the lane worked in when it fits the kind or is
 * unsorted, else the first of the kind's lanes, else the lane worked in. */
static void
test_lane_for_kind (void)
{
  TestBoard board;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlDocument) empty = sl_document_new ();
  g_autoptr(SlLayout) empty_layout = sl_layout_new (empty);
  SlLane *unsorted, *second_events;

  test_board_init (&board);
  layout = sl_layout_new (board.document);
  unsorted = sl_document_add_lane (board.document, SL_LANE_UNSORTED, "Ideas", -1);
  second_events = sl_document_add_lane (board.document, SL_LANE_EVENTS, "Guest", -1);

  g_assert_true (sl_layout_get_lane_for_kind (layout, SL_NOTE_EVENT, NULL) == board.events);
  g_assert_true (sl_layout_get_lane_for_kind (layout, SL_NOTE_EVENT, second_events) == second_events);
  g_assert_true (sl_layout_get_lane_for_kind (layout, SL_NOTE_EVENT, unsorted) == unsorted);
  g_assert_true (sl_layout_get_lane_for_kind (layout, SL_NOTE_EVENT, board.interaction) == board.events);
  g_assert_true (sl_layout_get_lane_for_kind (layout, SL_NOTE_EXTERNAL, board.interaction) == board.interaction);
  g_assert_true (sl_layout_get_lane_for_kind (layout, SL_NOTE_EXTERNAL, NULL) == board.actors);
  g_assert_null (sl_layout_get_lane_for_kind (empty_layout, SL_NOTE_EVENT, NULL));

  g_clear_object (&layout);
  test_board_clear (&board);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/geometry", test_geometry);
  g_test_add_func ("/layout/hit-testing", test_hit_testing);
  g_test_add_func ("/layout/tall-cards", test_tall_cards);
  g_test_add_func ("/layout/tall-cards-columns", test_tall_cards_columns);
  g_test_add_func ("/layout/slice-labels", test_slice_labels);
  g_test_add_func ("/layout/index", test_index);
  g_test_add_func ("/layout/index-any-order", test_index_any_order);
  g_test_add_func ("/layout/natural-kinds", test_natural_kinds);
  g_test_add_func ("/layout/navigation", test_navigation);
  g_test_add_func ("/layout/navigation-matches-every-note", test_navigation_matches_every_note);
  g_test_add_func ("/layout/navigation-large", test_navigation_large);
  g_test_add_func ("/layout/place/next-event", test_place_next_event);
  g_test_add_func ("/layout/place/command-above-event", test_place_command_above_event);
  g_test_add_func ("/layout/place/at-point", test_place_at_point);
  g_test_add_func ("/layout/place/in-column", test_place_in_column);
  g_test_add_func ("/layout/place/at-occupied", test_place_at_occupied);
  g_test_add_func ("/layout/place/settle-below-card", test_settle_below_card);
  g_test_add_func ("/layout/place/snapping", test_snapping);
  g_test_add_func ("/layout/place/lane-for-kind", test_lane_for_kind);

  return g_test_run ();
}
