/* sl-json.c: reading JSON safely with json-glib 1.6
 *
 * json-glib 1.6 crashes on deeply nested input, reads integers beyond 64
 * bits as wrong numbers and 1e999 as infinity, accepts empty input, and
 * words its errors for programmers. So the text is checked before it is
 * parsed: its encoding, its nesting, its numbers and its end; and the
 * parser's errors are reworded for the people who will read them, with the
 * line and column where the problem is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-json.h"

G_DEFINE_QUARK (sl-format-error-quark, sl_format_error)

typedef struct
{
  const char *data;
  gsize length;
  gsize pos;
  guint line;
  gsize line_start;
} Scanner;

static guint
column (Scanner *scanner,
        gsize    pos)
{
  /* Columns count characters, not bytes: the text is valid UTF-8 here. */
  return g_utf8_strlen (scanner->data + scanner->line_start, pos - scanner->line_start) + 1;
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at (Scanner     *scanner,
         GError     **error,
         SlFormatError code,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first two numbers say where in a file a problem is */
  g_set_error (error, SL_FORMAT_ERROR, code, _("line %u, column %u: %s"),
               scanner->line, column (scanner, scanner->pos), what);
  return FALSE;
}

static gboolean
integer_fits (const char *digits,
              gsize       length,
              gboolean    negative)
{
  static const char max[] = "9223372036854775807";
  static const char min[] = "9223372036854775808";
  const char *limit = negative ? min : max;

  while (length > 1 && *digits == '0')
    digits++, length--;

  if (length != strlen (limit))
    return length < strlen (limit);

  return strncmp (digits, limit, length) <= 0;
}

static gboolean
check_number (Scanner  *scanner,
              GError  **error)
{
  const char *start = scanner->data + scanner->pos;
  const char *p = start;
  const char *end = scanner->data + scanner->length;
  gboolean negative = FALSE;
  gboolean is_integer = TRUE;
  const char *digits;

  if (*p == '-')
    negative = TRUE, p++;
  digits = p;
  while (p < end && g_ascii_isdigit (*p))
    p++;
  if (p == digits)
    return fail_at (scanner, error, SL_FORMAT_ERROR_SYNTAX, _("a number has no digits"));

  if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
    {
      is_integer = FALSE;
      while (p < end && (g_ascii_isdigit (*p) || strchr (".eE+-", *p)))
        p++;
    }

  if (is_integer)
    {
      if (!integer_fits (digits, p - digits, negative))
        return fail_at (scanner, error, SL_FORMAT_ERROR_NUMBER,
                        _("the number %.*s is too large"), (int) MIN (p - start, 40), start);
    }
  else
    {
      g_autofree char *text = g_strndup (start, p - start);
      char *text_end = NULL;
      double value = g_ascii_strtod (text, &text_end);

      if (text_end == text || *text_end != 0)
        return fail_at (scanner, error, SL_FORMAT_ERROR_SYNTAX,
                        _("“%.40s” is not a number"), text);
      if (!isfinite (value))
        return fail_at (scanner, error, SL_FORMAT_ERROR_NUMBER,
                        _("the number %.40s is too large"), text);
    }

  scanner->pos = p - scanner->data;
  return TRUE;
}

/* One pass over the text: encoding, nesting, numbers, strings and the end. */
static gboolean
prescan (const char  *data,
         gsize        length,
         GError     **error)
{
  Scanner scanner = { data, length, 0, 1, 0 };
  const char *invalid = NULL;
  guint depth = 0;
  gboolean any = FALSE;
  gboolean open_string = FALSE;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      /* Count lines up to the bad byte only: the rest is not text. */
      for (gsize i = 0; i < (gsize) (invalid - data); i++)
        if (data[i] == '\n')
          scanner.line++, scanner.line_start = i + 1;
      scanner.pos = invalid - data;
      return fail_at (&scanner, error, SL_FORMAT_ERROR_ENCODING,
                      _("the file is not UTF-8 text (byte 0x%02x)"), (guchar) *invalid);
    }

  while (scanner.pos < length)
    {
      char c = data[scanner.pos];

      switch (c)
        {
        case '\n':
          scanner.line++;
          scanner.line_start = ++scanner.pos;
          continue;

        case ' ': case '\t': case '\r':
          scanner.pos++;
          continue;

        case '"':
          any = TRUE;
          scanner.pos++;
          while (scanner.pos < length && data[scanner.pos] != '"')
            {
              if (data[scanner.pos] == '\n')
                return fail_at (&scanner, error, SL_FORMAT_ERROR_SYNTAX,
                                _("a text is not closed by a quote before the end of the line"));
              if (data[scanner.pos] == '\\')
                scanner.pos++;
              scanner.pos++;
            }
          if (scanner.pos >= length)
            {
              open_string = TRUE;
              break;
            }
          scanner.pos++;
          continue;

        case '[': case '{':
          any = TRUE;
          if (++depth > SL_JSON_MAX_DEPTH)
            return fail_at (&scanner, error, SL_FORMAT_ERROR_TOO_DEEP,
                            _("the data is nested more than %d levels deep"), SL_JSON_MAX_DEPTH);
          scanner.pos++;
          continue;

        case ']': case '}':
          if (depth == 0)
            return fail_at (&scanner, error, SL_FORMAT_ERROR_SYNTAX,
                            _("“%c” closes nothing"), c);
          depth--;
          scanner.pos++;
          continue;

        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          any = TRUE;
          if (!check_number (&scanner, error))
            return FALSE;
          continue;

        case 0:
          return fail_at (&scanner, error, SL_FORMAT_ERROR_ENCODING,
                          _("the file contains a NUL byte, which text never does"));

        default:
          any = TRUE;
          scanner.pos++;
          continue;
        }
    }

  if (!any)
    {
      g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_SYNTAX,
                           _("the file is empty"));
      return FALSE;
    }

  if (depth > 0 || open_string)
    return fail_at (&scanner, error, SL_FORMAT_ERROR_SYNTAX,
                    _("the file ends too early: it may have been cut off"));

  return TRUE;
}

static const char *
describe_parser_error (const GError *error)
{
  if (error->domain == JSON_PARSER_ERROR)
    switch (error->code)
      {
      case JSON_PARSER_ERROR_TRAILING_COMMA:
        return _("a comma stands before a closing bracket");
      case JSON_PARSER_ERROR_MISSING_COMMA:
        return _("a comma is missing");
      case JSON_PARSER_ERROR_MISSING_COLON:
        return _("a colon is missing after a key");
      case JSON_PARSER_ERROR_INVALID_BAREWORD:
        return _("a word stands outside quotes");
      case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
        return _("a key is empty");
      default:
        break;
      }

  return _("the text is not valid JSON");
}

/**
 * sl_json_parse:
 *
 * Parses JSON text that may come from anywhere.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set to a
 *   #SL_FORMAT_ERROR that says what is wrong and where
 */
JsonNode *
sl_json_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SL_JSON_MAX_SIZE)
    {
      g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_TOO_LARGE,
                   _("the data is too large (%" G_GSIZE_FORMAT " MB; at most %d MB can be read)"),
                   length / (1024 * 1024), SL_JSON_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!prescan (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      guint line = 0, col = 0;

      /* json-glib 1.6 forgets the position once it fails, but its message
       * starts "<data>:LINE:COLUMN: Parse error: ...". */
      if (g_str_has_prefix (local_error->message, "<data>:") &&
          sscanf (local_error->message + strlen ("<data>:"), "%u:%u:", &line, &col) == 2)
        g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_SYNTAX, _("line %u, column %u: %s"),
                     line, col, describe_parser_error (local_error));
      else
        g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_SYNTAX,
                             describe_parser_error (local_error));
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_SYNTAX, _("the file is empty"));
      return NULL;
    }

  return root;
}

/**
 * sl_json_read_file:
 *
 * Reads a file of at most %SL_JSON_MAX_SIZE bytes.
 *
 * Returns: (transfer full): the file's contents, or %NULL with @error set
 *   to a #SL_FORMAT_ERROR that says what went wrong
 */
GBytes *
sl_json_read_file (GFile   *file,
                   GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_READ,
                             _("the file does not exist"));
      else
        g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_READ,
                     _("the file cannot be read: %s"), local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_READ,
                           _("this is a folder, not a file"));
      return NULL;
    }

  if (g_file_info_get_size (info) > SL_JSON_MAX_SIZE)
    {
      g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_TOO_LARGE,
                   _("the file is too large (%" G_GINT64_FORMAT " MB; at most %d MB can be read)"),
                   g_file_info_get_size (info) / (1024 * 1024), SL_JSON_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error_literal (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_READ,
                             _("you are not allowed to read this file"));
      else
        g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_READ,
                     _("the file cannot be read: %s"), local_error->message);
      return NULL;
    }

  /* The file may have grown since it was measured. */
  if (length > SL_JSON_MAX_SIZE)
    {
      g_free (contents);
      g_set_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_TOO_LARGE,
                   _("the file is too large (at most %d MB can be read)"),
                   SL_JSON_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}
