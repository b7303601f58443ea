/* sl-canvas-actions.c: what the board's menus and shortcuts do
 *
 * The "canvas." actions and their key bindings: zoom, selection, the
 * clipboard, room on the timeline, and the lane menu a right click on a
 * lane opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-aggregate-dialog.h"
#include "sl-alert.h"
#include "sl-canvas-private.h"

static void
zoom_to_selection (SlCanvas *self)
{
  SlRect bounds, rect;

  if (!sl_canvas_get_selection_bounds (self, &bounds))
    return;

  /* A margin around, and room for the lane headers on the left. */
  rect = (SlRect) { bounds.x - 60 - SL_LAYOUT_LANE_HEADER_WIDTH, bounds.y - 60,
                    bounds.width + 120 + SL_LAYOUT_LANE_HEADER_WIDTH, bounds.height + 120 };
  _sl_canvas_zoom_to_rect (self, &rect, 2.0);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "canvas.zoom-in"))
    sl_canvas_set_zoom (self, self->zoom * 1.25, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    sl_canvas_set_zoom (self, self->zoom / 1.25, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    sl_canvas_set_zoom (self, 1.0, x, y);
  else if (g_str_equal (action_name, "canvas.zoom-selection"))
    zoom_to_selection (self);
  else
    sl_canvas_zoom_to_fit (self);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  GListModel *notes = sl_document_get_notes (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    g_hash_table_add (self->selection, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
  _sl_canvas_selection_changed (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sl_canvas_delete_selection (SL_CANVAS (widget));
}

/* Room on the timeline: at the selected note's column from the keyboard,
 * at the point the lane menu was opened from the menu. */
static void
make_room_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);

  if (parameter != NULL)
    sl_canvas_make_room (self, g_variant_get_double (parameter));
  else if (self->anchor != NULL && g_hash_table_contains (self->selection, self->anchor))
    sl_canvas_make_room (self, sl_note_get_x (self->anchor));
  else
    _sl_canvas_emit_message (self, _("Select a note to make room at its column"));
}

/* Lanes */

static SlLane *
lane_from_parameter (SlCanvas *self,
                     GVariant *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);

  return sl_document_lookup_lane (self->document, id);
}

typedef struct
{
  char *id;
  SlCanvasNameFunc func;
} NameRequest;

static void
name_request_free (NameRequest *request)
{
  g_free (request->id);
  g_free (request);
}

static void
name_response_cb (SlAlert          *dialog,
                  const char       *response,
                  SlCanvas         *self)
{
  GtkEditable *entry = GTK_EDITABLE (sl_alert_get_extra_child (dialog));
  NameRequest *request = g_object_get_data (G_OBJECT (dialog), "sl-name-request");
  SlElement *element = sl_document_lookup (self->document, request->id);

  if (g_str_equal (response, "rename") && element != NULL)
    request->func (self, element, gtk_editable_get_text (entry));
}

/**
 * _sl_canvas_ask_name:
 * @dialog_name: (nullable): the dialog's widget name, for tests
 *
 * Asks for a new name of @element in a dialog over the window. The
 * element is kept by its id: it may be removed while the dialog is open.
 */
void
_sl_canvas_ask_name (SlCanvas         *self,
                     const char       *heading,
                     const char       *dialog_name,
                     SlElement        *element,
                     const char       *current,
                     SlCanvasNameFunc  func)
{
  NameRequest *request = g_new0 (NameRequest, 1);
  GtkWidget *entry;
  SlAlert *dialog;

  request->id = g_strdup (sl_element_get_id (element));
  request->func = func;

  dialog = sl_alert_new (heading, NULL);
  if (dialog_name != NULL)
    gtk_widget_set_name (GTK_WIDGET (dialog), dialog_name);
  entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), current);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  sl_alert_set_extra_child (dialog, entry);
  sl_alert_add_responses (dialog,
                          "cancel", _("_Cancel"),
                          "rename", _("_Rename"),
                          NULL);
  sl_alert_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  sl_alert_set_default_response (dialog, "rename");
  sl_alert_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sl-name-request", request, (GDestroyNotify) name_request_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  sl_alert_present (dialog, GTK_WIDGET (self));
}

static void
set_lane_name (SlCanvas   *self,
               SlElement  *element,
               const char *name)
{
  if (SL_IS_LANE (element))
    sl_document_set_lane_name (self->document, SL_LANE (element), name);
}

static void
rename_lane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);

  if (lane != NULL)
    _sl_canvas_ask_name (self, _("Rename Lane"), NULL, SL_ELEMENT (lane), sl_lane_get_name (lane), set_lane_name);
}

static void
lane_kind_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  const char *id, *kind_name;
  SlLaneKind kind;
  SlLane *lane;

  g_variant_get (parameter, "(&s&s)", &id, &kind_name);
  lane = sl_document_lookup_lane (self->document, id);
  if (lane != NULL && sl_lane_kind_from_string (kind_name, &kind))
    sl_document_set_lane_kind (self->document, lane, kind);
}

static void
move_lane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);
  int position, n_lanes;

  if (lane == NULL)
    return;

  position = sl_document_get_lane_position (self->document, lane);
  n_lanes = g_list_model_get_n_items (sl_document_get_lanes (self->document));
  position += g_str_equal (action_name, "canvas.move-lane-up") ? -1 : 1;
  if (position >= 0 && position < n_lanes)
    sl_document_move_lane (self->document, lane, position);
}

static void
add_lane_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);
  int position = lane ? sl_document_get_lane_position (self->document, lane) + 1 : -1;
  SlLaneKind kind = lane ? sl_lane_get_kind (lane) : SL_LANE_EVENTS;

  sl_document_add_lane (self->document, kind, _("New Lane"), position);
}

static guint
count_lane_notes (SlCanvas *self,
                  SlLane   *lane)
{
  GListModel *notes = sl_document_get_notes (self->document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    if (sl_note_get_lane (sl_element_list_peek (SL_ELEMENT_LIST (notes), i)) == lane)
      n++;

  return n;
}

static void
remove_lane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlLane *lane = lane_from_parameter (self, parameter);
  g_autofree char *text = NULL;
  guint n_notes;

  if (lane == NULL)
    return;

  /* Its notes go with it, in the same undo step, which the window offers
   * at once rather than asking first. An empty lane is offered back too:
   * its name, kind and aggregate were the user's work. */
  n_notes = count_lane_notes (self, lane);
  if (n_notes > 0)
    text = g_strdup_printf (ngettext ("Removed “%s” and its note",
                                      "Removed “%s” and its %u notes", n_notes),
                            sl_lane_get_name (lane), n_notes);
  else
    text = g_strdup_printf (_("Removed lane “%s”"), sl_lane_get_name (lane));
  sl_document_remove_lane (self->document, lane);
  _sl_canvas_emit_undoable (self, text);
}

/* The aggregate of a lane of events */

static void
set_lane_aggregate_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  const char *lane_id, *aggregate_id;
  SlAggregate *aggregate = NULL;
  SlLane *lane;

  /* An empty id is "None". */
  g_variant_get (parameter, "(&s&s)", &lane_id, &aggregate_id);
  lane = sl_document_lookup_lane (self->document, lane_id);
  if (*aggregate_id != '\0')
    {
      SlElement *element = sl_document_lookup (self->document, aggregate_id);

      if (!SL_IS_AGGREGATE (element))
        return;
      aggregate = SL_AGGREGATE (element);
    }

  if (lane != NULL && sl_lane_get_aggregate (lane) != aggregate)
    {
      sl_history_seal (sl_document_get_history (self->document));
      sl_document_set_lane_aggregate (self->document, lane, aggregate);
      sl_history_seal (sl_document_get_history (self->document));
    }
}

static void
new_lane_aggregate_cb (GtkWidget   *owner,
                       SlAggregate *aggregate,
                       gpointer     user_data)
{
  SlCanvas *self = SL_CANVAS (owner);
  SlLane *lane = sl_document_lookup_lane (self->document, user_data);

  /* The lane may have gone while the dialog was open. */
  if (aggregate != NULL && lane != NULL)
    sl_document_set_lane_aggregate (self->document, lane, aggregate);
}

static void
new_lane_aggregate_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);

  sl_aggregate_dialog_present (widget, self->document, new_lane_aggregate_cb,
                               g_variant_dup_string (parameter, NULL), g_free);
}

/* The menu's radio items need a stateful action, which a widget class
 * action cannot be: this one stands for the lane the menu is open on. */
static void
lane_aggregate_change_state_cb (GSimpleAction *action,
                                GVariant      *value,
                                SlCanvas      *self)
{
  const char *lane_id = g_object_get_data (G_OBJECT (action), "lane-id");

  g_simple_action_set_state (action, value);
  gtk_widget_activate_action (GTK_WIDGET (self), "canvas.set-lane-aggregate", "(ss)",
                              lane_id, g_variant_get_string (value, NULL));
}

static void
append_aggregate_section (SlCanvas *self,
                          GMenu    *menu,
                          SlLane   *lane)
{
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenu) aggregates = g_menu_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = NULL;
  GListModel *list = sl_document_get_aggregates (self->document);
  SlAggregate *current = sl_lane_get_aggregate (lane);
  const char *id = sl_element_get_id (SL_ELEMENT (lane));

  if (sl_lane_get_kind (lane) != SL_LANE_EVENTS)
    return;

  action = g_simple_action_new_stateful ("aggregate", G_VARIANT_TYPE_STRING,
                                         g_variant_new_string (current ? sl_element_get_id (SL_ELEMENT (current)) : ""));
  g_object_set_data_full (G_OBJECT (action), "lane-id", g_strdup (id), g_free);
  g_signal_connect_object (action, "change-state", G_CALLBACK (lane_aggregate_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (self->lane_menu, "lane", G_ACTION_GROUP (group));

  {
    g_autoptr(GMenuItem) none = g_menu_item_new (_("None"), NULL);

    g_menu_item_set_action_and_target_value (none, "lane.aggregate", g_variant_new_string (""));
    g_menu_append_item (aggregates, none);
  }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (list), i);
      g_auto(GStrv) parts = g_strsplit (sl_aggregate_get_name (aggregate), "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      /* The name as it is: an underscore in it is no mnemonic. */
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "lane.aggregate",
                                               g_variant_new_string (sl_element_get_id (SL_ELEMENT (aggregate))));
      g_menu_append_item (aggregates, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_New Aggregate…"), NULL);

    g_menu_item_set_action_and_target_value (item, "canvas.new-lane-aggregate", g_variant_new_string (id));
    g_menu_append_item (aggregates, item);
  }
  g_menu_append_submenu (section, _("_Aggregate"), G_MENU_MODEL (aggregates));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

static GMenuModel *
create_lane_menu (SlCanvas *self,
                  SlLane   *lane,
                  double    board_x)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) lane_section = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  const char *id = sl_element_get_id (SL_ELEMENT (lane));

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Rename…"), NULL);

    g_menu_item_set_action_and_target_value (item, "canvas.rename-lane", g_variant_new_string (id));
    g_menu_append_item (lane_section, item);
  }

  for (SlLaneKind kind = 0; kind < SL_N_LANE_KINDS; kind++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (sl_lane_kind_get_label (kind), NULL);

      g_menu_item_set_action_and_target_value (item, "canvas.set-lane-kind",
                                               g_variant_new ("(ss)", id, sl_lane_kind_to_string (kind)));
      g_menu_append_item (kinds, item);
    }
  g_menu_append_submenu (lane_section, _("_Kind"), G_MENU_MODEL (kinds));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (lane_section));
  append_aggregate_section (self, menu, lane);

  {
    g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
    g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);

    g_menu_item_set_action_and_target_value (up, "canvas.move-lane-up", g_variant_new_string (id));
    g_menu_item_set_action_and_target_value (down, "canvas.move-lane-down", g_variant_new_string (id));
    g_menu_append_item (order, up);
    g_menu_append_item (order, down);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));

  {
    g_autoptr(GMenuItem) room = g_menu_item_new (_("_Make Room Here"), NULL);
    g_autoptr(GMenuItem) below = g_menu_item_new (_("_Add Lane Below"), NULL);
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("Re_move Lane"), NULL);

    g_menu_item_set_action_and_target_value (below, "canvas.add-lane", g_variant_new_string (id));
    g_menu_item_set_action_and_target_value (room, "canvas.make-room-at", g_variant_new_double (board_x));
    g_menu_append_item (add, room);
    g_menu_item_set_action_and_target_value (remove, "canvas.remove-lane", g_variant_new_string (id));
    g_menu_append_item (add, below);
    g_menu_append_item (add, remove);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add));
  _sl_canvas_append_slice_section (self, menu);

  return G_MENU_MODEL (menu);
}

void
_sl_canvas_popup_lane_menu (SlCanvas *self,
                            SlLane   *lane,
                            double    x,
                            double    y)
{
  g_autoptr(GMenuModel) model = NULL;
  double board_x, board_y;

  sl_canvas_widget_to_board (self, x, y, &board_x, &board_y);
  model = create_lane_menu (self, lane, board_x);

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->lane_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->lane_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->lane_menu));
}

/* The clipboard */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _sl_canvas_copy_selection (SL_CANVAS (widget));
}

static void
cut_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);

  if (_sl_canvas_copy_selection (self))
    sl_canvas_delete_selection (self);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _sl_canvas_paste (SL_CANVAS (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _sl_canvas_duplicate_selection (SL_CANVAS (widget));
}

void
_sl_canvas_class_actions_init (SlCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-selection", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename-lane", "s", rename_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-lane-kind", "(ss)", lane_kind_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-lane-up", "s", move_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-lane-down", "s", move_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", "s", add_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.remove-lane", "s", remove_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-lane-aggregate", "(ss)", set_lane_aggregate_action);
  gtk_widget_class_install_action (widget_class, "canvas.new-lane-aggregate", "s", new_lane_aggregate_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.make-room", NULL, make_room_action);
  gtk_widget_class_install_action (widget_class, "canvas.make-room-at", "d", make_room_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "canvas.zoom-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "canvas.make-room", NULL);
}
