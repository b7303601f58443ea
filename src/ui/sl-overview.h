/* sl-overview.h: a map of the whole board that shows and moves the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-canvas.h"

G_BEGIN_DECLS

#define SL_TYPE_OVERVIEW (sl_overview_get_type ())

G_DECLARE_FINAL_TYPE (SlOverview, sl_overview, SL, OVERVIEW, GtkWidget)

GtkWidget *sl_overview_new      (SlCanvas   *canvas);
double     sl_overview_get_area (SlOverview *self,
                                 SlRect     *area);

G_END_DECLS
