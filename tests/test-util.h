/* test-util.h: what several tests of the model share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "stormline-core.h"

static inline const char *
example_path (void)
{
  const char *path = g_getenv ("STORMLINE_EXAMPLE");

  g_assert_nonnull (path);
  return path;
}

static inline GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static inline void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static inline void
assert_bytes_equal (GBytes *actual,
                    GBytes *expected)
{
  g_assert_cmpmem (g_bytes_get_data (actual, NULL), g_bytes_get_size (actual),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static inline void
assert_file_holds (const char *path,
                   GBytes     *expected)
{
  g_autoptr(GBytes) actual = read_bytes (path);

  assert_bytes_equal (actual, expected);
}

/* What pdftotext (poppler-utils) reads in @pdf, pages ending in form feeds. */
static inline char *
test_pdf_to_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* A new folder for a test's files; remove_tree() takes it away. */
static inline char *
scratch_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("stormline-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
      g_assert_no_errno (g_rmdir (path));
    }
  else
    g_assert_no_errno (g_unlink (path));
}

/* Gives the program drafts of its own, before GLib reads where they go:
 * the programs run side by side, and the drafts of one would be offered
 * to the windows of another. test_remove_own_state() takes it away. */
static inline char *
test_use_own_state (void)
{
  g_autoptr(GError) error = NULL;
  char *state = g_dir_make_tmp ("stormline-test-state-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  return state;
}

static inline void
test_remove_own_state (const char *state)
{
  /* Once the drafts being written are. */
  sl_draft_store_flush (sl_draft_store_get_default ());
  remove_tree (state);
}

/* g_ptr_array_sort() passes pointers to the array's items */
static inline int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names in @dir, one a line ("" for none), so that a temporary
 * file left behind shows in an assertion's message. */
static inline char *
list_dir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *d = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

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
  g_autoptr(GFile) file = g_file_new_for_path (example_path ());
  g_autoptr(GError) error = NULL;
  SlDocument *document;

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

/* Runs the built stormline-cli (STORMLINE_CLI) with the arguments up to
 * NULL, in English; returns its exit status, and what it wrote in @out
 * and @err where they are not NULL (what @out would take goes nowhere). */
G_GNUC_NULL_TERMINATED
static inline int
test_run_cli (char       **out,
              char       **err,
              const char  *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("STORMLINE_CLI");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp,
                out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);

  /* A crash is never an answer */
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}
