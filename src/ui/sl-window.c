/* sl-window.c: a window for one model: its template, the board, guide,
 * inspector and palette wired together, and its title
 *
 * The actions, the files and the exports are in sl-window-*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sl-alert.h"
#include "sl-overview.h"
#include "sl-window-private.h"

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  PROP_DIM_OTHERS,
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

/**
 * _sl_file_get_display_name:
 *
 * Returns: the name of @file to show: its last part, with what would not
 *   show (controls, bytes of another encoding) escaped
 */
char *
_sl_file_get_display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return sl_text_escape_controls (name);
}

char *
_sl_window_get_display_name (SlWindow *self)
{
  if (self->file != NULL)
    return _sl_file_get_display_name (self->file);
  return g_strdup (_("Untitled Model"));
}

char *
_sl_window_get_display_title (SlWindow *self)
{
  const char *title = sl_document_get_title (self->document);

  if (*title != 0)
    return g_strdup (title);
  return _sl_window_get_display_name (self);
}

static void
update_title (SlWindow *self)
{
  g_autofree char *title = _sl_window_get_display_title (self);
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

/* Drafts
 *
 * A draft of a modified model is written at most DRAFT_DELAY_MS after a
 * change, however long the changes go on: the first change schedules it,
 * the others ride along. The main thread only writes what changed since
 * the draft before (sl-draft.c); the store does the rest on its own. The
 * draft goes when the model is unmodified again (saved, or undone to the
 * save point) and when the window goes: it closes only once its changes
 * were saved or discarded.
 */

#define DRAFT_DELAY_MS 500
#define PRIME_STEP 1000 /* elements: a few milliseconds */

static void
stop_priming (SlWindow *self)
{
  g_clear_handle_id (&self->prime_source, g_source_remove);
  g_clear_pointer (&self->draft_primer, sl_draft_primer_free);
}

static gboolean
prime_cb (gpointer data)
{
  SlWindow *self = data;

  if (!sl_draft_primer_step (self->draft_primer, PRIME_STEP))
    return G_SOURCE_CONTINUE;

  self->prime_source = 0;
  self->draft_serial = sl_draft_store_prime (sl_draft_store_get_default (),
                                             g_steal_pointer (&self->draft_primer));
  return G_SOURCE_REMOVE;
}

/* While nothing else is to do, the text of each element is written for
 * the first draft to reuse: a large model's first draft then costs the
 * main thread what later ones do. */
static void
start_priming (SlWindow *self)
{
  g_assert (self->draft_serial == 0);

  self->draft_primer = sl_draft_primer_new (self->document);
  self->prime_source = g_idle_add_full (G_PRIORITY_LOW, prime_cb, self, NULL);
}

static void
remove_draft (SlWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->draft_written)
    sl_draft_store_remove (sl_draft_store_get_default (), self->draft_id);
  self->draft_written = FALSE;
}

/**
 * _sl_window_write_draft:
 *
 * Writes a draft of the model now when it is modified, or removes it.
 */
void
_sl_window_write_draft (SlWindow *self)
{
  g_autofree char *uri = NULL;
  const char *checksum = self->file_state != NULL ? _sl_file_state_get_checksum (self->file_state) : NULL;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (!sl_history_get_modified (sl_document_get_history (self->document)))
    {
      remove_draft (self);
      return;
    }

  /* This draft writes all the primer has not done: it is no use now. */
  stop_priming (self);
  uri = self->file != NULL ? g_file_get_uri (self->file) : NULL;
  self->draft_serial = sl_draft_store_write (sl_draft_store_get_default (),
                                             self->draft_id, self->document, uri, checksum,
                                             self->changes - self->changes_at_save,
                                             self->draft_serial);
  self->draft_written = TRUE;
}

static gboolean
draft_timeout_cb (gpointer data)
{
  SlWindow *self = data;

  self->draft_source = 0;
  _sl_window_write_draft (self);
  return G_SOURCE_REMOVE;
}

static void
modified_changed_cb (SlWindow *self)
{
  if (!sl_history_get_modified (sl_document_get_history (self->document)))
    {
      self->changes_at_save = self->changes;
      remove_draft (self);
    }
}

static void
checksum_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (task_data, cancellable, NULL, &error);

  if (bytes != NULL)
    g_task_return_pointer (task, _sl_file_state_new (bytes, TRUE), (GDestroyNotify) _sl_file_state_free);
  else
    g_task_return_error (task, error);
}

static void
checksum_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(SlWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  SlFileState *state = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (ref);
  g_free (ref);

  /* Without it a draft is offered as a copy: never over the file. */
  if (state == NULL || self == NULL)
    {
      g_clear_pointer (&state, _sl_file_state_free);
      return;
    }
  _sl_window_set_file_state (self, state);

  /* A draft written before binds to the file from now on. */
  if (self->draft_written)
    _sl_window_write_draft (self);
}

/* The checksum binds a draft to the file as it was: a file changed since
 * is not overwritten by restoring the draft. It is also what the file is
 * compared with when it changes on disk, and the bytes read, packed, are
 * the base of a merge with it (sl-window-reload.c). */
static void
checksum_file (SlWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref;

  g_cancellable_cancel (self->checksumming);
  g_clear_object (&self->checksumming);
  _sl_window_set_file_state (self, NULL);
  if (self->file == NULL)
    return;

  /* The window may go while the file is read: the task keeps no
   * reference to it. */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->checksumming = g_cancellable_new ();
  task = g_task_new (NULL, self->checksumming, checksum_done_cb, ref);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, checksum_thread);
}

/**
 * _sl_window_file_saved:
 *
 * Takes in that the model was written to its file.
 */
void
_sl_window_file_saved (SlWindow *self)
{
  checksum_file (self);
}

/**
 * _sl_window_adopt_draft:
 *
 * Makes the window's model the one of the draft @draft_id, restored with
 * @n_changes unsaved: discarding or saving it removes that draft.
 */
void
_sl_window_adopt_draft (SlWindow   *self,
                        const char *draft_id,
                        guint       n_changes)
{
  g_free (self->draft_id);
  self->draft_id = g_strdup (draft_id);
  self->draft_written = TRUE;
  self->changes_at_save = self->changes - n_changes;
}

/* The toast offering Undo no longer does: the step it would undo is not
 * on top any more. It stays until it times out; dismissing it now could
 * cut its show animation short, which libadwaita 1.2 does not survive. */
static void
withdraw_undo (SlWindow *self)
{
  if (self->undo_toast == NULL)
    return;

  adw_toast_set_button_label (self->undo_toast, NULL);
  adw_toast_set_action_name (self->undo_toast, NULL);
  g_clear_weak_pointer (&self->undo_toast);
}

static void
document_changed_cb (SlWindow *self)
{
  withdraw_undo (self);
  self->changes++;
  update_title (self);
  _sl_window_actions_update (self);

  if (self->draft_source == 0)
    self->draft_source = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}

void
_sl_window_set_file (SlWindow *self,
                     GFile    *file)
{
  if (g_set_object (&self->file, file))
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* A model saved to a file has that file's draft from now on. */
      remove_draft (self);
      g_free (self->draft_id);
      self->draft_id = sl_draft_new_id (uri);

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      update_title (self);
      _sl_window_remember_step (self);
      _sl_window_watch_file (self);
    }
}

void
_sl_window_show_error (SlWindow   *self,
                       const char *heading,
                       const char *body)
{
  SlAlert *dialog = sl_alert_new (heading, body);

  sl_alert_add_response (dialog, "close", _("_Close"));
  sl_alert_set_default_response (dialog, "close");
  sl_alert_present (dialog, GTK_WIDGET (self));
}

/* Says in a dialog that what @heading names failed, and why: the
 * reason can quote a model or a file name, and is shown escaped. */
void
_sl_window_show_failure (SlWindow     *self,
                         const char   *heading,
                         const GError *error)
{
  g_autofree char *reason = sl_text_escape_controls (error->message);

  _sl_window_show_error (self, heading, reason);
}

/* libadwaita 1.2 leaves a toast's close button unnamed: a screen reader
 * reads its icon, "GtkImage". The buttons of the toasts shown get the
 * name later versions give. */
static void
name_toast_buttons (SlWindow *self)
{
  GtkWidget *content;

  /* The overlay dismisses its toasts as the window is disposed. */
  if (self->toast_overlay == NULL)
    return;

  content = adw_toast_overlay_get_child (self->toast_overlay);
  for (GtkWidget *toast = gtk_widget_get_first_child (GTK_WIDGET (self->toast_overlay));
       toast != NULL;
       toast = gtk_widget_get_next_sibling (toast))
    {
      if (toast == content)
        continue;

      for (GtkWidget *child = gtk_widget_get_first_child (toast); child; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BUTTON (child) && gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
    }
}

/* Shows @toast, or queues it behind the one shown: the overlay shows the
 * next as one is dismissed, in a handler connected before ours. */
static void
add_toast (SlWindow *self,
           AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (name_toast_buttons), self, G_CONNECT_SWAPPED);
  name_toast_buttons (self);
}

void
_sl_window_show_toast (SlWindow   *self,
                       const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  /* A toast's title is markup; the text is plain. */
  add_toast (self, adw_toast_new (escaped));
}

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);

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

  if (_sl_window_ask_to_save (self))
    return TRUE;

  return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
}

/* The board */

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

  if (!sl_palette_kind_from_drop (data, &kind))
    return FALSE;

  sl_canvas_widget_to_board (self->canvas, x, y, &bx, &by);
  sl_canvas_add_note_at (self->canvas, kind, bx, by);
  return TRUE;
}

/* Files from the file manager are the window's, wherever they land: the
 * board's own target, for the palette's notes, lets them pass. */
static gboolean
board_accept_cb (GtkDropTarget *target,
                 GdkDrop       *drop,
                 SlWindow      *self)
{
  GdkContentFormats *formats = gdk_drop_get_formats (drop);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
      gdk_content_formats_contain_gtype (formats, G_TYPE_FILE) ||
      gdk_content_formats_contain_mime_type (formats, "text/uri-list"))
    return FALSE;

  return (gdk_drop_get_actions (drop) & gtk_drop_target_get_actions (target)) != 0 &&
         gdk_content_formats_match (gtk_drop_target_get_formats (target), formats);
}

static gboolean
files_drop_cb (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               SlWindow      *self)
{
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      _sl_window_open_dropped (self, g_value_get_object (value));
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
      gboolean any = files != NULL;

      for (GSList *l = files; l != NULL; l = l->next)
        _sl_window_open_dropped (self, l->data);
      g_slist_free (files);
      return any;
    }

  return FALSE;
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

/* The inspector and the board
 *
 * The inspector stands beside the board while that leaves the board at
 * least BOARD_BESIDE_WIDTH; narrower, it slides in over the board, whose
 * width it then leaves alone. Its least width counts whether it is shown
 * or not, so that the guide's flap folds at one width whatever the
 * inspector does.
 */

#define BOARD_BESIDE_WIDTH 400

static void
board_area_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  GtkWidget *board = gtk_widget_get_first_child (widget);
  GtkWidget *revealer = gtk_widget_get_last_child (widget);
  int board_min, board_nat, inspector_min, inspector_nat;

  gtk_widget_measure (board, orientation, for_size, &board_min, &board_nat, NULL, NULL);
  gtk_widget_measure (revealer, orientation, -1, &inspector_min, &inspector_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (gtk_revealer_get_child (GTK_REVEALER (revealer)), orientation, -1,
                          &inspector_min, NULL, NULL, NULL);
      *minimum = MAX (board_min, inspector_min);
      *natural = board_nat + inspector_nat;
    }
  else
    {
      *minimum = MAX (board_min, inspector_min);
      *natural = MAX (board_nat, inspector_nat);
    }
}

static void
board_area_allocate (GtkWidget *widget,
                     int        width,
                     int        height,
                     int        baseline)
{
  SlWindow *self = SL_WINDOW (gtk_widget_get_root (widget));
  GtkWidget *board = gtk_widget_get_first_child (widget);
  GtkWidget *revealer = gtk_widget_get_last_child (widget);
  int inspector_width, full_width;
  gboolean over;

  /* The revealer's width follows its slide; the inspector's is its own. */
  gtk_widget_measure (revealer, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &inspector_width, NULL, NULL);
  gtk_widget_measure (gtk_revealer_get_child (GTK_REVEALER (revealer)), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &full_width, NULL, NULL);
  inspector_width = MIN (inspector_width, width);
  over = width < BOARD_BESIDE_WIDTH + full_width;

  gtk_widget_allocate (board, over ? width : width - inspector_width, height, -1, NULL);
  gtk_widget_allocate (revealer, inspector_width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - inspector_width, 0)));

  if (self->inspector_over != over)
    {
      /* Over the board, a shadow sets it apart; it changes no size. */
      self->inspector_over = over;
      if (over)
        gtk_widget_add_css_class (GTK_WIDGET (self->inspector_box), "over-board");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->inspector_box), "over-board");
    }
}

/* Screen readers are told what a squeezer hides: GTK 4.8 shows them
 * every visible widget, laid out or not. */
static void
hide_squeezed (AdwSqueezer *squeezer)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (squeezer));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, child != shown, -1);
}

/* Narrow, the header has no room for Undo, Redo, Find and Zoom: the main
 * button shows a menu that has them too. It swaps whole menus: a GTK 4.8
 * popover keeps the page of a submenu whose section is removed, and
 * warns of a duplicate when the section comes back. */
static void
header_squeezed_cb (SlWindow *self)
{
  gboolean squeezed = adw_squeezer_get_visible_child (self->header_squeezer) !=
                      gtk_widget_get_first_child (GTK_WIDGET (self->header_squeezer));

  hide_squeezed (self->header_squeezer);
  if (self->squeezed == squeezed)
    return;

  self->squeezed = squeezed;
  /* Not yet opened: its first opening picks the menu. */
  if (gtk_menu_button_get_menu_model (self->primary_menu_button) != NULL)
    gtk_menu_button_set_menu_model (self->primary_menu_button,
                                    G_MENU_MODEL (squeezed ? self->narrow_menu : self->primary_menu));
}

/* The header's menus are built the first time they open, not before the
 * window's first frame: GTK makes a popover's every item when a menu
 * button is given its model. GTK calls these before every opening. */
static void
primary_menu_popup_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  SlWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->squeezed ? self->narrow_menu : self->primary_menu));
}

static void
zoom_menu_popup_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  SlWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->zoom_menu));
}

/* Folded, the guide lies over a small board: the overview would hide
 * most of it. */
static void
folded_cb (SlWindow *self)
{
  gtk_widget_set_visible (self->overview, !adw_flap_get_folded (self->flap));
}

/* Escape closes the guide or the inspector lying over the board before
 * the board takes it to clear the selection; not while a text is typed
 * or a drag is under way, which Escape takes back. */
static gboolean
overlay_key_cb (SlWindow        *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (keyval != GDK_KEY_Escape || (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      sl_canvas_is_editing (self->canvas) || sl_history_in_group (sl_document_get_history (self->document)) ||
      (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))))
    return GDK_EVENT_PROPAGATE;

  if (adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap))
    {
      gtk_toggle_button_set_active (self->guide_button, FALSE);
      return GDK_EVENT_STOP;
    }

  if (self->inspector_over && gtk_toggle_button_get_active (self->inspector_button))
    {
      gtk_toggle_button_set_active (self->inspector_button, FALSE);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

/* The guide over the board takes the keyboard while it is there: keys
 * would otherwise go to the dimmed board under it. The flap lets its
 * child take the focus only once it starts to slide in, so the guide
 * takes it from guide_progress_cb; here it gives it back. */
static void
guide_revealed_cb (SlWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (adw_flap_get_folded (self->flap) && !adw_flap_get_reveal_flap (self->flap) &&
      focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->guide)))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* The guide slid out lies beside the window, and the flap does not draw
 * its separator while folded, both still visible to GTK 4.8: screen
 * readers are told they are hidden. */
static void
guide_progress_cb (SlWindow *self)
{
  gboolean hidden = adw_flap_get_reveal_progress (self->flap) == 0;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!hidden && adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap) &&
      (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->guide))))
    gtk_widget_child_focus (GTK_WIDGET (self->guide), GTK_DIR_TAB_FORWARD);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->guide), GTK_ACCESSIBLE_STATE_HIDDEN, hidden, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (adw_flap_get_separator (self->flap)), GTK_ACCESSIBLE_STATE_HIDDEN,
                               hidden || adw_flap_get_folded (self->flap), -1);
}

/* The inspector leaving the board gives the keyboard back to the board. */
static void
inspector_shown_cb (SlWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!gtk_toggle_button_get_active (self->inspector_button) && focus != NULL &&
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->inspector_box)))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* The inspector shows the note when exactly one is selected. */
static void
selection_changed_cb (SlWindow *self)
{
  g_autoptr(GList) selection = NULL;

  if (self->inspector == NULL)
    return;

  selection = sl_canvas_get_selection (self->canvas);
  sl_inspector_set_note (self->inspector,
                         selection != NULL && selection->next == NULL ? selection->data : NULL);
}

/* When asked, the notes the step is not about fade. */
static void
follow_step (SlWindow *self)
{
  guint kinds[SL_N_NOTE_KINDS];
  guint n = sl_process_get_step_kinds (sl_document_get_step (self->document), kinds, G_N_ELEMENTS (kinds));
  guint focus = 0;

  for (guint i = 0; i < n; i++)
    focus |= 1u << kinds[i];

  sl_canvas_set_dimmed_kinds (self->canvas, self->dim_others ? ~focus & ((1u << SL_N_NOTE_KINDS) - 1) : 0);
}

/* The board and the inspector show the problems as the guide lists them,
 * once edits pause. */
static void
problems_changed_cb (SlWindow *self)
{
  GPtrArray *problems;

  sl_checker_update (self->checker);
  problems = sl_checker_get_problems (self->checker);
  sl_canvas_set_problems (self->canvas, problems, sl_document_get_step (self->document));
  if (self->inspector != NULL)
    sl_inspector_set_problems (self->inspector, problems);
}

static void undoable_cb (SlWindow   *self,
                         const char *text);

/* The inspector is built when it is first shown (or asked for): until
 * then its place holds its width, so that the guide's flap folds at the
 * same width before and after. Its page is hidden in the first frame, and
 * measuring it took a tenth of the start-up. */
static void
ensure_inspector (SlWindow *self)
{
  if (self->inspector != NULL)
    return;

  self->inspector = SL_INSPECTOR (sl_inspector_new (self->document));
  gtk_box_remove (self->inspector_box, self->inspector_placeholder);
  self->inspector_placeholder = NULL;
  gtk_box_append (self->inspector_box, GTK_WIDGET (self->inspector));
  sl_inspector_set_problems (self->inspector, sl_checker_get_problems (self->checker));
  selection_changed_cb (self);
  g_signal_connect_object (self->inspector, "undoable",
                           G_CALLBACK (undoable_cb), self, G_CONNECT_SWAPPED);
}

static void
inspector_button_cb (SlWindow *self)
{
  if (gtk_toggle_button_get_active (self->inspector_button))
    ensure_inspector (self);
}

/* The find bar is built when first opened, by its button or its
 * shortcuts: the first frame does not show it. */
static void
find_button_cb (SlWindow *self)
{
  if (gtk_toggle_button_get_active (self->find_button))
    _sl_window_get_find_bar (self);
}

/**
 * _sl_window_get_find_bar:
 *
 * Returns: (transfer none): the find bar, built if it was not yet
 */
SlFindBar *
_sl_window_get_find_bar (SlWindow *self)
{
  if (self->find_bar == NULL)
    {
      self->find_bar = SL_FIND_BAR (sl_find_bar_new (self->canvas));
      gtk_box_prepend (self->board_box, GTK_WIDGET (self->find_bar));
      g_object_bind_property (self->find_button, "active", self->find_bar, "open",
                              G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
    }

  return self->find_bar;
}

static void
canvas_message_cb (SlWindow   *self,
                   const char *text)
{
  _sl_window_show_toast (self, text);
}

static void
canvas_show_properties_cb (SlWindow *self)
{
  gtk_toggle_button_set_active (self->inspector_button, TRUE);
}

/* Something was deleted: a toast says what and offers Undo (win.undo).
 * Its Undo must undo that very step, so only the newest toast offers it,
 * and only until the history moves on (document_changed_cb). */
static void
undoable_cb (SlWindow   *self,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  withdraw_undo (self);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  g_set_weak_pointer (&self->undo_toast, toast);
  add_toast (self, toast);
}

/* GTK 4.8 names a menu button, but the keyboard focus, and so the screen
 * reader, lands on the button inside it: both get the name. */
static void
name_menu_button (GtkMenuButton *button,
                  const char    *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* GObject */

static void
sl_window_constructed (GObject *object)
{
  SlWindow *self = (SlWindow *)object;
  GtkDropTarget *target;
  GtkEventController *keys;
  GtkWidget *overview;

  G_OBJECT_CLASS (sl_window_parent_class)->constructed (object);

  _sl_window_remember_file (self);
  _sl_window_restore_step (self);
  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      self->draft_id = sl_draft_new_id (uri);
    }
  else
    self->draft_id = sl_draft_new_id (NULL);
  checksum_file (self);
  start_priming (self);
  _sl_window_watch_file (self);

  self->checker = sl_checker_new (self->document);
  self->canvas = SL_CANVAS (sl_canvas_new (self->document));
  sl_canvas_set_confirm_removals (self->canvas, TRUE);
  gtk_overlay_set_child (self->board_overlay, GTK_WIDGET (self->canvas));

  self->guide = SL_GUIDE (sl_guide_new (self->document, self->checker));
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->guide));
  g_object_bind_property (self->guide_button, "active", self->flap, "reveal-flap",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  self->inspector_placeholder = adw_bin_new ();
  gtk_widget_set_size_request (self->inspector_placeholder, SL_INSPECTOR_WIDTH, -1);
  gtk_box_append (self->inspector_box, self->inspector_placeholder);
  /* Before the revealer's binding: the inspector is in before it slides. */
  g_signal_connect_object (self->inspector_button, "notify::active",
                           G_CALLBACK (inspector_button_cb), self, G_CONNECT_SWAPPED);
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
  self->overview = overview;

  /* Folded, the guide lies over the board: not see-through. */
  gtk_widget_add_css_class (GTK_WIDGET (self->guide), "background");
  gtk_widget_set_layout_manager (self->board_area,
                                 gtk_custom_layout_new (NULL, board_area_measure, board_area_allocate));
  folded_cb (self);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (guide_revealed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-progress",
                           G_CALLBACK (guide_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded",
                           G_CALLBACK (guide_progress_cb), self, G_CONNECT_SWAPPED);
  guide_progress_cb (self);
  g_signal_connect_object (self->inspector_button, "notify::active",
                           G_CALLBACK (inspector_shown_cb), self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (overlay_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (self->find_button, "notify::active",
                           G_CALLBACK (find_button_cb), self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->document, "step", self->palette, "step", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->document, "notify::step", G_CALLBACK (follow_step), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::step",
                           G_CALLBACK (_sl_window_remember_step), self, G_CONNECT_SWAPPED);
  follow_step (self);

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (board_drop_cb), self);
  g_signal_connect (target, "accept", G_CALLBACK (board_accept_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (target));

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (target, "drop", G_CALLBACK (files_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (self->canvas, "message",
                           G_CALLBACK (canvas_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "show-properties",
                           G_CALLBACK (canvas_show_properties_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "undoable",
                           G_CALLBACK (undoable_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_history (self->document), "notify::modified",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_history (self->document), "notify::modified",
                           G_CALLBACK (modified_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_history (self->document), "notify::modified",
                           G_CALLBACK (_sl_window_update_reload_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::title",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

  self->recent_section = g_menu_new ();
  g_menu_insert_section (self->primary_menu, 1, _("Recent Models"), G_MENU_MODEL (self->recent_section));
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_sl_window_update_recent), self, G_CONNECT_SWAPPED);
  _sl_window_update_recent (self);

  g_menu_append_submenu (self->narrow_section, _("_Zoom"), G_MENU_MODEL (self->zoom_menu));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, primary_menu_popup_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->zoom_button, zoom_menu_popup_cb, self, NULL);
  self->narrow_menu = g_menu_new ();
  g_menu_append_section (self->narrow_menu, NULL, G_MENU_MODEL (self->narrow_section));
  g_menu_append_section (self->narrow_menu, NULL, G_MENU_MODEL (self->primary_menu));
  g_signal_connect_object (self->header_squeezer, "notify::visible-child",
                           G_CALLBACK (header_squeezed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->file_squeezer, "notify::visible-child", G_CALLBACK (hide_squeezed), NULL);
  hide_squeezed (self->header_squeezer);
  hide_squeezed (self->file_squeezer);

  name_menu_button (self->primary_menu_button, _("Main Menu"));
  name_menu_button (self->zoom_button, _("Zoom"));

  update_title (self);
  _sl_window_actions_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = (SlWindow *)object;

  remove_draft (self);
  stop_priming (self);
  sl_draft_store_release (sl_draft_store_get_default (), self->draft_serial);
  self->draft_serial = 0;
  g_cancellable_cancel (self->checksumming);
  g_clear_object (&self->checksumming);
  _sl_window_unwatch_file (self);
  g_clear_pointer (&self->file_state, _sl_file_state_free);
  _sl_window_end_compare (self);
  g_clear_pointer (&self->draft_id, g_free);
  g_clear_weak_pointer (&self->note_to_show);
  g_clear_weak_pointer (&self->undo_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  g_clear_object (&self->checker);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_pointer (&self->file_etag, g_free);
  g_clear_object (&self->recent_section);
  g_clear_object (&self->narrow_menu);
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

  g_type_ensure (SL_TYPE_PALETTE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, board_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, guide_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, header_squeezer);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, file_squeezer);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, board_area);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, inspector_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, inspector_box);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, narrow_section);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, zoom_menu);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);

  _sl_window_class_actions_init (klass);
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

  sl_document_add_default_lane (document);
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
 * sl_window_get_checker:
 *
 * Returns: (transfer none): the check of the window's model, kept up to
 *   date as it changes
 */
SlChecker *
sl_window_get_checker (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->checker;
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
 * Returns: (transfer none): the inspector of the selected note, built if
 *   it was not yet
 */
SlInspector *
sl_window_get_inspector (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  ensure_inspector (self);
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
