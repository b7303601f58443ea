/* sl-guide.c: the guide through the eight steps, beside the board
 *
 * The guide lists the steps with their state (done, in progress, not
 * started), tells for the step the model is at what it is for, who should
 * be in the room, what to do and when it is done, and lists live what
 * still fails the step's rules, from the window's SlChecker, which follows
 * the model. The list is a list view over the checker's problems: it
 * makes rows only for those in sight, so it shows them all, however many.
 * A click on a problem emits ::problem-activated with its note, for the
 * window to show it on the board. The guide never locks: any step can be
 * chosen at any time, and choosing one is navigation, not an edit of the
 * model (sl_document_set_step()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-guide.h"
#include "sl-guide-problem-row.h"
#include "sl-guide-step-row.h"
#include "sl-problem-item.h"
#include "sl-problem-list.h"

struct _SlGuide
{
  AdwBin parent_instance;

  SlDocument *document;
  SlChecker *checker;
  guint refresh_source;

  GtkListBox *steps;
  GtkLabel *title;
  GtkLabel *who;
  GtkLabel *what;
  GtkLabel *deliverable;
  GtkLabel *done_when;
  GtkLabel *left_heading;
  GtkWidget *left_window;
  GtkListView *left;
  SlProblemList *problems;
  GtkWidget *nothing_left;
};

G_DEFINE_FINAL_TYPE (SlGuide, sl_guide, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CHECKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROBLEM_ACTIVATED,
  PROBLEMS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill (SlGuide *self)
{
  guint current = sl_document_get_step (self->document);
  const SlProcessStep *step = sl_process_get_step (current);
  g_autofree char *title = g_strdup_printf (_("Step %u: %s"), current, step->name);
  g_autofree char *heading = NULL;
  guint n_left;

  for (guint n = 1; n <= SL_N_PROCESS_STEPS; n++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->steps, n - 1);

      sl_guide_step_row_set_status (SL_GUIDE_STEP_ROW (row), sl_checker_get_step_status (self->checker, n));
    }

  /* Select the model's step without choosing it again. */
  g_signal_handlers_block_matched (self->steps, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_list_box_select_row (self->steps, gtk_list_box_get_row_at_index (self->steps, current - 1));
  g_signal_handlers_unblock_matched (self->steps, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->who, step->who);
  gtk_label_set_label (self->what, step->what);
  gtk_label_set_label (self->deliverable, step->deliverable);
  gtk_label_set_label (self->done_when, step->done_when);

  sl_problem_list_set (self->problems, sl_checker_get_problems (self->checker), current);
  n_left = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  gtk_widget_set_visible (self->left_window, n_left > 0);
  gtk_widget_set_visible (self->nothing_left, n_left == 0);
  /* A step about nothing yet has nothing left, yet is not done: say how
   * to start it instead. */
  if (sl_checker_get_step_status (self->checker, current) == SL_STEP_NOT_STARTED)
    {
      gtk_label_set_label (self->left_heading, _("How to Start"));
      gtk_label_set_label (GTK_LABEL (self->nothing_left), step->to_start);
    }
  else
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Thing Left to Do",
                                              "%u Things Left to Do", n_left), n_left);
      gtk_label_set_label (self->left_heading, heading);
      gtk_label_set_label (GTK_LABEL (self->nothing_left), _("Nothing is left to do in this step."));
    }
}

static gboolean
refresh_cb (gpointer data)
{
  SlGuide *self = data;

  self->refresh_source = 0;
  sl_guide_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a drag, typing): show once they pause. */
static void
problems_changed_cb (SlGuide *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_cb, self, NULL);
}

static void
step_selected_cb (SlGuide       *self,
                  GtkListBoxRow *row)
{
  guint step;

  if (row == NULL)
    return;

  step = sl_guide_step_row_get_step (SL_GUIDE_STEP_ROW (row));
  if (step != sl_document_get_step (self->document))
    sl_document_set_step (self->document, step);
}

static void
problem_activated_cb (SlGuide     *self,
                      guint        position)
{
  g_autoptr(SlProblemItem) item = g_list_model_get_item (G_LIST_MODEL (self->problems), position);
  SlNote *note;

  if (item == NULL)
    return;

  note = sl_problem_get_note (sl_problem_item_get_problem (item));
  if (note != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, note);
}

static void
sl_guide_constructed (GObject *object)
{
  SlGuide *self = SL_GUIDE (object);

  G_OBJECT_CLASS (sl_guide_parent_class)->constructed (object);

  g_signal_connect_object (self->checker, "changed", G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::step", G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  sl_guide_refresh (self);
}

static void
sl_guide_dispose (GObject *object)
{
  SlGuide *self = (SlGuide *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_GUIDE);
  g_clear_object (&self->checker);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_guide_parent_class)->dispose (object);
}

static void
sl_guide_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SlGuide *self = SL_GUIDE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_CHECKER:
      self->checker = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_guide_class_init (SlGuideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_guide_constructed;
  object_class->dispose = sl_guide_dispose;
  object_class->set_property = sl_guide_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SL_TYPE_DOCUMENT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The window's: the board and the inspector show what it finds too. */
  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL,
                         SL_TYPE_CHECKER,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlGuide::problem-activated:
   * @note: the note of the problem clicked
   */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SL_TYPE_NOTE);

  /**
   * SlGuide::problems-changed:
   *
   * Emitted when what the check finds may have changed.
   */
  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SL_TYPE_GUIDE_PROBLEM_ROW);
  g_type_ensure (SL_TYPE_PROBLEM_ITEM);
  g_type_ensure (SL_TYPE_PROBLEM_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-guide.ui");
  gtk_widget_class_bind_template_child (widget_class, SlGuide, steps);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, title);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, who);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, what);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, deliverable);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, done_when);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, left_heading);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, left_window);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, left);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, problems);
  gtk_widget_class_bind_template_child (widget_class, SlGuide, nothing_left);
  gtk_widget_class_bind_template_callback (widget_class, step_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);
}

static void
sl_guide_init (SlGuide *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint n = 1; n <= SL_N_PROCESS_STEPS; n++)
    gtk_list_box_append (self->steps, sl_guide_step_row_new (n));
}

/**
 * sl_guide_new:
 * @checker: the check of @document that the window keeps
 *
 * Returns: (transfer floating): the guide for @document
 */
GtkWidget *
sl_guide_new (SlDocument *document,
              SlChecker  *checker)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_CHECKER (checker), NULL);
  g_return_val_if_fail (sl_checker_get_document (checker) == document, NULL);

  return g_object_new (SL_TYPE_GUIDE, "document", document, "checker", checker, NULL);
}

/**
 * sl_guide_refresh:
 *
 * Brings the check up to date and shows what it finds.
 */
void
sl_guide_refresh (SlGuide *self)
{
  g_return_if_fail (SL_IS_GUIDE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  sl_checker_update (self->checker);
  fill (self);
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

/**
 * sl_guide_get_problems:
 *
 * Returns: (transfer none) (element-type SlProblem): what the check finds
 */
GPtrArray *
sl_guide_get_problems (SlGuide *self)
{
  g_return_val_if_fail (SL_IS_GUIDE (self), NULL);

  return sl_checker_get_problems (self->checker);
}
