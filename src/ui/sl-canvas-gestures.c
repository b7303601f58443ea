/* sl-canvas-gestures.c: the pointer on the board
 *
 * Click, double click, drag to move, rubber band, connect, pan, scroll and
 * pinch to zoom, and the right click's menus. A drag is claimed only
 * past the threshold, so that a click stays a click; moving notes is one
 * step of the history: one move per note in an open group, redone from
 * where the notes started at each motion, cancelled by Escape, ended by
 * releasing the button. Where the notes land is the layout's rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sl-canvas-private.h"

#define DRAG_THRESHOLD 4.0

static SlLane *
lane_at_offset (SlCanvas *self,
                SlLane   *lane,
                int       offset)
{
  GListModel *lanes = sl_document_get_lanes (self->document);
  int position = sl_document_get_lane_position (self->document, lane) + offset;
  int n_lanes = g_list_model_get_n_items (lanes);

  position = CLAMP (position, 0, n_lanes - 1);
  return sl_element_list_peek (SL_ELEMENT_LIST (lanes), position);
}

/* Moves the dragged notes to where the pointer took them, from where they
 * started: the primary note snaps to the lane under it and to the grid;
 * the others keep their places relative to it. */
static void
move_selection (SlCanvas *self,
                double    dx,
                double    dy)
{
  SlHistory *history = sl_document_get_history (self->document);
  Origin *primary = g_hash_table_lookup (self->drag_origins, self->drag_note);
  SlRect lane_rect, rect;
  SlLane *target;
  double top;
  int lane_offset, primary_y, corrected;
  GHashTableIter iter;
  gpointer key, value;

  sl_history_cancel_group (history);
  sl_history_begin_group (history, _("Move Notes"));

  sl_layout_get_lane_rect (self->layout, primary->lane, &lane_rect);
  top = lane_rect.y + SL_LAYOUT_LANE_PADDING + primary->y + dy;
  sl_layout_get_note_rect (self->layout, self->drag_note, &rect);
  target = sl_layout_get_nearest_lane (self->layout, top + rect.height / 2);
  lane_offset = sl_document_get_lane_position (self->document, target) -
                sl_document_get_lane_position (self->document, primary->lane);
  primary_y = sl_layout_get_y_in_lane (self->layout, target, top);

  g_hash_table_iter_init (&iter, self->drag_origins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Origin *origin = value;
      SlLane *lane = lane_at_offset (self, origin->lane, lane_offset);
      int x = CLAMP (sl_layout_snap_to_grid (origin->x + dx), -SL_COORD_MAX, SL_COORD_MAX);
      int y = MAX (0, origin->y + primary_y - primary->y);

      sl_document_move_note (self->document, key, lane, x, y);
    }

  /* A note leaving a lane it made tall shrinks it, and moves the lanes
   * below up: measure again, so the card stays under the pointer. */
  corrected = sl_layout_get_y_in_lane (self->layout, target, top);
  if (corrected != primary_y)
    {
      g_hash_table_iter_init (&iter, self->drag_origins);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Origin *origin = value;

          sl_document_move_note (self->document, key, sl_note_get_lane (key), sl_note_get_x (key),
                                 MAX (0, origin->y + corrected - primary->y));
        }
    }
}

/* Notes dropped onto other cards of their lanes move down below them. */
static void
settle_moved_notes (SlCanvas *self)
{
  GHashTableIter iter;
  gpointer note;

  g_hash_table_iter_init (&iter, self->drag_origins);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    {
      int y;

      if (sl_document_lookup (self->document, sl_element_get_id (note)) != note)
        continue;

      y = sl_layout_get_settled_y (self->layout, note, self->drag_origins);
      if (y != sl_note_get_y (note))
        sl_document_move_note (self->document, note, sl_note_get_lane (note), sl_note_get_x (note), y);
    }
}

static void
begin_move (SlCanvas *self)
{
  GHashTableIter iter;
  gpointer note;

  g_hash_table_remove_all (self->drag_origins);
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    {
      Origin *origin = g_new (Origin, 1);

      origin->lane = sl_note_get_lane (note);
      origin->x = sl_note_get_x (note);
      origin->y = sl_note_get_y (note);
      g_hash_table_insert (self->drag_origins, note, origin);
    }

  sl_history_begin_group (sl_document_get_history (self->document), _("Move Notes"));
}

static gboolean
rubber_band_cb (SlNote       *note,
                const SlRect *rect,
                gpointer      user_data)
{
  SlCanvas *self = user_data;

  g_hash_table_add (self->selection, note);
  return TRUE;
}

static gboolean
scroll_cb (SlCanvas                 *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);
  double step = unit == GDK_SCROLL_UNIT_WHEEL ? 60.0 : 1.0;

  if (state & GDK_CONTROL_MASK)
    {
      double x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      sl_canvas_set_zoom (self, self->zoom * pow (1.1, -dy * (unit == GDK_SCROLL_UNIT_WHEEL ? 1 : 0.1)), x, y);
      return GDK_EVENT_STOP;
    }

  if (state & GDK_SHIFT_MASK && dx == 0)
    dx = dy, dy = 0;

  self->origin_x += dx * step / self->zoom;
  self->origin_y += dy * step / self->zoom;
  _sl_canvas_queue_draw (self);
  return GDK_EVENT_STOP;
}

static void
zoom_scale_changed_cb (SlCanvas       *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  sl_canvas_set_zoom (self, self->zoom_at_pinch * scale, x, y);
}

static void
zoom_begin_cb (SlCanvas *self)
{
  self->zoom_at_pinch = self->zoom;
}

static void
motion_cb (SlCanvas *self,
           double    x,
           double    y)
{
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
leave_cb (SlCanvas *self)
{
  self->has_pointer = FALSE;
}

/* The selected note whose connection handle is at (@x, @y), if any. */
static SlNote *
handle_at (SlCanvas *self,
           double    x,
           double    y)
{
  double reach = MAX (SL_LAYOUT_HANDLE_RADIUS + 2, 8 / self->zoom);
  GHashTableIter iter;
  gpointer note;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    {
      SlRect rect;
      double hx, hy;

      sl_layout_get_note_rect (self->layout, note, &rect);
      sl_layout_get_handle (&rect, &hx, &hy);
      if (hypot (x - hx, y - hy) <= reach)
        return note;
    }

  return NULL;
}

static void
drag_begin_cb (SlCanvas       *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  double bx, by;
  SlNote *note;
  SlConnection *connection;

  if (button == GDK_BUTTON_SECONDARY)
    {
      /* The lane menu's: a right click keeps the selection. */
      self->drag_mode = DRAG_NONE;
      return;
    }

  if (self->editing != NULL)
    _sl_canvas_stop_editing (self, TRUE);

  self->keyboard_used = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_x = x;
  self->drag_y = y;
  self->drag_active = FALSE;

  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && self->space_held))
    {
      self->drag_mode = DRAG_PAN;
      self->pan_origin_x = self->origin_x;
      self->pan_origin_y = self->origin_y;
      return;
    }

  sl_canvas_widget_to_board (self, x, y, &bx, &by);

  if ((note = handle_at (self, bx, by)) != NULL)
    {
      self->drag_mode = DRAG_CONNECT;
      self->drag_note = note;
      self->connect_x = bx;
      self->connect_y = by;
      return;
    }

  if (_sl_canvas_begin_slice_resize (self, bx, by))
    return;

  note = sl_layout_get_note_at (self->layout, bx, by);

  if (note != NULL)
    {
      if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        {
          if (g_hash_table_contains (self->selection, note) && (state & GDK_CONTROL_MASK))
            {
              g_hash_table_remove (self->selection, note);
              _sl_canvas_selection_changed (self);
              self->drag_mode = DRAG_NONE;
              return;
            }
          sl_canvas_select (self, note, TRUE);
        }
      else if (!g_hash_table_contains (self->selection, note))
        sl_canvas_select (self, note, FALSE);
      else
        self->anchor = note;

      self->drag_mode = DRAG_MOVE;
      self->drag_note = note;
    }
  else if ((connection = _sl_canvas_get_connection_at (self, bx, by)) != NULL)
    {
      sl_canvas_select_connection (self, connection);
      self->drag_mode = DRAG_NONE;
    }
  else
    {
      sl_canvas_select_connection (self, NULL);
      if (!(state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)))
        sl_canvas_unselect_all (self);
      self->drag_mode = DRAG_RUBBER_BAND;
      self->rubber_band = (SlRect) { bx, by, 0, 0 };
    }
}

static void
drag_update_cb (SlCanvas       *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (self->drag_mode == DRAG_NONE)
    return;

  if (!self->drag_active)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;

      /* Claimed only past the threshold: a click stays a click. */
      self->drag_active = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (self->drag_mode == DRAG_MOVE)
        begin_move (self);
      else if (self->drag_mode == DRAG_SLICE_RESIZE)
        sl_history_begin_group (sl_document_get_history (self->document), _("Resize Slice"));
    }

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      self->origin_x = self->pan_origin_x - dx / self->zoom;
      self->origin_y = self->pan_origin_y - dy / self->zoom;
      break;

    case DRAG_MOVE:
      move_selection (self, dx / self->zoom, dy / self->zoom);
      break;

    case DRAG_CONNECT:
      sl_canvas_widget_to_board (self, self->drag_x + dx, self->drag_y + dy,
                                 &self->connect_x, &self->connect_y);
      break;

    case DRAG_SLICE_RESIZE:
      _sl_canvas_resize_slice (self, dx);
      break;

    case DRAG_RUBBER_BAND:
      {
        double bx, by, sx, sy;

        sl_canvas_widget_to_board (self, self->drag_x, self->drag_y, &sx, &sy);
        sl_canvas_widget_to_board (self, self->drag_x + dx, self->drag_y + dy, &bx, &by);
        self->rubber_band = (SlRect) { MIN (sx, bx), MIN (sy, by), fabs (bx - sx), fabs (by - sy) };
        break;
      }

    case DRAG_NONE:
    default:
      break;
    }

  _sl_canvas_queue_draw (self);
}

static void
drag_end_cb (SlCanvas       *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  SlHistory *history = sl_document_get_history (self->document);

  if (self->drag_mode == DRAG_MOVE && self->drag_active)
    {
      settle_moved_notes (self);
      sl_history_end_group (history);
    }
  else if (self->drag_mode == DRAG_RUBBER_BAND && self->drag_active)
    {
      sl_layout_foreach_note_in (self->layout, &self->rubber_band, rubber_band_cb, self);
      _sl_canvas_selection_changed (self);
    }
  else if (self->drag_mode == DRAG_SLICE_RESIZE && self->drag_active)
    {
      sl_history_end_group (history);
    }
  else if (self->drag_mode == DRAG_CONNECT && self->drag_active)
    {
      SlNote *target = sl_layout_get_note_at (self->layout, self->connect_x, self->connect_y);

      /* Any two notes can be connected: the check reports what is not legal. */
      if (target != NULL && target != self->drag_note)
        sl_document_add_connection (self->document, self->drag_note, target);
    }

  self->drag_mode = DRAG_NONE;
  self->drag_active = FALSE;
  self->drag_note = NULL;
  self->drag_slice = NULL;
  g_hash_table_remove_all (self->drag_origins);
  _sl_canvas_queue_draw (self);
}

static void
pressed_cb (SlCanvas       *self,
            int             n_press,
            double          x,
            double          y,
            GtkGestureClick *gesture)
{
  double bx, by;
  SlNote *note;
  SlLane *lane;

  if (n_press != 2)
    return;

  sl_canvas_widget_to_board (self, x, y, &bx, &by);
  note = sl_layout_get_note_at (self->layout, bx, by);
  if (note != NULL)
    {
      sl_canvas_edit_note (self, note);
      return;
    }

  if (_sl_canvas_rename_slice_at (self, bx, by))
    return;

  /* A double click on an empty place of a lane adds the lane's kind of note. */
  lane = sl_layout_get_lane_at (self->layout, by);
  if (lane != NULL)
    sl_canvas_add_note_at (self, sl_layout_get_natural_kind (sl_lane_get_kind (lane)), bx, by);
}

/* Opens the menu of what is at (@x, @y): a slice, a note, a connection or
 * a lane. Returns whether there was one. */
static gboolean
popup_menu_at (SlCanvas *self,
               double    x,
               double    y)
{
  double bx, by;
  SlNote *note;
  SlConnection *connection;
  SlLane *lane;

  if (_sl_canvas_popup_slice_menu (self, x, y))
    return TRUE;

  sl_canvas_widget_to_board (self, x, y, &bx, &by);
  note = sl_layout_get_note_at (self->layout, bx, by);
  if (note != NULL)
    {
      _sl_canvas_popup_note_menu (self, note, x, y);
      return TRUE;
    }

  connection = _sl_canvas_get_connection_at (self, bx, by);
  if (connection != NULL)
    {
      _sl_canvas_popup_connection_menu (self, connection, x, y);
      return TRUE;
    }

  lane = sl_layout_get_lane_at (self->layout, by);
  if (lane == NULL)
    return FALSE;

  _sl_canvas_set_focus (self, NULL, lane);
  _sl_canvas_popup_lane_menu (self, lane, x, y);
  return TRUE;
}

static void
context_pressed_cb (SlCanvas        *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  if (popup_menu_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* A long press is the right click of a touchscreen. */
static void
long_pressed_cb (SlCanvas            *self,
                 double               x,
                 double               y,
                 GtkGestureLongPress *gesture)
{
  if (self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_RUBBER_BAND)
    _sl_canvas_cancel_drag (self);
  if (popup_menu_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* A drag cancelled, by Escape or by the system, takes its moves back. */
void
_sl_canvas_cancel_drag (SlCanvas *self)
{
  if ((self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_SLICE_RESIZE) && self->drag_active)
    sl_history_cancel_group (sl_document_get_history (self->document));

  self->drag_mode = DRAG_NONE;
  self->drag_active = FALSE;
  self->drag_note = NULL;
  self->drag_slice = NULL;
  g_hash_table_remove_all (self->drag_origins);
  _sl_canvas_queue_draw (self);
}

/* While Space is held, a drag with the primary button pans. */
void
_sl_canvas_hold_space (SlCanvas *self,
                       gboolean  held)
{
  self->space_held = held;
  if (held)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  else
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* What a drag under way shows over the board: the connection being drawn
 * or the rubber band, in board units on @cr. */
void
_sl_canvas_draw_gesture (SlCanvas *self,
                         cairo_t  *cr)
{
  if (self->drag_mode == DRAG_CONNECT && self->drag_active)
    {
      SlRect rect;
      double hx, hy;
      double dashes[] = { 6 / self->zoom, 4 / self->zoom };

      sl_layout_get_note_rect (self->layout, self->drag_note, &rect);
      sl_layout_get_handle (&rect, &hx, &hy);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 2.0 / self->zoom);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_move_to (cr, hx, hy);
      cairo_line_to (cr, self->connect_x, self->connect_y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (self->drag_mode == DRAG_RUBBER_BAND && self->drag_active)
    {
      cairo_rectangle (cr, self->rubber_band.x, self->rubber_band.y,
                       self->rubber_band.width, self->rubber_band.height);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.8);
      cairo_set_line_width (cr, 1.0 / self->zoom);
      cairo_stroke (cr);
    }
}

void
_sl_canvas_gestures_init (SlCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* The widget runs the gestures added last first: a press ends the
   * editing of a note (drag-begin) before a double click starts the next
   * (pressed), not after. */
  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (gesture, "cancel", G_CALLBACK (_sl_canvas_cancel_drag), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
