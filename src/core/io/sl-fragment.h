/* sl-fragment.h: notes copied out of a board and pasted into one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

GBytes    *sl_fragment_copy  (SlDocument  *document,
                              GList       *notes);
GPtrArray *sl_fragment_paste (SlDocument  *document,
                              GBytes      *fragment,
                              int          dx,
                              int          dy,
                              GError     **error);

G_END_DECLS
