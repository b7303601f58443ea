/* bench-search.c: the time of the find bar's search on large models
 *
 * Usage: bench-search [N]   (default: 100000 notes)
 *
 * Times sl_search_notes(), which the find bar runs at each key typed, for
 * queries that find one note, many notes, a kind, a field name and
 * nothing, and reports the median and the slowest of 11 runs of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"

#define N_RUNS 11

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const queries[] = {
    "o",              /* the first key typed: most notes */
    "order placed",   /* a few hundred notes */
    "event",          /* a kind */
    "customerid",     /* a field name */
    "café zzz",       /* accents, and nothing found */
  };
  guint n_notes = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(SlDocument) document = sl_generate_board (n_notes, 1);

  g_print ("%u notes\n", g_list_model_get_n_items (sl_document_get_notes (document)));
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      double ms[N_RUNS];
      guint n_found = 0;

      for (guint i = 0; i < N_RUNS; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) found = sl_search_notes (document, queries[q]);

          ms[i] = (g_get_monotonic_time () - start) / 1000.0;
          n_found = found->len;
        }
      qsort (ms, N_RUNS, sizeof (double), compare_doubles);
      g_print ("  %-14s %6u found: median %.1f ms, slowest %.1f ms\n",
               queries[q], n_found, ms[N_RUNS / 2], ms[N_RUNS - 1]);
    }

  return EXIT_SUCCESS;
}
