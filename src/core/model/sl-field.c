/* sl-field.c: a field of a command, event, view, screen or automation
 *
 * A field has no id of its own: it is addressed by its note and its position
 * among the note's fields, which is also how the file stores it.
 *
 * Names and mappings are interned: a model repeats a few hundred names
 * over many notes, and the completeness check, which matches every field
 * against the fields of the notes around it, compares them as pointers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-element-private.h"
#include "sl-field-private.h"

G_DEFINE_FINAL_TYPE (SlField, sl_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TYPE,
  PROP_FLAGS,
  PROP_MAPPING,
  PROP_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Interned once for the life of the process. */
const char *_sl_field_calculated;

/**
 * _sl_field_intern:
 *
 * Field names and mappings are interned with g_ref_string_new_intern(),
 * so that the check compares them as pointers. Each holder owns a
 * reference (the field, a problem about the field), and a name goes when
 * the last field that has it goes, so a long session that opens many
 * models does not keep all their names.
 *
 * Returns: (nullable) (transfer full): @value interned, or %NULL for %NULL
 */
char *
_sl_field_intern (const char *value)
{
  return value != NULL ? g_ref_string_new_intern (value) : NULL;
}

static void
release_interned (char *value)
{
  if (value != NULL)
    g_ref_string_release (value);
}

/* Sets *@slot to @value interned; says whether it changed. */
static gboolean
set_interned (char       **slot,
              const char  *value)
{
  char *interned = _sl_field_intern (value);

  if (*slot == interned)
    {
      release_interned (interned);
      return FALSE;
    }

  release_interned (*slot);
  *slot = interned;
  return TRUE;
}

static void
sl_field_finalize (GObject *object)
{
  SlField *self = (SlField *)object;

  g_clear_pointer (&self->name, release_interned);
  g_clear_pointer (&self->mapping, release_interned);
  g_clear_pointer (&self->example, g_free);

  G_OBJECT_CLASS (sl_field_parent_class)->finalize (object);
}

static void
sl_field_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SlField *self = SL_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_FLAGS:
      g_value_set_uint (value, self->flags);
      break;

    case PROP_MAPPING:
      g_value_set_string (value, self->mapping);
      break;

    case PROP_EXAMPLE:
      g_value_set_string (value, self->example);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_field_class_init (SlFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  _sl_field_calculated = _sl_field_intern ("calculated");

  object_class->finalize = sl_field_finalize;
  object_class->get_property = sl_field_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL,
                       SL_TYPE_FIELD_TYPE,
                       SL_FIELD_STRING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A bit mask of SlFieldFlags */
  properties[PROP_FLAGS] =
    g_param_spec_uint ("flags", NULL, NULL,
                       0, SL_FIELD_ALL_FLAGS, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAPPING] =
    g_param_spec_string ("mapping", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXAMPLE] =
    g_param_spec_string ("example", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_field_init (SlField *self)
{
}

SlField *
_sl_field_new (const char  *name,
               SlFieldType  type)
{
  SlField *self = g_object_new (SL_TYPE_FIELD, NULL);

  self->name = _sl_field_intern (name);
  self->type = type;
  return self;
}

SlField *
_sl_field_copy (SlField *self)
{
  SlField *copy = _sl_field_new (self->name, self->type);

  copy->flags = self->flags;
  copy->mapping = self->mapping ? g_ref_string_acquire (self->mapping) : NULL;
  copy->example = g_strdup (self->example);
  return copy;
}

gboolean
_sl_field_equal (SlField *self,
                 SlField *other)
{
  return self->name == other->name &&
         self->type == other->type &&
         self->flags == other->flags &&
         self->mapping == other->mapping &&
         g_strcmp0 (self->example, other->example) == 0;
}

gboolean
_sl_field_assign (SlField *self,
                  SlField *from)
{
  GObject *object = G_OBJECT (self);
  gboolean changed = FALSE;

  g_object_freeze_notify (object);

  if (set_interned (&self->name, from->name))
    {
      g_object_notify_by_pspec (object, properties[PROP_NAME]);
      changed = TRUE;
    }
  if (self->type != from->type)
    {
      self->type = from->type;
      g_object_notify_by_pspec (object, properties[PROP_TYPE]);
      changed = TRUE;
    }
  if (self->flags != from->flags)
    {
      self->flags = from->flags;
      g_object_notify_by_pspec (object, properties[PROP_FLAGS]);
      changed = TRUE;
    }
  if (set_interned (&self->mapping, from->mapping))
    {
      g_object_notify_by_pspec (object, properties[PROP_MAPPING]);
      changed = TRUE;
    }
  if (_sl_set_string (&self->example, from->example))
    {
      g_object_notify_by_pspec (object, properties[PROP_EXAMPLE]);
      changed = TRUE;
    }

  g_object_thaw_notify (object);

  return changed;
}

void
_sl_field_set_name (SlField    *self,
                    const char *name)
{
  set_interned (&self->name, name);
}

void
_sl_field_set_type (SlField     *self,
                    SlFieldType  type)
{
  self->type = type;
}

void
_sl_field_set_flags (SlField      *self,
                     SlFieldFlags  flags)
{
  self->flags = flags & SL_FIELD_ALL_FLAGS;
}

/* An empty mapping or example is no mapping or example: the file leaves both out. */
void
_sl_field_set_mapping (SlField    *self,
                       const char *mapping)
{
  set_interned (&self->mapping, mapping && *mapping ? mapping : NULL);
}

void
_sl_field_set_example (SlField    *self,
                       const char *example)
{
  _sl_set_string (&self->example, example && *example ? example : NULL);
}

/**
 * sl_field_get_name:
 *
 * Returns: (not nullable): the field's name, interned: the same pointer for
 *   the same name
 */
const char *
sl_field_get_name (SlField *self)
{
  g_return_val_if_fail (SL_IS_FIELD (self), NULL);

  return self->name;
}

SlFieldType
sl_field_get_value_type (SlField *self)
{
  g_return_val_if_fail (SL_IS_FIELD (self), SL_FIELD_STRING);

  return self->type;
}

SlFieldFlags
sl_field_get_flags (SlField *self)
{
  g_return_val_if_fail (SL_IS_FIELD (self), 0);

  return self->flags;
}

gboolean
sl_field_has_flag (SlField      *self,
                   SlFieldFlags  flag)
{
  g_return_val_if_fail (SL_IS_FIELD (self), FALSE);

  return (self->flags & flag) != 0;
}

/**
 * sl_field_get_mapping:
 *
 * Returns: (nullable): the name of the differently named source field
 *   upstream, or "calculated"; interned, as the name
 */
const char *
sl_field_get_mapping (SlField *self)
{
  g_return_val_if_fail (SL_IS_FIELD (self), NULL);

  return self->mapping;
}

/**
 * sl_field_get_example:
 *
 * Returns: (nullable): an example value
 */
const char *
sl_field_get_example (SlField *self)
{
  g_return_val_if_fail (SL_IS_FIELD (self), NULL);

  return self->example;
}

gboolean
sl_field_is_calculated (SlField *self)
{
  g_return_val_if_fail (SL_IS_FIELD (self), FALSE);

  return self->mapping == _sl_field_calculated;
}
