/* sl-lane.c: a horizontal swimlane of the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-aggregate.h"
#include "sl-element-private.h"
#include "sl-lane-private.h"

struct _SlLane
{
  SlElement parent_instance;

  SlLaneKind kind;
  char *name;
  SlAggregate *aggregate;
};

G_DEFINE_FINAL_TYPE (SlLane, sl_lane, SL_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_AGGREGATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SlElement *
sl_lane_copy (SlElement *element)
{
  SlLane *self = SL_LANE (element);
  SlLane *copy = _sl_lane_new (g_strdup (sl_element_get_id (element)), self->kind);

  _sl_lane_set_name (copy, self->name);
  _sl_lane_set_aggregate (copy, self->aggregate);
  return SL_ELEMENT (copy);
}

static guint
sl_lane_diff (SlElement *element,
              SlElement *other_element)
{
  SlLane *self = SL_LANE (element);
  SlLane *other = SL_LANE (other_element);
  guint diff = 0;

  if (self->kind != other->kind)
    diff |= SL_CHANGED_KIND;
  if (g_strcmp0 (self->name, other->name) != 0)
    diff |= SL_CHANGED_TEXT;
  if (self->aggregate != other->aggregate)
    diff |= SL_CHANGED_AGGREGATE;

  return diff;
}

static guint
sl_lane_assign (SlElement *element,
                SlElement *from_element)
{
  SlLane *self = SL_LANE (element);
  SlLane *from = SL_LANE (from_element);
  guint changed = sl_lane_diff (element, from_element);

  g_object_freeze_notify (G_OBJECT (self));

  if (changed & SL_CHANGED_KIND)
    {
      self->kind = from->kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  if (changed & SL_CHANGED_TEXT)
    {
      _sl_set_string (&self->name, from->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (changed & SL_CHANGED_AGGREGATE)
    {
      _sl_set_object (&self->aggregate, from->aggregate);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGGREGATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

static void
sl_lane_finalize (GObject *object)
{
  SlLane *self = (SlLane *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->aggregate);

  G_OBJECT_CLASS (sl_lane_parent_class)->finalize (object);
}

static void
sl_lane_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SlLane *self = SL_LANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_AGGREGATE:
      g_value_set_object (value, self->aggregate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_lane_class_init (SlLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlElementClass *element_class = SL_ELEMENT_CLASS (klass);

  object_class->finalize = sl_lane_finalize;
  object_class->get_property = sl_lane_get_property;

  element_class->copy = sl_lane_copy;
  element_class->assign = sl_lane_assign;
  element_class->diff = sl_lane_diff;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SL_TYPE_LANE_KIND,
                       SL_LANE_UNSORTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AGGREGATE] =
    g_param_spec_object ("aggregate", NULL, NULL,
                         SL_TYPE_AGGREGATE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_lane_init (SlLane *self)
{
  self->name = g_strdup ("");
}

SlLane *
_sl_lane_new (char       *id,
              SlLaneKind  kind)
{
  SlLane *self = g_object_new (SL_TYPE_LANE, NULL);

  _sl_element_take_id (SL_ELEMENT (self), id);
  self->kind = kind;
  return self;
}

void
_sl_lane_set_kind (SlLane     *self,
                   SlLaneKind  kind)
{
  self->kind = kind;
}

void
_sl_lane_set_name (SlLane     *self,
                   const char *name)
{
  _sl_set_string (&self->name, name ? name : "");
}

void
_sl_lane_set_aggregate (SlLane      *self,
                        SlAggregate *aggregate)
{
  _sl_set_object (&self->aggregate, aggregate);
}

SlLaneKind
sl_lane_get_kind (SlLane *self)
{
  g_return_val_if_fail (SL_IS_LANE (self), SL_LANE_UNSORTED);

  return self->kind;
}

/**
 * sl_lane_get_name:
 *
 * Returns: (not nullable): the lane's name, shown in its header
 */
const char *
sl_lane_get_name (SlLane *self)
{
  g_return_val_if_fail (SL_IS_LANE (self), NULL);

  return self->name;
}

/**
 * sl_lane_get_aggregate:
 *
 * Returns: (nullable) (transfer none): the aggregate whose events the lane holds
 */
SlAggregate *
sl_lane_get_aggregate (SlLane *self)
{
  g_return_val_if_fail (SL_IS_LANE (self), NULL);

  return self->aggregate;
}
