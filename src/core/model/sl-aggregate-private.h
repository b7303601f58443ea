/* sl-aggregate-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-aggregate.h"

G_BEGIN_DECLS

SlAggregate *_sl_aggregate_new      (char        *id);
void         _sl_aggregate_set_name (SlAggregate *self,
                                     const char  *name);

G_END_DECLS
