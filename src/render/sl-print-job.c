/* sl-print-job.c: a board laid out on pages, for printing and PDF export
 *
 * The one engine behind the print dialog and `stormline-cli export`: it
 * lays a region of the board out on pages of a given printable size and
 * draws each page onto a cairo context whose user space is points, with
 * the origin at the printable area's top left corner. The board itself is
 * drawn by SlRenderer, at full detail and in the light style, so that
 * paper shows what the screen shows, text and all.
 *
 * Two layouts: the region fit on one page, or the region at a scale over
 * as many pages as it takes. Tiles overlap their neighbours by a strip
 * that carries a dashed cut line and marks in the gutters; a page map
 * comes first and shows the region small with the grid of the tiles.
 * Every page has a header: the model's title, the date, "Page N of M" and
 * what the page shows ("Tile B2": row B, column 2). Scenario pages follow
 * the board: a Given/When/Then table per scenario of each command and
 * view, in the order of the board, continued over pages as needed.
 *
 * This file holds the object, the page header, the legend and the board
 * drawn on a page; sl-print-job-map.c lays the board out in tiles and
 * draws the page map and the marks in the gutters; sl-print-job-scenarios.c
 * makes and draws the scenario pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sl-print-job-private.h"

/* The margin of the whole board around its notes and slices, in board units. */
#define BOARD_MARGIN 24.0

G_DEFINE_FINAL_TYPE (SlPrintJob, sl_print_job, G_TYPE_OBJECT)

static void
invalidate (SlPrintJob *self)
{
  self->paginated = FALSE;
}

PangoLayout *
_sl_print_job_text_layout (SlPrintJob *self,
                           const char *font,
                           const char *text,
                           double      width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autofree char *shown = sl_renderer_get_shown_text (text);
  /* A noncharacter would stop cairo drawing a PDF page, a control would
   * reach its text. */
  g_autofree char *drawable = sl_text_make_drawable (shown);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, drawable, -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  return layout;
}

double
_sl_print_job_text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
_sl_print_job_text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

void
_sl_print_job_show_text (SlPrintJob     *self,
                         cairo_t        *cr,
                         const char     *font,
                         const char     *text,
                         double          x,
                         double          y,
                         double          width,
                         PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = _sl_print_job_text_layout (self, font, text, width);

  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

typedef struct
{
  double left, right;
  guint kinds;
} ContentData;

static gboolean
content_note_cb (SlNote       *note,
                 const SlRect *rect,
                 gpointer      user_data)
{
  ContentData *data = user_data;

  data->left = MIN (data->left, rect->x);
  data->right = MAX (data->right, rect->x + rect->width);
  data->kinds |= 1u << sl_note_get_kind (note);
  return TRUE;
}

/* The notes and slices of the board, and the kinds of its notes. The
 * layout's bounds leave room to add notes on the right: paper needs none. */
static void
measure_content (SlPrintJob *self,
                 SlRect     *content,
                 guint      *kinds)
{
  GListModel *slices = sl_document_get_slices (sl_layout_get_document (self->layout));
  ContentData data = { G_MAXDOUBLE, -G_MAXDOUBLE, 0 };
  SlRect bounds;

  sl_layout_get_bounds (self->layout, &bounds);
  sl_layout_foreach_note (self->layout, content_note_cb, &data);
  for (guint i = 0; i < g_list_model_get_n_items (slices); i++)
    {
      SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (slices), i);

      data.left = MIN (data.left, sl_slice_get_x (slice));
      data.right = MAX (data.right, sl_slice_get_x (slice) + sl_slice_get_width (slice));
    }

  if (data.left > data.right)
    *content = bounds;
  else
    *content = (SlRect) { data.left - BOARD_MARGIN, bounds.y,
                          data.right - data.left + 2 * BOARD_MARGIN, bounds.height };
  *kinds = data.kinds;
}

static void
update_problems (SlPrintJob *self)
{
  SlDocument *document = sl_layout_get_document (self->layout);

  if (self->problems)
    {
      g_autoptr(GPtrArray) problems = sl_check_run (document);

      sl_renderer_set_problems (self->renderer, problems, sl_document_get_step (document));
    }
  else
    sl_renderer_set_problems (self->renderer, NULL, 0);
}

/* The problems first: a card with fields with problems grows to list
 * them, which moves the board's bottom. */
static void
update_area (SlPrintJob *self)
{
  SlRect content;

  update_problems (self);
  measure_content (self, &content, &self->kinds);
  if (self->has_region)
    content = self->region;

  /* The lane names stand in a column left of the region, covering nothing. */
  self->area = content;
  self->area.x -= SL_LAYOUT_LANE_HEADER_WIDTH;
  self->area.width += SL_LAYOUT_LANE_HEADER_WIDTH;
}

/* The legend: a swatch and the name of each kind on the board, in the
 * legend's order, in lines as wide as @width. Draws when @cr is given;
 * returns the height. */
double
_sl_print_job_legend (SlPrintJob *self,
                      cairo_t    *cr,
                      double      x,
                      double      y,
                      double      width)
{
  double left = 0, top = 0;

  /* The kinds, then the mark of a problem. */
  for (guint kind = 0; kind <= SL_N_NOTE_KINDS; kind++)
    {
      gboolean is_kind = kind < SL_N_NOTE_KINDS;
      g_autoptr(PangoLayout) label = NULL;
      double item_width;

      if (is_kind ? !(self->kinds & (1u << kind)) : !self->problems)
        continue;

      label = _sl_print_job_text_layout (self, "Sans 8",
                                         is_kind ? sl_note_kind_get_label (kind) : _("Fails the model’s current step"),
                                         -1);
      item_width = 16 + _sl_print_job_text_width (label) + 14;
      if (left > 0 && left + item_width > width)
        {
          left = 0;
          top += LEGEND_LINE;
        }

      if (cr != NULL)
        {
          cairo_save (cr);
          cairo_rectangle (cr, x + left, y + top + 1.5, 12, 8);
          if (is_kind)
            {
              double rgb[3];

              sl_renderer_get_kind_color (self->renderer, kind, rgb);
              cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
              cairo_fill_preserve (cr);
              cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
              cairo_set_line_width (cr, 0.5);
            }
          else
            {
              /* As the renderer rings a note that fails the step. */
              double dashes[] = { 2, 1.5 };

              cairo_set_source_rgb (cr, 0.85, 0.1, 0.15);
              cairo_set_line_width (cr, 1.0);
              cairo_set_dash (cr, dashes, 2, 0);
            }
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.22);
          cairo_move_to (cr, x + left + 16, y + top);
          pango_cairo_show_layout (cr, label);
          cairo_restore (cr);
        }

      left += item_width;
    }

  return left > 0 || top > 0 ? top + LEGEND_LINE : 0;
}

/* Pages */

Page *
_sl_print_job_add_page (SlPrintJob      *self,
                        SlPrintPageKind  kind)
{
  Page page = { kind };

  g_array_append_val (self->pages, page);
  return &g_array_index (self->pages, Page, self->pages->len - 1);
}

/* Drawing */

static void
draw_header (SlPrintJob *self,
             cairo_t    *cr,
             guint       number,
             const char *what)
{
  double width = self->page_width;
  g_autofree char *page = g_strdup_printf (_("Page %u of %u"), number + 1, self->pages->len);
  /* Translators: the date in the page header, see g_date_time_format() */
  g_autofree char *date = g_date_time_format (self->date, _("%Y-%m-%d"));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  _sl_print_job_show_text (self, cr, "Sans Bold 12", sl_print_job_get_title (self), 0, 0, width * 0.65, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  _sl_print_job_show_text (self, cr, "Sans Bold 9", page, width * 0.65, 2, width * 0.35, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, 0.38, 0.38, 0.42);
  _sl_print_job_show_text (self, cr, "Sans 8", date, 0, 17, width * 0.4, PANGO_ALIGN_LEFT);
  _sl_print_job_show_text (self, cr, "Sans 8", what, width * 0.4, 17, width * 0.6, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.34);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, SL_PRINT_JOB_HEADER_HEIGHT - 4);
  cairo_line_to (cr, width, SL_PRINT_JOB_HEADER_HEIGHT - 4);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Draws @region of the board onto @area of the page. */
void
_sl_print_job_draw_board (SlPrintJob   *self,
                          cairo_t      *cr,
                          const SlRect *region,
                          const SlRect *area,
                          gboolean      lane_headers)
{
  double scale = area->width / region->width;

  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  cairo_translate (cr, area->x, area->y);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -region->x, -region->y);
  sl_renderer_draw (self->renderer, cr, region, scale);
  /* At most as wide as on screen at 100 %, the width of their column. */
  if (lane_headers)
    sl_renderer_draw_lane_headers (self->renderer, cr, region, MIN (scale, 1.0));
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* What the header says a page shows. */
static char *
describe_page (SlPrintJob *self,
               const Page *page)
{
  switch (page->kind)
    {
    case SL_PRINT_PAGE_MAP:
      return g_strdup (_("Page map"));
    case SL_PRINT_PAGE_SCENARIOS:
      return g_strdup (_("Scenarios"));
    case SL_PRINT_PAGE_BOARD:
    default:
      if (self->n_columns * self->n_rows > 1)
        return _sl_print_job_describe_tile (page->column, page->row);
      return g_strdup (self->has_region ? _("Part of the board") : _("The whole board"));
    }
}

static void
sl_print_job_dispose (GObject *object)
{
  SlPrintJob *self = (SlPrintJob *)object;

  g_clear_object (&self->renderer);
  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (sl_print_job_parent_class)->dispose (object);
}

static void
sl_print_job_class_init (SlPrintJobClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_print_job_dispose;
}

static void
sl_print_job_init (SlPrintJob *self)
{
  cairo_font_options_t *options;

  self->date = g_date_time_new_now_local ();
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (self->lines, _sl_print_job_line_clear);

  /* Points, unhinted: the same metrics on every printer and in PDF. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_destroy (options);
}

/**
 * sl_print_job_new:
 * @layout: the layout of the board to print
 *
 * Creates a job that prints the whole board fit on one page, with no
 * legend, problems or scenarios, dated now. It draws with a renderer of
 * its own, in the light style and at full detail, whatever the canvas
 * shows.
 *
 * Returns: (transfer full): a new print job
 */
SlPrintJob *
sl_print_job_new (SlLayout *layout)
{
  SlPrintJob *self;

  g_return_val_if_fail (SL_IS_LAYOUT (layout), NULL);

  self = g_object_new (SL_TYPE_PRINT_JOB, NULL);
  self->layout = g_object_ref (layout);
  self->renderer = sl_renderer_new (layout);
  self->fit_to_page = TRUE;
  sl_renderer_set_style (self->renderer, SL_RENDER_STYLE_LIGHT);
  sl_renderer_set_full_detail (self->renderer, TRUE);
  return self;
}

/**
 * sl_print_job_get_layout:
 *
 * Returns: (transfer none): the layout of the board printed
 */
SlLayout *
sl_print_job_get_layout (SlPrintJob *self)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), NULL);

  return self->layout;
}

/**
 * sl_print_job_set_region:
 * @region: (nullable): a part of the board, in board units, or %NULL for
 *   the whole board
 *
 * Prints @region (the selection's bounds, the part in view) instead of the
 * whole board. The lane names are printed in a column left of it.
 */
void
sl_print_job_set_region (SlPrintJob   *self,
                         const SlRect *region)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (region == NULL || (region->width > 0 && region->height > 0));

  self->has_region = region != NULL;
  if (region != NULL)
    self->region = *region;
  invalidate (self);
}

/**
 * sl_print_job_get_area:
 * @area: (out): the part of the board printed, in board units
 *
 * Gets the part of the board the job prints: the region (the notes and
 * slices of the whole board with a margin, unless one was set) with the
 * column of the lane names at its left.
 */
void
sl_print_job_get_area (SlPrintJob *self,
                       SlRect     *area)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (area != NULL);

  update_area (self);
  *area = self->area;
}

/**
 * sl_print_job_set_fit_to_page:
 * @fit_to_page: %TRUE to fit the region on one page, %FALSE to print it
 *   at the job's scale over as many pages as it takes
 */
void
sl_print_job_set_fit_to_page (SlPrintJob *self,
                              gboolean    fit_to_page)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->fit_to_page = !!fit_to_page;
  invalidate (self);
}

/**
 * sl_print_job_set_scale:
 * @scale: points a board unit
 *
 * Sets the scale of a board printed over several pages. Unless it is set,
 * the job prints at %SL_PRINT_JOB_DEFAULT_SCALE (a card's text at 7.3 pt),
 * or at the largest scale down to %SL_PRINT_JOB_MIN_AUTO_SCALE (6.6 pt)
 * that takes fewer pages.
 */
void
sl_print_job_set_scale (SlPrintJob *self,
                        double      scale)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (scale > 0 && isfinite (scale));

  self->has_scale = TRUE;
  self->scale = scale;
  invalidate (self);
}

/**
 * sl_print_job_set_legend:
 * @legend: whether to print a key of the note kinds on the board and their
 *   colours, under the board or the page map
 */
void
sl_print_job_set_legend (SlPrintJob *self,
                         gboolean    legend)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->legend = !!legend;
  invalidate (self);
}

/**
 * sl_print_job_set_problems:
 * @problems: whether to mark what the check finds, as the board does: the
 *   notes that fail the model's current step and the fields with no
 *   origin or no destination
 */
void
sl_print_job_set_problems (SlPrintJob *self,
                           gboolean    problems)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->problems = !!problems;
  invalidate (self);
}

/**
 * sl_print_job_set_scenarios:
 * @scenarios: whether to print, after the board, the scenarios of every
 *   command and view as Given/When/Then tables
 */
void
sl_print_job_set_scenarios (SlPrintJob *self,
                            gboolean    scenarios)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->scenarios = !!scenarios;
  invalidate (self);
}

/**
 * sl_print_job_set_file_name:
 * @file_name: (nullable): the name of the model's file, shown as the title
 *   of a model that has none
 */
void
sl_print_job_set_file_name (SlPrintJob *self,
                            const char *file_name)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
}

/**
 * sl_print_job_get_title:
 *
 * Returns: the title in the page headers: the model's, or the file's name,
 *   or "Untitled"
 */
const char *
sl_print_job_get_title (SlPrintJob *self)
{
  const char *title;

  g_return_val_if_fail (SL_IS_PRINT_JOB (self), NULL);

  title = sl_document_get_title (sl_layout_get_document (self->layout));
  if (*title)
    return title;
  if (self->file_name != NULL && *self->file_name)
    return self->file_name;
  return _("Untitled");
}

/**
 * sl_print_job_set_date:
 * @date: the date in the page headers
 */
void
sl_print_job_set_date (SlPrintJob *self,
                       GDateTime  *date)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (date != NULL);

  g_date_time_ref (date);
  g_date_time_unref (self->date);
  self->date = date;
}

/**
 * sl_print_job_count_board_pages:
 * @page_width: the width of the printable area, in points
 * @page_height: its height
 *
 * Counts the pages of the board, the page map and the tiles, that
 * sl_print_job_paginate() would make on pages of the printable size,
 * without making them: a region far too large for the scale is refused
 * before it takes memory. sl_print_job_paginate() never makes more than
 * %SL_PRINT_JOB_MAX_PAGES; beyond, it fits the board on one page. Call it
 * again after this, which undoes the last pagination.
 *
 * Returns: the number of pages, at least 1, as a double: it can be more
 *   than a guint holds
 */
double
sl_print_job_count_board_pages (SlPrintJob *self,
                                double      page_width,
                                double      page_height)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), 0);
  g_return_val_if_fail (page_width > 0 && page_height > 0, 0);

  self->paginated = FALSE;
  self->page_width = page_width;
  self->page_height = page_height;
  update_area (self);
  return _sl_print_job_count_board_pages (self);
}

/**
 * sl_print_job_paginate:
 * @page_width: the width of the printable area, in points
 * @page_height: its height
 *
 * Lays the job out on pages of the printable size: the board on one page
 * or in tiles, row by row, after a page map; then the scenarios. Measures
 * the board as it is now; call it again after the board changes.
 *
 * Returns: the number of pages, at least 1
 */
guint
sl_print_job_paginate (SlPrintJob *self,
                       double      page_width,
                       double      page_height)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), 0);
  g_return_val_if_fail (page_width > 0 && page_height > 0, 0);

  self->page_width = page_width;
  self->page_height = page_height;
  g_array_set_size (self->pages, 0);
  g_array_set_size (self->lines, 0);

  update_area (self);
  _sl_print_job_paginate_board (self);
  if (self->scenarios)
    _sl_print_job_paginate_scenarios (self);

  self->paginated = TRUE;
  return self->pages->len;
}

/**
 * sl_print_job_get_n_pages:
 *
 * Returns: the number of pages of the last pagination, 0 before it
 */
guint
sl_print_job_get_n_pages (SlPrintJob *self)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), 0);

  return self->paginated ? self->pages->len : 0;
}

SlPrintPageKind
sl_print_job_get_page_kind (SlPrintJob *self,
                            guint       page)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), SL_PRINT_PAGE_BOARD);
  g_return_val_if_fail (self->paginated && page < self->pages->len, SL_PRINT_PAGE_BOARD);

  return g_array_index (self->pages, Page, page).kind;
}

/**
 * sl_print_job_get_grid:
 * @n_columns: (out) (optional): the number of columns of tiles
 * @n_rows: (out) (optional): the number of rows
 *
 * Gets the grid of the tiles of the last pagination: 1 × 1 for a board on
 * one page.
 */
void
sl_print_job_get_grid (SlPrintJob *self,
                       guint      *n_columns,
                       guint      *n_rows)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (self->paginated);

  if (n_columns != NULL)
    *n_columns = self->n_columns;
  if (n_rows != NULL)
    *n_rows = self->n_rows;
}

/**
 * sl_print_job_get_placement:
 * @page: a page of the last pagination
 * @region: (out) (optional): the part of the board the page shows, in
 *   board units
 * @area: (out) (optional): where the page shows it, in points from the
 *   printable area's top left corner
 *
 * Says where a board page or the page map puts the board: a point of
 * @region is drawn at `area.x + (x - region.x) * area.width / region.width`.
 *
 * Returns: %FALSE for a page of scenarios, which shows no board
 */
gboolean
sl_print_job_get_placement (SlPrintJob *self,
                            guint       page,
                            SlRect     *region,
                            SlRect     *area)
{
  const Page *info;
  SlRect board_region, board_area;

  g_return_val_if_fail (SL_IS_PRINT_JOB (self), FALSE);
  g_return_val_if_fail (self->paginated && page < self->pages->len, FALSE);

  info = &g_array_index (self->pages, Page, page);
  if (info->kind == SL_PRINT_PAGE_SCENARIOS)
    return FALSE;

  _sl_print_job_get_page_placement (self, info, &board_region, &board_area);
  if (region != NULL)
    *region = board_region;
  if (area != NULL)
    *area = board_area;
  return TRUE;
}

/**
 * sl_print_job_draw_page:
 * @cr: a context whose user space is points, with the origin at the top
 *   left corner of the printable area given to sl_print_job_paginate()
 * @page: the page, from 0
 *
 * Draws a page of the last pagination: in a #GtkPrintOperation's
 * #GtkPrintOperation::draw-page with the unit set to points, or on the
 * pages of a PDF surface.
 */
void
sl_print_job_draw_page (SlPrintJob *self,
                        cairo_t    *cr,
                        guint       page)
{
  const Page *info;
  g_autofree char *what = NULL;
  double bottom = 0;  /* of what the page shows, for the legend below it */

  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->paginated && page < self->pages->len);

  info = &g_array_index (self->pages, Page, page);
  what = describe_page (self, info);

  cairo_save (cr);
  draw_header (self, cr, page, what);

  switch (info->kind)
    {
    case SL_PRINT_PAGE_MAP:
      bottom = _sl_print_job_draw_map_page (self, cr, info);
      break;

    case SL_PRINT_PAGE_SCENARIOS:
      _sl_print_job_draw_scenario_page (self, cr, info);
      break;

    case SL_PRINT_PAGE_BOARD:
    default:
      {
        SlRect region, area;

        _sl_print_job_get_page_placement (self, info, &region, &area);
        _sl_print_job_draw_board (self, cr, &region, &area, info->column == 0);
        if (self->n_columns * self->n_rows > 1)
          _sl_print_job_draw_assembly_marks (self, cr, info, &area);
        bottom = area.y + area.height;
      }
      break;
    }

  /* Pagination kept the room for it. */
  if (info->legend)
    _sl_print_job_legend (self, cr, 0, bottom + SPACING, self->page_width);

  cairo_restore (cr);
}

/**
 * sl_print_job_draw_area:
 * @cr: a context with the origin where the area's top left corner goes
 * @scale: output units (points, pixels) a board unit
 *
 * Draws the job's area (see sl_print_job_get_area()) as one image, its
 * lane names at the left, with no page header: the board of an SVG or PNG
 * export.
 */
void
sl_print_job_draw_area (SlPrintJob *self,
                        cairo_t    *cr,
                        double      scale)
{
  SlRect area;

  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scale > 0);

  update_area (self);
  area = self->area;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -area.x, -area.y);
  sl_renderer_draw (self->renderer, cr, &area, scale);
  sl_renderer_draw_lane_headers (self->renderer, cr, &area, MIN (scale, 1.0));
  cairo_restore (cr);
}

