/* sl-choice-popover.h: a popover of choices, and a button that opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *sl_choice_popover_new (GtkWidget   *list,
                                  AdwEntryRow *row);
GtkWidget *sl_choice_button_new  (GtkWidget   *list,
                                  AdwEntryRow *row,
                                  const char  *icon_name,
                                  const char  *tooltip);
GtkWidget *sl_choice_button_new_filtered (GtkWidget  *list,
                                          const char *icon_name,
                                          const char *tooltip);
void       sl_entry_row_set_text_quietly (AdwEntryRow *row,
                                          const char  *text);

G_END_DECLS
