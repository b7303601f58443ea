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

static int
compare_slices (gconstpointer a,
                gconstpointer b)
{
  return sl_slice_compare_timeline (*(SlSlice * const *) a, *(SlSlice * const *) b);
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
  GPtrArray *items;
  GPtrArray *slices;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  items = _sl_element_list_get_items (self->slices);
  slices = g_ptr_array_sized_new (items->len);
  g_ptr_array_extend (slices, items, NULL, NULL);
  /* Stable: slices at the same x keep the document's order. */
  g_ptr_array_sort (slices, compare_slices);
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
  GPtrArray *slices;
  SlSlice *found = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  slices = _sl_element_list_get_items (self->slices);
  for (guint i = 0; i < slices->len; i++)
    {
      SlSlice *slice = g_ptr_array_index (slices, i);

      if (sl_slice_contains_x (slice, x) &&
          (found == NULL || sl_slice_compare_timeline (slice, found) < 0))
        found = slice;
    }

  return found;
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
