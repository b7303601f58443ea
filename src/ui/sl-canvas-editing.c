/* sl-canvas-editing.c: the keyboard on the board, and the clipboard
 *
 * Typing on a card, adding notes by key, deleting, duplicating, copying
 * and pasting. A note added and its text are one step of the history:
 * Enter commits both, Shift+Enter breaks the line, Escape takes both back.
 * The text is typed in place, in lines as the card will show them.
 * Where a new note goes is the layout's rule; which key adds which kind is
 * sl-note-keys.c's table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sl-canvas-private.h"
#include "sl-impact-view.h"
#include "sl-note-keys.h"

#define PASTE_OFFSET_X 40
#define PASTE_OFFSET_Y 20

/* Editing text on the card */

/* Where the renderer draws a card's text: its padding, and its top below
 * the kind's label, in board units. */
#define EDITOR_TOP          18
#define EDITOR_TEXT_PADDING  4
#define CARD_TEXT_PADDING    8
#define CARD_TEXT_POINTS    11.0

/* Below this zoom the card's text is too small to type in: the editor
 * stays at this scale, and wider than the card. */
#define EDITOR_MIN_SCALE 0.8

static double
editor_scale (SlCanvas *self)
{
  return MAX (self->zoom, EDITOR_MIN_SCALE);
}

static char *
editor_dup_text (SlCanvas *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_sl_canvas_stop_editing (SlCanvas *self,
                         gboolean  commit)
{
  SlHistory *history = sl_document_get_history (self->document);
  g_autoptr(SlNote) note = g_steal_pointer (&self->editing);

  if (note == NULL)
    return;

  if (commit)
    {
      g_autofree char *text = editor_dup_text (self);

      sl_document_set_note_text (self->document, note, text);
      sl_history_end_group (history);
      sl_history_seal (history);
    }
  else
    sl_history_cancel_group (history);

  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _sl_canvas_queue_draw (self);
}

/* The height of the editor's lines at @width. A GtkTextView knows it only
 * once it has laid them out, after its allocation, and then asks the board
 * for no new one: the board measures them itself, at once. */
static int
editor_lines_height (SlCanvas *self,
                     int       width)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->editor);
  g_autofree char *text = editor_dup_text (self);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (self->editor, text);
  int height;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (width - gtk_text_view_get_left_margin (view) -
                                   gtk_text_view_get_right_margin (view)) * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, NULL, &height);

  return height + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);
}

/* The editor covers the card's text with the card's font at the board's
 * scale, so that its lines break where the card's will: it is as wide as
 * the card and grows down with the lines. */
void
_sl_canvas_allocate_editor (SlCanvas *self)
{
  double scale = editor_scale (self);
  SlRect rect;
  double x, y;
  int width, height;

  if (self->editing == NULL || !gtk_widget_get_visible (self->editor))
    return;

  sl_layout_get_note_rect (self->layout, self->editing, &rect);
  sl_canvas_board_to_widget (self, rect.x, rect.y + EDITOR_TOP, &x, &y);
  width = (int) ceil (rect.width * scale);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  height = MAX (height, editor_lines_height (self, width));
  gtk_widget_size_allocate (self->editor, &(GtkAllocation) { (int) x, (int) y, width, height }, -1);
}

static void
update_editor_scale (SlCanvas *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->editor);
  double scale = editor_scale (self);
  g_autofree char *css = NULL;
  char points[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (points, sizeof points, "%.2f", CARD_TEXT_POINTS * scale);
  css = g_strdup_printf ("textview.note-editor { font-size: %spt; }", points);
  gtk_css_provider_load_from_data (self->editor_style, css, -1);

  gtk_text_view_set_left_margin (view, (int) round (CARD_TEXT_PADDING * scale));
  gtk_text_view_set_right_margin (view, (int) round (CARD_TEXT_PADDING * scale));
  gtk_text_view_set_top_margin (view, (int) round (EDITOR_TEXT_PADDING * scale));
  gtk_text_view_set_bottom_margin (view, (int) round (EDITOR_TEXT_PADDING * scale));
}

static void
editor_preedit_changed_cb (SlCanvas   *self,
                           const char *preedit)
{
  self->editor_composing = preedit != NULL && *preedit != '\0';
}

static gboolean
editor_key_pressed_cb (SlCanvas        *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));

  /* A character being composed takes its keys first. */
  if (self->editor_composing)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Escape)
    {
      _sl_canvas_stop_editing (self, FALSE);
      return GDK_EVENT_STOP;
    }

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;

  /* A note is mostly one line typed fast: Enter commits it, and
   * Shift+Enter breaks the line, as in chat programs. */
  if ((state & GDK_SHIFT_MASK) != 0)
    {
      /* One step of the editor's own undo, as a key typed is. */
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", -1, TRUE);
      gtk_text_buffer_end_user_action (buffer);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->editor), gtk_text_buffer_get_insert (buffer));
    }
  else
    _sl_canvas_stop_editing (self, TRUE);

  return GDK_EVENT_STOP;
}

/* Focus going elsewhere on the window commits the text; the window
 * losing it to another one keeps the editor open, as a text field does. */
static void
editor_focus_leave_cb (SlCanvas *self)
{
  GtkRoot *root = gtk_widget_get_root (self->editor);

  if (self->editing != NULL && (root == NULL || gtk_root_get_focus (root) != self->editor))
    _sl_canvas_stop_editing (self, TRUE);
}

/**
 * sl_canvas_edit_note:
 *
 * Starts editing the text of @note on its card. What is typed is one step
 * of the history with whatever the open group holds (a note just added):
 * Enter commits it, Escape takes it all back.
 */
void
sl_canvas_edit_note (SlCanvas *self,
                     SlNote   *note)
{
  SlHistory *history;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (SL_IS_CANVAS (self));
  g_return_if_fail (SL_IS_NOTE (note));

  if (self->editing != NULL)
    _sl_canvas_stop_editing (self, TRUE);

  history = sl_document_get_history (self->document);
  if (!sl_history_in_group (history))
    sl_history_begin_group (history, _("Edit Text"));

  self->editing = g_object_ref (note);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  /* The text it opens with is no step of the editor's own undo. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, sl_note_get_text (note), -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &end, &start);
  update_editor_scale (self);
  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
}

gboolean
sl_canvas_is_editing (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), FALSE);

  return self->editing != NULL;
}

/* Adding notes */

/* A note needs a lane: an empty board gets one. */
static void
ensure_lane (SlCanvas *self)
{
  if (g_list_model_get_n_items (sl_document_get_lanes (self->document)) == 0)
    sl_document_add_default_lane (self->document);
}

static SlNote *
add_note (SlCanvas   *self,
          SlNoteKind  kind,
          SlLane     *lane,
          int         x,
          int         y)
{
  SlNote *note = sl_document_add_note (self->document, kind, lane, x, y, NULL);

  sl_canvas_select (self, note, FALSE);
  _sl_canvas_scroll_into_view (self, note);
  sl_canvas_edit_note (self, note);
  return note;
}


/**
 * sl_canvas_add_note_at:
 *
 * Adds a note of @kind at a point of the board, in the lane there, selects
 * it and starts editing its text; the note and its text are one step.
 *
 * Returns: (transfer none): the new note
 */
SlNote *
sl_canvas_add_note_at (SlCanvas   *self,
                       SlNoteKind  kind,
                       double      board_x,
                       double      board_y)
{
  SlLane *lane;
  int x, y;

  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  if (self->editing != NULL)
    _sl_canvas_stop_editing (self, TRUE);

  sl_history_begin_group (sl_document_get_history (self->document), _("Add Note"));
  ensure_lane (self);
  sl_layout_place_note_at (self->layout, kind, board_x, board_y, &lane, &x, &y);
  return add_note (self, kind, lane, x, y);
}


/**
 * sl_canvas_add_note:
 *
 * Adds a note of @kind where the keyboard is: after the note added or
 * selected last (in its column when the kind belongs to another lane, as a
 * command above its event), else under the pointer, else at the left of
 * the view; then starts editing its text.
 *
 * Returns: (transfer none): the new note
 */
SlNote *
sl_canvas_add_note (SlCanvas   *self,
                    SlNoteKind  kind)
{
  SlLane *lane;
  SlRect view;
  int x, y;

  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  if (self->editing != NULL)
    _sl_canvas_stop_editing (self, TRUE);

  if (self->anchor == NULL && self->has_pointer)
    {
      double bx, by;

      sl_canvas_widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
      if (sl_layout_get_lane_at (self->layout, by) != NULL)
        return sl_canvas_add_note_at (self, kind, bx, by);
    }

  sl_canvas_get_visible_region (self, &view);
  sl_history_begin_group (sl_document_get_history (self->document), _("Add Note"));
  ensure_lane (self);
  sl_layout_place_new_note (self->layout, kind, self->anchor,
                            sl_layout_snap_to_grid (view.x + (SL_LAYOUT_LANE_HEADER_WIDTH + 60) / self->zoom),
                            &lane, &x, &y);
  return add_note (self, kind, lane, x, y);
}

/* What the toast that offers Undo says of @notes deleted: the text of
 * one (its first line, short), else how many. */
static char *
describe_deleted (GList *notes)
{
  guint n = g_list_length (notes);
  const char *text = sl_note_get_text (notes->data);
  g_autofree char *line = NULL;

  if (n > 1 || text[0] == '\0')
    return g_strdup_printf (ngettext ("Deleted %u note", "Deleted %u notes", n), n);

  line = g_strndup (text, strcspn (text, "\n"));
  if (g_utf8_strlen (line, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (line, 0, 39);

      g_free (line);
      line = g_strconcat (start, "…", NULL);
    }
  return g_strdup_printf (_("Deleted “%s”"), line);
}

static void
delete_notes (SlCanvas *self,
              GList    *notes)
{
  SlHistory *history = sl_document_get_history (self->document);
  g_autofree char *deleted = describe_deleted (notes);

  sl_history_begin_group (history, g_list_length (notes) > 1 ? _("Delete Notes") : _("Delete Note"));
  for (GList *l = notes; l != NULL; l = l->next)
    sl_document_remove_note (self->document, l->data);
  sl_history_end_group (history);

  sl_canvas_unselect_all (self);
  _sl_canvas_emit_undoable (self, deleted);
}

/* What the dialog removes once the user says so: by id, the notes or the
 * connection as they are then, and the note the keyboard goes on to. */
typedef struct
{
  SlCanvas *canvas;
  GStrv ids;
  char *focus_id;
} Removal;

static void
removal_free (Removal *removal)
{
  g_object_unref (removal->canvas);
  g_strfreev (removal->ids);
  g_free (removal->focus_id);
  g_free (removal);
}

static void
remove_confirmed_cb (gpointer data)
{
  Removal *removal = data;
  SlCanvas *self = removal->canvas;
  GList *notes = NULL;

  for (guint i = 0; removal->ids[i] != NULL; i++)
    {
      SlElement *element = sl_document_lookup (self->document, removal->ids[i]);

      if (SL_IS_CONNECTION (element))
        sl_document_remove_connection (self->document, SL_CONNECTION (element));
      else if (SL_IS_NOTE (element))
        notes = g_list_prepend (notes, element);
    }
  if (notes != NULL)
    delete_notes (self, notes);
  g_list_free (notes);

  /* The keyboard goes on to the note it was going to, not to the start
   * of the board: the dialog took it away meanwhile. */
  if (removal->focus_id != NULL)
    {
      SlNote *next = sl_document_lookup_note (self->document, removal->focus_id);

      if (next != NULL)
        _sl_canvas_set_focus (self, next, NULL);
    }
}

static void
confirm_removal (SlCanvas   *self,
                 SlImpact   *impact,
                 const char *heading,
                 GPtrArray  *ids,
                 SlNote     *next)
{
  Removal *removal = g_new0 (Removal, 1);

  removal->canvas = g_object_ref (self);
  removal->focus_id = next != NULL ? g_strdup (sl_element_get_id (SL_ELEMENT (next))) : NULL;
  g_ptr_array_add (ids, NULL);
  removal->ids = (GStrv) g_ptr_array_free (ids, FALSE);
  sl_impact_view_confirm (GTK_WIDGET (self), impact, heading, remove_confirmed_cb, removal,
                          (GDestroyNotify) removal_free);
}

/**
 * sl_canvas_delete_selection:
 *
 * Deletes the selected notes, or the selected connection, as one step.
 * When the canvas confirms removals (see sl_canvas_set_confirm_removals())
 * and the removal would break something, it asks first, once for all the
 * notes, and deletes them if the user says so.
 */
void
sl_canvas_delete_selection (SlCanvas *self)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  _sl_canvas_delete_selection_focusing (self, NULL);
}

/* As sl_canvas_delete_selection(), and when a dialog asks first and the
 * user removes, the keyboard then goes to @next (if it is still there). */
void
_sl_canvas_delete_selection_focusing (SlCanvas *self,
                                      SlNote   *next)
{
  GList *notes;

  if (self->selected_connection != NULL)
    {
      g_autoptr(SlImpact) impact = NULL;
      GPtrArray *ids;

      if (!self->confirm_removals)
        {
          sl_document_remove_connection (self->document, self->selected_connection);
          return;
        }
      impact = sl_impact_remove_connection (self->document, self->selected_connection);
      ids = g_ptr_array_new ();
      g_ptr_array_add (ids, g_strdup (sl_element_get_id (SL_ELEMENT (self->selected_connection))));
      confirm_removal (self, impact, _("Remove the Connection?"), ids, next);
      return;
    }

  if (g_hash_table_size (self->selection) == 0)
    return;

  notes = g_hash_table_get_keys (self->selection);
  if (self->confirm_removals)
    {
      g_autoptr(GPtrArray) array = g_ptr_array_new ();
      g_autoptr(SlImpact) impact = NULL;
      g_autofree char *heading = NULL;
      GPtrArray *ids = g_ptr_array_new ();
      guint n = g_list_length (notes);

      for (GList *l = notes; l != NULL; l = l->next)
        {
          g_ptr_array_add (array, l->data);
          g_ptr_array_add (ids, g_strdup (sl_element_get_id (l->data)));
        }
      impact = sl_impact_remove_notes (self->document, (SlNote **) array->pdata, array->len);
      if (n == 1)
        {
          g_autofree char *text = sl_renderer_get_shown_text (sl_note_get_text (notes->data));

          /* Translators: the question before deleting a note that something needs */
          heading = g_strdup_printf (_("Delete “%s”?"), text);
        }
      else
        heading = g_strdup_printf (ngettext ("Delete %u Note?", "Delete %u Notes?", n), n);
      confirm_removal (self, impact, heading, ids, next);
    }
  else
    delete_notes (self, notes);
  g_list_free (notes);
}

/**
 * sl_canvas_set_confirm_removals:
 *
 * Whether deleting notes or a connection that something needs asks
 * first, listing what it breaks (the window's canvas does); a removal
 * that breaks nothing never asks.
 */
void
sl_canvas_set_confirm_removals (SlCanvas *self,
                                gboolean  confirm)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  self->confirm_removals = !!confirm;
}

/**
 * sl_canvas_make_room:
 * @board_x: a moment of the timeline
 *
 * Inserts an empty column at @board_x, or before the slice there: every
 * note and slice from there on moves a column to the right (a slice that
 * overlaps the one there grows by a column). One step of the history.
 */
void
sl_canvas_make_room (SlCanvas *self,
                     double    board_x)
{
  SlHistory *history;
  GListModel *notes, *slices;
  SlSlice *there;

  g_return_if_fail (SL_IS_CANVAS (self));

  /* A slice is a column of the timeline: the room opens before it, not
   * inside it. */
  there = sl_document_find_slice_at (self->document, (int) floor (board_x));
  if (there != NULL)
    board_x = MIN (board_x, sl_slice_get_x (there));

  history = sl_document_get_history (self->document);
  notes = sl_document_get_notes (self->document);
  slices = sl_document_get_slices (self->document);
  sl_history_begin_group (history, _("Make Room"));
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      if (sl_note_get_x (note) >= board_x)
        sl_document_move_note (self->document, note, sl_note_get_lane (note),
                               sl_note_get_x (note) + SL_LAYOUT_COLUMN_WIDTH, sl_note_get_y (note));
    }
  for (guint i = 0; i < g_list_model_get_n_items (slices); i++)
    {
      SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (slices), i);
      int x = sl_slice_get_x (slice);
      int width = sl_slice_get_width (slice);

      if (x >= board_x)
        sl_document_set_slice_range (self->document, slice, x + SL_LAYOUT_COLUMN_WIDTH, width);
      else if (x + width > board_x)
        sl_document_set_slice_range (self->document, slice, x, width + SL_LAYOUT_COLUMN_WIDTH);
    }
  sl_history_end_group (history);
}

/* Keyboard */

static gboolean
key_pressed_cb (SlCanvas        *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  SlNoteKind kind;

  if (self->editing != NULL)
    return GDK_EVENT_PROPAGATE;

  /* During a drag only Escape counts: it takes the drag back. */
  if (self->drag_mode != DRAG_NONE && self->drag_active)
    {
      if (keyval == GDK_KEY_Escape)
        _sl_canvas_cancel_drag (self);
      return GDK_EVENT_STOP;
    }

  if (_sl_canvas_focus_key_pressed (self, keyval, state))
    return GDK_EVENT_STOP;

  if (keyval == GDK_KEY_Escape)
    {
      sl_canvas_unselect_all (self);
      return GDK_EVENT_STOP;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_space)
    {
      _sl_canvas_hold_space (self, TRUE);
      return GDK_EVENT_STOP;
    }

  if (sl_note_kind_from_keyval (keyval, &kind))
    {
      sl_canvas_add_note (self, kind);
      return GDK_EVENT_STOP;
    }

  switch (keyval)
    {
    case GDK_KEY_Delete:
    case GDK_KEY_BackSpace:
    case GDK_KEY_KP_Delete:
      sl_canvas_delete_selection (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_F2:
      if (self->anchor != NULL && g_hash_table_contains (self->selection, self->anchor))
        sl_canvas_edit_note (self, self->anchor);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
key_released_cb (SlCanvas        *self,
                 guint            keyval,
                 guint            keycode,
                 GdkModifierType  state)
{
  if (keyval == GDK_KEY_space)
    _sl_canvas_hold_space (self, FALSE);
}

/* The clipboard */

static GList *
selection_in_order (SlCanvas *self)
{
  return g_hash_table_get_keys (self->selection);
}

static void
select_pasted (SlCanvas  *self,
               GPtrArray *notes)
{
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < notes->len; i++)
    g_hash_table_add (self->selection, g_ptr_array_index (notes, i));
  self->anchor = notes->len > 0 ? g_ptr_array_index (notes, notes->len - 1) : NULL;
  _sl_canvas_selection_changed (self);
  if (self->anchor != NULL)
    _sl_canvas_scroll_into_view (self, self->anchor);
}

gboolean
_sl_canvas_copy_selection (SlCanvas *self)
{
  g_autoptr(GList) notes = selection_in_order (self);
  g_autoptr(GBytes) fragment = NULL;
  g_autofree char *text = NULL;

  if (notes == NULL)
    return FALSE;

  fragment = sl_fragment_copy (self->document, notes);
  text = g_strndup (g_bytes_get_data (fragment, NULL), g_bytes_get_size (fragment));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  return TRUE;
}

/* Pastes @fragment a little off its place and moves each note that lands
 * on a card below it, in the same column: a copy never hides a card. The
 * paste and the moves are one step. */
static GPtrArray *
paste_fragment (SlCanvas  *self,
                GBytes    *fragment,
                GError   **error)
{
  SlHistory *history = sl_document_get_history (self->document);
  GPtrArray *notes;

  sl_history_begin_group (history, _("Paste"));
  notes = sl_fragment_paste (self->document, fragment, PASTE_OFFSET_X, PASTE_OFFSET_Y, error);
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (notes, i);
      int y = sl_layout_get_settled_y (self->layout, note, NULL);

      if (y != sl_note_get_y (note))
        sl_document_move_note (self->document, note, sl_note_get_lane (note), sl_note_get_x (note), y);
    }
  sl_history_end_group (history);

  return notes;
}

static void
paste_text (SlCanvas   *self,
            const char *text)
{
  g_autoptr(GBytes) fragment = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  notes = paste_fragment (self, fragment, &error);
  if (notes == NULL)
    {
      g_autofree char *reason = sl_text_escape_controls (error->message);
      /* Translators: %s says what is wrong with what was on the clipboard */
      g_autofree char *message = g_strdup_printf (_("Nothing to paste: the clipboard holds no Stormline notes (%s)"),
                                                  reason);

      _sl_canvas_emit_message (self, message);
      return;
    }

  select_pasted (self, notes);
}

static void
paste_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL)
    {
      _sl_canvas_emit_message (self, _("Nothing to paste: the clipboard holds no text"));
      return;
    }

  paste_text (self, text);
}

void
_sl_canvas_paste (SlCanvas *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL, paste_read_cb,
                                 g_object_ref (self));
}

void
_sl_canvas_duplicate_selection (SlCanvas *self)
{
  g_autoptr(GList) notes = selection_in_order (self);
  g_autoptr(GBytes) fragment = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  if (notes == NULL)
    return;

  fragment = sl_fragment_copy (self->document, notes);
  copies = paste_fragment (self, fragment, NULL);
  select_pasted (self, copies);
}

void
_sl_canvas_editing_init (SlCanvas *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->editor = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->editor), FALSE);
  gtk_widget_add_css_class (self->editor, "note-editor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note Text"), -1);
  self->editor_style = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (self->editor),
                                  GTK_STYLE_PROVIDER (self->editor_style),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect (self, "notify::zoom", G_CALLBACK (update_editor_scale), NULL);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor)), "changed",
                            G_CALLBACK (gtk_widget_queue_allocate), self);
  g_signal_connect_swapped (self->editor, "preedit-changed", G_CALLBACK (editor_preedit_changed_cb), self);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (editor_key_pressed_cb), self);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (editor_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);
}
