/* test-app.h: the application under test, started as a user starts it
 *
 * For the programs that need a display; test-util.h serves the model's
 * tests as well and stays free of GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-application.h"
#include "sl-window.h"
#include "test-util.h"

static inline void
test_app_window_added_cb (GtkApplication  *app,
                          GtkWindow       *window,
                          SlWindow       **first)
{
  if (SL_IS_WINDOW (window) && *first == NULL)
    *first = SL_WINDOW (window);
}

/* Starts the application as a user does, on the model at @path or on
 * nothing, and runs it until its first window is shown. */
static inline void
test_app_start (SlApplication **app,
                SlWindow      **window,
                const char     *path)
{
  static guint serial;
  g_autofree char *id = g_strdup_printf ("%s.Test%u", APPLICATION_ID, ++serial);
  g_autoptr(GError) error = NULL;

  /* One bus connection serves every run: each needs its own object path. */
  *window = NULL;
  *app = sl_application_new ();
  g_application_set_application_id (G_APPLICATION (*app), id);
  g_application_set_flags (G_APPLICATION (*app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (*app, "window-added", G_CALLBACK (test_app_window_added_cb), window);
  g_application_hold (G_APPLICATION (*app));
  g_application_register (G_APPLICATION (*app), NULL, &error);
  g_assert_no_error (error);

  /* g_application_run() would block: do what it does for our arguments. */
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_application_open (G_APPLICATION (*app), &file, 1, "");
    }
  else
    g_application_activate (G_APPLICATION (*app));

  while (*window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (*window)))
    g_main_context_iteration (NULL, TRUE);
}

/* Closes every window of the application and lets it go. */
static inline void
test_app_quit (SlApplication **app,
               SlWindow      **window)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (*app))))
    gtk_window_destroy (windows->data);

  g_signal_handlers_disconnect_by_func (*app, test_app_window_added_cb, window);
  g_application_release (G_APPLICATION (*app));
  g_clear_object (app);
  *window = NULL;
}

/* Prepares a test program of the application: without a display it says
 * so in TAP and returns FALSE, else it gives the program its own drafts
 * folder (in @state, for test_remove_own_state()) and starts GTK. */
static inline gboolean
test_app_init (int    *argc,
               char ***argv,
               char  **state)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return FALSE;
    }

  *state = test_use_own_state ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}
