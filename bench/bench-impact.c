/* bench-impact.c: the time of an impact (what a change would break)
 *
 * Usage: bench-impact [N | MODEL]   (default: 10000 notes)
 *
 * For a generated board of N notes, or a model file: the impact of
 * renaming a command's field, removing a command's field, removing a
 * command and removing a connection, each a few times on notes picked at
 * random; and what it is made of: the copy of the document (written and
 * read back) and the check, run twice on the copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"

#define N_RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static SlNote *
pick (SlDocument *document,
      GRand      *rand,
      SlNoteKind  kind)
{
  GListModel *notes = sl_document_get_notes (document);

  for (;;)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes),
                                           g_rand_int_range (rand, 0, g_list_model_get_n_items (notes)));

      if (sl_note_get_kind (note) == kind && sl_note_get_n_fields (note) > 0 &&
          sl_document_get_n_note_connections (document, note) > 0)
        return note;
    }
}

static void
report (const char *what,
        double     *ms)
{
  qsort (ms, N_RUNS, sizeof *ms, compare_doubles);
  g_print ("  %-22s median %.1f ms, slowest %.1f ms\n", what, ms[N_RUNS / 2], ms[N_RUNS - 1]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GListModel *notes;
  double copy_ms[N_RUNS], check_ms[N_RUNS];
  double rename_ms[N_RUNS], remove_field_ms[N_RUNS], remove_note_ms[N_RUNS], remove_connection_ms[N_RUNS];
  guint n_items = 0;

  if (argc > 1 && !g_ascii_isdigit (argv[1][0]))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);
      g_autoptr(GError) error = NULL;

      document = sl_format_load_file (file, &error);
      if (document == NULL)
        g_error ("%s", error->message);
    }
  else
    document = sl_generate_board (argc > 1 ? atoi (argv[1]) : 10000, 1);
  notes = sl_document_get_notes (document);

  for (guint i = 0; i < N_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = sl_format_save_to_bytes (document);
      g_autoptr(SlDocument) copy = sl_format_load_bytes (bytes, NULL);
      g_autoptr(GPtrArray) problems = NULL;

      copy_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      problems = sl_check_run (copy);
      check_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  for (guint i = 0; i < N_RUNS; i++)
    {
      SlNote *command = pick (document, rand, SL_NOTE_COMMAND);
      SlConnection *connection = sl_document_get_note_connection (document, command, 0);
      gint64 start;

      start = g_get_monotonic_time ();
      {
        g_autoptr(SlImpact) impact = sl_impact_rename_field (document, command, 0, "renamedField");

        rename_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
        for (SlImpactList list = 0; list < SL_N_IMPACT_LISTS; list++)
          n_items += sl_impact_get_n_items (impact, list);
      }
      start = g_get_monotonic_time ();
      sl_impact_free (sl_impact_remove_field (document, command, 0));
      remove_field_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      sl_impact_free (sl_impact_remove_notes (document, &command, 1));
      remove_note_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      sl_impact_free (sl_impact_remove_connection (document, connection));
      remove_connection_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("%u notes (%u runs; the renames listed %u items in all):\n",
           g_list_model_get_n_items (notes), N_RUNS, n_items);
  report ("copy (write and read)", copy_ms);
  report ("check of the copy", check_ms);
  report ("rename a field", rename_ms);
  report ("remove a field", remove_field_ms);
  report ("remove a note", remove_note_ms);
  report ("remove a connection", remove_connection_ms);

  /* Select All and Delete: what the window pays before the dialog shows.
   * Once: it is the slowest impact there is. */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    gint64 start;

    for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
      g_ptr_array_add (all, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
    start = g_get_monotonic_time ();
    sl_impact_free (sl_impact_remove_notes (document, (SlNote **) all->pdata, all->len));
    g_print ("  %-22s %.1f ms (once)\n", "remove all notes", (g_get_monotonic_time () - start) / 1000.0);
  }
  return 0;
}
