/* sl-frame-timer.h: the time of each frame, for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean sl_frame_timer_is_enabled (void);
void     sl_frame_timer_attach     (GtkWindow  *window);
void     sl_frame_timer_mark       (const char *what);

G_END_DECLS
