/* test-cli-diff.c: stormline-cli diff as a person, a script and git use it
 *
 * Runs the built stormline-cli (STORMLINE_CLI): diff's exit status (0 the
 * same model, 1 different, 2 an error, like diff(1)), its lines and its
 * JSON, the strict reader's message naming the file that cannot be read,
 * the listing for git's textconv, and the seven arguments git gives a
 * diff command, /dev/null standing for a file added or deleted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "test-util.h"

static const char *
cli_path (void)
{
  const char *path = g_getenv ("STORMLINE_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs stormline-cli with the arguments up to NULL, in English; returns
 * its exit status and what it wrote. */
G_GNUC_NULL_TERMINATED
static int
run_cli (char       **out,
         char       **err,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) cli_path ());
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);

  /* A crash is never an answer */
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* The hotel with a note renamed, a field added and a note removed. */
static char *
write_edited (const char *dir)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GBytes) bytes = NULL;
  char *path = g_build_filename (dir, "edited.stormline", NULL);
  SlNote *booked = sl_document_lookup_note (document, "evt-room-booked");

  sl_document_set_note_text (document, booked, "Room Reserved");
  sl_document_insert_field (document, booked, -1, "bookedAt", SL_FIELD_DATE_TIME);
  sl_document_remove_note (document, sl_document_lookup_note (document, "view-available-rooms"));
  bytes = sl_format_save_to_bytes (document);
  write_bytes (path, bytes);

  return path;
}

static void
assert_one_error_line (const char *err,
                       const char *path)
{
  g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
  g_assert_nonnull (strstr (err, path));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_same (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *spaced = g_build_filename (dir, "spaced.stormline", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpint (run_cli (&out, &err, "diff", example_path (), example_path (), NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);

  /* Other bytes, the same model: JSON's spacing is not the model. */
  g_assert_true (g_file_get_contents (example_path (), &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  joined = g_strjoinv ("\n  ", lines);
  g_assert_true (g_file_set_contents (spaced, joined, -1, NULL));
  g_assert_cmpint (run_cli (&out, NULL, "diff", example_path (), spaced, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  remove_tree (dir);
}

static void
test_different (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *edited = write_edited (dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "diff", example_path (), edited, NULL), ==, 1);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "~ Event “Room Booked” renamed to “Room Reserved”\n"));
  g_assert_nonnull (strstr (out, "+ Field “bookedAt” added to Event “Room Reserved” (DateTime)\n"));
  g_assert_nonnull (strstr (out, "- View “Available Rooms” removed\n"));
  /* What the removal does to the check */
  g_assert_nonnull (strstr (out, "+ New problem "));
  remove_tree (dir);
}

static void
test_json (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *edited = write_edited (dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *changes;

  g_assert_cmpint (run_cli (&out, &err, "diff", "--json", example_path (), edited, NULL), ==, 1);
  g_assert_true (g_str_has_suffix (out, "}\n"));
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member (root, "same"));
  changes = json_object_get_array_member (root, "changes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "id"), ==,
                   "evt-room-booked");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "new"), ==,
                   "Room Reserved");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "diff", "--json", example_path (), example_path (), NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "same"));
  remove_tree (dir);
}

/* A file that cannot be read is named with the strict reader's message,
 * whichever side it is on. */
static void
test_errors (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *missing = g_build_filename (dir, "missing.stormline", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.stormline", NULL);
  g_autofree char *invalid = g_build_filename (dir, "invalid.stormline", NULL);

  g_assert_true (g_file_set_contents (broken, "{\"stormline\": 1,\n \"notes\": [}", -1, NULL));
  g_assert_true (g_file_set_contents (invalid, "{\"stormline\": 1, \"notes\": [{\"id\": \"n\"}]}", -1, NULL));

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "diff", missing, example_path (), NULL), ==, 2);
    g_assert_cmpstr (out, ==, "");
    assert_one_error_line (err, missing);
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "diff", example_path (), broken, NULL), ==, 2);
    assert_one_error_line (err, broken);
    /* The reader says where */
    g_assert_nonnull (strstr (err, "line 2"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "diff", "--json", invalid, example_path (), NULL), ==, 2);
    g_assert_cmpstr (out, ==, "");
    assert_one_error_line (err, invalid);
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    /* git's textconv: what is not a model is listed as it is, for git
     * to diff line by line, and the reader says why on stderr. */
    g_assert_cmpint (run_cli (&out, &err, "diff", "--textconv", broken, NULL), ==, 0);
    assert_one_error_line (err, broken);
    g_assert_cmpstr (out, ==, "{\"stormline\": 1,\n \"notes\": [}");
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "diff", "--textconv", missing, NULL), ==, 2);
    assert_one_error_line (err, missing);
  }
  {
    g_autofree char *err = NULL;

    /* Usage errors */
    g_assert_cmpint (run_cli (NULL, &err, "diff", example_path (), NULL), ==, 2);
    g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (NULL, &err, "diff", "--textconv", example_path (), example_path (), NULL), ==, 2);
    g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
  }
  remove_tree (dir);
}

static void
test_textconv (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "diff", "--textconv", example_path (), NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Title: Hotel\n"));
  g_assert_nonnull (strstr (out, "\nEvent “Room Booked” in lane “Booking”, slice “Book Room”, pivotal\n"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "diff", "--textconv", "/dev/null", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Title: \n");
}

/* diff.stormline.command: path old-file old-hex old-mode new-file new-hex
 * new-mode. Git stops at a command that fails, so a difference exits 0. */
static void
test_git_command (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *edited = write_edited (dir);
  const char *hex = "0123456789abcdef0123456789abcdef01234567";
  const char *zero = "0000000000000000000000000000000000000000";
  g_autofree char *git = g_find_program_in_path ("git");

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&out, &err, "diff", "models/hotel.stormline", example_path (), hex, "100644",
                              edited, hex, "100644", NULL), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_str_has_prefix (out, "diff --stormline a/models/hotel.stormline b/models/hotel.stormline\n"));
    g_assert_nonnull (strstr (out, "~ Event “Room Booked” renamed to “Room Reserved”\n"));
  }
  {
    g_autofree char *out = NULL;

    /* Added: the old side is /dev/null */
    g_assert_cmpint (run_cli (&out, NULL, "diff", "hotel.stormline", "/dev/null", zero, ".",
                              example_path (), hex, "100644", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "\n~ Title changed from “” to “Hotel”\n"));
    g_assert_nonnull (strstr (out, "\n+ Event “Room Booked” added in lane “Booking”, slice “Book Room”\n"));
    g_assert_null (strstr (out, "\n- "));
  }
  {
    g_autofree char *out = NULL;

    /* Deleted: the new side is /dev/null */
    g_assert_cmpint (run_cli (&out, NULL, "diff", "hotel.stormline", example_path (), hex, "100644",
                              "/dev/null", zero, ".", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "\n- Event “Room Booked” removed\n"));
    g_assert_null (strstr (out, "\n+ "));
  }
  {
    g_autofree char *out = NULL;

    /* The same model: nothing to say */
    g_assert_cmpint (run_cli (&out, NULL, "diff", "hotel.stormline", example_path (), hex, "100644",
                              example_path (), hex, "100644", NULL), ==, 0);
    g_assert_cmpstr (out, ==, "");
  }
  if (git != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *conflicted = g_build_filename (dir, "conflicted.stormline", NULL);

      /* A side that is not a model (conflict markers in it): git's own
       * line diff, the reader's message on stderr, and git goes on. */
      g_assert_true (g_file_set_contents (conflicted, "{\n<<<<<<< ours\n", -1, NULL));
      g_assert_cmpint (run_cli (&out, &err, "diff", "hotel.stormline", example_path (), hex, "100644",
                                conflicted, hex, "100644", NULL), ==, 0);
      assert_one_error_line (err, conflicted);
      g_assert_nonnull (strstr (out, "\n+<<<<<<< ours\n"));
      g_assert_nonnull (strstr (out, "\n-  \"title\": \"Hotel\",\n"));
    }
  {
    g_autofree char *err = NULL;
    g_autofree char *missing = g_build_filename (dir, "gone.stormline", NULL);

    g_assert_cmpint (run_cli (NULL, &err, "diff", "hotel.stormline", missing, hex, "100644",
                              example_path (), hex, "100644", NULL), ==, 2);
    assert_one_error_line (err, missing);
  }
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-diff/same", test_same);
  g_test_add_func ("/cli-diff/different", test_different);
  g_test_add_func ("/cli-diff/json", test_json);
  g_test_add_func ("/cli-diff/errors", test_errors);
  g_test_add_func ("/cli-diff/textconv", test_textconv);
  g_test_add_func ("/cli-diff/git-command", test_git_command);

  return g_test_run ();
}
