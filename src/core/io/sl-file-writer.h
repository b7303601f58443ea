/* sl-file-writer.h: replacing a file atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean sl_file_write_atomically (GFile         *file,
                                   GBytes        *bytes,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
