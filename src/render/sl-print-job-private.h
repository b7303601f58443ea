/* sl-print-job-private.h: what the files of SlPrintJob share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "sl-print-job.h"

G_BEGIN_DECLS

/* Between the header and what follows, and the board and the legend. */
#define SPACING 8.0
#define LEGEND_LINE 13.0

typedef struct
{
  SlPrintPageKind kind;
  guint column;        /* of a tile */
  guint row;
  guint first_line;    /* of a scenario page, in lines */
  guint n_lines;
  gboolean legend;     /* the legend is at the bottom of this page */
} Page;

typedef enum {
  LINE_NOTE,      /* the command or view the scenarios below are about */
  LINE_SCENARIO,  /* a scenario's title */
  LINE_STEP,      /* a Given, When or Then step, or the error */
} LineKind;

/* A line of the scenario pages, copied out of the model when paginating so
 * that drawing never meets an element the user removed in between. */
typedef struct
{
  LineKind kind;
  int note_kind;       /* the colour of the swatch, -1 for none */
  char *part;          /* "Given", "When", "Then" on a part's first step */
  char *text;
  char *values;        /* "name: value" lines, or NULL */
  gboolean error;
  double height;
  double y;            /* from the top of the page's body */
} Line;

struct _SlPrintJob
{
  GObject parent_instance;

  SlLayout *layout;
  SlRenderer *renderer;
  PangoContext *context;  /* for the pages' own text, in points */

  /* What to print */
  gboolean has_region;
  SlRect region;
  gboolean fit_to_page;
  gboolean has_scale;
  double scale;
  gboolean legend;
  gboolean problems;
  gboolean scenarios;
  char *file_name;
  GDateTime *date;

  /* The pages, after sl_print_job_paginate() */
  gboolean paginated;
  double page_width;
  double page_height;
  SlRect area;            /* the region with the lane headers' column at its left */
  guint kinds;            /* the note kinds on the board, a bit each */
  double legend_height;
  double board_scale;     /* points a board unit on the board pages */
  SlRect board_body;      /* where a board page draws, in points */
  guint n_columns;
  guint n_rows;
  double tile_width;      /* in board units */
  double tile_height;
  double overlap;         /* in board units */
  GArray *pages;          /* of Page */
  GArray *lines;          /* of Line */
};

/* sl-print-job.c */
PangoLayout *_sl_print_job_text_layout          (SlPrintJob      *self,
                                                 const char      *font,
                                                 const char      *text,
                                                 double           width);
double       _sl_print_job_text_height          (PangoLayout     *layout);
double       _sl_print_job_text_width           (PangoLayout     *layout);
void         _sl_print_job_show_text            (SlPrintJob      *self,
                                                 cairo_t         *cr,
                                                 const char      *font,
                                                 const char      *text,
                                                 double           x,
                                                 double           y,
                                                 double           width,
                                                 PangoAlignment   alignment);
Page        *_sl_print_job_add_page             (SlPrintJob      *self,
                                                 SlPrintPageKind  kind);
double       _sl_print_job_legend               (SlPrintJob      *self,
                                                 cairo_t         *cr,
                                                 double           x,
                                                 double           y,
                                                 double           width);
void         _sl_print_job_draw_board           (SlPrintJob      *self,
                                                 cairo_t         *cr,
                                                 const SlRect    *region,
                                                 const SlRect    *area,
                                                 gboolean         lane_headers);

/* sl-print-job-map.c */
double       _sl_print_job_count_board_pages    (SlPrintJob      *self);
void         _sl_print_job_paginate_board       (SlPrintJob      *self);
void         _sl_print_job_get_page_placement   (SlPrintJob      *self,
                                                 const Page      *page,
                                                 SlRect          *region,
                                                 SlRect          *area);
void         _sl_print_job_draw_assembly_marks  (SlPrintJob      *self,
                                                 cairo_t         *cr,
                                                 const Page      *page,
                                                 const SlRect    *area);
double       _sl_print_job_draw_map_page        (SlPrintJob      *self,
                                                 cairo_t         *cr,
                                                 const Page      *page);
char        *_sl_print_job_describe_tile        (guint            column,
                                                 guint            row);

/* sl-print-job-scenarios.c */
void         _sl_print_job_line_clear           (gpointer         data);
void         _sl_print_job_paginate_scenarios   (SlPrintJob      *self);
void         _sl_print_job_draw_scenario_page   (SlPrintJob      *self,
                                                 cairo_t         *cr,
                                                 const Page      *page);

G_END_DECLS
