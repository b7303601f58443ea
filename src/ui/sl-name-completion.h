/* sl-name-completion.h: names offered while a name is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

void sl_name_completion_attach (AdwEntryRow        *row,
                                SlDocument         *document,
                                SlNote             *note,
                                const char * const *upstream,
                                gboolean            whole_model);

G_END_DECLS
