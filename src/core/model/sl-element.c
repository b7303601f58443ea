/* sl-element.c: the base class of everything on a board that has an id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-element-private.h"

typedef struct
{
  char *id;
  /* Where the element's text is in a draft (sl-draft.c): that text is
   * reused while the element stays unchanged. */
  gsize text_offset;
  guint text_length;
  guint text_serial; /* 0: none */
  gboolean text_follows; /* a comma is before the text */
} SlElementPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SlElement, sl_element, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_element_finalize (GObject *object)
{
  SlElementPrivate *priv = sl_element_get_instance_private (SL_ELEMENT (object));

  g_clear_pointer (&priv->id, g_free);

  G_OBJECT_CLASS (sl_element_parent_class)->finalize (object);
}

static void
sl_element_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SlElement *self = SL_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, sl_element_get_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_element_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SlElementPrivate *priv = sl_element_get_instance_private (SL_ELEMENT (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (priv->id == NULL);
      priv->id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_element_class_init (SlElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_element_finalize;
  object_class->get_property = sl_element_get_property;
  object_class->set_property = sl_element_set_property;

  /**
   * SlElement:id:
   *
   * The element's id: unique in its document and never changed.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_element_init (SlElement *self)
{
}

const char *
sl_element_get_id (SlElement *self)
{
  SlElementPrivate *priv;

  g_return_val_if_fail (SL_IS_ELEMENT (self), NULL);

  priv = sl_element_get_instance_private (self);
  return priv->id;
}

/* Sets the id without going through the property machinery: the loader makes
 * hundreds of thousands of elements and g_object_new() with properties costs. */
void
_sl_element_take_id (SlElement *self,
                     char      *id)
{
  SlElementPrivate *priv = sl_element_get_instance_private (self);

  g_assert (priv->id == NULL);
  priv->id = id;
}

/* The element's text in the draft @serial, when it has not changed since
 * it was written there. */
gboolean
_sl_element_get_text (SlElement *self,
                      guint      serial,
                      gsize     *offset,
                      gsize     *length,
                      gboolean  *follows)
{
  SlElementPrivate *priv = sl_element_get_instance_private (self);

  if (serial == 0 || priv->text_serial != serial)
    return FALSE;

  *offset = priv->text_offset;
  *length = priv->text_length;
  *follows = priv->text_follows;
  return TRUE;
}

void
_sl_element_set_text (SlElement *self,
                      guint      serial,
                      gsize      offset,
                      gsize      length,
                      gboolean   follows)
{
  SlElementPrivate *priv = sl_element_get_instance_private (self);

  /* An element's text longer than 4 GiB is written anew each time. */
  if (length > G_MAXUINT)
    serial = 0;

  priv->text_serial = serial;
  priv->text_offset = offset;
  priv->text_length = length;
  priv->text_follows = follows;
}

/* Called on every change of the element: its text is no longer its. */
void
_sl_element_forget_text (SlElement *self)
{
  SlElementPrivate *priv = sl_element_get_instance_private (self);

  priv->text_serial = 0;
}

SlElement *
_sl_element_copy (SlElement *self)
{
  return SL_ELEMENT_GET_CLASS (self)->copy (self);
}

guint
_sl_element_assign (SlElement *self,
                    SlElement *from)
{
  g_assert (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (from));
  g_assert (g_strcmp0 (sl_element_get_id (self), sl_element_get_id (from)) == 0);

  return SL_ELEMENT_GET_CLASS (self)->assign (self, from);
}

guint
_sl_element_diff (SlElement *self,
                  SlElement *other)
{
  g_assert (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other));

  return SL_ELEMENT_GET_CLASS (self)->diff (self, other);
}
