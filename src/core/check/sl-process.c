/* sl-process.c: the eight steps of the process, as the guide tells them
 *
 * The words of DOMAIN.md's table of steps: what each step is for, who
 * should be in the room, what to do, what it delivers and when it is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-process.h"
#include "sl-types.h"

/**
 * sl_process_get_step:
 * @number: 1 to 8
 *
 * Returns: (transfer none): the step, its texts translated
 */
const SlProcessStep *
sl_process_get_step (guint number)
{
  static SlProcessStep steps[SL_N_PROCESS_STEPS];
  static gsize initialized;

  g_return_val_if_fail (number >= 1 && number <= SL_N_PROCESS_STEPS, NULL);

  if (g_once_init_enter (&initialized))
    {
      const char *storming = _("Event Storming");
      const char *modeling = _("Event Modeling");
      const char *everyone = _("Everyone: domain experts, developers, UX designers, project managers");
      const char *team = _("The development team and the product owner");

      steps[0] = (SlProcessStep) { 1, storming, _("Collect Domain Events"),
        _("Domain experts, developers, UX designers, project managers"),
        _("Put up an orange event for everything that happens in the domain, in the past tense. No discussion, no order yet."),
        _("A collection of events"), _("At least one event exists") };
      steps[1] = (SlProcessStep) { 2, storming, _("Refine Domain Events"), everyone,
        _("Merge duplicates, rename events to the past tense, order them left to right on the timeline, mark questions as hotspots and mark the pivotal events."),
        _("Refined, ordered events"), _("No two events have the same name and no hotspot is open") };
      steps[2] = (SlProcessStep) { 3, storming, _("Track Causes"), everyone,
        _("For each event, add what caused it: a command issued from a screen, an automation reacting to an earlier event, or an external system. Add the views people look at to decide."),
        _("Commands and views identified"), _("Every event has a cause") };
      steps[3] = (SlProcessStep) { 4, storming, _("Aggregation"), everyone,
        _("Group commands and events by aggregate; each aggregate becomes a lane of events."),
        _("Logic grouped by aggregate"), _("Every command and event belongs to an aggregate, and no aggregate is empty") };
      steps[4] = (SlProcessStep) { 5, modeling, _("Identify Inputs"), team,
        _("Give commands their fields, and connect each command to the screen or automation that triggers it."),
        _("Inputs (commands) with fields"), _("Every command has fields and a trigger") };
      steps[5] = (SlProcessStep) { 6, modeling, _("Identify Outputs"), team,
        _("Give views their fields, feed them from events, and connect them to the screens or automations that read them."),
        _("Outputs (views) linked back into the interface"), _("Every view is fed by an event and read by a screen or an automation") };
      steps[6] = (SlProcessStep) { 7, modeling, _("Elaborate Scenarios"), team,
        _("Write Given/When/Then specifications, one or more for each command and each view."),
        _("A specification for each step of the workflow"), _("Every command and view has a scenario") };
      steps[7] = (SlProcessStep) { 8, modeling, _("Completeness Check"), team,
        _("Fix every field that has no origin or no destination."),
        _("Every field accounted for"), _("No field problem is left") };

      g_once_init_leave (&initialized, 1);
    }

  return &steps[number - 1];
}

/**
 * sl_process_get_step_kinds:
 * @kinds: (out caller-allocates) (array length=n_kinds): where to put the
 *   kinds of note the step works with, the most needed first
 *
 * Returns: how many kinds the step works with
 */
guint
sl_process_get_step_kinds (guint  number,
                           guint *kinds,
                           guint  n_kinds)
{
  static const int focus[SL_N_PROCESS_STEPS][SL_N_NOTE_KINDS + 1] = {
    { SL_NOTE_EVENT, SL_NOTE_HOTSPOT, SL_NOTE_COMMENT, -1 },
    { SL_NOTE_EVENT, SL_NOTE_HOTSPOT, SL_NOTE_COMMENT, -1 },
    { SL_NOTE_COMMAND, SL_NOTE_EVENT, SL_NOTE_SCREEN, SL_NOTE_AUTOMATION, SL_NOTE_EXTERNAL, SL_NOTE_VIEW, SL_NOTE_ACTOR, -1 },
    { SL_NOTE_AGGREGATE, SL_NOTE_EVENT, SL_NOTE_COMMAND, -1 },
    { SL_NOTE_COMMAND, SL_NOTE_SCREEN, SL_NOTE_AUTOMATION, SL_NOTE_ACTOR, -1 },
    { SL_NOTE_VIEW, SL_NOTE_EVENT, SL_NOTE_SCREEN, SL_NOTE_AUTOMATION, -1 },
    { SL_NOTE_COMMAND, SL_NOTE_VIEW, SL_NOTE_EVENT, -1 },
    { SL_NOTE_COMMAND, SL_NOTE_EVENT, SL_NOTE_VIEW, SL_NOTE_SCREEN, SL_NOTE_AUTOMATION, SL_NOTE_EXTERNAL, -1 },
  };
  guint n = 0;

  g_return_val_if_fail (number >= 1 && number <= SL_N_PROCESS_STEPS, 0);

  for (guint i = 0; focus[number - 1][i] >= 0 && n < n_kinds; i++)
    kinds[n++] = focus[number - 1][i];

  return n;
}
