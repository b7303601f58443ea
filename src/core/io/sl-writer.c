/* sl-writer.c: writing JSON in Stormline's canonical layout
 *
 * Two-space indentation with one key per line; objects opened "inline"
 * stand on one line. Only the .stormline files use it: JSON for other
 * programs is built with json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include "sl-writer.h"


/* What JSON requires to be escaped in a string. */
static const char needs_escape[] =
  "\"\\\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017"
  "\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037";

void
sl_writer_escaped (SlWriter     *w,
               const char *str)
{
  const char *p = str;

  g_string_append_c (w->out, '"');
  for (;;)
    {
      /* Copy what needs no escape in one piece: most texts have none. */
      gsize run = strcspn (p, needs_escape);
      char unicode[8];
      const char *escape;

      g_string_append_len (w->out, p, run);
      p += run;
      if (*p == 0)
        break;

      switch (*p)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (unicode, sizeof unicode, "\\u%04x", (guchar) *p);
          escape = unicode;
        }
      g_string_append (w->out, escape);
      p++;
    }
  g_string_append_c (w->out, '"');
}

void
sl_writer_newline (SlWriter *w)
{
  static const char spaces[] = "                                                                ";

  g_string_append_c (w->out, '\n');
  g_string_append_len (w->out, spaces, MIN (2 * w->depth, sizeof spaces - 1));
}

void
sl_writer_item (SlWriter *w)
{
  if (w->inline_depth > 0)
    {
      if (!w->empty)
        g_string_append (w->out, ", ");
    }
  else
    {
      if (!w->empty)
        g_string_append_c (w->out, ',');
      sl_writer_newline (w);
    }
  w->empty = FALSE;
}

void
sl_writer_key (SlWriter     *w,
           const char *key)
{
  sl_writer_item (w);
  sl_writer_escaped (w, key);
  g_string_append (w->out, ": ");
}

void
sl_writer_open (SlWriter *w,
            char    bracket)
{
  g_string_append_c (w->out, bracket);
  w->depth++;
  w->empty = TRUE;
}

/* Opens an object that stands on one line: a field, a connection, a step. */
void
sl_writer_open_inline (SlWriter *w)
{
  w->inline_depth++;
  sl_writer_open (w, '{');
}

void
sl_writer_close (SlWriter *w,
             char    bracket)
{
  w->depth--;
  if (!w->empty && w->inline_depth == 0)
    sl_writer_newline (w);
  g_string_append_c (w->out, bracket);
  w->empty = FALSE;
}

void
sl_writer_close_inline (SlWriter *w)
{
  sl_writer_close (w, '}');
  w->inline_depth--;
}

void
sl_writer_string_member (SlWriter     *w,
                     const char *key,
                     const char *value)
{
  sl_writer_key (w, key);
  sl_writer_escaped (w, value);
}

/* Leaves the member out when it has the default value. */
void
sl_writer_optional_string (SlWriter     *w,
                       const char *key,
                       const char *value)
{
  if (value != NULL && *value != 0)
    sl_writer_string_member (w, key, value);
}

void
sl_writer_int_member (SlWriter     *w,
                  const char *key,
                  gint64      value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  /* printf() is the slowest part of saving a large model otherwise. */
  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--p = '-';

  sl_writer_key (w, key);
  g_string_append_len (w->out, p, digits + sizeof digits - p);
}

void
sl_writer_true_member (SlWriter     *w,
                   const char *key,
                   gboolean    value)
{
  if (value)
    {
      sl_writer_key (w, key);
      g_string_append (w->out, "true");
    }
}

