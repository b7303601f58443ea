/* sl-wizard.h: the guide through the eight steps, beside the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_WIZARD (sl_wizard_get_type ())

G_DECLARE_FINAL_TYPE (SlWizard, sl_wizard, SL, WIZARD, AdwBin)

GtkWidget *sl_wizard_new          (SlDocument *document);
GPtrArray *sl_wizard_get_problems (SlWizard   *self);
void       sl_wizard_refresh      (SlWizard   *self);

G_END_DECLS
