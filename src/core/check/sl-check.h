/* sl-check.h: the rules of DOMAIN.md, the completeness check, the steps
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

typedef enum {
  SL_STEP_NOT_STARTED,
  SL_STEP_IN_PROGRESS,
  SL_STEP_DONE,
} SlStepStatus;

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

GPtrArray   *sl_check_run               (SlDocument *document);
char        *sl_check_describe_field    (SlDocument *document,
                                         SlNote     *note,
                                         SlField    *field);
GStrv        sl_check_get_upstream_names (SlDocument *document,
                                          SlNote     *note);
SlStepStatus sl_check_get_step_status   (SlDocument *document,
                                         GPtrArray  *problems,
                                         guint       step);
guint        sl_check_get_rule_step     (const char *rule);
const char  *sl_check_get_step_name     (guint       step);
const char  *sl_severity_to_string      (SlSeverity  severity);
gboolean     sl_severity_from_string    (const char *str,
                                         SlSeverity *severity);
const char  *sl_step_status_to_string   (SlStepStatus status);
GPtrArray   *sl_check_get_field_origins (SlDocument  *document,
                                         SlNote      *note,
                                         SlField     *field,
                                         const char **own_reason);
SlAggregate *sl_check_get_aggregate     (SlDocument  *document,
                                         SlNote      *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlProblem, sl_problem_unref)

G_END_DECLS
