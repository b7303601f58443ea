/* sl-guide.h: the guide through the eight steps, beside the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_GUIDE (sl_guide_get_type ())

G_DECLARE_FINAL_TYPE (SlGuide, sl_guide, SL, GUIDE, AdwBin)

GtkWidget *sl_guide_new          (SlDocument *document,
                                  SlChecker  *checker);
GPtrArray *sl_guide_get_problems (SlGuide    *self);
void       sl_guide_refresh      (SlGuide    *self);

G_END_DECLS
