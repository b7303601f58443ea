/* fuzz-input.c: libFuzzer entry points for everything Stormline reads
 *
 * Built four times (see meson.build), once for each reader a hostile
 * file or clipboard reaches: the JSON reader alone, the native format,
 * the eventmodelers import and a paste. Besides not crashing, each run
 * checks what a user relies on:
 *
 * - what a reader accepts saves, loads back and saves to the same bytes
 *   (what Stormline writes, it reads);
 * - what a reader refuses comes with a message in text that says where
 *   the problem is ("line 3, column 5: …"), with a line and a column
 *   that are inside the input, unless the problem is the whole input
 *   (empty, too large, another kind of file, a newer version).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "stormline-core.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t   *data,
                            size_t           size);

/* A critical or a warning means a reader asked the model for something it
 * refuses (a place off the board, an id it cannot hold): a finding, like a
 * broken invariant (g_error). GLib stops those with SIGTRAP, which
 * libFuzzer does not catch: abort instead, so that it keeps the input. */
static GLogWriterOutput
abort_on_warnings (GLogLevelFlags   log_level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_warnings, NULL, NULL);
  return 0;
}

static guint
count_lines (const uint8_t *data,
             size_t         size)
{
  guint lines = 1;

  for (size_t i = 0; i < size; i++)
    lines += data[i] == '\n';
  return lines;
}

static gboolean
is_about_the_whole_input (const GError *error)
{
  if (error->domain == SL_JSON_ERROR)
    return error->code == SL_JSON_ERROR_TOO_LARGE ||
           (error->code == SL_JSON_ERROR_SYNTAX && strstr (error->message, "empty") != NULL);

  return error->code == SL_FORMAT_ERROR_TOO_LARGE ||
         error->code == SL_FORMAT_ERROR_NOT_A_MODEL ||
         error->code == SL_FORMAT_ERROR_NEWER_VERSION ||
         (error->code == SL_FORMAT_ERROR_SYNTAX && strstr (error->message, "empty") != NULL);
}

static void
assert_error_says_where (const GError  *error,
                         const uint8_t *data,
                         size_t         size)
{
  guint line = 0, column = 0;

  if (error == NULL)
    g_error ("a reader refused its input without saying why");
  if (error->domain != SL_FORMAT_ERROR && error->domain != SL_JSON_ERROR)
    g_error ("a reader refused its input with an error of another domain: %s", error->message);
  if (error->message == NULL || *error->message == 0 || !g_utf8_validate (error->message, -1, NULL))
    g_error ("a reader refused its input with no message in text");

  if (is_about_the_whole_input (error))
    return;

  if (sscanf (error->message, "line %u, column %u: ", &line, &column) != 2)
    g_error ("the message does not say where the problem is: %s", error->message);
  if (line < 1 || column < 1 || line > count_lines (data, size))
    g_error ("the message points outside the input: %s", error->message);
}

#if defined(FUZZ_JSON)
/* The reader's positions are inside the text, and every text it gives
 * is UTF-8 */
static void
assert_nodes_are_sound (SlJson        *json,
                        SlJsonNode    *node,
                        guint          lines)
{
  guint line, column;

  sl_json_get_position (json, node, &line, &column);
  if (line < 1 || column < 1 || line > lines)
    g_error ("a value is placed at line %u, column %u of %u lines", line, column, lines);

  switch (sl_json_node_get_type (node))
    {
    case SL_JSON_STRING:
      if (!g_utf8_validate (sl_json_node_get_string (node), -1, NULL))
        g_error ("a string value is not UTF-8");
      break;

    case SL_JSON_ARRAY:
      for (guint i = 0; i < sl_json_node_get_length (node); i++)
        assert_nodes_are_sound (json, sl_json_array_get (node, i), lines);
      break;

    case SL_JSON_OBJECT:
      for (guint i = 0; i < sl_json_node_get_length (node); i++)
        {
          if (!g_utf8_validate (sl_json_object_get_key (node, i), -1, NULL))
            g_error ("a key is not UTF-8");
          assert_nodes_are_sound (json, sl_json_object_get_value (node, i), lines);
        }
      break;

    case SL_JSON_NULL:
    case SL_JSON_BOOLEAN:
    case SL_JSON_INTEGER:
    case SL_JSON_DOUBLE:
    default:
      break;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlJson) json = sl_json_parse ((const char *) data, size, &error);

  if (json == NULL)
    assert_error_says_where (error, data, size);
  else
    assert_nodes_are_sound (json, sl_json_get_root (json), count_lines (data, size));
  return 0;
}

#else

static void
assert_saves_and_reads_back (SlDocument *document)
{
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) reread = sl_format_load_bytes (saved, &error);
  g_autoptr(GBytes) resaved = NULL;

  if (reread == NULL)
    g_error ("a saved model does not read back: %s", error->message);

  resaved = sl_format_save_to_bytes (reread);
  if (!g_bytes_equal (saved, resaved))
    g_error ("a saved model does not save to the same bytes once read back");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
#if defined(FUZZ_FORMAT)
  document = sl_format_load_bytes (bytes, &error);
#elif defined(FUZZ_EVENTMODELERS)
  document = sl_eventmodelers_import (bytes, NULL, &error);
#elif defined(FUZZ_PASTE)
  g_autoptr(GPtrArray) pasted = NULL;

  /* A board with notes already on it, as a paste usually meets */
  document = sl_document_new ();
  sl_document_add_note (document, SL_NOTE_EVENT,
                        sl_document_add_lane (document, SL_LANE_EVENTS, "Events", -1),
                        0, 0, "Already here");
  pasted = sl_fragment_paste (document, bytes, 40, 40, &error);
  if (pasted == NULL)
    g_clear_object (&document);
#else
#error "define which reader to fuzz"
#endif

  if (document != NULL)
    assert_saves_and_reads_back (document);
  else
    assert_error_says_where (error, data, size);

  return 0;
}
#endif
