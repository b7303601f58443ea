/* sl-generate.h: realistic boards of any size, for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stormline-core.h"

G_BEGIN_DECLS

SlDocument *sl_generate_board (guint   n_notes,
                               guint32 seed);

G_END_DECLS
