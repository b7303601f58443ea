/* sl-element-list.h: the list of one kind of element of a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-element.h"

G_BEGIN_DECLS

#define SL_TYPE_ELEMENT_LIST (sl_element_list_get_type ())

G_DECLARE_FINAL_TYPE (SlElementList, sl_element_list, SL, ELEMENT_LIST, GObject)

gpointer sl_element_list_peek (SlElementList *self,
                               guint          position);

G_END_DECLS
