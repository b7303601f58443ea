/* sl-connection.c: an arrow from one note to another
 *
 * A connection never changes once made: it is added and removed whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-connection-private.h"
#include "sl-element-private.h"
#include "sl-note.h"

G_DEFINE_FINAL_TYPE (SlConnection, sl_connection, SL_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SlElement *
sl_connection_copy (SlElement *element)
{
  SlConnection *self = SL_CONNECTION (element);

  return SL_ELEMENT (_sl_connection_new (g_strdup (sl_element_get_id (element)),
                                         self->source, self->target));
}

static guint
sl_connection_diff (SlElement *element,
                    SlElement *other)
{
  return 0;
}

static guint
sl_connection_assign (SlElement *element,
                      SlElement *from)
{
  g_assert (sl_connection_get_source (SL_CONNECTION (element)) ==
            sl_connection_get_source (SL_CONNECTION (from)));
  return 0;
}

static void
sl_connection_finalize (GObject *object)
{
  SlConnection *self = (SlConnection *)object;

  g_clear_object (&self->source);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (sl_connection_parent_class)->finalize (object);
}

static void
sl_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlConnection *self = SL_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_connection_class_init (SlConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlElementClass *element_class = SL_ELEMENT_CLASS (klass);

  object_class->finalize = sl_connection_finalize;
  object_class->get_property = sl_connection_get_property;

  element_class->copy = sl_connection_copy;
  element_class->assign = sl_connection_assign;
  element_class->diff = sl_connection_diff;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL,
                         SL_TYPE_NOTE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TARGET] =
    g_param_spec_object ("target", NULL, NULL,
                         SL_TYPE_NOTE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_connection_init (SlConnection *self)
{
}

SlConnection *
_sl_connection_new (char   *id,
                    SlNote *source,
                    SlNote *target)
{
  SlConnection *self = g_object_new (SL_TYPE_CONNECTION, NULL);

  _sl_element_take_id (SL_ELEMENT (self), id);
  self->source = g_object_ref (source);
  self->target = g_object_ref (target);
  return self;
}

/**
 * sl_connection_get_source:
 *
 * Returns: (transfer none): the note the arrow starts at
 */
SlNote *
sl_connection_get_source (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);

  return self->source;
}

/**
 * sl_connection_get_target:
 *
 * Returns: (transfer none): the note the arrow points to
 */
SlNote *
sl_connection_get_target (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);

  return self->target;
}
