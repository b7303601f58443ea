/* sl-codegen-dialog.c: Generate Code…, the model as code and tests
 *
 * The choices of `stormline-cli generate`: the language, the output folder
 * (through the file chooser, or the portal's), and whether to generate past
 * the check's errors. Without that switch, a model whose check has errors
 * is refused and the dialog says how many and which; a folder that cannot
 * be written says why, and the dialog stays with every choice made. After
 * generating, a toast on the window says how many files went where, and
 * the dialog closes. The language is remembered, and the folder for each
 * saved model (both in GSettings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-codegen-dialog.h"
#include "sl-window-private.h"

struct _SlCodegenDialog
{
  AdwWindow parent_instance;

  SlWindow *window; /* weak */
  GSettings *settings;
  GFile *folder;
#if GTK_CHECK_VERSION (4, 10, 0)
  GCancellable *choosing; /* while the folder chooser is open */
#else
  GtkFileChooserNative *chooser;
#endif

  AdwComboRow *language_row;
  AdwActionRow *folder_row;
  GtkSwitch *force_switch;
  GtkWidget *generate_button;
  GtkWidget *message_box;
  GtkLabel *message_heading;
  GtkLabel *message_label;
};

G_DEFINE_FINAL_TYPE (SlCodegenDialog, sl_codegen_dialog, ADW_TYPE_WINDOW)

#define DEFAULT_WIDTH 480
#define DEFAULT_HEIGHT 440
#define MIN_WIDTH 360

/* The key the folder of the window's model is remembered under, or NULL
 * for a model never saved. */
static char *
model_key (SlCodegenDialog *self)
{
  GFile *file = self->window != NULL ? sl_window_get_file (self->window) : NULL;

  return file != NULL ? g_file_get_uri (file) : NULL;
}

static void
remember_folder (SlCodegenDialog *self)
{
  g_autofree char *key = model_key (self);
  g_autofree char *uri = NULL;
  g_autoptr(GVariant) folders = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  GVariantBuilder builder;
  const char *model, *folder;

  if (key == NULL || self->folder == NULL)
    return;

  uri = g_file_get_uri (self->folder);
  folders = g_settings_get_value (self->settings, "codegen-folders");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  iter = g_variant_iter_new (folders);
  while (g_variant_iter_next (iter, "{&s&s}", &model, &folder))
    if (!g_str_equal (model, key))
      g_variant_builder_add (&builder, "{ss}", model, folder);
  g_variant_builder_add (&builder, "{ss}", key, uri);
  g_settings_set_value (self->settings, "codegen-folders", g_variant_builder_end (&builder));
}

static void
restore_folder (SlCodegenDialog *self)
{
  g_autofree char *key = model_key (self);
  g_autoptr(GVariant) folders = NULL;
  const char *uri = NULL;

  if (key == NULL)
    return;
  folders = g_settings_get_value (self->settings, "codegen-folders");
  if (g_variant_lookup (folders, key, "&s", &uri) && *uri != 0)
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (uri);

      sl_codegen_dialog_set_folder (self, folder);
    }
}

static void
show_message (SlCodegenDialog *self,
              const char      *heading,
              const char      *text)
{
  gtk_label_set_text (self->message_heading, heading);
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (self->message_box, TRUE);
}

static void
hide_message (SlCodegenDialog *self)
{
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_label_set_text (self->message_label, "");
}

/* The folder */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
folder_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SlCodegenDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), result, &error);

  /* The dialog was closed (its window too, maybe) while the chooser was
   * open: dispose cancelled it, and its rows are gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->choosing == NULL)
    return;

  g_clear_object (&self->choosing);
  if (folder != NULL)
    sl_codegen_dialog_set_folder (self, folder);
}

static void
choose_folder (SlCodegenDialog *self)
{
  g_autoptr(GtkFileDialog) dialog = NULL;

  if (self->choosing != NULL)
    return;

  dialog = gtk_file_dialog_new ();
  self->choosing = g_cancellable_new ();
  gtk_file_dialog_set_title (dialog, _("Output Folder"));
  gtk_file_dialog_set_accept_label (dialog, _("_Select"));
  if (self->folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, self->folder);
  gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), self->choosing, folder_chosen_cb, g_object_ref (self));
}
#else
static void
folder_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    SlCodegenDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (folder != NULL)
        sl_codegen_dialog_set_folder (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder (SlCodegenDialog *self)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Output Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), self->folder, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (folder_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
#endif

static void
choose_clicked_cb (SlCodegenDialog *self)
{
  choose_folder (self);
}

static void
language_changed_cb (SlCodegenDialog *self)
{
  SlCodegenLanguage language = sl_codegen_dialog_get_language (self);

  g_settings_set_string (self->settings, "codegen-language", sl_codegen_language_to_string (language));
  hide_message (self);
}

static void
generate_clicked_cb (SlCodegenDialog *self)
{
  sl_codegen_dialog_generate (self);
}

/* The dialog */

static void
sl_codegen_dialog_dispose (GObject *object)
{
  SlCodegenDialog *self = SL_CODEGEN_DIALOG (object);

#if GTK_CHECK_VERSION (4, 10, 0)
  g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);
#else
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
#endif
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (sl_codegen_dialog_parent_class)->dispose (object);
}

static void
sl_codegen_dialog_class_init (SlCodegenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_codegen_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
sl_codegen_dialog_init (SlCodegenDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("folder-open-symbolic");
  GtkWidget *force_row = adw_action_row_new ();
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_title (GTK_WINDOW (self), _("Generate Code"));
  gtk_window_set_default_size (GTK_WINDOW (self), DEFAULT_WIDTH, DEFAULT_HEIGHT);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), MIN_WIDTH, 300);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->generate_button = gtk_button_new_with_mnemonic (_("_Generate"));
  gtk_widget_add_css_class (self->generate_button, "suggested-action");
  gtk_widget_set_sensitive (self->generate_button, FALSE);
  g_signal_connect_swapped (self->generate_button, "clicked", G_CALLBACK (generate_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->generate_button);
  gtk_box_append (GTK_BOX (content), header);

  /* The language */
  for (SlCodegenLanguage language = SL_CODEGEN_TYPESCRIPT; language <= SL_CODEGEN_KOTLIN; language++)
    gtk_string_list_append (languages, sl_codegen_language_get_label (language));
  self->language_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->language_row), _("_Language"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->language_row), TRUE);
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->language_row));

  /* The folder */
  self->folder_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _("Output _Folder"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->folder_row), TRUE);
  adw_action_row_set_subtitle (self->folder_row, _("None chosen"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_tooltip_text (choose, _("Choose the Output Folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the Output Folder"), -1);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_clicked_cb), self);
  adw_action_row_add_suffix (self->folder_row, choose);
  adw_action_row_set_activatable_widget (self->folder_row, choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->folder_row));

  /* Past the check */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (force_row), _("Generate even when the check has _errors"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (force_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (force_row),
                               _("Code from a model that is not complete yet needs more work by hand"));
  self->force_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->force_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (force_row), GTK_WIDGET (self->force_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (force_row), GTK_WIDGET (self->force_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), force_row);

  gtk_box_append (GTK_BOX (page), group);

  /* What went wrong */
  self->message_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->message_heading = GTK_LABEL (new_label ("heading"));
  self->message_label = GTK_LABEL (new_label (NULL));
  gtk_box_append (GTK_BOX (self->message_box), GTK_WIDGET (self->message_heading));
  gtk_box_append (GTK_BOX (self->message_box), GTK_WIDGET (self->message_label));
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_box_append (GTK_BOX (page), self->message_box);

  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);

  {
    g_autofree char *saved = g_settings_get_string (self->settings, "codegen-language");
    SlCodegenLanguage language;

    if (sl_codegen_language_from_string (saved, &language))
      adw_combo_row_set_selected (self->language_row, language);
  }
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (language_changed_cb), self);
  g_signal_connect_swapped (self->force_switch, "notify::active", G_CALLBACK (hide_message), self);
}

/**
 * sl_codegen_dialog_new:
 * @window: the window whose model is generated
 *
 * Returns: (transfer none): a new dialog, transient for @window, with the
 *   language last used and the folder last used for @window's model
 */
SlCodegenDialog *
sl_codegen_dialog_new (SlWindow *window)
{
  SlCodegenDialog *self;
  int width;

  g_return_val_if_fail (SL_IS_WINDOW (window), NULL);

  self = g_object_new (SL_TYPE_CODEGEN_DIALOG, "transient-for", window, NULL);
  /* On a phone's width, as wide as the window. */
  width = gtk_widget_get_width (GTK_WIDGET (window));
  if (width > 0 && width < DEFAULT_WIDTH)
    gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, MIN_WIDTH), DEFAULT_HEIGHT);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  restore_folder (self);
  return self;
}

GFile *
sl_codegen_dialog_get_folder (SlCodegenDialog *self)
{
  g_return_val_if_fail (SL_IS_CODEGEN_DIALOG (self), NULL);

  return self->folder;
}

/**
 * sl_codegen_dialog_set_folder:
 *
 * Sets the folder the code goes into, as the folder chooser does.
 */
void
sl_codegen_dialog_set_folder (SlCodegenDialog *self,
                              GFile           *folder)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SL_IS_CODEGEN_DIALOG (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
  if (folder != NULL)
    name = _sl_file_get_display_name (folder);
  adw_action_row_set_subtitle (self->folder_row, name != NULL ? name : _("None chosen"));
  gtk_widget_set_sensitive (self->generate_button, folder != NULL);
  hide_message (self);
}

SlCodegenLanguage
sl_codegen_dialog_get_language (SlCodegenDialog *self)
{
  guint selected;

  g_return_val_if_fail (SL_IS_CODEGEN_DIALOG (self), SL_CODEGEN_TYPESCRIPT);

  selected = adw_combo_row_get_selected (self->language_row);
  return selected <= SL_CODEGEN_KOTLIN ? (SlCodegenLanguage) selected : SL_CODEGEN_TYPESCRIPT;
}

void
sl_codegen_dialog_set_language (SlCodegenDialog   *self,
                                SlCodegenLanguage  language)
{
  g_return_if_fail (SL_IS_CODEGEN_DIALOG (self));
  g_return_if_fail (language <= SL_CODEGEN_KOTLIN);

  adw_combo_row_set_selected (self->language_row, language);
}

void
sl_codegen_dialog_set_force (SlCodegenDialog *self,
                             gboolean         force)
{
  g_return_if_fail (SL_IS_CODEGEN_DIALOG (self));

  gtk_switch_set_active (self->force_switch, force);
}

/**
 * sl_codegen_dialog_get_message:
 *
 * Returns: what the dialog says went wrong, or "" when it says nothing
 */
const char *
sl_codegen_dialog_get_message (SlCodegenDialog *self)
{
  g_return_val_if_fail (SL_IS_CODEGEN_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->message_box) ? gtk_label_get_text (self->message_label) : "";
}

/**
 * sl_codegen_dialog_generate:
 *
 * Generates the code, as the Generate button does: on success the window
 * shows a toast and the dialog is destroyed; otherwise the dialog says
 * why and stays.
 *
 * Returns: whether the code was generated
 */
gboolean
sl_codegen_dialog_generate (SlCodegenDialog *self)
{
  g_autoptr(SlCodegenReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *text = NULL;
  SlCodegenFlags flags = SL_CODEGEN_FLAGS_NONE;
  guint n_files;

  g_return_val_if_fail (SL_IS_CODEGEN_DIALOG (self), FALSE);

  if (self->window == NULL || self->folder == NULL)
    return FALSE;

  if (gtk_switch_get_active (self->force_switch))
    flags |= SL_CODEGEN_FORCE;
  /* Not the translated "Untitled Model": the generated code must not
   * depend on the language of whoever generates it. */
  model_name = sl_window_get_file (self->window) != NULL ? g_file_get_basename (sl_window_get_file (self->window))
                                                         : g_strdup ("untitled.stormline");
  report = sl_codegen_run (sl_window_get_document (self->window), sl_codegen_dialog_get_language (self),
                           model_name, self->folder, flags, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_CHECK_FAILED))
        show_message (self, _("Nothing Generated: the Check Has Errors"), error->message);
      else
        show_message (self, _("Could Not Generate Code"), error->message);
      return FALSE;
    }

  remember_folder (self);
  folder_name = _sl_file_get_display_name (self->folder);
  n_files = sl_codegen_report_get_n_files (report);
  text = g_strdup_printf (ngettext ("Wrote %u file to “%s”", "Wrote %u files to “%s”", n_files),
                          n_files, folder_name);
  _sl_window_show_toast (self->window, text);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
