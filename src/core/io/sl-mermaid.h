/* sl-mermaid.h: a board as a Mermaid event modeling diagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sl-types.h"

G_BEGIN_DECLS

/* The most time frames a diagram holds: Mermaid numbers them with at most
 * three digits. */
#define SL_MERMAID_MAX_FRAMES 999

char *sl_mermaid_board (SlDocument *document,
                        const char *title);
char *sl_mermaid_slice (SlDocument *document,
                        SlSlice    *slice);

G_END_DECLS
