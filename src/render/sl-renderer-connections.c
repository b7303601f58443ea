/* sl-renderer-connections.c: the arrows between the cards of a board
 *
 * A connection runs forward in time from the right of its source to the
 * left of its target, along a curve or, when the curve would cross other
 * cards, along a right-angled route around them through the gaps beside
 * the cards and the channels above and below them. Between two cards of
 * one column it runs from the top or bottom of one to the other, and
 * around the cards between them through the gap beside the column. The
 * connections that meet one side of a card share it out, so no two share
 * an arrowhead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-renderer-private.h"

/* Where a connection meets a card. */
typedef enum {
  SIDE_LEFT,
  SIDE_RIGHT,
  SIDE_TOP,
  SIDE_BOTTOM,
} Side;

/* The sides a connection leaves its source by and enters its target by:
 * from the right of the source to the left of the target, as flows run
 * forward in time; backwards the other way round; and a note above or
 * below its partner in the same column top to bottom. */
static void
connection_sides (SlRenderer   *self,
                  SlConnection *connection,
                  Side         *out,
                  Side         *in)
{
  SlRect from, to;

  sl_layout_get_note_rect (self->layout, sl_connection_get_source (connection), &from);
  sl_layout_get_note_rect (self->layout, sl_connection_get_target (connection), &to);

  if (to.x >= from.x + from.width - 1 || to.x + to.width <= from.x)
    {
      *out = to.x >= from.x ? SIDE_RIGHT : SIDE_LEFT;
      *in = to.x >= from.x ? SIDE_LEFT : SIDE_RIGHT;
    }
  else
    {
      *out = to.y > from.y ? SIDE_BOTTOM : SIDE_TOP;
      *in = to.y > from.y ? SIDE_TOP : SIDE_BOTTOM;
    }
}

/* Where the connections meet their cards, worked out a card at a time
 * for one drawing: a card with thousands of connections (every event of a
 * long timeline feeding one view) sorts them once, not once for each. */
struct _SlRendererPorts
{
  GHashTable *ends;  /* SlConnection -> ConnectionEnds */
  GHashTable *cards; /* the SlNotes whose connections are in @ends */
};

typedef struct
{
  gboolean known[2];  /* at the source, at the target */
  double x[2];
  double y[2];
} ConnectionEnds;

typedef struct
{
  SlConnection *connection;
  gboolean is_source;
  Side side;
  double along;      /* where the card at the other end is, along the side */
  double across;
  guint index;       /* in the card's connections */
} PortEntry;

static int
compare_port_entries (gconstpointer a,
                      gconstpointer b)
{
  const PortEntry *ea = a, *eb = b;

  if (ea->side != eb->side)
    return (ea->side > eb->side) - (ea->side < eb->side);
  if (ea->along != eb->along)
    return ea->along > eb->along ? 1 : -1;
  if (ea->across != eb->across)
    return ea->across > eb->across ? 1 : -1;
  return (ea->index > eb->index) - (ea->index < eb->index);
}

static SlRendererPorts *
ports_new (void)
{
  SlRendererPorts *ports = g_new0 (SlRendererPorts, 1);

  ports->ends = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ports->cards = g_hash_table_new (NULL, NULL);
  return ports;
}

static void
ports_free (SlRendererPorts *ports)
{
  g_hash_table_unref (ports->ends);
  g_hash_table_unref (ports->cards);
  g_free (ports);
}

/* The connections that meet a card on one side share it out evenly, in
 * the order of the cards at their other ends, so that no two arrowheads
 * (or tails) fall on one point and their lines do not cross on the way
 * in. */
static void
share_out_sides (SlRenderer      *self,
                 SlRendererPorts *ports,
                 SlNote          *note)
{
  SlDocument *document = sl_layout_get_document (self->layout);
  guint n_connections = sl_document_get_n_note_connections (document, note);
  g_autofree PortEntry *entries = g_new (PortEntry, MAX (n_connections, 1));
  SlRect rect;

  sl_layout_get_note_rect (self->layout, note, &rect);
  for (guint i = 0; i < n_connections; i++)
    {
      SlConnection *each = sl_document_get_note_connection (document, note, i);
      gboolean is_source = sl_connection_get_source (each) == note;
      SlNote *other = is_source ? sl_connection_get_target (each) : sl_connection_get_source (each);
      Side out, in;
      SlRect other_rect;

      connection_sides (self, each, &out, &in);
      sl_layout_get_note_rect (self->layout, other, &other_rect);
      entries[i] = (PortEntry) { each, is_source, is_source ? out : in, 0, 0, i };
      /* Along the side by where the other card is, then across. */
      if (entries[i].side == SIDE_TOP || entries[i].side == SIDE_BOTTOM)
        entries[i].along = other_rect.x, entries[i].across = other_rect.y;
      else
        entries[i].along = other_rect.y, entries[i].across = other_rect.x;
    }
  qsort (entries, n_connections, sizeof *entries, compare_port_entries);

  for (guint i = 0, first = 0; i < n_connections; i++)
    {
      PortEntry *entry = &entries[i];
      ConnectionEnds *ends = g_hash_table_lookup (ports->ends, entry->connection);
      guint end = entry->is_source ? 0 : 1;
      guint before, n;

      if (i > 0 && entries[i - 1].side != entry->side)
        first = i;
      for (n = i - first + 1; first + n < n_connections && entries[first + n].side == entry->side; n++)
        ;
      before = i - first;

      if (ends == NULL)
        {
          ends = g_new0 (ConnectionEnds, 1);
          g_hash_table_insert (ports->ends, entry->connection, ends);
        }
      ends->known[end] = TRUE;
      switch (entry->side)
        {
        case SIDE_LEFT:
        case SIDE_RIGHT:
          ends->x[end] = entry->side == SIDE_RIGHT ? rect.x + rect.width : rect.x;
          ends->y[end] = rect.y + rect.height * (before + 1) / (n + 1);
          break;
        case SIDE_TOP:
        case SIDE_BOTTOM:
        default:
          ends->x[end] = rect.x + rect.width * (before + 1) / (n + 1);
          ends->y[end] = entry->side == SIDE_BOTTOM ? rect.y + rect.height : rect.y;
          break;
        }
    }

  g_hash_table_add (ports->cards, note);
}

/* Where @connection meets @note, its source or its target (see
 * share_out_sides()). */
static void
port (SlRenderer      *self,
      SlRendererPorts *ports,
      SlNote          *note,
      SlConnection    *connection,
      double          *x,
      double          *y)
{
  guint end = sl_connection_get_source (connection) == note ? 0 : 1;
  ConnectionEnds *ends;

  if (!g_hash_table_contains (ports->cards, note))
    share_out_sides (self, ports, note);
  /* A connection is among the connections of both its cards. */
  ends = g_hash_table_lookup (ports->ends, connection);
  g_assert (ends != NULL && ends->known[end]);
  *x = ends->x[end], *y = ends->y[end];
}

typedef struct
{
  SlNote *source;
  SlNote *target;
  SlNote *crossed[4];
  guint n_crossed;
  guint limit;
} CrossData;

static gboolean
cross_cb (SlNote       *note,
          const SlRect *rect,
          gpointer      user_data)
{
  CrossData *data = user_data;

  if (note == data->source || note == data->target)
    return TRUE;
  for (guint i = 0; i < MIN (data->n_crossed, G_N_ELEMENTS (data->crossed)); i++)
    if (data->crossed[i] == note)
      return TRUE;
  if (data->n_crossed < G_N_ELEMENTS (data->crossed))
    data->crossed[data->n_crossed] = note;
  data->n_crossed++;
  return data->n_crossed < data->limit;
}

/* How many cards a polyline of @n_points runs through, counted up to
 * @limit: a route is drawn every frame, and one that crosses as many as
 * the best so far has lost already. */
static guint
count_crossings (SlRenderer   *self,
                 SlConnection *connection,
                 const double *points,
                 guint         n_points,
                 guint         limit)
{
  CrossData data = { sl_connection_get_source (connection), sl_connection_get_target (connection),
                     { NULL }, 0, MIN (limit, 4) };

  for (guint i = 0; i + 1 < n_points && data.n_crossed < data.limit; i++)
    {
      double x1 = points[2 * i], y1 = points[2 * i + 1];
      double x2 = points[2 * i + 2], y2 = points[2 * i + 3];
      SlRect segment = { MIN (x1, x2), MIN (y1, y2), MAX (fabs (x2 - x1), 1), MAX (fabs (y2 - y1), 1) };

      sl_layout_foreach_note_in_any_order (self->layout, &segment, cross_cb, &data);
    }

  return MIN (data.n_crossed, data.limit);
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

/* Drops the points of @points that repeat the one before or lie on the
 * line of their neighbours. Returns how many are left. */
static guint
simplify (double *points,
          guint   n_points)
{
  guint n = 0;

  for (guint i = 0; i < n_points; i++)
    {
      double x = points[2 * i], y = points[2 * i + 1];

      if (n > 0 && fabs (points[2 * n - 2] - x) < 0.01 && fabs (points[2 * n - 1] - y) < 0.01)
        continue;
      if (n > 1 && ((fabs (points[2 * n - 4] - x) < 0.01 && fabs (points[2 * n - 2] - x) < 0.01) ||
                    (fabs (points[2 * n - 3] - y) < 0.01 && fabs (points[2 * n - 1] - y) < 0.01)))
        n--;
      points[2 * n] = x, points[2 * n + 1] = y;
      n++;
    }
  return n;
}

/* The most cards and lane lines whose channels a route tries: on a long
 * timeline, every card under a route's way would make routing quadratic,
 * and the nearest ways are tried first anyway. */
#define MAX_CHANNEL_CARDS 64
#define MAX_CHANNEL_LANES 64

typedef struct
{
  GArray *heights;
  double margin;
  guint n_cards;
} ChannelData;

/* A height a route can run along. */
typedef struct
{
  double y;
  gboolean beside_lane;  /* the line between two lanes, not a card's edge */
} Channel;

static void
add_height (GArray   *heights,
            double    y,
            gboolean  beside_lane)
{
  Channel channel = { y, beside_lane };

  g_array_append_val (heights, channel);
}

static gboolean
channel_cb (SlNote       *note,
            const SlRect *rect,
            gpointer      user_data)
{
  ChannelData *data = user_data;
  add_height (data->heights, rect->y - data->margin, FALSE);
  add_height (data->heights, rect->y + rect->height + data->margin, FALSE);
  return ++data->n_cards < MAX_CHANNEL_CARDS;
}

#define ROUTE_GAP     20.0  /* from a card to the first bend of a route */
#define ROUTE_MARGIN  12.0  /* from a card to a route passing above or below it */
#define ROUTE_BEND    30.0  /* what a bend costs, in board units of length */
#define ROUTE_LANE_OFFSET 7.0 /* from the line between two lanes to a route along it */
#define MAX_ROUTE_POINTS 6

typedef struct
{
  double xa;
  double xb;
  double x1, y1, x2, y2;
} RouteEnds;

/* The route through the channel at @ym, and its cost: its length and its
 * bends. Returns the number of points. */
static guint
channel_route (const RouteEnds *ends,
               double           ym,
               double          *points,
               double          *cost)
{
  double candidate[2 * MAX_ROUTE_POINTS] = { ends->x1, ends->y1, ends->xa, ends->y1, ends->xa, ym,
                                             ends->xb, ym, ends->xb, ends->y2, ends->x2, ends->y2 };
  guint n = simplify (candidate, MAX_ROUTE_POINTS);

  *cost = fabs (ends->xa - ends->x1) + fabs (ym - ends->y1) + fabs (ends->xb - ends->xa) +
          fabs (ends->y2 - ym) + fabs (ends->x2 - ends->xb) + ROUTE_BEND * (n - 2);
  memcpy (points, candidate, sizeof candidate);
  return n;
}

static int
compare_costs (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const RouteEnds *ends = user_data;
  const Channel *channel_a = a, *channel_b = b;
  double ya = channel_a->y, yb = channel_b->y;
  double ca = fabs (ya - ends->y1) + fabs (ends->y2 - ya);
  double cb = fabs (yb - ends->y1) + fabs (ends->y2 - yb);

  /* As dear: beside a lane's line, which reads as part of the board,
   * before along a card; then the higher (the cards are found in no
   * order). */
  if (ca != cb)
    return (ca > cb) - (ca < cb);
  if (channel_a->beside_lane != channel_b->beside_lane)
    return channel_a->beside_lane ? -1 : 1;
  return (ya > yb) - (ya < yb);
}

/* The right-angled route from @x1, @y1 to @x2, @y2 that crosses the
 * fewest cards and, of those, is the shortest: out to the gap beside the
 * source, along a channel (at the height of either end, or above or below
 * the cards in the way, or beside the lines between lanes), into the gap
 * beside the target. Returns the number of points, and the cards crossed
 * in @crossings, which is under @limit or the route is no better. */
static guint
route_orthogonal (SlRenderer   *self,
                  SlConnection *connection,
                  double        x1,
                  double        y1,
                  double        x2,
                  double        y2,
                  guint         limit,
                  double       *points,
                  guint        *crossings)
{
  g_autoptr(GArray) heights = NULL;
  ChannelData data;
  SlRect board, rect;
  double y, last_down = -G_MAXDOUBLE;
  double gap = x2 >= x1 ? ROUTE_GAP : -ROUTE_GAP;
  RouteEnds ends = { x1 + gap, x2 - gap, x1, y1, x2, y2 };
  double best_cost = G_MAXDOUBLE;
  guint best_n = 0;
  SlRect between;

  /* Cards too close for both gaps: one bend halfway. */
  if ((ends.xb - ends.xa) * gap < 0)
    ends.xa = ends.xb = (x1 + x2) / 2;

  /* The cheapest first: along the height of either end. */
  *crossings = limit;
  for (guint i = 0; i < 2; i++)
    {
      double candidate[2 * MAX_ROUTE_POINTS], cost;
      guint n = channel_route (&ends, i == 0 ? y1 : y2, candidate, &cost);
      guint crossed = count_crossings (self, connection, candidate, n, *crossings + 1);

      if (crossed < *crossings || (crossed == *crossings && cost < best_cost && best_n > 0))
        {
          *crossings = crossed;
          best_cost = cost;
          best_n = n;
          memcpy (points, candidate, sizeof candidate);
        }
    }
  if (*crossings == 0)
    return best_n;

  /* Then the channels, nearest the way first, until one is clear. */
  heights = g_array_new (FALSE, FALSE, sizeof (Channel));
  data = (ChannelData) { heights, ROUTE_MARGIN, 0 };
  between = (SlRect) { MIN (ends.xa, ends.xb), MIN (y1, y2) - 200, fabs (ends.xb - ends.xa) + 1,
                       fabs (y2 - y1) + 400 };
  /* The lines between the lanes from above the higher end to below the
   * lower, the nearest the ends first. */
  sl_layout_get_bounds (self->layout, &board);
  y = MAX (between.y, SL_LAYOUT_SLICE_HEADER_HEIGHT);
  for (guint n = 0; n < MAX_CHANNEL_LANES / 2 && y < between.y + between.height; n++)
    {
      SlLane *lane = sl_layout_get_lane_at (self->layout, y);

      if (lane == NULL)
        break;
      sl_layout_get_lane_rect (self->layout, lane, &rect);
      /* Beside the line between two lanes, not on it, where it would
       * read as the line. */
      add_height (heights, rect.y + ROUTE_LANE_OFFSET, TRUE);
      last_down = rect.y;
      y = rect.y + rect.height;
    }
  y = MIN (between.y + between.height, board.y + board.height - 1);
  for (guint n = 0; n < MAX_CHANNEL_LANES / 2 && y > last_down; n++)
    {
      SlLane *lane = sl_layout_get_lane_at (self->layout, y);

      if (lane == NULL)
        break;
      sl_layout_get_lane_rect (self->layout, lane, &rect);
      if (rect.y <= last_down)
        break;
      add_height (heights, rect.y + ROUTE_LANE_OFFSET, TRUE);
      y = rect.y - 1;
    }
  sl_layout_foreach_note_in_any_order (self->layout, &between, channel_cb, &data);
  g_array_sort_with_data (heights, compare_costs, &ends);

  for (guint i = 0; i < heights->len && *crossings > 0; i++)
    {
      double candidate[2 * MAX_ROUTE_POINTS], cost;
      guint n = channel_route (&ends, g_array_index (heights, Channel, i).y, candidate, &cost);
      guint crossed = count_crossings (self, connection, candidate, n, *crossings);

      if (crossed < *crossings)
        {
          *crossings = crossed;
          best_cost = cost;
          best_n = n;
          memcpy (points, candidate, sizeof candidate);
        }
    }

  return best_n;
}

typedef struct
{
  SlNote *source;
  SlNote *target;
  double left, right;
} SpanData;

static gboolean
span_cb (SlNote       *note,
         const SlRect *rect,
         gpointer      user_data)
{
  SpanData *data = user_data;

  if (note != data->source && note != data->target)
    {
      data->left = MIN (data->left, rect->x);
      data->right = MAX (data->right, rect->x + rect->width);
    }
  return TRUE;
}

/* The route from the top or bottom of a card (@x1, @y1) to a card above or
 * below it in the same column (@x2, @y2), when cards stand between them:
 * out of the source a little, along to the gap beside the column, through
 * the gap, and back into the target, on whichever side crosses fewer
 * cards, and then is shorter. A gap that a card reaches into is moved on
 * past it. Returns the number of points, and the cards crossed in
 * @crossings, which is under @limit or the route is no better. */
static guint
route_beside_column (SlRenderer   *self,
                     SlConnection *connection,
                     double        x1,
                     double        y1,
                     double        x2,
                     double        y2,
                     guint         limit,
                     double       *points,
                     guint        *crossings)
{
  SlRect from, to;
  double dy = y2 > y1 ? 1 : -1;
  double best_cost = G_MAXDOUBLE;
  guint best_n = 0;

  sl_layout_get_note_rect (self->layout, sl_connection_get_source (connection), &from);
  sl_layout_get_note_rect (self->layout, sl_connection_get_target (connection), &to);

  *crossings = limit;
  for (int side = 0; side < 2; side++)
    {
      /* How far out each end of this connection is on its side, from 0
       * nearest the gap to 1 furthest: the lines of connections that share
       * a side then turn and run apart, not over one another. */
      double out = side == 0 ? 1 - (x1 - from.x) / from.width : (x1 - from.x) / from.width;
      double in = side == 0 ? 1 - (x2 - to.x) / to.width : (x2 - to.x) / to.width;
      double ya = y1 + dy * ROUTE_MARGIN * (0.5 + out);
      double yb = y2 - dy * ROUTE_MARGIN * (0.5 + in);
      double spread = ROUTE_MARGIN * (in - 0.5);
      double gap = side == 0 ? MAX (from.x + from.width, to.x + to.width) + ROUTE_GAP + spread
                             : MIN (from.x, to.x) - ROUTE_GAP - spread;

      for (guint tries = 0; tries < 4; tries++)
        {
          SpanData span = { sl_connection_get_source (connection), sl_connection_get_target (connection),
                            gap, gap };
          SlRect along = { gap, MIN (ya, yb), 1, fabs (yb - ya) };
          double candidate[2 * MAX_ROUTE_POINTS] = { x1, y1, x1, ya, gap, ya, gap, yb, x2, yb, x2, y2 };
          double cost = fabs (gap - x1) + fabs (yb - ya) + fabs (x2 - gap) + fabs (ya - y1) + fabs (y2 - yb);
          guint crossed;

          sl_layout_foreach_note_in_any_order (self->layout, &along, span_cb, &span);
          if (span.left < gap || span.right > gap)
            {
              gap = side == 0 ? span.right + ROUTE_GAP : span.left - ROUTE_GAP;
              continue;
            }

          crossed = count_crossings (self, connection, candidate, MAX_ROUTE_POINTS, *crossings + 1);
          if (crossed < *crossings || (crossed == *crossings && cost < best_cost && best_n > 0))
            {
              *crossings = crossed;
              best_cost = cost;
              best_n = MAX_ROUTE_POINTS;
              memcpy (points, candidate, sizeof candidate);
            }
          break;
        }
    }

  return best_n;
}

/* A way around the cards a curve would cross: route_orthogonal() or
 * route_beside_column(). */
typedef guint (*RouteFunc) (SlRenderer   *self,
                            SlConnection *connection,
                            double        x1,
                            double        y1,
                            double        x2,
                            double        y2,
                            guint         limit,
                            double       *points,
                            guint        *crossings);

/**
 * _sl_renderer_path_connection:
 * @cr: where to add the path
 * @connection: a connection
 * @x: (out): where the connection ends
 * @y: (out): where the connection ends
 * @angle: (out): the direction of the arrowhead at @x, @y
 *
 * Adds the line of @connection to the path of @cr, as it is drawn: a
 * curve, or when the curve would cross other cards, the right-angled
 * route around them that crosses the fewest. Each end has its own point
 * on its card (see share_out_sides()), worked out once for a drawing of
 * many connections (see _sl_renderer_draw_connections()).
 */
void
_sl_renderer_path_connection (SlRenderer   *self,
                              cairo_t      *cr,
                              SlConnection *connection,
                              double       *x,
                              double       *y,
                              double       *angle)
{
  SlNote *source = sl_connection_get_source (connection);
  SlNote *target = sl_connection_get_target (connection);
  double x1, y1, x2, y2;
  double sampled[2 * 17], route[2 * MAX_ROUTE_POINTS];
  double curve[8];
  guint curve_crossings, route_crossings, n;
  RouteFunc route_around;
  SlRendererPorts *ports, *own_ports = NULL;
  Side out, in;

  connection_sides (self, connection, &out, &in);
  if (self->ports == NULL)
    ports = own_ports = ports_new ();
  else
    ports = self->ports;
  port (self, ports, source, connection, &x1, &y1);
  port (self, ports, target, connection, &x2, &y2);
  g_clear_pointer (&own_ports, ports_free);
  *x = x2, *y = y2;

  /* A curve out of the source's side and into the target's. */
  curve[0] = x1, curve[1] = y1, curve[6] = x2, curve[7] = y2;

  if (out == SIDE_LEFT || out == SIDE_RIGHT)
    {
      double dx = MAX (40, fabs (x2 - x1) / 2) * (out == SIDE_RIGHT ? 1 : -1);

      curve[2] = x1 + dx, curve[3] = y1, curve[4] = x2 - dx, curve[5] = y2;
      *angle = out == SIDE_RIGHT ? 0 : G_PI;
      route_around = route_orthogonal;
    }
  else
    {
      curve[2] = x1, curve[3] = (y1 + y2) / 2, curve[4] = x2, curve[5] = (y1 + y2) / 2;
      *angle = out == SIDE_BOTTOM ? G_PI / 2 : -G_PI / 2;
      /* Cards between two cards of one column: around them, not under. */
      route_around = route_beside_column;
    }

  for (guint i = 0; i <= 16; i++)
    bezier_point (curve, i / 16.0, &sampled[2 * i], &sampled[2 * i + 1]);
  curve_crossings = count_crossings (self, connection, sampled, 17, G_MAXUINT);

  if (curve_crossings > 0)
    {
      n = route_around (self, connection, x1, y1, x2, y2, curve_crossings, route, &route_crossings);
      if (n > 0 && route_crossings < curve_crossings)
        {
          path_orthogonal (cr, route, n);
          return;
        }
    }

  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, curve[2], curve[3], curve[4], curve[5], x2, y2);
}

static void
draw_connection (SlRenderer   *self,
                 cairo_t      *cr,
                 SlConnection *connection)
{
  double x, y, angle;
  double head = 9;
  gboolean selected = connection == self->selected_connection;

  /* A selected connection is drawn in the selection's colour, wider, as
   * a selected card is outlined. */
  if (selected)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, cairo_get_line_width (cr) * 2.5);
      head = 12;
    }

  _sl_renderer_path_connection (self, cr, connection, &x, &y, &angle);
  cairo_stroke (cr);

  /* Far out a line is far wider than its head (it is at least a device
   * unit wide): the line covers the head, which would only cost an
   * operation, thousands on a PDF page of the whole of a large board. */
  if (selected || 2 * head >= cairo_get_line_width (cr))
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x - head * cos (angle - 0.45), y - head * sin (angle - 0.45));
      cairo_line_to (cr, x - head * cos (angle + 0.45), y - head * sin (angle + 0.45));
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  if (selected)
    cairo_restore (cr);
}

/**
 * sl_renderer_set_selected_connection:
 * @connection: (nullable): the connection to draw as selected
 */
void
sl_renderer_set_selected_connection (SlRenderer   *self,
                                     SlConnection *connection)
{
  g_return_if_fail (SL_IS_RENDERER (self));
  g_return_if_fail (connection == NULL || SL_IS_CONNECTION (connection));

  g_set_object (&self->selected_connection, connection);
}

/**
 * sl_renderer_get_connection_at:
 * @tolerance: how far from the line, in board units, still hits it
 *
 * Returns: (nullable) (transfer none): the connection whose line, as
 * drawn, passes within @tolerance of (@x, @y)
 */
SlConnection *
sl_renderer_get_connection_at (SlRenderer *self,
                               double      x,
                               double      y,
                               double      tolerance)
{
  GListModel *connections;
  cairo_surface_t *surface;
  cairo_t *cr;
  SlConnection *found = NULL;

  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  connections = sl_document_get_connections (sl_layout_get_document (self->layout));
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  cairo_set_line_width (cr, 2 * tolerance);
  self->ports = ports_new ();

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(SlConnection) connection = g_list_model_get_item (connections, i);
      double ex, ey, angle;

      cairo_new_path (cr);
      _sl_renderer_path_connection (self, cr, connection, &ex, &ey, &angle);
      if (cairo_in_stroke (cr, x, y) || hypot (x - ex, y - ey) <= tolerance)
        found = connection;
    }

  g_clear_pointer (&self->ports, ports_free);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return found;
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
  double width = is_high_contrast (self) ? 2.5 : 1.5;
  SlRect near = { region->x - region->width, region->y - region->height,
                  3 * region->width, 3 * region->height };
  ConnectionData data = { self, cr, drawn };

  set_rgb (cr, &color, 0.9);
  cairo_set_line_width (cr, MAX (width, 1.0 / scale));
  self->ports = ports_new ();
  sl_layout_foreach_note_in (self->layout, &near, draw_note_connections_cb, &data);
  g_clear_pointer (&self->ports, ports_free);
}
