/* sl-wizard.c: the guide through the eight steps, beside the board
 *
 * The guide lists the steps with their state (done, in progress, not
 * started), tells for the step the model is at what it is for, who should
 * be in the room, what to do and when it is done, and lists live what
 * still fails the step's rules, from an SlChecker that follows the
 * model. A click on a problem emits
 * ::problem-activated with its note, for the window to show it on the
 * board. The guide never locks: any step can be chosen at any time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-wizard.h"

struct _SlWizard
{
  AdwBin parent_instance;

  SlDocument *document;
  SlChecker *checker;
  guint refresh_source;

  GtkListBox *steps;
  GtkWidget *step_rows[SL_N_PROCESS_STEPS];
  GtkWidget *step_icons[SL_N_PROCESS_STEPS];
  GtkLabel *title;
  GtkLabel *who;
  GtkLabel *what;
  GtkLabel *deliverable;
  GtkLabel *done_when;
  GtkLabel *left_heading;
  GtkListBox *left;
  GtkWidget *nothing_left;
};

G_DEFINE_FINAL_TYPE (SlWizard, sl_wizard, ADW_TYPE_BIN)

enum {
  PROBLEM_ACTIVATED,
  PROBLEMS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
status_icon (SlStepStatus status)
{
  switch (status)
    {
    case SL_STEP_DONE:        return "emblem-ok-symbolic";
    case SL_STEP_IN_PROGRESS: return "media-record-symbolic";
    default:                  return "radio-symbolic";
    }
}

static const char *
status_label (SlStepStatus status)
{
  switch (status)
    {
    case SL_STEP_DONE:        return _("Done");
    case SL_STEP_IN_PROGRESS: return _("In progress");
    default:                  return _("Not started");
    }
}

static const char *
severity_icon (SlSeverity severity)
{
  switch (severity)
    {
    case SL_SEVERITY_ERROR:   return "dialog-error-symbolic";
    case SL_SEVERITY_WARNING: return "dialog-warning-symbolic";
    default:                  return "dialog-information-symbolic";
    }
}

static void
problem_activated_cb (SlWizard      *self,
                      GtkListBoxRow *row)
{
  SlProblem *problem = g_object_get_data (G_OBJECT (row), "problem");

  if (problem != NULL && sl_problem_get_note (problem) != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, sl_problem_get_note (problem));
}

/* A list of tens of thousands of rows helps no one and takes seconds
 * to build: the first ones are shown, and how many more there are. */
#define MAX_ROWS 100

static void
fill (SlWizard *self)
{
  guint current = sl_document_get_step (self->document);
  const SlProcessStep *step = sl_process_get_step (current);
  g_autofree char *title = g_strdup_printf (_("Step %u: %s"), current, step->name);
  GPtrArray *problems = sl_checker_get_problems (self->checker);
  guint n_left = 0;
  GtkWidget *child;

  for (guint n = 1; n <= SL_N_PROCESS_STEPS; n++)
    {
      SlStepStatus status = sl_checker_get_step_status (self->checker, n);

      gtk_image_set_from_icon_name (GTK_IMAGE (self->step_icons[n - 1]), status_icon (status));
      gtk_widget_set_tooltip_text (self->step_icons[n - 1], status_label (status));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_icons[n - 1]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, status_label (status), -1);
    }

  /* Select the model's step without choosing it again. */
  g_signal_handlers_block_matched (self->steps, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_list_box_select_row (self->steps, GTK_LIST_BOX_ROW (self->step_rows[current - 1]));
  g_signal_handlers_unblock_matched (self->steps, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->who, step->who);
  gtk_label_set_label (self->what, step->what);
  gtk_label_set_label (self->deliverable, step->deliverable);
  gtk_label_set_label (self->done_when, step->done_when);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->left))))
    gtk_list_box_remove (self->left, child);

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      SlNote *note = sl_problem_get_note (problem);
      g_autofree char *where = NULL;
      GtkWidget *row, *icon;

      if (sl_problem_get_step (problem) != current)
        continue;
      if (++n_left > MAX_ROWS)
        continue;

      if (note && sl_problem_get_field (problem))
        where = g_strdup_printf ("%s · %s", *sl_note_get_text (note) ? sl_note_get_text (note) : _("Untitled Note"),
                                 sl_problem_get_field (problem));
      else if (note)
        where = g_strdup (*sl_note_get_text (note) ? sl_note_get_text (note) : _("Untitled Note"));
      else
        where = g_strdup (sl_aggregate_get_name (sl_problem_get_aggregate (problem)));

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sl_problem_get_fix (problem)
                                   ? sl_problem_get_fix (problem) : sl_problem_get_message (problem));
      icon = gtk_image_new_from_icon_name (severity_icon (sl_problem_get_severity (problem)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sl_severity_to_string (sl_problem_get_severity (problem)), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), note != NULL);
      g_object_set_data_full (G_OBJECT (row), "problem", sl_problem_ref (problem), (GDestroyNotify) sl_problem_unref);
      gtk_list_box_append (self->left, row);
    }

  if (n_left > MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more: fix these first",
                                                            "And %u more: fix these first", n_left - MAX_ROWS),
                                               n_left - MAX_ROWS);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->left, row);
    }

  {
    g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Thing Left to Do",
                                                             "%u Things Left to Do", n_left), n_left);

    gtk_label_set_label (self->left_heading, heading);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->left), n_left > 0);
  gtk_widget_set_visible (self->nothing_left, n_left == 0);
}

/**
 * sl_wizard_refresh:
 *
 * Brings the check up to date and shows what it finds.
 */
void
sl_wizard_refresh (SlWizard *self)
{
  g_return_if_fail (SL_IS_WIZARD (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  sl_checker_update (self->checker);
  fill (self);
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

static gboolean
refresh_cb (gpointer data)
{
  SlWizard *self = data;

  self->refresh_source = 0;
  sl_wizard_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a drag, typing): show once they pause. */
static void
problems_changed_cb (SlWizard *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_cb, self, NULL);
}

static void
step_selected_cb (SlWizard      *self,
                  GtkListBoxRow *row)
{
  guint step;

  if (row == NULL)
    return;

  step = gtk_list_box_row_get_index (row) + 1;
  if (step != sl_document_get_step (self->document))
    sl_document_set_step (self->document, step);
}

static GtkLabel *
add_section (GtkBox     *box,
             const char *heading)
{
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_box_append (box, title);
  gtk_box_append (box, body);
  return GTK_LABEL (body);
}

static void
sl_wizard_dispose (GObject *object)
{
  SlWizard *self = (SlWizard *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->checker);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_wizard_parent_class)->dispose (object);
}

static void
sl_wizard_class_init (SlWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_wizard_dispose;

  /**
   * SlWizard::problem-activated:
   * @note: the note of the problem clicked
   */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SL_TYPE_NOTE);

  /**
   * SlWizard::problems-changed:
   *
   * Emitted when what the check finds may have changed.
   */
  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_wizard_init (SlWizard *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  GtkWidget *label, *heading;

  gtk_widget_set_size_request (GTK_WIDGET (self), 320, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (GTK_WIDGET (box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (box), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (box), 18);

  heading = gtk_label_new (_("The Process"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (box, heading);

  self->steps = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->steps), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->steps), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Steps"), -1);
  for (guint n = 1; n <= SL_N_PROCESS_STEPS; n++)
    {
      const SlProcessStep *step = sl_process_get_step (n);
      g_autofree char *title = g_strdup_printf ("%u. %s", n, step->name);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), step->phase);
      self->step_icons[n - 1] = gtk_image_new ();
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->step_icons[n - 1]);
      self->step_rows[n - 1] = row;
      gtk_list_box_append (self->steps, row);
    }
  g_signal_connect_swapped (self->steps, "row-selected", G_CALLBACK (step_selected_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->steps));

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->title), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-3");
  gtk_box_append (box, GTK_WIDGET (self->title));

  self->what = add_section (box, _("What to Do"));
  self->who = add_section (box, _("Who Should Be in the Room"));
  self->deliverable = add_section (box, _("Deliverable"));
  self->done_when = add_section (box, _("Done When"));

  self->left_heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->left_heading, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->left_heading), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->left_heading), "heading");
  gtk_box_append (box, GTK_WIDGET (self->left_heading));

  self->left = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->left), "left-to-do");
  gtk_list_box_set_selection_mode (self->left, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->left), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->left), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Left to Do"), -1);
  g_signal_connect_swapped (self->left, "row-activated", G_CALLBACK (problem_activated_cb), self);
  gtk_box_append (box, GTK_WIDGET (self->left));

  label = gtk_label_new (_("Nothing is left to do in this step."));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  self->nothing_left = label;
  gtk_box_append (box, label);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (box));
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

/**
 * sl_wizard_new:
 *
 * Returns: (transfer floating): the guide for @document
 */
GtkWidget *
sl_wizard_new (SlDocument *document)
{
  SlWizard *self;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  self = g_object_new (SL_TYPE_WIZARD, NULL);
  self->document = g_object_ref (document);
  self->checker = sl_checker_new (document);
  g_signal_connect_object (self->checker, "changed", G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::step", G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  sl_wizard_refresh (self);
  return GTK_WIDGET (self);
}

/**
 * sl_wizard_get_problems:
 *
 * Returns: (transfer none) (element-type SlProblem): what the check finds
 */
GPtrArray *
sl_wizard_get_problems (SlWizard *self)
{
  g_return_val_if_fail (SL_IS_WIZARD (self), NULL);

  return sl_checker_get_problems (self->checker);
}
