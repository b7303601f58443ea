/* sl-print-job-map.c: a board printed over several pages
 *
 * The board fit on one page, or in tiles at a scale: the tiles overlap
 * their neighbours by a strip with a dashed cut line through it and marks
 * and the neighbour's name in the gutters, and a page map shows the board
 * small with the grid of the tiles, named "B2" for row B, column 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sl-print-job-private.h"

/* "A", "B", … "Z", "AA", "AB": the name of a row of tiles. */
static char *
row_name (guint row)
{
  GString *name = g_string_new (NULL);

  for (row++; row > 0; row = (row - 1) / 26)
    g_string_prepend_c (name, 'A' + (row - 1) % 26);
  return g_string_free (name, FALSE);
}

static char *
tile_name (guint column,
           guint row)
{
  g_autofree char *letters = row_name (row);

  return g_strdup_printf ("%s%u", letters, column + 1);
}

/* How many tiles of @tile units, overlapping by @overlap, cover @length:
 * a double, as a region far too large for the scale needs more than a
 * guint counts. */
static double
count_tiles (double length,
             double tile,
             double overlap)
{
  /* A hair of slack: a region that fits exactly is one tile, not two. */
  if (length <= tile + 1e-6)
    return 1;
  return 1 + ceil ((length - tile - 1e-6) / (tile - overlap));
}

/* Where a tile is drawn on its page, and how far it overlaps, in points. */
static double
get_tile_body (SlPrintJob *self,
               double      legend_space,
               SlRect     *body)
{
  *body = (SlRect) {
    SL_PRINT_JOB_TILE_GUTTER,
    SL_PRINT_JOB_HEADER_HEIGHT + SL_PRINT_JOB_TILE_GUTTER,
    MAX (1, self->page_width - 2 * SL_PRINT_JOB_TILE_GUTTER),
    MAX (1, self->page_height - SL_PRINT_JOB_HEADER_HEIGHT - 2 * SL_PRINT_JOB_TILE_GUTTER - legend_space),
  };
  return MIN (SL_PRINT_JOB_TILE_OVERLAP, MIN (body->width, body->height) / 4);
}

static void
lay_out_tiles (SlPrintJob *self,
               double      scale,
               double      legend_space,
               double     *n_columns,
               double     *n_rows)
{
  double overlap = get_tile_body (self, legend_space, &self->board_body);

  self->board_scale = scale;
  self->tile_width = self->board_body.width / scale;
  self->tile_height = self->board_body.height / scale;
  self->overlap = overlap / scale;
  *n_columns = count_tiles (self->area.width, self->tile_width, self->overlap);
  *n_rows = count_tiles (self->area.height, self->tile_height, self->overlap);
}

/* The scale at which @n tiles of @body points, overlapping by @overlap,
 * cover @length board units exactly. */
static double
scale_for_tiles (double length,
                 double body,
                 double overlap,
                 double n)
{
  return (n * body - (n - 1) * overlap) / length;
}

/* With no scale set: half size, unless a little smaller takes fewer pages,
 * as it does when the board overshoots a column or a row by a sliver. */
static double
choose_scale (SlPrintJob *self)
{
  SlRect body;
  double overlap = get_tile_body (self, 0, &body);
  double n_columns, n_rows;

  lay_out_tiles (self, SL_PRINT_JOB_MIN_AUTO_SCALE, 0, &n_columns, &n_rows);
  return MIN (SL_PRINT_JOB_DEFAULT_SCALE,
              MIN (scale_for_tiles (self->area.width, body.width, overlap, n_columns),
                   scale_for_tiles (self->area.height, body.height, overlap, n_rows)));
}

static void
lay_out_fit (SlPrintJob *self,
             double      legend_space)
{
  SlRect *body = &self->board_body;

  body->x = 0;
  body->y = SL_PRINT_JOB_HEADER_HEIGHT + SPACING;
  body->width = MAX (1, self->page_width);
  body->height = MAX (1, self->page_height - body->y - legend_space);
  self->board_scale = MIN (SL_PRINT_JOB_MAX_FIT_SCALE,
                           MIN (body->width / self->area.width, body->height / self->area.height));
  self->n_columns = self->n_rows = 1;
  self->tile_width = self->area.width;
  self->tile_height = self->area.height;
  self->overlap = 0;
}

/* Lays the board out fit on one page or in tiles. Returns its pages, the
 * page map and the tiles, as a double: a region far too large for the
 * scale takes more than a guint counts. The grid is kept only when it is
 * at most %SL_PRINT_JOB_MAX_PAGES pages. */
static double
lay_out_board (SlPrintJob *self,
               double      legend_space)
{
  double scale, n_columns, n_rows;

  if (self->fit_to_page)
    {
      lay_out_fit (self, legend_space);
      return 1;
    }

  /* One tile with the legend below it if that fits; otherwise the legend
   * goes on the page map, and the tiles take the whole page unless that
   * would make them one page with no room for the legend. */
  scale = self->has_scale ? self->scale : choose_scale (self);
  lay_out_tiles (self, scale, legend_space, &n_columns, &n_rows);
  if (n_columns * n_rows > 1 && legend_space > 0)
    {
      lay_out_tiles (self, scale, 0, &n_columns, &n_rows);
      if (n_columns * n_rows == 1)
        lay_out_tiles (self, scale, legend_space, &n_columns, &n_rows);
    }

  if (n_columns * n_rows == 1)
    {
      self->n_columns = self->n_rows = 1;
      return 1;
    }
  if (n_columns * n_rows + 1 <= SL_PRINT_JOB_MAX_PAGES)
    {
      self->n_columns = (guint) n_columns;
      self->n_rows = (guint) n_rows;
    }
  return n_columns * n_rows + 1;
}

static double
get_legend_space (SlPrintJob *self)
{
  if (!self->legend)
    return 0;
  self->legend_height = _sl_print_job_legend (self, NULL, 0, 0, self->page_width);
  return SPACING + self->legend_height;
}

double
_sl_print_job_count_board_pages (SlPrintJob *self)
{
  return lay_out_board (self, get_legend_space (self));
}

void
_sl_print_job_paginate_board (SlPrintJob *self)
{
  double legend_space = get_legend_space (self);
  Page *page;

  /* Never millions of pages, whatever the region and the scale: the
   * caller asks sl_print_job_count_board_pages() first to refuse it. */
  if (lay_out_board (self, legend_space) > SL_PRINT_JOB_MAX_PAGES)
    lay_out_fit (self, legend_space);

  if (self->n_columns * self->n_rows == 1)
    {
      page = _sl_print_job_add_page (self, SL_PRINT_PAGE_BOARD);
      page->legend = self->legend;
      return;
    }

  page = _sl_print_job_add_page (self, SL_PRINT_PAGE_MAP);
  page->legend = self->legend;
  for (guint row = 0; row < self->n_rows; row++)
    for (guint column = 0; column < self->n_columns; column++)
      {
        page = _sl_print_job_add_page (self, SL_PRINT_PAGE_BOARD);
        page->column = column;
        page->row = row;
      }
}

/* The part of the board a tile shows: its cell of the grid, the overlap
 * with its neighbours included, within the area. */
static void
get_tile_region (SlPrintJob *self,
                 guint       column,
                 guint       row,
                 SlRect     *region)
{
  double x = self->area.x + column * (self->tile_width - self->overlap);
  double y = self->area.y + row * (self->tile_height - self->overlap);

  region->x = x;
  region->y = y;
  region->width = MIN (self->tile_width, self->area.x + self->area.width - x);
  region->height = MIN (self->tile_height, self->area.y + self->area.height - y);
}

void
_sl_print_job_get_page_placement (SlPrintJob *self,
                                  const Page *page,
                                  SlRect     *region,
                                  SlRect     *area)
{
  if (page->kind == SL_PRINT_PAGE_MAP)
    {
      double top = SL_PRINT_JOB_HEADER_HEIGHT + SPACING;
      double bottom = self->page_height - 2 * LEGEND_LINE - (page->legend ? SPACING + self->legend_height : 0);
      double scale = MIN (self->page_width / self->area.width, MAX (1, bottom - top) / self->area.height);

      *region = self->area;
      *area = (SlRect) { (self->page_width - self->area.width * scale) / 2, top,
                         self->area.width * scale, self->area.height * scale };
    }
  else if (self->fit_to_page)
    {
      *region = self->area;
      *area = (SlRect) { (self->page_width - self->area.width * self->board_scale) / 2, self->board_body.y,
                         self->area.width * self->board_scale, self->area.height * self->board_scale };
    }
  else
    {
      get_tile_region (self, page->column, page->row, region);
      *area = (SlRect) { self->board_body.x, self->board_body.y,
                         region->width * self->board_scale, region->height * self->board_scale };
    }
}

/* The name of a neighbouring tile in a gutter, by the edge it is at. */
static void
draw_neighbour (SlPrintJob *self,
                cairo_t    *cr,
                guint       column,
                guint       row,
                const char *arrow,
                double      x,
                double      y,
                double      angle)
{
  g_autofree char *name = tile_name (column, row);
  g_autofree char *text = g_strdup_printf ("%s %s", arrow, name);
  g_autoptr(PangoLayout) layout = _sl_print_job_text_layout (self, "Sans Bold 6.5", text, -1);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -_sl_print_job_text_width (layout) / 2, -_sl_print_job_text_height (layout) / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Where a tile meets its neighbours: a dashed cut line through the middle
 * of the overlap, ticks at its ends in the gutters, and the neighbour's
 * name, so that the pages go together without the map. */
void
_sl_print_job_draw_assembly_marks (SlPrintJob   *self,
                                   cairo_t      *cr,
                                   const Page   *page,
                                   const SlRect *area)
{
  double half = self->overlap * self->board_scale / 2;
  double gutter = SL_PRINT_JOB_TILE_GUTTER;
  double dashes[] = { 3, 2 };
  double left = area->x, top = area->y;
  double right = area->x + area->width, bottom = area->y + area->height;
  gboolean before_x = page->column > 0, after_x = page->column + 1 < self->n_columns;
  gboolean before_y = page->row > 0, after_y = page->row + 1 < self->n_rows;
  double cuts_x[2] = { before_x ? left + half : -1, after_x ? right - half : -1 };
  double cuts_y[2] = { before_y ? top + half : -1, after_y ? bottom - half : -1 };

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);

  for (guint i = 0; i < 2; i++)
    {
      if (cuts_x[i] >= 0)
        {
          cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.55);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, cuts_x[i], top);
          cairo_line_to (cr, cuts_x[i], bottom);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, cuts_x[i], top - gutter + 2);
          cairo_line_to (cr, cuts_x[i], top - 2);
          cairo_move_to (cr, cuts_x[i], bottom + 2);
          cairo_line_to (cr, cuts_x[i], bottom + gutter - 2);
          cairo_stroke (cr);
        }
      if (cuts_y[i] >= 0)
        {
          cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.55);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, left, cuts_y[i]);
          cairo_line_to (cr, right, cuts_y[i]);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, left - gutter + 2, cuts_y[i]);
          cairo_line_to (cr, left - 2, cuts_y[i]);
          cairo_move_to (cr, right + 2, cuts_y[i]);
          cairo_line_to (cr, right + gutter - 2, cuts_y[i]);
          cairo_stroke (cr);
        }
    }

  cairo_set_source_rgb (cr, 0.25, 0.25, 0.3);
  if (before_x)
    draw_neighbour (self, cr, page->column - 1, page->row, "◀", left - gutter / 2, (top + bottom) / 2, -G_PI / 2);
  if (after_x)
    draw_neighbour (self, cr, page->column + 1, page->row, "▶", right + gutter / 2, (top + bottom) / 2, G_PI / 2);
  if (before_y)
    draw_neighbour (self, cr, page->column, page->row - 1, "▲", (left + right) / 2, top - gutter / 2, 0);
  if (after_y)
    draw_neighbour (self, cr, page->column, page->row + 1, "▼", (left + right) / 2, bottom + gutter / 2, 0);
  cairo_restore (cr);
}

/* The grid of the tiles over the map: each cell bounded by the cut lines,
 * named as the header of its page names it. */
static void
draw_grid (SlPrintJob   *self,
           cairo_t      *cr,
           const SlRect *area)
{
  double scale = area->width / self->area.width;

  cairo_save (cr);
  for (guint row = 0; row < self->n_rows; row++)
    for (guint column = 0; column < self->n_columns; column++)
      {
        SlRect tile;
        double x0, y0, x1, y1, size;
        g_autofree char *name = tile_name (column, row);
        g_autofree char *font = NULL;
        g_autoptr(PangoLayout) label = NULL;

        get_tile_region (self, column, row, &tile);
        x0 = column == 0 ? tile.x : tile.x + self->overlap / 2;
        y0 = row == 0 ? tile.y : tile.y + self->overlap / 2;
        x1 = column + 1 == self->n_columns ? tile.x + tile.width : tile.x + tile.width - self->overlap / 2;
        y1 = row + 1 == self->n_rows ? tile.y + tile.height : tile.y + tile.height - self->overlap / 2;
        x0 = area->x + (x0 - self->area.x) * scale;
        x1 = area->x + (x1 - self->area.x) * scale;
        y0 = area->y + (y0 - self->area.y) * scale;
        y1 = area->y + (y1 - self->area.y) * scale;

        cairo_set_source_rgba (cr, 0.1, 0.3, 0.65, 0.9);
        cairo_set_line_width (cr, 1.0);
        cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        cairo_stroke (cr);

        size = CLAMP (MIN (x1 - x0, y1 - y0) * 0.3, 8, 28);
        font = g_strdup_printf ("Sans Bold %.1f", size);
        label = _sl_print_job_text_layout (self, font, name, -1);
        /* A halo of the letters' outlines, and the letters as text over
         * it: a name to find in the PDF, and half the outlines, which
         * were an eighth of a 600-page PDF. */
        cairo_move_to (cr, (x0 + x1 - _sl_print_job_text_width (label)) / 2, (y0 + y1 - _sl_print_job_text_height (label)) / 2);
        pango_cairo_layout_path (cr, label);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_set_line_width (cr, size / 5);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke (cr);
        cairo_set_source_rgba (cr, 0.1, 0.3, 0.65, 0.95);
        cairo_move_to (cr, (x0 + x1 - _sl_print_job_text_width (label)) / 2, (y0 + y1 - _sl_print_job_text_height (label)) / 2);
        pango_cairo_show_layout (cr, label);
      }
  cairo_restore (cr);
}

/* Returns where the page map ends. */
double
_sl_print_job_draw_map_page (SlPrintJob *self,
                             cairo_t    *cr,
                             const Page *page)
{
  SlRect region, area;
  g_autofree char *note = NULL;
  g_autoptr(PangoLayout) text = NULL;

  _sl_print_job_get_page_placement (self, page, &region, &area);

  /* So small that text is only grey: the simplified look of the screen,
   * so that the names of the tiles stand out. */
  sl_renderer_set_full_detail (self->renderer, FALSE);
  _sl_print_job_draw_board (self, cr, &region, &area, FALSE);
  sl_renderer_set_full_detail (self->renderer, TRUE);
  draw_grid (self, cr, &area);

  /* Translators: columns × rows of pages, then the overlap in millimetres */
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u × %u page. Neighbouring pages overlap by %.0f mm: trim one along "
                                       "its dashed line and lay it over the other, matching the marks.",
                                       "%u × %u pages. Neighbouring pages overlap by %.0f mm: trim one along "
                                       "its dashed line and lay it over the other, matching the marks.",
                                       self->n_columns * self->n_rows),
                          self->n_columns, self->n_rows, SL_PRINT_JOB_TILE_OVERLAP * 25.4 / 72);
  text = _sl_print_job_text_layout (self, "Sans 8", note, self->page_width);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.38, 0.38, 0.42);
  cairo_move_to (cr, 0, area.y + area.height + 6);
  pango_cairo_show_layout (cr, text);
  return area.y + area.height + 6 + _sl_print_job_text_height (text);
}

/* What the header of a tile's page says it shows. */
char *
_sl_print_job_describe_tile (guint column,
                             guint row)
{
  g_autofree char *name = tile_name (column, row);
  g_autofree char *letters = row_name (row);

  /* Translators: a tile of a board printed over several pages, as
   * "Tile B2: row B, column 2" */
  return g_strdup_printf (_("Tile %s: row %s, column %u"), name, letters, column + 1);
}
