/* sl-lane.h: a horizontal swimlane of the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element.h"

G_BEGIN_DECLS

#define SL_TYPE_LANE (sl_lane_get_type ())

G_DECLARE_FINAL_TYPE (SlLane, sl_lane, SL, LANE, SlElement)

SlLaneKind   sl_lane_get_kind      (SlLane *self);
const char  *sl_lane_get_name      (SlLane *self);
SlAggregate *sl_lane_get_aggregate (SlLane *self);

G_END_DECLS
