/* sl-problem.h: what the check finds, and how bad it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_SEVERITY_INFO,
  SL_SEVERITY_WARNING,
  SL_SEVERITY_ERROR,
} SlSeverity;

typedef struct _SlProblem SlProblem;

#define SL_TYPE_PROBLEM (sl_problem_get_type ())

GType        sl_problem_get_type        (void) G_GNUC_CONST;
SlProblem   *sl_problem_ref             (SlProblem  *self);
void         sl_problem_unref           (SlProblem  *self);
const char  *sl_problem_get_rule        (SlProblem  *self);
SlSeverity   sl_problem_get_severity    (SlProblem  *self);
guint        sl_problem_get_step        (SlProblem  *self);
SlNote      *sl_problem_get_note        (SlProblem  *self);
SlAggregate *sl_problem_get_aggregate   (SlProblem  *self);
const char  *sl_problem_get_field       (SlProblem  *self);
const char  *sl_problem_get_message     (SlProblem  *self);
const char  *sl_problem_get_fix         (SlProblem  *self);

const char  *sl_severity_to_string      (SlSeverity  severity);
gboolean     sl_severity_from_string    (const char *str,
                                         SlSeverity *severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlProblem, sl_problem_unref)

G_END_DECLS
