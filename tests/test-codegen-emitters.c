/* test-codegen-emitters.c: the C# and Kotlin emitters, on the IR
 *
 * For the hotel and for tests/data/codegen/every-type.stormline (every
 * field type, a view named as its aggregate): one test per scenario; a
 * marked body for every command an aggregate decides, every event it
 * evolves by, every event a view reads and every input of an automation,
 * each begun and ended under one key, unique in its file, which is what
 * generating again keeps the bodies by; and the same files, byte for
 * byte, from the same model. That the code compiles (Kotlin) or parses
 * (C#) is test-codegen-langs.py's. Then what model text must not do to
 * the code: break out of a comment or a string, hide a name the tests use,
 * write an example number the language reads otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"
#include "sl-codegen-private.h"

typedef void (*Emit) (SlCodegenModel *model);

static const struct {
  const char *name;
  Emit        emit;
  const char *test_mark; /* the line before each test method */
} languages[] = {
  { "csharp", _sl_codegen_emit_csharp, "    [Fact]\n" },
  { "kotlin", _sl_codegen_emit_kotlin, "    @Test\n" },
};

static SlDocument *
load_model (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  SlDocument *document;

  if (name == NULL)
    return test_load_example ();
  file = g_file_new_build_filename (g_test_get_dir (G_TEST_DIST), "data", "codegen", name, NULL);
  document = sl_format_load_file (file, &error);
  g_assert_no_error (error);
  return document;
}

static const char * const models[] = { NULL /* the hotel */, "every-type.stormline" };

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

static void
test_one_test_per_scenario (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(SlDocument) document = load_model (models[m]);
        SlCodegenModel *model = _sl_codegen_model_new (document, "model.stormline");
        guint tests = 0;

        languages[l].emit (model);
        for (guint i = 0; i < model->files->len; i++)
          {
            SlCodegenFile *file = g_ptr_array_index (model->files, i);

            tests += count (file->text->str, languages[l].test_mark);
          }
        g_test_message ("%s, %s: %u tests", models[m] ? models[m] : "hotel", languages[l].name, tests);
        g_assert_cmpuint (model->tests->len, >, 0);
        g_assert_cmpuint (tests, ==, model->tests->len);
        _sl_codegen_model_free (model);
      }
}

/* The keys of @text's marked bodies, checking that each begins and ends
 * under one key, not inside another, and that no key comes twice. */
static GHashTable *
body_keys (SlCodegenFile *file)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (file->text->str, "\n", -1);
  g_autofree char *open = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strchug (lines[i]);

      if (g_str_has_prefix (line, "// stormline:begin "))
        {
          const char *key = line + strlen ("// stormline:begin ");

          if (open != NULL)
            g_error ("%s:%u: “%s” begins inside “%s”", file->path, i + 1, key, open);
          if (g_hash_table_contains (keys, key))
            g_error ("%s:%u: “%s” comes twice", file->path, i + 1, key);
          open = g_strdup (key);
          g_hash_table_add (keys, g_strdup (key));
        }
      else if (g_str_has_prefix (line, "// stormline:end "))
        {
          const char *key = line + strlen ("// stormline:end ");

          if (g_strcmp0 (open, key) != 0)
            g_error ("%s:%u: “%s” ends, “%s” was open", file->path, i + 1, key, open);
          g_clear_pointer (&open, g_free);
        }
    }
  g_assert_null (open);
  return keys;
}

static void
assert_has_key (GHashTable *keys,
                const char *verb,
                const char *type_name)
{
  g_autofree char *key = g_strconcat (verb, " ", type_name, NULL);

  if (!g_hash_table_contains (keys, key))
    g_error ("no body “%s”", key);
}

static void
test_bodies (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(SlDocument) document = load_model (models[m]);
        SlCodegenModel *model = _sl_codegen_model_new (document, "model.stormline");
        g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
        g_autoptr(GPtrArray) per_file = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

        languages[l].emit (model);
        for (guint i = 0; i < model->files->len; i++)
          {
            GHashTable *keys = body_keys (g_ptr_array_index (model->files, i));
            GHashTableIter iter;
            gpointer key;

            g_hash_table_iter_init (&iter, keys);
            while (g_hash_table_iter_next (&iter, &key, NULL))
              g_hash_table_add (all, key);
            g_ptr_array_add (per_file, keys);
          }

        for (guint i = 0; i < model->aggregates->len; i++)
          {
            SlCodegenAggregate *aggregate = g_ptr_array_index (model->aggregates, i);

            for (guint j = 0; j < aggregate->commands->len; j++)
              assert_has_key (all, "decide", ((SlCodegenMessage *) g_ptr_array_index (aggregate->commands, j))->type_name);
            for (guint j = 0; j < aggregate->events->len; j++)
              assert_has_key (all, "evolve", ((SlCodegenMessage *) g_ptr_array_index (aggregate->events, j))->type_name);
          }
        for (guint i = 0; i < model->messages->len; i++)
          {
            SlCodegenMessage *view = g_ptr_array_index (model->messages, i);

            for (guint j = 0; view->kind == SL_CODEGEN_VIEW && view->events != NULL && j < view->events->len; j++)
              assert_has_key (all, "evolve", ((SlCodegenMessage *) g_ptr_array_index (view->events, j))->type_name);
          }
        for (guint i = 0; i < model->automations->len; i++)
          {
            SlCodegenAutomation *automation = g_ptr_array_index (model->automations, i);

            for (guint j = 0; j < automation->inputs->len; j++)
              assert_has_key (all, "react", ((SlCodegenMessage *) g_ptr_array_index (automation->inputs, j))->type_name);
          }
        assert_has_key (all, "test", "framework");
        _sl_codegen_model_free (model);
      }
}

static void
test_deterministic (void)
{
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autoptr(SlDocument) document = load_model (models[m]);
        SlCodegenModel *first = _sl_codegen_model_new (document, "model.stormline");
        SlCodegenModel *second = _sl_codegen_model_new (document, "model.stormline");
        g_autoptr(GHashTable) paths = g_hash_table_new (g_str_hash, g_str_equal);

        languages[l].emit (first);
        languages[l].emit (second);
        g_assert_cmpuint (first->files->len, ==, second->files->len);
        for (guint i = 0; i < first->files->len; i++)
          {
            SlCodegenFile *a = g_ptr_array_index (first->files, i);
            SlCodegenFile *b = g_ptr_array_index (second->files, i);

            g_assert_cmpstr (a->path, ==, b->path);
            g_assert_cmpstr (a->text->str, ==, b->text->str);
            /* No file is written over by another. */
            g_assert_true (g_hash_table_add (paths, a->path));
          }
        _sl_codegen_model_free (first);
        _sl_codegen_model_free (second);
      }
}

static void
set_text (char       **text,
          const char  *value)
{
  g_free (*text);
  *text = g_strdup (value);
}

static SlCodegenFile *
find_file (SlCodegenModel *model,
           const char     *suffix)
{
  for (guint i = 0; i < model->files->len; i++)
    {
      SlCodegenFile *file = g_ptr_array_index (model->files, i);

      if (g_str_has_suffix (file->path, suffix))
        return file;
    }
  g_error ("no file ending in “%s”", suffix);
  return NULL;
}

/* "0101" as a TypeScript literal is octal, which tsc rejects; a hex float
 * is no JSON number. Both are parsed and written again, as C# and Kotlin
 * do. */
static void
test_typescript_numbers (void)
{
  g_autoptr(SlDocument) document = load_model ("every-type.stormline");
  SlCodegenModel *model = _sl_codegen_model_new (document, "model.stormline");
  guint changed = 0;

  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);
      GPtrArray *lists[] = { test->given, test->when, test->then };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint j = 0; lists[l] != NULL && j < lists[l]->len; j++)
          {
            SlCodegenStep *step = g_ptr_array_index (lists[l], j);

            for (guint k = 0; k < step->names->len; k++)
              for (guint f = 0; f < step->message->fields->len; f++)
                {
                  SlCodegenField *field = g_ptr_array_index (step->message->fields, f);

                  if (!g_str_equal (field->name, g_ptr_array_index (step->names, k)) || field->list)
                    continue;
                  if (field->type == SL_FIELD_INT || field->type == SL_FIELD_LONG)
                    set_text ((char **) &g_ptr_array_index (step->values, k), "0101");
                  else if (field->type == SL_FIELD_DOUBLE)
                    set_text ((char **) &g_ptr_array_index (step->values, k), "0x1p3");
                  else
                    continue;
                  changed++;
                }
          }
    }
  g_assert_cmpuint (changed, >, 0);

  _sl_codegen_emit_typescript (model);
  for (guint i = 0; i < model->files->len; i++)
    {
      SlCodegenFile *file = g_ptr_array_index (model->files, i);

      if (strstr (file->text->str, "0101") != NULL || strstr (file->text->str, "0x1p3") != NULL)
        g_error ("%s: an example number written as the model has it:\n%s", file->path, file->text->str);
    }
  changed = 0;
  for (guint i = 0; i < model->files->len; i++)
    if (strstr (((SlCodegenFile *) g_ptr_array_index (model->files, i))->text->str, ": 101") != NULL)
      changed++;
  g_assert_cmpuint (changed, >, 0);
  _sl_codegen_model_free (model);
}

/* Model text that would break out of a comment: a line break that writes
 * code, or a marker, on the next line; a U+2028 that JavaScript and C#
 * end a line at; a closing "*\/"; an opening "/\*" Kotlin would nest. */
#define BREAKOUT "Evil */ /* \n// stormline:end x\nint y = 1;\xe2\x80\xa8z"

static void
test_comments_stay_comments (void)
{
  static const Emit emitters[] = { _sl_codegen_emit_typescript, _sl_codegen_emit_csharp, _sl_codegen_emit_kotlin };

  for (guint e = 0; e < G_N_ELEMENTS (emitters); e++)
    {
      g_autoptr(SlDocument) document = load_model (NULL);
      SlCodegenModel *model = _sl_codegen_model_new (document, "model.stormline");

      for (guint i = 0; i < model->messages->len; i++)
        {
          SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

          set_text (&message->name, BREAKOUT);
          set_text (&message->slice, BREAKOUT);
        }
      for (guint i = 0; i < model->aggregates->len; i++)
        set_text (&((SlCodegenAggregate *) g_ptr_array_index (model->aggregates, i))->name, BREAKOUT);
      for (guint i = 0; i < model->automations->len; i++)
        set_text (&((SlCodegenAutomation *) g_ptr_array_index (model->automations, i))->name, BREAKOUT);
      for (guint i = 0; i < model->tests->len; i++)
        {
          SlCodegenTest *test = g_ptr_array_index (model->tests, i);

          set_text (&test->title, BREAKOUT);
          if (test->error != NULL)
            set_text (&test->error, BREAKOUT);
        }

      emitters[e] (model);
      for (guint i = 0; i < model->files->len; i++)
        {
          SlCodegenFile *file = g_ptr_array_index (model->files, i);
          g_auto(GStrv) lines = NULL;

          if (g_str_has_suffix (file->path, ".md") || g_str_has_suffix (file->path, ".json"))
            continue;
          g_hash_table_unref (body_keys (file));
          lines = g_strsplit (file->text->str, "\n", -1);
          for (guint j = 0; lines[j] != NULL; j++)
            {
              const char *line = g_strchug (lines[j]);

              if (g_str_has_prefix (line, "int y") || g_str_has_prefix (line, "// stormline:end x"))
                g_error ("%s:%u: model text out of its comment: %s", file->path, j + 1, line);
              /* Kotlin nests block comments: one opened on a line opens once. */
              if (emitters[e] == _sl_codegen_emit_kotlin && g_str_has_prefix (line, "/**") && strstr (line, "*/") != NULL)
                g_assert_cmpuint (count (line, "/*"), ==, 1);
            }
          if (emitters[e] != _sl_codegen_emit_kotlin && strstr (file->text->str, "\xe2\x80\xa8") != NULL)
            g_error ("%s: a raw U+2028", file->path);
        }
      _sl_codegen_model_free (model);
    }
}

/* "--" is not allowed in an XML comment, nor a "-" right before "-->". */
static void
test_csproj_comment (void)
{
  g_autoptr(SlDocument) document = load_model (NULL);
  SlCodegenModel *model = _sl_codegen_model_new (document, "model.stormline");
  const char *text;
  const char *end;

  set_text (&model->model_name, "a--b---");
  _sl_codegen_emit_csharp (model);
  text = find_file (model, ".csproj")->text->str;
  g_assert_true (g_str_has_prefix (text, "<!--"));
  end = strstr (text, "-->");
  g_assert_nonnull (end);
  g_assert_null (g_strstr_len (text + 4, end - text - 4, "--"));
  g_assert_cmpint (end[-1], !=, '-');
  g_assert_null (strstr (end + 1, "<!--"));
  _sl_codegen_model_free (model);
}

/* The project files a developer adds dependencies to are written only
 * when they are not there yet. */
static void
test_project_files_create_only (void)
{
  static const struct {
    Emit emit;
    const char *suffix;
  } project_files[] = {
    { _sl_codegen_emit_typescript, "package.json" },
    { _sl_codegen_emit_typescript, "tsconfig.json" },
    { _sl_codegen_emit_csharp, ".csproj" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (project_files); i++)
    {
      g_autoptr(SlDocument) document = load_model (NULL);
      SlCodegenModel *model = _sl_codegen_model_new (document, "model.stormline");

      project_files[i].emit (model);
      for (guint j = 0; j < model->files->len; j++)
        {
          SlCodegenFile *file = g_ptr_array_index (model->files, j);

          g_assert_true (file->create_only == g_str_has_suffix (file->path, project_files[i].suffix) ||
                         (file->create_only && g_str_has_suffix (file->path, ".json")));
        }
      g_assert_true (find_file (model, project_files[i].suffix)->create_only);
      _sl_codegen_model_free (model);
    }
}

/* A test method named as a type or function its class's bodies use would
 * hide it: C#'s Example.Missing<T>() would call the method, Kotlin's
 * emptyList() the test. */
static void
test_test_names_hide_nothing (void)
{
  static const char * const csharp[] = { "example", "guid", "dateOnly", "dateTimeOffset", "array", "cultureInfo" };
  static const char * const kotlin[] = { "emptyList", "listOf", "missing", "invalidExample", "pending", "spec" };

  for (guint l = 0; l < 2; l++)
    {
      g_autoptr(SlDocument) document = load_model ("every-type.stormline");
      SlCodegenModel *model = _sl_codegen_model_new (document, "model.stormline");
      const char * const *names = l == 0 ? csharp : kotlin;

      for (guint i = 0; i < model->tests->len; i++)
        {
          SlCodegenTest *test = g_ptr_array_index (model->tests, i);

          set_text (&test->identifier, names[i % G_N_ELEMENTS (csharp)]);
        }
      if (l == 0)
        _sl_codegen_emit_csharp (model);
      else
        _sl_codegen_emit_kotlin (model);
      for (guint i = 0; i < model->files->len; i++)
        {
          SlCodegenFile *file = g_ptr_array_index (model->files, i);

          for (guint n = 0; n < G_N_ELEMENTS (csharp); n++)
            {
              g_autofree char *method = g_strdup (names[n]);
              g_autofree char *declaration = NULL;

              if (l == 0)
                method[0] = g_ascii_toupper (method[0]);
              declaration = g_strdup_printf (l == 0 ? "public void %s()" : "fun %s()", method);
              if (strstr (file->text->str, declaration) != NULL)
                g_error ("%s: %s hides what the tests use", file->path, declaration);
            }
          if (l == 0)
            for (guint m = 0; m < model->messages->len; m++)
              {
                g_autofree char *declaration = g_strdup_printf ("public void %s()",
                                                                ((SlCodegenMessage *) g_ptr_array_index (model->messages, m))->type_name);

                g_assert_null (strstr (file->text->str, declaration));
              }
        }
      _sl_codegen_model_free (model);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codegen-emitters/one-test-per-scenario", test_one_test_per_scenario);
  g_test_add_func ("/codegen-emitters/bodies", test_bodies);
  g_test_add_func ("/codegen-emitters/deterministic", test_deterministic);
  g_test_add_func ("/codegen-emitters/typescript-numbers", test_typescript_numbers);
  g_test_add_func ("/codegen-emitters/comments-stay-comments", test_comments_stay_comments);
  g_test_add_func ("/codegen-emitters/csproj-comment", test_csproj_comment);
  g_test_add_func ("/codegen-emitters/project-files-create-only", test_project_files_create_only);
  g_test_add_func ("/codegen-emitters/test-names-hide-nothing", test_test_names_hide_nothing);

  return g_test_run ();
}
