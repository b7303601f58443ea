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


/* g_string_append_len() is a call into GLib for each of the millions of
 * pieces of a large model; while the room reserved lasts, a copy does. */
static inline void
append_len (GString    *out,
            const char *piece,
            gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, piece, length);
      out->len += length;
      out->str[out->len] = 0;
    }
  else
    g_string_append_len (out, piece, length);
}

#define APPEND_LITERAL(out, literal) append_len ((out), (literal), sizeof (literal) - 1)

/* What JSON requires to be escaped in a string: a test of each byte,
 * which strcspn() with a set of 34 bytes was several times slower than. */
static inline gboolean
needs_escape (guchar c)
{
  return c < 0x20 || c == '"' || c == '\\';
}

void
sl_writer_escaped (SlWriter     *w,
               const char *str)
{
  const char *p = str;

  g_string_append_c (w->out, '"');
  for (;;)
    {
      /* Copy what needs no escape in one piece: most texts have none. */
      const char *run = p;
      char unicode[8];
      const char *escape;

      while (!needs_escape (*p))
        p++;
      append_len (w->out, run, p - run);
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
  append_len (w->out, spaces, MIN (2 * w->depth, sizeof spaces - 1));
}

void
sl_writer_item (SlWriter *w)
{
  if (w->inline_depth > 0)
    {
      if (!w->empty)
        APPEND_LITERAL (w->out, ", ");
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
  APPEND_LITERAL (w->out, ": ");
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
  append_len (w->out, p, digits + sizeof digits - p);
}

void
sl_writer_true_member (SlWriter     *w,
                   const char *key,
                   gboolean    value)
{
  if (value)
    {
      sl_writer_key (w, key);
      APPEND_LITERAL (w->out, "true");
    }
}

