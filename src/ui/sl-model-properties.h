/* sl-model-properties.h: the model's title, description and aggregates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_MODEL_PROPERTIES (sl_model_properties_get_type ())

G_DECLARE_FINAL_TYPE (SlModelProperties, sl_model_properties, SL, MODEL_PROPERTIES, AdwPreferencesWindow)

GtkWidget *sl_model_properties_new (SlDocument *document);

G_END_DECLS
