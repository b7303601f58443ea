/* sl-element-private.h: what the core shares about elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element.h"

G_BEGIN_DECLS

void       _sl_element_take_id (SlElement *self,
                                char      *id);
SlElement *_sl_element_copy    (SlElement *self);
guint      _sl_element_assign  (SlElement *self,
                                SlElement *from);
guint      _sl_element_diff    (SlElement *self,
                                SlElement *other);
gboolean   _sl_element_get_text    (SlElement *self,
                                    guint      serial,
                                    gsize     *offset,
                                    gsize     *length,
                                    gboolean  *follows);
void       _sl_element_set_text    (SlElement *self,
                                    guint      serial,
                                    gsize      offset,
                                    gsize      length,
                                    gboolean   follows);
void       _sl_element_forget_text (SlElement *self);

/* Replaces *@ptr by @value and says whether that changed anything. */
static inline gboolean
_sl_set_string (char       **ptr,
                const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

static inline gboolean
_sl_set_object (gpointer  ptr,
                gpointer  value)
{
  return g_set_object ((GObject **) ptr, value);
}

G_END_DECLS
