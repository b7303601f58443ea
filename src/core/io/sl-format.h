/* sl-format.h: the native file format, *.stormline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-json.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_FORMAT_VERSION 1
#define SL_FORMAT_MIME_TYPE "application/x-stormline"
#define SL_FORMAT_SUFFIX ".stormline"

SlDocument *sl_format_load_bytes       (GBytes               *bytes,
                                        GError              **error);
SlDocument *sl_format_load_file        (GFile                *file,
                                        GError              **error);
GBytes     *sl_format_save_to_bytes    (SlDocument           *document);
gboolean    sl_format_write_file       (GFile                *file,
                                        GBytes               *bytes,
                                        GError              **error);
gboolean    sl_format_save_file        (SlDocument           *document,
                                        GFile                *file,
                                        GError              **error);
void        sl_format_save_file_async  (SlDocument           *document,
                                        GFile                *file,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    sl_format_save_file_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
