/* sl-window.c: a window for one model
 *
 * Until the board arrives, the window shows what the model holds: its
 * title, what it counts, and its lanes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-window.h"

struct _SlWindow
{
  AdwApplicationWindow parent_instance;

  SlDocument *document;
  GFile *file;

  AdwWindowTitle *window_title;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkListBox *lanes_list;
};

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe_file_location (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();

  if (parent == NULL)
    return NULL;

  path = g_file_get_parse_name (parent);
  if (g_str_has_prefix (path, home) && (path[strlen (home)] == '/' || path[strlen (home)] == 0))
    return g_strconcat ("~", path + strlen (home), NULL);

  return g_steal_pointer (&path);
}

static char *
get_display_title (SlWindow *self)
{
  const char *title = sl_document_get_title (self->document);

  if (*title != 0)
    return g_strdup (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled Model"));
}

static void
update_title (SlWindow *self)
{
  g_autofree char *title = get_display_title (self);
  g_autofree char *location = self->file ? describe_file_location (self->file) : NULL;
  g_autofree char *window_title = NULL;
  gboolean modified = sl_history_get_modified (sl_document_get_history (self->document));

  if (modified)
    {
      /* Translators: the title of a model with unsaved changes */
      g_autofree char *marked = g_strdup_printf (_("• %s"), title);

      g_free (title);
      title = g_steal_pointer (&marked);
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, location ? location : _("Not saved yet"));

  /* Translators: the window title: the model's name, then the program's */
  window_title = g_strdup_printf (_("%s — Stormline"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_summary (SlWindow *self)
{
  guint n_notes = g_list_model_get_n_items (sl_document_get_notes (self->document));
  guint n_lanes = g_list_model_get_n_items (sl_document_get_lanes (self->document));
  guint n_connections = g_list_model_get_n_items (sl_document_get_connections (self->document));
  guint n_scenarios = g_list_model_get_n_items (sl_document_get_scenarios (self->document));
  g_autofree char *title = get_display_title (self);
  g_autofree char *notes = NULL;
  g_autofree char *lanes = NULL;
  g_autofree char *connections = NULL;
  g_autofree char *scenarios = NULL;
  g_autofree char *description = NULL;

  notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes), n_notes);
  lanes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lane", "%u lanes", n_lanes), n_lanes);
  connections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections",
                                              n_connections), n_connections);
  scenarios = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scenario", "%u scenarios",
                                            n_scenarios), n_scenarios);
  /* Translators: a summary of a model: notes, lanes, connections, scenarios */
  description = g_strdup_printf (_("%s on %s, %s, %s"), notes, lanes, connections, scenarios);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->summary_label, description);
}

static GtkWidget *
create_lane_row (gpointer item,
                 gpointer user_data)
{
  SlWindow *self = user_data;
  SlLane *lane = item;
  GListModel *notes = sl_document_get_notes (self->document);
  const char *name = sl_lane_get_name (lane);
  const char *kind = sl_lane_kind_get_label (sl_lane_get_kind (lane));
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  GtkWidget *row;
  guint n_notes = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i);

      if (sl_note_get_lane (note) == lane)
        n_notes++;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes), n_notes);
  if (sl_lane_get_aggregate (lane) != NULL)
    /* Translators: a lane's kind, its aggregate, the number of its notes */
    subtitle = g_strdup_printf (_("%s · %s · %s"), kind,
                                sl_aggregate_get_name (sl_lane_get_aggregate (lane)), count);
  else
    /* Translators: a lane's kind and the number of its notes */
    subtitle = g_strdup_printf (_("%s · %s"), kind, count);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name ? name : kind);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static void
document_changed_cb (SlWindow *self)
{
  update_title (self);
  update_summary (self);
}

static void
sl_window_constructed (GObject *object)
{
  SlWindow *self = (SlWindow *)object;

  G_OBJECT_CLASS (sl_window_parent_class)->constructed (object);

  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_history (self->document), "notify::modified",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->lanes_list, sl_document_get_lanes (self->document),
                           create_lane_row, self, NULL);
  document_changed_cb (self);
}

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  int width, height;

  if (SL_IS_APPLICATION (app))
    {
      GSettings *settings = sl_application_get_settings (SL_APPLICATION (app));

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  (void) self;
  return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = (SlWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sl_window_constructed;
  object_class->dispose = sl_window_dispose;
  object_class->get_property = sl_window_get_property;
  object_class->set_property = sl_window_set_property;

  window_class->close_request = sl_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SL_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, lanes_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
sl_window_init (SlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_window_new:
 * @file: (nullable): where @document was loaded from
 *
 * Returns: (transfer none): a window for @document, sized as the last one was
 */
SlWindow *
sl_window_new (SlApplication *application,
               SlDocument    *document,
               GFile         *file)
{
  SlWindow *self;
  GSettings *settings;

  g_return_val_if_fail (SL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (SL_TYPE_WINDOW,
                       "application", application,
                       "document", document,
                       "file", file,
                       NULL);

  settings = sl_application_get_settings (application);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

/**
 * sl_window_new_document:
 *
 * Returns: (transfer full): an empty model, as File › New makes it: one
 *   unsorted lane for the first steps of a Storming, and nothing to undo
 */
SlDocument *
sl_window_new_document (void)
{
  SlDocument *document = sl_document_new ();
  SlHistory *history = sl_document_get_history (document);

  sl_document_add_lane (document, SL_LANE_UNSORTED, _("Timeline"), -1);
  sl_history_clear (history);
  sl_history_set_save_point (history);
  return document;
}

/**
 * sl_window_get_document:
 *
 * Returns: (transfer none): the window's model
 */
SlDocument *
sl_window_get_document (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * sl_window_get_file:
 *
 * Returns: (nullable) (transfer none): where the model is saved
 */
GFile *
sl_window_get_file (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * sl_window_show_open_error:
 *
 * Tells, in a dialog over the window, why @file could not be opened.
 */
void
sl_window_show_open_error (SlWindow     *self,
                           GFile        *file,
                           const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (error != NULL);

  name = g_file_get_basename (file);
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
