/* sl-step.h: one step of a scenario: a note with example values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_STEP (sl_step_get_type ())

GType       sl_step_get_type            (void) G_GNUC_CONST;
SlStep     *sl_step_new                 (SlNote     *note);
SlStep     *sl_step_new_with_value      (SlStep     *step,
                                         const char *name,
                                         const char *value);
SlStep     *sl_step_new_with_values     (SlNote             *note,
                                         const char * const *names,
                                         const char * const *values,
                                         guint               n_values);
SlStep     *sl_step_ref                 (SlStep     *self);
void        sl_step_unref               (SlStep     *self);
SlNote     *sl_step_get_note            (SlStep     *self);
guint       sl_step_get_n_values        (SlStep     *self);
const char *sl_step_get_value_name      (SlStep     *self,
                                         guint       index);
const char *sl_step_get_value           (SlStep     *self,
                                         guint       index);
const char *sl_step_lookup              (SlStep     *self,
                                         const char *name);
gboolean    sl_step_equal               (SlStep     *self,
                                         SlStep     *other);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlStep, sl_step_unref)

G_END_DECLS
