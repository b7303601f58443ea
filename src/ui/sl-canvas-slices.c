/* sl-canvas-slices.c: the slices of the board, from the keyboard and menus
 *
 * A slice is made from the selected notes, and renamed, given a status or
 * removed from the menu a right click on the slice strip opens; a double
 * click on a slice's name renames it, a drag of its right edge in the
 * strip resizes it. Each change is one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-canvas-private.h"

static SlSlice *
slice_from_id (SlCanvas   *self,
               const char *id)
{
  SlElement *element = sl_document_lookup (self->document, id);

  return SL_IS_SLICE (element) ? SL_SLICE (element) : NULL;
}

static void
seal (SlCanvas *self)
{
  sl_history_seal (sl_document_get_history (self->document));
}

/* The slice spans the columns of the selected notes, and is named after
 * the first command or view among them, which is what a slice delivers. */
static void
new_slice_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  GHashTableIter iter;
  SlNote *note, *named = NULL;
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;
  int x, width;

  if (g_hash_table_size (self->selection) == 0)
    {
      _sl_canvas_emit_message (self, _("Select the notes the slice holds"));
      return;
    }

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, (gpointer *) &note, NULL))
    {
      SlNoteKind kind = sl_note_get_kind (note);
      SlRect rect;

      sl_layout_get_note_rect (self->layout, note, &rect);
      left = MIN (left, rect.x);
      right = MAX (right, rect.x + rect.width);
      if ((kind == SL_NOTE_COMMAND || kind == SL_NOTE_VIEW) && *sl_note_get_text (note) != '\0' &&
          (named == NULL || sl_note_get_x (note) < sl_note_get_x (named)))
        named = note;
    }

  x = (int) floor (left / SL_LAYOUT_COLUMN_WIDTH) * SL_LAYOUT_COLUMN_WIDTH;
  width = (int) ceil (right / SL_LAYOUT_COLUMN_WIDTH) * SL_LAYOUT_COLUMN_WIDTH - x;

  seal (self);
  sl_document_add_slice (self->document, named ? sl_note_get_text (named) : _("New Slice"), x, width);
  seal (self);
}

static void
set_slice_name (SlCanvas   *self,
                SlElement  *element,
                const char *text)
{
  g_autofree char *name = g_strstrip (g_strdup (text));

  if (SL_IS_SLICE (element) && *name != '\0' && g_strcmp0 (name, sl_slice_get_name (SL_SLICE (element))) != 0)
    {
      seal (self);
      sl_document_set_slice_name (self->document, SL_SLICE (element), name);
      seal (self);
    }
}

static void
rename_slice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlSlice *slice = slice_from_id (self, g_variant_get_string (parameter, NULL));

  if (slice != NULL)
    _sl_canvas_ask_name (self, _("Rename Slice"), "rename-slice", SL_ELEMENT (slice),
                         sl_slice_get_name (slice), set_slice_name);
}

static void
slice_status_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  const char *id, *status_name;
  SlSliceStatus status;
  SlSlice *slice;

  g_variant_get (parameter, "(&s&s)", &id, &status_name);
  slice = slice_from_id (self, id);
  if (slice != NULL && sl_slice_status_from_string (status_name, &status) &&
      status != sl_slice_get_status (slice))
    {
      seal (self);
      sl_document_set_slice_status (self->document, slice, status);
      seal (self);
    }
}

static void
remove_slice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlSlice *slice = slice_from_id (self, g_variant_get_string (parameter, NULL));

  if (slice != NULL)
    {
      seal (self);
      sl_document_remove_slice (self->document, slice);
      seal (self);
    }
}

/* The menu's radio items need a stateful action, which a widget class
 * action cannot be: this one stands for the slice the menu is open on. */
static void
status_change_state_cb (GSimpleAction *action,
                        GVariant      *value,
                        SlCanvas      *self)
{
  g_simple_action_set_state (action, value);
  gtk_widget_activate_action (GTK_WIDGET (self), "canvas.set-slice-status", "(ss)",
                              g_object_get_data (G_OBJECT (action), "slice-id"),
                              g_variant_get_string (value, NULL));
}

static GMenuModel *
create_slice_menu (SlCanvas *self,
                   SlSlice  *slice)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) statuses = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = NULL;
  const char *id = sl_element_get_id (SL_ELEMENT (slice));

  action = g_simple_action_new_stateful ("status", G_VARIANT_TYPE_STRING,
                                         g_variant_new_string (sl_slice_status_to_string (sl_slice_get_status (slice))));
  g_object_set_data_full (G_OBJECT (action), "slice-id", g_strdup (id), g_free);
  g_signal_connect_object (action, "change-state", G_CALLBACK (status_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (self->lane_menu, "slice", G_ACTION_GROUP (group));

  for (SlSliceStatus status = SL_SLICE_PLANNED; status <= SL_SLICE_DONE; status++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (sl_slice_status_get_label (status), NULL);

      g_menu_item_set_action_and_target_value (item, "slice.status",
                                               g_variant_new_string (sl_slice_status_to_string (status)));
      g_menu_append_item (statuses, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (statuses));

  {
    g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename Slice…"), NULL);
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("Re_move Slice"), NULL);

    g_menu_item_set_action_and_target_value (rename, "canvas.rename-slice", g_variant_new_string (id));
    g_menu_item_set_action_and_target_value (remove, "canvas.remove-slice", g_variant_new_string (id));
    g_menu_append_item (edit, rename);
    g_menu_append_item (edit, remove);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  return G_MENU_MODEL (menu);
}

/* The lane menu offers a slice of the selection too: the key is not the
 * only way to find it. */
void
_sl_canvas_append_slice_section (SlCanvas *self,
                                 GMenu    *menu)
{
  g_autoptr(GMenu) section = g_menu_new ();

  g_menu_append (section, _("New _Slice from Selection"), "canvas.new-slice");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

/* Opens the slice menu if (@x, @y) in the widget is on a slice of the
 * strip; the lane menu's popover shows it. */
gboolean
_sl_canvas_popup_slice_menu (SlCanvas *self,
                             double    x,
                             double    y)
{
  g_autoptr(GMenuModel) model = NULL;
  double bx, by;
  SlSlice *slice;

  sl_canvas_widget_to_board (self, x, y, &bx, &by);
  slice = sl_layout_get_slice_at (self->layout, bx, by);
  if (slice == NULL)
    return FALSE;

  model = create_slice_menu (self, slice);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->lane_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->lane_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->lane_menu));
  return TRUE;
}

/* A press on the right edge of a slice in the strip starts resizing it;
 * the edge is easy to hit at any zoom. */
gboolean
_sl_canvas_begin_slice_resize (SlCanvas *self,
                               double    board_x,
                               double    board_y)
{
  GListModel *slices = sl_document_get_slices (self->document);
  double reach = 6 / self->zoom;

  if (board_y < 0 || board_y >= SL_LAYOUT_SLICE_HEADER_HEIGHT)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (slices); i++)
    {
      SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (slices), i);

      if (fabs (board_x - (sl_slice_get_x (slice) + sl_slice_get_width (slice))) <= reach)
        {
          self->drag_mode = DRAG_SLICE_RESIZE;
          self->drag_slice = slice;
          self->drag_slice_width = sl_slice_get_width (slice);
          return TRUE;
        }
    }

  return FALSE;
}

/* The drag is one undo step: the gesture groups its changes. */
void
_sl_canvas_resize_slice (SlCanvas *self,
                         double    dx)
{
  int width = sl_layout_snap_to_grid (self->drag_slice_width + dx / self->zoom);

  width = MAX (width, SL_LAYOUT_GRID * 4);
  if (width != sl_slice_get_width (self->drag_slice))
    sl_document_set_slice_range (self->document, self->drag_slice, sl_slice_get_x (self->drag_slice), width);
}

/* A double click on a slice in the strip renames it. */
gboolean
_sl_canvas_rename_slice_at (SlCanvas *self,
                            double    board_x,
                            double    board_y)
{
  SlSlice *slice = sl_layout_get_slice_at (self->layout, board_x, board_y);

  if (slice == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "canvas.rename-slice", "s",
                              sl_element_get_id (SL_ELEMENT (slice)));
  return TRUE;
}

void
_sl_canvas_class_slices_init (SlCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "canvas.new-slice", NULL, new_slice_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename-slice", "s", rename_slice_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-slice-status", "(ss)", slice_status_action);
  gtk_widget_class_install_action (widget_class, "canvas.remove-slice", "s", remove_slice_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.new-slice", NULL);
}
