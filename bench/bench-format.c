/* bench-format.c: the time to load and save boards, and their memory
 *
 * Usage: bench-format [N ...]   (default: 1000 10000 100000;
 *                               1000000 takes a few minutes and 3 GB)
 *
 * For each size, the medians of several runs of: opening a generated board
 * from its file (read, parse, build the document), saving it to the file
 * (serialize, write, fsync, rename) and serializing alone; then the heap a
 * loaded board takes per note, and the heap of 10,000 undo steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <malloc.h>
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

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static gsize
text_bytes (SlDocument *document)
{
  GListModel *notes = sl_document_get_notes (document);
  gsize bytes = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i);

      bytes += strlen (sl_note_get_text (note)) + 1;
    }

  return bytes;
}

static void
bench_size (guint n_notes)
{
  g_autoptr(SlDocument) generated = sl_generate_board (n_notes, 1);
  g_autoptr(GBytes) bytes = sl_format_save_to_bytes (generated);
  guint n = g_list_model_get_n_items (sl_document_get_notes (generated));
  guint runs = n_notes >= 1000000 ? 3 : n_notes >= 100000 ? 5 : 11;
  double load_ms[11], save_ms[11], file_ms[11];
  g_autofree char *dir = g_dir_make_tmp ("stormline-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 start;
  gsize before, after, texts;

  if (!sl_format_save_file (generated, file, NULL))
    g_error ("cannot save to %s", path);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(SlDocument) loaded = NULL;
      g_autoptr(GBytes) saved = NULL;

      /* Opening: reading the file (from the page cache), parsing, building. */
      start = g_get_monotonic_time ();
      loaded = sl_format_load_file (file, NULL);
      load_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (loaded != NULL);

      start = g_get_monotonic_time ();
      saved = sl_format_save_to_bytes (loaded);
      save_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (g_bytes_equal (saved, bytes));

      /* Saving to the file: serializing, writing, fsync, rename. */
      start = g_get_monotonic_time ();
      if (!sl_format_save_file (loaded, file, NULL))
        g_error ("cannot save to %s", path);
      file_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_unlink (path);
  g_rmdir (dir);

  /* The heap one loaded board takes, with the parse tree freed. */
  malloc_trim (0);
  before = heap_in_use ();
  {
    g_autoptr(SlDocument) loaded = sl_format_load_bytes (bytes, NULL);

    malloc_trim (0);
    after = heap_in_use ();
    texts = text_bytes (loaded);
  }

  g_print ("%7u notes  %5.1f MB  open %7.1f ms  save %7.1f ms (serialize %6.1f ms)  "
           "memory %4.0f B/note (%4.0f B beyond its text)\n",
           n, g_bytes_get_size (bytes) / 1e6, median (load_ms, runs), median (file_ms, runs),
           median (save_ms, runs), (double) (after - before) / n, (double) (after - before - texts) / n);
}

static void
bench_undo (void)
{
  g_autoptr(SlDocument) document = sl_generate_board (1000, 1);
  SlHistory *history = sl_document_get_history (document);
  GListModel *notes = sl_document_get_notes (document);
  gsize before, after;
  gint64 start;
  double ms;

  sl_history_set_max_depth (history, 10000);
  malloc_trim (0);
  before = heap_in_use ();

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10000; i++)
    {
      SlNote *note = g_list_model_get_item (notes, i % g_list_model_get_n_items (notes));

      if (i % 2)
        sl_document_move_note (document, note, sl_note_get_lane (note), sl_note_get_x (note) + 10, 0);
      else
        sl_document_set_note_text (document, note, "Renamed in a benchmark");
      sl_history_seal (history);
      g_object_unref (note);
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;

  malloc_trim (0);
  after = heap_in_use ();
  g_print ("undo: 10000 steps (moves and renames) %.2f MiB, %.0f B a step, recorded in %.1f ms\n",
           (after - before) / (1024.0 * 1024.0), (double) (after - before) / 10000, ms);
}

int
main (int    argc,
      char **argv)
{
  static const guint sizes[] = { 1000, 10000, 100000 };

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      bench_size (atoi (argv[i]));
  else
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      bench_size (sizes[i]);

  bench_undo ();
  return 0;
}
