/* sl-eventmodelers.h: the JSON format of the eventmodelers toolkit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

SlDocument *sl_eventmodelers_import (GBytes      *bytes,
                                     GPtrArray  **warnings,
                                     GError     **error);
GBytes     *sl_eventmodelers_export (SlDocument  *document,
                                     GPtrArray  **warnings);

G_END_DECLS
