/* sl-json.h: reading JSON safely with json-glib 1.6
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SL_FORMAT_ERROR (sl_format_error_quark ())

typedef enum {
  SL_FORMAT_ERROR_READ,          /* the file cannot be read */
  SL_FORMAT_ERROR_TOO_LARGE,     /* beyond SL_JSON_MAX_SIZE */
  SL_FORMAT_ERROR_ENCODING,      /* not UTF-8 */
  SL_FORMAT_ERROR_SYNTAX,        /* not JSON */
  SL_FORMAT_ERROR_TOO_DEEP,      /* nested beyond SL_JSON_MAX_DEPTH */
  SL_FORMAT_ERROR_NUMBER,        /* a number out of range */
  SL_FORMAT_ERROR_NOT_A_MODEL,   /* JSON of another shape */
  SL_FORMAT_ERROR_NEWER_VERSION, /* made by a newer Stormline */
  SL_FORMAT_ERROR_INVALID,       /* a model that breaks the format's rules */
} SlFormatError;

#define SL_JSON_MAX_SIZE  (64 * 1024 * 1024)
#define SL_JSON_MAX_DEPTH 64

GQuark    sl_format_error_quark (void);
JsonNode *sl_json_parse         (const char  *data,
                                 gsize        length,
                                 GError     **error);
GBytes   *sl_json_read_file     (GFile       *file,
                                 GError     **error);

G_END_DECLS
