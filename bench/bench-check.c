/* bench-check.c: the time of the check on large models
 *
 * Usage: bench-check [N]   (default: 100000 notes)
 *
 * Measures the full check (sl_check_run: every rule and the completeness
 * check), then the recheck after one edit: an SlChecker follows the
 * board, and each edit (an event renamed, a field renamed, a note moved,
 * a connection added and undone) is timed from the call that makes it
 * to the checker's problems being up to date again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <sys/resource.h>

#include "sl-generate.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

#define N_EDITS 200

typedef enum {
  EDIT_RENAME_EVENT,
  EDIT_RENAME_FIELD,
  EDIT_MOVE,
  EDIT_CONNECT,
  N_EDIT_KINDS
} EditKind;

static const char * const edit_names[] = {
  "rename an event", "rename a field", "move a note", "connect and undo",
};

static SlNote *
pick (GListModel *notes,
      GRand      *rand,
      SlNoteKind  kind)
{
  for (;;)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes),
                                           g_rand_int_range (rand, 0, g_list_model_get_n_items (notes)));

      if (kind == SL_N_NOTE_KINDS || sl_note_get_kind (note) == kind)
        return note;
    }
}

static void
edit (SlDocument *document,
      GRand      *rand,
      EditKind    kind,
      guint       i)
{
  GListModel *notes = sl_document_get_notes (document);
  g_autofree char *name = g_strdup_printf ("Edited %u", i);

  switch (kind)
    {
    case EDIT_RENAME_EVENT:
      sl_document_set_note_text (document, pick (notes, rand, SL_NOTE_EVENT), name);
      break;
    case EDIT_RENAME_FIELD:
      sl_document_set_field_name (document, pick (notes, rand, SL_NOTE_COMMAND), 0, name);
      break;
    case EDIT_MOVE:
      {
        SlNote *note = pick (notes, rand, SL_N_NOTE_KINDS);

        sl_document_move_note (document, note, sl_note_get_lane (note), sl_note_get_x (note) + 10,
                               sl_note_get_y (note));
        break;
      }
    case EDIT_CONNECT:
      sl_document_add_connection (document, pick (notes, rand, SL_NOTE_EVENT), pick (notes, rand, SL_NOTE_VIEW));
      sl_history_undo (sl_document_get_history (document));
      break;
    default:
      g_assert_not_reached ();
    }
}

int
main (int    argc,
      char **argv)
{
  guint n_notes = argc > 1 ? atoi (argv[1]) : 100000;
  g_autoptr(SlDocument) document = sl_generate_board (n_notes, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(SlChecker) checker = NULL;
  double ms[7];
  double faults[G_N_ELEMENTS (ms)];
  double first_ms, first_faults;
  double bare_ms[N_EDIT_KINDS][N_EDITS];
  guint n_problems = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      struct rusage before, after;
      gint64 start;
      g_autoptr(GPtrArray) problems = NULL;

      getrusage (RUSAGE_SELF, &before);
      start = g_get_monotonic_time ();
      problems = sl_check_run (document);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      getrusage (RUSAGE_SELF, &after);
      faults[i] = after.ru_minflt - before.ru_minflt;
      n_problems = problems->len;
    }

  /* The first run, on fresh memory, is what a program that checks once
   * (stormline-cli check, a window's first check) pays; the runs after it
   * find the memory the one before let go of. */
  first_ms = ms[0];
  first_faults = faults[0];
  qsort (ms, G_N_ELEMENTS (ms), sizeof *ms, compare_doubles);
  qsort (faults, G_N_ELEMENTS (faults), sizeof *faults, compare_doubles);
  g_print ("%u notes: full check median %.1f ms, slowest %.1f ms (%u problems); first %.1f ms; "
           "page faults a check: median %.0f, first %.0f\n",
           g_list_model_get_n_items (sl_document_get_notes (document)), ms[G_N_ELEMENTS (ms) / 2],
           ms[G_N_ELEMENTS (ms) - 1], n_problems, first_ms, faults[G_N_ELEMENTS (faults) / 2], first_faults);

  /* What the edits themselves cost, with nothing following the board. */
  for (EditKind kind = 0; kind < N_EDIT_KINDS; kind++)
    {
      for (guint i = 0; i < N_EDITS; i++)
        {
          gint64 start = g_get_monotonic_time ();

          edit (document, rand, kind, i);
          bare_ms[kind][i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (bare_ms[kind], N_EDITS, sizeof (double), compare_doubles);
    }

  {
    gint64 start = g_get_monotonic_time ();

    /* What opening a model costs the guide: its checker's first check. */
    checker = sl_checker_new (document);
    g_print ("  a checker's first check (the guide, when a model opens): %.1f ms\n",
             (g_get_monotonic_time () - start) / 1000.0);
  }
  for (EditKind kind = 0; kind < N_EDIT_KINDS; kind++)
    {
      double edit_ms[N_EDITS];
      guint rechecked = 0;

      for (guint i = 0; i < N_EDITS; i++)
        {
          gint64 start = g_get_monotonic_time ();

          edit (document, rand, kind, i);
          sl_checker_get_step_status (checker, 8);
          edit_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
          rechecked = MAX (rechecked, sl_checker_get_n_rechecked (checker));
        }

      qsort (edit_ms, N_EDITS, sizeof *edit_ms, compare_doubles);
      g_print ("  %-16s edit and recheck median %.3f ms, slowest %.3f ms (the edit alone %.3f ms; "
               "at most %u notes rechecked)\n",
               edit_names[kind], edit_ms[N_EDITS / 2], edit_ms[N_EDITS - 1], bare_ms[kind][N_EDITS / 2], rechecked);
    }

  {
    gint64 start = g_get_monotonic_time ();
    GPtrArray *problems = sl_checker_get_problems (checker);

    g_print ("  listing all %u problems after an edit: %.1f ms\n", problems->len,
             (g_get_monotonic_time () - start) / 1000.0);
  }
  return 0;
}
