/* bench-diff.c: the time of a semantic diff of two large versions
 *
 * Usage: bench-diff [N] [DIR]   (default: 10000 notes)
 *
 * Generates a board of N notes and a second version of it, read from the
 * same bytes and edited as a day's work edits a model: one note in a
 * hundred renamed, one in a hundred given a field, one in two hundred
 * moved to another lane, one in two hundred removed, one in fifty moved
 * within its lane. Times sl_diff_new() (which runs the check on both
 * versions) and the text and the JSON made from it, 7 times each, and
 * prints the median and the slowest. With DIR, writes the two versions
 * there as old.stormline and new.stormline, for `stormline-cli diff`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"

#define N_RUNS 7

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double     *ms)
{
  qsort (ms, N_RUNS, sizeof (double), compare_doubles);
  g_print ("%-28s median %8.1f ms   slowest %8.1f ms\n", what, ms[N_RUNS / 2], ms[N_RUNS - 1]);
}

static void
edit (SlDocument *document)
{
  GListModel *notes = sl_document_get_notes (document);
  GListModel *lanes = sl_document_get_lanes (document);
  guint n_notes = g_list_model_get_n_items (notes);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();

  for (guint i = 0; i < n_notes; i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      if (i % 100 == 1)
        {
          g_autofree char *text = g_strdup_printf ("%s, renamed", sl_note_get_text (note));

          sl_document_set_note_text (document, note, text);
        }
      if (i % 100 == 2 && sl_note_kind_has_fields (sl_note_get_kind (note)))
        sl_document_insert_field (document, note, -1, "addedToday", SL_FIELD_STRING);
      if (i % 200 == 3)
        {
          SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes),
                                               (sl_document_get_lane_position (document, sl_note_get_lane (note)) + 1)
                                               % g_list_model_get_n_items (lanes));

          sl_document_move_note (document, note, lane, sl_note_get_x (note), sl_note_get_y (note));
        }
      if (i % 50 == 4)
        sl_document_move_note (document, note, sl_note_get_lane (note), sl_note_get_x (note) + 1,
                               sl_note_get_y (note) + 5);
      if (i % 200 == 5)
        g_ptr_array_add (doomed, note);
    }
  for (guint i = 0; i < doomed->len; i++)
    sl_document_remove_note (document, g_ptr_array_index (doomed, i));
}

int
main (int    argc,
      char **argv)
{
  guint n_notes = argc > 1 ? atoi (argv[1]) : 10000;
  g_autoptr(SlDocument) generated = sl_generate_board (n_notes, 1);
  g_autoptr(GBytes) bytes = sl_format_save_to_bytes (generated);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) old_document = sl_format_load_bytes (bytes, &error);
  g_autoptr(SlDocument) new_document = sl_format_load_bytes (bytes, &error);
  double diff_ms[N_RUNS], text_ms[N_RUNS], json_ms[N_RUNS];
  guint n_items = 0;

  g_assert_no_error (error);
  edit (new_document);

  if (argc > 2)
    {
      g_autoptr(GBytes) edited = sl_format_save_to_bytes (new_document);
      g_autofree char *old_path = g_build_filename (argv[2], "old.stormline", NULL);
      g_autofree char *new_path = g_build_filename (argv[2], "new.stormline", NULL);

      if (!g_file_set_contents (old_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error) ||
          !g_file_set_contents (new_path, g_bytes_get_data (edited, NULL), g_bytes_get_size (edited), &error))
        {
          g_printerr ("bench-diff: %s\n", error->message);
          return 2;
        }
    }

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(SlDiff) diff = NULL;
      g_autofree char *text = NULL;
      g_autofree char *json = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      diff = sl_diff_new (old_document, new_document);
      diff_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      text = sl_diff_to_text (diff);
      text_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      json = sl_diff_to_json (diff);
      json_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      n_items = sl_diff_get_n_items (diff);
    }

  g_print ("%u notes, %u items in the diff\n", g_list_model_get_n_items (sl_document_get_notes (old_document)),
           n_items);
  report ("sl_diff_new (both checks)", diff_ms);
  report ("sl_diff_to_text", text_ms);
  report ("sl_diff_to_json", json_ms);

  return 0;
}
