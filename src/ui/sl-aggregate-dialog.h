/* sl-aggregate-dialog.h: asks for the name of a new aggregate; says what
 * a note without one belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

/* @aggregate is the new aggregate, in the undo step that made it, or NULL
 * when none was made. */
typedef void (*SlAggregateDialogFunc) (GtkWidget   *owner,
                                       SlAggregate *aggregate,
                                       gpointer     user_data);

void sl_aggregate_dialog_present (GtkWidget             *owner,
                                  SlDocument            *document,
                                  SlAggregateDialogFunc  func,
                                  gpointer               user_data,
                                  GDestroyNotify         destroy_data);

char *sl_aggregate_get_none_label (SlDocument *document,
                                   SlNote     *note);

G_END_DECLS
