/* sl-field-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-field.h"

G_BEGIN_DECLS

SlField  *_sl_field_new         (const char   *name,
                                 SlFieldType   type);
SlField  *_sl_field_copy        (SlField      *self);
gboolean  _sl_field_equal       (SlField      *self,
                                 SlField      *other);
/* Takes over @from's values and notifies what changed; says whether anything did. */
gboolean  _sl_field_assign      (SlField      *self,
                                 SlField      *from);
void      _sl_field_set_name    (SlField      *self,
                                 const char   *name);
void      _sl_field_set_type    (SlField      *self,
                                 SlFieldType   type);
void      _sl_field_set_flags   (SlField      *self,
                                 SlFieldFlags  flags);
void      _sl_field_set_mapping (SlField      *self,
                                 const char   *mapping);
void      _sl_field_set_example (SlField      *self,
                                 const char   *example);

G_END_DECLS
