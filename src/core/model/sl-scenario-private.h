/* sl-scenario-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-scenario.h"

G_BEGIN_DECLS

/* In this header for the check, which validates every scenario of a
 * model: through _sl_scenario_get_*() below, without the type checks of
 * the public getters. Nothing else reads or writes them directly. */
struct _SlScenario
{
  SlElement parent_instance;

  SlNote *note;
  char *title;
  char *error;
  /* Arrays of SlStep, shared with history states: never changed in place. */
  GPtrArray *steps[SL_N_STEP_PARTS];
};

static inline SlNote *
_sl_scenario_get_note (SlScenario *self)
{
  return self->note;
}

static inline const char *
_sl_scenario_get_error (SlScenario *self)
{
  return self->error;
}

static inline GPtrArray *
_sl_scenario_get_steps (SlScenario *self,
                        SlStepPart  part)
{
  return self->steps[part];
}

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

G_END_DECLS
