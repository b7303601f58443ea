/* sl-guide-step-row.c: a step of the process in the guide, with its state
 *
 * The row shows the step's number, name and phase, and an icon of how
 * far the model is with it (done, in progress, not started), which
 * changes in place as the check does.
 *
 * It looks as an AdwActionRow with a suffix does (the same boxes and
 * style classes, which libadwaita's style sheet draws), built from code:
 * the action row's template, with its bindings and the boxes a row of
 * the guide leaves empty, cost more in the first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-guide-step-row.h"

struct _SlGuideStepRow
{
  GtkListBoxRow parent_instance;

  guint step;
  SlStepStatus status;

  GtkImage *icon;
};

G_DEFINE_FINAL_TYPE (SlGuideStepRow, sl_guide_step_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_STEP,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
    /* Translators: the state of a step of the guide, whose problems are all solved */
    case SL_STEP_DONE:        return C_("guide step", "Done");
    case SL_STEP_IN_PROGRESS: return _("In progress");
    default:                  return _("Not started");
    }
}

static void
show_status (SlGuideStepRow *self)
{
  gtk_image_set_from_icon_name (self->icon, status_icon (self->status));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->icon), status_label (self->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_label (self->status), -1);
}

static GtkWidget *
row_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The boxes of an AdwActionRow that the style sheet draws:
 * row > box.header > (box.title > label.title, label.subtitle), box.suffixes */
static void
sl_guide_step_row_constructed (GObject *object)
{
  SlGuideStepRow *self = SL_GUIDE_STEP_ROW (object);
  const SlProcessStep *step = sl_process_get_step (self->step);
  g_autofree char *title = g_strdup_printf ("%u. %s", self->step, step->name);
  GtkWidget *header, *title_box, *title_label, *subtitle_label, *suffixes;

  G_OBJECT_CLASS (sl_guide_step_row_parent_class)->constructed (object);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (header, FALSE);
  gtk_widget_add_css_class (header, "header");

  title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (title_box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (title_box, TRUE);
  gtk_widget_add_css_class (title_box, "title");
  title_label = row_label (title, "title");
  subtitle_label = row_label (step->phase, "subtitle");
  gtk_box_append (GTK_BOX (title_box), title_label);
  gtk_box_append (GTK_BOX (title_box), subtitle_label);
  gtk_box_append (GTK_BOX (header), title_box);

  suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (suffixes, "suffixes");
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_box_append (GTK_BOX (suffixes), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (header), suffixes);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);

  /* Named and described as an action row is: by its title and phase. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle_label, NULL,
                                  -1);
  show_status (self);
}

static void
sl_guide_step_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SlGuideStepRow *self = SL_GUIDE_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_guide_step_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SlGuideStepRow *self = SL_GUIDE_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      self->step = g_value_get_uint (value);
      break;

    case PROP_STATUS:
      sl_guide_step_row_set_status (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_guide_step_row_class_init (SlGuideStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sl_guide_step_row_constructed;
  object_class->get_property = sl_guide_step_row_get_property;
  object_class->set_property = sl_guide_step_row_set_property;

  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       1, SL_N_PROCESS_STEPS, 1,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* An SlStepStatus */
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL,
                       SL_STEP_NOT_STARTED, SL_STEP_DONE, SL_STEP_NOT_STARTED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_guide_step_row_init (SlGuideStepRow *self)
{
  self->step = 1;
}

/**
 * sl_guide_step_row_new:
 * @step: the step of the process, from 1
 */
GtkWidget *
sl_guide_step_row_new (guint step)
{
  g_return_val_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS, NULL);

  return g_object_new (SL_TYPE_GUIDE_STEP_ROW, "step", step, NULL);
}

guint
sl_guide_step_row_get_step (SlGuideStepRow *self)
{
  g_return_val_if_fail (SL_IS_GUIDE_STEP_ROW (self), 0);

  return self->step;
}

SlStepStatus
sl_guide_step_row_get_status (SlGuideStepRow *self)
{
  g_return_val_if_fail (SL_IS_GUIDE_STEP_ROW (self), SL_STEP_NOT_STARTED);

  return self->status;
}

void
sl_guide_step_row_set_status (SlGuideStepRow *self,
                              SlStepStatus    status)
{
  g_return_if_fail (SL_IS_GUIDE_STEP_ROW (self));
  g_return_if_fail (status <= SL_STEP_DONE);

  if (self->status == status)
    return;

  self->status = status;
  show_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}
