/* sl-codegen-dialog.h: Generate Code…, the model as code and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sl-codegen.h"
#include "sl-window.h"

G_BEGIN_DECLS

#define SL_TYPE_CODEGEN_DIALOG (sl_codegen_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlCodegenDialog, sl_codegen_dialog, SL, CODEGEN_DIALOG, AdwWindow)

SlCodegenDialog   *sl_codegen_dialog_new          (SlWindow          *window);
GFile             *sl_codegen_dialog_get_folder   (SlCodegenDialog   *self);
void               sl_codegen_dialog_set_folder   (SlCodegenDialog   *self,
                                                   GFile             *folder);
SlCodegenLanguage  sl_codegen_dialog_get_language (SlCodegenDialog   *self);
void               sl_codegen_dialog_set_language (SlCodegenDialog   *self,
                                                   SlCodegenLanguage  language);
void               sl_codegen_dialog_set_force    (SlCodegenDialog   *self,
                                                   gboolean           force);
gboolean           sl_codegen_dialog_generate     (SlCodegenDialog   *self);
const char        *sl_codegen_dialog_get_message  (SlCodegenDialog   *self);

G_END_DECLS
