/* sl-format-private.h: the format's JSON reading, for the io wing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-format.h"
#include "sl-json.h"

G_BEGIN_DECLS

SlJson *_sl_format_parse_json (GBytes  *bytes,
                               GError **error);

G_END_DECLS
