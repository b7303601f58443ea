/* sl-eventmodelers.c: the JSON format of the eventmodelers toolkit
 *
 * The most used Event Modeling tool exports a model as slices, each with
 * its commands, events, read models, screens, processors (automations) and
 * specifications; elements name each other in "dependencies". Import lays
 * such a model out on lanes (screens per actor, automations, commands and
 * views, events per aggregate) with the slices as columns in their order,
 * and keeps each element's id as its note's id. Real exports are messy:
 * whatever cannot be used is reported as a warning, never dropped in
 * silence. Export writes what the format can carry and reports the rest.
 * Import reads with the strict reader of sl-json.c, as all input does;
 * export builds its JSON with json-glib, as all JSON for other programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sl-aggregate.h"
#include "sl-connection.h"
#include "sl-document-private.h"
#include "sl-element-list.h"
#include "sl-element-private.h"
#include "sl-eventmodelers.h"
#include "sl-field-private.h"
#include "sl-format-private.h"
#include "sl-history.h"
#include "sl-json.h"
#include "sl-json-output.h"
#include "sl-lane.h"
#include "sl-note-private.h"
#include "sl-scenario.h"
#include "sl-slice.h"
#include "sl-step.h"

#define SLICE_WIDTH 240
#define NOTE_OFFSET 40
#define STACK_STEP 120

static const struct {
  const char *list;   /* the slice's key */
  const char *type;   /* the element's "type" */
  SlNoteKind kind;
} element_lists[] = {
  { "screens", "SCREEN", SL_NOTE_SCREEN },
  { "processors", "AUTOMATION", SL_NOTE_AUTOMATION },
  { "commands", "COMMAND", SL_NOTE_COMMAND },
  { "readmodels", "READMODEL", SL_NOTE_VIEW },
  { "events", "EVENT", SL_NOTE_EVENT },
};

typedef struct
{
  SlDocument *document;
  GPtrArray *warnings;
  GHashTable *notes;          /* element id -> SlNote */
  GHashTable *shortened;      /* element id too long for a note -> SlNote */
  GHashTable *aggregates;     /* name -> SlAggregate */
  GHashTable *actor_lanes;    /* actor name -> SlLane */
  GHashTable *aggregate_lanes;/* aggregate name -> SlLane */
  SlLane *screen_lane;
  SlLane *automation_lane;
  SlLane *interaction_lane;
  SlLane *event_lane;
} Importer;

G_GNUC_PRINTF (2, 3)
static void
warn (Importer   *importer,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (importer->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The note made of the element whose id is @id in the file. */
static SlNote *
find_note (Importer   *importer,
           const char *id)
{
  SlNote *note;

  if (id == NULL)
    return NULL;
  note = g_hash_table_lookup (importer->shortened, id);
  return note != NULL ? note : g_hash_table_lookup (importer->notes, id);
}

static gboolean
id_is_taken (Importer   *importer,
             const char *id)
{
  return g_hash_table_contains (importer->notes, id) ||
         sl_document_lookup (importer->document, id) != NULL;
}

/* An id the native format holds for an element id longer than it allows:
 * its start and a digest of the whole, so that ids that differ only after
 * the cut stay apart and the same file always imports to the same ids. */
static char *
shorten_id (const char *id)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
  const char *cut = g_utf8_offset_to_pointer (id, SL_FORMAT_MAX_ID_LENGTH - 13);

  return g_strdup_printf ("%.*s-%.12s", (int) (cut - id), id, digest);
}

/* The member @key of @object, if @object is an object at all: real
 * exports put anything anywhere. */
static SlJsonNode *
member (SlJsonNode *object,
        const char *key)
{
  if (object == NULL || sl_json_node_get_type (object) != SL_JSON_OBJECT)
    return NULL;
  return sl_json_object_get (object, key);
}

static const char *
get_string (SlJsonNode *object,
            const char *key)
{
  SlJsonNode *node = member (object, key);

  return node && sl_json_node_get_type (node) == SL_JSON_STRING ? sl_json_node_get_string (node) : NULL;
}

static gboolean
get_boolean (SlJsonNode *object,
             const char *key)
{
  SlJsonNode *node = member (object, key);

  return node && sl_json_node_get_type (node) == SL_JSON_BOOLEAN && sl_json_node_get_boolean (node);
}

static guint
list_length (SlJsonNode *object,
             const char *key)
{
  SlJsonNode *node = member (object, key);

  return node && sl_json_node_get_type (node) == SL_JSON_ARRAY ? sl_json_node_get_length (node) : 0;
}

/* The @index-th object of the list @key of @object, or NULL. */
static SlJsonNode *
list_object (SlJsonNode *object,
             const char *key,
             guint       index)
{
  SlJsonNode *item = sl_json_array_get (member (object, key), index);

  return sl_json_node_get_type (item) == SL_JSON_OBJECT ? item : NULL;
}

static const char *
element_label (SlJsonNode *element)
{
  const char *title = get_string (element, "title");

  return title && *title ? title : get_string (element, "id") ? get_string (element, "id") : "?";
}

static SlAggregate *
ensure_aggregate (Importer   *importer,
                  const char *name)
{
  SlAggregate *aggregate = g_hash_table_lookup (importer->aggregates, name);

  if (aggregate == NULL)
    {
      aggregate = sl_document_add_aggregate (importer->document, name);
      g_hash_table_insert (importer->aggregates, g_strdup (name), aggregate);
    }
  return aggregate;
}

/* The first actor named by @slice. */
static const char *
slice_actor (SlJsonNode *slice)
{
  for (guint i = 0; i < list_length (slice, "actors"); i++)
    {
      const char *name = get_string (list_object (slice, "actors", i), "name");

      if (name && *name)
        return name;
    }
  return NULL;
}

/* Lanes, top to bottom: actors, automations, commands and views, then one
 * lane of events per aggregate and one for events of none. */
static void
create_lanes (Importer   *importer,
              SlJsonNode *root)
{
  SlJsonNode *slices = sl_json_object_get (root, "slices");
  g_autoptr(GPtrArray) aggregate_names = g_ptr_array_new ();
  gboolean screens_without_actor = FALSE, processors = FALSE, interaction = FALSE, loose_events = FALSE;

  for (guint i = 0; i < list_length (root, "aggregates"); i++)
    {
      const char *name = get_string (list_object (root, "aggregates", i), "title");

      if (name && *name && !g_ptr_array_find_with_equal_func (aggregate_names, name, g_str_equal, NULL))
        g_ptr_array_add (aggregate_names, (char *) name);
    }

  for (guint i = 0; i < sl_json_node_get_length (slices); i++)
    {
      SlJsonNode *slice = sl_json_array_get (slices, i);
      const char *actor;

      if (sl_json_node_get_type (slice) != SL_JSON_OBJECT)
        continue;

      actor = slice_actor (slice);
      if (list_length (slice, "screens") > 0)
        {
          if (actor == NULL)
            screens_without_actor = TRUE;
          else if (!g_hash_table_contains (importer->actor_lanes, actor))
            g_hash_table_insert (importer->actor_lanes, g_strdup (actor),
                                 sl_document_add_lane (importer->document, SL_LANE_ACTOR, actor, -1));
        }
      processors |= list_length (slice, "processors") > 0;
      interaction |= list_length (slice, "commands") + list_length (slice, "readmodels") > 0;

      for (guint j = 0; j < list_length (slice, "events"); j++)
        {
          const char *name = get_string (list_object (slice, "events", j), "aggregate");

          if (name == NULL || *name == 0)
            loose_events = TRUE;
          else if (!g_ptr_array_find_with_equal_func (aggregate_names, name, g_str_equal, NULL))
            g_ptr_array_add (aggregate_names, (char *) name);
        }
    }

  if (screens_without_actor)
    importer->screen_lane = sl_document_add_lane (importer->document, SL_LANE_ACTOR, _("Screens"), -1);
  if (processors)
    importer->automation_lane = sl_document_add_lane (importer->document, SL_LANE_AUTOMATION, _("Automations"), -1);
  if (interaction)
    importer->interaction_lane = sl_document_add_lane (importer->document, SL_LANE_INTERACTION,
                                                       _("Commands and views"), -1);

  for (guint i = 0; i < aggregate_names->len; i++)
    {
      const char *name = g_ptr_array_index (aggregate_names, i);
      SlLane *lane = sl_document_add_lane (importer->document, SL_LANE_EVENTS, name, -1);

      sl_document_set_lane_aggregate (importer->document, lane, ensure_aggregate (importer, name));
      g_hash_table_insert (importer->aggregate_lanes, g_strdup (name), lane);
    }

  if (loose_events)
    importer->event_lane = sl_document_add_lane (importer->document, SL_LANE_EVENTS, _("Events"), -1);
}

/* The lane made above for a note: the board's rule for its kind, narrowed
 * to the actor of its slice or the aggregate of its element. */
static SlLane *
lane_for (Importer   *importer,
          SlNoteKind  kind,
          SlJsonNode *slice,
          SlJsonNode *element)
{
  const char *name;

  switch (sl_note_kind_get_lane_kind (kind))
    {
    case SL_LANE_ACTOR:
      name = slice_actor (slice);
      return name ? g_hash_table_lookup (importer->actor_lanes, name) : importer->screen_lane;
    case SL_LANE_AUTOMATION:
      return importer->automation_lane;
    case SL_LANE_INTERACTION:
      return importer->interaction_lane;
    default:
      name = get_string (element, "aggregate");
      return name && *name ? g_hash_table_lookup (importer->aggregate_lanes, name) : importer->event_lane;
    }
}

static void
import_fields (Importer   *importer,
               SlNote     *note,
               SlJsonNode *element)
{
  for (guint i = 0; i < list_length (element, "fields"); i++)
    {
      SlJsonNode *field = list_object (element, "fields", i);
      const char *name = get_string (field, "name");
      const char *type_name = get_string (field, "type");
      const char *cardinality = get_string (field, "cardinality");
      SlJsonNode *example = member (field, "example");
      g_autoptr(SlField) imported = NULL;
      SlFieldType type = SL_FIELD_STRING;
      SlFieldFlags flags = 0;

      if (name == NULL || *name == 0)
        {
          warn (importer, _("“%s”: field %u has no name and is left out"), element_label (element), i + 1);
          continue;
        }

      if (type_name != NULL && !sl_field_type_from_string (type_name, &type))
        warn (importer, _("“%s”, field “%s”: unknown type “%s”, read as String"),
              element_label (element), name, type_name);

      if (g_strcmp0 (cardinality, "List") == 0)
        flags |= SL_FIELD_LIST;
      else if (cardinality != NULL && g_strcmp0 (cardinality, "Single") != 0)
        warn (importer, _("“%s”, field “%s”: unknown cardinality “%s”, read as Single"),
              element_label (element), name, cardinality);
      if (get_boolean (field, "generated"))
        flags |= SL_FIELD_GENERATED;
      if (get_boolean (field, "optional"))
        flags |= SL_FIELD_OPTIONAL;

      if (list_length (field, "subfields") > 0)
        warn (importer, _("“%s”, field “%s”: its subfields are not kept"), element_label (element), name);
      if (example != NULL && sl_json_node_get_type (example) == SL_JSON_OBJECT)
        warn (importer, _("“%s”, field “%s”: a structured example is not kept"), element_label (element), name);

      imported = _sl_field_new (name, type);
      _sl_field_set_flags (imported, flags);
      _sl_field_set_mapping (imported, get_string (field, "mapping"));
      _sl_field_set_example (imported, get_string (field, "example"));
      _sl_note_insert_field (note, sl_note_get_n_fields (note), imported);
    }
}

static void
import_elements (Importer   *importer,
                 SlJsonNode *root)
{
  SlJsonNode *slices = sl_json_object_get (root, "slices");
  g_autoptr(GHashTable) slice_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sl_json_node_get_length (slices); i++)
    {
      SlJsonNode *slice = sl_json_array_get (slices, i);
      g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GHashTable) stacked = g_hash_table_new (NULL, NULL); /* lane -> notes so far */
      const char *title, *status_name, *slice_type;
      SlSliceStatus status = SL_SLICE_PLANNED;
      SlSlice *column;

      if (sl_json_node_get_type (slice) != SL_JSON_OBJECT)
        {
          warn (importer, _("slice %u is not an object and is left out"), i + 1);
          continue;
        }

      /* Columns side by side would leave the board, which the file
       * format refuses to read back */
      if ((gint64) i * SLICE_WIDTH + NOTE_OFFSET > SL_COORD_MAX)
        {
          warn (importer, g_dngettext (GETTEXT_PACKAGE,
                                       "the model has more than %u slice: the slices from %u on are left out",
                                       "the model has more than %u slices: the slices from %u on are left out",
                                       i),
                i, i + 1);
          break;
        }

      title = get_string (slice, "title");
      if (title == NULL || *title == 0)
        warn (importer, _("slice %u has no title"), i + 1);
      status_name = get_string (slice, "status");
      if (g_strcmp0 (status_name, "Done") == 0)
        status = SL_SLICE_DONE;
      else if (g_strcmp0 (status_name, "InProgress") == 0)
        status = SL_SLICE_IN_PROGRESS;
      else if (status_name != NULL && g_strcmp0 (status_name, "Created") != 0)
        warn (importer, _("slice “%s”: unknown status “%s”, read as planned"), title ? title : "", status_name);
      slice_type = get_string (slice, "sliceType");
      if (slice_type != NULL && !g_strv_contains ((const char * const[]) { "STATE_CHANGE", "STATE_VIEW", "AUTOMATION", NULL }, slice_type))
        warn (importer, _("slice “%s”: unknown slice type “%s”"), title ? title : "", slice_type);

      column = sl_document_add_slice (importer->document, title ? title : "", i * SLICE_WIDTH, SLICE_WIDTH);
      sl_document_set_slice_status (importer->document, column, status);

      for (guint l = 0; l < G_N_ELEMENTS (element_lists); l++)
        for (guint j = 0; j < list_length (slice, element_lists[l].list); j++)
          {
            SlJsonNode *element = list_object (slice, element_lists[l].list, j);
            const char *id = get_string (element, "id");
            const char *element_title = get_string (element, "title");
            SlNoteKind kind = element_lists[l].kind;
            g_autofree char *new_id = NULL;
            g_autofree char *short_id = NULL;
            const char *file_id;
            SlLane *lane;
            SlNote *note;
            guint stack;

            if (element == NULL)
              {
                warn (importer, _("slice “%s”: an item of “%s” is not an object and is left out"),
                      title ? title : "", element_lists[l].list);
                continue;
              }

            if (find_note (importer, id) != NULL)
              {
                warn (importer, _("“%s” (id %s) stands in slice “%s” and again in “%s”: it is kept in the first"),
                      element_label (element), id, (char *) g_hash_table_lookup (slice_of, id), title ? title : "");
                continue;
              }

            file_id = id;
            if (id != NULL && g_utf8_strlen (id, -1) > SL_FORMAT_MAX_ID_LENGTH)
              {
                short_id = shorten_id (id);
                /* Translators: the first %s is a note, the second a slice, the last the shortened id */
                warn (importer, g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” in slice “%s” has an id longer than %d character: it is shortened to %s",
                                             "“%s” in slice “%s” has an id longer than %d characters: it is shortened to %s",
                                             SL_FORMAT_MAX_ID_LENGTH),
                      element_label (element), title ? title : "", SL_FORMAT_MAX_ID_LENGTH, short_id);
                id = id_is_taken (importer, short_id) ? NULL : short_id;
              }

            if (id == NULL || *id == 0 || sl_document_lookup (importer->document, id) != NULL)
              {
                warn (importer, _("“%s” in slice “%s” has no usable id: it gets a new one"),
                      element_label (element), title ? title : "");
                for (guint n = 0; new_id == NULL || id_is_taken (importer, new_id); n++)
                  {
                    g_free (new_id);
                    new_id = g_strdup_printf ("imported-%u-%s-%u-%u", i, element_lists[l].list, j, n);
                  }
                id = new_id;
                file_id = new_id;
              }

            if (element_title == NULL || *element_title == 0)
              warn (importer, _("%s %s in slice “%s” has no title"), element_lists[l].type, id, title ? title : "");

            lane = lane_for (importer, kind, slice, element);
            stack = GPOINTER_TO_UINT (g_hash_table_lookup (stacked, lane));
            if ((gint64) stack * STACK_STEP > SL_COORD_MAX)
              {
                /* Translators: the first %s is a note, the second a slice */
                warn (importer, g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” in slice “%s” does not fit below the %u note before it and is left out",
                                             "“%s” in slice “%s” does not fit below the %u notes before it and is left out",
                                             stack),
                      element_label (element), title ? title : "", stack);
                continue;
              }
            g_hash_table_insert (stacked, lane, GUINT_TO_POINTER (stack + 1));

            note = _sl_note_new (g_strdup (id), kind, lane);
            _sl_note_set_text (note, element_title);
            _sl_note_set_position (note, lane, i * SLICE_WIDTH + NOTE_OFFSET, stack * STACK_STEP);
            if (kind == SL_NOTE_COMMAND && get_string (element, "aggregate") != NULL && *get_string (element, "aggregate"))
              _sl_note_set_aggregate (note, ensure_aggregate (importer, get_string (element, "aggregate")));
            import_fields (importer, note, element);

            g_ptr_array_add (loaded, note);
            g_hash_table_insert (importer->notes, (char *) sl_element_get_id (SL_ELEMENT (note)), note);
            if (id == short_id)
              g_hash_table_insert (importer->shortened, (char *) file_id, note);
            g_hash_table_insert (slice_of, (char *) file_id, (char *) (title ? title : ""));
          }

      _sl_document_take_loaded (importer->document, g_steal_pointer (&loaded));
    }
}

static void
import_dependencies (Importer   *importer,
                     SlJsonNode *root)
{
  SlJsonNode *slices = sl_json_object_get (root, "slices");
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sl_json_node_get_length (slices); i++)
    {
      SlJsonNode *slice = sl_json_array_get (slices, i);

      for (guint l = 0; l < G_N_ELEMENTS (element_lists); l++)
        for (guint j = 0; j < list_length (slice, element_lists[l].list); j++)
          {
            SlJsonNode *element = list_object (slice, element_lists[l].list, j);
            SlNote *note = find_note (importer, get_string (element, "id"));

            if (note == NULL)
              continue;

            for (guint d = 0; d < list_length (element, "dependencies"); d++)
              {
                SlJsonNode *dependency = list_object (element, "dependencies", d);
                const char *other_id = get_string (dependency, "id");
                const char *direction = get_string (dependency, "type");
                SlNote *other = find_note (importer, other_id);

                if (other == NULL)
                  {
                    g_autofree char *key = g_strdup_printf ("%s>%s", sl_element_get_id (SL_ELEMENT (note)), other_id ? other_id : "");

                    if (g_hash_table_add (reported, g_steal_pointer (&key)))
                      warn (importer, _("“%s” depends on “%s” (%s, id %s), which the file does not contain: the connection is left out"),
                            element_label (element), get_string (dependency, "title") ? get_string (dependency, "title") : "?",
                            get_string (dependency, "elementType") ? get_string (dependency, "elementType") : "?",
                            other_id ? other_id : "?");
                    continue;
                  }
                if (other == note)
                  continue;

                if (g_strcmp0 (direction, "OUTBOUND") == 0)
                  sl_document_add_connection (importer->document, note, other);
                else if (g_strcmp0 (direction, "INBOUND") == 0)
                  sl_document_add_connection (importer->document, other, note);
                else
                  warn (importer, _("“%s”: a dependency on “%s” has no direction and is left out"),
                        element_label (element), element_label (dependency));
              }
          }
    }
}

/* The note a specification specifies: the command of its When, else the
 * view of its Then, else the slice's one command or view. */
static SlNote *
scenario_owner (Importer   *importer,
                SlJsonNode *slice,
                SlJsonNode *spec)
{
  SlNote *note = find_note (importer, get_string (spec, "linkedId"));
  SlNote *only = NULL;
  guint candidates = 0;

  if (note != NULL)
    return note;

  for (guint p = 0; p < 2; p++)
    {
      const char *part = p == 0 ? "when" : "then";

      for (guint i = 0; i < list_length (spec, part); i++)
        {
          SlJsonNode *step = list_object (spec, part, i);
          const char *type = get_string (step, "type");
          const char *linked = get_string (step, "linkedId");

          note = find_note (importer, linked);
          if (note != NULL && (g_strcmp0 (type, "SPEC_COMMAND") == 0 || g_strcmp0 (type, "SPEC_READMODEL") == 0))
            return note;
        }
    }

  for (guint l = 2; l <= 3; l++)
    for (guint j = 0; j < list_length (slice, element_lists[l].list); j++)
      {
        const char *id = get_string (list_object (slice, element_lists[l].list, j), "id");

        if ((only = find_note (importer, id)))
          candidates++;
      }

  return candidates == 1 ? only : NULL;
}

static void
import_specifications (Importer   *importer,
                       SlJsonNode *root)
{
  static const char * const parts[SL_N_STEP_PARTS] = { "given", "when", "then" };
  SlJsonNode *slices = sl_json_object_get (root, "slices");

  for (guint i = 0; i < sl_json_node_get_length (slices); i++)
    {
      SlJsonNode *slice = sl_json_array_get (slices, i);

      for (guint s = 0; s < list_length (slice, "specifications"); s++)
        {
          SlJsonNode *spec = list_object (slice, "specifications", s);
          const char *title = get_string (spec, "title");
          SlNote *owner;
          SlScenario *scenario;

          if (spec == NULL)
            continue;

          owner = scenario_owner (importer, slice, spec);
          if (owner == NULL)
            {
              warn (importer, _("specification “%s” in slice “%s” names no command or view of the file and is left out"),
                    title ? title : "", get_string (slice, "title") ? get_string (slice, "title") : "");
              continue;
            }

          scenario = sl_document_add_scenario (importer->document, owner, title);

          for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
            {
              g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);

              for (guint k = 0; k < list_length (spec, parts[part]); k++)
                {
                  SlJsonNode *step_node = list_object (spec, parts[part], k);
                  const char *type = get_string (step_node, "type");
                  const char *linked = get_string (step_node, "linkedId");
                  SlNote *note = find_note (importer, linked);
                  g_autoptr(GPtrArray) names = NULL;
                  g_autoptr(GPtrArray) examples = NULL;
                  guint n_fields;

                  if (g_strcmp0 (type, "SPEC_ERROR") == 0)
                    {
                      const char *text = get_string (step_node, "title");

                      /* Translators: the error of a scenario that names none */
                      sl_document_set_scenario_error (importer->document, scenario,
                                                      text && *text ? text : _("Error"));
                      continue;
                    }

                  if (note == NULL)
                    {
                      warn (importer, _("specification “%s”: the step “%s” names no element of the file and is left out"),
                            title ? title : "", element_label (step_node));
                      continue;
                    }

                  n_fields = list_length (step_node, "fields");
                  names = g_ptr_array_sized_new (n_fields);
                  examples = g_ptr_array_sized_new (n_fields);
                  for (guint f = 0; f < n_fields; f++)
                    {
                      SlJsonNode *field = list_object (step_node, "fields", f);
                      const char *name = get_string (field, "name");
                      const char *example = get_string (field, "example");

                      if (name && *name && example && *example)
                        {
                          g_ptr_array_add (names, (char *) name);
                          g_ptr_array_add (examples, (char *) example);
                        }
                    }
                  /* All at once: one at a time copies the values before each. */
                  g_ptr_array_add (steps, sl_step_new_with_values (note, (const char * const *) names->pdata,
                                                                   (const char * const *) examples->pdata,
                                                                   names->len));
                }

              if (steps->len > 0)
                sl_document_set_scenario_steps (importer->document, scenario, part,
                                                (SlStep **) steps->pdata, steps->len);
            }
        }
    }
}

/**
 * sl_eventmodelers_import:
 * @warnings: (out) (transfer container) (element-type utf8): what could not
 *   be used, one sentence each
 *
 * Returns: (transfer full): the model, with nothing to undo, or %NULL with
 *   @error set when the text is not an eventmodelers export
 */
SlDocument *
sl_eventmodelers_import (GBytes     *bytes,
                         GPtrArray **warnings,
                         GError    **error)
{
  g_autoptr(SlJson) json = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) notes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) shortened = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) aggregates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) actor_lanes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) aggregate_lanes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SlJsonNode *root, *slices;
  GPtrArray *skipped;
  Importer importer;

  g_return_val_if_fail (bytes != NULL, NULL);

  /* The import reads a few keys of each element: what it does not read
   * must not refuse the file (a number beyond 64 bits, a decimal of 70
   * digits, nesting of another tool's data). The reader still checks the
   * syntax and keeps its limits on size, and nesting costs no stack. */
  if (!(json = _sl_format_parse_json (bytes, SL_JSON_PARSE_SKIP_UNREADABLE, error)))
    return NULL;

  root = sl_json_get_root (json);
  if (sl_json_node_get_type (root) != SL_JSON_OBJECT ||
      !(slices = sl_json_object_get (root, "slices")) ||
      sl_json_node_get_type (slices) != SL_JSON_ARRAY)
    {
      g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_NOT_A_MODEL,
                           _("this is JSON, but not an eventmodelers export (it has no list of “slices”)"));
      return NULL;
    }

  document = sl_document_new ();
  importer = (Importer) { document, found, notes, shortened, aggregates, actor_lanes, aggregate_lanes };

  skipped = sl_json_get_skipped (json);
  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    warn (&importer, _("%s; the import does not use it"), (const char *) g_ptr_array_index (skipped, i));

  if (get_string (root, "context") && *get_string (root, "context"))
    sl_document_set_title (document, get_string (root, "context"));

  create_lanes (&importer, root);
  import_elements (&importer, root);
  import_dependencies (&importer, root);
  import_specifications (&importer, root);

  sl_history_clear (sl_document_get_history (document));
  sl_history_set_save_point (sl_document_get_history (document));

  if (warnings != NULL)
    *warnings = g_steal_pointer (&found);
  return g_steal_pointer (&document);
}

/* Export */

typedef struct
{
  SlDocument *document;
  GPtrArray *warnings;
  JsonBuilder *builder;
  guint step_serial;
} Exporter;

static const char *
element_type (SlNoteKind kind)
{
  for (guint l = 0; l < G_N_ELEMENTS (element_lists); l++)
    if (element_lists[l].kind == kind)
      return element_lists[l].type;
  return NULL;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *key,
                   const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static void
add_boolean_member (JsonBuilder *builder,
                    const char  *key,
                    gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

static void
begin_array_member (JsonBuilder *builder,
                    const char  *key)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
}

static void
export_fields (Exporter *exporter,
               SlNote   *note,
               SlStep   *step)
{
  JsonBuilder *builder = exporter->builder;

  begin_array_member (builder, "fields");
  for (guint i = 0; i < sl_note_get_n_fields (note); i++)
    {
      SlField *field = sl_note_get_field (note, i);
      const char *example = step ? sl_step_lookup (step, sl_field_get_name (field)) : sl_field_get_example (field);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", sl_field_get_name (field));
      add_string_member (builder, "type", sl_field_type_to_string (sl_field_get_value_type (field)));
      add_string_member (builder, "example", example ? example : "");
      add_string_member (builder, "mapping", sl_field_get_mapping (field) ? sl_field_get_mapping (field) : "");
      add_boolean_member (builder, "optional", sl_field_has_flag (field, SL_FIELD_OPTIONAL));
      add_boolean_member (builder, "generated", sl_field_has_flag (field, SL_FIELD_GENERATED));
      add_string_member (builder, "cardinality", sl_field_has_flag (field, SL_FIELD_LIST) ? "List" : "Single");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
exportable (SlNote *note)
{
  return element_type (sl_note_get_kind (note)) != NULL;
}

static const char *
aggregate_of (SlNote *note)
{
  SlAggregate *aggregate = sl_note_get_aggregate (note);

  if (aggregate == NULL && sl_note_get_kind (note) == SL_NOTE_EVENT)
    aggregate = sl_lane_get_aggregate (sl_note_get_lane (note));
  return aggregate ? sl_aggregate_get_name (aggregate) : NULL;
}

static void
export_element (Exporter   *exporter,
                SlNote     *note,
                const char *slice_title)
{
  JsonBuilder *builder = exporter->builder;
  guint n = sl_document_get_n_note_connections (exporter->document, note);
  const char *aggregate = aggregate_of (note);

  json_builder_begin_object (builder);
  add_string_member (builder, "id", sl_element_get_id (SL_ELEMENT (note)));
  add_string_member (builder, "slice", slice_title);
  add_string_member (builder, "title", sl_note_get_text (note));
  export_fields (exporter, note, NULL);
  add_string_member (builder, "type", element_type (sl_note_get_kind (note)));
  add_string_member (builder, "description", "");
  if (aggregate != NULL)
    add_string_member (builder, "aggregate", aggregate);

  begin_array_member (builder, "dependencies");
  for (guint i = 0; i < n; i++)
    {
      SlConnection *connection = sl_document_get_note_connection (exporter->document, note, i);
      gboolean outbound = sl_connection_get_source (connection) == note;
      SlNote *other = outbound ? sl_connection_get_target (connection) : sl_connection_get_source (connection);

      if (!exportable (other))
        continue;

      json_builder_begin_object (builder);
      add_string_member (builder, "id", sl_element_get_id (SL_ELEMENT (other)));
      add_string_member (builder, "type", outbound ? "OUTBOUND" : "INBOUND");
      add_string_member (builder, "title", sl_note_get_text (other));
      add_string_member (builder, "elementType", element_type (sl_note_get_kind (other)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static const char *
step_type (SlNote *note)
{
  switch (sl_note_get_kind (note))
    {
    case SL_NOTE_COMMAND: return "SPEC_COMMAND";
    case SL_NOTE_VIEW:    return "SPEC_READMODEL";
    default:              return "SPEC_EVENT";
    }
}

static void
export_step (Exporter   *exporter,
             SlNote     *note,
             SlStep     *step,
             const char *error_text)
{
  JsonBuilder *builder = exporter->builder;
  g_autofree char *id = g_strdup_printf ("step-%u", ++exporter->step_serial);

  json_builder_begin_object (builder);
  add_string_member (builder, "title", error_text ? error_text : sl_note_get_text (note));
  add_string_member (builder, "id", id);
  add_string_member (builder, "type", error_text ? "SPEC_ERROR" : step_type (note));
  if (!error_text)
    {
      export_fields (exporter, note, step);
      add_string_member (builder, "linkedId", sl_element_get_id (SL_ELEMENT (note)));
    }
  json_builder_end_object (builder);
}

static void
export_scenario (Exporter   *exporter,
                 SlScenario *scenario,
                 const char *slice_title)
{
  static const char * const parts[SL_N_STEP_PARTS] = { "given", "when", "then" };
  JsonBuilder *builder = exporter->builder;
  SlNote *owner = sl_scenario_get_note (scenario);

  json_builder_begin_object (builder);
  add_string_member (builder, "id", sl_element_get_id (SL_ELEMENT (scenario)));
  add_string_member (builder, "sliceName", slice_title);
  add_string_member (builder, "title", sl_scenario_get_title (scenario));
  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    {
      begin_array_member (builder, parts[part]);
      for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
        {
          SlStep *step = sl_scenario_get_step (scenario, part, i);

          if (exportable (sl_step_get_note (step)))
            export_step (exporter, sl_step_get_note (step), step, NULL);
        }
      if (part == SL_STEP_THEN && sl_scenario_get_error (scenario) != NULL)
        export_step (exporter, owner, NULL, sl_scenario_get_error (scenario));
      json_builder_end_array (builder);
    }
  add_string_member (builder, "linkedId", sl_element_get_id (SL_ELEMENT (owner)));
  json_builder_end_object (builder);
}

typedef struct
{
  char *title;
  SlSliceStatus status;
  GPtrArray *notes;     /* the notes that stand in the slice */
  GPtrArray *scenarios; /* the scenarios of those notes, in the document's order */
} ExportSlice;

static ExportSlice *
export_slice_new (const char    *title,
                  SlSliceStatus  status)
{
  ExportSlice *slice = g_new0 (ExportSlice, 1);

  slice->title = g_strdup (title);
  slice->status = status;
  slice->notes = g_ptr_array_new ();
  slice->scenarios = g_ptr_array_new ();
  return slice;
}

static void
export_slice_free (ExportSlice *slice)
{
  g_free (slice->title);
  g_ptr_array_unref (slice->notes);
  g_ptr_array_unref (slice->scenarios);
  g_free (slice);
}

/* The document's slices left to right with their notes and scenarios;
 * notes outside every slice get one of their own. */
static GPtrArray *
collect_slices (Exporter *exporter)
{
  GListModel *notes = sl_document_get_notes (exporter->document);
  GListModel *scenarios = sl_document_get_scenarios (exporter->document);
  g_autoptr(GPtrArray) sorted = sl_document_get_timeline_slices (exporter->document);
  g_autoptr(GHashTable) exported = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) note_slices = g_hash_table_new (NULL, NULL);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) export_slice_free);
  ExportSlice *loose = NULL;

  for (guint i = 0; i < sorted->len; i++)
    {
      SlSlice *slice = g_ptr_array_index (sorted, i);
      ExportSlice *export = export_slice_new (sl_slice_get_name (slice), sl_slice_get_status (slice));

      g_ptr_array_add (result, export);
      g_hash_table_insert (exported, slice, export);
    }

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      SlSlice *slice;
      ExportSlice *export;

      if (!exportable (note))
        {
          g_ptr_array_add (exporter->warnings,
                           g_strdup_printf (_("%s “%s” has no place in the eventmodelers format and is not exported"),
                                            sl_note_kind_get_label (sl_note_get_kind (note)), sl_note_get_text (note)));
          continue;
        }

      slice = sl_document_get_note_slice (exporter->document, note);
      if (slice != NULL)
        export = g_hash_table_lookup (exported, slice);
      else
        {
          if (loose == NULL)
            {
              loose = export_slice_new (_("Notes outside slices"), SL_SLICE_PLANNED);
              g_ptr_array_add (result, loose);
              g_ptr_array_add (exporter->warnings,
                               g_strdup (_("notes that stand in no slice are exported in a slice “Notes outside slices”")));
            }
          export = loose;
        }
      g_ptr_array_add (export->notes, note);
      g_hash_table_insert (note_slices, note, export);
    }

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);
      ExportSlice *export = g_hash_table_lookup (note_slices, sl_scenario_get_note (scenario));

      if (export != NULL)
        g_ptr_array_add (export->scenarios, scenario);
      else
        g_ptr_array_add (exporter->warnings,
                         g_strdup_printf (_("scenario “%s” belongs to a note the format cannot carry and is not exported"),
                                          sl_scenario_get_title (scenario)));
    }

  return result;
}

static void
export_list (Exporter    *exporter,
             ExportSlice *slice,
             const char  *key,
             SlNoteKind   kind)
{
  begin_array_member (exporter->builder, key);
  for (guint i = 0; i < slice->notes->len; i++)
    if (sl_note_get_kind (g_ptr_array_index (slice->notes, i)) == kind)
      export_element (exporter, g_ptr_array_index (slice->notes, i), slice->title);
  json_builder_end_array (exporter->builder);
}

/* Appends @text with @indent before each of its lines: JSON text has no
 * line breaks inside its strings. */
static void
append_indented (GString       *out,
                 const GString *text,
                 const char    *indent)
{
  g_string_append (out, indent);
  for (gsize i = 0; i < text->len; i++)
    {
      g_string_append_c (out, text->str[i]);
      if (text->str[i] == '\n')
        g_string_append (out, indent);
    }
}

static gboolean
slice_has (ExportSlice *slice,
           SlNoteKind   kind)
{
  for (guint i = 0; i < slice->notes->len; i++)
    if (sl_note_get_kind (g_ptr_array_index (slice->notes, i)) == kind)
      return TRUE;
  return FALSE;
}

/* One slice of the export, numbered @i from 0. */
static void
export_slice (Exporter    *exporter,
              ExportSlice *slice,
              guint        i)
{
  JsonBuilder *builder = exporter->builder;
  g_autofree char *id = g_strdup_printf ("slice-%u", i + 1);
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();
  g_autoptr(GPtrArray) aggregates = g_ptr_array_new ();
  const char *slice_type = slice_has (slice, SL_NOTE_COMMAND) ? "STATE_CHANGE" :
                           slice_has (slice, SL_NOTE_AUTOMATION) ? "AUTOMATION" : "STATE_VIEW";

  json_builder_begin_object (builder);
  add_string_member (builder, "id", id);
  add_string_member (builder, "status", slice->status == SL_SLICE_DONE ? "Done" :
                                        slice->status == SL_SLICE_IN_PROGRESS ? "InProgress" : "Created");
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, i);
  add_string_member (builder, "title", slice->title);
  add_string_member (builder, "sliceType", slice_type);
  export_list (exporter, slice, "commands", SL_NOTE_COMMAND);
  export_list (exporter, slice, "events", SL_NOTE_EVENT);
  export_list (exporter, slice, "readmodels", SL_NOTE_VIEW);
  export_list (exporter, slice, "screens", SL_NOTE_SCREEN);
  export_list (exporter, slice, "processors", SL_NOTE_AUTOMATION);
  begin_array_member (builder, "tables");
  json_builder_end_array (builder);

  begin_array_member (builder, "specifications");
  for (guint s = 0; s < slice->scenarios->len; s++)
    export_scenario (exporter, g_ptr_array_index (slice->scenarios, s), slice->title);
  json_builder_end_array (builder);

  /* The actors are the actor lanes of the slice's screens. */
  for (guint n = 0; n < slice->notes->len; n++)
    {
      SlNote *note = g_ptr_array_index (slice->notes, n);
      SlLane *lane = sl_note_get_lane (note);
      const char *aggregate = aggregate_of (note);

      if (sl_note_get_kind (note) == SL_NOTE_SCREEN && sl_lane_get_kind (lane) == SL_LANE_ACTOR &&
          *sl_lane_get_name (lane) && !g_ptr_array_find_with_equal_func (actors, sl_lane_get_name (lane), g_str_equal, NULL))
        g_ptr_array_add (actors, (char *) sl_lane_get_name (lane));
      if (aggregate && !g_ptr_array_find_with_equal_func (aggregates, aggregate, g_str_equal, NULL))
        g_ptr_array_add (aggregates, (char *) aggregate);
    }

  begin_array_member (builder, "actors");
  for (guint a = 0; a < actors->len; a++)
    {
      json_builder_begin_object (builder);
      add_string_member (builder, "name", g_ptr_array_index (actors, a));
      add_boolean_member (builder, "authRequired", FALSE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  begin_array_member (builder, "aggregates");
  for (guint a = 0; a < aggregates->len; a++)
    json_builder_add_string_value (builder, g_ptr_array_index (aggregates, a));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/**
 * sl_eventmodelers_export:
 * @warnings: (out) (transfer container) (element-type utf8): what the
 *   format cannot carry, one sentence each
 *
 * Returns: (transfer full): @document as an eventmodelers export, valid
 *   against the format's schema
 */
GBytes *
sl_eventmodelers_export (SlDocument  *document,
                         GPtrArray  **warnings)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) slices = NULL;
  Exporter exporter = { document, found, NULL, 0 };
  GString *out;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  slices = collect_slices (&exporter);

  /* A slice at a time, each built and written with json-glib, inside an
   * object written as json-glib writes one: a tree of the whole model
   * took 24 KB a note. Indented, as people read exports in diffs and
   * editors too. */
  out = g_string_new ("{\n  \"slices\" : [");
  for (guint i = 0; i < slices->len; i++)
    {
      ExportSlice *slice = g_ptr_array_index (slices, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GString) text = NULL;

      exporter.builder = builder;
      export_slice (&exporter, slice, i);
      text = sl_json_output_generate (builder, TRUE);
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append_indented (out, text, "    ");
    }
  g_string_append (out, slices->len > 0 ? "\n  ]\n}\n" : "]\n}\n");

  if (warnings != NULL)
    *warnings = g_steal_pointer (&found);
  return g_string_free_to_bytes (out);
}
