/* sl-format.h: the native file format, *.stormline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

/* What is wrong with a file Stormline reads, in words for its user: the
 * JSON reader's errors (sl-json.h) come with the same message. */
#define SL_FORMAT_ERROR (sl_format_error_quark ())

typedef enum {
  SL_FORMAT_ERROR_READ,          /* the file cannot be read */
  SL_FORMAT_ERROR_TOO_LARGE,     /* beyond sl_json_get_max_size() */
  SL_FORMAT_ERROR_ENCODING,      /* not UTF-8 */
  SL_FORMAT_ERROR_SYNTAX,        /* not JSON */
  SL_FORMAT_ERROR_TOO_DEEP,      /* nested beyond SL_JSON_MAX_DEPTH */
  SL_FORMAT_ERROR_NUMBER,        /* a number out of range */
  SL_FORMAT_ERROR_NOT_A_MODEL,   /* JSON of another shape */
  SL_FORMAT_ERROR_NEWER_VERSION, /* made by a newer Stormline */
  SL_FORMAT_ERROR_INVALID,       /* a model that breaks the format's rules */
} SlFormatError;

#define SL_FORMAT_VERSION 1
/* An element's id, in characters (not bytes) */
#define SL_FORMAT_MAX_ID_LENGTH 256
#define SL_FORMAT_MIME_TYPE "application/x-stormline"
#define SL_FORMAT_SUFFIX ".stormline"

GQuark      sl_format_error_quark      (void);
SlDocument *sl_format_load_bytes       (GBytes               *bytes,
                                        GError              **error);
SlDocument *sl_format_load_file        (GFile                *file,
                                        GError              **error);
GBytes     *sl_format_save_to_bytes    (SlDocument           *document);
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
