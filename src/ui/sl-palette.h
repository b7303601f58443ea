/* sl-palette.h: the note kinds, to add with a click or to drag onto a lane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_PALETTE (sl_palette_get_type ())

G_DECLARE_FINAL_TYPE (SlPalette, sl_palette, SL, PALETTE, GtkWidget)

GtkWidget *sl_palette_new            (void);
guint      sl_palette_get_step       (SlPalette  *self);
void       sl_palette_set_step       (SlPalette  *self,
                                      guint       step);
gboolean   sl_palette_kind_from_drop (const char *data,
                                      SlNoteKind *kind);

G_END_DECLS
