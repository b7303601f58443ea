/* test-save.c: the window saves under faults and keeps the work (needs a
 * display)
 *
 * Each case opens a model in the real window, changes it, makes the save
 * meet a fault (a full disk, a folder it may not write in, the file gone
 * or replaced, a second save while the first is writing), and checks what
 * a user would: the file holds the old version or the new one whole, a
 * dialog says what happened in words, and a failed save leaves the model
 * open, modified and with its undo history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "sl-application.h"
#include "sl-file-writer-private.h"
#include "sl-window-private.h"
#include "test-app.h"

typedef struct
{
  SlApplication *app;
  SlWindow *window;
  char *dir;
  char *path;
  GFile *file;
  GBytes *old;
} Fixture;

/* Opens a copy of the example in a new folder, as a user does, and runs
 * the application until its window is shown. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = scratch_dir_new ();
  fixture->path = g_build_filename (fixture->dir, "hotel.stormline", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  fixture->old = read_bytes (example_path ());
  write_bytes (fixture->path, fixture->old);

  test_app_start (&fixture->app, &fixture->window, fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  _sl_file_writer_set_fault (SL_WRITE_FAULT_NONE);
  _sl_file_writer_set_hook (NULL, NULL);

  test_app_quit (&fixture->app, &fixture->window);
  g_assert_no_errno (g_chmod (fixture->dir, 0700));
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->file);
  g_bytes_unref (fixture->old);
}

static SlHistory *
get_history (Fixture *fixture)
{
  return sl_document_get_history (sl_window_get_document (fixture->window));
}

static const char *
get_title (Fixture *fixture)
{
  return gtk_window_get_title (GTK_WINDOW (fixture->window));
}

static AdwMessageDialog *
find_dialog (void)
{
  GList *windows = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = windows; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (windows);
  return dialog;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return dialog;
}

/* Answers as a click on a button does, and closes the dialog. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
wait_until_saved (Fixture *fixture)
{
  while (fixture->window->saving || sl_history_get_modified (get_history (fixture)))
    g_main_context_iteration (NULL, TRUE);
}

/* Saves with Ctrl+S's action, meets @fault, and checks what the user is
 * left with: the old file, a dialog that says @reason, the model as it was
 * in the window. */
static void
save_failing (Fixture      *fixture,
              SlWriteFault  fault,
              const char   *reason)
{
  SlHistory *history = get_history (fixture);
  guint n_undo = sl_history_get_n_undo (history);
  AdwMessageDialog *dialog;

  _sl_file_writer_set_fault (fault);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = wait_for_dialog ();
  _sl_file_writer_set_fault (SL_WRITE_FAULT_NONE);

  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “hotel.stormline”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The file was left as it was"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), reason));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The file on disk is the old one, with nothing left beside it. */
  assert_file_holds (fixture->path, fixture->old);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);

    g_assert_cmpstr (g_dir_read_name (dir), ==, "hotel.stormline");
    g_assert_null (g_dir_read_name (dir));
  }

  /* The model is still open, modified, with all it can undo. */
  g_assert_false (fixture->window->saving);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (sl_document_get_title (sl_window_get_document (fixture->window)), ==, "Grand Hotel");
  g_assert_true (sl_history_get_modified (history));
  g_assert_cmpstr (get_title (fixture), ==, "• Grand Hotel — Stormline");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo);
}

/* Once the fault is gone, the same Ctrl+S writes the model. */
static void
save_again (Fixture *fixture)
{
  SlDocument *document = sl_window_get_document (fixture->window);
  g_autoptr(GBytes) expected = sl_format_save_to_bytes (document);
  g_autofree char *title = g_strdup_printf ("%s — Stormline", sl_document_get_title (document));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  wait_until_saved (fixture);
  assert_file_holds (fixture->path, expected);
  g_assert_cmpstr (get_title (fixture), ==, title);
}

static const struct {
  const char *name;
  SlWriteFault fault;
  const char *reason;
} faults[] = {
  { "create", SL_WRITE_FAULT_CREATE, "may not write in this folder" },
  { "full-disk", SL_WRITE_FAULT_WRITE, "The disk is full" },
  { "sync", SL_WRITE_FAULT_SYNC, "Try again" },
  { "rename", SL_WRITE_FAULT_RENAME, "may not write in this folder" },
};

/* A fault at each point of the write: nothing lost, the user told why. */
static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  guint i = GPOINTER_TO_UINT (data);

  sl_document_set_title (sl_window_get_document (fixture->window), "Grand Hotel");
  save_failing (fixture, faults[i].fault, faults[i].reason);
  save_again (fixture);
}

/* A folder made read-only: the system refuses the write, unless the tests
 * run as root, whom it does not stop: then the refusal is injected. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  SlWriteFault fault = SL_WRITE_FAULT_NONE;

  g_assert_no_errno (g_chmod (fixture->dir, 0555));
  if (access (fixture->dir, W_OK) == 0)
    {
      g_test_message ("the folder stays writable (root): injecting the refusal");
      fault = SL_WRITE_FAULT_CREATE;
    }

  sl_document_set_title (sl_window_get_document (fixture->window), "Grand Hotel");
  save_failing (fixture, fault, "may not write in this folder");

  g_assert_no_errno (g_chmod (fixture->dir, 0700));
  save_again (fixture);
}

/* A file made read-only is not written over, also by root, whom its mode
 * does not stop: the dialog says it is read-only. */
static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  sl_document_set_title (sl_window_get_document (fixture->window), "Grand Hotel");
  save_failing (fixture, SL_WRITE_FAULT_NONE, "“hotel.stormline” is read-only");
  save_failing (fixture, SL_WRITE_FAULT_NONE, "make the file writable first");

  g_assert_no_errno (g_chmod (fixture->path, 0644));
  save_again (fixture);
}

/* The file deleted behind Stormline's back: saving writes it anew. */
static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  g_assert_no_errno (g_unlink (fixture->path));
  sl_document_set_title (sl_window_get_document (fixture->window), "Grand Hotel");
  save_again (fixture);
  g_assert_false (sl_history_get_modified (get_history (fixture)));
  g_assert_null (find_dialog ());
}

/* The file replaced behind Stormline's back: Ctrl+S says so and asks
 * before it writes over what another program wrote; Replace writes the
 * model whole, never mixed with the other version. */
static void
test_replaced (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *other = g_strnfill (100000, 'x');
  g_autoptr(GBytes) other_bytes = g_bytes_new (other, 100000);
  g_autoptr(GBytes) expected = NULL;
  SlDocument *document = sl_window_get_document (fixture->window);
  AdwMessageDialog *dialog;

  write_bytes (fixture->path, other_bytes);
  sl_document_set_title (document, "Grand Hotel");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "“hotel.stormline” Changed on Disk");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Another program changed this file"));

  /* Cancel: nothing written, the model still modified. */
  respond (dialog, "cancel");
  assert_file_holds (fixture->path, other_bytes);
  g_assert_true (sl_history_get_modified (get_history (fixture)));
  g_assert_cmpstr (get_title (fixture), ==, "• Grand Hotel — Stormline");

  /* Replace: the model, whole. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  dialog = wait_for_dialog ();
  expected = sl_format_save_to_bytes (document);
  respond (dialog, "replace");
  wait_until_saved (fixture);
  assert_file_holds (fixture->path, expected);
  g_assert_cmpstr (get_title (fixture), ==, "Grand Hotel — Stormline");

  /* Written by Stormline itself, the file saves again without asking. */
  sl_document_set_title (document, "Grander Hotel");
  save_again (fixture);
  g_assert_null (find_dialog ());
}

/* A write held on its way, as on a slow disk. */
typedef struct
{
  GMutex mutex;
  GCond cond;
  guint entered;        /* writes that reached the hook */
  guint in_flight;      /* writes between the hook and its return */
  guint most_in_flight;
  gboolean released;    /* the first write may go on */
} Gate;

static void
gate_hook (gpointer data)
{
  Gate *gate = data;
  gboolean first;

  g_mutex_lock (&gate->mutex);
  first = gate->entered++ == 0;
  gate->in_flight++;
  gate->most_in_flight = MAX (gate->most_in_flight, gate->in_flight);
  g_main_context_wakeup (NULL);
  while (first && !gate->released)
    g_cond_wait (&gate->cond, &gate->mutex);
  gate->in_flight--;
  g_mutex_unlock (&gate->mutex);
}

static guint
gate_get_entered (Gate *gate)
{
  guint entered;

  g_mutex_lock (&gate->mutex);
  entered = gate->entered;
  g_mutex_unlock (&gate->mutex);
  return entered;
}

/* Ctrl+S again while the first save is still writing: the second waits
 * for the first, so the file ends with the newer version, never the older
 * one written last. */
static void
test_while_saving (Fixture       *fixture,
                   gconstpointer  data)
{
  SlDocument *document = sl_window_get_document (fixture->window);
  g_autoptr(GBytes) expected = NULL;
  Gate gate = { 0 };

  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);
  _sl_file_writer_set_hook (gate_hook, &gate);

  sl_document_set_title (document, "Grand Hotel");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  while (gate_get_entered (&gate) == 0)
    g_main_context_iteration (NULL, TRUE);

  sl_document_set_title (document, "Grander Hotel");
  expected = sl_format_save_to_bytes (document);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);

  /* The second save is either waiting its turn or writing beside the first. */
  while (fixture->window->save_next == NULL && gate_get_entered (&gate) < 2)
    g_main_context_iteration (NULL, TRUE);

  g_mutex_lock (&gate.mutex);
  gate.released = TRUE;
  g_cond_signal (&gate.cond);
  g_mutex_unlock (&gate.mutex);

  wait_until_saved (fixture);
  _sl_file_writer_set_hook (NULL, NULL);

  g_assert_cmpuint (gate.entered, ==, 2);
  g_assert_cmpuint (gate.most_in_flight, ==, 1);
  assert_file_holds (fixture->path, expected);
  g_assert_cmpstr (get_title (fixture), ==, "Grander Hotel — Stormline");
  g_assert_null (find_dialog ());

  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = NULL;
  int status;

  if (!test_app_init (&argc, &argv, &state))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/save/fault/%s", faults[i].name);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_set_up, test_fault, fixture_tear_down);
    }
  g_test_add ("/save/read-only-folder", Fixture, NULL, fixture_set_up, test_read_only_folder, fixture_tear_down);
  g_test_add ("/save/read-only-file", Fixture, NULL, fixture_set_up, test_read_only_file, fixture_tear_down);
  g_test_add ("/save/deleted", Fixture, NULL, fixture_set_up, test_deleted, fixture_tear_down);
  g_test_add ("/save/replaced", Fixture, NULL, fixture_set_up, test_replaced, fixture_tear_down);
  g_test_add ("/save/while-saving", Fixture, NULL, fixture_set_up, test_while_saving, fixture_tear_down);

  status = g_test_run ();
  test_remove_own_state (state);
  return status;
}
