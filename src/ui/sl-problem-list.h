/* sl-problem-list.h: the problems of one step, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_PROBLEM_LIST (sl_problem_list_get_type ())

G_DECLARE_FINAL_TYPE (SlProblemList, sl_problem_list, SL, PROBLEM_LIST, GObject)

SlProblemList *sl_problem_list_new (void);
void           sl_problem_list_set (SlProblemList *self,
                                    GPtrArray     *problems,
                                    guint          step);

G_END_DECLS
