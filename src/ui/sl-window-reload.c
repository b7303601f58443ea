/* sl-window-reload.c: the model's file changed on disk: reload it, or
 * merge the unsaved changes with it
 *
 * A `git pull` or a checkout rewrites the file under an open window. The
 * window watches its file and compares what is on disk with the bytes it
 * last loaded or saved: the bytes, not the time, so that a touch or the
 * window's own save offers nothing. When they differ, a bar over the
 * board offers to reload the model, or, with unsaved changes, to merge
 * them with the file through the three-way merge of `stormline-cli
 * merge` (the bytes last loaded or saved are the base). A model is
 * replaced only once the file read, and the merge, succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-merge.h"
#include "sl-window-private.h"

typedef enum {
  SL_DISK_SAME,     /* the file holds what the window last read or wrote */
  SL_DISK_CHANGED,
  SL_DISK_DELETED,
} SlDiskState;

/* What the window keeps of its file as it last loaded or saved it: its
 * checksum, to tell whether the file on disk is the same, and its bytes,
 * packed (a model's JSON packs to about a tenth), as the base of a merge.
 * Made on a worker thread: a large file takes a while to hash and pack. */
struct _SlFileState
{
  char *checksum;
  GBytes *packed;   /* (nullable): not kept for a mere check */
};

void
_sl_file_state_free (SlFileState *state)
{
  g_free (state->checksum);
  g_clear_pointer (&state->packed, g_bytes_unref);
  g_free (state);
}

static GBytes *
convert_bytes (GBytes      *bytes,
               GConverter  *converter,
               GError     **error)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) converted = g_converter_input_stream_new (memory, converter);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, converted,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/**
 * _sl_file_state_new:
 * @pack: whether to keep the bytes, packed, as a merge's base
 *
 * Returns: (transfer full): what the window keeps of a file's @bytes
 */
SlFileState *
_sl_file_state_new (GBytes   *bytes,
                    gboolean  pack)
{
  SlFileState *state = g_new0 (SlFileState, 1);

  state->checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (pack)
    {
      g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1);

      /* Packing memory cannot fail. */
      state->packed = convert_bytes (bytes, G_CONVERTER (compressor), NULL);
    }
  return state;
}

/**
 * _sl_file_state_get_checksum:
 *
 * Returns: the SHA-256 of the file's bytes, in hex, as the drafts use it
 */
const char *
_sl_file_state_get_checksum (SlFileState *state)
{
  return state->checksum;
}

static GBytes *
unpack (SlFileState  *state,
        GError      **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);

  return convert_bytes (state->packed, G_CONVERTER (decompressor), error);
}

/* The bar */

#if ADW_CHECK_VERSION (1, 3, 0)

static void
build_bar (SlWindow *self)
{
  self->reload_bar = adw_banner_new ("");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reload_bar), "win.reload");
  gtk_box_prepend (self->board_box, self->reload_bar);
}

static void
show_bar (SlWindow   *self,
          const char *text,
          const char *button,
          const char *action)
{
  AdwBanner *banner = ADW_BANNER (self->reload_bar);

  adw_banner_set_title (banner, text);
  adw_banner_set_button_label (banner, button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (banner), action);
  adw_banner_set_revealed (banner, TRUE);
}

static void
hide_bar (SlWindow *self)
{
  adw_banner_set_revealed (ADW_BANNER (self->reload_bar), FALSE);
}

#else

/* libadwaita 1.2 has no AdwBanner: a revealer over the board holds what
 * one holds, a line of text and a button, styled as one (style.css). */
static void
build_bar (SlWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new ();

  gtk_widget_add_css_class (box, "reload-bar");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  /* A label of its own: GTK 4.8 names a button whose label has a
   * mnemonic by both, "_Reload Reload", to screen readers. */
  gtk_button_set_child (GTK_BUTTON (button), gtk_label_new (NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), button);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), button);

  self->reload_bar = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->reload_bar), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (GTK_REVEALER (self->reload_bar), box);
  gtk_box_prepend (self->board_box, self->reload_bar);
  self->reload_label = GTK_LABEL (label);
  self->reload_button = GTK_BUTTON (button);
}

static void
show_bar (SlWindow   *self,
          const char *text,
          const char *button,
          const char *action)
{
  gtk_label_set_text (self->reload_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), button != NULL);
  if (button != NULL)
    gtk_label_set_text_with_mnemonic (GTK_LABEL (gtk_button_get_child (self->reload_button)), button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reload_button), action);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->reload_bar), TRUE);
}

static void
hide_bar (SlWindow *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->reload_bar), FALSE);
}

#endif

static const char *
bar_text (SlWindow    *self,
          const char **button,
          const char **action)
{
  gboolean modified = sl_history_get_modified (sl_document_get_history (self->document));

  *button = NULL;
  *action = NULL;
  switch ((SlDiskState) self->disk_state)
    {
    case SL_DISK_CHANGED:
      *button = modified ? _("_Merge") : _("_Reload");
      *action = modified ? "win.merge-file" : "win.reload";
      return modified ? _("The file was changed by another program. Merge keeps your unsaved changes and its.")
                      : _("The file was changed by another program.");

    case SL_DISK_DELETED:
      return _("The file was deleted by another program. Saving writes it again.");

    case SL_DISK_SAME:
    default:
      return NULL;
    }
}

/**
 * _sl_window_update_reload_bar:
 *
 * Shows in the bar over the board how the file differs, and what the
 * window offers to do about it: to reload an unmodified model, to merge a
 * modified one.
 */
void
_sl_window_update_reload_bar (SlWindow *self)
{
  const char *text, *button, *action;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", self->disk_state == SL_DISK_CHANGED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-file", self->disk_state == SL_DISK_CHANGED);

  /* Built when first shown: most windows never show it. */
  if (self->reload_bar == NULL)
    {
      if (self->disk_state == SL_DISK_SAME)
        return;
      build_bar (self);
    }

  text = bar_text (self, &button, &action);
  if (text != NULL)
    show_bar (self, text, button, action);
  else
    hide_bar (self);
}

static void
set_disk_state (SlWindow    *self,
                SlDiskState  state)
{
  if (self->disk_state == state)
    return;

  self->disk_state = state;
  _sl_window_update_reload_bar (self);
}

/**
 * _sl_window_get_reload_offered:
 * @text: (out) (optional): what the bar says
 * @button: (out) (optional): its button's label, or %NULL for none
 *
 * Returns: whether the bar over the board says the file changed on disk
 */
gboolean
_sl_window_get_reload_offered (SlWindow    *self,
                               const char **text,
                               const char **button)
{
  const char *shown_text, *shown_button, *action;

  shown_text = bar_text (self, &shown_button, &action);
  if (text != NULL)
    *text = shown_text;
  if (button != NULL)
    *button = shown_button;
  return shown_text != NULL;
}

/* Comparing the file with what the window had */

static void check_file (SlWindow *self);

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (task_data, cancellable, NULL, &error);

  if (bytes != NULL)
    g_task_return_pointer (task, _sl_file_state_new (bytes, FALSE), (GDestroyNotify) _sl_file_state_free);
  else
    g_task_return_error (task, error);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SlFileState *state = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->checking);

  /* What was read may be a half-written file, or our own save: the
   * events that follow call for another look. */
  if (self->check_again || self->saving || self->file_state == NULL)
    {
      self->check_again = FALSE;
      g_clear_pointer (&state, _sl_file_state_free);
      check_file (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    set_disk_state (self, SL_DISK_DELETED);
  else if (state == NULL || !g_str_equal (state->checksum, self->file_state->checksum))
    /* Unreadable counts as changed: Reload then says why it cannot. */
    set_disk_state (self, SL_DISK_CHANGED);
  else
    set_disk_state (self, SL_DISK_SAME);
  g_clear_pointer (&state, _sl_file_state_free);
}

/* Reads the file and compares it with the one the window last loaded or
 * saved, once that is known and no save of the window's is under way; a
 * change while it reads calls for another read after it. */
static void
check_file (SlWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->file == NULL)
    return;

  if (self->saving || self->file_state == NULL)
    {
      self->check_pending = TRUE;
      return;
    }
  self->check_pending = FALSE;

  if (self->checking != NULL)
    {
      self->check_again = TRUE;
      return;
    }

  self->checking = g_cancellable_new ();
  task = g_task_new (NULL, self->checking, check_done_cb, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, check_thread);
}

/**
 * _sl_window_check_file_later:
 *
 * Compares the file on disk with what the window had now, if a change
 * seen while the window was saving waits for it.
 */
void
_sl_window_check_file_later (SlWindow *self)
{
  if (self->check_pending)
    check_file (self);
}

/* A write gives several events (created, changed, done): each one reads
 * the file again, at most one read at a time, and the last read decides.
 * No timer: what is compared is the bytes. */
static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    SlWindow          *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  check_file (self);
}

/**
 * _sl_window_unwatch_file:
 *
 * Stops watching the window's file and forgets what was compared.
 */
void
_sl_window_unwatch_file (SlWindow *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  self->check_again = FALSE;
  self->check_pending = FALSE;
}

/**
 * _sl_window_watch_file:
 *
 * Watches the window's file, the one it was opened from or saved to last,
 * for changes by other programs; a model never saved has none.
 */
void
_sl_window_watch_file (SlWindow *self)
{
  g_autoptr(GError) error = NULL;

  _sl_window_unwatch_file (self);
  self->disk_state = SL_DISK_SAME;
  _sl_window_update_reload_bar (self);
  if (self->file == NULL)
    return;

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch the model's file: %s", error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
}

/**
 * _sl_window_set_file_state:
 * @state: (nullable) (transfer full): the file as the window loaded or
 *   saved it, or %NULL while it is being read
 *
 * What the file on disk is compared with, and the base of a merge.
 */
void
_sl_window_set_file_state (SlWindow    *self,
                           SlFileState *state)
{
  g_clear_pointer (&self->file_state, _sl_file_state_free);
  self->file_state = state;

  /* A file deleted and written again by a save is there again. */
  if (state != NULL && (self->check_pending || self->disk_state != SL_DISK_SAME))
    check_file (self);
}

/* Replacing the model */

typedef enum {
  REPLACING_RELOAD,
  REPLACING_MERGE,
} Replacing;

static void
show_reload_failure (SlWindow     *self,
                     Replacing     replacing,
                     const GError *error)
{
  g_autofree char *name = _sl_window_get_display_name (self);
  /* Translators: %s is the file's name */
  g_autofree char *heading = replacing == REPLACING_RELOAD ? g_strdup_printf (_("Could Not Reload “%s”"), name)
                                                           /* Translators: %s is the file's name */
                                                           : g_strdup_printf (_("Could Not Merge With “%s”"), name);
  g_autofree char *reason = sl_text_escape_controls (error->message);
  /* Translators: %s is why the file could not be read or merged */
  g_autofree char *body = g_strdup_printf (_("%s.\n\nThe model on the board was left as it was."), reason);

  _sl_window_show_error (self, heading, body);
}


/* A window shows one document for its whole life: the reloaded or merged
 * model comes in a new window on the same file, which takes this one's
 * place, size, step, view and selection (where the notes still exist). */
static SlWindow *
replace_window (SlWindow   *self,
                SlDocument *document,
                GBytes     *file_bytes)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GListModel) toplevels = NULL;
  g_autoptr(GList) selection = sl_canvas_get_selection (self->canvas);
  SlWindow *window;
  SlRect region;
  int width, height;

  sl_document_set_step (document, sl_document_get_step (self->document));
  window = sl_window_new (SL_APPLICATION (app), document, self->file);
  _sl_window_set_file_state (window, _sl_file_state_new (file_bytes, TRUE));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    gtk_window_maximize (GTK_WINDOW (window));
  else
    gtk_window_unmaximize (GTK_WINDOW (window));

  g_object_set (window, "dim-others", self->dim_others, NULL);
  gtk_toggle_button_set_active (window->guide_button, gtk_toggle_button_get_active (self->guide_button));
  gtk_toggle_button_set_active (window->inspector_button, gtk_toggle_button_get_active (self->inspector_button));

  sl_canvas_get_visible_region (self->canvas, &region);
  sl_canvas_set_zoom (window->canvas, sl_canvas_get_zoom (self->canvas), 0, 0);
  sl_canvas_scroll_to (window->canvas, region.x, region.y);
  for (GList *l = selection; l != NULL; l = l->next)
    {
      const char *id = sl_element_get_id (l->data);
      SlNote *note = sl_document_lookup_note (document, id);

      if (note != NULL)
        sl_canvas_select (window->canvas, note, TRUE);
    }

  /* The dialogs over this window stay over the new one. */
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (self))
        gtk_window_set_transient_for (toplevel, GTK_WINDOW (window));
    }

  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (self));
  return window;
}

/* The file as it is on disk now, or %NULL with a dialog saying why not. */
static GBytes *
read_file (SlWindow  *self,
           Replacing  replacing)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (self->file, NULL, NULL, &error);

  if (bytes == NULL)
    show_reload_failure (self, replacing, error);
  return bytes;
}

/**
 * _sl_window_reload:
 *
 * Replaces the model with the one in its file, as the file is now. A file
 * that cannot be read or is not a valid model changes nothing.
 */
void
_sl_window_reload (SlWindow *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->file == NULL || !_sl_window_finish_gestures (self))
    return;

  if ((bytes = read_file (self, REPLACING_RELOAD)) == NULL)
    return;
  if ((document = sl_format_load_bytes (bytes, &error)) == NULL)
    {
      show_reload_failure (self, REPLACING_RELOAD, error);
      return;
    }

  replace_window (self, document, bytes);
}

/**
 * _sl_window_merge_file:
 *
 * Merges the model's unsaved changes with its file as it is now, the file
 * as last loaded or saved being the base, and shows the result, still
 * modified. What both sides changed differently becomes a hotspot note.
 */
void
_sl_window_merge_file (SlWindow *self)
{
  g_autoptr(GBytes) base = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  SlWindow *window;
  guint n_conflicts = 0;

  if (self->file == NULL || self->file_state == NULL || !_sl_window_finish_gestures (self))
    return;

  if ((theirs = read_file (self, REPLACING_MERGE)) == NULL)
    return;

  ours = sl_format_save_to_bytes (self->document);
  if ((base = unpack (self->file_state, &error)) != NULL)
    merged = sl_merge_bytes (base, ours, theirs, &n_conflicts, &error);
  if (merged == NULL || (document = sl_format_load_bytes (merged, &error)) == NULL)
    {
      show_reload_failure (self, REPLACING_MERGE, error);
      return;
    }

  /* Modified, with nothing to undo: what the merge made was never saved. */
  sl_history_clear_save_point (sl_document_get_history (document));
  window = replace_window (self, document, theirs);
  _sl_window_write_draft (window);

  if (n_conflicts > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Merged with the file: %u conflict is a hotspot note",
                                                            "Merged with the file: %u conflicts are hotspot notes",
                                                            n_conflicts),
                                               n_conflicts);

      _sl_window_show_toast (window, text);
    }
  else
    _sl_window_show_toast (window, _("Merged with the file on disk"));
}
