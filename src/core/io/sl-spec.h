/* sl-spec.h: the specification document of a model, in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sl-types.h"

G_BEGIN_DECLS

char *sl_spec_to_markdown (SlDocument *document,
                           const char *title);

G_END_DECLS
