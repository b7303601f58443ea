/* sl-document-timeline.c: the board read as a timeline
 *
 * Time runs left to right. The specification, the scenario pages of a
 * printout, the eventmodelers export and the layout all read the board in
 * this order and put each note in the same slice: the rules live here
 * once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-document-private.h"
#include "sl-element-list-private.h"
#include "sl-note.h"
#include "sl-slice.h"

/**
 * sl_document_compare_timeline:
 *
 * Orders notes along the timeline: by their left edge, then by the place
 * of their lane from the top, then from the top of the lane. Notes at the
 * same place compare equal: a stable sort keeps the order they came in.
 *
 * Returns: less than, equal to or greater than zero as @a comes before, at
 *   the same place as, or after @b
 */
int
sl_document_compare_timeline (SlDocument *self,
                              SlNote     *a,
                              SlNote     *b)
{
  int a_lane, b_lane;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (SL_IS_NOTE (a), 0);
  g_return_val_if_fail (SL_IS_NOTE (b), 0);

  if (sl_note_get_x (a) != sl_note_get_x (b))
    return sl_note_get_x (a) < sl_note_get_x (b) ? -1 : 1;

  a_lane = sl_document_get_lane_position (self, sl_note_get_lane (a));
  b_lane = sl_document_get_lane_position (self, sl_note_get_lane (b));
  if (a_lane != b_lane)
    return a_lane < b_lane ? -1 : 1;

  return (sl_note_get_y (a) > sl_note_get_y (b)) - (sl_note_get_y (a) < sl_note_get_y (b));
}

struct _SlTimelineIndex
{
  GPtrArray *slices; /* (element-type SlSlice): borrowed, left to right, ties
                      * in the document's order */
  int *reach;        /* reach[i]: the furthest right edge of slices[0] to slices[i] */
};

void
_sl_timeline_index_free (SlTimelineIndex *index)
{
  g_ptr_array_unref (index->slices);
  g_free (index->reach);
  g_free (index);
}

static int
compare_slices (gconstpointer a,
                gconstpointer b)
{
  return sl_slice_compare_timeline (*(SlSlice * const *) a, *(SlSlice * const *) b);
}

/* The spec and the export ask for the slice of every note: a look at every
 * slice each time would cost notes × slices. */
static SlTimelineIndex *
get_timeline (SlDocument *self)
{
  GPtrArray *items;
  SlTimelineIndex *index;
  int reach = G_MININT;

  if (self->timeline != NULL)
    return self->timeline;

  items = _sl_element_list_get_items (self->slices);
  index = g_new0 (SlTimelineIndex, 1);
  index->slices = g_ptr_array_sized_new (items->len);
  g_ptr_array_extend (index->slices, items, NULL, NULL);
  /* Stable: slices at the same x keep the document's order. */
  g_ptr_array_sort (index->slices, compare_slices);

  index->reach = g_new (int, MAX (index->slices->len, 1));
  for (guint i = 0; i < index->slices->len; i++)
    {
      SlSlice *slice = g_ptr_array_index (index->slices, i);

      reach = MAX (reach, sl_slice_get_x (slice) + sl_slice_get_width (slice));
      index->reach[i] = reach;
    }

  return self->timeline = index;
}

/**
 * sl_document_get_timeline_slices:
 *
 * Returns: (transfer container) (element-type SlSlice): the slices left to
 *   right; slices with the same left edge in the document's order
 */
GPtrArray *
sl_document_get_timeline_slices (SlDocument *self)
{
  SlTimelineIndex *index;
  GPtrArray *slices;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  index = get_timeline (self);
  slices = g_ptr_array_sized_new (index->slices->len);
  g_ptr_array_extend (slices, index->slices, NULL, NULL);
  return slices;
}

/**
 * sl_document_find_slice_at:
 *
 * Finds the slice that holds a note whose left edge is at @x: of the
 * slices that hold @x, the first in timeline order.
 *
 * Returns: (nullable) (transfer none): the slice, or %NULL where none
 *   holds @x
 */
SlSlice *
sl_document_find_slice_at (SlDocument *self,
                           int         x)
{
  SlTimelineIndex *index;
  SlSlice *first;
  guint low = 0, high;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  /* The first slice whose right edge, or an earlier one's, passes @x:
   * none before it reaches @x, and none after it starts before it. */
  index = get_timeline (self);
  high = index->slices->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (index->reach[middle] > x)
        high = middle;
      else
        low = middle + 1;
    }
  if (low == index->slices->len)
    return NULL;

  first = g_ptr_array_index (index->slices, low);
  return sl_slice_contains_x (first, x) ? first : NULL;
}
/**
 * sl_document_get_note_slice:
 *
 * Returns: (nullable) (transfer none): the slice that holds @note's left
 *   edge, or %NULL where the note stands in no slice
 */
SlSlice *
sl_document_get_note_slice (SlDocument *self,
                            SlNote     *note)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  return sl_document_find_slice_at (self, sl_note_get_x (note));
}
