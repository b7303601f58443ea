/* sl-codegen-schema.c: a JSON Schema per command, event and view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-codegen-private.h"

void
_sl_codegen_emit_schemas (SlCodegenModel *model)
{
  g_return_if_fail (model != NULL);
}
