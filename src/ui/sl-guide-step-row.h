/* sl-guide-step-row.h: a step of the process in the guide, with its state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_GUIDE_STEP_ROW (sl_guide_step_row_get_type ())

G_DECLARE_FINAL_TYPE (SlGuideStepRow, sl_guide_step_row, SL, GUIDE_STEP_ROW, GtkListBoxRow)

GtkWidget    *sl_guide_step_row_new        (guint           step);
guint         sl_guide_step_row_get_step   (SlGuideStepRow *self);
SlStepStatus  sl_guide_step_row_get_status (SlGuideStepRow *self);
void          sl_guide_step_row_set_status (SlGuideStepRow *self,
                                            SlStepStatus    status);

G_END_DECLS
