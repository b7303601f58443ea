/* bench-draft.c: what a draft costs, on the main thread and to the disk
 *
 * Usage: bench-draft [N ...]   (default: 10000 100000)
 *
 * For each size, a generated board is drafted once (everything written,
 * as for the first draft of a model that was not primed), then edited and
 * drafted again and again, as SlWindow does: each edit moves one note and
 * renames another, so a draft reuses the text of the one before for all
 * else. Then it is primed as a window does when it opens a model (1,000
 * elements a step, while the main loop is idle) and drafted after an
 * edit. For the first draft, the others (median and worst) and the one
 * after priming: the time the
 * main thread spends (planning the draft and handing it to the store) and
 * the time until the draft is on the disk (put together, written, synced
 * and renamed by the store's thread). A window drafts at most 500 ms
 * after a change, so an edit reaches the disk within that plus the
 * second figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include <glib/gstdio.h>

#include "sl-generate.h"

#define RUNS 9

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
bench (SlDraftStore *store,
       guint         n_notes)
{
  g_autoptr(SlDocument) document = sl_generate_board (n_notes, 1);
  GListModel *notes = sl_document_get_notes (document);
  double main_ms[RUNS], disk_ms[RUNS], first_main = 0, first_disk = 0;
  double prime_ms, prime_worst = 0, primed_main, primed_disk;
  g_autofree char *path = NULL;
  guint serial = 0;
  GStatBuf st;

  for (int i = -1; i < RUNS; i++)
    {
      SlNote *moved = g_list_model_get_item (notes, (i + 1) * 7919 % n_notes);
      SlNote *renamed = g_list_model_get_item (notes, (i + 1) * 104729 % n_notes);
      g_autofree char *text = g_strdup_printf ("Renamed %d", i);
      gint64 start, handed, done;

      sl_document_move_note (document, moved, sl_note_get_lane (moved), sl_note_get_x (moved) + 8, sl_note_get_y (moved));
      sl_document_set_note_text (document, renamed, text);
      g_object_unref (moved);
      g_object_unref (renamed);

      start = g_get_monotonic_time ();
      serial = sl_draft_store_write (store, "bench", document, NULL, NULL, i + 2, serial);
      handed = g_get_monotonic_time ();
      sl_draft_store_flush (store);
      done = g_get_monotonic_time ();
      if (i < 0)
        {
          first_main = (handed - start) / 1000.0;
          first_disk = (done - start) / 1000.0;
        }
      else
        {
          main_ms[i] = (handed - start) / 1000.0;
          disk_ms[i] = (done - start) / 1000.0;
        }
    }
  sl_draft_store_release (store, serial);

  {
    g_autoptr(SlDocument) opened = sl_generate_board (n_notes, 2);
    SlDraftPrimer *primer = sl_draft_primer_new (opened);
    SlNote *moved = g_list_model_get_item (sl_document_get_notes (opened), n_notes / 2);
    gint64 start, step;
    guint n_steps = 0;
    gboolean done;

    start = g_get_monotonic_time ();
    do
      {
        step = g_get_monotonic_time ();
        done = sl_draft_primer_step (primer, 1000);
        prime_worst = MAX (prime_worst, (g_get_monotonic_time () - step) / 1000.0);
        n_steps++;
      }
    while (!done);
    prime_ms = (g_get_monotonic_time () - start) / 1000.0;
    serial = sl_draft_store_prime (store, primer);

    sl_document_move_note (opened, moved, sl_note_get_lane (moved), sl_note_get_x (moved) + 8, sl_note_get_y (moved));
    g_object_unref (moved);
    start = g_get_monotonic_time ();
    serial = sl_draft_store_write (store, "bench", opened, NULL, NULL, 1, serial);
    primed_main = (g_get_monotonic_time () - start) / 1000.0;
    sl_draft_store_flush (store);
    primed_disk = (g_get_monotonic_time () - start) / 1000.0;
    sl_draft_store_release (store, serial);
    g_print ("%7u notes  primed in %u steps, %.1f ms in all, worst step %.1f ms\n",
             n_notes, n_steps, prime_ms, prime_worst);
  }

  qsort (main_ms, RUNS, sizeof (double), compare_doubles);
  qsort (disk_ms, RUNS, sizeof (double), compare_doubles);

  path = g_build_filename (sl_draft_store_get_directory (store), "bench.draft", NULL);
  g_assert_no_errno (g_stat (path, &st));
  g_print ("%7u notes  %5.1f MB draft  first: main thread %6.1f ms, on disk %6.1f ms\n"
           "%7u notes  after an edit: main thread %5.1f ms (worst %5.1f), on disk %6.1f ms (worst %6.1f)\n"
           "%7u notes  first after priming: main thread %5.1f ms, on disk %6.1f ms\n",
           n_notes, st.st_size / 1e6, first_main, first_disk,
           n_notes, main_ms[RUNS / 2], main_ms[RUNS - 1], disk_ms[RUNS / 2], disk_ms[RUNS - 1],
           n_notes, primed_main, primed_disk);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-draft-XXXXXX", &error);
  g_autoptr(SlDraftStore) store = NULL;

  g_assert_no_error (error);
  store = sl_draft_store_new (dir);

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      bench (store, strtoul (argv[i], NULL, 10));
  else
    {
      bench (store, 10000);
      bench (store, 100000);
    }

  g_clear_object (&store);
  g_rmdir (dir);
  return 0;
}
