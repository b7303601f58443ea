/* sl-aggregate.c: a consistency boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-aggregate-private.h"
#include "sl-element-private.h"

struct _SlAggregate
{
  SlElement parent_instance;

  char *name;
};

G_DEFINE_FINAL_TYPE (SlAggregate, sl_aggregate, SL_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SlElement *
sl_aggregate_copy (SlElement *element)
{
  SlAggregate *self = SL_AGGREGATE (element);
  SlAggregate *copy = _sl_aggregate_new (g_strdup (sl_element_get_id (element)));

  _sl_aggregate_set_name (copy, self->name);
  return SL_ELEMENT (copy);
}

static guint
sl_aggregate_diff (SlElement *element,
                   SlElement *other_element)
{
  SlAggregate *self = SL_AGGREGATE (element);
  SlAggregate *other = SL_AGGREGATE (other_element);

  return g_strcmp0 (self->name, other->name) != 0 ? SL_CHANGED_TEXT : 0;
}

static guint
sl_aggregate_assign (SlElement *element,
                     SlElement *from_element)
{
  SlAggregate *self = SL_AGGREGATE (element);
  SlAggregate *from = SL_AGGREGATE (from_element);
  guint changed = 0;

  if (_sl_set_string (&self->name, from->name))
    {
      changed |= SL_CHANGED_TEXT;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }

  return changed;
}

static void
sl_aggregate_finalize (GObject *object)
{
  SlAggregate *self = (SlAggregate *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (sl_aggregate_parent_class)->finalize (object);
}

static void
sl_aggregate_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlAggregate *self = SL_AGGREGATE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_aggregate_class_init (SlAggregateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlElementClass *element_class = SL_ELEMENT_CLASS (klass);

  object_class->finalize = sl_aggregate_finalize;
  object_class->get_property = sl_aggregate_get_property;

  element_class->copy = sl_aggregate_copy;
  element_class->assign = sl_aggregate_assign;
  element_class->diff = sl_aggregate_diff;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_aggregate_init (SlAggregate *self)
{
  self->name = g_strdup ("");
}

SlAggregate *
_sl_aggregate_new (char *id)
{
  SlAggregate *self = g_object_new (SL_TYPE_AGGREGATE, NULL);

  _sl_element_take_id (SL_ELEMENT (self), id);
  return self;
}

void
_sl_aggregate_set_name (SlAggregate *self,
                        const char  *name)
{
  _sl_set_string (&self->name, name ? name : "");
}

/**
 * sl_aggregate_get_name:
 *
 * Returns: (not nullable): the aggregate's name
 */
const char *
sl_aggregate_get_name (SlAggregate *self)
{
  g_return_val_if_fail (SL_IS_AGGREGATE (self), NULL);

  return self->name;
}
