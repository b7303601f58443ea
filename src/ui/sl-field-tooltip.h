/* sl-field-tooltip.h: where a field's value comes from and goes, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stormline-core.h"

G_BEGIN_DECLS

char *sl_field_tooltip_describe (SlDocument *document,
                                 SlNote     *note,
                                 SlField    *field);

G_END_DECLS
