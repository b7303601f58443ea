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
  SL_N_EXPORT_FORMATS
} SlExportFormat;

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

GBytes *sl_export_to_bytes    (SlPrintJob           *job,
                               SlExportFormat        format,
                               const SlExportPaper  *paper,
                               gboolean              portrait,
                               double                scale,
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
