/* generate.c: stormline-generate N FILE writes a realistic board of N notes
 *
 * Exits 0 when FILE holds the whole board, 2 with one line on standard
 * error otherwise: a script that makes boards for a benchmark must not go
 * on with a board smaller than it asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_notes;
  guint n_made;

  /* A critical is a generator bug: stop at the first instead of writing a
   * board with pieces missing. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n_notes, NULL))
    {
      g_printerr ("Usage: stormline-generate N FILE\n"
                  "Writes a board of about N notes (1 to 10000000) to FILE.\n");
      return 2;
    }

  document = sl_generate_board (n_notes, 1);
  n_made = g_list_model_get_n_items (sl_document_get_notes (document));
  if (n_made < n_notes)
    {
      g_printerr ("stormline-generate: made only %u of the %" G_GUINT64_FORMAT " notes asked for\n",
                  n_made, n_notes);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!sl_format_save_file (document, file, &error))
    {
      g_printerr ("stormline-generate: %s: %s\n", argv[2], error->message);
      return 2;
    }

  return 0;
}
