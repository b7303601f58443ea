/* sl-generate.c: realistic boards of any size, for benchmarks
 *
 * The board repeats the shape of a real model: a screen feeds a command
 * that records an event in its aggregate's lane; views read the events
 * and feed screens; each command and view has a scenario. Notes carry
 * three to five fields with names that flow downstream, as in a complete
 * model. One aggregate lane per 500 notes keeps lanes of a real length.
 *
 * Board coordinates end at SL_COORD_MAX, where one row of slices holds
 * about 111,000 notes: a larger board wraps its timeline into bands, each
 * lower in every lane than the one before, that share the slices (the
 * columns) of the first band.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sl-generate.h"

#define SLICE_WIDTH 240
#define NOTE_OFFSET 40
/* Below the tallest note of a band (a five-field event). */
#define BAND_HEIGHT 400

static const char * const nouns[] = {
  "Room", "Guest", "Booking", "Payment", "Invoice", "Order", "Cart", "Item", "Customer",
  "Shipment", "Account", "Review", "Voucher", "Stay", "Key", "Report",
};

static const char * const verbs[][2] = {
  { "Add", "Added" }, { "Book", "Booked" }, { "Cancel", "Cancelled" }, { "Pay", "Paid" },
  { "Register", "Registered" }, { "Ship", "Shipped" }, { "Check In", "Checked In" },
  { "Check Out", "Checked Out" }, { "Rate", "Rated" }, { "Close", "Closed" },
};

static void
add_fields (SlDocument *d,
            SlNote     *note,
            const char *noun,
            guint       n,
            gboolean    generated_last)
{
  static const struct { const char *suffix; SlFieldType type; } fields[] = {
    { "Id", SL_FIELD_UUID }, { "Name", SL_FIELD_STRING }, { "Amount", SL_FIELD_DECIMAL },
    { "Count", SL_FIELD_INT }, { "At", SL_FIELD_DATE_TIME },
  };
  g_autofree char *lower = g_ascii_strdown (noun, -1);

  for (guint i = 0; i < n && i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *name = g_strconcat (lower, fields[i].suffix, NULL);

      sl_document_insert_field (d, note, -1, name, fields[i].type);
    }

  if (generated_last)
    sl_document_set_field_flags (d, note, sl_note_get_n_fields (note) - 1, SL_FIELD_GENERATED);
}

/**
 * sl_generate_board:
 *
 * Returns: (transfer full): a board of about @n_notes notes (never fewer),
 *   the same for the same @seed, with nothing to undo
 */
SlDocument *
sl_generate_board (guint   n_notes,
                   guint32 seed)
{
  SlDocument *d = sl_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) event_lanes = g_ptr_array_new ();
  SlLane *actors[3];
  SlLane *automation, *interaction;
  SlNote *last_event = NULL, *previous_event = NULL;
  guint n_lanes = MAX (1, n_notes / 500);
  guint slices_a_band = (SL_COORD_MAX - NOTE_OFFSET) / SLICE_WIDTH;
  guint made = 0;

  sl_document_set_id_seed (d, seed);
  sl_document_set_title (d, "Generated board");
  actors[0] = sl_document_add_lane (d, SL_LANE_ACTOR, "Customer", -1);
  actors[1] = sl_document_add_lane (d, SL_LANE_ACTOR, "Clerk", -1);
  actors[2] = sl_document_add_lane (d, SL_LANE_ACTOR, "Manager", -1);
  automation = sl_document_add_lane (d, SL_LANE_AUTOMATION, "Automations", -1);
  interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands and views", -1);

  for (guint i = 0; i < n_lanes; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", nouns[i % G_N_ELEMENTS (nouns)], (guint) (i / G_N_ELEMENTS (nouns) + 1));
      SlAggregate *aggregate = sl_document_add_aggregate (d, name);
      SlLane *lane = sl_document_add_lane (d, SL_LANE_EVENTS, name, -1);

      sl_document_set_lane_aggregate (d, lane, aggregate);
      g_ptr_array_add (event_lanes, lane);
    }

  for (guint slice = 0; made < n_notes; slice++)
    {
      const char *noun = nouns[g_rand_int_range (rand, 0, G_N_ELEMENTS (nouns))];
      guint verb = g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs));
      guint band = slice / slices_a_band;
      int x = (slice % slices_a_band) * SLICE_WIDTH;
      int note_x = x + NOTE_OFFSET;
      int y = band * BAND_HEIGHT;
      g_autofree char *slice_name = NULL;
      g_autofree char *text = NULL;
      SlScenario *scenario;
      g_autoptr(SlStep) when = NULL;
      g_autoptr(SlStep) then = NULL;

      if (slice % 3 != 2 || last_event == NULL)
        {
          /* A state change: screen -> command -> event */
          SlLane *lane = g_ptr_array_index (event_lanes, g_rand_int_range (rand, 0, event_lanes->len));
          gboolean automated = g_rand_int_range (rand, 0, 8) == 0;
          SlNote *trigger, *command, *event;

          slice_name = g_strdup_printf ("%s %s", verbs[verb][0], noun);
          if (band == 0)
            sl_document_add_slice (d, slice_name, x, SLICE_WIDTH);

          text = g_strdup_printf (automated ? "%s %s Processor" : "%s %s Form", verbs[verb][0], noun);
          trigger = sl_document_add_note (d, automated ? SL_NOTE_AUTOMATION : SL_NOTE_SCREEN,
                                          automated ? automation : actors[slice % 3], note_x, y, text);
          add_fields (d, trigger, noun, 3, FALSE);

          command = sl_document_add_note (d, SL_NOTE_COMMAND, interaction, note_x, y, slice_name);
          add_fields (d, command, noun, 3, FALSE);

          g_free (text);
          text = g_strdup_printf ("%s %s", noun, verbs[verb][1]);
          event = sl_document_add_note (d, SL_NOTE_EVENT, lane, note_x, y, text);
          add_fields (d, event, noun, 5, TRUE);
          sl_document_set_note_pivotal (d, event, g_rand_int_range (rand, 0, 20) == 0);

          sl_document_add_connection (d, trigger, command);
          sl_document_add_connection (d, command, event);

          scenario = sl_document_add_scenario (d, command, slice_name);
          when = sl_step_new (command);
          then = sl_step_new_with_value (when, "id", "1");
          sl_step_unref (when);
          when = g_steal_pointer (&then);
          then = sl_step_new (event);
          sl_document_set_scenario_steps (d, scenario, SL_STEP_WHEN, &when, 1);
          sl_document_set_scenario_steps (d, scenario, SL_STEP_THEN, &then, 1);
          if (last_event != NULL)
            {
              g_autoptr(SlStep) given = sl_step_new (last_event);

              sl_document_set_scenario_steps (d, scenario, SL_STEP_GIVEN, &given, 1);
            }

          previous_event = last_event;
          last_event = event;
          made += 3;
        }
      else
        {
          /* A state view: events -> view -> screen */
          SlNote *view, *screen;
          g_autoptr(SlStep) given = sl_step_new (last_event);

          slice_name = g_strdup_printf ("%s Overview", noun);
          if (band == 0)
            sl_document_add_slice (d, slice_name, x, SLICE_WIDTH);

          view = sl_document_add_note (d, SL_NOTE_VIEW, interaction, note_x, y, slice_name);
          add_fields (d, view, noun, 4, FALSE);
          sl_document_set_field_mapping (d, view, 2, "calculated");

          screen = sl_document_add_note (d, SL_NOTE_SCREEN, actors[slice % 3], note_x, y, slice_name);
          add_fields (d, screen, noun, 4, FALSE);
          for (guint i = 0; i < 4; i++)
            sl_document_set_field_flags (d, screen, i, SL_FIELD_DISPLAYED);

          sl_document_add_connection (d, last_event, view);
          if (previous_event != NULL)
            sl_document_add_connection (d, previous_event, view);
          sl_document_add_connection (d, view, screen);

          scenario = sl_document_add_scenario (d, view, slice_name);
          then = sl_step_new (view);
          sl_document_set_scenario_steps (d, scenario, SL_STEP_GIVEN, &given, 1);
          sl_document_set_scenario_steps (d, scenario, SL_STEP_THEN, &then, 1);
          made += 2;
        }
    }

  sl_history_clear (sl_document_get_history (d));
  sl_history_set_save_point (sl_document_get_history (d));
  return d;
}
