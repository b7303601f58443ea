/* sl-choice-popover.c: a popover of choices, and a button that opens it
 *
 * The inspector offers names (of fields upstream, of the model) and notes
 * (the events of a scenario) in lists that pop up under an entry row or a
 * button. A name chosen becomes the row's text and is applied. A long
 * list (the events of a model) is filtered by what one types above it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-choice-popover.h"

/**
 * sl_entry_row_set_text_quietly:
 *
 * Sets the text of @row as the program, not the user, does: the
 * completion of the row stays shut.
 */
void
sl_entry_row_set_text_quietly (AdwEntryRow *row,
                               const char  *text)
{
  gboolean *quiet = g_object_get_data (G_OBJECT (row), "sl-completion-quiet");

  if (quiet != NULL)
    *quiet = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (quiet != NULL)
    *quiet = FALSE;
}

/* A choice made in a list of names under @row: the name is the row's. */
static void
choice_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *item,
                     AdwEntryRow   *row)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);

  gtk_popover_popdown (GTK_POPOVER (popover));
  sl_entry_row_set_text_quietly (row, gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (item))));
  g_signal_emit_by_name (row, "apply");
}

/**
 * sl_choice_popover_new:
 * @list: a GtkListBox of choices
 * @row: (nullable): the row whose text a choice becomes, if any
 *
 * Returns: (transfer floating): a popover of @list
 */
GtkWidget *
sl_choice_popover_new (GtkWidget   *list,
                       AdwEntryRow *row)
{
  GtkWidget *popover, *scrolled;

  gtk_widget_add_css_class (list, "navigation-sidebar");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  if (row != NULL)
    g_signal_connect_object (list, "row-activated", G_CALLBACK (choice_activated_cb), row, 0);
  return popover;
}

/**
 * sl_choice_button_new:
 * @list: a GtkListBox of choices
 * @row: (nullable): the row whose text a choice becomes, if any
 *
 * Returns: (transfer floating): a flat button that pops @list up
 */
GtkWidget *
sl_choice_button_new (GtkWidget   *list,
                      AdwEntryRow *row,
                      const char  *icon_name,
                      const char  *tooltip)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon_name);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), sl_choice_popover_new (list, row));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* A choice shows while its text holds what was typed, in any case. */
static gboolean
filter_cb (GtkListBoxRow *item,
           gpointer       user_data)
{
  const char *text = g_object_get_data (G_OBJECT (item), "sl-choice-text");
  g_autofree char *typed = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (user_data)), -1);
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  return strstr (folded, typed) != NULL;
}

/* The list follows each key: a search entry's own signal comes late. */
static void
filter_changed_cb (GtkEditable *entry,
                   GtkListBox  *list)
{
  gtk_list_box_invalidate_filter (list);
}

/* Enter picks the first choice that shows. */
static void
filter_activate_cb (GtkSearchEntry *entry,
                    GtkListBox     *list)
{
  GtkListBoxRow *item;

  for (guint i = 0; (item = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (item)))
      {
        g_signal_emit_by_name (list, "row-activated", item);
        return;
      }
}

/* Each time it opens, the popover shows all choices, ready for typing. */
static void
filter_show_cb (GtkPopover *popover,
                GtkWidget  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (entry);
}

/**
 * sl_choice_button_new_filtered:
 * @list: a GtkListBox of choices, each row with its text as "sl-choice-text"
 *
 * Returns: (transfer floating): a flat button that pops @list up under a
 *   search entry that filters it
 */
GtkWidget *
sl_choice_button_new_filtered (GtkWidget  *list,
                               const char *icon_name,
                               const char *tooltip)
{
  GtkWidget *button = sl_choice_button_new (list, NULL, icon_name, tooltip);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_autoptr(GtkWidget) scrolled = g_object_ref (gtk_popover_get_child (popover));
  GtkWidget *box, *entry;

  entry = gtk_search_entry_new ();
  gtk_widget_set_name (entry, "choice-search");
  g_object_set (entry, "placeholder-text", _("Search"), NULL);
  gtk_widget_set_margin_bottom (entry, 6);
  g_signal_connect_object (entry, "changed", G_CALLBACK (filter_changed_cb), list, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (filter_activate_cb), list, 0);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_cb, entry, NULL);
  g_signal_connect_object (popover, "show", G_CALLBACK (filter_show_cb), entry, 0);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_popover_set_child (popover, NULL);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (popover, box);
  return button;
}
