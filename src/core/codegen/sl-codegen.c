/* sl-codegen.c: the language-neutral model of a generated program, and
 * writing it
 *
 * sl_codegen_run() checks the model, builds the IR (sl-codegen-private.h)
 * from it in board order, lets the language's emitter and the JSON Schema
 * emitter turn it into files, and writes them: a file already there keeps
 * what a developer wrote between its "stormline:begin KEY" and
 * "stormline:end KEY" markers, a body whose key is gone is kept in an
 * orphan block at the end of its file, and a file is written only when its
 * text changes. Nothing is written before every file has been read and
 * merged, so a file with unbalanced markers leaves the folder as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-aggregate.h"
#include "sl-check.h"
#include "sl-codegen-private.h"
#include "sl-connection.h"
#include "sl-document.h"
#include "sl-element-list.h"
#include "sl-field.h"
#include "sl-file-writer.h"
#include "sl-note.h"
#include "sl-problem.h"
#include "sl-scenario.h"
#include "sl-slice.h"
#include "sl-step.h"
#include "sl-text-escape.h"

G_DEFINE_QUARK (sl-codegen-error-quark, sl_codegen_error)

/* How many check errors the refusal names before "and N more". */
#define MAX_NAMED_ERRORS 10

struct _SlCodegenReport
{
  guint n_files;
  guint n_written;
  guint n_kept;
  guint n_problems;
  GPtrArray *stale_kept; /* char*: files no longer generated, kept for their bodies */
};

static const char * const language_names[] = { "typescript", "csharp", "kotlin" };
static const char * const language_labels[] = { "TypeScript", "C#", "Kotlin" };

const char *
sl_codegen_language_to_string (SlCodegenLanguage language)
{
  g_return_val_if_fail (language <= SL_CODEGEN_KOTLIN, NULL);

  return language_names[language];
}

gboolean
sl_codegen_language_from_string (const char        *str,
                                 SlCodegenLanguage *language)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_ascii_strcasecmp (str, language_names[i]) == 0)
      {
        if (language != NULL)
          *language = (SlCodegenLanguage) i;
        return TRUE;
      }

  return FALSE;
}

const char *
sl_codegen_language_get_label (SlCodegenLanguage language)
{
  g_return_val_if_fail (language <= SL_CODEGEN_KOTLIN, NULL);

  return language_labels[language];
}

guint
sl_codegen_report_get_n_files (SlCodegenReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_files;
}

guint
sl_codegen_report_get_n_written (SlCodegenReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_written;
}

guint
sl_codegen_report_get_n_kept (SlCodegenReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_kept;
}

guint
sl_codegen_report_get_n_problems (SlCodegenReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_problems;
}

guint
sl_codegen_report_get_n_stale_kept (SlCodegenReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->stale_kept != NULL ? report->stale_kept->len : 0;
}

const char *
sl_codegen_report_get_stale_kept (SlCodegenReport *report,
                                  guint            index)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < sl_codegen_report_get_n_stale_kept (report), NULL);
  return g_ptr_array_index (report->stale_kept, index);
}

void
sl_codegen_report_free (SlCodegenReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->stale_kept, g_ptr_array_unref);
  g_free (report);
}

/* Identifiers */

/* Words no identifier of the three languages may be: the reserved words
 * of TypeScript, C# and Kotlin (hard keywords), in one list. */
static const char * const keywords[] = {
  "abstract", "any", "as", "async", "await", "base", "bool", "boolean",
  "break", "byte", "case", "catch", "char", "checked", "class", "const",
  "continue", "debugger", "decimal", "declare", "default", "delegate",
  "delete", "do", "double", "else", "enum", "event", "explicit", "export",
  "extends", "extern", "false", "finally", "fixed", "float", "for",
  "foreach", "fun", "function", "goto", "if", "implements", "implicit",
  "import", "in", "instanceof", "int", "interface", "internal", "is",
  "let", "lock", "long", "namespace", "never", "new", "null", "object",
  "object", "operator", "out", "override", "package", "params", "private",
  "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
  "short", "sizeof", "stackalloc", "static", "string", "struct", "super",
  "switch", "this", "throw", "true", "try", "typealias", "typeof", "uint",
  "ulong", "unchecked", "undefined", "unknown", "unsafe", "ushort",
  "using", "val", "var", "virtual", "void", "volatile", "when", "while",
  "with", "yield",
};

static gboolean
is_keyword (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (strcmp (word, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The words of @text: runs of ASCII letters and digits (the text is
 * transliterated to ASCII first), a run also split where a lower-case
 * letter or digit meets an upper-case one ("guestId" → "guest", "Id"). */
static GPtrArray *
split_words (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = ascii; ; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c))
        {
          if (word->len > 0 && g_ascii_isupper (c) &&
              (g_ascii_islower (word->str[word->len - 1]) ||
               g_ascii_isdigit (word->str[word->len - 1])))
            {
              g_ptr_array_add (words, g_string_free (word, FALSE));
              word = g_string_new (NULL);
            }
          g_string_append_c (word, c);
        }
      else if (word->len > 0)
        {
          g_ptr_array_add (words, g_string_free (word, FALSE));
          word = g_string_new (NULL);
        }

      if (c == '\0')
        break;
    }
  g_string_free (word, TRUE);

  return words;
}

/* A word whose letters are all upper case ("URL", "ID"). */
static gboolean
is_upper_word (const char *word)
{
  gboolean letters = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_islower (*p))
        return FALSE;
      letters |= g_ascii_isalpha (*p);
    }
  return letters;
}

/**
 * _sl_codegen_identifier:
 * @text: a note's text or a field's name
 * @case_: the case of the result
 *
 * An identifier valid in TypeScript, C# and Kotlin made of @text's words:
 * ASCII letters and digits, never starting with a digit (an underscore
 * comes first then), a reserved word getting a trailing underscore, and
 * "unnamed" for a text without any letter or digit.
 *
 * Returns: (transfer full): the identifier
 */
char *
_sl_codegen_identifier (const char    *text,
                        SlCodegenCase  case_)
{
  g_autoptr(GPtrArray) words = split_words (text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      char *word = g_ptr_array_index (words, i);

      switch (case_)
        {
        case SL_CODEGEN_CASE_PASCAL:
        case SL_CODEGEN_CASE_CAMEL:
          if (case_ == SL_CODEGEN_CASE_CAMEL && out->len == 0)
            {
              /* "URL path" → "urlPath", "Book" → "book" */
              if (is_upper_word (word))
                {
                  g_autofree char *lower = g_ascii_strdown (word, -1);
                  g_string_append (out, lower);
                }
              else
                {
                  g_string_append_c (out, g_ascii_tolower (word[0]));
                  g_string_append (out, word + 1);
                }
            }
          else
            {
              g_string_append_c (out, g_ascii_toupper (word[0]));
              g_string_append (out, word + 1);
            }
          break;

        case SL_CODEGEN_CASE_SNAKE:
        case SL_CODEGEN_CASE_KEBAB:
          {
            g_autofree char *lower = g_ascii_strdown (word, -1);

            if (out->len > 0)
              g_string_append_c (out, case_ == SL_CODEGEN_CASE_SNAKE ? '_' : '-');
            g_string_append (out, lower);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (out->len == 0)
    g_string_append (out, case_ == SL_CODEGEN_CASE_PASCAL ? "Unnamed" : "unnamed");
  if (g_ascii_isdigit (out->str[0]))
    g_string_prepend_c (out, '_');
  if (is_keyword (out->str))
    g_string_append_c (out, '_');

  return g_string_free (out, FALSE);
}

/* Who took a name: an aggregate (a name derived from its name), or
 * anything else. */
enum {
  TAKEN_BY_AGGREGATE = 1,
  TAKEN_BY_OTHER,
};

/* Adds @name to @taken, which holds names case-folded. */
static void
take_name_by (GHashTable *taken,
              const char *name,
              int         owner)
{
  g_hash_table_insert (taken, g_ascii_strdown (name, -1), GINT_TO_POINTER (owner));
}

static void
take_name (GHashTable *taken,
           const char *name)
{
  take_name_by (taken, name, TAKEN_BY_OTHER);
}

/* Who took @name in @taken (ignoring case), or 0. */
static int
taken_by (GHashTable *taken,
          const char *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return GPOINTER_TO_INT (g_hash_table_lookup (taken, folded));
}

static gboolean
is_taken (GHashTable *taken,
          const char *name)
{
  return taken_by (taken, name) != 0;
}

/* @base, or @base with the first numeric suffix from 2 not in @taken;
 * the result is added to @taken. Names are compared ignoring case: a
 * name becomes a file name, and "AvailableRooms.cs" and
 * "Availablerooms.cs" are one file on macOS and Windows. */
static char *
unique_name (GHashTable *taken,
             const char *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; is_taken (taken, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%u", base, n);
    }
  take_name (taken, name);

  return name;
}

/* Output helpers */

void
_sl_codegen_add_file (SlCodegenModel *model,
                      const char     *path,
                      GString        *text)
{
  SlCodegenFile *file;

  g_return_if_fail (model != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (text != NULL);

  file = g_new0 (SlCodegenFile, 1);
  file->path = g_strdup (path);
  file->text = text;
  g_ptr_array_add (model->files, file);
}

void
_sl_codegen_append_header (SlCodegenModel *model,
                           GString        *out,
                           const char     *comment)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (comment != NULL);

  /* Not translated: the generated code is the same whatever the
   * developer's language, so that it can be compared and kept in git. */
  g_string_append_printf (out, "%s Generated by Stormline from %s.\n", comment, model->model_name);
  g_string_append_printf (out, "%s Generating again rewrites this file; only the bodies between\n", comment);
  g_string_append_printf (out, "%s \"stormline:begin\" and \"stormline:end\" markers are kept.\n", comment);
}

void
_sl_codegen_append_body (GString    *out,
                         const char *indent,
                         const char *key,
                         const char *default_body)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (key != NULL);

  if (indent == NULL)
    indent = "";

  g_string_append_printf (out, "%s// stormline:begin %s\n", indent, key);
  if (default_body != NULL && default_body[0] != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (default_body, "\n", -1);
      guint n = g_strv_length (lines);

      /* A trailing newline ends the last line rather than adding one. */
      if (n > 0 && lines[n - 1][0] == '\0')
        n--;
      for (guint i = 0; i < n; i++)
        {
          if (lines[i][0] != '\0')
            g_string_append (out, indent);
          g_string_append (out, lines[i]);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_printf (out, "%s// stormline:end %s\n", indent, key);
}

/* The IR */

static void
field_free (SlCodegenField *field)
{
  g_free (field->name);
  g_free (field->identifier);
  g_free (field->custom_type);
  g_free (field->example);
  g_free (field);
}

static void
message_free (SlCodegenMessage *message)
{
  g_free (message->note_id);
  g_free (message->name);
  g_free (message->type_name);
  g_free (message->slice);
  g_ptr_array_unref (message->fields);
  g_ptr_array_unref (message->events);
  g_free (message);
}

static void
aggregate_free (SlCodegenAggregate *aggregate)
{
  g_free (aggregate->name);
  g_free (aggregate->type_name);
  g_ptr_array_unref (aggregate->commands);
  g_ptr_array_unref (aggregate->events);
  g_free (aggregate);
}

static void
automation_free (SlCodegenAutomation *automation)
{
  g_free (automation->name);
  g_free (automation->type_name);
  g_ptr_array_unref (automation->inputs);
  g_ptr_array_unref (automation->commands);
  g_free (automation);
}

static void
step_free (SlCodegenStep *step)
{
  g_ptr_array_unref (step->names);
  g_ptr_array_unref (step->values);
  g_free (step);
}

static void
test_free (SlCodegenTest *test)
{
  g_free (test->title);
  g_free (test->identifier);
  g_ptr_array_unref (test->given);
  g_ptr_array_unref (test->when);
  g_ptr_array_unref (test->then);
  g_free (test->error);
  g_free (test);
}

static void
file_free (SlCodegenFile *file)
{
  g_free (file->path);
  if (file->text != NULL)
    g_string_free (file->text, TRUE);
  g_free (file);
}

void
_sl_codegen_model_free (SlCodegenModel *model)
{
  if (model == NULL)
    return;

  g_free (model->title);
  g_free (model->model_name);
  g_free (model->namespace_);
  g_ptr_array_unref (model->tests);
  g_ptr_array_unref (model->automations);
  g_ptr_array_unref (model->messages);
  g_ptr_array_unref (model->aggregates);
  g_ptr_array_unref (model->files);
  g_free (model);
}

typedef struct
{
  SlDocument *document;
  GHashTable *order;      /* SlNote → its position in the document + 1 */
} Board;

/* Board order: the timeline (left to right, then top to bottom), notes at
 * the same place in the document's order. */
static int
compare_board (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Board *board = user_data;
  SlNote *first = *(SlNote * const *) a;
  SlNote *second = *(SlNote * const *) b;
  int order = sl_document_compare_timeline (board->document, first, second);
  guint first_order, second_order;

  if (order != 0)
    return order;

  first_order = GPOINTER_TO_UINT (g_hash_table_lookup (board->order, first));
  second_order = GPOINTER_TO_UINT (g_hash_table_lookup (board->order, second));
  return first_order < second_order ? -1 : first_order > second_order;
}

/* The notes connected into (@incoming) or out of @note, each once, in
 * board order. */
static GPtrArray *
neighbours (Board    *board,
            SlNote   *note,
            gboolean  incoming)
{
  GPtrArray *result = g_ptr_array_new ();
  guint n = sl_document_get_n_note_connections (board->document, note);

  for (guint i = 0; i < n; i++)
    {
      SlConnection *connection = sl_document_get_note_connection (board->document, note, i);
      SlNote *source = sl_connection_get_source (connection);
      SlNote *target = sl_connection_get_target (connection);
      SlNote *other = incoming ? source : target;

      if ((incoming ? target : source) != note)
        continue;
      if (other != note && !g_ptr_array_find (result, other, NULL))
        g_ptr_array_add (result, other);
    }
  g_ptr_array_sort_with_data (result, compare_board, board);

  return result;
}

static SlCodegenField *
field_new (SlField    *source,
           GHashTable *taken)
{
  SlCodegenField *field = g_new0 (SlCodegenField, 1);
  g_autofree char *identifier = _sl_codegen_identifier (sl_field_get_name (source), SL_CODEGEN_CASE_CAMEL);
  const char *example = sl_field_get_example (source);

  field->name = g_strdup (sl_field_get_name (source));
  field->identifier = unique_name (taken, identifier);
  field->type = sl_field_get_value_type (source);
  if (field->type == SL_FIELD_CUSTOM)
    field->custom_type = g_strdup (sl_field_type_to_string (SL_FIELD_CUSTOM));
  field->list = sl_field_has_flag (source, SL_FIELD_LIST);
  field->optional = sl_field_has_flag (source, SL_FIELD_OPTIONAL);
  field->generated = sl_field_has_flag (source, SL_FIELD_GENERATED);
  field->example = example != NULL && example[0] != '\0' ? g_strdup (example) : NULL;

  return field;
}

static gboolean
is_message_kind (SlNoteKind kind)
{
  return kind == SL_NOTE_COMMAND || kind == SL_NOTE_EVENT || kind == SL_NOTE_VIEW;
}

static SlCodegenStep *
step_new (SlCodegenMessage *message)
{
  SlCodegenStep *step = g_new0 (SlCodegenStep, 1);

  step->message = message;
  step->names = g_ptr_array_new_with_free_func (g_free);
  step->values = g_ptr_array_new_with_free_func (g_free);

  return step;
}

/* A step of a scenario, or NULL when its note is no command, event or
 * view (the check reports that). */
static SlCodegenStep *
step_from_scenario (GHashTable *messages,
                    SlStep     *source)
{
  SlCodegenMessage *message = g_hash_table_lookup (messages, sl_step_get_note (source));
  SlCodegenStep *step;
  guint n;

  if (message == NULL)
    return NULL;

  step = step_new (message);
  n = sl_step_get_n_values (source);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (step->names, g_strdup (sl_step_get_value_name (source, i)));
      g_ptr_array_add (step->values, g_strdup (sl_step_get_value (source, i)));
    }

  return step;
}

/* A value for @field of @message: the first a scenario's step gives it,
 * in the order of @tests; or NULL. */
static const char *
scenario_value (GPtrArray        *tests,
                SlCodegenMessage *message,
                SlCodegenField   *field)
{
  for (guint i = 0; i < tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (tests, i);
      GPtrArray *parts[] = { test->given, test->when, test->then };

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        for (guint j = 0; j < parts[p]->len; j++)
          {
            SlCodegenStep *step = g_ptr_array_index (parts[p], j);
            guint index;

            if (step->message == message &&
                g_ptr_array_find_with_equal_func (step->names, field->name, g_str_equal, &index))
              return g_ptr_array_index (step->values, index);
          }
    }
  return NULL;
}

/* A step of @message's fields, each with a value: from @flowing (name →
 * value: what the step's inputs hold, as fields flow by name), else the
 * field's example, else the first value a scenario gives it. Fields with
 * none of these are left out. The values are added to @flowing. */
static SlCodegenStep *
step_from_examples (GPtrArray        *tests,
                    SlCodegenMessage *message,
                    GHashTable       *flowing)
{
  SlCodegenStep *step = step_new (message);

  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);
      const char *value = g_hash_table_lookup (flowing, field->name);

      if (value == NULL)
        value = field->example;
      if (value == NULL)
        value = scenario_value (tests, message, field);
      if (value == NULL)
        continue;
      g_ptr_array_add (step->names, g_strdup (field->name));
      g_ptr_array_add (step->values, g_strdup (value));
      if (!g_hash_table_contains (flowing, field->name))
        g_hash_table_insert (flowing, field->name, (gpointer) value);
    }

  return step;
}

static SlCodegenTest *
test_new (SlCodegenTestKind  kind,
          const char        *title,
          GHashTable        *taken)
{
  SlCodegenTest *test = g_new0 (SlCodegenTest, 1);
  g_autofree char *identifier = _sl_codegen_identifier (title, SL_CODEGEN_CASE_CAMEL);

  test->kind = kind;
  test->title = g_strdup (title);
  test->identifier = unique_name (taken, identifier);
  test->given = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  test->when = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  test->then = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  return test;
}

static void
add_steps (GPtrArray   *steps,
           GHashTable  *messages,
           SlScenario  *scenario,
           SlStepPart   part)
{
  guint n = sl_scenario_get_n_steps (scenario, part);

  for (guint i = 0; i < n; i++)
    {
      SlCodegenStep *step = step_from_scenario (messages, sl_scenario_get_step (scenario, part, i));

      if (step != NULL)
        g_ptr_array_add (steps, step);
    }
}

/* The names the test identifiers of one subject have taken, by subject. */
static GHashTable *
taken_for (GHashTable *by_subject,
           gpointer    subject)
{
  GHashTable *taken = g_hash_table_lookup (by_subject, subject);

  if (taken == NULL)
    {
      taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (by_subject, subject, taken);
    }
  return taken;
}

static const char * const reserved_type_names[] = {
  "Any", "Array", "Boolean", "Command", "Custom", "Date", "Decider", "Error", "Event",
  "List", "Map", "Nothing", "Number", "Object", "Projection", "Record", "String", "Unit",
  /* declared by the C# and Kotlin output and its tests */
  "AutomationSpec", "DeciderSpec", "Example", "Expected", "Fact", "FactAttribute",
  "GivenEvents", "GivenInputs", "ICommand", "IEvent", "IMessage", "IView", "Message",
  "SpecificationError", "SpecificationException", "Test", "View", "ViewSpec", "WhenCommand",
  /* the fixed files: src/Messages.cs, tests/Spec.cs, tests/TestFramework.cs,
   * Messages.kt, src/<aggregate>/types.ts, src/shared/, test/all.test.ts,
   * src/views/, src/automations/ */
  "All", "Automations", "Messages", "Shared", "Spec", "TestFramework", "Types", "Views",
};

/* A name the emitters derive from a type's name: prefix, name, suffix.
 * @own: the name is declared only in the type's own TypeScript module or
 * in its tests, where the emitters tell it from an aggregate's name
 * (a view named as its aggregate, "Booking", is common: the aggregate's
 * file and tests become BookingAggregate then). */
typedef struct
{
  const char *prefix;
  const char *suffix;
  gboolean    own;
  gboolean    check_only; /* must be free, but is not taken */
} Affix;

/* What the emitters declare for an aggregate "Booking": BookingCommand,
 * IBookingCommand, BookingState, BookingDecider, BookingTests, ... Its
 * own name must be free of the fixed names (its file would replace
 * Messages.cs) but is not taken: its file and tests become
 * BookingAggregate where a message, view or automation has it. */
static const Affix aggregate_affixes[] = {
  { "", "", FALSE, TRUE }, { "", "Aggregate", FALSE }, { "", "Command", FALSE }, { "", "Decider", FALSE },
  { "", "Event", FALSE }, { "", "State", FALSE }, { "", "StreamEvent", FALSE },
  { "", "Test", FALSE }, { "", "Tests", FALSE }, { "I", "Command", FALSE }, { "I", "Event", FALSE },
};

/* For a view "Available Rooms": AvailableRoomsProjection, and in its
 * TypeScript module AvailableRoomsState and AvailableRoomsEvent. */
static const Affix view_affixes[] = {
  { "", "", FALSE }, { "", "Projection", FALSE }, { "", "Event", TRUE }, { "", "State", TRUE },
  { "", "Test", TRUE }, { "", "Tests", TRUE },
};

/* For an automation "Checkout Processor": in its TypeScript module
 * CheckoutProcessorInput and CheckoutProcessorCommand. */
static const Affix automation_affixes[] = {
  { "", "", FALSE }, { "", "Command", TRUE }, { "", "Input", TRUE }, { "", "Test", TRUE }, { "", "Tests", TRUE },
};

static const Affix message_affixes[] = {
  { "", "", FALSE },
};

static char *
affixed (const Affix *affix,
         const char  *name)
{
  return g_strconcat (affix->prefix, name, affix->suffix, NULL);
}

/* @base, or @base with the first numeric suffix from 2 for which neither
 * it nor any name derived from it by @affixes is in @taken (a name of
 * its own module may be an aggregate's); they are all added to @taken,
 * as taken by @owner. */
static char *
unique_derived (GHashTable  *taken,
                const char  *base,
                const Affix *affixes,
                guint        n_affixes,
                int          owner)
{
  char *name = g_strdup (base);

  for (guint n = 2; ; n++)
    {
      gboolean free = TRUE;

      for (guint i = 0; i < n_affixes && free; i++)
        {
          g_autofree char *derived = affixed (&affixes[i], name);
          int by = taken_by (taken, derived);

          free = by == 0 || (affixes[i].own && by == TAKEN_BY_AGGREGATE);
        }
      if (free)
        break;
      g_free (name);
      name = g_strdup_printf ("%s%u", base, n);
    }
  for (guint i = 0; i < n_affixes; i++)
    {
      g_autofree char *derived = affixed (&affixes[i], name);

      if (!affixes[i].check_only && !is_taken (taken, derived))
        take_name_by (taken, derived, owner);
    }

  return name;
}

/* The type name of a message or automation @note, unique with the names
 * its emitters derive from it. */
static char *
note_type_name (GHashTable *taken,
                SlNote     *note)
{
  g_autofree char *base = _sl_codegen_identifier (sl_note_get_text (note), SL_CODEGEN_CASE_PASCAL);

  switch (sl_note_get_kind (note))
    {
    case SL_NOTE_VIEW:
      return unique_derived (taken, base, view_affixes, G_N_ELEMENTS (view_affixes), TAKEN_BY_OTHER);
    case SL_NOTE_AUTOMATION:
      return unique_derived (taken, base, automation_affixes, G_N_ELEMENTS (automation_affixes), TAKEN_BY_OTHER);
    default:
      return unique_derived (taken, base, message_affixes, G_N_ELEMENTS (message_affixes), TAKEN_BY_OTHER);
    }
}

/* @name made safe for every file's header comment: on one line (the
 * line ends, other controls, the line separators and the bidi controls
 * escaped, so that a file name with a newline cannot end the "//"
 * comment and put code in the file), in UTF-8, and with no "--" (a
 * space between two dashes), which an XML comment such as the .csproj's
 * may not hold. */
static char *
clean_model_name (const char *name)
{
  g_autofree char *escaped = sl_text_escape_controls (name);
  GString *out = g_string_new (NULL);

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '-' && out->len > 0 && out->str[out->len - 1] == '-')
        g_string_append_c (out, ' ');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * _sl_codegen_model_new:
 * @document: the model
 * @model_name: the model file's base name, for the headers (cleaned:
 *   see SlCodegenModel's model_name)
 *
 * Builds the language-neutral model of @document's program: its
 * commands, events and views with their fields, its aggregates, its
 * automations and the tests of its scenarios, in board order, with
 * identifiers unique across the model. No file yet.
 *
 * Returns: (transfer full): the IR, for _sl_codegen_model_free()
 */
SlCodegenModel *
_sl_codegen_model_new (SlDocument *document,
                       const char *model_name)
{
  SlCodegenModel *model = g_new0 (SlCodegenModel, 1);
  GListModel *notes = sl_document_get_notes (document);
  GListModel *scenarios = sl_document_get_scenarios (document);
  guint n_notes = g_list_model_get_n_items (notes);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GHashTable) order = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_note = g_hash_table_new (NULL, NULL);           /* SlNote → SlCodegenMessage */
  g_autoptr(GHashTable) automation_by_note = g_hash_table_new (NULL, NULL); /* SlNote → SlCodegenAutomation */
  g_autoptr(GHashTable) aggregates = g_hash_table_new (NULL, NULL);        /* SlAggregate → SlCodegenAggregate */
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) aggregate_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);   /* SlAggregate → its type name */
  g_autoptr(GHashTable) note_names = g_hash_table_new_full (NULL, NULL, NULL, g_free);        /* SlNote → its type name */
  g_autoptr(GHashTable) test_names = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) automation_notes = g_ptr_array_new ();
  const char *title = sl_document_get_title (document);
  Board board = { document, order };
  guint first_automation_test;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  model->title = g_strdup (title != NULL ? title : "");
  model->model_name = clean_model_name (model_name != NULL && model_name[0] != '\0' ? model_name : "model.stormline");
  model->namespace_ = _sl_codegen_identifier (model->title[0] != '\0' ? model->title : "Model",
                                              SL_CODEGEN_CASE_PASCAL);
  /* Names the generated code declares itself, or that the languages'
   * libraries have in every file's scope: a note named "Event" becomes
   * "Event2". */
  for (guint i = 0; i < G_N_ELEMENTS (reserved_type_names); i++)
    take_name (taken, reserved_type_names[i]);
  /* The TypeScript group of the commands and events outside any aggregate. */
  g_free (unique_derived (taken, "Unassigned", aggregate_affixes, G_N_ELEMENTS (aggregate_affixes),
                          TAKEN_BY_AGGREGATE));

  model->aggregates = g_ptr_array_new_with_free_func ((GDestroyNotify) aggregate_free);
  model->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  model->automations = g_ptr_array_new_with_free_func ((GDestroyNotify) automation_free);
  model->tests = g_ptr_array_new_with_free_func ((GDestroyNotify) test_free);
  model->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_free);

  for (guint i = 0; i < n_notes; i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      SlNoteKind kind = sl_note_get_kind (note);

      g_hash_table_insert (order, note, GUINT_TO_POINTER (i + 1));
      if (is_message_kind (kind) || kind == SL_NOTE_AUTOMATION)
        g_ptr_array_add (sorted, note);
    }
  g_ptr_array_sort_with_data (sorted, compare_board, &board);

  /* The names: the aggregates', the automations', the views', then the
   * commands' and events', each with the names the emitters derive
   * from it ("Booking" takes BookingState too), so that a view "Booking
   * State" becomes BookingState2 rather than a second BookingState.
   * Numeric suffixes go in the document's order (the order the notes
   * and aggregates were made in), not the board's: moving a note must
   * not swap "PaymentFailed" and "PaymentFailed2", or the bodies kept
   * under their keys would run for the other note. */
  {
    GListModel *all_aggregates = sl_document_get_aggregates (document);
    g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < sorted->len; i++)
      {
        SlNote *note = g_ptr_array_index (sorted, i);
        SlAggregate *source;

        if (sl_note_get_kind (note) != SL_NOTE_VIEW && sl_note_get_kind (note) != SL_NOTE_AUTOMATION &&
            (source = sl_check_get_aggregate (document, note)) != NULL)
          g_hash_table_add (used, source);
      }
    for (guint i = 0; i < g_list_model_get_n_items (all_aggregates); i++)
      {
        SlAggregate *source = sl_element_list_peek (SL_ELEMENT_LIST (all_aggregates), i);
        g_autofree char *base = NULL;

        if (!g_hash_table_contains (used, source))
          continue;
        base = _sl_codegen_identifier (sl_aggregate_get_name (source), SL_CODEGEN_CASE_PASCAL);
        g_hash_table_insert (aggregate_names, source,
                             unique_derived (taken, base, aggregate_affixes, G_N_ELEMENTS (aggregate_affixes),
                                             TAKEN_BY_AGGREGATE));
      }
  }
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < n_notes; i++)
      {
        SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
        SlNoteKind kind = sl_note_get_kind (note);

        if ((pass == 0 && kind == SL_NOTE_AUTOMATION) ||
            (pass == 1 && kind == SL_NOTE_VIEW) ||
            (pass == 2 && (kind == SL_NOTE_COMMAND || kind == SL_NOTE_EVENT)))
          g_hash_table_insert (note_names, note, note_type_name (taken, note));
      }

  /* The messages, and the automations, with their names. */
  for (guint i = 0; i < sorted->len; i++)
    {
      SlNote *note = g_ptr_array_index (sorted, i);
      SlNoteKind kind = sl_note_get_kind (note);

      if (is_message_kind (kind))
        {
          SlCodegenMessage *message = g_new0 (SlCodegenMessage, 1);
          SlSlice *slice = sl_document_get_note_slice (document, note);
          g_autoptr(GHashTable) field_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          guint n_fields = sl_note_get_n_fields (note);

          message->kind = kind == SL_NOTE_COMMAND ? SL_CODEGEN_COMMAND :
                          kind == SL_NOTE_EVENT ? SL_CODEGEN_EVENT : SL_CODEGEN_VIEW;
          message->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
          message->name = g_strdup (sl_note_get_text (note));
          message->type_name = g_strdup (g_hash_table_lookup (note_names, note));
          message->slice = slice != NULL ? g_strdup (sl_slice_get_name (slice)) : NULL;
          message->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
          message->events = g_ptr_array_new ();
          for (guint f = 0; f < n_fields; f++)
            g_ptr_array_add (message->fields, field_new (sl_note_get_field (note, f), field_names));

          g_ptr_array_add (model->messages, message);
          g_hash_table_insert (by_note, note, message);
        }
      else
        {
          SlCodegenAutomation *automation = g_new0 (SlCodegenAutomation, 1);

          automation->name = g_strdup (sl_note_get_text (note));
          automation->type_name = g_strdup (g_hash_table_lookup (note_names, note));
          automation->inputs = g_ptr_array_new ();
          automation->commands = g_ptr_array_new ();
          g_ptr_array_add (model->automations, automation);
          g_ptr_array_add (automation_notes, note);
          g_hash_table_insert (automation_by_note, note, automation);
        }
    }

  /* Connections, and the aggregates in the order their first command or
   * event stands on the board. */
  for (guint i = 0; i < sorted->len; i++)
    {
      SlNote *note = g_ptr_array_index (sorted, i);
      SlCodegenMessage *message = g_hash_table_lookup (by_note, note);
      SlAggregate *source;

      if (message == NULL)
        continue;

      if (message->kind != SL_CODEGEN_VIEW &&
          (source = sl_check_get_aggregate (document, note)) != NULL)
        {
          SlCodegenAggregate *aggregate = g_hash_table_lookup (aggregates, source);

          if (aggregate == NULL)
            {
              aggregate = g_new0 (SlCodegenAggregate, 1);
              aggregate->name = g_strdup (sl_aggregate_get_name (source));
              aggregate->type_name = g_strdup (g_hash_table_lookup (aggregate_names, source));
              aggregate->commands = g_ptr_array_new ();
              aggregate->events = g_ptr_array_new ();
              g_ptr_array_add (model->aggregates, aggregate);
              g_hash_table_insert (aggregates, source, aggregate);
            }
          message->aggregate = aggregate;
          g_ptr_array_add (message->kind == SL_CODEGEN_COMMAND ? aggregate->commands : aggregate->events,
                           message);
        }

      if (message->kind != SL_CODEGEN_EVENT)
        {
          g_autoptr(GPtrArray) linked = neighbours (&board, note, message->kind == SL_CODEGEN_VIEW);

          for (guint j = 0; j < linked->len; j++)
            {
              SlCodegenMessage *other = g_hash_table_lookup (by_note, g_ptr_array_index (linked, j));

              if (other != NULL && other->kind == SL_CODEGEN_EVENT)
                g_ptr_array_add (message->events, other);
            }
        }
    }

  for (guint i = 0; i < automation_notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (automation_notes, i);
      SlCodegenAutomation *automation = g_ptr_array_index (model->automations, i);
      g_autoptr(GPtrArray) inputs = neighbours (&board, note, TRUE);
      g_autoptr(GPtrArray) outputs = neighbours (&board, note, FALSE);

      for (guint j = 0; j < inputs->len; j++)
        {
          SlCodegenMessage *input = g_hash_table_lookup (by_note, g_ptr_array_index (inputs, j));

          if (input != NULL && input->kind != SL_CODEGEN_COMMAND)
            g_ptr_array_add (automation->inputs, input);
        }
      for (guint j = 0; j < outputs->len; j++)
        {
          SlCodegenMessage *output = g_hash_table_lookup (by_note, g_ptr_array_index (outputs, j));

          if (output != NULL && output->kind == SL_CODEGEN_COMMAND)
            g_ptr_array_add (automation->commands, output);
        }
    }

  /* The scenarios' tests, by subject in board order, each subject's in
   * the document's order. */
  for (guint i = 0; i < sorted->len; i++)
    {
      SlNote *note = g_ptr_array_index (sorted, i);
      SlCodegenMessage *subject = g_hash_table_lookup (by_note, note);
      guint n_scenarios = g_list_model_get_n_items (scenarios);

      if (subject == NULL || subject->kind == SL_CODEGEN_EVENT)
        continue;

      for (guint j = 0; j < n_scenarios; j++)
        {
          SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), j);
          const char *error = sl_scenario_get_error (scenario);
          SlCodegenTest *test;

          if (sl_scenario_get_note (scenario) != note)
            continue;

          test = test_new (subject->kind == SL_CODEGEN_COMMAND ? SL_CODEGEN_TEST_COMMAND : SL_CODEGEN_TEST_VIEW,
                           sl_scenario_get_title (scenario), taken_for (test_names, subject));
          test->subject = subject;
          test->error = error != NULL && error[0] != '\0' ? g_strdup (error) : NULL;
          add_steps (test->given, by_note, scenario, SL_STEP_GIVEN);
          add_steps (test->when, by_note, scenario, SL_STEP_WHEN);
          add_steps (test->then, by_note, scenario, SL_STEP_THEN);
          g_ptr_array_add (model->tests, test);
        }
    }

  /* An automation has no scenario in the model: its test is made from its
   * connections, given its inputs' example values, then the commands it
   * issues with theirs (where a field has no example value, the first a
   * scenario gives it; a command's field takes the value of the input's
   * field of its name, as the completeness check matches them). */
  first_automation_test = model->tests->len;
  for (guint i = 0; i < model->automations->len; i++)
    {
      SlCodegenAutomation *automation = g_ptr_array_index (model->automations, i);
      g_autofree char *test_title = NULL;
      g_autoptr(GHashTable) flowing = NULL;
      SlCodegenTest *test;

      if (automation->commands->len == 0)
        continue;

      test_title = g_strdup_printf ("%s issues %s", automation->name,
                               ((SlCodegenMessage *) g_ptr_array_index (automation->commands, 0))->name);
      test = test_new (SL_CODEGEN_TEST_AUTOMATION, test_title, taken_for (test_names, automation));
      test->automation = automation;
      /* The scenarios' tests only: not the automations' made so far. */
      {
        g_autoptr(GPtrArray) scenario_tests = g_ptr_array_new ();

        for (guint j = 0; j < first_automation_test; j++)
          g_ptr_array_add (scenario_tests, g_ptr_array_index (model->tests, j));
        flowing = g_hash_table_new (g_str_hash, g_str_equal);
        for (guint j = 0; j < automation->inputs->len; j++)
          {
            g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
            SlCodegenStep *step = step_from_examples (scenario_tests, g_ptr_array_index (automation->inputs, j), none);

            /* An input's values flow on to the commands, the first
             * input's first. */
            for (guint k = 0; k < step->names->len; k++)
              if (!g_hash_table_contains (flowing, g_ptr_array_index (step->names, k)))
                g_hash_table_insert (flowing, g_ptr_array_index (step->names, k), g_ptr_array_index (step->values, k));
            g_ptr_array_add (test->given, step);
          }
        for (guint j = 0; j < automation->commands->len; j++)
          {
            g_autoptr(GHashTable) values = g_hash_table_ref (flowing);

            g_ptr_array_add (test->then, step_from_examples (scenario_tests, g_ptr_array_index (automation->commands, j),
                                                             values));
          }
      }
      g_ptr_array_add (model->tests, test);
    }

  return model;
}

/* Helpers for the emitters */

gboolean
_sl_codegen_is_integer (const char *text,
                        gint64      min,
                        gint64      max)
{
  gint64 value;

  return g_ascii_string_to_signed (text, 10, min, max, &value, NULL);
}

gboolean
_sl_codegen_is_decimal (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return digits && *p == '\0';
}

static gboolean
ptr_array_has (GPtrArray *array,
               gpointer   item)
{
  return array != NULL && g_ptr_array_find (array, item, NULL);
}

GPtrArray *
_sl_codegen_foreign_events (SlCodegenModel     *model,
                            SlCodegenAggregate *aggregate)
{
  GPtrArray *events = g_ptr_array_new ();

  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);

      if (test->kind != SL_CODEGEN_TEST_COMMAND || test->subject == NULL
          || test->subject->aggregate != aggregate)
        continue;
      for (guint j = 0; j < test->given->len; j++)
        {
          SlCodegenStep *step = g_ptr_array_index (test->given, j);

          if (step->message->kind == SL_CODEGEN_EVENT
              && !ptr_array_has (aggregate->events, step->message)
              && !ptr_array_has (events, step->message))
            g_ptr_array_add (events, step->message);
        }
    }
  return events;
}

gboolean
_sl_codegen_decides_own_events (SlCodegenModel     *model,
                                SlCodegenAggregate *aggregate)
{
  for (guint i = 0; i < aggregate->commands->len; i++)
    {
      SlCodegenMessage *command = g_ptr_array_index (aggregate->commands, i);

      for (guint j = 0; command->events != NULL && j < command->events->len; j++)
        if (!ptr_array_has (aggregate->events, g_ptr_array_index (command->events, j)))
          return FALSE;
    }
  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);

      if (test->kind != SL_CODEGEN_TEST_COMMAND || test->subject == NULL
          || test->subject->aggregate != aggregate)
        continue;
      for (guint j = 0; j < test->then->len; j++)
        {
          SlCodegenStep *step = g_ptr_array_index (test->then, j);

          if (!ptr_array_has (aggregate->events, step->message))
            return FALSE;
        }
    }
  return TRUE;
}

/* Test suites */

static void
suite_free (SlCodegenSuite *suite)
{
  g_ptr_array_unref (suite->tests);
  g_free (suite);
}

static void
test_subject (SlCodegenTest      *test,
              SlCodegenSuiteKind *kind,
              gpointer           *subject)
{
  switch (test->kind)
    {
    case SL_CODEGEN_TEST_COMMAND:
      *kind = test->subject != NULL && test->subject->aggregate != NULL ? SL_CODEGEN_SUITE_DECIDER : SL_CODEGEN_SUITE_NONE;
      *subject = *kind == SL_CODEGEN_SUITE_DECIDER ? (gpointer) test->subject->aggregate : NULL;
      break;
    case SL_CODEGEN_TEST_VIEW:
      *kind = test->subject != NULL ? SL_CODEGEN_SUITE_VIEW : SL_CODEGEN_SUITE_NONE;
      *subject = test->subject;
      break;
    case SL_CODEGEN_TEST_AUTOMATION:
    default:
      *kind = test->automation != NULL ? SL_CODEGEN_SUITE_AUTOMATION : SL_CODEGEN_SUITE_NONE;
      *subject = test->automation;
      break;
    }
}

GPtrArray *
_sl_codegen_collect_suites (SlCodegenModel *model)
{
  GPtrArray *suites = g_ptr_array_new_with_free_func ((GDestroyNotify) suite_free);

  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);
      SlCodegenSuite *suite = NULL;
      SlCodegenSuiteKind kind;
      gpointer subject;

      test_subject (test, &kind, &subject);
      for (guint j = 0; j < suites->len && suite == NULL; j++)
        {
          SlCodegenSuite *other = g_ptr_array_index (suites, j);

          if (other->kind == kind && other->subject == subject)
            suite = other;
        }
      if (suite == NULL)
        {
          suite = g_new0 (SlCodegenSuite, 1);
          suite->kind = kind;
          suite->subject = subject;
          suite->tests = g_ptr_array_new ();
          g_ptr_array_add (suites, suite);
        }
      g_ptr_array_add (suite->tests, test);
    }
  return suites;
}

char *
_sl_codegen_aggregate_file_name (SlCodegenModel     *model,
                                 SlCodegenAggregate *aggregate)
{
  for (guint i = 0; i < model->messages->len; i++)
    if (g_str_equal (((SlCodegenMessage *) g_ptr_array_index (model->messages, i))->type_name, aggregate->type_name))
      return g_strconcat (aggregate->type_name, "Aggregate", NULL);
  for (guint i = 0; i < model->automations->len; i++)
    if (g_str_equal (((SlCodegenAutomation *) g_ptr_array_index (model->automations, i))->type_name, aggregate->type_name))
      return g_strconcat (aggregate->type_name, "Aggregate", NULL);
  return g_strdup (aggregate->type_name);
}

char *
_sl_codegen_suite_name (SlCodegenModel *model,
                        SlCodegenSuite *suite)
{
  switch (suite->kind)
    {
    case SL_CODEGEN_SUITE_DECIDER: return _sl_codegen_aggregate_file_name (model, suite->subject);
    case SL_CODEGEN_SUITE_VIEW: return g_strdup (((SlCodegenMessage *) suite->subject)->type_name);
    case SL_CODEGEN_SUITE_AUTOMATION: return g_strdup (((SlCodegenAutomation *) suite->subject)->type_name);
    case SL_CODEGEN_SUITE_NONE:
    default:
      return g_strdup ("OutsideAggregates");
    }
}

/* The check gate */

static void
append_problem (GString   *out,
                SlProblem *problem)
{
  SlNote *note = sl_problem_get_note (problem);
  SlAggregate *aggregate = sl_problem_get_aggregate (problem);
  const char *field = sl_problem_get_field (problem);

  g_string_append_printf (out, "\n  %s", sl_problem_get_rule (problem));
  if (note != NULL)
    /* Translators: a note named in a list of check errors */
    g_string_append_printf (out, _(", note “%s”"), sl_note_get_text (note));
  else if (aggregate != NULL)
    /* Translators: an aggregate named in a list of check errors */
    g_string_append_printf (out, _(", aggregate “%s”"), sl_aggregate_get_name (aggregate));
  if (field != NULL)
    /* Translators: a field named in a list of check errors */
    g_string_append_printf (out, _(", field “%s”"), field);
  g_string_append_printf (out, ": %s", sl_problem_get_message (problem));
}

/* The errors of @document's check, in the checker's order. */
static GPtrArray *
check_errors (SlDocument *document)
{
  g_autoptr(GPtrArray) problems = sl_check_run (document);
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_problem_unref);

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      if (sl_problem_get_severity (problem) == SL_SEVERITY_ERROR)
        g_ptr_array_add (errors, sl_problem_ref (problem));
    }

  return errors;
}

/* Marked bodies */

#define BEGIN_MARKER "stormline:begin "
#define END_MARKER "stormline:end "
#define ORPHANS_BEGIN "stormline:orphans-begin"
#define ORPHANS_END "stormline:orphans-end"
#define ORPHAN_MARKER "stormline:orphan "
#define ORPHAN_END_MARKER "stormline:orphan-end "

typedef struct
{
  char     *key;
  char     *body;     /* the lines between the markers, each ending in '\n' */
  gboolean  carried;  /* a file no longer generated: given to a new file */
} Region;

static void
region_free (Region *region)
{
  g_free (region->key);
  g_free (region->body);
  g_free (region);
}

static Region *
region_new (const char *key,
            const char *body)
{
  Region *region = g_new0 (Region, 1);

  region->key = g_strdup (key);
  region->body = g_strdup (body);
  return region;
}

/* If @line, its indentation aside, is "// @marker KEY", KEY; else NULL. */
static const char *
marker_key (const char *line,
            const char *marker)
{
  const char *p = line;
  gsize len = strlen (marker);

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "//"))
    return NULL;
  p += 2;
  while (*p == ' ')
    p++;
  if (strncmp (p, marker, len) != 0)
    return NULL;
  return p + len;
}

static gboolean
is_marker (const char *line,
           const char *marker)
{
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "//"))
    return FALSE;
  p += 2;
  while (*p == ' ')
    p++;
  return strcmp (p, marker) == 0;
}

static gboolean
marker_error (GError     **error,
              const char  *path,
              guint        line,
              const char  *what)
{
  g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
               /* Translators: %s:%u is a file and a line, the last %s what is wrong there */
               _("%s:%u: %s; fix the markers by hand, nothing was generated"),
               path, line, what);
  return FALSE;
}

/* Whether @line, its indentation aside, is a "// stormline:..." marker. */
static gboolean
is_any_marker (const char *line)
{
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "//"))
    return FALSE;
  p += 2;
  while (*p == ' ')
    p++;
  return g_str_has_prefix (p, "stormline:");
}

/* The lines of @text, without their '\n'. A marker line also loses its
 * trailing white space (a '\r' left by CRLF line ends, spaces after the
 * key): its key must not change with the editor that saved the file. */
static GStrv
split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  /* A final newline ends the last line rather than starting one. */
  if (n > 0 && lines[n - 1][0] == '\0')
    {
      g_free (lines[n - 1]);
      lines[n - 1] = NULL;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    if (is_any_marker (lines[i]))
      g_strchomp (lines[i]);
  return g_steal_pointer (&lines);
}

/* Whether @text ends its lines with "\r\n" (its first line end decides). */
static gboolean
uses_crlf (const char *text)
{
  const char *newline = strchr (text, '\n');

  return newline != NULL && newline > text && newline[-1] == '\r';
}

/* @text with every "\r\n" turned into "\n" (@to_crlf FALSE), or every
 * '\n' into "\r\n" (@to_crlf TRUE; @text has no '\r' before a '\n'). */
static char *
convert_line_ends (const char *text,
                   gboolean    to_crlf)
{
  GString *out = g_string_sized_new (strlen (text) + (to_crlf ? strlen (text) / 16 : 0));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!to_crlf && p[0] == '\r' && p[1] == '\n')
        continue;
      if (to_crlf && p[0] == '\n')
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Reads the marked regions of @text (a file's text, @path to name it in
 * errors) into @regions, and the bodies of its orphan block into
 * @orphans, both in the file's order. Fails on unbalanced markers. */
static gboolean
parse_regions (const char  *path,
               const char  *text,
               GPtrArray   *regions,
               GPtrArray   *orphans,
               GError     **error)
{
  g_auto(GStrv) lines = split_lines (text);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *open = NULL;
  guint open_line = 0;
  gboolean in_orphans = FALSE;
  gboolean in_orphan = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *key;

      if (in_orphans)
        {
          if (is_marker (line, ORPHANS_END))
            {
              if (in_orphan)
                return marker_error (error, path, i + 1, _("the orphan block ends inside a kept body"));
              in_orphans = FALSE;
            }
          else if ((key = marker_key (line, ORPHAN_MARKER)) != NULL)
            {
              if (in_orphan)
                return marker_error (error, path, i + 1, _("a kept body starts inside another"));
              in_orphan = TRUE;
              g_free (open);
              open = g_strdup (key);
              open_line = i + 1;
              g_string_truncate (body, 0);
            }
          else if ((key = marker_key (line, ORPHAN_END_MARKER)) != NULL)
            {
              if (!in_orphan || strcmp (key, open) != 0)
                return marker_error (error, path, i + 1, _("an end marker without its begin marker"));
              g_ptr_array_add (orphans, region_new (open, body->str));
              g_clear_pointer (&open, g_free);
              in_orphan = FALSE;
            }
          else if (in_orphan)
            {
              /* The orphan's lines are commented out with "// ". */
              const char *p = line;

              if (g_str_has_prefix (p, "// "))
                p += 3;
              else if (g_str_has_prefix (p, "//"))
                p += 2;
              g_string_append (body, p);
              g_string_append_c (body, '\n');
            }
          continue;
        }

      if (is_marker (line, ORPHANS_BEGIN))
        {
          if (open != NULL)
            return marker_error (error, path, i + 1, _("the orphan block starts inside a marked body"));
          in_orphans = TRUE;
          g_clear_pointer (&open, g_free);
        }
      else if ((key = marker_key (line, BEGIN_MARKER)) != NULL)
        {
          if (open != NULL)
            return marker_error (error, path, i + 1, _("a begin marker inside another marked body"));
          if (g_hash_table_contains (keys, key))
            return marker_error (error, path, i + 1, _("a second marked body with the same key"));
          g_hash_table_add (keys, (gpointer) key);
          open = g_strdup (key);
          open_line = i + 1;
          g_string_truncate (body, 0);
        }
      else if ((key = marker_key (line, END_MARKER)) != NULL)
        {
          if (open == NULL || strcmp (key, open) != 0)
            return marker_error (error, path, i + 1, _("an end marker without its begin marker"));
          g_ptr_array_add (regions, region_new (open, body->str));
          g_clear_pointer (&open, g_free);
        }
      else if (open != NULL)
        {
          g_string_append (body, line);
          g_string_append_c (body, '\n');
        }
    }

  if (in_orphans)
    return marker_error (error, path, g_strv_length (lines), _("the orphan block has no end marker"));
  if (open != NULL)
    return marker_error (error, path, open_line, _("a begin marker without its end marker"));

  return TRUE;
}

static Region *
find_region (GPtrArray  *regions,
             const char *key)
{
  for (guint i = 0; i < regions->len; i++)
    {
      Region *region = g_ptr_array_index (regions, i);

      if (strcmp (region->key, key) == 0)
        return region;
    }
  return NULL;
}

/* Whether a body is worth keeping when its key is gone: it holds more
 * than white space and is none of the bodies the generator writes. */
static gboolean
is_hand_written (const char *body,
                 GHashTable *defaults)
{
  gboolean blank = TRUE;

  for (const char *p = body; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      blank = FALSE;

  return !blank && !g_hash_table_contains (defaults, body);
}

/* @text, its marked bodies replaced by the ones of @old (a file's
 * regions) where those have the same key, and @old's bodies whose key is
 * gone appended in an orphan block. @n_kept counts the bodies that differ
 * from the generated ones. */
static char *
merge_regions (const char *text,
               GPtrArray  *old_regions,
               GPtrArray  *old_orphans,
               GPtrArray  *stale,
               guint      *n_kept)
{
  g_auto(GStrv) lines = split_lines (text);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);        /* Region → itself */
  g_autoptr(GHashTable) defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  GString *generated = NULL;
  const char *open = NULL;
  Region *kept = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *key;

      if (open == NULL && (key = marker_key (line, BEGIN_MARKER)) != NULL)
        {
          g_string_append (out, line);
          g_string_append_c (out, '\n');
          open = key;
          generated = g_string_new (NULL);
          kept = find_region (old_regions, key);
          if (kept == NULL)
            kept = find_region (old_orphans, key);
          /* A file no longer generated (an aggregate renamed) gives its
           * body of the same key, once. */
          for (guint j = 0; kept == NULL && j < stale->len; j++)
            {
              Region *region = g_ptr_array_index (stale, j);

              if (!region->carried && strcmp (region->key, key) == 0)
                {
                  region->carried = TRUE;
                  kept = region;
                }
            }
          continue;
        }
      if (open != NULL && (key = marker_key (line, END_MARKER)) != NULL && strcmp (key, open) == 0)
        {
          if (kept != NULL)
            {
              g_string_append (out, kept->body);
              g_hash_table_add (used, kept);
              if (strcmp (kept->body, generated->str) != 0)
                (*n_kept)++;
            }
          else
            g_string_append (out, generated->str);
          g_hash_table_add (defaults, g_string_free (generated, FALSE));
          generated = NULL;
          g_string_append (out, line);
          g_string_append_c (out, '\n');
          open = NULL;
          kept = NULL;
          continue;
        }

      if (open != NULL)
        {
          g_string_append (generated, line);
          g_string_append_c (generated, '\n');
        }
      else
        {
          g_string_append (out, line);
          g_string_append_c (out, '\n');
        }
    }
  /* The emitters balance their markers; a body left open is kept as is. */
  if (generated != NULL)
    {
      g_string_append (out, generated->str);
      g_string_free (generated, TRUE);
    }

  for (guint i = 0; i < old_regions->len; i++)
    {
      Region *region = g_ptr_array_index (old_regions, i);

      if (!g_hash_table_contains (used, region) && is_hand_written (region->body, defaults))
        g_ptr_array_add (orphans, region);
    }
  for (guint i = 0; i < old_orphans->len; i++)
    {
      Region *region = g_ptr_array_index (old_orphans, i);

      if (!g_hash_table_contains (used, region))
        g_ptr_array_add (orphans, region);
    }

  if (orphans->len > 0)
    {
      g_string_append (out, "\n// " ORPHANS_BEGIN "\n");
      g_string_append (out, "// Bodies written by hand whose place is gone from the model (a command,\n"
                            "// event, view or automation removed or renamed). Stormline keeps them here\n"
                            "// when it generates again, and puts one back where its key reappears.\n"
                            "// Move what you need, then delete this block.\n");
      for (guint i = 0; i < orphans->len; i++)
        {
          Region *region = g_ptr_array_index (orphans, i);
          g_auto(GStrv) body = split_lines (region->body);

          g_string_append_printf (out, "// " ORPHAN_MARKER "%s\n", region->key);
          for (guint j = 0; body[j] != NULL; j++)
            g_string_append_printf (out, body[j][0] != '\0' ? "// %s\n" : "//%s\n", body[j]);
          g_string_append_printf (out, "// " ORPHAN_END_MARKER "%s\n", region->key);
        }
      g_string_append (out, "// " ORPHANS_END "\n");
    }

  return g_string_free (out, FALSE);
}

/* Writing */

typedef struct
{
  GFile *file;
  GBytes *bytes;   /* NULL when the file already holds them */
} Output;

static void
output_free (Output *output)
{
  g_object_unref (output->file);
  g_clear_pointer (&output->bytes, g_bytes_unref);
  g_free (output);
}

/* The file for @path under @directory, refusing a path that leaves it. */
static GFile *
resolve (GFile       *directory,
         const char  *path,
         GError     **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (directory, path);

  if (!g_file_has_prefix (file, directory))
    {
      g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
                   _("“%s” is outside the output folder"), path);
      return NULL;
    }
  return g_steal_pointer (&file);
}

/* Files no longer generated */

#define MANIFEST ".stormline-generated"

typedef struct
{
  char      *path;
  GFile     *file;
  GPtrArray *regions;   /* Region*, its marked bodies and its orphans */
} Stale;

static void
stale_free (Stale *stale)
{
  g_free (stale->path);
  g_object_unref (stale->file);
  g_ptr_array_unref (stale->regions);
  g_free (stale);
}

/* The paths the manifest of @directory lists, or an empty array when it
 * has none or is of another language than @language (its first line,
 * "# typescript"): a folder generated in two languages keeps both. */
static GPtrArray *
read_manifest (GFile      *directory,
               const char *language)
{
  g_autoptr(GFile) file = g_file_get_child (directory, MANIFEST);
  g_autofree char *contents = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  if (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
      g_autofree char *first = g_strconcat ("# ", language, NULL);

      if (lines[0] == NULL || strcmp (lines[0], first) != 0)
        return paths;
      for (guint i = 1; lines[i] != NULL; i++)
        {
          g_strstrip (lines[i]);
          if (lines[i][0] != '\0')
            g_ptr_array_add (paths, g_strdup (lines[i]));
        }
    }
  return paths;
}

/* The files the last run generated (its manifest lists them) that this
 * run does not, with their marked bodies; those of @model->files left
 * out. Fails on a file with unbalanced markers. */
static gboolean
read_stale (GFile           *directory,
            const char      *language,
            SlCodegenModel  *model,
            GPtrArray       *stale,
            GError         **error)
{
  g_autoptr(GPtrArray) listed = read_manifest (directory, language);
  g_autoptr(GHashTable) generated = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < model->files->len; i++)
    g_hash_table_add (generated, ((SlCodegenFile *) g_ptr_array_index (model->files, i))->path);

  for (guint i = 0; i < listed->len; i++)
    {
      const char *path = g_ptr_array_index (listed, i);
      g_autoptr(GFile) file = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *lf = NULL;
      g_autoptr(GPtrArray) regions = NULL;
      g_autoptr(GPtrArray) orphans = NULL;
      Stale *entry;

      if (g_hash_table_contains (generated, path) || g_str_equal (path, MANIFEST))
        continue;
      file = resolve (directory, path, NULL);
      if (file == NULL || !g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
        continue;
      regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
      orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
      lf = convert_line_ends (contents, FALSE);
      if (!parse_regions (path, lf, regions, orphans, error))
        return FALSE;
      /* The orphans go with the bodies: both can find their place again. */
      for (guint j = 0; j < orphans->len; j++)
        g_ptr_array_add (regions, g_ptr_array_index (orphans, j));
      g_ptr_array_set_free_func (orphans, NULL);

      entry = g_new0 (Stale, 1);
      entry->path = g_strdup (path);
      entry->file = g_steal_pointer (&file);
      entry->regions = g_steal_pointer (&regions);
      g_ptr_array_add (stale, entry);
    }
  return TRUE;
}

/* The bodies the generator writes, in every file of @model. */
static GHashTable *
default_bodies (SlCodegenModel *model)
{
  GHashTable *defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < model->files->len; i++)
    {
      SlCodegenFile *file = g_ptr_array_index (model->files, i);
      g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
      g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);

      if (!parse_regions (file->path, file->text->str, regions, orphans, NULL))
        continue;
      for (guint j = 0; j < regions->len; j++)
        g_hash_table_add (defaults, g_strdup (((Region *) g_ptr_array_index (regions, j))->body));
    }
  return defaults;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What @file will hold, @path naming it: the generated @text merged with
 * what the file already holds; @bytes set to NULL when nothing changes. */
static gboolean
prepare (GFile        *file,
         const char   *path,
         const char   *text,
         GPtrArray    *stale,
         GBytes      **bytes,
         guint        *n_kept,
         GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  gboolean crlf;
  gsize length;

  *bytes = NULL;
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
                       _("Could not read “%s”: %s"), path, local_error->message);
          return FALSE;
        }
      if (stale->len > 0)
        {
          g_autoptr(GPtrArray) none = g_ptr_array_new ();
          char *new_text = merge_regions (text, none, none, stale, n_kept);

          *bytes = g_bytes_new_take (new_text, strlen (new_text));
        }
      else
        *bytes = g_bytes_new (text, strlen (text));
      return TRUE;
    }

  /* A file saved with CRLF line ends (git's autocrlf, Visual Studio) is
   * read as LF and written back with CRLF, so its bodies keep their keys
   * and the file its line ends. */
  crlf = uses_crlf (contents);
  if (crlf)
    {
      g_autofree char *lf = convert_line_ends (contents, FALSE);

      if (!parse_regions (path, lf, regions, orphans, error))
        return FALSE;
    }
  else if (!parse_regions (path, contents, regions, orphans, error))
    return FALSE;
  merged = merge_regions (text, regions, orphans, stale, n_kept);
  if (crlf)
    {
      char *converted = convert_line_ends (merged, TRUE);

      g_free (merged);
      merged = converted;
    }
  if (strlen (merged) != length || memcmp (merged, contents, length) != 0)
    {
      gsize size = strlen (merged);

      *bytes = g_bytes_new_take (g_steal_pointer (&merged), size);
    }

  return TRUE;
}

static gboolean
make_parents (GFile       *directory,
              GFile       *file,
              const char  *path,
              GError     **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;

  if (parent == NULL || g_file_equal (parent, directory))
    return TRUE;
  if (!g_file_make_directory_with_parents (parent, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *name = g_path_get_dirname (path);

      g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
                   _("Could not create the folder “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

SlCodegenReport *
sl_codegen_run (SlDocument         *document,
                SlCodegenLanguage   language,
                const char         *model_name,
                GFile              *directory,
                SlCodegenFlags      flags,
                GError            **error)
{
  g_autoptr(SlCodegenReport) report = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) stale_regions = NULL;
  g_autoptr(GError) local_error = NULL;
  SlCodegenModel *model;
  guint n_kept = 0;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (language <= SL_CODEGEN_KOTLIN, NULL);
  g_return_val_if_fail (G_IS_FILE (directory), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = g_new0 (SlCodegenReport, 1);

  errors = check_errors (document);
  if (errors->len > 0 && !(flags & SL_CODEGEN_FORCE))
    {
      g_autoptr(GString) message = g_string_new (NULL);
      guint named = MIN (errors->len, MAX_NAMED_ERRORS);

      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The model’s check has %u error:",
                                           "The model’s check has %u errors:",
                                           errors->len),
                              errors->len);
      for (guint i = 0; i < named; i++)
        append_problem (message, g_ptr_array_index (errors, i));
      if (errors->len > named)
        {
          g_string_append (message, "\n  ");
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                               errors->len - named),
                                  errors->len - named);
        }
      g_set_error_literal (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_CHECK_FAILED, message->str);
      return NULL;
    }
  report->n_problems = errors->len;

  model = _sl_codegen_model_new (document, model_name);
  switch (language)
    {
    case SL_CODEGEN_TYPESCRIPT:
      _sl_codegen_emit_typescript (model);
      break;
    case SL_CODEGEN_CSHARP:
      _sl_codegen_emit_csharp (model);
      break;
    case SL_CODEGEN_KOTLIN:
      _sl_codegen_emit_kotlin (model);
      break;
    default:
      g_assert_not_reached ();
    }
  _sl_codegen_emit_schemas (model);

  /* Two files whose paths differ in case only are one file on macOS and
   * Windows: the second would silently replace the first. The names are
   * made unique ignoring case, so this is a bug in an emitter. */
  {
    g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < model->files->len; i++)
      {
        SlCodegenFile *file = g_ptr_array_index (model->files, i);
        char *folded = g_utf8_casefold (file->path, -1);

        if (!g_hash_table_add (paths, folded))
          {
            g_critical ("Two generated files named “%s” ignoring case", file->path);
            g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
                         _("Two generated files would both be “%s” on a file system that ignores case; nothing was generated"),
                         file->path);
            _sl_codegen_model_free (model);
            return NULL;
          }
      }
  }

  /* The files the last run generated and this one does not (an
   * aggregate, view or automation renamed or removed): their bodies go to
   * the new files by key. */
  stale = g_ptr_array_new_with_free_func ((GDestroyNotify) stale_free);
  stale_regions = g_ptr_array_new ();
  if (!read_stale (directory, sl_codegen_language_to_string (language), model, stale, error))
    {
      _sl_codegen_model_free (model);
      return NULL;
    }
  for (guint i = 0; i < stale->len; i++)
    {
      Stale *entry = g_ptr_array_index (stale, i);

      g_ptr_array_extend (stale_regions, entry->regions, NULL, NULL);
    }

  /* Everything is read and merged before anything is written. */
  outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) output_free);
  for (guint i = 0; i < model->files->len; i++)
    {
      SlCodegenFile *file = g_ptr_array_index (model->files, i);
      Output *output = g_new0 (Output, 1);

      g_ptr_array_add (outputs, output);
      output->file = resolve (directory, file->path, error);
      if (output->file != NULL && file->create_only && g_file_query_exists (output->file, NULL))
        continue; /* a project file the developer may have edited: left as it is */
      if (output->file == NULL ||
          !prepare (output->file, file->path, file->text->str, stale_regions, &output->bytes, &n_kept, error))
        {
          if (output->file == NULL)
            output->file = g_object_ref (directory);
          _sl_codegen_model_free (model);
          return NULL;
        }
    }
  report->n_files = model->files->len;
  report->n_kept = n_kept;

  if (!g_file_make_directory_with_parents (directory, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *name = g_file_get_parse_name (directory);

      g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
                   _("Could not create the folder “%s”: %s"), name, local_error->message);
      _sl_codegen_model_free (model);
      return NULL;
    }

  for (guint i = 0; i < outputs->len; i++)
    {
      Output *output = g_ptr_array_index (outputs, i);
      SlCodegenFile *file = g_ptr_array_index (model->files, i);

      if (output->bytes == NULL)
        continue;

      if (!make_parents (directory, output->file, file->path, error))
        {
          _sl_codegen_model_free (model);
          return NULL;
        }
      g_clear_error (&local_error);
      if (!sl_file_write_atomically (output->file, output->bytes, NULL, &local_error))
        {
          g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
                       _("Could not write “%s”: %s"), file->path, local_error->message);
          _sl_codegen_model_free (model);
          return NULL;
        }
      report->n_written++;
    }

  /* A file no longer generated goes when nothing of it is lost: each of
   * its bodies given to a new file or one the generator writes. Else it
   * stays, is reported, and stays in the manifest for the next run. */
  report->stale_kept = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(GHashTable) defaults = default_bodies (model);
    g_autoptr(GPtrArray) listed = g_ptr_array_new ();
    g_autoptr(GString) manifest = g_string_new (NULL);
    g_autoptr(GFile) manifest_file = g_file_get_child (directory, MANIFEST);
    g_autofree char *old_manifest = NULL;

    for (guint i = 0; i < stale->len; i++)
      {
        Stale *entry = g_ptr_array_index (stale, i);
        gboolean lost = FALSE;

        for (guint j = 0; j < entry->regions->len && !lost; j++)
          {
            Region *region = g_ptr_array_index (entry->regions, j);

            lost = !region->carried && is_hand_written (region->body, defaults);
          }
        if (lost || !g_file_delete (entry->file, NULL, NULL))
          {
            g_ptr_array_add (report->stale_kept, g_strdup (entry->path));
            g_ptr_array_add (listed, entry->path);
          }
      }
    for (guint i = 0; i < model->files->len; i++)
      g_ptr_array_add (listed, ((SlCodegenFile *) g_ptr_array_index (model->files, i))->path);
    g_ptr_array_sort (listed, compare_paths);
    g_string_append_printf (manifest, "# %s\n", sl_codegen_language_to_string (language));
    for (guint i = 0; i < listed->len; i++)
      {
        g_string_append (manifest, g_ptr_array_index (listed, i));
        g_string_append_c (manifest, '\n');
      }
    if (!g_file_load_contents (manifest_file, NULL, &old_manifest, NULL, NULL, NULL) ||
        strcmp (old_manifest, manifest->str) != 0)
      {
        g_autoptr(GBytes) bytes = g_bytes_new (manifest->str, manifest->len);

        g_clear_error (&local_error);
        if (!sl_file_write_atomically (manifest_file, bytes, NULL, &local_error))
          {
            g_set_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE,
                         _("Could not write “%s”: %s"), MANIFEST, local_error->message);
            _sl_codegen_model_free (model);
            return NULL;
          }
      }
  }

  _sl_codegen_model_free (model);
  return g_steal_pointer (&report);
}
