/* sl-connection-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-connection.h"

G_BEGIN_DECLS

SlConnection *_sl_connection_new (char   *id,
                                  SlNote *source,
                                  SlNote *target);

G_END_DECLS
