/* sl-step.c: one step of a scenario: a note with example values
 *
 * A step never changes once made, so scenarios and their history states
 * share steps instead of copying them. sl_step_new_with_value() makes a new
 * step with one value changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-note.h"
#include "sl-step-private.h"

G_DEFINE_BOXED_TYPE (SlStep, sl_step, sl_step_ref, sl_step_unref)

/**
 * sl_step_new:
 * @note: the event, command or view of the step
 *
 * Returns: (transfer full): a step with no example values
 */
SlStep *
sl_step_new (SlNote *note)
{
  SlStep *self;

  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  self = g_new0 (SlStep, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->note = g_object_ref (note);
  self->values = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/**
 * sl_step_new_with_value:
 * @value: (nullable): the example value, or %NULL to remove it
 *
 * Returns: (transfer full): a copy of @step whose value for @name is @value
 */
SlStep *
sl_step_new_with_value (SlStep     *step,
                        const char *name,
                        const char *value)
{
  SlStep *self;
  gboolean found = FALSE;

  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (name != NULL && *name != 0, NULL);

  self = sl_step_new (step->note);

  for (guint i = 0; i < step->values->len; i += 2)
    {
      const char *n = g_ptr_array_index (step->values, i);
      const char *v = g_ptr_array_index (step->values, i + 1);

      if (g_str_equal (n, name))
        {
          found = TRUE;
          if (value == NULL)
            continue;
          v = value;
        }

      g_ptr_array_add (self->values, g_strdup (n));
      g_ptr_array_add (self->values, g_strdup (v));
    }

  if (!found && value != NULL)
    {
      g_ptr_array_add (self->values, g_strdup (name));
      g_ptr_array_add (self->values, g_strdup (value));
    }

  return self;
}

/**
 * sl_step_new_with_values:
 * @note: the event, command or view of the step
 * @names: (array length=n_values): the names of the fields
 * @values: (array length=n_values): their example values
 *
 * Makes a step with all its values at once, in the time of their number:
 * adding them one by one copies those before each. A name given twice
 * keeps the place of its first value and the last value, as adding them
 * one by one would.
 *
 * Returns: (transfer full): a step with the example values
 */
SlStep *
sl_step_new_with_values (SlNote             *note,
                         const char * const *names,
                         const char * const *values,
                         guint               n_values)
{
  g_autoptr(GHashTable) places = NULL;
  SlStep *self;

  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (n_values == 0 || (names != NULL && values != NULL), NULL);
  for (guint i = 0; i < n_values; i++)
    g_return_val_if_fail (names[i] != NULL && *names[i] != 0 && values[i] != NULL, NULL);

  self = sl_step_new (note);
  /* Name to the place of its value, to find a name given twice. */
  places = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_values; i++)
    {
      gpointer place;

      if (g_hash_table_lookup_extended (places, names[i], NULL, &place))
        {
          guint index = GPOINTER_TO_UINT (place);

          g_free (g_ptr_array_index (self->values, index));
          g_ptr_array_index (self->values, index) = g_strdup (values[i]);
          continue;
        }

      g_hash_table_insert (places, (char *) names[i], GUINT_TO_POINTER (self->values->len + 1));
      g_ptr_array_add (self->values, g_strdup (names[i]));
      g_ptr_array_add (self->values, g_strdup (values[i]));
    }

  return self;
}

SlStep *
sl_step_ref (SlStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sl_step_unref (SlStep *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_object_unref (self->note);
      g_ptr_array_unref (self->values);
      g_free (self);
    }
}

/**
 * sl_step_get_note:
 *
 * Returns: (transfer none): the event, command or view of the step
 */
SlNote *
sl_step_get_note (SlStep *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->note;
}

guint
sl_step_get_n_values (SlStep *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->values->len / 2;
}

const char *
sl_step_get_value_name (SlStep *self,
                        guint   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < sl_step_get_n_values (self), NULL);

  return g_ptr_array_index (self->values, index * 2);
}

const char *
sl_step_get_value (SlStep *self,
                   guint   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < sl_step_get_n_values (self), NULL);

  return g_ptr_array_index (self->values, index * 2 + 1);
}

/**
 * sl_step_lookup:
 *
 * Returns: (nullable): the example value for the field @name
 */
const char *
sl_step_lookup (SlStep     *self,
                const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->values->len; i += 2)
    if (g_str_equal (g_ptr_array_index (self->values, i), name))
      return g_ptr_array_index (self->values, i + 1);

  return NULL;
}

gboolean
sl_step_equal (SlStep *self,
               SlStep *other)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (other != NULL, FALSE);

  if (self == other)
    return TRUE;
  if (self->note != other->note || self->values->len != other->values->len)
    return FALSE;

  for (guint i = 0; i < self->values->len; i++)
    if (!g_str_equal (g_ptr_array_index (self->values, i), g_ptr_array_index (other->values, i)))
      return FALSE;

  return TRUE;
}
