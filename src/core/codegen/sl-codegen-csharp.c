/* sl-codegen-csharp.c: the C# emitter
 *
 * C# for .NET 8 (C# 12) as a .NET developer writes it: file-scoped
 * namespaces, sealed positional records for the messages, per aggregate
 * an interface of its commands and one of its events and a static decider
 * class whose switch sections are marked bodies; per view a projection,
 * per automation a reaction; one test per scenario against a small
 * given/when/then helper generated along, so that the project builds
 * without xUnit (the README says how to run the tests with it).
 *
 * Records compare lists by reference, so the helper compares records
 * property by property and lists item by item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-codegen-private.h"

typedef struct {
  SlCodegenModel *model;
  char           *custom;        /* the placeholder type of Custom fields, or NULL */
  gboolean        globalization; /* the file being written parses dates */
} Cs;

/* Members every record has, which a property must not hide. */
static const char * const record_members[] = {
  "Clone", "Deconstruct", "EqualityContract", "Equals", "Finalize",
  "GetHashCode", "GetType", "MemberwiseClone", "PrintMembers", "ToString",
  NULL
};

/* The types the test bodies name, besides the model's own. */
static const char * const test_body_types[] = {
  "Array", "CultureInfo", "DateOnly", "DateTimeOffset", "Example", "Guid",
  "SpecificationException", NULL
};

static const char * const parameter_names[] = {
  "command", "event", "input", "state", NULL
};

static const char *
step_value (SlCodegenStep  *step,
            SlCodegenField *field)
{
  for (guint i = 0; i < step->names->len; i++)
    if (g_str_equal (g_ptr_array_index (step->names, i), field->name))
      return g_ptr_array_index (step->values, i);
  return NULL;
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

/* Tests */

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

/* Names */

/* A field's property: "guestId" -> "GuestId"; a name its record already
 * has (its own type's, or a member every record has) gets "Value". */
static char *
property_name (SlCodegenMessage *message,
               SlCodegenField   *field)
{
  GString *name = g_string_new (field->identifier);

  name->str[0] = g_ascii_toupper (name->str[0]);
  /* The IR's trailing '_' keeps "event" from being a keyword; "Event" is not. */
  if (name->len > 1 && name->str[name->len - 1] == '_' && g_ascii_islower (field->identifier[0]))
    g_string_truncate (name, name->len - 1);
  if (g_str_equal (name->str, message->type_name) || g_strv_contains (record_members, name->str))
    g_string_append (name, "Value");
  return g_string_free (name, FALSE);
}

/* The variable a switch section names its message by. */
static char *
variable_name (const char *type_name)
{
  g_autofree char *name = _sl_codegen_identifier (type_name, SL_CODEGEN_CASE_CAMEL);

  if (g_strv_contains (parameter_names, name))
    return g_strconcat (name, "2", NULL);
  return g_steal_pointer (&name);
}

/* C# ends a line at U+0085, U+2028 and U+2029 too. */
static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Text inside an XML documentation comment, on one line. */
static void
append_doc_text (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        default:
          if (is_line_break (c))
            g_string_append_c (out, ' ');
          else
            g_string_append_unichar (out, c);
          break;
        }
    }
}

/* Text inside a // comment: one line, so that a name cannot write code
 * (or a stormline:end marker) on the next. */
static void
append_comment_text (GString    *out,
                     const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
}

static void
append_string_literal (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f || is_line_break (c))
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_unichar (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* Types */

static void
append_base_type (Cs             *cs,
                  GString        *out,
                  SlCodegenField *field)
{
  switch (field->type)
    {
    case SL_FIELD_BOOLEAN: g_string_append (out, "bool"); break;
    case SL_FIELD_INT: g_string_append (out, "int"); break;
    case SL_FIELD_LONG: g_string_append (out, "long"); break;
    case SL_FIELD_DOUBLE: g_string_append (out, "double"); break;
    case SL_FIELD_DECIMAL: g_string_append (out, "decimal"); break;
    case SL_FIELD_DATE: g_string_append (out, "DateOnly"); break;
    case SL_FIELD_DATE_TIME: g_string_append (out, "DateTimeOffset"); break;
    case SL_FIELD_UUID: g_string_append (out, "Guid"); break;
    case SL_FIELD_CUSTOM: g_string_append (out, cs->custom); break;
    case SL_FIELD_STRING:
    default:
      g_string_append (out, "string");
      break;
    }
}

static void
append_type (Cs             *cs,
             GString        *out,
             SlCodegenField *field)
{
  if (field->list)
    g_string_append (out, "IReadOnlyList<");
  append_base_type (cs, out, field);
  if (field->list)
    g_string_append_c (out, '>');
  if (field->optional)
    g_string_append_c (out, '?');
}

/* Example values */

static void
append_invalid (Cs             *cs,
                GString        *out,
                SlCodegenField *field,
                const char     *text)
{
  g_string_append (out, "Example.Invalid<");
  append_base_type (cs, out, field);
  g_string_append (out, ">(");
  append_string_literal (out, field->name);
  g_string_append (out, ", ");
  append_string_literal (out, text);
  g_string_append_c (out, ')');
}

static void
append_parse (Cs         *cs,
              GString    *out,
              const char *type,
              const char *text)
{
  cs->globalization = TRUE;
  g_string_append_printf (out, "%s.Parse(", type);
  append_string_literal (out, text);
  g_string_append (out, ", CultureInfo.InvariantCulture)");
}

/* One value of @field's type written as @text, as a C# expression; a text
 * the type cannot hold becomes a call that fails the test saying so. */
static void
append_scalar (Cs             *cs,
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
        append_invalid (cs, out, field, text);
      break;

    case SL_FIELD_INT:
      if (_sl_codegen_is_integer (text, G_MININT32, G_MININT32))
        g_string_append (out, "int.MinValue");
      else if (_sl_codegen_is_integer (text, G_MININT32, G_MAXINT32))
        g_string_append_printf (out, "%" G_GINT64_FORMAT, g_ascii_strtoll (text, NULL, 10));
      else
        append_invalid (cs, out, field, text);
      break;

    case SL_FIELD_LONG:
      if (_sl_codegen_is_integer (text, G_MININT64, G_MININT64))
        g_string_append (out, "long.MinValue");
      else if (_sl_codegen_is_integer (text, G_MININT64, G_MAXINT64))
        g_string_append_printf (out, "%" G_GINT64_FORMAT "L", g_ascii_strtoll (text, NULL, 10));
      else
        append_invalid (cs, out, field, text);
      break;

    case SL_FIELD_DOUBLE:
      {
        char *end = NULL;
        double value = g_ascii_strtod (text, &end);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (end == text || *end != '\0' || !isfinite (value) || g_ascii_isalpha (text[0]))
          {
            append_invalid (cs, out, field, text);
            break;
          }
        g_ascii_dtostr (buffer, sizeof buffer, value);
        g_string_append (out, buffer);
        if (strpbrk (buffer, ".eE") == NULL)
          g_string_append (out, ".0");
      }
      break;

    case SL_FIELD_DECIMAL:
      if (_sl_codegen_is_decimal (text))
        g_string_append_printf (out, "%sm", text[0] == '+' ? text + 1 : text);
      else
        append_invalid (cs, out, field, text);
      break;

    case SL_FIELD_DATE:
      append_parse (cs, out, "DateOnly", text);
      break;

    case SL_FIELD_DATE_TIME:
      append_parse (cs, out, "DateTimeOffset", text);
      break;

    case SL_FIELD_UUID:
      g_string_append (out, "Guid.Parse(");
      append_string_literal (out, text);
      g_string_append_c (out, ')');
      break;

    case SL_FIELD_CUSTOM:
      g_string_append_printf (out, "%s.FromExample(", cs->custom);
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
append_value (Cs             *cs,
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
          g_string_append (out, "Example.Missing<");
          append_type (cs, out, field);
          g_string_append (out, ">(");
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
          if (first)
            {
              g_string_append (out, "new ");
              append_base_type (cs, out, field);
              g_string_append (out, "[] { ");
            }
          else
            g_string_append (out, ", ");
          append_scalar (cs, out, field, items[i]);
          first = FALSE;
        }
      if (first)
        {
          g_string_append (out, "Array.Empty<");
          append_base_type (cs, out, field);
          g_string_append (out, ">()");
        }
      else
        g_string_append (out, " }");
      return;
    }

  append_scalar (cs, out, field, text);
}

/* A record with a step's values, "new RoomAdded(RoomNumber: "101", ...)",
 * an argument a line when one line would be long. */
static void
append_message_value (Cs            *cs,
                      GString       *out,
                      SlCodegenStep *step,
                      const char    *indent)
{
  SlCodegenMessage *message = step->message;
  g_autoptr(GPtrArray) arguments = g_ptr_array_new_with_free_func (g_free);
  gsize width = strlen (indent) + strlen (message->type_name) + 6;

  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);
      g_autofree char *property = property_name (message, field);
      GString *argument = g_string_new (property);

      g_string_append (argument, ": ");
      append_value (cs, argument, field, step_value (step, field));
      width += argument->len + 2;
      g_ptr_array_add (arguments, g_string_free (argument, FALSE));
    }

  g_string_append_printf (out, "new %s(", message->type_name);
  for (guint i = 0; i < arguments->len; i++)
    {
      if (width > 100)
        g_string_append_printf (out, "\n%s    ", indent);
      g_string_append (out, g_ptr_array_index (arguments, i));
      if (i + 1 < arguments->len)
        g_string_append (out, width > 100 ? "," : ", ");
    }
  g_string_append_c (out, ')');
}

/* Files */

static GString *
file_begin (Cs *cs)
{
  cs->globalization = FALSE;
  return g_string_new (NULL);
}

/* Adds the file whose declarations are @body, after its header, usings
 * and namespace. */
static void
file_end (Cs         *cs,
          const char *path,
          const char *usings,
          const char *namespace_,
          GString    *body)
{
  GString *out = g_string_new (NULL);

  _sl_codegen_append_header (cs->model, out, "//");
  g_string_append_c (out, '\n');
  if (usings != NULL)
    g_string_append (out, usings);
  if (cs->globalization)
    g_string_append (out, "using System.Globalization;\n");
  if (usings != NULL || cs->globalization)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "namespace %s;\n\n", namespace_);
  g_string_append_len (out, body->str, body->len);
  g_string_free (body, TRUE);

  _sl_codegen_add_file (cs->model, path, out);
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
append_message_type (Cs               *cs,
                     GString          *out,
                     SlCodegenMessage *message,
                     const char       *supertype)
{
  g_string_append_printf (out, "/// <summary>%s \"", kind_label (message->kind));
  append_doc_text (out, message->name);
  g_string_append (out, "\".</summary>\n");
  g_string_append_printf (out, "public sealed record %s(", message->type_name);
  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);
      g_autofree char *property = property_name (message, field);

      g_string_append (out, "\n    ");
      append_type (cs, out, field);
      g_string_append_printf (out, " %s%s", property, i + 1 < message->fields->len ? "," : "");
    }
  g_string_append_printf (out, ") : %s;\n\n", supertype);
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
  append_comment_text (out, message->slice);
  g_string_append (out, "\n\n");
}

static void
end_with_newline (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

static void
emit_messages (Cs *cs)
{
  GString *out = file_begin (cs);
  const char *slice = NULL;

  g_string_append (out,
                   "/// <summary>Every command, event and view of the model.</summary>\n"
                   "public interface IMessage\n{\n}\n\n"
                   "/// <summary>What someone or something asks the system to do.</summary>\n"
                   "public interface ICommand : IMessage\n{\n}\n\n"
                   "/// <summary>What happened.</summary>\n"
                   "public interface IEvent : IMessage\n{\n}\n\n"
                   "/// <summary>What the system shows.</summary>\n"
                   "public interface IView : IMessage\n{\n}\n");

  for (guint i = 0; i < cs->model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (cs->model->messages, i);
      g_autofree char *supertype = NULL;

      if (message->kind == SL_CODEGEN_VIEW || message->aggregate != NULL)
        continue;
      if (slice == NULL)
        g_string_append (out, "\n// Outside any aggregate\n\n");
      append_slice (out, message, &slice);
      supertype = g_strconcat ("I", kind_label (message->kind), NULL);
      append_message_type (cs, out, message, supertype);
    }
  end_with_newline (out);

  file_end (cs, "src/Messages.cs", NULL, cs->model->namespace_, out);
}

/* A switch section whose body is a marked body. */
static void
append_section (GString    *out,
                const char *type_name,
                const char *key,
                const char *body)
{
  g_autofree char *variable = variable_name (type_name);

  g_string_append_printf (out,
                          "            case %s %s:\n"
                          "            {\n",
                          type_name, variable);
  _sl_codegen_append_body (out, "                ", key, body);
  g_string_append (out, "            }\n");
}

static void
emit_aggregate (Cs                 *cs,
                SlCodegenAggregate *aggregate)
{
  GString *out = file_begin (cs);
  const char *name = aggregate->type_name;
  const char *slice = NULL;
  g_autoptr(GPtrArray) foreign = _sl_codegen_foreign_events (cs->model, aggregate);
  g_autofree char *command_type = g_strconcat ("I", name, "Command", NULL);
  g_autofree char *event_type = g_strconcat ("I", name, "Event", NULL);
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *state_doc = NULL;
  g_autofree char *initial_body = NULL;

  g_string_append_printf (out, "/// <summary>The commands %s decides.</summary>\n", name);
  g_string_append_printf (out, "public interface %s : ICommand\n{\n}\n\n", command_type);
  g_string_append_printf (out, "/// <summary>The events %s records.</summary>\n", name);
  g_string_append_printf (out, "public interface %s : IEvent\n{\n}\n\n", event_type);

  for (guint i = 0; i < cs->model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (cs->model->messages, i);
      gboolean command = ptr_array_has (aggregate->commands, message);

      if (!command && !ptr_array_has (aggregate->events, message))
        continue;
      append_slice (out, message, &slice);
      append_message_type (cs, out, message, command ? command_type : event_type);
    }

  state_doc = g_strdup_printf ("/// <summary>What %s's decider knows of the events so far: give it the properties its decisions need.</summary>\n"
                               "public sealed record %sState();",
                               name, name);
  _sl_codegen_append_body (out, "", "state", state_doc);

  g_string_append_printf (out,
                          "\n/// <summary>%s's decider: decides what its commands change, and keeps its state from the events.</summary>\n"
                          "public static class %sDecider\n"
                          "{\n"
                          "    public static %sState InitialState()\n"
                          "    {\n",
                          name, name, name);
  initial_body = g_strdup_printf ("return new %sState();", name);
  _sl_codegen_append_body (out, "        ", "initialState", initial_body);
  g_string_append (out, "    }\n\n");

  g_string_append_printf (out,
                          "    public static IReadOnlyList<%s> Decide(%s command, %sState state)\n"
                          "    {\n"
                          "        switch (command)\n"
                          "        {\n",
                          _sl_codegen_decides_own_events (cs->model, aggregate) ? event_type : "IEvent",
                          command_type, name);
  for (guint i = 0; i < aggregate->commands->len; i++)
    {
      SlCodegenMessage *command = g_ptr_array_index (aggregate->commands, i);
      g_autofree char *key = g_strconcat ("decide ", command->type_name, NULL);
      g_autofree char *produced = produced_names (command);
      g_autofree char *body = NULL;

      if (produced[0] != '\0')
        body = g_strdup_printf ("throw new NotImplementedException(\"decide %s: emits %s\");", command->type_name, produced);
      else
        body = g_strdup_printf ("throw new NotImplementedException(\"decide %s\");", command->type_name);
      append_section (out, command->type_name, key, body);
    }
  g_string_append_printf (out,
                          "            default:\n"
                          "                throw new ArgumentOutOfRangeException(nameof(command), command, \"%s does not decide this command\");\n"
                          "        }\n"
                          "    }\n\n",
                          name);

  g_string_append_printf (out,
                          "    public static %sState Evolve(%sState state, IEvent @event)\n"
                          "    {\n"
                          "        switch (@event)\n"
                          "        {\n",
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
          append_section (out, event->type_name, key, "return state;");
        }
    }
  g_string_append (out,
                   "            default:\n"
                   "                return state;\n"
                   "        }\n"
                   "    }\n"
                   "}\n");

  file_name = _sl_codegen_aggregate_file_name (cs->model, aggregate);
  path = g_strconcat ("src/", file_name, ".cs", NULL);
  file_end (cs, path, NULL, cs->model->namespace_, out);
}

static void
emit_view (Cs               *cs,
           SlCodegenMessage *view)
{
  GString *out = file_begin (cs);
  const char *name = view->type_name;
  const char *slice = NULL;
  g_autofree char *path = NULL;

  append_slice (out, view, &slice);
  append_message_type (cs, out, view, "IView");
  g_string_append_printf (out,
                          "/// <summary>Builds %s from the events it reads.</summary>\n"
                          "public static class %sProjection\n"
                          "{\n"
                          "    public static %s? InitialState() => null;\n\n"
                          "    public static %s? Evolve(%s? state, IEvent @event)\n"
                          "    {\n"
                          "        switch (@event)\n"
                          "        {\n",
                          name, name, name, name, name);
  for (guint i = 0; view->events != NULL && i < view->events->len; i++)
    {
      SlCodegenMessage *event = g_ptr_array_index (view->events, i);
      g_autofree char *key = g_strconcat ("evolve ", event->type_name, NULL);

      append_section (out, event->type_name, key, "return state;");
    }
  g_string_append (out,
                   "            default:\n"
                   "                return state;\n"
                   "        }\n"
                   "    }\n"
                   "}\n");

  path = g_strconcat ("src/", name, ".cs", NULL);
  file_end (cs, path, NULL, cs->model->namespace_, out);
}

static void
emit_automation (Cs                  *cs,
                 SlCodegenAutomation *automation)
{
  GString *out = file_begin (cs);
  const char *name = automation->type_name;
  g_autofree char *issues = message_names (automation->commands);
  g_autofree char *path = NULL;

  g_string_append (out, "/// <summary>Automation \"");
  append_doc_text (out, automation->name);
  g_string_append (out, "\": the commands it issues for what it sees.</summary>\n");
  g_string_append_printf (out,
                          "public static class %s\n"
                          "{\n"
                          "    public static IReadOnlyList<ICommand> React(IMessage input)\n"
                          "    {\n"
                          "        switch (input)\n"
                          "        {\n",
                          name);
  for (guint i = 0; i < automation->inputs->len; i++)
    {
      SlCodegenMessage *input = g_ptr_array_index (automation->inputs, i);
      g_autofree char *key = g_strconcat ("react ", input->type_name, NULL);
      g_autofree char *body = NULL;

      if (issues[0] != '\0')
        body = g_strdup_printf ("throw new NotImplementedException(\"react to %s: issues %s\");", input->type_name, issues);
      else
        body = g_strdup_printf ("throw new NotImplementedException(\"react to %s\");", input->type_name);
      append_section (out, input->type_name, key, body);
    }
  g_string_append (out,
                   "            default:\n"
                   "                return Array.Empty<ICommand>();\n"
                   "        }\n"
                   "    }\n"
                   "}\n");

  path = g_strconcat ("src/", name, ".cs", NULL);
  file_end (cs, path, NULL, cs->model->namespace_, out);
}

static void
emit_custom_type (Cs *cs)
{
  GString *out = file_begin (cs);
  g_autofree char *body = NULL;

  /* The model says a field is of a custom type without defining it: a
   * placeholder holding the example's text, for the developer to replace
   * (an alias of string would pass for a definition). */
  body = g_strdup_printf ("/// <summary>\n"
                          "/// The fields of type Custom: the model does not say what it holds, so\n"
                          "/// this placeholder keeps the text of an example. Write the type here;\n"
                          "/// FromExample turns an example value of the model into one.\n"
                          "/// </summary>\n"
                          "public sealed record %s(string Text)\n"
                          "{\n"
                          "    public static %s FromExample(string text) => new(text);\n"
                          "}",
                          cs->custom, cs->custom);
  _sl_codegen_append_body (out, "", "type Custom", body);

  file_end (cs, "src/Types.cs", NULL, cs->model->namespace_, out);
}

/* Appends the steps whose message is of @kind (any when negative) as
 * arguments, each on a line of its own. */
static void
append_steps (Cs        *cs,
              GString   *out,
              GPtrArray *steps,
              int        kind,
              SlCodegenMessage *only)
{
  gboolean first = TRUE;

  for (guint i = 0; i < steps->len; i++)
    {
      SlCodegenStep *step = g_ptr_array_index (steps, i);

      if ((only != NULL && step->message != only)
          || (kind >= 0 && step->message->kind != (SlCodegenMessageKind) kind))
        continue;
      g_string_append (out, first ? "\n            " : ",\n            ");
      append_message_value (cs, out, step, "            ");
      first = FALSE;
    }
  g_string_append_c (out, ')');
}

static void
append_skipped_steps (GString          *out,
                      GPtrArray        *steps,
                      int               kind,
                      SlCodegenMessage *only,
                      const char       *what)
{
  for (guint i = 0; i < steps->len; i++)
    {
      SlCodegenStep *step = g_ptr_array_index (steps, i);

      if ((only != NULL && step->message != only)
          || (kind >= 0 && step->message->kind != (SlCodegenMessageKind) kind))
        g_string_append_printf (out, "        // %s is not %s: left out\n", step->message->type_name, what);
    }
}

static void
append_pending (GString    *out,
                const char *reason)
{
  g_string_append (out, "        Example.Pending(");
  append_string_literal (out, reason);
  g_string_append (out, ");\n");
}

static void
append_test_body (Cs             *cs,
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
        g_string_append (out, "        Spec.Given(");
        append_steps (cs, out, test->given, SL_CODEGEN_EVENT, NULL);
        g_string_append (out, "\n        .When(\n            ");
        append_message_value (cs, out, when, "            ");
        g_string_append (out, ")\n");
        if (test->error != NULL)
          {
            g_string_append (out, "        .ThenFails(");
            append_string_literal (out, test->error);
            g_string_append (out, ");\n");
          }
        else
          {
            g_string_append (out, "        .Then(");
            append_steps (cs, out, test->then, SL_CODEGEN_EVENT, NULL);
            g_string_append (out, ";\n");
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
        g_string_append (out, "        Spec.Given(");
        append_steps (cs, out, test->given, SL_CODEGEN_EVENT, NULL);
        g_string_append (out, "\n        .Then(");
        if (n == 0)
          g_string_append (out, "null);\n");
        else
          {
            append_steps (cs, out, test->then, -1, view);
            g_string_append (out, ";\n");
          }
      }
      break;

    case SL_CODEGEN_SUITE_AUTOMATION:
      append_skipped_steps (out, test->then, SL_CODEGEN_COMMAND, NULL, "a command");
      g_string_append (out, "        Spec.Given(");
      append_steps (cs, out, test->given, -1, NULL);
      g_string_append (out, "\n        .Then(");
      append_steps (cs, out, test->then, SL_CODEGEN_COMMAND, NULL);
      g_string_append (out, ";\n");
      break;

    case SL_CODEGEN_SUITE_NONE:
    default:
      append_pending (out, "the command belongs to no aggregate, so no decider decides it");
      break;
    }
}

static void
emit_suite (Cs             *cs,
            SlCodegenSuite *suite)
{
  GString *out = file_begin (cs);
  g_autofree char *class_name = _sl_codegen_suite_name (cs->model, suite);
  const char *name = suite->kind == SL_CODEGEN_SUITE_DECIDER
    ? ((SlCodegenAggregate *) suite->subject)->type_name : class_name;
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = NULL;
  g_autofree char *ns = g_strconcat (cs->model->namespace_, ".Tests", NULL);

  g_hash_table_add (taken, g_strdup ("Spec"));
  g_hash_table_add (taken, g_strdup_printf ("%sTests", class_name));
  /* A method hides every type of its name inside the class: a scenario
   * titled "Example" would make Example.Missing<T>() a call on the method
   * (CS0119). So the names the test bodies use are taken. */
  for (guint i = 0; test_body_types[i] != NULL; i++)
    g_hash_table_add (taken, g_strdup (test_body_types[i]));
  if (cs->custom != NULL)
    g_hash_table_add (taken, g_strdup (cs->custom));
  g_hash_table_add (taken, g_strdup (cs->model->namespace_));
  for (guint i = 0; i < cs->model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (cs->model->messages, i);

      g_hash_table_add (taken, g_strdup (message->type_name));
      if (message->kind == SL_CODEGEN_VIEW)
        g_hash_table_add (taken, g_strconcat (message->type_name, "Projection", NULL));
    }
  for (guint i = 0; i < cs->model->aggregates->len; i++)
    g_hash_table_add (taken, g_strconcat (((SlCodegenAggregate *) g_ptr_array_index (cs->model->aggregates, i))->type_name,
                                          "Decider", NULL));
  for (guint i = 0; i < cs->model->automations->len; i++)
    g_hash_table_add (taken, g_strdup (((SlCodegenAutomation *) g_ptr_array_index (cs->model->automations, i))->type_name));
  g_string_append_printf (out, "public sealed class %sTests\n{\n", class_name);
  switch (suite->kind)
    {
    case SL_CODEGEN_SUITE_DECIDER:
      {
        SlCodegenAggregate *aggregate = suite->subject;
        g_autofree char *event_type = _sl_codegen_decides_own_events (cs->model, aggregate)
          ? g_strconcat ("I", name, "Event", NULL) : g_strdup ("IEvent");

        g_string_append_printf (out,
                                "    private static readonly DeciderSpec<I%sCommand, %s, %sState> Spec =\n"
                                "        new(%sDecider.Decide, %sDecider.Evolve, %sDecider.InitialState);\n",
                                name, event_type, name, name, name, name);
      }
      break;
    case SL_CODEGEN_SUITE_VIEW:
      g_string_append_printf (out,
                              "    private static readonly ViewSpec<%s> Spec =\n"
                              "        new(%sProjection.Evolve, %sProjection.InitialState);\n",
                              name, name, name);
      break;
    case SL_CODEGEN_SUITE_AUTOMATION:
      g_string_append_printf (out, "    private static readonly AutomationSpec Spec = new(%s.React);\n", name);
      break;
    case SL_CODEGEN_SUITE_NONE:
    default:
      break;
    }

  for (guint i = 0; i < suite->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (suite->tests, i);
      g_autofree char *method = g_strdup (test->identifier);

      method[0] = g_ascii_toupper (method[0]);
      if (i > 0 || suite->kind != SL_CODEGEN_SUITE_NONE)
        g_string_append_c (out, '\n');
      g_string_append (out, "    /// <summary>");
      append_doc_text (out, test->title);
      g_string_append_printf (out, "</summary>\n    [Fact]\n    public void %s()\n    {\n",
                              unique_test_name (taken, method));
      append_test_body (cs, out, suite, test);
      g_string_append (out, "    }\n");
    }
  g_string_append (out, "}\n");

  path = g_strconcat ("tests/", class_name, "Tests.cs", NULL);
  file_end (cs, path, NULL, ns, out);
}

static void
emit_spec (Cs *cs)
{
  GString *out = file_begin (cs);
  g_autofree char *ns = g_strconcat (cs->model->namespace_, ".Tests", NULL);

  g_string_append (out,
"// Given/When/Then for the tests of the model's scenarios: a failed\n"
"// expectation throws a SpecificationException, which any test runner\n"
"// reports.\n"
"\n"
"/// <summary>Values for the tests, and how they are compared.</summary>\n"
"public static class Example\n"
"{\n"
"    /// <summary>A value the scenario does not give: the test fails, naming the field.</summary>\n"
"    public static T Missing<T>(string field) =>\n"
"        throw new SpecificationException($\"the scenario gives no value for {field}\");\n"
"\n"
"    /// <summary>An example value of the model that its field's type cannot hold.</summary>\n"
"    public static T Invalid<T>(string field, string text) =>\n"
"        throw new SpecificationException($\"the example \\\"{text}\\\" of {field} is not a value of its type\");\n"
"\n"
"    /// <summary>A scenario these tests cannot run as the model stands, and why.</summary>\n"
"    public static void Pending(string reason)\n"
"    {\n"
"        throw new SpecificationException($\"pending: {reason}\");\n"
"    }\n"
"\n"
"    /// <summary>\n"
"    /// Whether two values are the same: records property by property and\n"
"    /// lists item by item, since a record's Equals compares its lists by\n"
"    /// reference.\n"
"    /// </summary>\n"
"    public static bool Same(object? expected, object? actual)\n"
"    {\n"
"        if (expected is null || actual is null)\n"
"            return expected is null && actual is null;\n"
"        if (expected is not string && expected is IEnumerable expectedItems)\n"
"        {\n"
"            if (actual is string || actual is not IEnumerable actualItems)\n"
"                return false;\n"
"            var left = expectedItems.Cast<object?>().ToList();\n"
"            var right = actualItems.Cast<object?>().ToList();\n"
"            return left.Count == right.Count && left.Zip(right, Same).All(same => same);\n"
"        }\n"
"        var type = expected.GetType();\n"
"        if (type != actual.GetType())\n"
"            return false;\n"
"        if (type.GetMethod(\"<Clone>$\") is null)\n"
"            return Equals(expected, actual);\n"
"        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)\n"
"            .All(property => Same(property.GetValue(expected), property.GetValue(actual)));\n"
"    }\n"
"\n"
"    internal static string Show(IEnumerable values) =>\n"
"        \"[\" + string.Join(\", \", values.Cast<object?>()) + \"]\";\n"
"}\n"
"\n"
"/// <summary>A test's expectation that was not met.</summary>\n"
"public sealed class SpecificationException : Exception\n"
"{\n"
"    public SpecificationException(string message)\n"
"        : base(message)\n"
"    {\n"
"    }\n"
"}\n"
"\n"
"/// <summary>Given these events, when this command, then these events (or this error).</summary>\n"
"public sealed class DeciderSpec<TCommand, TEvent, TState>\n"
"{\n"
"    private readonly Func<TCommand, TState, IReadOnlyList<TEvent>> decide;\n"
"    private readonly Func<TState, IEvent, TState> evolve;\n"
"    private readonly Func<TState> initialState;\n"
"\n"
"    public DeciderSpec(\n"
"        Func<TCommand, TState, IReadOnlyList<TEvent>> decide,\n"
"        Func<TState, IEvent, TState> evolve,\n"
"        Func<TState> initialState)\n"
"    {\n"
"        this.decide = decide;\n"
"        this.evolve = evolve;\n"
"        this.initialState = initialState;\n"
"    }\n"
"\n"
"    public GivenEvents Given(params IEvent[] events) => new(this, events);\n"
"\n"
"    public sealed class GivenEvents\n"
"    {\n"
"        private readonly DeciderSpec<TCommand, TEvent, TState> spec;\n"
"        private readonly IEvent[] events;\n"
"\n"
"        internal GivenEvents(DeciderSpec<TCommand, TEvent, TState> spec, IEvent[] events)\n"
"        {\n"
"            this.spec = spec;\n"
"            this.events = events;\n"
"        }\n"
"\n"
"        public WhenCommand When(TCommand command) => new(spec, events, command);\n"
"    }\n"
"\n"
"    public sealed class WhenCommand\n"
"    {\n"
"        private readonly DeciderSpec<TCommand, TEvent, TState> spec;\n"
"        private readonly IEvent[] events;\n"
"        private readonly TCommand command;\n"
"\n"
"        internal WhenCommand(DeciderSpec<TCommand, TEvent, TState> spec, IEvent[] events, TCommand command)\n"
"        {\n"
"            this.spec = spec;\n"
"            this.events = events;\n"
"            this.command = command;\n"
"        }\n"
"\n"
"        private IReadOnlyList<TEvent> Run() =>\n"
"            spec.decide(command, events.Aggregate(spec.initialState(), spec.evolve));\n"
"\n"
"        public void Then(params TEvent[] expected)\n"
"        {\n"
"            var actual = Run();\n"
"            if (!Example.Same(expected, actual))\n"
"                throw new SpecificationException($\"expected the events {Example.Show(expected)}, got {Example.Show(actual)}\");\n"
"        }\n"
"\n"
"        public void ThenFails(string message)\n"
"        {\n"
"            IReadOnlyList<TEvent> actual;\n"
"            try\n"
"            {\n"
"                actual = Run();\n"
"            }\n"
"            catch (Exception error) when (error is not SpecificationException)\n"
"            {\n"
"                if (error.Message == message)\n"
"                    return;\n"
"                throw new SpecificationException($\"expected the error \\\"{message}\\\", got \\\"{error.Message}\\\"\");\n"
"            }\n"
"            throw new SpecificationException($\"expected the error \\\"{message}\\\", got the events {Example.Show(actual)}\");\n"
"        }\n"
"    }\n"
"}\n"
"\n"
"/// <summary>Given these events, then the view shows this.</summary>\n"
"public sealed class ViewSpec<TView>\n"
"    where TView : class\n"
"{\n"
"    private readonly Func<TView?, IEvent, TView?> evolve;\n"
"    private readonly Func<TView?> initialState;\n"
"\n"
"    public ViewSpec(Func<TView?, IEvent, TView?> evolve, Func<TView?> initialState)\n"
"    {\n"
"        this.evolve = evolve;\n"
"        this.initialState = initialState;\n"
"    }\n"
"\n"
"    public GivenEvents Given(params IEvent[] events) => new(this, events);\n"
"\n"
"    public sealed class GivenEvents\n"
"    {\n"
"        private readonly ViewSpec<TView> spec;\n"
"        private readonly IEvent[] events;\n"
"\n"
"        internal GivenEvents(ViewSpec<TView> spec, IEvent[] events)\n"
"        {\n"
"            this.spec = spec;\n"
"            this.events = events;\n"
"        }\n"
"\n"
"        public void Then(TView? expected)\n"
"        {\n"
"            var actual = events.Aggregate(spec.initialState(), spec.evolve);\n"
"            if (!Example.Same(expected, actual))\n"
"                throw new SpecificationException($\"expected {expected}, got {actual}\");\n"
"        }\n"
"    }\n"
"}\n"
"\n"
"/// <summary>Given these events or views, then the automation issues these commands.</summary>\n"
"public sealed class AutomationSpec\n"
"{\n"
"    private readonly Func<IMessage, IReadOnlyList<ICommand>> react;\n"
"\n"
"    public AutomationSpec(Func<IMessage, IReadOnlyList<ICommand>> react)\n"
"    {\n"
"        this.react = react;\n"
"    }\n"
"\n"
"    public GivenInputs Given(params IMessage[] inputs) => new(this, inputs);\n"
"\n"
"    public sealed class GivenInputs\n"
"    {\n"
"        private readonly AutomationSpec spec;\n"
"        private readonly IMessage[] inputs;\n"
"\n"
"        internal GivenInputs(AutomationSpec spec, IMessage[] inputs)\n"
"        {\n"
"            this.spec = spec;\n"
"            this.inputs = inputs;\n"
"        }\n"
"\n"
"        public void Then(params ICommand[] expected)\n"
"        {\n"
"            var actual = inputs.SelectMany(input => spec.react(input)).ToList();\n"
"            if (!Example.Same(expected, actual))\n"
"                throw new SpecificationException($\"expected the commands {Example.Show(expected)}, got {Example.Show(actual)}\");\n"
"        }\n"
"    }\n"
"}\n");
  file_end (cs, "tests/Spec.cs", "using System.Collections;\nusing System.Reflection;\n", ns, out);

  /* Outside any namespace, so that "global using Xunit;" can take its place. */
  out = g_string_new (NULL);
  _sl_codegen_append_header (cs->model, out, "//");
  g_string_append_c (out, '\n');
  _sl_codegen_append_body (out, "", "test framework",
"/// <summary>\n"
"/// Marks a test. To run the tests with xUnit, write instead:\n"
"///     global using Xunit;\n"
"/// </summary>\n"
"[AttributeUsage(AttributeTargets.Method)]\n"
"public sealed class FactAttribute : Attribute\n"
"{\n"
"}");
  _sl_codegen_add_file (cs->model, "tests/TestFramework.cs", out);
}

/* @text in an XML comment, which must not hold "--" nor end with "-". */
static void
append_xml_comment_text (GString    *out,
                         const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '-' && (p[1] == '-' || p[1] == '\0'))
        g_string_append_c (out, ' ');
    }
}

static void
emit_project (Cs *cs)
{
  GString *out = g_string_new (NULL);
  g_autofree char *path = g_strconcat (cs->model->namespace_, ".csproj", NULL);

  g_string_append (out, "<!-- Generated by Stormline from ");
  append_xml_comment_text (out, cs->model->model_name);
  g_string_append_printf (out,
".\n"
"     Written only when it is not there: generating again leaves what you\n"
"     add to it (package references) as it is. -->\n"
"<Project Sdk=\"Microsoft.NET.Sdk\">\n"
"\n"
"  <PropertyGroup>\n"
"    <TargetFramework>net8.0</TargetFramework>\n"
"    <ImplicitUsings>enable</ImplicitUsings>\n"
"    <Nullable>enable</Nullable>\n"
"    <RootNamespace>%s</RootNamespace>\n"
"  </PropertyGroup>\n"
"\n"
"</Project>\n",
                          cs->model->namespace_);
  _sl_codegen_add_project_file (cs->model, path, out);
}

static void
emit_readme (Cs *cs)
{
  GString *out = g_string_new (NULL);
  const char *ns = cs->model->namespace_;

  g_string_append_printf (out,
"# %s in C#\n"
"\n"
"Generated by Stormline from %s. Generating again rewrites every file;\n"
"only the bodies between `stormline:begin` and `stormline:end` markers are\n"
"kept, so write the code there. `%s.csproj` is the exception: it is\n"
"written only when it is not there, so what you add to it stays.\n"
"\n"
"- `%s.csproj`: a .NET 8 project of the sources and the tests;\n"
"- `src/Messages.cs`: what commands, events and views are, and the messages\n"
"  outside any aggregate;\n"
"- one file per aggregate: an interface of the commands it decides and one of\n"
"  the events it records, their records slice by slice, its state and its\n"
"  decider (`InitialState`, `Decide`, `Evolve`);\n"
"- one file per view (its record and projection) and per automation (the\n"
"  commands it issues for what it sees);\n"
"- `tests/`: one test per scenario of the model, Given/When/Then with its\n"
"  example values, written against `tests/Spec.cs`.\n"
"\n"
"Types: string, bool, int, long, double, decimal, DateOnly, DateTimeOffset,\n"
"Guid, `IReadOnlyList<T>` for lists and a nullable type for optional fields.\n"
"\n"
"`dotnet build` builds it all; the tests need no test framework. To run\n"
"them with xUnit, add to a `Directory.Build.props` next to `%s.csproj`\n"
"(Stormline never writes it) the package references `Microsoft.NET.Test.Sdk`,\n"
"`xunit` and `xunit.runner.visualstudio`, replace the body in\n"
"`tests/TestFramework.cs` with `global using Xunit;` (generating again\n"
"keeps it), and run `dotnet test`.\n",
                          ns, cs->model->model_name, ns, ns, ns);

  _sl_codegen_add_file (cs->model, "README.md", out);
}

void
_sl_codegen_emit_csharp (SlCodegenModel *model)
{
  Cs cs = { 0 };
  g_autoptr(GPtrArray) suites = NULL;

  g_return_if_fail (model != NULL);

  cs.model = model;
  cs.custom = uses_custom_type (model) ? custom_type_name (model) : NULL;

  emit_project (&cs);
  emit_readme (&cs);
  emit_messages (&cs);
  for (guint i = 0; i < model->aggregates->len; i++)
    emit_aggregate (&cs, g_ptr_array_index (model->aggregates, i));
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (message->kind == SL_CODEGEN_VIEW)
        emit_view (&cs, message);
    }
  for (guint i = 0; i < model->automations->len; i++)
    emit_automation (&cs, g_ptr_array_index (model->automations, i));
  if (cs.custom != NULL)
    emit_custom_type (&cs);

  emit_spec (&cs);
  suites = _sl_codegen_collect_suites (model);
  for (guint i = 0; i < suites->len; i++)
    emit_suite (&cs, g_ptr_array_index (suites, i));

  g_free (cs.custom);
}
