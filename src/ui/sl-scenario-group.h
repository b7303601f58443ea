/* sl-scenario-group.h: a scenario of the inspected note, Given, When, Then
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_SCENARIO_GROUP (sl_scenario_group_get_type ())

G_DECLARE_FINAL_TYPE (SlScenarioGroup, sl_scenario_group, SL, SCENARIO_GROUP, AdwPreferencesGroup)

GtkWidget  *sl_scenario_group_new          (SlDocument      *document,
                                            SlScenario      *scenario);
SlScenario *sl_scenario_group_get_scenario (SlScenarioGroup *self);
char       *sl_scenario_default_title      (SlNote          *note,
                                            gboolean         rejected,
                                            const char      *error);

G_END_DECLS
