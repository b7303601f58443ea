/* test-reload.c: the window and its file changed on disk (reload, merge),
 * and Compare With
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sl-window-private.h"
#include "test-app.h"

typedef struct
{
  SlApplication *app;
  SlWindow *window;
  char *dir;
  char *path;
  GFile *file;
} Fixture;

/* Starts the app on a copy of the hotel, and runs it until the window knows
 * the bytes it loaded, which the file on disk is compared with. */
static void
fixture_start (Fixture *fixture)
{
  g_autoptr(GBytes) example = read_bytes (example_path ());

  fixture->dir = scratch_dir_new ();
  fixture->path = g_build_filename (fixture->dir, "hotel.stormline", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  write_bytes (fixture->path, example);

  test_app_start (&fixture->app, &fixture->window, fixture->path);
  while (fixture->window->file_state == NULL || fixture->window->monitor == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_stop (Fixture *fixture)
{
  test_app_quit (&fixture->app, &fixture->window);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->file);
}

/* Runs until the window has compared the file on disk with what it had,
 * after every event so far: asked for explicitly, so that a test of what
 * does *not* change waits for a state, not for time. */
static void
wait_for_check (SlWindow *window)
{
  g_file_monitor_emit_event (window->monitor, window->file, NULL, G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT);
  while (window->saving || window->file_state == NULL || window->checking != NULL || window->check_pending)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_offer (SlWindow *window)
{
  while (!_sl_window_get_reload_offered (window, NULL, NULL))
    g_main_context_iteration (NULL, TRUE);
}

/* The one window of the app: a reload or a merge replaces the window. */
static SlWindow *
wait_for_new_window (Fixture  *fixture,
                     SlWindow *old)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app))) == NULL ||
         windows->data == old || !gtk_widget_get_mapped (windows->data) || windows->next != NULL)
    g_main_context_iteration (NULL, TRUE);

  fixture->window = windows->data;
  return fixture->window;
}

/* The hotel as another program writes it: one note more, by id "n-disk". */
static void
write_changed_model (const char *path,
                     const char *text_of_add_room)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  SlLane *lane = sl_document_lookup_lane (document, "lane-interaction");
  SlNote *note = sl_document_add_note (document, SL_NOTE_COMMENT, lane, 4000, 0, "Written by another program");

  if (text_of_add_room != NULL)
    sl_document_set_note_text (document, sl_document_lookup_note (document, "cmd-add-room"), text_of_add_room);

  /* A fixed id, so that the test finds it in the window's model. */
  bytes = sl_format_save_to_bytes (document);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_auto(GStrv) parts = g_strsplit (text, sl_element_get_id (SL_ELEMENT (note)), -1);
    g_autofree char *fixed = g_strjoinv ("n-disk", parts);
    g_autoptr(GBytes) fixed_bytes = g_bytes_new (fixed, strlen (fixed));

    /* As git writes a file on checkout: in place, in pieces. */
    g_file_replace_contents (file, g_bytes_get_data (fixed_bytes, NULL), g_bytes_get_size (fixed_bytes),
                             NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
    g_assert_no_error (error);
  }
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static guint
count_kind (SlDocument *document,
            SlNoteKind  kind)
{
  GListModel *notes = sl_document_get_notes (document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i);

      n += sl_note_get_kind (note) == kind;
    }
  return n;
}

/* The file rewritten on disk: the window offers to reload it; its own
 * save and a touch do not. */
static void
test_offer (void)
{
  Fixture fixture = { 0 };
  SlWindow *window;
  SlDocument *document;
  const char *text = NULL, *button = NULL;

  fixture_start (&fixture);
  window = fixture.window;
  document = sl_window_get_document (window);

  /* The window's own save is no change on disk. */
  sl_document_set_title (document, "Motel");
  sl_window_save_to (window, fixture.file);
  while (sl_history_get_modified (sl_document_get_history (document)))
    g_main_context_iteration (NULL, TRUE);
  wait_for_check (window);
  g_assert_false (_sl_window_get_reload_offered (window, NULL, NULL));

  /* Nor is a touch: the bytes are the same. */
  {
    g_autoptr(GError) error = NULL;

    g_file_set_attribute_uint64 (fixture.file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                 g_get_real_time () / G_USEC_PER_SEC + 100, G_FILE_QUERY_INFO_NONE, NULL, &error);
    g_assert_no_error (error);
  }
  wait_for_check (window);
  g_assert_false (_sl_window_get_reload_offered (window, NULL, NULL));

  /* Another program's write is. */
  write_changed_model (fixture.path, NULL);
  wait_for_offer (window);
  g_assert_true (_sl_window_get_reload_offered (window, &text, &button));
  g_assert_cmpstr (button, ==, "_Reload");
  /* On screen, over the board. */
  g_assert_true (gtk_widget_is_ancestor (window->reload_bar, GTK_WIDGET (window->board_box)));
#if !ADW_CHECK_VERSION (1, 3, 0)
  while (!gtk_widget_is_drawable (GTK_WIDGET (window->reload_button)))
    g_main_context_iteration (NULL, TRUE);
#endif

  /* Unsaved changes: the offer is to merge. */
  sl_document_set_title (document, "Hostel");
  g_assert_true (_sl_window_get_reload_offered (window, &text, &button));
  g_assert_cmpstr (button, ==, "_Merge");
  sl_history_undo (sl_document_get_history (document));
  g_assert_true (_sl_window_get_reload_offered (window, &text, &button));
  g_assert_cmpstr (button, ==, "_Reload");

  /* Deleted: said, and the next save writes the file again. */
  g_assert_cmpint (g_unlink (fixture.path), ==, 0);
  while (!_sl_window_get_reload_offered (window, &text, &button) || button != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (_sl_window_get_reload_offered (window, &text, &button));
  g_assert_null (button);
  sl_document_set_title (document, "Hostel");
  _sl_window_save (window);
  while (sl_history_get_modified (sl_document_get_history (document)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (fixture.path, G_FILE_TEST_EXISTS));
  wait_for_check (window);
  g_assert_false (_sl_window_get_reload_offered (window, NULL, NULL));

  fixture_stop (&fixture);
}

/* Reload: the window's model is the file's, at the same step, zoom and
 * selection; the offer is gone. */
static void
test_reload (void)
{
  Fixture fixture = { 0 };
  SlWindow *window, *old;
  SlDocument *document;
  SlNote *note;

  fixture_start (&fixture);
  old = fixture.window;
  sl_document_set_step (sl_window_get_document (old), 5);
  sl_canvas_set_zoom (old->canvas, 0.5, 0, 0);
  sl_canvas_select (old->canvas, sl_document_lookup_note (sl_window_get_document (old), "cmd-add-room"), FALSE);

  write_changed_model (fixture.path, NULL);
  wait_for_offer (old);
  gtk_widget_activate_action (GTK_WIDGET (old), "win.reload", NULL);
  window = wait_for_new_window (&fixture, old);

  document = sl_window_get_document (window);
  g_assert_nonnull (sl_document_lookup_note (document, "n-disk"));
  g_assert_false (sl_history_get_modified (sl_document_get_history (document)));
  g_assert_true (g_file_equal (sl_window_get_file (window), fixture.file));
  g_assert_cmpuint (sl_document_get_step (document), ==, 5);
  g_assert_cmpfloat (sl_canvas_get_zoom (window->canvas), ==, 0.5);
  {
    g_autoptr(GList) selection = sl_canvas_get_selection (window->canvas);

    g_assert_cmpuint (g_list_length (selection), ==, 1);
    g_assert_cmpstr (sl_element_get_id (selection->data), ==, "cmd-add-room");
  }

  /* The new window compares the disk with what it loaded: the same. */
  wait_for_check (window);
  g_assert_false (_sl_window_get_reload_offered (window, NULL, NULL));
  note = sl_document_lookup_note (document, "n-disk");
  g_assert_cmpstr (sl_note_get_text (note), ==, "Written by another program");

  /* A file that is no model changes nothing, and says why. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("{\"stormline\": ", 14);

    write_bytes (fixture.path, junk);
    wait_for_offer (window);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
    g_assert_true (sl_window_get_document (window) == document);
    g_assert_nonnull (sl_document_lookup_note (document, "n-disk"));
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture.app))), ==, 1);
  }

  fixture_stop (&fixture);
}

/* Merge: the unsaved changes and the file's are both in the model, which
 * stays modified; what both changed differently is a hotspot note. */
static void
test_merge (void)
{
  Fixture fixture = { 0 };
  SlWindow *window, *old;
  SlDocument *document;
  guint hotspots;

  fixture_start (&fixture);
  old = fixture.window;
  document = sl_window_get_document (old);
  hotspots = count_kind (document, SL_NOTE_HOTSPOT);
  sl_document_set_note_text (document, sl_document_lookup_note (document, "evt-room-added"), "Room Put Up");
  sl_document_set_note_text (document, sl_document_lookup_note (document, "cmd-add-room"), "Add Suite");

  write_changed_model (fixture.path, "Add Bedroom");
  wait_for_offer (old);
#if ADW_CHECK_VERSION (1, 3, 0)
  gtk_widget_activate_action (GTK_WIDGET (old), "win.merge-file", NULL);
#else
  /* The bar's button, pressed. */
  while (!gtk_widget_is_drawable (GTK_WIDGET (old->reload_button)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (old->reload_button))), ==, "_Merge");
  gtk_widget_activate (GTK_WIDGET (old->reload_button));
#endif
  window = wait_for_new_window (&fixture, old);

  document = sl_window_get_document (window);
  g_assert_true (sl_history_get_modified (sl_document_get_history (document)));
  /* Theirs */
  g_assert_nonnull (sl_document_lookup_note (document, "n-disk"));
  /* Ours */
  g_assert_cmpstr (sl_note_get_text (sl_document_lookup_note (document, "evt-room-added")), ==, "Room Put Up");
  /* Both changed one text: a hotspot says so. */
  g_assert_cmpuint (count_kind (document, SL_NOTE_HOTSPOT), ==, hotspots + 1);
  /* A toast says how many conflicts there are. */
  while (!shows_label (GTK_WIDGET (window->toast_overlay), "Merged with the file: 1 conflict is a hotspot note"))
    g_main_context_iteration (NULL, TRUE);

  /* The file is the base now: no offer, and Save writes without asking. */
  wait_for_check (window);
  g_assert_false (_sl_window_get_reload_offered (window, NULL, NULL));
  _sl_window_save (window);
  while (sl_history_get_modified (sl_document_get_history (document)))
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(SlDocument) saved = sl_format_load_file (fixture.file, NULL);

    g_assert_nonnull (saved);
    g_assert_nonnull (sl_document_lookup_note (saved, "n-disk"));
    g_assert_cmpuint (count_kind (saved, SL_NOTE_HOTSPOT), ==, hotspots + 1);
  }

  fixture_stop (&fixture);
}

/* Compare With: the notes added and changed since the other version are
 * marked, the ones removed are ghosts, a list says what changed; its
 * close button (or Escape) ends it all. */
static void
test_compare (void)
{
  Fixture fixture = { 0 };
  g_autofree char *other_path = NULL;
  g_autoptr(GFile) other = NULL;
  SlWindow *window;
  SlDocument *document;
  SlNote *added, *changed;

  fixture_start (&fixture);
  window = fixture.window;
  document = sl_window_get_document (window);
  /* The board laid out: a change is brought into its view. */
  while (gtk_widget_get_width (GTK_WIDGET (window->canvas)) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* The same model: said so, and nothing is marked. */
  _sl_window_compare_with (window, fixture.file);
  g_assert_nonnull (window->compare_panel);
  g_assert_true (sl_diff_is_empty (window->diff));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (window->compare_list))), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.end-compare", NULL);
  g_assert_null (window->compare_panel);

  /* The board has a note more, one changed and one less than the other. */
  other_path = g_build_filename (fixture.dir, "other.stormline", NULL);
  other = g_file_new_for_path (other_path);
  added = sl_document_add_note (document, SL_NOTE_COMMENT, sl_document_lookup_lane (document, "lane-interaction"),
                                4000, 0, "New on the board");
  changed = sl_document_lookup_note (document, "cmd-add-room");
  sl_document_set_note_text (document, changed, "Add Suite");
  sl_document_remove_note (document, sl_document_lookup_note (document, "evt-room-added"));
  {
    g_autoptr(SlDocument) original = test_load_example ();
    g_autoptr(GError) error = NULL;

    g_assert_true (sl_format_save_file (original, other, &error));
    g_assert_no_error (error);
  }

  _sl_window_compare_with (window, other);
  g_assert_nonnull (window->diff);
  g_assert_false (sl_diff_is_empty (window->diff));

  {
    GArray *ghosts = NULL;
    GHashTable *marks = sl_canvas_get_marks (window->canvas, &ghosts);

    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (marks, added)), ==, SL_RENDER_MARK_ADDED);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (marks, changed)), ==, SL_RENDER_MARK_CHANGED);
    g_assert_cmpuint (ghosts->len, ==, 1);
    g_assert_cmpstr (sl_element_get_id (SL_ELEMENT (g_array_index (ghosts, SlRenderGhost, 0).note)), ==,
                     "evt-room-added");
  }

  /* The list has every change; one clicked selects its note. */
  g_assert_cmpuint (sl_diff_get_n_items (window->diff), >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (window->compare_list))), ==,
                    sl_diff_get_n_items (window->diff));
  {
    guint i;

    for (i = 0; i < sl_diff_get_n_items (window->diff); i++)
      if (g_strcmp0 (sl_diff_item_get_note_id (window->diff, i), "cmd-add-room") == 0)
        break;
    g_assert_cmpuint (i, <, sl_diff_get_n_items (window->diff));
    sl_canvas_unselect_all (window->canvas);
    g_signal_emit_by_name (window->compare_list, "activate", i);
    {
      g_autoptr(GList) selection = sl_canvas_get_selection (window->canvas);

      g_assert_cmpuint (g_list_length (selection), ==, 1);
      g_assert_true (selection->data == (gpointer) changed);
    }
  }

  /* A note removed since is not on the board: its ghost comes into view. */
  {
    GArray *ghosts = NULL;
    const SlRenderGhost *ghost;
    SlRect region;
    guint i;

    sl_canvas_get_marks (window->canvas, &ghosts);
    ghost = &g_array_index (ghosts, SlRenderGhost, 0);
    sl_canvas_scroll_to (window->canvas, ghost->rect.x + 5000, ghost->rect.y + 5000);
    for (i = 0; i < sl_diff_get_n_items (window->diff); i++)
      if (sl_diff_item_get_action (window->diff, i) == SL_DIFF_REMOVED &&
          g_strcmp0 (sl_diff_item_get_note_id (window->diff, i), "evt-room-added") == 0)
        break;
    g_assert_cmpuint (i, <, sl_diff_get_n_items (window->diff));
    g_signal_emit_by_name (window->compare_list, "activate", i);
    sl_canvas_get_visible_region (window->canvas, &region);
    g_assert_true (sl_rect_contains (&region, ghost->rect.x + ghost->rect.width / 2,
                                     ghost->rect.y + ghost->rect.height / 2));
  }

  /* An edit while compared is marked too, once the edits pause. */
  {
    SlNote *edited = sl_document_lookup_note (document, "cmd-register-guest");
    guint n = sl_diff_get_n_items (window->diff);

    g_assert_null (g_hash_table_lookup (sl_canvas_get_marks (window->canvas, NULL), edited));
    sl_document_set_note_text (document, edited, "Sign Up Guest");
    while (window->compare_source != 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (sl_canvas_get_marks (window->canvas, NULL), edited)),
                      ==, SL_RENDER_MARK_CHANGED);
    g_assert_cmpuint (sl_diff_get_n_items (window->diff), ==, n + 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (window->compare_list))), ==,
                      n + 1);
  }

  /* Escape on the board ends it. */
  gtk_widget_grab_focus (GTK_WIDGET (window->canvas));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-board", NULL);
  g_assert_null (window->compare_panel);
  g_assert_null (window->diff);
  g_assert_null (sl_canvas_get_marks (window->canvas, NULL));

  /* A file that is no model is said so. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("[]", 2);

    write_bytes (other_path, junk);
    _sl_window_compare_with (window, other);
    g_assert_null (window->diff);
  }

  fixture_stop (&fixture);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = NULL;
  int status;

  if (!test_app_init (&argc, &argv, &state))
    return 0;

  g_test_add_func ("/reload/offer", test_offer);
  g_test_add_func ("/reload/reload", test_reload);
  g_test_add_func ("/reload/merge", test_merge);
  g_test_add_func ("/reload/compare", test_compare);

  status = g_test_run ();
  test_remove_own_state (state);
  return status;
}
