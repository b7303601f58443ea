/* sl-file-writer.h: replacing a file atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SlFileWriteFunc:
 * @stream: where the new contents go
 *
 * Writes a file's new contents to @stream, for
 * sl_file_write_atomically_with().
 *
 * Returns: whether all was written, or %FALSE with @error set
 */
typedef gboolean (*SlFileWriteFunc) (GOutputStream  *stream,
                                     gpointer        user_data,
                                     GCancellable   *cancellable,
                                     GError        **error);

gboolean sl_file_write_atomically (GFile         *file,
                                   GBytes        *bytes,
                                   GCancellable  *cancellable,
                                   GError       **error);
gboolean sl_file_write_atomically_with (GFile            *file,
                                        SlFileWriteFunc   func,
                                        gpointer          user_data,
                                        GCancellable     *cancellable,
                                        GError          **error);

G_END_DECLS
