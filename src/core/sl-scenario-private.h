/* sl-scenario-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-scenario.h"

G_BEGIN_DECLS

SlScenario *_sl_scenario_new       (char       *id,
                                    SlNote     *note);
void        _sl_scenario_set_title (SlScenario *self,
                                    const char *title);
void        _sl_scenario_set_error (SlScenario *self,
                                    const char *error);
/* Takes @steps, an array of SlStep that nobody changes afterwards. */
void        _sl_scenario_set_steps (SlScenario *self,
                                    SlStepPart  part,
                                    GPtrArray  *steps);
GPtrArray  *_sl_scenario_get_steps (SlScenario *self,
                                    SlStepPart  part);

G_END_DECLS
