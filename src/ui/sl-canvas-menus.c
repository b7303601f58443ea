/* sl-canvas-menus.c: the menus of what was right-clicked
 *
 * A right click on a card opens the note's menu, on a connection the
 * connection's, on empty lane space the lane's. The note's menu acts on the selection, which the right-clicked
 * note joins (or becomes, when it was not selected), so that what the menu
 * does is what the board shows selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sl-aggregate-dialog.h"
#include "sl-canvas-private.h"
#include "sl-check.h"

enum {
  SHOW_PROPERTIES,
  UNDOABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SlNote *
note_from_parameter (SlCanvas *self,
                     GVariant *parameter)
{
  SlElement *element = sl_document_lookup (self->document, g_variant_get_string (parameter, NULL));

  return SL_IS_NOTE (element) ? SL_NOTE (element) : NULL;
}

/* @text as a menu item's label: an underscore in it is no mnemonic. */
static char *
menu_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  SlNote *note = note_from_parameter (self, parameter);

  if (note != NULL)
    sl_canvas_edit_note (self, note);
}

static void
properties_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_PROPERTIES], 0);
}

#define MAX_CONNECT_TARGETS 10

static void
connect_to_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  const char *source_id, *target_id;
  SlElement *source, *target;

  g_variant_get (parameter, "(&s&s)", &source_id, &target_id);
  source = sl_document_lookup (self->document, source_id);
  target = sl_document_lookup (self->document, target_id);
  if (SL_IS_NOTE (source) && SL_IS_NOTE (target) && source != target)
    sl_document_add_connection (self->document, SL_NOTE (source), SL_NOTE (target));
}

typedef struct
{
  SlNote *note;
  double distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  return (ca->distance > cb->distance) - (ca->distance < cb->distance);
}

/* The nearest notes @note may connect to, as the rules allow and not into
 * the past, that it is not connected to yet; a drag from its handle
 * reaches any other. */
static GMenuModel *
create_connect_menu (SlCanvas *self,
                     SlNote   *note)
{
  GListModel *notes = sl_document_get_notes (self->document);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GMenu *menu = g_menu_new ();
  SlRect from;

  sl_layout_get_note_rect (self->layout, note, &from);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *other = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      Candidate candidate = { other, 0 };
      SlRect to;

      if (other == note ||
          sl_note_get_x (other) < sl_note_get_x (note) ||
          !sl_check_is_legal_connection (sl_note_get_kind (note), sl_note_get_kind (other)) ||
          sl_document_find_connection (self->document, note, other) != NULL)
        continue;

      sl_layout_get_note_rect (self->layout, other, &to);
      candidate.distance = hypot (to.x - from.x, to.y - from.y);
      g_array_append_val (candidates, candidate);
    }
  g_array_sort (candidates, compare_candidates);

  for (guint i = 0; i < MIN (candidates->len, MAX_CONNECT_TARGETS); i++)
    {
      SlNote *target = g_array_index (candidates, Candidate, i).note;
      g_autofree char *text = menu_label (sl_note_get_text (target));
      g_autofree char *label = g_strdup_printf ("%s (%s)", text,
                                                sl_note_kind_get_label (sl_note_get_kind (target)));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "canvas.connect-to",
                                               g_variant_new ("(ss)", sl_element_get_id (SL_ELEMENT (note)),
                                                              sl_element_get_id (SL_ELEMENT (target))));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

/* The Kind submenu's radio items: the state is the right-clicked note's
 * kind; choosing one gives it to every selected note, in one step. */
static void
note_kind_change_state_cb (GSimpleAction *action,
                           GVariant      *value,
                           gpointer       user_data)
{
  SlCanvas *self = user_data;
  SlHistory *history = sl_document_get_history (self->document);
  SlNoteKind kind;
  GHashTableIter iter;
  gpointer note;

  if (!sl_note_kind_from_string (g_variant_get_string (value, NULL), &kind))
    return;

  sl_history_begin_group (history, _("Change Kind"));
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    sl_document_set_note_kind (self->document, note, kind);
  sl_history_end_group (history);

  g_simple_action_set_state (action, value);
}

/* The Aggregate submenu */

static gboolean
can_have_aggregate (SlNote *note)
{
  SlNoteKind kind = sl_note_get_kind (note);

  return kind == SL_NOTE_EVENT || kind == SL_NOTE_COMMAND;
}

/* The selected notes that can belong to an aggregate, as references. */
static GPtrArray *
selected_aggregate_members (SlCanvas *self)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer note;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    if (can_have_aggregate (note))
      g_ptr_array_add (notes, g_object_ref (note));

  return notes;
}

/* Gives @aggregate (or none) to each of @notes still on the board. */
static void
give_aggregate (SlCanvas    *self,
                GPtrArray   *notes,
                SlAggregate *aggregate)
{
  for (guint i = 0; i < notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (notes, i);

      if (sl_document_lookup_note (self->document, sl_element_get_id (SL_ELEMENT (note))) == note &&
          sl_note_get_aggregate (note) != aggregate)
        sl_document_set_note_aggregate (self->document, note, aggregate);
    }
}

/* The Aggregate submenu's radio items: the state is the right-clicked
 * note's own aggregate ("" for none); choosing one gives it to every
 * selected event and command, in one step. */
static void
note_aggregate_change_state_cb (GSimpleAction *action,
                                GVariant      *value,
                                gpointer       user_data)
{
  SlCanvas *self = user_data;
  SlHistory *history = sl_document_get_history (self->document);
  const char *id = g_variant_get_string (value, NULL);
  g_autoptr(GPtrArray) notes = NULL;
  SlAggregate *aggregate = NULL;

  if (*id != '\0')
    {
      SlElement *element = sl_document_lookup (self->document, id);

      if (!SL_IS_AGGREGATE (element))
        return;
      aggregate = SL_AGGREGATE (element);
    }

  /* Sealed on both sides: a change of aggregate never merges with the
   * one before it. */
  notes = selected_aggregate_members (self);
  sl_history_seal (history);
  sl_history_begin_group (history, _("Change Aggregate"));
  give_aggregate (self, notes, aggregate);
  sl_history_end_group (history);
  sl_history_seal (history);

  g_simple_action_set_state (action, value);
}

static void
new_note_aggregate_cb (GtkWidget   *owner,
                       SlAggregate *aggregate,
                       gpointer     user_data)
{
  /* The notes may have gone while the dialog was open. */
  if (aggregate != NULL)
    give_aggregate (SL_CANVAS (owner), user_data, aggregate);
}

static void
new_note_aggregate_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  GPtrArray *notes = selected_aggregate_members (self);

  if (notes->len == 0)
    {
      g_ptr_array_unref (notes);
      return;
    }

  sl_aggregate_dialog_present (widget, self->document, new_note_aggregate_cb,
                               notes, (GDestroyNotify) g_ptr_array_unref);
}

static GMenuModel *
create_aggregate_menu (SlCanvas *self,
                       SlNote   *note)
{
  GListModel *list = sl_document_get_aggregates (self->document);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) aggregates = g_menu_new ();
  g_autoptr(GMenu) create = g_menu_new ();
  g_autofree char *none_text = sl_aggregate_get_none_label (self->document, note);
  g_autofree char *none_label = menu_label (none_text);
  g_autoptr(GMenuItem) none = g_menu_item_new (none_label, NULL);

  g_menu_item_set_action_and_target_value (none, "note.aggregate", g_variant_new_string (""));
  g_menu_append_item (aggregates, none);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (list), i);
      g_autofree char *label = menu_label (sl_aggregate_get_name (aggregate));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "note.aggregate",
                                               g_variant_new_string (sl_element_get_id (SL_ELEMENT (aggregate))));
      g_menu_append_item (aggregates, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (aggregates));

  g_menu_append (create, _("_New Aggregate…"), "canvas.new-note-aggregate");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (create));

  return G_MENU_MODEL (menu);
}

static GMenuModel *
create_note_menu (SlCanvas *self,
                  SlNote   *note)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) text = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) copies = g_menu_new ();
  g_autoptr(GMenu) properties = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit Text"), NULL);
  g_autoptr(GMenuModel) connect = create_connect_menu (self, note);

  g_menu_item_set_action_and_target_value (edit, "canvas.edit-note",
                                           g_variant_new_string (sl_element_get_id (SL_ELEMENT (note))));
  g_menu_append_item (text, edit);

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (sl_note_kind_get_label (kind), NULL);

      g_menu_item_set_action_and_target_value (item, "note.kind",
                                               g_variant_new_string (sl_note_kind_to_string (kind)));
      g_menu_append_item (kinds, item);
    }
  g_menu_append_submenu (text, _("_Kind"), G_MENU_MODEL (kinds));
  if (can_have_aggregate (note))
    {
      g_autoptr(GMenuModel) aggregates = create_aggregate_menu (self, note);

      g_menu_append_submenu (text, _("_Aggregate"), aggregates);
    }
  if (g_menu_model_get_n_items (connect) > 0)
    g_menu_append_submenu (text, _("_Connect To"), connect);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (text));

  g_menu_append (copies, _("_Duplicate"), "canvas.duplicate");
  g_menu_append (copies, _("De_lete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copies));

  g_menu_append (properties, _("_Properties"), "canvas.properties");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (properties));

  return G_MENU_MODEL (menu);
}

void
_sl_canvas_popup_note_menu (SlCanvas *self,
                            SlNote   *note,
                            double    x,
                            double    y)
{
  g_autoptr(GMenuModel) model = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) kind = NULL;
  g_autoptr(GSimpleAction) aggregate = NULL;
  SlAggregate *own;

  if (!g_hash_table_contains (self->selection, note))
    sl_canvas_select (self, note, FALSE);

  kind = g_simple_action_new_stateful ("kind", G_VARIANT_TYPE_STRING,
                                       g_variant_new_string (sl_note_kind_to_string (sl_note_get_kind (note))));
  g_signal_connect_object (kind, "change-state", G_CALLBACK (note_kind_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (kind));
  own = sl_note_get_aggregate (note);
  aggregate = g_simple_action_new_stateful ("aggregate", G_VARIANT_TYPE_STRING,
                                            g_variant_new_string (own ? sl_element_get_id (SL_ELEMENT (own)) : ""));
  g_signal_connect_object (aggregate, "change-state", G_CALLBACK (note_aggregate_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (aggregate));
  gtk_widget_insert_action_group (self->lane_menu, "note", G_ACTION_GROUP (group));

  model = create_note_menu (self, note);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->lane_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->lane_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->lane_menu));
}

/* Connections */

/**
 * sl_canvas_get_selected_connection:
 *
 * Returns: (nullable) (transfer none): the connection selected, when no
 * note is
 */
SlConnection *
sl_canvas_get_selected_connection (SlCanvas *self)
{
  g_return_val_if_fail (SL_IS_CANVAS (self), NULL);

  return self->selected_connection;
}

/**
 * sl_canvas_select_connection:
 * @connection: (nullable): the connection to select, or %NULL for none
 *
 * Selects @connection instead of the selected notes, for Delete and the
 * connection's menu.
 */
void
sl_canvas_select_connection (SlCanvas     *self,
                             SlConnection *connection)
{
  g_return_if_fail (SL_IS_CANVAS (self));
  g_return_if_fail (connection == NULL || SL_IS_CONNECTION (connection));

  if (connection != NULL)
    sl_canvas_unselect_all (self);
  if (g_set_object (&self->selected_connection, connection))
    _sl_canvas_queue_draw (self);
}

/* The connection drawn within a few pixels of (@board_x, @board_y). */
SlConnection *
_sl_canvas_get_connection_at (SlCanvas *self,
                              double    board_x,
                              double    board_y)
{
  return sl_renderer_get_connection_at (self->renderer, board_x, board_y, 5 / self->zoom);
}

/* A connection removed, by Delete, undo or its notes going, leaves the
 * selection. */
static void
connections_changed_cb (SlCanvas *self)
{
  SlConnection *connection = self->selected_connection;

  if (connection != NULL &&
      sl_document_lookup (self->document, sl_element_get_id (SL_ELEMENT (connection))) != SL_ELEMENT (connection))
    sl_canvas_select_connection (self, NULL);
}

void
_sl_canvas_connections_init (SlCanvas *self)
{
  g_signal_connect_object (sl_document_get_connections (self->document), "items-changed",
                           G_CALLBACK (connections_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Whether the selected connection may turn around: the rules allow the
 * other direction, and it is not there already. */
static gboolean
can_reverse (SlCanvas     *self,
             SlConnection *connection)
{
  SlNote *source = sl_connection_get_source (connection);
  SlNote *target = sl_connection_get_target (connection);

  return sl_check_is_legal_connection (sl_note_get_kind (target), sl_note_get_kind (source)) &&
         sl_document_find_connection (self->document, target, source) == NULL;
}

static void
reverse_connection_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);
  g_autoptr(SlConnection) connection = NULL;
  SlHistory *history = sl_document_get_history (self->document);
  SlConnection *reversed;

  if (self->selected_connection == NULL || !can_reverse (self, self->selected_connection))
    return;

  connection = g_object_ref (self->selected_connection);
  sl_history_begin_group (history, _("Reverse Connection"));
  sl_document_remove_connection (self->document, connection);
  reversed = sl_document_add_connection (self->document,
                                         sl_connection_get_target (connection),
                                         sl_connection_get_source (connection));
  sl_history_end_group (history);
  sl_canvas_select_connection (self, reversed);
}

static void
remove_connection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SlCanvas *self = SL_CANVAS (widget);

  /* As Delete does: asking first when it breaks something. */
  if (self->selected_connection != NULL)
    sl_canvas_delete_selection (self);
}

void
_sl_canvas_popup_connection_menu (SlCanvas     *self,
                                  SlConnection *connection,
                                  double        x,
                                  double        y)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  sl_canvas_select_connection (self, connection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.reverse-connection", can_reverse (self, connection));

  g_menu_append (menu, _("Re_verse"), "canvas.reverse-connection");
  g_menu_append (menu, _("_Remove"), "canvas.remove-connection");
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->lane_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->lane_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->lane_menu));
}

/* Something was done that takes more away than the user may have meant,
 * such as a lane with its notes: @text says what, for the window to offer
 * Undo. */
void
_sl_canvas_emit_undoable (SlCanvas   *self,
                          const char *text)
{
  g_signal_emit (self, signals[UNDOABLE], 0, text);
}

void
_sl_canvas_class_menus_init (SlCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * SlCanvas::show-properties:
   *
   * Emitted when the user asks to see the selected note's properties,
   * for the window to show its inspector.
   */
  signals[SHOW_PROPERTIES] =
    g_signal_new ("show-properties",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SlCanvas::undoable:
   * @text: what was done
   *
   * Emitted when something was done that takes away more than the user
   * may have meant, for the window to offer Undo with @text.
   */
  signals[UNDOABLE] =
    g_signal_new ("undoable",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "canvas.edit-note", "s", edit_note_action);
  gtk_widget_class_install_action (widget_class, "canvas.properties", NULL, properties_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect-to", "(ss)", connect_to_action);
  gtk_widget_class_install_action (widget_class, "canvas.new-note-aggregate", NULL, new_note_aggregate_action);
  gtk_widget_class_install_action (widget_class, "canvas.reverse-connection", NULL, reverse_connection_action);
  gtk_widget_class_install_action (widget_class, "canvas.remove-connection", NULL, remove_connection_action);
}
