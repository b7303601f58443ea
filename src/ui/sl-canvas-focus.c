/* sl-canvas-focus.c: the keyboard's place on the board
 *
 * The board has a focused note, drawn with a focus ring of its own beside
 * the selection's, or a focused lane header left of a lane's first note.
 * The arrow keys move it as the layout finds the nearest note that way,
 * Home and End to the ends of the lane, Tab and Shift+Tab along the
 * timeline and, past the last note, out of the board, as Tab leaves a
 * list. As in GTK's list views, the selection follows the focus; Shift
 * extends it, Ctrl moves the focus alone and Ctrl+Space toggles the
 * focused note. Alt+arrows move the selected notes a lane or a column, one
 * step of the history each. L marks the focused note as the source of a
 * connection, drawn dashed to the focus until Enter or L makes it or
 * Escape drops it. Shift+F10 and the Menu key open the menu of the focus,
 * as a right click does. Delete leaves the keyboard on the next note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-canvas-private.h"

typedef enum {
  FOCUS_SELECT, /* the selection follows the focus */
  FOCUS_EXTEND, /* the focused note joins the selection */
  FOCUS_ONLY,   /* the selection stays */
} FocusMode;

static gboolean
is_in_document (SlCanvas  *self,
                gpointer   element)
{
  return sl_document_lookup (self->document, sl_element_get_id (element)) == element;
}

static void
scroll_lane_into_view (SlCanvas *self,
                       SlLane   *lane)
{
  SlRect rect, view;

  sl_layout_get_lane_rect (self->layout, lane, &rect);
  sl_canvas_get_visible_region (self, &view);
  if (view.height <= 0)
    return;

  if (rect.y + MIN (rect.height, view.height) > view.y + view.height)
    self->origin_y = rect.y + MIN (rect.height, view.height) - view.height;
  if (rect.y < view.y)
    self->origin_y = rect.y;
  _sl_canvas_queue_draw (self);
}

static void
move_focus (SlCanvas  *self,
            SlNote    *note,
            SlLane    *lane,
            FocusMode  mode)
{
  if (note != NULL)
    {
      if (mode == FOCUS_ONLY)
        _sl_canvas_set_focus (self, note, NULL);
      else
        sl_canvas_select (self, note, mode == FOCUS_EXTEND);
      _sl_canvas_scroll_into_view (self, note);
    }
  else if (lane != NULL)
    {
      if (mode == FOCUS_SELECT)
        sl_canvas_unselect_all (self);
      _sl_canvas_set_focus (self, NULL, lane);
      scroll_lane_into_view (self, lane);
    }
}

typedef struct
{
  SlDocument *document;
  SlNote *first;
} FirstInView;

static gboolean
first_in_view_cb (SlNote       *note,
                  const SlRect *rect,
                  gpointer      user_data)
{
  FirstInView *data = user_data;

  if (data->first == NULL || sl_document_compare_timeline (data->document, note, data->first) < 0)
    data->first = note;
  return TRUE;
}

/* Gives the keyboard a place when it has none: the note added or selected
 * last, else the first note in view along the timeline, else the first of
 * the board, else the first lane. Returns whether it has one. */
static gboolean
ensure_focus (SlCanvas *self)
{
  FirstInView data = { self->document, self->anchor };
  GListModel *lanes = sl_document_get_lanes (self->document);
  SlRect view;

  if (self->focus != NULL || self->focus_lane != NULL)
    return TRUE;

  if (data.first == NULL)
    {
      sl_canvas_get_visible_region (self, &view);
      sl_layout_foreach_note_in_any_order (self->layout, &view, first_in_view_cb, &data);
    }
  if (data.first == NULL)
    data.first = sl_layout_get_next_note (self->layout, NULL, TRUE);

  if (data.first != NULL)
    _sl_canvas_set_focus (self, data.first, NULL);
  else if (g_list_model_get_n_items (lanes) > 0)
    _sl_canvas_set_focus (self, NULL, sl_element_list_peek (SL_ELEMENT_LIST (lanes), 0));

  return self->focus != NULL || self->focus_lane != NULL;
}

static SlLane *
lane_beside (SlCanvas *self,
             SlLane   *lane,
             int       offset)
{
  GListModel *lanes = sl_document_get_lanes (self->document);
  int position = sl_document_get_lane_position (self->document, lane) + offset;

  if (position < 0 || position >= (int) g_list_model_get_n_items (lanes))
    return NULL;
  return sl_element_list_peek (SL_ELEMENT_LIST (lanes), position);
}

/* Arrow keys, Home and End from a lane header: along the lanes, or into
 * the lane's notes. */
static void
navigate_from_lane (SlCanvas  *self,
                    guint      keyval,
                    FocusMode  mode)
{
  SlLane *lane = self->focus_lane;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_focus (self, NULL, lane_beside (self, lane, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1),
                  mode);
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_focus (self, sl_layout_get_lane_end (self->layout, lane, FALSE), NULL, mode);
      break;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_focus (self, sl_layout_get_lane_end (self->layout, lane, TRUE), NULL, mode);
      break;

    default:
      break;
    }
}

/* Arrow keys, Home and End from a note: to the nearest note that way; left
 * of a lane's first note, its header. */
static void
navigate_from_note (SlCanvas  *self,
                    guint      keyval,
                    FocusMode  mode)
{
  SlNote *note = self->focus;
  SlNote *target = NULL;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      target = sl_layout_get_nearest_note (self->layout, note, SL_LAYOUT_LEFT);
      if (target == NULL && mode != FOCUS_EXTEND)
        move_focus (self, NULL, sl_note_get_lane (note), mode);
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      target = sl_layout_get_nearest_note (self->layout, note, SL_LAYOUT_RIGHT);
      break;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = sl_layout_get_nearest_note (self->layout, note, SL_LAYOUT_UP);
      break;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = sl_layout_get_nearest_note (self->layout, note, SL_LAYOUT_DOWN);
      break;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = sl_layout_get_lane_end (self->layout, sl_note_get_lane (note), FALSE);
      break;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = sl_layout_get_lane_end (self->layout, sl_note_get_lane (note), TRUE);
      break;

    default:
      break;
    }

  if (target != NULL)
    move_focus (self, target, NULL, mode);
}

/* Moves the selected notes @lanes lanes down (up when negative) and
 * @columns columns right, as one step; where they land on a card, they
 * settle below it. Nothing moves past the first or last lane. */
static void
move_selection_by (SlCanvas *self,
                   int       lanes,
                   int       columns)
{
  SlHistory *history = sl_document_get_history (self->document);
  g_autoptr(GList) notes = g_hash_table_get_keys (self->selection);

  if (notes == NULL)
    return;

  for (GList *l = notes; l != NULL; l = l->next)
    if (lane_beside (self, sl_note_get_lane (l->data), lanes) == NULL)
      {
        gtk_widget_error_bell (GTK_WIDGET (self));
        return;
      }

  sl_history_begin_group (history, g_list_length (notes) > 1 ? _("Move Notes") : _("Move Note"));
  for (GList *l = notes; l != NULL; l = l->next)
    {
      SlNote *note = l->data;
      int x = CLAMP (sl_note_get_x (note) + columns * SL_LAYOUT_COLUMN_WIDTH, -SL_COORD_MAX, SL_COORD_MAX);

      sl_document_move_note (self->document, note, lane_beside (self, sl_note_get_lane (note), lanes),
                             x, sl_note_get_y (note));
    }
  for (GList *l = notes; l != NULL; l = l->next)
    {
      SlNote *note = l->data;
      int y = sl_layout_get_settled_y (self->layout, note, self->selection);

      if (y != sl_note_get_y (note))
        sl_document_move_note (self->document, note, sl_note_get_lane (note), sl_note_get_x (note), y);
    }
  sl_history_end_group (history);

  if (self->focus != NULL)
    _sl_canvas_scroll_into_view (self, self->focus);
}

static void
popup_focus_menu (SlCanvas *self)
{
  double x, y;

  if (self->focus != NULL)
    {
      SlRect rect;

      _sl_canvas_scroll_into_view (self, self->focus);
      sl_layout_get_note_rect (self->layout, self->focus, &rect);
      sl_canvas_board_to_widget (self, rect.x + rect.width / 2, rect.y + rect.height, &x, &y);
      _sl_canvas_popup_note_menu (self, self->focus, x, y);
    }
  else if (self->focus_lane != NULL)
    {
      SlRect rect;

      scroll_lane_into_view (self, self->focus_lane);
      sl_layout_get_lane_rect (self->layout, self->focus_lane, &rect);
      /* Under the lane's name in its header. */
      sl_canvas_board_to_widget (self, self->origin_x, rect.y + MIN (rect.height, 60), &x, &y);
      _sl_canvas_popup_lane_menu (self, self->focus_lane, x + SL_LAYOUT_LANE_HEADER_WIDTH / 2, y);
    }
}

/* How far from a widget over the board a card brought into view stays. */
#define OVERLAY_MARGIN 12

/**
 * _sl_canvas_clear_overlays:
 * @rect: a card in view, in board coordinates
 *
 * Scrolls the card at @rect, once in view, out from under the widgets
 * laid over the board (the overview map in its corner): up above one, or
 * else left of it, whichever scrolls less and keeps the card in view.
 */
void
_sl_canvas_clear_overlays (SlCanvas     *self,
                          const SlRect *rect)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (!GTK_IS_OVERLAY (parent))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (parent); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t over;
      double left, top, right, bottom, up, leftward;

      if (child == GTK_WIDGET (self) || !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, GTK_WIDGET (self), &over))
        continue;

      sl_canvas_board_to_widget (self, rect->x, rect->y, &left, &top);
      sl_canvas_board_to_widget (self, rect->x + rect->width, rect->y + rect->height, &right, &bottom);
      if (right <= over.origin.x || left >= over.origin.x + over.size.width ||
          bottom <= over.origin.y || top >= over.origin.y + over.size.height)
        continue;

      up = bottom - over.origin.y + OVERLAY_MARGIN;
      leftward = right - over.origin.x + OVERLAY_MARGIN;
      if (top - up >= 0 && (up <= leftward || left - leftward < SL_LAYOUT_LANE_HEADER_WIDTH))
        self->origin_y += up / self->zoom;
      else if (left - leftward >= SL_LAYOUT_LANE_HEADER_WIDTH)
        self->origin_x += leftward / self->zoom;
    }
}

static void
cancel_connection (SlCanvas *self)
{
  self->connect_source = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* L on a note marks it as the source; on another, it connects them. */
static void
connect_focus (SlCanvas *self)
{
  if (self->focus == NULL)
    return;

  if (self->connect_source == NULL || self->connect_source == self->focus)
    {
      self->connect_source = self->connect_source == NULL ? self->focus : NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  /* Any two notes can be connected: the check reports what is not legal. */
  sl_document_add_connection (self->document, self->connect_source, self->focus);
  cancel_connection (self);
}

static gboolean
is_arrow (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Alt+arrows: a lane up or down, a column left or right. */
static void
move_selection_by_key (SlCanvas *self,
                       guint     keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_selection_by (self, 0, -1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_selection_by (self, 0, 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection_by (self, -1, 0);
      break;
    default:
      move_selection_by (self, 1, 0);
      break;
    }
}

/* Tab and Shift+Tab: along the timeline; past the ends, out of the board,
 * so that the keyboard is never kept in it. */
static gboolean
tab (SlCanvas *self,
     gboolean  forward)
{
  SlNote *next = sl_layout_get_next_note (self->layout, self->focus, forward);

  if (next == NULL)
    return FALSE;

  move_focus (self, next, NULL, FOCUS_SELECT);
  return TRUE;
}

/* Deletes the selection, and the keyboard goes on to the next note that
 * stays, along the timeline (or back), not to the start of the board. */
static void
delete_selection (SlCanvas *self)
{
  SlNote *next = self->focus;

  while (next != NULL && g_hash_table_contains (self->selection, next))
    next = sl_layout_get_next_note (self->layout, next, TRUE);
  if (next == NULL)
    for (next = self->focus; next != NULL && g_hash_table_contains (self->selection, next);)
      next = sl_layout_get_next_note (self->layout, next, FALSE);

  _sl_canvas_delete_selection_focusing (self, next);
  /* Not when a dialog asks first: the note is still there (the dialog's
   * Remove focuses @next). */
  if (next != NULL && g_hash_table_size (self->selection) == 0)
    _sl_canvas_set_focus (self, next, NULL);
}

/* Handles the keys that move the keyboard on the board, select, move,
 * connect and open menus; returns whether @keyval was one of them. */
static gboolean
focus_key_pressed (SlCanvas        *self,
                   guint            keyval,
                   GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  gboolean alt = (state & GDK_ALT_MASK) != 0;
  FocusMode mode = shift ? FOCUS_EXTEND : control ? FOCUS_ONLY : FOCUS_SELECT;

  if (state & GDK_SUPER_MASK)
    return FALSE;

  if (is_arrow (keyval) && alt)
    {
      move_selection_by_key (self, keyval);
      return TRUE;
    }
  if (alt)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      /* The first key shows where the keyboard is. */
      if (self->focus == NULL && self->focus_lane == NULL)
        {
          if (ensure_focus (self) && self->focus != NULL)
            move_focus (self, self->focus, NULL, mode);
          return TRUE;
        }
      if (self->focus != NULL)
        navigate_from_note (self, keyval, mode);
      else
        navigate_from_lane (self, keyval, mode);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (control)
        return FALSE;
      return tab (self, !shift && keyval != GDK_KEY_ISO_Left_Tab);

    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (!control || !ensure_focus (self) || self->focus == NULL)
        return FALSE;
      if (g_hash_table_contains (self->selection, self->focus))
        {
          g_hash_table_remove (self->selection, self->focus);
          _sl_canvas_selection_changed (self);
        }
      else
        sl_canvas_select (self, self->focus, TRUE);
      return TRUE;

    case GDK_KEY_F10:
      if (!shift || control)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_Menu:
      if (ensure_focus (self))
        popup_focus_menu (self);
      return TRUE;

    case GDK_KEY_l:
    case GDK_KEY_L:
      if (control || !ensure_focus (self))
        return FALSE;
      connect_focus (self);
      return TRUE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (control || self->focus == NULL || !g_hash_table_contains (self->selection, self->focus))
        return FALSE;
      delete_selection (self);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->connect_source == NULL)
        return FALSE;
      cancel_connection (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_F2:
      if (control || shift)
        return FALSE;
      if (self->connect_source != NULL && self->focus != NULL && keyval != GDK_KEY_F2)
        connect_focus (self);
      else if (self->focus != NULL)
        sl_canvas_edit_note (self, self->focus);
      else if (self->focus_lane != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "canvas.rename-lane", "s",
                                    sl_element_get_id (SL_ELEMENT (self->focus_lane)));
      else
        return FALSE;
      return TRUE;

    default:
      return FALSE;
    }
}

/* As focus_key_pressed(), and the board shows the focus ring from then on,
 * until the pointer is pressed. */
gboolean
_sl_canvas_focus_key_pressed (SlCanvas        *self,
                              guint            keyval,
                              GdkModifierType  state)
{
  if (!focus_key_pressed (self, keyval, state))
    return FALSE;

  /* The window shows focus rings after keys it moves the focus with;
   * these keys stay on the board. */
  self->keyboard_used = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* What the keyboard is on, on screen only: the focus ring when the board
 * has the keyboard, and a connection the keyboard began. */
void
_sl_canvas_draw_focus (SlCanvas     *self,
                       cairo_t      *cr,
                       const SlRect *region)
{
  if (self->connect_source != NULL)
    {
      SlRect source, target;
      double hx, hy;
      double dashes[] = { 6 / self->zoom, 4 / self->zoom };

      sl_layout_get_note_rect (self->layout, self->connect_source, &source);
      sl_layout_get_handle (&source, &hx, &hy);
      cairo_save (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_arc (cr, hx, hy, SL_LAYOUT_HANDLE_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
      if (self->focus != NULL && self->focus != self->connect_source)
        {
          sl_layout_get_note_rect (self->layout, self->focus, &target);
          cairo_set_line_width (cr, 2.0 / self->zoom);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, hx, hy);
          cairo_line_to (cr, target.x, target.y + target.height / 2);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }

  if (gtk_widget_has_focus (GTK_WIDGET (self)) &&
      (self->keyboard_used || gtk_widget_has_visible_focus (GTK_WIDGET (self))))
    sl_renderer_draw_focus (self->renderer, cr, region, self->zoom, self->focus, self->focus_lane);
}

/* The focus, and a connection begun, leave with their notes and lanes. */
static void
elements_changed_cb (SlCanvas *self)
{
  if (self->connect_source != NULL && !is_in_document (self, self->connect_source))
    self->connect_source = NULL;
  if (self->focus != NULL && !is_in_document (self, self->focus))
    _sl_canvas_set_focus (self, NULL, NULL);
  if (self->focus_lane != NULL && !is_in_document (self, self->focus_lane))
    _sl_canvas_set_focus (self, NULL, NULL);
}

static void
focus_enter_cb (SlCanvas *self)
{
  ensure_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_sl_canvas_focus_init (SlCanvas *self)
{
  GtkEventController *controller;

  g_signal_connect_object (sl_document_get_notes (self->document), "items-changed",
                           G_CALLBACK (elements_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_lanes (self->document), "items-changed",
                           G_CALLBACK (elements_changed_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * sl_canvas_get_focus_note:
 *
 * Returns: (nullable) (transfer none): the note the keyboard is on
 */
SlNote *
sl_canvas_get_focus_note (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  return self->focus;
}

/**
 * sl_canvas_set_focus_note:
 * @note: (nullable): the note to put the keyboard on
 *
 * Puts the keyboard on @note and brings it into view, leaving the
 * selection as it is.
 */
void
sl_canvas_set_focus_note (SlCanvas *self,
                          SlNote   *note)
{
  g_return_if_fail (SL_IS_CANVAS (self));
  g_return_if_fail (note == NULL || SL_IS_NOTE (note));

  _sl_canvas_set_focus (self, note, NULL);
  if (note != NULL)
    _sl_canvas_scroll_into_view (self, note);
}

/**
 * sl_canvas_get_focus_lane:
 *
 * Returns: (nullable) (transfer none): the lane whose header the keyboard
 *   is on, when it is on no note
 */
SlLane *
sl_canvas_get_focus_lane (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  return self->focus_lane;
}
