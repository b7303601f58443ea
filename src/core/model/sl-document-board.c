/* sl-document-board.c: the board's frame: aggregates, lanes, slices and
 * scenarios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-aggregate-private.h"
#include "sl-document-private.h"
#include "sl-element-private.h"
#include "sl-lane-private.h"
#include "sl-note.h"
#include "sl-scenario-private.h"
#include "sl-slice-private.h"
#include "sl-step.h"

/* Aggregates */

/**
 * sl_document_add_aggregate:
 *
 * Returns: (transfer none): the new aggregate
 */
SlAggregate *
sl_document_add_aggregate (SlDocument *self,
                           const char *name)
{
  g_autoptr(SlAggregate) aggregate = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  SL_DOCUMENT_RETURN_VAL_IF_BUSY (self, NULL);

  aggregate = _sl_aggregate_new (_sl_document_new_id (self));
  _sl_aggregate_set_name (aggregate, name);
  _sl_document_record_insert (self, aggregate, g_list_model_get_n_items (G_LIST_MODEL (self->aggregates)),
                              TRUE, _("Add Aggregate"));
  return aggregate;
}

/**
 * sl_document_remove_aggregate:
 *
 * Removes @aggregate; the lanes and notes that named it are left without one.
 */
void
sl_document_remove_aggregate (SlDocument  *self,
                              SlAggregate *aggregate)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, aggregate));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  sl_history_begin_group (self->history, _("Remove Aggregate"));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->lanes)); i++)
    {
      g_autoptr(SlLane) lane = g_list_model_get_item (G_LIST_MODEL (self->lanes), i);

      if (sl_lane_get_aggregate (lane) == aggregate)
        sl_document_set_lane_aggregate (self, lane, NULL);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->notes)); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (G_LIST_MODEL (self->notes), i);

      if (sl_note_get_aggregate (note) == aggregate)
        sl_document_set_note_aggregate (self, note, NULL);
    }

  _sl_document_record_insert (self, aggregate, _sl_document_find_position (self, SL_ELEMENT (aggregate)), FALSE, NULL);

  sl_history_end_group (self->history);
}

void
sl_document_set_aggregate_name (SlDocument  *self,
                                SlAggregate *aggregate,
                                const char  *name)
{
  SlAggregate *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, aggregate));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_AGGREGATE (_sl_element_copy (SL_ELEMENT (aggregate)));
  _sl_aggregate_set_name (state, name);
  _sl_document_record_update (self, aggregate, SL_ELEMENT (state), _("Rename Aggregate"));
}

/* Lanes */

/**
 * sl_document_add_lane:
 * @position: where the lane goes from the top, or -1 for the bottom
 *
 * Returns: (transfer none): the new lane
 */
SlLane *
sl_document_add_lane (SlDocument *self,
                      SlLaneKind  kind,
                      const char *name,
                      int         position)
{
  g_autoptr(SlLane) lane = NULL;
  guint n_lanes;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < SL_N_LANE_KINDS, NULL);
  SL_DOCUMENT_RETURN_VAL_IF_BUSY (self, NULL);

  n_lanes = g_list_model_get_n_items (G_LIST_MODEL (self->lanes));
  if (position < 0 || (guint) position > n_lanes)
    position = n_lanes;

  lane = _sl_lane_new (_sl_document_new_id (self), kind);
  _sl_lane_set_name (lane, name);
  _sl_document_record_insert (self, lane, position, TRUE, _("Add Lane"));
  return lane;
}

/**
 * sl_document_add_default_lane:
 *
 * Adds the lane an empty board starts with: one unsorted lane, where the
 * events of the first steps of a Storming go before lanes emerge at
 * step 4 (DOMAIN.md).
 *
 * Returns: (transfer none): the new lane
 */
SlLane *
sl_document_add_default_lane (SlDocument *self)
{
  return sl_document_add_lane (self, SL_LANE_UNSORTED, _("Timeline"), -1);
}

/**
 * sl_document_remove_lane:
 *
 * Removes @lane with the notes on it.
 */
void
sl_document_remove_lane (SlDocument *self,
                         SlLane     *lane)
{
  GListModel *notes;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, lane));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  sl_history_begin_group (self->history, _("Remove Lane"));

  notes = G_LIST_MODEL (self->notes);
  for (guint i = g_list_model_get_n_items (notes); i > 0; i--)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i - 1);

      if (sl_note_get_lane (note) == lane)
        sl_document_remove_note (self, note);
    }

  _sl_document_record_insert (self, lane, _sl_document_find_position (self, SL_ELEMENT (lane)), FALSE, NULL);

  sl_history_end_group (self->history);
}

void
sl_document_move_lane (SlDocument *self,
                       SlLane     *lane,
                       guint       position)
{
  guint from;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, lane));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->lanes)));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  from = _sl_document_find_position (self, SL_ELEMENT (lane));
  if (from == position)
    return;

  _sl_document_record_move_lane (self, lane, from, position, _("Move Lane"));
}

void
sl_document_set_lane_name (SlDocument *self,
                           SlLane     *lane,
                           const char *name)
{
  SlLane *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, lane));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_LANE (_sl_element_copy (SL_ELEMENT (lane)));
  _sl_lane_set_name (state, name);
  _sl_document_record_update (self, lane, SL_ELEMENT (state), _("Rename Lane"));
}

void
sl_document_set_lane_kind (SlDocument *self,
                           SlLane     *lane,
                           SlLaneKind  kind)
{
  SlLane *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, lane));
  g_return_if_fail (kind < SL_N_LANE_KINDS);
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_LANE (_sl_element_copy (SL_ELEMENT (lane)));
  _sl_lane_set_kind (state, kind);
  _sl_document_record_update (self, lane, SL_ELEMENT (state), _("Change Lane Kind"));
}

/**
 * sl_document_set_lane_aggregate:
 * @aggregate: (nullable): the aggregate, or %NULL for none
 */
void
sl_document_set_lane_aggregate (SlDocument  *self,
                                SlLane      *lane,
                                SlAggregate *aggregate)
{
  SlLane *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, lane));
  g_return_if_fail (aggregate == NULL || _sl_document_contains (self, aggregate));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_LANE (_sl_element_copy (SL_ELEMENT (lane)));
  _sl_lane_set_aggregate (state, aggregate);
  _sl_document_record_update (self, lane, SL_ELEMENT (state), _("Change Lane Aggregate"));
}

/* Slices */

/**
 * sl_document_add_slice:
 *
 * Returns: (transfer none): the new slice
 */
SlSlice *
sl_document_add_slice (SlDocument *self,
                       const char *name,
                       int         x,
                       int         width)
{
  g_autoptr(SlSlice) slice = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (ABS (x) <= SL_COORD_MAX, NULL);
  g_return_val_if_fail (width > 0 && width <= SL_COORD_MAX, NULL);
  SL_DOCUMENT_RETURN_VAL_IF_BUSY (self, NULL);

  slice = _sl_slice_new (_sl_document_new_id (self));
  _sl_slice_set_name (slice, name);
  _sl_slice_set_range (slice, x, width);
  _sl_document_record_insert (self, slice, g_list_model_get_n_items (G_LIST_MODEL (self->slices)),
                              TRUE, _("Add Slice"));
  return slice;
}

void
sl_document_remove_slice (SlDocument *self,
                          SlSlice    *slice)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, slice));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  _sl_document_record_insert (self, slice, _sl_document_find_position (self, SL_ELEMENT (slice)), FALSE,
                              _("Remove Slice"));
}

void
sl_document_set_slice_name (SlDocument *self,
                            SlSlice    *slice,
                            const char *name)
{
  SlSlice *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, slice));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_SLICE (_sl_element_copy (SL_ELEMENT (slice)));
  _sl_slice_set_name (state, name);
  _sl_document_record_update (self, slice, SL_ELEMENT (state), _("Rename Slice"));
}

void
sl_document_set_slice_status (SlDocument    *self,
                              SlSlice       *slice,
                              SlSliceStatus  status)
{
  SlSlice *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, slice));
  g_return_if_fail (status < SL_N_SLICE_STATUSES);
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_SLICE (_sl_element_copy (SL_ELEMENT (slice)));
  _sl_slice_set_status (state, status);
  _sl_document_record_update (self, slice, SL_ELEMENT (state), _("Change Slice Status"));
}

void
sl_document_set_slice_range (SlDocument *self,
                             SlSlice    *slice,
                             int         x,
                             int         width)
{
  SlSlice *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, slice));
  g_return_if_fail (ABS (x) <= SL_COORD_MAX);
  g_return_if_fail (width > 0 && width <= SL_COORD_MAX);
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_SLICE (_sl_element_copy (SL_ELEMENT (slice)));
  _sl_slice_set_range (state, x, width);
  _sl_document_record_update (self, slice, SL_ELEMENT (state), _("Resize Slice"));
}


/* Scenarios */

/**
 * sl_document_add_scenario:
 * @note: the command or view the scenario specifies
 *
 * Returns: (transfer none): the new scenario, with no steps
 */
SlScenario *
sl_document_add_scenario (SlDocument *self,
                          SlNote     *note,
                          const char *title)
{
  g_autoptr(SlScenario) scenario = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (_sl_document_contains (self, note), NULL);
  SL_DOCUMENT_RETURN_VAL_IF_BUSY (self, NULL);

  scenario = _sl_scenario_new (_sl_document_new_id (self), note);
  _sl_scenario_set_title (scenario, title);
  _sl_document_record_insert (self, scenario, g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)),
                              TRUE, _("Add Scenario"));
  return scenario;
}

void
sl_document_remove_scenario (SlDocument *self,
                             SlScenario *scenario)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, scenario));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  _sl_document_record_insert (self, scenario, _sl_document_find_position (self, SL_ELEMENT (scenario)), FALSE,
                              _("Remove Scenario"));
}

void
sl_document_set_scenario_title (SlDocument *self,
                                SlScenario *scenario,
                                const char *title)
{
  SlScenario *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, scenario));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_SCENARIO (_sl_element_copy (SL_ELEMENT (scenario)));
  _sl_scenario_set_title (state, title);
  _sl_document_record_update (self, scenario, SL_ELEMENT (state), _("Rename Scenario"));
}

/**
 * sl_document_set_scenario_error:
 * @error: (nullable): the error text of an error outcome, or %NULL
 */
void
sl_document_set_scenario_error (SlDocument *self,
                                SlScenario *scenario,
                                const char *error)
{
  SlScenario *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, scenario));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_SCENARIO (_sl_element_copy (SL_ELEMENT (scenario)));
  _sl_scenario_set_error (state, error);
  _sl_document_record_update (self, scenario, SL_ELEMENT (state), _("Change Scenario Outcome"));
}

/**
 * sl_document_set_scenario_steps:
 * @steps: (array length=n_steps): the steps of @part, whose notes are in
 *   the document
 *
 * Replaces the steps of one part (Given, When or Then) of @scenario.
 */
void
sl_document_set_scenario_steps (SlDocument  *self,
                                SlScenario  *scenario,
                                SlStepPart   part,
                                SlStep     **steps,
                                guint        n_steps)
{
  SlScenario *state;
  GPtrArray *array;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, scenario));
  g_return_if_fail (part < SL_N_STEP_PARTS);
  g_return_if_fail (steps != NULL || n_steps == 0);
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  array = g_ptr_array_new_full (n_steps, (GDestroyNotify) sl_step_unref);
  for (guint i = 0; i < n_steps; i++)
    {
      if (!_sl_document_contains (self, sl_step_get_note (steps[i])))
        {
          g_critical ("%s: the note of step %u is not in the document", G_STRFUNC, i);
          g_ptr_array_unref (array);
          return;
        }
      g_ptr_array_add (array, sl_step_ref (steps[i]));
    }

  state = SL_SCENARIO (_sl_element_copy (SL_ELEMENT (scenario)));
  _sl_scenario_set_steps (state, part, array);
  _sl_document_record_update (self, scenario, SL_ELEMENT (state), _("Edit Scenario"));
}

