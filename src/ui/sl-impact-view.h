/* sl-impact-view.h: what a change would break, in words and in a dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

typedef void (*SlImpactConfirmFunc) (gpointer user_data);

/* One sentence for a field being renamed, as “Renaming “guestId” breaks:
 * …”, or NULL when the rename breaks nothing. */
char *sl_impact_view_describe_rename (SlImpact            *impact,
                                      const char          *field);
void  sl_impact_view_confirm         (GtkWidget           *owner,
                                      SlImpact            *impact,
                                      const char          *heading,
                                      SlImpactConfirmFunc  func,
                                      gpointer             user_data,
                                      GDestroyNotify       destroy_data);

G_END_DECLS
