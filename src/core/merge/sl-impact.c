/* sl-impact.c: what a change would break, before it is made
 *
 * The change is made to a copy of the document (what the canonical writer
 * writes, the reader reads, as the merge does), through the copy's own
 * mutations, and the copy is checked before and after it. So the lists are
 * by construction what the check would report once the change is made,
 * minus what it reports now; and the document itself, its history and
 * whoever follows its signals (the window's checker, the canvas) never see
 * the change.
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

#include "sl-aggregate.h"
#include "sl-check.h"
#include "sl-connection.h"
#include "sl-document.h"
#include "sl-element.h"
#include "sl-field.h"
#include "sl-format.h"
#include "sl-history.h"
#include "sl-impact.h"
#include "sl-json-output.h"
#include "sl-note.h"
#include "sl-scenario.h"
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
  GPtrArray *note_ids;      /* the note of the field, or the notes removed */
  guint index;              /* the field's */
  const char *name;         /* the field's new name */
  const char *field;        /* the field's name now */
  const char *connection_id;
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
      for (guint n = 0; n < change->note_ids->len; n++)
        {
          const char *id = g_ptr_array_index (change->note_ids, n);

          if (g_strcmp0 (sl_element_get_id (SL_ELEMENT (sl_scenario_get_note (scenario))), id) == 0)
            return TRUE;
          for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
            for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
              if (g_strcmp0 (sl_element_get_id (SL_ELEMENT (sl_step_get_note (sl_scenario_get_step (scenario, part, i)))),
                             id) == 0)
                return TRUE;
        }
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

static SlImpact *
compute (SlDocument   *document,
         const Change *change)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) copy = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SlImpact *self = g_new0 (SlImpact, 1);

  for (guint i = 0; i < SL_N_IMPACT_LISTS; i++)
    self->lists[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  /* A field renamed to its own name is no change. */
  if (change->kind == CHANGE_RENAME_FIELD && g_str_equal (change->name, change->field))
    return self;

  /* What the canonical writer wrote, the reader reads. */
  bytes = sl_format_save_to_bytes (document);
  copy = sl_format_load_bytes (bytes, &error);
  g_assert_no_error (error);

  add_scenarios (self->lists[SL_IMPACT_SCENARIOS], copy, change);
  before = check_items (copy);
  apply (copy, change);
  after = check_items (copy);

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
  Change change = { CHANGE_RENAME_FIELD, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (index < sl_note_get_n_fields (note), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  ids = note_ids (&note, 1);
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
  Change change = { CHANGE_REMOVE_FIELD, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (index < sl_note_get_n_fields (note), NULL);

  ids = note_ids (&note, 1);
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
  Change change = { CHANGE_REMOVE_NOTES, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (notes != NULL || n_notes == 0, NULL);

  ids = note_ids (notes, n_notes);
  change.note_ids = ids;

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
  Change change = { CHANGE_REMOVE_CONNECTION, };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_CONNECTION (connection), NULL);

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
 *   destination, touch a scenario, or make a problem appear: what is worth
 *   asking about before it is made. Problems that go away are no harm.
 */
gboolean
sl_impact_breaks_anything (SlImpact *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->lists[SL_IMPACT_LOST_ORIGIN]->len > 0 ||
         self->lists[SL_IMPACT_LOST_DESTINATION]->len > 0 ||
         self->lists[SL_IMPACT_SCENARIOS]->len > 0 ||
         self->lists[SL_IMPACT_NEW_PROBLEMS]->len > 0;
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
