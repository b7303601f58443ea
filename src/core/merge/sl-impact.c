/* sl-impact.c: what a change would break, before it is made
 *
 * The change is made to a copy of the part of the document it can reach,
 * through the copy's own mutations, and the copy is checked before and
 * after it. So the document itself, its history and whoever follows its
 * signals (the window's checker, the canvas) never see the change.
 *
 * The part copied: the rules of DOMAIN.md are about one note and what is
 * near it (see sl-checker.c, which rechecks after an edit on the same
 * grounds): its neighbours up to two connections either way, the events
 * named like it, the scenarios that specify it and the notes of their
 * steps, and for an aggregate whether any event is left in it. The notes
 * whose problems a change can change (the reach) are the notes changed
 * and those up to two connections from them, the notes whose scenarios
 * name them, and the events named like an event removed; the copy holds
 * the reach and what its problems depend on, and only the problems of
 * the reach (and of the aggregates) are compared. A problem the change
 * cannot reach is the same before and after, so the lists are what the
 * check of the whole document would report once the change is made,
 * minus what it reports now; the tests hold the two equal, change by
 * change, on whole models.
 *
 * A problem is the same before and after when its rule, what it is about
 * (note or aggregate) and its field are: its message may name the change
 * itself. Problems are counted, so two of the same kind are two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sl-aggregate-private.h"
#include "sl-check-private.h"
#include "sl-check.h"
#include "sl-connection-private.h"
#include "sl-document-private.h"
#include "sl-field-private.h"
#include "sl-history.h"
#include "sl-impact.h"
#include "sl-json-output.h"
#include "sl-lane-private.h"
#include "sl-note-private.h"
#include "sl-scenario-private.h"
#include "sl-step.h"

#define FIELD_NO_ORIGIN "field-no-origin"
#define FIELD_NO_DESTINATION "field-no-destination"

struct _SlImpact
{
  GPtrArray *lists[SL_N_IMPACT_LISTS];   /* of SlImpactItem */
};

typedef enum {
  CHANGE_RENAME_FIELD,
  CHANGE_REMOVE_FIELD,
  CHANGE_REMOVE_NOTES,
  CHANGE_REMOVE_CONNECTION,
} ChangeKind;

typedef struct
{
  ChangeKind kind;
  GPtrArray *notes;         /* the note of the field, the notes removed, or
                             * the ends of the connection */
  GPtrArray *note_ids;      /* the note of the field, or the notes removed */
  guint index;              /* the field's */
  const char *name;         /* the field's new name */
  const char *field;        /* the field's name now */
  const char *connection_id;
  GHashTable *removed;      /* the notes removed, as a set built once, asked
                             * for every note and scenario step */
  GHashTable *removed_ids;  /* their ids, for the copy's notes */
} Change;

static void
item_free (SlImpactItem *item)
{
  g_free (item->note_id);
  g_free (item->note_text);
  g_free (item->field);
  g_free (item->rule);
  g_free (item->message);
  g_free (item);
}

static SlImpactItem *
item_new_for_problem (SlProblem *problem)
{
  SlImpactItem *item = g_new0 (SlImpactItem, 1);
  SlNote *note = sl_problem_get_note (problem);
  SlAggregate *aggregate = sl_problem_get_aggregate (problem);

  if (note != NULL)
    {
      item->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
      item->note_text = g_strdup (sl_note_get_text (note));
    }
  else if (aggregate != NULL)
    item->note_text = g_strdup (sl_aggregate_get_name (aggregate));
  else
    item->note_text = g_strdup ("");
  item->field = g_strdup (sl_problem_get_field (problem));
  item->rule = g_strdup (sl_problem_get_rule (problem));
  item->severity = sl_problem_get_severity (problem);
  item->message = g_strdup (sl_problem_get_message (problem));

  return item;
}

static SlImpactItem *
item_copy (const SlImpactItem *from)
{
  SlImpactItem *item = g_new0 (SlImpactItem, 1);

  item->note_id = g_strdup (from->note_id);
  item->note_text = g_strdup (from->note_text);
  item->field = g_strdup (from->field);
  item->rule = g_strdup (from->rule);
  item->severity = from->severity;
  item->message = g_strdup (from->message);

  return item;
}

/* A problem's identity across the change (see the top of the file). */
static char *
item_key (const SlImpactItem *item)
{
  return g_strjoin ("\n", item->rule, item->note_id != NULL ? item->note_id : "",
                    item->note_id != NULL ? "" : item->note_text,
                    item->field != NULL ? item->field : "", NULL);
}

static GPtrArray *
check_items (SlDocument *document)
{
  g_autoptr(GPtrArray) problems = sl_check_run (document);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (items, item_new_for_problem (g_ptr_array_index (problems, i)));

  return items;
}

static GHashTable *
count_items (GPtrArray *items)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      char *key = item_key (g_ptr_array_index (items, i));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_replace (counts, key, GUINT_TO_POINTER (count + 1));
    }

  return counts;
}

/* Adds to @list the items of @items that @others does not hold, each key
 * as many times more as it is there. */
static void
add_difference (GPtrArray *list,
                GPtrArray *items,
                GPtrArray *others)
{
  g_autoptr(GHashTable) counts = count_items (others);

  for (guint i = 0; i < items->len; i++)
    {
      const SlImpactItem *item = g_ptr_array_index (items, i);
      g_autofree char *key = item_key (item);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (count > 0)
        g_hash_table_insert (counts, g_steal_pointer (&key), GUINT_TO_POINTER (count - 1));
      else
        g_ptr_array_add (list, item_copy (item));
    }
}

static gboolean
step_names_field (SlStep     *step,
                  const char *note_id,
                  const char *field)
{
  if (g_strcmp0 (sl_element_get_id (SL_ELEMENT (sl_step_get_note (step))), note_id) != 0)
    return FALSE;

  for (guint i = 0; i < sl_step_get_n_values (step); i++)
    if (g_strcmp0 (sl_step_get_value_name (step, i), field) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
scenario_names (SlScenario   *scenario,
                const Change *change)
{
  switch (change->kind)
    {
    case CHANGE_RENAME_FIELD:
    case CHANGE_REMOVE_FIELD:
      for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
        for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
          if (step_names_field (sl_scenario_get_step (scenario, part, i),
                                g_ptr_array_index (change->note_ids, 0), change->field))
            return TRUE;
      return FALSE;

    case CHANGE_REMOVE_NOTES:
      if (g_hash_table_contains (change->removed, sl_scenario_get_note (scenario)))
        return TRUE;
      for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
        for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
          if (g_hash_table_contains (change->removed, sl_step_get_note (sl_scenario_get_step (scenario, part, i))))
            return TRUE;
      return FALSE;

    case CHANGE_REMOVE_CONNECTION:
    default:
      return FALSE;
    }
}

static void
add_scenarios (GPtrArray    *list,
               SlDocument   *document,
               const Change *change)
{
  GListModel *scenarios = sl_document_get_scenarios (document);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(SlScenario) scenario = g_list_model_get_item (scenarios, i);
      SlNote *note = sl_scenario_get_note (scenario);
      SlImpactItem *item;

      if (!scenario_names (scenario, change))
        continue;

      item = g_new0 (SlImpactItem, 1);
      item->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
      item->note_text = g_strdup (sl_note_get_text (note));
      item->field = g_strdup (change->kind == CHANGE_REMOVE_NOTES ? NULL : change->field);
      item->message = g_strdup (sl_scenario_get_title (scenario));
      g_ptr_array_add (list, item);
    }
}

static void
apply (SlDocument   *copy,
       const Change *change)
{
  switch (change->kind)
    {
    case CHANGE_RENAME_FIELD:
      sl_document_set_field_name (copy, sl_document_lookup_note (copy, g_ptr_array_index (change->note_ids, 0)),
                                  change->index, change->name);
      break;
    case CHANGE_REMOVE_FIELD:
      sl_document_remove_field (copy, sl_document_lookup_note (copy, g_ptr_array_index (change->note_ids, 0)),
                                change->index);
      break;
    case CHANGE_REMOVE_NOTES:
      sl_history_begin_group (sl_document_get_history (copy), NULL);
      /* The scenarios of the notes removed go first, as removing each note
       * would remove them: each note removed then looks through the
       * scenarios left only, not through all of them (Select All). */
      for (guint i = g_list_model_get_n_items (sl_document_get_scenarios (copy)); i > 0; i--)
        {
          SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_scenarios (copy)), i - 1);
          SlNote *note = sl_scenario_get_note (scenario);

          if (g_hash_table_contains (change->removed_ids, sl_element_get_id (SL_ELEMENT (note))))
            sl_document_remove_scenario (copy, scenario);
        }
      for (guint i = 0; i < change->note_ids->len; i++)
        {
          SlNote *note = sl_document_lookup_note (copy, g_ptr_array_index (change->note_ids, i));

          if (note != NULL)
            sl_document_remove_note (copy, note);
        }
      sl_history_end_group (sl_document_get_history (copy));
      break;
    case CHANGE_REMOVE_CONNECTION:
      sl_document_remove_connection (copy, SL_CONNECTION (sl_document_lookup (copy, change->connection_id)));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Whether @item is the changed field itself, under its new name: it is
 * not downstream or upstream of the change, it is the change. */
static gboolean
is_changed_field (const SlImpactItem *item,
                  const Change       *change)
{
  return change->kind == CHANGE_RENAME_FIELD &&
         g_strcmp0 (item->note_id, g_ptr_array_index (change->note_ids, 0)) == 0 &&
         g_strcmp0 (item->field, change->name) == 0;
}

static SlNote *
other_end (const SlLink *link,
           SlNote       *note)
{
  return link->source == note ? link->target : link->source;
}

/* Adds @note and the notes up to two connections from it, either way. */
static void
add_near (GHashTable *set,
          SlNote     *note)
{
  g_hash_table_add (set, note);
  for (guint i = 0; i < _sl_note_get_n_links (note); i++)
    {
      SlNote *neighbour = other_end (_sl_note_get_link (note, i), note);

      g_hash_table_add (set, neighbour);
      for (guint j = 0; j < _sl_note_get_n_links (neighbour); j++)
        g_hash_table_add (set, other_end (_sl_note_get_link (neighbour, j), neighbour));
    }
}

static gboolean
is_removed (const Change *change,
            SlNote       *note)
{
  return change->kind == CHANGE_REMOVE_NOTES && g_hash_table_contains (change->removed, note);
}

/* The notes whose problems @change can change (see the top of the file). */
static GHashTable *
find_reach (SlDocument   *document,
            const Change *change)
{
  GHashTable *reach = g_hash_table_new (NULL, NULL);
  GListModel *scenarios = sl_document_get_scenarios (document);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < change->notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (change->notes, i);

      add_near (reach, note);
      if (is_removed (change, note) && _sl_note_get_kind (note) == SL_NOTE_EVENT)
        g_hash_table_add (names, _sl_check_fold_name (_sl_note_get_text (note)));
    }

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);

      /* The notes removed can be all of them: asked of the set. */
      if (change->kind == CHANGE_REMOVE_NOTES)
        {
          if (scenario_names (scenario, change))
            g_hash_table_add (reach, sl_scenario_get_note (scenario));
          continue;
        }
      for (guint n = 0; n < change->notes->len; n++)
        if (sl_scenario_uses_note (scenario, g_ptr_array_index (change->notes, n)))
          g_hash_table_add (reach, sl_scenario_get_note (scenario));
    }

  /* An event named like one removed may stop being a duplicate. */
  if (g_hash_table_size (names) > 0)
    {
      GListModel *notes = sl_document_get_notes (document);

      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
          g_autofree char *folded = NULL;

          if (_sl_note_get_kind (note) != SL_NOTE_EVENT)
            continue;
          folded = _sl_check_fold_name (_sl_note_get_text (note));
          if (g_hash_table_contains (names, folded))
            g_hash_table_add (reach, note);
        }
    }

  return reach;
}

/* The notes the problems of @reach depend on: the reach, the notes up to
 * two connections from it, the notes of the steps of its scenarios, and
 * for each aggregate an event removed is in, one event that stays in it. */
static GHashTable *
find_dependencies (SlDocument   *document,
                   const Change *change,
                   GHashTable   *reach)
{
  GHashTable *needed = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) aggregates = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer note;

  g_hash_table_iter_init (&iter, reach);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    {
      GPtrArray *scenarios = _sl_note_get_scenarios (note);

      add_near (needed, note);
      for (guint i = 0; scenarios != NULL && i < scenarios->len; i++)
        {
          SlScenario *scenario = g_ptr_array_index (scenarios, i);

          for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
            for (guint j = 0; j < sl_scenario_get_n_steps (scenario, part); j++)
              g_hash_table_add (needed, sl_step_get_note (sl_scenario_get_step (scenario, part, j)));
        }
    }

  for (guint i = 0; change->kind == CHANGE_REMOVE_NOTES && i < change->notes->len; i++)
    {
      SlNote *removed = g_ptr_array_index (change->notes, i);

      if (_sl_note_get_kind (removed) == SL_NOTE_EVENT && _sl_check_event_aggregate (removed) != NULL)
        g_hash_table_add (aggregates, _sl_check_event_aggregate (removed));
    }
  if (g_hash_table_size (aggregates) > 0)
    {
      GListModel *notes = sl_document_get_notes (document);

      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          SlNote *event = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
          SlAggregate *aggregate;

          if (_sl_note_get_kind (event) != SL_NOTE_EVENT || is_removed (change, event))
            continue;
          aggregate = _sl_check_event_aggregate (event);
          if (aggregate != NULL && g_hash_table_remove (aggregates, aggregate))
            g_hash_table_add (needed, event);
        }
    }

  return needed;
}

static gpointer
copy_of (GHashTable *copies,
         gpointer    element)
{
  return element != NULL ? g_hash_table_lookup (copies, element) : NULL;
}

static void
copy_aggregates_and_lanes (SlDocument *copy,
                           SlDocument *document,
                           GHashTable *copies)
{
  GListModel *aggregates = sl_document_get_aggregates (document);
  GListModel *lanes = sl_document_get_lanes (document);
  GPtrArray *elements = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i);
      SlAggregate *its = _sl_aggregate_new (g_strdup (sl_element_get_id (SL_ELEMENT (aggregate))));

      _sl_aggregate_set_name (its, sl_aggregate_get_name (aggregate));
      g_hash_table_insert (copies, aggregate, its);
      g_ptr_array_add (elements, its);
    }
  _sl_document_take_loaded (copy, elements);

  elements = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);
      SlLane *its = _sl_lane_new (g_strdup (sl_element_get_id (SL_ELEMENT (lane))), sl_lane_get_kind (lane));

      _sl_lane_set_name (its, sl_lane_get_name (lane));
      _sl_lane_set_aggregate (its, copy_of (copies, sl_lane_get_aggregate (lane)));
      g_hash_table_insert (copies, lane, its);
      g_ptr_array_add (elements, its);
    }
  _sl_document_take_loaded (copy, elements);
}

static SlStep *
copy_step (SlStep     *step,
           GHashTable *copies)
{
  guint n = sl_step_get_n_values (step);
  g_autofree const char **names = g_new (const char *, n + 1);
  g_autofree const char **values = g_new (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      names[i] = sl_step_get_value_name (step, i);
      values[i] = sl_step_get_value (step, i);
    }
  return sl_step_new_with_values (copy_of (copies, sl_step_get_note (step)), names, values, n);
}

/* A scenario is copied when its note and the notes of all its steps are. */
static gboolean
scenario_is_copied (SlScenario *scenario,
                    GHashTable *copies)
{
  if (!g_hash_table_contains (copies, sl_scenario_get_note (scenario)))
    return FALSE;

  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
      if (!g_hash_table_contains (copies, sl_step_get_note (sl_scenario_get_step (scenario, part, i))))
        return FALSE;

  return TRUE;
}

/* A new document with every aggregate and lane of @document, its notes
 * in @needed, the connections between them and the scenarios about them,
 * all with their ids. Its history is empty. */
static SlDocument *
copy_part (SlDocument *document,
           GHashTable *needed)
{
  SlDocument *copy = sl_document_new ();
  g_autoptr(GHashTable) copies = g_hash_table_new (NULL, NULL);
  GListModel *notes = sl_document_get_notes (document);
  GListModel *connections = sl_document_get_connections (document);
  GListModel *scenarios = sl_document_get_scenarios (document);
  GPtrArray *elements;

  copy_aggregates_and_lanes (copy, document, copies);

  /* In the document's order, which some rules report in. */
  elements = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      SlNote *its;

      if (!g_hash_table_contains (needed, note))
        continue;

      its = _sl_note_new (g_strdup (sl_element_get_id (SL_ELEMENT (note))), _sl_note_get_kind (note),
                          copy_of (copies, sl_note_get_lane (note)));
      _sl_note_set_text (its, _sl_note_get_text (note));
      _sl_note_set_position (its, copy_of (copies, sl_note_get_lane (note)), sl_note_get_x (note),
                             sl_note_get_y (note));
      _sl_note_set_aggregate (its, copy_of (copies, sl_note_get_aggregate (note)));
      _sl_note_set_pivotal (its, sl_note_get_pivotal (note));
      for (guint f = 0; f < _sl_note_get_n_fields (note); f++)
        {
          g_autoptr(SlField) field = _sl_field_copy (_sl_note_get_field (note, f));

          _sl_note_insert_field (its, f, field);
        }
      g_hash_table_insert (copies, note, its);
      g_ptr_array_add (elements, its);
    }
  _sl_document_take_loaded (copy, elements);

  elements = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      SlConnection *connection = sl_element_list_peek (SL_ELEMENT_LIST (connections), i);
      SlNote *source = copy_of (copies, sl_connection_get_source (connection));
      SlNote *target = copy_of (copies, sl_connection_get_target (connection));

      if (source != NULL && target != NULL)
        g_ptr_array_add (elements, _sl_connection_new (g_strdup (sl_element_get_id (SL_ELEMENT (connection))),
                                                       source, target));
    }
  _sl_document_take_loaded (copy, elements);

  elements = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);
      SlScenario *its;

      if (!scenario_is_copied (scenario, copies))
        continue;

      its = _sl_scenario_new (g_strdup (sl_element_get_id (SL_ELEMENT (scenario))),
                              copy_of (copies, sl_scenario_get_note (scenario)));
      _sl_scenario_set_title (its, sl_scenario_get_title (scenario));
      _sl_scenario_set_error (its, sl_scenario_get_error (scenario));
      for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
        {
          GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);

          for (guint j = 0; j < sl_scenario_get_n_steps (scenario, part); j++)
            g_ptr_array_add (steps, copy_step (sl_scenario_get_step (scenario, part, j), copies));
          _sl_scenario_set_steps (its, part, steps);
        }
      g_ptr_array_add (elements, its);
    }
  _sl_document_take_loaded (copy, elements);

  return copy;
}

/* The problems of the copy about the notes of @reach, or about an
 * aggregate. */
static GPtrArray *
check_reach (SlDocument *copy,
             GHashTable *reach_ids)
{
  g_autoptr(GPtrArray) all = check_items (copy);
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  for (guint i = 0; i < all->len; i++)
    {
      SlImpactItem *item = g_ptr_array_index (all, i);

      if (item->note_id == NULL || g_hash_table_contains (reach_ids, item->note_id))
        g_ptr_array_add (items, g_ptr_array_steal_index (all, i--));
    }

  return items;
}

static SlImpact *
compute (SlDocument   *document,
         const Change *change)
{
  g_autoptr(GHashTable) reach = NULL;
  g_autoptr(GHashTable) needed = NULL;
  g_autoptr(GHashTable) reach_ids = NULL;
  g_autoptr(SlDocument) copy = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SlImpact *self = g_new0 (SlImpact, 1);
  GHashTableIter iter;
  gpointer note;

  for (guint i = 0; i < SL_N_IMPACT_LISTS; i++)
    self->lists[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  /* A field renamed to its own name is no change. */
  if (change->kind == CHANGE_RENAME_FIELD && g_str_equal (change->name, change->field))
    return self;

  reach = find_reach (document, change);
  needed = find_dependencies (document, change, reach);
  copy = copy_part (document, needed);
  reach_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, reach);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    g_hash_table_add (reach_ids, (gpointer) sl_element_get_id (note));

  add_scenarios (self->lists[SL_IMPACT_SCENARIOS], document, change);
  before = check_reach (copy, reach_ids);
  apply (copy, change);
  after = check_reach (copy, reach_ids);

  add_difference (self->lists[SL_IMPACT_NEW_PROBLEMS], after, before);
  add_difference (self->lists[SL_IMPACT_GONE_PROBLEMS], before, after);

  for (guint i = 0; i < self->lists[SL_IMPACT_NEW_PROBLEMS]->len; i++)
    {
      const SlImpactItem *item = g_ptr_array_index (self->lists[SL_IMPACT_NEW_PROBLEMS], i);

      if (is_changed_field (item, change))
        continue;
      if (g_strcmp0 (item->rule, FIELD_NO_ORIGIN) == 0)
        g_ptr_array_add (self->lists[SL_IMPACT_LOST_ORIGIN], item_copy (item));
      else if (g_strcmp0 (item->rule, FIELD_NO_DESTINATION) == 0)
        g_ptr_array_add (self->lists[SL_IMPACT_LOST_DESTINATION], item_copy (item));
    }

  return self;
}

static GPtrArray *
note_ids (SlNote **notes,
          guint    n_notes)
{
  GPtrArray *ids = g_ptr_array_sized_new (n_notes);

  for (guint i = 0; i < n_notes; i++)
    g_ptr_array_add (ids, (gpointer) sl_element_get_id (SL_ELEMENT (notes[i])));

  return ids;
}

/**
 * sl_impact_rename_field:
 *
 * What renaming the field at @index of @note to @name would break; the
 * document is left as it is.
 *
 * Returns: (transfer full): the impact
 */
SlImpact *
sl_impact_rename_field (SlDocument *document,
                        SlNote     *note,
                        guint       index,
                        const char *name)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  Change change = { CHANGE_RENAME_FIELD, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (index < sl_note_get_n_fields (note), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  ids = note_ids (&note, 1);
  notes = g_ptr_array_new ();
  g_ptr_array_add (notes, note);
  change.notes = notes;
  change.note_ids = ids;
  change.index = index;
  change.name = name;
  change.field = sl_field_get_name (sl_note_get_field (note, index));

  return compute (document, &change);
}

/**
 * sl_impact_remove_field:
 *
 * What removing the field at @index of @note would break.
 *
 * Returns: (transfer full): the impact
 */
SlImpact *
sl_impact_remove_field (SlDocument *document,
                        SlNote     *note,
                        guint       index)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  Change change = { CHANGE_REMOVE_FIELD, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (index < sl_note_get_n_fields (note), NULL);

  ids = note_ids (&note, 1);
  notes = g_ptr_array_new ();
  g_ptr_array_add (notes, note);
  change.notes = notes;
  change.note_ids = ids;
  change.index = index;
  change.field = sl_field_get_name (sl_note_get_field (note, index));

  return compute (document, &change);
}

/**
 * sl_impact_remove_notes:
 *
 * What removing @notes (with their connections and scenarios, as
 * sl_document_remove_note() does) would break.
 *
 * Returns: (transfer full): the impact
 */
SlImpact *
sl_impact_remove_notes (SlDocument  *document,
                        SlNote     **notes,
                        guint        n_notes)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) removed_ids = g_hash_table_new (g_str_hash, g_str_equal);
  Change change = { CHANGE_REMOVE_NOTES, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (notes != NULL || n_notes == 0, NULL);

  ids = note_ids (notes, n_notes);
  changed = g_ptr_array_new ();
  for (guint i = 0; i < n_notes; i++)
    {
      g_ptr_array_add (changed, notes[i]);
      g_hash_table_add (removed, notes[i]);
      g_hash_table_add (removed_ids, (gpointer) sl_element_get_id (SL_ELEMENT (notes[i])));
    }
  change.notes = changed;
  change.note_ids = ids;
  change.removed = removed;
  change.removed_ids = removed_ids;

  return compute (document, &change);
}

/**
 * sl_impact_remove_connection:
 *
 * What removing @connection would break.
 *
 * Returns: (transfer full): the impact
 */
SlImpact *
sl_impact_remove_connection (SlDocument   *document,
                             SlConnection *connection)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) notes = NULL;
  Change change = { CHANGE_REMOVE_CONNECTION, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_CONNECTION (connection), NULL);

  notes = g_ptr_array_new ();
  g_ptr_array_add (notes, sl_connection_get_source (connection));
  g_ptr_array_add (notes, sl_connection_get_target (connection));
  change.notes = notes;
  change.note_ids = ids;
  change.connection_id = sl_element_get_id (SL_ELEMENT (connection));

  return compute (document, &change);
}

void
sl_impact_free (SlImpact *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < SL_N_IMPACT_LISTS; i++)
    g_ptr_array_unref (self->lists[i]);
  g_free (self);
}

/**
 * sl_impact_breaks_anything:
 *
 * Returns: whether the change would leave a field without its origin or
 *   destination, touch a scenario, or make a warning or an error appear:
 *   what is worth asking about before it is made. A hint (info) that
 *   would appear, and problems that go away, are no harm.
 */
gboolean
sl_impact_breaks_anything (SlImpact *self)
{
  GPtrArray *appearing;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->lists[SL_IMPACT_LOST_ORIGIN]->len > 0 ||
      self->lists[SL_IMPACT_LOST_DESTINATION]->len > 0 ||
      self->lists[SL_IMPACT_SCENARIOS]->len > 0)
    return TRUE;

  appearing = self->lists[SL_IMPACT_NEW_PROBLEMS];
  for (guint i = 0; i < appearing->len; i++)
    if (((SlImpactItem *) g_ptr_array_index (appearing, i))->severity > SL_SEVERITY_INFO)
      return TRUE;

  return FALSE;
}

guint
sl_impact_get_n_items (SlImpact     *self,
                       SlImpactList  list)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (list < SL_N_IMPACT_LISTS, 0);

  return self->lists[list]->len;
}

const SlImpactItem *
sl_impact_get_item (SlImpact     *self,
                    SlImpactList  list,
                    guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (list < SL_N_IMPACT_LISTS, NULL);
  g_return_val_if_fail (index < self->lists[list]->len, NULL);

  return g_ptr_array_index (self->lists[list], index);
}

static char *
item_place (const SlImpactItem *item)
{
  if (item->field == NULL)
    return g_strdup (item->note_text);

  /* Translators: a field and the note it belongs to: “Book Room · guestId” */
  return g_strdup_printf (_("%s · %s"), item->note_text, item->field);
}

/**
 * sl_impact_item_to_string:
 *
 * Returns: (transfer full): the item in one translated line: the note and
 *   field for a field, the title and its note for a scenario, the rule,
 *   where and what for a problem
 */
char *
sl_impact_item_to_string (const SlImpactItem *item,
                          SlImpactList        list)
{
  g_autofree char *place = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  place = item_place (item);
  switch (list)
    {
    case SL_IMPACT_LOST_ORIGIN:
    case SL_IMPACT_LOST_DESTINATION:
      return g_steal_pointer (&place);
    case SL_IMPACT_SCENARIOS:
      /* Translators: a scenario's title, then the note it specifies */
      return g_strdup_printf (_("“%s” (%s)"), item->message, item->note_text);
    case SL_IMPACT_NEW_PROBLEMS:
    case SL_IMPACT_GONE_PROBLEMS:
      /* Translators: a problem: its severity, its rule id, where it is, what it is */
      return g_strdup_printf (_("%s %s: %s: %s"), sl_severity_to_string (item->severity), item->rule,
                              place, item->message);
    case SL_N_IMPACT_LISTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
list_heading (SlImpactList list,
              guint        n)
{
  switch (list)
    {
    case SL_IMPACT_LOST_ORIGIN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Field that would lose its origin (%u):",
                                            "Fields that would lose their origin (%u):", n), n);
    case SL_IMPACT_LOST_DESTINATION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Field that would lose its destination (%u):",
                                            "Fields that would lose their destination (%u):", n), n);
    case SL_IMPACT_SCENARIOS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Scenario that names it (%u):",
                                            "Scenarios that name it (%u):", n), n);
    case SL_IMPACT_NEW_PROBLEMS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Problem that would appear (%u):",
                                            "Problems that would appear (%u):", n), n);
    case SL_IMPACT_GONE_PROBLEMS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Problem that would go away (%u):",
                                            "Problems that would go away (%u):", n), n);
    case SL_N_IMPACT_LISTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * sl_impact_to_text:
 *
 * Returns: (transfer full): each list that is not empty under its heading,
 *   one item a line, or a line that says nothing would break
 */
char *
sl_impact_to_text (SlImpact *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (!sl_impact_breaks_anything (self))
    g_string_append_printf (out, "%s\n", _("Nothing would break."));

  for (SlImpactList list = 0; list < SL_N_IMPACT_LISTS; list++)
    {
      guint n = self->lists[list]->len;
      g_autofree char *heading = NULL;

      if (n == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      heading = list_heading (list, n);
      g_string_append_printf (out, "%s\n", heading);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *line = sl_impact_item_to_string (g_ptr_array_index (self->lists[list], i), list);

          g_string_append_printf (out, "  %s\n", line);
        }
    }

  return g_string_free (out, FALSE);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *key,
                   const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (builder, valid);
    }
}

/**
 * sl_impact_to_json:
 *
 * Returns: (transfer full): one JSON object on one line: `breaks`, then
 *   the lists `lost_origin`, `lost_destination` (each field with its
 *   `note`, `note_text` and `field`), `scenarios` (`title`, `note`,
 *   `note_text`), `new_problems` and `gone_problems` (`rule`, `severity`,
 *   `note`, `note_text`, `field`, `message`)
 */
char *
sl_impact_to_json (SlImpact *self)
{
  static const char * const names[SL_N_IMPACT_LISTS] = {
    "lost_origin", "lost_destination", "scenarios", "new_problems", "gone_problems",
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "breaks");
  json_builder_add_boolean_value (builder, sl_impact_breaks_anything (self));
  for (SlImpactList list = 0; list < SL_N_IMPACT_LISTS; list++)
    {
      json_builder_set_member_name (builder, names[list]);
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->lists[list]->len; i++)
        {
          const SlImpactItem *item = g_ptr_array_index (self->lists[list], i);

          json_builder_begin_object (builder);
          if (list == SL_IMPACT_NEW_PROBLEMS || list == SL_IMPACT_GONE_PROBLEMS)
            {
              add_string_member (builder, "rule", item->rule);
              add_string_member (builder, "severity", sl_severity_to_string (item->severity));
            }
          if (list == SL_IMPACT_SCENARIOS)
            add_string_member (builder, "title", item->message);
          add_string_member (builder, "note", item->note_id);
          add_string_member (builder, "note_text", item->note_text);
          if (list != SL_IMPACT_SCENARIOS || item->field != NULL)
            add_string_member (builder, "field", item->field);
          if (list == SL_IMPACT_NEW_PROBLEMS || list == SL_IMPACT_GONE_PROBLEMS)
            add_string_member (builder, "message", item->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return g_string_free (sl_json_output_generate (builder, FALSE), FALSE);
}
