/* test-canvas.c: the board widget: adding, typing, moving, deleting, zooming
 * (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sl-canvas.h"
#include "sl-field-tooltip.h"
#include "sl-note-keys.h"
#include "sl-overview.h"
#include "sl-renderer.h"
#include "test-app.h"

typedef struct
{
  GtkWindow *window;
  SlCanvas *canvas;
  SlDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = data ? test_load_example () : sl_document_new ();
  if (data == NULL)
    {
      sl_document_add_lane (fixture->document, SL_LANE_UNSORTED, "Timeline", -1);
      sl_history_clear (sl_document_get_history (fixture->document));
    }

  fixture->canvas = SL_CANVAS (sl_canvas_new (fixture->document));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->canvas));
  gtk_window_present (fixture->window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->canvas)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) == 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->document);
}

static GtkWidget *
get_editor (SlCanvas *canvas)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (canvas)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TEXT_VIEW (child))
      return child;

  g_assert_not_reached ();
}

static GtkTextBuffer *
get_editor_buffer (SlCanvas *canvas)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (get_editor (canvas)));
}

/* The text in the editor, to be freed. */
static char *
get_editor_text (SlCanvas *canvas)
{
  GtkTextBuffer *buffer = get_editor_buffer (canvas);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Types @text where the cursor is, over the selection, as keys do. */
static void
type_in_editor (SlCanvas   *canvas,
                const char *text)
{
  GtkTextBuffer *buffer = get_editor_buffer (canvas);

  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
}

/* Presses a key in the editor as its key controller sees it first;
 * returns whether the editor's own handling stops there. */
static gboolean
press_key_in_editor (SlCanvas        *canvas,
                     guint            keyval,
                     GdkModifierType  state)
{
  GtkWidget *editor = get_editor (canvas);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (editor);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }

  return handled;
}

/* Types @text into the card being edited, over what it held, and
 * presses Enter. */
static void
type_and_enter (SlCanvas   *canvas,
                const char *text)
{
  GtkWidget *editor = get_editor (canvas);

  g_assert_true (sl_canvas_is_editing (canvas));
  g_assert_true (gtk_widget_get_visible (editor));
  gtk_text_buffer_set_text (get_editor_buffer (canvas), "", -1);
  type_in_editor (canvas, text);
  g_assert_true (press_key_in_editor (canvas, GDK_KEY_Return, 0));
  g_assert_false (sl_canvas_is_editing (canvas));
}

static void
press_escape_in_editor (SlCanvas *canvas)
{
  g_assert_true (press_key_in_editor (canvas, GDK_KEY_Escape, 0));
}

/* A brainstorm of 30 events needs no mouse: each new event goes right of
 * the one before, each is one undo step. */
static void
test_brainstorm (Fixture       *fixture,
                 gconstpointer  data)
{
  SlHistory *history = sl_document_get_history (fixture->document);
  GListModel *notes = sl_document_get_notes (fixture->document);
  SlNote *previous = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Event %u Happened", i + 1);
      SlNote *note = sl_canvas_add_note (fixture->canvas, SL_NOTE_EVENT);

      type_and_enter (fixture->canvas, text);
      g_assert_cmpstr (sl_note_get_text (note), ==, text);
      g_assert_cmpint (sl_note_get_kind (note), ==, SL_NOTE_EVENT);
      if (previous != NULL)
        {
          g_assert_true (sl_note_get_lane (note) == sl_note_get_lane (previous));
          g_assert_cmpint (sl_note_get_x (note), >=, sl_note_get_x (previous) + 160);
        }
      previous = note;
    }

  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 30);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 30);

  /* Each note with its text is one step. */
  sl_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 29);
}

/* A command asked for next to a selected event goes into the interaction
 * lane, in the event's column. */
static void
test_kind_finds_its_lane (Fixture       *fixture,
                          gconstpointer  data)
{
  SlNote *event = sl_document_lookup_note (fixture->document, "evt-room-booked");
  g_autoptr(GList) selection = NULL;
  SlNote *command;

  sl_canvas_select (fixture->canvas, event, FALSE);
  command = sl_canvas_add_note (fixture->canvas, SL_NOTE_COMMAND);
  type_and_enter (fixture->canvas, "Cancel Booking");

  g_assert_cmpint (sl_lane_get_kind (sl_note_get_lane (command)), ==, SL_LANE_INTERACTION);
  g_assert_cmpint (sl_note_get_x (command), >=, sl_note_get_x (event));
  selection = sl_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (g_list_length (selection), ==, 1);
  g_assert_true (selection->data == command);
}

/* Escape while typing takes the new note back, and leaves nothing to undo. */
static void
test_escape_cancels (Fixture       *fixture,
                     gconstpointer  data)
{
  SlHistory *history = sl_document_get_history (fixture->document);

  sl_canvas_add_note (fixture->canvas, SL_NOTE_EVENT);
  type_in_editor (fixture->canvas, "Half typed");
  press_escape_in_editor (fixture->canvas);

  g_assert_false (sl_canvas_is_editing (fixture->canvas));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (fixture->document)), ==, 0);
  g_assert_false (sl_history_can_undo (history));
}

/* Editing the text of a note that is there is one step too. */
static void
test_edit_existing (Fixture       *fixture,
                    gconstpointer  data)
{
  SlNote *note = sl_document_lookup_note (fixture->document, "cmd-add-room");
  SlHistory *history = sl_document_get_history (fixture->document);
  g_autofree char *text = NULL;

  sl_canvas_edit_note (fixture->canvas, note);
  text = get_editor_text (fixture->canvas);
  g_assert_cmpstr (text, ==, "Add Room");
  type_and_enter (fixture->canvas, "Add Rooms");
  g_assert_cmpstr (sl_note_get_text (note), ==, "Add Rooms");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  sl_history_undo (history);
  g_assert_cmpstr (sl_note_get_text (note), ==, "Add Room");
}

/* Runs the main loop until the editor on the board is taller than
 * @height: the board lays it out on its next frame. */
static int
wait_for_editor_taller (SlCanvas *canvas,
                        int       height)
{
  GtkWidget *editor = get_editor (canvas);

  while (gtk_widget_get_height (editor) <= height)
    g_main_context_iteration (NULL, TRUE);

  return gtk_widget_get_height (editor);
}

/* Shift+Enter breaks the note's text into lines, which the editor shows
 * as lines, growing; Enter alone commits, and the note with its lines is
 * one undo step. */
static void
test_shift_enter_breaks_line (Fixture       *fixture,
                              gconstpointer  data)
{
  SlHistory *history = sl_document_get_history (fixture->document);
  GtkTextBuffer *buffer;
  SlNote *note;
  int one_line;

  note = sl_canvas_add_note (fixture->canvas, SL_NOTE_EVENT);
  buffer = get_editor_buffer (fixture->canvas);
  type_in_editor (fixture->canvas, "Book");
  one_line = wait_for_editor_taller (fixture->canvas, 0);
  g_assert_true (press_key_in_editor (fixture->canvas, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_true (sl_canvas_is_editing (fixture->canvas));
  type_in_editor (fixture->canvas, "Borrowed");

  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 2);
  g_assert_cmpint (wait_for_editor_taller (fixture->canvas, one_line), >=, 2 * one_line - 10);

  g_assert_true (press_key_in_editor (fixture->canvas, GDK_KEY_KP_Enter, 0));
  g_assert_false (sl_canvas_is_editing (fixture->canvas));
  g_assert_false (gtk_widget_get_visible (get_editor (fixture->canvas)));

  g_assert_cmpstr (sl_note_get_text (note), ==, "Book\nBorrowed");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  sl_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (fixture->document)), ==, 0);
}

/* A note of two lines opens in the editor with both; Escape leaves its
 * text as it was, with nothing to undo. */
static void
test_edit_two_lines (Fixture       *fixture,
                     gconstpointer  data)
{
  SlNote *note = sl_document_lookup_note (fixture->document, "cmd-add-room");
  SlHistory *history = sl_document_get_history (fixture->document);
  g_autofree char *text = NULL;
  guint n_undo;

  sl_document_set_note_text (fixture->document, note, "Add\nRoom");
  n_undo = sl_history_get_n_undo (history);

  sl_canvas_edit_note (fixture->canvas, note);
  text = get_editor_text (fixture->canvas);
  g_assert_cmpstr (text, ==, "Add\nRoom");
  g_assert_cmpint (gtk_text_buffer_get_line_count (get_editor_buffer (fixture->canvas)), ==, 2);

  g_assert_true (press_key_in_editor (fixture->canvas, GDK_KEY_Return, GDK_SHIFT_MASK));
  type_in_editor (fixture->canvas, "Half typed");
  press_escape_in_editor (fixture->canvas);

  g_assert_false (sl_canvas_is_editing (fixture->canvas));
  g_assert_cmpstr (sl_note_get_text (note), ==, "Add\nRoom");
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo);
}

static void
test_delete_selection (Fixture       *fixture,
                       gconstpointer  data)
{
  SlHistory *history = sl_document_get_history (fixture->document);
  GListModel *notes = sl_document_get_notes (fixture->document);
  guint n_notes = g_list_model_get_n_items (notes);
  guint n_connections = g_list_model_get_n_items (sl_document_get_connections (fixture->document));

  sl_canvas_select (fixture->canvas, sl_document_lookup_note (fixture->document, "cmd-book-room"), FALSE);
  sl_canvas_select (fixture->canvas, sl_document_lookup_note (fixture->document, "evt-room-booked"), TRUE);
  sl_canvas_delete_selection (fixture->canvas);

  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes - 2);
  g_assert_null (sl_canvas_get_selection (fixture->canvas));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  sl_history_undo (history);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_connections (fixture->document)), ==,
                    n_connections);
}

/* Zooming keeps the board point under the pointer where it is. */
static void
test_zoom_around_pointer (Fixture       *fixture,
                          gconstpointer  data)
{
  double bx, by, bx2, by2, wx, wy;

  sl_canvas_widget_to_board (fixture->canvas, 300, 200, &bx, &by);
  sl_canvas_set_zoom (fixture->canvas, 2.5, 300, 200);
  g_assert_cmpfloat (sl_canvas_get_zoom (fixture->canvas), ==, 2.5);
  sl_canvas_widget_to_board (fixture->canvas, 300, 200, &bx2, &by2);
  g_assert_cmpfloat_with_epsilon (bx, bx2, 1e-9);
  g_assert_cmpfloat_with_epsilon (by, by2, 1e-9);

  sl_canvas_board_to_widget (fixture->canvas, bx2, by2, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy, 200, 1e-9);

  /* Zoom stays within its range. */
  sl_canvas_set_zoom (fixture->canvas, 1000, 0, 0);
  g_assert_cmpfloat (sl_canvas_get_zoom (fixture->canvas), ==, 4.0);
  sl_canvas_set_zoom (fixture->canvas, 0, 0, 0);
  g_assert_cmpfloat (sl_canvas_get_zoom (fixture->canvas), ==, 0.02);

  /* Zoom to fit shows the whole board. */
  sl_canvas_zoom_to_fit (fixture->canvas);
  {
    SlRect bounds;
    double left, top, right, bottom;

    sl_layout_get_bounds (sl_canvas_get_layout (fixture->canvas), &bounds);
    sl_canvas_board_to_widget (fixture->canvas, bounds.x, bounds.y, &left, &top);
    sl_canvas_board_to_widget (fixture->canvas, bounds.x + bounds.width, bounds.y + bounds.height,
                               &right, &bottom);
    g_assert_cmpfloat (left, >=, -0.5);
    g_assert_cmpfloat (top, >=, -0.5);
    g_assert_cmpfloat (right, <=, gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) + 0.5);
    g_assert_cmpfloat (bottom, <=, gtk_widget_get_height (GTK_WIDGET (fixture->canvas)) + 0.5);
  }
}

/* Ctrl+D duplicates the selection next to it; Ctrl+C in one window and
 * Ctrl+V in another carries notes across. */
static void
test_duplicate_and_clipboard (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *notes = sl_document_get_notes (fixture->document);
  guint n_notes = g_list_model_get_n_items (notes);
  g_autoptr(SlDocument) other = sl_document_new ();
  g_autoptr(GList) selection = NULL;
  GtkWidget *other_canvas;
  GtkWindow *other_window;

  sl_canvas_select (fixture->canvas, sl_document_lookup_note (fixture->document, "evt-room-booked"), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.duplicate", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes + 1);
  selection = sl_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (g_list_length (selection), ==, 1);
  g_assert_cmpstr (sl_note_get_text (selection->data), ==, "Room Booked");
  g_assert_false (selection->data == sl_document_lookup_note (fixture->document, "evt-room-booked"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.copy", NULL);

  sl_document_add_lane (other, SL_LANE_EVENTS, "Booking", -1);
  other_canvas = sl_canvas_new (other);
  other_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (other_window, other_canvas);
  gtk_window_present (other_window);

  gtk_widget_activate_action (other_canvas, "canvas.paste", NULL);
  while (g_list_model_get_n_items (sl_document_get_notes (other)) == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (other)), ==, 1);
  g_assert_cmpstr (sl_note_get_text (sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (other)), 0)),
                   ==, "Room Booked");
  gtk_window_destroy (other_window);
}

/* The lane menu's actions: kind, order, add, remove, each one undo step. */
static void
test_lane_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  GListModel *lanes = sl_document_get_lanes (document);
  SlLane *guest = sl_document_lookup_lane (document, "lane-guest");
  guint n_lanes = g_list_model_get_n_items (lanes);
  guint n_notes = g_list_model_get_n_items (sl_document_get_notes (document));

  gtk_widget_activate_action (canvas, "canvas.set-lane-kind", "(ss)", "lane-guest", "automation");
  g_assert_cmpint (sl_lane_get_kind (guest), ==, SL_LANE_AUTOMATION);

  gtk_widget_activate_action (canvas, "canvas.move-lane-down", "s", "lane-guest");
  g_assert_cmpint (sl_document_get_lane_position (document, guest), ==, 1);
  gtk_widget_activate_action (canvas, "canvas.move-lane-up", "s", "lane-guest");
  gtk_widget_activate_action (canvas, "canvas.move-lane-up", "s", "lane-guest");
  g_assert_cmpint (sl_document_get_lane_position (document, guest), ==, 0);

  gtk_widget_activate_action (canvas, "canvas.add-lane", "s", "lane-guest");
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, n_lanes + 1);
  g_assert_cmpint (sl_lane_get_kind (sl_element_list_peek (SL_ELEMENT_LIST (lanes), 1)), ==, SL_LANE_AUTOMATION);

  gtk_widget_activate_action (canvas, "canvas.remove-lane", "s", "lane-guest");
  g_assert_null (sl_document_lookup_lane (document, "lane-guest"));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (document)), <, n_notes);

  /* Kind, down, up (at the top, the second up does nothing), add, remove. */
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 5);
  sl_history_undo (history);
  g_assert_true (sl_document_lookup_lane (document, "lane-guest") == guest);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (document)), ==, n_notes);
}

/* The step-4 problems of the notes in @lane. */
static guint
count_aggregate_problems (SlDocument *document,
                          SlLane     *lane)
{
  g_autoptr(GPtrArray) problems = sl_check_run (document);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      SlNote *note = sl_problem_get_note (problems->pdata[i]);

      if (sl_problem_get_step (problems->pdata[i]) == 4 && note != NULL && sl_note_get_lane (note) == lane)
        n++;
    }

  return n;
}

/* The lane menu of a lane of events gives it its aggregate. */
static void
test_lane_aggregate (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  SlLane *room = sl_document_lookup_lane (document, "lane-room");
  SlAggregate *aggregate = sl_lane_get_aggregate (room);
  guint n_undo;

  g_assert_nonnull (aggregate);
  gtk_widget_activate_action (canvas, "canvas.set-lane-aggregate", "(ss)", "lane-room", "");
  g_assert_null (sl_lane_get_aggregate (room));
  g_assert_cmpuint (count_aggregate_problems (document, room), >, 0);

  n_undo = sl_history_get_n_undo (history);
  gtk_widget_activate_action (canvas, "canvas.set-lane-aggregate", "(ss)", "lane-room",
                              sl_element_get_id (SL_ELEMENT (aggregate)));
  g_assert_true (sl_lane_get_aggregate (room) == aggregate);
  g_assert_cmpuint (count_aggregate_problems (document, room), ==, 0);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);

  sl_history_undo (history);
  g_assert_null (sl_lane_get_aggregate (room));
  g_assert_cmpuint (count_aggregate_problems (document, room), >, 0);
}

/* The slice with @name other than @other, or NULL. */
static SlSlice *
find_slice (SlDocument *document,
            const char *name,
            SlSlice    *other)
{
  GListModel *slices = sl_document_get_slices (document);

  for (guint i = 0; i < g_list_model_get_n_items (slices); i++)
    {
      SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (slices), i);

      if (slice != other && g_strcmp0 (sl_slice_get_name (slice), name) == 0)
        return slice;
    }

  return NULL;
}

/* A slice made from the selected notes, renamed, given a status and
 * removed, each one undo step; the strip across the top finds it. */
static void
test_slices (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  GListModel *slices = sl_document_get_slices (document);
  SlNote *command = sl_document_lookup_note (document, "cmd-register-guest");
  SlNote *view = sl_document_lookup_note (document, "view-guest-account");
  guint n_slices = g_list_model_get_n_items (slices);
  guint n_undo = sl_history_get_n_undo (history);
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  SlSlice *existing = find_slice (document, "Register Guest", NULL);
  SlSlice *slice;
  g_autofree char *id = NULL;

  /* Nothing selected: nothing made. */
  gtk_widget_activate_action (canvas, "canvas.new-slice", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (slices), ==, n_slices);

  sl_canvas_select (fixture->canvas, view, FALSE);
  sl_canvas_select (fixture->canvas, command, TRUE);
  gtk_widget_activate_action (canvas, "canvas.new-slice", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (slices), ==, n_slices + 1);
  slice = find_slice (document, "Register Guest", existing);
  g_assert_nonnull (slice);
  g_assert_cmpint (sl_slice_get_status (slice), ==, SL_SLICE_PLANNED);
  for (SlNote *note = command; note != NULL; note = note == command ? view : NULL)
    {
      SlRect rect;

      sl_layout_get_note_rect (layout, note, &rect);
      g_assert_cmpfloat (sl_slice_get_x (slice), <=, rect.x);
      g_assert_cmpfloat (sl_slice_get_x (slice) + sl_slice_get_width (slice), >=, rect.x + rect.width);
    }
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  id = g_strdup (sl_element_get_id (SL_ELEMENT (slice)));

  /* The strip across the top of the board shows it. */
  g_assert_true (sl_layout_get_slice_at (layout, 100, SL_LAYOUT_SLICE_HEADER_HEIGHT / 2) ==
                 (gpointer) sl_document_lookup (document, "slice-add-room"));
  g_assert_nonnull (sl_layout_get_slice_at (layout, sl_slice_get_x (slice) + 1, SL_LAYOUT_SLICE_HEADER_HEIGHT / 2));
  g_assert_null (sl_layout_get_slice_at (layout, sl_slice_get_x (slice) + 1, SL_LAYOUT_SLICE_HEADER_HEIGHT + 1));

  gtk_widget_activate_action (canvas, "canvas.set-slice-status", "(ss)", id, "in-progress");
  g_assert_cmpint (sl_slice_get_status (slice), ==, SL_SLICE_IN_PROGRESS);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 2);

  gtk_widget_activate_action (canvas, "canvas.rename-slice", "s", id);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        GtkWidget *window = g_list_model_get_item (toplevels, i);

        if (g_str_equal (gtk_widget_get_name (window), "rename-slice"))
          dialog = ADW_MESSAGE_DIALOG (window);
        g_object_unref (window);
      }
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Guest Registers");
    adw_message_dialog_response (dialog, "rename");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 3);
  g_assert_cmpstr (sl_slice_get_name (slice), ==, "Guest Registers");

  gtk_widget_activate_action (canvas, "canvas.remove-slice", "s", id);
  g_assert_cmpuint (g_list_model_get_n_items (slices), ==, n_slices);

  sl_history_undo (history);
  slice = SL_SLICE (sl_document_lookup (document, id));
  g_assert_cmpint (sl_slice_get_status (slice), ==, SL_SLICE_IN_PROGRESS);
  sl_history_undo (history);
  sl_history_undo (history);
  g_assert_cmpint (sl_slice_get_status (slice), ==, SL_SLICE_PLANNED);
  sl_history_undo (history);
  g_assert_null (sl_document_lookup (document, id));
}

/* Right-clicks the canvas at (@x, @y), in widget coordinates, as the
 * secondary button's click gesture sees it. */
static void
right_click (SlCanvas *canvas,
             double    x,
             double    y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        {
          g_signal_emit_by_name (controller, "pressed", 1, x, y);
          return;
        }
    }

  g_assert_not_reached ();
}

static GtkWidget *
get_menu (SlCanvas *canvas)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (canvas)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return child;

  g_assert_not_reached ();
}

/* Whether @model, or one of its sections or submenus, has an item for
 * @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* A right click on a card opens the note's menu, with the note selected;
 * on empty lane space, the lane's. The menu's Kind is the note's, and
 * changing it is one step. */
static void
test_note_menu (Fixture       *fixture,
                gconstpointer  data)
{
  SlLayout *layout = sl_canvas_get_layout (fixture->canvas);
  SlHistory *history = sl_document_get_history (fixture->document);
  SlNote *command = sl_document_lookup_note (fixture->document, "cmd-register-guest");
  GtkWidget *menu;
  GMenuModel *model;
  g_autoptr(GList) selection = NULL;
  guint n_undo = sl_history_get_n_undo (history);
  SlRect rect;
  double wx, wy;

  sl_canvas_set_zoom (fixture->canvas, 1.0, 0, 0);
  sl_canvas_show_note (fixture->canvas, command);
  sl_canvas_unselect_all (fixture->canvas);
  sl_layout_get_note_rect (layout, command, &rect);
  sl_canvas_board_to_widget (fixture->canvas, rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);

  right_click (fixture->canvas, wx, wy);
  menu = get_menu (fixture->canvas);
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_true (menu_has_action (model, "canvas.edit-note"));
  g_assert_true (menu_has_action (model, "note.kind"));
  g_assert_true (menu_has_action (model, "canvas.duplicate"));
  g_assert_true (menu_has_action (model, "canvas.delete"));
  g_assert_true (menu_has_action (model, "canvas.properties"));
  g_assert_false (menu_has_action (model, "canvas.rename-lane"));
  selection = sl_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (g_list_length (selection), ==, 1);
  g_assert_true (selection->data == command);

  g_assert_true (gtk_widget_activate_action (menu, "note.kind", "s", "event"));
  g_assert_cmpint (sl_note_get_kind (command), ==, SL_NOTE_EVENT);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  sl_history_undo (history);
  g_assert_cmpint (sl_note_get_kind (command), ==, SL_NOTE_COMMAND);

  /* Connect To offers the events the command may lead to. */
  {
    GMenuModel *section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
    g_autoptr(GVariant) target = NULL;
    g_autoptr(GMenuModel) connect = NULL;
    const char *source_id, *target_id;

    for (int i = 0; i < g_menu_model_get_n_items (section) && connect == NULL; i++)
      {
        g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, i, G_MENU_LINK_SUBMENU);

        if (submenu != NULL && menu_has_action (submenu, "canvas.connect-to"))
          connect = g_steal_pointer (&submenu);
      }
    g_object_unref (section);
    g_assert_nonnull (connect);
    target = g_menu_model_get_item_attribute_value (connect, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE ("(ss)"));
    g_variant_get (target, "(&s&s)", &source_id, &target_id);
    g_assert_cmpstr (source_id, ==, "cmd-register-guest");
    g_assert_cmpint (sl_note_get_kind (sl_document_lookup_note (fixture->document, target_id)), ==, SL_NOTE_EVENT);
    g_assert_null (sl_document_find_connection (fixture->document, command,
                                                sl_document_lookup_note (fixture->document, target_id)));
    gtk_widget_activate_action_variant (menu, "canvas.connect-to", target);
    g_assert_nonnull (sl_document_find_connection (fixture->document, command,
                                                   sl_document_lookup_note (fixture->document, target_id)));
  }

  gtk_widget_activate_action (menu, "canvas.edit-note", "s", "cmd-register-guest");
  g_assert_true (sl_canvas_is_editing (fixture->canvas));
  press_escape_in_editor (fixture->canvas);

  /* Right of the last card, the lane's own space. */
  sl_canvas_board_to_widget (fixture->canvas, rect.x + rect.width + 30, rect.y + rect.height / 2, &wx, &wy);
  g_assert_null (sl_layout_get_note_at (layout, rect.x + rect.width + 30, rect.y + rect.height / 2));
  right_click (fixture->canvas, wx, wy);
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (get_menu (fixture->canvas)));
  g_assert_true (menu_has_action (model, "canvas.rename-lane"));
  g_assert_false (menu_has_action (model, "canvas.edit-note"));
}

/* Opens the menu of @note by a right click on its card. */
static GMenuModel *
open_note_menu (SlCanvas *canvas,
                SlNote   *note)
{
  SlRect rect;
  double wx, wy;

  sl_canvas_show_note (canvas, note);
  sl_layout_get_note_rect (sl_canvas_get_layout (canvas), note, &rect);
  sl_canvas_board_to_widget (canvas, rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  right_click (canvas, wx, wy);

  return gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (get_menu (canvas)));
}

/* The label of the item of @model, or of its sections and submenus, that
 * has @action with the string @target. */
static char *
find_menu_label (GMenuModel *model,
                 const char *action,
                 const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action) &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_TARGET, "s", &value) &&
          g_str_equal (value, target))
        {
          char *label = NULL;

          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          return label;
        }

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);
          char *label = find_menu_label (link, action, target);

          if (label != NULL)
            return label;
        }
    }

  return NULL;
}

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

/* A command's menu gives it an aggregate, or none, one undo step each;
 * the menus of views have no Aggregate. */
/* A menu that closes gives the keyboard back to the board, where the note
 * keys and the shortcuts work, not to a button of the hidden menu. */
static void
test_menu_returns_focus (Fixture       *fixture,
                         gconstpointer  data)
{
  SlNote *command = sl_document_lookup_note (fixture->document, "cmd-register-guest");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (fixture->canvas));
  GtkWidget *menu;
  SlRect rect;
  double wx, wy;

  sl_canvas_set_zoom (fixture->canvas, 1.0, 0, 0);
  sl_canvas_show_note (fixture->canvas, command);
  sl_layout_get_note_rect (sl_canvas_get_layout (fixture->canvas), command, &rect);
  sl_canvas_board_to_widget (fixture->canvas, rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);

  right_click (fixture->canvas, wx, wy);
  menu = get_menu (fixture->canvas);
  g_assert_true (gtk_widget_child_focus (menu, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), menu));

  gtk_popover_popdown (GTK_POPOVER (menu));
  g_assert_true (gtk_root_get_focus (root) == GTK_WIDGET (fixture->canvas));
}

static void
test_note_menu_aggregate (Fixture       *fixture,
                          gconstpointer  data)
{
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  SlNote *command = sl_document_lookup_note (document, "cmd-register-guest");
  SlElement *guest = sl_document_lookup (document, "agg-guest");
  SlElement *room = sl_document_lookup (document, "agg-room");
  GMenuModel *model;
  GtkWidget *menu;
  g_autofree char *none = NULL;
  g_autofree char *room_label = NULL;
  guint n_undo;

  /* Without one of its own, a command belongs to its events' aggregate,
   * and the menu says so. */
  g_assert_null (sl_note_get_aggregate (command));
  model = open_note_menu (fixture->canvas, command);
  menu = get_menu (fixture->canvas);
  g_assert_true (menu_has_action (model, "note.aggregate"));
  g_assert_true (menu_has_action (model, "canvas.new-note-aggregate"));
  none = find_menu_label (model, "note.aggregate", "");
  g_assert_cmpstr (none, ==, "From Its Events (Guest)");
  room_label = find_menu_label (model, "note.aggregate", "agg-room");
  g_assert_cmpstr (room_label, ==, "Room");

  n_undo = sl_history_get_n_undo (history);
  g_assert_true (gtk_widget_activate_action (menu, "note.aggregate", "s", "agg-room"));
  g_assert_true (sl_note_get_aggregate (command) == SL_AGGREGATE (room));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);

  g_assert_true (gtk_widget_activate_action (menu, "note.aggregate", "s", "agg-guest"));
  g_assert_true (sl_note_get_aggregate (command) == SL_AGGREGATE (guest));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 2);

  g_assert_true (gtk_widget_activate_action (menu, "note.aggregate", "s", ""));
  g_assert_null (sl_note_get_aggregate (command));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 3);

  sl_history_undo (history);
  g_assert_true (sl_note_get_aggregate (command) == SL_AGGREGATE (guest));
  sl_history_undo (history);
  g_assert_true (sl_note_get_aggregate (command) == SL_AGGREGATE (room));

  /* Its own aggregate is the one checked the next time. */
  model = open_note_menu (fixture->canvas, command);
  {
    g_autofree char *label = find_menu_label (model, "note.aggregate", "");

    g_assert_cmpstr (label, ==, "None");
  }

  model = open_note_menu (fixture->canvas, sl_document_lookup_note (document, "view-guest-account"));
  g_assert_false (menu_has_action (model, "note.aggregate"));
  g_assert_false (menu_has_action (model, "canvas.new-note-aggregate"));
}

static void
count_response_cb (GtkWidget  *dialog,
                   const char *response,
                   guint      *n_responses)
{
  (*n_responses)++;
}

/* An event belongs to its lane's aggregate unless it has one of its own:
 * its menu says so. New Aggregate… makes one in a dialog and gives it to
 * the event, one undo step for both; Enter in the name answers once. */
static void
test_note_menu_new_aggregate (Fixture       *fixture,
                              gconstpointer  data)
{
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  SlNote *event = sl_document_lookup_note (document, "evt-room-added");
  GListModel *aggregates = sl_document_get_aggregates (document);
  guint n_aggregates = g_list_model_get_n_items (aggregates);
  GMenuModel *model;
  GtkWidget *dialog;
  GtkWidget *entry;
  g_autofree char *none = NULL;
  guint n_undo;
  guint n_responses = 0;

  model = open_note_menu (fixture->canvas, event);
  none = find_menu_label (model, "note.aggregate", "");
  g_assert_cmpstr (none, ==, "From the Lane (Room)");

  /* Cancelled, it changes nothing. */
  n_undo = sl_history_get_n_undo (history);
  g_assert_true (gtk_widget_activate_action (get_menu (fixture->canvas), "canvas.new-note-aggregate", NULL));
  dialog = find_toplevel ("new-aggregate");
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  while (find_toplevel ("new-aggregate") != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (sl_note_get_aggregate (event));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo);

  g_assert_true (gtk_widget_activate_action (get_menu (fixture->canvas), "canvas.new-note-aggregate", NULL));
  dialog = find_toplevel ("new-aggregate");
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Inventory");
  g_signal_connect (dialog, "response", G_CALLBACK (count_response_cb), &n_responses);
  g_signal_emit_by_name (entry, "activate");
  while (find_toplevel ("new-aggregate") != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_responses, ==, 1);

  g_assert_nonnull (sl_note_get_aggregate (event));
  g_assert_cmpstr (sl_aggregate_get_name (sl_note_get_aggregate (event)), ==, "Inventory");
  g_assert_cmpuint (g_list_model_get_n_items (aggregates), ==, n_aggregates + 1);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);

  /* With its own, the lane's is still the one None gives. */
  model = open_note_menu (fixture->canvas, event);
  {
    g_autofree char *label = find_menu_label (model, "note.aggregate", "");

    g_assert_cmpstr (label, ==, "From the Lane (Room)");
  }

  sl_history_undo (history);
  g_assert_null (sl_note_get_aggregate (event));
  g_assert_cmpuint (g_list_model_get_n_items (aggregates), ==, n_aggregates);
}

static void
undoable_cb (SlCanvas   *canvas,
             const char *text,
             char      **out)
{
  g_free (*out);
  *out = g_strdup (text);
}

/* Removing a lane says so with an offer to undo it, whether it holds
 * notes or not; one undo brings the lane back with its notes. */
static void
test_remove_lane_offers_undo (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  SlLane *guest = sl_document_lookup_lane (document, "lane-guest");
  guint n_notes = g_list_model_get_n_items (sl_document_get_notes (document));
  g_autofree char *text = NULL;
  g_autofree char *empty_id = NULL;
  SlLane *empty;

  g_signal_connect (canvas, "undoable", G_CALLBACK (undoable_cb), &text);

  empty = sl_document_add_lane (document, SL_LANE_EVENTS, "Spare", -1);
  empty_id = g_strdup (sl_element_get_id (SL_ELEMENT (empty)));
  gtk_widget_activate_action (canvas, "canvas.remove-lane", "s", empty_id);
  g_assert_cmpstr (text, ==, "Removed lane “Spare”");
  g_assert_null (sl_document_lookup_lane (document, empty_id));
  sl_history_undo (history);
  g_assert_true (sl_document_lookup_lane (document, empty_id) == empty);
  g_clear_pointer (&text, g_free);

  gtk_widget_activate_action (canvas, "canvas.remove-lane", "s", "lane-guest");
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, sl_lane_get_name (guest)));
  g_assert_null (sl_document_lookup_lane (document, "lane-guest"));

  sl_history_undo (history);
  g_assert_true (sl_document_lookup_lane (document, "lane-guest") == guest);
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_notes (document)), ==, n_notes);
}

/* Pressing on the map of the board centres the board's view there. */
static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *overview = sl_overview_new (fixture->canvas);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GListModel) controllers = NULL;
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  SlRect bounds;
  double scale, cx, cy;

  gtk_window_set_child (window, overview);
  gtk_window_present (window);
  while (gtk_widget_get_width (overview) == 0)
    g_main_context_iteration (NULL, TRUE);

  sl_layout_get_bounds (sl_canvas_get_layout (fixture->canvas), &bounds);
  scale = MIN (gtk_widget_get_width (overview) / bounds.width, gtk_widget_get_height (overview) / bounds.height);

  controllers = gtk_widget_observe_controllers (overview);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        g_signal_emit_by_name (controller, "drag-begin", 100.0, 50.0);
    }

  /* The middle of the canvas now shows the board point under (100, 50) of the map. */
  sl_canvas_widget_to_board (fixture->canvas, gtk_widget_get_width (canvas) / 2.0,
                             gtk_widget_get_height (canvas) / 2.0, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (cx, bounds.x + 100 / scale, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy, bounds.y + 50 / scale, 1e-6);

  gtk_window_destroy (window);
}

static void
emit_drag (SlCanvas *canvas,
           double    x,
           double    y,
           double    dx,
           double    dy)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_GESTURE_DRAG (controller))
        continue;

      g_signal_emit_by_name (controller, "drag-begin", x, y);
      for (int step = 1; step <= 8; step++)
        g_signal_emit_by_name (controller, "drag-update", dx * step / 8, dy * step / 8);
      g_signal_emit_by_name (controller, "drag-end", dx, dy);
    }
}

/* The first connection from a note of @source_kind to one of @target_kind. */
static SlConnection *
find_connection_of_kinds (SlDocument *document,
                          SlNoteKind  source_kind,
                          SlNoteKind  target_kind)
{
  GListModel *connections = sl_document_get_connections (document);

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(SlConnection) connection = g_list_model_get_item (connections, i);

      if (sl_note_get_kind (sl_connection_get_source (connection)) == source_kind &&
          sl_note_get_kind (sl_connection_get_target (connection)) == target_kind)
        return connection;
    }

  g_assert_not_reached ();
}

/* A point, in widget coordinates, off the cards and on the line of
 * @connection as the renderer draws it. */
static void
point_on_connection (SlCanvas     *canvas,
                     SlConnection *connection,
                     double       *x,
                     double       *y)
{
  SlLayout *layout = sl_canvas_get_layout (canvas);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  SlRect a, b;
  double x1, y1, x2, y2;

  sl_layout_get_note_rect (layout, sl_connection_get_source (connection), &a);
  sl_layout_get_note_rect (layout, sl_connection_get_target (connection), &b);
  x1 = MIN (a.x, b.x), x2 = MAX (a.x + a.width, b.x + b.width);
  y1 = MIN (a.y, b.y), y2 = MAX (a.y + a.height, b.y + b.height);

  for (double by = y1; by <= y2; by += 1)
    for (double bx = x1; bx <= x2; bx += 1)
      if (sl_layout_get_note_at (layout, bx, by) == NULL &&
          sl_renderer_get_connection_at (renderer, bx, by, 1) == connection)
        {
          sl_canvas_board_to_widget (canvas, bx, by, x, y);
          return;
        }

  g_assert_not_reached ();
}

/* A click on a connector selects its connection, drawn highlighted; a
 * click on empty space drops it; Delete removes it, one undo step. Its
 * right-click menu offers Remove, and Reverse where the rules allow the
 * other direction, as one undo step. */
static void
test_connection_selection (Fixture       *fixture,
                           gconstpointer  data)
{
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  SlConnection *connection = find_connection_of_kinds (document, SL_NOTE_COMMAND, SL_NOTE_EVENT);
  SlNote *command = sl_connection_get_source (connection);
  SlNote *event = sl_connection_get_target (connection);
  guint n_connections = g_list_model_get_n_items (sl_document_get_connections (document));
  GtkWidget *menu;
  GMenuModel *model;
  double x, y;

  sl_canvas_set_zoom (fixture->canvas, 1.0, 0, 0);
  sl_canvas_show_note (fixture->canvas, command);
  sl_canvas_unselect_all (fixture->canvas);
  point_on_connection (fixture->canvas, connection, &x, &y);

  emit_drag (fixture->canvas, x, y, 0, 0);
  g_assert_true (sl_canvas_get_selected_connection (fixture->canvas) == connection);

  /* Empty space, far from every line. */
  emit_drag (fixture->canvas, 2, gtk_widget_get_height (GTK_WIDGET (fixture->canvas)) - 2, 0, 0);
  g_assert_null (sl_canvas_get_selected_connection (fixture->canvas));

  emit_drag (fixture->canvas, x, y, 0, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);
  g_assert_null (sl_document_find_connection (document, command, event));
  g_assert_null (sl_canvas_get_selected_connection (fixture->canvas));
  g_assert_cmpuint (g_list_model_get_n_items (sl_document_get_connections (document)), ==, n_connections - 1);
  sl_history_undo (history);
  connection = sl_document_find_connection (document, command, event);
  g_assert_nonnull (connection);

  /* A command's arrow to its event cannot turn around. */
  right_click (fixture->canvas, x, y);
  menu = get_menu (fixture->canvas);
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_true (sl_canvas_get_selected_connection (fixture->canvas) == connection);
  g_assert_true (menu_has_action (model, "canvas.reverse-connection"));
  g_assert_true (menu_has_action (model, "canvas.remove-connection"));
  g_assert_false (menu_has_action (model, "canvas.rename-lane"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.reverse-connection", NULL);
  g_assert_null (sl_document_find_connection (document, event, command));
  g_assert_nonnull (sl_document_find_connection (document, command, event));

  /* An external system and an event may point either way. */
  sl_document_set_note_kind (document, command, SL_NOTE_EXTERNAL);
  point_on_connection (fixture->canvas, connection, &x, &y);
  right_click (fixture->canvas, x, y);
  g_assert_true (sl_canvas_get_selected_connection (fixture->canvas) == connection);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.reverse-connection", NULL));
  g_assert_null (sl_document_find_connection (document, command, event));
  g_assert_nonnull (sl_document_find_connection (document, event, command));
  g_assert_true (sl_canvas_get_selected_connection (fixture->canvas) ==
                 sl_document_find_connection (document, event, command));
  sl_history_undo (history);
  g_assert_nonnull (sl_document_find_connection (document, command, event));
  g_assert_null (sl_document_find_connection (document, event, command));

  connection = sl_document_find_connection (document, command, event);
  point_on_connection (fixture->canvas, connection, &x, &y);
  right_click (fixture->canvas, x, y);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.remove-connection", NULL);
  g_assert_null (sl_document_find_connection (document, command, event));
}

/* Dragging a note snaps it to the lane under it and to the grid of the
 * timeline, onto a free place; the drag is one undo step. */
static void
test_drag_moves (Fixture       *fixture,
                 gconstpointer  data)
{
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  SlLayout *layout = sl_canvas_get_layout (fixture->canvas);
  SlNote *event = sl_document_lookup_note (document, "evt-room-added");
  SlLane *room = sl_note_get_lane (event);
  SlLane *guest_events = sl_document_lookup_lane (document, "lane-guest-events");
  SlNote *below = sl_document_lookup_note (document, "evt-guest-registered");
  SlRect rect, target;
  double wx, wy;

  g_assert_nonnull (guest_events);
  sl_layout_get_note_rect (layout, event, &rect);
  sl_layout_get_note_rect (layout, below, &target);
  sl_canvas_board_to_widget (fixture->canvas, rect.x + 20, rect.y + 20, &wx, &wy);

  /* Onto the Guest Registered event of the lane below, 3 units off the grid. */
  emit_drag (fixture->canvas, wx, wy, target.x - rect.x + 3, target.y - rect.y);

  g_assert_true (sl_note_get_lane (event) == guest_events);
  g_assert_cmpint (sl_note_get_x (event) % 10, ==, 0);
  g_assert_cmpint (sl_note_get_x (event), ==, sl_note_get_x (below));
  /* It landed on a card: it settles below it, at the same moment. */
  g_assert_cmpint (sl_note_get_y (event), >=, sl_note_get_y (below) + 100);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  sl_history_undo (history);
  g_assert_true (sl_note_get_lane (event) == room);
  sl_layout_get_note_rect (layout, event, &target);
  g_assert_cmpfloat (target.x, ==, rect.x);
  g_assert_cmpfloat (target.y, ==, rect.y);
}

/* Dragging a slice's right edge in the strip resizes it, in one undo step. */
static void
test_slice_resize (Fixture       *fixture,
                   gconstpointer  data)
{
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  SlSlice *slice = SL_SLICE (sl_document_lookup (document, "slice-add-room"));
  double wx, wy;

  g_assert_cmpint (sl_slice_get_width (slice), ==, 240);
  sl_canvas_board_to_widget (fixture->canvas, 240, SL_LAYOUT_SLICE_HEADER_HEIGHT / 2, &wx, &wy);
  emit_drag (fixture->canvas, wx, wy, 100, 0);

  g_assert_cmpint (sl_slice_get_x (slice), ==, 0);
  g_assert_cmpint (sl_slice_get_width (slice), >, 240);
  g_assert_cmpint (sl_slice_get_width (slice) % SL_LAYOUT_GRID, ==, 0);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  sl_history_undo (history);
  g_assert_cmpint (sl_slice_get_width (slice), ==, 240);
}

/* Hovering a field's line says where its value comes from and goes;
 * the rest of the card, and a card too small to show fields, say nothing. */
static void
test_field_tooltip (Fixture       *fixture,
                    gconstpointer  data)
{
  SlLayout *layout = sl_canvas_get_layout (fixture->canvas);
  SlNote *command = sl_document_lookup_note (fixture->document, "cmd-register-guest");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *far = NULL;
  SlRect rect;
  double wx, wy;

  sl_canvas_set_zoom (fixture->canvas, 1.0, 0, 0);
  sl_canvas_show_note (fixture->canvas, command);
  sl_layout_get_note_rect (layout, command, &rect);

  sl_canvas_board_to_widget (fixture->canvas, rect.x + 20, rect.y + 24, &wx, &wy);
  title = sl_canvas_describe_field_at (fixture->canvas, wx, wy);
  g_assert_null (title);

  /* Down the card: the lines of "name" and then "email". */
  for (double y = rect.y; y < rect.y + rect.height; y += 2)
    {
      char *text;

      sl_canvas_board_to_widget (fixture->canvas, rect.x + 20, y, &wx, &wy);
      text = sl_canvas_describe_field_at (fixture->canvas, wx, wy);
      if (text != NULL && (seen->len == 0 || !g_str_equal (text, g_ptr_array_index (seen, seen->len - 1))))
        g_ptr_array_add (seen, text);
      else
        g_free (text);
    }
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (seen, 0), "“name” comes from:\n  • Registration (Screen)"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (seen, 1), "“email” comes from:"));
  g_assert_nonnull (strstr (g_ptr_array_index (seen, 1), "Guest Registered (Event)"));

  sl_canvas_set_zoom (fixture->canvas, 0.5, 0, 0);
  sl_canvas_show_note (fixture->canvas, command);
  sl_canvas_board_to_widget (fixture->canvas, rect.x + 20, rect.y + rect.height - 20, &wx, &wy);
  far = sl_canvas_describe_field_at (fixture->canvas, wx, wy);
  g_assert_null (far);
}

/* A field's tooltip names where its value comes from and where it goes. */
static void
test_field_tooltip_text (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *command = sl_document_lookup_note (hotel, "cmd-register-guest");
  SlNote *screen = sl_document_lookup_note (hotel, "scr-register-guest");
  SlNote *event = sl_document_lookup_note (hotel, "evt-guest-registered");
  SlNote *booking = sl_document_lookup_note (hotel, "scr-book-room");
  g_autofree char *name = sl_field_tooltip_describe (hotel, command, sl_note_find_field (command, "name", NULL));
  g_autofree char *entered = sl_field_tooltip_describe (hotel, screen, sl_note_find_field (screen, "email", NULL));
  g_autofree char *generated = sl_field_tooltip_describe (hotel, event, sl_note_find_field (event, "guestId", NULL));
  g_autofree char *shown = sl_field_tooltip_describe (hotel, booking, sl_note_find_field (booking, "guestId", NULL));
  g_autofree char *orphan = NULL;

  g_assert_cmpstr (name, ==,
                   "“name” comes from:\n  • Registration (Screen)\n"
                   "It goes to:\n  • Guest Registered (Event)");
  g_assert_cmpstr (entered, ==,
                   "“email” comes from:\n  • entered by the user\n"
                   "It goes to:\n  • Register Guest (Command)");
  g_assert_nonnull (strstr (generated, "generated"));
  g_assert_nonnull (strstr (generated, "Guest Account (View)"));
  g_assert_nonnull (strstr (shown, "It goes to:\n  • the user, who sees it on this screen"));

  /* Cut the screen off: the command's field comes from nowhere. */
  for (guint i = 0; i < sl_document_get_n_note_connections (hotel, command); i++)
    {
      SlConnection *connection = sl_document_get_note_connection (hotel, command, i);

      if (sl_connection_get_source (connection) == screen)
        {
          sl_document_remove_connection (hotel, connection);
          break;
        }
    }
  orphan = sl_field_tooltip_describe (hotel, command, sl_note_find_field (command, "name", NULL));
  g_assert_cmpstr (orphan, ==,
                   "“name” comes from:\n  • nowhere: no note before this one has it\n"
                   "It goes to:\n  • Guest Registered (Event)");
}

/* A drag on empty space selects what the band covers. */
static void
test_rubber_band (Fixture       *fixture,
                  gconstpointer  data)
{
  SlLayout *layout = sl_canvas_get_layout (fixture->canvas);
  g_autoptr(GList) selection = NULL;
  SlRect a, b;
  double x1, y1, x2, y2;

  sl_layout_get_note_rect (layout, sl_document_lookup_note (fixture->document, "cmd-add-room"), &a);
  sl_layout_get_note_rect (layout, sl_document_lookup_note (fixture->document, "evt-room-added"), &b);
  sl_canvas_board_to_widget (fixture->canvas, a.x - 10, a.y - 10, &x1, &y1);
  sl_canvas_board_to_widget (fixture->canvas, b.x + 20, b.y + 20, &x2, &y2);

  emit_drag (fixture->canvas, x1, y1, x2 - x1, y2 - y1);
  selection = sl_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (g_list_length (selection), ==, 2);
}

/* Each note kind's key adds a note of that kind, upper case too. */
static void
test_kind_keys (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->canvas));
  GListModel *notes = sl_document_get_notes (fixture->document);
  GtkEventController *keys = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        keys = controller;
    }
  g_assert_nonnull (keys);

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      guint keyval = sl_note_kind_get_keyval (kind);
      guint n_notes = g_list_model_get_n_items (notes);
      SlNoteKind found;
      gboolean handled = FALSE;

      g_assert_true (sl_note_kind_from_keyval (keyval, &found));
      g_assert_cmpint (found, ==, kind);
      g_assert_true (sl_note_kind_from_keyval (gdk_keyval_to_upper (keyval), &found));
      g_assert_cmpint (found, ==, kind);

      g_signal_emit_by_name (keys, "key-pressed", kind % 2 ? gdk_keyval_to_upper (keyval) : keyval, 0, 0, &handled);
      g_assert_true (handled);
      g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes + 1);
      type_and_enter (fixture->canvas, sl_note_kind_get_label (kind));
      g_assert_cmpint (sl_note_get_kind (sl_element_list_peek (SL_ELEMENT_LIST (notes), n_notes)), ==, kind);
    }
}

/* Presses @keyval on the board, as the keyboard does. */
static void
press_key (SlCanvas *canvas,
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

/* No other card of @note's lane is under it. */
static void
assert_covers_nothing (SlCanvas *canvas,
                       SlNote   *note)
{
  GListModel *notes = sl_document_get_notes (sl_canvas_get_document (canvas));
  SlLayout *layout = sl_canvas_get_layout (canvas);
  SlRect rect, other_rect;

  sl_layout_get_note_rect (layout, note, &rect);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *other = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      if (other == note || sl_note_get_lane (other) != sl_note_get_lane (note))
        continue;
      sl_layout_get_note_rect (layout, other, &other_rect);
      g_assert_false (sl_rect_intersects (&rect, &other_rect));
    }
}

/* On a new board's one lane: with an event in the middle of the row
 * selected, C puts the command in the event's column (below it: the lane
 * holds every kind), not at the row's end; the next E continues the row
 * of events, right of the last. */
static void
test_keys_in_column (Fixture       *fixture,
                     gconstpointer  data)
{
  SlNote *events[4], *command, *next;

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      press_key (fixture->canvas, GDK_KEY_e);
      type_and_enter (fixture->canvas, "Something Happened");
      events[i] = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (fixture->document)), i);
    }

  sl_canvas_select (fixture->canvas, events[1], FALSE);
  press_key (fixture->canvas, GDK_KEY_c);
  type_and_enter (fixture->canvas, "Do Something");
  command = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (fixture->document)), 4);
  g_assert_cmpint (sl_note_get_kind (command), ==, SL_NOTE_COMMAND);
  g_assert_cmpint (sl_note_get_x (command), ==, sl_note_get_x (events[1]));
  assert_covers_nothing (fixture->canvas, command);

  press_key (fixture->canvas, GDK_KEY_e);
  type_and_enter (fixture->canvas, "Next Happened");
  next = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (fixture->document)), 5);
  g_assert_cmpint (sl_note_get_x (next), >, sl_note_get_x (events[3]));
  g_assert_cmpint (sl_note_get_y (next), ==, sl_note_get_y (events[3]));
  assert_covers_nothing (fixture->canvas, next);
}

/* In the example, whose commands lane is full: C with an event selected
 * goes above it, in its column. */
static void
test_command_above_event (Fixture       *fixture,
                          gconstpointer  data)
{
  SlNote *event = sl_document_lookup_note (fixture->document, "evt-room-booked");
  GListModel *notes = sl_document_get_notes (fixture->document);
  SlNote *command;

  sl_canvas_select (fixture->canvas, event, FALSE);
  press_key (fixture->canvas, GDK_KEY_c);
  type_and_enter (fixture->canvas, "Cancel Booking");
  command = sl_element_list_peek (SL_ELEMENT_LIST (notes), g_list_model_get_n_items (notes) - 1);
  g_assert_cmpstr (sl_note_get_text (command), ==, "Cancel Booking");
  g_assert_cmpint (sl_lane_get_kind (sl_note_get_lane (command)), ==, SL_LANE_INTERACTION);
  g_assert_cmpint (sl_note_get_x (command), ==, sl_note_get_x (event));
  assert_covers_nothing (fixture->canvas, command);
}

/* A note dropped from the palette on a card, a duplicate and a paste cover
 * no card. */
static void
test_placing_covers_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  SlNote *event = sl_document_lookup_note (fixture->document, "evt-room-booked");
  SlHistory *history = sl_document_get_history (fixture->document);
  g_autoptr(GList) selection = NULL;
  guint n_undo;
  SlRect rect;
  SlNote *note;

  sl_layout_get_note_rect (sl_canvas_get_layout (fixture->canvas), event, &rect);
  note = sl_canvas_add_note_at (fixture->canvas, SL_NOTE_EVENT, rect.x + rect.width / 2, rect.y + rect.height / 2);
  type_and_enter (fixture->canvas, "Dropped");
  g_assert_cmpint (sl_note_get_x (note), ==, sl_note_get_x (event));
  assert_covers_nothing (fixture->canvas, note);

  for (guint i = 0; i < 2; i++)
    {
      n_undo = sl_history_get_n_undo (history);
      sl_canvas_select (fixture->canvas, event, FALSE);
      gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.duplicate", NULL);
      g_clear_pointer (&selection, g_list_free);
      selection = sl_canvas_get_selection (fixture->canvas);
      g_assert_false (selection->data == event);
      assert_covers_nothing (fixture->canvas, selection->data);
      g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
    }
}

/* Make Room pushes every note and slice from the selected note's column
 * (its slice) on one column right, the slice with them; one undo step takes
 * it all back. From the lane menu, at the point it was opened. */
static void
test_make_room (Fixture       *fixture,
                gconstpointer  data)
{
  SlHistory *history = sl_document_get_history (fixture->document);
  GListModel *notes = sl_document_get_notes (fixture->document);
  GListModel *slices = sl_document_get_slices (fixture->document);
  SlNote *event = sl_document_lookup_note (fixture->document, "evt-room-booked");
  guint n_notes = g_list_model_get_n_items (notes);
  guint n_slices = g_list_model_get_n_items (slices);
  g_autofree int *note_x = g_new (int, n_notes);
  g_autofree int *slice_x = g_new (int, n_slices);
  g_autofree int *slice_width = g_new (int, n_slices);
  guint n_undo = sl_history_get_n_undo (history);
  SlSlice *slice_there = sl_document_get_note_slice (fixture->document, event);
  int column = sl_slice_get_x (slice_there);
  int event_x = sl_note_get_x (event);
  gboolean moved = FALSE, stayed = FALSE;

  for (guint i = 0; i < n_notes; i++)
    note_x[i] = sl_note_get_x (sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
  for (guint i = 0; i < n_slices; i++)
    {
      slice_x[i] = sl_slice_get_x (sl_element_list_peek (SL_ELEMENT_LIST (slices), i));
      slice_width[i] = sl_slice_get_width (sl_element_list_peek (SL_ELEMENT_LIST (slices), i));
    }

  sl_canvas_select (fixture->canvas, event, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.make-room", NULL);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
  for (guint i = 0; i < n_notes; i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      g_assert_cmpint (sl_note_get_x (note), ==, note_x[i] + (note_x[i] >= column ? SL_LAYOUT_COLUMN_WIDTH : 0));
      moved |= note_x[i] >= column;
      stayed |= note_x[i] < column;
    }
  g_assert_true (moved && stayed);
  g_assert_cmpint (sl_slice_get_x (slice_there), ==, column + SL_LAYOUT_COLUMN_WIDTH);
  for (guint i = 0; i < n_slices; i++)
    {
      SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (slices), i);

      if (slice_x[i] >= column)
        g_assert_cmpint (sl_slice_get_x (slice), ==, slice_x[i] + SL_LAYOUT_COLUMN_WIDTH);
      else if (slice_x[i] + slice_width[i] > column)
        g_assert_cmpint (sl_slice_get_width (slice), ==, slice_width[i] + SL_LAYOUT_COLUMN_WIDTH);
      else
        g_assert_cmpint (sl_slice_get_x (slice), ==, slice_x[i]);
    }

  sl_history_undo (history);
  for (guint i = 0; i < n_notes; i++)
    g_assert_cmpint (sl_note_get_x (sl_element_list_peek (SL_ELEMENT_LIST (notes), i)), ==, note_x[i]);
  for (guint i = 0; i < n_slices; i++)
    g_assert_cmpint (sl_slice_get_x (sl_element_list_peek (SL_ELEMENT_LIST (slices), i)), ==, slice_x[i]);

  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.make-room-at", "d",
                              (double) sl_note_get_x (event));
  g_assert_cmpint (sl_slice_get_x (slice_there), ==, column + SL_LAYOUT_COLUMN_WIDTH);
  g_assert_cmpint (sl_note_get_x (event), ==, event_x + SL_LAYOUT_COLUMN_WIDTH);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo + 1);
}

/* The keyboard on the board */

/* Presses @keyval with @state on the board, as the keyboard does;
 * returns whether the board took it. */
static gboolean
press_key_with (SlCanvas        *canvas,
                guint            keyval,
                GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

static SlNote *
note (Fixture    *fixture,
      const char *id)
{
  SlNote *found = sl_document_lookup_note (fixture->document, id);

  g_assert_nonnull (found);
  return found;
}

static void
assert_selection_is (SlCanvas *canvas,
                     SlNote   *one,
                     SlNote   *other)
{
  g_autoptr(GList) selection = sl_canvas_get_selection (canvas);

  g_assert_cmpuint (g_list_length (selection), ==, other != NULL ? 2 : 1);
  g_assert_nonnull (g_list_find (selection, one));
  if (other != NULL)
    g_assert_nonnull (g_list_find (selection, other));
}

static void
assert_in_view (SlCanvas *canvas,
                SlNote   *note)
{
  SlRect rect, view;

  sl_layout_get_note_rect (sl_canvas_get_layout (canvas), note, &rect);
  sl_canvas_get_visible_region (canvas, &view);
  g_assert_true (sl_rect_intersects (&rect, &view));
  g_assert_cmpfloat (rect.x + rect.width, <=, view.x + view.width);
  g_assert_cmpfloat (rect.y + rect.height, <=, view.y + view.height);
}

/* The arrow keys move the focus to the note that way, and the selection
 * with it; Home and End to the ends of the lane; left of a lane's first
 * note, its header; the focused note comes into view. */
static void
test_keyboard_moves_focus (Fixture       *fixture,
                           gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;
  SlLane *interaction = SL_LANE (sl_document_lookup (fixture->document, "lane-interaction"));

  sl_canvas_set_zoom (canvas, 1.0, 0, 0);
  sl_canvas_show_note (canvas, note (fixture, "cmd-register-guest"));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-register-guest"));

  g_assert_true (press_key_with (canvas, GDK_KEY_Right, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "view-guest-account"));
  assert_selection_is (canvas, note (fixture, "view-guest-account"), NULL);

  g_assert_true (press_key_with (canvas, GDK_KEY_Left, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-register-guest"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Up, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "scr-register-guest"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Down, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-register-guest"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Down, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "evt-guest-registered"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Up, 0));

  g_assert_true (press_key_with (canvas, GDK_KEY_End, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "view-sales-report"));
  assert_in_view (canvas, note (fixture, "view-sales-report"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Home, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-add-room"));
  assert_in_view (canvas, note (fixture, "cmd-add-room"));

  /* Left of the first note, the lane's header; Right, back in. */
  g_assert_true (press_key_with (canvas, GDK_KEY_Left, 0));
  g_assert_null (sl_canvas_get_focus_note (canvas));
  g_assert_true (sl_canvas_get_focus_lane (canvas) == interaction);
  g_assert_null (sl_canvas_get_selection (canvas));
  g_assert_true (press_key_with (canvas, GDK_KEY_Up, 0));
  g_assert_true (sl_canvas_get_focus_lane (canvas) == SL_LANE (sl_document_lookup (fixture->document, "lane-automations")));
  g_assert_true (press_key_with (canvas, GDK_KEY_Down, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Right, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-add-room"));
  g_assert_null (sl_canvas_get_focus_lane (canvas));
}

/* Tab and Shift+Tab go through the notes in timeline order, and past the
 * last note Tab leaves the board, as it leaves a list. */
static void
test_keyboard_tab (Fixture       *fixture,
                   gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;
  SlLayout *layout = sl_canvas_get_layout (canvas);
  GListModel *notes = sl_document_get_notes (fixture->document);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  SlNote *first = sl_layout_get_next_note (layout, NULL, TRUE);
  SlNote *last = sl_layout_get_next_note (layout, NULL, FALSE);

  /* Add Room: the screen over the command over the event, lanes top down. */
  g_assert_true (first == note (fixture, "scr-add-room"));
  sl_canvas_show_note (canvas, first);
  g_assert_true (press_key_with (canvas, GDK_KEY_Tab, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-add-room"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Tab, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "evt-room-added"));
  assert_selection_is (canvas, note (fixture, "evt-room-added"), NULL);
  g_assert_true (press_key_with (canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-add-room"));

  sl_canvas_show_note (canvas, first);
  g_hash_table_add (seen, first);
  while (press_key_with (canvas, GDK_KEY_Tab, 0))
    g_assert_true (g_hash_table_add (seen, sl_canvas_get_focus_note (canvas)));
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_list_model_get_n_items (notes));
  g_assert_true (sl_canvas_get_focus_note (canvas) == last);

  /* Back before the first note, Shift+Tab leaves too. */
  sl_canvas_show_note (canvas, first);
  g_assert_false (press_key_with (canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (sl_canvas_get_focus_note (canvas) == first);
}

/* Shift+arrows extend the selection; Ctrl+arrows move the focus alone,
 * and Ctrl+Space toggles the focused note, as in GTK's lists. */
static void
test_keyboard_selects (Fixture       *fixture,
                       gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;

  sl_canvas_show_note (canvas, note (fixture, "cmd-register-guest"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Right, GDK_SHIFT_MASK));
  assert_selection_is (canvas, note (fixture, "cmd-register-guest"), note (fixture, "view-guest-account"));

  g_assert_true (press_key_with (canvas, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "cmd-book-room"));
  assert_selection_is (canvas, note (fixture, "cmd-register-guest"), note (fixture, "view-guest-account"));

  g_assert_true (press_key_with (canvas, GDK_KEY_Left, GDK_CONTROL_MASK));
  g_assert_true (press_key_with (canvas, GDK_KEY_space, GDK_CONTROL_MASK));
  assert_selection_is (canvas, note (fixture, "cmd-register-guest"), NULL);
  g_assert_true (press_key_with (canvas, GDK_KEY_space, GDK_CONTROL_MASK));
  assert_selection_is (canvas, note (fixture, "cmd-register-guest"), note (fixture, "view-guest-account"));
}

/* Alt+arrows move the selected notes a lane or a column, one step each;
 * past the last lane nothing moves. */
static void
test_keyboard_moves_notes (Fixture       *fixture,
                           gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;
  SlHistory *history = sl_document_get_history (fixture->document);
  SlNote *command = note (fixture, "cmd-pay");
  SlNote *event = note (fixture, "evt-payment-succeeded");
  SlLane *interaction = sl_note_get_lane (command);
  SlLane *payment = sl_note_get_lane (event);
  SlLane *gps = SL_LANE (sl_document_lookup (fixture->document, "lane-gps"));
  int command_x = sl_note_get_x (command);

  sl_canvas_show_note (canvas, command);
  g_assert_true (press_key_with (canvas, GDK_KEY_Down, GDK_SHIFT_MASK));
  assert_selection_is (canvas, command, event);

  g_assert_true (press_key_with (canvas, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpint (sl_note_get_x (command), ==, command_x + SL_LAYOUT_COLUMN_WIDTH);
  g_assert_cmpint (sl_note_get_x (event), ==, command_x + SL_LAYOUT_COLUMN_WIDTH);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  g_assert_true (press_key_with (canvas, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (sl_note_get_lane (event) == gps);
  g_assert_true (sl_note_get_lane (command) != interaction);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 2);

  /* The event is in the last lane: nothing moves. */
  g_assert_true (press_key_with (canvas, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (sl_note_get_lane (event) == gps);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 2);

  sl_history_undo (history);
  g_assert_true (sl_note_get_lane (event) == payment);
  g_assert_true (sl_note_get_lane (command) == interaction);
  g_assert_cmpint (sl_note_get_x (event), ==, command_x + SL_LAYOUT_COLUMN_WIDTH);
  sl_history_undo (history);
  g_assert_cmpint (sl_note_get_x (command), ==, command_x);
  assert_covers_nothing (canvas, command);
}

/* L marks the source, the arrows go to the target, Enter connects: one
 * step. Escape drops a connection begun, and Enter then edits. */
static void
test_keyboard_connects (Fixture       *fixture,
                        gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;
  SlHistory *history = sl_document_get_history (fixture->document);
  SlNote *source = note (fixture, "view-guest-account");
  SlNote *target = note (fixture, "cmd-book-room");

  g_assert_null (sl_document_find_connection (fixture->document, source, target));
  sl_canvas_show_note (canvas, source);
  g_assert_true (press_key_with (canvas, GDK_KEY_l, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Right, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == target);
  g_assert_true (press_key_with (canvas, GDK_KEY_Return, 0));
  g_assert_nonnull (sl_document_find_connection (fixture->document, source, target));
  g_assert_false (sl_canvas_is_editing (canvas));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);

  /* L on the target connects too. */
  g_assert_true (press_key_with (canvas, GDK_KEY_l, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Up, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "scr-book-room"));
  g_assert_true (press_key_with (canvas, GDK_KEY_L, GDK_SHIFT_MASK));
  g_assert_nonnull (sl_document_find_connection (fixture->document, target, sl_canvas_get_focus_note (canvas)));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 2);

  sl_canvas_show_note (canvas, source);
  g_assert_true (press_key_with (canvas, GDK_KEY_l, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Left, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Escape, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Return, 0));
  g_assert_true (sl_canvas_is_editing (canvas));
  press_escape_in_editor (canvas);
  g_assert_null (sl_document_find_connection (fixture->document, source, note (fixture, "cmd-register-guest")));
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 2);
}

/* Delete takes the focused note and the keyboard goes on to the next
 * note along the timeline; at the end, back to the one before. */
static void
test_keyboard_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;
  SlLayout *layout = sl_canvas_get_layout (canvas);
  SlNote *last = sl_layout_get_next_note (layout, NULL, FALSE);
  SlNote *before_last = sl_layout_get_next_note (layout, last, FALSE);

  sl_canvas_show_note (canvas, note (fixture, "cmd-register-guest"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Delete, 0));
  g_assert_null (sl_document_lookup (fixture->document, "cmd-register-guest"));
  g_assert_true (sl_canvas_get_focus_note (canvas) == note (fixture, "evt-guest-registered"));
  g_assert_null (sl_canvas_get_selection (canvas));

  sl_canvas_show_note (canvas, last);
  g_assert_true (press_key_with (canvas, GDK_KEY_Delete, 0));
  g_assert_true (sl_canvas_get_focus_note (canvas) == before_last);
}

/* The card the keyboard brings into view comes clear of the widgets over
 * the board, as the overview map in its bottom right corner, instead of
 * stopping under them. */
static void
test_keyboard_clear_of_overview (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  SlCanvas *canvas = SL_CANVAS (sl_canvas_new (document));
  SlNote *card = sl_document_lookup_note (document, "cmd-register-guest");
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *map = gtk_label_new (NULL);
  graphene_rect_t over;
  double left, top, right, bottom;
  int width, height;
  SlRect rect;

  gtk_widget_set_size_request (map, 300, 200);
  gtk_widget_set_halign (map, GTK_ALIGN_END);
  gtk_widget_set_valign (map, GTK_ALIGN_END);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (canvas));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), map);
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, overlay);
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (map) || gtk_widget_get_width (GTK_WIDGET (canvas)) == 0)
    g_main_context_iteration (NULL, TRUE);
  width = gtk_widget_get_width (GTK_WIDGET (canvas));
  height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_assert_true (gtk_widget_compute_bounds (map, GTK_WIDGET (canvas), &over));

  /* The card in view, its bottom right corner under the map. */
  sl_canvas_set_zoom (canvas, 1.0, 0, 0);
  sl_layout_get_note_rect (sl_canvas_get_layout (canvas), card, &rect);
  sl_canvas_scroll_to (canvas, rect.x + rect.width - (width - 40), rect.y + rect.height - (height - 30));
  sl_canvas_set_focus_note (canvas, card);

  sl_canvas_board_to_widget (canvas, rect.x, rect.y, &left, &top);
  sl_canvas_board_to_widget (canvas, rect.x + rect.width, rect.y + rect.height, &right, &bottom);
  g_assert_true (right <= over.origin.x || bottom <= over.origin.y);
  g_assert_cmpfloat (left, >=, 0);
  g_assert_cmpfloat (top, >=, 0);
  g_assert_cmpfloat (right, <=, width);
  g_assert_cmpfloat (bottom, <=, height);

  gtk_window_destroy (window);
}

/* Enter and F2 edit the focused note's text, selected or not. */
static void
test_keyboard_edits (Fixture       *fixture,
                     gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;
  g_autofree char *text = NULL;

  sl_canvas_show_note (canvas, note (fixture, "cmd-register-guest"));
  g_assert_true (press_key_with (canvas, GDK_KEY_Right, GDK_CONTROL_MASK));
  g_assert_true (press_key_with (canvas, GDK_KEY_F2, 0));
  g_assert_true (sl_canvas_is_editing (canvas));
  text = get_editor_text (canvas);
  g_assert_cmpstr (text, ==, "Guest Account");
  type_and_enter (canvas, "Guest Folio");
  g_assert_cmpstr (sl_note_get_text (note (fixture, "view-guest-account")), ==, "Guest Folio");
}

/* How many pixels of the column @x of @surface (whose top left is the
 * board point @left, @top), from @y for @height, are nearly black. */
static guint
count_dark (cairo_surface_t *surface,
            double           left,
            double           top,
            double           x,
            double           y,
            double           height)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint dark = 0;

  cairo_surface_flush (surface);
  for (int row = (int) (y - top); row < (int) (y - top + height); row++)
    {
      guint32 pixel = *(guint32 *) (data + row * stride + 4 * (int) (x - left));
      guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

      if (r < 80 && g < 80 && b < 80)
        dark++;
    }
  return dark;
}

/* The focus ring is drawn outside the selection's ring, in the board's
 * ink, whether the note is selected or not: the two never look alike. */
static void
test_focus_ring (Fixture       *fixture,
                 gconstpointer  data)
{
  SlLayout *layout = sl_canvas_get_layout (fixture->canvas);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  SlNote *command = note (fixture, "view-guest-account");
  SlRect card, region;
  guint plain = 0, selected = 0, focused = 0;

  sl_layout_get_note_rect (layout, command, &card);
  region = (SlRect) { card.x - 40, card.y - 40, card.width + 80, card.height + 80 };

  for (guint round = 0; round < 3; round++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) region.width, (int) region.height);
      cairo_t *cr = cairo_create (surface);
      guint dark;

      cairo_translate (cr, -region.x, -region.y);
      if (round > 0)
        g_hash_table_add (selection, command);
      sl_renderer_set_selection (renderer, selection);
      sl_renderer_draw (renderer, cr, &region, 1.0);
      if (round == 2)
        sl_renderer_draw_focus (renderer, cr, &region, 1.0, command, NULL);
      cairo_destroy (cr);

      /* Down the left side of the ring, 7 units out from the card. */
      dark = count_dark (surface, region.x, region.y, card.x - 7, card.y + 10, card.height - 20);
      if (round == 0)
        plain = dark;
      else if (round == 1)
        selected = dark;
      else
        focused = dark;
      cairo_surface_destroy (surface);
    }

  g_assert_cmpuint (selected, ==, plain);
  g_assert_cmpuint (focused, >, plain + (guint) (card.height - 20) / 3);
}

/* Shift+F10 and the Menu key open the menu of the focused note, or of the
 * focused lane; a long press opens what a right click opens. */
static void
test_keyboard_menus (Fixture       *fixture,
                     gconstpointer  data)
{
  SlCanvas *canvas = fixture->canvas;
  SlNote *command = note (fixture, "cmd-register-guest");
  GtkWidget *menu = get_menu (canvas);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  GtkGesture *long_press = NULL;
  SlRect rect;
  double wx, wy;

  sl_canvas_set_zoom (canvas, 1.0, 0, 0);
  sl_canvas_show_note (canvas, command);
  g_assert_true (press_key_with (canvas, GDK_KEY_F10, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), "canvas.edit-note"));
  gtk_popover_popdown (GTK_POPOVER (menu));

  g_assert_true (press_key_with (canvas, GDK_KEY_Home, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Left, 0));
  g_assert_true (press_key_with (canvas, GDK_KEY_Menu, 0));
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), "canvas.rename-lane"));
  g_assert_false (menu_has_action (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), "canvas.edit-note"));
  gtk_popover_popdown (GTK_POPOVER (menu));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_LONG_PRESS (controller))
        long_press = GTK_GESTURE (controller);
    }
  g_assert_nonnull (long_press);
  sl_canvas_unselect_all (canvas);
  sl_layout_get_note_rect (sl_canvas_get_layout (canvas), command, &rect);
  sl_canvas_board_to_widget (canvas, rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  g_signal_emit_by_name (long_press, "pressed", wx, wy);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)), "canvas.edit-note"));
  assert_selection_is (canvas, command, NULL);
  gtk_popover_popdown (GTK_POPOVER (menu));
}

/* The shortcuts window's board keys are keys the board takes. */
static void
test_shortcuts_window_board_keys (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/stormline/Stormline/sl-shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  guint n_keys = 0;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *group_title = NULL;
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accelerators = NULL;
      GtkWidget *group;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      group = gtk_widget_get_ancestor (l->data, GTK_TYPE_SHORTCUTS_GROUP);
      g_object_get (group, "title", &group_title, NULL);
      if (g_strcmp0 (group_title, "Moving on the Board") != 0 && g_strcmp0 (group_title, "Selecting and Connecting") != 0)
        continue;

      g_object_get (l->data, "accelerator", &accelerator, NULL);
      accelerators = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; accelerators[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType state;

          g_assert_true (gtk_accelerator_parse (accelerators[i], &keyval, &state));
          sl_canvas_show_note (fixture->canvas, note (fixture, "cmd-book-room"));
          g_assert_true (press_key_with (fixture->canvas, keyval, state));
          if (sl_canvas_is_editing (fixture->canvas))
            press_escape_in_editor (fixture->canvas);
          gtk_popover_popdown (GTK_POPOVER (get_menu (fixture->canvas)));
          n_keys++;
        }
    }

  g_assert_cmpuint (n_keys, >=, 14);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* The shortcuts window is static XML: it lists, under "Adding Notes", each
 * kind with the key of the canvas's table, and nothing else. */
static void
test_shortcuts_window_keys (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/stormline/Stormline/sl-shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  guint seen[SL_N_NOTE_KINDS] = { 0 };
  guint n_shortcuts = 0;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *group_title = NULL;
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      GtkWidget *group;
      SlNoteKind kind;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      group = gtk_widget_get_ancestor (l->data, GTK_TYPE_SHORTCUTS_GROUP);
      g_object_get (group, "title", &group_title, NULL);
      if (g_strcmp0 (group_title, "Adding Notes") != 0)
        continue;

      n_shortcuts++;
      g_object_get (l->data, "title", &title, "accelerator", &accelerator, NULL);
      for (kind = 0; kind < SL_N_NOTE_KINDS; kind++)
        if (g_str_equal (title, sl_note_kind_get_label (kind)))
          break;
      g_assert_cmpint (kind, <, SL_N_NOTE_KINDS);

      {
        g_autofree char *expected = gtk_accelerator_name (sl_note_kind_get_keyval (kind), 0);

        g_assert_cmpstr (accelerator, ==, expected);
      }
      seen[kind]++;
    }

  g_assert_cmpuint (n_shortcuts, ==, SL_N_NOTE_KINDS);
  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    g_assert_cmpuint (seen[kind], ==, 1);

  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* Deleting notes, by the Delete key, the menu's Delete or Cut, offers
 * Undo with what went, and one undo brings back just that. */
static void
test_delete_offers_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  SlDocument *document = fixture->document;
  SlHistory *history = sl_document_get_history (document);
  GListModel *notes = sl_document_get_notes (document);
  guint n_notes = g_list_model_get_n_items (notes);
  SlNote *book = sl_document_lookup_note (document, "cmd-book-room");
  SlNote *booked = sl_document_lookup_note (document, "evt-room-booked");
  SlNote *add = sl_document_lookup_note (document, "cmd-add-room");
  g_autofree char *text = NULL;
  SlNote *blank;

  g_signal_connect (fixture->canvas, "undoable", G_CALLBACK (undoable_cb), &text);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->canvas));

  sl_canvas_select (fixture->canvas, book, FALSE);
  press_key (fixture->canvas, GDK_KEY_Delete);
  g_assert_cmpstr (text, ==, "Deleted “Book Room”");
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes - 1);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, 1);
  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_document_lookup_note (document, "cmd-book-room") == book);
  g_assert_false (sl_history_can_undo (history));

  sl_canvas_select (fixture->canvas, book, FALSE);
  sl_canvas_select (fixture->canvas, booked, TRUE);
  sl_canvas_select (fixture->canvas, add, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL);
  g_assert_cmpstr (text, ==, "Deleted 3 notes");
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes - 3);
  g_assert_true (sl_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes);
  g_assert_false (sl_history_can_undo (history));

  sl_canvas_select (fixture->canvas, booked, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.cut", NULL);
  g_assert_cmpstr (text, ==, "Deleted “Room Booked”");
  g_assert_null (sl_document_lookup_note (document, "evt-room-booked"));
  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_document_lookup_note (document, "evt-room-booked") == booked);

  /* A note without text is counted; a long or many-line one is cut short. */
  blank = sl_document_add_note (document, SL_NOTE_EVENT, sl_note_get_lane (booked), 5000, 0, "");
  sl_canvas_select (fixture->canvas, blank, FALSE);
  sl_canvas_delete_selection (fixture->canvas);
  g_assert_cmpstr (text, ==, "Deleted 1 note");

  sl_document_set_note_text (document, add, "A very long name for a command that goes on and on\nand on");
  sl_canvas_select (fixture->canvas, add, FALSE);
  sl_canvas_delete_selection (fixture->canvas);
  g_assert_cmpstr (text, ==, "Deleted “A very long name for a command that goe…”");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = NULL;
  int status;

  if (!test_app_init (&argc, &argv, &state))
    return 0;

  g_test_add ("/canvas/brainstorm", Fixture, NULL, fixture_set_up, test_brainstorm, fixture_tear_down);
  g_test_add ("/canvas/kind-keys", Fixture, NULL, fixture_set_up, test_kind_keys, fixture_tear_down);
  g_test_add_func ("/canvas/shortcuts-window-keys", test_shortcuts_window_keys);
  g_test_add ("/canvas/escape-cancels", Fixture, NULL, fixture_set_up, test_escape_cancels, fixture_tear_down);
  g_test_add ("/canvas/shift-enter-breaks-line", Fixture, NULL, fixture_set_up,
              test_shift_enter_breaks_line, fixture_tear_down);
  g_test_add ("/canvas/kind-finds-its-lane", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_kind_finds_its_lane, fixture_tear_down);
  g_test_add ("/canvas/edit-existing", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_edit_existing, fixture_tear_down);
  g_test_add ("/canvas/edit-two-lines", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_edit_two_lines, fixture_tear_down);
  g_test_add ("/canvas/delete-selection", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_delete_selection, fixture_tear_down);
  g_test_add ("/canvas/duplicate-and-clipboard", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_duplicate_and_clipboard, fixture_tear_down);
  g_test_add ("/canvas/lane-aggregate", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_lane_aggregate, fixture_tear_down);
  g_test_add ("/canvas/slices", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_slices, fixture_tear_down);
  g_test_add ("/canvas/slice-resize", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_slice_resize, fixture_tear_down);
  g_test_add ("/canvas/lane-actions", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_lane_actions, fixture_tear_down);
  g_test_add ("/canvas/keys-in-column", Fixture, NULL, fixture_set_up,
              test_keys_in_column, fixture_tear_down);
  g_test_add ("/canvas/command-above-event", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_command_above_event, fixture_tear_down);
  g_test_add ("/canvas/placing-covers-nothing", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_placing_covers_nothing, fixture_tear_down);
  g_test_add ("/canvas/make-room", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_make_room, fixture_tear_down);
  g_test_add ("/canvas/note-menu", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_note_menu, fixture_tear_down);
  g_test_add ("/canvas/menu-returns-focus", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_menu_returns_focus, fixture_tear_down);
  g_test_add ("/canvas/note-menu-aggregate", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_note_menu_aggregate, fixture_tear_down);
  g_test_add ("/canvas/note-menu-new-aggregate", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_note_menu_new_aggregate, fixture_tear_down);
  g_test_add ("/canvas/remove-lane-offers-undo", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_remove_lane_offers_undo, fixture_tear_down);
  g_test_add ("/canvas/delete-offers-undo", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_delete_offers_undo, fixture_tear_down);
  g_test_add ("/canvas/connection-selection", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_connection_selection, fixture_tear_down);
  g_test_add ("/canvas/overview", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_overview, fixture_tear_down);
  g_test_add ("/canvas/drag-moves", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_drag_moves, fixture_tear_down);
  g_test_add ("/canvas/rubber-band", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_rubber_band, fixture_tear_down);
  g_test_add ("/canvas/zoom-around-pointer", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_zoom_around_pointer, fixture_tear_down);
  g_test_add ("/canvas/field-tooltip", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_field_tooltip, fixture_tear_down);
  g_test_add_func ("/canvas/field-tooltip-text", test_field_tooltip_text);
  g_test_add ("/canvas/keyboard/moves-focus", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_moves_focus, fixture_tear_down);
  g_test_add ("/canvas/keyboard/tab", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_tab, fixture_tear_down);
  g_test_add ("/canvas/keyboard/selects", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_selects, fixture_tear_down);
  g_test_add ("/canvas/keyboard/moves-notes", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_moves_notes, fixture_tear_down);
  g_test_add ("/canvas/keyboard/connects", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_connects, fixture_tear_down);
  g_test_add ("/canvas/keyboard/delete", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_delete, fixture_tear_down);
  g_test_add_func ("/canvas/keyboard/clear-of-overview", test_keyboard_clear_of_overview);
  g_test_add ("/canvas/keyboard/edits", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_edits, fixture_tear_down);
  g_test_add ("/canvas/keyboard/focus-ring", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_focus_ring, fixture_tear_down);
  g_test_add ("/canvas/keyboard/menus", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_keyboard_menus, fixture_tear_down);
  g_test_add ("/canvas/keyboard/shortcuts-window", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_shortcuts_window_board_keys, fixture_tear_down);

  status = g_test_run ();
  test_remove_own_state (state);
  return status;
}
