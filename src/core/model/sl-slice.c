/* sl-slice.c: a named column of the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-element-private.h"
#include "sl-slice-private.h"

struct _SlSlice
{
  SlElement parent_instance;

  char *name;
  SlSliceStatus status;
  int x;
  int width;
};

G_DEFINE_FINAL_TYPE (SlSlice, sl_slice, SL_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_STATUS,
  PROP_X,
  PROP_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SlElement *
sl_slice_copy (SlElement *element)
{
  SlSlice *self = SL_SLICE (element);
  SlSlice *copy = _sl_slice_new (g_strdup (sl_element_get_id (element)));

  _sl_slice_set_name (copy, self->name);
  copy->status = self->status;
  copy->x = self->x;
  copy->width = self->width;
  return SL_ELEMENT (copy);
}

static guint
sl_slice_diff (SlElement *element,
               SlElement *other_element)
{
  SlSlice *self = SL_SLICE (element);
  SlSlice *other = SL_SLICE (other_element);
  guint diff = 0;

  if (g_strcmp0 (self->name, other->name) != 0)
    diff |= SL_CHANGED_TEXT;
  if (self->status != other->status)
    diff |= SL_CHANGED_FLAGS;
  if (self->x != other->x || self->width != other->width)
    diff |= SL_CHANGED_POSITION;

  return diff;
}

static guint
sl_slice_assign (SlElement *element,
                 SlElement *from_element)
{
  SlSlice *self = SL_SLICE (element);
  SlSlice *from = SL_SLICE (from_element);
  guint changed = sl_slice_diff (element, from_element);

  g_object_freeze_notify (G_OBJECT (self));

  if (changed & SL_CHANGED_TEXT)
    {
      _sl_set_string (&self->name, from->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (changed & SL_CHANGED_FLAGS)
    {
      self->status = from->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (self->x != from->x)
    {
      self->x = from->x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
    }
  if (self->width != from->width)
    {
      self->width = from->width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

static void
sl_slice_finalize (GObject *object)
{
  SlSlice *self = (SlSlice *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (sl_slice_parent_class)->finalize (object);
}

static void
sl_slice_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SlSlice *self = SL_SLICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_X:
      g_value_set_int (value, self->x);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_slice_class_init (SlSliceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlElementClass *element_class = SL_ELEMENT_CLASS (klass);

  object_class->finalize = sl_slice_finalize;
  object_class->get_property = sl_slice_get_property;

  element_class->copy = sl_slice_copy;
  element_class->assign = sl_slice_assign;
  element_class->diff = sl_slice_diff;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       SL_TYPE_SLICE_STATUS,
                       SL_SLICE_PLANNED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_X] =
    g_param_spec_int ("x", NULL, NULL,
                      -SL_COORD_MAX, SL_COORD_MAX, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL,
                      1, SL_COORD_MAX, 1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_slice_init (SlSlice *self)
{
  self->name = g_strdup ("");
  self->width = 1;
}

SlSlice *
_sl_slice_new (char *id)
{
  SlSlice *self = g_object_new (SL_TYPE_SLICE, NULL);

  _sl_element_take_id (SL_ELEMENT (self), id);
  return self;
}

void
_sl_slice_set_name (SlSlice    *self,
                    const char *name)
{
  _sl_set_string (&self->name, name ? name : "");
}

void
_sl_slice_set_status (SlSlice       *self,
                      SlSliceStatus  status)
{
  self->status = status;
}

void
_sl_slice_set_range (SlSlice *self,
                     int      x,
                     int      width)
{
  g_assert (width > 0);

  self->x = x;
  self->width = width;
}

/**
 * sl_slice_get_name:
 *
 * Returns: (not nullable): the slice's name
 */
const char *
sl_slice_get_name (SlSlice *self)
{
  g_return_val_if_fail (SL_IS_SLICE (self), NULL);

  return self->name;
}

SlSliceStatus
sl_slice_get_status (SlSlice *self)
{
  g_return_val_if_fail (SL_IS_SLICE (self), SL_SLICE_PLANNED);

  return self->status;
}

int
sl_slice_get_x (SlSlice *self)
{
  g_return_val_if_fail (SL_IS_SLICE (self), 0);

  return self->x;
}

int
sl_slice_get_width (SlSlice *self)
{
  g_return_val_if_fail (SL_IS_SLICE (self), 1);

  return self->width;
}

/**
 * sl_slice_contains_x:
 *
 * Returns: whether a note whose left edge is at @x belongs to the slice
 */
gboolean
sl_slice_contains_x (SlSlice *self,
                     int      x)
{
  g_return_val_if_fail (SL_IS_SLICE (self), FALSE);

  return x >= self->x && x < self->x + self->width;
}

/**
 * sl_slice_compare_timeline:
 *
 * Orders slices along the timeline, left to right by their left edge.
 *
 * Returns: less than, equal to or greater than zero as @a comes before, at
 *   the same place as, or after @b
 */
int
sl_slice_compare_timeline (SlSlice *a,
                           SlSlice *b)
{
  g_return_val_if_fail (SL_IS_SLICE (a), 0);
  g_return_val_if_fail (SL_IS_SLICE (b), 0);

  return (a->x > b->x) - (a->x < b->x);
}
