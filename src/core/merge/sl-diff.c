/* sl-diff.c: what changed between two versions of a model, in its terms
 *
 * Elements are matched by id; fields, which have none, by name within
 * their note, and a field removed and one added at the same place with
 * the same type are one field renamed. Items come in model order: the
 * model's title and description, then aggregates, lanes, slices, notes
 * (each with its fields), connections, scenarios, and last what the
 * change does to the check. Within each kind, what was added or changed
 * comes in the new document's order, then what was removed in the old
 * one's. A note moved inside its lane and slice has only changed its
 * place on the board: those are counted in one item, not one each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sl-aggregate.h"
#include "sl-check.h"
#include "sl-connection.h"
#include "sl-diff.h"
#include "sl-document.h"
#include "sl-element-list.h"
#include "sl-field.h"
#include "sl-json-output.h"
#include "sl-lane.h"
#include "sl-note.h"
#include "sl-problem.h"
#include "sl-scenario.h"
#include "sl-slice.h"
#include "sl-step.h"
#include "sl-text-escape.h"

/* How many characters of a name a line shows; the JSON has it whole. */
#define SHOWN_NAME_LENGTH 60

typedef struct
{
  SlDiffAction action;
  const char *element;   /* static: "model", "note", "field", ... */
  const char *property;  /* static, or NULL for an element added or removed */
  char *id;
  char *note_id;
  char *field;
  char *old_value;
  char *new_value;
  char *text;
  SlProblem *problem;
  GPtrArray *note_ids;   /* the notes moved within their lane and slice */
} SlDiffItem;

struct _SlDiff
{
  SlDocument *old_document;
  SlDocument *new_document;
  GArray *items;
  GHashTable *note_actions;   /* note id -> action + 1 */
  GPtrArray *removed_notes;
  guint n_problems_appeared;
  guint n_problems_gone;
};

static void
diff_item_clear (gpointer data)
{
  SlDiffItem *item = data;

  g_free (item->id);
  g_free (item->note_id);
  g_free (item->field);
  g_free (item->old_value);
  g_free (item->new_value);
  g_free (item->text);
  g_clear_pointer (&item->problem, sl_problem_unref);
  g_clear_pointer (&item->note_ids, g_ptr_array_unref);
}

static const char *
element_id (gpointer element)
{
  return element != NULL ? sl_element_get_id (SL_ELEMENT (element)) : NULL;
}

/* A name as a line shows it: on one line, and not longer than a line. */
static char *
shorten (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");

  /* Enough bytes for one character more than a line shows, however wide:
   * a note of megabytes is not copied whole to name it. */
  valid = g_utf8_make_valid (text, strnlen (text, (SHOWN_NAME_LENGTH + 1) * 4));
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == SHOWN_NAME_LENGTH - 1 && *g_utf8_next_char (p) != '\0')
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* "Event “Room Booked”" */
static char *
note_name (SlNote *note)
{
  g_autofree char *text = shorten (sl_note_get_text (note));

  /* Translators: a note named in a line of a diff: its kind, then its
   * text, as Event “Room Booked” */
  return g_strdup_printf (_("%s “%s”"), sl_note_kind_get_label (sl_note_get_kind (note)), text);
}

/* The name of a note made only when a line needs it: most notes of two
 * versions have not changed. */
static const char *
lazy_note_name (char   **cache,
                SlNote  *note)
{
  if (*cache == NULL)
    *cache = note_name (note);
  return *cache;
}

/* “Room”, or "none" */
static char *
quoted_or_none (const char *text)
{
  g_autofree char *shown = NULL;

  if (text == NULL)
    /* Translators: in a line of a diff, where a value (an aggregate, a
     * mapping, an example, an error) is not set */
    return g_strdup (_("none"));
  shown = shorten (text);
  return g_strdup_printf ("“%s”", shown);
}

static SlDiffItem *
add_item (SlDiff       *self,
          SlDiffAction  action,
          const char   *element,
          const char   *property,
          const char   *id,
          const char   *note_id,
          char         *text)
{
  SlDiffItem item = { 0, };

  item.action = action;
  item.element = element;
  item.property = property;
  item.id = g_strdup (id);
  item.note_id = g_strdup (note_id);
  item.text = text;
  g_array_append_val (self->items, item);

  return &g_array_index (self->items, SlDiffItem, self->items->len - 1);
}

static void
set_values (SlDiffItem *item,
            const char *old_value,
            const char *new_value)
{
  item->old_value = g_strdup (old_value);
  item->new_value = g_strdup (new_value);
}

static void
mark_note (SlDiff       *self,
           const char   *note_id,
           SlDiffAction  action)
{
  if (g_hash_table_contains (self->note_actions, note_id))
    return;
  g_hash_table_insert (self->note_actions, g_strdup (note_id), GINT_TO_POINTER (action + 1));
}

static gpointer
peek (GListModel *list,
      guint       position)
{
  return sl_element_list_peek (SL_ELEMENT_LIST (list), position);
}

/* The model */

static void
diff_model (SlDiff *self)
{
  const char *old_title = sl_document_get_title (self->old_document);
  const char *new_title = sl_document_get_title (self->new_document);
  const char *old_description = sl_document_get_description (self->old_document);
  const char *new_description = sl_document_get_description (self->new_document);

  if (g_strcmp0 (old_title, new_title) != 0)
    {
      g_autofree char *old_shown = quoted_or_none (old_title);
      g_autofree char *new_shown = quoted_or_none (new_title);
      SlDiffItem *item;

      item = add_item (self, SL_DIFF_CHANGED, "model", "title", NULL, NULL,
                       /* Translators: a line of a diff; the values are quoted, or "none" */
                       g_strdup_printf (_("Title changed from %s to %s"), old_shown, new_shown));
      set_values (item, old_title, new_title);
    }

  if (g_strcmp0 (old_description, new_description) != 0)
    {
      SlDiffItem *item;

      item = add_item (self, SL_DIFF_CHANGED, "model", "description", NULL, NULL,
                       g_strdup (_("Description changed")));
      set_values (item, old_description, new_description);
    }
}

/* Aggregates */

static char *
aggregate_label (SlAggregate *aggregate)
{
  return quoted_or_none (aggregate != NULL ? sl_aggregate_get_name (aggregate) : NULL);
}

static void
diff_aggregates (SlDiff *self)
{
  GListModel *old_list = sl_document_get_aggregates (self->old_document);
  GListModel *new_list = sl_document_get_aggregates (self->new_document);
  guint n_new = g_list_model_get_n_items (new_list);
  guint n_old = g_list_model_get_n_items (old_list);

  for (guint i = 0; i < n_new; i++)
    {
      SlAggregate *aggregate = peek (new_list, i);
      const char *id = element_id (aggregate);
      SlElement *old = sl_document_lookup (self->old_document, id);
      g_autofree char *name = shorten (sl_aggregate_get_name (aggregate));

      if (!SL_IS_AGGREGATE (old))
        add_item (self, SL_DIFF_ADDED, "aggregate", NULL, id, NULL,
                  /* Translators: a line of a diff */
                  g_strdup_printf (_("Aggregate “%s” added"), name));
      else if (g_strcmp0 (sl_aggregate_get_name (SL_AGGREGATE (old)), sl_aggregate_get_name (aggregate)) != 0)
        {
          g_autofree char *old_name = shorten (sl_aggregate_get_name (SL_AGGREGATE (old)));
          SlDiffItem *item;

          item = add_item (self, SL_DIFF_CHANGED, "aggregate", "name", id, NULL,
                           /* Translators: a line of a diff */
                           g_strdup_printf (_("Aggregate “%s” renamed to “%s”"), old_name, name));
          set_values (item, sl_aggregate_get_name (SL_AGGREGATE (old)), sl_aggregate_get_name (aggregate));
        }
    }

  for (guint i = 0; i < n_old; i++)
    {
      SlAggregate *aggregate = peek (old_list, i);
      const char *id = element_id (aggregate);

      if (!SL_IS_AGGREGATE (sl_document_lookup (self->new_document, id)))
        {
          g_autofree char *name = shorten (sl_aggregate_get_name (aggregate));

          add_item (self, SL_DIFF_REMOVED, "aggregate", NULL, id, NULL,
                    /* Translators: a line of a diff */
                    g_strdup_printf (_("Aggregate “%s” removed"), name));
        }
    }
}

/* Lanes */

/* Marks in @moved the lanes that left their order: those outside a
 * longest run of lanes kept in the same order. @places holds, for the
 * lanes of both documents in the old order, their places in the new. */
static void
find_moved (const guint *places,
            guint        n,
            gboolean    *moved)
{
  g_autofree guint *tails = g_new (guint, n + 1);    /* index ending a run of length k + 1 */
  g_autofree guint *previous = g_new (guint, n + 1);
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint low = 0, high = length;

      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (places[tails[middle]] < places[i])
            low = middle + 1;
          else
            high = middle;
        }
      previous[i] = low > 0 ? tails[low - 1] : G_MAXUINT;
      tails[low] = i;
      if (low == length)
        length++;
      moved[i] = TRUE;
    }

  for (guint i = length > 0 ? tails[length - 1] : G_MAXUINT; i != G_MAXUINT; i = previous[i])
    moved[i] = FALSE;
}

static void
diff_lanes (SlDiff *self)
{
  GListModel *old_list = sl_document_get_lanes (self->old_document);
  GListModel *new_list = sl_document_get_lanes (self->new_document);
  guint n_new = g_list_model_get_n_items (new_list);
  guint n_old = g_list_model_get_n_items (old_list);
  g_autofree guint *places = g_new (guint, n_old + 1);
  g_autofree guint *old_places = g_new (guint, n_old + 1);
  g_autofree gboolean *moved = g_new0 (gboolean, n_old + 1);
  g_autoptr(GHashTable) moved_ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_common = 0;

  for (guint i = 0; i < n_old; i++)
    {
      SlLane *lane = peek (old_list, i);
      SlLane *new_lane = sl_document_lookup_lane (self->new_document, element_id (lane));

      if (new_lane == NULL)
        continue;
      places[n_common] = sl_document_get_lane_position (self->new_document, new_lane);
      old_places[n_common] = i;
      n_common++;
    }
  find_moved (places, n_common, moved);
  for (guint i = 0; i < n_common; i++)
    if (moved[i])
      g_hash_table_add (moved_ids, (gpointer) element_id (peek (old_list, old_places[i])));

  for (guint i = 0; i < n_new; i++)
    {
      SlLane *lane = peek (new_list, i);
      const char *id = element_id (lane);
      SlLane *old = sl_document_lookup_lane (self->old_document, id);
      g_autofree char *name = shorten (sl_lane_get_name (lane));
      SlDiffItem *item;

      if (old == NULL)
        {
          add_item (self, SL_DIFF_ADDED, "lane", NULL, id, NULL,
                    /* Translators: a line of a diff: the lane's name and kind */
                    g_strdup_printf (_("Lane “%s” (%s) added"), name,
                                     sl_lane_kind_get_label (sl_lane_get_kind (lane))));
          continue;
        }

      if (g_strcmp0 (sl_lane_get_name (old), sl_lane_get_name (lane)) != 0)
        {
          g_autofree char *old_name = shorten (sl_lane_get_name (old));

          item = add_item (self, SL_DIFF_CHANGED, "lane", "name", id, NULL,
                           /* Translators: a line of a diff */
                           g_strdup_printf (_("Lane “%s” renamed to “%s”"), old_name, name));
          set_values (item, sl_lane_get_name (old), sl_lane_get_name (lane));
        }
      if (sl_lane_get_kind (old) != sl_lane_get_kind (lane))
        {
          item = add_item (self, SL_DIFF_CHANGED, "lane", "kind", id, NULL,
                           /* Translators: a line of a diff: a lane, then its old and new kinds */
                           g_strdup_printf (_("Lane “%s”: kind changed from %s to %s"), name,
                                            sl_lane_kind_get_label (sl_lane_get_kind (old)),
                                            sl_lane_kind_get_label (sl_lane_get_kind (lane))));
          set_values (item, sl_lane_kind_to_string (sl_lane_get_kind (old)),
                      sl_lane_kind_to_string (sl_lane_get_kind (lane)));
        }
      if (g_strcmp0 (element_id (sl_lane_get_aggregate (old)), element_id (sl_lane_get_aggregate (lane))) != 0)
        {
          g_autofree char *old_aggregate = aggregate_label (sl_lane_get_aggregate (old));
          g_autofree char *new_aggregate = aggregate_label (sl_lane_get_aggregate (lane));

          item = add_item (self, SL_DIFF_CHANGED, "lane", "aggregate", id, NULL,
                           /* Translators: a line of a diff; the aggregates are quoted, or "none" */
                           g_strdup_printf (_("Lane “%s”: aggregate changed from %s to %s"), name,
                                            old_aggregate, new_aggregate));
          set_values (item, element_id (sl_lane_get_aggregate (old)), element_id (sl_lane_get_aggregate (lane)));
        }
      if (g_hash_table_contains (moved_ids, id))
        {
          int old_place = sl_document_get_lane_position (self->old_document, old) + 1;
          g_autofree char *old_value = g_strdup_printf ("%d", old_place);
          g_autofree char *new_value = g_strdup_printf ("%u", i + 1);

          item = add_item (self, SL_DIFF_CHANGED, "lane", "order", id, NULL,
                           /* Translators: a line of a diff: a lane moved up or down the board;
                            * places count from 1 at the top */
                           g_strdup_printf (_("Lane “%s” moved from place %d to %u"), name, old_place, i + 1));
          set_values (item, old_value, new_value);
        }
    }

  for (guint i = 0; i < n_old; i++)
    {
      SlLane *lane = peek (old_list, i);

      if (sl_document_lookup_lane (self->new_document, element_id (lane)) == NULL)
        {
          g_autofree char *name = shorten (sl_lane_get_name (lane));

          add_item (self, SL_DIFF_REMOVED, "lane", NULL, element_id (lane), NULL,
                    /* Translators: a line of a diff */
                    g_strdup_printf (_("Lane “%s” removed"), name));
        }
    }
}

/* Slices */

static void
diff_slices (SlDiff *self)
{
  GListModel *old_list = sl_document_get_slices (self->old_document);
  GListModel *new_list = sl_document_get_slices (self->new_document);
  guint n_new = g_list_model_get_n_items (new_list);
  guint n_old = g_list_model_get_n_items (old_list);

  for (guint i = 0; i < n_new; i++)
    {
      SlSlice *slice = peek (new_list, i);
      const char *id = element_id (slice);
      SlElement *found = sl_document_lookup (self->old_document, id);
      g_autofree char *name = shorten (sl_slice_get_name (slice));
      SlSlice *old;
      SlDiffItem *item;

      if (!SL_IS_SLICE (found))
        {
          add_item (self, SL_DIFF_ADDED, "slice", NULL, id, NULL,
                    /* Translators: a line of a diff */
                    g_strdup_printf (_("Slice “%s” added"), name));
          continue;
        }

      old = SL_SLICE (found);
      if (g_strcmp0 (sl_slice_get_name (old), sl_slice_get_name (slice)) != 0)
        {
          g_autofree char *old_name = shorten (sl_slice_get_name (old));

          item = add_item (self, SL_DIFF_CHANGED, "slice", "name", id, NULL,
                           /* Translators: a line of a diff */
                           g_strdup_printf (_("Slice “%s” renamed to “%s”"), old_name, name));
          set_values (item, sl_slice_get_name (old), sl_slice_get_name (slice));
        }
      if (sl_slice_get_status (old) != sl_slice_get_status (slice))
        {
          item = add_item (self, SL_DIFF_CHANGED, "slice", "status", id, NULL,
                           /* Translators: a line of a diff: a slice, its old and new status */
                           g_strdup_printf (_("Slice “%s”: status changed from %s to %s"), name,
                                            sl_slice_status_get_label (sl_slice_get_status (old)),
                                            sl_slice_status_get_label (sl_slice_get_status (slice))));
          set_values (item, sl_slice_status_to_string (sl_slice_get_status (old)),
                      sl_slice_status_to_string (sl_slice_get_status (slice)));
        }
      if (sl_slice_get_x (old) != sl_slice_get_x (slice) || sl_slice_get_width (old) != sl_slice_get_width (slice))
        {
          g_autofree char *old_value = g_strdup_printf ("%d+%d", sl_slice_get_x (old), sl_slice_get_width (old));
          g_autofree char *new_value = g_strdup_printf ("%d+%d", sl_slice_get_x (slice), sl_slice_get_width (slice));

          item = add_item (self, SL_DIFF_CHANGED, "slice", "range", id, NULL,
                           /* Translators: a line of a diff: a slice's column on the board
                            * moved or changed its width */
                           g_strdup_printf (_("Slice “%s” moved or resized"), name));
          set_values (item, old_value, new_value);
        }
    }

  for (guint i = 0; i < n_old; i++)
    {
      SlSlice *slice = peek (old_list, i);

      if (!SL_IS_SLICE (sl_document_lookup (self->new_document, element_id (slice))))
        {
          g_autofree char *name = shorten (sl_slice_get_name (slice));

          add_item (self, SL_DIFF_REMOVED, "slice", NULL, element_id (slice), NULL,
                    /* Translators: a line of a diff */
                    g_strdup_printf (_("Slice “%s” removed"), name));
        }
    }
}

/* Fields */

static char *
flags_label (SlFieldFlags flags)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  /* Translators: the flags of a field, listed in a line of a diff */
  if (flags & SL_FIELD_GENERATED)
    g_ptr_array_add (words, (char *) C_("field flag", "generated"));
  if (flags & SL_FIELD_LIST)
    g_ptr_array_add (words, (char *) C_("field flag", "list"));
  if (flags & SL_FIELD_OPTIONAL)
    g_ptr_array_add (words, (char *) C_("field flag", "optional"));
  if (flags & SL_FIELD_DISPLAYED)
    g_ptr_array_add (words, (char *) C_("field flag", "displayed"));
  if (words->len == 0)
    return g_strdup (_("none"));
  g_ptr_array_add (words, NULL);

  /* Translators: the separator between the flags of a field in a diff */
  return g_strjoinv (C_("field flag", ", "), (char **) words->pdata);
}

static char *
flags_value (SlFieldFlags flags)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  if (flags & SL_FIELD_GENERATED)
    g_ptr_array_add (words, (char *) "generated");
  if (flags & SL_FIELD_LIST)
    g_ptr_array_add (words, (char *) "list");
  if (flags & SL_FIELD_OPTIONAL)
    g_ptr_array_add (words, (char *) "optional");
  if (flags & SL_FIELD_DISPLAYED)
    g_ptr_array_add (words, (char *) "displayed");
  g_ptr_array_add (words, NULL);

  return g_strjoinv (",", (char **) words->pdata);
}

static SlDiffItem *
add_field_item (SlDiff       *self,
                SlDiffAction  action,
                const char   *property,
                const char   *note_id,
                const char   *field,
                char         *text)
{
  SlDiffItem *item = add_item (self, action, "field", property, note_id, note_id, text);

  item->field = g_strdup (field);
  return item;
}

/* Compares a field kept (or renamed) in a note. */
static gboolean
diff_field (SlDiff     *self,
            SlNote     *note,
            const char *label,
            SlField    *old,
            SlField    *field)
{
  const char *id = element_id (note);
  const char *name = sl_field_get_name (field);
  g_autofree char *shown = shorten (name);
  gboolean changed = FALSE;
  SlDiffItem *item;

  if (g_strcmp0 (sl_field_get_name (old), name) != 0)
    {
      g_autofree char *old_name = shorten (sl_field_get_name (old));

      item = add_field_item (self, SL_DIFF_CHANGED, "name", id, name,
                             /* Translators: a line of a diff: a field, its note, its new name */
                             g_strdup_printf (_("Field “%s” of %s renamed to “%s”"), old_name, label, shown));
      set_values (item, sl_field_get_name (old), name);
      changed = TRUE;
    }
  if (sl_field_get_value_type (old) != sl_field_get_value_type (field))
    {
      const char *old_type = sl_field_type_to_string (sl_field_get_value_type (old));
      const char *new_type = sl_field_type_to_string (sl_field_get_value_type (field));

      item = add_field_item (self, SL_DIFF_CHANGED, "type", id, name,
                             /* Translators: a line of a diff: a field, its note, its old and new types */
                             g_strdup_printf (_("Field “%s” of %s: type changed from %s to %s"), shown, label,
                                              old_type, new_type));
      set_values (item, old_type, new_type);
      changed = TRUE;
    }
  if (g_strcmp0 (sl_field_get_mapping (old), sl_field_get_mapping (field)) != 0)
    {
      g_autofree char *old_mapping = quoted_or_none (sl_field_get_mapping (old));
      g_autofree char *new_mapping = quoted_or_none (sl_field_get_mapping (field));

      item = add_field_item (self, SL_DIFF_CHANGED, "mapping", id, name,
                             /* Translators: a line of a diff: a field, its note, the name of the
                              * field upstream it was and is mapped from (quoted, or "none") */
                             g_strdup_printf (_("Field “%s” of %s: mapping changed from %s to %s"), shown, label,
                                              old_mapping, new_mapping));
      set_values (item, sl_field_get_mapping (old), sl_field_get_mapping (field));
      changed = TRUE;
    }
  if (sl_field_get_flags (old) != sl_field_get_flags (field))
    {
      g_autofree char *old_flags = flags_label (sl_field_get_flags (old));
      g_autofree char *new_flags = flags_label (sl_field_get_flags (field));
      g_autofree char *old_value = flags_value (sl_field_get_flags (old));
      g_autofree char *new_value = flags_value (sl_field_get_flags (field));

      item = add_field_item (self, SL_DIFF_CHANGED, "flags", id, name,
                             /* Translators: a line of a diff: a field, its note, its old and new flags */
                             g_strdup_printf (_("Field “%s” of %s: flags changed from %s to %s"), shown, label,
                                              old_flags, new_flags));
      set_values (item, old_value, new_value);
      changed = TRUE;
    }
  if (g_strcmp0 (sl_field_get_example (old), sl_field_get_example (field)) != 0)
    {
      g_autofree char *old_example = quoted_or_none (sl_field_get_example (old));
      g_autofree char *new_example = quoted_or_none (sl_field_get_example (field));

      item = add_field_item (self, SL_DIFF_CHANGED, "example", id, name,
                             /* Translators: a line of a diff: a field, its note, its old and new
                              * example values (quoted, or "none") */
                             g_strdup_printf (_("Field “%s” of %s: example changed from %s to %s"), shown, label,
                                              old_example, new_example));
      set_values (item, sl_field_get_example (old), sl_field_get_example (field));
      changed = TRUE;
    }

  return changed;
}

static gboolean
fields_equal (SlNote *old,
              SlNote *note)
{
  guint n = sl_note_get_n_fields (note);

  if (sl_note_get_n_fields (old) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      SlField *a = sl_note_get_field (old, i);
      SlField *b = sl_note_get_field (note, i);

      if (g_strcmp0 (sl_field_get_name (a), sl_field_get_name (b)) != 0 ||
          sl_field_get_value_type (a) != sl_field_get_value_type (b) ||
          sl_field_get_flags (a) != sl_field_get_flags (b) ||
          g_strcmp0 (sl_field_get_mapping (a), sl_field_get_mapping (b)) != 0 ||
          g_strcmp0 (sl_field_get_example (a), sl_field_get_example (b)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Matches the fields of a note kept by name, then a field removed and one
 * added at the same place with the same type as one renamed. */
static gboolean
diff_fields (SlDiff  *self,
             SlNote  *old,
             SlNote  *note,
             char   **label_cache)
{
  guint n_old = sl_note_get_n_fields (old);
  guint n_new = sl_note_get_n_fields (note);
  g_autofree int *match = NULL;       /* for each new field, the old one, or -1 */
  g_autofree gboolean *taken = NULL;  /* for each old field */
  const char *id = element_id (note);
  gboolean changed = FALSE;
  const char *label;

  if (fields_equal (old, note))
    return FALSE;
  label = lazy_note_name (label_cache, note);

  match = g_new (int, n_new + 1);
  taken = g_new0 (gboolean, n_old + 1);
  for (guint i = 0; i < n_new; i++)
    {
      const char *name = sl_field_get_name (sl_note_get_field (note, i));

      match[i] = -1;
      for (guint j = 0; j < n_old; j++)
        if (!taken[j] && g_strcmp0 (sl_field_get_name (sl_note_get_field (old, j)), name) == 0)
          {
            match[i] = j;
            taken[j] = TRUE;
            break;
          }
    }
  for (guint i = 0; i < n_new && i < n_old; i++)
    if (match[i] == -1 && !taken[i] &&
        sl_field_get_value_type (sl_note_get_field (note, i)) ==
        sl_field_get_value_type (sl_note_get_field (old, i)))
      {
        match[i] = i;
        taken[i] = TRUE;
      }

  for (guint i = 0; i < n_new; i++)
    {
      SlField *field = sl_note_get_field (note, i);

      if (match[i] >= 0)
        changed |= diff_field (self, note, label, sl_note_get_field (old, match[i]), field);
      else
        {
          g_autofree char *shown = shorten (sl_field_get_name (field));
          const char *type = sl_field_type_to_string (sl_field_get_value_type (field));
          SlDiffItem *item;

          item = add_field_item (self, SL_DIFF_ADDED, NULL, id, sl_field_get_name (field),
                                 /* Translators: a line of a diff: a field, its note, its type */
                                 g_strdup_printf (_("Field “%s” added to %s (%s)"), shown, label, type));
          set_values (item, NULL, type);
          changed = TRUE;
        }
    }

  /* Fields kept, in another order: one item for the note. */
  for (guint i = 0, last = 0, seen = 0; i < n_new; i++)
    if (match[i] >= 0)
      {
        if (seen++ > 0 && (guint) match[i] < last)
          {
            add_field_item (self, SL_DIFF_CHANGED, "order", id, NULL,
                            /* Translators: a line of a diff: a note whose fields were put in
                             * another order */
                            g_strdup_printf (_("Fields of %s reordered"), label));
            changed = TRUE;
            break;
          }
        last = match[i];
      }

  for (guint j = 0; j < n_old; j++)
    if (!taken[j])
      {
        SlField *field = sl_note_get_field (old, j);
        g_autofree char *shown = shorten (sl_field_get_name (field));

        add_field_item (self, SL_DIFF_REMOVED, NULL, id, sl_field_get_name (field),
                        /* Translators: a line of a diff: a field, its note */
                        g_strdup_printf (_("Field “%s” removed from %s"), shown, label));
        changed = TRUE;
      }

  return changed;
}

/* Notes */

static char *
slice_label (SlSlice *slice)
{
  g_autofree char *name = NULL;

  if (slice == NULL)
    /* Translators: in a line of a diff, where a note stands in no slice */
    return g_strdup (_("no slice"));
  name = shorten (sl_slice_get_name (slice));
  /* Translators: a slice named in a line of a diff */
  return g_strdup_printf (_("slice “%s”"), name);
}

static gboolean
diff_note (SlDiff  *self,
           SlNote  *old,
           SlNote  *note,
           gboolean *moved_on_board)
{
  const char *id = element_id (note);
  g_autofree char *label = NULL;
  g_autofree char *old_label = NULL;
  SlSlice *old_slice = sl_document_get_note_slice (self->old_document, old);
  SlSlice *new_slice = sl_document_get_note_slice (self->new_document, note);
  gboolean changed = FALSE;
  gboolean placed = FALSE;
  SlDiffItem *item;

  if (g_strcmp0 (sl_note_get_text (old), sl_note_get_text (note)) != 0)
    {
      g_autofree char *text = shorten (sl_note_get_text (note));

      item = add_item (self, SL_DIFF_CHANGED, "note", "text", id, id,
                       /* Translators: a line of a diff: a note (its kind and old text), its new text */
                       g_strdup_printf (_("%s renamed to “%s”"), lazy_note_name (&old_label, old), text));
      set_values (item, sl_note_get_text (old), sl_note_get_text (note));
      changed = TRUE;
    }
  if (sl_note_get_kind (old) != sl_note_get_kind (note))
    {
      item = add_item (self, SL_DIFF_CHANGED, "note", "kind", id, id,
                       /* Translators: a line of a diff: a note (its old kind and text), then
                        * its new kind, as Event “Pay” is now a Command */
                       g_strdup_printf (_("%s is now a %s"), lazy_note_name (&old_label, old),
                                        sl_note_kind_get_label (sl_note_get_kind (note))));
      set_values (item, sl_note_kind_to_string (sl_note_get_kind (old)),
                  sl_note_kind_to_string (sl_note_get_kind (note)));
      changed = TRUE;
    }
  if (g_strcmp0 (element_id (sl_note_get_lane (old)), element_id (sl_note_get_lane (note))) != 0)
    {
      g_autofree char *old_lane = shorten (sl_lane_get_name (sl_note_get_lane (old)));
      g_autofree char *new_lane = shorten (sl_lane_get_name (sl_note_get_lane (note)));

      item = add_item (self, SL_DIFF_CHANGED, "note", "lane", id, id,
                       /* Translators: a line of a diff: a note, the lanes it moved between */
                       g_strdup_printf (_("%s moved from lane “%s” to lane “%s”"), lazy_note_name (&label, note),
                                        old_lane, new_lane));
      set_values (item, element_id (sl_note_get_lane (old)), element_id (sl_note_get_lane (note)));
      changed = placed = TRUE;
    }
  if (g_strcmp0 (element_id (old_slice), element_id (new_slice)) != 0)
    {
      g_autofree char *from = slice_label (old_slice);
      g_autofree char *to = slice_label (new_slice);

      item = add_item (self, SL_DIFF_CHANGED, "note", "slice", id, id,
                       /* Translators: a line of a diff: a note, the slices it moved between
                        * (as slice “Book Room”, or "no slice") */
                       g_strdup_printf (_("%s moved from %s to %s"), lazy_note_name (&label, note), from, to));
      set_values (item, element_id (old_slice), element_id (new_slice));
      changed = placed = TRUE;
    }
  if (sl_note_get_pivotal (old) != sl_note_get_pivotal (note))
    {
      item = add_item (self, SL_DIFF_CHANGED, "note", "pivotal", id, id,
                       sl_note_get_pivotal (note)
                       /* Translators: a line of a diff: a note */
                       ? g_strdup_printf (_("%s marked pivotal"), lazy_note_name (&label, note))
                       /* Translators: a line of a diff: a note */
                       : g_strdup_printf (_("%s no longer pivotal"), lazy_note_name (&label, note)));
      set_values (item, sl_note_get_pivotal (old) ? "true" : "false", sl_note_get_pivotal (note) ? "true" : "false");
      changed = TRUE;
    }
  if (g_strcmp0 (element_id (sl_note_get_aggregate (old)), element_id (sl_note_get_aggregate (note))) != 0)
    {
      g_autofree char *from = aggregate_label (sl_note_get_aggregate (old));
      g_autofree char *to = aggregate_label (sl_note_get_aggregate (note));

      item = add_item (self, SL_DIFF_CHANGED, "note", "aggregate", id, id,
                       /* Translators: a line of a diff: a note, its own aggregate before and
                        * after (quoted, or "none": then its lane's) */
                       g_strdup_printf (_("%s: aggregate changed from %s to %s"), lazy_note_name (&label, note),
                                        from, to));
      set_values (item, element_id (sl_note_get_aggregate (old)), element_id (sl_note_get_aggregate (note)));
      changed = TRUE;
    }

  changed |= diff_fields (self, old, note, &label);

  *moved_on_board = !placed && (sl_note_get_x (old) != sl_note_get_x (note) ||
                                sl_note_get_y (old) != sl_note_get_y (note));
  return changed;
}

static void
diff_notes (SlDiff *self)
{
  GListModel *old_list = sl_document_get_notes (self->old_document);
  GListModel *new_list = sl_document_get_notes (self->new_document);
  guint n_new = g_list_model_get_n_items (new_list);
  guint n_old = g_list_model_get_n_items (old_list);
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_new; i++)
    {
      SlNote *note = peek (new_list, i);
      const char *id = element_id (note);
      SlNote *old = sl_document_lookup_note (self->old_document, id);
      gboolean moved_on_board = FALSE;

      if (old == NULL)
        {
          g_autofree char *label = note_name (note);
          g_autofree char *lane = shorten (sl_lane_get_name (sl_note_get_lane (note)));
          SlSlice *slice = sl_document_get_note_slice (self->new_document, note);
          char *text;

          if (slice != NULL)
            {
              g_autofree char *slice_name = shorten (sl_slice_get_name (slice));

              /* Translators: a line of a diff: a note, its lane and slice */
              text = g_strdup_printf (_("%s added in lane “%s”, slice “%s”"), label, lane, slice_name);
            }
          else
            /* Translators: a line of a diff: a note, its lane */
            text = g_strdup_printf (_("%s added in lane “%s”"), label, lane);
          add_item (self, SL_DIFF_ADDED, "note", NULL, id, id, text);
          mark_note (self, id, SL_DIFF_ADDED);
          for (guint f = 0; f < sl_note_get_n_fields (note); f++)
            {
              SlField *field = sl_note_get_field (note, f);
              g_autofree char *shown = shorten (sl_field_get_name (field));
              const char *type = sl_field_type_to_string (sl_field_get_value_type (field));
              SlDiffItem *item;

              item = add_field_item (self, SL_DIFF_ADDED, NULL, id, sl_field_get_name (field),
                                     g_strdup_printf (_("Field “%s” added to %s (%s)"), shown, label, type));
              set_values (item, NULL, type);
            }
          continue;
        }

      if (diff_note (self, old, note, &moved_on_board))
        mark_note (self, id, SL_DIFF_CHANGED);
      else if (moved_on_board)
        g_ptr_array_add (moved, g_strdup (id));
    }

  if (moved->len > 0)
    {
      SlDiffItem *item;

      item = add_item (self, SL_DIFF_CHANGED, "note", "position", NULL, NULL,
                       /* Translators: a line of a diff: notes that only moved on the board,
                        * staying in their lanes and slices */
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note moved within its lane and slice",
                                                  "%u notes moved within their lanes and slices",
                                                  moved->len),
                                        moved->len));
      item->note_ids = g_steal_pointer (&moved);
    }

  for (guint i = 0; i < n_old; i++)
    {
      SlNote *note = peek (old_list, i);
      const char *id = element_id (note);

      if (sl_document_lookup_note (self->new_document, id) == NULL)
        {
          g_autofree char *label = note_name (note);

          add_item (self, SL_DIFF_REMOVED, "note", NULL, id, id,
                    /* Translators: a line of a diff: a note */
                    g_strdup_printf (_("%s removed"), label));
          mark_note (self, id, SL_DIFF_REMOVED);
          g_ptr_array_add (self->removed_notes, note);
        }
    }
}

/* Connections */

static gboolean
connections_equal (SlConnection *a,
                   SlConnection *b)
{
  return g_str_equal (element_id (sl_connection_get_source (a)), element_id (sl_connection_get_source (b))) &&
         g_str_equal (element_id (sl_connection_get_target (a)), element_id (sl_connection_get_target (b)));
}

static void
add_connection_item (SlDiff       *self,
                     SlDiffAction  action,
                     SlConnection *connection)
{
  SlNote *source = sl_connection_get_source (connection);
  SlNote *target = sl_connection_get_target (connection);
  g_autofree char *from = note_name (source);
  g_autofree char *to = note_name (target);
  SlDiffItem *item;

  item = add_item (self, action, "connection", NULL, element_id (connection), element_id (source),
                   action == SL_DIFF_ADDED
                   /* Translators: a line of a diff: the two notes of a connection */
                   ? g_strdup_printf (_("Connection from %s to %s added"), from, to)
                   /* Translators: a line of a diff: the two notes of a connection */
                   : g_strdup_printf (_("Connection from %s to %s removed"), from, to));
  set_values (item, element_id (source), element_id (target));
}

static void
diff_connections (SlDiff *self)
{
  GListModel *old_list = sl_document_get_connections (self->old_document);
  GListModel *new_list = sl_document_get_connections (self->new_document);
  guint n_new = g_list_model_get_n_items (new_list);
  guint n_old = g_list_model_get_n_items (old_list);

  for (guint i = 0; i < n_new; i++)
    {
      SlConnection *connection = peek (new_list, i);
      SlElement *old = sl_document_lookup (self->old_document, element_id (connection));

      if (!SL_IS_CONNECTION (old) || !connections_equal (SL_CONNECTION (old), connection))
        add_connection_item (self, SL_DIFF_ADDED, connection);
    }

  for (guint i = 0; i < n_old; i++)
    {
      SlConnection *connection = peek (old_list, i);
      SlElement *found = sl_document_lookup (self->new_document, element_id (connection));

      if (!SL_IS_CONNECTION (found) || !connections_equal (connection, SL_CONNECTION (found)))
        add_connection_item (self, SL_DIFF_REMOVED, connection);
    }
}

/* Scenarios */

static gboolean
steps_equal (SlScenario *a,
             SlScenario *b,
             SlStepPart  part)
{
  guint n = sl_scenario_get_n_steps (a, part);

  if (sl_scenario_get_n_steps (b, part) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      SlStep *x = sl_scenario_get_step (a, part, i);
      SlStep *y = sl_scenario_get_step (b, part, i);
      guint n_values = sl_step_get_n_values (x);

      if (!g_str_equal (element_id (sl_step_get_note (x)), element_id (sl_step_get_note (y))) ||
          sl_step_get_n_values (y) != n_values)
        return FALSE;
      for (guint v = 0; v < n_values; v++)
        if (g_strcmp0 (sl_step_get_value_name (x, v), sl_step_get_value_name (y, v)) != 0 ||
            g_strcmp0 (sl_step_get_value (x, v), sl_step_get_value (y, v)) != 0)
          return FALSE;
    }
  return TRUE;
}

/* The steps of a part as the listing and the JSON show them. */
static char *
describe_steps (SlScenario *scenario,
                SlStepPart  part)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
    {
      SlStep *step = sl_scenario_get_step (scenario, part, i);
      g_autofree char *label = note_name (sl_step_get_note (step));

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, label);
      for (guint v = 0; v < sl_step_get_n_values (step); v++)
        g_string_append_printf (out, "%s%s = %s", v == 0 ? ": " : ", ",
                                sl_step_get_value_name (step, v), sl_step_get_value (step, v));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
scenarios_equal (SlScenario *a,
                 SlScenario *b)
{
  if (!g_str_equal (element_id (sl_scenario_get_note (a)), element_id (sl_scenario_get_note (b))) ||
      g_strcmp0 (sl_scenario_get_title (a), sl_scenario_get_title (b)) != 0 ||
      g_strcmp0 (sl_scenario_get_error (a), sl_scenario_get_error (b)) != 0)
    return FALSE;
  for (SlStepPart part = SL_STEP_GIVEN; part < SL_N_STEP_PARTS; part++)
    if (!steps_equal (a, b, part))
      return FALSE;
  return TRUE;
}

static void
diff_scenarios (SlDiff *self)
{
  GListModel *old_list = sl_document_get_scenarios (self->old_document);
  GListModel *new_list = sl_document_get_scenarios (self->new_document);
  guint n_new = g_list_model_get_n_items (new_list);
  guint n_old = g_list_model_get_n_items (old_list);
  static const char *part_properties[] = { "given", "when", "then" };

  for (guint i = 0; i < n_new; i++)
    {
      SlScenario *scenario = peek (new_list, i);
      const char *id = element_id (scenario);
      SlElement *found = sl_document_lookup (self->old_document, id);
      SlNote *note = sl_scenario_get_note (scenario);
      const char *note_id = element_id (note);
      g_autofree char *label = NULL;
      g_autofree char *title = NULL;
      gboolean changed = FALSE;
      SlScenario *old;
      SlDiffItem *item;

      if (SL_IS_SCENARIO (found) && scenarios_equal (SL_SCENARIO (found), scenario))
        continue;

      label = note_name (note);
      title = shorten (sl_scenario_get_title (scenario));
      if (!SL_IS_SCENARIO (found))
        {
          add_item (self, SL_DIFF_ADDED, "scenario", NULL, id, note_id,
                    /* Translators: a line of a diff: a scenario's title, its note */
                    g_strdup_printf (_("Scenario “%s” of %s added"), title, label));
          if (sl_document_lookup_note (self->old_document, note_id) != NULL)
            mark_note (self, note_id, SL_DIFF_CHANGED);
          continue;
        }

      old = SL_SCENARIO (found);
      if (g_strcmp0 (element_id (sl_scenario_get_note (old)), note_id) != 0)
        {
          g_autofree char *old_label = note_name (sl_scenario_get_note (old));

          item = add_item (self, SL_DIFF_CHANGED, "scenario", "note", id, note_id,
                           /* Translators: a line of a diff: a scenario's title, the notes it
                            * specified before and now */
                           g_strdup_printf (_("Scenario “%s” moved from %s to %s"), title, old_label, label));
          set_values (item, element_id (sl_scenario_get_note (old)), note_id);
          changed = TRUE;
        }
      if (g_strcmp0 (sl_scenario_get_title (old), sl_scenario_get_title (scenario)) != 0)
        {
          g_autofree char *old_title = shorten (sl_scenario_get_title (old));

          item = add_item (self, SL_DIFF_CHANGED, "scenario", "title", id, note_id,
                           /* Translators: a line of a diff: a scenario's old title, its note,
                            * its new title */
                           g_strdup_printf (_("Scenario “%s” of %s renamed to “%s”"), old_title, label, title));
          set_values (item, sl_scenario_get_title (old), sl_scenario_get_title (scenario));
          changed = TRUE;
        }
      if (g_strcmp0 (sl_scenario_get_error (old), sl_scenario_get_error (scenario)) != 0)
        {
          g_autofree char *from = quoted_or_none (sl_scenario_get_error (old));
          g_autofree char *to = quoted_or_none (sl_scenario_get_error (scenario));

          item = add_item (self, SL_DIFF_CHANGED, "scenario", "error", id, note_id,
                           /* Translators: a line of a diff: a scenario, its note, the error it
                            * ends in before and after (quoted, or "none") */
                           g_strdup_printf (_("Scenario “%s” of %s: error changed from %s to %s"), title, label,
                                            from, to));
          set_values (item, sl_scenario_get_error (old), sl_scenario_get_error (scenario));
          changed = TRUE;
        }
      for (SlStepPart part = SL_STEP_GIVEN; part < SL_N_STEP_PARTS; part++)
        {
          g_autofree char *from = NULL;
          g_autofree char *to = NULL;
          char *text;

          if (steps_equal (old, scenario, part))
            continue;
          from = describe_steps (old, part);
          to = describe_steps (scenario, part);
          if (part == SL_STEP_GIVEN)
            /* Translators: a line of a diff: a scenario, its note; Given as in
             * Given/When/Then, translated as the inspector shows it */
            text = g_strdup_printf (_("Scenario “%s” of %s: Given changed"), title, label);
          else if (part == SL_STEP_WHEN)
            /* Translators: a line of a diff; When as in Given/When/Then */
            text = g_strdup_printf (_("Scenario “%s” of %s: When changed"), title, label);
          else
            /* Translators: a line of a diff; Then as in Given/When/Then */
            text = g_strdup_printf (_("Scenario “%s” of %s: Then changed"), title, label);
          item = add_item (self, SL_DIFF_CHANGED, "scenario", part_properties[part], id, note_id, text);
          set_values (item, from, to);
          changed = TRUE;
        }
      if (changed && sl_document_lookup_note (self->old_document, note_id) != NULL)
        mark_note (self, note_id, SL_DIFF_CHANGED);
    }

  for (guint i = 0; i < n_old; i++)
    {
      SlScenario *scenario = peek (old_list, i);
      const char *id = element_id (scenario);

      if (!SL_IS_SCENARIO (sl_document_lookup (self->new_document, id)))
        {
          SlNote *note = sl_scenario_get_note (scenario);
          g_autofree char *label = note_name (note);
          g_autofree char *title = shorten (sl_scenario_get_title (scenario));

          add_item (self, SL_DIFF_REMOVED, "scenario", NULL, id, element_id (note),
                    /* Translators: a line of a diff: a scenario's title, its note */
                    g_strdup_printf (_("Scenario “%s” of %s removed"), title, label));
          if (sl_document_lookup_note (self->new_document, element_id (note)) != NULL)
            mark_note (self, element_id (note), SL_DIFF_CHANGED);
        }
    }
}

/* The check */

/* A problem's identity across versions: its rule, what it is about (by
 * id) and its field; never its message, which quotes names. Problems are
 * their own keys, compared on these, so that counting tens of thousands
 * allocates nothing. */
static const char *
problem_about (SlProblem *problem)
{
  const char *about = sl_problem_get_note (problem) != NULL
                      ? element_id (sl_problem_get_note (problem))
                      : element_id (sl_problem_get_aggregate (problem));

  return about != NULL ? about : "";
}

static guint
problem_hash (gconstpointer key)
{
  SlProblem *problem = (SlProblem *) key;
  const char *field = sl_problem_get_field (problem);

  return g_str_hash (problem_about (problem)) * 31 + g_str_hash (sl_problem_get_rule (problem)) +
         (field != NULL ? g_str_hash (field) * 17 : 0);
}

static gboolean
problem_equal (gconstpointer a,
               gconstpointer b)
{
  SlProblem *x = (SlProblem *) a;
  SlProblem *y = (SlProblem *) b;

  return g_str_equal (problem_about (x), problem_about (y)) &&
         g_str_equal (sl_problem_get_rule (x), sl_problem_get_rule (y)) &&
         g_strcmp0 (sl_problem_get_field (x), sl_problem_get_field (y)) == 0;
}

static GHashTable *
count_problems (GPtrArray *problems)
{
  GHashTable *counts = g_hash_table_new (problem_hash, problem_equal);

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, problem));

      g_hash_table_replace (counts, problem, GUINT_TO_POINTER (count + 1));
    }

  return counts;
}

static char *
problem_place (SlProblem *problem)
{
  SlNote *note = sl_problem_get_note (problem);
  g_autofree char *place = NULL;
  g_autofree char *field = NULL;

  if (note != NULL)
    place = note_name (note);
  else if (sl_problem_get_aggregate (problem) != NULL)
    {
      g_autofree char *name = shorten (sl_aggregate_get_name (sl_problem_get_aggregate (problem)));

      /* Translators: an aggregate named in a line of a diff */
      place = g_strdup_printf (_("aggregate “%s”"), name);
    }
  else
    place = g_strdup (_("the model"));

  if (sl_problem_get_field (problem) == NULL)
    return g_steal_pointer (&place);
  field = shorten (sl_problem_get_field (problem));
  /* Translators: where a problem is, in a line of a diff: a field, its note */
  return g_strdup_printf (_("field “%s” of %s"), field, place);
}

/* Adds the problems of @problems that @others lacks, each key as many times
 * as it is missing there. */
static guint
diff_problems_one_way (SlDiff       *self,
                       GPtrArray    *problems,
                       GHashTable   *others,
                       SlDiffAction  action)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      gpointer key = NULL;
      gpointer count = NULL;
      g_autofree char *place = NULL;
      SlDiffItem *item;

      if (g_hash_table_lookup_extended (others, problem, &key, &count) && GPOINTER_TO_UINT (count) > 0)
        {
          g_hash_table_insert (others, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) - 1));
          continue;
        }

      place = problem_place (problem);
      item = add_item (self, action, "problem", sl_problem_get_rule (problem), NULL,
                       element_id (sl_problem_get_note (problem)),
                       action == SL_DIFF_ADDED
                       /* Translators: a line of a diff: the check finds a problem the old
                        * version did not have: its rule id, where, its message */
                       ? g_strdup_printf (_("New problem %s on %s: %s"), sl_problem_get_rule (problem), place,
                                          sl_problem_get_message (problem))
                       /* Translators: a line of a diff: a problem of the old version the
                        * check no longer finds: its rule id, where, its message */
                       : g_strdup_printf (_("Problem %s on %s is gone: %s"), sl_problem_get_rule (problem), place,
                                          sl_problem_get_message (problem)));
      item->field = g_strdup (sl_problem_get_field (problem));
      item->problem = sl_problem_ref (problem);
      n++;
    }

  return n;
}

static void
diff_check (SlDiff *self)
{
  g_autoptr(GPtrArray) old_problems = sl_check_run (self->old_document);
  g_autoptr(GPtrArray) new_problems = sl_check_run (self->new_document);
  g_autoptr(GHashTable) old_counts = count_problems (old_problems);
  g_autoptr(GHashTable) new_counts = count_problems (new_problems);

  self->n_problems_appeared = diff_problems_one_way (self, new_problems, old_counts, SL_DIFF_ADDED);
  self->n_problems_gone = diff_problems_one_way (self, old_problems, new_counts, SL_DIFF_REMOVED);
}

/* Public API */

/**
 * sl_diff_new:
 * @old_document: the version before
 * @new_document: the version after
 *
 * Compares two versions of a model in its terms, and what the check finds
 * in each. The diff keeps a reference to both documents; it describes
 * them as they were when it was made.
 *
 * Returns: (transfer full): the differences
 */
SlDiff *
sl_diff_new (SlDocument *old_document,
             SlDocument *new_document)
{
  SlDiff *self;

  g_return_val_if_fail (SL_IS_DOCUMENT (old_document), NULL);
  g_return_val_if_fail (SL_IS_DOCUMENT (new_document), NULL);

  self = g_new0 (SlDiff, 1);
  self->old_document = g_object_ref (old_document);
  self->new_document = g_object_ref (new_document);
  self->items = g_array_new (FALSE, FALSE, sizeof (SlDiffItem));
  g_array_set_clear_func (self->items, diff_item_clear);
  self->note_actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->removed_notes = g_ptr_array_new ();

  diff_model (self);
  diff_aggregates (self);
  diff_lanes (self);
  diff_slices (self);
  diff_notes (self);
  diff_connections (self);
  diff_scenarios (self);
  diff_check (self);

  return self;
}

void
sl_diff_free (SlDiff *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->items);
  g_hash_table_unref (self->note_actions);
  g_ptr_array_unref (self->removed_notes);
  g_object_unref (self->old_document);
  g_object_unref (self->new_document);
  g_free (self);
}

/**
 * sl_diff_is_empty:
 *
 * Returns: %TRUE when the two versions are the same model: nothing was
 *   added, removed or changed, not even a note's place on the board
 */
gboolean
sl_diff_is_empty (SlDiff *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->items->len == 0;
}

guint
sl_diff_get_n_items (SlDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

static SlDiffItem *
get_item (SlDiff *self,
          guint   i)
{
  return &g_array_index (self->items, SlDiffItem, i);
}

SlDiffAction
sl_diff_item_get_action (SlDiff *self,
                         guint   i)
{
  g_return_val_if_fail (self != NULL, SL_DIFF_CHANGED);
  g_return_val_if_fail (i < self->items->len, SL_DIFF_CHANGED);

  return get_item (self, i)->action;
}

/**
 * sl_diff_item_get_text:
 *
 * Returns: (transfer none): the item as one translated line, in model
 *   terms; names longer than a line are cut short
 */
const char *
sl_diff_item_get_text (SlDiff *self,
                       guint   i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->items->len, NULL);

  return get_item (self, i)->text;
}

/**
 * sl_diff_item_get_note_id:
 *
 * Returns: (nullable): the id of the note the item concerns (a note, one of
 *   its fields or scenarios, a connection's source, the note of a
 *   problem), or %NULL
 */
const char *
sl_diff_item_get_note_id (SlDiff *self,
                          guint   i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->items->len, NULL);

  return get_item (self, i)->note_id;
}

/**
 * sl_diff_get_note_action:
 * @action: (out) (optional): what happened to the note
 *
 * Says whether a note was added, removed or changed: its text, kind,
 * lane, slice, pivotal flag, aggregate, fields or scenarios. A note that
 * only moved within its lane and slice did not change.
 *
 * Returns: %FALSE when the note did not change
 */
gboolean
sl_diff_get_note_action (SlDiff       *self,
                         const char   *note_id,
                         SlDiffAction *action)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (note_id != NULL, FALSE);

  value = g_hash_table_lookup (self->note_actions, note_id);
  if (value == NULL)
    return FALSE;
  if (action != NULL)
    *action = GPOINTER_TO_INT (value) - 1;
  return TRUE;
}

/**
 * sl_diff_get_removed_notes:
 *
 * Returns: (transfer container) (element-type SlNote): the notes of the old
 *   document that the new one lacks, in the old document's order
 */
GPtrArray *
sl_diff_get_removed_notes (SlDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_ptr_array_copy (self->removed_notes, NULL, NULL);
}

const char *
sl_diff_action_to_string (SlDiffAction action)
{
  switch (action)
    {
    case SL_DIFF_ADDED:   return "added";
    case SL_DIFF_REMOVED: return "removed";
    case SL_DIFF_CHANGED: return "changed";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * sl_diff_to_text:
 *
 * Returns: (transfer full): one line per item, each marked "+" (added),
 *   "-" (removed) or "~" (changed), its model text shown, never acted on
 *   by a terminal; empty when nothing changed
 */
char *
sl_diff_to_text (SlDiff *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      SlDiffItem *item = get_item (self, i);
      g_autofree char *escaped = sl_text_escape_controls (item->text);
      static const char marks[] = { '+', '-', '~' };

      g_string_append_printf (out, "%c %s\n", marks[item->action], escaped);
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
 * sl_diff_to_json:
 *
 * Returns: (transfer full): one JSON object, on one line: `same`, the
 *   `changes` in order (each with its `action`, `element`, `property`,
 *   `id`, `note`, `field`, `old`, `new` and `text`; a problem with its
 *   `rule`, `severity` and `message`), and the count of `problems` that
 *   appeared and went away
 */
char *
sl_diff_to_json (SlDiff *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "same");
  json_builder_add_boolean_value (builder, self->items->len == 0);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      SlDiffItem *item = get_item (self, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "action", sl_diff_action_to_string (item->action));
      add_string_member (builder, "element", item->element);
      if (item->problem != NULL)
        {
          add_string_member (builder, "rule", sl_problem_get_rule (item->problem));
          add_string_member (builder, "severity", sl_severity_to_string (sl_problem_get_severity (item->problem)));
          add_string_member (builder, "note", item->note_id);
          add_string_member (builder, "aggregate", element_id (sl_problem_get_aggregate (item->problem)));
          add_string_member (builder, "field", item->field);
          add_string_member (builder, "message", sl_problem_get_message (item->problem));
        }
      else
        {
          add_string_member (builder, "property", item->property);
          add_string_member (builder, "id", item->id);
          add_string_member (builder, "note", item->note_id);
          add_string_member (builder, "field", item->field);
          add_string_member (builder, "old", item->old_value);
          add_string_member (builder, "new", item->new_value);
        }
      if (item->note_ids != NULL)
        {
          json_builder_set_member_name (builder, "notes");
          json_builder_begin_array (builder);
          for (guint n = 0; n < item->note_ids->len; n++)
            json_builder_add_string_value (builder, g_ptr_array_index (item->note_ids, n));
          json_builder_end_array (builder);
        }
      add_string_member (builder, "text", item->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "appeared");
  json_builder_add_int_value (builder, self->n_problems_appeared);
  json_builder_set_member_name (builder, "gone");
  json_builder_add_int_value (builder, self->n_problems_gone);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return g_string_free (sl_json_output_generate (builder, FALSE), FALSE);
}

/* The listing */

static void
append_line (GString    *out,
             int         indent,
             const char *line)
{
  g_autofree char *escaped = sl_text_escape_controls (line);

  g_string_append_printf (out, "%*s%s\n", indent, "", escaped);
}

static char *
full_note_name (SlNote *note)
{
  return g_strdup_printf (_("%s “%s”"), sl_note_kind_get_label (sl_note_get_kind (note)), sl_note_get_text (note));
}

static void
describe_field (GString *out,
                SlField *field)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *flags = NULL;

  /* Translators: a field in the listing of a model: its name and type */
  g_string_append_printf (line, _("Field “%s”: %s"), sl_field_get_name (field),
                          sl_field_type_to_string (sl_field_get_value_type (field)));
  if (sl_field_get_flags (field) != 0)
    {
      flags = flags_label (sl_field_get_flags (field));
      g_string_append_printf (line, ", %s", flags);
    }
  if (sl_field_get_mapping (field) != NULL)
    /* Translators: in the listing of a model: the field upstream a field is mapped from */
    g_string_append_printf (line, _(", mapped from “%s”"), sl_field_get_mapping (field));
  if (sl_field_get_example (field) != NULL)
    /* Translators: in the listing of a model: a field's example value */
    g_string_append_printf (line, _(", example “%s”"), sl_field_get_example (field));
  append_line (out, 2, line->str);
}

/**
 * sl_diff_describe_document:
 *
 * Lists a model in the terms of a diff, one element a line in model order
 * (the model's title and description, aggregates, lanes, slices, notes
 * with their fields, connections, scenarios with their steps, and the
 * problems the check finds), without places on the board: two versions
 * that differ only by where notes stand within their lanes and slices
 * list the same. Git's textconv diffs these lines.
 *
 * Returns: (transfer full): the listing
 */
char *
sl_diff_describe_document (SlDocument *document)
{
  GString *out;
  GListModel *list;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  out = g_string_new (NULL);
  {
    g_autofree char *line = NULL;

    /* Translators: the first line of the listing of a model */
    line = g_strdup_printf (_("Title: %s"), sl_document_get_title (document) ? sl_document_get_title (document) : "");
    append_line (out, 0, line);
    if (sl_document_get_description (document) != NULL && *sl_document_get_description (document) != '\0')
      {
        g_autofree char *description = NULL;

        /* Translators: a line of the listing of a model */
        description = g_strdup_printf (_("Description: %s"), sl_document_get_description (document));
        append_line (out, 0, description);
      }
  }

  list = sl_document_get_aggregates (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autofree char *line = NULL;

      /* Translators: a line of the listing of a model */
      line = g_strdup_printf (_("Aggregate “%s”"), sl_aggregate_get_name (peek (list, i)));
      append_line (out, 0, line);
    }

  list = sl_document_get_lanes (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlLane *lane = peek (list, i);
      g_autofree char *line = NULL;

      if (sl_lane_get_aggregate (lane) != NULL)
        /* Translators: a line of the listing of a model: a lane's name, kind, aggregate */
        line = g_strdup_printf (_("Lane “%s” (%s), aggregate “%s”"), sl_lane_get_name (lane),
                                sl_lane_kind_get_label (sl_lane_get_kind (lane)),
                                sl_aggregate_get_name (sl_lane_get_aggregate (lane)));
      else
        /* Translators: a line of the listing of a model: a lane's name and kind */
        line = g_strdup_printf (_("Lane “%s” (%s)"), sl_lane_get_name (lane),
                                sl_lane_kind_get_label (sl_lane_get_kind (lane)));
      append_line (out, 0, line);
    }

  list = sl_document_get_slices (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlSlice *slice = peek (list, i);
      g_autofree char *line = NULL;

      /* Translators: a line of the listing of a model: a slice's name and status */
      line = g_strdup_printf (_("Slice “%s” (%s)"), sl_slice_get_name (slice),
                              sl_slice_status_get_label (sl_slice_get_status (slice)));
      append_line (out, 0, line);
    }

  list = sl_document_get_notes (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlNote *note = peek (list, i);
      SlSlice *slice = sl_document_get_note_slice (document, note);
      g_autofree char *name = full_note_name (note);
      g_autoptr(GString) line = g_string_new (name);

      /* Translators: in the listing of a model: the lane a note stands in */
      g_string_append_printf (line, _(" in lane “%s”"), sl_lane_get_name (sl_note_get_lane (note)));
      if (slice != NULL)
        /* Translators: in the listing of a model: the slice a note stands in */
        g_string_append_printf (line, _(", slice “%s”"), sl_slice_get_name (slice));
      if (sl_note_get_pivotal (note))
        /* Translators: in the listing of a model: a pivotal event */
        g_string_append (line, _(", pivotal"));
      if (sl_note_get_aggregate (note) != NULL)
        /* Translators: in the listing of a model: a note's own aggregate */
        g_string_append_printf (line, _(", aggregate “%s”"), sl_aggregate_get_name (sl_note_get_aggregate (note)));
      append_line (out, 0, line->str);
      for (guint f = 0; f < sl_note_get_n_fields (note); f++)
        describe_field (out, sl_note_get_field (note, f));
    }

  list = sl_document_get_connections (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlConnection *connection = peek (list, i);
      g_autofree char *from = full_note_name (sl_connection_get_source (connection));
      g_autofree char *to = full_note_name (sl_connection_get_target (connection));
      g_autofree char *line = NULL;

      /* Translators: a line of the listing of a model: the two notes of a connection */
      line = g_strdup_printf (_("Connection from %s to %s"), from, to);
      append_line (out, 0, line);
    }

  list = sl_document_get_scenarios (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlScenario *scenario = peek (list, i);
      g_autofree char *label = full_note_name (sl_scenario_get_note (scenario));
      g_autofree char *line = NULL;
      const char *parts[] = { _("Given"), _("When"), _("Then") };

      /* Translators: a line of the listing of a model: a scenario's title, its note */
      line = g_strdup_printf (_("Scenario “%s” of %s"), sl_scenario_get_title (scenario), label);
      append_line (out, 0, line);
      for (SlStepPart part = SL_STEP_GIVEN; part < SL_N_STEP_PARTS; part++)
        for (guint s = 0; s < sl_scenario_get_n_steps (scenario, part); s++)
          {
            SlStep *step = sl_scenario_get_step (scenario, part, s);
            g_autofree char *step_note = full_note_name (sl_step_get_note (step));
            g_autoptr(GString) step_line = g_string_new (NULL);

            g_string_append_printf (step_line, "%s %s", parts[part], step_note);
            for (guint v = 0; v < sl_step_get_n_values (step); v++)
              g_string_append_printf (step_line, "%s%s = %s", v == 0 ? ": " : ", ",
                                      sl_step_get_value_name (step, v), sl_step_get_value (step, v));
            append_line (out, 2, step_line->str);
          }
      if (sl_scenario_get_error (scenario) != NULL)
        {
          g_autofree char *error_line = NULL;

          /* Translators: in the listing of a model: the error a scenario ends in */
          error_line = g_strdup_printf (_("Error “%s”"), sl_scenario_get_error (scenario));
          append_line (out, 2, error_line);
        }
    }

  problems = sl_check_run (document);
  if (problems->len > 0)
    /* Translators: the heading of the check's problems in the listing of a model */
    append_line (out, 0, _("Problems:"));
  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *place = problem_place (problem);
      g_autofree char *line = NULL;

      line = g_strdup_printf ("%s %s: %s", sl_severity_to_string (sl_problem_get_severity (problem)),
                              sl_problem_get_rule (problem), place);
      append_line (out, 2, line);
    }

  return g_string_free (out, FALSE);
}
