/* test-window.c: the application opens models in windows (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-application.h"
#include "sl-canvas-private.h"
#include "sl-codegen-dialog.h"
#include "sl-field-row.h"
#include "sl-note-keys.h"
#include "sl-overview.h"
#include "sl-scenario-group.h"
#include "test-app.h"
#include "sl-window-private.h"

typedef struct
{
  SlApplication *app;
  SlWindow *window;
} Fixture;

static gboolean
is_recent (const char *uri)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  gboolean found = FALSE;

  for (GList *l = items; l != NULL && !found; l = l->next)
    found = g_str_equal (gtk_recent_info_get_uri (l->data), uri);

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return found;
}

static void
test_open_example (void)
{
  Fixture fixture = { 0 };
  const char *path = g_getenv ("STORMLINE_EXAMPLE");
  SlDocument *document;
  SlCanvas *canvas;
  SlRect rect;

  test_app_start (&fixture.app, &fixture.window, path);

  document = sl_window_get_document (fixture.window);
  g_assert_cmpstr (sl_document_get_title (document), ==, "Hotel");
  g_assert_nonnull (sl_window_get_file (fixture.window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "Hotel — Stormline");

  /* An opened model is a recent one. */
  {
    g_autofree char *uri = g_file_get_uri (sl_window_get_file (fixture.window));

    while (!is_recent (uri))
      g_main_context_iteration (NULL, TRUE);
  }

  /* The board shows the model from its first lane, at full size. */
  canvas = sl_window_get_canvas (fixture.window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (canvas)));
  g_assert_cmpfloat (sl_canvas_get_zoom (canvas), ==, 1.0);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (canvas)));
  sl_layout_get_note_rect (sl_canvas_get_layout (canvas),
                           sl_document_lookup_note (document, "cmd-add-room"), &rect);
  g_assert_cmpfloat (rect.x, ==, 40);

  /* The title follows the model, and says when it is modified. */
  sl_document_set_title (document, "Motel");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "• Motel — Stormline");
  sl_history_undo (sl_document_get_history (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "Hotel — Stormline");

  /* Opening it again shows its window, changes and all: a model has one. */
  sl_document_set_title (document, "Motel");
  {
    g_autoptr(GFile) again = g_file_new_for_path (path);

    g_application_open (G_APPLICATION (fixture.app), &again, 1, "");
  }
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture.app))), ==, 1);
  g_assert_cmpstr (sl_document_get_title (sl_window_get_document (fixture.window)), ==, "Motel");

  test_app_quit (&fixture.app, &fixture.window);
}

static AdwMessageDialog *find_dialog (void);

static void
test_open_bad_file (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "broken.stormline", NULL);
  g_autofree char *after = NULL;
  const char *broken = "{\"stormline\": 1, \"notes\": [";
  GtkWindow *dialog = NULL;
  GList *windows;

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  test_app_start (&fixture.app, &fixture.window, path);

  /* An empty board, with a dialog that says what is wrong and where. */
  g_assert_null (sl_window_get_file (fixture.window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "Untitled Model — Stormline");

  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (windows);

  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture.window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Open “broken.stormline”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "line 1, column 28: the file ends too early"));
  gtk_window_destroy (dialog);

  /* Nothing was written. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, broken);
  test_app_quit (&fixture.app, &fixture.window);
  g_unlink (path);

  /* A name with a line break and a byte of another encoding, a kind with
   * a terminal's escape: the dialog shows them escaped, on one line. */
  {
    g_autofree char *odd = g_build_filename (dir, "odd\nname\xe9.stormline", NULL);
    const char *hostile = "{\"stormline\": 1, \"lanes\": [{\"id\": \"l\", \"kind\": \"events\"}], \"notes\": "
                          "[{\"id\": \"e\", \"kind\": \"\\u001b[2Jevent\", \"text\": \"x\", \"lane\": \"l\", \"x\": 0}]}";
    const char *body;

    g_assert_true (g_file_set_contents (odd, hostile, -1, NULL));
    test_app_start (&fixture.app, &fixture.window, odd);
    dialog = GTK_WINDOW (find_dialog ());
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                     "Could Not Open “odd\\nname\\xe9.stormline”");
    body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
    g_assert_nonnull (strstr (body, "unknown note kind “\\x1b[2Jevent”"));
    g_assert_null (strchr (body, '\x1b'));
    gtk_window_destroy (dialog);
    test_app_quit (&fixture.app, &fixture.window);
    g_unlink (odd);
  }

  g_rmdir (dir);
}

static void
test_first_run (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "first-run");
  g_settings_reset (settings, "last-file");

  /* The first start shows the example, as a model not saved anywhere yet. */
  test_app_start (&fixture.app, &fixture.window, NULL);
  g_assert_cmpstr (sl_document_get_title (sl_window_get_document (fixture.window)), ==, "Hotel");
  g_assert_null (sl_window_get_file (fixture.window));
  g_assert_false (sl_history_get_modified (sl_document_get_history (sl_window_get_document (fixture.window))));
  g_assert_false (g_settings_get_boolean (settings, "first-run"));
  test_app_quit (&fixture.app, &fixture.window);

  /* Later starts with nothing to reopen show an empty board. */
  test_app_start (&fixture.app, &fixture.window, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "Untitled Model — Stormline");
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_lanes (sl_window_get_document (fixture.window))), ==, 1);
  test_app_quit (&fixture.app, &fixture.window);
}

/* A later start reopens the last model the user opened. */
static void
test_reopen_last (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GFile) example = g_file_new_for_path (g_getenv ("STORMLINE_EXAMPLE"));
  g_autofree char *uri = g_file_get_uri (example);

  g_settings_set_boolean (settings, "first-run", FALSE);
  g_settings_set_string (settings, "last-file", uri);

  test_app_start (&fixture.app, &fixture.window, NULL);
  g_assert_nonnull (sl_window_get_file (fixture.window));
  g_assert_true (g_file_equal (sl_window_get_file (fixture.window), example));
  test_app_quit (&fixture.app, &fixture.window);
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

/* Saving writes the model and clears "modified"; closing a modified model
 * asks first, and Discard closes without writing. */
static void
test_save_and_close (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GBytes) example = read_bytes (example_path ());
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(SlDocument) reloaded = NULL;
  SlDocument *document;
  SlHistory *history;
  AdwMessageDialog *dialog;

  write_bytes (path, example);
  test_app_start (&fixture.app, &fixture.window, path);
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);

  sl_document_set_title (document, "Grand Hotel");
  g_assert_true (sl_history_get_modified (history));
  sl_window_save_to (fixture.window, file);
  while (sl_history_get_modified (history))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==, "Grand Hotel — Stormline");

  saved = read_bytes (path);
  reloaded = sl_format_load_bytes (saved, NULL);
  g_assert_cmpstr (sl_document_get_title (reloaded), ==, "Grand Hotel");

  /* Modified again: closing asks, and the window stays until answered. */
  sl_document_set_title (document, "Not Saved");
  gtk_window_close (GTK_WINDOW (fixture.window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.window)));

  adw_message_dialog_response (dialog, "discard");
  while (gtk_application_get_windows (GTK_APPLICATION (fixture.app)) != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Discarded: the file keeps what was saved. */
  {
    g_autoptr(GBytes) after = read_bytes (path);

    assert_bytes_equal (after, saved);
  }

  g_application_release (G_APPLICATION (fixture.app));
  g_clear_object (&fixture.app);
  remove_tree (dir);
}

/* Closing while a note's text is being typed keeps the text, and asks. */
static void
test_close_while_editing (void)
{
  Fixture fixture = { 0 };
  SlCanvas *canvas;
  AdwMessageDialog *dialog;
  GtkWidget *editor = NULL;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  canvas = sl_window_get_canvas (fixture.window);
  sl_canvas_add_note (canvas, SL_NOTE_EVENT);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (canvas)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TEXT_VIEW (child))
      editor = child;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "Order Placed", -1);

  gtk_window_close (GTK_WINDOW (fixture.window));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (sl_canvas_is_editing (canvas));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (sl_window_get_document (fixture.window))), ==, 28);

  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.window)));
  test_app_quit (&fixture.app, &fixture.window);
}

/* Quit closes every window: those with nothing to save at once. */
static void
test_quit (void)
{
  Fixture fixture = { 0 };

  test_app_start (&fixture.app, &fixture.window, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture.app))), ==, 3);

  g_action_group_activate_action (G_ACTION_GROUP (fixture.app), "quit", NULL);
  while (gtk_application_get_windows (GTK_APPLICATION (fixture.app)) != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_application_release (G_APPLICATION (fixture.app));
  g_clear_object (&fixture.app);
}

/* File › Import opens the model in a new window and lists the warnings;
 * File › Export writes a file and says what it left out. */
static void
test_import_export (void)
{
  Fixture fixture = { 0 };
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                   "understanding-eventsourcing-cart.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *target = g_build_filename (dir, "hotel.json", NULL);
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  AdwMessageDialog *dialog;
  GList *windows;
  SlWindow *imported = NULL;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  sl_window_import (fixture.window, file);

  windows = gtk_application_get_windows (GTK_APPLICATION (fixture.app));
  for (GList *l = windows; l; l = l->next)
    if (SL_IS_WINDOW (l->data) && l->data != (gpointer) fixture.window)
      imported = l->data;
  g_assert_nonnull (imported);
  g_assert_null (sl_window_get_file (imported));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (sl_window_get_document (imported))), ==, 34);

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (imported));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Warnings"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  sl_window_export_eventmodelers (fixture.window, target_file);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Without Some Parts"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  test_app_quit (&fixture.app, &fixture.window);
  remove_tree (dir);
}

/* The window's target for files from the file manager. */
static GtkDropTarget *
find_file_drop_target (SlWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      const GType *types;
      gsize n_types;

      if (!GTK_IS_DROP_TARGET (controller))
        continue;
      types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n_types);
      for (gsize j = 0; j < n_types; j++)
        if (types[j] == GDK_TYPE_FILE_LIST)
          return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* Drops @file on @window as the file manager does, as a list of files or
 * as one file. */
static gboolean
drop_file (SlWindow *window,
           GFile    *file,
           gboolean  as_list)
{
  GtkDropTarget *target = find_file_drop_target (window);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  if (as_list)
    {
      GSList *files = g_slist_prepend (NULL, file);

      g_value_init (&value, GDK_TYPE_FILE_LIST);
      g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
      g_slist_free (files);
    }
  else
    {
      g_value_init (&value, G_TYPE_FILE);
      g_value_set_object (&value, file);
    }
  g_signal_emit_by_name (target, "drop", &value, 100.0, 100.0, &handled);
  return handled;
}

/* The window of @app showing @file, or %NULL. */
static SlWindow *
window_of_file (SlApplication *app,
                GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SL_IS_WINDOW (l->data) && sl_window_get_file (l->data) != NULL &&
        g_file_equal (sl_window_get_file (l->data), file))
      return l->data;

  return NULL;
}

/* A model dropped from the file manager opens in a window of its own, an
 * eventmodelers export is imported, and a broken file says why, as File →
 * Open and Import do. */
static void
test_drop_files (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *example = NULL;
  g_autofree char *motel = g_build_filename (dir, "motel.stormline", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.stormline", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                   "understanding-eventsourcing-cart.json", NULL);
  g_autoptr(GFile) motel_file = g_file_new_for_path (motel);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GFile) json_file = g_file_new_for_path (source);
  g_autoptr(GString) text = NULL;
  AdwMessageDialog *dialog;
  SlWindow *window;

  g_assert_true (g_file_get_contents (g_getenv ("STORMLINE_EXAMPLE"), &example, NULL, NULL));
  text = g_string_new (example);
  g_assert_cmpuint (g_string_replace (text, "\"title\": \"Hotel\"", "\"title\": \"Motel\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (motel, text->str, -1, NULL));
  g_assert_true (g_file_set_contents (broken, "{\"stormline\": 1, \"notes\": [", -1, NULL));

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));

  /* A model: its own window, the board in this one stays as it was. */
  g_assert_true (drop_file (fixture.window, motel_file, TRUE));
  window = window_of_file (fixture.app, motel_file);
  g_assert_nonnull (window);
  g_assert_true (window != fixture.window);
  g_assert_cmpstr (sl_document_get_title (sl_window_get_document (window)), ==, "Motel");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Motel — Stormline");
  g_assert_cmpstr (sl_document_get_title (sl_window_get_document (fixture.window)), ==, "Hotel");

  /* Dropped again, on either window, it shows the window it has. */
  g_assert_true (drop_file (fixture.window, motel_file, FALSE));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture.app))), ==, 2);

  /* An eventmodelers export is imported, with what it could not use. */
  g_assert_true (drop_file (fixture.window, json_file, FALSE));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture.app))), ==, 3);
  /* The window without a file: the others show the two models. */
  window = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture.app)); l != NULL; l = l->next)
    if (sl_window_get_file (l->data) == NULL)
      window = l->data;
  g_assert_nonnull (window);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (sl_window_get_document (window))), ==, 34);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Warnings"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A broken model says why, as File → Open does. */
  g_assert_true (drop_file (fixture.window, broken_file, TRUE));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open “broken.stormline”");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (window_of_file (fixture.app, broken_file));

  test_app_quit (&fixture.app, &fixture.window);
  remove_tree (dir);
}

/* The position of the item with @label in @menu and its sections, counted
 * through them, or -1. */
static int
menu_item_position (GMenuModel *menu,
                    const char *label,
                    int        *counted)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_label = NULL;

      if (section != NULL)
        {
          int found = menu_item_position (section, label, counted);

          if (found >= 0)
            return found;
          continue;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_str_equal (item_label, label))
        return *counted;
      (*counted)++;
    }

  return -1;
}

static int
primary_menu_position (SlWindow   *window,
                       const char *label)
{
  int counted = 0;

  return menu_item_position (G_MENU_MODEL (window->primary_menu), label, &counted);
}

/* F1 and the main menu's Help open the guide, above the shortcuts and
 * About, as in GNOME's own applications. */
static void
test_help (void)
{
  Fixture fixture = { 0 };
  g_auto(GStrv) accels = NULL;
  int help, shortcuts, about;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));

  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (fixture.app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture.app), "app.help");
  g_assert_cmpstrv (accels, ((const char *[]) { "F1", NULL }));

  help = primary_menu_position (fixture.window, "_Help");
  shortcuts = primary_menu_position (fixture.window, "_Keyboard Shortcuts");
  about = primary_menu_position (fixture.window, "_About Stormline");
  g_assert_cmpint (help, >=, 0);
  g_assert_cmpint (help + 1, ==, shortcuts);
  g_assert_cmpint (shortcuts + 1, ==, about);

  test_app_quit (&fixture.app, &fixture.window);
}

/* A key and its modifiers, as the shortcuts window shows them. */
static char *
accel_key (guint           keyval,
           GdkModifierType modifiers)
{
  /* A keypad key does what the main key does, and Ctrl+= is Ctrl++ without
   * Shift: the window shows the main key once. */
  switch (keyval)
    {
    case GDK_KEY_KP_Add:
    case GDK_KEY_equal:
      keyval = GDK_KEY_plus;
      break;
    case GDK_KEY_KP_Subtract:
      keyval = GDK_KEY_minus;
      break;
    case GDK_KEY_KP_Enter:
      keyval = GDK_KEY_Return;
      break;
    default:
      break;
    }

  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), modifiers & gtk_accelerator_get_default_mod_mask ());
}

/* Every key in the shortcuts window's accelerators. */
static GHashTable *
shortcuts_window_keys (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/stormline/Stormline/sl-shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      if (accelerator == NULL)
        continue;
      parts = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (parts[i], &keyval, &modifiers));
          g_hash_table_add (keys, accel_key (keyval, modifiers));
        }
    }

  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  return keys;
}

static void
assert_listed (GHashTable *keys,
               const char *key,
               const char *what)
{
  if (!g_hash_table_contains (keys, key))
    g_error ("%s, on %s, is not in the shortcuts window", what, key);
}

/* The keys of the shortcuts that @widget's class binds to its actions. */
static void
assert_class_shortcuts_listed (GtkWidget  *widget,
                               GHashTable *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n_bindings = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *key = NULL;

          /* GTK's own bindings (GtkWindow's debugging keys, …) are
           * signals; the application's are named actions. */
          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          key = accel_key (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          assert_listed (keys, key, gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          n_bindings++;
        }
    }

  g_assert_cmpuint (n_bindings, >, 0);
}

/* The shortcuts window lists every key the application binds: the
 * application's accelerators, the window's and the board's bindings and
 * the keys that add notes. A new shortcut without an entry fails here. */
static void
test_shortcuts_window (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GHashTable) keys = shortcuts_window_keys ();
  g_auto(GStrv) actions = NULL;
  g_autoptr(GEnumClass) kinds = g_type_class_ref (SL_TYPE_NOTE_KIND);
  guint n_accels = 0;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (fixture.app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture.app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          g_autofree char *key = NULL;
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &modifiers));
          key = accel_key (keyval, modifiers);
          assert_listed (keys, key, actions[i]);
          n_accels++;
        }
    }
  /* Quit, Help and GTK's own Show Shortcuts at least. */
  g_assert_cmpuint (n_accels, >=, 3);

  assert_class_shortcuts_listed (GTK_WIDGET (fixture.window), keys);
  assert_class_shortcuts_listed (GTK_WIDGET (sl_window_get_canvas (fixture.window)), keys);

  for (guint i = 0; i < kinds->n_values; i++)
    {
      guint keyval = sl_note_kind_get_keyval (kinds->values[i].value);
      g_autofree char *key = NULL;

      if (keyval == 0)
        continue;
      key = accel_key (keyval, 0);
      assert_listed (keys, key, kinds->values[i].value_nick);
    }

  test_app_quit (&fixture.app, &fixture.window);
}

/* Activates win.show-help-overlay. GTK 4.8 warns, as it measures the
 * shortcuts window under libadwaita 1.2's style sheet, of one of its labels
 * at a negative width: not ours, and harmless, so not fatal here. */
static gboolean
show_shortcuts (SlWindow *window)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gboolean activated = gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);

  g_log_set_always_fatal (fatal);
  return activated;
}

/* Ctrl+? shows the shortcuts window, built when it is first asked for and
 * not with the window (25-40 ms of the time to the first frame). */
static void
test_shortcuts_window_on_demand (void)
{
  Fixture fixture = { 0 };
  g_auto(GStrv) accels = NULL;
  GtkShortcutsWindow *shortcuts;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));

  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture.window)));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture.app), "win.show-help-overlay");
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>question", NULL }));

  g_assert_true (show_shortcuts (fixture.window));
  shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture.window));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (fixture.window));

  /* Closed and asked for again: the same window. */
  gtk_window_close (GTK_WINDOW (shortcuts));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (show_shortcuts (fixture.window));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture.window)) == shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  test_app_quit (&fixture.app, &fixture.window);
}

/* The guide: steps with their state, the step's problems, a click on one
 * shows its note on the board, and a fix takes the problem away. */
/* The kind the first button of the palette adds. */
static char *
first_palette_kind (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      char *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "win.add-note") == 0)
        {
          GtkWidget *first = gtk_widget_get_first_child (gtk_widget_get_parent (child));

          return g_variant_dup_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (first)), NULL);
        }
      if ((found = first_palette_kind (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_follow_step (void)
{
  Fixture fixture = { 0 };
  g_autofree char *kind = NULL;
  SlDocument *document;
  SlCanvas *canvas;
  guint dimmed;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  canvas = sl_window_get_canvas (fixture.window);

  sl_document_set_step (document, 1);
  kind = first_palette_kind (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (kind, ==, "event");
  g_clear_pointer (&kind, g_free);

  /* Step 4 groups events by aggregate: the aggregate comes first. */
  sl_document_set_step (document, 4);
  kind = first_palette_kind (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (kind, ==, "aggregate");
  g_clear_pointer (&kind, g_free);
  g_assert_cmpuint (sl_canvas_get_dimmed_kinds (canvas), ==, 0);

  /* Fading puts the step's kinds forward, and follows the step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.dim-others", NULL));
  dimmed = sl_canvas_get_dimmed_kinds (canvas);
  g_assert_false (dimmed & (1u << SL_NOTE_AGGREGATE));
  g_assert_false (dimmed & (1u << SL_NOTE_EVENT));
  g_assert_true (dimmed & (1u << SL_NOTE_VIEW));
  g_assert_true (dimmed & (1u << SL_NOTE_SCREEN));

  sl_document_set_step (document, 6);
  dimmed = sl_canvas_get_dimmed_kinds (canvas);
  g_assert_false (dimmed & (1u << SL_NOTE_VIEW));
  g_assert_true (dimmed & (1u << SL_NOTE_AGGREGATE));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.dim-others", NULL));
  g_assert_cmpuint (sl_canvas_get_dimmed_kinds (canvas), ==, 0);

  test_app_quit (&fixture.app, &fixture.window);
}

#define ANY_INDEX G_MAXUINT

/* The widget named @name, for field @index (or any) in the inspector. */
static GtkWidget *
find_field_widget (GtkWidget  *widget,
                   const char *name,
                   guint       index)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (gtk_widget_get_name (child), name) &&
          (index == ANY_INDEX ||
           GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "sl-field-index")) == index))
        return child;
      if ((found = find_field_widget (child, name, index)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *name)
{
  return find_field_widget (widget, name, ANY_INDEX);
}

static guint
count_field_rows (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += (g_str_equal (gtk_widget_get_name (child), "field-name") ? 1 : 0) + count_field_rows (child);

  return n;
}

static gboolean
has_problem (GPtrArray  *problems,
             SlNote     *note,
             const char *rule,
             const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      if (sl_problem_get_note (problem) == note && g_str_equal (sl_problem_get_rule (problem), rule) &&
          g_strcmp0 (sl_problem_get_field (problem), field) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
flush_main_context (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *find_toplevel        (const char *name);
static void       answer_impact_dialog (const char *response);

/* A field renamed on the board's note is fixed through the inspector,
 * in one undo step, and its problem goes. */
static void
test_inspector (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlHistory *history;
  SlCanvas *canvas;
  SlGuide *guide;
  SlInspector *inspector;
  SlNote *book;
  GtkWidget *row;
  guint n_undo;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);
  canvas = sl_window_get_canvas (fixture.window);
  guide = sl_window_get_guide (fixture.window);
  inspector = sl_window_get_inspector (fixture.window);
  book = sl_document_lookup_note (document, "cmd-book-room");

  /* A model that comes with the defect. */
  sl_document_set_field_name (document, book, 0, "guestID");
  sl_history_clear (history);
  sl_guide_refresh (guide);
  g_assert_true (has_problem (sl_guide_get_problems (guide), book, "field-no-origin", "guestID"));
  g_assert_null (sl_inspector_get_note (inspector));

  /* The problem leads to the note, and opens the inspector on it. */
  g_signal_emit_by_name (guide, "problem-activated", book);
  flush_main_context ();
  g_assert_true (sl_inspector_get_note (inspector) == book);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (inspector)));
  g_assert_cmpuint (count_field_rows (GTK_WIDGET (inspector)), ==, sl_note_get_n_fields (book));

  /* The field is marked there too, with the fix in its tooltip. */
  {
    GtkWidget *mark = find_widget (GTK_WIDGET (inspector), "field-problem");

    g_assert_nonnull (mark);
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (mark), "Rename it to “guestId”"));
  }

  /* It follows the selection; two notes selected are no one note. */
  sl_canvas_select (canvas, sl_document_lookup_note (document, "evt-room-booked"), TRUE);
  g_assert_null (sl_inspector_get_note (inspector));
  sl_canvas_select (canvas, book, FALSE);
  g_assert_true (sl_inspector_get_note (inspector) == book);
  flush_main_context ();

  n_undo = sl_history_get_n_undo (history);
  row = find_field_widget (GTK_WIDGET (inspector), "field-name", 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "guestID");
  gtk_editable_set_text (GTK_EDITABLE (row), "guestId");
  g_signal_emit_by_name (row, "apply");
  flush_main_context ();

  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 0)), ==, "guestId");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  sl_guide_refresh (guide);
  g_assert_false (has_problem (sl_guide_get_problems (guide), book, "field-no-origin", "guestID"));
  g_assert_false (has_problem (sl_guide_get_problems (guide), book, "field-no-origin", "guestId"));
  flush_main_context ();
  g_assert_null (find_widget (GTK_WIDGET (inspector), "field-problem"));

  /* A name typed and left without Enter is kept, one step. */
  row = find_field_widget (GTK_WIDGET (inspector), "field-name", 0);
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "guestKey");
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
  flush_main_context ();
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 0)), ==, "guestKey");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 2);
  sl_history_undo (history);
  flush_main_context ();
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 0)), ==, "guestId");

  /* The mapping offers the fields upstream. */
  {
    GtkWidget *mapping = find_field_widget (GTK_WIDGET (inspector), "field-mapping", 0);
    GtkWidget *list = find_widget (mapping, "suggestions");
    GtkListBoxRow *item = NULL;

    g_assert_nonnull (list);
    for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
      if (g_str_equal (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (item))), "guestName"))
        break;
    g_assert_nonnull (item);
    g_signal_emit_by_name (list, "row-activated", item);
    flush_main_context ();
    g_assert_cmpstr (sl_field_get_mapping (sl_note_get_field (book, 0)), ==, "guestName");
    g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 2);
    sl_history_undo (history);
    flush_main_context ();
    g_assert_null (sl_field_get_mapping (sl_note_get_field (book, 0)));
  }

  /* Typing a name offers the names of the model that contain it, those
   * that begin with it first; a mapping offers only the names upstream. */
  {
    GtkWidget *name = find_field_widget (GTK_WIDGET (inspector), "field-name", 1);
    GtkWidget *mapping = find_field_widget (GTK_WIDGET (inspector), "field-mapping", 1);
    GtkWidget *list = find_widget (name, "completions");
    g_auto(GStrv) upstream = sl_check_get_upstream_names (document, book);
    GtkListBoxRow *item;
    gboolean offered = FALSE;

    g_assert_nonnull (list);
    gtk_editable_set_text (GTK_EDITABLE (name), "OUNT");
    g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (list, GTK_TYPE_POPOVER)));
    for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
      {
        const char *offer = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (item)));
        g_autofree char *lower = g_ascii_strdown (offer, -1);

        g_assert_nonnull (strstr (lower, "ount"));
        offered |= g_str_equal (offer, "amountDue");
      }
    g_assert_true (offered);

    /* Not a name the note has: it would be refused. */
    {
      g_autofree char *start = g_strndup (sl_field_get_name (sl_note_get_field (book, 0)), 4);

      gtk_editable_set_text (GTK_EDITABLE (name), start);
    }
    for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (item))), !=,
                       sl_field_get_name (sl_note_get_field (book, 0)));

    gtk_editable_set_text (GTK_EDITABLE (name), "amountD");
    item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (item))), ==, "amountDue");
    g_signal_emit_by_name (list, "row-activated", item);
    g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (list, GTK_TYPE_POPOVER)));
    flush_main_context ();
    g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 1)), ==, "amountDue");
    g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 2);
    sl_history_undo (history);
    flush_main_context ();

    mapping = find_field_widget (GTK_WIDGET (inspector), "field-mapping", 1);
    list = find_widget (mapping, "completions");
    gtk_editable_set_text (GTK_EDITABLE (mapping), "e");
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
    for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
      g_assert_true (g_strv_contains ((const char * const *) upstream,
                                      gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (item)))));
    gtk_editable_set_text (GTK_EDITABLE (mapping), "");
    g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (list, GTK_TYPE_POPOVER)));
  }

  /* An empty name is refused, and nothing changes. */
  row = find_field_widget (GTK_WIDGET (inspector), "field-name", 1);
  gtk_editable_set_text (GTK_EDITABLE (row), "  ");
  g_signal_emit_by_name (row, "apply");
  flush_main_context ();
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 1)), ==, "roomNumber");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);

  /* Nor a name another field of the note has. */
  gtk_editable_set_text (GTK_EDITABLE (row), "checkIn");
  g_signal_emit_by_name (row, "apply");
  flush_main_context ();
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 1)), ==, "roomNumber");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);

  /* Add a field, one step; undo shows in the inspector at once. */
  g_signal_emit_by_name (find_field_widget (GTK_WIDGET (inspector), "field-add", 0), "clicked");
  flush_main_context ();
  g_assert_cmpuint (sl_note_get_n_fields (book), ==, 5);
  g_assert_cmpuint (count_field_rows (GTK_WIDGET (inspector)), ==, 5);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 2);
  sl_history_undo (history);
  flush_main_context ();
  g_assert_cmpuint (count_field_rows (GTK_WIDGET (inspector)), ==, 4);

  /* Remove one through its button; a second click that comes before the
   * rows are rebuilt removes nothing more. */
  row = find_field_widget (GTK_WIDGET (inspector), "field-remove", 3);
  g_signal_emit_by_name (row, "clicked");
  /* Room Booked's checkOut comes from it: the removal asks first. */
  answer_impact_dialog ("remove");
  g_signal_emit_by_name (row, "clicked");
  g_assert_null (find_toplevel ("impact-dialog"));
  flush_main_context ();
  g_assert_cmpuint (sl_note_get_n_fields (book), ==, 3);
  g_assert_null (sl_note_find_field (book, "checkOut", NULL));

  /* The note goes: the inspector lets it go. */
  sl_document_remove_note (document, book);
  flush_main_context ();
  g_assert_null (sl_inspector_get_note (inspector));

  test_app_quit (&fixture.app, &fixture.window);
}

/* The toplevel window named @name, if one is open. */
static GtkWidget *
find_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_str_equal (gtk_widget_get_name (window), name) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

/* Answers the dialog that asks before a removal that breaks something,
 * which must be open. */
static void
answer_impact_dialog (const char *response)
{
  GtkWidget *dialog = find_toplevel ("impact-dialog");

  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  /* A response from a button closes the dialog too. */
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Presses @keyval on the board, as the keyboard does; fails when the
 * board does not take it. */
static void
press_key_on_board (SlCanvas *canvas,
                    guint     keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* The text of every label under @widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      collect_labels (child, out);
    }
}

/* What a change would break shows before it is made: a note whose
 * removal breaks something asks first, listing what (Cancel keeps it,
 * Remove removes it, Undo brings it back); a harmless one goes at once;
 * and a field's new name, typed and not yet applied, says under it what
 * the rename would break. */
static void
test_impact (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlHistory *history;
  SlCanvas *canvas;
  SlInspector *inspector;
  SlNote *details, *comment, *book, *check_in, *next;
  GtkWidget *dialog, *name, *impact;
  g_autoptr(GString) listed = g_string_new (NULL);
  guint n_connections, n_undo;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);
  canvas = sl_window_get_canvas (fixture.window);
  inspector = sl_window_get_inspector (fixture.window);
  details = sl_document_lookup_note (document, "view-booking-details");
  n_connections = g_list_model_get_n_items (sl_document_get_connections (document));
  n_undo = sl_history_get_n_undo (history);

  /* Booking Details feeds the Payment and Check-in screens. */
  sl_canvas_select (canvas, details, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  dialog = find_toplevel ("impact-dialog");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Delete “Booking Details”?");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  collect_labels (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)), listed);
  g_assert_nonnull (strstr (listed->str, "Fields That Would Lose Their Origin\n"));
  g_assert_nonnull (strstr (listed->str, "\nPayment · amountDue\n"));
  g_assert_nonnull (strstr (listed->str, "\nCheck-in · room\n"));
  g_assert_nonnull (strstr (listed->str, "Scenario That Names It\n"
                                         "“The amount due is the price of every night” (Booking Details)\n"));

  /* Cancel: nothing happened. */
  answer_impact_dialog ("cancel");
  g_assert_true (sl_document_lookup_note (document, "view-booking-details") == details);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo);

  /* Remove: gone, with its connections, in one step that Undo takes back. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  answer_impact_dialog ("remove");
  g_assert_null (sl_document_lookup_note (document, "view-booking-details"));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_document_lookup_note (document, "view-booking-details") == details);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_connections (document)), ==, n_connections);

  /* With the keyboard: once removed, the keyboard is on the next note
   * along the timeline, as after a removal that does not ask, not back
   * at the start of the board. */
  sl_canvas_show_note (canvas, details);
  next = sl_layout_get_next_note (sl_canvas_get_layout (canvas), details, TRUE);
  g_assert_nonnull (next);
  press_key_on_board (canvas, GDK_KEY_Delete);
  answer_impact_dialog ("remove");
  g_assert_null (sl_document_lookup_note (document, "view-booking-details"));
  g_assert_true (sl_canvas_get_focus_note (canvas) == next);
  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_document_lookup_note (document, "view-booking-details") == details);

  /* Several notes at once: one dialog for all. */
  sl_canvas_select (canvas, sl_document_lookup_note (document, "cmd-pay"), FALSE);
  sl_canvas_select (canvas, sl_document_lookup_note (document, "evt-payment-succeeded"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  dialog = find_toplevel ("impact-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Delete 2 Notes?");
  answer_impact_dialog ("remove");
  g_assert_null (sl_document_lookup_note (document, "cmd-pay"));
  g_assert_null (sl_document_lookup_note (document, "evt-payment-succeeded"));
  g_assert_true (sl_history_undo (history));
  g_assert_nonnull (sl_document_lookup_note (document, "cmd-pay"));

  /* A comment breaks nothing: it goes at once. */
  comment = sl_document_add_note (document, SL_NOTE_COMMENT, sl_note_get_lane (details), 4000, 0, "Ask the hotel");
  sl_canvas_select (canvas, comment, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  g_assert_null (find_toplevel ("impact-dialog"));
  g_assert_null (sl_document_lookup_note (document, sl_element_get_id (SL_ELEMENT (comment))));

  /* A rename typed, before it is applied. */
  book = sl_document_lookup_note (document, "cmd-book-room");
  sl_canvas_select (canvas, book, FALSE);
  flush_main_context ();
  g_assert_true (sl_inspector_get_note (inspector) == book);
  name = find_field_widget (GTK_WIDGET (inspector), "field-name", 0);
  impact = find_widget (gtk_widget_get_ancestor (name, SL_TYPE_FIELD_ROW), "field-impact");
  g_assert_false (gtk_widget_get_visible (impact));
  n_undo = sl_history_get_n_undo (history);
  gtk_editable_set_text (GTK_EDITABLE (name), "guestRef");
  while (!gtk_widget_get_visible (impact))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (impact, "field-impact-text"))), ==,
                   "Renaming “guestId” breaks: “guestRef” would have no origin; "
                   "“guestRef” would have no destination; Room Booked · guestId has no origin; "
                   "2 scenarios name it; 2 other problems");
  /* Nothing changed yet. */
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 0)), ==, "guestId");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo);

  /* Its own name again: nothing to say. */
  gtk_editable_set_text (GTK_EDITABLE (name), "guestId");
  while (gtk_widget_get_visible (impact))
    g_main_context_iteration (NULL, TRUE);

  /* Applied: the line goes, the rename is one step. */
  gtk_editable_set_text (GTK_EDITABLE (name), "guestRef");
  while (!gtk_widget_get_visible (impact))
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (name, "apply");
  flush_main_context ();
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 0)), ==, "guestRef");
  name = find_field_widget (GTK_WIDGET (inspector), "field-name", 0);
  impact = find_widget (gtk_widget_get_ancestor (name, SL_TYPE_FIELD_ROW), "field-impact");
  g_assert_false (gtk_widget_get_visible (impact));
  g_assert_true (sl_history_undo (history));
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 0)), ==, "guestId");

  /* A rename that leaves the field itself without its origin says so:
   * the Check-in screen's room comes from Booking Details, roomNo from
   * nowhere. */
  check_in = sl_document_lookup_note (document, "scr-check-in");
  sl_canvas_select (canvas, check_in, FALSE);
  flush_main_context ();
  g_assert_true (sl_inspector_get_note (inspector) == check_in);
  name = find_field_widget (GTK_WIDGET (inspector), "field-name", 2);
  impact = find_widget (gtk_widget_get_ancestor (name, SL_TYPE_FIELD_ROW), "field-impact");
  gtk_editable_set_text (GTK_EDITABLE (name), "roomNo");
  while (!gtk_widget_get_visible (impact))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find_widget (impact, "field-impact-text"))),
                                   "Renaming “room” breaks: “roomNo” would have no origin"));
  gtk_editable_set_text (GTK_EDITABLE (name), "room");
  while (gtk_widget_get_visible (impact))
    g_main_context_iteration (NULL, TRUE);

  test_app_quit (&fixture.app, &fixture.window);
}

/* An event with no aggregate is given a new one, named in a dialog, in
 * one undo step, and step 4's problem for it goes; and it is marked
 * pivotal. */
static void
test_inspector_aggregate (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlHistory *history;
  SlGuide *guide;
  SlInspector *inspector;
  SlNote *event;
  GtkWidget *row, *dialog, *entry, *toggle;
  GListModel *items;
  guint n_undo;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);
  guide = sl_window_get_guide (fixture.window);
  inspector = sl_window_get_inspector (fixture.window);

  event = sl_document_add_note (document, SL_NOTE_EVENT, sl_document_lookup_lane (document, "lane-interaction"),
                                2920, 0, "Book Borrowed");
  sl_history_clear (history);
  sl_guide_refresh (guide);
  g_assert_true (has_problem (sl_guide_get_problems (guide), event, "no-aggregate", NULL));

  sl_canvas_select (sl_window_get_canvas (fixture.window), event, FALSE);
  flush_main_context ();
  g_assert_true (sl_inspector_get_note (inspector) == event);

  /* None, the four aggregates, and the choice to make one. */
  row = find_widget (GTK_WIDGET (inspector), "note-aggregate");
  items = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 6);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 5), ==, "New Aggregate…");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  /* Closed, it changes nothing, and the row shows None again. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 5);
  flush_main_context ();
  dialog = find_toplevel ("new-aggregate");
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  flush_main_context ();
  g_assert_null (find_toplevel ("new-aggregate"));
  g_assert_null (sl_note_get_aggregate (event));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 0);
  row = find_widget (GTK_WIDGET (inspector), "note-aggregate");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  /* A name is needed, and not one an aggregate has already. */
  gtk_widget_grab_focus (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 5);
  flush_main_context ();
  dialog = find_toplevel ("new-aggregate");
  g_assert_nonnull (dialog);
  entry = find_widget (dialog, "aggregate-name");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Room");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Loan ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  g_signal_emit_by_name (entry, "activate");
  flush_main_context ();
  g_assert_null (find_toplevel ("new-aggregate"));

  g_assert_nonnull (sl_note_get_aggregate (event));
  g_assert_cmpstr (sl_aggregate_get_name (sl_note_get_aggregate (event)), ==, "Loan");
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_aggregates (document)), ==, 5);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  row = find_widget (GTK_WIDGET (inspector), "note-aggregate");
  items = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items),
                                               adw_combo_row_get_selected (ADW_COMBO_ROW (row))), ==, "Loan");
  sl_guide_refresh (guide);
  g_assert_false (has_problem (sl_guide_get_problems (guide), event, "no-aggregate", NULL));

  /* The focus stays on the row, not on the note's text. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)), row) ||
                 gtk_root_get_focus (GTK_ROOT (fixture.window)) == row);

  /* One undo takes back both. */
  sl_history_undo (history);
  flush_main_context ();
  g_assert_null (sl_note_get_aggregate (event));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_aggregates (document)), ==, 4);
  row = find_widget (GTK_WIDGET (inspector), "note-aggregate");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  sl_history_redo (history);
  flush_main_context ();

  /* Without one of its own, an event belongs to its lane's aggregate and
   * a command to its events', and the row says so; a screen has none. */
  {
    const struct { const char *id; const char *none; } inherits[] = {
      { "evt-room-added", "From the Lane (Room)" },
      { "cmd-add-room", "From Its Events (Room)" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (inherits); i++)
      {
        sl_canvas_select (sl_window_get_canvas (fixture.window), sl_document_lookup_note (document, inherits[i].id), FALSE);
        flush_main_context ();
        row = find_widget (GTK_WIDGET (inspector), "note-aggregate");
        items = adw_combo_row_get_model (ADW_COMBO_ROW (row));
        g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 0), ==, inherits[i].none);
        g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
      }
    sl_canvas_select (sl_window_get_canvas (fixture.window), sl_document_lookup_note (document, "scr-add-room"), FALSE);
    flush_main_context ();
    g_assert_null (find_widget (GTK_WIDGET (inspector), "note-aggregate"));
    sl_canvas_select (sl_window_get_canvas (fixture.window), event, FALSE);
    flush_main_context ();
  }

  /* The event is marked pivotal, one step; undo shows at once. */
  n_undo = sl_history_get_n_undo (history);
  toggle = find_widget (GTK_WIDGET (inspector), "note-pivotal");
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  flush_main_context ();
  g_assert_true (sl_note_get_pivotal (event));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  sl_history_undo (history);
  flush_main_context ();
  g_assert_false (sl_note_get_pivotal (event));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (find_widget (GTK_WIDGET (inspector), "note-pivotal"))));

  /* Only events are pivotal. */
  sl_canvas_select (sl_window_get_canvas (fixture.window), sl_document_lookup_note (document, "cmd-book-room"), FALSE);
  flush_main_context ();
  g_assert_null (find_widget (GTK_WIDGET (inspector), "note-pivotal"));

  test_app_quit (&fixture.app, &fixture.window);
}

static guint
count_named (GtkWidget  *widget,
             const char *name)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += (g_str_equal (gtk_widget_get_name (child), name) ? 1 : 0) + count_named (child, name);

  return n;
}

static void
apply_text (GtkWidget  *row,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  flush_main_context ();
}

/* The model's title, description and aggregates edited from the main
 * menu's Model Properties, each change one undo step, shown at once. */
static void
test_model_properties (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlHistory *history;
  SlLane *room_lane;
  SlAggregate *room;
  GtkWidget *properties, *row;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);
  room_lane = sl_document_lookup_lane (document, "lane-room");
  room = sl_lane_get_aggregate (room_lane);
  sl_history_clear (history);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.model-properties", NULL));
  flush_main_context ();
  properties = find_toplevel ("model-properties");
  g_assert_nonnull (properties);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (properties)) == GTK_WINDOW (fixture.window));

  /* The title, also the window's; an empty one is refused. */
  row = find_widget (properties, "model-title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, sl_document_get_title (document));
  apply_text (row, "Library Loans");
  g_assert_cmpstr (sl_document_get_title (document), ==, "Library Loans");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), "Library Loans — Stormline"));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  apply_text (row, " ");
  g_assert_cmpstr (sl_document_get_title (document), ==, "Library Loans");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Library Loans");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  apply_text (find_widget (properties, "model-description"), "Books lent and returned");
  g_assert_cmpstr (sl_document_get_description (document), ==, "Books lent and returned");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 2);

  /* Undone from the window itself (Ctrl+Z), it shows in the row. */
  g_assert_true (gtk_widget_activate_action (properties, "model.undo", NULL));
  g_assert_true (gtk_widget_activate_action (properties, "model.undo", NULL));
  flush_main_context ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, sl_document_get_title (document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), !=, "Library Loans");
  g_assert_true (gtk_widget_activate_action (properties, "model.redo", NULL));
  g_assert_true (gtk_widget_activate_action (properties, "model.redo", NULL));
  flush_main_context ();
  g_assert_cmpstr (sl_document_get_title (document), ==, "Library Loans");

  /* A row for each aggregate: renamed in it, not to another's name. */
  g_assert_cmpuint (count_named (properties, "aggregate-name"), ==, 4);
  row = find_widget (properties, "aggregate-name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Room");
  apply_text (row, "Guest");
  g_assert_cmpstr (sl_aggregate_get_name (room), ==, "Room");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Room");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 2);
  apply_text (row, "Chamber");
  g_assert_cmpstr (sl_aggregate_get_name (room), ==, "Chamber");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 3);
  sl_history_undo (history);
  flush_main_context ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (properties, "aggregate-name"))), ==, "Room");

  /* Added by name. */
  row = find_widget (properties, "aggregate-new");
  apply_text (row, "Loan");
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_aggregates (document)), ==, 5);
  g_assert_cmpuint (count_named (properties, "aggregate-name"), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 3);

  /* Removed, with its lane left without one; one undo brings both back. */
  row = find_widget (properties, "aggregate-remove");
  g_signal_emit_by_name (row, "clicked");
  g_signal_emit_by_name (row, "clicked");
  flush_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_aggregates (document)), ==, 4);
  g_assert_null (sl_lane_get_aggregate (room_lane));
  g_assert_cmpuint (count_named (properties, "aggregate-name"), ==, 4);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 4);
  sl_history_undo (history);
  flush_main_context ();
  g_assert_true (sl_lane_get_aggregate (room_lane) == room);
  g_assert_cmpuint (count_named (properties, "aggregate-name"), ==, 5);

  gtk_window_close (GTK_WINDOW (properties));
  flush_main_context ();
  g_assert_null (find_toplevel ("model-properties"));

  test_app_quit (&fixture.app, &fixture.window);
}

/* A command's scenario written through the inspector: Given an event with
 * an example value, Then an error; each change one undo step. */
static void
test_inspector_scenario (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlHistory *history;
  SlInspector *inspector;
  SlNote *book, *registered;
  GListModel *scenarios;
  SlScenario *scenario = NULL;
  GtkWidget *list, *row = NULL;
  GtkListBoxRow *item;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);
  inspector = sl_window_get_inspector (fixture.window);
  book = sl_document_lookup_note (document, "cmd-book-room");
  registered = sl_document_lookup_note (document, "evt-guest-registered");
  scenarios = sl_document_get_scenarios (document);

  /* A command with no scenario yet. */
  for (guint i = g_list_model_get_n_items (scenarios); i > 0; i--)
    {
      g_autoptr(SlScenario) old = g_list_model_get_item (scenarios, i - 1);

      if (sl_scenario_get_note (old) == book)
        sl_document_remove_scenario (document, old);
    }
  sl_history_clear (history);
  sl_canvas_select (sl_window_get_canvas (fixture.window), book, FALSE);
  flush_main_context ();

  g_signal_emit_by_name (find_widget (GTK_WIDGET (inspector), "scenario-add"), "clicked");
  flush_main_context ();
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    if (sl_scenario_get_note (sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i)) == book)
      scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);
  g_assert_nonnull (scenario);
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_WHEN), ==, 1);
  g_assert_true (sl_step_get_note (sl_scenario_get_step (scenario, SL_STEP_WHEN, 0)) == book);

  /* Given: an event picked from the model. */
  list = find_widget (GTK_WIDGET (inspector), "add-given");
  g_assert_nonnull (list);
  for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    if (g_str_equal (gtk_label_get_text (GTK_LABEL (find_widget (GTK_WIDGET (item), "choice-label"))), "Guest Registered"))
      break;
  g_assert_nonnull (item);
  g_signal_emit_by_name (list, "row-activated", item);
  flush_main_context ();
  g_assert_cmpuint (sl_scenario_get_n_steps (scenario, SL_STEP_GIVEN), ==, 1);
  g_assert_true (sl_step_get_note (sl_scenario_get_step (scenario, SL_STEP_GIVEN, 0)) == registered);

  /* Its example value for guestId. */
  for (GtkWidget *child = find_widget (GTK_WIDGET (inspector), "step-value");
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "sl-value-name"), "guestId") == 0)
      row = child;
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "g-1");
  g_signal_emit_by_name (row, "apply");
  flush_main_context ();
  g_assert_cmpstr (sl_step_lookup (sl_scenario_get_step (scenario, SL_STEP_GIVEN, 0), "guestId"), ==, "g-1");

  /* Then: the error. */
  row = find_widget (GTK_WIDGET (inspector), "scenario-error");
  gtk_editable_set_text (GTK_EDITABLE (row), "The room is taken");
  g_signal_emit_by_name (row, "apply");
  flush_main_context ();
  g_assert_cmpstr (sl_scenario_get_error (scenario), ==, "The room is taken");

  /* Undo takes back the error alone, and the inspector shows it. */
  sl_history_undo (history);
  flush_main_context ();
  g_assert_null (sl_scenario_get_error (scenario));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (GTK_WIDGET (inspector), "scenario-error"))), ==, "");
  g_assert_cmpstr (sl_step_lookup (sl_scenario_get_step (scenario, SL_STEP_GIVEN, 0), "guestId"), ==, "g-1");
  sl_history_redo (history);
  flush_main_context ();
  g_assert_cmpstr (sl_scenario_get_error (scenario), ==, "The room is taken");

  /* The scenario is valid, and the command specified. */
  {
    g_autoptr(GPtrArray) problems = sl_check_run (document);

    g_assert_false (has_problem (problems, book, "scenario-invalid", NULL));
    g_assert_false (has_problem (problems, book, "no-scenario", NULL));
  }

  g_signal_emit_by_name (find_widget (GTK_WIDGET (inspector), "scenario-remove"), "clicked");
  flush_main_context ();
  {
    g_autoptr(GPtrArray) problems = sl_check_run (document);

    g_assert_true (has_problem (problems, book, "no-scenario", NULL));
  }
  g_assert_null (find_widget (GTK_WIDGET (inspector), "scenario-title"));

  test_app_quit (&fixture.app, &fixture.window);
}

static void wait_for_paint (GtkWidget *widget);
static void show_inspector (Fixture *fixture);
static gboolean has_focus_within (GtkWidget *widget);

/* The scenarios of @note, in the document's order. */
static GPtrArray *
scenarios_of (SlDocument *document,
              SlNote     *note)
{
  GListModel *scenarios = sl_document_get_scenarios (document);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    if (sl_scenario_get_note (sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i)) == note)
      g_ptr_array_add (found, sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i));
  return found;
}

static void
remove_scenarios_of (SlDocument *document,
                     SlNote     *note)
{
  g_autoptr(GPtrArray) scenarios = scenarios_of (document, note);

  for (guint i = 0; i < scenarios->len; i++)
    sl_document_remove_scenario (document, g_ptr_array_index (scenarios, i));
}

/* A new scenario's title says what it is about: the command, the command
 * rejected and why, once its error is written, or what the view shows. */
static void
test_inspector_scenario_title (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlHistory *history;
  SlInspector *inspector;
  SlNote *book, *rooms;
  g_autoptr(GPtrArray) scenarios = NULL;
  GtkWidget *row = NULL;
  guint n_undo;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);
  inspector = sl_window_get_inspector (fixture.window);
  book = sl_document_lookup_note (document, "cmd-book-room");
  rooms = sl_document_lookup_note (document, "view-available-rooms");
  remove_scenarios_of (document, book);
  remove_scenarios_of (document, rooms);
  sl_canvas_select (sl_window_get_canvas (fixture.window), book, FALSE);
  flush_main_context ();

  g_signal_emit_by_name (find_widget (GTK_WIDGET (inspector), "scenario-add"), "clicked");
  flush_main_context ();
  g_signal_emit_by_name (find_widget (GTK_WIDGET (inspector), "scenario-add"), "clicked");
  flush_main_context ();
  scenarios = scenarios_of (document, book);
  g_assert_cmpuint (scenarios->len, ==, 2);
  g_assert_cmpstr (sl_scenario_get_title (g_ptr_array_index (scenarios, 0)), ==, "Book Room");
  g_assert_cmpstr (sl_scenario_get_title (g_ptr_array_index (scenarios, 1)), ==, "Book Room rejected when …");

  /* The error written, the title says it, in the same undo step. */
  for (GtkWidget *group = gtk_widget_get_ancestor (find_widget (GTK_WIDGET (inspector), "scenario-title"),
                                                   SL_TYPE_SCENARIO_GROUP);
       group != NULL;
       group = gtk_widget_get_next_sibling (group))
    if (SL_IS_SCENARIO_GROUP (group) &&
        sl_scenario_group_get_scenario (SL_SCENARIO_GROUP (group)) == g_ptr_array_index (scenarios, 1))
      row = find_widget (group, "scenario-error");
  g_assert_nonnull (row);
  n_undo = sl_history_get_n_undo (history);
  gtk_editable_set_text (GTK_EDITABLE (row), "The room is taken");
  g_signal_emit_by_name (row, "apply");
  flush_main_context ();
  g_assert_cmpstr (sl_scenario_get_title (g_ptr_array_index (scenarios, 1)), ==, "Book Room rejected: The room is taken");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  sl_history_undo (history);
  g_assert_cmpstr (sl_scenario_get_title (g_ptr_array_index (scenarios, 1)), ==, "Book Room rejected when …");
  g_assert_null (sl_scenario_get_error (g_ptr_array_index (scenarios, 1)));

  sl_canvas_select (sl_window_get_canvas (fixture.window), rooms, FALSE);
  flush_main_context ();
  g_signal_emit_by_name (find_widget (GTK_WIDGET (inspector), "scenario-add"), "clicked");
  flush_main_context ();
  g_clear_pointer (&scenarios, g_ptr_array_unref);
  scenarios = scenarios_of (document, rooms);
  g_assert_cmpuint (scenarios->len, ==, 1);
  g_assert_cmpstr (sl_scenario_get_title (g_ptr_array_index (scenarios, 0)), ==, "Available Rooms shows …");

  test_app_quit (&fixture.app, &fixture.window);
}

/* The Given picker shows the events with their kind's colour, and what
 * one types filters them. */
static void
test_inspector_picker (void)
{
  Fixture fixture = { 0 };
  SlInspector *inspector;
  SlDocument *document;
  GtkWidget *list, *popover, *entry;
  GtkListBoxRow *item;
  guint n_shown = 0, n_events = 0;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  inspector = sl_window_get_inspector (fixture.window);
  sl_canvas_select (sl_window_get_canvas (fixture.window), sl_document_lookup_note (document, "cmd-book-room"), FALSE);
  flush_main_context ();
  show_inspector (&fixture);

  list = find_widget (GTK_WIDGET (inspector), "add-given");
  g_assert_nonnull (list);
  popover = gtk_widget_get_ancestor (list, GTK_TYPE_POPOVER);
  entry = find_widget (popover, "choice-search");
  g_assert_nonnull (entry);

  for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    {
      GtkWidget *label = find_widget (GTK_WIDGET (item), "choice-label");

      g_assert_true (gtk_widget_has_css_class (gtk_widget_get_prev_sibling (label), "kind-event"));
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, 7);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Boo");
  for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (item)))
      {
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_widget (GTK_WIDGET (item), "choice-label"))), ==, "Room Booked");
        n_shown++;
      }
  g_assert_cmpuint (n_shown, ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  n_shown = 0;
  for (guint i = 0; (item = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    n_shown += gtk_widget_get_child_visible (GTK_WIDGET (item)) ? 1 : 0;
  g_assert_cmpuint (n_shown, ==, n_events);

  /* An event picked, the focus stays on the picker's row, ready for the
   * next one, not on the title, where typing renames the scenario. */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_ancestor (list, GTK_TYPE_MENU_BUTTON)));
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  flush_main_context ();
  g_assert_true (has_focus_within (find_widget (GTK_WIDGET (inspector), "add-given-row")));

  test_app_quit (&fixture.app, &fixture.window);
}

/* Reveals the inspector, and runs until it is shown whole. */
static void
show_inspector (Fixture *fixture)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (GTK_WIDGET (sl_window_get_inspector (fixture->window)),
                                                 GTK_TYPE_REVEALER);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-inspector", NULL);
  while (!gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
    g_main_context_iteration (NULL, TRUE);
}

/* The focused widget, or one of its ancestors, is @widget. */
static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Add Field while another field's name has the focus: the new field's
 * row opens with its name focused, the other stays open, and what one
 * types next names the new field. */
static void
test_inspector_add_field (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlInspector *inspector;
  SlNote *book;
  GtkWidget *row, *name;
  g_autofree char *other = NULL;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  inspector = sl_window_get_inspector (fixture.window);
  book = sl_document_lookup_note (document, "cmd-book-room");
  sl_canvas_select (sl_window_get_canvas (fixture.window), book, FALSE);
  flush_main_context ();
  show_inspector (&fixture);
  g_assert_cmpuint (sl_note_get_n_fields (book), ==, 4);
  other = g_strdup (sl_field_get_name (sl_note_get_field (book, 1)));

  name = find_field_widget (GTK_WIDGET (inspector), "field-name", 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (name, ADW_TYPE_EXPANDER_ROW)), TRUE);
  wait_for_paint (GTK_WIDGET (fixture.window));
  g_assert_true (gtk_widget_grab_focus (name));

  g_signal_emit_by_name (find_widget (GTK_WIDGET (inspector), "field-add"), "clicked");
  flush_main_context ();
  g_assert_cmpuint (sl_note_get_n_fields (book), ==, 5);
  name = find_field_widget (GTK_WIDGET (inspector), "field-name", 4);
  row = gtk_widget_get_ancestor (name, ADW_TYPE_EXPANDER_ROW);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_true (has_focus_within (name));
  row = gtk_widget_get_ancestor (find_field_widget (GTK_WIDGET (inspector), "field-name", 1), ADW_TYPE_EXPANDER_ROW);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  gtk_editable_set_text (GTK_EDITABLE (name), "nights");
  g_signal_emit_by_name (name, "apply");
  flush_main_context ();
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 4)), ==, "nights");
  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 1)), ==, other);

  test_app_quit (&fixture.app, &fixture.window);
}

/* Escape from however deep in the inspector (win.focus-board) gives the
 * keyboard back to the board in one key. */
static void
test_escape_to_board (void)
{
  Fixture fixture = { 0 };
  SlCanvas *canvas;
  GtkWidget *add;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  canvas = sl_window_get_canvas (fixture.window);
  sl_canvas_select (canvas, sl_document_lookup_note (sl_window_get_document (fixture.window), "cmd-book-room"), FALSE);
  flush_main_context ();
  show_inspector (&fixture);
  add = find_widget (GTK_WIDGET (sl_window_get_inspector (fixture.window)), "field-add");
  g_assert_true (gtk_widget_grab_focus (add));
  g_assert_false (gtk_widget_is_focus (GTK_WIDGET (canvas)));

  g_assert_true (gtk_widget_activate_action (add, "win.focus-board", NULL));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (canvas)));

  test_app_quit (&fixture.app, &fixture.window);
}

/* An edit that makes the inspector's rows again leaves its page where it
 * was scrolled to, with its rows open. */
static void
test_inspector_scroll (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlInspector *inspector;
  SlNote *book;
  GtkWidget *scrolled, *row;
  GtkAdjustment *adjustment;
  double value;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  inspector = sl_window_get_inspector (fixture.window);
  book = sl_document_lookup_note (document, "cmd-book-room");
  sl_canvas_select (sl_window_get_canvas (fixture.window), book, FALSE);
  flush_main_context ();
  show_inspector (&fixture);

  for (guint i = 0; i < sl_note_get_n_fields (book); i++)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
      find_field_widget (GTK_WIDGET (inspector), "field-name", i), ADW_TYPE_EXPANDER_ROW)), TRUE);
  wait_for_paint (GTK_WIDGET (fixture.window));
  scrolled = gtk_widget_get_ancestor (find_widget (GTK_WIDGET (inspector), "note-text"), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), >, 300);
  gtk_adjustment_set_value (adjustment, 300);
  wait_for_paint (GTK_WIDGET (fixture.window));
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, ==, 300);

  /* Another note renamed: the scenarios show its name, and are made again. */
  sl_document_set_note_text (document, sl_document_lookup_note (document, "evt-guest-registered"), "Guest Signed Up");
  flush_main_context ();
  wait_for_paint (GTK_WIDGET (fixture.window));
  g_assert_true (gtk_widget_get_ancestor (find_widget (GTK_WIDGET (inspector), "note-text"), GTK_TYPE_SCROLLED_WINDOW) != scrolled);
  scrolled = gtk_widget_get_ancestor (find_widget (GTK_WIDGET (inspector), "note-text"), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);
  for (guint i = 0; i < sl_note_get_n_fields (book); i++)
    {
      row = gtk_widget_get_ancestor (find_field_widget (GTK_WIDGET (inspector), "field-name", i), ADW_TYPE_EXPANDER_ROW);
      g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
    }

  test_app_quit (&fixture.app, &fixture.window);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_guide (void)
{
  Fixture fixture = { 0 };
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                   "understanding-eventsourcing-cart.json", NULL);
  g_autoptr(GBytes) bytes = read_bytes (source);
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cart.stormline", NULL);
  g_autoptr(SlDocument) imported = sl_eventmodelers_import (bytes, NULL, NULL);
  SlDocument *document;
  SlGuide *guide;
  SlCanvas *canvas;
  SlNote *submit;
  g_autoptr(GList) selection = NULL;
  gboolean found = FALSE;
  GPtrArray *problems;

  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (sl_format_save_file (imported, file, NULL));
  }
  test_app_start (&fixture.app, &fixture.window, path);
  document = sl_window_get_document (fixture.window);
  guide = sl_window_get_guide (fixture.window);
  canvas = sl_window_get_canvas (fixture.window);
  submit = sl_document_lookup_note (document, "3458764596109969508");

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (guide)));
  problems = sl_guide_get_problems (guide);
  g_assert_cmpint (sl_check_get_step_status (document, problems, 1), ==, SL_STEP_DONE);
  g_assert_cmpint (sl_check_get_step_status (document, problems, 5), ==, SL_STEP_IN_PROGRESS);

  /* Choosing step 5 moves the guide and the board to it. */
  sl_document_set_step (document, 5);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_signal_emit_by_name (guide, "problem-activated", submit);
  selection = sl_canvas_get_selection (canvas);
  g_assert_cmpuint (g_list_length (selection), ==, 1);
  g_assert_true (selection->data == submit);

  /* Connect a screen to the command: its trigger problem goes. */
  {
    SlNote *screen = sl_document_lookup_note (document, "3458764595935405694");

    g_assert_nonnull (screen);
    sl_document_add_connection (document, screen, submit);
    sl_guide_refresh (guide);
    problems = sl_guide_get_problems (guide);
    for (guint i = 0; i < problems->len; i++)
      if (sl_problem_get_note (g_ptr_array_index (problems, i)) == submit &&
          g_str_equal (sl_problem_get_rule (g_ptr_array_index (problems, i)), "command-no-trigger"))
        found = TRUE;
    g_assert_false (found);
  }

  /* A step with a hundred and thirty open questions lists them all, and
   * its last row leads to the last of them. */
  {
    SlLane *lane = test_get_item (sl_document_get_lanes (document), 0);
    GtkWidget *list = find_widget (GTK_WIDGET (guide), "left-to-do");
    GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    SlProblem *last = NULL;
    guint n_step = 0;

    sl_history_begin_group (sl_document_get_history (document), "Questions");
    for (guint i = 0; i < 130; i++)
      sl_document_add_note (document, SL_NOTE_HOTSPOT, lane, 5000 + i * 10, 0, "Why?");
    sl_history_end_group (sl_document_get_history (document));
    sl_document_set_step (document, 2);
    sl_guide_refresh (guide);

    problems = sl_guide_get_problems (guide);
    for (guint i = 0; i < problems->len; i++)
      if (sl_problem_get_step (g_ptr_array_index (problems, i)) == 2)
        {
          n_step++;
          last = g_ptr_array_index (problems, i);
        }
    g_assert_cmpuint (n_step, >=, 130);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_step);

    g_signal_emit_by_name (list, "activate", n_step - 1);
    g_clear_pointer (&selection, g_list_free);
    selection = sl_canvas_get_selection (canvas);
    g_assert_cmpuint (g_list_length (selection), ==, 1);
    g_assert_true (selection->data == sl_problem_get_note (last));
  }

  /* Thousands more are one change of the list, not one a problem, and
   * the list makes rows only for those in sight: a board of a million
   * notes has millions of problems. */
  {
    SlLane *lane = test_get_item (sl_document_get_lanes (document), 0);
    GtkWidget *list = find_widget (GTK_WIDGET (guide), "left-to-do");
    GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    guint n_before = g_list_model_get_n_items (rows), n_changes = 0, n_rows = 0;
    gulong handler;

    handler = g_signal_connect_swapped (rows, "items-changed", G_CALLBACK (count_cb), &n_changes);
    sl_history_begin_group (sl_document_get_history (document), "More questions");
    for (guint i = 0; i < 3000; i++)
      sl_document_add_note (document, SL_NOTE_HOTSPOT, lane, 8000 + i * 10, 200, "Why?");
    sl_history_end_group (sl_document_get_history (document));
    sl_guide_refresh (guide);
    g_assert_cmpuint (n_changes, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (rows), >=, n_before + 3000);

    sl_guide_refresh (guide);
    g_assert_cmpuint (n_changes, ==, 1);

    wait_for_paint (GTK_WIDGET (fixture.window));
    for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
      n_rows++;
    g_assert_cmpuint (n_rows, >, 0);
    g_assert_cmpuint (n_rows, <, 500);
    g_signal_handler_disconnect (rows, handler);
  }

  test_app_quit (&fixture.app, &fixture.window);
  remove_tree (dir);
}

static GtkListBox *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return GTK_LIST_BOX (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the Up and Down keys do in a list box. */
static void
move_cursor (GtkListBox *list,
             int         count)
{
  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, count, FALSE, FALSE);
}

static void
assert_clean (SlWindow *window)
{
  SlHistory *history = sl_document_get_history (sl_window_get_document (window));

  g_assert_false (sl_history_get_modified (history));
  g_assert_false (sl_history_can_undo (history));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Hotel — Stormline");
}

/* The guide is navigation: choosing a step, and browsing the steps with
 * Up and Down, leaves the model unmodified with nothing to undo; the
 * window closes without asking, the file is untouched, and the model
 * opens again at the step chosen. A model the app has not seen opens at
 * the step its file holds. */
static void
test_guide_navigation (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GBytes) example = read_bytes (example_path ());
  SlDocument *document;
  GtkListBox *steps;

  write_bytes (path, example);
  test_app_start (&fixture.app, &fixture.window, path);
  document = sl_window_get_document (fixture.window);
  steps = find_list_box (GTK_WIDGET (sl_window_get_guide (fixture.window)));
  g_assert_cmpuint (sl_document_get_step (document), ==, 8);
  g_assert_true (gtk_list_box_get_selected_row (steps) == gtk_list_box_get_row_at_index (steps, 7));

  gtk_list_box_select_row (steps, gtk_list_box_get_row_at_index (steps, 2));
  g_assert_cmpuint (sl_document_get_step (document), ==, 3);
  assert_clean (fixture.window);

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (steps, 2)));
  move_cursor (steps, 1);
  move_cursor (steps, 1);
  g_assert_cmpuint (sl_document_get_step (document), ==, 5);
  move_cursor (steps, -1);
  g_assert_cmpuint (sl_document_get_step (document), ==, 4);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  assert_clean (fixture.window);

  gtk_window_close (GTK_WINDOW (fixture.window));
  g_assert_null (find_dialog ());
  while (gtk_application_get_windows (GTK_APPLICATION (fixture.app)) != NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_file_holds (path, example);
  g_application_release (G_APPLICATION (fixture.app));
  g_clear_object (&fixture.app);

  test_app_start (&fixture.app, &fixture.window, path);
  g_assert_cmpuint (sl_document_get_step (sl_window_get_document (fixture.window)), ==, 4);
  assert_clean (fixture.window);
  test_app_quit (&fixture.app, &fixture.window);
  assert_file_holds (path, example);

  remove_tree (dir);
}

/* The label under @widget that shows @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_undo_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.undo") == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_undo_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs until the window shows a toast that says @text, and returns its
 * Undo button. */
static GtkWidget *
wait_for_undo_toast (SlWindow   *window,
                     const char *text)
{
  GtkWidget *label;
  GtkWidget *button = NULL;

  while ((label = find_label (GTK_WIDGET (window->toast_overlay), text)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  for (GtkWidget *w = label; w != NULL && button == NULL; w = gtk_widget_get_parent (w))
    button = find_undo_button (w);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Undo");
  return button;
}

/* Deleting notes or removing a scenario shows a toast that says what went,
 * with Undo, which undoes just that step; once the model changes again
 * the toast's Undo goes, so it can never undo something else. */
/* The inspector, built when it is first shown, shows the note selected
 * before and marks its problems. */
static void
test_inspector_first_shown (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlGuide *guide;
  SlInspector *inspector;
  SlNote *book;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  guide = sl_window_get_guide (fixture.window);
  book = sl_document_lookup_note (document, "cmd-book-room");
  sl_document_set_field_name (document, book, 0, "guestID");
  sl_guide_refresh (guide);
  g_assert_true (has_problem (sl_guide_get_problems (guide), book, "field-no-origin", "guestID"));
  sl_canvas_select (sl_window_get_canvas (fixture.window), book, FALSE);
  flush_main_context ();

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.toggle-inspector", NULL);
  inspector = sl_window_get_inspector (fixture.window);
  while (!gtk_revealer_get_child_revealed (fixture.window->inspector_revealer))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sl_inspector_get_note (inspector) == book);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (inspector)));
  g_assert_cmpuint (count_field_rows (GTK_WIDGET (inspector)), ==, sl_note_get_n_fields (book));
  g_assert_nonnull (find_widget (GTK_WIDGET (inspector), "field-problem"));

  test_app_quit (&fixture.app, &fixture.window);
}

static void
test_undo_toast (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlHistory *history;
  SlCanvas *canvas;
  GListModel *scenarios;
  SlNote *book;
  GtkWidget *button;
  guint n_scenarios;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  history = sl_document_get_history (document);
  canvas = sl_window_get_canvas (fixture.window);
  book = sl_document_lookup_note (document, "cmd-book-room");
  scenarios = sl_document_get_scenarios (document);
  n_scenarios = g_list_model_get_n_items (scenarios);

  sl_canvas_select (canvas, book, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  answer_impact_dialog ("remove");
  g_assert_null (sl_document_lookup_note (document, "cmd-book-room"));
  g_signal_emit_by_name (wait_for_undo_toast (fixture.window, "Deleted “Book Room”"), "clicked");
  g_assert_true (sl_document_lookup_note (document, "cmd-book-room") == book);
  g_assert_false (sl_history_can_undo (history));
  g_assert_true (sl_history_can_redo (history));

  /* Another edit takes the offer away. */
  sl_canvas_select (canvas, sl_document_lookup_note (document, "evt-room-booked"), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  answer_impact_dialog ("remove");
  button = wait_for_undo_toast (fixture.window, "Deleted “Room Booked”");
  g_assert_true (gtk_widget_get_visible (button));
  sl_document_set_title (document, "Motel");
  g_assert_false (gtk_widget_get_visible (button));
  sl_history_undo (history);
  sl_history_undo (history);
  g_assert_false (sl_history_can_undo (history));

  /* A scenario removed in the inspector. */
  sl_canvas_select (canvas, sl_document_lookup_note (document, "cmd-add-room"), FALSE);
  show_inspector (&fixture);
  flush_main_context ();
  g_signal_emit_by_name (find_widget (GTK_WIDGET (sl_window_get_inspector (fixture.window)), "scenario-remove"),
                         "clicked");
  g_assert_null (sl_document_lookup (document, "scn-add-room"));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, n_scenarios - 1);
  g_signal_emit_by_name (wait_for_undo_toast (fixture.window, "Removed scenario “A manager adds a room”"), "clicked");
  g_assert_nonnull (sl_document_lookup (document, "scn-add-room"));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, n_scenarios);
  g_assert_false (sl_history_can_undo (history));

  test_app_quit (&fixture.app, &fixture.window);
}

/* On an empty board nothing is left to do in step 1, yet it is not
 * done: the guide says how to start it, and once an event is up, that
 * nothing is left. */
static void
test_guide_empty (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SlDocument *document;
  SlGuide *guide;
  GtkWidget *nothing_left;

  g_settings_set_boolean (settings, "first-run", FALSE);
  g_settings_reset (settings, "last-file");
  test_app_start (&fixture.app, &fixture.window, NULL);
  document = sl_window_get_document (fixture.window);
  guide = sl_window_get_guide (fixture.window);
  nothing_left = find_widget (GTK_WIDGET (guide), "nothing-left");

  g_assert_cmpuint (sl_document_get_step (document), ==, 1);
  g_assert_true (gtk_widget_get_mapped (nothing_left));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (nothing_left)), ==, sl_process_get_step (1)->to_start);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (nothing_left)), "Press E"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_widget (GTK_WIDGET (guide), "left-heading"))), ==,
                   "How to Start");

  sl_document_add_note (document, SL_NOTE_EVENT, test_get_item (sl_document_get_lanes (document), 0),
                        100, 0, "Book Borrowed");
  sl_guide_refresh (guide);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (nothing_left)), ==, "Nothing is left to do in this step.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_widget (GTK_WIDGET (guide), "left-heading"))), ==,
                   "0 Things Left to Do");

  test_app_quit (&fixture.app, &fixture.window);
}

/* The check button of @widget or under it whose label is @label. */
static GtkWidget *
find_widget_by_label (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_by_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Runs @operation into @pdf, as Print to File does. */
static void
print_to_pdf (SlPrintOperation *operation,
              const char       *pdf)
{
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                            NULL, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
}

/* Printing goes through the print job's pages: the whole board on one
 * page with its header and legend, or tiled after a page map; the tab
 * of the print dialog sets what is printed; the selection prints alone. */
/* Runs the main loop until @widget's frame clock has painted a frame
 * after everything pending: what the frame shows is laid out. */
static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

/* The board takes all the width the guide and the inspector leave, at any
 * width of the window, with a note selected (its inspector page has rows
 * that grow) and the inspector shown or hidden: a note at the board's
 * right edge is on the board, not under an empty strip. */
static void
test_board_width (void)
{
  /* Each as wide as the screen allows (GTK keeps a window on it). */
  static const int widths[] = { 1200, 1600, 1920 };
  Fixture fixture = { 0 };
  SlDocument *document;
  SlCanvas *canvas;
  GtkWidget *flap, *revealer;
  GdkSurface *surface;
  GdkRectangle screen;
  SlNote *book;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  canvas = sl_window_get_canvas (fixture.window);
  flap = gtk_widget_get_ancestor (GTK_WIDGET (canvas), ADW_TYPE_FLAP);
  revealer = gtk_widget_get_ancestor (GTK_WIDGET (sl_window_get_inspector (fixture.window)), GTK_TYPE_REVEALER);
  g_assert_nonnull (flap);
  g_assert_nonnull (revealer);
  book = sl_document_lookup_note (document, "cmd-book-room");
  sl_canvas_select (canvas, book, FALSE);
  surface = gtk_native_get_surface (GTK_NATIVE (fixture.window));
  gdk_monitor_get_geometry (gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface), &screen);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    for (int shown = 0; shown < 2; shown++)
      {
        graphene_rect_t board, inspector;
        SlRect region, rect;
        double x, y, wx, wy;
        int natural;

        gtk_window_set_default_size (GTK_WINDOW (fixture.window), widths[i], 800);
        if (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) != shown)
          gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.toggle-inspector", NULL);
        while (gdk_surface_get_width (surface) != MIN (widths[i], screen.width) ||
               gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)) != shown)
          g_main_context_iteration (NULL, TRUE);
        wait_for_paint (GTK_WIDGET (canvas));

        g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (canvas), flap, &board));
        g_assert_true (gtk_widget_compute_bounds (revealer, flap, &inspector));
        gtk_widget_measure (revealer, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
        g_assert_cmpfloat (inspector.size.width, ==, shown ? natural : 0);
                g_assert_cmpfloat (board.origin.x + board.size.width + inspector.size.width, ==, gtk_widget_get_width (flap));

        /* The canvas draws all of its width. */
        sl_canvas_get_visible_region (canvas, &region);
        g_assert_cmpfloat (region.width * sl_canvas_get_zoom (canvas), ==, board.size.width);

        /* A note moved to the right edge of the board is shown there. */
        sl_layout_get_note_rect (sl_canvas_get_layout (canvas), book, &rect);
        sl_document_move_note (document, book, sl_note_get_lane (book),
                               (int) (region.x + region.width - rect.width - 20), sl_note_get_y (book));
        sl_layout_get_note_rect (sl_canvas_get_layout (canvas), book, &rect);
        sl_canvas_board_to_widget (canvas, rect.x + rect.width - 5, rect.y + rect.height / 2, &x, &y);
        g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (canvas), GTK_WIDGET (fixture.window),
                                                         x, y, &wx, &wy));
        g_assert_true (gtk_widget_pick (GTK_WIDGET (fixture.window), wx, wy, GTK_PICK_DEFAULT) == GTK_WIDGET (canvas));
      }

  test_app_quit (&fixture.app, &fixture.window);
}

static void
test_print (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *pdf = g_build_filename (dir, "hotel.pdf", NULL);
  g_autofree char *find = g_find_program_in_path ("pdftotext");
  SlDocument *document;
  SlCanvas *canvas;

  if (find == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  canvas = sl_window_get_canvas (fixture.window);

  {
    g_autoptr(SlPrintOperation) operation = sl_window_create_print_operation (fixture.window);
    g_autofree char *text = NULL;

    print_to_pdf (operation, pdf);
    text = test_pdf_to_text (pdf);
    g_assert_cmpuint (sl_print_job_get_n_pages (sl_print_operation_get_job (operation)), ==, 1);
    g_assert_nonnull (strstr (text, sl_document_get_title (document)));
    g_assert_nonnull (strstr (text, "Page 1 of 1"));
    g_assert_nonnull (strstr (text, "Room Booked"));
    g_assert_nonnull (strstr (text, "Check Out"));
    g_assert_nonnull (strstr (text, "bookingId"));
  }

  /* The tab of the print dialog: over several pages, no legend. */
  {
    g_autoptr(SlPrintOperation) operation = sl_window_create_print_operation (fixture.window);
    g_autofree char *text = NULL;
    g_autofree char *last = NULL;
    GtkWidget *tab = NULL;
    guint n_pages;

    g_signal_emit_by_name (operation, "create-custom-widget", &tab);
    g_assert_nonnull (tab);
    g_object_ref_sink (tab);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget_by_label (tab, "Over several pages, at")), TRUE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget_by_label (tab, "A _legend of the kinds of notes")),
                                 FALSE);
    g_signal_emit_by_name (operation, "custom-widget-apply", tab);
    g_object_unref (tab);

    print_to_pdf (operation, pdf);
    n_pages = sl_print_job_get_n_pages (sl_print_operation_get_job (operation));
    g_assert_cmpuint (n_pages, >, 1);
    text = test_pdf_to_text (pdf);
    last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
    g_assert_nonnull (strstr (text, last));
    g_assert_cmpuint (count_substrings (text, "\f"), ==, n_pages);
    g_assert_cmpuint (sl_print_job_get_page_kind (sl_print_operation_get_job (operation), 0), ==,
                      SL_PRINT_PAGE_MAP);
  }

  /* A board that would take more pages than a print can have is not
   * printed, not even fit on one page: a dialog says how many pages it
   * would take and what to do instead. */
  {
    g_autoptr(SlPrintOperation) operation = sl_window_create_print_operation (fixture.window);
    SlNote *note = sl_document_lookup_note (document, "evt-room-added");
    AdwMessageDialog *dialog;
    const char *body;

    sl_document_move_note (document, note, sl_note_get_lane (note), 2000000, 0);
    sl_print_operation_set_fit (operation, FALSE);
    sl_print_operation_set_scale (operation, 4 * SL_PRINT_JOB_DEFAULT_SCALE);
    g_assert_no_errno (g_unlink (pdf));
    gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
    _sl_window_run_print (fixture.window, operation, GTK_PRINT_OPERATION_ACTION_EXPORT);

    g_assert_cmpfloat (sl_print_operation_get_too_many_pages (operation), >, SL_PRINT_JOB_MAX_PAGES);
    dialog = find_dialog ();
    g_assert_nonnull (dialog);
    body = adw_message_dialog_get_body (dialog);
    g_assert_nonnull (strstr (body, "At 400 % of the usual size"));
    g_assert_nonnull (strstr (body, "more than the 1000 a print can have"));
    g_assert_nonnull (strstr (body, "fit it on one page"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    /* GTK makes the file before the pages are counted: nothing is on it. */
    {
      g_autofree char *text = test_pdf_to_text (pdf);

      g_assert_cmpstr (g_strstrip (g_strdelimit (text, "\f", ' ')), ==, "");
    }
    sl_history_undo (sl_document_get_history (document));
  }

  /* The selected notes alone. */
  {
    g_autoptr(SlPrintOperation) operation = NULL;
    g_autofree char *text = NULL;

    sl_canvas_select (canvas, sl_document_lookup_note (document, "evt-room-added"), FALSE);
    operation = sl_window_create_print_operation (fixture.window);
    sl_print_operation_set_what (operation, SL_PRINT_SELECTION);
    print_to_pdf (operation, pdf);
    text = test_pdf_to_text (pdf);
    g_assert_nonnull (strstr (text, "Room Added"));
    g_assert_null (strstr (text, "Check Out"));
  }

  test_app_quit (&fixture.app, &fixture.window);
  remove_tree (dir);
}

/* Export writes what the name asks for: the specification, or the board
 * as an image at the scale chosen; a folder that is not there is an error
 * that says so, and nothing is written. */
static void
test_export (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *md = g_build_filename (dir, "hotel.md", NULL);
  g_autofree char *png = g_build_filename (dir, "hotel.png", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "hotel-spec.md", NULL);
  g_autoptr(GBytes) expected = read_bytes (expected_path);
  g_autoptr(GFile) md_file = g_file_new_for_path (md);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) nowhere = g_file_new_build_filename (dir, "missing", "hotel.svg", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));

  g_assert_true (sl_window_export (fixture.window, md_file, SL_EXPORT_FORMAT_MARKDOWN, SL_PRINT_WHOLE_BOARD, 1, 0));
  assert_file_holds (md, expected);

  /* The Mermaid diagram of the whole board. */
  {
    g_autofree char *mmd = g_build_filename (dir, "hotel.mmd", NULL);
    g_autofree char *mmd_expected_path = g_test_build_filename (G_TEST_DIST, "data", "hotel.mmd", NULL);
    g_autoptr(GBytes) mmd_expected = read_bytes (mmd_expected_path);
    g_autoptr(GFile) mmd_file = g_file_new_for_path (mmd);

    g_assert_true (sl_window_export (fixture.window, mmd_file, SL_EXPORT_FORMAT_MERMAID, SL_PRINT_WHOLE_BOARD, 1, 0));
    assert_file_holds (mmd, mmd_expected);
  }

  g_assert_true (sl_window_export (fixture.window, png_file, SL_EXPORT_FORMAT_PNG, SL_PRINT_WHOLE_BOARD, 2, 0));
  {
    g_autoptr(SlPrintJob) job = sl_print_job_new (sl_canvas_get_layout (sl_window_get_canvas (fixture.window)));
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);
    SlRect area;

    sl_print_job_get_area (job, &area);
    g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (area.width * 2));
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (area.height * 2));
    cairo_surface_destroy (image);
  }

  /* A PDF over several pages with the scenarios, as a print would be. */
  if (pdftotext != NULL)
    {
      g_autofree char *pdf = g_build_filename (dir, "hotel.pdf", NULL);
      g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
      g_autofree char *text = NULL;

      g_assert_true (sl_window_export (fixture.window, pdf_file, SL_EXPORT_FORMAT_PDF, SL_PRINT_WHOLE_BOARD, 1,
                                       SL_WINDOW_EXPORT_TILED | SL_WINDOW_EXPORT_SCENARIOS));
      text = test_pdf_to_text (pdf);
      g_assert_nonnull (strstr (text, "Tile A1"));
      g_assert_nonnull (strstr (text, "A manager adds a room"));
      g_assert_cmpuint (count_substrings (text, "\f"), >, 3);
    }

  g_assert_false (sl_window_export (fixture.window, nowhere, SL_EXPORT_FORMAT_SVG, SL_PRINT_WHOLE_BOARD, 1, 0));
  g_assert_false (g_file_query_exists (nowhere, NULL));
  g_assert_nonnull (find_dialog ());
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));

  test_app_quit (&fixture.app, &fixture.window);
  remove_tree (dir);
}

/* Runs until the window shows a toast that says @text. */
static void
wait_for_toast (SlWindow   *window,
                const char *text)
{
  while (find_label (GTK_WIDGET (window->toast_overlay), text) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static SlCodegenDialog *
find_codegen_dialog (void)
{
  GList *windows = gtk_window_list_toplevels ();
  SlCodegenDialog *dialog = NULL;

  for (GList *l = windows; l; l = l->next)
    if (SL_IS_CODEGEN_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (windows);
  return dialog;
}

/* The files under @path, counted through its folders. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_files (child) : 1;
    }
  return n;
}

/* Generate Code… in the main menu writes the model's code into the folder
 * chosen and says so in a toast; a folder that cannot be made is said in
 * the dialog, which keeps the choices made; a model whose check has errors
 * is refused, saying which, unless the switch says to go on; the language
 * and the model's folder are there again the next time. */
static void
test_generate_code (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *out = g_build_filename (dir, "generated", NULL);
  g_autofree char *blocker = g_build_filename (dir, "blocker", NULL);
  g_autofree char *toast = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GFile) blocked = g_file_new_build_filename (dir, "blocker", "code", NULL);
  SlCodegenDialog *dialog;
  SlDocument *document;
  SlNote *untriggered;
  SlLane *interaction = NULL;
  guint n;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  g_assert_cmpint (primary_menu_position (fixture.window, "_Generate Code…"), ==,
                   primary_menu_position (fixture.window, "E_xport…") + 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.generate-code", NULL);
  dialog = find_codegen_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (sl_codegen_dialog_get_folder (dialog));
  g_assert_cmpint (sl_codegen_dialog_get_language (dialog), ==, SL_CODEGEN_TYPESCRIPT);

  /* A file stands where the folder would be made. */
  g_assert_true (g_file_set_contents (blocker, "mine", -1, NULL));
  sl_codegen_dialog_set_folder (dialog, blocked);
  g_assert_false (sl_codegen_dialog_generate (dialog));
  g_assert_cmpstr (sl_codegen_dialog_get_message (dialog), !=, "");
  g_assert_true (find_codegen_dialog () == dialog);
  {
    g_autoptr(GBytes) mine = g_bytes_new_static ("mine", 4);

    assert_file_holds (blocker, mine);
  }

  sl_codegen_dialog_set_folder (dialog, folder);
  g_assert_cmpstr (sl_codegen_dialog_get_message (dialog), ==, "");
  g_assert_true (sl_codegen_dialog_generate (dialog));
  /* The list of the generated files is not one of them. */
  n = count_files (out) - 1;
  g_assert_cmpuint (n, >, 3);
  toast = g_strdup_printf ("Wrote %u files to “generated”", n);
  wait_for_toast (fixture.window, toast);
  g_assert_null (find_codegen_dialog ());
  {
    g_autofree char *schema = g_build_filename (out, "schema", "BookRoom.schema.json", NULL);

    g_assert_true (g_file_test (schema, G_FILE_TEST_IS_REGULAR));
  }

  /* The model's folder and the language are remembered. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.generate-code", NULL);
  dialog = find_codegen_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (sl_codegen_dialog_get_folder (dialog));
  g_assert_true (g_file_equal (sl_codegen_dialog_get_folder (dialog), folder));
  sl_codegen_dialog_set_language (dialog, SL_CODEGEN_KOTLIN);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.generate-code", NULL);
  dialog = find_codegen_dialog ();
  g_assert_cmpint (sl_codegen_dialog_get_language (dialog), ==, SL_CODEGEN_KOTLIN);
  sl_codegen_dialog_set_language (dialog, SL_CODEGEN_TYPESCRIPT);

  /* A command nothing triggers: an error of the check. */
  for (guint i = 0; i < g_list_model_get_n_items (sl_document_get_lanes (document)); i++)
    {
      g_autoptr(SlLane) lane = g_list_model_get_item (sl_document_get_lanes (document), i);

      if (sl_lane_get_kind (lane) == SL_LANE_INTERACTION)
        interaction = lane;
    }
  untriggered = sl_document_add_note (document, SL_NOTE_COMMAND, interaction, 4000, 0, "Cancel Booking");
  g_assert_nonnull (untriggered);
  g_assert_false (sl_codegen_dialog_generate (dialog));
  g_assert_nonnull (strstr (sl_codegen_dialog_get_message (dialog), "The model’s check has "));
  g_assert_nonnull (strstr (sl_codegen_dialog_get_message (dialog), "Cancel Booking"));
  g_assert_true (find_codegen_dialog () == dialog);
  sl_codegen_dialog_set_force (dialog, TRUE);
  g_assert_true (sl_codegen_dialog_generate (dialog));
  g_assert_null (find_codegen_dialog ());
  {
    g_autofree char *schema = g_build_filename (out, "schema", "CancelBooking.schema.json", NULL);

    g_assert_true (g_file_test (schema, G_FILE_TEST_IS_REGULAR));
  }

  test_app_quit (&fixture.app, &fixture.window);
  remove_tree (dir);
}

/* The Export dialog follows stormline-cli's rules (sl_export_plan()):
 * past a PNG's limits, actual size becomes the largest scale that fits,
 * said in the toast, and twice the size is refused in a dialog; a PDF
 * whose one page would be illegible is tiled, said in the toast, unless
 * one page is asked for. */
static void
test_export_limits (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = g_build_filename (dir, "long.stormline", NULL);
  g_autofree char *png = g_build_filename (dir, "long.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(SlDocument) document = sl_document_new ();
  SlLane *lane = sl_document_add_lane (document, SL_LANE_INTERACTION, "Flow", -1);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  /* 40,000 units: past the 32,767 pixels a side of a PNG. */
  for (int i = 0; i < 100; i++)
    sl_document_add_note (document, SL_NOTE_COMMAND, lane, i * 400, 0, "Step");
  bytes = sl_format_save_to_bytes (document);
  write_bytes (model, bytes);
  test_app_start (&fixture.app, &fixture.window, model);

  {
    g_autoptr(SlPrintJob) job = sl_print_job_new (sl_canvas_get_layout (sl_window_get_canvas (fixture.window)));
    double scale = sl_export_get_max_scale (job, SL_EXPORT_FORMAT_PNG);
    g_autofree char *toast = g_strdup_printf ("Exported “long.png” at scale %g, the largest that fits", scale);
    cairo_surface_t *image;
    SlRect area;

    g_assert_true (sl_window_export (fixture.window, png_file, SL_EXPORT_FORMAT_PNG, SL_PRINT_WHOLE_BOARD, 0, 0));
    wait_for_toast (fixture.window, toast);
    sl_print_job_get_area (job, &area);
    image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (area.width * scale));
    cairo_surface_destroy (image);
  }

  g_assert_no_errno (g_remove (png));
  g_assert_false (sl_window_export (fixture.window, png_file, SL_EXPORT_FORMAT_PNG, SL_PRINT_WHOLE_BOARD, 2, 0));
  g_assert_false (g_file_query_exists (png_file, NULL));
  g_assert_nonnull (find_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_dialog ()), "use a smaller scale"));
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));

  if (pdftotext != NULL)
    {
      g_autofree char *text = NULL;
      g_autofree char *toast = NULL;
      guint n_pages;

      g_assert_true (sl_window_export (fixture.window, pdf_file, SL_EXPORT_FORMAT_PDF, SL_PRINT_WHOLE_BOARD, 0, 0));
      text = test_pdf_to_text (pdf);
      n_pages = count_substrings (text, "\f");
      g_assert_cmpuint (n_pages, >, 2);
      toast = g_strdup_printf ("Exported “long.pdf” over %u pages: one page would be illegible",
                               n_pages);
      wait_for_toast (fixture.window, toast);

      g_assert_true (sl_window_export (fixture.window, pdf_file, SL_EXPORT_FORMAT_PDF, SL_PRINT_WHOLE_BOARD, 0,
                                       SL_WINDOW_EXPORT_FIT));
      g_free (text);
      text = test_pdf_to_text (pdf);
      g_assert_cmpuint (count_substrings (text, "\f"), ==, 1);
    }

  /* Print follows the same rule: tiled, said in a toast; one page when
   * asked; and a board past a print's pages at a legible size is not
   * printed, a dialog says why. */
  if (pdftotext != NULL)
    {
      SlDocument *shown = sl_window_get_document (fixture.window);
      SlNote *note = test_get_item (sl_document_get_notes (shown), 99);
      g_autofree char *toast = NULL;
      g_autofree char *text = NULL;
      AdwMessageDialog *dialog;
      guint n_pages;

      {
        g_autoptr(SlPrintOperation) operation = sl_window_create_print_operation (fixture.window);

        gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
        _sl_window_run_print (fixture.window, operation, GTK_PRINT_OPERATION_ACTION_EXPORT);
        n_pages = sl_print_job_get_n_pages (sl_print_operation_get_job (operation));
        g_assert_cmpuint (n_pages, >, 2);
        g_assert_cmpuint (sl_print_operation_get_tiled_pages (operation), ==, n_pages);
        text = test_pdf_to_text (pdf);
        g_assert_cmpuint (count_substrings (text, "\f"), ==, n_pages);
        toast = g_strdup_printf ("Printed over %u pages: one page would be illegible", n_pages);
        wait_for_toast (fixture.window, toast);
      }

      {
        g_autoptr(SlPrintOperation) operation = sl_window_create_print_operation (fixture.window);

        sl_print_operation_set_fit (operation, TRUE);
        gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
        _sl_window_run_print (fixture.window, operation, GTK_PRINT_OPERATION_ACTION_EXPORT);
        g_assert_cmpuint (sl_print_job_get_n_pages (sl_print_operation_get_job (operation)), ==, 1);
        g_assert_cmpuint (sl_print_operation_get_tiled_pages (operation), ==, 0);
      }

      {
        g_autoptr(SlPrintOperation) operation = sl_window_create_print_operation (fixture.window);

        sl_document_move_note (shown, note, sl_note_get_lane (note), 5000000, 0);
        gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), pdf);
        _sl_window_run_print (fixture.window, operation, GTK_PRINT_OPERATION_ACTION_EXPORT);
        g_assert_nonnull (sl_print_operation_get_refusal (operation));
        dialog = find_dialog ();
        g_assert_nonnull (dialog);
        g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "fit it on one page"));
        gtk_window_destroy (GTK_WINDOW (dialog));
      }
    }

  test_app_quit (&fixture.app, &fixture.window);
  remove_tree (dir);
}

/* Presses @accelerator on @widget as GTK would: the shortcut of one of its
 * shortcut controllers (its class's keys among them) whose trigger it is.
 * Fails when @widget has no such key. */
static void
press_shortcut (GtkWidget  *widget,
                const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_error ("%s has no key %s", G_OBJECT_TYPE_NAME (widget), accelerator);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types @text into the find bar's entry, and runs until the bar has
 * searched for it (it waits for typing to pause). */
static void
type_in_find_bar (SlFindBar  *bar,
                  GtkWidget  *entry,
                  const char *text,
                  const char *status)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  while (g_strcmp0 (sl_find_bar_get_status (bar), status) != 0)
    g_main_context_iteration (NULL, TRUE);
}

static SlNote *
single_selection (SlCanvas *canvas)
{
  g_autoptr(GList) selection = sl_canvas_get_selection (canvas);

  g_assert_nonnull (selection);
  g_assert_null (selection->next);
  return selection->data;
}

static gboolean
in_view (SlCanvas *canvas,
         SlNote   *note)
{
  SlRect rect, view;

  sl_layout_get_note_rect (sl_canvas_get_layout (canvas), note, &rect);
  sl_canvas_get_visible_region (canvas, &view);
  return rect.x >= view.x && rect.y >= view.y &&
         rect.x + rect.width <= view.x + view.width && rect.y + rect.height <= view.y + view.height;
}

/* The find bar's entry keeps the keyboard as Enter steps: its
 * description, which a screen reader reads as it changes, says where the
 * bar is and which note it is at. */
static void
assert_find_description (GtkWidget  *entry,
                         const char *status,
                         SlNote     *note)
{
  g_autofree char *expected = NULL;

  if (note != NULL)
    expected = g_strdup_printf ("%s, %s: %s", status, sl_note_kind_get_label (sl_note_get_kind (note)),
                                sl_note_get_text (note));
  else
    expected = g_strdup (status);
  gtk_test_accessible_assert_property (entry, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

/* Ctrl+F opens the find bar with the keyboard in it; what is typed is
 * found and marked, "1 of N" says where the bar is, Enter and Shift+Enter
 * (Ctrl+G, Ctrl+Shift+G) select each note found in timeline order and
 * bring it into view; Escape closes the bar and gives the board the
 * keyboard back; Ctrl+F opens it again on what it found. */
static void
test_find (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlCanvas *canvas;
  SlFindBar *bar;
  GtkWidget *entry;
  GHashTable *marked;
  SlNote *current;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *status = NULL;
  int start, end;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  canvas = sl_window_get_canvas (fixture.window);
  rooms = sl_search_notes (document, "room");
  g_assert_cmpuint (rooms->len, >, 3);
  g_assert_false (gtk_toggle_button_get_active (fixture.window->find_button));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (canvas)));

  /* The window builds its find bar at the first Ctrl+F. */
  press_shortcut (GTK_WIDGET (fixture.window), "<Control>f");
  bar = _sl_window_get_find_bar (fixture.window);
  entry = find_descendant (GTK_WIDGET (bar), GTK_TYPE_SEARCH_ENTRY);
  g_assert_true (sl_find_bar_get_open (bar));
  g_assert_true (gtk_toggle_button_get_active (fixture.window->find_button));
  g_assert_true (has_focus_within (entry));

  /* Typing finds, marks what it found and goes to the first. */
  status = g_strdup_printf ("1 of %u", rooms->len);
  type_in_find_bar (bar, entry, "ROOM", status);
  marked = sl_canvas_get_found (canvas, &current);
  g_assert_nonnull (marked);
  g_assert_cmpuint (g_hash_table_size (marked), ==, rooms->len);
  g_assert_true (current == g_ptr_array_index (rooms, 0));
  g_assert_true (single_selection (canvas) == g_ptr_array_index (rooms, 0));
  assert_find_description (entry, status, g_ptr_array_index (rooms, 0));

  /* Enter: the next, selected and in view; the keyboard stays in the bar. */
  g_signal_emit_by_name (entry, "activate");
  g_free (status);
  status = g_strdup_printf ("2 of %u", rooms->len);
  g_assert_cmpstr (sl_find_bar_get_status (bar), ==, status);
  g_assert_true (single_selection (canvas) == g_ptr_array_index (rooms, 1));
  sl_canvas_get_found (canvas, &current);
  g_assert_true (current == g_ptr_array_index (rooms, 1));
  g_assert_true (has_focus_within (entry));
  assert_find_description (entry, status, g_ptr_array_index (rooms, 1));

  /* The last is far right: the board scrolls to it. */
  sl_canvas_scroll_to (canvas, -2000, -2000);
  press_shortcut (entry, "<Shift>Return");
  press_shortcut (entry, "<Shift>Return");
  g_free (status);
  status = g_strdup_printf ("%u of %u", rooms->len, rooms->len);
  g_assert_cmpstr (sl_find_bar_get_status (bar), ==, status);
  g_assert_true (single_selection (canvas) == g_ptr_array_index (rooms, rooms->len - 1));
  g_assert_true (in_view (canvas, g_ptr_array_index (rooms, rooms->len - 1)));

  /* Ctrl+G from the window wraps round to the first. */
  press_shortcut (GTK_WIDGET (fixture.window), "<Control>g");
  g_free (status);
  status = g_strdup_printf ("1 of %u", rooms->len);
  g_assert_cmpstr (sl_find_bar_get_status (bar), ==, status);
  press_shortcut (GTK_WIDGET (fixture.window), "<Control><Shift>g");
  g_assert_true (single_selection (canvas) == g_ptr_array_index (rooms, rooms->len - 1));

  /* A kind by its name; nothing found says so. */
  events = sl_search_notes (document, "event");
  g_free (status);
  status = g_strdup_printf ("1 of %u", events->len);
  type_in_find_bar (bar, entry, "Event", status);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpint (sl_note_get_kind (g_ptr_array_index (events, i)), ==, SL_NOTE_EVENT);
  type_in_find_bar (bar, entry, "no such note", "No notes found");
  assert_find_description (entry, "No notes found", NULL);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (sl_canvas_get_found (canvas, NULL));

  /* What is found follows the board. */
  g_free (status);
  status = g_strdup_printf ("1 of %u", rooms->len);
  type_in_find_bar (bar, entry, "room", status);
  sl_document_remove_note (document, g_ptr_array_index (rooms, rooms->len - 1));
  g_free (status);
  status = g_strdup_printf ("1 of %u", rooms->len - 1);
  g_assert_cmpstr (sl_find_bar_get_status (bar), ==, status);

  /* Escape: closed, nothing marked, the board has the keyboard. */
  press_shortcut (entry, "Escape");
  g_assert_false (sl_find_bar_get_open (bar));
  g_assert_false (gtk_toggle_button_get_active (fixture.window->find_button));
  g_assert_null (sl_canvas_get_found (canvas, NULL));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (canvas)));

  /* Ctrl+F opens it again with what was found last, selected to be
   * typed over, and finds it again, as gnome-text-editor's does. */
  press_shortcut (GTK_WIDGET (fixture.window), "<Control>f");
  g_assert_true (sl_find_bar_get_open (bar));
  g_assert_true (has_focus_within (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "room");
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, strlen ("room"));
  g_assert_cmpstr (sl_find_bar_get_status (bar), ==, status);
  g_assert_cmpuint (g_hash_table_size (sl_canvas_get_found (canvas, NULL)), ==, rooms->len - 1);

  /* Typed and closed before the search: the whole query comes back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Room Bo");
  press_shortcut (entry, "Escape");
  gtk_toggle_button_set_active (fixture.window->find_button, TRUE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Room Bo");
  g_clear_pointer (&events, g_ptr_array_unref);
  events = sl_search_notes (document, "Room Bo");
  g_free (status);
  status = g_strdup_printf ("1 of %u", events->len);
  g_assert_cmpstr (sl_find_bar_get_status (bar), ==, status);

  /* Emptied, it opens empty. */
  type_in_find_bar (bar, entry, "", "");
  press_shortcut (entry, "Escape");
  press_shortcut (GTK_WIDGET (fixture.window), "<Control>f");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (sl_find_bar_get_status (bar), ==, "");

  test_app_quit (&fixture.app, &fixture.window);
}

/* Whether a screen reader has a name to read for @widget: an accessible
 * label, or text of its own. (A GtkButton of GTK 4.8 is "labelled by" its
 * child, which for an icon-only button is an image with no name: that
 * relation does not count.) */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;

  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_accessible_name (child))
      return TRUE;
  return FALSE;
}

/* Lists the buttons under @widget that a screen reader could only call
 * "button": each as its type and tooltip, inside the nearest of our own
 * widgets. */
static void
list_unnamed_buttons (GtkWidget *widget,
                      GString   *unnamed)
{
  /* Hidden, a widget is not shown to screen readers either. */
  if (!gtk_widget_get_visible (widget))
    return;

  /* libadwaita names a row's activatable widget by the row's title. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

    if (row != NULL &&
        (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget ||
         adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == gtk_widget_get_parent (widget)))
      return;
  }

  /* libadwaita 1.2's own Apply button of an entry row has no name: not
   * ours to give. */
  if (gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL &&
      gtk_widget_has_css_class (widget, "suggested-action"))
    return;

  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && !has_accessible_name (widget))
    {
      GtkWidget *owner = gtk_widget_get_parent (widget);

      while (owner != NULL && !g_str_has_prefix (G_OBJECT_TYPE_NAME (owner), "Sl"))
        owner = gtk_widget_get_parent (owner);
      g_string_append_printf (unnamed, "%s (\"%s\") in %s; ", G_OBJECT_TYPE_NAME (widget),
                              gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "",
                              owner ? G_OBJECT_TYPE_NAME (owner) : "the window");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    list_unnamed_buttons (child, unnamed);
}

/* Lists the labels under @widget that look like headings (GNOME's
 * "heading" and "title-N" styles) but are not headings to a screen
 * reader. */
static void
list_unmarked_headings (GtkWidget *widget,
                        GString   *unmarked)
{
  /* The titles of libadwaita 1.2's preferences groups are its own labels,
   * whose role (set at construction only) is not ours to give. */
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return;

  if (GTK_IS_LABEL (widget) &&
      (gtk_widget_has_css_class (widget, "heading") || gtk_widget_has_css_class (widget, "title-3")) &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) != GTK_ACCESSIBLE_ROLE_HEADING)
    g_string_append_printf (unmarked, "\"%s\"; ", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    list_unmarked_headings (child, unmarked);
}

/* The close button of the toast that says @title, named or not: the
 * icon-only button of a child of the overlay that is not the window's
 * content, with a label that says @title. */
static GtkWidget *
find_toast_close_button (SlWindow   *window,
                         const char *title)
{
  GtkWidget *overlay = GTK_WIDGET (window->toast_overlay);
  GtkWidget *content = adw_toast_overlay_get_child (window->toast_overlay);

  for (GtkWidget *toast = gtk_widget_get_first_child (overlay); toast; toast = gtk_widget_get_next_sibling (toast))
    {
      GtkWidget *close = NULL;
      gboolean says_title = FALSE;

      if (toast == content)
        continue;
      for (GtkWidget *child = gtk_widget_get_first_child (toast); child; child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *label = find_descendant (child, GTK_TYPE_LABEL);

          if (GTK_IS_BUTTON (child) && gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
            close = child;
          else if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
            says_title = TRUE;
        }
      if (close != NULL && says_title)
        return close;
    }

  return NULL;
}

/* Appends to @empty every label shown with no text that screen readers
 * are not told to skip: GTK 4.8 reads one out as "GtkLabel". */
static void
list_empty_labels (GtkWidget *widget,
                   GString   *empty)
{
  g_autofree char *not_hidden = NULL;

  if (!gtk_widget_get_mapped (widget))
    return;
  not_hidden = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
  if (not_hidden == NULL)
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] == '\0')
    g_string_append_printf (empty, "%s in %s; ", gtk_widget_get_css_name (widget),
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    list_empty_labels (child, empty);
}

/* Every button of the window, icon-only ones above all, has a name a
 * screen reader reads: the header bar's, the palette's, the guide's, the
 * find bar's, the inspector's for a note with fields and scenarios (its
 * rows' buttons included), and a toast's. A button added without one
 * fails here; so does a title styled as a heading that is not one. */
static void
test_accessible_names (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(GString) unmarked = g_string_new (NULL);
  g_autoptr(GString) empty = g_string_new (NULL);
  SlDocument *document;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  sl_canvas_select (sl_window_get_canvas (fixture.window), sl_document_lookup_note (document, "cmd-add-room"), FALSE);
  show_inspector (&fixture);
  sl_find_bar_set_open (_sl_window_get_find_bar (fixture.window), TRUE);
  wait_for_paint (GTK_WIDGET (fixture.window));

  list_unnamed_buttons (GTK_WIDGET (fixture.window), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  /* Nothing reads as an empty "GtkLabel", such as the palette's swatches. */
  list_empty_labels (GTK_WIDGET (fixture.window), empty);
  g_assert_cmpstr (empty->str, ==, "");

  /* The guide's section titles are headings. */
  list_unmarked_headings (GTK_WIDGET (fixture.window), unmarked);
  g_assert_cmpstr (unmarked->str, ==, "");

  /* A toast's close button; and that of the toast queued behind it,
   * shown once the first is dismissed. */
  _sl_window_show_toast (fixture.window, "A message");
  gtk_widget_activate_action (GTK_WIDGET (sl_window_get_canvas (fixture.window)), "canvas.delete", NULL);
  answer_impact_dialog ("remove");
  list_unnamed_buttons (GTK_WIDGET (fixture.window), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  g_assert_null (find_toast_close_button (fixture.window, "Deleted “Add Room”"));
  g_signal_emit_by_name (find_toast_close_button (fixture.window, "A message"), "clicked");
  g_assert_nonnull (find_toast_close_button (fixture.window, "Deleted “Add Room”"));
  list_unnamed_buttons (GTK_WIDGET (fixture.window), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  test_app_quit (&fixture.app, &fixture.window);
}

/* What the board tells a screen reader of the note the keyboard is on. */
static void
assert_board_reads (SlCanvas   *canvas,
                    const char *label,
                    const char *description)
{
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  if (description != NULL)
    gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  else
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static gboolean
has_description (GtkAccessible *accessible,
                 const char    *description)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                  description);

  return mismatch == NULL;
}

/* GTK 4.8 gives the notes no accessible objects: the board's name and
 * description follow the note the keyboard is on (its kind and text;
 * its lane, slice, fields and problems), a lane header, or nothing. They
 * follow the note's changes and the check. */
static void
test_board_description (void)
{
  Fixture fixture = { 0 };
  SlDocument *document;
  SlCanvas *canvas;
  SlNote *booked;
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;
  g_autofree char *mismatch = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  document = sl_window_get_document (fixture.window);
  canvas = sl_window_get_canvas (fixture.window);
  booked = sl_document_lookup_note (document, "evt-room-booked");

  sl_canvas_set_focus_note (canvas, NULL);
  assert_board_reads (canvas, "Board", NULL);

  sl_canvas_set_focus_note (canvas, booked);
  assert_board_reads (canvas, "Event: Room Booked", "Lane Booking, slice Book Room, 5 fields");
  sl_canvas_set_focus_note (canvas, sl_document_lookup_note (document, "scr-register-guest"));
  assert_board_reads (canvas, "Screen: Registration", "Lane Guest, slice Register Guest, 2 fields");
  /* A kind with no fields does not count them. */
  sl_canvas_set_focus_note (canvas, sl_document_lookup_note (document, "ext-gps"));
  assert_board_reads (canvas, "External System: GPS", "Lane GPS, slice Guest Leaves Hotel");
  _sl_canvas_set_focus (canvas, NULL, SL_LANE (sl_document_lookup (document, "lane-gps")));
  assert_board_reads (canvas, "Lane GPS", "External System");

  /* A field with no origin and no destination: the check's two problems,
   * once it has run. */
  sl_canvas_set_focus_note (canvas, booked);
  sl_document_insert_field (document, booked, -1, "total", SL_FIELD_DECIMAL);
  while (!has_description (GTK_ACCESSIBLE (canvas),
                           "Lane Booking, slice Book Room, 6 fields, 2 problems: "
                           "no note before it provides “total”: add the field where its value "
                           "comes from, or map it to a field that is there; "
                           "“total” goes nowhere: add it to a note after this one, or remove it"))
    g_main_context_iteration (NULL, TRUE);

  /* Renamed, then emptied: the kind alone. */
  sl_document_set_note_text (document, booked, "Room Reserved");
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL, "Event: Room Reserved");
  sl_document_set_note_text (document, booked, "");
  gtk_test_accessible_assert_property (canvas, GTK_ACCESSIBLE_PROPERTY_LABEL, "Event");

  /* The same words without a widget; only errors and warnings count. */
  problems = sl_check_run (document);
  label = _sl_canvas_describe_note (document, sl_document_lookup_note (document, "cmd-pay"), problems, &description);
  g_assert_cmpstr (label, ==, "Command: Pay");
  g_assert_cmpstr (description, ==, "Lane Commands and views, slice Pay, 3 fields");

  /* The note deleted: the board no longer reads it. */
  sl_canvas_set_focus_note (canvas, booked);
  sl_canvas_select (canvas, booked, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL);
  answer_impact_dialog ("remove");
  g_assert_null (sl_document_lookup_note (document, "evt-room-booked"));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, "Event");
  g_assert_nonnull (mismatch);

  test_app_quit (&fixture.app, &fixture.window);
}

/* The luminance of the pixel @x, @y of @surface, from 0 to 1. */
static double
luminance_at (cairo_surface_t *surface,
              int              x,
              int              y)
{
  guint32 pixel;

  cairo_surface_flush (surface);
  memcpy (&pixel, cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4, 4);
  return (0.2126 * ((pixel >> 16) & 0xff) + 0.7152 * ((pixel >> 8) & 0xff) + 0.0722 * (pixel & 0xff)) / 255;
}

/* On the map, a screen's card, white as the lanes nearly are, has an
 * outline: its edge is dark, its middle white. */
static void
test_overview_screens (void)
{
  Fixture fixture = { 0 };
  SlCanvas *canvas;
  GtkWidget *overview;
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  SlRect rect, bounds;
  double scale;
  int width, height, left, middle_x, middle_y;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  canvas = sl_window_get_canvas (fixture.window);
  overview = find_descendant (GTK_WIDGET (fixture.window), SL_TYPE_OVERVIEW);
  wait_for_paint (overview);
  width = gtk_widget_get_width (overview);
  height = gtk_widget_get_height (overview);

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (overview)->snapshot (overview, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  /* Far right, out of the frame of the view. */
  sl_layout_get_note_rect (sl_canvas_get_layout (canvas),
                           sl_document_lookup_note (sl_window_get_document (fixture.window), "scr-sales-report"),
                           &rect);
  sl_layout_get_bounds (sl_canvas_get_layout (canvas), &bounds);
  scale = MIN (width / bounds.width, height / bounds.height);
  left = (int) floor ((rect.x - bounds.x) * scale);
  middle_x = (int) ((rect.x + rect.width / 2 - bounds.x) * scale);
  middle_y = (int) ((rect.y + rect.height / 2 - bounds.y) * scale);
  g_assert_cmpfloat (luminance_at (surface, middle_x, middle_y), >, 0.95);
  g_assert_cmpfloat (luminance_at (surface, left, middle_y), <, 0.7);

  cairo_surface_destroy (surface);
  test_app_quit (&fixture.app, &fixture.window);
}

/* The mean luminance of what @widget draws from its top left to @width and
 * @height, on white, from 0 to 1. */
static double
mean_luminance (GtkWidget *widget,
                int        width,
                int        height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  double sum = 0;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  for (int y = 0; y < height; y += 4)
    for (int x = 0; x < width; x += 4)
      sum += luminance_at (surface, x, y);
  cairo_surface_destroy (surface);
  return sum / (((width + 3) / 4) * ((height + 3) / 4));
}

/* What the map draws now, on white. */
static cairo_surface_t *
draw_map (GtkWidget *overview)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, gtk_widget_get_width (overview),
                                                         gtk_widget_get_height (overview));
  cairo_t *cr = cairo_create (surface);

  GTK_WIDGET_GET_CLASS (overview)->snapshot (overview, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
rgb_at (cairo_surface_t *surface,
        int              x,
        int              y,
        double          *rgb)
{
  guint32 pixel;

  memcpy (&pixel, cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4, 4);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

/* Whether the map shows, at the middle of @note's card, its kind's colour. */
static gboolean
map_shows_note (cairo_surface_t *map,
                SlCanvas        *canvas,
                SlNote          *note,
                SlRenderer      *renderer)
{
  SlLayout *layout = sl_canvas_get_layout (canvas);
  double rgb[3], kind[3];
  SlRect rect, bounds;
  double scale;

  sl_layout_get_bounds (layout, &bounds);
  sl_layout_get_note_rect (layout, note, &rect);
  scale = MIN (cairo_image_surface_get_width (map) / bounds.width,
               cairo_image_surface_get_height (map) / bounds.height);
  rgb_at (map, (int) ((rect.x + rect.width / 2 - bounds.x) * scale),
          (int) ((rect.y + rect.height / 2 - bounds.y) * scale), rgb);
  sl_renderer_get_kind_color (renderer, sl_note_get_kind (note), kind);
  return fabs (rgb[0] - kind[0]) < 0.03 && fabs (rgb[1] - kind[1]) < 0.03 && fabs (rgb[2] - kind[2]) < 0.03;
}

/* Whether the map shows the frame of the view's left edge, blue, halfway
 * down the view. */
static gboolean
map_shows_view_at (cairo_surface_t *map,
                   SlCanvas        *canvas)
{
  SlRect view, bounds;
  double rgb[3];
  double scale;

  sl_layout_get_bounds (sl_canvas_get_layout (canvas), &bounds);
  sl_canvas_get_visible_region (canvas, &view);
  scale = MIN (cairo_image_surface_get_width (map) / bounds.width,
               cairo_image_surface_get_height (map) / bounds.height);
  rgb_at (map, (int) floor ((view.x - bounds.x) * scale),
          (int) ((MAX (view.y, bounds.y) + MIN (view.height, bounds.height) / 2 - bounds.y) * scale), rgb);
  return rgb[2] - rgb[0] > 0.3;
}

static gboolean
note_in_way_cb (SlNote       *note,
                const SlRect *rect,
                gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
  return FALSE;
}

/* The leftmost x in @note's lane and row where its card would stand
 * clear of every card (its own too), inside the board as it is. */
static int
free_x_beside (SlLayout *layout,
               SlNote   *note)
{
  SlRect rect, bounds;

  sl_layout_get_note_rect (layout, note, &rect);
  sl_layout_get_bounds (layout, &bounds);
  for (int dx = -sl_note_get_x (note); rect.x + dx + rect.width < bounds.x + bounds.width; dx += 40)
    {
      SlRect place = { rect.x + dx - 40, rect.y - 40, rect.width + 80, rect.height + 80 };
      gboolean in_way = FALSE;

      sl_layout_foreach_note_in (layout, &place, note_in_way_cb, &in_way);
      if (!in_way)
        return sl_note_get_x (note) + dx;
    }
  g_assert_not_reached ();
}

/* The map draws the board once and keeps it, but it shows the view where
 * the board is panned to, a note where it was moved to, a note added, and
 * the dark style: each change draws the board anew. */
static void
test_overview_follows (void)
{
  Fixture fixture = { 0 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(SlRenderer) renderer = NULL;
  cairo_surface_t *map;
  SlDocument *document;
  SlCanvas *canvas;
  SlLayout *layout;
  GtkWidget *overview;
  SlNote *note, *added;
  SlRect bounds, moved_bounds, view;
  int x;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  canvas = sl_window_get_canvas (fixture.window);
  document = sl_window_get_document (fixture.window);
  layout = sl_canvas_get_layout (canvas);
  overview = find_descendant (GTK_WIDGET (fixture.window), SL_TYPE_OVERVIEW);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_for_paint (overview);
  renderer = sl_renderer_new (layout);
  note = sl_document_lookup_note (document, "cmd-add-room");
  sl_layout_get_bounds (layout, &bounds);

  /* Panned from the left edge of the board to its right: the frame moves. */
  sl_canvas_set_zoom (canvas, 1.0, 0, 0);
  sl_canvas_scroll_to (canvas, bounds.x, bounds.y);
  map = draw_map (overview);
  g_assert_true (map_shows_view_at (map, canvas));
  cairo_surface_destroy (map);
  sl_canvas_get_visible_region (canvas, &view);
  g_assert_cmpfloat (view.width, <, bounds.width / 2);
  sl_canvas_scroll_to (canvas, bounds.x + bounds.width - view.width, bounds.y);
  map = draw_map (overview);
  g_assert_true (map_shows_view_at (map, canvas));
  sl_canvas_scroll_to (canvas, bounds.x, bounds.y);
  g_assert_false (map_shows_view_at (map, canvas));
  cairo_surface_destroy (map);

  /* A note moved within the board, whose bounds stay as they were: the
   * map shows it at its new place, where it showed none before. The view
   * is off the board, so that its frame tints no card on the map. */
  sl_canvas_scroll_to (canvas, bounds.x + 4 * bounds.width, bounds.y + 4 * bounds.height);
  map = draw_map (overview);
  g_assert_true (map_shows_note (map, canvas, note, renderer));
  x = free_x_beside (layout, note);
  sl_document_move_note (document, note, sl_note_get_lane (note), x, sl_note_get_y (note));
  sl_layout_get_bounds (layout, &moved_bounds);
  g_assert_cmpmem (&moved_bounds, sizeof (SlRect), &bounds, sizeof (SlRect));
  g_assert_false (map_shows_note (map, canvas, note, renderer));
  cairo_surface_destroy (map);
  map = draw_map (overview);
  g_assert_true (map_shows_note (map, canvas, note, renderer));
  cairo_surface_destroy (map);

  /* A note added: the map shows it. */
  x = free_x_beside (layout, note);
  added = sl_document_add_note (document, sl_note_get_kind (note), sl_note_get_lane (note), x,
                                sl_note_get_y (note), "Added");
  sl_layout_get_bounds (layout, &moved_bounds);
  g_assert_cmpmem (&moved_bounds, sizeof (SlRect), &bounds, sizeof (SlRect));
  map = draw_map (overview);
  g_assert_true (map_shows_note (map, canvas, added, renderer));
  cairo_surface_destroy (map);

  /* Dark: the map shows the note in the dark style's colour. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_false (map_shows_note (map = draw_map (overview), canvas, added, renderer));
  cairo_surface_destroy (map);
  sl_renderer_set_style (renderer, SL_RENDER_STYLE_DARK);
  map = draw_map (overview);
  g_assert_true (map_shows_note (map, canvas, added, renderer));
  cairo_surface_destroy (map);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  test_app_quit (&fixture.app, &fixture.window);
}

/* The board and its map follow the desktop's style: light, dark, and a
 * dark board with high contrast. */
static void
test_dark_style (void)
{
  Fixture fixture = { 0 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(SlRenderer) renderer = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  SlCanvas *canvas;
  GtkWidget *overview;
  SlRect bounds, rect;
  SlRenderStyle styles[] = { SL_RENDER_STYLE_HIGH_CONTRAST, SL_RENDER_STYLE_HIGH_CONTRAST_DARK };
  int board_width, board_height, map_width, map_height;
  double scale;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  canvas = sl_window_get_canvas (fixture.window);
  overview = find_descendant (GTK_WIDGET (fixture.window), SL_TYPE_OVERVIEW);
  wait_for_paint (overview);
  /* The desktop of the tests has no high contrast: dark and light only. */
  g_assert_false (adw_style_manager_get_high_contrast (style));
  board_width = gtk_widget_get_width (GTK_WIDGET (canvas));
  board_height = gtk_widget_get_height (GTK_WIDGET (canvas));
  /* The map fills its width or its height, from the top left. */
  sl_layout_get_bounds (sl_canvas_get_layout (canvas), &bounds);
  scale = MIN (gtk_widget_get_width (overview) / bounds.width, gtk_widget_get_height (overview) / bounds.height);
  map_width = (int) (bounds.width * scale);
  map_height = (int) (bounds.height * scale);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (sl_canvas_get_desktop_style (), ==, SL_RENDER_STYLE_LIGHT);
  g_assert_cmpfloat (mean_luminance (GTK_WIDGET (canvas), board_width, board_height), >, 0.7);
  g_assert_cmpfloat (mean_luminance (overview, map_width, map_height), >, 0.7);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpint (sl_canvas_get_desktop_style (), ==, SL_RENDER_STYLE_DARK);
  g_assert_cmpfloat (mean_luminance (GTK_WIDGET (canvas), board_width, board_height), <, 0.3);
  g_assert_cmpfloat (mean_luminance (overview, map_width, map_height), <, 0.3);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* High contrast: the cards have a strong outline, black on the light
   * board, white on the dark one, whose paper stays dark. */
  sl_layout_get_note_rect (sl_canvas_get_layout (canvas),
                           sl_document_lookup_note (sl_window_get_document (fixture.window), "cmd-add-room"), &rect);
  renderer = sl_renderer_new (sl_canvas_get_layout (canvas));
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      double paper, outline;

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) bounds.width, (int) bounds.height);
      cr = cairo_create (surface);
      cairo_translate (cr, -bounds.x, -bounds.y);
      sl_renderer_set_style (renderer, styles[i]);
      sl_renderer_draw (renderer, cr, &bounds, 1.0);
      cairo_destroy (cr);
      outline = luminance_at (surface, (int) (rect.x + rect.width / 2 - bounds.x), (int) (rect.y - bounds.y));
      paper = luminance_at (surface, 2, (int) (bounds.height - 2));
      if (styles[i] == SL_RENDER_STYLE_HIGH_CONTRAST_DARK)
        {
          g_assert_cmpfloat (outline, >, 0.8);
          g_assert_cmpfloat (paper, <, 0.3);
        }
      else
        {
          g_assert_cmpfloat (outline, <, 0.2);
          g_assert_cmpfloat (paper, >, 0.7);
        }
      cairo_surface_destroy (surface);
    }

  test_app_quit (&fixture.app, &fixture.window);
}

/* Every widget shown under @widget lies inside the clip (unless it
 * scrolls), and in a box beside its siblings, not over them. */
static void
assert_inside (GtkWidget  *widget,
               GtkWidget  *window,
               const char *clip_name,
               double      clip_x,
               double      clip_y,
               double      clip_width,
               double      clip_height)
{
  graphene_rect_t bounds;
  GtkWidget *previous = NULL;

  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* Unseen, whatever its place. */
  if (!gtk_widget_get_mapped (widget) || (GTK_IS_NATIVE (widget) && widget != window))
    return;

  /* A flap's dimming and shadow are drawn only while its flap is over
   * the content, and then over the content. */
  if (ADW_IS_FLAP (parent) && widget != adw_flap_get_flap (ADW_FLAP (parent)) &&
      widget != adw_flap_get_content (ADW_FLAP (parent)) && widget != adw_flap_get_separator (ADW_FLAP (parent)))
    return;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  if (clip_name != NULL && bounds.size.width > 0 && bounds.size.height > 0 &&
      (bounds.origin.x < clip_x - 0.5 || bounds.origin.y < clip_y - 0.5 ||
       bounds.origin.x + bounds.size.width > clip_x + clip_width + 0.5 ||
       bounds.origin.y + bounds.size.height > clip_y + clip_height + 0.5))
    g_error ("%s %p (%s) at %g,%g %gx%g lies outside %s at %g,%g %gx%g",
             G_OBJECT_TYPE_NAME (widget), widget, gtk_widget_get_css_name (widget),
             bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
             clip_name, clip_x, clip_y, clip_width, clip_height);

  /* What scrolls may lie beyond its scrolled window: it scrolls into
   * view. */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    clip_name = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      assert_inside (child, window, clip_name, clip_x, clip_y, clip_width, clip_height);

      /* A box lays its children out one after the other; linked ones
       * share their borders. */
      if (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)) && !gtk_widget_has_css_class (widget, "linked") &&
          gtk_widget_get_mapped (child))
        {
          graphene_rect_t a, b;

          if (previous != NULL &&
              gtk_widget_compute_bounds (previous, window, &a) &&
              gtk_widget_compute_bounds (child, window, &b) &&
              a.size.width > 0 && a.size.height > 0 && b.size.width > 0 && b.size.height > 0)
            {
              graphene_rect_t overlap;

              if (graphene_rect_intersection (&a, &b, &overlap) &&
                  overlap.size.width > 0.5 && overlap.size.height > 0.5)
                g_error ("%s %p at %g,%g %gx%g overlaps its sibling %s %p at %g,%g %gx%g in %s %s",
                         G_OBJECT_TYPE_NAME (child), child, b.origin.x, b.origin.y, b.size.width, b.size.height,
                         G_OBJECT_TYPE_NAME (previous), previous, a.origin.x, a.origin.y, a.size.width, a.size.height,
                         G_OBJECT_TYPE_NAME (widget), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
            }
          previous = child;
        }
    }
}

/* Sizes the window to @width × @height, shows or hides the guide and the
 * inspector, and runs the main loop until all that is laid out. */
static void
resize_and_show (SlWindow *window,
                 int       width,
                 int       height,
                 gboolean  panels)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (sl_window_get_inspector (window)),
                                                                 GTK_TYPE_REVEALER));
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (sl_window_get_guide (window)), ADW_TYPE_FLAP));

  /* The width first, as a user drags an edge: narrow, the window needs
   * less height, which GTK only gives on the next resize. */
  gtk_window_set_default_size (GTK_WINDOW (window), width, gdk_surface_get_height (surface));
  while (gdk_surface_get_width (surface) != width)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  while (gdk_surface_get_height (surface) != height)
    g_main_context_iteration (NULL, TRUE);

  if (adw_flap_get_reveal_flap (flap) != panels)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-guide", NULL);
  if (gtk_revealer_get_reveal_child (revealer) != panels)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL);
  while (gtk_revealer_get_child_revealed (revealer) != panels ||
         adw_flap_get_reveal_progress (flap) != (panels ? 1.0 : 0.0))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (GTK_WIDGET (window));
}

/* Whether @menu, or a section or submenu of it, has an item for @action. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* The window goes down to GNOME's smallest size, 360 × 294, with nothing
 * cut off or overlapping, at that size and wider; narrow, the guide and
 * the inspector come over the board, whose width they leave alone; wide,
 * they stand beside it as before. */
static void
test_narrow (void)
{
  static const struct { int width, height; } sizes[] = { { 360, 294 }, { 800, 600 }, { 1400, 900 } };
  Fixture fixture = { 0 };
  GtkWidget *content, *canvas, *guide, *inspector;
  int min_width, min_height;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture.window));
  canvas = GTK_WIDGET (sl_window_get_canvas (fixture.window));
  guide = GTK_WIDGET (sl_window_get_guide (fixture.window));
  inspector = GTK_WIDGET (sl_window_get_inspector (fixture.window));
  sl_canvas_select (SL_CANVAS (canvas), sl_document_lookup_note (sl_window_get_document (fixture.window),
                                                                 "cmd-book-room"), FALSE);

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL, NULL, NULL);
  g_test_message ("the window's least size: %d × %d", min_width, min_height);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (min_height, <=, 294);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int panels = 0; panels < 2; panels++)
      {
        graphene_rect_t board, guide_bounds, inspector_bounds;
        graphene_rect_t window;

        resize_and_show (fixture.window, sizes[i].width, sizes[i].height, panels);
        /* Where the window's own coordinates start depends on its frame. */
        g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fixture.window), GTK_WIDGET (fixture.window), &window));
        g_assert_cmpfloat (window.size.width, ==, sizes[i].width);
        g_assert_cmpfloat (window.size.height, ==, sizes[i].height);
        assert_inside (GTK_WIDGET (fixture.window), GTK_WIDGET (fixture.window), "the window",
                       window.origin.x, window.origin.y, window.size.width, window.size.height);
        /* What the header has no room for, the main menu offers once
         * it opens. */
        if (sizes[i].width != 800)
          {
            gtk_menu_button_popup (fixture.window->primary_menu_button);
            g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (fixture.window->primary_menu_button),
                                            "win.undo") == (sizes[i].width == 360));
            gtk_menu_button_popdown (fixture.window->primary_menu_button);
          }
        /* The zoom button, shown wide, opens its menu. */
        if (sizes[i].width == 1400)
          {
            gtk_menu_button_popup (fixture.window->zoom_button);
            g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (fixture.window->zoom_button))));
            g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (fixture.window->zoom_button), "win.zoom-in"));
            gtk_menu_button_popdown (fixture.window->zoom_button);
          }
        if (!panels || sizes[i].width == 800)
          continue;

        g_assert_true (gtk_widget_compute_bounds (canvas, GTK_WIDGET (fixture.window), &board));
        g_assert_true (gtk_widget_compute_bounds (guide, GTK_WIDGET (fixture.window), &guide_bounds));
        g_assert_true (gtk_widget_compute_bounds (inspector, GTK_WIDGET (fixture.window), &inspector_bounds));
        if (sizes[i].width == 360)
          {
            graphene_rect_t flap;

            /* Over the board, which keeps all the width. */
            g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_ancestor (guide, ADW_TYPE_FLAP),
                                                      GTK_WIDGET (fixture.window), &flap));
            g_assert_cmpfloat (board.origin.x, ==, flap.origin.x);
            g_assert_cmpfloat (board.size.width, ==, flap.size.width);
            g_assert_true (graphene_rect_intersection (&board, &guide_bounds, NULL));
            g_assert_true (graphene_rect_intersection (&board, &inspector_bounds, NULL));
          }
        else
          {
            /* Beside it. */
            g_assert_cmpfloat (guide_bounds.origin.x + guide_bounds.size.width, <=, board.origin.x);
            g_assert_cmpfloat (board.origin.x + board.size.width, <=, inspector_bounds.origin.x);
            g_assert_cmpfloat (board.size.width, >=, 600);
          }
      }

  /* Folded over the board, the guide takes the keyboard, which would
   * otherwise add notes to the dimmed board under it, and gives it back
   * to the board when it goes. */
  resize_and_show (fixture.window, 360, 294, FALSE);
  gtk_widget_grab_focus (canvas);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.toggle-guide", NULL);
  while (adw_flap_get_reveal_progress (ADW_FLAP (gtk_widget_get_ancestor (guide, ADW_TYPE_FLAP))) != 1.0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)), guide));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.toggle-guide", NULL);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture.window)) == canvas);

  test_app_quit (&fixture.app, &fixture.window);
}

/* Whether the board, drawn from far out, shows @note in its kind's
 * colour where the canvas puts it. */
static gboolean
far_board_shows_note (cairo_surface_t *board,
                      SlCanvas        *canvas,
                      SlNote          *note,
                      SlRenderer      *renderer)
{
  SlRect rect;
  double x, y, rgb[3], kind[3];

  sl_layout_get_note_rect (sl_canvas_get_layout (canvas), note, &rect);
  sl_canvas_board_to_widget (canvas, rect.x + rect.width / 2, rect.y + rect.height / 2, &x, &y);
  if (x < 0 || y < 0 || x >= cairo_image_surface_get_width (board) || y >= cairo_image_surface_get_height (board))
    return FALSE;
  rgb_at (board, (int) x, (int) y, rgb);
  sl_renderer_get_kind_color (renderer, sl_note_get_kind (note), kind);
  return fabs (rgb[0] - kind[0]) < 0.03 && fabs (rgb[1] - kind[1]) < 0.03 && fabs (rgb[2] - kind[2]) < 0.03;
}

/* From far out the board is an image the canvas keeps while it pans:
 * panned, it shows each note where it is; a note moved, a note added and
 * the dark style each draw the image anew. */
static void
test_far_board_follows (void)
{
  Fixture fixture = { 0 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(SlRenderer) renderer = NULL;
  cairo_surface_t *board;
  SlDocument *document;
  SlCanvas *canvas;
  SlLayout *layout;
  SlNote *note, *added;
  SlRect bounds, moved_bounds, view, rect;
  double wx, wy, rgb[3], kind[3];
  int x;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  canvas = sl_window_get_canvas (fixture.window);
  document = sl_window_get_document (fixture.window);
  layout = sl_canvas_get_layout (canvas);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_for_paint (GTK_WIDGET (canvas));
  renderer = sl_renderer_new (layout);
  note = sl_document_lookup_note (document, "cmd-add-room");
  sl_layout_get_bounds (layout, &bounds);

  /* As far out as the canvas goes, the whole board in view, a quarter of
   * the view from its left edge. */
  sl_canvas_set_zoom (canvas, 0.01, 0, 0);
  g_assert_cmpfloat (sl_canvas_get_zoom (canvas), <, 0.05);
  sl_canvas_get_visible_region (canvas, &view);
  g_assert_cmpfloat (bounds.width, <, view.width / 2);
  g_assert_cmpfloat (bounds.height, <, view.height / 2);
  sl_canvas_scroll_to (canvas, bounds.x - view.width / 4, bounds.y - view.height / 4);
  board = draw_map (GTK_WIDGET (canvas));
  g_assert_true (far_board_shows_note (board, canvas, note, renderer));
  cairo_surface_destroy (board);

  /* Panned by a few pixels at a time, right and down: each note stays
   * where the canvas puts it, the kept image moved with the view. */
  for (int i = 1; i <= 5; i++)
    {
      sl_canvas_scroll_to (canvas, bounds.x - view.width / 4 + i * 7.3 / sl_canvas_get_zoom (canvas),
                           bounds.y - view.height / 4 + i * 3.1 / sl_canvas_get_zoom (canvas));
      board = draw_map (GTK_WIDGET (canvas));
      g_assert_true (far_board_shows_note (board, canvas, note, renderer));
      cairo_surface_destroy (board);
    }

  /* A note moved within the board, whose bounds stay as they were: the
   * board shows it at its new place, and no longer at the old. */
  sl_layout_get_note_rect (layout, note, &rect);
  x = free_x_beside (layout, note);
  sl_document_move_note (document, note, sl_note_get_lane (note), x, sl_note_get_y (note));
  sl_layout_get_bounds (layout, &moved_bounds);
  g_assert_cmpmem (&moved_bounds, sizeof (SlRect), &bounds, sizeof (SlRect));
  board = draw_map (GTK_WIDGET (canvas));
  g_assert_true (far_board_shows_note (board, canvas, note, renderer));
  sl_canvas_board_to_widget (canvas, rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  rgb_at (board, (int) wx, (int) wy, rgb);
  sl_renderer_get_kind_color (renderer, sl_note_get_kind (note), kind);
  g_assert_false (fabs (rgb[0] - kind[0]) < 0.03 && fabs (rgb[1] - kind[1]) < 0.03 && fabs (rgb[2] - kind[2]) < 0.03);
  cairo_surface_destroy (board);

  /* A note added: the board shows it. */
  x = free_x_beside (layout, note);
  added = sl_document_add_note (document, sl_note_get_kind (note), sl_note_get_lane (note), x,
                                sl_note_get_y (note), "Added");
  board = draw_map (GTK_WIDGET (canvas));
  g_assert_true (far_board_shows_note (board, canvas, added, renderer));
  cairo_surface_destroy (board);

  /* Dark: the board shows the note in the dark style's colour. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sl_renderer_set_style (renderer, SL_RENDER_STYLE_DARK);
  board = draw_map (GTK_WIDGET (canvas));
  g_assert_true (far_board_shows_note (board, canvas, added, renderer));
  cairo_surface_destroy (board);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  test_app_quit (&fixture.app, &fixture.window);
}

typedef struct
{
  const SlRect *area;
  const SlRect *view;
  SlNote *note;
} ShownNote;

/* The first note wholly in the area that the view does not touch. */
static gboolean
note_beside_view_cb (SlNote       *note,
                     const SlRect *rect,
                     gpointer      user_data)
{
  ShownNote *shown = user_data;

  if (rect->x >= shown->area->x && rect->x + rect->width <= shown->area->x + shown->area->width &&
      !sl_rect_intersects (rect, shown->view))
    {
      shown->note = note;
      return FALSE;
    }
  return TRUE;
}

/* Whether the map, which shows @area at @scale, shows @note in its
 * kind's colour. */
static gboolean
part_shows_note (cairo_surface_t *map,
                 const SlRect    *area,
                 double           scale,
                 SlLayout        *layout,
                 SlNote          *note,
                 SlRenderer      *renderer)
{
  SlRect rect;
  double rgb[3], kind[3];

  sl_layout_get_note_rect (layout, note, &rect);
  rgb_at (map, (int) ((rect.x + rect.width / 2 - area->x) * scale),
          (int) ((rect.y + rect.height / 2 - area->y) * scale), rgb);
  sl_renderer_get_kind_color (renderer, sl_note_get_kind (note), kind);
  return fabs (rgb[0] - kind[0]) < 0.03 && fabs (rgb[1] - kind[1]) < 0.03 && fabs (rgb[2] - kind[2]) < 0.03;
}

/* A board far longer than high (one note 200 board heights away) is not
 * a line a pixel high on the map: the map shows the board's full height
 * and the part of its length around the view, follows the view to the
 * other end, and a bar along its bottom edge says where that part lies. */
static void
test_overview_long_board (void)
{
  Fixture fixture = { 0 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(SlRenderer) renderer = NULL;
  cairo_surface_t *map;
  SlDocument *document;
  SlCanvas *canvas;
  SlLayout *layout;
  GtkWidget *overview;
  SlNote *note, *far;
  SlRect bounds, area, view, rect;
  ShownNote shown = { &area, &view, NULL };
  double scale, rgb[3];
  int height;

  test_app_start (&fixture.app, &fixture.window, g_getenv ("STORMLINE_EXAMPLE"));
  canvas = sl_window_get_canvas (fixture.window);
  document = sl_window_get_document (fixture.window);
  layout = sl_canvas_get_layout (canvas);
  overview = find_descendant (GTK_WIDGET (fixture.window), SL_TYPE_OVERVIEW);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  renderer = sl_renderer_new (layout);
  note = sl_document_lookup_note (document, "cmd-add-room");
  sl_layout_get_bounds (layout, &bounds);
  far = sl_document_add_note (document, sl_note_get_kind (note), sl_note_get_lane (note),
                              (int) (bounds.x + 200 * bounds.height), sl_note_get_y (note), "Far");
  sl_layout_get_bounds (layout, &bounds);
  g_assert_cmpfloat (bounds.width, >, 200 * bounds.height);
  wait_for_paint (overview);
  wait_for_paint (overview);

  /* A low map, not a strip: the board's full height, a part of its
   * length, the part the view is in. */
  height = gtk_widget_get_height (overview);
  g_assert_cmpint (height, >=, 40);
  g_assert_cmpint (height, <, gtk_widget_get_width (overview));
  sl_canvas_set_zoom (canvas, 1.0, 0, 0);
  sl_canvas_scroll_to (canvas, bounds.x, bounds.y);
  sl_canvas_get_visible_region (canvas, &view);
  scale = sl_overview_get_area (SL_OVERVIEW (overview), &area);
  g_assert_cmpfloat (area.height, ==, bounds.height);
  g_assert_cmpfloat (area.width, <, bounds.width / 10);
  g_assert_cmpfloat (area.x, <=, view.x + view.width / 2);
  g_assert_cmpfloat (area.x + area.width, >=, view.x + view.width / 2);

  /* It shows the cards there, a few pixels each. */
  sl_layout_foreach_note_in (layout, &area, note_beside_view_cb, &shown);
  g_assert_nonnull (shown.note);
  sl_layout_get_note_rect (layout, shown.note, &rect);
  g_assert_cmpfloat (rect.width * scale, >=, 2);
  map = draw_map (overview);
  g_assert_true (part_shows_note (map, &area, scale, layout, shown.note, renderer));
  /* The bar at the bottom: blue at its start, where this part lies. */
  rgb_at (map, 2, height - 2, rgb);
  g_assert_cmpfloat (rgb[2] - rgb[0], >, 0.3);
  rgb_at (map, gtk_widget_get_width (overview) - 3, height - 2, rgb);
  g_assert_cmpfloat (rgb[2] - rgb[0], <, 0.3);
  cairo_surface_destroy (map);

  /* At the other end of the board, the map follows: the far note. */
  sl_layout_get_note_rect (layout, far, &rect);
  sl_canvas_scroll_to (canvas, rect.x + rect.width + 10, bounds.y);
  scale = sl_overview_get_area (SL_OVERVIEW (overview), &area);
  g_assert_cmpfloat (area.x + area.width, ==, bounds.x + bounds.width);
  map = draw_map (overview);
  g_assert_true (part_shows_note (map, &area, scale, layout, far, renderer));
  rgb_at (map, gtk_widget_get_width (overview) - 3, height - 2, rgb);
  g_assert_cmpfloat (rgb[2] - rgb[0], >, 0.3);
  cairo_surface_destroy (map);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  test_app_quit (&fixture.app, &fixture.window);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = NULL;
  int status;

  /* GTK's test accessibility backend keeps what the widgets tell screen
   * readers, for /window/accessible-names to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!test_app_init (&argc, &argv, &state))
    return 0;

  g_test_add_func ("/window/open-example", test_open_example);
  g_test_add_func ("/window/open-bad-file", test_open_bad_file);
  g_test_add_func ("/window/first-run", test_first_run);
  g_test_add_func ("/window/reopen-last", test_reopen_last);
  g_test_add_func ("/window/save-and-close", test_save_and_close);
  g_test_add_func ("/window/close-while-editing", test_close_while_editing);
  g_test_add_func ("/window/quit", test_quit);
  g_test_add_func ("/window/import-export", test_import_export);
  g_test_add_func ("/window/drop-files", test_drop_files);
  g_test_add_func ("/window/help", test_help);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/shortcuts-window-on-demand", test_shortcuts_window_on_demand);
  g_test_add_func ("/window/guide", test_guide);
  g_test_add_func ("/window/guide-empty", test_guide_empty);
  g_test_add_func ("/window/guide-navigation", test_guide_navigation);
  g_test_add_func ("/window/undo-toast", test_undo_toast);
  g_test_add_func ("/window/follow-step", test_follow_step);
  g_test_add_func ("/window/inspector", test_inspector);
  g_test_add_func ("/window/inspector-first-shown", test_inspector_first_shown);
  g_test_add_func ("/window/inspector-scenario", test_inspector_scenario);
  g_test_add_func ("/window/inspector-aggregate", test_inspector_aggregate);
  g_test_add_func ("/window/impact", test_impact);
  g_test_add_func ("/window/inspector-add-field", test_inspector_add_field);
  g_test_add_func ("/window/inspector-scroll", test_inspector_scroll);
  g_test_add_func ("/window/escape-to-board", test_escape_to_board);
  g_test_add_func ("/window/inspector-picker", test_inspector_picker);
  g_test_add_func ("/window/inspector-scenario-title", test_inspector_scenario_title);
  g_test_add_func ("/window/model-properties", test_model_properties);
  g_test_add_func ("/window/board-width", test_board_width);
  g_test_add_func ("/window/print", test_print);
  g_test_add_func ("/window/export", test_export);
  g_test_add_func ("/window/export-limits", test_export_limits);
  g_test_add_func ("/window/generate-code", test_generate_code);
  g_test_add_func ("/window/find", test_find);
  g_test_add_func ("/window/accessible-names", test_accessible_names);
  g_test_add_func ("/window/board-description", test_board_description);
  g_test_add_func ("/window/overview-screens", test_overview_screens);
  g_test_add_func ("/window/overview-follows", test_overview_follows);
  g_test_add_func ("/window/dark-style", test_dark_style);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/far-board-follows", test_far_board_follows);
  g_test_add_func ("/window/overview-long-board", test_overview_long_board);

  status = g_test_run ();
  test_remove_own_state (state);
  return status;
}
