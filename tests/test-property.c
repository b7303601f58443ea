/* test-property.c: random edits, undone and redone
 *
 * For each of 1,000 seeds, 200 random mutations (single edits, groups of
 * edits, undos and redos) are made to a small board with one of everything. After every step
 * the document saves, loads and saves again to the same bytes, and a
 * draft that reuses the text of the one before is that text; at the end,
 * undoing everything gives back the start byte for byte, and redoing what
 * was undone gives back the end. A failure names its seed, so it can be
 * replayed with -p /property/seed/N (the test paths are per seed block).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

#include "sl-format-private.h"

#define N_SEEDS 1000
#define N_STEPS 200
#define SEEDS_PER_CASE 50

typedef struct
{
  SlDocument *document;
  GRand *rand;
  GBytes *draft;      /* the text of the last draft planned */
  guint draft_serial;
} Run;

static gpointer
pick (Run        *run,
      GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  if (n == 0)
    return NULL;
  return test_get_item (model, g_rand_int_range (run->rand, 0, n));
}

static SlNote *
pick_note (Run *run)
{
  return pick (run, sl_document_get_notes (run->document));
}

static SlLane *
pick_lane (Run *run)
{
  return pick (run, sl_document_get_lanes (run->document));
}

static char *
random_text (Run *run)
{
  static const char * const words[] = {
    "Room", "Booked", "Guest", "Checked", "Out", "Pay", "Ünïcödé", "\"quoted\"",
    "back\\slash", "new\nline", "tab\there", "", "Ω", "📦",
  };
  GString *text = g_string_new (NULL);
  int n = g_rand_int_range (run->rand, 1, 4);

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[g_rand_int_range (run->rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (text, FALSE);
}

static int
random_coord (Run *run)
{
  return g_rand_int_range (run->rand, -2000, 20000);
}

/* One random mutation through the public API, or an undo or a redo when
 * @may_undo; returns FALSE when it found nothing to apply it to. */
static gboolean
mutate (Run      *run,
        gboolean  may_undo)
{
  SlDocument *d = run->document;
  g_autofree char *text = random_text (run);
  SlNote *note = pick_note (run);
  SlLane *lane = pick_lane (run);

  switch (g_rand_int_range (run->rand, 0, 30))
    {
    case 0:
      sl_document_set_title (d, text);
      return TRUE;

    case 1:
      sl_document_set_description (d, text);
      return TRUE;

    case 2:
      sl_document_add_aggregate (d, text);
      return TRUE;

    case 3:
      {
        SlAggregate *aggregate = pick (run, sl_document_get_aggregates (d));

        if (aggregate == NULL)
          return FALSE;
        if (g_rand_boolean (run->rand))
          sl_document_remove_aggregate (d, aggregate);
        else
          sl_document_set_aggregate_name (d, aggregate, text);
        return TRUE;
      }

    case 4:
      sl_document_add_lane (d, g_rand_int_range (run->rand, 0, SL_N_LANE_KINDS), text,
                            g_rand_int_range (run->rand, -1, 12));
      return TRUE;

    case 5:
      /* Removing lanes empties the board fast: rarely. */
      if (lane == NULL || g_rand_int_range (run->rand, 0, 4) != 0)
        return FALSE;
      sl_document_remove_lane (d, lane);
      return TRUE;

    case 6:
      if (lane == NULL)
        return FALSE;
      sl_document_move_lane (d, lane,
                             g_rand_int_range (run->rand, 0,
                                               test_n_items (sl_document_get_lanes (d))));
      return TRUE;

    case 7:
      if (lane == NULL)
        return FALSE;
      switch (g_rand_int_range (run->rand, 0, 3))
        {
        case 0: sl_document_set_lane_name (d, lane, text); break;
        case 1: sl_document_set_lane_kind (d, lane, g_rand_int_range (run->rand, 0, SL_N_LANE_KINDS)); break;
        default: sl_document_set_lane_aggregate (d, lane, pick (run, sl_document_get_aggregates (d))); break;
        }
      return TRUE;

    case 8:
      sl_document_add_slice (d, text, random_coord (run), g_rand_int_range (run->rand, 1, 1000));
      return TRUE;

    case 9:
      {
        SlSlice *slice = pick (run, sl_document_get_slices (d));

        if (slice == NULL)
          return FALSE;
        switch (g_rand_int_range (run->rand, 0, 4))
          {
          case 0: sl_document_remove_slice (d, slice); break;
          case 1: sl_document_set_slice_name (d, slice, text); break;
          case 2: sl_document_set_slice_status (d, slice, g_rand_int_range (run->rand, 0, SL_N_SLICE_STATUSES)); break;
          default: sl_document_set_slice_range (d, slice, random_coord (run), g_rand_int_range (run->rand, 1, 900)); break;
          }
        return TRUE;
      }

    case 10: case 11: case 12:
      if (lane == NULL)
        return FALSE;
      sl_document_add_note (d, g_rand_int_range (run->rand, 0, SL_N_NOTE_KINDS), lane,
                            random_coord (run), g_rand_int_range (run->rand, 0, 400), text);
      return TRUE;

    case 13:
      if (note == NULL)
        return FALSE;
      sl_document_remove_note (d, note);
      return TRUE;

    case 14:
      if (note == NULL)
        return FALSE;
      sl_document_set_note_text (d, note, text);
      return TRUE;

    case 15:
      if (note == NULL)
        return FALSE;
      switch (g_rand_int_range (run->rand, 0, 3))
        {
        case 0: sl_document_set_note_kind (d, note, g_rand_int_range (run->rand, 0, SL_N_NOTE_KINDS)); break;
        case 1: sl_document_set_note_aggregate (d, note, pick (run, sl_document_get_aggregates (d))); break;
        default: sl_document_set_note_pivotal (d, note, g_rand_boolean (run->rand)); break;
        }
      return TRUE;

    case 16: case 17:
      if (note == NULL || lane == NULL)
        return FALSE;
      sl_document_move_note (d, note, lane, random_coord (run), g_rand_int_range (run->rand, 0, 400));
      return TRUE;

    case 18: case 19:
      if (note == NULL)
        return FALSE;
      sl_document_insert_field (d, note, g_rand_int_range (run->rand, -1, 4),
                                *text ? text : "name", g_rand_int_range (run->rand, 0, SL_N_FIELD_TYPES));
      return TRUE;

    case 20: case 21:
      {
        guint n_fields, index;

        if (note == NULL || (n_fields = sl_note_get_n_fields (note)) == 0)
          return FALSE;
        index = g_rand_int_range (run->rand, 0, n_fields);
        switch (g_rand_int_range (run->rand, 0, 7))
          {
          case 0: sl_document_remove_field (d, note, index); break;
          case 1: sl_document_move_field (d, note, index, g_rand_int_range (run->rand, 0, n_fields)); break;
          case 2: sl_document_set_field_name (d, note, index, *text ? text : "renamed"); break;
          case 3: sl_document_set_field_type (d, note, index, g_rand_int_range (run->rand, 0, SL_N_FIELD_TYPES)); break;
          case 4: sl_document_set_field_flags (d, note, index, g_rand_int_range (run->rand, 0, SL_FIELD_ALL_FLAGS + 1)); break;
          case 5: sl_document_set_field_mapping (d, note, index, g_rand_boolean (run->rand) ? text : NULL); break;
          default: sl_document_set_field_example (d, note, index, g_rand_boolean (run->rand) ? text : NULL); break;
          }
        return TRUE;
      }

    case 22: case 23:
      {
        SlNote *other = pick_note (run);

        if (note == NULL || other == NULL || note == other)
          return FALSE;
        sl_document_add_connection (d, note, other);
        return TRUE;
      }

    case 24:
      {
        SlConnection *connection = pick (run, sl_document_get_connections (d));

        if (connection == NULL)
          return FALSE;
        sl_document_remove_connection (d, connection);
        return TRUE;
      }

    case 25:
      if (note == NULL)
        return FALSE;
      sl_document_add_scenario (d, note, text);
      return TRUE;

    case 26: case 27:
      {
        SlScenario *scenario = pick (run, sl_document_get_scenarios (d));
        g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);
        int n_steps = g_rand_int_range (run->rand, 0, 4);

        if (scenario == NULL)
          return FALSE;

        switch (g_rand_int_range (run->rand, 0, 4))
          {
          case 0:
            sl_document_remove_scenario (d, scenario);
            break;

          case 1:
            sl_document_set_scenario_title (d, scenario, text);
            break;

          case 2:
            sl_document_set_scenario_error (d, scenario, g_rand_boolean (run->rand) ? text : NULL);
            break;

          default:
            for (int i = 0; i < n_steps && note != NULL; i++)
              {
                g_autoptr(SlStep) step = sl_step_new (pick_note (run));
                SlStep *with_value = sl_step_new_with_value (step, "field", text);

                g_ptr_array_add (steps, with_value);
              }
            sl_document_set_scenario_steps (d, scenario, g_rand_int_range (run->rand, 0, SL_N_STEP_PARTS),
                                            (SlStep **) steps->pdata, steps->len);
            break;
          }
        return TRUE;
      }

    case 28:
      return may_undo && sl_history_undo (sl_document_get_history (d));

    default:
      return may_undo && sl_history_redo (sl_document_get_history (d));
    }
}

static void
assert_round_trip (SlDocument *document,
                   guint       seed,
                   guint       step)
{
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(SlDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = sl_format_load_bytes (saved, &error);
  if (loaded == NULL)
    g_error ("seed %u, step %u: the saved document does not load: %s", seed, step, error->message);

  again = sl_format_save_to_bytes (loaded);
  if (!g_bytes_equal (saved, again))
    g_error ("seed %u, step %u: save -> load -> save changed the file", seed, step);
}

/* A draft reuses the text of the one before for the elements that did not
 * change (sl-draft.c): put together, it is the document's text. */
static void
assert_draft (Run   *run,
              guint  seed,
              guint  step)
{
  guint serial = _sl_format_new_serial ();
  g_autoptr(SlTextPlan) plan = _sl_format_plan_text (run->document, run->draft_serial, serial);
  g_autoptr(GBytes) expected = sl_format_save_to_bytes (run->document);
  GString *text = g_string_new (NULL);
  const char *base = NULL;
  gsize base_length = 0;

  if (run->draft != NULL)
    base = g_bytes_get_data (run->draft, &base_length);
  if (!_sl_text_plan_compose (plan, base, base_length, text))
    g_error ("seed %u, step %u: a draft does not fit the one before", seed, step);

  g_clear_pointer (&run->draft, g_bytes_unref);
  run->draft = g_string_free_to_bytes (text);
  run->draft_serial = serial;
  if (!g_bytes_equal (run->draft, expected))
    g_error ("seed %u, step %u: a draft put together from the one before is not the document", seed, step);
}

static void
run_seed (GBytes *start_bytes,
          guint   seed)
{
  g_autoptr(SlDocument) document = sl_format_load_bytes (start_bytes, NULL);
  SlHistory *history = sl_document_get_history (document);
  g_autoptr(GBytes) end_bytes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Run run = { document, g_rand_new_with_seed (seed), NULL, 0 };
  guint depth = 0;
  guint n_undone = 0;

  sl_document_set_id_seed (document, seed);
  sl_history_set_max_depth (history, 2 * N_STEPS);

  for (guint step = 0; step < N_STEPS; step++)
    {
      /* Sometimes open or close a group, as a gesture would. */
      switch (g_rand_int_range (run.rand, 0, 12))
        {
        case 0:
          sl_history_begin_group (history, "Gesture");
          depth++;
          break;

        case 1:
          if (depth > 0)
            {
              sl_history_end_group (history);
              depth--;
            }
          break;

        default:
          break;
        }

      /* Undo and redo are not allowed inside a group. */
      for (int tries = 0; tries < 5 && !mutate (&run, depth == 0); tries++)
        ;

      assert_round_trip (document, seed, step);
      assert_draft (&run, seed, step);
    }

  while (depth-- > 0)
    sl_history_end_group (history);

  end_bytes = sl_format_save_to_bytes (document);

  /* The sequence may end with undos: redoing everything then goes past the
   * end, so redo as many steps as were undone. */
  while (sl_history_undo (history))
    n_undone++;
  bytes = sl_format_save_to_bytes (document);
  if (!g_bytes_equal (bytes, start_bytes))
    g_error ("seed %u: undoing everything did not give back the start", seed);
  g_assert_false (sl_history_get_modified (history));

  for (guint i = 0; i < n_undone; i++)
    g_assert_true (sl_history_redo (history));
  g_bytes_unref (bytes);
  bytes = sl_format_save_to_bytes (document);
  if (!g_bytes_equal (bytes, end_bytes))
    g_error ("seed %u: redoing everything did not give back the end", seed);

  g_rand_free (run.rand);
  g_clear_pointer (&run.draft, g_bytes_unref);
}

static void
test_seeds (gconstpointer data)
{
  guint first = GPOINTER_TO_UINT (data);
  g_autoptr(GBytes) start_bytes = NULL;
  TestBoard board;

  test_board_init (&board);
  start_bytes = sl_format_save_to_bytes (board.document);
  test_board_clear (&board);

  for (guint seed = first; seed < first + SEEDS_PER_CASE; seed++)
    run_seed (start_bytes, seed);
}

int
main (int    argc,
      char **argv)
{
  /* Fewer seeds where each costs far more (valgrind): a multiple of 50. */
  const char *seeds = g_getenv ("STORMLINE_TEST_SEEDS");
  guint n_seeds = seeds != NULL ? (guint) g_ascii_strtoull (seeds, NULL, 10) : N_SEEDS;

  g_test_init (&argc, &argv, NULL);

  for (guint first = 0; first < n_seeds; first += SEEDS_PER_CASE)
    {
      g_autofree char *path = g_strdup_printf ("/property/seeds/%u-%u", first, first + SEEDS_PER_CASE - 1);

      g_test_add_data_func (path, GUINT_TO_POINTER (first), test_seeds);
    }

  return g_test_run ();
}
