/* sl-json.h: reading JSON that may come from anywhere, fast and safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the reader says is wrong: the formats that read JSON (sl-format.h)
 * tell their users in their own domain, with the same message. */
#define SL_JSON_ERROR (sl_json_error_quark ())

typedef enum {
  SL_JSON_ERROR_READ,      /* the file cannot be read */
  SL_JSON_ERROR_TOO_LARGE, /* beyond sl_json_get_max_size() */
  SL_JSON_ERROR_ENCODING,  /* not UTF-8 */
  SL_JSON_ERROR_SYNTAX,    /* not JSON */
  SL_JSON_ERROR_TOO_DEEP,  /* nested beyond SL_JSON_MAX_DEPTH */
  SL_JSON_ERROR_NUMBER,    /* a number out of range */
  SL_JSON_ERROR_TOO_MANY,  /* more values than SL_JSON_MAX_VALUES */
} SlJsonError;

/* The largest text the reader can hold: its values say where they are by
 * 32-bit offsets. A computer with less memory reads less (see
 * sl_json_get_max_size()). */
#define SL_JSON_MAX_SIZE  ((gsize) 2 * 1024 * 1024 * 1024)
/* Reading a file takes memory about this many times its size at its peak
 * (the text, the values read, the model being built), measured on a
 * 1,000,000-note model. */
#define SL_JSON_MEMORY_FACTOR 6
#define SL_JSON_MAX_DEPTH 64
/* Each value costs 32 bytes while it is read, whatever its size in the
 * text ("0," is two bytes): a text holds at most SL_JSON_MAX_VALUES
 * values, or one every SL_JSON_BYTES_A_VALUE bytes if that is more. This
 * bounds that memory to four times the text's size, with room for real
 * models, which hold a value every 14 bytes (a 1,000,000-note model holds
 * forty million values in 570 MB). */
#define SL_JSON_MAX_VALUES (16 * 1024 * 1024)
#define SL_JSON_BYTES_A_VALUE 8

typedef enum {
  SL_JSON_PARSE_STRICT = 0,
  /* A number out of range, or a value nested deeper than
   * SL_JSON_MAX_DEPTH, is checked for its syntax, read as null and told
   * by sl_json_get_skipped() instead of refused: for formats that read
   * only some of their keys. The nesting is skipped without recursion. */
  SL_JSON_PARSE_SKIP_UNREADABLE = 1 << 0,
} SlJsonParseFlags;

typedef enum {
  SL_JSON_NULL,
  SL_JSON_BOOLEAN,
  SL_JSON_INTEGER,
  SL_JSON_DOUBLE,
  SL_JSON_STRING,
  SL_JSON_ARRAY,
  SL_JSON_OBJECT,
} SlJsonType;

typedef struct _SlJson     SlJson;
typedef struct _SlJsonNode SlJsonNode;

/* A parsed text: the nodes live as long as it does. */
GQuark       sl_json_error_quark       (void);
SlJson      *sl_json_parse             (const char  *data,
                                        gsize        length,
                                        GError     **error);
SlJson      *sl_json_parse_take        (char        *data,
                                        gsize        length,
                                        GError     **error);
SlJson      *sl_json_parse_with_flags  (const char       *data,
                                        gsize             length,
                                        SlJsonParseFlags  flags,
                                        GError          **error);
GPtrArray   *sl_json_get_skipped       (SlJson      *json);
void         sl_json_free              (SlJson      *json);
SlJsonNode  *sl_json_get_root          (SlJson      *json);
void         sl_json_get_position      (SlJson      *json,
                                        SlJsonNode  *node,
                                        guint       *line,
                                        guint       *column);
GBytes      *sl_json_read_file         (GFile       *file,
                                        GError     **error);
gsize        sl_json_get_max_size      (void);

SlJsonType   sl_json_node_get_type     (SlJsonNode  *node);
const char  *sl_json_node_type_name    (SlJsonNode  *node);
gboolean     sl_json_node_get_boolean  (SlJsonNode  *node);
gint64       sl_json_node_get_integer  (SlJsonNode  *node);
double       sl_json_node_get_double   (SlJsonNode  *node);
const char  *sl_json_node_get_string   (SlJsonNode  *node);
guint        sl_json_node_get_length   (SlJsonNode  *node);
SlJsonNode  *sl_json_array_get         (SlJsonNode  *node,
                                        guint        index);
const char  *sl_json_object_get_key    (SlJsonNode  *node,
                                        guint        index);
SlJsonNode  *sl_json_object_get_value  (SlJsonNode  *node,
                                        guint        index);
SlJsonNode  *sl_json_object_get        (SlJsonNode  *node,
                                        const char  *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlJson, sl_json_free)

G_END_DECLS
