/* sl-overview.c: a map of the whole board that shows and moves the view
 *
 * The map draws the board through the renderer at the map's scale (from
 * that far out, the renderer sets the notes into an image), with what the
 * find bar found marked as on the board, and the part of the board the
 * canvas shows as a frame. Pressing or dragging on the map
 * centres the canvas there. Cards as pale as the lanes (screens) get an
 * outline, which the renderer's plain dabs of colour have not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>

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

  cairo_surface_t *outlines; /* A8: the edges of the pale cards, or NULL */
  SlRect outlines_bounds;    /* the board's bounds and the scale it is for */
  double outlines_scale;
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

typedef struct
{
  guint pale_kinds;     /* a bit mask of `1 << SlNoteKind` */
  const SlRect *bounds;
  double scale;
  guint8 *pixels;       /* of an A8 image the size of the map */
  int width;
  int height;
  int stride;
} Outline;

/* Sets the edge of the card of @note into the image: all of it when the
 * card is a pixel or two, which then shows as a grey dab. */
static gboolean
outline_note_cb (SlNote       *note,
                 const SlRect *rect,
                 gpointer      user_data)
{
  Outline *outline = user_data;
  int x0, y0, x1, y1;

  if (!(outline->pale_kinds & (1u << sl_note_get_kind (note))))
    return TRUE;

  x0 = CLAMP ((int) floor ((rect->x - outline->bounds->x) * outline->scale), 0, outline->width - 1);
  y0 = CLAMP ((int) floor ((rect->y - outline->bounds->y) * outline->scale), 0, outline->height - 1);
  x1 = CLAMP ((int) ceil ((rect->x + rect->width - outline->bounds->x) * outline->scale) - 1, x0, outline->width - 1);
  y1 = CLAMP ((int) ceil ((rect->y + rect->height - outline->bounds->y) * outline->scale) - 1, y0, outline->height - 1);

  for (int x = x0; x <= x1; x++)
    outline->pixels[y0 * outline->stride + x] = outline->pixels[y1 * outline->stride + x] = 0xff;
  for (int y = y0; y <= y1; y++)
    outline->pixels[y * outline->stride + x0] = outline->pixels[y * outline->stride + x1] = 0xff;
  return TRUE;
}

/* The kinds whose cards would vanish into a lane, almost white. */
static guint
pale_kinds (SlOverview *self)
{
  guint kinds = 0;

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      double rgb[3];

      sl_renderer_get_kind_color (self->renderer, kind, rgb);
      if (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 0.9)
        kinds |= 1u << kind;
    }
  return kinds;
}

/* Pixel by pixel, as the renderer sets a board seen from far out (a path
 * and a stroke a card took 90 ms a frame at 100,000 notes), and kept
 * while the board does not change: the map redraws as the view moves. */
static void
draw_outlines (SlOverview   *self,
               cairo_t      *cr,
               const SlRect *bounds,
               double        scale,
               int           width,
               int           height)
{
  Outline outline = { pale_kinds (self), bounds, scale };

  if (outline.pale_kinds == 0)
    return;

  if (self->outlines != NULL &&
      (cairo_image_surface_get_width (self->outlines) != width ||
       cairo_image_surface_get_height (self->outlines) != height ||
       self->outlines_scale != scale ||
       memcmp (&self->outlines_bounds, bounds, sizeof (SlRect)) != 0))
    g_clear_pointer (&self->outlines, cairo_surface_destroy);

  if (self->outlines == NULL)
    {
      self->outlines = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
      self->outlines_bounds = *bounds;
      self->outlines_scale = scale;
      cairo_surface_flush (self->outlines);
      outline.pixels = cairo_image_surface_get_data (self->outlines);
      outline.width = width;
      outline.height = height;
      outline.stride = cairo_image_surface_get_stride (self->outlines);
      sl_layout_foreach_note (sl_canvas_get_layout (self->canvas), outline_note_cb, &outline);
      cairo_surface_mark_dirty (self->outlines);
    }

  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_mask_surface (cr, self->outlines, 0, 0);
}

/* The map is the board in small: in the board's style. */
static void
update_style (SlOverview *self)
{
  sl_renderer_set_style (self->renderer, sl_canvas_get_desktop_style ());
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
board_changed_cb (SlOverview *self)
{
  g_clear_pointer (&self->outlines, cairo_surface_destroy);
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
  draw_outlines (self, cr, &bounds, scale, width, height);

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
  g_clear_pointer (&self->outlines, cairo_surface_destroy);

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
  SlDocument *document;

  g_return_val_if_fail (SL_IS_CANVAS (canvas), NULL);

  self = g_object_new (SL_TYPE_OVERVIEW, NULL);
  self->canvas = canvas;
  self->renderer = sl_renderer_new (sl_canvas_get_layout (canvas));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_style (self);

  /* The canvas redraws for every change of the board or the view. */
  g_signal_connect_object (canvas, "view-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  /* Where the cards stand changes only with the board. */
  document = sl_canvas_get_document (canvas);
  g_signal_connect_object (document, "element-changed", G_CALLBACK (board_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_notes (document), "items-changed", G_CALLBACK (board_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_lanes (document), "items-changed", G_CALLBACK (board_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
