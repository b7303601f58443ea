/* generate.c: stormline-generate N FILE writes a realistic board of N notes
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

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n_notes, NULL))
    {
      g_printerr ("Usage: stormline-generate N FILE\n"
                  "Writes a board of about N notes (1 to 10000000) to FILE.\n");
      return 2;
    }

  document = sl_generate_board (n_notes, 1);
  file = g_file_new_for_commandline_arg (argv[2]);
  if (!sl_format_save_file (document, file, &error))
    {
      g_printerr ("stormline-generate: %s: %s\n", argv[2], error->message);
      return 2;
    }

  return 0;
}
