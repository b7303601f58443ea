/* sl-print-operation.c: printing a board
 *
 * A GtkPrintOperation whose pages are those of an SlPrintJob: the same
 * layout of pages, header, tiles, map, legend and scenario tables as
 * `stormline-cli export` writes to PDF, drawn by the same renderer as
 * the canvas. The print dialog gets a tab of its own to choose what to
 * print (the whole board, the selected notes, what is in view), whether
 * to fit it on one page or spread it over several at a legible scale (by
 * default, one page unless its text would be too small to read there, the
 * rule of an exported PDF: sl_export_plan()), and what to add: a legend,
 * the problems, the scenarios.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-export.h"
#include "sl-print-operation.h"

struct _SlPrintOperation
{
  GtkPrintOperation parent_instance;

  SlLayout *layout;
  char *file_name;
  SlPrintJob *job;

  SlPrintWhat what;
  gboolean has_selection;
  SlRect selection;
  gboolean has_view;
  SlRect view;
  SlExportPages pages;
  double scale;
  gboolean legend;
  gboolean problems;
  gboolean scenarios;

  /* The pages the board would take over several pages, when they are
   * more than SL_PRINT_JOB_MAX_PAGES and the print was cancelled: 0 */
  double too_many_pages;
  /* The pages of a print tiled as one page would be illegible, or 0 */
  guint tiled_pages;
  /* Why the print was cancelled, when sl_export_plan() refused it */
  GError *refusal;

  /* The tab of the print dialog, while it is there */
  GtkWidget *tab;
  GtkWidget *what_buttons[3];
  GtkWidget *legible_button;
  GtkWidget *fit_button;
  GtkWidget *tiled_button;
  GtkWidget *scale_spin;
  GtkWidget *legend_button;
  GtkWidget *problems_button;
  GtkWidget *scenarios_button;
};

G_DEFINE_FINAL_TYPE (SlPrintOperation, sl_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
sl_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  SlPrintOperation *self = SL_PRINT_OPERATION (operation);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_clear_object (&self->job);
  self->job = sl_print_job_new (self->layout);
  sl_print_job_set_file_name (self->job, self->file_name);
  sl_print_job_set_date (self->job, now);
  if (self->what == SL_PRINT_SELECTION && self->has_selection)
    sl_print_job_set_region (self->job, &self->selection);
  else if (self->what == SL_PRINT_VIEW && self->has_view)
    sl_print_job_set_region (self->job, &self->view);
  sl_print_job_set_legend (self->job, self->legend);
  sl_print_job_set_problems (self->job, self->problems);
  sl_print_job_set_scenarios (self->job, self->scenarios);

  self->too_many_pages = 0;
  self->tiled_pages = 0;
  g_clear_error (&self->refusal);
  if (self->pages != SL_EXPORT_PAGES_TILED)
    {
      SlExportPlan plan;

      if (!sl_export_plan (self->job, SL_EXPORT_FORMAT_PDF, gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context), self->pages, 0, &plan, &self->refusal))
        {
          gtk_print_operation_cancel (operation);
          return;
        }
      if (plan.tiled)
        self->tiled_pages = plan.n_pages;
    }
  else
    {
      /* The job would fit such a board on one page, which is not what the
       * user chose: the print stops, and the window says why. */
      double n_pages;

      sl_print_job_set_fit_to_page (self->job, FALSE);
      sl_print_job_set_scale (self->job, self->scale);
      n_pages = sl_print_job_count_board_pages (self->job, gtk_print_context_get_width (context),
                                                gtk_print_context_get_height (context));

      if (n_pages > SL_PRINT_JOB_MAX_PAGES)
        {
          self->too_many_pages = n_pages;
          gtk_print_operation_cancel (operation);
          return;
        }
    }

  gtk_print_operation_set_n_pages (operation,
                                   sl_print_job_paginate (self->job, gtk_print_context_get_width (context),
                                                          gtk_print_context_get_height (context)));
}

static void
sl_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page)
{
  SlPrintOperation *self = SL_PRINT_OPERATION (operation);

  sl_print_job_draw_page (self->job, gtk_print_context_get_cairo_context (context), page);
}

static GtkWidget *
check_button (GtkWidget  *group,
              const char *label,
              gboolean    active,
              GtkBox     *box)
{
  GtkWidget *button = gtk_check_button_new_with_mnemonic (label);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), GTK_CHECK_BUTTON (group));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
  gtk_box_append (box, button);
  return button;
}

static GtkBox *
section (GtkBox     *page,
         const char *heading)
{
  /* The role is set at construction only. */
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", heading,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (page, label);
  gtk_widget_set_margin_start (box, 12);
  gtk_box_append (page, box);
  return GTK_BOX (box);
}

static void
tiled_toggled_cb (SlPrintOperation *self)
{
  gtk_widget_set_sensitive (self->scale_spin, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->tiled_button)));
}

static GtkWidget *
sl_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  SlPrintOperation *self = SL_PRINT_OPERATION (operation);
  GtkBox *page = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  GtkBox *box, *row;
  GtkWidget *label;

  gtk_widget_set_margin_start (GTK_WIDGET (page), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (page), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (page), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (page), 12);

  box = section (page, _("Print"));
  self->what_buttons[SL_PRINT_WHOLE_BOARD] = check_button (NULL, _("The _whole board"),
                                                           self->what == SL_PRINT_WHOLE_BOARD, box);
  self->what_buttons[SL_PRINT_SELECTION] = check_button (self->what_buttons[0], _("The _selected notes"),
                                                         self->what == SL_PRINT_SELECTION, box);
  gtk_widget_set_sensitive (self->what_buttons[SL_PRINT_SELECTION], self->has_selection);
  self->what_buttons[SL_PRINT_VIEW] = check_button (self->what_buttons[0], _("What is in _view"),
                                                    self->what == SL_PRINT_VIEW, box);
  gtk_widget_set_sensitive (self->what_buttons[SL_PRINT_VIEW], self->has_view);

  box = section (page, _("Layout"));
  self->legible_button = check_button (NULL, _("On one page if its text can be read, or over several"),
                                       self->pages == SL_EXPORT_PAGES_AUTO, box);
  self->fit_button = check_button (self->legible_button, _("_Fit on one page"), self->pages == SL_EXPORT_PAGES_FIT,
                                   box);
  row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  self->tiled_button = check_button (self->legible_button, _("Over several pages, at"),
                                     self->pages == SL_EXPORT_PAGES_TILED, row);
  self->scale_spin = gtk_spin_button_new_with_range (25, 400, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scale_spin),
                             100 * self->scale / SL_PRINT_JOB_DEFAULT_SCALE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->scale_spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->tiled_button, NULL, -1);
  gtk_box_append (row, self->scale_spin);
  /* Translators: after "Over several pages, at [100]": the size of the
   * notes, where 100 % gives card text of about 7 points */
  /* xgettext:no-c-format */
  label = gtk_label_new (_("% of the usual size"));
  gtk_box_append (row, label);
  gtk_box_append (box, GTK_WIDGET (row));
  g_signal_connect_object (self->tiled_button, "toggled", G_CALLBACK (tiled_toggled_cb), self, G_CONNECT_SWAPPED);
  tiled_toggled_cb (self);

  box = section (page, _("Add"));
  self->legend_button = check_button (NULL, _("A _legend of the kinds of notes"), self->legend, box);
  self->problems_button = check_button (NULL, _("The _problems the check finds"), self->problems, box);
  self->scenarios_button = check_button (NULL, _("Pages with the s_cenarios"), self->scenarios, box);

  gtk_print_operation_set_custom_tab_label (operation, _("Board"));
  g_set_weak_pointer (&self->tab, GTK_WIDGET (page));
  return GTK_WIDGET (page);
}

static void
sl_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                        GtkWidget         *widget)
{
  SlPrintOperation *self = SL_PRINT_OPERATION (operation);

  /* The buttons live as long as the tab. */
  if (self->tab == NULL)
    return;

  for (SlPrintWhat what = 0; what < G_N_ELEMENTS (self->what_buttons); what++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->what_buttons[what])))
      self->what = what;
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->tiled_button)))
    self->pages = SL_EXPORT_PAGES_TILED;
  else if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->fit_button)))
    self->pages = SL_EXPORT_PAGES_FIT;
  else
    self->pages = SL_EXPORT_PAGES_AUTO;
  self->scale = SL_PRINT_JOB_DEFAULT_SCALE * gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->scale_spin)) / 100;
  self->legend = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->legend_button));
  self->problems = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->problems_button));
  self->scenarios = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->scenarios_button));
}

static void
sl_print_operation_finalize (GObject *object)
{
  SlPrintOperation *self = (SlPrintOperation *)object;

  g_clear_weak_pointer (&self->tab);
  g_clear_object (&self->job);
  g_clear_object (&self->layout);
  g_clear_error (&self->refusal);
  g_free (self->file_name);

  G_OBJECT_CLASS (sl_print_operation_parent_class)->finalize (object);
}

static void
sl_print_operation_class_init (SlPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = sl_print_operation_finalize;

  operation_class->begin_print = sl_print_operation_begin_print;
  operation_class->draw_page = sl_print_operation_draw_page;
  operation_class->create_custom_widget = sl_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = sl_print_operation_custom_widget_apply;
}

static void
sl_print_operation_init (SlPrintOperation *self)
{
  self->scale = SL_PRINT_JOB_DEFAULT_SCALE;
  self->pages = SL_EXPORT_PAGES_AUTO;
  self->legend = TRUE;

  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

/**
 * sl_print_operation_new:
 * @file_name: (nullable): the model's file name, for the header when the
 *   model has no title
 *
 * Returns: (transfer full): a print operation of the board of @layout
 */
SlPrintOperation *
sl_print_operation_new (SlLayout   *layout,
                        const char *file_name)
{
  SlPrintOperation *self;

  g_return_val_if_fail (SL_IS_LAYOUT (layout), NULL);

  self = g_object_new (SL_TYPE_PRINT_OPERATION, NULL);
  self->layout = g_object_ref (layout);
  self->file_name = g_strdup (file_name);
  return self;
}

/**
 * sl_print_operation_set_areas:
 * @selection: (nullable): the bounds of the selected notes, on the board
 * @view: (nullable): what the canvas shows, on the board
 *
 * Says what "the selected notes" and "what is in view" are; without
 * them, those choices are off.
 */
void
sl_print_operation_set_areas (SlPrintOperation *self,
                              const SlRect     *selection,
                              const SlRect     *view)
{
  g_return_if_fail (SL_IS_PRINT_OPERATION (self));

  self->has_selection = selection != NULL;
  if (selection != NULL)
    self->selection = *selection;
  self->has_view = view != NULL;
  if (view != NULL)
    self->view = *view;
}

void
sl_print_operation_set_what (SlPrintOperation *self,
                             SlPrintWhat       what)
{
  g_return_if_fail (SL_IS_PRINT_OPERATION (self));
  g_return_if_fail (what <= SL_PRINT_VIEW);

  self->what = what;
}

/**
 * sl_print_operation_set_fit:
 * @fit_to_page: %TRUE for one page however small its text, %FALSE for
 *   several at the operation's scale (by default, one page unless its
 *   text would be too small to read there)
 */
void
sl_print_operation_set_fit (SlPrintOperation *self,
                            gboolean          fit_to_page)
{
  g_return_if_fail (SL_IS_PRINT_OPERATION (self));

  self->pages = fit_to_page ? SL_EXPORT_PAGES_FIT : SL_EXPORT_PAGES_TILED;
}

/**
 * sl_print_operation_get_tiled_pages:
 *
 * Returns: the pages of the last print when it was spread over several as
 *   its text would have been too small to read on one, or 0
 */
guint
sl_print_operation_get_tiled_pages (SlPrintOperation *self)
{
  g_return_val_if_fail (SL_IS_PRINT_OPERATION (self), 0);

  return self->tiled_pages;
}

/**
 * sl_print_operation_get_refusal:
 *
 * Returns: (nullable) (transfer none): why the last print was cancelled
 *   before its first page, as sl_export_plan() refuses a PDF, or %NULL
 */
const GError *
sl_print_operation_get_refusal (SlPrintOperation *self)
{
  g_return_val_if_fail (SL_IS_PRINT_OPERATION (self), NULL);

  return self->refusal;
}

/**
 * sl_print_operation_get_too_many_pages:
 *
 * Returns: the number of pages the board would have taken over several
 *   pages at the chosen scale when they were more than
 *   %SL_PRINT_JOB_MAX_PAGES and the print was cancelled for it, or 0
 */
double
sl_print_operation_get_too_many_pages (SlPrintOperation *self)
{
  g_return_val_if_fail (SL_IS_PRINT_OPERATION (self), 0);

  return self->too_many_pages;
}

/**
 * sl_print_operation_get_scale:
 *
 * Returns: points a board unit, when the board is spread over pages
 */
double
sl_print_operation_get_scale (SlPrintOperation *self)
{
  g_return_val_if_fail (SL_IS_PRINT_OPERATION (self), 0);

  return self->scale;
}

/**
 * sl_print_operation_set_scale:
 * @scale: points a board unit, when the board is spread over pages
 */
void
sl_print_operation_set_scale (SlPrintOperation *self,
                              double            scale)
{
  g_return_if_fail (SL_IS_PRINT_OPERATION (self));
  g_return_if_fail (scale > 0);

  self->scale = scale;
}

void
sl_print_operation_set_extras (SlPrintOperation *self,
                               gboolean          legend,
                               gboolean          problems,
                               gboolean          scenarios)
{
  g_return_if_fail (SL_IS_PRINT_OPERATION (self));

  self->legend = legend;
  self->problems = problems;
  self->scenarios = scenarios;
}

/**
 * sl_print_operation_get_job:
 *
 * Returns: (nullable) (transfer none): the pages being printed, once the
 *   printing began
 */
SlPrintJob *
sl_print_operation_get_job (SlPrintOperation *self)
{
  g_return_val_if_fail (SL_IS_PRINT_OPERATION (self), NULL);

  return self->job;
}
