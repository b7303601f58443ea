/* sl-connection.h: an arrow from one note to another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element.h"

G_BEGIN_DECLS

#define SL_TYPE_CONNECTION (sl_connection_get_type ())

G_DECLARE_FINAL_TYPE (SlConnection, sl_connection, SL, CONNECTION, SlElement)

SlNote *sl_connection_get_source (SlConnection *self);
SlNote *sl_connection_get_target (SlConnection *self);

G_END_DECLS
