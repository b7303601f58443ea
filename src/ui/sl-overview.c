/* sl-overview.c: a map of the whole board that shows and moves the view
 *
 * The map draws the board through the renderer at the map's scale (from
 * that far out, the renderer sets the notes into an image), with what the
 * find bar found marked as on the board, and the part of the board the
 * canvas shows as a frame. Pressing or dragging on the map
 * centres the canvas there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-overview.h"
#include "sl-renderer.h"

#define MAP_WIDTH 240
#define MAP_HEIGHT 120

struct _SlOverview
{
  GtkWidget parent_instance;

  SlCanvas *canvas;     /* not owned: the canvas outlives its map */
  SlRenderer *renderer;
  double drag_x, drag_y;
};

G_DEFINE_FINAL_TYPE (SlOverview, sl_overview, GTK_TYPE_WIDGET)

/* The map's scale and where the board's bounds start in it. */
static double
map_scale (SlOverview *self,
           SlRect     *bounds)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  sl_layout_get_bounds (sl_canvas_get_layout (self->canvas), bounds);
  return MIN (width / bounds->width, height / bounds->height);
}

static void
centre_canvas_at (SlOverview *self,
                  double      x,
                  double      y)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  double zoom = sl_canvas_get_zoom (self->canvas);
  SlRect bounds;
  double scale = map_scale (self, &bounds);

  if (scale <= 0)
    return;

  sl_canvas_scroll_to (self->canvas,
                       bounds.x + x / scale - gtk_widget_get_width (canvas) / zoom / 2,
                       bounds.y + y / scale - gtk_widget_get_height (canvas) / zoom / 2);
}

static void
drag_begin_cb (SlOverview *self,
               double      x,
               double      y)
{
  self->drag_x = x;
  self->drag_y = y;
  centre_canvas_at (self, x, y);
}

static void
drag_update_cb (SlOverview *self,
                double      dx,
                double      dy)
{
  centre_canvas_at (self, self->drag_x + dx, self->drag_y + dy);
}

static void
sl_overview_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  SlOverview *self = SL_OVERVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SlRect bounds, view;
  GHashTable *found;
  SlNote *current;
  double scale;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  scale = map_scale (self, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds.x, -bounds.y);
  found = sl_canvas_get_found (self->canvas, &current);
  sl_renderer_set_found (self->renderer, found, current);
  sl_renderer_draw (self->renderer, cr, &bounds, scale);
  cairo_restore (cr);

  sl_canvas_get_visible_region (self->canvas, &view);
  view = (SlRect) { (view.x - bounds.x) * scale, (view.y - bounds.y) * scale,
                    view.width * scale, view.height * scale };
  cairo_rectangle (cr, view.x, view.y, MAX (view.width, 2), MAX (view.height, 2));
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.18);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
sl_overview_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? MAP_WIDTH : MAP_HEIGHT;
}

static void
sl_overview_dispose (GObject *object)
{
  SlOverview *self = (SlOverview *)object;

  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (sl_overview_parent_class)->dispose (object);
}

static void
sl_overview_class_init (SlOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_overview_dispose;
  widget_class->snapshot = sl_overview_snapshot;
  widget_class->measure = sl_overview_measure;

  gtk_widget_class_set_css_name (widget_class, "overview");
}

static void
sl_overview_init (SlOverview *self)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();

  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "move");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("The whole board: drag to move the view"));
}

/**
 * sl_overview_new:
 *
 * Returns: (transfer floating): a map of the board @canvas shows
 */
GtkWidget *
sl_overview_new (SlCanvas *canvas)
{
  SlOverview *self;

  g_return_val_if_fail (SL_IS_CANVAS (canvas), NULL);

  self = g_object_new (SL_TYPE_OVERVIEW, NULL);
  self->canvas = canvas;
  self->renderer = sl_renderer_new (sl_canvas_get_layout (canvas));

  /* The canvas redraws for every change of the board or the view. */
  g_signal_connect_object (canvas, "view-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
