/* sl-check.h: the rules of DOMAIN.md, the completeness check, the steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-problem.h"
#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_STEP_NOT_STARTED,
  SL_STEP_IN_PROGRESS,
  SL_STEP_DONE,
} SlStepStatus;

GPtrArray   *sl_check_run                     (SlDocument   *document);
GStrv        sl_check_get_upstream_names      (SlDocument   *document,
                                               SlNote       *note);
SlStepStatus sl_check_get_step_status         (SlDocument   *document,
                                               GPtrArray    *problems,
                                               guint         step);
guint        sl_check_get_rule_step           (const char   *rule);
const char  *sl_step_status_to_string         (SlStepStatus  status);
GPtrArray   *sl_check_get_field_origins       (SlDocument   *document,
                                               SlNote       *note,
                                               SlField      *field,
                                               const char  **own_reason);
GPtrArray   *sl_check_get_field_destinations  (SlDocument   *document,
                                               SlNote       *note,
                                               SlField      *field,
                                               gboolean     *to_user);
SlAggregate *sl_check_get_aggregate           (SlDocument   *document,
                                               SlNote       *note);
gboolean     sl_check_is_legal_connection     (SlNoteKind    source,
                                               SlNoteKind    target);

G_END_DECLS
