/* sl-aggregate.h: a consistency boundary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element.h"

G_BEGIN_DECLS

#define SL_TYPE_AGGREGATE (sl_aggregate_get_type ())

G_DECLARE_FINAL_TYPE (SlAggregate, sl_aggregate, SL, AGGREGATE, SlElement)

const char *sl_aggregate_get_name (SlAggregate *self);

G_END_DECLS
