/* sl-problem-item.h: a problem the check found, as an item of a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_PROBLEM_ITEM (sl_problem_item_get_type ())

G_DECLARE_FINAL_TYPE (SlProblemItem, sl_problem_item, SL, PROBLEM_ITEM, GObject)

SlProblemItem *sl_problem_item_new         (SlProblem     *problem);
SlProblem     *sl_problem_item_get_problem (SlProblemItem *self);

G_END_DECLS
