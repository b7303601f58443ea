/* bench-edit.c: what a pause in editing costs the window on large boards
 *
 * Usage: bench-edit [N]   (default: 100000 notes)
 *
 * After each pause in editing the window brings its SlChecker up to date,
 * takes its list of problems and gives it to the board's renderer, which
 * marks the cards and measures those whose fields with problems need a
 * taller card (sl-window.c, problems_changed_cb). This times those three
 * steps after 20 edits of each kind (the median and the slowest), and how
 * many cards the renderer measured again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"
#include "sl-renderer-private.h"

#define N_EDITS 20

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static SlNote *
pick (GListModel *notes,
      GRand      *rand,
      SlNoteKind  kind)
{
  for (;;)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes),
                                           g_rand_int_range (rand, 0, g_list_model_get_n_items (notes)));

      if (sl_note_get_kind (note) == kind)
        return note;
    }
}

static void
report (const char *what,
        double     *ms)
{
  qsort (ms, N_EDITS, sizeof *ms, compare_doubles);
  g_print ("  %-40s median %8.2f ms, slowest %8.2f ms\n", what, ms[N_EDITS / 2], ms[N_EDITS - 1]);
}

int
main (int    argc,
      char **argv)
{
  guint n_notes = argc > 1 ? atoi (argv[1]) : 100000;
  g_autoptr(SlDocument) document = sl_generate_board (n_notes, 1);
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  g_autoptr(SlChecker) checker = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GListModel *notes = sl_document_get_notes (document);
  const char *kinds[] = { "rename an event", "rename a command's field" };
  gint64 start;

  start = g_get_monotonic_time ();
  checker = sl_checker_new (document);
  sl_renderer_set_problems (renderer, sl_checker_get_problems (checker), 8);
  g_print ("%u notes, %u problems: first check and marks %.1f ms (%u cards measured)\n",
           g_list_model_get_n_items (notes), sl_checker_get_problems (checker)->len,
           (g_get_monotonic_time () - start) / 1000.0, renderer->n_measured);

  for (guint kind = 0; kind < G_N_ELEMENTS (kinds); kind++)
    {
      double check_ms[N_EDITS], list_ms[N_EDITS], marks_ms[N_EDITS], all_ms[N_EDITS];
      guint measured = 0;

      for (guint i = 0; i < N_EDITS; i++)
        {
          g_autofree char *name = g_strdup_printf ("Edited %u %u", kind, i);
          guint before = renderer->n_measured;
          gint64 t0, t1, t2, t3;

          if (kind == 0)
            sl_document_set_note_text (document, pick (notes, rand, SL_NOTE_EVENT), name);
          else
            sl_document_set_field_name (document, pick (notes, rand, SL_NOTE_COMMAND), 0, name);

          t0 = g_get_monotonic_time ();
          sl_checker_update (checker);
          t1 = g_get_monotonic_time ();
          sl_checker_get_problems (checker);
          t2 = g_get_monotonic_time ();
          sl_renderer_set_problems (renderer, sl_checker_get_problems (checker), 8);
          t3 = g_get_monotonic_time ();

          check_ms[i] = (t1 - t0) / 1000.0;
          list_ms[i] = (t2 - t1) / 1000.0;
          marks_ms[i] = (t3 - t2) / 1000.0;
          all_ms[i] = (t3 - t0) / 1000.0;
          measured = MAX (measured, renderer->n_measured - before);
        }

      g_print ("%s (at most %u cards measured again):\n", kinds[kind], measured);
      report ("the checker brought up to date", check_ms);
      report ("its list of problems", list_ms);
      report ("the renderer's marks and heights", marks_ms);
      report ("all three", all_ms);
    }
  return 0;
}
