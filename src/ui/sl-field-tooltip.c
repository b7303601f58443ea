/* sl-field-tooltip.c: where a field's value comes from and goes, in words
 *
 * The check says which notes a field's value flows from and to; this puts
 * that into the lines of the tooltip the board shows over the field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-field-tooltip.h"

static void
append_notes (GString   *text,
              GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      SlNote *other = g_ptr_array_index (notes, i);

      /* Translators: a note in a field's origin or destination: its text and kind */
      g_string_append_printf (text, _("\n  • %s (%s)"), sl_note_get_text (other),
                              sl_note_kind_get_label (sl_note_get_kind (other)));
    }
}

/**
 * sl_field_tooltip_describe:
 * @note: the note that has @field
 * @field: a field of @note
 *
 * Says where the value of @field comes from and where it goes, as the
 * completeness check sees it: the notes before and after @note that
 * have it, or why it needs none.
 *
 * Returns: (transfer full): a translated text of a few lines, empty for
 *   a note of a kind without fields
 */
char *
sl_field_tooltip_describe (SlDocument *document,
                           SlNote     *note,
                           SlField    *field)
{
  g_autoptr(GPtrArray) origins = NULL;
  g_autoptr(GPtrArray) destinations = NULL;
  GString *text = g_string_new (NULL);
  const char *own;
  gboolean to_user;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (SL_IS_FIELD (field), NULL);

  if (!sl_note_kind_has_fields (sl_note_get_kind (note)))
    return g_string_free (text, FALSE);

  origins = sl_check_get_field_origins (document, note, field, &own);
  destinations = sl_check_get_field_destinations (document, note, field, &to_user);

  /* Translators: the first line of a field's tooltip: its name, then where it comes from */
  g_string_append_printf (text, _("“%s” comes from:"), sl_field_get_name (field));
  if (own != NULL)
    g_string_append_printf (text, "\n  • %s", own);
  append_notes (text, origins);
  if (own == NULL && origins->len == 0)
    g_string_append_printf (text, "\n  • %s", _("nowhere: no note before this one has it"));

  g_string_append_printf (text, "\n%s", _("It goes to:"));
  if (to_user)
    g_string_append_printf (text, "\n  • %s", _("the user, who sees it on this screen"));
  append_notes (text, destinations);
  if (destinations->len == 0 && !to_user)
    g_string_append_printf (text, "\n  • %s", _("nowhere: no note after this one takes it"));

  return g_string_free (text, FALSE);
}
