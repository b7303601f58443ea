/* sl-inspector.h: the properties of the selected note and its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_INSPECTOR (sl_inspector_get_type ())

/* The inspector's least width, whatever it shows. */
#define SL_INSPECTOR_WIDTH 320

G_DECLARE_FINAL_TYPE (SlInspector, sl_inspector, SL, INSPECTOR, AdwBin)

GtkWidget *sl_inspector_new      (SlDocument  *document);
SlNote    *sl_inspector_get_note (SlInspector *self);
void       sl_inspector_set_note (SlInspector *self,
                                  SlNote      *note);
void       sl_inspector_set_problems (SlInspector *self,
                                      GPtrArray   *problems);

G_END_DECLS
