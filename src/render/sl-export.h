/* sl-export.h: a board as a PDF, an SVG or a PNG file's bytes, or a
 * model's specification in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-print-job.h"

G_BEGIN_DECLS

/* The margin left around the printable area of an exported PDF page. */
#define SL_EXPORT_PDF_MARGIN (10 * 72 / 25.4)
/* More would be a mistake of the scale, not a document anyone prints. */
#define SL_EXPORT_PDF_MAX_PAGES SL_PRINT_JOB_MAX_PAGES
/* cairo's largest image, and a memory bound (400 MB) below it. */
#define SL_EXPORT_PNG_MAX_SIDE   32767
#define SL_EXPORT_PNG_MAX_PIXELS 100000000.0
/* cairo draws in fixed point that wraps past 2²³ units: a larger SVG
 * falls back to an image of it all, which takes minutes and gigabytes. */
#define SL_EXPORT_SVG_MAX_SIDE   8000000.0
/* A card's text, Sans 11 at 96 dpi, in board units. */
#define SL_EXPORT_CARD_TEXT_SIZE (11 * 96 / 72.0)
/* Below this, in points, a card's text on paper is a grey line, not
 * words: the hotel example (3,096 units wide) prints at 3.5 pt on Letter
 * and 3.7 pt on A4, landscape, and is read on one page; a board twice as
 * long is not. */
#define SL_EXPORT_PDF_MIN_TEXT_SIZE 3.0

#define SL_EXPORT_ERROR (sl_export_error_quark ())

typedef enum {
  SL_EXPORT_ERROR_TOO_LARGE,
  SL_EXPORT_ERROR_FAILED,
} SlExportError;

/* What a model can be exported as, the order of the Export dialog's filters. */
typedef enum {
  SL_EXPORT_FORMAT_PDF,
  SL_EXPORT_FORMAT_SVG,
  SL_EXPORT_FORMAT_PNG,
  SL_EXPORT_FORMAT_MARKDOWN,
  SL_EXPORT_FORMAT_MERMAID,
  SL_N_EXPORT_FORMATS
} SlExportFormat;

/* How a PDF or a print lays the board out. */
typedef enum {
  SL_EXPORT_PAGES_AUTO,   /* one page, unless its text would be smaller than SL_EXPORT_PDF_MIN_TEXT_SIZE */
  SL_EXPORT_PAGES_FIT,    /* one page, whatever the size of its text */
  SL_EXPORT_PAGES_TILED,  /* tiles at the job's scale */
} SlExportPages;

/* What sl_export_plan() decided, for the caller to say. */
typedef struct
{
  SlExportFormat format;
  SlRect area;         /* the part of the board drawn, in board units */
  double scale;        /* SVG, PNG: points or pixels a board unit */
  gboolean scaled_down; /* SVG, PNG: drawn smaller than asked, to fit the limits */
  double text_size;    /* PDF: a card's text on one page, in points */
  gboolean tiled;      /* PDF: tiled as one page would be illegible */
  guint n_pages;       /* PDF */
} SlExportPlan;

typedef struct
{
  const char *name;  /* lowercase, as stormline-cli's --paper takes it */
  double width;      /* portrait, in points */
  double height;
} SlExportPaper;

GQuark  sl_export_error_quark (void);

const char          *sl_export_format_get_suffix    (SlExportFormat  format);
const char          *sl_export_format_get_mime_type (SlExportFormat  format);
const char          *sl_export_format_get_name      (SlExportFormat  format);
gboolean             sl_export_format_from_filename (const char     *filename,
                                                     SlExportFormat *format);
const SlExportPaper *sl_export_paper_lookup         (const char     *name);
const SlExportPaper *sl_export_paper_get_default    (void);

double  sl_export_get_max_scale (SlPrintJob     *job,
                                 SlExportFormat  format);
gboolean sl_export_plan         (SlPrintJob     *job,
                                 SlExportFormat  format,
                                 double          page_width,
                                 double          page_height,
                                 SlExportPages   pages,
                                 double          scale,
                                 SlExportPlan   *plan,
                                 GError        **error);
char   *sl_export_plan_describe (const SlExportPlan *plan);
void    sl_export_paper_get_printable_size (const SlExportPaper *paper,
                                            gboolean             portrait,
                                            double              *width,
                                            double              *height);

GBytes *sl_export_to_bytes    (SlPrintJob           *job,
                               SlExportFormat        format,
                               const SlExportPaper  *paper,
                               gboolean              portrait,
                               double                scale,
                               GError              **error);
gboolean sl_export_to_file    (SlPrintJob           *job,
                               SlExportFormat        format,
                               const SlExportPaper  *paper,
                               gboolean              portrait,
                               double                scale,
                               GFile                *file,
                               GError              **error);
GBytes *sl_export_pdf         (SlPrintJob  *job,
                               double       page_width,
                               double       page_height,
                               GError     **error);
GBytes *sl_export_svg         (SlPrintJob  *job,
                               double       scale,
                               GError     **error);
GBytes *sl_export_png         (SlPrintJob  *job,
                               double       scale,
                               GError     **error);

G_END_DECLS
