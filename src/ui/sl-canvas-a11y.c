/* sl-canvas-a11y.c: what a screen reader says of the board
 *
 * GTK 4.8 has no accessible objects of our own making, so the notes
 * cannot be children of the board for a screen reader. The board's own
 * name and description follow the keyboard instead: a screen reader
 * reads a change of the focused widget's name, so moving to a note says
 * its kind and text, then its lane, slice, fields and problems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-canvas-private.h"

/* The problems of @note worth hearing: errors and warnings, whatever
 * their step; hints are left to the guide. */
static GPtrArray *
note_problems (GPtrArray *problems,
               SlNote    *note)
{
  GPtrArray *found = g_ptr_array_new ();
  gboolean seen = FALSE;

  /* A note's problems are together (as sl_check_run() and SlChecker give
   * them): the search ends where they do, not at the end of a big
   * board's millions. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      if (sl_problem_get_note (problem) != note)
        {
          if (seen)
            break;
          continue;
        }
      seen = TRUE;
      if (sl_problem_get_severity (problem) >= SL_SEVERITY_WARNING)
        g_ptr_array_add (found, problem);
    }
  return found;
}

/**
 * _sl_canvas_describe_note:
 * @problems: (nullable) (element-type SlProblem): what the check found
 * @description: (out) (transfer full): the note's lane, slice, fields
 *   and problems
 *
 * Says @note in words for a screen reader, with no widget: the kind and
 * the text as the name, the rest as the description.
 *
 * Returns: (transfer full): the name, as "Event: Order Placed"
 */
char *
_sl_canvas_describe_note (SlDocument  *document,
                          SlNote      *note,
                          GPtrArray   *problems,
                          char       **description)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = NULL;
  const char *kind, *text;
  SlLane *lane;
  SlSlice *slice;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (description != NULL, NULL);

  kind = sl_note_kind_get_label (sl_note_get_kind (note));
  text = sl_note_get_text (note);
  lane = sl_note_get_lane (note);
  slice = sl_document_get_note_slice (document, note);
  found = note_problems (problems, note);

  if (lane != NULL)
    /* Translators: where a note is, read by a screen reader: "Lane Orders" */
    g_ptr_array_add (parts, g_strdup_printf (_("Lane %s"), sl_lane_get_name (lane)));
  if (slice != NULL)
    /* Translators: where a note is, read by a screen reader: "slice Place Order" */
    g_ptr_array_add (parts, g_strdup_printf (_("slice %s"), sl_slice_get_name (slice)));
  if (sl_note_kind_has_fields (sl_note_get_kind (note)))
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u field", "%u fields", sl_note_get_n_fields (note)),
                                             sl_note_get_n_fields (note)));
  if (found->len > 0)
    {
      /* The first two say what is wrong; the guide lists them all. */
      g_autofree char *first = g_strjoin ("; ",
                                          sl_problem_get_message (g_ptr_array_index (found, 0)),
                                          found->len > 1 ? sl_problem_get_message (g_ptr_array_index (found, 1)) : NULL,
                                          NULL);

      /* Translators: a note's problems, read by a screen reader: "1 problem: …" */
      g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u problem: %s", "%u problems: %s", found->len),
                                               found->len, first));
    }
  g_ptr_array_add (parts, NULL);

  /* Translators: how the parts of a note's description are joined */
  *description = g_strjoinv (C_("screen reader", ", "), (char **) parts->pdata);

  if (text[0] == '\0')
    return g_strdup (kind);
  /* Translators: a note's kind and text, read by a screen reader: "Event: Order Placed" */
  return g_strdup_printf (C_("screen reader", "%s: %s"), kind, text);
}

/* The board's name and description follow the keyboard's note; each is
 * set only when it changes, as each change is read aloud. */
void
_sl_canvas_update_accessible (SlCanvas *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->focus != NULL)
    label = _sl_canvas_describe_note (self->document, self->focus, self->problems, &description);
  else if (self->focus_lane != NULL)
    {
      /* Translators: the lane header the keyboard is on, read by a screen reader */
      label = g_strdup_printf (_("Lane %s"), sl_lane_get_name (self->focus_lane));
      description = g_strdup (sl_lane_kind_get_label (sl_lane_get_kind (self->focus_lane)));
    }
  else
    {
      label = g_strdup (_("Board"));
      description = g_strdup ("");
    }

  if (g_strcmp0 (label, self->accessible_label) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_free (self->accessible_label);
      self->accessible_label = g_steal_pointer (&label);
    }
  if (g_strcmp0 (description, self->accessible_description) != 0)
    {
      if (description[0] != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
#if GTK_CHECK_VERSION (4, 14, 0)
      /* Newer GTK can say what is not the focused widget's name. */
      if (description[0] != '\0')
        gtk_accessible_announce (GTK_ACCESSIBLE (self), description, GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#endif
      g_free (self->accessible_description);
      self->accessible_description = g_steal_pointer (&description);
    }
}
