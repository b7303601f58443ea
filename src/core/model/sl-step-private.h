/* sl-step-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-step.h"

G_BEGIN_DECLS

/* In this header for the check, which validates every step of every
 * scenario: through _sl_step_get_*() below, without the checks of the
 * public getters. Nothing else reads or writes them directly. */
struct _SlStep
{
  gatomicrefcount ref_count;
  SlNote *note;
  /* Pairs of name and value, in the order they were given. */
  GPtrArray *values;
};

static inline SlNote *
_sl_step_get_note (SlStep *self)
{
  return self->note;
}

static inline guint
_sl_step_get_n_values (SlStep *self)
{
  return self->values->len / 2;
}

static inline const char *
_sl_step_get_value_name (SlStep *self,
                         guint   index)
{
  return g_ptr_array_index (self->values, index * 2);
}

G_END_DECLS
