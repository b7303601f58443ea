/* sl-renderer-connections.c: the arrows between the cards of a board
 *
 * A connection runs forward in time from the right of its source to the
 * left of its target, along a curve or, when the curve would cross other
 * cards, along the right-angled route through the gaps that crosses fewer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <math.h>

#include "sl-renderer-private.h"

static void
card_anchor (const SlRect *rect,
             gboolean      out,
             double       *x,
             double       *y)
{
  *x = out ? rect->x + rect->width : rect->x;
  *y = rect->y + rect->height / 2;
}

typedef struct
{
  SlNote *source;
  SlNote *target;
  GHashTable *crossed;
} CrossData;

static gboolean
cross_cb (SlNote       *note,
          const SlRect *rect,
          gpointer      user_data)
{
  CrossData *data = user_data;

  if (note != data->source && note != data->target)
    g_hash_table_add (data->crossed, note);
  return TRUE;
}

/* How many cards a polyline of @n_points runs through. */
static guint
count_crossings (SlRenderer   *self,
                 SlConnection *connection,
                 const double *points,
                 guint         n_points)
{
  g_autoptr(GHashTable) crossed = g_hash_table_new (NULL, NULL);
  CrossData data = { sl_connection_get_source (connection), sl_connection_get_target (connection), crossed };

  for (guint i = 0; i + 1 < n_points; i++)
    {
      double x1 = points[2 * i], y1 = points[2 * i + 1];
      double x2 = points[2 * i + 2], y2 = points[2 * i + 3];
      SlRect segment = { MIN (x1, x2), MIN (y1, y2), MAX (fabs (x2 - x1), 1), MAX (fabs (y2 - y1), 1) };

      sl_layout_foreach_note_in (self->layout, &segment, cross_cb, &data);
    }

  return g_hash_table_size (crossed);
}

static void
bezier_point (const double *p,
              double        t,
              double       *x,
              double       *y)
{
  double u = 1 - t;

  *x = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];
  *y = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];
}

/* An orthogonal route with rounded corners through @points. */
static void
path_orthogonal (cairo_t      *cr,
                 const double *points,
                 guint         n_points)
{
  double radius = 10;

  cairo_move_to (cr, points[0], points[1]);
  for (guint i = 1; i + 1 < n_points; i++)
    {
      double px = points[2 * i - 2], py = points[2 * i - 1];
      double x = points[2 * i], y = points[2 * i + 1];
      double nx = points[2 * i + 2], ny = points[2 * i + 3];
      double r = MIN (radius, MIN (hypot (x - px, y - py), hypot (nx - x, ny - y)) / 2);
      double dx1 = x - px, dy1 = y - py, dx2 = nx - x, dy2 = ny - y;
      double l1 = MAX (hypot (dx1, dy1), 1e-9), l2 = MAX (hypot (dx2, dy2), 1e-9);

      cairo_line_to (cr, x - dx1 / l1 * r, y - dy1 / l1 * r);
      cairo_curve_to (cr, x, y, x, y, x + dx2 / l2 * r, y + dy2 / l2 * r);
    }
  cairo_line_to (cr, points[2 * n_points - 2], points[2 * n_points - 1]);
}

static void
draw_connection (SlRenderer   *self,
                 cairo_t      *cr,
                 SlConnection *connection)
{
  SlRect from, to;
  double x1, y1, x2, y2, dx, angle;
  double head = 9;

  sl_layout_get_note_rect (self->layout, sl_connection_get_source (connection), &from);
  sl_layout_get_note_rect (self->layout, sl_connection_get_target (connection), &to);

  if (to.x >= from.x + from.width - 1 || to.x + to.width <= from.x)
    {
      double curve[8], sampled[2 * 17];
      double route_a[8], route_b[8];
      guint curve_crossings, a_crossings, b_crossings;

      /* From the right of the source to the left of the target: flows run
       * forward in time. Of a curve and two right-angled routes through the
       * gaps beside the two cards, the one through the fewest cards wins. */
      card_anchor (&from, to.x >= from.x, &x1, &y1);
      card_anchor (&to, to.x < from.x, &x2, &y2);
      dx = MAX (40, fabs (x2 - x1) / 2);
      if (to.x < from.x)
        dx = -dx;
      angle = dx > 0 ? 0 : G_PI;

      curve[0] = x1, curve[1] = y1, curve[2] = x1 + dx, curve[3] = y1;
      curve[4] = x2 - dx, curve[5] = y2, curve[6] = x2, curve[7] = y2;
      for (guint i = 0; i <= 16; i++)
        bezier_point (curve, i / 16.0, &sampled[2 * i], &sampled[2 * i + 1]);
      curve_crossings = count_crossings (self, connection, sampled, 17);

      if (curve_crossings > 0 && fabs (y2 - y1) > 1)
        {
          double gap = dx > 0 ? 20 : -20;

          route_a[0] = x1, route_a[1] = y1, route_a[2] = x1 + gap, route_a[3] = y1;
          route_a[4] = x1 + gap, route_a[5] = y2, route_a[6] = x2, route_a[7] = y2;
          route_b[0] = x1, route_b[1] = y1, route_b[2] = x2 - gap, route_b[3] = y1;
          route_b[4] = x2 - gap, route_b[5] = y2, route_b[6] = x2, route_b[7] = y2;
          a_crossings = count_crossings (self, connection, route_a, 4);
          b_crossings = count_crossings (self, connection, route_b, 4);

          if (MIN (a_crossings, b_crossings) < curve_crossings)
            {
              path_orthogonal (cr, a_crossings <= b_crossings ? route_a : route_b, 4);
              goto stroke;
            }
        }

      cairo_move_to (cr, x1, y1);
      cairo_curve_to (cr, curve[2], curve[3], curve[4], curve[5], x2, y2);
    }
  else
    {
      gboolean down = to.y > from.y;

      /* A note above or below its partner in the same column is joined
       * top to bottom instead. */
      x1 = from.x + from.width / 2;
      y1 = down ? from.y + from.height : from.y;
      x2 = to.x + to.width / 2;
      y2 = down ? to.y : to.y + to.height;
      cairo_move_to (cr, x1, y1);
      cairo_curve_to (cr, x1, (y1 + y2) / 2, x2, (y1 + y2) / 2, x2, y2);
      angle = down ? G_PI / 2 : -G_PI / 2;
    }

stroke:
  cairo_stroke (cr);

  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - head * cos (angle - 0.45), y2 - head * sin (angle - 0.45));
  cairo_line_to (cr, x2 - head * cos (angle + 0.45), y2 - head * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

typedef struct
{
  SlRenderer *self;
  cairo_t *cr;
  GHashTable *drawn;
} ConnectionData;

static gboolean
draw_note_connections_cb (SlNote       *note,
                          const SlRect *rect,
                          gpointer      user_data)
{
  ConnectionData *data = user_data;
  SlDocument *document = sl_layout_get_document (data->self->layout);
  guint n = sl_document_get_n_note_connections (document, note);

  for (guint i = 0; i < n; i++)
    {
      SlConnection *connection = sl_document_get_note_connection (document, note, i);

      if (g_hash_table_add (data->drawn, connection))
        draw_connection (data->self, data->cr, connection);
    }

  return TRUE;
}

/* The connections of the notes in and near the region: a connection of
 * two notes far out of view to both sides is not drawn, which only a
 * board zoomed in on the middle of a very long arrow shows. */
void
_sl_renderer_draw_connections (SlRenderer   *self,
                               cairo_t      *cr,
                               const SlRect *region,
                               double        scale)
{
  g_autoptr(GHashTable) drawn = g_hash_table_new (NULL, NULL);
  Rgb color = is_dark (self) ? (Rgb) { 0.85, 0.85, 0.88 } : (Rgb) { 0.30, 0.30, 0.34 };
  double width = self->style == SL_RENDER_STYLE_HIGH_CONTRAST ? 2.5 : 1.5;
  SlRect near = { region->x - region->width, region->y - region->height,
                  3 * region->width, 3 * region->height };
  ConnectionData data = { self, cr, drawn };

  set_rgb (cr, &color, 0.9);
  cairo_set_line_width (cr, MAX (width, 1.0 / scale));
  sl_layout_foreach_note_in (self->layout, &near, draw_note_connections_cb, &data);
}
