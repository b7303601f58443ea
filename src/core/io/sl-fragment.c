/* sl-fragment.c: notes copied out of a board and pasted into one
 *
 * A fragment is a small model in the .stormline format: the notes copied,
 * with their fields, the lanes they stand on and the connections between
 * them. It travels through the clipboard as text, so it pastes into
 * another window, another Stormline, or a text editor; and pasting reads
 * it with the same defensive loader as a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-connection.h"
#include "sl-document.h"
#include "sl-element-list.h"
#include "sl-field.h"
#include "sl-format.h"
#include "sl-fragment.h"
#include "sl-history.h"
#include "sl-json.h"
#include "sl-lane.h"
#include "sl-note.h"

static void
copy_fields (SlDocument *target,
             SlNote     *to,
             SlNote     *from)
{
  for (guint i = 0; i < sl_note_get_n_fields (from); i++)
    {
      SlField *field = sl_note_get_field (from, i);

      sl_document_insert_field (target, to, -1, sl_field_get_name (field), sl_field_get_value_type (field));
      sl_document_set_field_flags (target, to, i, sl_field_get_flags (field));
      sl_document_set_field_mapping (target, to, i, sl_field_get_mapping (field));
      sl_document_set_field_example (target, to, i, sl_field_get_example (field));
    }
}

/**
 * sl_fragment_copy:
 * @notes: (element-type SlNote): notes of @document
 *
 * Returns: (transfer full): the notes as a fragment, in the order of the
 *   document
 */
GBytes *
sl_fragment_copy (SlDocument *document,
                  GList      *notes)
{
  g_autoptr(SlDocument) fragment = sl_document_new ();
  g_autoptr(GHashTable) copied = g_hash_table_new (NULL, NULL);   /* note -> copy */
  g_autoptr(GHashTable) lanes = g_hash_table_new (NULL, NULL);    /* lane -> copy */
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  GListModel *all_notes, *connections;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  for (GList *l = notes; l != NULL; l = l->next)
    g_hash_table_add (wanted, l->data);

  all_notes = sl_document_get_notes (document);
  for (guint i = 0; i < g_list_model_get_n_items (all_notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (all_notes), i);
      SlLane *lane = sl_note_get_lane (note);
      SlLane *lane_copy;
      SlNote *copy;

      if (!g_hash_table_contains (wanted, note))
        continue;

      lane_copy = g_hash_table_lookup (lanes, lane);
      if (lane_copy == NULL)
        {
          lane_copy = sl_document_add_lane (fragment, sl_lane_get_kind (lane), sl_lane_get_name (lane), -1);
          g_hash_table_insert (lanes, lane, lane_copy);
        }

      copy = sl_document_add_note (fragment, sl_note_get_kind (note), lane_copy,
                                   sl_note_get_x (note), sl_note_get_y (note), sl_note_get_text (note));
      sl_document_set_note_pivotal (fragment, copy, sl_note_get_pivotal (note));
      copy_fields (fragment, copy, note);
      g_hash_table_insert (copied, note, copy);
    }

  connections = sl_document_get_connections (document);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      SlConnection *connection = sl_element_list_peek (SL_ELEMENT_LIST (connections), i);
      SlNote *source = g_hash_table_lookup (copied, sl_connection_get_source (connection));
      SlNote *target = g_hash_table_lookup (copied, sl_connection_get_target (connection));

      if (source != NULL && target != NULL)
        sl_document_add_connection (fragment, source, target);
    }

  return sl_format_save_to_bytes (fragment);
}

/* The lane of @document where a note of the fragment's @lane goes: the one
 * of the same kind and name, else of the same kind, else the first. */
static SlLane *
find_lane (SlDocument *document,
           SlLane     *lane)
{
  GListModel *lanes = sl_document_get_lanes (document);
  SlLane *same_kind = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *candidate = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);

      if (sl_lane_get_kind (candidate) != sl_lane_get_kind (lane))
        continue;
      if (g_str_equal (sl_lane_get_name (candidate), sl_lane_get_name (lane)))
        return candidate;
      if (same_kind == NULL)
        same_kind = candidate;
    }

  if (same_kind != NULL)
    return same_kind;
  if (g_list_model_get_n_items (lanes) > 0)
    return sl_element_list_peek (SL_ELEMENT_LIST (lanes), 0);

  return sl_document_add_lane (document, sl_lane_get_kind (lane), sl_lane_get_name (lane), -1);
}

/**
 * sl_fragment_paste:
 * @dx: how far right of where they were copied the notes go
 * @dy: how far down in their lanes
 *
 * Adds the notes of @fragment to @document, on the lanes that match
 * theirs, with their fields and the connections between them, as one
 * step of the history. The notes get new ids.
 *
 * Returns: (transfer container) (element-type SlNote): the new notes, or
 *   %NULL with @error set when @fragment is not a Stormline fragment
 */
GPtrArray *
sl_fragment_paste (SlDocument  *document,
                   GBytes      *fragment,
                   int          dx,
                   int          dy,
                   GError     **error)
{
  g_autoptr(SlDocument) source = NULL;
  g_autoptr(GHashTable) pasted = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) lanes = g_hash_table_new (NULL, NULL);
  GPtrArray *result;
  SlHistory *history;
  GListModel *notes, *connections;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (fragment != NULL, NULL);

  if (!(source = sl_format_load_bytes (fragment, error)))
    return NULL;

  notes = sl_document_get_notes (source);
  if (g_list_model_get_n_items (notes) == 0)
    {
      g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_NOT_A_MODEL, _("there are no notes to paste"));
      return NULL;
    }

  history = sl_document_get_history (document);
  result = g_ptr_array_new ();
  sl_history_begin_group (history, _("Paste"));

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      SlLane *lane = g_hash_table_lookup (lanes, sl_note_get_lane (note));
      SlNote *copy;

      if (lane == NULL)
        {
          lane = find_lane (document, sl_note_get_lane (note));
          g_hash_table_insert (lanes, sl_note_get_lane (note), lane);
        }

      copy = sl_document_add_note (document, sl_note_get_kind (note), lane,
                                   CLAMP (sl_note_get_x (note) + dx, -SL_COORD_MAX, SL_COORD_MAX),
                                   CLAMP (sl_note_get_y (note) + dy, 0, SL_COORD_MAX),
                                   sl_note_get_text (note));
      sl_document_set_note_pivotal (document, copy, sl_note_get_pivotal (note));
      copy_fields (document, copy, note);
      g_hash_table_insert (pasted, note, copy);
      g_ptr_array_add (result, copy);
    }

  connections = sl_document_get_connections (source);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      SlConnection *connection = sl_element_list_peek (SL_ELEMENT_LIST (connections), i);

      sl_document_add_connection (document,
                                  g_hash_table_lookup (pasted, sl_connection_get_source (connection)),
                                  g_hash_table_lookup (pasted, sl_connection_get_target (connection)));
    }

  sl_history_end_group (history);
  return result;
}
