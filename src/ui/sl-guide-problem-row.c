/* sl-guide-problem-row.c: a problem in the guide's list of what is left
 *
 * The row says where the problem is (the note and its field, or the
 * aggregate) and what to do about it, after an icon of its severity. It
 * looks as an AdwActionRow does, in a list view that makes rows only for
 * the problems in sight and gives them each problem in turn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-guide-problem-row.h"

struct _SlGuideProblemRow
{
  GtkBox parent_instance;

  SlProblem *problem;

  GtkImage *icon;
  GtkLabel *title;
  GtkLabel *subtitle;
};

G_DEFINE_FINAL_TYPE (SlGuideProblemRow, sl_guide_problem_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static char *
describe_place (SlProblem *problem)
{
  SlNote *note = sl_problem_get_note (problem);
  const char *text;

  if (note == NULL)
    return g_strdup (sl_aggregate_get_name (sl_problem_get_aggregate (problem)));

  text = *sl_note_get_text (note) ? sl_note_get_text (note) : _("Untitled Note");
  if (sl_problem_get_field (problem) != NULL)
    return g_strdup_printf ("%s · %s", text, sl_problem_get_field (problem));
  return g_strdup (text);
}

static void
show (SlGuideProblemRow *self)
{
  SlProblem *problem = self->problem;
  g_autofree char *place = NULL;

  if (problem == NULL)
    return;

  place = describe_place (problem);
  gtk_label_set_label (self->title, place);
  gtk_label_set_label (self->subtitle, sl_problem_get_fix (problem) ? sl_problem_get_fix (problem)
                                                                    : sl_problem_get_message (problem));
  gtk_image_set_from_icon_name (self->icon, severity_icon (sl_problem_get_severity (problem)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sl_severity_to_string (sl_problem_get_severity (problem)), -1);
}

static void
sl_guide_problem_row_dispose (GObject *object)
{
  SlGuideProblemRow *self = (SlGuideProblemRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_GUIDE_PROBLEM_ROW);
  g_clear_pointer (&self->problem, sl_problem_unref);

  G_OBJECT_CLASS (sl_guide_problem_row_parent_class)->dispose (object);
}

static void
sl_guide_problem_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SlGuideProblemRow *self = SL_GUIDE_PROBLEM_ROW (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_boxed (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_guide_problem_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SlGuideProblemRow *self = SL_GUIDE_PROBLEM_ROW (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      sl_guide_problem_row_set_problem (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_guide_problem_row_class_init (SlGuideProblemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_guide_problem_row_dispose;
  object_class->get_property = sl_guide_problem_row_get_property;
  object_class->set_property = sl_guide_problem_row_set_property;

  properties[PROP_PROBLEM] =
    g_param_spec_boxed ("problem", NULL, NULL,
                        SL_TYPE_PROBLEM,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-guide-problem-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SlGuideProblemRow, icon);
  gtk_widget_class_bind_template_child (widget_class, SlGuideProblemRow, title);
  gtk_widget_class_bind_template_child (widget_class, SlGuideProblemRow, subtitle);
}

static void
sl_guide_problem_row_init (SlGuideProblemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_guide_problem_row_get_problem:
 *
 * Returns: (transfer none) (nullable): the problem shown
 */
SlProblem *
sl_guide_problem_row_get_problem (SlGuideProblemRow *self)
{
  g_return_val_if_fail (SL_IS_GUIDE_PROBLEM_ROW (self), NULL);

  return self->problem;
}

/**
 * sl_guide_problem_row_set_problem:
 * @problem: (nullable): the problem to show
 */
void
sl_guide_problem_row_set_problem (SlGuideProblemRow *self,
                                  SlProblem         *problem)
{
  g_return_if_fail (SL_IS_GUIDE_PROBLEM_ROW (self));

  if (self->problem == problem)
    return;

  if (problem != NULL)
    sl_problem_ref (problem);
  g_clear_pointer (&self->problem, sl_problem_unref);
  self->problem = problem;
  show (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}
