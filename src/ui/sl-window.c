/* sl-window.c: a window for one model: its board, its file, its history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sl-canvas.h"
#include "sl-export.h"
#include "sl-guide.h"
#include "sl-inspector.h"
#include "sl-overview.h"
#include "sl-renderer.h"
#include "sl-window.h"

struct _SlWindow
{
  AdwApplicationWindow parent_instance;

  SlDocument *document;
  GFile *file;
  SlCanvas *canvas;
  guint changes;          /* steps done, undone or redone since the window opened */
  gboolean close_after_save;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkBox *palette;
  GtkOverlay *board_overlay;
  AdwFlap *flap;
  GtkToggleButton *guide_button;
  GtkToggleButton *inspector_button;
  GtkRevealer *inspector_revealer;
  GtkBox *inspector_box;
  SlInspector *inspector;
  SlNote *note_to_show;     /* weak: shown once the inspector is in */
  SlGuide *guide;
  SlChecker *checker;
  GtkWidget *palette_buttons[SL_N_NOTE_KINDS];
  gboolean dim_others;
  GMenu *primary_menu;
  GMenu *recent_section;
  GtkPrintSettings *print_settings; /* as the last print left them */
  GtkPageSetup *page_setup;
};

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  PROP_DIM_OTHERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The kinds the palette offers, in the order of the process. */
static const SlNoteKind palette_kinds[] = {
  SL_NOTE_EVENT, SL_NOTE_COMMAND, SL_NOTE_VIEW, SL_NOTE_SCREEN, SL_NOTE_AUTOMATION,
  SL_NOTE_EXTERNAL, SL_NOTE_ACTOR, SL_NOTE_AGGREGATE, SL_NOTE_HOTSPOT, SL_NOTE_COMMENT,
};

static const char *palette_keys[] = { "E", "C", "V", "S", "A", "X", "U", "G", "H", "N" };

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
get_display_name (SlWindow *self)
{
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled Model"));
}

static char *
get_display_title (SlWindow *self)
{
  const char *title = sl_document_get_title (self->document);

  if (*title != 0)
    return g_strdup (title);
  return get_display_name (self);
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
update_actions (SlWindow *self)
{
  SlHistory *history = sl_document_get_history (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", sl_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", sl_history_can_redo (history));
}

static void
document_changed_cb (SlWindow *self)
{
  self->changes++;
  update_title (self);
  update_actions (self);
}

static void
set_file (SlWindow *self,
          GFile    *file)
{
  if (g_set_object (&self->file, file))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      update_title (self);
    }
}

static void
show_error (SlWindow   *self,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saving */

typedef struct
{
  SlWindow *window;
  GFile *file;
  guint changes;        /* the window's count when the save began */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->file);
  g_free (data);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveData *data = user_data;
  SlWindow *self = data->window;
  g_autoptr(GError) error = NULL;

  if (!sl_format_save_file_finish (result, &error))
    {
      g_autofree char *name = g_file_get_basename (data->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      self->close_after_save = FALSE;
      show_error (self, heading, error->message);
      save_data_free (data);
      return;
    }

  set_file (self, data->file);

  /* What was written is the document as it was when the save began: if it
   * changed since, it is still modified. */
  if (self->changes == data->changes)
    sl_history_set_save_point (sl_document_get_history (self->document));

  {
    g_autofree char *uri = g_file_get_uri (data->file);

    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }

  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));

  save_data_free (data);
}

static void
save_to (SlWindow *self,
         GFile    *file)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  data->changes = self->changes;
  sl_format_save_file_async (self->document, file, NULL, save_done_cb, data);
}

/* Replacing a file */

typedef void (*WriteFunc) (SlWindow *self,
                           GFile    *file,
                           gpointer  data);

typedef struct
{
  SlWindow *self;
  GFile *file;
  WriteFunc write;
  WriteFunc cancel;
  gpointer data;
  GDestroyNotify destroy;
} Pending;

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
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  if (g_str_equal (response, "replace"))
    pending->write (pending->self, pending->file, pending->data);
  else if (pending->cancel != NULL)
    pending->cancel (pending->self, pending->file, pending->data);
  pending_free (pending);
}

/* The file chooser asks before it replaces the file chosen; when a
 * suffix is added to the name afterwards, the file is another one, and
 * this asks about it before @write writes it. */
static void
write_asking (SlWindow       *self,
              GFile          *file,
              gboolean        renamed,
              WriteFunc       write,
              WriteFunc       cancel,
              gpointer        data,
              GDestroyNotify  destroy)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  Pending *pending;
  GtkWidget *dialog;

  if (!renamed || !g_file_query_exists (file, NULL))
    {
      write (self, file, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  name = g_file_get_basename (file);
  heading = g_strdup_printf (_("Replace “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("A file with this name is there already. Replacing it overwrites what it holds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  pending = g_new0 (Pending, 1);
  *pending = (Pending) { g_object_ref (self), g_object_ref (file), write, cancel, data, destroy };
  g_signal_connect (dialog, "response", G_CALLBACK (replace_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
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
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SlWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (chosen);
      gboolean renamed = !g_str_has_suffix (name, SL_FORMAT_SUFFIX);

      if (!renamed)
        file = g_object_ref (chosen);
      else
        {
          g_autofree char *with_suffix = g_strconcat (name, SL_FORMAT_SUFFIX, NULL);
          g_autoptr(GFile) parent = g_file_get_parent (chosen);

          file = g_file_get_child (parent, with_suffix);
        }

      write_asking (self, file, renamed, save_as_write, save_as_cancel, NULL, NULL);
    }
  else
    self->close_after_save = FALSE;

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* A text being typed is part of the model: it ends before a save or a
 * close. A drag in progress is not: it must end first. */
static gboolean
finish_gestures (SlWindow *self)
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

static void
save_as (SlWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = model_filter ();

  if (!finish_gestures (self))
    return;

  dialog = gtk_file_chooser_native_new (_("Save Model"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    {
      const char *title = sl_document_get_title (self->document);

      /* Translators: the file name offered for a model without a title */
      name = g_strconcat (*title ? title : _("Untitled Model"), SL_FORMAT_SUFFIX, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save (SlWindow *self)
{
  if (!finish_gestures (self))
    {
      self->close_after_save = FALSE;
      return;
    }

  if (self->file == NULL)
    save_as (self);
  else
    save_to (self, self->file);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  g_autoptr(SlDocument) document = sl_window_new_document ();

  gtk_window_present (GTK_WINDOW (sl_window_new (SL_APPLICATION (app), document, NULL)));
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      g_application_open (app, &file, 1, "");
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = model_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Model"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

#define MAX_RECENT 8

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

/* The models opened or saved last, newest first, in the main menu. */
static void
update_recent (SlWindow *self)
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

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget)));

  g_application_open (app, &file, 1, "");
}

/* Import and export of the eventmodelers format */

static void
show_warnings (GtkWindow  *parent,
               const char *heading,
               GPtrArray  *warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *dialog, *scrolled, *label;

  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (warnings, i));

  dialog = adw_message_dialog_new (parent, heading,
                                   _("These parts of the file could not be used as they are:"));
  label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
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
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), name);

      show_error (self, heading, error->message);
      return;
    }

  app = gtk_window_get_application (GTK_WINDOW (self));
  window = sl_window_new (SL_APPLICATION (app), document, NULL);
  gtk_window_present (GTK_WINDOW (window));

  if (warnings->len > 0)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported “%s” With %u Warning",
                                                               "Imported “%s” With %u Warnings", warnings->len),
                                                  name, warnings->len);

      show_warnings (GTK_WINDOW (window), heading, warnings);
    }
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      sl_window_import (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Import an Eventmodelers Export"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
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

  name = g_file_get_basename (file);
  bytes = sl_eventmodelers_export (self->document, &warnings);
  if (!sl_format_write_file (file, bytes, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      show_error (self, heading, error->message);
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
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      sl_window_export_eventmodelers (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = json_filter ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  const char *title = sl_document_get_title (self->document);

  if (!finish_gestures (self))
    return;

  dialog = gtk_file_chooser_native_new (_("Export for Eventmodelers"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strconcat (*title ? title : _("Untitled Model"), ".json", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Printing */

/**
 * sl_window_create_print_operation:
 *
 * Returns: (transfer full): a print operation of the board, with the
 *   selection, the view and the settings of the last print
 */
SlPrintOperation *
sl_window_create_print_operation (SlWindow *self)
{
  g_autofree char *name = get_display_name (self);
  SlPrintOperation *operation;
  SlRect selection, view;
  gboolean has_selection;

  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  operation = sl_print_operation_new (sl_canvas_get_layout (self->canvas), name);
  has_selection = sl_canvas_get_selection_bounds (self->canvas, &selection);
  sl_canvas_get_visible_region (self->canvas, &view);
  sl_print_operation_set_areas (operation, has_selection ? &selection : NULL, &view);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (operation), name);

  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), self->print_settings);
  if (self->page_setup == NULL)
    {
      /* A board is a wide thing. */
      self->page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_orientation (self->page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    }
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), self->page_setup);

  return operation;
}

/* The print runs to its end before the window goes on: the pages are
 * laid out and drawn from the board as it is when Print is pressed, and
 * the window cannot close in between. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(SlPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (!finish_gestures (self))
    return;

  operation = sl_window_create_print_operation (self);
  switch (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                   GTK_WINDOW (self), &error))
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (operation)));
      g_set_object (&self->page_setup, gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (operation)));
      break;
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      {
        g_autofree char *name = get_display_name (self);
        g_autofree char *heading = g_strdup_printf (_("Could Not Print “%s”"), name);

        show_error (self, heading, error->message);
        break;
      }
    default:
      break;
    }
}

/* Export of pictures and the specification */

static const struct {
  const char *suffix;
  const char *mime_type;
  const char *name;
} export_formats[] = {
  [SL_WINDOW_EXPORT_PDF] = { "pdf", "application/pdf", N_("PDF Documents") },
  [SL_WINDOW_EXPORT_SVG] = { "svg", "image/svg+xml", N_("SVG Images") },
  [SL_WINDOW_EXPORT_PNG] = { "png", "image/png", N_("PNG Images") },
  [SL_WINDOW_EXPORT_MARKDOWN] = { "md", "text/markdown", N_("Specifications (Markdown)") },
};

/* A4, landscape, in points: what an exported PDF is printed on. */
#define EXPORT_PAGE_WIDTH  841.890
#define EXPORT_PAGE_HEIGHT 595.276

static gboolean
format_from_name (const char         *name,
                  SlWindowExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autofree char *suffix = g_strconcat (".", export_formats[i].suffix, NULL);

      if (g_str_has_suffix (lower, suffix))
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * sl_window_export:
 * @what: the part of the board drawn (the specification is always the
 *   whole model)
 * @scale: points (SVG) or pixels (PNG) a board unit
 * @flags: for a PDF, whether it is tiled and has the scenarios
 *
 * Writes the board as a PDF on A4 pages (fit on one, or tiled at a
 * legible size), an SVG or a PNG image, or the model's specification in
 * Markdown, and says how it went.
 *
 * Returns: whether @file was written
 */
gboolean
sl_window_export (SlWindow             *self,
                  GFile                *file,
                  SlWindowExportFormat  format,
                  SlPrintWhat           what,
                  double                scale,
                  SlWindowExportFlags   flags)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *model_name = NULL;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format < G_N_ELEMENTS (export_formats), FALSE);
  g_return_val_if_fail (scale > 0, FALSE);

  name = g_file_get_basename (file);
  model_name = get_display_name (self);

  if (format == SL_WINDOW_EXPORT_MARKDOWN)
    {
      char *markdown = sl_spec_to_markdown (self->document, model_name);

      bytes = g_bytes_new_take (markdown, strlen (markdown));
    }
  else
    {
      g_autoptr(SlPrintJob) job = sl_print_job_new (sl_canvas_get_layout (self->canvas));
      SlRect region;

      sl_print_job_set_file_name (job, model_name);
      if (what == SL_PRINT_SELECTION && sl_canvas_get_selection_bounds (self->canvas, &region))
        sl_print_job_set_region (job, &region);
      else if (what == SL_PRINT_VIEW)
        {
          sl_canvas_get_visible_region (self->canvas, &region);
          sl_print_job_set_region (job, &region);
        }

      if (format == SL_WINDOW_EXPORT_PDF)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          sl_print_job_set_date (job, now);
          sl_print_job_set_legend (job, TRUE);
          sl_print_job_set_fit_to_page (job, (flags & SL_WINDOW_EXPORT_TILED) == 0);
          sl_print_job_set_scenarios (job, (flags & SL_WINDOW_EXPORT_SCENARIOS) != 0);
          bytes = sl_export_pdf (job, EXPORT_PAGE_WIDTH, EXPORT_PAGE_HEIGHT, &error);
        }
      else if (format == SL_WINDOW_EXPORT_SVG)
        bytes = sl_export_svg (job, scale, &error);
      else
        bytes = sl_export_png (job, scale, &error);
    }

  if (bytes == NULL || !sl_format_write_file (file, bytes, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);

      show_error (self, heading, error->message);
      return FALSE;
    }

  {
    g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);
    g_autofree char *escaped = g_markup_escape_text (text, -1);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  }
  return TRUE;
}

typedef struct
{
  SlWindowExportFormat format;
  SlPrintWhat what;
  double scale;
  SlWindowExportFlags flags;
} ExportChoice;

static void
export_write (SlWindow *self,
              GFile    *file,
              gpointer  data)
{
  ExportChoice *choice = data;

  sl_window_export (self, file, choice->format, choice->what, choice->scale, choice->flags);
}

static void
export_board_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      const char *what = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "what");
      const char *scale = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scale");
      const char *pages = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "pages");
      const char *scenarios = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scenarios");
      ExportChoice *choice = g_new0 (ExportChoice, 1);
      gboolean renamed = FALSE;

      choice->what = g_strcmp0 (what, "selection") == 0 ? SL_PRINT_SELECTION
                     : g_strcmp0 (what, "view") == 0 ? SL_PRINT_VIEW : SL_PRINT_WHOLE_BOARD;
      choice->scale = scale != NULL ? g_ascii_strtod (scale, NULL) : 1.0;
      if (g_strcmp0 (pages, "tiled") == 0)
        choice->flags |= SL_WINDOW_EXPORT_TILED;
      if (g_strcmp0 (scenarios, "true") == 0)
        choice->flags |= SL_WINDOW_EXPORT_SCENARIOS;

      /* The name says the format; without a known suffix, the filter
       * chosen does, and gives the name its suffix. */
      if (!format_from_name (name, &choice->format))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *named = NULL;

          if (filter != NULL)
            choice->format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (filter), "sl-export-format"));
          named = g_strconcat (name, ".", export_formats[choice->format].suffix, NULL);
          g_clear_object (&file);
          file = g_file_get_child (parent, named);
          renamed = TRUE;
        }

      write_asking (self, file, renamed, export_write, NULL, choice, g_free);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_board_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  static const char *what_ids[] = { "board", "selection", "view", NULL };
  const char *what_labels[] = { _("The Whole Board"), _("The Selected Notes"), _("What Is in View"), NULL };
  static const char *scale_ids[] = { "1", "2", "4", NULL };
  const char *scale_labels[] = { _("Actual Size"), _("Twice the Size"), _("Four Times the Size"), NULL };
  static const char *pages_ids[] = { "fit", "tiled", NULL };
  const char *pages_labels[] = { _("On One Page"), _("Over Several Pages"), NULL };
  g_autofree char *title = get_display_title (self);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (!finish_gestures (self))
    return;

  dialog = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(export_formats[i].name));
      gtk_file_filter_add_mime_type (filter, export_formats[i].mime_type);
      gtk_file_filter_add_suffix (filter, export_formats[i].suffix);
      g_object_set_data (G_OBJECT (filter), "sl-export-format", GUINT_TO_POINTER (i));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }

  /* Translators: a choice of the Export dialog: which part of the board */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "what", _("Board"), what_ids, what_labels);
  /* Translators: a choice of the Export dialog: the size of an SVG or PNG image */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "scale", _("Image Size"), scale_ids, scale_labels);
  /* Translators: a choice of the Export dialog: how a PDF lays the board out */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "pages", _("PDF Pages"), pages_ids, pages_labels);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "scenarios", _("Add the Scenarios to a PDF"), NULL, NULL);

  name = g_strconcat (title, ".pdf", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_board_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (SL_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (SL_WINDOW (widget));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  SlHistory *history = sl_document_get_history (self->document);

  /* An edit in progress ends before the history moves. */
  if (sl_canvas_is_editing (self->canvas))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  if (sl_history_in_group (history))
    return;

  if (g_str_equal (action_name, "win.undo"))
    sl_history_undo (history);
  else
    sl_history_redo (history);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autofree char *canvas_action = g_strconcat ("canvas.", action_name + strlen ("win."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), canvas_action, NULL);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  SlNoteKind kind;

  if (sl_note_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    sl_canvas_add_note (self->canvas, kind);
}

/* Closing */

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (data);
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SlWindow         *self)
{
  /* The dialog belongs to the window: it goes once its response is over. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      save (self);
    }
}

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (SL_IS_APPLICATION (app))
    {
      GSettings *settings = sl_application_get_settings (SL_APPLICATION (app));
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  if (!finish_gestures (self))
    return TRUE;

  if (!sl_history_get_modified (sl_document_get_history (self->document)))
    return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);

  name = get_display_name (self);
  body = g_strdup_printf (_("“%s” has changes that are not saved. Changes that are not saved will be lost."), name);
  dialog = adw_message_dialog_new (window, _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* The palette */

static GdkContentProvider *
palette_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         gpointer       user_data)
{
  SlNoteKind kind = GPOINTER_TO_INT (user_data);
  g_autofree char *data = g_strconcat ("stormline-kind:", sl_note_kind_to_string (kind), NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, data);
}

static GtkWidget *
create_palette_button (SlWindow   *self,
                       SlNoteKind  kind,
                       const char *key)
{
  g_autofree char *css_class = g_strconcat ("kind-", sl_note_kind_to_string (kind), NULL);
  g_autofree char *tooltip = NULL;
  GtkWidget *button, *box, *swatch, *label;
  GtkDragSource *source;

  button = gtk_button_new ();
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.add-note");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", sl_note_kind_to_string (kind));
  /* Translators: the tooltip of a palette button: what it does and its key */
  tooltip = g_strdup_printf (_("Add a Note of This Kind (%s), or Drag It onto a Lane"), key);
  gtk_widget_set_tooltip_text (button, tooltip);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  swatch = gtk_label_new (NULL);
  gtk_widget_add_css_class (swatch, "kind-swatch");
  gtk_widget_add_css_class (swatch, css_class);
  label = gtk_label_new (sl_note_kind_get_label (kind));
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sl_note_kind_get_label (kind),
                                  -1);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (palette_drag_prepare_cb), GINT_TO_POINTER (kind));
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));

  return button;
}

static gboolean
board_drop_cb (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               SlWindow      *self)
{
  const char *data = g_value_get_string (value);
  SlNoteKind kind;
  double bx, by;

  if (data == NULL || !g_str_has_prefix (data, "stormline-kind:") ||
      !sl_note_kind_from_string (data + strlen ("stormline-kind:"), &kind))
    return FALSE;

  sl_canvas_widget_to_board (self->canvas, x, y, &bx, &by);
  sl_canvas_add_note_at (self->canvas, kind, bx, by);
  return TRUE;
}

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  GString *css;

  if (loaded)
    return;
  loaded = TRUE;

  /* The palette's swatches take their colours from the renderer: one
   * legend on the board, the palette and paper. */
  document = sl_document_new ();
  layout = sl_layout_new (document);
  renderer = sl_renderer_new (layout);
  css = g_string_new (".kind-swatch { min-width: 14px; min-height: 14px; border-radius: 3px; "
                      "box-shadow: inset 0 0 0 1px alpha(black, 0.25); }\n"
                      "entry.note-editor { min-height: 28px; }\n");
  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      double rgb[3];

      sl_renderer_get_kind_color (renderer, kind, rgb);
      g_string_append_printf (css, ".kind-%s { background-color: rgb(%d,%d,%d); }\n",
                              sl_note_kind_to_string (kind),
                              (int) (rgb[0] * 255), (int) (rgb[1] * 255), (int) (rgb[2] * 255));
    }

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, css->len);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_string_free (css, TRUE);
}

static void
problem_activated_cb (SlWindow *self,
                      SlNote   *note)
{
  sl_canvas_show_note (self->canvas, note);

  /* Fixing a problem is mostly done in the inspector; once it has slid in
   * and taken its width from the board, the note is brought into view
   * again. */
  if (!gtk_revealer_get_child_revealed (self->inspector_revealer))
    g_set_weak_pointer (&self->note_to_show, note);
  gtk_toggle_button_set_active (self->inspector_button, TRUE);
}

static void
inspector_revealed_cb (SlWindow *self)
{
  if (gtk_revealer_get_child_revealed (self->inspector_revealer) && self->note_to_show != NULL)
    sl_canvas_show_note (self->canvas, self->note_to_show);
  g_clear_weak_pointer (&self->note_to_show);
}

/* The inspector shows the note when exactly one is selected. */
static void
selection_changed_cb (SlWindow *self)
{
  g_autoptr(GList) selection = sl_canvas_get_selection (self->canvas);

  sl_inspector_set_note (self->inspector,
                         selection != NULL && selection->next == NULL ? selection->data : NULL);
}

/* The board follows the step: the palette puts the kinds the step needs
 * first, and, when asked, the other notes fade. */
static void
follow_step (SlWindow *self)
{
  guint step = sl_document_get_step (self->document);
  guint kinds[SL_N_NOTE_KINDS];
  guint n = sl_process_get_step_kinds (step, kinds, G_N_ELEMENTS (kinds));
  guint focus = 0;
  GtkWidget *previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      focus |= 1u << kinds[i];
      gtk_box_reorder_child_after (self->palette, self->palette_buttons[kinds[i]], previous);
      previous = self->palette_buttons[kinds[i]];
    }
  for (guint i = 0; i < G_N_ELEMENTS (palette_kinds); i++)
    if (!(focus & (1u << palette_kinds[i])))
      {
        gtk_box_reorder_child_after (self->palette, self->palette_buttons[palette_kinds[i]], previous);
        previous = self->palette_buttons[palette_kinds[i]];
      }

  sl_canvas_set_dimmed_kinds (self->canvas, self->dim_others ? ~focus & ((1u << SL_N_NOTE_KINDS) - 1) : 0);
}

static void
problems_changed_cb (SlWindow *self)
{
  sl_canvas_set_problems (self->canvas, sl_guide_get_problems (self->guide),
                          sl_document_get_step (self->document));
  sl_inspector_set_problems (self->inspector, sl_guide_get_problems (self->guide));
}

static void
toggle_guide_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  gtk_toggle_button_set_active (self->guide_button, !gtk_toggle_button_get_active (self->guide_button));
}

static void
toggle_inspector_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  gtk_toggle_button_set_active (self->inspector_button, !gtk_toggle_button_get_active (self->inspector_button));
}

static void
canvas_message_cb (SlWindow   *self,
                   const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  /* A toast's title is markup; the message is plain text. */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* GObject */

static void
sl_window_constructed (GObject *object)
{
  SlWindow *self = (SlWindow *)object;
  GtkDropTarget *target;
  GtkWidget *overview;

  G_OBJECT_CLASS (sl_window_parent_class)->constructed (object);

  load_css ();

  self->canvas = SL_CANVAS (sl_canvas_new (self->document));
  gtk_overlay_set_child (self->board_overlay, GTK_WIDGET (self->canvas));

  self->checker = sl_checker_new (self->document);
  self->guide = SL_GUIDE (sl_guide_new (self->document, self->checker));
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->guide));
  g_object_bind_property (self->guide_button, "active", self->flap, "reveal-flap",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  self->inspector = SL_INSPECTOR (sl_inspector_new (self->document));
  gtk_box_append (self->inspector_box, GTK_WIDGET (self->inspector));
  g_object_bind_property (self->inspector_button, "active", self->inspector_revealer, "reveal-child",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->canvas, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector_revealer, "notify::child-revealed",
                           G_CALLBACK (inspector_revealed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->guide, "problem-activated",
                           G_CALLBACK (problem_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->guide, "problems-changed",
                           G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  problems_changed_cb (self);

  overview = sl_overview_new (self->canvas);
  gtk_widget_set_halign (overview, GTK_ALIGN_END);
  gtk_widget_set_valign (overview, GTK_ALIGN_END);
  gtk_widget_set_margin_end (overview, 12);
  gtk_widget_set_margin_bottom (overview, 12);
  gtk_widget_add_css_class (overview, "card");
  gtk_overlay_add_overlay (self->board_overlay, overview);

  for (guint i = 0; i < G_N_ELEMENTS (palette_kinds); i++)
    {
      self->palette_buttons[palette_kinds[i]] = create_palette_button (self, palette_kinds[i], palette_keys[i]);
      gtk_box_append (self->palette, self->palette_buttons[palette_kinds[i]]);
    }
  g_signal_connect_object (self->document, "notify::step", G_CALLBACK (follow_step), self, G_CONNECT_SWAPPED);
  follow_step (self);

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (board_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (self->canvas, "message",
                           G_CALLBACK (canvas_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_history (self->document), "notify::modified",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::title",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

  self->recent_section = g_menu_new ();
  g_menu_insert_section (self->primary_menu, 1, _("Recent Models"), G_MENU_MODEL (self->recent_section));
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  update_title (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = (SlWindow *)object;

  g_clear_weak_pointer (&self->note_to_show);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  g_clear_object (&self->checker);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->recent_section);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->page_setup);

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

    case PROP_DIM_OTHERS:
      g_value_set_boolean (value, self->dim_others);
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

    case PROP_DIM_OTHERS:
      if (self->dim_others != g_value_get_boolean (value))
        {
          self->dim_others = g_value_get_boolean (value);
          if (self->canvas != NULL)
            follow_step (self);
          g_object_notify_by_pspec (object, pspec);
        }
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

  /**
   * SlWindow:file:
   *
   * Where the model is saved; %NULL until it is.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SlWindow:dim-others:
   *
   * Whether the notes the current step is not about are drawn faded.
   */
  properties[PROP_DIM_OTHERS] =
    g_param_spec_boolean ("dim-others", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, board_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, guide_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, inspector_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, inspector_box);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, primary_menu);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-guide", NULL, toggle_guide_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL, toggle_inspector_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.toggle-inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK, "win.toggle-inspector", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.dim-others", "dim-others");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-guide", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-eventmodelers", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_board_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-selection", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", "s", add_note_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
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
 * sl_window_get_inspector:
 *
 * Returns: (transfer none): the inspector of the selected note
 */
SlInspector *
sl_window_get_inspector (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->inspector;
}

/**
 * sl_window_get_guide:
 *
 * Returns: (transfer none): the guide through the steps
 */
SlGuide *
sl_window_get_guide (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->guide;
}

/**
 * sl_window_get_canvas:
 *
 * Returns: (transfer none): the board
 */
SlCanvas *
sl_window_get_canvas (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->canvas;
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

  name = g_file_get_basename (file);
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  show_error (self, heading, error->message);
}
