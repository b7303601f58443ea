/* test-cli.c: stormline-cli as a script or a person uses it
 *
 * Runs the built stormline-cli (STORMLINE_CLI) and checks its exit status
 * and output: the counts of `stats`; `fmt` and `fmt --check` on canonical
 * and non-canonical copies of the hotel example; one line on stderr, exit
 * status 2 and an untouched file for every kind of file that cannot be
 * read; and the usage errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <fcntl.h>
#include <locale.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include <json-glib/json-glib.h>

#include "test-util.h"

/* Helpers */

/* Asserts that @err is one line, that names the program and @path. */
static void
assert_one_error_line (const char *err,
                       const char *path)
{
  gsize length = strlen (err);

  g_assert_cmpuint (length, >, 0);
  g_assert_true (g_utf8_validate (err, length, NULL));
  g_assert_true (err[length - 1] == '\n');
  g_assert_true (strchr (err, '\n') == err + length - 1);
  g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
  if (path != NULL)
    g_assert_nonnull (strstr (err, path));
}

/* stats */

typedef struct
{
  const char *label;
  guint count;
} Count;

static void
test_stats_example (void)
{
  static const Count expected[] = {
    { "Notes", 27 },
    { "Event", 7 },
    { "Command", 6 },
    { "View", 5 },
    { "Automation", 1 },
    { "External System", 1 },
    { "Screen", 7 },
    { "Fields", 107 },
    { "Connections", 29 },
    { "Scenarios", 17 },
    { "Lanes", 9 },
    { "Slices", 12 },
    { "Aggregates", 4 },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *title_line = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (Count));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n_notes = 0, n_kinds_sum = 0;
  gboolean in_kinds = FALSE;

  g_assert_cmpint (test_run_cli (&out, &err, "stats", example_path (), NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  lines = g_strsplit (out, "\n", -1);
  g_assert_nonnull (lines[0]);
  title_line = g_strdup_printf ("%s: Hotel", example_path ());
  g_assert_cmpstr (lines[0], ==, title_line);

  /* "  Label   count", whatever the spacing */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autoptr(GError) error = NULL;
      const char *space;
      guint64 number;
      Count count;

      if (*line == 0)
        continue;

      space = strrchr (line, ' ');
      g_assert_nonnull (space);
      g_ascii_string_to_unsigned (space + 1, 10, 0, G_MAXUINT, &number, &error);
      g_assert_no_error (error);

      g_ptr_array_add (labels, g_strstrip (g_strndup (line, space - line)));
      count.label = g_ptr_array_index (labels, labels->len - 1);
      count.count = number;
      g_array_append_val (counts, count);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < counts->len; j++)
        if (g_str_equal (g_array_index (counts, Count, j).label, expected[i].label))
          {
            g_assert_false (found);
            found = TRUE;
            g_assert_cmpuint (g_array_index (counts, Count, j).count, ==, expected[i].count);
          }
      if (!found)
        g_test_message ("stats does not count “%s”:\n%s", expected[i].label, out);
      g_assert_true (found);
    }
  /* and nothing else: a kind no note has is not listed */
  g_assert_cmpuint (counts->len, ==, G_N_ELEMENTS (expected));

  /* The kinds listed under Notes add up to it */
  for (guint j = 0; j < counts->len; j++)
    {
      const Count *count = &g_array_index (counts, Count, j);

      if (g_str_equal (count->label, "Notes"))
        {
          n_notes = count->count;
          in_kinds = TRUE;
        }
      else if (g_str_equal (count->label, "Fields"))
        in_kinds = FALSE;
      else if (in_kinds)
        n_kinds_sum += count->count;
    }
  g_assert_cmpuint (n_kinds_sum, ==, n_notes);
}

static void
test_stats_untitled (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "empty.stormline", NULL);
  g_autoptr(GBytes) model = g_bytes_new_static ("{\"stormline\": 1}\n", 17);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  write_bytes (path, model);
  g_assert_cmpint (test_run_cli (&out, &err, "stats", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], path));
  g_assert_true (g_str_has_suffix (lines[0], ": Untitled"));
  g_assert_nonnull (strstr (out, "Notes"));
  remove_tree (dir);
}

/* fmt */

static void
test_fmt_check_canonical (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* --check only reads: the example itself can be checked */
  g_assert_cmpint (test_run_cli (&out, &err, "fmt", "--check", example_path (), NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
}

static GBytes *
reindent (GBytes *canonical)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (canonical, NULL), g_bytes_get_size (canonical));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) result = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize indent = strspn (lines[i], " ");

      if (i > 0)
        g_string_append_c (result, '\n');
      for (gsize j = 0; j < 2 * indent; j++)
        g_string_append_c (result, ' ');
      g_string_append (result, lines[i] + indent);
    }

  return g_string_free_to_bytes (g_steal_pointer (&result));
}

/* Puts "title" before "stormline". */
static GBytes *
reorder (GBytes *canonical)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (canonical, NULL), g_bytes_get_size (canonical));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char *swap, *result;

  g_assert_cmpstr (lines[1], ==, "  \"stormline\": 1,");
  g_assert_true (g_str_has_prefix (lines[2], "  \"title\": "));
  swap = lines[1];
  lines[1] = lines[2];
  lines[2] = swap;

  result = g_strjoinv ("\n", lines);
  return g_bytes_new_take (result, strlen (result));
}

/* The model on one line: the white space outside strings left out. */
static GBytes *
compact (GBytes *canonical)
{
  gsize length;
  const char *text = g_bytes_get_data (canonical, &length);
  g_autoptr(GString) result = g_string_sized_new (length);
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string && c == '\\')
        {
          g_string_append_c (result, c);
          c = text[++i];
        }
      else if (c == '"')
        in_string = !in_string;
      else if (!in_string && g_ascii_isspace (c))
        continue;
      g_string_append_c (result, c);
    }

  g_assert_null (strchr (result->str, '\n'));
  return g_string_free_to_bytes (g_steal_pointer (&result));
}

static GBytes *
crlf (GBytes *canonical)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (canonical, NULL), g_bytes_get_size (canonical));
  g_autoptr(GString) result = g_string_new (text);

  g_string_replace (result, "\n", "\r\n", 0);
  return g_string_free_to_bytes (g_steal_pointer (&result));
}

static GBytes *
no_final_newline (GBytes *canonical)
{
  return g_bytes_new_from_bytes (canonical, 0, g_bytes_get_size (canonical) - 1);
}

typedef struct
{
  const char *name;
  GBytes *(*transform) (GBytes *canonical);
} Variant;

static const Variant variants[] = {
  { "reindented", reindent },
  { "reordered", reorder },
  { "compact", compact },
  { "crlf", crlf },
  { "no-final-newline", no_final_newline },
};

static void
test_fmt_rewrites (gconstpointer data)
{
  const Variant *variant = data;
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autofree char *path_line = g_strdup_printf ("%s\n", path);
  g_autoptr(GBytes) canonical = read_bytes (example_path ());
  g_autoptr(GBytes) changed = variant->transform (canonical);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_false (g_bytes_equal (changed, canonical));
  write_bytes (path, changed);

  /* --check names the file and changes nothing */
  g_assert_cmpint (test_run_cli (&out, &err, "fmt", "--check", path, NULL), ==, 1);
  g_assert_cmpstr (out, ==, path_line);
  g_assert_cmpstr (err, ==, "");
  assert_file_holds (path, changed);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* fmt gives the canonical bytes, without a temporary file left over */
  g_assert_cmpint (test_run_cli (&out, &err, "fmt", path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  assert_file_holds (path, canonical);
  {
    g_autofree char *names = list_dir (dir);

    g_assert_cmpstr (names, ==, "hotel.stormline");
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_cli (&out, &err, "fmt", "--check", path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");

  remove_tree (dir);
}

static void
test_fmt_canonical_untouched (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GBytes) canonical = read_bytes (example_path ());
  struct utimbuf long_ago = { 1000000000, 1000000000 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf before, after;

  write_bytes (path, canonical);
  g_assert_no_errno (utime (path, &long_ago));
  g_assert_no_errno (g_stat (path, &before));

  g_assert_cmpint (test_run_cli (&out, &err, "fmt", path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");

  /* Not rewritten: a replaced file would be a new inode with a new time */
  g_assert_no_errno (g_stat (path, &after));
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtime, ==, 1000000000);
  assert_file_holds (path, canonical);

  remove_tree (dir);
}

static void
test_fmt_several_files (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *good = g_build_filename (dir, "good.stormline", NULL);
  g_autofree char *messy = g_build_filename (dir, "messy.stormline", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.stormline", NULL);
  g_autofree char *messy_line = g_strdup_printf ("%s\n", messy);
  g_autoptr(GBytes) canonical = read_bytes (example_path ());
  g_autoptr(GBytes) changed = reindent (canonical);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (canonical, 0, 500);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_bytes (good, canonical);
  write_bytes (messy, changed);
  write_bytes (broken, truncated);

  /* --check lists only the file that is not canonical */
  g_assert_cmpint (test_run_cli (&out, &err, "fmt", "--check", good, messy, NULL), ==, 1);
  g_assert_cmpstr (out, ==, messy_line);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A broken file is reported, and the others are still formatted */
  g_assert_cmpint (test_run_cli (&out, &err, "fmt", good, broken, messy, NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  assert_one_error_line (err, broken);
  assert_file_holds (good, canonical);
  assert_file_holds (broken, truncated);
  assert_file_holds (messy, canonical);

  remove_tree (dir);
}

/* Files that cannot be read */

typedef struct
{
  const char *name;
  const char *content;             /* NULL: made by make() */
  void (*make) (const char *path);
} BadFile;

static void
make_truncated (const char *path)
{
  g_autoptr(GBytes) canonical = read_bytes (example_path ());
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (canonical, 0, 500);

  write_bytes (path, truncated);
}

static void
make_deep (const char *path)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  write_bytes (path, bytes);
}

static void
make_invalid_utf8 (const char *path)
{
  static const char text[] = "{\"stormline\": 1, \"title\": \"Caf\xff\"}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);

  write_bytes (path, bytes);
}

static void
make_nul_byte (const char *path)
{
  static const char text[] = "{\"stormline\": 1, \"title\": \"a\0b\"}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);

  write_bytes (path, bytes);
}

static void
make_folder (const char *path)
{
  g_assert_no_errno (g_mkdir (path, 0755));
}

static void
make_nothing (const char *path)
{
}

static void
make_sparse (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, 200 * 1024 * 1024));
  g_assert_no_errno (close (fd));
}

static const BadFile bad_files[] = {
  { "empty", "", NULL },
  { "whitespace", " \n\n ", NULL },
  { "truncated", NULL, make_truncated },
  { "not-json", "hello\n", NULL },
  { "other-shape", "[1, 2, 3]\n", NULL },
  { "newer-version", "{\"stormline\": 2}\n", NULL },
  { "unknown-kind",
    "{\"stormline\": 1, \"lanes\": [{\"id\": \"l1\", \"kind\": \"interaction\"}], "
    "\"notes\": [{\"id\": \"n1\", \"kind\": \"sticky\", \"lane\": \"l1\", \"x\": 0}]}\n", NULL },
  { "dangling-connection",
    "{\"stormline\": 1, \"lanes\": [{\"id\": \"l1\", \"kind\": \"interaction\"}], "
    "\"notes\": [{\"id\": \"n1\", \"kind\": \"command\", \"lane\": \"l1\", \"x\": 0}], "
    "\"connections\": [{\"id\": \"c1\", \"from\": \"n1\", \"to\": \"n-gone\"}]}\n", NULL },
  { "deep-nesting", NULL, make_deep },
  { "huge-integer", "{\"stormline\": 1, \"step\": 123456789012345678901234567890}\n", NULL },
  { "float-overflow", "{\"stormline\": 1, \"step\": 1e999}\n", NULL },
  { "invalid-utf8", NULL, make_invalid_utf8 },
  { "nul-byte", NULL, make_nul_byte },
  { "trailing-garbage", "{\"stormline\": 1} x\n", NULL },
  { "folder", NULL, make_folder },
  { "missing", NULL, make_nothing },
  { "sparse-200mb", NULL, make_sparse },
};

/* What a file is, to tell whether a command changed it */
static char *
describe_file (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return g_strdup ("missing");
  if (S_ISDIR (st.st_mode))
    return g_strdup ("folder");
  if (st.st_size > 1024 * 1024)
    return g_strdup_printf ("large file %" G_GINT64_FORMAT " bytes, inode %" G_GUINT64_FORMAT
                            ", modified %" G_GINT64_FORMAT,
                            (gint64) st.st_size, (guint64) st.st_ino, (gint64) st.st_mtime);
  {
    g_autoptr(GBytes) bytes = read_bytes (path);
    g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

    return g_strdup_printf ("file %s, inode %" G_GUINT64_FORMAT, checksum, (guint64) st.st_ino);
  }
}

static void
test_bad_file (gconstpointer data)
{
  static const char * const modes[][2] = {
    { "stats", NULL },
    { "fmt", NULL },
    { "fmt", "--check" },
  };
  const BadFile *bad = data;
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "bad.stormline", NULL);
  g_autofree char *before = NULL;
  g_autofree char *names_before = NULL;

  if (bad->make != NULL)
    bad->make (path);
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad->content, strlen (bad->content));

      write_bytes (path, bytes);
    }
  before = describe_file (path);
  names_before = list_dir (dir);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      g_autofree char *names_after = NULL;
      int status;

      if (modes[i][1] != NULL)
        status = test_run_cli (&out, &err, modes[i][0], modes[i][1], path, NULL);
      else
        status = test_run_cli (&out, &err, modes[i][0], path, NULL);

      g_test_message ("%s%s%s: %.*s", modes[i][0], modes[i][1] ? " " : "",
                      modes[i][1] ? modes[i][1] : "", (int) strcspn (err, "\n"), err);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      assert_one_error_line (err, path);

      after = describe_file (path);
      g_assert_cmpstr (after, ==, before);
      names_after = list_dir (dir);
      g_assert_cmpstr (names_after, ==, names_before);
    }

  remove_tree (dir);
}

/* The command line */

typedef struct
{
  const char *name;
  const char *args[4];    /* up to NULL; EXAMPLE stands for the example */
  int status;
  const char *out;        /* a part of stdout; NULL: nothing on stdout */
  const char *err;        /* a part of stderr; NULL: nothing on stderr */
} Usage;

static const Usage usages[] = {
  { "no-arguments", { NULL }, 2, NULL, "stormline-cli" },
  { "unknown-command", { "frobnicate", NULL }, 2, NULL, "frobnicate" },
  { "unknown-long-option", { "--frobnicate", NULL }, 2, NULL, "--frobnicate" },
  { "stats-without-file", { "stats", NULL }, 2, NULL, "FILE" },
  { "stats-two-files", { "stats", "EXAMPLE", "EXAMPLE", NULL }, 2, NULL, "FILE" },
  { "stats-unknown-option", { "stats", "--frobnicate", "EXAMPLE", NULL }, 2, NULL, "--frobnicate" },
  { "fmt-without-file", { "fmt", NULL }, 2, NULL, "FILE" },
  { "fmt-check-without-file", { "fmt", "--check", NULL }, 2, NULL, "FILE" },
  { "fmt-unknown-option", { "fmt", "--check", "--frobnicate", "EXAMPLE" }, 2, NULL, "--frobnicate" },
  { "help", { "--help", NULL }, 0, "stats", NULL },
  { "help-short", { "-h", NULL }, 0, "fmt", NULL },
  { "help-stats", { "stats", "--help", NULL }, 0, "stats", NULL },
  { "help-fmt", { "fmt", "--help", NULL }, 0, "--check", NULL },
  { "version", { "--version", NULL }, 0, "stormline-cli ", NULL },
};

static void
test_usage (gconstpointer data)
{
  const Usage *usage = data;
  const char *args[G_N_ELEMENTS (usage->args) + 1] = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (usage->args) && usage->args[i] != NULL; i++)
    args[i] = g_str_equal (usage->args[i], "EXAMPLE") ? example_path () : usage->args[i];

  status = test_run_cli (&out, &err, args[0], args[1], args[2], args[3], NULL);
  g_test_message ("exit status %d; stderr: %.*s", status, (int) strcspn (err, "\n"), err);

  g_assert_cmpint (status, ==, usage->status);
  if (usage->out != NULL)
    g_assert_nonnull (strstr (out, usage->out));
  else
    g_assert_cmpstr (out, ==, "");
  if (usage->err != NULL)
    g_assert_nonnull (strstr (err, usage->err));
  else
    g_assert_cmpstr (err, ==, "");
}

/* The summaries of the commands in --help start in one column. */
static void
test_help_aligned (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  glong stats_column = -1, fmt_column = -1;

  g_assert_cmpint (test_run_cli (&out, &err, "--help", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *summary;

      if (g_str_has_prefix (lines[i], "  stats ") && (summary = strstr (lines[i], "Count ")))
        stats_column = g_utf8_pointer_to_offset (lines[i], summary);
      else if (g_str_has_prefix (lines[i], "  fmt ") && (summary = strstr (lines[i], "Rewrite ")))
        fmt_column = g_utf8_pointer_to_offset (lines[i], summary);
    }

  g_assert_cmpint (stats_column, >, 0);
  g_assert_cmpint (fmt_column, >, 0);
  g_assert_cmpint (fmt_column, ==, stats_column);
}

/* import and export-eventmodelers: the real export, with its warnings on
 * stderr, and the model back out again. */
static void
test_eventmodelers (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                   "understanding-eventsourcing-cart.json", NULL);
  g_autofree char *model = g_build_filename (dir, "cart.stormline", NULL);
  g_autofree char *exported = g_build_filename (dir, "cart.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlDocument) document = NULL;

  g_assert_cmpint (test_run_cli (&out, &err, "import", source, "-o", model, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "warning: "));
  g_assert_nonnull (strstr (err, "3458764595831018749"));
  bytes = read_bytes (model);
  document = sl_format_load_bytes (bytes, NULL);
  g_assert_nonnull (document);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (document)), ==, 34);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "export-eventmodelers", model, "-o", exported, NULL), ==, 0);
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));

  /* Bad input: one line, status 2, nothing written. */
  g_file_set_contents (broken, "{\"slices\": [", -1, NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "import", broken, "-o", model, NULL), ==, 2);
  assert_one_error_line (err, broken);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "import", source, NULL), ==, 2);

  remove_tree (dir);
}

/* check: lines, a summary, JSON for machines, and the exit status CI
 * reads: 0 without errors, 1 with, 2 for a file that cannot be read. */
static void
test_check (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                   "understanding-eventsourcing-cart.json", NULL);
  g_autofree char *cart = g_build_filename (dir, "cart.stormline", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SlJson) json = NULL;
  g_autoptr(GError) error = NULL;
  SlJsonNode *root, *problems, *steps, *first;

  g_assert_cmpint (test_run_cli (&out, &err, "check", example_path (), NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 errors, 0 warnings, 0 hints"));

  /* One field mistyped: the summary counts in words that agree. */
  {
    g_autoptr(SlDocument) broken = test_load_example ();
    g_autofree char *path = g_build_filename (dir, "broken.stormline", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    sl_document_set_field_name (broken, sl_document_lookup_note (broken, "cmd-book-room"), 0, "guestID");
    g_assert_true (sl_format_save_file (broken, file, NULL));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (test_run_cli (&out, &err, "check", path, NULL), ==, 1);
    g_assert_nonnull (strstr (out, ": 4 errors, 1 warning, 0 hints\n"));
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "import", source, "-o", cart, NULL), ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "check", cart, NULL), ==, 1);
  g_assert_nonnull (strstr (out, ": note “Submit Cart”: command-no-trigger: "));
  g_assert_nonnull (strstr (out, ": note “Submit Cart” [aggregateId]: field-no-origin: "));

  /* Only step 5, only errors. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "check", "--step", "5", "--severity", "error", cart, NULL), ==, 1);
  g_assert_null (strstr (out, "field-no-origin"));
  g_assert_nonnull (strstr (out, "command-no-trigger"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "check", "--json", cart, NULL), ==, 1);
  json = sl_json_parse (out, strlen (out), &error);
  g_assert_no_error (error);
  root = sl_json_get_root (json);
  g_assert_cmpstr (sl_json_node_get_string (sl_json_object_get (root, "file")), ==, cart);
  problems = sl_json_object_get (root, "problems");
  g_assert_cmpuint (sl_json_node_get_length (problems), >, 0);
  first = sl_json_array_get (problems, 0);
  for (guint i = 0; i < 6; i++)
    g_assert_nonnull (sl_json_object_get (first, (const char *[]) { "rule", "severity", "note", "note_text", "field", "message" }[i]));
  steps = sl_json_object_get (root, "steps");
  g_assert_cmpuint (sl_json_node_get_length (steps), ==, 8);
  g_assert_cmpint (sl_json_node_get_integer (sl_json_object_get (sl_json_array_get (steps, 0), "step")), ==, 1);
  g_assert_cmpstr (sl_json_node_get_string (sl_json_object_get (sl_json_array_get (steps, 0), "status")), ==, "done");

  /* Unreadable, and wrong options. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "check", dir, NULL), ==, 2);
  assert_one_error_line (err, dir);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "check", "--step", "9", cart, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "check", "--severity", "fatal", cart, NULL), ==, 2);

  remove_tree (dir);
}

/* check --json escapes what JSON needs escaped: a note text, a field name
 * and a file name with quotes, backslashes, control characters (U+001F,
 * which json-glib 1.6 leaves as it is, among them) and non-ASCII come back
 * as they were, read by json-glib and by the strict reader of RFC 8259. */
static void
test_check_json_texts (void)
{
  static const char text[] = "Say \"hi\" \\ back\n\t\001\037\177 ünï € 😀 \u2028";
  static const char field[] = "guest\"ID\\\037\n ü";
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "a \"model\" \\ näme\037.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlDocument) document = test_load_example ();
  SlNote *note = sl_document_lookup_note (document, "cmd-book-room");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SlJson) strict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root;
  JsonArray *problems;
  guint found = 0;

  sl_document_set_note_text (document, note, text);
  sl_document_set_field_name (document, note, 0, field);
  g_assert_true (sl_format_save_file (document, file, NULL));

  g_assert_cmpint (test_run_cli (&out, &err, "check", "--json", path, NULL), ==, 1);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_suffix (out, "}\n"));
  strict = sl_json_parse (out, strlen (out), &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, path);
  problems = json_object_get_array_member (root, "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *problem = json_array_get_object_element (problems, i);

      if (g_strcmp0 (json_node_get_string (json_object_get_member (problem, "note")), "cmd-book-room") != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (problem, "note_text"), ==, text);
      found += g_strcmp0 (json_node_get_string (json_object_get_member (problem, "field")), field) == 0;
    }
  g_assert_cmpuint (found, >, 0);

  remove_tree (dir);
}

/* Text a terminal would act on */

/* A model whose title, lane, note texts and field name hold what a
 * terminal acts on: escape sequences that set the window's title and
 * clear the screen, C1 controls, bidi overrides, line separators, and a
 * newline followed by what looks like a line of stormline-cli. */
static const char hostile_model[] =
  "{\n"
  "  \"stormline\": 1,\n"
  "  \"title\": \"Hotel \\u001b]0;pwned\\u0007\\u001b[2J\\u0085 \\u202eevil\\u202c\",\n"
  "  \"lanes\": [ { \"id\": \"lane-1\", \"kind\": \"events\", \"name\": \"Lane\\u0001\\u009b1m\" } ],\n"
  "  \"notes\": [\n"
  "    { \"id\": \"n-1\", \"kind\": \"event\", \"lane\": \"lane-1\", \"x\": 0, \"y\": 0,\n"
  "      \"text\": \"Room\\u0001 Booked\\u001b[2J\\nstormline-cli: all fine\\r\\u000b\\u007f \\u2028 \\u2066x\\u2069\" },\n"
  "    { \"id\": \"n-2\", \"kind\": \"command\", \"lane\": \"lane-1\", \"x\": 300, \"y\": 0, \"text\": \"Book\",\n"
  "      \"fields\": [ { \"name\": \"a\\u001b[2Jb\\nstormline-cli: forged\", \"type\": \"String\" } ] }\n"
  "  ]\n"
  "}\n";

/* What the hostile model's texts are once loaded. */
#define HOSTILE_NOTE_TEXT "Room\001 Booked\033[2J\nstormline-cli: all fine\r\013\177 \u2028 \u2066x\u2069"
#define HOSTILE_FIELD     "a\033[2Jb\nstormline-cli: forged"

/* Asserts that @output is UTF-8 with nothing a terminal acts on but the
 * newlines that end its lines: no C0 or C1 control, no DEL, no line
 * separator, no bidi embedding, override or isolate. */
static void
assert_no_raw_controls (const char *output)
{
  g_assert_true (g_utf8_validate (output, -1, NULL));
  for (const char *p = output; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
                         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

      if (control)
        g_test_message ("U+%04X at byte %td of:\n%s", c, p - output, output);
      g_assert_false (control);
    }
}

/* As assert_one_error_line(), with nothing for a terminal to act on. */
static void
assert_one_clean_error_line (const char *err,
                             const char *path)
{
  assert_no_raw_controls (err);
  assert_one_error_line (err, path);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

typedef struct
{
  const char *name;
  const char *text;
  const char *escaped;
} Escape;

static const Escape escapes[] = {
  { "plain", "Room Booked ünï € 😀 \\ back \u200f", "Room Booked ünï € 😀 \\ back \u200f" },
  { "escape-sequences", "\033]0;title\007\033[2J", "\\x1b]0;title\\x07\\x1b[2J" },
  { "line-ends", "a\nb\r\tc", "a\\nb\\r\\tc" },
  { "c0-del", "\001\037\177", "\\x01\\x1f\\x7f" },
  { "c1", "\xc2\x80\xc2\x85\xc2\x9b\xc2\x9f\u00a0", "\\u0080\\u0085\\u009b\\u009f\u00a0" },
  { "separators", "\u2028\u2029", "\\u2028\\u2029" },
  { "bidi", "\u202a\u202e\u2066\u2069", "\\u202a\\u202e\\u2066\\u2069" },
  { "noncharacters", "\uFFFE\uFFFF\uFDD0\U0001FFFE", "\\ufffe\\uffff\\ufdd0\\U0001fffe" },
  { "not-utf8", "caf\xe9 \xff\xc3", "caf\\xe9 \\xff\\xc3" },
  { "surrogate", "\xed\xa0\x80", "\\xed\\xa0\\x80" },
};

static void
test_escape_controls (gconstpointer data)
{
  const Escape *escape = data;
  g_autofree char *escaped = sl_text_escape_controls (escape->text);

  g_assert_cmpstr (escaped, ==, escape->escaped);
  assert_no_raw_controls (escaped);
}

/* JSON's own escapes: the value reads back as it was. */
static void
test_escape_controls_in_json (void)
{
  static const char json[] = "{\"a\":\"x\\n\177\xc2\x85\u202e\u2028 ü\",\"b\":[1,\"\xff\"]}";
  g_autofree char *escaped = sl_text_escape_controls_in_json (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlJson) parsed = NULL;

  g_assert_cmpstr (escaped, ==, "{\"a\":\"x\\n\\u007f\\u0085\\u202e\\u2028 ü\",\"b\":[1,\"\\ufffd\"]}");
  parsed = sl_json_parse (escaped, strlen (escaped), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_json_node_get_string (sl_json_object_get (sl_json_get_root (parsed), "a")), ==,
                   "x\n\177\xc2\x85\u202e\u2028 ü");
}

/* stats, check and fmt --check show a hostile model's texts and a hostile
 * file name escaped, each problem on its one line; check --json keeps the
 * texts as they are, in JSON's escapes. */
static void
test_hostile_output (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hostile\033]0;x\007\n.stormline", NULL);
  g_autofree char *escaped_path = sl_text_escape_controls (path);
  g_autofree char *title_line = NULL;
  g_autofree char *field_line = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (hostile_model, sizeof hostile_model - 1);
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  JsonArray *shown;
  guint found = 0;

  g_file_set_contents (path, hostile_model, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (test_run_cli (&out, &err, "stats", path, NULL), ==, 0);
  assert_no_raw_controls (out);
  g_assert_cmpstr (err, ==, "");
  title_line = g_strdup_printf ("%s: Hotel \\x1b]0;pwned\\x07\\x1b[2J\\u0085 \\u202eevil\\u202c\n", escaped_path);
  g_assert_true (g_str_has_prefix (out, title_line));

  /* One line a problem, and the summary. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  document = sl_format_load_bytes (bytes, &error);
  g_assert_no_error (error);
  problems = sl_check_run (document);
  g_assert_cmpint (test_run_cli (&out, &err, "check", path, NULL), ==, 1);
  assert_no_raw_controls (out);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (count_lines (out), ==, problems->len + 1);
  g_assert_nonnull (strstr (out, ": note “Room\\x01 Booked\\x1b[2J\\nstormline-cli: all fine\\r\\x0b\\x7f "
                                 "\\u2028 \\u2066x\\u2069”: "));
  field_line = g_strdup_printf ("%s: note “Book” [a\\x1b[2Jb\\nstormline-cli: forged]: field-no-origin: ",
                                escaped_path);
  g_assert_nonnull (strstr (out, field_line));
  g_assert_null (strstr (out, "\nstormline-cli"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "check", "--json", path, NULL), ==, 1);
  assert_no_raw_controls (out);
  g_assert_cmpuint (count_lines (out), ==, 1);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  shown = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "problems");
  for (guint i = 0; i < json_array_get_length (shown); i++)
    {
      JsonObject *problem = json_array_get_object_element (shown, i);
      const char *note = json_object_get_string_member (problem, "note");

      if (g_str_equal (note, "n-1"))
        found += g_str_equal (json_object_get_string_member (problem, "note_text"), HOSTILE_NOTE_TEXT);
      else if (!json_object_get_null_member (problem, "field"))
        found += g_str_equal (json_object_get_string_member (problem, "field"), HOSTILE_FIELD);
    }
  g_assert_cmpuint (found, >=, 2);

  /* The model is not in canonical form: fmt --check names it. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "fmt", "--check", path, NULL), ==, 1);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, escaped_path));
  g_assert_cmpuint (count_lines (out), ==, 1);
  assert_no_raw_controls (out);

  remove_tree (dir);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *message;  /* what the one line says after the file's name */
} HostileFile;

static const HostileFile hostile_files[] = {
  { "key", "{\"stormline\": 1, \"title\\n\\u001b[2Jstormline-cli: ok\": \"\"}",
    "line 1, column 55: the model: unknown key “title\\n\\x1b[2Jstormline-cli: ok”" },
  { "lane-kind", "{\"stormline\": 1, \"lanes\": [{\"id\": \"l\\u009b2J\", \"kind\": \"x\\nstormline-cli: ok\"}]}",
    "line 1, column 56: lanes[0] (id “l\\u009b2J”): unknown lane kind “x\\nstormline-cli: ok”" },
};

/* A message that quotes a key, a kind or an id of the file is one line,
 * which keeps its place at its start. */
static void
test_hostile_error (gconstpointer data)
{
  const HostileFile *hostile = data;
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "bad.stormline", NULL);
  g_autofree char *start = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, hostile->contents, -1, &error);
  g_assert_no_error (error);
  start = g_strdup_printf ("stormline-cli: %s: %s", path, hostile->message);

  g_assert_cmpint (test_run_cli (&out, &err, "stats", path, NULL), ==, 2);
  assert_one_clean_error_line (err, path);
  if (!g_str_has_prefix (err, start))
    g_test_message ("“%s” does not start with “%s”", err, start);
  g_assert_true (g_str_has_prefix (err, start));
  g_assert_cmpstr (out, ==, "");

  remove_tree (dir);
}

/* What stormline-cli says about its arguments and about files it cannot
 * read, and the warnings of an import, quote them on one line. */
static void
test_hostile_arguments (void)
{
  static const char eventmodelers[] =
    "{\"slices\": [{\"title\": \"Cart\\u001b]0;x\\u0007\", \"status\": \"done\\nstormline-cli: ok\\u0085\"}]}";
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *missing = g_build_filename (dir, "gone\033[2J\n.stormline", NULL);
  g_autofree char *source = g_build_filename (dir, "cart.json", NULL);
  g_autofree char *model = g_build_filename (dir, "cart.stormline", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (test_run_cli (&out, &err, "check", missing, NULL), ==, 2);
  assert_one_clean_error_line (err, "gone\\x1b[2J\\n.stormline");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "stat\033]0;x\007\n", NULL), ==, 2);
  assert_one_clean_error_line (err, "“stat\\x1b]0;x\\x07\\n”");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "export", example_path (), "-o", "a.svg", "--scale", "\0332\n", NULL), ==, 2);
  assert_one_clean_error_line (err, "“\\x1b2\\n”");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "export", example_path (), "-o", "a\033[2J\n.txt", NULL), ==, 2);
  assert_one_clean_error_line (err, "a\\x1b[2J\\n.txt");

  /* One warning, one line. */
  g_file_set_contents (source, eventmodelers, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "import", source, "-o", model, NULL), ==, 0);
  assert_one_clean_error_line (err, "unknown status “done\\nstormline-cli: ok\\u0085”");
  g_assert_nonnull (strstr (err, "slice “Cart\\x1b]0;x\\x07”"));

  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/stats/example", test_stats_example);
  g_test_add_func ("/cli/stats/untitled", test_stats_untitled);

  g_test_add_func ("/cli/fmt/check-canonical", test_fmt_check_canonical);
  g_test_add_func ("/cli/fmt/canonical-untouched", test_fmt_canonical_untouched);
  g_test_add_func ("/cli/fmt/several-files", test_fmt_several_files);
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/fmt/rewrites/%s", variants[i].name);

      g_test_add_data_func (path, &variants[i], test_fmt_rewrites);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/bad-file/%s", bad_files[i].name);

      g_test_add_data_func (path, &bad_files[i], test_bad_file);
    }

  for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/usage/%s", usages[i].name);

      g_test_add_data_func (path, &usages[i], test_usage);
    }
  g_test_add_func ("/cli/usage/help-aligned", test_help_aligned);

  g_test_add_func ("/cli/eventmodelers", test_eventmodelers);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/check/json-texts", test_check_json_texts);

  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/escape/%s", escapes[i].name);

      g_test_add_data_func (path, &escapes[i], test_escape_controls);
    }
  g_test_add_func ("/cli/escape/json", test_escape_controls_in_json);
  g_test_add_func ("/cli/hostile/output", test_hostile_output);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/hostile/error/%s", hostile_files[i].name);

      g_test_add_data_func (path, &hostile_files[i], test_hostile_error);
    }
  g_test_add_func ("/cli/hostile/arguments", test_hostile_arguments);

  return g_test_run ();
}
