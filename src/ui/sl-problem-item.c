/* sl-problem-item.c: a problem the check found, as an item of a list model
 *
 * A problem is a boxed value shared by the checker; a list model gives
 * objects. An item is made only for a row that is shown, so a list of
 * 100,000 problems makes a few dozen of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include "sl-problem-item.h"

struct _SlProblemItem
{
  GObject parent_instance;

  SlProblem *problem;
};

G_DEFINE_FINAL_TYPE (SlProblemItem, sl_problem_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_problem_item_finalize (GObject *object)
{
  SlProblemItem *self = (SlProblemItem *)object;

  g_clear_pointer (&self->problem, sl_problem_unref);

  G_OBJECT_CLASS (sl_problem_item_parent_class)->finalize (object);
}

static void
sl_problem_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlProblemItem *self = SL_PROBLEM_ITEM (object);

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
sl_problem_item_class_init (SlProblemItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_problem_item_finalize;
  object_class->get_property = sl_problem_item_get_property;

  properties[PROP_PROBLEM] =
    g_param_spec_boxed ("problem", NULL, NULL,
                        SL_TYPE_PROBLEM,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_problem_item_init (SlProblemItem *self)
{
}

SlProblemItem *
sl_problem_item_new (SlProblem *problem)
{
  SlProblemItem *self;

  g_return_val_if_fail (problem != NULL, NULL);

  self = g_object_new (SL_TYPE_PROBLEM_ITEM, NULL);
  self->problem = sl_problem_ref (problem);
  return self;
}

/**
 * sl_problem_item_get_problem:
 *
 * Returns: (transfer none): the problem
 */
SlProblem *
sl_problem_item_get_problem (SlProblemItem *self)
{
  g_return_val_if_fail (SL_IS_PROBLEM_ITEM (self), NULL);

  return self->problem;
}
