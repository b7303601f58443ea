/* test-codegen-emitters.c: the C# and Kotlin emitters, on the IR
 *
 * For the hotel and for tests/data/codegen/every-type.stormline (every
 * field type, a view named as its aggregate): one test per scenario; a
 * marked body for every command an aggregate decides, every event it
 * evolves by, every event a view reads and every input of an automation,
 * each begun and ended under one key, unique in its file, which is what
 * generating again keeps the bodies by; and the same files, byte for
 * byte, from the same model. That the code compiles (Kotlin) or parses
 * (C#) is test-codegen-langs.py's.
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codegen-emitters/one-test-per-scenario", test_one_test_per_scenario);
  g_test_add_func ("/codegen-emitters/bodies", test_bodies);
  g_test_add_func ("/codegen-emitters/deterministic", test_deterministic);

  return g_test_run ();
}
