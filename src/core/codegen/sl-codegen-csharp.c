/* sl-codegen-csharp.c: the C# emitter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-codegen-private.h"

void
_sl_codegen_emit_csharp (SlCodegenModel *model)
{
  g_return_if_fail (model != NULL);
}
