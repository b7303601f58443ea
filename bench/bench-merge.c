/* bench-merge.c: stormline-cli merge of two versions of a large board
 *
 *   bench-merge CLI [N [EDITS [RUNS]]]
 *
 * Generates a board of N notes (10,000), makes two versions of it with
 * EDITS random edits each (300: texts, moves, fields, notes added and
 * removed, connections, a lane renamed; some on the same notes, so there
 * are conflicts), writes the three to a temporary folder and times RUNS
 * runs (5) of `CLI merge BASE OURS THEIRS -o OUT`, the whole command as
 * git runs it: reading and checking the three, merging, writing the
 * result and reading it back. Prints the median and the range, then the
 * median of sl_merge_documents() alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sl-generate.h"

static gpointer
pick (GRand      *rand,
      GListModel *list)
{
  guint n = g_list_model_get_n_items (list);

  return n == 0 ? NULL : sl_element_list_peek (SL_ELEMENT_LIST (list), g_rand_int_range (rand, 0, n));
}

static void
edit (SlDocument *document,
      GRand      *rand,
      guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      SlNote *note = pick (rand, sl_document_get_notes (document));
      SlNote *other = pick (rand, sl_document_get_notes (document));
      SlLane *lane = pick (rand, sl_document_get_lanes (document));
      g_autofree char *text = g_strdup_printf ("Edited %u", g_rand_int (rand) % 100000);

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:
          sl_document_set_note_text (document, note, text);
          break;
        case 1:
          sl_document_move_note (document, note, sl_note_get_lane (note),
                                 sl_note_get_x (note) + g_rand_int_range (rand, 1, 20) * 10, sl_note_get_y (note));
          break;
        case 2:
          if (sl_note_kind_has_fields (sl_note_get_kind (note)))
            sl_document_insert_field (document, note, -1, text, SL_FIELD_STRING);
          break;
        case 3:
          sl_document_add_note (document, SL_NOTE_EVENT, lane, g_rand_int_range (rand, 0, 100000) / 10 * 10, 0, text);
          break;
        case 4:
          sl_document_remove_note (document, note);
          break;
        case 5:
          if (note != other)
            sl_document_add_connection (document, note, other);
          break;
        case 6:
          if (sl_note_get_n_fields (note) > 0)
            sl_document_set_field_type (document, note, 0, SL_FIELD_UUID);
          break;
        default:
          if (g_rand_int_range (rand, 0, 10) == 0)
            sl_document_set_lane_name (document, lane, text);
          else
            sl_document_set_note_pivotal (document, note, TRUE);
          break;
        }
    }
}

static void
write_document (const char *path,
                SlDocument *document)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (!sl_format_save_file (document, file, &error))
    g_error ("%s: %s", path, error->message);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int    argc,
      char **argv)
{
  const char *cli;
  guint n_notes = 10000, n_edits = 300, n_runs = 5;
  g_autoptr(SlDocument) base = NULL;
  g_autoptr(SlDocument) ours = NULL;
  g_autoptr(SlDocument) theirs = NULL;
  g_autoptr(GBytes) base_bytes = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) core_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base_path = NULL, *ours_path = NULL, *theirs_path = NULL, *out_path = NULL;
  GRand *rand;
  int status = 0;
  guint n_conflicts = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-merge CLI [N [EDITS [RUNS]]]\n");
      return 2;
    }
  cli = argv[1];
  if (argc > 2)
    n_notes = atoi (argv[2]);
  if (argc > 3)
    n_edits = atoi (argv[3]);
  if (argc > 4)
    n_runs = MAX (1, atoi (argv[4]));

  base = sl_generate_board (n_notes, 1);
  base_bytes = sl_format_save_to_bytes (base);
  ours = sl_format_load_bytes (base_bytes, NULL);
  theirs = sl_format_load_bytes (base_bytes, NULL);
  sl_document_set_id_seed (ours, 2);
  sl_document_set_id_seed (theirs, 3);
  rand = g_rand_new_with_seed (2);
  edit (ours, rand, n_edits);
  g_rand_set_seed (rand, 3);
  edit (theirs, rand, n_edits);
  g_rand_free (rand);

  dir = g_dir_make_tmp ("bench-merge-XXXXXX", &error);
  g_assert_no_error (error);
  base_path = g_build_filename (dir, "base.stormline", NULL);
  ours_path = g_build_filename (dir, "ours.stormline", NULL);
  theirs_path = g_build_filename (dir, "theirs.stormline", NULL);
  out_path = g_build_filename (dir, "out.stormline", NULL);
  write_document (base_path, base);
  write_document (ours_path, ours);
  write_document (theirs_path, theirs);

  for (guint i = 0; i < n_runs; i++)
    {
      const char *args[] = { cli, "merge", base_path, ours_path, theirs_path, "-o", out_path, NULL };
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  /* What the command does, step by step, in this process */
  for (guint i = 0; i < n_runs; i++)
    {
      const char *paths[] = { base_path, ours_path, theirs_path };
      SlDocument *documents[3];
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autoptr(SlDocument) merged = NULL;
      g_autoptr(SlDocument) reread = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 loaded, done, saved, read_back;
      double ms;

      for (guint j = 0; j < 3; j++)
        {
          g_autoptr(GFile) file = g_file_new_for_path (paths[j]);

          documents[j] = sl_format_load_file (file, &error);
          g_assert_no_error (error);
        }
      loaded = g_get_monotonic_time ();
      merged = sl_merge_documents (documents[0], documents[1], documents[2], &conflicts);
      done = g_get_monotonic_time ();
      bytes = sl_format_save_to_bytes (merged);
      saved = g_get_monotonic_time ();
      reread = sl_format_load_bytes (bytes, &error);
      g_assert_no_error (error);
      read_back = g_get_monotonic_time ();
      for (guint j = 0; j < 3; j++)
        g_object_unref (documents[j]);
      g_clear_object (&merged);
      g_clear_object (&reread);

      ms = (done - loaded) / 1000.0;
      g_array_append_val (core_times, ms);
      n_conflicts = conflicts->len;
      if (i == n_runs / 2)
        g_print ("in process: load the three %.1f ms, merge %.1f ms, save %.1f ms, read back %.1f ms, "
                 "free %.1f ms\n", (loaded - start) / 1000.0, (done - loaded) / 1000.0, (saved - done) / 1000.0,
                 (read_back - saved) / 1000.0, (g_get_monotonic_time () - read_back) / 1000.0);
    }

  g_array_sort (times, compare_doubles);
  g_array_sort (core_times, compare_doubles);
  g_print ("%u notes, %u edits a side, %u conflicts, exit status %d\n", n_notes, n_edits, n_conflicts,
           WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  g_print ("stormline-cli merge: median %.1f ms (%.1f-%.1f ms, %u runs)\n", median (times),
           g_array_index (times, double, 0), g_array_index (times, double, times->len - 1), n_runs);
  g_print ("sl_merge_documents: median %.1f ms (%.1f-%.1f ms)\n", median (core_times),
           g_array_index (core_times, double, 0), g_array_index (core_times, double, core_times->len - 1));

  if (g_getenv ("BENCH_MERGE_KEEP") != NULL)
    {
      g_print ("files kept in %s\n", dir);
      return 0;
    }
  g_unlink (base_path);
  g_unlink (ours_path);
  g_unlink (theirs_path);
  g_unlink (out_path);
  g_rmdir (dir);
  return 0;
}
