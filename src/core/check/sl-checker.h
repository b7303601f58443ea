/* sl-checker.h: the check of a document, kept up to date as it changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-check.h"

G_BEGIN_DECLS

#define SL_TYPE_CHECKER (sl_checker_get_type ())

G_DECLARE_FINAL_TYPE (SlChecker, sl_checker, SL, CHECKER, GObject)

SlChecker    *sl_checker_new             (SlDocument *document);
SlDocument   *sl_checker_get_document    (SlChecker  *self);
void          sl_checker_update          (SlChecker  *self);
GPtrArray    *sl_checker_get_problems    (SlChecker  *self);
SlStepStatus  sl_checker_get_step_status (SlChecker  *self,
                                          guint       step);
guint         sl_checker_get_n_rechecked (SlChecker  *self);

G_END_DECLS
