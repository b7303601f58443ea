/* sl-field.h: a field of a command, event, view, screen or automation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_FIELD (sl_field_get_type ())

G_DECLARE_FINAL_TYPE (SlField, sl_field, SL, FIELD, GObject)

const char   *sl_field_get_name    (SlField      *self);
SlFieldType   sl_field_get_value_type (SlField    *self);
SlFieldFlags  sl_field_get_flags   (SlField      *self);
gboolean      sl_field_has_flag    (SlField      *self,
                                    SlFieldFlags  flag);
const char   *sl_field_get_mapping (SlField      *self);
const char   *sl_field_get_example (SlField      *self);
gboolean      sl_field_is_calculated (SlField    *self);

G_END_DECLS
