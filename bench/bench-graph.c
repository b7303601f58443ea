/* bench-graph.c: the measures of bench/sweep against board size, as a graph
 *
 * Usage: bench-graph SWEEP.tsv GRAPH.png
 *
 * Reads the TSV bench/sweep writes (notes, measure, value, unit, status)
 * and draws every measure in ms against the number of notes, both on log
 * scales, a line each, into a PNG. A measure that failed at a size leaves
 * a gap in its line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>

#include <cairo.h>
#include <glib.h>

#define WIDTH 1400
#define HEIGHT 860
#define LEFT 110
#define RIGHT 400
#define TOP 70
#define BOTTOM 90

typedef struct
{
  char *name;
  GArray *points; /* of Point, in the order of the file */
} Measure;

typedef struct
{
  double notes;
  double ms; /* NAN where the measure failed */
} Point;

static const double colours[][3] = {
  { 0.11, 0.44, 0.85 }, { 0.90, 0.38, 0.00 }, { 0.18, 0.63, 0.17 },
  { 0.84, 0.15, 0.16 }, { 0.58, 0.40, 0.74 }, { 0.55, 0.34, 0.29 },
  { 0.89, 0.47, 0.76 }, { 0.50, 0.50, 0.50 }, { 0.74, 0.74, 0.13 },
};

static void
measure_free (Measure *measure)
{
  g_free (measure->name);
  g_array_unref (measure->points);
  g_free (measure);
}

static Measure *
find_measure (GPtrArray  *measures,
              const char *name)
{
  Measure *measure;

  for (guint i = 0; i < measures->len; i++)
    if (g_str_equal (((Measure *) measures->pdata[i])->name, name))
      return measures->pdata[i];

  measure = g_new0 (Measure, 1);
  measure->name = g_strdup (name);
  measure->points = g_array_new (FALSE, FALSE, sizeof (Point));
  g_ptr_array_add (measures, measure);
  return measure;
}

static double
x_of (double notes,
      double lo,
      double hi)
{
  return LEFT + (log10 (notes) - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
}

static double
y_of (double ms,
      double lo,
      double hi)
{
  return HEIGHT - BOTTOM - (log10 (ms) - lo) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
}

static void
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align_x,
           double      align_y)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x - extents.width * align_x - extents.x_bearing,
                 y - extents.height * align_y - extents.y_bearing);
  cairo_show_text (cr, text);
}

static char *
notes_label (double notes)
{
  static const char *labels[] = { "1", "10", "100", "1,000", "10,000", "100,000", "1,000,000", "10,000,000" };
  int decade = (int) lround (log10 (notes));

  return g_strdup (decade >= 0 && decade < (int) G_N_ELEMENTS (labels) ? labels[decade] : "?");
}

static char *
time_label (double ms)
{
  if (ms >= 1000)
    return g_strdup_printf ("%g s", ms / 1000);
  return g_strdup_printf ("%g ms", ms);
}

static void
draw (cairo_t   *cr,
      GPtrArray *measures,
      double     x_lo,
      double     x_hi,
      double     y_lo,
      double     y_hi)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

  /* The grid: decades, and 2 and 5 between them on the time axis. */
  cairo_set_line_width (cr, 1);
  cairo_set_font_size (cr, 16);
  for (int d = (int) x_lo; d <= (int) x_hi; d++)
    {
      double x = x_of (pow (10, d), x_lo, x_hi);
      g_autofree char *label = notes_label (pow (10, d));

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_move_to (cr, x, TOP);
      cairo_line_to (cr, x, HEIGHT - BOTTOM);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      show_text (cr, label, x, HEIGHT - BOTTOM + 10, 0.5, 0);
    }
  for (int d = (int) y_lo; d <= (int) y_hi; d++)
    for (int m = 1; m <= 5 && d + log10 (m) <= y_hi; m += (m == 1 ? 1 : 3))
      {
        double ms = m * pow (10, d);
        double y = y_of (ms, y_lo, y_hi);

        cairo_set_source_rgb (cr, m == 1 ? 0.8 : 0.93, m == 1 ? 0.8 : 0.93, m == 1 ? 0.8 : 0.93);
        cairo_move_to (cr, LEFT, y);
        cairo_line_to (cr, WIDTH - RIGHT, y);
        cairo_stroke (cr);
        if (m == 1)
          {
            g_autofree char *label = time_label (ms);

            cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
            show_text (cr, label, LEFT - 10, y, 1, 0.5);
          }
      }

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_rectangle (cr, LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
  cairo_stroke (cr);

  cairo_set_font_size (cr, 18);
  show_text (cr, "Notes on the board (log scale)", (LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 30, 0.5, 0.5);
  cairo_save (cr);
  cairo_translate (cr, 28, (TOP + HEIGHT - BOTTOM) / 2.0);
  cairo_rotate (cr, -G_PI / 2);
  show_text (cr, "Time (log scale)", 0, 0, 0.5, 0.5);
  cairo_restore (cr);
  cairo_set_font_size (cr, 22);
  show_text (cr, "Stormline: time against board size", (LEFT + WIDTH - RIGHT) / 2.0, TOP / 2.0, 0.5, 0.5);

  /* A line and dots for each measure, and its entry in the legend. */
  cairo_set_font_size (cr, 16);
  for (guint i = 0; i < measures->len; i++)
    {
      Measure *measure = measures->pdata[i];
      const double *rgb = colours[i % G_N_ELEMENTS (colours)];
      gboolean down = FALSE;
      double ly = TOP + 20 + i * 30;

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, i < G_N_ELEMENTS (colours) ? 2.5 : 1.5);
      if (i >= G_N_ELEMENTS (colours))
        cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      for (guint p = 0; p < measure->points->len; p++)
        {
          Point *point = &g_array_index (measure->points, Point, p);

          if (isnan (point->ms))
            {
              down = FALSE;
              continue;
            }
          if (down)
            cairo_line_to (cr, x_of (point->notes, x_lo, x_hi), y_of (point->ms, y_lo, y_hi));
          else
            cairo_move_to (cr, x_of (point->notes, x_lo, x_hi), y_of (point->ms, y_lo, y_hi));
          down = TRUE;
        }
      cairo_stroke (cr);
      for (guint p = 0; p < measure->points->len; p++)
        {
          Point *point = &g_array_index (measure->points, Point, p);

          if (isnan (point->ms))
            continue;
          cairo_arc (cr, x_of (point->notes, x_lo, x_hi), y_of (point->ms, y_lo, y_hi), 4.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }

      cairo_move_to (cr, WIDTH - RIGHT + 25, ly);
      cairo_line_to (cr, WIDTH - RIGHT + 65, ly);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_arc (cr, WIDTH - RIGHT + 45, ly, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      show_text (cr, measure->name, WIDTH - RIGHT + 75, ly, 0, 0.5);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func ((GDestroyNotify) measure_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (argc != 3)
    {
      g_printerr ("Usage: bench-graph SWEEP.tsv GRAPH.png\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, NULL, &error))
    {
      g_printerr ("bench-graph: %s\n", error->message);
      return 1;
    }

  /* notes, measure, value, unit, status; after a line of headings. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      Point point;
      char *end;

      if (g_strv_length (fields) < 4 || !g_str_equal (fields[3], "ms"))
        continue;
      point.notes = g_ascii_strtod (fields[0], NULL);
      point.ms = g_ascii_strtod (fields[2], &end);
      if (end == fields[2] || point.ms <= 0)
        point.ms = NAN;
      if (point.notes <= 0)
        continue;
      g_array_append_val (find_measure (measures, fields[1])->points, point);

      x_lo = MIN (x_lo, log10 (point.notes));
      x_hi = MAX (x_hi, log10 (point.notes));
      if (!isnan (point.ms))
        {
          y_lo = MIN (y_lo, log10 (point.ms));
          y_hi = MAX (y_hi, log10 (point.ms));
        }
    }
  if (measures->len == 0 || isinf (y_lo))
    {
      g_printerr ("bench-graph: no measure in ms in %s\n", argv[1]);
      return 1;
    }

  /* Whole decades around the figures. */
  x_lo = floor (x_lo);
  x_hi = MAX (ceil (x_hi), x_lo + 1);
  y_lo = floor (y_lo);
  y_hi = MAX (ceil (y_hi), y_lo + 1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  draw (cr, measures, x_lo, x_hi, y_lo, y_hi);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, argv[2]);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("bench-graph: could not write %s: %s\n", argv[2], cairo_status_to_string (status));
      return 1;
    }

  return 0;
}
