/* sl-search.h: finding notes by their text, field names or kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-types.h"

G_BEGIN_DECLS

char      *sl_search_fold  (const char *text);
GPtrArray *sl_search_notes (SlDocument *document,
                            const char *query);

G_END_DECLS
