/* bench-codegen.c: the time of code generation
 *
 * Usage: bench-codegen HOTEL.stormline [N] [RUNS]
 *        (default: a 10,000-note board, 5 runs)
 *
 * Times sl_codegen_run() in TypeScript, forced past the check's errors
 * (a generated board has some), for the hotel example and for a
 * generated board of N notes: into an empty folder (every file written),
 * then again into the same folder (every file read, its marked bodies
 * merged, none written). The time includes the check and the JSON
 * Schemas; prints the median and the range of RUNS runs of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include <glib/gstdio.h>

#include "sl-generate.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static double
run_once (SlDocument *document,
          const char *dir,
          guint      *n_files,
          guint      *n_written)
{
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCodegenReport) report = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  report = sl_codegen_run (document, SL_CODEGEN_TYPESCRIPT, "bench.stormline", directory, SL_CODEGEN_FORCE, &error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (report == NULL)
    g_error ("%s", error->message);
  *n_files = sl_codegen_report_get_n_files (report);
  *n_written = sl_codegen_report_get_n_written (report);
  return ms;
}

static void
measure (const char *what,
         SlDocument *document,
         guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree double *fresh = g_new (double, runs);
  g_autofree double *again = g_new (double, runs);
  guint n_files = 0, n_written = 0, n_written_again = 0;

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("stormline-bench-codegen-XXXXXX", &error);
      g_autofree char *out = NULL;

      g_assert_no_error (error);
      out = g_build_filename (dir, "out", NULL);
      fresh[i] = run_once (document, out, &n_files, &n_written);
      again[i] = run_once (document, out, &n_files, &n_written_again);
      remove_tree (dir);
    }
  qsort (fresh, runs, sizeof (double), compare_doubles);
  qsort (again, runs, sizeof (double), compare_doubles);

  g_print ("%s: %u files\n", what, n_files);
  g_print ("  into an empty folder (%u written):   median %8.1f ms  range %.1f-%.1f ms\n",
           n_written, fresh[runs / 2], fresh[0], fresh[runs - 1]);
  g_print ("  again, same model (%u written):      median %8.1f ms  range %.1f-%.1f ms\n",
           n_written_again, again[runs / 2], again[0], again[runs - 1]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) hotel_file = NULL;
  g_autoptr(SlDocument) hotel = NULL;
  g_autoptr(SlDocument) board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  guint n_notes = argc > 2 ? atoi (argv[2]) : 10000;
  guint runs = argc > 3 ? MAX (atoi (argv[3]), 1) : 5;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-codegen HOTEL.stormline [N] [RUNS]\n");
      return 2;
    }

  hotel_file = g_file_new_for_commandline_arg (argv[1]);
  hotel = sl_format_load_file (hotel_file, &error);
  if (hotel == NULL)
    g_error ("%s", error->message);
  measure ("hotel", hotel, runs);

  board = sl_generate_board (n_notes, 1);
  what = g_strdup_printf ("%u notes", n_notes);
  measure (what, board, runs);

  return 0;
}
