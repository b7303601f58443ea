/* test-locale-ui.c: the application in German, GTK's and libadwaita's words
 * included
 *
 * Runs under de_DE.UTF-8 from the locales the build generates (LOCPATH).
 * The program binds Stormline's domain to the catalogues of the build tree,
 * as the installed application binds it to LOCALEDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "test-app.h"

static void
test_german_window (void)
{
  SlApplication *app = NULL;
  SlWindow *window = NULL;
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "kaputt.stormline", NULL);
  g_autofree char *accel = NULL;
  GtkWindow *dialog = NULL;
  GList *windows;

  /* A file that cannot be read: an empty board and a dialog that says why. */
  g_assert_true (g_file_set_contents (path, "{\"stormline\": 1, \"notes\": [", -1, NULL));
  test_app_start (&app, &window, path);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Unbenanntes Modell — Stormline");

  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (windows);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "»kaputt.stormline« konnte nicht geöffnet werden");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Zeile 1, Spalte 28: Die Datei endet zu früh"));
  gtk_window_destroy (dialog);

  /* GTK's words, as its shortcut labels show them, and libadwaita's, as
   * its about window does. */
  accel = gtk_accelerator_get_label (GDK_KEY_s, GDK_SHIFT_MASK | GDK_CONTROL_MASK);
  g_assert_cmpstr (accel, ==, "Umschalt+Strg+S");
  g_assert_cmpstr (g_dgettext ("libadwaita", "_Website"), ==, "_Webseite");

  test_app_quit (&app, &window);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = NULL;
  int status;

  if (!test_app_init (&argc, &argv, &state))
    return 0;

  /* gtk_test_init () puts the program in the C locale: back to the user's,
   * German, as main () of the application does. It fails loudly if the
   * locale is missing rather than falling back to English. */
  g_assert_cmpstr (setlocale (LC_ALL, ""), ==, "de_DE.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, SL_UNINSTALLED_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/locale/german-window", test_german_window);

  status = g_test_run ();
  test_remove_own_state (state);
  return status;
}
