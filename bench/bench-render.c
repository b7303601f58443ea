/* bench-render.c: the CPU time of one frame of the board
 *
 * Usage: bench-render [N]   (default: 100000 notes)
 *
 * Draws 1920x1080 views of a generated board through the renderer that the
 * canvas uses (into a cairo image surface, as GTK's cairo renderer does):
 * panning at 100 % zoom across the board, and the whole board on screen.
 * Prints the median and the slowest frame of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"
#include "sl-renderer.h"

#define WIDTH 1920
#define HEIGHT 1080

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
draw_frame (SlRenderer      *renderer,
            cairo_surface_t *surface,
            double           x,
            double           y,
            double           scale)
{
  cairo_t *cr = cairo_create (surface);
  SlRect region = { x, y, WIDTH / scale, HEIGHT / scale };
  gint64 start = g_get_monotonic_time ();

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -x, -y);
  sl_renderer_draw (renderer, cr, &region, scale);
  sl_renderer_draw_lane_headers (renderer, cr, &region, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const char *what,
        double     *ms,
        guint       n)
{
  qsort (ms, n, sizeof *ms, compare_doubles);
  g_print ("%-44s median %6.2f ms  slowest %6.2f ms  (%u frames)\n", what, ms[n / 2], ms[n - 1], n);
}

int
main (int    argc,
      char **argv)
{
  guint n_notes = argc > 1 ? atoi (argv[1]) : 100000;
  g_autoptr(SlDocument) document = sl_generate_board (n_notes, 1);
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  double ms[200];
  SlRect bounds;
  double scale;
  guint n = 0;

  sl_layout_get_bounds (layout, &bounds);
  g_print ("%u notes, board %.0f x %.0f units\n",
           g_list_model_get_n_items (sl_document_get_notes (document)), bounds.width, bounds.height);

  /* Panning at 100 %: 120 frames, 40 units apart, in the middle of the board. */
  draw_frame (renderer, surface, bounds.x + bounds.width / 2, 0, 1.0);
  for (n = 0; n < 120; n++)
    ms[n] = draw_frame (renderer, surface, bounds.x + bounds.width / 2 + n * 40, 0, 1.0);
  report ("pan at 100 % (text and fields)", ms, n);

  for (n = 0; n < 60; n++)
    ms[n] = draw_frame (renderer, surface, bounds.x + bounds.width / 3 + n * 80, 0, 0.5);
  report ("pan at 50 % (text, no fields)", ms, n);

  /* The whole board on one screen. */
  scale = MIN (WIDTH / bounds.width, HEIGHT / bounds.height);
  for (n = 0; n < 20; n++)
    ms[n] = draw_frame (renderer, surface, bounds.x, bounds.y, scale);
  report ("whole board on screen", ms, n);

  /* A drag: each motion moves a note (in an open group, as the canvas
   * does), the layout updates its index, and a frame is drawn. */
  {
    GListModel *notes = sl_document_get_notes (document);
    SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), g_list_model_get_n_items (notes) / 2);
    SlHistory *history = sl_document_get_history (document);
    SlRect rect;
    double move_ms[100];

    sl_history_begin_group (history, "Move Notes");
    for (n = 0; n < 100; n++)
      {
        gint64 start = g_get_monotonic_time ();

        sl_document_move_note (document, note, sl_note_get_lane (note), sl_note_get_x (note) + 10, 0);
        sl_layout_get_note_rect (layout, note, &rect);
        move_ms[n] = (g_get_monotonic_time () - start) / 1000.0;
        ms[n] = draw_frame (renderer, surface, rect.x - 800, 0, 1.0) + move_ms[n];
      }
    sl_history_end_group (history);
    report ("one motion of a drag: the move and its index", move_ms, n);
    report ("one motion of a drag with its frame", ms, n);
  }

  cairo_surface_destroy (surface);
  return 0;
}
