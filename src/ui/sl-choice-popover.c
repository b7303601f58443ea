/* sl-choice-popover.c: a popover of choices, and a button that opens it
 *
 * The inspector offers names (of fields upstream, of the model) and notes
 * (the events of a scenario) in lists that pop up under an entry row or a
 * button. A name chosen becomes the row's text and is applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

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
