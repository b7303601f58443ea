/* sl-recovery.h: offering back the drafts a crash or a kill left behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-application.h"
#include "sl-window.h"

G_BEGIN_DECLS

void      sl_recovery_offer   (SlApplication *application,
                               SlDraftStore  *store);
SlWindow *sl_recovery_restore (SlApplication *application,
                               SlDraftStore  *store,
                               SlDraft       *draft);

G_END_DECLS
