/* sl-codegen-kotlin.c: the Kotlin emitter
 *
 * Kotlin as Kotlin 1.3 compiles it and current Kotlin still accepts (the
 * tests compile the output with Debian's kotlinc 1.3): per aggregate a
 * sealed class of its commands and one of its events (sealed interfaces
 * came with Kotlin 1.5), data classes for the messages, and an object
 * deciding and evolving with `when`; per view a projection, per automation
 * a reaction; one test per scenario, written against a small
 * given/when/then helper generated along, so that they compile without
 * JUnit (the README says how to run them with it).
 *
 * Dates and times: Date is java.time.LocalDate; DateTime is
 * java.time.OffsetDateTime rather than Instant, because it parses every
 * RFC 3339 value the JSON Schema's "date-time" accepts on any JDK (Instant
 * takes an offset other than Z only from JDK 12) and it is what C#'s
 * DateTimeOffset holds, so both languages read the same wire value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-codegen-private.h"

typedef enum {
  IMPORT_BIG_DECIMAL     = 1 << 0,
  IMPORT_LOCAL_DATE      = 1 << 1,
  IMPORT_OFFSET_DATETIME = 1 << 2,
  IMPORT_UUID            = 1 << 3,
} Imports;

typedef struct {
  SlCodegenModel *model;
  char           *package;
  char           *main_dir;  /* "src/main/kotlin/hotel/" */
  char           *test_dir;
  char           *custom;    /* the placeholder type of Custom fields, or NULL */
  Imports         imports;   /* what the file being written uses */
} Kt;

static const char * const hard_keywords[] = {
  "as", "break", "class", "continue", "do", "else", "false", "for", "fun",
  "if", "in", "interface", "is", "null", "object", "package", "return",
  "super", "this", "throw", "true", "try", "typealias", "typeof", "val",
  "var", "when", "while", NULL
};

/* The functions the test bodies call (and their spec). */
static const char * const test_body_functions[] = {
  "emptyList", "invalidExample", "listOf", "missing", "pending", "spec", NULL
};

/* Names */

static gboolean
is_hard_keyword (const char *name)
{
  return g_strv_contains (hard_keywords, name);
}

static void
append_name (GString    *out,
             const char *name)
{
  if (is_hard_keyword (name))
    g_string_append_printf (out, "`%s`", name);
  else
    g_string_append (out, name);
}

/* The text of a comment on one line, which must not end it early: no line
 * break (a slice named "x\n// stormline:end ..." would write code, or a
 * marker), no "*\/", and no "/\*" either, since Kotlin's block comments
 * nest and one more opening would leave the comment open. */
static void
append_doc_text (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '*' && p[1] == '/')
        g_string_append (out, "* ");
      else if (p[0] == '/' && p[1] == '*')
        g_string_append (out, "/ ");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
append_string_literal (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '$': g_string_append (out, "\\$"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Types */

static void
append_base_type (Kt             *kt,
                  GString        *out,
                  SlCodegenField *field)
{
  switch (field->type)
    {
    case SL_FIELD_BOOLEAN: g_string_append (out, "Boolean"); break;
    case SL_FIELD_INT: g_string_append (out, "Int"); break;
    case SL_FIELD_LONG: g_string_append (out, "Long"); break;
    case SL_FIELD_DOUBLE: g_string_append (out, "Double"); break;
    case SL_FIELD_DECIMAL:
      kt->imports |= IMPORT_BIG_DECIMAL;
      g_string_append (out, "BigDecimal");
      break;
    case SL_FIELD_DATE:
      kt->imports |= IMPORT_LOCAL_DATE;
      g_string_append (out, "LocalDate");
      break;
    case SL_FIELD_DATE_TIME:
      kt->imports |= IMPORT_OFFSET_DATETIME;
      g_string_append (out, "OffsetDateTime");
      break;
    case SL_FIELD_UUID:
      kt->imports |= IMPORT_UUID;
      g_string_append (out, "UUID");
      break;
    case SL_FIELD_CUSTOM: g_string_append (out, kt->custom); break;
    case SL_FIELD_STRING:
    default:
      g_string_append (out, "String");
      break;
    }
}

static void
append_type (Kt             *kt,
             GString        *out,
             SlCodegenField *field)
{
  if (field->list)
    g_string_append (out, "List<");
  append_base_type (kt, out, field);
  if (field->list)
    g_string_append_c (out, '>');
  if (field->optional)
    g_string_append_c (out, '?');
}

/* Example values */

static void
append_invalid (GString        *out,
                SlCodegenField *field,
                const char     *text)
{
  g_string_append (out, "invalidExample(");
  append_string_literal (out, field->name);
  g_string_append (out, ", ");
  append_string_literal (out, text);
  g_string_append_c (out, ')');
}

/* One value of @field's type written as @text, as a Kotlin expression; a
 * text the type cannot hold becomes a call that fails the test saying so. */
static void
append_scalar (Kt             *kt,
               GString        *out,
               SlCodegenField *field,
               const char     *text)
{
  switch (field->type)
    {
    case SL_FIELD_BOOLEAN:
      if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0)
        {
          g_autofree char *lower = g_ascii_strdown (text, -1);
          g_string_append (out, lower);
        }
      else
        append_invalid (out, field, text);
      break;

    case SL_FIELD_INT:
      if (_sl_codegen_is_integer (text, G_MININT32, G_MAXINT32))
        {
          if (_sl_codegen_is_integer (text, G_MININT32, G_MININT32))
            g_string_append (out, "Int.MIN_VALUE");
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT, g_ascii_strtoll (text, NULL, 10));
        }
      else
        append_invalid (out, field, text);
      break;

    case SL_FIELD_LONG:
      if (_sl_codegen_is_integer (text, G_MININT64, G_MAXINT64))
        {
          if (_sl_codegen_is_integer (text, G_MININT64, G_MININT64))
            g_string_append (out, "Long.MIN_VALUE");
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT "L", g_ascii_strtoll (text, NULL, 10));
        }
      else
        append_invalid (out, field, text);
      break;

    case SL_FIELD_DOUBLE:
      {
        char *end = NULL;
        double value = g_ascii_strtod (text, &end);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (end == text || *end != '\0' || !isfinite (value) || g_ascii_isalpha (text[0]))
          {
            append_invalid (out, field, text);
            break;
          }
        g_ascii_dtostr (buffer, sizeof buffer, value);
        g_string_append (out, buffer);
        if (strpbrk (buffer, ".eE") == NULL)
          g_string_append (out, ".0");
      }
      break;

    case SL_FIELD_DECIMAL:
      kt->imports |= IMPORT_BIG_DECIMAL;
      if (!_sl_codegen_is_decimal (text))
        {
          append_invalid (out, field, text);
          break;
        }
      g_string_append (out, "BigDecimal(");
      append_string_literal (out, text);
      g_string_append_c (out, ')');
      break;

    case SL_FIELD_DATE:
      kt->imports |= IMPORT_LOCAL_DATE;
      g_string_append (out, "LocalDate.parse(");
      append_string_literal (out, text);
      g_string_append_c (out, ')');
      break;

    case SL_FIELD_DATE_TIME:
      kt->imports |= IMPORT_OFFSET_DATETIME;
      g_string_append (out, "OffsetDateTime.parse(");
      append_string_literal (out, text);
      g_string_append_c (out, ')');
      break;

    case SL_FIELD_UUID:
      kt->imports |= IMPORT_UUID;
      g_string_append (out, "UUID.fromString(");
      append_string_literal (out, text);
      g_string_append_c (out, ')');
      break;

    case SL_FIELD_CUSTOM:
      g_string_append_printf (out, "%s.fromExample(", kt->custom);
      append_string_literal (out, text);
      g_string_append_c (out, ')');
      break;

    case SL_FIELD_STRING:
    default:
      append_string_literal (out, text);
      break;
    }
}

static void
append_value (Kt             *kt,
              GString        *out,
              SlCodegenField *field,
              const char     *text)
{
  if (text == NULL)
    {
      if (field->optional)
        g_string_append (out, "null");
      else
        {
          g_string_append (out, "missing(");
          append_string_literal (out, field->name);
          g_string_append_c (out, ')');
        }
      return;
    }

  if (field->list)
    {
      g_auto(GStrv) items = g_strsplit (text, ",", -1);
      gboolean first = TRUE;

      for (guint i = 0; items[i] != NULL; i++)
        {
          g_strstrip (items[i]);
          if (items[i][0] == '\0')
            continue;
          g_string_append (out, first ? "listOf(" : ", ");
          append_scalar (kt, out, field, items[i]);
          first = FALSE;
        }
      g_string_append (out, first ? "emptyList()" : ")");
      return;
    }

  append_scalar (kt, out, field, text);
}

static const char *
step_value (SlCodegenStep  *step,
            SlCodegenField *field)
{
  for (guint i = 0; i < step->names->len; i++)
    if (g_str_equal (g_ptr_array_index (step->names, i), field->name))
      return g_ptr_array_index (step->values, i);
  return NULL;
}

/* A message with a step's values, "RoomAdded(roomNumber = "101", ...)",
 * an argument a line when one line would be long. */
static void
append_message_value (Kt            *kt,
                      GString       *out,
                      SlCodegenStep *step,
                      const char    *indent)
{
  SlCodegenMessage *message = step->message;
  g_autoptr(GPtrArray) arguments = g_ptr_array_new_with_free_func (g_free);
  gsize width = strlen (indent) + strlen (message->type_name) + 2;

  g_string_append (out, message->type_name);
  if (message->fields->len == 0)
    return;
  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);
      GString *argument = g_string_new (NULL);

      append_name (argument, field->identifier);
      g_string_append (argument, " = ");
      append_value (kt, argument, field, step_value (step, field));
      width += argument->len + 2;
      g_ptr_array_add (arguments, g_string_free (argument, FALSE));
    }

  g_string_append_c (out, '(');
  for (guint i = 0; i < arguments->len; i++)
    {
      if (width > 100)
        g_string_append_printf (out, "\n%s    ", indent);
      g_string_append (out, g_ptr_array_index (arguments, i));
      if (i + 1 < arguments->len)
        g_string_append (out, width > 100 ? "," : ", ");
    }
  if (width > 100)
    g_string_append_printf (out, "\n%s", indent);
  g_string_append_c (out, ')');
}

/* Files */

static GString *
file_begin (Kt *kt)
{
  kt->imports = 0;
  return g_string_new (NULL);
}

/* Adds the file whose declarations are @body, after its header, package
 * and the imports the declarations use. */
static void
file_end (Kt         *kt,
          const char *path,
          GString    *body)
{
  GString *out = g_string_new (NULL);

  _sl_codegen_append_header (kt->model, out, "//");
  g_string_append_printf (out, "\npackage %s\n\n", kt->package);
  if (kt->imports & IMPORT_BIG_DECIMAL)
    g_string_append (out, "import java.math.BigDecimal\n");
  if (kt->imports & IMPORT_LOCAL_DATE)
    g_string_append (out, "import java.time.LocalDate\n");
  if (kt->imports & IMPORT_OFFSET_DATETIME)
    g_string_append (out, "import java.time.OffsetDateTime\n");
  if (kt->imports & IMPORT_UUID)
    g_string_append (out, "import java.util.UUID\n");
  if (kt->imports != 0)
    g_string_append_c (out, '\n');
  g_string_append_len (out, body->str, body->len);
  g_string_free (body, TRUE);

  _sl_codegen_add_file (kt->model, path, out);
}

static const char *
kind_label (SlCodegenMessageKind kind)
{
  switch (kind)
    {
    case SL_CODEGEN_COMMAND: return "Command";
    case SL_CODEGEN_EVENT: return "Event";
    case SL_CODEGEN_VIEW:
    default:
      return "View";
    }
}

static void
append_message_type (Kt               *kt,
                     GString          *out,
                     SlCodegenMessage *message,
                     const char       *supertype)
{
  g_string_append_printf (out, "/** %s \"", kind_label (message->kind));
  append_doc_text (out, message->name);
  g_string_append (out, "\". */\n");

  /* A data class needs a property; a message without fields is one value. */
  if (message->fields->len == 0)
    {
      g_string_append_printf (out, "object %s : %s\n\n", message->type_name, supertype);
      return;
    }

  g_string_append_printf (out, "data class %s(\n", message->type_name);
  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);

      g_string_append (out, "    val ");
      append_name (out, field->identifier);
      g_string_append (out, ": ");
      append_type (kt, out, field);
      g_string_append (out, i + 1 < message->fields->len ? ",\n" : "\n");
    }
  g_string_append_printf (out, ") : %s\n\n", supertype);
}

/* Writes "// Slice: NAME" when @message starts another slice. */
static void
append_slice (GString           *out,
              SlCodegenMessage  *message,
              const char       **slice)
{
  if (message->slice == NULL || g_strcmp0 (message->slice, *slice) == 0)
    return;
  *slice = message->slice;
  g_string_append (out, "// Slice: ");
  append_doc_text (out, message->slice);
  g_string_append (out, "\n\n");
}

static void
emit_messages (Kt *kt)
{
  GString *out = file_begin (kt);
  const char *slice = NULL;
  g_autofree char *path = NULL;

  g_string_append (out,
                   "/** Every command, event and view of the model. */\n"
                   "interface Message\n\n"
                   "/** What someone or something asks the system to do. */\n"
                   "interface Command : Message\n\n"
                   "/** What happened. */\n"
                   "interface Event : Message\n\n"
                   "/** What the system shows. */\n"
                   "interface View : Message\n");

  for (guint i = 0; i < kt->model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (kt->model->messages, i);

      if (message->kind == SL_CODEGEN_VIEW || message->aggregate != NULL)
        continue;
      if (slice == NULL)
        g_string_append (out, "\n// Outside any aggregate\n\n");
      append_slice (out, message, &slice);
      append_message_type (kt, out, message, kind_label (message->kind));
    }
  g_strchomp (out->str);
  g_string_set_size (out, strlen (out->str));
  g_string_append_c (out, '\n');

  path = g_strconcat (kt->main_dir, "Messages.kt", NULL);
  file_end (kt, path, out);
}

static gboolean
ptr_array_has (GPtrArray *array,
               gpointer   item)
{
  return array != NULL && g_ptr_array_find (array, item, NULL);
}

static char *
produced_names (SlCodegenMessage *command)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; command->events != NULL && i < command->events->len; i++)
    {
      SlCodegenMessage *event = g_ptr_array_index (command->events, i);

      g_string_append (names, i == 0 ? "" : ", ");
      g_string_append (names, event->type_name);
    }
  return g_string_free (names, FALSE);
}

static void
emit_aggregate (Kt                 *kt,
                SlCodegenAggregate *aggregate)
{
  GString *out = file_begin (kt);
  const char *name = aggregate->type_name;
  const char *slice = NULL;
  g_autoptr(GPtrArray) foreign = _sl_codegen_foreign_events (kt->model, aggregate);
  g_autofree char *command_type = g_strconcat (name, "Command", NULL);
  g_autofree char *event_type = g_strconcat (name, "Event", NULL);
  g_autofree char *command_super = g_strconcat (command_type, "()", NULL);
  g_autofree char *event_super = g_strconcat (event_type, "()", NULL);
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *state_doc = NULL;
  g_autofree char *initial_body = NULL;

  g_string_append_printf (out, "/** The commands %s decides. */\n", name);
  g_string_append_printf (out, "sealed class %s : Command\n\n", command_type);
  g_string_append_printf (out, "/** The events %s records. */\n", name);
  g_string_append_printf (out, "sealed class %s : Event\n\n", event_type);

  for (guint i = 0; i < kt->model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (kt->model->messages, i);
      gboolean command = ptr_array_has (aggregate->commands, message);

      if (!command && !ptr_array_has (aggregate->events, message))
        continue;
      append_slice (out, message, &slice);
      append_message_type (kt, out, message, command ? command_super : event_super);
    }

  state_doc = g_strdup_printf ("/** What %s's decider knows of the events so far: give it the fields its decisions need. */\n"
                               "class %sState",
                               name, name);
  _sl_codegen_append_body (out, "", "state", state_doc);

  g_string_append_printf (out,
                          "\n/** %s's decider: decides what its commands change, and keeps its state from the events. */\n"
                          "object %sDecider {\n"
                          "    fun initialState(): %sState {\n",
                          name, name, name);
  initial_body = g_strdup_printf ("return %sState()", name);
  _sl_codegen_append_body (out, "        ", "initialState", initial_body);
  g_string_append (out, "    }\n\n");

  g_string_append_printf (out,
                          "    fun decide(command: %s, state: %sState): List<%s> =\n"
                          "        when (command) {\n",
                          command_type, name,
                          _sl_codegen_decides_own_events (kt->model, aggregate) ? event_type : "Event");
  for (guint i = 0; i < aggregate->commands->len; i++)
    {
      SlCodegenMessage *command = g_ptr_array_index (aggregate->commands, i);
      g_autofree char *key = g_strconcat ("decide ", command->type_name, NULL);
      g_autofree char *produced = produced_names (command);
      g_autofree char *body = NULL;

      if (produced[0] != '\0')
        body = g_strdup_printf ("TODO(\"decide %s: emits %s\")", command->type_name, produced);
      else
        body = g_strdup_printf ("TODO(\"decide %s\")", command->type_name);
      g_string_append_printf (out, "            is %s -> {\n", command->type_name);
      _sl_codegen_append_body (out, "                ", key, body);
      g_string_append (out, "            }\n");
    }
  if (aggregate->commands->len == 0)
    g_string_append_printf (out, "            else -> throw IllegalArgumentException(\"%s decides no command\")\n", name);
  g_string_append (out, "        }\n\n");

  g_string_append_printf (out,
                          "    fun evolve(state: %sState, event: Event): %sState =\n"
                          "        when (event) {\n",
                          name, name);
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *events = pass == 0 ? aggregate->events : foreign;

      for (guint i = 0; i < events->len; i++)
        {
          SlCodegenMessage *event = g_ptr_array_index (events, i);
          g_autofree char *key = g_strconcat ("evolve ", event->type_name, NULL);

          if (pass == 1 && i == 0)
            g_string_append_printf (out, "            // Events of others that %s's scenarios give\n", name);
          g_string_append_printf (out, "            is %s -> {\n", event->type_name);
          _sl_codegen_append_body (out, "                ", key, "state");
          g_string_append (out, "            }\n");
        }
    }
  g_string_append (out,
                   "            else -> state\n"
                   "        }\n"
                   "}\n");

  file_name = _sl_codegen_aggregate_file_name (kt->model, aggregate);
  path = g_strconcat (kt->main_dir, file_name, ".kt", NULL);
  file_end (kt, path, out);
}

static void
emit_view (Kt               *kt,
           SlCodegenMessage *view)
{
  GString *out = file_begin (kt);
  const char *name = view->type_name;
  const char *slice = NULL;
  g_autofree char *path = NULL;

  append_slice (out, view, &slice);
  append_message_type (kt, out, view, "View");
  g_string_append_printf (out,
                          "/** Builds %s from the events it reads. */\n"
                          "object %sProjection {\n"
                          "    fun initialState(): %s? = null\n\n"
                          "    fun evolve(state: %s?, event: Event): %s? =\n"
                          "        when (event) {\n",
                          name, name, name, name, name);
  for (guint i = 0; view->events != NULL && i < view->events->len; i++)
    {
      SlCodegenMessage *event = g_ptr_array_index (view->events, i);
      g_autofree char *key = g_strconcat ("evolve ", event->type_name, NULL);

      g_string_append_printf (out, "            is %s -> {\n", event->type_name);
      _sl_codegen_append_body (out, "                ", key, "state");
      g_string_append (out, "            }\n");
    }
  g_string_append (out,
                   "            else -> state\n"
                   "        }\n"
                   "}\n");

  path = g_strconcat (kt->main_dir, name, ".kt", NULL);
  file_end (kt, path, out);
}

static char *
message_names (GPtrArray *messages)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (messages, i);

      g_string_append (names, i == 0 ? "" : ", ");
      g_string_append (names, message->type_name);
    }
  return g_string_free (names, FALSE);
}

static void
emit_automation (Kt                  *kt,
                 SlCodegenAutomation *automation)
{
  GString *out = file_begin (kt);
  const char *name = automation->type_name;
  g_autofree char *issues = message_names (automation->commands);
  g_autofree char *path = NULL;

  g_string_append (out, "/** Automation \"");
  append_doc_text (out, automation->name);
  g_string_append (out, "\": the commands it issues for what it sees. */\n");
  g_string_append_printf (out,
                          "object %s {\n"
                          "    fun react(input: Message): List<Command> =\n"
                          "        when (input) {\n",
                          name);
  for (guint i = 0; i < automation->inputs->len; i++)
    {
      SlCodegenMessage *input = g_ptr_array_index (automation->inputs, i);
      g_autofree char *key = g_strconcat ("react ", input->type_name, NULL);
      g_autofree char *body = NULL;

      if (issues[0] != '\0')
        body = g_strdup_printf ("TODO(\"react to %s: issues %s\")", input->type_name, issues);
      else
        body = g_strdup_printf ("TODO(\"react to %s\")", input->type_name);
      g_string_append_printf (out, "            is %s -> {\n", input->type_name);
      _sl_codegen_append_body (out, "                ", key, body);
      g_string_append (out, "            }\n");
    }
  g_string_append (out,
                   "            else -> emptyList()\n"
                   "        }\n"
                   "}\n");

  path = g_strconcat (kt->main_dir, name, ".kt", NULL);
  file_end (kt, path, out);
}

static void
emit_custom_type (Kt *kt)
{
  GString *out = file_begin (kt);
  g_autofree char *path = g_strconcat (kt->main_dir, "Types.kt", NULL);
  g_autofree char *body = NULL;

  /* The model says a field is of a custom type without defining it: a
   * placeholder holding the example's text, for the developer to replace
   * (a typealias to String would pass for a definition). */
  body = g_strdup_printf ("/**\n"
                          " * The fields of type Custom: the model does not say what it holds, so\n"
                          " * this placeholder keeps the text of an example. Write the type here;\n"
                          " * fromExample() turns an example value of the model into one.\n"
                          " */\n"
                          "data class %s(val text: String) {\n"
                          "    companion object {\n"
                          "        fun fromExample(text: String): %s = %s(text)\n"
                          "    }\n"
                          "}",
                          kt->custom, kt->custom, kt->custom);
  _sl_codegen_append_body (out, "", "type Custom", body);

  file_end (kt, path, out);
}

/* Tests */

/* Appends the steps whose message is of @kind (or the view @only) as
 * arguments, and a comment for each other step, which cannot be one. */
static void
append_steps (Kt                   *kt,
              GString              *out,
              GPtrArray            *steps,
              int                   kind,
              SlCodegenMessage     *only)
{
  gboolean first = TRUE;

  for (guint i = 0; i < steps->len; i++)
    {
      SlCodegenStep *step = g_ptr_array_index (steps, i);

      if ((only != NULL && step->message != only)
          || (kind >= 0 && step->message->kind != (SlCodegenMessageKind) kind))
        continue;
      g_string_append (out, first ? "\n" : ",\n");
      g_string_append (out, "            ");
      append_message_value (kt, out, step, "            ");
      first = FALSE;
    }
  g_string_append (out, first ? ")" : "\n        )");
}

static void
append_skipped_steps (GString   *out,
                      GPtrArray *steps,
                      int        kind,
                      SlCodegenMessage *only,
                      const char *what)
{
  for (guint i = 0; i < steps->len; i++)
    {
      SlCodegenStep *step = g_ptr_array_index (steps, i);

      if ((only != NULL && step->message != only)
          || (kind >= 0 && step->message->kind != (SlCodegenMessageKind) kind))
        g_string_append_printf (out, "        // %s is not %s: left out\n", step->message->type_name, what);
    }
}

static guint
count_steps (GPtrArray        *steps,
             SlCodegenMessage *only)
{
  guint n = 0;

  for (guint i = 0; i < steps->len; i++)
    if (((SlCodegenStep *) g_ptr_array_index (steps, i))->message == only)
      n++;
  return n;
}

static void
append_pending (GString    *out,
                const char *reason)
{
  g_string_append (out, "        pending(");
  append_string_literal (out, reason);
  g_string_append (out, ")\n");
}

static void
append_test_body (Kt             *kt,
                  GString        *out,
                  SlCodegenSuite *suite,
                  SlCodegenTest  *test)
{
  switch (suite->kind)
    {
    case SL_CODEGEN_SUITE_DECIDER:
      {
        SlCodegenStep *when = test->when->len == 1 ? g_ptr_array_index (test->when, 0) : NULL;

        if (when == NULL || when->message->kind != SL_CODEGEN_COMMAND
            || when->message->aggregate != suite->subject)
          {
            append_pending (out, "the scenario has no command of this aggregate to send");
            return;
          }
        append_skipped_steps (out, test->given, SL_CODEGEN_EVENT, NULL, "an event");
        append_skipped_steps (out, test->then, SL_CODEGEN_EVENT, NULL, "an event");
        g_string_append (out, "        spec.given(");
        append_steps (kt, out, test->given, SL_CODEGEN_EVENT, NULL);
        g_string_append (out, ".whenever(\n            ");
        append_message_value (kt, out, when, "            ");
        g_string_append (out, "\n        )");
        if (test->error != NULL)
          {
            g_string_append (out, ".thenFails(");
            append_string_literal (out, test->error);
            g_string_append (out, ")\n");
          }
        else
          {
            g_string_append (out, ".then(");
            append_steps (kt, out, test->then, SL_CODEGEN_EVENT, NULL);
            g_string_append_c (out, '\n');
          }
      }
      break;

    case SL_CODEGEN_SUITE_VIEW:
      {
        SlCodegenMessage *view = suite->subject;
        guint n = count_steps (test->then, view);

        if (n > 1)
          {
            append_pending (out, "the scenario shows the view more than once; a projection has one state");
            return;
          }
        append_skipped_steps (out, test->given, SL_CODEGEN_EVENT, NULL, "an event");
        append_skipped_steps (out, test->then, -1, view, "the view");
        g_string_append (out, "        spec.given(");
        append_steps (kt, out, test->given, SL_CODEGEN_EVENT, NULL);
        g_string_append (out, ".then(");
        if (n == 0)
          g_string_append (out, "null)\n");
        else
          {
            for (guint i = 0; i < test->then->len; i++)
              {
                SlCodegenStep *step = g_ptr_array_index (test->then, i);

                if (step->message == view)
                  {
                    g_string_append (out, "\n            ");
                    append_message_value (kt, out, step, "            ");
                  }
              }
            g_string_append (out, "\n        )\n");
          }
      }
      break;

    case SL_CODEGEN_SUITE_AUTOMATION:
      append_skipped_steps (out, test->then, SL_CODEGEN_COMMAND, NULL, "a command");
      g_string_append (out, "        spec.given(");
      append_steps (kt, out, test->given, -1, NULL);
      g_string_append (out, ".then(");
      append_steps (kt, out, test->then, SL_CODEGEN_COMMAND, NULL);
      g_string_append_c (out, '\n');
      break;

    case SL_CODEGEN_SUITE_NONE:
    default:
      append_pending (out, "the command belongs to no aggregate, so no decider decides it");
      break;
    }
}

static char *
unique_test_name (GHashTable *taken,
                  const char *identifier)
{
  char *name = g_strdup (identifier);

  for (guint n = 2; g_hash_table_contains (taken, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%u", identifier, n);
    }
  g_hash_table_add (taken, name);
  return name;
}

static void
emit_suite (Kt             *kt,
            SlCodegenSuite *suite)
{
  GString *out = file_begin (kt);
  g_autofree char *class_name = _sl_codegen_suite_name (kt->model, suite);
  const char *name = suite->kind == SL_CODEGEN_SUITE_DECIDER
    ? ((SlCodegenAggregate *) suite->subject)->type_name : class_name;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = NULL;

  /* A method of the class comes before a top-level function of its name:
   * a scenario titled "Empty List" would turn emptyList() into a call of
   * the test. So the functions the test bodies call are taken. */
  for (guint i = 0; test_body_functions[i] != NULL; i++)
    g_hash_table_add (taken, g_strdup (test_body_functions[i]));
  g_string_append_printf (out, "class %sTest {\n", class_name);
  switch (suite->kind)
    {
    case SL_CODEGEN_SUITE_DECIDER:
      g_string_append_printf (out,
                              "    private val spec =\n"
                              "        DeciderSpec(%sDecider::decide, %sDecider::evolve, %sDecider::initialState)\n",
                              name, name, name);
      break;
    case SL_CODEGEN_SUITE_VIEW:
      g_string_append_printf (out,
                              "    private val spec =\n"
                              "        ViewSpec(%sProjection::evolve, %sProjection::initialState)\n",
                              name, name);
      break;
    case SL_CODEGEN_SUITE_AUTOMATION:
      g_string_append_printf (out, "    private val spec = AutomationSpec(%s::react)\n", name);
      break;
    case SL_CODEGEN_SUITE_NONE:
    default:
      break;
    }

  for (guint i = 0; i < suite->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (suite->tests, i);
      if (i > 0 || suite->kind != SL_CODEGEN_SUITE_NONE)
        g_string_append_c (out, '\n');
      g_string_append (out, "    /** ");
      append_doc_text (out, test->title);
      g_string_append (out, " */\n    @Test\n    fun ");
      append_name (out, unique_test_name (taken, test->identifier));
      g_string_append (out, "() {\n");
      append_test_body (kt, out, suite, test);
      g_string_append (out, "    }\n");
    }
  g_string_append (out, "}\n");

  path = g_strconcat (kt->test_dir, class_name, "Test.kt", NULL);
  file_end (kt, path, out);
}

static void
emit_spec (Kt *kt)
{
  GString *out = file_begin (kt);
  g_autofree char *path = g_strconcat (kt->test_dir, "Spec.kt", NULL);

  g_string_append (out,
"/*\n"
" * Given/When/Then for the tests of the model's scenarios: a failed\n"
" * expectation throws an AssertionError, which any test runner reports.\n"
" */\n"
"\n"
"/** A value the scenario does not give: the test fails, naming the field. */\n"
"fun missing(field: String): Nothing =\n"
"    throw AssertionError(\"the scenario gives no value for $field\")\n"
"\n"
"/** An example value of the model that its field's type cannot hold. */\n"
"fun invalidExample(field: String, text: String): Nothing =\n"
"    throw AssertionError(\"the example \\\"$text\\\" of $field is not a value of its type\")\n"
"\n"
"/** A scenario these tests cannot run as the model stands, and why. */\n"
"fun pending(reason: String): Nothing =\n"
"    throw AssertionError(\"pending: $reason\")\n"
"\n"
"/** Given these events, when this command, then these events (or this error). */\n"
"class DeciderSpec<C, E, S>(\n"
"    private val decide: (C, S) -> List<E>,\n"
"    private val evolve: (S, Event) -> S,\n"
"    private val initialState: () -> S\n"
") {\n"
"    fun given(vararg events: Event): Given = Given(events.toList())\n"
"\n"
"    inner class Given(private val events: List<Event>) {\n"
"        fun whenever(command: C): When = When(events, command)\n"
"    }\n"
"\n"
"    inner class When(private val events: List<Event>, private val command: C) {\n"
"        private fun run(): List<E> = decide(command, events.fold(initialState(), evolve))\n"
"\n"
"        fun then(vararg expected: E) {\n"
"            val actual = run()\n"
"            if (actual != expected.toList())\n"
"                throw AssertionError(\"expected the events ${expected.toList()}, got $actual\")\n"
"        }\n"
"\n"
"        fun thenFails(message: String) {\n"
"            val actual = try {\n"
"                run()\n"
"            } catch (error: Exception) {\n"
"                if (error.message == message)\n"
"                    return\n"
"                throw AssertionError(\"expected the error \\\"$message\\\", got \\\"${error.message}\\\"\", error)\n"
"            }\n"
"            throw AssertionError(\"expected the error \\\"$message\\\", got the events $actual\")\n"
"        }\n"
"    }\n"
"}\n"
"\n"
"/** Given these events, then the view shows this. */\n"
"class ViewSpec<V>(\n"
"    private val evolve: (V?, Event) -> V?,\n"
"    private val initialState: () -> V?\n"
") {\n"
"    fun given(vararg events: Event): Given = Given(events.toList())\n"
"\n"
"    inner class Given(private val events: List<Event>) {\n"
"        fun then(expected: V?) {\n"
"            val actual = events.fold(initialState(), evolve)\n"
"            if (actual != expected)\n"
"                throw AssertionError(\"expected $expected, got $actual\")\n"
"        }\n"
"    }\n"
"}\n"
"\n"
"/** Given these events or views, then the automation issues these commands. */\n"
"class AutomationSpec(private val react: (Message) -> List<Command>) {\n"
"    fun given(vararg inputs: Message): Given = Given(inputs.toList())\n"
"\n"
"    inner class Given(private val inputs: List<Message>) {\n"
"        fun then(vararg expected: Command) {\n"
"            val actual = inputs.flatMap(react)\n"
"            if (actual != expected.toList())\n"
"                throw AssertionError(\"expected the commands ${expected.toList()}, got $actual\")\n"
"        }\n"
"    }\n"
"}\n");
  file_end (kt, path, out);

  out = file_begin (kt);
  g_free (path);
  path = g_strconcat (kt->test_dir, "TestFramework.kt", NULL);
  _sl_codegen_append_body (out, "", "test framework",
"/**\n"
" * Marks a test. To run the tests with JUnit 5, write instead:\n"
" *     typealias Test = org.junit.jupiter.api.Test\n"
" */\n"
"@Target(AnnotationTarget.FUNCTION)\n"
"annotation class Test");
  file_end (kt, path, out);
}

static void
emit_readme (Kt *kt)
{
  GString *out = g_string_new (NULL);
  const char *ns = kt->model->namespace_;

  g_string_append_printf (out,
"# %s in Kotlin\n"
"\n"
"Generated by Stormline from %s. Generating again rewrites every file;\n"
"only the bodies between `stormline:begin` and `stormline:end` markers are\n"
"kept, so write the code there.\n"
"\n"
"- `src/main/kotlin/%s/Messages.kt`: what commands, events and views are, and\n"
"  the messages outside any aggregate;\n"
"- one file per aggregate: a sealed class of the commands it decides and one\n"
"  of the events it records, their data classes slice by slice, its state and\n"
"  its decider (`initialState`, `decide`, `evolve`);\n"
"- one file per view (its data class and projection) and per automation (the\n"
"  commands it issues for what it sees);\n"
"- `src/test/kotlin/%s`: one test per scenario of the model, Given/When/Then\n"
"  with its example values, written against `Spec.kt`.\n"
"\n"
"Types: String, Boolean, Int, Long, Double, `java.math.BigDecimal`,\n"
"`java.time.LocalDate`, `java.time.OffsetDateTime` (it holds any RFC 3339\n"
"value, as the JSON Schemas in `schema/` have it), `java.util.UUID`, `List`\n"
"for lists and a nullable type for optional fields.\n"
"\n"
"The sources compile with kotlinc 1.3 or later and need nothing else. To\n"
"run the tests with JUnit 5, add them to a Gradle or Maven project with\n"
"JUnit 5 and replace the body in `src/test/kotlin/%s/TestFramework.kt` with\n"
"`typealias Test = org.junit.jupiter.api.Test`; generating again keeps it.\n",
                          ns, kt->model->model_name, kt->package, kt->package, kt->package);

  _sl_codegen_add_file (kt->model, "README.md", out);
}

static char *
package_name (SlCodegenModel *model)
{
  char *package = g_ascii_strdown (model->namespace_, -1);

  if (is_hard_keyword (package))
    {
      char *kept = package;

      package = g_strconcat (kept, "_", NULL);
      g_free (kept);
    }
  return package;
}

static gboolean
uses_custom_type (SlCodegenModel *model)
{
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      for (guint j = 0; j < message->fields->len; j++)
        if (((SlCodegenField *) g_ptr_array_index (message->fields, j))->type == SL_FIELD_CUSTOM)
          return TRUE;
    }
  return FALSE;
}

/* "Custom", unless a message or automation is named so. */
static char *
custom_type_name (SlCodegenModel *model)
{
  char *name = g_strdup ("Custom");

  for (guint n = 2;; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < model->messages->len && !taken; i++)
        taken = g_str_equal (((SlCodegenMessage *) g_ptr_array_index (model->messages, i))->type_name, name);
      for (guint i = 0; i < model->automations->len && !taken; i++)
        taken = g_str_equal (((SlCodegenAutomation *) g_ptr_array_index (model->automations, i))->type_name, name);
      if (!taken)
        return name;
      g_free (name);
      name = g_strdup_printf ("Custom%u", n);
    }
}

void
_sl_codegen_emit_kotlin (SlCodegenModel *model)
{
  Kt kt = { 0 };
  g_autoptr(GPtrArray) suites = NULL;

  g_return_if_fail (model != NULL);

  kt.model = model;
  kt.package = package_name (model);
  kt.main_dir = g_strconcat ("src/main/kotlin/", kt.package, "/", NULL);
  kt.test_dir = g_strconcat ("src/test/kotlin/", kt.package, "/", NULL);
  kt.custom = uses_custom_type (model) ? custom_type_name (model) : NULL;

  emit_readme (&kt);
  emit_messages (&kt);
  for (guint i = 0; i < model->aggregates->len; i++)
    emit_aggregate (&kt, g_ptr_array_index (model->aggregates, i));
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (message->kind == SL_CODEGEN_VIEW)
        emit_view (&kt, message);
    }
  for (guint i = 0; i < model->automations->len; i++)
    emit_automation (&kt, g_ptr_array_index (model->automations, i));
  if (kt.custom != NULL)
    emit_custom_type (&kt);

  emit_spec (&kt);
  suites = _sl_codegen_collect_suites (model);
  for (guint i = 0; i < suites->len; i++)
    emit_suite (&kt, g_ptr_array_index (suites, i));

  g_free (kt.package);
  g_free (kt.main_dir);
  g_free (kt.test_dir);
  g_free (kt.custom);
}
