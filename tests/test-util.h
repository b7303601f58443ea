/* test-util.h: what several tests of the model share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stormline-core.h"

/* The document as the file format writes it: what the tests compare. */
static inline char *
test_save_string (SlDocument *document)
{
  g_autoptr(GBytes) bytes = sl_format_save_to_bytes (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static inline SlDocument *
test_load_string (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  SlDocument *document = sl_format_load_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static inline SlDocument *
test_load_example (void)
{
  const char *path = g_getenv ("STORMLINE_EXAMPLE");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  SlDocument *document;

  g_assert_nonnull (path);
  file = g_file_new_for_path (path);
  document = sl_format_load_file (file, &error);
  g_assert_no_error (error);
  return document;
}

static inline gpointer
test_get_item (GListModel *model,
               guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return item; /* the model keeps it alive */
}

static inline guint
test_n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* A small board with one of everything, made through the public API, with
 * its history cleared so that it is the starting point of a test. */
typedef struct
{
  SlDocument *document;
  SlAggregate *room;
  SlLane *actors;
  SlLane *interaction;
  SlLane *events;
  SlSlice *slice;
  SlNote *screen;
  SlNote *command;
  SlNote *event;
  SlNote *view;
  SlConnection *screen_command;
  SlConnection *command_event;
  SlScenario *scenario;
} TestBoard;

static inline void
test_board_init (TestBoard *board)
{
  SlDocument *d = sl_document_new ();
  g_autoptr(SlStep) given = NULL;
  g_autoptr(SlStep) when = NULL;
  g_autoptr(SlStep) then = NULL;
  SlStep *step;

  sl_document_set_id_seed (d, 42);
  board->document = d;
  sl_document_set_title (d, "Hotel");
  board->room = sl_document_add_aggregate (d, "Room");
  board->actors = sl_document_add_lane (d, SL_LANE_ACTOR, "Guest", -1);
  board->interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands and views", -1);
  board->events = sl_document_add_lane (d, SL_LANE_EVENTS, "Room", -1);
  sl_document_set_lane_aggregate (d, board->events, board->room);
  board->slice = sl_document_add_slice (d, "Book Room", 0, 480);
  board->screen = sl_document_add_note (d, SL_NOTE_SCREEN, board->actors, 20, 0, "Booking");
  board->command = sl_document_add_note (d, SL_NOTE_COMMAND, board->interaction, 40, 0, "Book Room");
  board->event = sl_document_add_note (d, SL_NOTE_EVENT, board->events, 60, 0, "Room Booked");
  board->view = sl_document_add_note (d, SL_NOTE_VIEW, board->interaction, 260, 0, "Bookings");
  sl_document_insert_field (d, board->screen, -1, "roomNumber", SL_FIELD_INT);
  sl_document_insert_field (d, board->command, -1, "roomNumber", SL_FIELD_INT);
  sl_document_insert_field (d, board->event, -1, "roomNumber", SL_FIELD_INT);
  sl_document_insert_field (d, board->event, -1, "bookedAt", SL_FIELD_DATE_TIME);
  sl_document_set_field_flags (d, board->event, 1, SL_FIELD_GENERATED);
  sl_document_insert_field (d, board->view, -1, "room", SL_FIELD_INT);
  sl_document_set_field_mapping (d, board->view, 0, "roomNumber");
  board->screen_command = sl_document_add_connection (d, board->screen, board->command);
  board->command_event = sl_document_add_connection (d, board->command, board->event);
  sl_document_add_connection (d, board->event, board->view);
  board->scenario = sl_document_add_scenario (d, board->command, "Book a free room");

  given = sl_step_new (board->event);
  when = sl_step_new (board->command);
  step = sl_step_new_with_value (when, "roomNumber", "101");
  sl_step_unref (when);
  when = step;
  then = sl_step_new_with_value (given, "roomNumber", "101");
  sl_document_set_scenario_steps (d, board->scenario, SL_STEP_WHEN, &when, 1);
  sl_document_set_scenario_steps (d, board->scenario, SL_STEP_THEN, &then, 1);

  sl_history_clear (sl_document_get_history (d));
  sl_history_set_save_point (sl_document_get_history (d));
}

static inline void
test_board_clear (TestBoard *board)
{
  g_assert_finalize_object (board->document);
}
