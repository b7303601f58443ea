/* sl-window-files.c: the window's files: open, save, close, recent models,
 * and the eventmodelers format in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "sl-alert.h"
#include "sl-window-private.h"

#define MAX_RECENT 8

typedef struct
{
  SlWindow *window;
  SlWindowFileFunc callback;
} Choosing;

typedef struct
{
  SlWindow *window;
  GFile *file;
  guint changes;        /* the window's count when the save began */
} SaveData;

typedef struct
{
  SlWindow *self;
  GFile *file;
  SlWindowWriteFunc write;
  SlWindowWriteFunc cancel;
  gpointer data;
  GDestroyNotify destroy;
} Pending;

static void
choose_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    Choosing        *choosing)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  choosing->callback (choosing->window, file, GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (choosing->window);
  g_free (choosing);
}

/**
 * _sl_window_choose_file:
 * @filters: (array zero-terminated=1): the filters offered, the first
 *   chosen
 * @choices: (nullable) (array): what else is chosen, up to one with a
 *   %NULL id
 * @current_name: (nullable): the name offered to save as
 * @current_file: (nullable): the file offered to save as, instead
 * @callback: called once, with the file or %NULL
 *
 * Asks for a file in a modal file chooser over the window: every file
 * the window opens or writes is chosen here.
 */
void
_sl_window_choose_file (SlWindow                 *self,
                        const char               *title,
                        GtkFileChooserAction      action,
                        const char               *accept_label,
                        GtkFileFilter           **filters,
                        const SlWindowFileChoice *choices,
                        const char               *current_name,
                        GFile                    *current_file,
                        SlWindowFileFunc          callback)
{
  GtkFileChooserNative *dialog;
  GtkFileChooser *chooser;
  Choosing *choosing;

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (dialog);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  for (guint i = 0; filters[i] != NULL; i++)
    gtk_file_chooser_add_filter (chooser, filters[i]);
  for (guint i = 0; choices != NULL && choices[i].id != NULL; i++)
    gtk_file_chooser_add_choice (chooser, choices[i].id, choices[i].label,
                                 choices[i].options, choices[i].option_labels);

  if (current_file != NULL)
    gtk_file_chooser_set_file (chooser, current_file, NULL);
  else if (current_name != NULL)
    gtk_file_chooser_set_current_name (chooser, current_name);

  choosing = g_new0 (Choosing, 1);
  choosing->window = g_object_ref (self);
  choosing->callback = callback;
  g_signal_connect (dialog, "response", G_CALLBACK (choose_response_cb), choosing);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->file);
  if (pending->destroy != NULL)
    pending->destroy (pending->data);
  g_free (pending);
}

static void
replace_response_cb (SlAlert          *dialog,
                     const char       *response,
                     Pending          *pending)
{
  if (g_str_equal (response, "replace"))
    pending->write (pending->self, pending->file, pending->data);
  else if (pending->cancel != NULL)
    pending->cancel (pending->self, pending->file, pending->data);
  pending_free (pending);
}

/**
 * _sl_window_write_asking:
 * @renamed: whether a suffix was added to the name chosen
 * @cancel: (nullable): called instead of @write when the file stays
 *
 * The file chooser asks before it replaces the file chosen; when a
 * suffix is added to the name afterwards, the file is another one, and
 * this asks about it before @write writes it.
 */
void
_sl_window_write_asking (SlWindow          *self,
                         GFile             *file,
                         gboolean           renamed,
                         SlWindowWriteFunc  write,
                         SlWindowWriteFunc  cancel,
                         gpointer           data,
                         GDestroyNotify     destroy)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  Pending *pending;
  SlAlert *dialog;

  if (!renamed || !g_file_query_exists (file, NULL))
    {
      write (self, file, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  name = _sl_file_get_display_name (file);
  heading = g_strdup_printf (_("Replace “%s”?"), name);
  dialog = sl_alert_new (heading, _("A file with this name is there already. Replacing it overwrites what it holds."));
  sl_alert_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  sl_alert_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  sl_alert_set_default_response (dialog, "cancel");
  sl_alert_set_close_response (dialog, "cancel");

  pending = g_new0 (Pending, 1);
  *pending = (Pending) { g_object_ref (self), g_object_ref (file), write, cancel, data, destroy };
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response_cb), pending);
  sl_alert_present (dialog, GTK_WIDGET (self));
}

/**
 * _sl_window_finish_gestures:
 *
 * A text being typed is part of the model: it ends before a save or a
 * close. A drag in progress is not: it must end first.
 *
 * Returns: whether the model may be written or closed now
 */
gboolean
_sl_window_finish_gestures (SlWindow *self)
{
  if (sl_canvas_is_editing (self->canvas))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  return !sl_history_in_group (sl_document_get_history (self->document));
}

static GtkFileFilter *
model_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Stormline Models"));
  gtk_file_filter_add_mime_type (filter, SL_FORMAT_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "stormline");
  return filter;
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Eventmodelers Exports (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

/* The name a chooser offers to write the model to: its title. */
static char *
offered_name (SlWindow   *self,
              const char *suffix)
{
  const char *title = sl_document_get_title (self->document);

  /* Translators: the file name offered for a model without a title */
  return g_strconcat (*title ? title : _("Untitled Model"), suffix, NULL);
}

/* Saving */

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->file);
  g_free (data);
}

/* What the user reads when a save fails: what went wrong, that nothing
 * was lost, and what to do about it. */
static char *
save_error_body (const GError *error)
{
  g_autofree char *reason = NULL;
  const char *advice;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    advice = _("The disk is full. Make some room on it, or save the model somewhere else with Save As.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    /* The file itself was made read-only (sl-file-writer.c): the folder may be fine. */
    advice = _("Save the model under another name with Save As, or make the file writable first.");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    advice = _("Stormline may not write in this folder. Save the model somewhere else with Save As.");
  else
    advice = _("Try again, or save the model somewhere else with Save As.");

  reason = sl_text_escape_controls (error->message);
  /* Translators: the first %s is the system's reason, the second what to do */
  return g_strdup_printf (_("%s.\n\nThe file was left as it was, and the changes are still here, not saved. %s"),
                          reason, advice);
}

static void save_to (SlWindow *self,
                     GFile    *file);

/* Starts the save asked for while the last one was being written.
 * Returns: whether there was one */
static gboolean
save_next (SlWindow *self)
{
  g_autoptr(GFile) next = g_steal_pointer (&self->save_next);

  self->saving = FALSE;
  if (next == NULL)
    return FALSE;

  save_to (self, next);
  return TRUE;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveData *data = user_data;
  SlWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!sl_format_save_file_finish (result, &error))
    {
      g_autofree char *name = _sl_file_get_display_name (data->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      g_autofree char *body = save_error_body (error);

      self->close_after_save = FALSE;
      _sl_window_show_error (self, heading, body);
      /* A change on disk seen while saving is looked at now. */
      if (!save_next (self))
        _sl_window_check_file_later (self);
      save_data_free (data);
      return;
    }

  _sl_window_set_file (self, data->file);
  _sl_window_remember_file (self);
  _sl_window_file_saved (self);

  /* What was written is the document as it was when the save began: if it
   * changed since, it is still modified. */
  if (self->changes == data->changes)
    sl_history_set_save_point (sl_document_get_history (self->document));

  uri = g_file_get_uri (data->file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  if (!save_next (self) && self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));

  save_data_free (data);
}

static void
save_to (SlWindow *self,
         GFile    *file)
{
  SaveData *data;

  /* Two writes of one model at once could end in either order and leave
   * the older version on disk: a save asked for meanwhile waits for the
   * one being written, and only the last one asked for is written. */
  if (self->saving)
    {
      g_set_object (&self->save_next, file);
      return;
    }
  self->saving = TRUE;

  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  data->changes = self->changes;
  sl_format_save_file_async (self->document, file, NULL, save_done_cb, data);
}

static void
save_as_write (SlWindow *self,
               GFile    *file,
               gpointer  data)
{
  save_to (self, file);
}

static void
save_as_cancel (SlWindow *self,
                GFile    *file,
                gpointer  data)
{
  self->close_after_save = FALSE;
}

static void
save_as_chosen (SlWindow       *self,
                GFile          *chosen,
                GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  gboolean renamed;

  if (chosen == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  name = _sl_file_get_display_name (chosen);
  renamed = !g_str_has_suffix (name, SL_FORMAT_SUFFIX);
  if (!renamed)
    file = g_object_ref (chosen);
  else
    {
      g_autofree char *with_suffix = g_strconcat (name, SL_FORMAT_SUFFIX, NULL);
      g_autoptr(GFile) parent = g_file_get_parent (chosen);

      file = g_file_get_child (parent, with_suffix);
    }

  _sl_window_write_asking (self, file, renamed, save_as_write, save_as_cancel, NULL, NULL);
}

void
_sl_window_save_as (SlWindow *self)
{
  g_autoptr(GtkFileFilter) filter = model_filter ();
  GtkFileFilter *filters[] = { filter, NULL };
  g_autofree char *name = NULL;

  if (!_sl_window_finish_gestures (self))
    return;

  if (self->file == NULL)
    name = offered_name (self, SL_FORMAT_SUFFIX);

  _sl_window_choose_file (self, _("Save Model"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), filters, NULL,
                          name, self->file, save_as_chosen);
}

/* The file's entity tag (its modification time), or %NULL when it is gone. */
static char *
query_etag (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

/**
 * _sl_window_remember_file:
 *
 * Notes the window's file as it is on disk now, when the window has read
 * or written it, so that a save can tell whether another program has
 * changed it since.
 */
void
_sl_window_remember_file (SlWindow *self)
{
  g_free (self->file_etag);
  self->file_etag = self->file != NULL ? query_etag (self->file) : NULL;
}

/* The step each model was left at, by file. Choosing a step is not an
 * edit and never makes a model dirty, so the file may hold an older step
 * than the one the user left it at: the app keeps that one in its own
 * state, a key file in the XDG state directory (which a Flatpak sandbox
 * has too), written atomically. A URI can hold characters a key cannot:
 * the key is the URI's checksum. */
#define STEPS_GROUP "Steps"

static char *
steps_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "stormline", "steps.ini", NULL);
}

static char *
step_key (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

/* The step remembered for @file, or 0 for none. */
static guint
lookup_step (GKeyFile *steps,
             GFile    *file)
{
  g_autofree char *key = step_key (file);
  g_autoptr(GError) error = NULL;
  guint64 step = g_key_file_get_uint64 (steps, STEPS_GROUP, key, &error);

  return error == NULL && step >= 1 && step <= SL_N_PROCESS_STEPS ? (guint) step : 0;
}

/**
 * _sl_window_restore_step:
 *
 * Moves the model to the step the user left it at in this app, when the
 * app remembers one for the window's file; else it stays at the file's.
 */
void
_sl_window_restore_step (SlWindow *self)
{
  g_autoptr(GKeyFile) steps = g_key_file_new ();
  g_autofree char *path = steps_path ();
  guint step;

  if (self->file == NULL || !g_key_file_load_from_file (steps, path, G_KEY_FILE_NONE, NULL))
    return;

  step = lookup_step (steps, self->file);
  if (step != 0)
    sl_document_set_step (self->document, step);
}

/**
 * _sl_window_remember_step:
 *
 * Remembers the model's step for the window's file, for the next time it
 * is opened.
 */
void
_sl_window_remember_step (SlWindow *self)
{
  g_autoptr(GKeyFile) steps = g_key_file_new ();
  g_autofree char *path = steps_path ();
  g_autofree char *dir = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  guint step = sl_document_get_step (self->document);

  if (self->file == NULL)
    return;

  /* A broken or missing file is started anew: it only holds steps. */
  g_key_file_load_from_file (steps, path, G_KEY_FILE_NONE, NULL);
  if (lookup_step (steps, self->file) == step)
    return;

  key = step_key (self->file);
  g_key_file_set_uint64 (steps, STEPS_GROUP, key, step);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (steps, path, &error))
    g_debug ("Could not remember the step of the model: %s",
             error != NULL ? error->message : g_strerror (errno));
}

/* Whether another program wrote the file since this window read or wrote
 * it. A file deleted meanwhile is simply written anew. */
static gboolean
file_changed_on_disk (SlWindow *self)
{
  g_autofree char *etag = NULL;

  /* A save of ours under way changes the file itself. */
  if (self->saving || self->file_etag == NULL)
    return FALSE;

  etag = query_etag (self->file);
  return etag != NULL && !g_str_equal (etag, self->file_etag);
}

static void
changed_response_cb (SlAlert          *dialog,
                     const char       *response,
                     SlWindow         *self)
{
  if (g_str_equal (response, "replace"))
    save_to (self, self->file);
  else if (g_str_equal (response, "save-as"))
    _sl_window_save_as (self);
  else
    self->close_after_save = FALSE;
}

/* Another program changed the file: saving over it would lose what that
 * program wrote, so the user chooses. */
static void
ask_to_replace_changed (SlWindow *self)
{
  g_autofree char *name = _sl_file_get_display_name (self->file);
  g_autofree char *heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
  SlAlert *dialog;

  dialog = sl_alert_new (heading,
                         _("Another program changed this file after Stormline opened it. Replacing "
                           "it loses what the other program wrote; Save As keeps both."));
  sl_alert_add_responses (dialog,
                          "cancel", _("_Cancel"),
                          "save-as", _("Save _As…"),
                          "replace", _("_Replace"),
                          NULL);
  sl_alert_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  sl_alert_set_default_response (dialog, "save-as");
  sl_alert_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (changed_response_cb), self, 0);
  sl_alert_present (dialog, GTK_WIDGET (self));
}

void
_sl_window_save (SlWindow *self)
{
  if (!_sl_window_finish_gestures (self))
    {
      self->close_after_save = FALSE;
      return;
    }

  if (self->file == NULL)
    _sl_window_save_as (self);
  else if (file_changed_on_disk (self))
    ask_to_replace_changed (self);
  else
    save_to (self, self->file);
}

/* Opening */

static void
open_chosen (SlWindow       *self,
             GFile          *file,
             GtkFileChooser *chooser)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (file != NULL)
    g_application_open (app, &file, 1, "");
}

void
_sl_window_open (SlWindow *self)
{
  g_autoptr(GtkFileFilter) filter = model_filter ();
  GtkFileFilter *filters[] = { filter, NULL };

  _sl_window_choose_file (self, _("Open Model"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), filters, NULL,
                          NULL, NULL, open_chosen);
}

/* A file dropped from the file manager opens as File → Open would open it,
 * and an eventmodelers export is imported as Import does: both in a window
 * of their own, so the model on this board stays as it is. The name tells
 * them apart, as the two choosers' filters do: a model is JSON too. */
void
_sl_window_open_dropped (SlWindow *self,
                         GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  if (lower != NULL && g_str_has_suffix (lower, ".json"))
    sl_window_import (self, file);
  else
    open_chosen (self, file, NULL);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

/**
 * _sl_window_update_recent:
 *
 * Lists the models opened or saved last, newest first, in the main menu.
 */
void
_sl_window_update_recent (SlWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) models = g_ptr_array_new ();

  g_menu_remove_all (self->recent_section);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_str_has_suffix (gtk_recent_info_get_uri (info), SL_FORMAT_SUFFIX) &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (models, info);
    }
  g_ptr_array_sort (models, compare_recent);

  for (guint i = 0; i < MIN (models->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (models, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_section, item);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Import and export of the eventmodelers format */

static void
show_warnings (GtkWindow  *parent,
               const char *heading,
               GPtrArray  *warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *scrolled, *label;
  SlAlert *dialog;

  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *warning = sl_text_escape_controls (g_ptr_array_index (warnings, i));

      g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", warning);
    }

  dialog = sl_alert_new (heading, _("These parts of the file could not be used as they are:"));
  label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  sl_alert_set_extra_child (dialog, scrolled);
  sl_alert_add_response (dialog, "close", _("_Close"));
  sl_alert_set_default_response (dialog, "close");
  sl_alert_present (dialog, GTK_WIDGET (parent));
}

static void
import_chosen (SlWindow       *self,
               GFile          *file,
               GtkFileChooser *chooser)
{
  if (file != NULL)
    sl_window_import (self, file);
}

void
_sl_window_choose_import (SlWindow *self)
{
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileFilter *filters[] = { filter, NULL };

  _sl_window_choose_file (self, _("Import an Eventmodelers Export"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                          filters, NULL, NULL, NULL, import_chosen);
}

static void
export_eventmodelers_chosen (SlWindow       *self,
                             GFile          *file,
                             GtkFileChooser *chooser)
{
  if (file != NULL)
    sl_window_export_eventmodelers (self, file);
}

void
_sl_window_choose_export_eventmodelers (SlWindow *self)
{
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileFilter *filters[] = { filter, NULL };
  g_autofree char *name = NULL;

  if (!_sl_window_finish_gestures (self))
    return;

  name = offered_name (self, ".json");
  _sl_window_choose_file (self, _("Export for Eventmodelers"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                          filters, NULL, name, NULL, export_eventmodelers_chosen);
}

/* Closing */

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (data);
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (SlAlert          *dialog,
                   const char       *response,
                   SlWindow         *self)
{
  /* The dialog belongs to the window: it goes once its response is over. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      _sl_window_save (self);
    }
}

/**
 * _sl_window_ask_to_save:
 *
 * Asks whether the changes are saved before the window closes, or keeps
 * it open while a gesture is in progress.
 *
 * Returns: whether the window stays open for now
 */
gboolean
_sl_window_ask_to_save (SlWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  SlAlert *dialog;

  if (!_sl_window_finish_gestures (self))
    return TRUE;

  if (!sl_history_get_modified (sl_document_get_history (self->document)))
    return FALSE;

  name = _sl_window_get_display_name (self);
  body = g_strdup_printf (_("“%s” has changes that are not saved. Changes that are not saved will be lost."), name);
  dialog = sl_alert_new (_("Save Changes?"), body);
  sl_alert_add_responses (dialog,
                          "cancel", _("_Cancel"),
                          "discard", _("_Discard"),
                          "save", _("_Save"),
                          NULL);
  sl_alert_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  sl_alert_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  sl_alert_set_default_response (dialog, "save");
  sl_alert_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  sl_alert_present (dialog, GTK_WIDGET (self));

  return TRUE;
}

/**
 * sl_window_save_to:
 *
 * Saves the model to @file, as File › Save As does once a file is chosen.
 */
void
sl_window_save_to (SlWindow *self,
                   GFile    *file)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  save_to (self, file);
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

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (error != NULL);

  name = _sl_file_get_display_name (file);
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  _sl_window_show_failure (self, heading, error);
}

/**
 * sl_window_import:
 *
 * Imports an eventmodelers export into a new window, and tells what could
 * not be used.
 */
void
sl_window_import (SlWindow *self,
                  GFile    *file)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *app;
  SlWindow *window;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!(bytes = sl_json_read_file (file, &error)) ||
      !(document = sl_eventmodelers_import (bytes, &warnings, &error)))
    {
      g_autofree char *name = _sl_file_get_display_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), name);

      _sl_window_show_failure (self, heading, error);
      return;
    }

  app = gtk_window_get_application (GTK_WINDOW (self));
  window = sl_window_new (SL_APPLICATION (app), document, NULL);
  gtk_window_present (GTK_WINDOW (window));

  if (warnings->len > 0)
    {
      g_autofree char *name = _sl_file_get_display_name (file);
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported “%s” With %u Warning",
                                                               "Imported “%s” With %u Warnings", warnings->len),
                                                  name, warnings->len);

      show_warnings (GTK_WINDOW (window), heading, warnings);
    }
}

/**
 * sl_window_export_eventmodelers:
 *
 * Writes the model as an eventmodelers export, and tells what the format
 * could not carry.
 */
void
sl_window_export_eventmodelers (SlWindow *self,
                                GFile    *file)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = _sl_file_get_display_name (file);
  bytes = sl_eventmodelers_export (self->document, &warnings);
  if (!sl_file_write_atomically (file, bytes, NULL, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      _sl_window_show_failure (self, heading, error);
      return;
    }

  if (warnings->len > 0)
    {
      g_autofree char *heading = g_strdup_printf (_("Exported “%s” Without Some Parts"), name);

      show_warnings (GTK_WINDOW (self), heading, warnings);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

      _sl_window_show_toast (self, text);
    }
}
