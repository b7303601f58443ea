/* sl-window-export.c: the board on paper and in other formats: Print and
 * Export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sl-window-private.h"

typedef struct
{
  SlExportFormat format;
  SlPrintWhat what;
  double scale;
  SlWindowExportFlags flags;
} ExportChoice;

/* Printing */

/**
 * sl_window_create_print_operation:
 *
 * Returns: (transfer full): a print operation of the board, with the
 *   selection, the view and the settings of the last print
 */
SlPrintOperation *
sl_window_create_print_operation (SlWindow *self)
{
  g_autofree char *name = NULL;
  SlPrintOperation *operation;
  SlRect selection, view;
  gboolean has_selection;

  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  name = _sl_window_get_display_name (self);
  operation = sl_print_operation_new (sl_canvas_get_layout (self->canvas), name);
  has_selection = sl_canvas_get_selection_bounds (self->canvas, &selection);
  sl_canvas_get_visible_region (self->canvas, &view);
  sl_print_operation_set_areas (operation, has_selection ? &selection : NULL, &view);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (operation), name);

  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), self->print_settings);
  if (self->page_setup == NULL)
    {
      /* A board is a wide thing. */
      self->page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_orientation (self->page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    }
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), self->page_setup);

  return operation;
}

/* Says that the board takes too many pages at the scale chosen. */
static void
show_too_many_pages (SlWindow         *self,
                     SlPrintOperation *operation)
{
  g_autofree char *name = _sl_window_get_display_name (self);
  g_autofree char *heading = g_strdup_printf (_("Could Not Print “%s”"), name);
  double n_pages = sl_print_operation_get_too_many_pages (operation);
  g_autofree char *pages = g_strdup_printf ("%'.0f", n_pages);
  int percent = (int) round (100 * sl_print_operation_get_scale (operation) / SL_PRINT_JOB_DEFAULT_SCALE);
  g_autofree char *body = NULL;

  /* Translators: the first %s is a number of pages, "12,345"; the
   * number after it, the most pages a print can have */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "At %d %% of the usual size, the board takes %s page, more than the "
                                       "%d a print can have. Print it at a smaller size, or fit it on one page.",
                                       "At %d %% of the usual size, the board takes %s pages, more than the "
                                       "%d a print can have. Print it at a smaller size, or fit it on one page.",
                                       (gulong) MIN (n_pages, G_MAXULONG)),
                          percent, pages, SL_PRINT_JOB_MAX_PAGES);
  _sl_window_show_error (self, heading, body);
}

/**
 * _sl_window_run_print:
 * @action: how to run @operation: with the print dialog, or straight to
 *   its export file (for the tests)
 *
 * The print runs to its end before the window goes on: the pages are
 * laid out and drawn from the board as it is when Print is pressed, and
 * the window cannot close in between. What went wrong is said in a
 * dialog.
 */
void
_sl_window_run_print (SlWindow                *self,
                      SlPrintOperation        *operation,
                      GtkPrintOperationAction  action)
{
  g_autoptr(GError) error = NULL;
  guint tiled_pages;

  switch (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), action, GTK_WINDOW (self), &error))
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (operation)));
      g_set_object (&self->page_setup, gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (operation)));
      tiled_pages = sl_print_operation_get_tiled_pages (operation);
      if (tiled_pages > 0)
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Printed over %u page: one page would be illegible",
                                               "Printed over %u pages: one page would be illegible",
                                               tiled_pages),
                                  tiled_pages);
          _sl_window_show_toast (self, text);
        }
      break;
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      {
        g_autofree char *name = _sl_window_get_display_name (self);
        g_autofree char *heading = g_strdup_printf (_("Could Not Print “%s”"), name);

        _sl_window_show_failure (self, heading, error);
        return;
      }
    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      break;
    }

  if (sl_print_operation_get_too_many_pages (operation) > 0)
    show_too_many_pages (self, operation);
  else if (sl_print_operation_get_refusal (operation) != NULL)
    {
      g_autofree char *name = _sl_window_get_display_name (self);
      g_autofree char *heading = g_strdup_printf (_("Could Not Print “%s”"), name);

      _sl_window_show_failure (self, heading, sl_print_operation_get_refusal (operation));
    }
}

void
_sl_window_print (SlWindow *self)
{
  g_autoptr(SlPrintOperation) operation = NULL;

  if (!_sl_window_finish_gestures (self))
    return;

  operation = sl_window_create_print_operation (self);
  _sl_window_run_print (self, operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

/* Export of pictures and the specification */

/**
 * sl_window_export:
 * @what: the part of the board drawn (the specification is always the
 *   whole model)
 * @scale: points (SVG) or pixels (PNG) a board unit, or 0 for actual size
 *   or, past an image's limits, the largest scale that fits
 * @flags: for a PDF, whether it is tiled, fit on one page however small
 *   its text, and has the scenarios
 *
 * Writes the board as a PDF on A4 pages (fit on one, or tiled at a
 * legible size: by default tiled when one page would be illegible), an
 * SVG or a PNG image, or the model's specification in Markdown, and says
 * how it went: a toast, which says so when the image was drawn smaller or
 * the PDF tiled; a dialog, which says why, when nothing was written. The
 * rules are sl_export_plan()'s, as for stormline-cli.
 *
 * Returns: whether @file was written
 */
gboolean
sl_window_export (SlWindow            *self,
                  GFile               *file,
                  SlExportFormat       format,
                  SlPrintWhat          what,
                  double               scale,
                  SlWindowExportFlags  flags)
{
  g_autoptr(SlPrintJob) job = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *text = NULL;
  SlExportPages pages = SL_EXPORT_PAGES_AUTO;
  SlExportPlan plan;
  double page_width, page_height;
  SlRect region;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format < SL_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (scale >= 0, FALSE);

  name = _sl_file_get_display_name (file);
  model_name = _sl_window_get_display_name (self);

  job = sl_print_job_new (sl_canvas_get_layout (self->canvas));
  sl_print_job_set_file_name (job, model_name);
  if (what == SL_PRINT_SELECTION && sl_canvas_get_selection_bounds (self->canvas, &region))
    sl_print_job_set_region (job, &region);
  else if (what == SL_PRINT_VIEW)
    {
      sl_canvas_get_visible_region (self->canvas, &region);
      sl_print_job_set_region (job, &region);
    }
  if (format == SL_EXPORT_FORMAT_PDF)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      sl_print_job_set_date (job, now);
      sl_print_job_set_legend (job, TRUE);
      sl_print_job_set_scenarios (job, (flags & SL_WINDOW_EXPORT_SCENARIOS) != 0);
      if (flags & SL_WINDOW_EXPORT_TILED)
        pages = SL_EXPORT_PAGES_TILED;
      else if (flags & SL_WINDOW_EXPORT_FIT)
        pages = SL_EXPORT_PAGES_FIT;
    }

  sl_export_paper_get_printable_size (sl_export_paper_get_default (), FALSE, &page_width, &page_height);
  if (sl_export_plan (job, format, page_width, page_height, pages, format == SL_EXPORT_FORMAT_PDF ? 0 : scale,
                      &plan, &error))
    bytes = sl_export_to_bytes (job, format, NULL, FALSE, plan.scale, &error);
  if (bytes == NULL || !sl_file_write_atomically (file, bytes, NULL, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      _sl_window_show_failure (self, heading, error);
      return FALSE;
    }

  if (plan.tiled)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Exported “%s” over %u page: one page would be illegible",
                                         "Exported “%s” over %u pages: one page would be illegible",
                                         plan.n_pages),
                            name, plan.n_pages);
  else if (plan.scaled_down)
    {
      char shown[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (shown, sizeof shown, "%g", plan.scale);
      /* Translators: %s is a scale, "0.25": the image is a quarter of the board's size, the largest
       * that keeps within what an image can hold */
      text = g_strdup_printf (_("Exported “%s” at scale %s, the largest that fits"),
                              name, shown);
    }
  else
    text = g_strdup_printf (_("Exported “%s”"), name);
  _sl_window_show_toast (self, text);
  return TRUE;
}

static void
export_write (SlWindow *self,
              GFile    *file,
              gpointer  data)
{
  ExportChoice *choice = data;

  sl_window_export (self, file, choice->format, choice->what, choice->scale, choice->flags);
}

static void
export_chosen (SlWindow       *self,
               GFile          *chosen,
               GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  GtkFileFilter *filter;
  const char *what, *scale, *pages, *scenarios;
  ExportChoice *choice;
  gboolean renamed = FALSE;

  if (chosen == NULL)
    return;

  file = g_object_ref (chosen);
  name = _sl_file_get_display_name (file);
  filter = gtk_file_chooser_get_filter (chooser);
  what = gtk_file_chooser_get_choice (chooser, "what");
  scale = gtk_file_chooser_get_choice (chooser, "scale");
  pages = gtk_file_chooser_get_choice (chooser, "pages");
  scenarios = gtk_file_chooser_get_choice (chooser, "scenarios");

  choice = g_new0 (ExportChoice, 1);
  choice->what = g_strcmp0 (what, "selection") == 0 ? SL_PRINT_SELECTION
                 : g_strcmp0 (what, "view") == 0 ? SL_PRINT_VIEW : SL_PRINT_WHOLE_BOARD;
  /* Actual size is the largest that fits when the board is past an
   * image's limits; twice or four times that is refused there. */
  choice->scale = scale != NULL && !g_str_equal (scale, "1") ? g_ascii_strtod (scale, NULL) : 0;
  if (g_strcmp0 (pages, "tiled") == 0)
    choice->flags |= SL_WINDOW_EXPORT_TILED;
  else if (g_strcmp0 (pages, "fit") == 0)
    choice->flags |= SL_WINDOW_EXPORT_FIT;
  if (g_strcmp0 (scenarios, "true") == 0)
    choice->flags |= SL_WINDOW_EXPORT_SCENARIOS;

  /* The name says the format; without a known suffix, the filter
   * chosen does, and gives the name its suffix. */
  if (!sl_export_format_from_filename (name, &choice->format))
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *named = NULL;

      if (filter != NULL)
        choice->format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (filter), "sl-export-format"));
      named = g_strconcat (name, ".", sl_export_format_get_suffix (choice->format), NULL);
      g_set_object (&file, g_file_get_child (parent, named));
      renamed = TRUE;
    }

  _sl_window_write_asking (self, file, renamed, export_write, NULL, choice, g_free);
}

/**
 * _sl_window_choose_export:
 *
 * Asks where to export the board, in which format, and how.
 */
void
_sl_window_choose_export (SlWindow *self)
{
  static const char *what_ids[] = { "board", "selection", "view", NULL };
  const char *what_labels[] = { _("The Whole Board"), _("The Selected Notes"), _("What Is in View"), NULL };
  static const char *scale_ids[] = { "1", "2", "4", NULL };
  const char *scale_labels[] = { _("Actual Size"), _("Twice the Size"), _("Four Times the Size"), NULL };
  static const char *pages_ids[] = { "legible", "fit", "tiled", NULL };
  const char *pages_labels[] = { _("On One Page if Legible"), _("On One Page"), _("Over Several Pages"), NULL };
  const SlWindowFileChoice choices[] = {
    /* Translators: a choice of the Export dialog: which part of the board */
    { "what", _("Board"), what_ids, what_labels },
    /* Translators: a choice of the Export dialog: the size of an SVG or PNG image */
    { "scale", _("Image Size"), scale_ids, scale_labels },
    /* Translators: a choice of the Export dialog: how a PDF lays the board out */
    { "pages", _("PDF Pages"), pages_ids, pages_labels },
    { "scenarios", _("Add the Scenarios to a PDF"), NULL, NULL },
    { NULL }
  };
  GtkFileFilter *filters[SL_N_EXPORT_FORMATS + 1] = { NULL };
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (!_sl_window_finish_gestures (self))
    return;

  for (SlExportFormat format = 0; format < SL_N_EXPORT_FORMATS; format++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, sl_export_format_get_name (format));
      gtk_file_filter_add_mime_type (filter, sl_export_format_get_mime_type (format));
      gtk_file_filter_add_suffix (filter, sl_export_format_get_suffix (format));
      g_object_set_data (G_OBJECT (filter), "sl-export-format", GUINT_TO_POINTER (format));
      filters[format] = filter;
    }

  title = _sl_window_get_display_title (self);
  name = g_strconcat (title, ".", sl_export_format_get_suffix (SL_EXPORT_FORMAT_PDF), NULL);
  _sl_window_choose_file (self, _("Export"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), filters, choices,
                          name, NULL, export_chosen);

  for (guint i = 0; filters[i] != NULL; i++)
    g_object_unref (filters[i]);
}
