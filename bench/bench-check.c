/* bench-check.c: the time of the check on large models
 *
 * Usage: bench-check [N]   (default: 100000 notes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  guint n_notes = argc > 1 ? atoi (argv[1]) : 100000;
  g_autoptr(SlDocument) document = sl_generate_board (n_notes, 1);
  double ms[7];
  guint n_problems = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) problems = sl_check_run (document);

      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_problems = problems->len;
    }

  qsort (ms, G_N_ELEMENTS (ms), sizeof *ms, compare_doubles);
  g_print ("%u notes: full check median %.1f ms, slowest %.1f ms (%u problems)\n",
           g_list_model_get_n_items (sl_document_get_notes (document)), ms[G_N_ELEMENTS (ms) / 2],
           ms[G_N_ELEMENTS (ms) - 1], n_problems);
  return 0;
}
