/* sl-writer.h: writing JSON in Stormline's canonical layout (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GString *out;
  guint depth;
  guint inline_depth; /* > 0: the object being written stands on one line */
  gboolean empty;     /* the open container has no item yet */
} SlWriter;

void sl_writer_escaped (SlWriter *w, const char *str);
void sl_writer_newline (SlWriter *w);
void sl_writer_item (SlWriter *w);
void sl_writer_key (SlWriter *w, const char *key);
void sl_writer_open (SlWriter *w, char bracket);
void sl_writer_open_inline (SlWriter *w);
void sl_writer_close (SlWriter *w, char bracket);
void sl_writer_close_inline (SlWriter *w);
void sl_writer_string_member (SlWriter *w, const char *key, const char *value);
void sl_writer_optional_string (SlWriter *w, const char *key, const char *value);
void sl_writer_int_member (SlWriter *w, const char *key, gint64 value);
void sl_writer_true_member (SlWriter *w, const char *key, gboolean value);

G_END_DECLS
