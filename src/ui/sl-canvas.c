/* sl-canvas.c: the board, drawn and edited
 *
 * One widget draws the board through the renderer that print and export
 * use, and turns pointer and keyboard into document mutations. Every
 * gesture is one step of the history: a drag keeps one move per note in an
 * open group (redone from where the notes started at each motion), Escape
 * cancels it, and releasing the button ends it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-canvas.h"
#include "sl-field-tooltip.h"
#include "sl-renderer.h"

#define MIN_ZOOM 0.02
#define MAX_ZOOM 4.0
#define DRAG_THRESHOLD 4.0
#define GRID 10
#define NOTE_GAP 40

typedef enum {
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_RUBBER_BAND,
  DRAG_PAN,
  DRAG_CONNECT,
} DragMode;

typedef struct
{
  SlLane *lane;
  int x;
  int y;
} Origin;

struct _SlCanvas
{
  GtkWidget parent_instance;

  SlDocument *document;
  SlLayout *layout;
  SlRenderer *renderer;

  double origin_x;        /* the board point at the widget's top left */
  double origin_y;
  double zoom;
  double zoom_at_pinch;

  GHashTable *selection;  /* of SlNote */
  SlNote *anchor;         /* where the keyboard adds the next note */

  DragMode drag_mode;
  gboolean drag_active;   /* past the threshold */
  double drag_x, drag_y;  /* where the press was, in widget coordinates */
  double pan_origin_x, pan_origin_y;
  SlNote *drag_note;
  GHashTable *drag_origins; /* SlNote -> Origin */
  SlRect rubber_band;     /* in board units */
  double connect_x, connect_y; /* where a connection being dragged ends */

  gboolean has_pointer;
  double pointer_x, pointer_y;
  gboolean space_held;    /* Space + drag pans, as in drawing programs */

  GtkWidget *editor;
  SlNote *editing;

  GtkWidget *lane_menu;
};

G_DEFINE_FINAL_TYPE (SlCanvas, sl_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  MESSAGE,
  VIEW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * sl_canvas_get_visible_region:
 * @region: (out): what the canvas shows, in board coordinates
 */
void
sl_canvas_get_visible_region (SlCanvas *self,
                              SlRect   *region)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  region->x = self->origin_x;
  region->y = self->origin_y;
  region->width = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  region->height = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
}

void
sl_canvas_widget_to_board (SlCanvas *self,
                           double    widget_x,
                           double    widget_y,
                           double   *board_x,
                           double   *board_y)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  *board_x = self->origin_x + widget_x / self->zoom;
  *board_y = self->origin_y + widget_y / self->zoom;
}

void
sl_canvas_board_to_widget (SlCanvas *self,
                           double    board_x,
                           double    board_y,
                           double   *widget_x,
                           double   *widget_y)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  *widget_x = (board_x - self->origin_x) * self->zoom;
  *widget_y = (board_y - self->origin_y) * self->zoom;
}

static void
update_style (SlCanvas *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  SlRenderStyle render_style = SL_RENDER_STYLE_LIGHT;

  if (adw_style_manager_get_high_contrast (style))
    render_style = SL_RENDER_STYLE_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (style))
    render_style = SL_RENDER_STYLE_DARK;

  sl_renderer_set_style (self->renderer, render_style);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
selection_changed (SlCanvas *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Notes removed from the document leave the selection. */
static void
notes_changed_cb (SlCanvas *self)
{
  GHashTableIter iter;
  gpointer note;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    if (sl_document_lookup (self->document, sl_element_get_id (note)) != note)
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }

  if (self->anchor != NULL &&
      sl_document_lookup (self->document, sl_element_get_id (SL_ELEMENT (self->anchor))) != SL_ELEMENT (self->anchor))
    self->anchor = NULL;

  if (changed)
    selection_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
queue_draw (SlCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->editor != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

/* Snapping */

static int
snap (double value)
{
  return (int) (round (value / GRID) * GRID);
}

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
  int lane_offset, primary_y;
  GHashTableIter iter;
  gpointer key, value;

  sl_history_cancel_group (history);
  sl_history_begin_group (history, _("Move Notes"));

  sl_layout_get_lane_rect (self->layout, primary->lane, &lane_rect);
  top = lane_rect.y + SL_LAYOUT_LANE_PADDING + primary->y + dy;
  sl_layout_get_note_rect (self->layout, self->drag_note, &rect);
  target = sl_layout_get_lane_at (self->layout, top + rect.height / 2);
  if (target == NULL)
    target = dy < 0 ? lane_at_offset (self, primary->lane, -1000) : lane_at_offset (self, primary->lane, 1000);
  lane_offset = sl_document_get_lane_position (self->document, target) -
                sl_document_get_lane_position (self->document, primary->lane);

  sl_layout_get_lane_rect (self->layout, target, &lane_rect);
  primary_y = MAX (0, snap (top - lane_rect.y - SL_LAYOUT_LANE_PADDING));

  g_hash_table_iter_init (&iter, self->drag_origins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Origin *origin = value;
      SlLane *lane = lane_at_offset (self, origin->lane, lane_offset);
      int x = CLAMP (snap (origin->x + dx), -SL_COORD_MAX, SL_COORD_MAX);
      int y = MAX (0, origin->y + primary_y - primary->y);

      sl_document_move_note (self->document, key, lane, x, y);
    }

  /* A note leaving a lane it made tall shrinks it, and moves the lanes
   * below up: measure again, so the card stays under the pointer. */
  sl_layout_get_lane_rect (self->layout, target, &lane_rect);
  {
    int corrected = MAX (0, snap (top - lane_rect.y - SL_LAYOUT_LANE_PADDING));

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
}

/* A note dropped onto another card of its lane moves down below it: the
 * place on the timeline the user chose, its moment, stays. */
static void
settle_moved_notes (SlCanvas *self)
{
  GHashTableIter iter;
  gpointer note;

  g_hash_table_iter_init (&iter, self->drag_origins);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    {
      int y = sl_note_get_y (note);
      int tries = 0;

      if (sl_document_lookup (self->document, sl_element_get_id (note)) != note)
        continue;

      while (tries++ < 50)
        {
          SlRect rect;
          gboolean clear = TRUE;

          sl_layout_get_note_rect (self->layout, note, &rect);
          for (double px = rect.x + 1; px < rect.x + rect.width && clear; px += rect.width / 2 - 1)
            for (double py = rect.y + 1; py < rect.y + rect.height && clear; py += rect.height / 2 - 1)
              {
                SlNote *other = sl_layout_get_note_at (self->layout, px, py);

                clear = other == NULL || other == note || g_hash_table_contains (self->drag_origins, other);
              }

          if (clear)
            break;

          y += (int) rect.height + GRID * 2;
          sl_document_move_note (self->document, note, sl_note_get_lane (note), sl_note_get_x (note), y);
        }
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

/* Editing text on the card */

static void
stop_editing (SlCanvas *self,
              gboolean  commit)
{
  SlHistory *history = sl_document_get_history (self->document);
  g_autoptr(SlNote) note = g_steal_pointer (&self->editing);

  if (note == NULL)
    return;

  if (commit)
    {
      sl_document_set_note_text (self->document, note, gtk_editable_get_text (GTK_EDITABLE (self->editor)));
      sl_history_end_group (history);
      sl_history_seal (history);
    }
  else
    sl_history_cancel_group (history);

  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  queue_draw (self);
}

static void
editor_activate_cb (SlCanvas *self)
{
  stop_editing (self, TRUE);
}

static gboolean
editor_key_pressed_cb (SlCanvas        *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if (keyval == GDK_KEY_Escape)
    {
      stop_editing (self, FALSE);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
editor_focus_leave_cb (SlCanvas *self)
{
  if (self->editing != NULL)
    stop_editing (self, TRUE);
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

  g_return_if_fail (SL_IS_CANVAS (self));
  g_return_if_fail (SL_IS_NOTE (note));

  if (self->editing != NULL)
    stop_editing (self, TRUE);

  history = sl_document_get_history (self->document);
  if (!sl_history_in_group (history))
    sl_history_begin_group (history, _("Edit Text"));

  self->editing = g_object_ref (note);
  gtk_editable_set_text (GTK_EDITABLE (self->editor), sl_note_get_text (note));
  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
}

gboolean
sl_canvas_is_editing (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), FALSE);

  return self->editing != NULL;
}

/* Adding notes */

static SlLane *
lane_for_kind (SlCanvas *self,
               SlNoteKind kind,
               SlLane   *near)
{
  GListModel *lanes = sl_document_get_lanes (self->document);
  SlLaneKind wanted = sl_layout_get_lane_kind_for (kind);

  if (near != NULL &&
      (sl_lane_get_kind (near) == wanted || sl_lane_get_kind (near) == SL_LANE_UNSORTED))
    return near;

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);

      if (sl_lane_get_kind (lane) == wanted)
        return lane;
    }

  if (near != NULL)
    return near;
  if (g_list_model_get_n_items (lanes) > 0)
    return sl_element_list_peek (SL_ELEMENT_LIST (lanes), 0);

  return sl_document_add_lane (self->document, SL_LANE_UNSORTED, _("Timeline"), -1);
}

static gboolean
place_is_free (SlCanvas *self,
               SlLane   *lane,
               int       x,
               int       y,
               SlNoteKind kind)
{
  SlRect lane_rect, rect;
  double width, height;
  gboolean free = TRUE;

  sl_layout_get_lane_rect (self->layout, lane, &lane_rect);
  sl_layout_get_note_size (kind, &width, &height);
  rect = (SlRect) { x, lane_rect.y + SL_LAYOUT_LANE_PADDING + y, width, height };

  for (double px = rect.x + 1; px < rect.x + rect.width && free; px += rect.width / 2 - 1)
    for (double py = rect.y + 1; py < rect.y + rect.height && free; py += rect.height / 2 - 1)
      free = sl_layout_get_note_at (self->layout, px, py) == NULL;

  return free;
}

static void
scroll_into_view (SlCanvas *self,
                  SlNote   *note)
{
  SlRect rect, view;

  sl_layout_get_note_rect (self->layout, note, &rect);
  sl_canvas_get_visible_region (self, &view);

  if (view.width <= 0 || view.height <= 0)
    return;

  if (rect.x + rect.width > view.x + view.width - 20 / self->zoom)
    self->origin_x = rect.x + rect.width - view.width + 60 / self->zoom;
  if (rect.x < view.x + SL_LAYOUT_LANE_HEADER_WIDTH / self->zoom)
    self->origin_x = rect.x - (SL_LAYOUT_LANE_HEADER_WIDTH + 40) / self->zoom;
  if (rect.y + rect.height > view.y + view.height)
    self->origin_y = rect.y + rect.height - view.height + 40 / self->zoom;
  if (rect.y < view.y)
    self->origin_y = rect.y - 40 / self->zoom;

  queue_draw (self);
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
  SlHistory *history;
  SlLane *lane;
  SlRect lane_rect;
  SlNote *note;
  double width, height;
  int x, y;

  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  if (self->editing != NULL)
    stop_editing (self, TRUE);

  history = sl_document_get_history (self->document);
  sl_history_begin_group (history, _("Add Note"));

  lane = sl_layout_get_lane_at (self->layout, board_y);
  if (lane == NULL)
    lane = lane_for_kind (self, kind, NULL);

  sl_layout_get_lane_rect (self->layout, lane, &lane_rect);
  sl_layout_get_note_size (kind, &width, &height);
  x = snap (board_x - width / 2);
  y = MAX (0, snap (board_y - lane_rect.y - SL_LAYOUT_LANE_PADDING - height / 2));

  note = sl_document_add_note (self->document, kind, lane, x, y, NULL);
  sl_canvas_select (self, note, FALSE);
  scroll_into_view (self, note);
  sl_canvas_edit_note (self, note);
  return note;
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
  SlHistory *history;
  SlLane *lane;
  SlNote *note;
  int x, y = 0;

  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  if (self->editing != NULL)
    stop_editing (self, TRUE);

  if (self->anchor == NULL)
    {
      double bx, by;
      SlRect view;

      if (self->has_pointer)
        {
          sl_canvas_widget_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
          if (sl_layout_get_lane_at (self->layout, by) != NULL)
            return sl_canvas_add_note_at (self, kind, bx, by);
        }

      sl_canvas_get_visible_region (self, &view);
      history = sl_document_get_history (self->document);
      sl_history_begin_group (history, _("Add Note"));
      lane = lane_for_kind (self, kind, NULL);
      x = snap (view.x + (SL_LAYOUT_LANE_HEADER_WIDTH + 60) / self->zoom);
    }
  else
    {
      SlRect rect;

      history = sl_document_get_history (self->document);
      sl_history_begin_group (history, _("Add Note"));
      lane = lane_for_kind (self, kind, sl_note_get_lane (self->anchor));
      sl_layout_get_note_rect (self->layout, self->anchor, &rect);
      x = sl_note_get_x (self->anchor);
      if (lane == sl_note_get_lane (self->anchor))
        {
          x += (int) rect.width + NOTE_GAP;
          y = sl_note_get_y (self->anchor);
        }
    }

  while (!place_is_free (self, lane, x, y, kind))
    x += 200;

  note = sl_document_add_note (self->document, kind, lane, x, y, NULL);
  sl_canvas_select (self, note, FALSE);
  scroll_into_view (self, note);
  sl_canvas_edit_note (self, note);
  return note;
}

/**
 * sl_canvas_show_note:
 *
 * Selects @note and brings it into view, as a click on a problem does.
 */
void
sl_canvas_show_note (SlCanvas *self,
                     SlNote   *note)
{
  g_return_if_fail (SL_IS_CANVAS (self));
  g_return_if_fail (SL_IS_NOTE (note));

  sl_canvas_select (self, note, FALSE);
  scroll_into_view (self, note);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/**
 * sl_canvas_set_dimmed_kinds:
 * @kinds: a bit mask of `1 << SlNoteKind`, 0 for none
 *
 * Fades the notes of these kinds.
 */
void
sl_canvas_set_dimmed_kinds (SlCanvas *self,
                            guint     kinds)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  sl_renderer_set_dimmed_kinds (self->renderer, kinds);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sl_canvas_get_dimmed_kinds:
 *
 * Returns: the bit mask of the kinds drawn faded
 */
guint
sl_canvas_get_dimmed_kinds (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), 0);

  return sl_renderer_get_dimmed_kinds (self->renderer);
}

/**
 * sl_canvas_describe_field_at:
 * @x: a point of the widget
 * @y: a point of the widget
 *
 * Says where the value of the field under @x, @y comes from and where it
 * goes: what the tooltip of the field shows.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when there is
 *   no field there
 */
char *
sl_canvas_describe_field_at (SlCanvas *self,
                             double    x,
                             double    y)
{
  SlNote *note;
  SlField *field;
  double bx, by;

  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  sl_canvas_widget_to_board (self, x, y, &bx, &by);
  if ((note = sl_layout_get_note_at (self->layout, bx, by)) == NULL ||
      (field = sl_renderer_get_field_at (self->renderer, note, bx, by, self->zoom)) == NULL)
    return NULL;

  return sl_field_tooltip_describe (self->document, note, field);
}

static gboolean
sl_canvas_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip)
{
  SlCanvas *self = SL_CANVAS (widget);
  g_autofree char *text = NULL;

  if (keyboard_mode || self->drag_mode != DRAG_NONE)
    return FALSE;

  if ((text = sl_canvas_describe_field_at (self, x, y)) == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * sl_canvas_set_problems:
 * @problems: (nullable) (element-type SlProblem): what the check found
 *
 * Marks on the board the notes that fail @step and the fields with no
 * origin or no destination.
 */
void
sl_canvas_set_problems (SlCanvas  *self,
                        GPtrArray *problems,
                        guint      step)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  sl_renderer_set_problems (self->renderer, problems, step);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Selection */

/**
 * sl_canvas_get_selection:
 *
 * Returns: (transfer container) (element-type SlNote): the selected notes
 */
GList *
sl_canvas_get_selection (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  return g_hash_table_get_keys (self->selection);
}

void
sl_canvas_select (SlCanvas *self,
                  SlNote   *note,
                  gboolean  add)
{
  g_return_if_fail (SL_IS_CANVAS (self));
  g_return_if_fail (SL_IS_NOTE (note));

  if (!add)
    g_hash_table_remove_all (self->selection);
  g_hash_table_add (self->selection, note);
  self->anchor = note;
  selection_changed (self);
}

void
sl_canvas_unselect_all (SlCanvas *self)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  if (g_hash_table_size (self->selection) == 0)
    return;

  g_hash_table_remove_all (self->selection);
  self->anchor = NULL;
  selection_changed (self);
}

void
sl_canvas_delete_selection (SlCanvas *self)
{
  SlHistory *history;
  GList *notes;

  g_return_if_fail (SL_IS_CANVAS (self));

  if (g_hash_table_size (self->selection) == 0)
    return;

  history = sl_document_get_history (self->document);
  notes = g_hash_table_get_keys (self->selection);
  sl_history_begin_group (history, g_list_length (notes) > 1 ? _("Delete Notes") : _("Delete Note"));
  for (GList *l = notes; l != NULL; l = l->next)
    sl_document_remove_note (self->document, l->data);
  sl_history_end_group (history);
  g_list_free (notes);

  sl_canvas_unselect_all (self);
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

/* Zoom and pan */

double
sl_canvas_get_zoom (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), 1.0);

  return self->zoom;
}

/**
 * sl_canvas_set_zoom:
 *
 * Zooms around a point of the widget, which keeps showing the same point
 * of the board.
 */
void
sl_canvas_set_zoom (SlCanvas *self,
                    double    zoom,
                    double    widget_x,
                    double    widget_y)
{
  double bx, by;

  g_return_if_fail (SL_IS_CANVAS (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;

  sl_canvas_widget_to_board (self, widget_x, widget_y, &bx, &by);
  self->zoom = zoom;
  self->origin_x = bx - widget_x / zoom;
  self->origin_y = by - widget_y / zoom;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  queue_draw (self);
}

void
sl_canvas_scroll_to (SlCanvas *self,
                     double    board_x,
                     double    board_y)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  self->origin_x = board_x;
  self->origin_y = board_y;
  queue_draw (self);
}

void
sl_canvas_zoom_to_fit (SlCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  SlRect bounds;
  double zoom;

  g_return_if_fail (SL_IS_CANVAS (self));

  if (width <= 0 || height <= 0)
    return;

  sl_layout_get_bounds (self->layout, &bounds);
  zoom = CLAMP (MIN (width / bounds.width, height / bounds.height), MIN_ZOOM, 1.0);
  self->zoom = zoom;
  self->origin_x = bounds.x;
  self->origin_y = bounds.y;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  queue_draw (self);
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
  queue_draw (self);
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

/* Pointer gestures */

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

  if (button == GDK_BUTTON_SECONDARY)
    {
      /* The lane menu's: a right click keeps the selection. */
      self->drag_mode = DRAG_NONE;
      return;
    }

  if (self->editing != NULL)
    stop_editing (self, TRUE);

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

  note = sl_layout_get_note_at (self->layout, bx, by);

  if (note != NULL)
    {
      if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        {
          if (g_hash_table_contains (self->selection, note) && (state & GDK_CONTROL_MASK))
            {
              g_hash_table_remove (self->selection, note);
              selection_changed (self);
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
  else
    {
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

  queue_draw (self);
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
      selection_changed (self);
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
  g_hash_table_remove_all (self->drag_origins);
  queue_draw (self);
}

static void
drag_cancel_cb (SlCanvas *self)
{
  if (self->drag_mode == DRAG_MOVE && self->drag_active)
    sl_history_cancel_group (sl_document_get_history (self->document));

  self->drag_mode = DRAG_NONE;
  self->drag_active = FALSE;
  self->drag_note = NULL;
  g_hash_table_remove_all (self->drag_origins);
  queue_draw (self);
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

  /* A double click on an empty place of a lane adds the lane's kind of note. */
  lane = sl_layout_get_lane_at (self->layout, by);
  if (lane != NULL)
    sl_canvas_add_note_at (self, sl_layout_get_natural_kind (sl_lane_get_kind (lane)), bx, by);
}

/* Keyboard */

static const struct {
  guint keyval;
  SlNoteKind kind;
} kind_keys[] = {
  { GDK_KEY_e, SL_NOTE_EVENT },
  { GDK_KEY_c, SL_NOTE_COMMAND },
  { GDK_KEY_v, SL_NOTE_VIEW },
  { GDK_KEY_s, SL_NOTE_SCREEN },
  { GDK_KEY_a, SL_NOTE_AUTOMATION },
  { GDK_KEY_x, SL_NOTE_EXTERNAL },
  { GDK_KEY_g, SL_NOTE_AGGREGATE },
  { GDK_KEY_u, SL_NOTE_ACTOR },
  { GDK_KEY_h, SL_NOTE_HOTSPOT },
  { GDK_KEY_n, SL_NOTE_COMMENT },
};

static gboolean
key_pressed_cb (SlCanvas        *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  SlHistory *history = sl_document_get_history (self->document);

  if (self->editing != NULL)
    return GDK_EVENT_PROPAGATE;

  /* During a drag only Escape counts: it takes the drag back. */
  if (self->drag_mode != DRAG_NONE && self->drag_active)
    {
      if (keyval == GDK_KEY_Escape)
        {
          if (self->drag_mode == DRAG_MOVE)
            sl_history_cancel_group (history);
          self->drag_mode = DRAG_NONE;
          self->drag_active = FALSE;
          g_hash_table_remove_all (self->drag_origins);
          queue_draw (self);
        }
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Escape)
    {
      sl_canvas_unselect_all (self);
      return GDK_EVENT_STOP;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_space)
    {
      self->space_held = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
      return GDK_EVENT_STOP;
    }

  for (guint i = 0; i < G_N_ELEMENTS (kind_keys); i++)
    if (gdk_keyval_to_lower (keyval) == kind_keys[i].keyval)
      {
        sl_canvas_add_note (self, kind_keys[i].kind);
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
    {
      self->space_held = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
    }
}

/* Actions */

static void
zoom_to_rect (SlCanvas     *self,
              const SlRect *rect,
              double        max_zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  if (width <= 0 || height <= 0 || rect->width <= 0 || rect->height <= 0)
    return;

  zoom = CLAMP (MIN (width / rect->width, height / rect->height), MIN_ZOOM, max_zoom);
  self->zoom = zoom;
  /* Centred in the view. */
  self->origin_x = rect->x + rect->width / 2 - width / zoom / 2;
  self->origin_y = rect->y + rect->height / 2 - height / zoom / 2;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  queue_draw (self);
}

/**
 * sl_canvas_get_selection_bounds:
 * @bounds: (out): the smallest rectangle around the selected notes
 *
 * Returns: whether a note is selected (@bounds is set only then)
 */
gboolean
sl_canvas_get_selection_bounds (SlCanvas *self,
                                SlRect   *bounds)
{
  GHashTableIter iter;
  gpointer note;
  double left = G_MAXDOUBLE, top = G_MAXDOUBLE, right = -G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  SlRect rect;

  g_return_val_if_fail (SL_IS_CANVAS (self), FALSE);

  if (g_hash_table_size (self->selection) == 0)
    return FALSE;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    {
      sl_layout_get_note_rect (self->layout, note, &rect);
      left = MIN (left, rect.x);
      top = MIN (top, rect.y);
      right = MAX (right, rect.x + rect.width);
      bottom = MAX (bottom, rect.y + rect.height);
    }

  *bounds = (SlRect) { left, top, right - left, bottom - top };
  return TRUE;
}

static void
zoom_to_selection (SlCanvas *self)
{
  SlRect bounds, rect;

  if (!sl_canvas_get_selection_bounds (self, &bounds))
    return;

  /* A margin around, and room for the lane headers on the left. */
  rect = (SlRect) { bounds.x - 60 - SL_LAYOUT_LANE_HEADER_WIDTH, bounds.y - 60,
                    bounds.width + 120 + SL_LAYOUT_LANE_HEADER_WIDTH, bounds.height + 120 };
  zoom_to_rect (self, &rect, 2.0);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "canvas.zoom-in"))
    sl_canvas_set_zoom (self, self->zoom * 1.25, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    sl_canvas_set_zoom (self, self->zoom / 1.25, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    sl_canvas_set_zoom (self, 1.0, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-selection"))
    zoom_to_selection (self);
  else
    sl_canvas_zoom_to_fit (self);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  GListModel *notes = sl_document_get_notes (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    g_hash_table_add (self->selection, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
  selection_changed (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sl_canvas_delete_selection (SL_CANVAS (widget));
}

/* Lanes */

static SlLane *
lane_from_parameter (SlCanvas *self,
                     GVariant *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);

  return sl_document_lookup_lane (self->document, id);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SlCanvas         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  SlLane *lane = sl_document_lookup_lane (self->document, g_object_get_data (G_OBJECT (dialog), "lane-id"));

  if (g_str_equal (response, "rename") && lane != NULL)
    sl_document_set_lane_name (self->document, lane, gtk_editable_get_text (entry));
}

static void
rename_lane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);
  GtkWidget *dialog, *entry;

  if (lane == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Rename Lane"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), sl_lane_get_name (lane));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lane-id",
                          g_strdup (sl_element_get_id (SL_ELEMENT (lane))), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lane_kind_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  const char *id, *kind_name;
  SlLaneKind kind;
  SlLane *lane;

  g_variant_get (parameter, "(&s&s)", &id, &kind_name);
  lane = sl_document_lookup_lane (self->document, id);
  if (lane != NULL && sl_lane_kind_from_string (kind_name, &kind))
    sl_document_set_lane_kind (self->document, lane, kind);
}

static void
move_lane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);
  int position, n_lanes;

  if (lane == NULL)
    return;

  position = sl_document_get_lane_position (self->document, lane);
  n_lanes = g_list_model_get_n_items (sl_document_get_lanes (self->document));
  position += g_str_equal (action_name, "canvas.move-lane-up") ? -1 : 1;
  if (position >= 0 && position < n_lanes)
    sl_document_move_lane (self->document, lane, position);
}

static void
add_lane_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);
  int position = lane ? sl_document_get_lane_position (self->document, lane) + 1 : -1;
  SlLaneKind kind = lane ? sl_lane_get_kind (lane) : SL_LANE_EVENTS;

  sl_document_add_lane (self->document, kind, _("New Lane"), position);
}

static void
remove_lane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);

  /* Its notes go with it, in the same undo step. */
  if (lane != NULL)
    sl_document_remove_lane (self->document, lane);
}

static GMenuModel *
create_lane_menu (SlCanvas *self,
                  SlLane   *lane)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) lane_section = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  const char *id = sl_element_get_id (SL_ELEMENT (lane));

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Rename…"), NULL);

    g_menu_item_set_action_and_target_value (item, "canvas.rename-lane", g_variant_new_string (id));
    g_menu_append_item (lane_section, item);
  }

  for (SlLaneKind kind = 0; kind < SL_N_LANE_KINDS; kind++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (sl_lane_kind_get_label (kind), NULL);

      g_menu_item_set_action_and_target_value (item, "canvas.set-lane-kind",
                                               g_variant_new ("(ss)", id, sl_lane_kind_to_string (kind)));
      g_menu_append_item (kinds, item);
    }
  g_menu_append_submenu (lane_section, _("_Kind"), G_MENU_MODEL (kinds));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (lane_section));

  {
    g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
    g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);

    g_menu_item_set_action_and_target_value (up, "canvas.move-lane-up", g_variant_new_string (id));
    g_menu_item_set_action_and_target_value (down, "canvas.move-lane-down", g_variant_new_string (id));
    g_menu_append_item (order, up);
    g_menu_append_item (order, down);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));

  {
    g_autoptr(GMenuItem) below = g_menu_item_new (_("_Add Lane Below"), NULL);
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("Re_move Lane"), NULL);

    g_menu_item_set_action_and_target_value (below, "canvas.add-lane", g_variant_new_string (id));
    g_menu_item_set_action_and_target_value (remove, "canvas.remove-lane", g_variant_new_string (id));
    g_menu_append_item (add, below);
    g_menu_append_item (add, remove);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add));

  return G_MENU_MODEL (menu);
}

static void
context_pressed_cb (SlCanvas        *self,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkGestureClick *gesture)
{
  g_autoptr(GMenuModel) model = NULL;
  double bx, by;
  SlLane *lane;

  sl_canvas_widget_to_board (self, x, y, &bx, &by);
  lane = sl_layout_get_lane_at (self->layout, by);
  if (lane == NULL)
    return;

  model = create_lane_menu (self, lane);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->lane_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->lane_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->lane_menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The clipboard */

#define PASTE_OFFSET_X 40
#define PASTE_OFFSET_Y 20

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
  selection_changed (self);
  if (self->anchor != NULL)
    scroll_into_view (self, self->anchor);
}

static gboolean
copy_selection (SlCanvas *self)
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

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  copy_selection (SL_CANVAS (widget));
}

static void
cut_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);

  if (copy_selection (self))
    sl_canvas_delete_selection (self);
}

static void
paste_text (SlCanvas   *self,
            const char *text)
{
  g_autoptr(GBytes) fragment = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  notes = sl_fragment_paste (self->document, fragment, PASTE_OFFSET_X, PASTE_OFFSET_Y, &error);
  if (notes == NULL)
    {
      /* Translators: %s says what is wrong with what was on the clipboard */
      g_autofree char *message = g_strdup_printf (_("Nothing to paste: the clipboard holds no Stormline notes (%s)"),
                                                  error->message);

      g_signal_emit (self, signals[MESSAGE], 0, message);
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
      g_signal_emit (self, signals[MESSAGE], 0, _("Nothing to paste: the clipboard holds no text"));
      return;
    }

  paste_text (self, text);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_read_cb,
                                 g_object_ref (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  g_autoptr(GList) notes = selection_in_order (self);
  g_autoptr(GBytes) fragment = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  if (notes == NULL)
    return;

  fragment = sl_fragment_copy (self->document, notes);
  copies = sl_fragment_paste (self->document, fragment, PASTE_OFFSET_X, PASTE_OFFSET_Y, NULL);
  select_pasted (self, copies);
}

/* GtkWidget */

static void
sl_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  SlCanvas *self = SL_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SlRect region;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  sl_canvas_get_visible_region (self, &region);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->origin_x, -self->origin_y);

  sl_renderer_set_selection (self->renderer, self->selection);
  sl_renderer_draw (self->renderer, cr, &region, self->zoom);
  sl_renderer_draw_lane_headers (self->renderer, cr, &region, self->zoom);

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

  cairo_destroy (cr);

  if (self->editor != NULL && gtk_widget_get_visible (self->editor))
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

static void
sl_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlRect rect;
  double x, y;
  int editor_height;

  gtk_popover_present (GTK_POPOVER (self->lane_menu));

  if (self->editing == NULL || !gtk_widget_get_visible (self->editor))
    return;

  /* The editor covers the card's text, at the card's size on screen. */
  sl_layout_get_note_rect (self->layout, self->editing, &rect);
  sl_canvas_board_to_widget (self, rect.x, rect.y + 18, &x, &y);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, NULL, &editor_height, NULL, NULL);
  gtk_widget_size_allocate (self->editor,
                            &(GtkAllocation) { (int) x, (int) y, MAX (120, (int) (rect.width * self->zoom)),
                                               editor_height },
                            -1);
}

static void
sl_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

static void
sl_canvas_constructed (GObject *object)
{
  SlCanvas *self = (SlCanvas *)object;

  G_OBJECT_CLASS (sl_canvas_parent_class)->constructed (object);

  self->layout = sl_layout_new (self->document);
  self->renderer = sl_renderer_new (self->layout);

  g_signal_connect_object (self->document, "element-changed",
                           G_CALLBACK (queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_notes (self->document), "items-changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_lanes (self->document), "items-changed",
                           G_CALLBACK (queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_style (self);

  /* Start with the lane headers in view and the first lane at the top. */
  self->origin_x = -SL_LAYOUT_LANE_HEADER_WIDTH - 20;
  self->origin_y = 0;
}

static void
sl_canvas_dispose (GObject *object)
{
  SlCanvas *self = (SlCanvas *)object;

  if (self->editing != NULL)
    stop_editing (self, FALSE);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->lane_menu, gtk_widget_unparent);
  g_clear_object (&self->renderer);
  g_clear_object (&self->layout);
  g_clear_object (&self->document);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->drag_origins, g_hash_table_unref);

  G_OBJECT_CLASS (sl_canvas_parent_class)->dispose (object);
}

static void
sl_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlCanvas *self = SL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlCanvas *self = SL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_ZOOM:
      sl_canvas_set_zoom (self, g_value_get_double (value), 0, 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_canvas_class_init (SlCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_canvas_constructed;
  object_class->dispose = sl_canvas_dispose;
  object_class->get_property = sl_canvas_get_property;
  object_class->set_property = sl_canvas_set_property;

  widget_class->snapshot = sl_canvas_snapshot;
  widget_class->size_allocate = sl_canvas_size_allocate;
  widget_class->measure = sl_canvas_measure;
  widget_class->query_tooltip = sl_canvas_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SL_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         MIN_ZOOM, MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SlCanvas::view-changed:
   *
   * Emitted when what the canvas shows changes: the board, the part of it
   * in view, or the zoom.
   */
  signals[VIEW_CHANGED] =
    g_signal_new ("view-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SlCanvas::message:
   * @text: what to tell the user
   *
   * Emitted when something the user asked for could not be done, with a
   * short sentence that says why, for the window to show.
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-selection", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename-lane", "s", rename_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-lane-kind", "(ss)", lane_kind_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-lane-up", "s", move_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-lane-down", "s", move_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", "s", add_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.remove-lane", "s", remove_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "canvas.zoom-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);

  gtk_widget_class_set_css_name (widget_class, "board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sl_canvas_init (SlCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->selection = g_hash_table_new (NULL, NULL);
  self->drag_origins = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Board"),
                                  -1);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->lane_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->lane_menu), FALSE);
  gtk_widget_set_halign (self->lane_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->lane_menu, GTK_WIDGET (self));

  self->editor = gtk_entry_new ();
  gtk_widget_add_css_class (self->editor, "note-editor");
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect_swapped (self->editor, "activate", G_CALLBACK (editor_activate_cb), self);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (editor_key_pressed_cb), self);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (editor_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);
}

/**
 * sl_canvas_new:
 *
 * Returns: (transfer floating): a board showing @document
 */
GtkWidget *
sl_canvas_new (SlDocument *document)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  return g_object_new (SL_TYPE_CANVAS, "document", document, NULL);
}

/**
 * sl_canvas_get_document:
 *
 * Returns: (transfer none): the document shown
 */
SlDocument *
sl_canvas_get_document (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  return self->document;
}

/**
 * sl_canvas_get_layout:
 *
 * Returns: (transfer none): where the board's elements stand
 */
SlLayout *
sl_canvas_get_layout (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  return self->layout;
}
