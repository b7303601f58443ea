/* test-recovery.c: drafts of the windows' models, and their recovery at
 * the next start (needs a display)
 *
 * A change to a model leaves a draft in the store; saving or discarding
 * removes it. At the start, each draft is offered in a dialog that names
 * the model and its changes: restoring opens it modified, bound to its
 * file while the file is unchanged, else as a recovered copy; untitled
 * models come back too; discarding removes the draft; a broken draft is
 * said to be broken and stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-application.h"
#include "sl-window.h"
#include "test-app.h"

typedef struct
{
  SlApplication *app;
  SlWindow *window;
  char *dir;   /* a folder for the test's model */
  char *path;  /* a copy of the example in it */
} Fixture;

static SlDraftStore *
store (void)
{
  return sl_draft_store_get_default ();
}

static guint
count_drafts (void)
{
  g_auto(GStrv) ids = NULL;

  sl_draft_store_flush (store ());
  ids = sl_draft_store_list (store ());
  return g_strv_length (ids);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) example = read_bytes (example_path ());

  g_assert_cmpuint (count_drafts (), ==, 0);
  fixture->dir = g_dir_make_tmp ("test-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "hotel.stormline", NULL);
  write_bytes (fixture->path, example);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->app != NULL)
    test_app_quit (&fixture->app, &fixture->window);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);

  /* A test leaves no draft behind for the next one. */
  g_assert_cmpuint (count_drafts (), ==, 0);
}

static SlDraft *
read_only_draft (void)
{
  g_auto(GStrv) ids = sl_draft_store_list (store ());
  g_autoptr(GError) error = NULL;
  SlDraft *draft;

  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  draft = sl_draft_store_read (store (), ids[0], &error);
  g_assert_no_error (error);
  return draft;
}

/* Waits for the window's draft, as a kill would find it. */
static SlDraft *
wait_for_draft (void)
{
  while (count_drafts () == 0)
    g_main_context_iteration (NULL, TRUE);

  return read_only_draft ();
}

/* Waits for a draft that knows its file's checksum, which the window
 * reads off the main thread. */
static SlDraft *
wait_for_bound_draft (void)
{
  SlDraft *draft = wait_for_draft ();

  while (draft->checksum == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      sl_draft_free (draft);
      sl_draft_store_flush (store ());
      draft = read_only_draft ();
    }
  return draft;
}

static void
wait_unmodified (SlWindow *window)
{
  SlHistory *history = sl_document_get_history (sl_window_get_document (window));

  while (sl_history_get_modified (history))
    g_main_context_iteration (NULL, TRUE);
}

static char *
checksum_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *checksum = sl_draft_checksum_file (file, NULL, &error);

  g_assert_no_error (error);
  return checksum;
}

/* A draft of the hotel in @fixture's file, retitled, as a kill leaves it. */
static void
leave_draft (Fixture    *fixture,
             const char *uri,
             const char *checksum,
             const char *title)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = sl_format_load_file (file, &error);
  g_autofree char *id = sl_draft_new_id (uri);

  g_assert_no_error (error);
  sl_document_set_title (document, title);
  sl_draft_store_release (store (), sl_draft_store_write (store (), id, document, uri, checksum, 2, 0));
  sl_draft_store_flush (store ());
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  while (TRUE)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
            return ADW_MESSAGE_DIALOG (window);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Answers the dialog as a click would, and waits until it is gone. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_autoptr(AdwMessageDialog) ref = g_object_ref (dialog);

  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (gtk_widget_get_mapped (GTK_WIDGET (ref)))
    g_main_context_iteration (NULL, TRUE);
}

/* Waits for the window a restore opens beside the first. */
static SlWindow *
wait_for_window (Fixture *fixture)
{
  while (TRUE)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app)); l != NULL; l = l->next)
        if (SL_IS_WINDOW (l->data) && l->data != (gpointer) fixture->window)
          return SL_WINDOW (l->data);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_draft_and_save (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *checksum = checksum_of (fixture->path);
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GBytes) expected = NULL;
  SlDocument *document;

  test_app_start (&fixture->app, &fixture->window, fixture->path);
  document = sl_window_get_document (fixture->window);

  /* A change leaves a draft of the model, bound to its file as loaded. */
  sl_document_set_title (document, "Hotel, drafted");
  draft = wait_for_bound_draft ();
  g_assert_cmpstr (draft->uri, ==, uri);
  g_assert_cmpstr (draft->checksum, ==, checksum);
  g_assert_cmpstr (draft->title, ==, "Hotel, drafted");
  g_assert_cmpuint (draft->n_changes, ==, 1);
  expected = sl_format_save_to_bytes (document);
  assert_bytes_equal (draft->text, expected);

  /* Saved, the draft is gone. */
  sl_window_save_to (fixture->window, file);
  wait_unmodified (fixture->window);
  g_assert_cmpuint (count_drafts (), ==, 0);
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GBytes) before = read_bytes (fixture->path);

  test_app_start (&fixture->app, &fixture->window, fixture->path);
  sl_document_set_title (sl_window_get_document (fixture->window), "Hotel, discarded");
  draft = wait_for_draft ();

  /* Undone to the save point, the model has nothing to recover. */
  sl_history_undo (sl_document_get_history (sl_window_get_document (fixture->window)));
  g_assert_cmpuint (count_drafts (), ==, 0);

  /* Closed without saving, as "Discard" closes it: no draft is left. */
  sl_document_set_title (sl_window_get_document (fixture->window), "Hotel, discarded");
  g_clear_pointer (&draft, sl_draft_free);
  draft = wait_for_draft ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_cmpuint (count_drafts (), ==, 0);
  assert_file_holds (fixture->path, before);
}

static void
test_restore_bound (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *checksum = checksum_of (fixture->path);
  g_autoptr(GBytes) expected = NULL;
  AdwMessageDialog *dialog;
  SlWindow *window;
  SlDocument *document;

  leave_draft (fixture, uri, checksum, "Hotel, killed");
  test_app_start (&fixture->app, &fixture->window, NULL);

  /* The dialog names the model and its changes. */
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore “Hotel, killed”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 changes to “Hotel, killed”"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "changed since"));
  respond (dialog, "restore");

  /* Restored, it is the model of the draft, unsaved, in its file. */
  window = wait_for_window (fixture);
  document = sl_window_get_document (window);
  g_assert_cmpstr (sl_document_get_title (document), ==, "Hotel, killed");
  g_assert_true (g_file_equal (sl_window_get_file (window), file));
  g_assert_true (sl_history_get_modified (sl_document_get_history (document)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Hotel, killed — Stormline");
  g_assert_cmpuint (count_drafts (), ==, 1);

  /* Saved, it is in the file, and the draft is gone. */
  expected = sl_format_save_to_bytes (document);
  sl_window_save_to (window, file);
  wait_unmodified (window);
  assert_file_holds (fixture->path, expected);
  g_assert_cmpuint (count_drafts (), ==, 0);
}

/* Started on the draft's file, as after a kill: the draft is offered
 * though the window opened on that file shares its name, and restoring it
 * replaces that window. */
static void
test_restore_on_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *checksum = checksum_of (fixture->path);
  SlWindow *window, *unchanged;

  leave_draft (fixture, uri, checksum, "Hotel, killed");
  test_app_start (&fixture->app, &fixture->window, fixture->path);
  unchanged = fixture->window;
  g_object_add_weak_pointer (G_OBJECT (unchanged), (gpointer *) &unchanged);
  respond (wait_for_dialog (), "restore");

  window = wait_for_window (fixture);
  g_assert_cmpstr (sl_document_get_title (sl_window_get_document (window)), ==, "Hotel, killed");
  g_assert_true (g_file_equal (sl_window_get_file (window), file));

  /* The restored window takes the place of the file's unchanged one. */
  while (unchanged != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))), ==, 1);
}

static void
test_restore_changed_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *checksum = checksum_of (fixture->path);
  g_autoptr(GBytes) changed = g_bytes_new_static ("changed elsewhere", 17);
  AdwMessageDialog *dialog;
  SlWindow *window;
  SlDocument *document;

  leave_draft (fixture, uri, checksum, "Hotel, killed");
  /* Someone changes the file before the next start. */
  write_bytes (fixture->path, changed);
  test_app_start (&fixture->app, &fixture->window, NULL);

  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Its file changed since"));
  respond (dialog, "restore");

  /* A copy, named so, and the changed file stays as it is. */
  window = wait_for_window (fixture);
  document = sl_window_get_document (window);
  g_assert_null (sl_window_get_file (window));
  g_assert_cmpstr (sl_document_get_title (document), ==, "Hotel, killed (Recovered)");
  g_assert_true (sl_history_get_modified (sl_document_get_history (document)));
  g_assert_false (sl_history_can_undo (sl_document_get_history (document)));
  assert_file_holds (fixture->path, changed);

  /* Closed without saving, the draft goes. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (count_drafts (), ==, 0);
}

static void
test_untitled (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SlDraft) draft = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) left = NULL;
  AdwMessageDialog *dialog;
  SlWindow *window;
  SlDocument *document;

  /* An untitled model leaves a draft too... */
  test_app_start (&fixture->app, &fixture->window, NULL);
  sl_document_set_title (sl_window_get_document (fixture->window), "Workshop");
  draft = wait_for_draft ();
  g_assert_null (draft->uri);
  g_assert_null (draft->checksum);
  g_assert_cmpuint (draft->n_changes, ==, 1);
  path = g_strconcat (sl_draft_store_get_directory (store ()), "/", draft->id, ".draft", NULL);
  left = read_bytes (path);
  test_app_quit (&fixture->app, &fixture->window);

  /* ...which a kill leaves behind. */
  write_bytes (path, left);
  test_app_start (&fixture->app, &fixture->window, NULL);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore “Workshop”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 change to “Workshop”"));
  /* When, in words (or yesterday, when the test ran over midnight). */
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "It was last changed today at ") != NULL ||
                 strstr (adw_message_dialog_get_body (dialog), "It was last changed yesterday at ") != NULL);
  respond (dialog, "restore");

  window = wait_for_window (fixture);
  document = sl_window_get_document (window);
  g_assert_null (sl_window_get_file (window));
  g_assert_cmpstr (sl_document_get_title (document), ==, "Workshop");
  g_assert_true (sl_history_get_modified (sl_document_get_history (document)));
}

static void
test_discard_draft (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;

  leave_draft (fixture, NULL, NULL, "Workshop");
  test_app_start (&fixture->app, &fixture->window, NULL);

  dialog = wait_for_dialog ();
  respond (dialog, "discard");
  g_assert_cmpuint (count_drafts (), ==, 0);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))), ==, 1);
}

static void
test_broken (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (sl_draft_store_get_directory (store ()), "broken.draft", NULL);
  AdwMessageDialog *dialog;

  g_mkdir_with_parents (sl_draft_store_get_directory (store ()), 0700);
  g_file_set_contents (path, "[Draft]\ntitle=x\nchanged=1\nchanges=1\n%%\n{\"stormline\": 1,", -1, &error);
  g_assert_no_error (error);
  test_app_start (&fixture->app, &fixture->window, NULL);

  /* Said, and kept until the user discards it. */
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "A Draft Could Not Be Read");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.draft"));
  respond (dialog, "keep");
  g_assert_cmpuint (count_drafts (), ==, 1);
  test_app_quit (&fixture->app, &fixture->window);

  test_app_start (&fixture->app, &fixture->window, NULL);
  respond (wait_for_dialog (), "discard");
  g_assert_cmpuint (count_drafts (), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = NULL;
  int status;

  if (!test_app_init (&argc, &argv, &state))
    return 0;

  g_test_add ("/recovery/draft-and-save", Fixture, NULL, fixture_set_up, test_draft_and_save, fixture_tear_down);
  g_test_add ("/recovery/discard", Fixture, NULL, fixture_set_up, test_discard, fixture_tear_down);
  g_test_add ("/recovery/restore-bound", Fixture, NULL, fixture_set_up, test_restore_bound, fixture_tear_down);
  g_test_add ("/recovery/restore-on-file", Fixture, NULL, fixture_set_up, test_restore_on_file, fixture_tear_down);
  g_test_add ("/recovery/restore-changed-file", Fixture, NULL, fixture_set_up, test_restore_changed_file,
              fixture_tear_down);
  g_test_add ("/recovery/untitled", Fixture, NULL, fixture_set_up, test_untitled, fixture_tear_down);
  g_test_add ("/recovery/discard-draft", Fixture, NULL, fixture_set_up, test_discard_draft, fixture_tear_down);
  g_test_add ("/recovery/broken", Fixture, NULL, fixture_set_up, test_broken, fixture_tear_down);

  status = g_test_run ();
  test_remove_own_state (state);
  return status;
}
