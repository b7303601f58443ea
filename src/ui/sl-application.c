/* sl-application.c: the application: windows, files given to it, about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "stormline-core.h"

#include "sl-application.h"
#include "sl-frame-script.h"
#include "sl-frame-timer.h"
#include "sl-recovery.h"
#include "sl-window.h"

struct _SlApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  gboolean drafts_offered;
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, ADW_TYPE_APPLICATION)

#define EXAMPLE_RESOURCE "/io/github/stormline/Stormline/examples/hotel.stormline"

/* The example of the first start: a new, unsaved document, so saving it
 * asks where (the bundled copy stays as it is). */
static SlDocument *
load_example (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SlDocument *document;

  bytes = g_resources_lookup_data (EXAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  document = sl_format_load_bytes (bytes, &error);
  /* The example is part of the program and tested: it always loads. */
  g_assert_no_error (error);
  return document;
}

static gboolean
set_default_icon (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  gtk_window_set_default_icon_name (APPLICATION_ID);
  /* The default is for windows realized from now on. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (gtk_widget_get_realized (l->data) && gtk_window_get_icon_name (l->data) == NULL)
      gtk_window_set_icon_name (l->data, APPLICATION_ID);
  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GdkFrameClock *clock,
                gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, data);
  g_idle_add (set_default_icon, NULL);
}

/* The windows' icon, which X11 window lists show (Wayland takes it from
 * the desktop file), is drawn from its SVG at several sizes, loading the
 * SVG library: a tenth of the time to the first frame. It is set once the
 * first window has drawn its first frame. */
static void
window_realized_cb (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, window_realized_cb, NULL);
  if (gtk_window_get_default_icon_name () == NULL)
    g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_cb), NULL);
}

static SlWindow *
present_new_window (SlApplication *self,
                    SlDocument    *document,
                    GFile         *file)
{
  SlWindow *window = sl_window_new (self, document, file);

  if (gtk_window_get_default_icon_name () == NULL)
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
  sl_frame_timer_attach (GTK_WINDOW (window));
  sl_frame_script_attach (window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_file (SlApplication *self,
           GFile         *file)
{
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SlWindow *window;

  /* A model has one window: two would differ, and share one draft. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SL_IS_WINDOW (l->data) && sl_window_get_file (l->data) != NULL &&
        g_file_equal (sl_window_get_file (l->data), file))
      {
        gtk_window_present (l->data);
        return;
      }

  document = sl_format_load_file (file, &error);
  if (document != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      present_new_window (self, document, file);
      g_settings_set_string (self->settings, "last-file", uri);
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
      return;
    }

  /* Nothing to lose: show an empty board with the reason beside it. */
  document = sl_window_new_document ();
  window = present_new_window (self, document, NULL);
  sl_window_show_open_error (window, file, error);
}

/* What a crash or a kill left behind is offered once, at the start, over
 * the first window. */
static void
offer_drafts (SlApplication *self)
{
  if (self->drafts_offered)
    return;
  self->drafts_offered = TRUE;
  sl_recovery_offer (self, sl_draft_store_get_default ());
}

static void
activate_window (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);
  g_autoptr(SlDocument) document = NULL;
  g_autofree char *last = NULL;
  GtkWindow *window;

  if ((window = gtk_application_get_active_window (GTK_APPLICATION (app))))
    {
      gtk_window_present (window);
      return;
    }

  if (g_settings_get_boolean (self->settings, "first-run"))
    {
      g_settings_set_boolean (self->settings, "first-run", FALSE);
      document = load_example ();
      present_new_window (self, document, NULL);
      return;
    }

  last = g_settings_get_string (self->settings, "last-file");
  if (*last != 0)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (last);

      if (g_file_query_exists (file, NULL))
        {
          open_file (self, file);
          return;
        }
    }

  document = sl_window_new_document ();
  present_new_window (self, document, NULL);
}

static void
sl_application_activate (GApplication *app)
{
  activate_window (app);
  offer_drafts (SL_APPLICATION (app));
}

static void
sl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    open_file (SL_APPLICATION (app), files[i]);
  offer_drafts (SL_APPLICATION (app));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Stormline developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Stormline"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Stormline developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/stormline/stormline",
                         "issue-url", "https://github.com/stormline/stormline/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Stormline developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

#define HELP_URI "help:stormline"

#if GTK_CHECK_VERSION (4, 10, 0)
static void
help_launched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not show the guide: %s", error->message);
}
#endif

/* The guide is installed as Mallard pages under help/: Yelp shows it. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (HELP_URI);

  gtk_uri_launcher_launch (launcher, window, NULL, help_launched_cb, NULL);
#else
  gtk_show_uri (window, HELP_URI, GDK_CURRENT_TIME);
#endif
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy_deep (gtk_application_get_windows (app), (GCopyFunc) g_object_ref, NULL);

  /* Closing through the windows lets each ask about unsaved changes. A
   * window without any goes at once, and with it its place in the
   * application's list: hence the copy. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

/* Runs in every process, the one that hands its files to a running
 * instance too, before either of them makes its settings. */
static int
sl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("stormline %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* Without its schema GSettings aborts the program with a message about
   * GLib: an uninstalled build, run straight from the build folder, says
   * what to do instead. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      /* TRANSLATORS: %s is the application's ID. GSETTINGS_SCHEMA_DIR,
       * meson and ninja are not to be translated. */
      g_printerr (_("stormline: the settings schema %s is not installed.\n"
                    "Install Stormline with “ninja install”, or run the build with "
                    "GSETTINGS_SCHEMA_DIR set to its data folder.\n"),
                  APPLICATION_ID);
      return EXIT_FAILURE;
    }

  return -1;
}

static void
sl_application_startup (GApplication *app)
{
  SlApplication *self = SL_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  self->settings = g_settings_new (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  /* GTK sets this key only for a gtk/help-overlay.ui, which it builds with
   * every window: the window builds its own when asked. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);
}

static void
sl_application_shutdown (GApplication *app)
{
  /* A draft removed as its window closed is gone before the process. */
  sl_draft_store_flush (sl_draft_store_get_default ());

  G_APPLICATION_CLASS (sl_application_parent_class)->shutdown (app);
}

static void
sl_application_dispose (GObject *object)
{
  SlApplication *self = (SlApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_application_parent_class)->dispose (object);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sl_application_dispose;

  app_class->activate = sl_application_activate;
  app_class->handle_local_options = sl_application_handle_local_options;
  app_class->shutdown = sl_application_shutdown;
  app_class->open = sl_application_open;
  app_class->startup = sl_application_startup;
}

static const GOptionEntry options[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static void
sl_application_init (SlApplication *self)
{
  GApplication *app = G_APPLICATION (self);

  g_application_add_main_option_entries (app, options);
  /* TRANSLATORS: in “stormline --help”, after the program's name. */
  g_application_set_option_context_parameter_string (app, _("[FILE…]"));
  g_application_set_option_context_summary (app, _("Model a system with event modeling: on a board of notes, "
                                                   "guided through eight steps to a complete model.\n"
                                                   "Opens each FILE, a Stormline model, in a window of its own."));
}

SlApplication *
sl_application_new (void)
{
  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/stormline/Stormline",
                       NULL);
}

/**
 * sl_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
sl_application_get_settings (SlApplication *self)
{
  g_return_val_if_fail (SL_IS_APPLICATION (self), NULL);

  return self->settings;
}
