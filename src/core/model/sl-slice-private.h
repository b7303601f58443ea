/* sl-slice-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-slice.h"

G_BEGIN_DECLS

SlSlice *_sl_slice_new        (char          *id);
void     _sl_slice_set_name   (SlSlice       *self,
                               const char    *name);
void     _sl_slice_set_status (SlSlice       *self,
                               SlSliceStatus  status);
void     _sl_slice_set_range  (SlSlice       *self,
                               int            x,
                               int            width);

G_END_DECLS
