/* sl-format.c: the native file format, *.stormline (docs/FORMAT.md)
 *
 * Loading validates every value and every reference before the document is
 * handed out, so a document in memory is always consistent; a bad file gives
 * one message that says what is wrong and where (sl-json.c for the JSON
 * level, the element's place in the file for the model level).
 *
 * Saving writes keys in a fixed order and elements in document order, and
 * leaves out what has its default value, so an unchanged document saves to
 * the same bytes; the file is replaced atomically (sl-file-writer.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sl-aggregate-private.h"
#include "sl-connection-private.h"
#include "sl-document-private.h"
#include "sl-element-list-private.h"
#include "sl-element-private.h"
#include "sl-field-private.h"
#include "sl-file-writer.h"
#include "sl-format-private.h"
#include "sl-lane-private.h"
#include "sl-note-private.h"
#include "sl-scenario-private.h"
#include "sl-slice-private.h"
#include "sl-step.h"
#include "sl-writer.h"

G_DEFINE_QUARK (sl-format-error-quark, sl_format_error)

static const char * const step_part_keys[SL_N_STEP_PARTS] = { "given", "when", "then" };

/* Loading */

/* Where the loader is, as "notes[3] (id “n-1”).fields[2]": kept as parts
 * and put into words only for a message. */
typedef struct
{
  const char *array;  /* NULL: the model itself */
  guint index;
  const char *id;
  const char *part;   /* NULL, or a list inside the element */
  guint part_index;
} Where;

typedef struct
{
  SlJson *json;
  GHashTable *ids;  /* id -> SlElement, every element read so far */
  Where where;
} Loader;

static char *
describe_where (const Where *where)
{
  GString *out;

  if (where->array == NULL)
    return g_strdup (_("the model"));

  out = g_string_new (NULL);
  g_string_printf (out, "%s[%u]", where->array, where->index);
  if (where->id != NULL)
    /* Translators: appended to a place in a file such as notes[3] */
    g_string_append_printf (out, _(" (id “%s”)"), where->id);
  if (where->part != NULL)
    g_string_append_printf (out, ".%s[%u]", where->part, where->part_index);

  return g_string_free (out, FALSE);
}

/* Fails with a message that says where @node is (line, column and the
 * element being read) and what is wrong with it. */
G_GNUC_PRINTF (4, 5)
static gboolean
invalid (Loader      *loader,
         SlJsonNode  *node,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  g_autofree char *where = describe_where (&loader->where);
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  sl_json_get_position (loader->json, node, &line, &column);
  /* Translators: "line 3, column 5: notes[2] (id “n-1”): what is wrong" */
  g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_INVALID, _("line %u, column %u: %s: %s"),
               line, column, where, what);
  return FALSE;
}

static void
set_where (Loader     *loader,
           const char *array,
           guint       index,
           const char *id)
{
  loader->where = (Where) { array, index, id, NULL, 0 };
}

static void
set_where_part (Loader     *loader,
                const char *part,
                guint       index)
{
  loader->where.part = part;
  loader->where.part_index = index;
}

static gboolean
check_keys (Loader             *loader,
            SlJsonNode         *object,
            const char * const *allowed,
            GError            **error)
{
  for (guint i = 0; i < sl_json_node_get_length (object); i++)
    {
      const char *key = sl_json_object_get_key (object, i);
      gboolean known = FALSE;

      for (guint j = 0; allowed[j] != NULL && !known; j++)
        known = key[0] == allowed[j][0] && strcmp (key, allowed[j]) == 0;

      if (!known)
        return invalid (loader, sl_json_object_get_value (object, i), error, _("unknown key “%s”"), key);
    }

  return TRUE;
}

static gboolean
expect_type (Loader      *loader,
             SlJsonNode  *node,
             SlJsonType   type,
             const char  *what,
             GError     **error)
{
  if (sl_json_node_get_type (node) == type)
    return TRUE;

  /* Translators: "“x” must be a whole number, not a text" */
  return invalid (loader, node, error, _("%s must be %s, not %s"), what,
                  type == SL_JSON_OBJECT ? _("an object {…}") :
                  type == SL_JSON_ARRAY ? _("a list […]") :
                  type == SL_JSON_STRING ? _("a text in quotes") :
                  type == SL_JSON_INTEGER ? _("a whole number") : _("true or false"),
                  sl_json_node_type_name (node));
}

static gboolean
expect_member_type (Loader      *loader,
                    SlJsonNode  *node,
                    const char  *key,
                    SlJsonType   type,
                    GError     **error)
{
  g_autofree char *what = NULL;

  if (sl_json_node_get_type (node) == type)
    return TRUE;

  what = g_strdup_printf ("“%s”", key);
  return expect_type (loader, node, type, what, error);
}

/* Gets the string @key of @object into @value: @fallback when the key is
 * absent and @fallback is not NULL, an error when it is absent and required. */
static gboolean
get_string (Loader      *loader,
            SlJsonNode  *object,
            const char  *key,
            const char  *fallback,
            const char **value,
            GError     **error)
{
  SlJsonNode *node = sl_json_object_get (object, key);

  if (node == NULL)
    {
      if (fallback == NULL)
        return invalid (loader, object, error, _("the key “%s” is missing"), key);
      *value = fallback;
      return TRUE;
    }

  if (!expect_member_type (loader, node, key, SL_JSON_STRING, error))
    return FALSE;

  *value = sl_json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (Loader      *loader,
         SlJsonNode  *object,
         const char  *key,
         gboolean     required,
         gint64       min,
         gint64       max,
         gint64      *value,
         GError     **error)
{
  SlJsonNode *node = sl_json_object_get (object, key);

  if (node == NULL)
    {
      if (required)
        return invalid (loader, object, error, _("the key “%s” is missing"), key);
      return TRUE;
    }

  if (!expect_member_type (loader, node, key, SL_JSON_INTEGER, error))
    return FALSE;

  *value = sl_json_node_get_integer (node);
  if (*value < min || *value > max)
    {
      /* Numbers as text: translations cannot hold G_GINT64_FORMAT. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, *value);
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      return invalid (loader, node, error, _("“%s” is %s, out of its range %s to %s"),
                      key, number, low, high);
    }
  return TRUE;
}

static gboolean
get_bool (Loader      *loader,
          SlJsonNode  *object,
          const char  *key,
          gboolean    *value,
          GError     **error)
{
  SlJsonNode *node = sl_json_object_get (object, key);

  *value = FALSE;
  if (node == NULL)
    return TRUE;

  if (!expect_member_type (loader, node, key, SL_JSON_BOOLEAN, error))
    return FALSE;

  *value = sl_json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (Loader      *loader,
           SlJsonNode  *object,
           const char  *key,
           SlJsonNode **array,
           GError     **error)
{
  *array = sl_json_object_get (object, key);

  return *array == NULL || expect_member_type (loader, *array, key, SL_JSON_ARRAY, error);
}

/* Reads the id of an element and says where the loader is. */
static gboolean
get_id (Loader      *loader,
        SlJsonNode  *object,
        const char  *array,
        guint        index,
        const char **id,
        GError     **error)
{
  set_where (loader, array, index, NULL);

  if (!get_string (loader, object, "id", NULL, id, error))
    return FALSE;

  if (**id == 0)
    return invalid (loader, object, error, _("the id is empty"));
  if (g_utf8_strlen (*id, -1) > SL_FORMAT_MAX_ID_LENGTH)
    return invalid (loader, object, error,
                    g_dngettext (GETTEXT_PACKAGE, "the id is longer than %d character", "the id is longer than %d characters",
                                 SL_FORMAT_MAX_ID_LENGTH),
                    SL_FORMAT_MAX_ID_LENGTH);

  set_where (loader, array, index, *id);

  if (g_hash_table_contains (loader->ids, *id))
    return invalid (loader, object, error, _("another element has the same id"));

  return TRUE;
}

/* Resolves a reference to an element of @type; an absent optional key
 * resolves to NULL. */
static gboolean
get_reference (Loader      *loader,
               SlJsonNode  *object,
               const char  *key,
               GType        type,
               gboolean     required,
               gpointer    *element,
               GError     **error)
{
  SlJsonNode *node = sl_json_object_get (object, key);
  const char *id;

  *element = NULL;
  if (!required && node == NULL)
    return TRUE;

  if (!get_string (loader, object, key, NULL, &id, error))
    return FALSE;

  *element = g_hash_table_lookup (loader->ids, id);
  if (*element == NULL)
    return invalid (loader, node, error, _("“%s” names “%s”, which is not in the file"), key, id);
  if (!G_TYPE_CHECK_INSTANCE_TYPE (*element, type))
    /* Translators: a key of the file, an id, then one of "lane", "note" or "aggregate" */
    return invalid (loader, node, error, _("“%s” names “%s”, which is not a %s"), key, id,
                    type == SL_TYPE_LANE ? _("lane") :
                    type == SL_TYPE_NOTE ? _("note") : _("aggregate"));
  return TRUE;
}

typedef gboolean (*ReadElement) (Loader      *loader,
                                 SlJsonNode  *object,
                                 const char  *id,
                                 gpointer    *element,
                                 GError     **error);

/* Reads the array @key of elements with @read, into @document. */
static gboolean
read_elements (Loader      *loader,
               SlDocument  *document,
               SlJsonNode  *root,
               const char  *key,
               ReadElement  read,
               GError     **error)
{
  g_autoptr(GPtrArray) elements = NULL;
  SlJsonNode *array;

  set_where (loader, NULL, 0, NULL);
  if (!get_array (loader, root, key, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  elements = g_ptr_array_new_full (sl_json_node_get_length (array), g_object_unref);
  for (guint i = 0; i < sl_json_node_get_length (array); i++)
    {
      SlJsonNode *object = sl_json_array_get (array, i);
      const char *id;
      gpointer element = NULL;

      set_where (loader, key, i, NULL);
      if (!expect_type (loader, object, SL_JSON_OBJECT, _("an element"), error) ||
          !get_id (loader, object, key, i, &id, error) ||
          !read (loader, object, id, &element, error))
        {
          g_clear_object (&element);
          return FALSE;
        }

      g_hash_table_insert (loader->ids, (char *) sl_element_get_id (element), element);
      g_ptr_array_add (elements, element);
    }

  _sl_document_take_loaded (document, g_steal_pointer (&elements));
  return TRUE;
}

static gboolean
read_aggregate (Loader      *loader,
                SlJsonNode  *object,
                const char  *id,
                gpointer    *element,
                GError     **error)
{
  static const char * const keys[] = { "id", "name", NULL };
  const char *name;
  SlAggregate *aggregate;

  if (!check_keys (loader, object, keys, error) ||
      !get_string (loader, object, "name", NULL, &name, error))
    return FALSE;

  aggregate = _sl_aggregate_new (g_strdup (id));
  _sl_aggregate_set_name (aggregate, name);
  *element = aggregate;
  return TRUE;
}

static gboolean
read_lane (Loader      *loader,
           SlJsonNode  *object,
           const char  *id,
           gpointer    *element,
           GError     **error)
{
  static const char * const keys[] = { "id", "kind", "name", "aggregate", NULL };
  const char *kind_name, *name;
  SlLaneKind kind;
  gpointer aggregate;
  SlLane *lane;

  if (!check_keys (loader, object, keys, error) ||
      !get_string (loader, object, "kind", NULL, &kind_name, error) ||
      !get_string (loader, object, "name", "", &name, error) ||
      !get_reference (loader, object, "aggregate", SL_TYPE_AGGREGATE, FALSE, &aggregate, error))
    return FALSE;

  if (!sl_lane_kind_from_string (kind_name, &kind))
    return invalid (loader, sl_json_object_get (object, "kind"), error,
                    _("unknown lane kind “%s”"), kind_name);

  lane = _sl_lane_new (g_strdup (id), kind);
  _sl_lane_set_name (lane, name);
  _sl_lane_set_aggregate (lane, aggregate);
  *element = lane;
  return TRUE;
}

static gboolean
read_slice (Loader      *loader,
            SlJsonNode  *object,
            const char  *id,
            gpointer    *element,
            GError     **error)
{
  static const char * const keys[] = { "id", "name", "status", "x", "width", NULL };
  const char *name, *status_name;
  SlSliceStatus status;
  gint64 x = 0, width = 1;
  SlSlice *slice;

  if (!check_keys (loader, object, keys, error) ||
      !get_string (loader, object, "name", "", &name, error) ||
      !get_string (loader, object, "status", "planned", &status_name, error) ||
      !get_int (loader, object, "x", TRUE, -SL_COORD_MAX, SL_COORD_MAX, &x, error) ||
      !get_int (loader, object, "width", TRUE, 1, SL_COORD_MAX, &width, error))
    return FALSE;

  if (!sl_slice_status_from_string (status_name, &status))
    return invalid (loader, sl_json_object_get (object, "status"), error,
                    _("unknown slice status “%s”"), status_name);

  slice = _sl_slice_new (g_strdup (id));
  _sl_slice_set_name (slice, name);
  _sl_slice_set_status (slice, status);
  _sl_slice_set_range (slice, x, width);
  *element = slice;
  return TRUE;
}

static gboolean
read_fields (Loader      *loader,
             SlJsonNode  *object,
             SlNote      *note,
             GError     **error)
{
  static const char * const keys[] = {
    "name", "type", "generated", "list", "optional", "displayed", "mapping", "example", NULL
  };
  static const struct { const char *key; SlFieldFlags flag; } flags[] = {
    { "generated", SL_FIELD_GENERATED },
    { "list", SL_FIELD_LIST },
    { "optional", SL_FIELD_OPTIONAL },
    { "displayed", SL_FIELD_DISPLAYED },
  };
  SlJsonNode *array;

  if (!get_array (loader, object, "fields", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < sl_json_node_get_length (array); i++)
    {
      g_autoptr(SlField) field = NULL;
      SlJsonNode *field_object = sl_json_array_get (array, i);
      const char *name, *type_name, *mapping, *example;
      SlFieldType type;
      SlFieldFlags field_flags = 0;

      set_where_part (loader, "fields", i);

      if (!expect_type (loader, field_object, SL_JSON_OBJECT, _("a field"), error) ||
          !check_keys (loader, field_object, keys, error) ||
          !get_string (loader, field_object, "name", NULL, &name, error) ||
          !get_string (loader, field_object, "type", "String", &type_name, error) ||
          !get_string (loader, field_object, "mapping", "", &mapping, error) ||
          !get_string (loader, field_object, "example", "", &example, error))
        return FALSE;

      if (*name == 0)
        return invalid (loader, field_object, error, _("the field has no name"));
      if (!sl_field_type_from_string (type_name, &type))
        return invalid (loader, sl_json_object_get (field_object, "type"), error,
                        _("unknown field type “%s”"), type_name);

      for (guint j = 0; j < G_N_ELEMENTS (flags); j++)
        {
          gboolean set;

          if (!get_bool (loader, field_object, flags[j].key, &set, error))
            return FALSE;
          if (set)
            field_flags |= flags[j].flag;
        }

      field = _sl_field_new (name, type);
      _sl_field_set_flags (field, field_flags);
      _sl_field_set_mapping (field, mapping);
      _sl_field_set_example (field, example);
      _sl_note_insert_field (note, i, field);
    }

  set_where_part (loader, NULL, 0);
  return TRUE;
}

static gboolean
read_note (Loader      *loader,
           SlJsonNode  *object,
           const char  *id,
           gpointer    *element,
           GError     **error)
{
  static const char * const keys[] = {
    "id", "kind", "text", "lane", "x", "y", "aggregate", "pivotal", "fields", NULL
  };
  const char *kind_name, *text;
  SlNoteKind kind;
  gpointer lane, aggregate;
  gint64 x = 0, y = 0;
  gboolean pivotal;
  g_autoptr(SlNote) note = NULL;

  if (!check_keys (loader, object, keys, error) ||
      !get_string (loader, object, "kind", NULL, &kind_name, error) ||
      !get_string (loader, object, "text", "", &text, error) ||
      !get_reference (loader, object, "lane", SL_TYPE_LANE, TRUE, &lane, error) ||
      !get_int (loader, object, "x", TRUE, -SL_COORD_MAX, SL_COORD_MAX, &x, error) ||
      !get_int (loader, object, "y", FALSE, 0, SL_COORD_MAX, &y, error) ||
      !get_reference (loader, object, "aggregate", SL_TYPE_AGGREGATE, FALSE, &aggregate, error) ||
      !get_bool (loader, object, "pivotal", &pivotal, error))
    return FALSE;

  if (!sl_note_kind_from_string (kind_name, &kind))
    return invalid (loader, sl_json_object_get (object, "kind"), error,
                    _("unknown note kind “%s”"), kind_name);

  note = _sl_note_new (g_strdup (id), kind, lane);
  _sl_note_set_text (note, text);
  _sl_note_set_position (note, lane, x, y);
  _sl_note_set_aggregate (note, aggregate);
  _sl_note_set_pivotal (note, pivotal);

  if (!read_fields (loader, object, note, error))
    return FALSE;

  *element = g_steal_pointer (&note);
  return TRUE;
}

static gboolean
read_connection (Loader      *loader,
                 SlJsonNode  *object,
                 const char  *id,
                 gpointer    *element,
                 GError     **error)
{
  static const char * const keys[] = { "id", "from", "to", NULL };
  gpointer source, target;

  if (!check_keys (loader, object, keys, error) ||
      !get_reference (loader, object, "from", SL_TYPE_NOTE, TRUE, &source, error) ||
      !get_reference (loader, object, "to", SL_TYPE_NOTE, TRUE, &target, error))
    return FALSE;

  if (source == target)
    return invalid (loader, object, error, _("the connection leads from a note to itself"));

  *element = _sl_connection_new (g_strdup (id), source, target);
  return TRUE;
}

static gboolean
read_steps (Loader      *loader,
            SlJsonNode  *object,
            SlScenario  *scenario,
            SlStepPart   part,
            GError     **error)
{
  static const char * const keys[] = { "note", "values", NULL };
  const char *key = step_part_keys[part];
  g_autoptr(GPtrArray) steps = NULL;
  SlJsonNode *array;

  if (!get_array (loader, object, key, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  steps = g_ptr_array_new_full (sl_json_node_get_length (array), (GDestroyNotify) sl_step_unref);
  for (guint i = 0; i < sl_json_node_get_length (array); i++)
    {
      SlJsonNode *step_object = sl_json_array_get (array, i);
      SlJsonNode *values;
      g_autofree const char **names = NULL;
      g_autofree const char **texts = NULL;
      guint n_values = 0;
      gpointer note;

      set_where_part (loader, key, i);

      if (!expect_type (loader, step_object, SL_JSON_OBJECT, _("a step"), error) ||
          !check_keys (loader, step_object, keys, error) ||
          !get_reference (loader, step_object, "note", SL_TYPE_NOTE, TRUE, &note, error))
        return FALSE;

      values = sl_json_object_get (step_object, "values");
      if (values != NULL)
        {
          if (!expect_member_type (loader, values, "values", SL_JSON_OBJECT, error))
            return FALSE;

          n_values = sl_json_node_get_length (values);
          names = g_new (const char *, n_values);
          texts = g_new (const char *, n_values);
          for (guint j = 0; j < n_values; j++)
            {
              SlJsonNode *value = sl_json_object_get_value (values, j);

              if (!expect_member_type (loader, value, sl_json_object_get_key (values, j),
                                       SL_JSON_STRING, error))
                return FALSE;
              names[j] = sl_json_object_get_key (values, j);
              texts[j] = sl_json_node_get_string (value);
            }
        }

      /* All at once: a step of many values made one value at a time copies
       * those before each. */
      g_ptr_array_add (steps, sl_step_new_with_values (note, names, texts, n_values));
    }

  _sl_scenario_set_steps (scenario, part, g_steal_pointer (&steps));
  set_where_part (loader, NULL, 0);
  return TRUE;
}

static gboolean
read_scenario (Loader      *loader,
               SlJsonNode  *object,
               const char  *id,
               gpointer    *element,
               GError     **error)
{
  static const char * const keys[] = { "id", "note", "title", "given", "when", "then", "error", NULL };
  g_autoptr(SlScenario) scenario = NULL;
  const char *title, *error_text;
  gpointer note;

  if (!check_keys (loader, object, keys, error) ||
      !get_reference (loader, object, "note", SL_TYPE_NOTE, TRUE, &note, error) ||
      !get_string (loader, object, "title", "", &title, error) ||
      !get_string (loader, object, "error", "", &error_text, error))
    return FALSE;

  scenario = _sl_scenario_new (g_strdup (id), note);
  _sl_scenario_set_title (scenario, title);
  _sl_scenario_set_error (scenario, error_text);

  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    if (!read_steps (loader, object, scenario, part, error))
      return FALSE;

  *element = g_steal_pointer (&scenario);
  return TRUE;
}

static SlDocument *
load_root (Loader      *loader,
           GError     **error)
{
  static const char * const keys[] = {
    "stormline", "title", "description", "step",
    "aggregates", "lanes", "slices", "notes", "connections", "scenarios", NULL
  };
  g_autoptr(SlDocument) document = NULL;
  SlJsonNode *root = sl_json_get_root (loader->json);
  SlJsonNode *version_node;
  const char *title, *description;
  gint64 step = 1;
  gint64 version;

  if (sl_json_node_get_type (root) != SL_JSON_OBJECT ||
      !(version_node = sl_json_object_get (root, "stormline")))
    {
      g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_NOT_A_MODEL,
                           _("this is JSON, but not a Stormline model (it has no “stormline” "
                             "format version)"));
      return NULL;
    }

  set_where (loader, NULL, 0, NULL);

  if (sl_json_node_get_type (version_node) != SL_JSON_INTEGER ||
      sl_json_node_get_integer (version_node) < 1)
    {
      invalid (loader, version_node, error, _("the format version must be a whole number from 1"));
      return NULL;
    }

  version = sl_json_node_get_integer (version_node);
  if (version > SL_FORMAT_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_NEWER_VERSION,
                   _("the file was made by a newer version of Stormline (format %s; this "
                     "version reads format %d and older): update Stormline to open it"),
                   number, SL_FORMAT_VERSION);
      return NULL;
    }

  if (!check_keys (loader, root, keys, error) ||
      !get_string (loader, root, "title", "", &title, error) ||
      !get_string (loader, root, "description", "", &description, error) ||
      !get_int (loader, root, "step", FALSE, 1, SL_N_PROCESS_STEPS, &step, error))
    return NULL;

  document = sl_document_new ();
  _sl_document_set_loaded_properties (document, title, description, step);

  /* Each kind refers only to kinds read before it. */
  if (!read_elements (loader, document, root, "aggregates", read_aggregate, error) ||
      !read_elements (loader, document, root, "lanes", read_lane, error) ||
      !read_elements (loader, document, root, "slices", read_slice, error) ||
      !read_elements (loader, document, root, "notes", read_note, error) ||
      !read_elements (loader, document, root, "connections", read_connection, error) ||
      !read_elements (loader, document, root, "scenarios", read_scenario, error))
    return NULL;

  return g_steal_pointer (&document);
}

/* Tells the JSON reader's @json_error in the format's domain, which is
 * what the users of the formats see, with the reader's message. */
static void
propagate_json_error (GError **error,
                      GError  *json_error)
{
  static const SlFormatError codes[] = {
    [SL_JSON_ERROR_READ] = SL_FORMAT_ERROR_READ,
    [SL_JSON_ERROR_TOO_LARGE] = SL_FORMAT_ERROR_TOO_LARGE,
    [SL_JSON_ERROR_ENCODING] = SL_FORMAT_ERROR_ENCODING,
    [SL_JSON_ERROR_SYNTAX] = SL_FORMAT_ERROR_SYNTAX,
    [SL_JSON_ERROR_TOO_DEEP] = SL_FORMAT_ERROR_TOO_DEEP,
    [SL_JSON_ERROR_NUMBER] = SL_FORMAT_ERROR_NUMBER,
    [SL_JSON_ERROR_TOO_MANY] = SL_FORMAT_ERROR_TOO_LARGE,
  };

  g_assert (json_error->domain == SL_JSON_ERROR);
  g_assert ((guint) json_error->code < G_N_ELEMENTS (codes));

  json_error->domain = SL_FORMAT_ERROR;
  json_error->code = codes[json_error->code];
  g_propagate_error (error, json_error);
}

/**
 * _sl_format_parse_json:
 *
 * Parses @bytes with the JSON reader, for the formats that read JSON.
 *
 * Returns: (transfer full): the parsed text, or %NULL with @error set to
 *   a #SL_FORMAT_ERROR that says what is wrong and where
 */
SlJson *
_sl_format_parse_json (GBytes            *bytes,
                       SlJsonParseFlags   flags,
                       GError           **error)
{
  GError *json_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  SlJson *json;

  if (!(json = sl_json_parse_with_flags (data, length, flags, &json_error)))
    propagate_json_error (error, json_error);
  return json;
}

static SlDocument *
load_json (SlJson  *json,
           GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Loader loader = { json, ids, { NULL, 0, NULL, NULL, 0 } };

  return load_root (&loader, error);
}

/**
 * sl_format_load_bytes:
 *
 * Reads a model from the contents of a .stormline file.
 *
 * Returns: (transfer full): the model, or %NULL with @error set to a
 *   #SL_FORMAT_ERROR whose message says what is wrong and where
 */
SlDocument *
sl_format_load_bytes (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(SlJson) json = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(json = _sl_format_parse_json (bytes, SL_JSON_PARSE_STRICT, error)))
    return NULL;

  return load_json (json, error);
}

/**
 * sl_format_load_file:
 *
 * Returns: (transfer full): the model in @file, or %NULL with @error set
 */
SlDocument *
sl_format_load_file (GFile   *file,
                     GError **error)
{
  g_autoptr(SlJson) json = NULL;
  GError *json_error = NULL;
  GBytes *bytes;
  gsize length;
  char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!(bytes = sl_json_read_file (file, &json_error)))
    {
      propagate_json_error (error, json_error);
      return NULL;
    }

  /* The file's contents end with a NUL, and nobody else has them: parse
   * them in place instead of copying tens of megabytes. */
  data = g_bytes_unref_to_data (bytes, &length);
  if (!(json = sl_json_parse_take (data, length, &json_error)))
    {
      propagate_json_error (error, json_error);
      return NULL;
    }

  return load_json (json, error);
}

/* Saving: two-space indentation with one key per line, except for the small
 * objects that change whole (fields, connections, scenario steps), which
 * stand on one line each: a diff then shows one line per field changed,
 * and files stay small enough to load 100,000 notes within a second. */

static void
write_reference (SlWriter     *w,
                 const char *key,
                 gpointer    element)
{
  if (element != NULL)
    sl_writer_string_member (w, key, sl_element_get_id (element));
}

static void
write_fields (SlWriter *w,
              SlNote *note)
{
  guint n_fields = sl_note_get_n_fields (note);

  if (n_fields == 0)
    return;

  sl_writer_key (w, "fields");
  sl_writer_open (w, '[');
  for (guint i = 0; i < n_fields; i++)
    {
      SlField *field = sl_note_get_field (note, i);
      SlFieldType type = sl_field_get_value_type (field);

      sl_writer_item (w);
      sl_writer_open_inline (w);
      sl_writer_string_member (w, "name", sl_field_get_name (field));
      if (type != SL_FIELD_STRING)
        sl_writer_string_member (w, "type", sl_field_type_to_string (type));
      sl_writer_true_member (w, "generated", sl_field_has_flag (field, SL_FIELD_GENERATED));
      sl_writer_true_member (w, "list", sl_field_has_flag (field, SL_FIELD_LIST));
      sl_writer_true_member (w, "optional", sl_field_has_flag (field, SL_FIELD_OPTIONAL));
      sl_writer_true_member (w, "displayed", sl_field_has_flag (field, SL_FIELD_DISPLAYED));
      sl_writer_optional_string (w, "mapping", sl_field_get_mapping (field));
      sl_writer_optional_string (w, "example", sl_field_get_example (field));
      sl_writer_close_inline (w);
    }
  sl_writer_close (w, ']');
}

static void
write_element (SlWriter    *w,
               SlElement *element)
{
  sl_writer_string_member (w, "id", sl_element_get_id (element));

  if (SL_IS_NOTE (element))
    {
      SlNote *note = SL_NOTE (element);

      sl_writer_string_member (w, "kind", sl_note_kind_to_string (sl_note_get_kind (note)));
      sl_writer_optional_string (w, "text", sl_note_get_text (note));
      write_reference (w, "lane", sl_note_get_lane (note));
      sl_writer_int_member (w, "x", sl_note_get_x (note));
      if (sl_note_get_y (note) != 0)
        sl_writer_int_member (w, "y", sl_note_get_y (note));
      write_reference (w, "aggregate", sl_note_get_aggregate (note));
      sl_writer_true_member (w, "pivotal", sl_note_get_pivotal (note));
      write_fields (w, note);
    }
  else if (SL_IS_CONNECTION (element))
    {
      write_reference (w, "from", sl_connection_get_source (SL_CONNECTION (element)));
      write_reference (w, "to", sl_connection_get_target (SL_CONNECTION (element)));
    }
  else if (SL_IS_LANE (element))
    {
      SlLane *lane = SL_LANE (element);

      sl_writer_string_member (w, "kind", sl_lane_kind_to_string (sl_lane_get_kind (lane)));
      sl_writer_optional_string (w, "name", sl_lane_get_name (lane));
      write_reference (w, "aggregate", sl_lane_get_aggregate (lane));
    }
  else if (SL_IS_SLICE (element))
    {
      SlSlice *slice = SL_SLICE (element);

      sl_writer_optional_string (w, "name", sl_slice_get_name (slice));
      if (sl_slice_get_status (slice) != SL_SLICE_PLANNED)
        sl_writer_string_member (w, "status", sl_slice_status_to_string (sl_slice_get_status (slice)));
      sl_writer_int_member (w, "x", sl_slice_get_x (slice));
      sl_writer_int_member (w, "width", sl_slice_get_width (slice));
    }
  else if (SL_IS_AGGREGATE (element))
    {
      sl_writer_string_member (w, "name", sl_aggregate_get_name (SL_AGGREGATE (element)));
    }
  else if (SL_IS_SCENARIO (element))
    {
      SlScenario *scenario = SL_SCENARIO (element);

      write_reference (w, "note", sl_scenario_get_note (scenario));
      sl_writer_optional_string (w, "title", sl_scenario_get_title (scenario));
      for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
        {
          guint n_steps = sl_scenario_get_n_steps (scenario, part);

          if (n_steps == 0)
            continue;

          sl_writer_key (w, step_part_keys[part]);
          sl_writer_open (w, '[');
          for (guint i = 0; i < n_steps; i++)
            {
              SlStep *step = sl_scenario_get_step (scenario, part, i);
              guint n_values = sl_step_get_n_values (step);

              sl_writer_item (w);
              sl_writer_open_inline (w);
              write_reference (w, "note", sl_step_get_note (step));
              if (n_values > 0)
                {
                  sl_writer_key (w, "values");
                  sl_writer_open (w, '{');
                  for (guint j = 0; j < n_values; j++)
                    sl_writer_string_member (w, sl_step_get_value_name (step, j),
                                         sl_step_get_value (step, j));
                  sl_writer_close (w, '}');
                }
              sl_writer_close_inline (w);
            }
          sl_writer_close (w, ']');
        }
      sl_writer_optional_string (w, "error", sl_scenario_get_error (scenario));
    }
  else
    g_assert_not_reached ();
}

/* Saving writes the whole text. A draft is planned instead: the text of
 * an element unchanged since the previous draft is reused from there, so
 * the main thread writes only what changed and another thread puts the
 * pieces together. An element's text does not depend on where it stands:
 * every element is an item of a list at the same depth. */

typedef struct
{
  gboolean reused; /* from the base text, else from the plan's own */
  gsize offset;
  gsize length;
} Piece;

struct _SlTextPlan
{
  GString *text;   /* what was written anew */
  GArray *pieces;  /* of Piece, in order */
  gsize length;    /* the whole text */
  gsize reused;    /* how much of it comes from the base */
};

typedef struct
{
  SlWriter w;
  SlTextPlan *plan;   /* NULL: saving */
  guint base;         /* the serial of the text to reuse, or 0 */
  guint serial;       /* the serial of the text planned */
  gsize written;      /* the part of w.out in pieces already */
} Saver;

static void
add_piece (SlTextPlan *plan,
           gboolean    reused,
           gsize       offset,
           gsize       length)
{
  Piece *last = plan->pieces->len > 0 ? &g_array_index (plan->pieces, Piece, plan->pieces->len - 1) : NULL;

  if (length == 0)
    return;

  /* Elements unchanged side by side are one piece of the base. */
  if (last != NULL && last->reused == reused && last->offset + last->length == offset)
    last->length += length;
  else
    g_array_append_vals (plan->pieces, &(Piece) { reused, offset, length }, 1);
  plan->length += length;
  if (reused)
    plan->reused += length;
}

/* Where the text written next will be in the planned text. */
static gsize
saver_position (Saver *saver)
{
  return saver->plan->length + (saver->w.out->len - saver->written);
}

static void
saver_flush (Saver *saver)
{
  add_piece (saver->plan, FALSE, saver->written, saver->w.out->len - saver->written);
  saver->written = saver->w.out->len;
}

/* An element as an item of its list, from the line break before it: the
 * same text wherever it stands, as every list is at the same depth. */
static void
write_item (SlWriter  *w,
            SlElement *element)
{
  sl_writer_newline (w);
  w->empty = FALSE;

  /* A connection is short, and changes whole: one line. */
  if (SL_IS_CONNECTION (element))
    sl_writer_open_inline (w);
  else
    sl_writer_open (w, '{');
  write_element (w, element);
  if (SL_IS_CONNECTION (element))
    sl_writer_close_inline (w);
  else
    sl_writer_close (w, '}');
}

static void
write_elements (Saver      *saver,
                const char *key,
                GListModel *model)
{
  SlWriter *w = &saver->w;
  GPtrArray *items = _sl_element_list_get_items (SL_ELEMENT_LIST (model));

  if (items->len == 0)
    return;

  sl_writer_key (w, key);
  sl_writer_open (w, '[');
  for (guint i = 0; i < items->len; i++)
    {
      SlElement *element = g_ptr_array_index (items, i);
      gboolean follows = i > 0, followed;
      gsize offset, length, start;

      /* An element's text is from the line break before it to its end:
       * the comma that separates it is outside, but reused with it when
       * it was there before too, so that the texts of elements unchanged
       * side by side are one piece. */
      if (saver->plan != NULL && _sl_element_get_text (element, saver->base, &offset, &length, &followed))
        {
          if (follows && !followed)
            g_string_append_c (w->out, ',');
          saver_flush (saver);
          if (follows && followed)
            add_piece (saver->plan, TRUE, offset - 1, 1);
          _sl_element_set_text (element, saver->serial, saver->plan->length, length, follows);
          add_piece (saver->plan, TRUE, offset, length);
          w->empty = FALSE;
          continue;
        }

      if (follows)
        g_string_append_c (w->out, ',');
      start = saver->plan != NULL ? saver_position (saver) : 0;
      write_item (w, element);

      if (saver->plan != NULL)
        _sl_element_set_text (element, saver->serial, start, saver_position (saver) - start, follows);
    }
  sl_writer_close (w, ']');
}

static void
write_document (Saver      *saver,
                SlDocument *document)
{
  SlWriter *w = &saver->w;

  sl_writer_open (w, '{');
  sl_writer_int_member (w, "stormline", SL_FORMAT_VERSION);
  sl_writer_optional_string (w, "title", sl_document_get_title (document));
  sl_writer_optional_string (w, "description", sl_document_get_description (document));
  /* The step is navigation, not an edit: it goes to the file whenever the
   * model is saved for an edit, for whoever opens it next, and never
   * makes a model dirty on its own. */
  if (sl_document_get_step (document) != 1)
    sl_writer_int_member (w, "step", sl_document_get_step (document));
  write_elements (saver, "aggregates", sl_document_get_aggregates (document));
  write_elements (saver, "lanes", sl_document_get_lanes (document));
  write_elements (saver, "slices", sl_document_get_slices (document));
  write_elements (saver, "notes", sl_document_get_notes (document));
  write_elements (saver, "connections", sl_document_get_connections (document));
  write_elements (saver, "scenarios", sl_document_get_scenarios (document));
  sl_writer_close (w, '}');
  g_string_append_c (w->out, '\n');
}

/**
 * sl_format_save_to_bytes:
 *
 * Returns: (transfer full): the document in the canonical form of the
 *   .stormline format
 */
GBytes *
sl_format_save_to_bytes (SlDocument *document)
{
  Saver saver = { { NULL, 0, 0, TRUE }, NULL, 0, 0, 0 };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  saver.w.out = g_string_sized_new (4096 + 640 * g_list_model_get_n_items (sl_document_get_notes (document)));
  write_document (&saver, document);
  return g_string_free_to_bytes (saver.w.out);
}

/**
 * _sl_format_new_serial:
 *
 * Returns: a number no other planned text has, never 0
 */
guint
_sl_format_new_serial (void)
{
  static guint last;
  guint serial;

  do
    serial = (guint) g_atomic_int_add ((int *) &last, 1) + 1;
  while (serial == 0);
  return serial;
}

/**
 * _sl_format_plan_text:
 * @base: the serial of an earlier plan whose text will be at hand when
 *   this one is composed, or 0
 * @serial: this plan's serial, from _sl_format_new_serial()
 *
 * Plans the text sl_format_save_to_bytes() would give, writing only the
 * elements changed since the text @base; each element then remembers
 * where its text is in this one. Costs a walk over the elements.
 *
 * Returns: (transfer full): the plan, to compose on any thread
 */
SlTextPlan *
_sl_format_plan_text (SlDocument *document,
                      guint       base,
                      guint       serial)
{
  Saver saver = { { NULL, 0, 0, TRUE }, NULL, base, serial, 0 };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (serial != 0 && serial != base, NULL);

  saver.plan = g_new0 (SlTextPlan, 1);
  saver.plan->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  saver.w.out = saver.plan->text = g_string_new (NULL);
  write_document (&saver, document);
  saver_flush (&saver);
  return saver.plan;
}

gsize
_sl_text_plan_get_length (SlTextPlan *plan)
{
  return plan->length;
}

/* How much of the planned text comes from the base. */
gsize
_sl_text_plan_get_reused (SlTextPlan *plan)
{
  return plan->reused;
}

/**
 * _sl_text_plan_compose:
 * @base: (nullable): the text of the plan @plan was based on
 * @out: where the text goes, after what it holds
 *
 * Returns: %FALSE when @plan reuses text that @base does not have: the
 *   base was not the one planned for
 */
gboolean
_sl_text_plan_compose (SlTextPlan *plan,
                       const char *base,
                       gsize       base_length,
                       GString    *out)
{
  gsize start = out->len, at = start;

  /* One allocation: a draft of a large model is tens of megabytes. */
  g_string_set_size (out, start + plan->length);
  for (guint i = 0; i < plan->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (plan->pieces, Piece, i);
      const char *from;

      if (!piece->reused)
        from = plan->text->str + piece->offset;
      else if (base != NULL && piece->offset <= base_length && piece->length <= base_length - piece->offset)
        from = base + piece->offset;
      else
        {
          g_string_truncate (out, start);
          return FALSE;
        }
      memcpy (out->str + at, from, piece->length);
      at += piece->length;
    }
  return TRUE;
}

/* Priming: the text of every element, written a few at a time between
 * other work, to be the base of a document's first draft, which then
 * writes only what changed since. Each element's text is preceded by a
 * comma, as if it followed another: a plan reuses the comma with it. */

struct _SlTextPrimer
{
  SlDocument *document;
  SlWriter w;
  guint serial;
  guint list;     /* which of the document's lists */
  guint position; /* in it */
};

static GListModel *
primer_list (SlTextPrimer *primer)
{
  switch (primer->list)
    {
    case 0: return sl_document_get_aggregates (primer->document);
    case 1: return sl_document_get_lanes (primer->document);
    case 2: return sl_document_get_slices (primer->document);
    case 3: return sl_document_get_notes (primer->document);
    case 4: return sl_document_get_connections (primer->document);
    case 5: return sl_document_get_scenarios (primer->document);
    default: return NULL;
    }
}

/**
 * _sl_text_primer_new:
 *
 * Returns: (transfer full): a primer of @document's text, with a serial
 *   of its own
 */
SlTextPrimer *
_sl_text_primer_new (SlDocument *document)
{
  SlTextPrimer *primer;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  primer = g_new0 (SlTextPrimer, 1);
  primer->document = g_object_ref (document);
  primer->serial = _sl_format_new_serial ();
  /* Sized as a save is: growing it would copy tens of megabytes in one step. */
  primer->w.out = g_string_sized_new (4096 + 640 * g_list_model_get_n_items (sl_document_get_notes (document)));
  return primer;
}

guint
_sl_text_primer_get_serial (SlTextPrimer *primer)
{
  return primer->serial;
}

/**
 * _sl_text_primer_step:
 * @budget: how many elements to write at most
 *
 * Writes the text of the next elements. The document may change between
 * two steps: an element changed after its text was written forgets it,
 * one moved past or added is written by the draft.
 *
 * Returns: %TRUE once every element was written
 */
gboolean
_sl_text_primer_step (SlTextPrimer *primer,
                      guint         budget)
{
  SlWriter *w = &primer->w;
  GListModel *model;

  while ((model = primer_list (primer)) != NULL)
    {
      GPtrArray *items = _sl_element_list_get_items (SL_ELEMENT_LIST (model));

      for (; primer->position < items->len; primer->position++)
        {
          SlElement *element = g_ptr_array_index (items, primer->position);
          gsize start;

          if (budget-- == 0)
            return FALSE;

          g_string_append_c (w->out, ',');
          start = w->out->len;
          /* As an item of a list of the document: at depth 2. */
          w->depth = 2;
          w->inline_depth = 0;
          write_item (w, element);
          _sl_element_set_text (element, primer->serial, start, w->out->len - start, TRUE);
        }
      primer->list++;
      primer->position = 0;
    }
  return TRUE;
}

/**
 * _sl_text_primer_free_to_bytes:
 *
 * Returns: (transfer full): the text written, the base for a plan on the
 *   primer's serial
 */
GBytes *
_sl_text_primer_free_to_bytes (SlTextPrimer *primer)
{
  GBytes *text = g_string_free_to_bytes (primer->w.out);

  g_object_unref (primer->document);
  g_free (primer);
  return text;
}

void
_sl_text_primer_free (SlTextPrimer *primer)
{
  if (primer != NULL)
    g_bytes_unref (_sl_text_primer_free_to_bytes (primer));
}

void
_sl_text_plan_free (SlTextPlan *plan)
{
  if (plan == NULL)
    return;

  g_string_free (plan->text, TRUE);
  g_array_unref (plan->pieces);
  g_free (plan);
}

/**
 * sl_format_save_file:
 *
 * Saves @document to @file atomically. Does not touch the history's save
 * point: the caller knows whether this was a save or an export.
 */
gboolean
sl_format_save_file (SlDocument  *document,
                     GFile       *file,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = sl_format_save_to_bytes (document);
  return sl_file_write_atomically (file, bytes, NULL, error);
}

static void
save_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;

  if (sl_file_write_atomically (G_FILE (source_object), task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * sl_format_save_file_async:
 *
 * Saves @document to @file like sl_format_save_file(), writing off the
 * main thread. The document is serialized before this returns, so it may
 * change while the file is written.
 */
void
sl_format_save_file_async (SlDocument          *document,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_format_save_file_async);
  g_task_set_task_data (task, sl_format_save_to_bytes (document), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, save_file_thread);
}

gboolean
sl_format_save_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_format_save_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
