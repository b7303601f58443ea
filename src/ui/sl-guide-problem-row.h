/* sl-guide-problem-row.h: a problem in the guide's list of what is left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_GUIDE_PROBLEM_ROW (sl_guide_problem_row_get_type ())

G_DECLARE_FINAL_TYPE (SlGuideProblemRow, sl_guide_problem_row, SL, GUIDE_PROBLEM_ROW, GtkBox)

SlProblem *sl_guide_problem_row_get_problem (SlGuideProblemRow *self);
void       sl_guide_problem_row_set_problem (SlGuideProblemRow *self,
                                             SlProblem         *problem);

G_END_DECLS
