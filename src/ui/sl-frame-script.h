/* sl-frame-script.h: a motion of the view, a step a frame, for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-window.h"

G_BEGIN_DECLS

void sl_frame_script_attach (SlWindow *window);

G_END_DECLS
