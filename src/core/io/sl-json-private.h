/* sl-json-private.h: the JSON reader's parts for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-json.h"

G_BEGIN_DECLS

GBytes *_sl_json_read_file_at_most (GFile   *file,
                                    gsize    max_size,
                                    GError **error);

G_END_DECLS
