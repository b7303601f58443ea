/* sl-overview.c: a map of the whole board that shows and moves the view
 *
 * The map draws the board through the renderer at the map's scale (from
 * that far out, the renderer sets the notes into an image), with what the
 * find bar found marked as on the board, and the part of the board the
 * canvas shows as a frame. Pressing or dragging on the map
 * centres the canvas there. Cards as pale as the lanes (screens) get an
 * outline, which the renderer's plain dabs of colour have not.
 *
 * The board is drawn once into a texture, kept until the board, what was
 * found, the style or the map's size changes: every change of the view
 * (each frame of a pan) draws only the frame over it. Drawing every note
 * took two thirds of a frame at 100,000 notes. Changes only drop the
 * texture, so that many in one frame cost one drawing, at the next frame.
 *
 * The map takes the board's shape, within limits: a board much wider than
 * high gets a low map, not a strip in an empty box. A board too long for
 * that (a generated board of 100,000 notes is 245 times as wide as high)
 * would still be a line a pixel high: the map then shows the board's full
 * height and the part of its length around the view, which it follows in
 * steps of a quarter of the map, with a bar along its edge that says
 * which part of the whole that is.
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
/* The least width or height the map takes for a board of another shape. */
#define MAP_MIN 48
/* Below this share of the map's width or height, the whole board is too
 * thin to read: the map shows a part of it. */
#define MAP_LEAST_SHARE 0.5
/* The bar that says which part of a long board the map shows. */
#define PART_BAR 3

struct _SlOverview
{
  GtkWidget parent_instance;

  SlCanvas *canvas;     /* not owned: the canvas outlives its map */
  SlRenderer *renderer;
  double drag_x, drag_y;
  gboolean dragging;      /* the part of a long board shown stays put */
  double part_start;      /* where the part shown starts along the board */
  int natural_width;      /* the size the map asked for */
  int natural_height;

  GdkTexture *board;      /* the board at the map's scale, or NULL to draw */
  SlRect board_bounds;    /* the part of the board drawn, the map's size and scale */
  int board_width;        /* factor it was drawn for: another means that */
  int board_height;       /* the board or the map changed */
  int board_scale_factor;
  GHashTable *board_found; /* the canvas's found set and current note it */
  SlNote *board_current;   /* marks: held, so that a new set is another pointer */
};

G_DEFINE_FINAL_TYPE (SlOverview, sl_overview, GTK_TYPE_WIDGET)

/* The map's size for a board of @bounds: its shape within limits. */
static void
natural_size (const SlRect *bounds,
              int          *width,
              int          *height)
{
  double aspect = bounds->width > 0 && bounds->height > 0 ? bounds->width / bounds->height : 2.0;

  if (aspect >= (double) MAP_WIDTH / MAP_HEIGHT)
    {
      *width = MAP_WIDTH;
      *height = CLAMP ((int) ceil (MAP_WIDTH / aspect), MAP_MIN, MAP_HEIGHT);
    }
  else
    {
      *width = CLAMP ((int) ceil (MAP_HEIGHT * aspect), MAP_MIN, MAP_WIDTH);
      *height = MAP_HEIGHT;
    }
}

/* Where the part of a board of @length that the map shows (@part long)
 * starts, along one axis: around the view, moved when the view's centre
 * leaves the middle half of it. */
static double
follow_view (SlOverview *self,
             double      start,
             double      length,
             double      part,
             double      view_start,
             double      view_length)
{
  double centre = view_start + view_length / 2;

  if (!self->dragging && (centre < self->part_start + part / 4 || centre > self->part_start + 3 * part / 4))
    self->part_start = centre - part / 2;
  self->part_start = CLAMP (self->part_start, start, start + length - part);
  return self->part_start;
}

/**
 * sl_overview_get_area:
 * @area: (out): the part of the board the map shows, in board units
 *
 * The whole board, or around the view the part of a board too long or too
 * high to read whole at the map's size.
 *
 * Returns: the map's scale: pixels a board unit
 */
double
sl_overview_get_area (SlOverview *self,
                      SlRect     *area)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  SlRect bounds, view;
  double scale;

  g_return_val_if_fail (SL_IS_OVERVIEW (self), 0);

  sl_layout_get_bounds (sl_canvas_get_layout (self->canvas), &bounds);
  *area = bounds;
  if (width <= 0 || height <= 0 || bounds.width <= 0 || bounds.height <= 0)
    return 0;

  scale = MIN (width / bounds.width, height / bounds.height);
  sl_canvas_get_visible_region (self->canvas, &view);
  if (bounds.height * scale < height * MAP_LEAST_SHARE)
    {
      scale = height / bounds.height;
      area->width = width / scale;
      area->x = follow_view (self, bounds.x, bounds.width, area->width, view.x, view.width);
    }
  else if (bounds.width * scale < width * MAP_LEAST_SHARE)
    {
      scale = width / bounds.width;
      area->height = height / scale;
      area->y = follow_view (self, bounds.y, bounds.height, area->height, view.y, view.height);
    }
  return scale;
}

/* The tooltip says whether the map shows the whole board. */
static void
update_tooltip (SlOverview *self)
{
  SlRect area, bounds;

  if (sl_overview_get_area (self, &area) <= 0)
    return;
  sl_layout_get_bounds (sl_canvas_get_layout (self->canvas), &bounds);
  if (area.width < bounds.width || area.height < bounds.height)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("The board around the view: drag to move the view"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("The whole board: drag to move the view"));
}

static void
centre_canvas_at (SlOverview *self,
                  double      x,
                  double      y)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  double zoom = sl_canvas_get_zoom (self->canvas);
  SlRect area;
  double scale = sl_overview_get_area (self, &area);

  if (scale <= 0)
    return;

  sl_canvas_scroll_to (self->canvas,
                       area.x + x / scale - gtk_widget_get_width (canvas) / zoom / 2,
                       area.y + y / scale - gtk_widget_get_height (canvas) / zoom / 2);
}

static void
drag_begin_cb (SlOverview *self,
               double      x,
               double      y)
{
  self->drag_x = x;
  self->drag_y = y;
  self->dragging = TRUE;
  centre_canvas_at (self, x, y);
}

static void
drag_end_cb (SlOverview *self)
{
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  const SlRect *bounds; /* the part of the board drawn */
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
 * and a stroke a card took 90 ms a frame at 100,000 notes). */
static void
draw_outlines (SlOverview   *self,
               cairo_t      *cr,
               const SlRect *bounds,
               double        scale,
               int           width,
               int           height)
{
  Outline outline = { pale_kinds (self), bounds, scale };
  cairo_surface_t *mask;
  SlRect whole;

  if (outline.pale_kinds == 0)
    return;

  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  cairo_surface_flush (mask);
  outline.pixels = cairo_image_surface_get_data (mask);
  outline.width = width;
  outline.height = height;
  outline.stride = cairo_image_surface_get_stride (mask);
  sl_layout_get_bounds (sl_canvas_get_layout (self->canvas), &whole);
  if (memcmp (&whole, bounds, sizeof (SlRect)) == 0)
    sl_layout_foreach_note (sl_canvas_get_layout (self->canvas), outline_note_cb, &outline);
  else
    sl_layout_foreach_note_in (sl_canvas_get_layout (self->canvas), bounds, outline_note_cb, &outline);
  cairo_surface_mark_dirty (mask);

  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_mask_surface (cr, mask, 0, 0);
  cairo_surface_destroy (mask);
}

static void
forget_board (SlOverview *self)
{
  g_clear_object (&self->board);
  g_clear_pointer (&self->board_found, g_hash_table_unref);
  g_clear_object (&self->board_current);
}

/* The board changed: drawn again at the next frame, once for all the
 * changes until then. */
static void
board_changed_cb (SlOverview *self)
{
  SlRect bounds;
  int width, height;

  forget_board (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* A board of another shape: a map of another size. */
  sl_layout_get_bounds (sl_canvas_get_layout (self->canvas), &bounds);
  natural_size (&bounds, &width, &height);
  if (width != self->natural_width || height != self->natural_height)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  update_tooltip (self);
}

/* The map is the board in small: in the board's style. */
static void
update_style (SlOverview *self)
{
  sl_renderer_set_style (self->renderer, sl_canvas_get_desktop_style ());
  board_changed_cb (self);
}

/* Whether the texture shows the board as the map must show it now. */
static gboolean
board_is_current (SlOverview   *self,
                  const SlRect *bounds,
                  int           width,
                  int           height,
                  int           scale_factor)
{
  SlNote *current;
  GHashTable *found = sl_canvas_get_found (self->canvas, &current);

  return self->board != NULL &&
         self->board_width == width && self->board_height == height &&
         self->board_scale_factor == scale_factor &&
         memcmp (&self->board_bounds, bounds, sizeof (SlRect)) == 0 &&
         self->board_found == found && self->board_current == current;
}

static void
draw_board (SlOverview   *self,
            const SlRect *bounds,
            double        scale,
            int           width,
            int           height,
            int           scale_factor)
{
  cairo_surface_t *surface;
  GHashTable *found;
  SlNote *current;
  GBytes *bytes;
  cairo_t *cr;

  forget_board (self);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale_factor, height * scale_factor);
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  cr = cairo_create (surface);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds->x, -bounds->y);
  found = sl_canvas_get_found (self->canvas, &current);
  sl_renderer_set_found (self->renderer, found, current);
  sl_renderer_draw (self->renderer, cr, bounds, scale);
  cairo_restore (cr);
  draw_outlines (self, cr, bounds, scale, width, height);
  cairo_destroy (cr);

  /* Cairo's ARGB32 is GDK's default memory format, premultiplied in the
   * machine's byte order: the texture takes the pixels as they are. */
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height * scale_factor,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  self->board = gdk_memory_texture_new (width * scale_factor, height * scale_factor, GDK_MEMORY_DEFAULT,
                                        bytes, cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);

  self->board_bounds = *bounds;
  self->board_width = width;
  self->board_height = height;
  self->board_scale_factor = scale_factor;
  self->board_found = found != NULL ? g_hash_table_ref (found) : NULL;
  g_set_object (&self->board_current, current);
}

static void
sl_overview_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  SlOverview *self = SL_OVERVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale_factor = gtk_widget_get_scale_factor (widget);
  GdkRGBA fill = { 0.21, 0.52, 0.89, 0.18 };
  GdkRGBA edge = { 0.21, 0.52, 0.89, 0.9 };
  GdkRGBA frame = { 0, 0, 0, 0.3 };
  SlRect area, bounds, view;
  GskRoundedRect outline;
  double scale;

  if (width <= 0 || height <= 0)
    return;

  scale = sl_overview_get_area (self, &area);
  if (scale <= 0)
    return;
  if (!board_is_current (self, &area, width, height, scale_factor))
    draw_board (self, &area, scale, width, height, scale_factor);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_texture (snapshot, self->board, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The view, at least 2 pixels so that it shows however far out, with
   * an edge 1.5 pixels wide on its outline. */
  sl_canvas_get_visible_region (self->canvas, &view);
  view = (SlRect) { (view.x - area.x) * scale, (view.y - area.y) * scale,
                    MAX (view.width * scale, 2), MAX (view.height * scale, 2) };
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (view.x, view.y, view.width, view.height));
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (view.x - 0.75, view.y - 0.75,
                                                                   view.width + 1.5, view.height + 1.5), 0);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1.5, 1.5, 1.5, 1.5 },
                              (GdkRGBA[4]) { edge, edge, edge, edge });

  /* A part of a long board: which part, as a scroll bar would say. */
  sl_layout_get_bounds (sl_canvas_get_layout (self->canvas), &bounds);
  if (area.width < bounds.width)
    {
      double start = (area.x - bounds.x) / bounds.width * width;
      double length = MAX (area.width / bounds.width * width, 4);

      gtk_snapshot_append_color (snapshot, &frame, &GRAPHENE_RECT_INIT (0, height - PART_BAR, width, PART_BAR));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (MIN (start, width - length), height - PART_BAR,
                                                                        length, PART_BAR));
    }
  else if (area.height < bounds.height)
    {
      double start = (area.y - bounds.y) / bounds.height * height;
      double length = MAX (area.height / bounds.height * height, 4);

      gtk_snapshot_append_color (snapshot, &frame, &GRAPHENE_RECT_INIT (width - PART_BAR, 0, PART_BAR, height));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (width - PART_BAR, MIN (start, height - length),
                                                                        PART_BAR, length));
    }

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 0);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { frame, frame, frame, frame });
  gtk_snapshot_pop (snapshot);
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
  SlOverview *self = SL_OVERVIEW (widget);
  SlRect bounds;

  sl_layout_get_bounds (sl_canvas_get_layout (self->canvas), &bounds);
  natural_size (&bounds, &self->natural_width, &self->natural_height);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? self->natural_width : self->natural_height;
}

static void
sl_overview_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  update_tooltip (SL_OVERVIEW (widget));
}

static void
sl_overview_dispose (GObject *object)
{
  SlOverview *self = (SlOverview *)object;

  g_clear_object (&self->renderer);
  forget_board (self);

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
  widget_class->size_allocate = sl_overview_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "overview");
}

static void
sl_overview_init (SlOverview *self)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();

  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
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

  /* The canvas redraws for every change of the board or the view, and
   * of what was found (a new set: see board_is_current()). */
  g_signal_connect_object (canvas, "view-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  /* Where the cards stand changes only with the board. */
  document = sl_canvas_get_document (canvas);
  g_signal_connect_object (document, "element-changed", G_CALLBACK (board_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_notes (document), "items-changed", G_CALLBACK (board_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_lanes (document), "items-changed", G_CALLBACK (board_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_slices (document), "items-changed", G_CALLBACK (board_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
