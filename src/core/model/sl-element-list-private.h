/* sl-element-list-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element-list.h"

G_BEGIN_DECLS

SlElementList *_sl_element_list_new    (GType          item_type);
void           _sl_element_list_insert (SlElementList *self,
                                        guint          position,
                                        gpointer       element);
void           _sl_element_list_remove (SlElementList *self,
                                        guint          position);
void           _sl_element_list_append_all (SlElementList *self,
                                            GPtrArray     *elements);
/* The items, for code that reads them all and changes none */
GPtrArray     *_sl_element_list_get_items (SlElementList *self);
gboolean       _sl_element_list_find   (SlElementList *self,
                                        gpointer       element,
                                        guint         *position);

G_END_DECLS
