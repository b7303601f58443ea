/* sl-lane-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-lane.h"

G_BEGIN_DECLS

SlLane *_sl_lane_new           (char        *id,
                                SlLaneKind   kind);
void    _sl_lane_set_kind      (SlLane      *self,
                                SlLaneKind   kind);
void    _sl_lane_set_name      (SlLane      *self,
                                const char  *name);
void    _sl_lane_set_aggregate (SlLane      *self,
                                SlAggregate *aggregate);

G_END_DECLS
