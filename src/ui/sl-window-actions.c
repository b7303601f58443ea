/* sl-window-actions.c: the window's actions and their keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <string.h>

#include "sl-codegen-dialog.h"
#include "sl-model-properties.h"
#include "sl-window-private.h"

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
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _sl_window_open (SL_WINDOW (widget));
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

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _sl_window_save (SL_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _sl_window_save_as (SL_WINDOW (widget));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _sl_window_choose_import (SL_WINDOW (widget));
}

static void
export_eventmodelers_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  _sl_window_choose_export_eventmodelers (SL_WINDOW (widget));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _sl_window_print (SL_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _sl_window_choose_export (SL_WINDOW (widget));
}

static void
generate_code_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (sl_codegen_dialog_new (SL_WINDOW (widget))));
}

static void
model_properties_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkWidget *properties = sl_model_properties_new (sl_window_get_document (SL_WINDOW (widget)));

  gtk_window_set_transient_for (GTK_WINDOW (properties), GTK_WINDOW (widget));
  gtk_window_present (GTK_WINDOW (properties));
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

/* Escape from the guide, the inspector or the header: back to the board,
 * in one key from however deep in a pane. */
static void
focus_board_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* On the board, or in the list of changes, Escape ends a comparison. */
  if (self->diff != NULL &&
      (focus == GTK_WIDGET (self->canvas) ||
       (focus != NULL && gtk_widget_is_ancestor (focus, self->compare_panel))))
    _sl_window_end_compare (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  if (g_str_equal (action_name, "win.reload"))
    _sl_window_reload (self);
  else if (g_str_equal (action_name, "win.merge-file"))
    _sl_window_merge_file (self);
  else if (g_str_equal (action_name, "win.compare"))
    _sl_window_choose_compare (self);
  else
    _sl_window_end_compare (self);
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
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlFindBar *find_bar = _sl_window_get_find_bar (SL_WINDOW (widget));

  if (g_str_equal (action_name, "win.find-next"))
    sl_find_bar_next (find_bar);
  else if (g_str_equal (action_name, "win.find-previous"))
    sl_find_bar_previous (find_bar);
  else
    sl_find_bar_set_open (find_bar, TRUE);
}

/**
 * _sl_window_actions_update:
 *
 * Enables Undo and Redo as the history allows.
 */
void
_sl_window_actions_update (SlWindow *self)
{
  SlHistory *history = sl_document_get_history (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", sl_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", sl_history_can_redo (history));
}

/* The shortcuts window is built when it is first asked for. Built with
 * every window, as GTK does with a gtk/help-overlay.ui, it took 25-40 ms
 * of the 390 ms to the first frame (bench/bench-startup). */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/stormline/Stormline/sl-shortcuts-window.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, shortcuts);
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

void
_sl_window_class_actions_init (SlWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_widget_class_install_action (widget_class, "win.export-eventmodelers", NULL, export_eventmodelers_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.generate-code", NULL, generate_code_action);
  gtk_widget_class_install_action (widget_class, "win.model-properties", NULL, model_properties_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-selection", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", "s", add_note_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, shortcuts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.merge-file", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.end-compare", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "win.focus-board", NULL, focus_board_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.focus-board", NULL);
}
