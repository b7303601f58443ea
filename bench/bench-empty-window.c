/* bench-empty-window.c: an empty libadwaita window, the start-up to beat
 *
 * Usage: bench-empty-window   (with STORMLINE_FRAME_TIMES=FILE)
 *
 * An AdwApplication that shows an empty AdwApplicationWindow of
 * Stormline's default size, with a header bar and a title as a window has
 * them (the title's text loads the fonts, as any window's text would), and
 * writes its first frame through Stormline's frame timer
 * (src/ui/sl-frame-timer.c): bench/bench-startup sets the time Stormline
 * takes to its first frame against it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "sl-frame-timer.h"

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Empty Window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  sl_frame_timer_attach (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.stormline.BenchEmptyWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
