/* sl-export.c: a board as a PDF, an SVG or a PNG file's bytes, or a
 * model's specification in Markdown
 *
 * The pages and the image come from an SlPrintJob, drawn by the same
 * renderer as the canvas; stormline-cli and the Export dialog share the
 * formats and paper sizes here, and write the bytes where they are told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "sl-export.h"
#include "sl-file-writer.h"
#include "sl-mermaid.h"

G_DEFINE_QUARK (sl-export-error-quark, sl_export_error)

static const struct {
  const char *suffix;
  const char *mime_type;
  const char *name;
} formats[] = {
  [SL_EXPORT_FORMAT_PDF] = { "pdf", "application/pdf", N_("PDF Documents") },
  [SL_EXPORT_FORMAT_SVG] = { "svg", "image/svg+xml", N_("SVG Images") },
  [SL_EXPORT_FORMAT_PNG] = { "png", "image/png", N_("PNG Images") },
  [SL_EXPORT_FORMAT_MARKDOWN] = { "md", "text/markdown", N_("Specifications (Markdown)") },
  [SL_EXPORT_FORMAT_MERMAID] = { "mmd", "text/vnd.mermaid", N_("Mermaid Diagrams (.mmd)") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (formats) == SL_N_EXPORT_FORMATS);

/* The first is the default. */
static const SlExportPaper papers[] = {
  { "a4", 595.276, 841.890 },
  { "a3", 841.890, 1190.551 },
  { "letter", 612.0, 792.0 },
};

/**
 * sl_export_format_get_suffix:
 *
 * Returns: the suffix of a file of @format, without its dot
 */
const char *
sl_export_format_get_suffix (SlExportFormat format)
{
  g_return_val_if_fail (format < SL_N_EXPORT_FORMATS, NULL);

  return formats[format].suffix;
}

/**
 * sl_export_format_get_mime_type:
 *
 * Returns: the MIME type of a file of @format
 */
const char *
sl_export_format_get_mime_type (SlExportFormat format)
{
  g_return_val_if_fail (format < SL_N_EXPORT_FORMATS, NULL);

  return formats[format].mime_type;
}

/**
 * sl_export_format_get_name:
 *
 * Returns: what files of @format are called, translated
 */
const char *
sl_export_format_get_name (SlExportFormat format)
{
  g_return_val_if_fail (format < SL_N_EXPORT_FORMATS, NULL);

  return _(formats[format].name);
}

/**
 * sl_export_format_from_filename:
 * @format: (out): the format @filename names
 *
 * Returns: whether @filename ends in the suffix of a format, in any case
 */
gboolean
sl_export_format_from_filename (const char     *filename,
                                SlExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (filename, -1);
  for (SlExportFormat i = 0; i < SL_N_EXPORT_FORMATS; i++)
    {
      g_autofree char *suffix = g_strconcat (".", formats[i].suffix, NULL);

      if (g_str_has_suffix (lower, suffix))
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * sl_export_paper_lookup:
 * @name: a4, a3 or letter, in any case
 *
 * Returns: (nullable): the paper of that name
 */
const SlExportPaper *
sl_export_paper_lookup (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  lower = g_ascii_strdown (name, -1);
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (lower, papers[i].name))
      return &papers[i];
  return NULL;
}

/**
 * sl_export_paper_get_default:
 *
 * Returns: A4, the paper of an exported PDF unless one is asked for
 */
const SlExportPaper *
sl_export_paper_get_default (void)
{
  return &papers[0];
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo_status (cairo_status_t   status,
                    GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  /* Translators: %s is what cairo, the drawing library, says went wrong */
  g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_FAILED, _("the board could not be drawn: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

/* The bytes of a surface whose drawing ended in @status. */
static GBytes *
check_status (cairo_status_t   status,
              GByteArray      *bytes,
              GError         **error)
{
  if (!check_cairo_status (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_byte_array_ref (bytes));
}

static gboolean
check_pages (double   n_pages,
             GError **error)
{
  if (n_pages <= SL_EXPORT_PDF_MAX_PAGES)
    return TRUE;

  g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_TOO_LARGE,
               g_dngettext (GETTEXT_PACKAGE,
                            "this would print %.0f page, more than %u: use a smaller scale or a region",
                            "this would print %.0f pages, more than %u: use a smaller scale or a region",
                            n_pages < G_MAXULONG ? (gulong) n_pages : G_MAXULONG),
               n_pages, SL_EXPORT_PDF_MAX_PAGES);
  return FALSE;
}

/* Whether @area at @scale is within the limits of an SVG or a PNG. */
static gboolean
image_fits (SlExportFormat  format,
            const SlRect   *area,
            double          scale)
{
  double width, height;

  if (format == SL_EXPORT_FORMAT_SVG)
    return area->width * scale <= SL_EXPORT_SVG_MAX_SIDE && area->height * scale <= SL_EXPORT_SVG_MAX_SIDE;

  width = ceil (area->width * scale);
  height = ceil (area->height * scale);
  return width <= SL_EXPORT_PNG_MAX_SIDE && height <= SL_EXPORT_PNG_MAX_SIDE &&
         width * height <= SL_EXPORT_PNG_MAX_PIXELS;
}

static gboolean
check_image_size (SlExportFormat   format,
                  const SlRect    *area,
                  double           scale,
                  GError         **error)
{
  if (image_fits (format, area, scale))
    return TRUE;

  if (format == SL_EXPORT_FORMAT_SVG)
    g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_TOO_LARGE,
                 /* Translators: width × height, then the largest side; the plural follows the largest side */
                 g_dngettext (GETTEXT_PACKAGE,
                              "the image would be %.0f × %.0f points, more than the %.0f point a side of an SVG "
                              "Stormline makes: use a smaller scale or a region",
                              "the image would be %.0f × %.0f points, more than the %.0f points a side of an SVG "
                              "Stormline makes: use a smaller scale or a region",
                              (gulong) SL_EXPORT_SVG_MAX_SIDE),
                 ceil (area->width * scale), ceil (area->height * scale), SL_EXPORT_SVG_MAX_SIDE);
  else
    g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_TOO_LARGE,
                 /* Translators: width × height, the largest side, then the most pixels in millions;
                  * the plural follows the largest side */
                 g_dngettext (GETTEXT_PACKAGE,
                              "the image would be %.0f × %.0f pixels, more than the %u pixel a side and %.0f million "
                              "pixels Stormline makes: use a smaller scale or a region",
                              "the image would be %.0f × %.0f pixels, more than the %u pixels a side and %.0f million "
                              "pixels Stormline makes: use a smaller scale or a region",
                              SL_EXPORT_PNG_MAX_SIDE),
                 ceil (area->width * scale), ceil (area->height * scale), SL_EXPORT_PNG_MAX_SIDE,
                 SL_EXPORT_PNG_MAX_PIXELS / 1e6);
  return FALSE;
}

/* The largest scale at which @area fits, rounded down to three
 * significant digits: a number a person reads, and types after --scale. */
static double
get_max_scale (SlExportFormat  format,
               const SlRect   *area)
{
  double width = area->width, height = area->height;
  double scale, unit;

  if (format == SL_EXPORT_FORMAT_SVG)
    scale = SL_EXPORT_SVG_MAX_SIDE / MAX (width, height);
  else
    {
      /* Rounding up adds at most a pixel a side: the scale s at which
       * (width s + 1) (height s + 1) is the most pixels. */
      double b = width + height;
      double pixels = (-b + sqrt (b * b + 4 * width * height * (SL_EXPORT_PNG_MAX_PIXELS - 1))) / (2 * width * height);

      scale = MIN (SL_EXPORT_PNG_MAX_SIDE / MAX (width, height), pixels);
    }

  unit = pow (10, floor (log10 (scale)) - 2);
  scale = floor (scale / unit) * unit;
  while (!image_fits (format, area, scale) && scale > unit)
    scale -= unit;
  return scale;
}

/* One page, unless its text would be too small to read; then tiles, as
 * many as the job's scale takes. */
static gboolean
plan_pages (SlPrintJob     *job,
            double          page_width,
            double          page_height,
            SlExportPages   pages,
            SlExportPlan   *plan,
            GError        **error)
{
  double n_pages;

  if (pages == SL_EXPORT_PAGES_TILED)
    sl_print_job_set_fit_to_page (job, FALSE);
  else
    {
      SlRect region, placed;

      sl_print_job_set_fit_to_page (job, TRUE);
      plan->n_pages = sl_print_job_paginate (job, page_width, page_height);
      sl_print_job_get_placement (job, 0, &region, &placed);
      plan->text_size = SL_EXPORT_CARD_TEXT_SIZE * placed.width / region.width;
      if (pages == SL_EXPORT_PAGES_FIT || plan->text_size >= SL_EXPORT_PDF_MIN_TEXT_SIZE)
        return TRUE;

      sl_print_job_set_fit_to_page (job, FALSE);
      plan->tiled = TRUE;
    }

  n_pages = sl_print_job_count_board_pages (job, page_width, page_height);
  if (plan->tiled && n_pages > SL_EXPORT_PDF_MAX_PAGES)
    {
      g_autofree char *size = g_strdup_printf ("%.2g", plan->text_size);
      g_autofree char *count = g_strdup_printf ("%'.0f", n_pages);

      g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_TOO_LARGE,
                   /* Translators: %s pt is a size of text in points, "0.8"; then a number of pages,
                    * "12,345", and the most pages a PDF can have */
                   g_dngettext (GETTEXT_PACKAGE,
                                "on one page a card’s text would be %s pt, too small to read, and at a legible size "
                                "the board takes %s page, more than %u: fit it on one page or choose a part of it",
                                "on one page a card’s text would be %s pt, too small to read, and at a legible size "
                                "the board takes %s pages, more than %u: fit it on one page or choose a part of it",
                                (gulong) MIN (n_pages, G_MAXULONG)),
                   size, count, SL_EXPORT_PDF_MAX_PAGES);
      return FALSE;
    }
  if (!check_pages (n_pages, error))
    return FALSE;

  plan->n_pages = sl_print_job_paginate (job, page_width, page_height);
  return TRUE;
}

/**
 * sl_export_get_max_scale:
 * @format: %SL_EXPORT_FORMAT_SVG or %SL_EXPORT_FORMAT_PNG
 *
 * Returns: the largest scale, of three significant digits, at which the
 *   job's area is an image within the limits of @format
 */
double
sl_export_get_max_scale (SlPrintJob     *job,
                         SlExportFormat  format)
{
  SlRect area;

  g_return_val_if_fail (SL_IS_PRINT_JOB (job), 0);
  g_return_val_if_fail (format == SL_EXPORT_FORMAT_SVG || format == SL_EXPORT_FORMAT_PNG, 0);

  sl_print_job_get_area (job, &area);
  return get_max_scale (format, &area);
}

/**
 * sl_export_plan:
 * @page_width: a PDF's or a print's printable width, in points
 * @page_height: its height
 * @pages: how a PDF or a print lays the board out
 * @scale: points (SVG) or pixels (PNG) a board unit, or 0 for the largest
 *   up to 1 that keeps within the limits of the format
 * @plan: (out caller-allocates): what was decided
 *
 * Decides how the job is exported, the same way for stormline-cli, the
 * Export dialog and Print, so that no export is cut short or made
 * illegible without a word: an image is drawn at a scale that fits, or
 * refused when the scale asked does not fit; a PDF with
 * %SL_EXPORT_PAGES_AUTO is tiled when one page would print a card's text
 * smaller than %SL_EXPORT_PDF_MIN_TEXT_SIZE (the job is then set to tiles
 * and paginated), and refused when it would take more than
 * %SL_EXPORT_PDF_MAX_PAGES pages. sl_export_plan_describe() says what
 * the caller should tell.
 *
 * Returns: whether the job can be exported as planned; %FALSE with @error
 *   set to %SL_EXPORT_ERROR_TOO_LARGE
 */
gboolean
sl_export_plan (SlPrintJob      *job,
                SlExportFormat   format,
                double           page_width,
                double           page_height,
                SlExportPages    pages,
                double           scale,
                SlExportPlan    *plan,
                GError         **error)
{
  double max_scale;

  g_return_val_if_fail (SL_IS_PRINT_JOB (job), FALSE);
  g_return_val_if_fail (format < SL_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (scale >= 0, FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  *plan = (SlExportPlan) { .format = format, .scale = scale };
  sl_print_job_get_area (job, &plan->area);

  switch (format)
    {
    case SL_EXPORT_FORMAT_PDF:
      g_return_val_if_fail (page_width > 0 && page_height > 0, FALSE);
      return plan_pages (job, page_width, page_height, pages, plan, error);

    case SL_EXPORT_FORMAT_SVG:
    case SL_EXPORT_FORMAT_PNG:
      if (scale > 0)
        return check_image_size (format, &plan->area, scale, error);
      max_scale = get_max_scale (format, &plan->area);
      plan->scale = MIN (1.0, max_scale);
      plan->scaled_down = max_scale < 1.0;
      return TRUE;

    case SL_EXPORT_FORMAT_MARKDOWN:
    case SL_EXPORT_FORMAT_MERMAID:
      return TRUE;

    case SL_N_EXPORT_FORMATS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/**
 * sl_export_plan_describe:
 *
 * Returns: (nullable) (transfer full): one line that says what the plan
 *   chose instead of what was asked (a smaller image, tiles), or %NULL
 *   when it is what was asked
 */
char *
sl_export_plan_describe (const SlExportPlan *plan)
{
  char scale[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->tiled)
    {
      g_autofree char *size = g_strdup_printf ("%.2g", plan->text_size);

      /* Translators: %s pt is a size of text in points, "2.5" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "on one page a card’s text would be %s pt, too small to read: "
                                           "exported over %u page instead",
                                           "on one page a card’s text would be %s pt, too small to read: "
                                           "exported over %u pages instead",
                                           plan->n_pages),
                              size, plan->n_pages);
    }
  if (!plan->scaled_down)
    return NULL;

  /* As --scale takes it, in any language. */
  g_ascii_formatd (scale, sizeof scale, "%g", plan->scale);
  width = g_strdup_printf ("%'.0f", ceil (plan->area.width));
  height = g_strdup_printf ("%'.0f", ceil (plan->area.height));
  if (plan->format == SL_EXPORT_FORMAT_SVG)
    {
      g_autofree char *side = g_strdup_printf ("%'.0f", SL_EXPORT_SVG_MAX_SIDE);

      /* Translators: the board's width × height in board units, the scale, then the largest side */
      return g_strdup_printf (_("the board is %s × %s units: drawn at scale %s to stay within %s points a side"),
                              width, height, scale, side);
    }
  else
    {
      g_autofree char *side = g_strdup_printf ("%'u", SL_EXPORT_PNG_MAX_SIDE);

      /* Translators: the board's width × height in board units, the scale, the largest side,
       * then the most pixels in millions */
      return g_strdup_printf (_("the board is %s × %s units: drawn at scale %s to stay within %s pixels a side "
                                "and %.0f million pixels"),
                              width, height, scale, side, SL_EXPORT_PNG_MAX_PIXELS / 1e6);
    }
}

/**
 * sl_export_paper_get_printable_size:
 * @width: (out): the width of a PDF page of @paper inside its margins, in
 *   points
 * @height: (out): its height
 */
void
sl_export_paper_get_printable_size (const SlExportPaper *paper,
                                    gboolean             portrait,
                                    double              *width,
                                    double              *height)
{
  g_return_if_fail (paper != NULL);

  *width = (portrait ? paper->width : paper->height) - 2 * SL_EXPORT_PDF_MARGIN;
  *height = (portrait ? paper->height : paper->width) - 2 * SL_EXPORT_PDF_MARGIN;
}

/* Lays the job out on pages of that size, unless they would be more
 * than %SL_EXPORT_PDF_MAX_PAGES. Returns: the number of pages, or 0 with
 * @error set */
static guint
paginate_pdf (SlPrintJob  *job,
              double       page_width,
              double       page_height,
              GError     **error)
{
  guint n_pages;

  /* Counted before they are made: a region far too large for the scale
   * would take gigabytes of pages before the count refused it. */
  if (!check_pages (sl_print_job_count_board_pages (job, page_width - 2 * SL_EXPORT_PDF_MARGIN,
                                                    page_height - 2 * SL_EXPORT_PDF_MARGIN), error))
    return 0;
  n_pages = sl_print_job_paginate (job, page_width - 2 * SL_EXPORT_PDF_MARGIN, page_height - 2 * SL_EXPORT_PDF_MARGIN);
  if (!check_pages (n_pages, error))
    return 0;
  return n_pages;
}

/* Draws the job's @n_pages pages as a PDF into @write_func: each page
 * goes out when it is drawn. */
static cairo_status_t
draw_pdf (SlPrintJob         *job,
          double              page_width,
          double              page_height,
          guint               n_pages,
          cairo_write_func_t  write_func,
          void               *closure)
{
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_func, closure, page_width, page_height);
  /* Viewers show the title in a window's title bar, pdfinfo on a terminal. */
  title = sl_text_escape_controls (sl_print_job_get_title (job));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Stormline");
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, SL_EXPORT_PDF_MARGIN, SL_EXPORT_PDF_MARGIN);
      sl_print_job_draw_page (job, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/**
 * sl_export_pdf:
 * @page_width: in points, the margins included
 *
 * Lays the job out on pages of that size, with %SL_EXPORT_PDF_MARGIN
 * around each, and draws them, unless they would be more than
 * %SL_EXPORT_PDF_MAX_PAGES: the board's pages are counted before any is
 * made.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
sl_export_pdf (SlPrintJob  *job,
               double       page_width,
               double       page_height,
               GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint n_pages;

  g_return_val_if_fail (SL_IS_PRINT_JOB (job), NULL);

  if (!(n_pages = paginate_pdf (job, page_width, page_height, error)))
    return NULL;
  return check_status (draw_pdf (job, page_width, page_height, n_pages, append_bytes_cb, bytes), bytes, error);
}

typedef struct
{
  SlPrintJob *job;
  double page_width;
  double page_height;
  guint n_pages;
  GOutputStream *stream;
  GCancellable *cancellable;
  GError *error;  /* of the stream */
} StreamData;

static cairo_status_t
write_stream_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamData *stream_data = closure;

  if (stream_data->error != NULL ||
      !g_output_stream_write_all (stream_data->stream, data, length, NULL, stream_data->cancellable,
                                  &stream_data->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Writes the PDF to @stream as its pages are drawn: cairo hands it on in
 * pieces of a few bytes, gathered here into larger writes. */
static gboolean
write_pdf_cb (GOutputStream  *stream,
              gpointer        user_data,
              GCancellable   *cancellable,
              GError        **error)
{
  StreamData *data = user_data;
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (stream, 256 * 1024);
  cairo_status_t status;

  data->stream = buffered;
  data->cancellable = cancellable;
  status = draw_pdf (data->job, data->page_width, data->page_height, data->n_pages, write_stream_cb, data);
  if (data->error == NULL && status == CAIRO_STATUS_SUCCESS)
    g_output_stream_flush (buffered, cancellable, &data->error);
  data->stream = NULL;
  if (data->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&data->error));
      return FALSE;
    }
  return check_cairo_status (status, error);
}

/**
 * sl_export_to_file:
 * @job: the board, its region and the options of a PDF set
 * @paper: (nullable): a PDF's paper, %NULL for the default
 * @portrait: whether a PDF's pages stand upright
 * @scale: points (SVG) or pixels (PNG) a board unit
 * @file: where to write
 *
 * Writes what sl_export_to_bytes() makes to @file, atomically (see
 * sl_file_write_atomically()): the file is replaced whole, or keeps its
 * old contents. A PDF goes to the disk page by page as it is drawn, not
 * gathered in memory first.
 *
 * Returns: whether @file was written, or %FALSE with @error set
 */
gboolean
sl_export_to_file (SlPrintJob           *job,
                   SlExportFormat        format,
                   const SlExportPaper  *paper,
                   gboolean              portrait,
                   double                scale,
                   GFile                *file,
                   GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  StreamData data = { job };

  g_return_val_if_fail (SL_IS_PRINT_JOB (job), FALSE);
  g_return_val_if_fail (format < SL_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format != SL_EXPORT_FORMAT_PDF)
    return (bytes = sl_export_to_bytes (job, format, paper, portrait, scale, error)) != NULL &&
           sl_file_write_atomically (file, bytes, NULL, error);

  if (paper == NULL)
    paper = sl_export_paper_get_default ();
  data.page_width = portrait ? paper->width : paper->height;
  data.page_height = portrait ? paper->height : paper->width;
  if (!(data.n_pages = paginate_pdf (job, data.page_width, data.page_height, error)))
    return FALSE;
  return sl_file_write_atomically_with (file, write_pdf_cb, &data, NULL, error);
}

/* cairo's SVG draws text as glyph outlines: a title and a description
 * that lists the board keep the image searchable and readable to a
 * screen reader. */
static char *
describe_board (SlPrintJob *job)
{
  SlDocument *document = sl_layout_get_document (sl_print_job_get_layout (job));
  GListModel *lanes = sl_document_get_lanes (document);
  GListModel *notes = sl_document_get_notes (document);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = sl_text_escape_for_xml (sl_print_job_get_title (job));
  g_autoptr(GHashTable) lane_notes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  /* The notes of each lane in one pass: lanes times notes is billions on
   * a large board. */
  for (guint j = 0; j < g_list_model_get_n_items (notes); j++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), j);
      GPtrArray *in_lane = g_hash_table_lookup (lane_notes, sl_note_get_lane (note));

      if (in_lane == NULL)
        g_hash_table_insert (lane_notes, sl_note_get_lane (note), in_lane = g_ptr_array_new ());
      g_ptr_array_add (in_lane, note);
    }

  g_string_append_printf (out, "<title>%s</title>\n<desc>", title);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);
      g_autofree char *name = sl_text_escape_for_xml (sl_lane_get_name (lane));
      GPtrArray *in_lane = g_hash_table_lookup (lane_notes, lane);

      /* Translators: a lane and its notes in the description of an SVG export */
      g_string_append_printf (out, _("Lane %s:"), name);
      for (guint j = 0; in_lane != NULL && j < in_lane->len; j++)
        {
          SlNote *note = g_ptr_array_index (in_lane, j);
          g_autofree char *shown = NULL;
          g_autofree char *text = NULL;

          shown = sl_renderer_get_shown_text (sl_note_get_text (note));
          text = sl_text_escape_for_xml (shown);
          g_string_append_printf (out, " %s “%s”;", sl_note_kind_get_label (sl_note_get_kind (note)), text);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</desc>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * sl_export_svg:
 * @scale: points a board unit
 *
 * Returns: (transfer full): the job's region as one SVG image, or %NULL
 *   with @error set (when it would be larger than
 *   %SL_EXPORT_SVG_MAX_SIDE a side)
 */
GBytes *
sl_export_svg (SlPrintJob  *job,
               double       scale,
               GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) described = g_byte_array_new ();
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  SlRect area;
  cairo_status_t status;
  const char *root, *root_end;

  g_return_val_if_fail (SL_IS_PRINT_JOB (job), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  sl_print_job_get_area (job, &area);
  if (!check_image_size (SL_EXPORT_FORMAT_SVG, &area, scale, error))
    return NULL;

  surface = cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, area.width * scale, area.height * scale);
  cr = cairo_create (surface);
  sl_print_job_draw_area (job, cr, scale);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return check_status (status, bytes, error);

  /* The description goes first inside the root element, as SVG asks. */
  description = describe_board (job);
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  root = strstr ((const char *) bytes->data, "<svg");
  root_end = root != NULL ? strchr (root, '>') : NULL;
  g_assert (root_end != NULL);
  g_byte_array_append (described, bytes->data, root_end + 1 - (const char *) bytes->data);
  g_byte_array_append (described, (const guint8 *) "\n", 1);
  g_byte_array_append (described, (const guint8 *) description, strlen (description));
  g_byte_array_append (described, (const guint8 *) root_end + 1, strlen (root_end + 1));

  return g_byte_array_free_to_bytes (g_steal_pointer (&described));
}

/**
 * sl_export_png:
 * @scale: pixels a board unit
 *
 * Returns: (transfer full): the job's region as one PNG image, or %NULL
 *   with @error set (when it would be larger than
 *   %SL_EXPORT_PNG_MAX_SIDE a side or %SL_EXPORT_PNG_MAX_PIXELS)
 */
GBytes *
sl_export_png (SlPrintJob  *job,
               double       scale,
               GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  SlRect area;
  cairo_status_t status;

  g_return_val_if_fail (SL_IS_PRINT_JOB (job), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  sl_print_job_get_area (job, &area);
  if (!check_image_size (SL_EXPORT_FORMAT_PNG, &area, scale, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (area.width * scale),
                                        (int) ceil (area.height * scale));
  cr = cairo_create (surface);
  sl_print_job_draw_area (job, cr, scale);
  cairo_destroy (cr);

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
  cairo_surface_destroy (surface);
  return check_status (status, bytes, error);
}

static GBytes *
export_markdown (SlPrintJob *job)
{
  SlDocument *document = sl_layout_get_document (sl_print_job_get_layout (job));
  char *markdown = sl_spec_to_markdown (document, sl_print_job_get_title (job));

  return g_bytes_new_take (markdown, strlen (markdown));
}

static GBytes *
export_mermaid (SlPrintJob *job)
{
  SlDocument *document = sl_layout_get_document (sl_print_job_get_layout (job));
  char *diagram = sl_mermaid_board (document, sl_print_job_get_title (job));

  return g_bytes_new_take (diagram, strlen (diagram));
}

/**
 * sl_export_to_bytes:
 * @job: the board, its region and the options of a PDF set
 * @paper: (nullable): a PDF's paper, %NULL for the default
 * @portrait: whether a PDF's pages stand upright (they lie, as a board
 *   is wide, unless asked)
 * @scale: points (SVG) or pixels (PNG) a board unit
 *
 * A specification or a Mermaid diagram is the whole model, whatever the
 * job's region, with the job's title.
 *
 * Returns: (transfer full): the file's bytes in @format, or %NULL with
 *   @error set
 */
GBytes *
sl_export_to_bytes (SlPrintJob           *job,
                    SlExportFormat        format,
                    const SlExportPaper  *paper,
                    gboolean              portrait,
                    double                scale,
                    GError              **error)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (job), NULL);
  g_return_val_if_fail (format < SL_N_EXPORT_FORMATS, NULL);

  if (paper == NULL)
    paper = sl_export_paper_get_default ();

  switch (format)
    {
    case SL_EXPORT_FORMAT_PDF:
      return sl_export_pdf (job, portrait ? paper->width : paper->height,
                            portrait ? paper->height : paper->width, error);
    case SL_EXPORT_FORMAT_SVG:
      return sl_export_svg (job, scale, error);
    case SL_EXPORT_FORMAT_PNG:
      return sl_export_png (job, scale, error);
    case SL_EXPORT_FORMAT_MARKDOWN:
      return export_markdown (job);
    case SL_EXPORT_FORMAT_MERMAID:
      return export_mermaid (job);
    case SL_N_EXPORT_FORMATS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}
