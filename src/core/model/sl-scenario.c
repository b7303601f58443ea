/* sl-scenario.c: a Given/When/Then specification of a command or a view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-element-private.h"
#include "sl-note.h"
#include "sl-scenario-private.h"
#include "sl-step.h"

G_DEFINE_FINAL_TYPE (SlScenario, sl_scenario, SL_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NOTE,
  PROP_TITLE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GPtrArray *
empty_steps (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);
}

static gboolean
steps_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a == b)
    return TRUE;
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!sl_step_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static SlElement *
sl_scenario_copy (SlElement *element)
{
  SlScenario *self = SL_SCENARIO (element);
  SlScenario *copy = _sl_scenario_new (g_strdup (sl_element_get_id (element)), self->note);

  _sl_scenario_set_title (copy, self->title);
  _sl_scenario_set_error (copy, self->error);
  for (guint i = 0; i < SL_N_STEP_PARTS; i++)
    _sl_scenario_set_steps (copy, i, g_ptr_array_ref (self->steps[i]));

  return SL_ELEMENT (copy);
}

static guint
sl_scenario_diff (SlElement *element,
                  SlElement *other_element)
{
  SlScenario *self = SL_SCENARIO (element);
  SlScenario *other = SL_SCENARIO (other_element);
  guint diff = 0;

  if (g_strcmp0 (self->title, other->title) != 0)
    diff |= SL_CHANGED_TEXT;
  if (self->note != other->note || g_strcmp0 (self->error, other->error) != 0)
    diff |= SL_CHANGED_CONTENT;
  for (guint i = 0; i < SL_N_STEP_PARTS; i++)
    if (!steps_equal (self->steps[i], other->steps[i]))
      diff |= SL_CHANGED_CONTENT;

  return diff;
}

static guint
sl_scenario_assign (SlElement *element,
                    SlElement *from_element)
{
  SlScenario *self = SL_SCENARIO (element);
  SlScenario *from = SL_SCENARIO (from_element);
  GObject *object = G_OBJECT (self);
  guint changed = sl_scenario_diff (element, from_element);

  g_object_freeze_notify (object);

  if (_sl_set_object (&self->note, from->note))
    g_object_notify_by_pspec (object, properties[PROP_NOTE]);
  if (_sl_set_string (&self->title, from->title))
    g_object_notify_by_pspec (object, properties[PROP_TITLE]);
  if (_sl_set_string (&self->error, from->error))
    g_object_notify_by_pspec (object, properties[PROP_ERROR]);
  for (guint i = 0; i < SL_N_STEP_PARTS; i++)
    if (self->steps[i] != from->steps[i])
      _sl_scenario_set_steps (self, i, g_ptr_array_ref (from->steps[i]));

  g_object_thaw_notify (object);

  return changed;
}

static void
sl_scenario_finalize (GObject *object)
{
  SlScenario *self = (SlScenario *)object;

  g_clear_object (&self->note);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->error, g_free);
  for (guint i = 0; i < SL_N_STEP_PARTS; i++)
    g_clear_pointer (&self->steps[i], g_ptr_array_unref);

  G_OBJECT_CLASS (sl_scenario_parent_class)->finalize (object);
}

static void
sl_scenario_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlScenario *self = SL_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_scenario_class_init (SlScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlElementClass *element_class = SL_ELEMENT_CLASS (klass);

  object_class->finalize = sl_scenario_finalize;
  object_class->get_property = sl_scenario_get_property;

  element_class->copy = sl_scenario_copy;
  element_class->assign = sl_scenario_assign;
  element_class->diff = sl_scenario_diff;

  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         SL_TYPE_NOTE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_scenario_init (SlScenario *self)
{
  self->title = g_strdup ("");
  for (guint i = 0; i < SL_N_STEP_PARTS; i++)
    self->steps[i] = empty_steps ();
}

SlScenario *
_sl_scenario_new (char   *id,
                  SlNote *note)
{
  SlScenario *self = g_object_new (SL_TYPE_SCENARIO, NULL);

  _sl_element_take_id (SL_ELEMENT (self), id);
  self->note = g_object_ref (note);
  return self;
}

void
_sl_scenario_set_title (SlScenario *self,
                        const char *title)
{
  _sl_set_string (&self->title, title ? title : "");
}

/* An empty error text is no error: the file leaves it out. */
void
_sl_scenario_set_error (SlScenario *self,
                        const char *error)
{
  _sl_set_string (&self->error, error && *error ? error : NULL);
}

void
_sl_scenario_set_steps (SlScenario *self,
                        SlStepPart  part,
                        GPtrArray  *steps)
{
  g_assert (part < SL_N_STEP_PARTS);
  g_assert (steps != NULL);

  g_ptr_array_unref (self->steps[part]);
  self->steps[part] = steps;
}

/**
 * sl_scenario_get_note:
 *
 * Returns: (transfer none): the command or view the scenario specifies
 */
SlNote *
sl_scenario_get_note (SlScenario *self)
{
  g_return_val_if_fail (SL_IS_SCENARIO (self), NULL);

  return self->note;
}

/**
 * sl_scenario_get_title:
 *
 * Returns: (not nullable): what the scenario shows
 */
const char *
sl_scenario_get_title (SlScenario *self)
{
  g_return_val_if_fail (SL_IS_SCENARIO (self), NULL);

  return self->title;
}

/**
 * sl_scenario_get_error:
 *
 * Returns: (nullable): the error text of a scenario whose outcome is an error
 */
const char *
sl_scenario_get_error (SlScenario *self)
{
  g_return_val_if_fail (SL_IS_SCENARIO (self), NULL);

  return self->error;
}

guint
sl_scenario_get_n_steps (SlScenario *self,
                         SlStepPart  part)
{
  g_return_val_if_fail (SL_IS_SCENARIO (self), 0);
  g_return_val_if_fail (part < SL_N_STEP_PARTS, 0);

  return self->steps[part]->len;
}

/**
 * sl_scenario_get_step:
 *
 * Returns: (transfer none): the step at @index of @part
 */
SlStep *
sl_scenario_get_step (SlScenario *self,
                      SlStepPart  part,
                      guint       index)
{
  g_return_val_if_fail (SL_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (part < SL_N_STEP_PARTS, NULL);
  g_return_val_if_fail (index < self->steps[part]->len, NULL);

  return g_ptr_array_index (self->steps[part], index);
}

/**
 * sl_scenario_uses_note:
 *
 * Returns: whether @note is the scenario's note or stands in one of its steps
 */
gboolean
sl_scenario_uses_note (SlScenario *self,
                       SlNote     *note)
{
  g_return_val_if_fail (SL_IS_SCENARIO (self), FALSE);

  if (self->note == note)
    return TRUE;

  for (guint i = 0; i < SL_N_STEP_PARTS; i++)
    for (guint j = 0; j < self->steps[i]->len; j++)
      if (sl_step_get_note (g_ptr_array_index (self->steps[i], j)) == note)
        return TRUE;

  return FALSE;
}
