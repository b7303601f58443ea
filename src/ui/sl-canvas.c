/* sl-canvas.c: the board, drawn and edited
 *
 * One widget draws the board through the renderer that print and export
 * use, and turns pointer and keyboard into document mutations. This file
 * is the view: the part of the board in view and the zoom, the selection,
 * and the drawing; sl-canvas-gestures.c holds the pointer,
 * sl-canvas-editing.c the keyboard and the clipboard, sl-canvas-focus.c
 * the keyboard's place on the board, sl-canvas-actions.c the actions and
 * their shortcuts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-canvas-private.h"
#include "sl-field-tooltip.h"

#define MIN_ZOOM 0.02
#define MAX_ZOOM 4.0

G_DEFINE_FINAL_TYPE (SlCanvas, sl_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_FOCUS_NOTE,
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

/**
 * sl_canvas_get_desktop_style:
 *
 * Returns: the renderer's style for the desktop's: light or dark, each with
 *   high contrast
 */
SlRenderStyle
sl_canvas_get_desktop_style (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);

  if (adw_style_manager_get_high_contrast (style))
    return dark ? SL_RENDER_STYLE_HIGH_CONTRAST_DARK : SL_RENDER_STYLE_HIGH_CONTRAST;
  return dark ? SL_RENDER_STYLE_DARK : SL_RENDER_STYLE_LIGHT;
}

static void
update_style (SlCanvas *self)
{
  sl_renderer_set_style (self->renderer, sl_canvas_get_desktop_style ());
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_sl_canvas_selection_changed (SlCanvas *self)
{
  /* Notes and a connection are not selected together. */
  if (g_hash_table_size (self->selection) > 0)
    g_clear_object (&self->selected_connection);
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
    _sl_canvas_selection_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_sl_canvas_queue_draw (SlCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* The text editor follows its note. Only while a note is edited: an
   * allocation costs a layout phase of the window, which under X asks the
   * server for the monitor and its work area, at every frame of a pan. */
  if (self->editing != NULL)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

/* Something the user asked for could not be done: @text says why. */
void
_sl_canvas_emit_message (SlCanvas   *self,
                         const char *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

void
_sl_canvas_scroll_into_view (SlCanvas *self,
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
  _sl_canvas_clear_overlays (self, &rect);

  _sl_canvas_queue_draw (self);
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
  _sl_canvas_scroll_into_view (self, note);
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

  if (problems != NULL)
    g_ptr_array_ref (problems);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems;

  sl_renderer_set_problems (self->renderer, problems, step);
  _sl_canvas_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sl_canvas_set_found:
 * @notes: (nullable) (element-type SlNote): what the find bar found
 * @current: (nullable): the one of them it is at, brought into view
 *
 * Marks the notes found, on the screen only: printing draws the board as
 * it is.
 */
void
sl_canvas_set_found (SlCanvas  *self,
                     GPtrArray *notes,
                     SlNote    *current)
{
  g_return_if_fail (SL_IS_CANVAS (self));
  g_return_if_fail (current == NULL || SL_IS_NOTE (current));

  g_clear_pointer (&self->found, g_hash_table_unref);
  if (notes != NULL && notes->len > 0)
    {
      self->found = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      for (guint i = 0; i < notes->len; i++)
        g_hash_table_add (self->found, g_object_ref (g_ptr_array_index (notes, i)));
    }
  g_set_object (&self->found_current, current);

  sl_renderer_set_found (self->renderer, self->found, current);
  if (current != NULL)
    _sl_canvas_scroll_into_view (self, current);
  _sl_canvas_queue_draw (self);
}

/**
 * sl_canvas_set_marks:
 * @marks: (nullable): #SlNote to #SlRenderMark, as sl_renderer_set_marks() takes
 * @ghosts: (nullable) (element-type SlRenderGhost): the notes the other
 *   version has more, where they stood
 *
 * Marks how the board differs from another version of the model, on the
 * screen only: printing draws the board as it is.
 */
void
sl_canvas_set_marks (SlCanvas   *self,
                     GHashTable *marks,
                     GArray     *ghosts)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  if (marks != NULL)
    g_hash_table_ref (marks);
  if (ghosts != NULL)
    g_array_ref (ghosts);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->ghosts, g_array_unref);
  self->marks = marks;
  self->ghosts = ghosts;

  sl_renderer_set_marks (self->renderer, marks, ghosts);
  _sl_canvas_queue_draw (self);
}

/**
 * sl_canvas_get_marks:
 * @ghosts: (out) (optional) (transfer none): the notes the other version
 *   has more
 *
 * Returns: (nullable) (transfer none): how the notes differ from the
 *   version compared with, or %NULL when none is
 */
GHashTable *
sl_canvas_get_marks (SlCanvas  *self,
                     GArray   **ghosts)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  if (ghosts != NULL)
    *ghosts = self->ghosts;
  return self->marks;
}

/**
 * sl_canvas_get_found:
 * @current: (out) (optional) (transfer none): the note the find bar is at
 *
 * Returns: (nullable) (transfer none): the set of notes found, or %NULL
 */
GHashTable *
sl_canvas_get_found (SlCanvas  *self,
                     SlNote   **current)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  if (current != NULL)
    *current = self->found_current;
  return self->found;
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
  _sl_canvas_set_focus (self, note, NULL);
  _sl_canvas_selection_changed (self);
}

/* Puts the keyboard on @note, else on the header of @lane. */
void
_sl_canvas_set_focus (SlCanvas *self,
                      SlNote   *note,
                      SlLane   *lane)
{
  gboolean note_changed = self->focus != note;

  self->focus = note;
  self->focus_lane = note != NULL ? NULL : lane;
  _sl_canvas_update_accessible (self);
  if (note_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_NOTE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_canvas_unselect_all (SlCanvas *self)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  if (g_hash_table_size (self->selection) == 0)
    return;

  g_hash_table_remove_all (self->selection);
  self->anchor = NULL;
  _sl_canvas_selection_changed (self);
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
  _sl_canvas_queue_draw (self);
}

void
sl_canvas_scroll_to (SlCanvas *self,
                     double    board_x,
                     double    board_y)
{
  g_return_if_fail (SL_IS_CANVAS (self));

  self->origin_x = board_x;
  self->origin_y = board_y;
  _sl_canvas_queue_draw (self);
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
  _sl_canvas_queue_draw (self);
}

void
_sl_canvas_zoom_to_rect (SlCanvas     *self,
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
  _sl_canvas_queue_draw (self);
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
  sl_renderer_set_selected_connection (self->renderer, self->selected_connection);
  sl_renderer_draw (self->renderer, cr, &region, self->zoom);
  sl_renderer_draw_lane_headers (self->renderer, cr, &region, self->zoom);
  _sl_canvas_draw_focus (self, cr, &region);

  _sl_canvas_draw_gesture (self, cr);
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

  gtk_popover_present (GTK_POPOVER (self->lane_menu));
  _sl_canvas_allocate_editor (self);
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
                           G_CALLBACK (_sl_canvas_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (_sl_canvas_queue_draw), self, G_CONNECT_SWAPPED);
  /* After the focus has left a note the step removed. */
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (_sl_canvas_update_accessible), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_notes (self->document), "items-changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_lanes (self->document), "items-changed",
                           G_CALLBACK (_sl_canvas_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_style (self);
  _sl_canvas_connections_init (self);
  _sl_canvas_focus_init (self);
  _sl_canvas_update_accessible (self);

  /* Start with the lane headers in view and the first lane at the top. */
  self->origin_x = -SL_LAYOUT_LANE_HEADER_WIDTH - 20;
  self->origin_y = 0;
}

static void
sl_canvas_dispose (GObject *object)
{
  SlCanvas *self = (SlCanvas *)object;

  if (self->editing != NULL)
    _sl_canvas_stop_editing (self, FALSE);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_object (&self->editor_style);
  g_clear_pointer (&self->lane_menu, gtk_widget_unparent);
  g_clear_object (&self->renderer);
  g_clear_object (&self->layout);
  g_clear_object (&self->document);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->found, g_hash_table_unref);
  g_clear_object (&self->found_current);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->ghosts, g_array_unref);
  g_clear_object (&self->selected_connection);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->accessible_label, g_free);
  g_clear_pointer (&self->accessible_description, g_free);
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

    case PROP_FOCUS_NOTE:
      g_value_set_object (value, self->focus);
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

    case PROP_FOCUS_NOTE:
      sl_canvas_set_focus_note (self, g_value_get_object (value));
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

  /**
   * SlCanvas:focus-note:
   *
   * The note the keyboard is on: the arrow keys, Tab, Home and End move
   * it, and the selection follows it.
   */
  properties[PROP_FOCUS_NOTE] =
    g_param_spec_object ("focus-note", NULL, NULL,
                         SL_TYPE_NOTE,
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

  _sl_canvas_class_actions_init (klass);
  _sl_canvas_class_slices_init (klass);
  _sl_canvas_class_menus_init (klass);

  gtk_widget_class_set_css_name (widget_class, "board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The board takes the keyboard back from a menu that closes, unless what
 * the menu did gave it to something else (the text editor): without a
 * focus in the window, its shortcuts and the note keys would go nowhere. */
static void
menu_closed_cb (SlCanvas *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if (focus == NULL || focus == self->lane_menu || gtk_widget_is_ancestor (focus, self->lane_menu))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
sl_canvas_init (SlCanvas *self)
{
  self->zoom = 1.0;
  self->selection = g_hash_table_new (NULL, NULL);
  self->drag_origins = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  _sl_canvas_gestures_init (self);

  self->lane_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->lane_menu), FALSE);
  gtk_widget_set_halign (self->lane_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->lane_menu, GTK_WIDGET (self));
  g_signal_connect_object (self->lane_menu, "closed", G_CALLBACK (menu_closed_cb), self, G_CONNECT_SWAPPED);

  _sl_canvas_editing_init (self);
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
