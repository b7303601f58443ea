/* sl-text-escape.c: text from a model, made safe to show or to embed
 *
 * A model's text comes from anyone: a colleague, git, another tool. A
 * terminal acts on some of its characters (an escape sequence clears the
 * screen or sets the window's title, a newline forges a line of output,
 * a bidi override reorders the rest of the line), and XML 1.0 forbids
 * others, and cairo stops drawing a PDF at a noncharacter. What
 * stormline-cli prints, the text of every SVG and a PDF's title, and all
 * text drawn go through here, so that what a character can do is decided
 * in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include "sl-text-escape.h"

/* What a terminal, or a program that reads its output line by line,
 * would act on rather than show: C0, DEL and C1 (ESC and CSI start
 * sequences), the line and paragraph separators, and the bidi embeddings,
 * overrides and isolates that reorder what follows them. The bidi marks
 * (LRM, RLM, ALM) are left: right-to-left text needs them, and they
 * reorder nothing beyond their neighbours. */
static gboolean
acts_on_terminal (gunichar c)
{
  return c < 0x20 ||
         (c >= 0x7f && c <= 0x9f) ||
         c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

/* Not characters for interchange: cairo takes a PDF's text that holds
 * one for invalid UTF-8. */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

typedef enum {
  STYLE_TEXT,
  STYLE_JSON,
} Style;

static char *
escape_controls (const char *text,
                 Style       style)
{
  const char *end = text + strlen (text);
  GString *out = g_string_sized_new (end - text);

  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* A byte of no character (a file name in another encoding):
           * JSON has only characters; a person may want the byte. */
          if (style == STYLE_JSON)
            g_string_append (out, "\\ufffd");
          else
            g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }

      next = g_utf8_next_char (p);
      if (style == STYLE_JSON)
        {
          if (acts_on_terminal (c))
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, next - p);
        }
      else if (!acts_on_terminal (c) && !is_noncharacter (c))
        g_string_append_len (out, p, next - p);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x80)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c <= 0xffff)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\U%08x", c);
      p = next;
    }

  return g_string_free (out, FALSE);
}

/**
 * sl_text_escape_controls:
 * @text: text to print or show on one line, from a model, a file name or
 *   a message that quotes either; not necessarily UTF-8
 *
 * Shows every character a terminal would act on as an escape: \n, \r and
 * \t, \xNN for the other C0 controls and DEL, \uNNNN for C1 controls,
 * the line and paragraph separators and the bidi controls, and \xNN for
 * a byte that is not part of UTF-8. Noncharacters (U+FFFE, U+FDD0...)
 * are escaped too, as \uNNNN or \UNNNNNNNN. A backslash stays as it is:
 * the result is for reading, not for reading back.
 *
 * Returns: (transfer full): @text on one line, in UTF-8, safe to print
 */
char *
sl_text_escape_controls (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return escape_controls (text, STYLE_TEXT);
}

/**
 * sl_text_escape_controls_in_json:
 * @json: JSON text on one line, with no white space between its tokens
 *   but spaces
 *
 * JSON may hold DEL, C1 controls and the other characters a terminal
 * acts on unescaped; this writes them as \uNNNN, which reads back as the
 * same string (and a byte that is not UTF-8 as U+FFFD).
 *
 * Returns: (transfer full): the same JSON value, safe to print
 */
char *
sl_text_escape_controls_in_json (const char *json)
{
  g_return_val_if_fail (json != NULL, NULL);

  return escape_controls (json, STYLE_JSON);
}

/* The characters of XML 1.0 (its production Char): not the C0 controls
 * but tab, newline and carriage return, not U+FFFE and U+FFFF, and no
 * surrogates, which valid UTF-8 never holds. The other noncharacters are
 * left out too: XML discourages them. */
static gboolean
is_xml_char (gunichar c)
{
  return (c == '\t' || c == '\n' || c == '\r' ||
          (c >= 0x20 && c <= 0xd7ff) ||
          (c >= 0xe000 && c <= 0xfffd) ||
          (c >= 0x10000 && c <= 0x10ffff)) &&
         !is_noncharacter (c);
}

/**
 * sl_text_escape_for_xml:
 * @text: text for an element's content or an attribute's value
 *
 * Escapes what XML reads as markup (&, <, >, " and ') and replaces what
 * XML 1.0 has no place for, even as a character reference (the C0
 * controls but tab, newline and carriage return; U+FFFE; U+FFFF; bytes
 * that are not UTF-8), and the other noncharacters, by U+FFFD. g_markup_escape_text() writes the
 * controls as references, which only XML 1.1 and GMarkup accept.
 *
 * Returns: (transfer full): @text, well-formed in any XML 1.0 document
 */
char *
sl_text_escape_for_xml (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        default:
          g_string_append_unichar (out, is_xml_char (c) ? c : 0xfffd);
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * sl_text_make_drawable:
 * @text: text to lay out and draw
 *
 * cairo takes text that holds a noncharacter (U+FFFE, U+FFFF, U+FDD0 to
 * U+FDEF and their kin in every plane) for invalid UTF-8 where it keeps
 * the text of what it draws, in a PDF, and then draws nothing more on the
 * page; and a control character drawn as a box still reaches that text as
 * it is, for pdftotext or a copy to hand on. So text is drawn with
 * noncharacters replaced by U+FFFD, and the controls (but newline,
 * carriage return and tab, which lay the text out) escaped as
 * stormline-cli shows them: \x1b, \u0085.
 *
 * Returns: (transfer full): @text, safe to draw
 */
char *
sl_text_make_drawable (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9f)
        g_string_append_printf (out, "\\u%04x", c);
      else if (is_noncharacter (c))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}
