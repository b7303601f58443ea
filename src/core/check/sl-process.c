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

      /* Translators: each "what to do" names the keys, menus and rows of
       * Stormline the step is done with; keep them as the interface
       * translates them. */
      steps[0] = (SlProcessStep) { 1, storming, _("Collect Domain Events"),
        _("Domain experts, developers, UX designers, project managers"),
        _("Press E on the board (or click Event in the palette), type something that happened in the domain, in the past tense, and press Enter; press E again for the next. No discussion, no order yet."),
        _("A collection of events"), _("At least one event exists"),
        _("The board has no event yet. Press E on the board to put up the first one.") };
      steps[1] = (SlProcessStep) { 2, storming, _("Refine Domain Events"), everyone,
        _("Select an event and press Enter to rename it to the past tense; delete duplicates with Delete; drag the events left to right into the order they happen. Press H to put up a hotspot for each open question, and delete it once it is answered."),
        _("Refined, ordered events"), _("No two events have the same name and no hotspot is open"),
        _("There is no event to refine yet: collect them first (step 1).") };
      steps[2] = (SlProcessStep) { 3, storming, _("Track Causes"), everyone,
        _("For each event, add what caused it: press C for a command, A for an automation or X for an external system, then drag from the round handle on its right edge to the event. Press V for the views people look at to decide, and connect the events that feed them the same way."),
        _("Commands and views identified"), _("Every event has a cause"),
        _("There is no event yet whose cause to track: collect them first (step 1).") };
      steps[3] = (SlProcessStep) { 4, storming, _("Aggregation"), everyone,
        _("Select an event or a command, open the inspector (Alt+Enter) and choose its aggregate in the Aggregate row, or make a new one there; Model Properties in the main menu lists the aggregates. Each aggregate becomes a lane of events."),
        _("Logic grouped by aggregate"), _("Every command and event belongs to an aggregate, and no aggregate is empty"),
        _("There is no event or command to group yet: collect the events first (step 1).") };
      steps[4] = (SlProcessStep) { 5, modeling, _("Identify Inputs"), team,
        _("Select a command, open the inspector (Alt+Enter) and add its fields with Add Field. Press S for the screen, U for the actor or A for the automation that triggers it, and drag from that note's round handle to the command."),
        _("Inputs (commands) with fields"), _("Every command has fields and a trigger"),
        _("There is no command yet: add the commands that cause the events first (step 3).") };
      steps[5] = (SlProcessStep) { 6, modeling, _("Identify Outputs"), team,
        _("Select a view and add its fields in the inspector (Alt+Enter). Drag from an event's round handle to the view to feed it, and from the view's handle to the screen (S) or automation (A) that reads it."),
        _("Outputs (views) linked back into the interface"), _("Every view is fed by an event and read by a screen or an automation"),
        _("There is no view yet: select an event and press V to add one it feeds.") };
      steps[6] = (SlProcessStep) { 7, modeling, _("Elaborate Scenarios"), team,
        _("Select a command or a view, open the inspector (Alt+Enter) and press Add Scenario: pick its Given events and, for a command, the Then events or the error it ends in, with example values. Write one or more for each command and each view."),
        _("A specification for each step of the workflow"), _("Every command and view has a scenario"),
        _("There is no command or view to specify yet: add them first (step 3).") };
      steps[7] = (SlProcessStep) { 8, modeling, _("Completeness Check"), team,
        _("Fix every field marked on its card as having no origin or no destination: hover its line to see where its value comes from and where it goes, then add the field where it is missing, rename it to match, or set Mapped From (or Generated) in the inspector."),
        _("Every field accounted for"), _("No field problem is left"),
        _("No note has fields yet: give the commands and views their fields first (steps 5 and 6).") };

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
