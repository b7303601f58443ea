/* test-eventmodelers.c: import and export of the eventmodelers format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include "test-util.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "eventmodelers", name, NULL);
}

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = data_path (name);

  return read_bytes (path);
}

static SlDocument *
import_example (GPtrArray **warnings)
{
  g_autoptr(GBytes) bytes = read_data ("understanding-eventsourcing-cart.json");
  g_autoptr(GError) error = NULL;
  SlDocument *document = sl_eventmodelers_import (bytes, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static guint
count_kind (SlDocument *document,
            SlNoteKind  kind)
{
  GListModel *notes = sl_document_get_notes (document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    n += sl_note_get_kind (sl_element_list_peek (SL_ELEMENT_LIST (notes), i)) == kind;
  return n;
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *part)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), part))
      return TRUE;
  return FALSE;
}

static void
test_import_example (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(SlDocument) document = import_example (&warnings);
  SlNote *submit, *submitted, *item_added, *archive;
  SlField *field;
  GListModel *scenarios = sl_document_get_scenarios (document);
  guint errors = 0;

  g_assert_cmpuint (count_kind (document, SL_NOTE_EVENT), ==, 10);
  g_assert_cmpuint (count_kind (document, SL_NOTE_COMMAND), ==, 9);
  g_assert_cmpuint (count_kind (document, SL_NOTE_VIEW), ==, 6);
  g_assert_cmpuint (count_kind (document, SL_NOTE_AUTOMATION), ==, 5);
  g_assert_cmpuint (count_kind (document, SL_NOTE_SCREEN), ==, 4);
  g_assert_cmpuint (test_n_items (sl_document_get_slices (document)), ==, 15);
  g_assert_cmpuint (test_n_items (sl_document_get_aggregates (document)), ==, 3);
  g_assert_cmpuint (test_n_items (sl_document_get_connections (document)), ==, 35);
  g_assert_cmpuint (test_n_items (scenarios), ==, 13);
  g_assert_false (sl_history_can_undo (sl_document_get_history (document)));

  /* Ids are the elements' ids: a problem traces back to its source. */
  submit = sl_document_lookup_note (document, "3458764596109969508");
  submitted = sl_document_lookup_note (document, "3458764595641022547");
  g_assert_nonnull (submit);
  g_assert_nonnull (submitted);
  g_assert_cmpstr (sl_note_get_text (submit), ==, "Submit Cart");
  g_assert_cmpint (sl_note_get_kind (submit), ==, SL_NOTE_COMMAND);
  g_assert_cmpint (sl_lane_get_kind (sl_note_get_lane (submit)), ==, SL_LANE_INTERACTION);
  g_assert_cmpstr (sl_note_get_text (submitted), ==, "Cart Submitted");
  g_assert_cmpint (sl_lane_get_kind (sl_note_get_lane (submitted)), ==, SL_LANE_EVENTS);
  g_assert_cmpstr (sl_aggregate_get_name (sl_lane_get_aggregate (sl_note_get_lane (submitted))), ==, "Cart");
  g_assert_nonnull (sl_document_find_connection (document, submit, submitted));

  /* Fields keep their types; the slice is the note's column. */
  g_assert_cmpuint (sl_note_get_n_fields (submit), ==, 6);
  field = sl_note_get_field (submit, 0);
  g_assert_cmpstr (sl_field_get_name (field), ==, "aggregateId");
  g_assert_cmpint (sl_field_get_value_type (field), ==, SL_FIELD_UUID);
  g_assert_null (sl_field_get_mapping (field));
  g_assert_cmpint (sl_note_get_x (submit), ==, sl_note_get_x (submitted));

  /* Two events of one slice and lane stack rather than overlap. */
  item_added = sl_document_lookup_note (document, "3458764595631345476");
  g_assert_nonnull (item_added);
  {
    SlNote *created = NULL;
    GListModel *notes = sl_document_get_notes (document);

    for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
      {
        SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

        if (g_str_equal (sl_note_get_text (note), "Cart Created"))
          created = note;
      }
    g_assert_nonnull (created);
    g_assert_true (sl_note_get_lane (created) == sl_note_get_lane (item_added));
    g_assert_cmpint (sl_note_get_x (created), ==, sl_note_get_x (item_added));
    g_assert_cmpint (sl_note_get_y (created), !=, sl_note_get_y (item_added));
  }

  /* An automation reads a view and issues a command. */
  archive = sl_document_lookup_note (document, "3458764596409524207");
  g_assert_cmpint (sl_note_get_kind (archive), ==, SL_NOTE_AUTOMATION);
  g_assert_nonnull (sl_document_find_connection (document, archive,
                                                 sl_document_lookup_note (document, "3458764596409524598")));

  /* SPEC_ERROR becomes an error outcome. */
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    if (sl_scenario_get_error (sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i)) != NULL)
      errors++;
  g_assert_cmpuint (errors, ==, 4);

  /* The dangling dependency is reported, not dropped in silence. */
  g_assert_true (has_warning (warnings, "3458764595831018749"));
  g_assert_true (has_warning (warnings, "does not contain"));
}

/* A small validator for the parts of JSON Schema the eventmodelers schema
 * uses: type, properties, required, additionalProperties, enum, items,
 * oneOf and local $ref. */
static gboolean validate (SlJsonNode *schema, SlJsonNode *defs, SlJsonNode *value, GString *where, GString *problems);

static gboolean
has_type (SlJsonNode *value,
          const char *type)
{
  switch (sl_json_node_get_type (value))
    {
    case SL_JSON_NULL:    return g_str_equal (type, "null");
    case SL_JSON_BOOLEAN: return g_str_equal (type, "boolean");
    case SL_JSON_INTEGER: return g_str_equal (type, "integer") || g_str_equal (type, "number");
    case SL_JSON_DOUBLE:  return g_str_equal (type, "number");
    case SL_JSON_STRING:  return g_str_equal (type, "string");
    case SL_JSON_ARRAY:   return g_str_equal (type, "array");
    case SL_JSON_OBJECT:  return g_str_equal (type, "object");
    default:              return FALSE;
    }
}

static gboolean
problem (GString    *problems,
         GString    *where,
         const char *what)
{
  g_string_append_printf (problems, "%s: %s\n", where->str, what);
  return FALSE;
}

static gboolean
validate (SlJsonNode *schema,
          SlJsonNode *defs,
          SlJsonNode *value,
          GString    *where,
          GString    *problems)
{
  SlJsonNode *node;
  gboolean ok = TRUE;

  if ((node = sl_json_object_get (schema, "$ref")))
    {
      const char *ref = sl_json_node_get_string (node);

      g_assert_true (g_str_has_prefix (ref, "#/$defs/"));
      return validate (sl_json_object_get (defs, ref + strlen ("#/$defs/")), defs, value, where, problems);
    }

  if ((node = sl_json_object_get (schema, "oneOf")))
    {
      guint matches = 0;

      for (guint i = 0; i < sl_json_node_get_length (node); i++)
        {
          g_autoptr(GString) ignored = g_string_new (NULL);

          matches += validate (sl_json_array_get (node, i), defs, value, where, ignored);
        }
      if (matches != 1)
        return problem (problems, where, "matches not exactly one of oneOf");
    }

  if ((node = sl_json_object_get (schema, "type")))
    {
      gboolean typed = FALSE;

      if (sl_json_node_get_type (node) == SL_JSON_STRING)
        typed = has_type (value, sl_json_node_get_string (node));
      else
        for (guint i = 0; i < sl_json_node_get_length (node); i++)
          typed |= has_type (value, sl_json_node_get_string (sl_json_array_get (node, i)));
      if (!typed)
        return problem (problems, where, "has the wrong type");
    }

  if ((node = sl_json_object_get (schema, "enum")))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < sl_json_node_get_length (node); i++)
        found |= sl_json_node_get_type (value) == SL_JSON_STRING &&
                 g_str_equal (sl_json_node_get_string (value), sl_json_node_get_string (sl_json_array_get (node, i)));
      if (!found)
        ok = problem (problems, where, "is not in the enum");
    }

  if (sl_json_node_get_type (value) == SL_JSON_OBJECT)
    {
      SlJsonNode *properties = sl_json_object_get (schema, "properties");
      SlJsonNode *required = sl_json_object_get (schema, "required");
      SlJsonNode *additional = sl_json_object_get (schema, "additionalProperties");

      for (guint i = 0; required && i < sl_json_node_get_length (required); i++)
        if (!sl_json_object_get (value, sl_json_node_get_string (sl_json_array_get (required, i))))
          {
            g_autofree char *what = g_strdup_printf ("misses “%s”", sl_json_node_get_string (sl_json_array_get (required, i)));

            ok = problem (problems, where, what);
          }

      for (guint i = 0; i < sl_json_node_get_length (value); i++)
        {
          const char *key = sl_json_object_get_key (value, i);
          SlJsonNode *property = properties ? sl_json_object_get (properties, key) : NULL;
          gsize length = where->len;

          if (property == NULL)
            {
              if (additional && sl_json_node_get_type (additional) == SL_JSON_BOOLEAN && !sl_json_node_get_boolean (additional))
                {
                  g_autofree char *what = g_strdup_printf ("has “%s”, which the schema does not allow", key);

                  ok = problem (problems, where, what);
                }
              continue;
            }

          g_string_append_printf (where, ".%s", key);
          ok &= validate (property, defs, sl_json_object_get_value (value, i), where, problems);
          g_string_truncate (where, length);
        }
    }

  if (sl_json_node_get_type (value) == SL_JSON_ARRAY && (node = sl_json_object_get (schema, "items")))
    for (guint i = 0; i < sl_json_node_get_length (value); i++)
      {
        gsize length = where->len;

        g_string_append_printf (where, "[%u]", i);
        ok &= validate (node, defs, sl_json_array_get (value, i), where, problems);
        g_string_truncate (where, length);
      }

  return ok;
}

static void
assert_valid (GBytes *export)
{
  g_autoptr(GBytes) schema_bytes = read_data ("eventmodeling.schema.json");
  g_autoptr(SlJson) schema = sl_json_parse (g_bytes_get_data (schema_bytes, NULL), g_bytes_get_size (schema_bytes), NULL);
  g_autoptr(SlJson) json = NULL;
  g_autoptr(GString) where = g_string_new ("$");
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SlJsonNode *root;

  g_assert_nonnull (schema);
  json = sl_json_parse (g_bytes_get_data (export, NULL), g_bytes_get_size (export), &error);
  g_assert_no_error (error);

  root = sl_json_get_root (schema);
  if (!validate (root, sl_json_object_get (root, "$defs"), sl_json_get_root (json), where, problems))
    g_error ("the export does not validate:\n%s", problems->str);
}

/* The validator itself finds what breaks the schema. */
static void
test_validator (void)
{
  static const char * const invalid[] = {
    "{}",
    "{\"slices\": [], \"extra\": 1}",
    "{\"slices\": [{\"id\": \"s\"}]}",
    /* In parentheses: one string written on two lines, not two strings. */
    ("{\"slices\": [{\"id\": \"s\", \"title\": \"t\", \"sliceType\": \"NOPE\", \"commands\": [], \"events\": [], "
     "\"readmodels\": [], \"screens\": [], \"processors\": [], \"tables\": [], \"specifications\": []}]}"),
  };
  g_autoptr(GBytes) schema_bytes = read_data ("eventmodeling.schema.json");
  g_autoptr(SlJson) schema = sl_json_parse (g_bytes_get_data (schema_bytes, NULL), g_bytes_get_size (schema_bytes), NULL);
  SlJsonNode *root = sl_json_get_root (schema);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(SlJson) json = sl_json_parse (invalid[i], strlen (invalid[i]), NULL);
      g_autoptr(GString) where = g_string_new ("$");
      g_autoptr(GString) problems = g_string_new (NULL);

      g_assert_false (validate (root, sl_json_object_get (root, "$defs"), sl_json_get_root (json), where, problems));
      g_assert_cmpuint (problems->len, >, 0);
    }
}

static void
test_export_valid (void)
{
  g_autoptr(SlDocument) example = import_example (NULL);
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GBytes) from_example = sl_eventmodelers_export (example, NULL);
  g_autoptr(GBytes) from_hotel = sl_eventmodelers_export (hotel, &warnings);

  assert_valid (from_example);
  assert_valid (from_hotel);

  /* The hotel's external system has no place in the format: reported. */
  g_assert_true (has_warning (warnings, "GPS"));
}

/* What one model holds, as text, independent of lane ids and layout. */
static char *
describe (SlDocument *document)
{
  GListModel *notes = sl_document_get_notes (document);
  GListModel *connections = sl_document_get_connections (document);
  GListModel *scenarios = sl_document_get_scenarios (document);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "note %s %s “%s”", sl_element_get_id (SL_ELEMENT (note)),
                              sl_note_kind_to_string (sl_note_get_kind (note)), sl_note_get_text (note));
      for (guint f = 0; f < sl_note_get_n_fields (note); f++)
        {
          SlField *field = sl_note_get_field (note, f);

          g_string_append_printf (line, " [%s %s %x %s %s]", sl_field_get_name (field),
                                  sl_field_type_to_string (sl_field_get_value_type (field)),
                                  sl_field_get_flags (field),
                                  sl_field_get_mapping (field) ? sl_field_get_mapping (field) : "-",
                                  sl_field_get_example (field) ? sl_field_get_example (field) : "-");
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      SlConnection *connection = sl_element_list_peek (SL_ELEMENT_LIST (connections), i);

      g_ptr_array_add (lines, g_strdup_printf ("connection %s -> %s",
                                               sl_element_get_id (SL_ELEMENT (sl_connection_get_source (connection))),
                                               sl_element_get_id (SL_ELEMENT (sl_connection_get_target (connection)))));
    }

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "scenario of %s “%s” error %s", sl_element_get_id (SL_ELEMENT (sl_scenario_get_note (scenario))),
                              sl_scenario_get_title (scenario), sl_scenario_get_error (scenario) ? sl_scenario_get_error (scenario) : "-");
      for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
        for (guint s = 0; s < sl_scenario_get_n_steps (scenario, part); s++)
          {
            SlStep *step = sl_scenario_get_step (scenario, part, s);

            g_string_append_printf (line, " %u:%s", part, sl_element_get_id (SL_ELEMENT (sl_step_get_note (step))));
            for (guint v = 0; v < sl_step_get_n_values (step); v++)
              g_string_append_printf (line, "(%s=%s)", sl_step_get_value_name (step, v), sl_step_get_value (step, v));
          }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }

  g_ptr_array_sort (lines, compare_names);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* import -> export -> import keeps every element, field, connection and
 * specification. */
static void
test_round_trip (void)
{
  g_autoptr(SlDocument) first = import_example (NULL);
  g_autoptr(GBytes) exported = sl_eventmodelers_export (first, NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) second = sl_eventmodelers_import (exported, &warnings, &error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  a = describe (first);
  b = describe (second);
  g_assert_cmpstr (a, ==, b);
}

/* The hotel, which uses mappings, flags and examples, also comes back whole
 * (but for its external system, which the format cannot carry). */
static void
test_round_trip_hotel (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(SlDocument) back = NULL;
  SlNote *view;
  SlField *field;
  guint index;

  sl_document_remove_note (hotel, sl_document_lookup_note (hotel, "ext-gps"));
  exported = sl_eventmodelers_export (hotel, NULL);
  back = sl_eventmodelers_import (exported, NULL, NULL);
  g_assert_nonnull (back);

  g_assert_cmpuint (test_n_items (sl_document_get_notes (back)), ==, test_n_items (sl_document_get_notes (hotel)));
  g_assert_cmpuint (test_n_items (sl_document_get_connections (back)), ==, test_n_items (sl_document_get_connections (hotel)));
  g_assert_cmpuint (test_n_items (sl_document_get_scenarios (back)), ==, test_n_items (sl_document_get_scenarios (hotel)));

  view = sl_document_lookup_note (back, "view-available-rooms");
  g_assert_nonnull (view);
  field = sl_note_find_field (view, "amenities", &index);
  g_assert_nonnull (field);
  g_assert_true (sl_field_has_flag (field, SL_FIELD_LIST));
}

/* The element @id of an export, as json-glib reads it. */
static JsonObject *
find_element (JsonObject *root,
              const char *list,
              const char *id)
{
  JsonArray *slices = json_object_get_array_member (root, "slices");

  for (guint s = 0; s < json_array_get_length (slices); s++)
    {
      JsonArray *elements = json_object_get_array_member (json_array_get_object_element (slices, s), list);

      for (guint e = 0; e < json_array_get_length (elements); e++)
        {
          JsonObject *element = json_array_get_object_element (elements, e);

          if (g_strcmp0 (json_object_get_string_member (element, "id"), id) == 0)
            return element;
        }
    }
  return NULL;
}

/* Texts with quotes, backslashes, control characters (U+001F, which
 * json-glib 1.6 leaves as it is, among them) and non-ASCII leave in an
 * export that json-glib and the strict reader both read, valid against the
 * schema, and come back whole on import. */
static void
test_export_texts (void)
{
  static const char text[] = "Say \"hi\" \\ back\n\t\001\037\177 ünï € 😀 \u2028";
  static const char field[] = "cart\"ID\\\037\n ü";
  g_autoptr(SlDocument) first = import_example (NULL);
  SlNote *note = sl_document_lookup_note (first, "3458764596109969508");
  SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_scenarios (first)), 0);
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) second = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  JsonObject *element;
  JsonObject *first_field;

  g_assert_nonnull (note);
  g_assert_nonnull (scenario);
  sl_document_set_note_text (first, note, text);
  sl_document_set_field_name (first, note, 0, field);
  sl_document_set_field_example (first, note, 0, text);
  sl_document_set_field_mapping (first, note, 0, field);
  sl_document_set_scenario_title (first, scenario, text);

  exported = sl_eventmodelers_export (first, NULL);
  assert_valid (exported);
  json_parser_load_from_data (parser, g_bytes_get_data (exported, NULL), g_bytes_get_size (exported), &error);
  g_assert_no_error (error);
  element = find_element (json_node_get_object (json_parser_get_root (parser)), "commands", "3458764596109969508");
  g_assert_nonnull (element);
  g_assert_cmpstr (json_object_get_string_member (element, "title"), ==, text);
  first_field = json_array_get_object_element (json_object_get_array_member (element, "fields"), 0);
  g_assert_cmpstr (json_object_get_string_member (first_field, "name"), ==, field);
  g_assert_cmpstr (json_object_get_string_member (first_field, "example"), ==, text);
  g_assert_cmpstr (json_object_get_string_member (first_field, "mapping"), ==, field);

  second = sl_eventmodelers_import (exported, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  a = describe (first);
  b = describe (second);
  g_assert_cmpstr (a, ==, b);
}

static void
test_malformed (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", SL_FORMAT_ERROR_SYNTAX },
    { "not json", SL_FORMAT_ERROR_SYNTAX },
    { "{\"slices\": [", SL_FORMAT_ERROR_SYNTAX },
    { "[]", SL_FORMAT_ERROR_NOT_A_MODEL },
    { "{}", SL_FORMAT_ERROR_NOT_A_MODEL },
    { "{\"slices\": {}}", SL_FORMAT_ERROR_NOT_A_MODEL },
    { "{\"slices\": [01]}", SL_FORMAT_ERROR_SYNTAX },
  };
  g_autofree char *deep = g_strnfill (100000, '[');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;

      g_assert_null (sl_eventmodelers_import (bytes, NULL, &error));
      g_assert_error (error, SL_FORMAT_ERROR, cases[i].code);
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (deep, strlen (deep));
    g_autoptr(GError) error = NULL;

    /* Nesting beyond the reader's depth is skipped without recursion,
     * and found cut off at its end. */
    g_assert_null (sl_eventmodelers_import (bytes, NULL, &error));
    g_assert_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_SYNTAX);
    g_assert_true (g_str_has_prefix (error->message, "line 1, column 100001: "));
  }
}

/* Messy but readable exports: kept as far as they go, with a warning for
 * each thing left out. */
static void
test_messy (void)
{
  static const char text[] =
    "{\"slices\": ["
    "  {\"title\": \"one\", \"status\": \"Weird\", \"commands\": ["
    "     {\"id\": \"c\", \"title\": \"\", \"type\": \"COMMAND\", \"fields\": [{\"name\": \"a\", \"type\": \"Nope\"}, {\"type\": \"String\"}],"
    "      \"dependencies\": [{\"id\": \"e\", \"type\": \"OUTBOUND\", \"title\": \"E\", \"elementType\": \"EVENT\"},"
    "                         {\"id\": \"gone\", \"type\": \"OUTBOUND\", \"title\": \"Gone\", \"elementType\": \"EVENT\"}]}],"
    "   \"events\": [{\"id\": \"e\", \"title\": \"E\", \"fields\": [], \"dependencies\": []}, 7]},"
    "  {\"title\": \"two\", \"commands\": [{\"id\": \"c\", \"title\": \"Again\", \"fields\": [], \"dependencies\": []}]},"
    "  \"not a slice\","
    "  {\"title\": \"four\", \"specifications\": [{\"title\": \"orphan\", \"given\": [], \"when\": [], \"then\": []}]}"
    "]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = sl_eventmodelers_import (bytes, &warnings, &error);
  SlNote *command;

  g_assert_no_error (error);
  command = sl_document_lookup_note (document, "c");
  g_assert_nonnull (command);
  g_assert_cmpuint (sl_note_get_n_fields (command), ==, 1);
  g_assert_cmpint (sl_field_get_value_type (sl_note_get_field (command, 0)), ==, SL_FIELD_STRING);
  g_assert_nonnull (sl_document_find_connection (document, command, sl_document_lookup_note (document, "e")));

  g_assert_true (has_warning (warnings, "unknown status “Weird”"));
  g_assert_true (has_warning (warnings, "unknown type “Nope”"));
  g_assert_true (has_warning (warnings, "has no name"));
  g_assert_true (has_warning (warnings, "has no title"));
  g_assert_true (has_warning (warnings, "“Gone”"));
  g_assert_true (has_warning (warnings, "and again in “two”"));
  g_assert_true (has_warning (warnings, "is not an object"));
  g_assert_true (has_warning (warnings, "“orphan”"));
  g_assert_true (has_warning (warnings, "slice 3"));
}

/* What the import makes, Stormline saves, reads back and saves to the
 * same bytes. */
static SlDocument *
save_and_reload (SlDocument *document)
{
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) loaded = sl_format_load_bytes (saved, &error);
  g_autoptr(GBytes) resaved = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  resaved = sl_format_save_to_bytes (loaded);
  g_assert_true (g_bytes_equal (saved, resaved));
  return g_steal_pointer (&loaded);
}

static SlNote *
note_with_text (SlDocument *document,
                const char *text)
{
  GListModel *notes = sl_document_get_notes (document);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      if (g_strcmp0 (sl_note_get_text (note), text) == 0)
        return note;
    }
  return NULL;
}

/* Ids longer than the native format holds are shortened, the references
 * to them follow, and the file Stormline writes opens again (it did not:
 * "the id is longer than 256 characters"). An id of 200 characters that
 * takes more than 256 bytes is kept as it is. */
static void
test_long_ids (void)
{
  g_autofree char *long_a = g_strnfill (300, 'a');
  g_autofree char *long_b = g_strconcat (long_a, "b", NULL);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlDocument) loaded = NULL;
  SlNote *first, *second, *event;
  GListModel *scenarios;

  for (guint i = 0; i < 200; i++)
    g_string_append (wide, "é");

  g_string_printf (text,
                   "{\"slices\": [{\"title\": \"one\", \"commands\": ["
                   "  {\"id\": \"%s\", \"title\": \"First\", \"dependencies\": [{\"id\": \"%s\", \"type\": \"OUTBOUND\"}]},"
                   "  {\"id\": \"%s\", \"title\": \"Second\", \"dependencies\": [{\"id\": \"%s\", \"type\": \"INBOUND\"}]}],"
                   " \"events\": [{\"id\": \"%s\", \"title\": \"Wide\"}],"
                   " \"specifications\": [{\"title\": \"spec\", \"linkedId\": \"%s\", \"given\": [], \"when\": [], \"then\": []}]}]}",
                   long_a, wide->str, long_b, wide->str, wide->str, long_b);
  bytes = g_bytes_new (text->str, text->len);

  document = sl_eventmodelers_import (bytes, &warnings, &error);
  g_assert_no_error (error);
  g_assert_true (has_warning (warnings, "longer than 256 characters"));

  loaded = save_and_reload (document);
  first = note_with_text (loaded, "First");
  second = note_with_text (loaded, "Second");
  event = note_with_text (loaded, "Wide");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpstr (sl_element_get_id (SL_ELEMENT (event)), ==, wide->str);
  g_assert_cmpint (g_utf8_strlen (sl_element_get_id (SL_ELEMENT (first)), -1), <=, SL_FORMAT_MAX_ID_LENGTH);
  g_assert_cmpstr (sl_element_get_id (SL_ELEMENT (first)), !=, sl_element_get_id (SL_ELEMENT (second)));
  g_assert_true (g_str_has_prefix (sl_element_get_id (SL_ELEMENT (first)), "aaaa"));
  g_assert_nonnull (sl_document_find_connection (loaded, first, event));
  g_assert_nonnull (sl_document_find_connection (loaded, event, second));

  scenarios = sl_document_get_scenarios (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  g_assert_true (sl_scenario_get_note (sl_element_list_peek (SL_ELEMENT_LIST (scenarios), 0)) == second);
}

/* A model wider than the board: the slices that would stand beyond it
 * are left out with a warning, and the file written opens again. */
static void
test_too_many_slices (void)
{
  g_autoptr(GString) text = g_string_new ("{\"slices\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlDocument) loaded = NULL;
  guint fit = (SL_COORD_MAX - 40) / 240 + 1;

  for (guint i = 0; i < fit + 2; i++)
    g_string_append (text, i == fit + 1 ? "{\"title\": \"s\", \"events\": [{\"id\": \"e\", \"title\": \"E\"}]}]}"
                                        : "{\"title\": \"s\"},");
  bytes = g_bytes_new (text->str, text->len);

  document = sl_eventmodelers_import (bytes, &warnings, &error);
  g_assert_no_error (error);
  g_assert_true (has_warning (warnings, "are left out"));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_slices (document)), ==, fit);
  g_assert_null (sl_document_lookup_note (document, "e"));
  loaded = save_and_reload (document);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_slices (loaded)), ==, fit);
}

/* What the import does not read never refuses a file: a number beyond 64
 * bits, a decimal of 80 digits and data nested 200 levels deep, in keys
 * of another tool, are left out with a warning that says what and where;
 * the elements around them come in. Broken JSON stays refused, however
 * deep, and so does a number out of range for a model file. */
static void
test_unread_keys (void)
{
  g_autoptr(GString) text = g_string_new ("{\"meta\": {\"big\": 123456789012345678901234567890,\n"
                                          "  \"decimal\": 0.");
  g_autoptr(GString) broken = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) broken_bytes = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlDocument) refused = NULL;
  g_autoptr(SlDocument) model = NULL;
  g_autoptr(GBytes) model_bytes = NULL;

  for (guint i = 0; i < 80; i++)
    g_string_append_c (text, '1' + i % 9);
  g_string_append (text, ",\n  \"nested\": ");
  for (guint i = 0; i < 200; i++)
    g_string_append (text, i % 2 ? "{\"k\": [1e999, \"\\u00e9\", true, null, {}], \"deeper\": " : "[");
  g_string_append (text, "0");
  for (guint i = 200; i-- > 0;)
    g_string_append (text, i % 2 ? "}" : "]");
  g_string_append (text, "},\n \"slices\": [{\"title\": \"one\", \"events\": [{\"id\": \"e\", \"title\": \"Booked\", \"index\": 1e999}]}]}");
  broken = g_string_new (text->str);
  bytes = g_bytes_new (text->str, text->len);

  document = sl_eventmodelers_import (bytes, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sl_document_lookup_note (document, "e"));
  g_assert_true (has_warning (warnings, "line 1, column 18: the number 12345678901234567890123456789"));
  g_assert_true (has_warning (warnings, "line 2, column 14: the number 0.123456789"));
  g_assert_true (has_warning (warnings, "too long to read and was left out; the import does not use it"));
  g_assert_true (has_warning (warnings, "line 3, column "));
  g_assert_true (has_warning (warnings, "data nested more than 64 levels deep was left out"));
  g_assert_true (has_warning (warnings, "the number 1e999 is too large to read"));

  /* A comma missing deep down is still an error, with its place. */
  g_string_replace (broken, "true, null", "true null", 1);
  broken_bytes = g_bytes_new (broken->str, broken->len);
  refused = sl_eventmodelers_import (broken_bytes, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "a comma is missing"));
  g_clear_error (&error);

  /* A model file keeps its strict reading. */
  model_bytes = g_bytes_new_static ("{\"stormline\": 1, \"title\": 1e999}", strlen ("{\"stormline\": 1, \"title\": 1e999}"));
  model = sl_format_load_bytes (model_bytes, &error);
  g_assert_null (model);
  g_assert_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_NUMBER);
}

/* A specification step of many example values, some of the same field,
 * keeps one value a field, the last, in the first one's place. */
static void
test_many_examples (void)
{
  g_autoptr(GString) text = g_string_new ("{\"slices\": [{\"title\": \"one\", \"events\": [{\"id\": \"e\", \"title\": \"Booked\"}],"
                                          " \"specifications\": [{\"title\": \"spec\", \"linkedId\": \"e\", \"given\": [],"
                                          " \"when\": [], \"then\": [{\"title\": \"Booked\", \"linkedId\": \"e\", \"fields\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  SlScenario *scenario;
  SlStep *step;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "{\"name\": \"f%u\", \"example\": \"%u\"},", i, i);
  g_string_append (text, "{\"name\": \"f0\", \"example\": \"last\"}]}]}]}]}");
  bytes = g_bytes_new (text->str, text->len);

  document = sl_eventmodelers_import (bytes, &warnings, &error);
  g_assert_no_error (error);
  scenario = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_scenarios (document)), 0);
  step = sl_scenario_get_step (scenario, SL_STEP_THEN, 0);
  g_assert_cmpuint (sl_step_get_n_values (step), ==, 20000);
  g_assert_cmpstr (sl_step_get_value_name (step, 0), ==, "f0");
  g_assert_cmpstr (sl_step_get_value (step, 0), ==, "last");
  g_assert_cmpstr (sl_step_lookup (step, "f19999"), ==, "19999");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eventmodelers/import-example", test_import_example);
  g_test_add_func ("/eventmodelers/validator", test_validator);
  g_test_add_func ("/eventmodelers/export-valid", test_export_valid);
  g_test_add_func ("/eventmodelers/round-trip", test_round_trip);
  g_test_add_func ("/eventmodelers/round-trip-hotel", test_round_trip_hotel);
  g_test_add_func ("/eventmodelers/export-texts", test_export_texts);
  g_test_add_func ("/eventmodelers/malformed", test_malformed);
  g_test_add_func ("/eventmodelers/messy", test_messy);
  g_test_add_func ("/eventmodelers/long-ids", test_long_ids);
  g_test_add_func ("/eventmodelers/too-many-slices", test_too_many_slices);
  g_test_add_func ("/eventmodelers/unread-keys", test_unread_keys);
  g_test_add_func ("/eventmodelers/many-examples", test_many_examples);

  return g_test_run ();
}
