/* sl-scenario.h: a Given/When/Then specification of a command or a view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element.h"

G_BEGIN_DECLS

#define SL_TYPE_SCENARIO (sl_scenario_get_type ())

G_DECLARE_FINAL_TYPE (SlScenario, sl_scenario, SL, SCENARIO, SlElement)

SlNote     *sl_scenario_get_note    (SlScenario *self);
const char *sl_scenario_get_title   (SlScenario *self);
const char *sl_scenario_get_error   (SlScenario *self);
guint       sl_scenario_get_n_steps (SlScenario *self,
                                     SlStepPart  part);
SlStep     *sl_scenario_get_step    (SlScenario *self,
                                     SlStepPart  part,
                                     guint       index);
gboolean    sl_scenario_uses_note   (SlScenario *self,
                                     SlNote     *note);

G_END_DECLS
