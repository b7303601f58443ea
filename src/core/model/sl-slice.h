/* sl-slice.h: a named column of the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element.h"

G_BEGIN_DECLS

#define SL_TYPE_SLICE (sl_slice_get_type ())

G_DECLARE_FINAL_TYPE (SlSlice, sl_slice, SL, SLICE, SlElement)

const char    *sl_slice_get_name   (SlSlice *self);
SlSliceStatus  sl_slice_get_status (SlSlice *self);
int            sl_slice_get_x      (SlSlice *self);
int            sl_slice_get_width  (SlSlice *self);
gboolean       sl_slice_contains_x (SlSlice *self,
                                    int      x);
int            sl_slice_compare_timeline (SlSlice *a,
                                          SlSlice *b);

G_END_DECLS
