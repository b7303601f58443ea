/* sl-json-output.h: JSON that Stormline writes for other programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GString *sl_json_output_generate (JsonBuilder *builder,
                                  gboolean     pretty);

G_END_DECLS
