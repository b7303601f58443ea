/* sl-name-completion.c: names offered while a name is typed
 *
 * A popover under a name row lists the names that contain what is
 * typed: those of the fields upstream first, then, for a field's name,
 * the other field names of the model. Down moves into them, Escape and
 * a focus gone elsewhere shut them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <string.h>

#include "sl-choice-popover.h"
#include "sl-name-completion.h"
#define MAX_COMPLETIONS 8

typedef struct
{
  SlDocument *document;
  SlNote *note;       /* whose own names are not offered */
  GStrv upstream;
  gboolean whole_model;
  GStrv names;        /* upstream first, then the model's; made on the first key */
  GtkWidget *popover;
  GtkListBox *list;
  gboolean quiet;     /* the program sets the text */
} Completion;

static void
completion_free (Completion *completion)
{
  g_object_unref (completion->document);
  g_object_unref (completion->note);
  g_strfreev (completion->upstream);
  g_strfreev (completion->names);
  g_free (completion);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The names to offer: those upstream, then with @whole_model the other
 * field names of the model; for a name, not those the note has already. */
static GStrv
completion_names (Completion *completion)
{
  GListModel *notes = sl_document_get_notes (completion->document);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  /* A name the note has already would be refused. */
  for (guint f = 0; completion->whole_model && f < sl_note_get_n_fields (completion->note); f++)
    g_hash_table_add (seen, (gpointer) sl_field_get_name (sl_note_get_field (completion->note, f)));

  for (guint i = 0; completion->upstream[i] != NULL; i++)
    if (g_hash_table_add (seen, completion->upstream[i]))
      g_strv_builder_add (names, completion->upstream[i]);

  if (!completion->whole_model)
    return g_strv_builder_end (names);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      for (guint f = 0; f < sl_note_get_n_fields (note); f++)
        {
          const char *name = sl_field_get_name (sl_note_get_field (note, f));

          if (g_hash_table_add (seen, (gpointer) name))
            g_ptr_array_add (others, (gpointer) name);
        }
    }
  g_ptr_array_sort (others, compare_strings);
  for (guint i = 0; i < others->len; i++)
    g_strv_builder_add (names, g_ptr_array_index (others, i));

  return g_strv_builder_end (names);
}

static void
completion_changed_cb (AdwEntryRow *row)
{
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GtkWidget *child;
  guint n = 0;

  if (completion->quiet)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (completion->list))))
    gtk_list_box_remove (completion->list, child);

  if (*text != 0)
    {
      if (completion->names == NULL)
        completion->names = completion_names (completion);

      /* Names that begin with the text, then names that contain it. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; completion->names[i] != NULL && n < MAX_COMPLETIONS; i++)
          {
            g_autofree char *name = g_utf8_casefold (completion->names[i], -1);
            const char *at = strstr (name, folded);
            GtkWidget *label;

            if (at == NULL || (pass == 0) != (at == name) || g_str_equal (completion->names[i], text))
              continue;
            label = gtk_label_new (completion->names[i]);
            gtk_label_set_xalign (GTK_LABEL (label), 0);
            gtk_list_box_append (completion->list, label);
            n++;
          }
    }

  if (n > 0)
    gtk_popover_popup (GTK_POPOVER (completion->popover));
  else
    gtk_popover_popdown (GTK_POPOVER (completion->popover));
}

static void
completion_close (AdwEntryRow *row)
{
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");

  gtk_popover_popdown (GTK_POPOVER (completion->popover));
}

/* Down moves from the text into the names offered; Escape shuts them. */
static gboolean
completion_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AdwEntryRow           *row)
{
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (completion->list, 0);

  if (!gtk_widget_get_visible (completion->popover))
    return FALSE;

  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && first != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (first));
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    {
      gtk_popover_popdown (GTK_POPOVER (completion->popover));
      return TRUE;
    }
  return FALSE;
}

/* Once the focus has gone elsewhere than the row or its names, they go. */
static gboolean
completion_check_focus_cb (gpointer data)
{
  AdwEntryRow *row = data;
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (completion != NULL &&
      (focus == NULL || (!gtk_widget_is_ancestor (focus, GTK_WIDGET (row)) && focus != GTK_WIDGET (row))))
    gtk_popover_popdown (GTK_POPOVER (completion->popover));
  return G_SOURCE_REMOVE;
}

static void
completion_focus_leave_cb (AdwEntryRow *row)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, completion_check_focus_cb, g_object_ref (row), g_object_unref);
}

static void
completion_row_destroy_cb (GtkWidget  *row,
                           Completion *completion)
{
  gtk_widget_unparent (completion->popover);
}

/**
 * sl_name_completion_attach:
 * @upstream: (nullable): the names of the fields upstream
 *
 * Completes the names typed in @row from the @upstream names and, with
 * @whole_model, the other field names of the model.
 */
void
sl_name_completion_attach (AdwEntryRow        *row,
                SlDocument         *document,
                SlNote             *note,
                const char * const *upstream,
                gboolean            whole_model)
{
  Completion *completion = g_new0 (Completion, 1);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  completion->document = g_object_ref (document);
  completion->note = g_object_ref (note);
  completion->upstream = upstream ? g_strdupv ((char **) upstream) : g_new0 (char *, 1);
  completion->whole_model = whole_model;
  completion->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (completion->list), "completions");

  /* It offers while the text is typed, so the text keeps the focus. */
  completion->popover = sl_choice_popover_new (GTK_WIDGET (completion->list), row);
  gtk_popover_set_autohide (GTK_POPOVER (completion->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (completion->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (completion->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (completion->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (completion->popover, GTK_WIDGET (row));

  g_object_set_data_full (G_OBJECT (row), "sl-completion", completion, (GDestroyNotify) completion_free);
  g_object_set_data (G_OBJECT (row), "sl-completion-quiet", &completion->quiet);
  g_signal_connect (row, "destroy", G_CALLBACK (completion_row_destroy_cb), completion);
  g_signal_connect (row, "changed", G_CALLBACK (completion_changed_cb), NULL);
  g_signal_connect (row, "apply", G_CALLBACK (completion_close), NULL);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (completion_key_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (completion_focus_leave_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}
