/* sl-codegen-typescript.c: the TypeScript emitter
 *
 * The Emmett decider shape, with no npm dependency: src/shared/decider.ts
 * declares Command, Event and Decider structurally as Emmett does, so a
 * team can switch the import to Emmett's. Per aggregate a types file
 * (its commands and events, grouped by slice) and a decider (state,
 * initialState, decide and evolve with a marked body per case); per view
 * its row type and a projection; per automation a react function; per
 * aggregate, view and automation a test file with one test per scenario,
 * against the small given/when/then helper of src/shared/spec.ts. The
 * output compiles with `tsc --strict`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-codegen-private.h"

/* The decider of the commands and events outside any aggregate. */
#define UNASSIGNED "Unassigned"

typedef struct
{
  SlCodegenModel *model;
  GHashTable *modules;   /* SlCodegenMessage → its module path, no ".ts" ("src/booking/types") */
} Emitter;

/* A group the decider files are made for: an aggregate, or the commands
 * and events outside any. */
typedef struct
{
  char *type_name;
  char *name;
  char *dir;             /* "src/booking" */
  char *test_path;       /* "test/booking.test.ts" */
  GPtrArray *commands;   /* SlCodegenMessage*, not owned */
  GPtrArray *events;     /* its own events, not owned */
  GPtrArray *evolved;    /* the events decide and evolve see: its own, those its commands produce, and those its tests give */
} Group;

static void
group_free (Group *group)
{
  g_free (group->type_name);
  g_free (group->name);
  g_free (group->dir);
  g_free (group->test_path);
  g_ptr_array_unref (group->commands);
  g_ptr_array_unref (group->events);
  g_ptr_array_unref (group->evolved);
  g_free (group);
}

static void
add_once (GPtrArray *array,
          gpointer   item)
{
  if (!g_ptr_array_find (array, item, NULL))
    g_ptr_array_add (array, item);
}

/* @text in a comment: anything that could end the comment or the line
 * made safe, the white space around it left out. */
static void
append_comment_text (GString    *out,
                     const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* JavaScript ends a line at U+2028 and U+2029 too. */
      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else if (c == '*' && p[1] == '/')
        g_string_append (out, "* ");
      else
        g_string_append_unichar (out, c);
    }
}

/* A JSON string literal, valid TypeScript: quotes, backslashes, control
 * characters and the two line separators escaped. */
static void
append_string_literal (GString    *out,
                       const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
}

static const char *
scalar_type (SlFieldType type)
{
  switch (type)
    {
    case SL_FIELD_BOOLEAN:
      return "boolean";
    case SL_FIELD_INT:
    case SL_FIELD_LONG:
    case SL_FIELD_DOUBLE:
      return "number";
    case SL_FIELD_CUSTOM:
      return "Custom";
    case SL_FIELD_STRING:
    case SL_FIELD_DECIMAL:
    case SL_FIELD_DATE:
    case SL_FIELD_DATE_TIME:
    case SL_FIELD_UUID:
    default:
      return "string";
    }
}

/* What a string-typed field holds, where the type says more than string. */
static const char *
type_note (SlFieldType type)
{
  switch (type)
    {
    case SL_FIELD_LONG:
      return "Long";
    case SL_FIELD_DECIMAL:
      return "Decimal, exact, as text: \"120.00\"";
    case SL_FIELD_DATE:
      return "Date, ISO 8601: \"2026-12-01\"";
    case SL_FIELD_DATE_TIME:
      return "DateTime, ISO 8601 with offset";
    case SL_FIELD_UUID:
      return "UUID";
    case SL_FIELD_INT:
      return "Int";
    default:
      return NULL;
    }
}

static gboolean
uses_custom (SlCodegenModel *model)
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

/* An example value a number field cannot hold: 0, with the text in a
 * comment. */
static void
append_invalid (GString    *out,
                const char *value)
{
  g_string_append (out, "0 /* ");
  append_comment_text (out, value);
  g_string_append (out, " */");
}

/* A literal of @type for one example value. */
static void
append_scalar_literal (GString     *out,
                       SlFieldType  type,
                       const char  *value)
{
  switch (type)
    {
    case SL_FIELD_BOOLEAN:
      g_string_append (out, g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0 ||
                            strcmp (value, "1") == 0 ? "true" : "false");
      break;

    case SL_FIELD_INT:
    case SL_FIELD_LONG:
      {
        /* Parsed and written again: "0101" as it stands is an octal
         * literal, which tsc rejects. */
        gint64 number;

        if (g_ascii_string_to_signed (value, 10,
                                      type == SL_FIELD_INT ? G_MININT32 : G_MININT64,
                                      type == SL_FIELD_INT ? G_MAXINT32 : G_MAXINT64,
                                      &number, NULL))
          g_string_append_printf (out, "%" G_GINT64_FORMAT, number);
        else
          append_invalid (out, value);
      }
      break;

    case SL_FIELD_DOUBLE:
      {
        char *end = NULL;
        double number = g_ascii_strtod (value, &end);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (end == value || *end != '\0' || !isfinite (number) || g_ascii_isalpha (value[0]))
          append_invalid (out, value);
        else
          g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, number));
      }
      break;

    case SL_FIELD_CUSTOM:
    case SL_FIELD_STRING:
    case SL_FIELD_DECIMAL:
    case SL_FIELD_DATE:
    case SL_FIELD_DATE_TIME:
    case SL_FIELD_UUID:
    default:
      append_string_literal (out, value);
      break;
    }
}

static void
append_literal (GString        *out,
                SlCodegenField *field,
                const char     *value)
{
  if (field->list)
    {
      g_auto(GStrv) items = g_strsplit (value, ",", -1);
      gboolean first = TRUE;

      g_string_append_c (out, '[');
      for (guint i = 0; items[i] != NULL; i++)
        {
          g_strstrip (items[i]);
          if (items[i][0] == '\0')
            continue;
          if (!first)
            g_string_append (out, ", ");
          append_scalar_literal (out, field->type, items[i]);
          first = FALSE;
        }
      g_string_append_c (out, ']');
    }
  else
    append_scalar_literal (out, field->type, value);
}

static SlCodegenField *
find_field (SlCodegenMessage *message,
            const char       *name)
{
  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);

      if (strcmp (field->name, name) == 0)
        return field;
    }
  return NULL;
}

/* Modules and imports */

static char *
relative_path (const char *from_file,
               const char *to_module)
{
  g_auto(GStrv) from = g_strsplit (from_file, "/", -1);
  g_auto(GStrv) to = g_strsplit (to_module, "/", -1);
  guint n_from = g_strv_length (from);
  guint n_to = g_strv_length (to);
  guint common = 0;
  GString *out = g_string_new (NULL);

  while (common + 1 < n_from && common + 1 < n_to && strcmp (from[common], to[common]) == 0)
    common++;
  if (common + 1 == n_from)
    g_string_append (out, "./");
  for (guint i = common; i + 1 < n_from; i++)
    g_string_append (out, "../");
  for (guint i = common; i < n_to; i++)
    {
      g_string_append (out, to[i]);
      g_string_append_c (out, i + 1 < n_to ? '/' : '.');
    }
  g_string_append (out, "js");

  return g_string_free (out, FALSE);
}

/* The type names a file imports, by module. */
typedef struct
{
  GHashTable *by_module;   /* module → GPtrArray of names */
  GPtrArray *order;        /* modules, in the order first used */
} Imports;

static void
imports_init (Imports *imports)
{
  imports->by_module = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  imports->order = g_ptr_array_new ();
}

static void
imports_clear (Imports *imports)
{
  g_hash_table_unref (imports->by_module);
  g_ptr_array_unref (imports->order);
}

static void
imports_add (Imports    *imports,
             const char *module,
             const char *name)
{
  GPtrArray *names = g_hash_table_lookup (imports->by_module, module);

  if (names == NULL)
    {
      char *key = g_strdup (module);

      names = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (imports->by_module, key, names);
      g_ptr_array_add (imports->order, key);
    }
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, g_strdup (name));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The import lines, for @path; type-only when @type_only. The modules in
 * the order first used, the names sorted. */
static void
append_imports (GString    *out,
                Imports    *imports,
                const char *path,
                gboolean    type_only)
{
  for (guint i = 0; i < imports->order->len; i++)
    {
      const char *module = g_ptr_array_index (imports->order, i);
      GPtrArray *names = g_hash_table_lookup (imports->by_module, module);
      g_autofree char *relative = relative_path (path, module);

      g_ptr_array_sort (names, compare_strings);
      g_string_append (out, type_only ? "import type { " : "import { ");
      for (guint j = 0; j < names->len; j++)
        g_string_append_printf (out, "%s%s", j > 0 ? ", " : "", (char *) g_ptr_array_index (names, j));
      g_string_append_printf (out, " } from \"%s\";\n", relative);
    }
}

static void
import_message (Emitter          *emitter,
                Imports          *imports,
                SlCodegenMessage *message)
{
  imports_add (imports, g_hash_table_lookup (emitter->modules, message), message->type_name);
}

/* Shared files */

static void
emit_package (Emitter *emitter)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  g_autofree char *name = _sl_codegen_identifier (model->namespace_, SL_CODEGEN_CASE_KEBAB);

  g_string_append (out, "{\n");
  g_string_append_printf (out, "  \"name\": \"%s\",\n", name);
  g_string_append (out, "  \"private\": true,\n");
  g_string_append (out, "  \"description\": ");
  {
    g_autofree char *description = g_strdup_printf ("Generated by Stormline from %s", model->model_name);
    append_string_literal (out, description);
  }
  g_string_append (out, ",\n");
  g_string_append (out, "  \"type\": \"module\",\n");
  g_string_append (out, "  \"scripts\": {\n");
  g_string_append (out, "    \"build\": \"tsc\",\n");
  g_string_append (out, "    \"test\": \"tsc && node dist/test/all.test.js\"\n");
  g_string_append (out, "  },\n");
  g_string_append (out, "  \"devDependencies\": {\n");
  g_string_append (out, "    \"typescript\": \"^5.0.0\"\n");
  g_string_append (out, "  }\n");
  g_string_append (out, "}\n");
  _sl_codegen_add_project_file (model, "package.json", out);

  out = g_string_new (NULL);
  g_string_append (out,
                   "{\n"
                   "  \"compilerOptions\": {\n"
                   "    \"target\": \"ES2022\",\n"
                   "    \"lib\": [\"ES2022\"],\n"
                   "    \"module\": \"NodeNext\",\n"
                   "    \"moduleResolution\": \"NodeNext\",\n"
                   "    \"strict\": true,\n"
                   "    \"types\": [],\n"
                   "    \"rootDir\": \".\",\n"
                   "    \"outDir\": \"dist\"\n"
                   "  },\n"
                   "  \"include\": [\"src\", \"test\"]\n"
                   "}\n");
  _sl_codegen_add_project_file (model, "tsconfig.json", out);
}

static void
emit_readme (Emitter   *emitter,
             GPtrArray *groups)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", model->title[0] != '\0' ? model->title : model->namespace_);
  g_string_append_printf (out, "TypeScript generated by Stormline from `%s`, in the decider shape of\n"
                               "[Emmett](https://event-driven-io.github.io/emmett/) and with no dependency\n"
                               "but TypeScript itself.\n\n", model->model_name);
  g_string_append (out, "## What is here\n\n"
                        "- `src/shared/decider.ts`: `Command`, `Event` and `Decider`, declared with the\n"
                        "  shapes of Emmett's; to use Emmett, import them from `@event-driven-io/emmett`\n"
                        "  instead.\n"
                        "- `src/shared/spec.ts`: a small given/when/then helper and test runner.\n");
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      g_string_append_printf (out, "- `%s/types.ts`, `%s/decider.ts`: the commands and events of %s, and\n"
                                   "  its decider (state, `decide`, `evolve`); tests in `%s`.\n",
                              group->dir, group->dir, group->name, group->test_path);
    }
  g_string_append (out, "- `src/views/`: one row type and projection per view; tests in `test/views/`.\n"
                        "  A view's state is the list of its rows.\n"
                        "- `src/automations/`: what each automation issues on its inputs; tests in\n"
                        "  `test/automations/`.\n"
                        "- `schema/`: a JSON Schema (draft 2020-12) per command, event and view.\n\n"
                        "Every scenario of the model is a test, with its example values; an\n"
                        "automation's test is made from its connections. Decimal, Date, DateTime and\n"
                        "UUID values are strings (exact decimals, ISO 8601 dates).\n\n"
                        "## Running the tests\n\n"
                        "    npm install\n"
                        "    npm test\n\n"
                        "They fail until the bodies are written: each case of `decide` throws \"not\n"
                        "implemented\".\n\n"
                        "## Generating again\n\n"
                        "Run `stormline-cli generate` again after the model changes. Every file is\n"
                        "written anew, except what is between a `// stormline:begin KEY` and its\n"
                        "`// stormline:end KEY` line: that body is kept as you wrote it, under the\n"
                        "same key (\"decide BookRoom\"), even when fields were renamed. A body whose\n"
                        "key is gone (its command, event, view or automation removed or renamed) is\n"
                        "not lost: it moves to a commented block at the end of its file, between\n"
                        "`// stormline:orphans-begin` and `// stormline:orphans-end`, and goes back\n"
                        "into place if its key comes back. Files Stormline did not generate are never\n"
                        "touched, and a file whose markers are unbalanced is refused, with its line,\n"
                        "before anything is written. `package.json` and `tsconfig.json` are written\n"
                        "only when they are not there: what you add to them (`npm install zod`) stays.\n");
  _sl_codegen_add_file (model, "README.md", out);
}

static void
emit_shared (Emitter *emitter)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out,
                   "//\n"
                   "// The shapes of Emmett's Command, Event and Decider, declared here so that the\n"
                   "// code needs no package; import them from \"@event-driven-io/emmett\" instead to\n"
                   "// use Emmett.\n"
                   "\n"
                   "export type Command<CommandType extends string = string, CommandData = Record<string, unknown>> = {\n"
                   "  readonly type: CommandType;\n"
                   "  readonly data: CommandData;\n"
                   "  readonly metadata?: Record<string, unknown>;\n"
                   "};\n"
                   "\n"
                   "export type Event<EventType extends string = string, EventData = Record<string, unknown>> = {\n"
                   "  readonly type: EventType;\n"
                   "  readonly data: EventData;\n"
                   "  readonly metadata?: Record<string, unknown>;\n"
                   "};\n"
                   "\n"
                   "export type Decider<State, CommandType extends Command, StreamEvent extends Event> = {\n"
                   "  decide: (command: CommandType, state: State) => StreamEvent | StreamEvent[];\n"
                   "  evolve: (currentState: State, event: StreamEvent) => State;\n"
                   "  initialState: () => State;\n"
                   "};\n"
                   "\n"
                   "export type Projection<State, StreamEvent extends Event> = {\n"
                   "  evolve: (currentState: State, event: StreamEvent) => State;\n"
                   "  initialState: () => State;\n"
                   "};\n");
  if (uses_custom (model))
    {
      g_string_append (out, "\n// The type of the model's Custom fields: say what it is.\n"
                            "export type Custom =\n");
      _sl_codegen_append_body (out, "  ", "type Custom", "unknown;\n");
    }
  _sl_codegen_add_file (model, "src/shared/decider.ts", out);

  out = g_string_new (NULL);
  _sl_codegen_append_header (model, out, "//");
  g_string_append (out,
                   "//\n"
                   "// Given/when/then for deciders, projections and automations, in the manner of\n"
                   "// Emmett's DeciderSpecification, with a test runner that needs no package:\n"
                   "// test() records a test, run() runs them all (test/all.test.ts calls it).\n"
                   "\n"
                   "import type { Command, Decider, Event, Projection } from \"./decider.js\";\n"
                   "\n"
                   "declare const console: { log: (...data: unknown[]) => void };\n"
                   "\n"
                   "type Message = { readonly type: string; readonly data: unknown };\n"
                   "\n"
                   "/* A message with only some of its fields: what a scenario names. */\n"
                   "export type Expected<M> = M extends { readonly type: infer T; readonly data: infer D }\n"
                   "  ? { readonly type: T; readonly data: Partial<D> }\n"
                   "  : never;\n"
                   "\n"
                   "export class SpecificationError extends Error {}\n"
                   "\n"
                   "const show = (value: unknown): string => JSON.stringify(value);\n"
                   "\n"
                   "const equal = (actual: unknown, expected: unknown): boolean => show(actual) === show(expected);\n"
                   "\n"
                   "/* Whether @actual has every field of @expected, with the same value. */\n"
                   "const matches = (actual: unknown, expected: unknown): boolean => {\n"
                   "  if (typeof actual !== \"object\" || actual === null || typeof expected !== \"object\" || expected === null)\n"
                   "    return equal(actual, expected);\n"
                   "  const fields = actual as Record<string, unknown>;\n"
                   "  return Object.entries(expected).every(([key, value]) => matches(fields[key], value));\n"
                   "};\n"
                   "\n"
                   "const assertMatches = (actual: readonly unknown[], expected: readonly unknown[]): void => {\n"
                   "  if (actual.length !== expected.length || !actual.every((item, i) => matches(item, expected[i])))\n"
                   "    throw new SpecificationError(`expected ${show(expected)}, got ${show(actual)}`);\n"
                   "};\n"
                   "\n"
                   "const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);\n"
                   "\n"
                   "export const DeciderSpecification = {\n"
                   "  for:\n"
                   "    <State, C extends Command, E extends Event>(decider: Decider<State, C, E>) =>\n"
                   "    (given: readonly E[]) => ({\n"
                   "      when: (command: C) => {\n"
                   "        const run = (): E[] => asList(decider.decide(command, given.reduce(decider.evolve, decider.initialState())));\n"
                   "        return {\n"
                   "          then: (expected: readonly Expected<E>[]): void => assertMatches(run(), expected),\n"
                   "          thenThrows: (message: string): void => {\n"
                   "            let events: E[];\n"
                   "            try {\n"
                   "              events = run();\n"
                   "            } catch (error) {\n"
                   "              if (error instanceof Error && error.message === message) return;\n"
                   "              throw new SpecificationError(`expected the error \"${message}\", got ${String(error)}`);\n"
                   "            }\n"
                   "            throw new SpecificationError(`expected the error \"${message}\", got ${show(events)}`);\n"
                   "          },\n"
                   "        };\n"
                   "      },\n"
                   "    }),\n"
                   "};\n"
                   "\n"
                   "export const ProjectionSpecification = {\n"
                   "  for:\n"
                   "    <State, E extends Event>(projection: Projection<State, E>) =>\n"
                   "    (given: readonly E[]) => ({\n"
                   "      then: (expected: State extends readonly (infer Row)[] ? readonly Partial<Row>[] : never): void =>\n"
                   "        assertMatches(given.reduce(projection.evolve, projection.initialState()) as unknown[], expected),\n"
                   "    }),\n"
                   "};\n"
                   "\n"
                   "export const AutomationSpecification = {\n"
                   "  for:\n"
                   "    <I extends Message, C extends Command>(react: (input: I) => C[]) =>\n"
                   "    (given: readonly I[]) => ({\n"
                   "      then: (expected: readonly Expected<C>[]): void => assertMatches(given.flatMap(react), expected),\n"
                   "    }),\n"
                   "};\n"
                   "\n"
                   "const tests: { name: string; body: () => void }[] = [];\n"
                   "\n"
                   "export const test = (name: string, body: () => void): void => {\n"
                   "  tests.push({ name, body });\n"
                   "};\n"
                   "\n"
                   "/* Runs the tests, in TAP; false when one failed. */\n"
                   "export const run = (): boolean => {\n"
                   "  let passed = true;\n"
                   "  console.log(`1..${tests.length}`);\n"
                   "  tests.forEach(({ name, body }, i) => {\n"
                   "    try {\n"
                   "      body();\n"
                   "      console.log(`ok ${i + 1} - ${name}`);\n"
                   "    } catch (error) {\n"
                   "      passed = false;\n"
                   "      console.log(`not ok ${i + 1} - ${name}\\n# ${String(error)}`);\n"
                   "    }\n"
                   "  });\n"
                   "  return passed;\n"
                   "};\n");
  _sl_codegen_add_file (model, "src/shared/spec.ts", out);
}

/* Types */

static void
append_fields (GString          *out,
               SlCodegenMessage *message,
               const char       *indent)
{
  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);
      const char *note = type_note (field->type);
      gboolean quoted = strcmp (field->identifier, field->name) != 0;

      g_string_append_printf (out, "%s", indent);
      if (quoted)
        append_string_literal (out, field->name);
      else
        g_string_append (out, field->name);
      g_string_append_printf (out, "%s: %s%s;", field->optional ? "?" : "", scalar_type (field->type),
                              field->list ? "[]" : "");
      if (note != NULL || field->generated)
        {
          g_string_append (out, " // ");
          if (note != NULL)
            g_string_append (out, note);
          if (note != NULL && field->generated)
            g_string_append (out, "; ");
          if (field->generated)
            g_string_append (out, "generated");
        }
      g_string_append_c (out, '\n');
    }
}

static const char *
kind_label (SlCodegenMessageKind kind)
{
  return kind == SL_CODEGEN_COMMAND ? "Command" : kind == SL_CODEGEN_EVENT ? "Event" : "View";
}

static void
append_message_type (GString          *out,
                     SlCodegenMessage *message)
{
  g_string_append_printf (out, "/** %s \"", kind_label (message->kind));
  append_comment_text (out, message->name);
  g_string_append (out, "\" */\n");
  g_string_append_printf (out, "export type %s = %s<\"%s\", {\n", message->type_name, kind_label (message->kind),
                          message->type_name);
  append_fields (out, message, "  ");
  g_string_append (out, "}>;\n");
}

static void
append_union (GString    *out,
              const char *name,
              GPtrArray  *messages)
{
  g_string_append_printf (out, "export type %s =", name);
  if (messages->len == 0)
    g_string_append (out, " never;\n");
  else if (messages->len == 1)
    g_string_append_printf (out, " %s;\n", ((SlCodegenMessage *) g_ptr_array_index (messages, 0))->type_name);
  else
    {
      for (guint i = 0; i < messages->len; i++)
        g_string_append_printf (out, "\n  | %s", ((SlCodegenMessage *) g_ptr_array_index (messages, i))->type_name);
      g_string_append (out, ";\n");
    }
}

static void
emit_group_types (Emitter *emitter,
                  Group   *group)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  GString *body = g_string_new (NULL);
  g_autofree char *path = g_strdup_printf ("%s/types.ts", group->dir);
  g_autofree char *commands = g_strdup_printf ("%sCommand", group->type_name);
  g_autofree char *events = g_strdup_printf ("%sEvent", group->type_name);
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  const char *slice = NULL;
  gboolean first = TRUE;
  gboolean has_commands = group->commands->len > 0;
  gboolean has_events = group->events->len > 0;

  /* The aggregate's messages in board order, grouped by slice. */
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (g_ptr_array_find (group->commands, message, NULL) || g_ptr_array_find (group->events, message, NULL))
        g_ptr_array_add (own, message);
    }
  for (guint i = 0; i < own->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (own, i);

      if (first || g_strcmp0 (slice, message->slice) != 0)
        {
          g_string_append (body, "\n// Slice: ");
          append_comment_text (body, message->slice != NULL ? message->slice : "(none)");
          g_string_append (body, "\n");
          slice = message->slice;
          first = FALSE;
        }
      g_string_append_c (body, '\n');
      append_message_type (body, message);
    }
  g_string_append_c (body, '\n');
  append_union (body, commands, group->commands);
  append_union (body, events, group->events);

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out, "//\n// The commands and events of ");
  append_comment_text (out, group->name);
  g_string_append (out, ".\n\n");
  if (has_commands || has_events)
    g_string_append_printf (out, "import type { %s%s%s } from \"../shared/decider.js\";\n",
                            has_commands ? "Command" : "", has_commands && has_events ? ", " : "",
                            has_events ? "Event" : "");
  if (uses_custom (model))
    g_string_append (out, "import type { Custom } from \"../shared/decider.js\";\n");
  g_string_append (out, body->str);
  g_string_free (body, TRUE);
  _sl_codegen_add_file (model, path, out);
}

static void
append_switch (GString    *out,
               const char *subject,
               GPtrArray  *messages,
               const char *key_prefix,
               const char *default_body,
               const char *after)
{
  if (messages->len == 0)
    {
      g_string_append_printf (out, "  %s\n", after);
      return;
    }
  g_string_append_printf (out, "  switch (%s.type) {\n", subject);
  for (guint i = 0; i < messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (messages, i);
      g_autofree char *key = g_strdup_printf ("%s %s", key_prefix, message->type_name);

      g_string_append_printf (out, "    case \"%s\": {\n", message->type_name);
      _sl_codegen_append_body (out, "      ", key, default_body);
      g_string_append (out, "    }\n");
    }
  g_string_append (out, "  }\n");
}

static void
emit_decider (Emitter *emitter,
              Group   *group)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  g_autofree char *path = g_strdup_printf ("%s/decider.ts", group->dir);
  g_autofree char *state = g_strdup_printf ("%sState", group->type_name);
  g_autofree char *commands = g_strdup_printf ("%sCommand", group->type_name);
  g_autofree char *events = g_strdup_printf ("%sEvent", group->type_name);
  g_autoptr(GPtrArray) foreign = g_ptr_array_new ();
  Imports imports;

  /* The events decide and evolve see beyond the aggregate's own. */
  for (guint i = 0; i < group->evolved->len; i++)
    {
      SlCodegenMessage *event = g_ptr_array_index (group->evolved, i);

      if (!g_ptr_array_find (group->events, event, NULL))
        g_ptr_array_add (foreign, event);
    }

  imports_init (&imports);
  for (guint i = 0; i < foreign->len; i++)
    import_message (emitter, &imports, g_ptr_array_index (foreign, i));

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out, "//\n// The decider of ");
  append_comment_text (out, group->name);
  g_string_append (out, ": the commands it decides, the events it emits.\n\n");
  g_string_append (out, "import type { Decider } from \"../shared/decider.js\";\n");
  g_string_append_printf (out, "import type { %s, %s } from \"./types.js\";\n", commands, events);
  append_imports (out, &imports, path, TRUE);
  imports_clear (&imports);

  g_string_append (out, "\n// The events decide and evolve see: the aggregate's own");
  if (foreign->len > 0)
    g_string_append (out, ", and those\n// its commands produce or its scenarios give from elsewhere");
  g_string_append (out, ".\n");
  if (foreign->len == 0)
    g_string_append_printf (out, "export type %sStreamEvent = %s;\n", group->type_name, events);
  else
    {
      g_string_append_printf (out, "export type %sStreamEvent =\n  | %s", group->type_name, events);
      for (guint i = 0; i < foreign->len; i++)
        g_string_append_printf (out, "\n  | %s", ((SlCodegenMessage *) g_ptr_array_index (foreign, i))->type_name);
      g_string_append (out, ";\n");
    }

  g_string_append_printf (out, "\n/** What %s decides on, built by evolve from its events. */\n", group->type_name);
  g_string_append_printf (out, "export type %s = {\n", state);
  _sl_codegen_append_body (out, "  ", "state", NULL);
  g_string_append (out, "};\n\n");

  g_string_append_printf (out, "export const initialState = (): %s => ({\n", state);
  _sl_codegen_append_body (out, "  ", "initialState", NULL);
  g_string_append (out, "});\n\n");

  g_string_append_printf (out, "export const decide = (command: %s, state: %s): %sStreamEvent[] => {\n",
                          commands, state, group->type_name);
  append_switch (out, "command", group->commands, "decide", "throw new Error(\"not implemented\");\n",
                 "throw new Error(\"no command to decide\");");
  g_string_append (out, "};\n\n");

  g_string_append_printf (out, "export const evolve = (state: %s, event: %sStreamEvent): %s => {\n",
                          state, group->type_name, state);
  append_switch (out, "event", group->evolved, "evolve", "return state;\n", "return state;");
  g_string_append (out, "};\n\n");

  g_string_append_printf (out, "export const decider: Decider<%s, %s, %sStreamEvent> = {\n"
                               "  decide,\n"
                               "  evolve,\n"
                               "  initialState,\n"
                               "};\n", state, commands, group->type_name);

  _sl_codegen_add_file (model, path, out);
}

/* Views */

static char *
view_module (SlCodegenMessage *view)
{
  g_autofree char *kebab = _sl_codegen_identifier (view->type_name, SL_CODEGEN_CASE_KEBAB);

  return g_strdup_printf ("src/views/%s", kebab);
}

static GPtrArray *
view_events (SlCodegenModel   *model,
             SlCodegenMessage *view)
{
  GPtrArray *events = g_ptr_array_new ();

  for (guint i = 0; i < view->events->len; i++)
    add_once (events, g_ptr_array_index (view->events, i));
  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);

      if (test->subject != view)
        continue;
      for (guint j = 0; j < test->given->len; j++)
        {
          SlCodegenStep *step = g_ptr_array_index (test->given, j);

          if (step->message->kind == SL_CODEGEN_EVENT)
            add_once (events, step->message);
        }
    }
  return events;
}

static void
emit_view (Emitter          *emitter,
           SlCodegenMessage *view)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  g_autofree char *module = view_module (view);
  g_autofree char *path = g_strdup_printf ("%s.ts", module);
  g_autoptr(GPtrArray) events = view_events (model, view);
  Imports imports;

  imports_init (&imports);
  for (guint i = 0; i < events->len; i++)
    import_message (emitter, &imports, g_ptr_array_index (events, i));

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out, "//\n// The view \"");
  append_comment_text (out, view->name);
  g_string_append (out, "\": its rows, and the projection that builds them from events.\n\n");
  g_string_append (out, "import type { Projection } from \"../shared/decider.js\";\n");
  if (uses_custom (model))
    g_string_append (out, "import type { Custom } from \"../shared/decider.js\";\n");
  append_imports (out, &imports, path, TRUE);
  imports_clear (&imports);

  if (view->slice != NULL)
    {
      g_string_append (out, "\n// Slice: ");
      append_comment_text (out, view->slice);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "\n/** A row of the view \"");
  append_comment_text (out, view->name);
  g_string_append (out, "\" */\n");
  g_string_append_printf (out, "export type %s = {\n", view->type_name);
  append_fields (out, view, "  ");
  g_string_append (out, "};\n\n");
  {
    g_autofree char *name = g_strdup_printf ("%sEvent", view->type_name);
    append_union (out, name, events);
  }
  g_string_append_printf (out, "\nexport type %sState = %s[];\n\n", view->type_name, view->type_name);
  g_string_append_printf (out, "export const initialState = (): %sState => [];\n\n", view->type_name);
  g_string_append_printf (out, "export const evolve = (state: %sState, event: %sEvent): %sState => {\n",
                          view->type_name, view->type_name, view->type_name);
  append_switch (out, "event", events, "evolve", "return state;\n", "return state;");
  g_string_append (out, "};\n\n");
  g_string_append_printf (out, "export const projection: Projection<%sState, %sEvent> = {\n"
                               "  evolve,\n"
                               "  initialState,\n"
                               "};\n", view->type_name, view->type_name);

  _sl_codegen_add_file (model, path, out);
}

/* Automations */

static char *
automation_module (SlCodegenAutomation *automation)
{
  g_autofree char *kebab = _sl_codegen_identifier (automation->type_name, SL_CODEGEN_CASE_KEBAB);

  return g_strdup_printf ("src/automations/%s", kebab);
}

static void
emit_automation (Emitter             *emitter,
                 SlCodegenAutomation *automation)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  g_autofree char *module = automation_module (automation);
  g_autofree char *path = g_strdup_printf ("%s.ts", module);
  gboolean has_views = FALSE;
  Imports imports;

  imports_init (&imports);
  for (guint i = 0; i < automation->inputs->len; i++)
    {
      SlCodegenMessage *input = g_ptr_array_index (automation->inputs, i);

      import_message (emitter, &imports, input);
      has_views |= input->kind == SL_CODEGEN_VIEW;
    }
  for (guint i = 0; i < automation->commands->len; i++)
    import_message (emitter, &imports, g_ptr_array_index (automation->commands, i));

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out, "//\n// The automation \"");
  append_comment_text (out, automation->name);
  g_string_append (out, "\": the commands it issues on what it reads.\n\n");
  if (has_views)
    g_string_append (out, "import type { Event } from \"../shared/decider.js\";\n");
  append_imports (out, &imports, path, TRUE);
  imports_clear (&imports);

  g_string_append_printf (out, "\n// What feeds it: events, and rows of views (as a message named after the view).\n"
                               "export type %sInput =", automation->type_name);
  if (automation->inputs->len == 0)
    g_string_append (out, " never;\n");
  for (guint i = 0; i < automation->inputs->len; i++)
    {
      SlCodegenMessage *input = g_ptr_array_index (automation->inputs, i);

      g_string_append (out, "\n  | ");
      if (input->kind == SL_CODEGEN_VIEW)
        g_string_append_printf (out, "Event<\"%s\", %s>", input->type_name, input->type_name);
      else
        g_string_append (out, input->type_name);
      if (i + 1 == automation->inputs->len)
        g_string_append (out, ";\n");
    }

  g_string_append_printf (out, "\n// What it issues.\n");
  {
    g_autofree char *name = g_strdup_printf ("%sCommand", automation->type_name);
    append_union (out, name, automation->commands);
  }

  g_string_append_printf (out, "\nexport const react = (input: %sInput): %sCommand[] => {\n",
                          automation->type_name, automation->type_name);
  append_switch (out, "input", automation->inputs, "react", "return [];\n", "return [];");
  g_string_append (out, "};\n");

  _sl_codegen_add_file (model, path, out);
}

/* Tests */

/* A message literal for @step; its type imported into @imports when
 * the step names only some required fields (then it is asserted). */
static void
append_step (Emitter       *emitter,
             GString       *out,
             Imports       *imports,
             SlCodegenStep *step,
             const char    *indent,
             gboolean       partial,
             gboolean       view_row)
{
  SlCodegenMessage *message = step->message;
  gboolean complete = TRUE;
  GString *data = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < step->names->len; i++)
    {
      const char *name = g_ptr_array_index (step->names, i);
      SlCodegenField *field = find_field (message, name);

      /* A value for a field the message lacks: the check reports it. */
      if (field == NULL)
        continue;
      g_string_append (data, n++ > 0 ? ", " : "");
      if (strcmp (field->identifier, field->name) != 0)
        append_string_literal (data, field->name);
      else
        g_string_append (data, field->name);
      g_string_append (data, ": ");
      append_literal (data, field, g_ptr_array_index (step->values, i));
    }
  for (guint i = 0; i < message->fields->len; i++)
    {
      SlCodegenField *field = g_ptr_array_index (message->fields, i);

      if (!field->optional && !g_ptr_array_find_with_equal_func (step->names, field->name, g_str_equal, NULL))
        complete = FALSE;
    }

  if (data->len > 0)
    {
      g_string_prepend (data, "{ ");
      g_string_append (data, " }");
    }
  else
    g_string_append (data, "{}");
  g_string_append (out, indent);
  if (view_row)
    g_string_append (out, data->str);
  else
    {
      g_string_append_printf (out, "{ type: \"%s\", data: %s }", message->type_name, data->str);
      if (!complete && !partial)
        {
          g_string_append_printf (out, " as %s", message->type_name);
          import_message (emitter, imports, message);
        }
    }
  g_string_append (out, ",\n");
  if (!complete && !partial)
    g_string_append_printf (out, "%s// (the scenario leaves some of its fields out)\n", indent);

  g_string_free (data, TRUE);
}

/* An array of the literals of those @steps that are of @kind (and of
 * @message, unless NULL), its items at @indent plus two spaces. A step of
 * another kind, which the check reports, is left out with a comment. */
static void
append_steps (Emitter              *emitter,
              GString              *out,
              Imports              *imports,
              GPtrArray            *steps,
              const char           *indent,
              SlCodegenMessageKind  kind,
              SlCodegenMessage     *message,
              gboolean              partial,
              gboolean              view_rows)
{
  g_autofree char *inner = g_strdup_printf ("%s  ", indent);

  if (steps->len == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append (out, "[\n");
  for (guint i = 0; i < steps->len; i++)
    {
      SlCodegenStep *step = g_ptr_array_index (steps, i);

      if (step->message->kind != kind || (message != NULL && step->message != message))
        {
          g_string_append_printf (out, "%s// (a step of \"", inner);
          append_comment_text (out, step->message->name);
          g_string_append (out, "\" is left out: it cannot stand here)\n");
          continue;
        }
      append_step (emitter, out, imports, step, inner, partial, view_rows);
    }
  g_string_append_printf (out, "%s]", indent);
}

static void
append_test_name (GString       *out,
                  const char    *subject,
                  SlCodegenTest *test)
{
  g_autofree char *name = g_strdup_printf ("%s: %s", subject, test->title);

  append_string_literal (out, name);
}

static void
emit_group_tests (Emitter *emitter,
                  Group   *group)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  GString *body = g_string_new (NULL);
  Imports imports;
  guint n = 0;

  imports_init (&imports);
  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);
      SlCodegenStep *when;

      if (test->kind != SL_CODEGEN_TEST_COMMAND || !g_ptr_array_find (group->commands, test->subject, NULL))
        continue;

      n++;
      g_string_append (body, "\ntest(");
      append_test_name (body, test->subject->name, test);
      g_string_append (body, ", () => {\n  given(");
      append_steps (emitter, body, &imports, test->given, "  ", SL_CODEGEN_EVENT, NULL, FALSE, FALSE);
      g_string_append (body, ")\n    .when(\n");
      when = test->when->len > 0 ? g_ptr_array_index (test->when, 0) : NULL;
      if (when != NULL && when->message == test->subject)
        append_step (emitter, body, &imports, when, "      ", FALSE, FALSE);
      else
        {
          g_string_append_printf (body, "      { type: \"%s\", data: {} } as %s,\n"
                                        "      // (the scenario has no When step of this command)\n",
                                  test->subject->type_name, test->subject->type_name);
          import_message (emitter, &imports, test->subject);
        }
      g_string_append (body, "    )\n");
      if (test->error != NULL)
        {
          g_string_append (body, "    .thenThrows(");
          append_string_literal (body, test->error);
          g_string_append (body, ");\n");
        }
      else
        {
          g_string_append (body, "    .then(");
          append_steps (emitter, body, &imports, test->then, "    ", SL_CODEGEN_EVENT, NULL, TRUE, FALSE);
          g_string_append (body, ");\n");
        }
      g_string_append (body, "});\n");
    }

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out, "//\n// The scenarios of ");
  append_comment_text (out, group->name);
  g_string_append (out, "'s commands: given these events, when this command, then\n"
                        "// these events or this error.\n\n");
  g_string_append (out, "import { DeciderSpecification, test } from \"../src/shared/spec.js\";\n");
  g_string_append_printf (out, "import { decider } from \"../%s/decider.js\";\n", group->dir);
  append_imports (out, &imports, group->test_path, TRUE);
  g_string_append (out, "\nconst given = DeciderSpecification.for(decider);\n");
  if (n == 0)
    g_string_append (out, "\n// The model has no scenario for these commands yet.\nvoid given;\n");
  g_string_append (out, body->str);
  g_string_free (body, TRUE);
  imports_clear (&imports);

  _sl_codegen_add_file (model, group->test_path, out);
}

static void
emit_view_tests (Emitter          *emitter,
                 SlCodegenMessage *view,
                 const char       *path)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  GString *body = g_string_new (NULL);
  g_autofree char *module = view_module (view);
  g_autofree char *relative = relative_path (path, module);
  Imports imports;
  guint n = 0;

  imports_init (&imports);
  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);

      if (test->subject != view)
        continue;

      n++;
      g_string_append (body, "\ntest(");
      append_test_name (body, view->name, test);
      g_string_append (body, ", () => {\n  given(");
      append_steps (emitter, body, &imports, test->given, "  ", SL_CODEGEN_EVENT, NULL, FALSE, FALSE);
      g_string_append (body, ")\n    .then(");
      append_steps (emitter, body, &imports, test->then, "    ", SL_CODEGEN_VIEW, view, TRUE, TRUE);
      g_string_append (body, ");\n});\n");
    }

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out, "//\n// The scenarios of the view \"");
  append_comment_text (out, view->name);
  g_string_append (out, "\": given these events, then these rows.\n\n");
  g_string_append (out, "import { ProjectionSpecification, test } from \"../../src/shared/spec.js\";\n");
  g_string_append_printf (out, "import { projection } from \"%s\";\n", relative);
  append_imports (out, &imports, path, TRUE);
  g_string_append (out, "\nconst given = ProjectionSpecification.for(projection);\n");
  if (n == 0)
    g_string_append (out, "\n// The model has no scenario for this view yet.\nvoid given;\n");
  g_string_append (out, body->str);
  g_string_free (body, TRUE);
  imports_clear (&imports);

  _sl_codegen_add_file (model, path, out);
}

static void
emit_automation_tests (Emitter             *emitter,
                       SlCodegenAutomation *automation,
                       const char          *path)
{
  SlCodegenModel *model = emitter->model;
  GString *out = g_string_new (NULL);
  GString *body = g_string_new (NULL);
  g_autofree char *module = automation_module (automation);
  g_autofree char *relative = relative_path (path, module);
  Imports imports;
  guint n = 0;

  imports_init (&imports);
  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);

      if (test->automation != automation)
        continue;

      n++;
      g_string_append (body, "\ntest(");
      append_string_literal (body, test->title);
      g_string_append (body, ", () => {\n  given([\n");
      for (guint j = 0; j < test->given->len; j++)
        {
          SlCodegenStep *step = g_ptr_array_index (test->given, j);

          /* A view's row is given as the message named after the view. */
          if (step->message->kind == SL_CODEGEN_VIEW)
            {
              GString *row = g_string_new (NULL);

              append_step (emitter, row, &imports, step, "", TRUE, TRUE);
              g_string_truncate (row, row->len - 2);
              g_string_append_printf (body, "    { type: \"%s\", data: %s } as %sInput,\n",
                                      step->message->type_name, row->str, automation->type_name);
              g_string_free (row, TRUE);
            }
          else
            append_step (emitter, body, &imports, step, "    ", FALSE, FALSE);
        }
      g_string_append (body, "  ])\n    .then(");
      append_steps (emitter, body, &imports, test->then, "    ", SL_CODEGEN_COMMAND, NULL, TRUE, FALSE);
      g_string_append (body, ");\n});\n");
    }

  _sl_codegen_append_header (model, out, "//");
  g_string_append (out, "//\n// The automation \"");
  append_comment_text (out, automation->name);
  g_string_append (out, "\": given what it reads (the example values of the\n"
                        "// model), then the commands it issues.\n\n");
  g_string_append (out, "import { AutomationSpecification, test } from \"../../src/shared/spec.js\";\n");
  g_string_append_printf (out, "import { react } from \"%s\";\n", relative);
  if (strstr (body->str, "Input,\n") != NULL)
    {
      g_autofree char *input = g_strdup_printf ("%sInput", automation->type_name);
      imports_add (&imports, module, input);
    }
  append_imports (out, &imports, path, TRUE);
  g_string_append (out, "\nconst given = AutomationSpecification.for(react);\n");
  if (n == 0)
    g_string_append (out, "\n// It issues no command on the board yet.\nvoid given;\n");
  g_string_append (out, body->str);
  g_string_free (body, TRUE);
  imports_clear (&imports);

  _sl_codegen_add_file (model, path, out);
}

/* The emitter */

static gboolean
is_reserved_dir (const char *name)
{
  return strcmp (name, "views") == 0 || strcmp (name, "shared") == 0 || strcmp (name, "automations") == 0;
}

void
_sl_codegen_emit_typescript (SlCodegenModel *model)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GHashTable) modules = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GPtrArray) test_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Group *unassigned = NULL;
  Emitter emitter = { model, modules };
  GString *all;

  g_return_if_fail (model != NULL);

  /* The groups: the aggregates, then the messages outside any. */
  for (guint i = 0; i < model->aggregates->len; i++)
    {
      SlCodegenAggregate *aggregate = g_ptr_array_index (model->aggregates, i);
      Group *group = g_new0 (Group, 1);
      g_autofree char *kebab = _sl_codegen_identifier (aggregate->type_name, SL_CODEGEN_CASE_KEBAB);

      /* src/views, src/shared and src/automations are taken. */
      if (is_reserved_dir (kebab))
        {
          char *suffixed = g_strdup_printf ("%s-aggregate", kebab);

          g_free (kebab);
          kebab = suffixed;
        }

      group->type_name = g_strdup (aggregate->type_name);
      group->name = g_strdup (aggregate->name);
      group->dir = g_strdup_printf ("src/%s", kebab);
      group->commands = g_ptr_array_copy (aggregate->commands, NULL, NULL);
      group->events = g_ptr_array_copy (aggregate->events, NULL, NULL);
      group->evolved = g_ptr_array_new ();
      g_ptr_array_add (groups, group);
      g_hash_table_add (dirs, g_strdup (kebab));
    }
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (message->kind == SL_CODEGEN_VIEW || message->aggregate != NULL)
        continue;
      if (unassigned == NULL)
        {
          g_autofree char *kebab = g_strdup ("unassigned");

          for (guint n = 2; g_hash_table_contains (dirs, kebab); n++)
            {
              g_free (kebab);
              kebab = g_strdup_printf ("unassigned%u", n);
            }
          unassigned = g_new0 (Group, 1);
          unassigned->type_name = _sl_codegen_identifier (kebab, SL_CODEGEN_CASE_PASCAL);
          unassigned->name = g_strdup ("the commands and events outside any aggregate");
          unassigned->dir = g_strdup_printf ("src/%s", kebab);
          unassigned->commands = g_ptr_array_new ();
          unassigned->events = g_ptr_array_new ();
          unassigned->evolved = g_ptr_array_new ();
          g_ptr_array_add (groups, unassigned);
        }
      g_ptr_array_add (message->kind == SL_CODEGEN_COMMAND ? unassigned->commands : unassigned->events, message);
    }

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      const char *dir = group->dir + strlen ("src/");

      group->test_path = g_strdup_printf ("test/%s.test.ts", dir);
      for (guint j = 0; j < group->commands->len; j++)
        g_hash_table_insert (modules, g_ptr_array_index (group->commands, j),
                             g_strdup_printf ("%s/types", group->dir));
      for (guint j = 0; j < group->events->len; j++)
        {
          g_hash_table_insert (modules, g_ptr_array_index (group->events, j),
                               g_strdup_printf ("%s/types", group->dir));
          add_once (group->evolved, g_ptr_array_index (group->events, j));
        }
      /* Decide may emit events of other lanes, and scenarios give them. */
      for (guint j = 0; j < group->commands->len; j++)
        {
          SlCodegenMessage *command = g_ptr_array_index (group->commands, j);

          for (guint k = 0; k < command->events->len; k++)
            add_once (group->evolved, g_ptr_array_index (command->events, k));
          for (guint k = 0; k < model->tests->len; k++)
            {
              SlCodegenTest *test = g_ptr_array_index (model->tests, k);

              if (test->subject != command)
                continue;
              for (guint s = 0; s < test->given->len; s++)
                {
                  SlCodegenStep *step = g_ptr_array_index (test->given, s);

                  if (step->message->kind == SL_CODEGEN_EVENT)
                    add_once (group->evolved, step->message);
                }
              for (guint s = 0; s < test->then->len; s++)
                {
                  SlCodegenStep *step = g_ptr_array_index (test->then, s);

                  if (step->message->kind == SL_CODEGEN_EVENT)
                    add_once (group->evolved, step->message);
                }
            }
        }
    }
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (message->kind == SL_CODEGEN_VIEW)
        g_hash_table_insert (modules, message, view_module (message));
    }

  emit_package (&emitter);
  emit_readme (&emitter, groups);
  emit_shared (&emitter);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      emit_group_types (&emitter, group);
      emit_decider (&emitter, group);
    }
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (message->kind == SL_CODEGEN_VIEW)
        emit_view (&emitter, message);
    }
  for (guint i = 0; i < model->automations->len; i++)
    emit_automation (&emitter, g_ptr_array_index (model->automations, i));

  /* The tests, and the file that runs them all. */
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      emit_group_tests (&emitter, group);
      g_ptr_array_add (test_paths, g_strdup (group->test_path));
    }
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);
      g_autofree char *kebab = NULL;
      char *path;

      if (message->kind != SL_CODEGEN_VIEW)
        continue;
      kebab = _sl_codegen_identifier (message->type_name, SL_CODEGEN_CASE_KEBAB);
      path = g_strdup_printf ("test/views/%s.test.ts", kebab);
      emit_view_tests (&emitter, message, path);
      g_ptr_array_add (test_paths, path);
    }
  for (guint i = 0; i < model->automations->len; i++)
    {
      SlCodegenAutomation *automation = g_ptr_array_index (model->automations, i);
      g_autofree char *kebab = _sl_codegen_identifier (automation->type_name, SL_CODEGEN_CASE_KEBAB);
      char *path = g_strdup_printf ("test/automations/%s.test.ts", kebab);

      emit_automation_tests (&emitter, automation, path);
      g_ptr_array_add (test_paths, path);
    }

  all = g_string_new (NULL);
  _sl_codegen_append_header (model, all, "//");
  g_string_append (all, "//\n// Runs every test: npm test.\n\n");
  g_string_append (all, "import { run } from \"../src/shared/spec.js\";\n");
  for (guint i = 0; i < test_paths->len; i++)
    {
      const char *path = g_ptr_array_index (test_paths, i);
      g_autofree char *module = g_strndup (path, strlen (path) - strlen (".ts"));
      g_autofree char *relative = relative_path ("test/all.test.ts", module);

      g_string_append_printf (all, "import \"%s\";\n", relative);
    }
  g_string_append (all, "\ndeclare const process: { exitCode?: number };\n\n"
                        "if (!run()) process.exitCode = 1;\n");
  _sl_codegen_add_file (model, "test/all.test.ts", all);
}
