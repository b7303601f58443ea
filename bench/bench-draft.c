/* bench-draft.c: what a draft costs, on the main thread and to the disk
 *
 * Usage: bench-draft [N ...]   (default: 10000 100000)
 *
 * For each size, the medians and worst of several drafts of a generated
 * board after an edit: the time the main thread spends (serialising the
 * document and handing it to the store, as SlWindow does) and the time
 * until the draft is on the disk (written, fsynced, renamed by the store's
 * thread). A window waits at most 500 ms after a change before it drafts,
 * so an edit reaches the disk within that plus the second figure.
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
  double main_ms[RUNS], disk_ms[RUNS];
  g_autofree char *path = NULL;
  GStatBuf st;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Board %u", i);
      gint64 start, handed;

      sl_document_set_title (document, title);
      start = g_get_monotonic_time ();
      sl_draft_store_write (store, sl_draft_new ("bench", document, NULL, NULL, i + 1));
      handed = g_get_monotonic_time ();
      sl_draft_store_flush (store);
      main_ms[i] = (handed - start) / 1000.0;
      disk_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (main_ms, RUNS, sizeof (double), compare_doubles);
  qsort (disk_ms, RUNS, sizeof (double), compare_doubles);

  path = g_build_filename (sl_draft_store_get_directory (store), "bench.draft", NULL);
  g_assert_no_errno (g_stat (path, &st));
  g_print ("%7u notes  %6.1f MB draft  main thread %7.1f ms (worst %7.1f)  on disk %7.1f ms (worst %7.1f)\n",
           n_notes, st.st_size / 1e6, main_ms[RUNS / 2], main_ms[RUNS - 1], disk_ms[RUNS / 2], disk_ms[RUNS - 1]);
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
