/* sl-print-job.h: a board laid out on pages, for printing and PDF export
 *
 * Set what to print (region, fit or tiled at a scale, legend, problems,
 * scenarios, the file name for an untitled model, the date), then
 * sl_print_job_paginate() with the printable area in points gives the
 * number of pages and sl_print_job_draw_page() draws one onto a context in
 * points whose origin is the printable area's top left corner. With a
 * GtkPrintOperation (unit GTK_UNIT_POINTS): begin-print paginates with
 * gtk_print_context_get_width() and _get_height() and sets n-pages,
 * draw-page draws with gtk_print_context_get_cairo_context().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "sl-renderer.h"

G_BEGIN_DECLS

/* The scale of a board printed over several pages, unless told otherwise,
 * in points a board unit: a card's text (11 px) comes out at 7.3 pt. The
 * job goes down to the smaller scale when that saves pages. */
#define SL_PRINT_JOB_DEFAULT_SCALE  0.5
#define SL_PRINT_JOB_MIN_AUTO_SCALE 0.45
/* How far neighbouring tiles overlap, in points (about 6 mm). */
#define SL_PRINT_JOB_TILE_OVERLAP  18.0
/* The header of every page: title, date, page number, what the page shows. */
#define SL_PRINT_JOB_HEADER_HEIGHT 34.0
/* Around a tile, the strip that holds its assembly marks. */
#define SL_PRINT_JOB_TILE_GUTTER   12.0
/* A board region fit on one page is never drawn larger than this. */
#define SL_PRINT_JOB_MAX_FIT_SCALE 2.0
/* The most pages of a board (the page map and the tiles) a job makes:
 * more is a mistake of the scale or the region, not a printout. */
#define SL_PRINT_JOB_MAX_PAGES     1000

typedef enum {
  SL_PRINT_PAGE_BOARD,     /* the region on one page, or one tile of it */
  SL_PRINT_PAGE_MAP,       /* the region small, with the grid of the tiles */
  SL_PRINT_PAGE_SCENARIOS, /* Given/When/Then tables */
} SlPrintPageKind;

#define SL_TYPE_PRINT_JOB (sl_print_job_get_type ())

G_DECLARE_FINAL_TYPE (SlPrintJob, sl_print_job, SL, PRINT_JOB, GObject)

SlPrintJob      *sl_print_job_new              (SlLayout     *layout);
SlLayout        *sl_print_job_get_layout       (SlPrintJob   *self);

void             sl_print_job_set_region       (SlPrintJob   *self,
                                                const SlRect *region);
void             sl_print_job_get_area         (SlPrintJob   *self,
                                                SlRect       *area);
void             sl_print_job_set_fit_to_page  (SlPrintJob   *self,
                                                gboolean      fit_to_page);
void             sl_print_job_set_scale        (SlPrintJob   *self,
                                                double        scale);
void             sl_print_job_set_legend       (SlPrintJob   *self,
                                                gboolean      legend);
void             sl_print_job_set_problems     (SlPrintJob   *self,
                                                gboolean      problems);
void             sl_print_job_set_scenarios    (SlPrintJob   *self,
                                                gboolean      scenarios);
void             sl_print_job_set_file_name    (SlPrintJob   *self,
                                                const char   *file_name);
const char      *sl_print_job_get_title        (SlPrintJob   *self);
void             sl_print_job_set_date         (SlPrintJob   *self,
                                                GDateTime    *date);

double           sl_print_job_count_board_pages (SlPrintJob  *self,
                                                 double       page_width,
                                                 double       page_height);
guint            sl_print_job_paginate         (SlPrintJob   *self,
                                                double        page_width,
                                                double        page_height);
guint            sl_print_job_get_n_pages      (SlPrintJob   *self);
SlPrintPageKind  sl_print_job_get_page_kind    (SlPrintJob   *self,
                                                guint         page);
void             sl_print_job_get_grid         (SlPrintJob   *self,
                                                guint        *n_columns,
                                                guint        *n_rows);
gboolean         sl_print_job_get_placement    (SlPrintJob   *self,
                                                guint         page,
                                                SlRect       *region,
                                                SlRect       *area);
void             sl_print_job_draw_page        (SlPrintJob   *self,
                                                cairo_t      *cr,
                                                guint         page);

void             sl_print_job_draw_area        (SlPrintJob   *self,
                                                cairo_t      *cr,
                                                double        scale);

G_END_DECLS
