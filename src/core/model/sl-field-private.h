/* sl-field-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-field.h"

G_BEGIN_DECLS

/* In this header for the check, which reads fields hundreds of thousands
 * of times: through _sl_field_get_*() below, without the type checks of
 * the public getters. Nothing else reads or writes them directly. */
struct _SlField
{
  GObject parent_instance;

  char *name;    /* interned: a GRefString */
  char *mapping; /* interned: a GRefString, or NULL */
  char *example;
  SlFieldType type : 8;
  SlFieldFlags flags : 8;
};

/* "calculated", interned */
extern const char *_sl_field_calculated;

char       *_sl_field_intern (const char *value);

static inline const char *
_sl_field_get_name (SlField *self)
{
  return self->name;
}

static inline const char *
_sl_field_get_mapping (SlField *self)
{
  return self->mapping;
}

static inline gboolean
_sl_field_has_flag (SlField      *self,
                    SlFieldFlags  flag)
{
  return (self->flags & flag) != 0;
}

static inline gboolean
_sl_field_is_calculated (SlField *self)
{
  return self->mapping == _sl_field_calculated;
}

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
