/* sl-find-bar.h: finding notes on the board (Ctrl+F)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-canvas.h"

G_BEGIN_DECLS

#define SL_TYPE_FIND_BAR (sl_find_bar_get_type ())

G_DECLARE_FINAL_TYPE (SlFindBar, sl_find_bar, SL, FIND_BAR, GtkWidget)

GtkWidget  *sl_find_bar_new        (SlCanvas  *canvas);
gboolean    sl_find_bar_get_open   (SlFindBar *self);
void        sl_find_bar_set_open   (SlFindBar *self,
                                    gboolean   open);
void        sl_find_bar_next       (SlFindBar *self);
void        sl_find_bar_previous   (SlFindBar *self);
const char *sl_find_bar_get_status (SlFindBar *self);

G_END_DECLS
