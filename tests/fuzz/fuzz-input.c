/* fuzz-input.c: libFuzzer entry points for everything Stormline reads
 *
 * Built three times (see meson.build), once for each reader a hostile
 * file or clipboard reaches: the native format, the eventmodelers import
 * and a paste. Besides not crashing, what a reader accepts must save and
 * read back: the native format's saved bytes load again and save to the
 * same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "stormline-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

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
  g_autoptr(SlDocument) document = NULL;
#if defined(FUZZ_FORMAT)
  document = sl_format_load_bytes (bytes, NULL);
#elif defined(FUZZ_EVENTMODELERS)
  document = sl_eventmodelers_import (bytes, NULL, NULL);
#elif defined(FUZZ_PASTE)
  g_autoptr(GPtrArray) pasted = NULL;

  document = sl_document_new ();
  pasted = sl_fragment_paste (document, bytes, 0, 0, NULL);
#else
#error "define which reader to fuzz"
#endif

  if (document != NULL)
    assert_saves_and_reads_back (document);

  return 0;
}
