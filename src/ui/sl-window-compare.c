/* sl-window-compare.c: Compare With…, the board against another version
 * of the model
 *
 * The other file is read with the strict reader and compared in model
 * terms (sl-diff.h): the board marks the notes added and changed since
 * that version, draws the ones it had and this one lacks as ghosts where
 * they stood, and a panel over the board lists every change; a change
 * clicked brings its note into view. It lasts until dismissed, by the
 * panel's close button or Escape. Printing and exports never show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-window-private.h"

#define PANEL_WIDTH 320
#define PANEL_HEIGHT 360

static SlRenderMark
action_mark (SlDiffAction action)
{
  switch (action)
    {
    case SL_DIFF_ADDED:
      return SL_RENDER_MARK_ADDED;
    case SL_DIFF_REMOVED:
      return SL_RENDER_MARK_REMOVED;
    case SL_DIFF_CHANGED:
    default:
      return SL_RENDER_MARK_CHANGED;
    }
}

static void
clear_ghost (gpointer data)
{
  SlRenderGhost *ghost = data;

  g_clear_object (&ghost->note);
}

/* Where a note of the other version stood on this board: in the lane of
 * the same id, else where the other version's own layout had it. */
static void
place_ghost (SlWindow     *self,
             SlLayout     *other_layout,
             SlNote       *note,
             SlRect       *rect)
{
  SlLane *old_lane = sl_note_get_lane (note);
  SlLane *lane = sl_document_lookup_lane (self->document, sl_element_get_id (SL_ELEMENT (old_lane)));

  if (lane == NULL)
    {
      sl_layout_get_note_rect (other_layout, note, rect);
      return;
    }

  sl_layout_get_lane_rect (sl_canvas_get_layout (self->canvas), lane, rect);
  rect->y += SL_LAYOUT_LANE_PADDING + sl_note_get_y (note);
  rect->x = sl_note_get_x (note);
  sl_layout_get_note_size (sl_note_get_kind (note), &rect->width, &rect->height);
}

static void
show_marks (SlWindow *self)
{
  /* Its own references: a note removed from the board while compared
   * must not leave its address to another. */
  g_autoptr(GHashTable) marks = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_autoptr(GArray) ghosts = g_array_new (FALSE, FALSE, sizeof (SlRenderGhost));
  g_autoptr(GPtrArray) removed = sl_diff_get_removed_notes (self->diff);
  g_autoptr(SlLayout) other_layout = sl_layout_new (self->compared);
  GListModel *notes = sl_document_get_notes (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i);
      SlDiffAction action;

      if (sl_diff_get_note_action (self->diff, sl_element_get_id (SL_ELEMENT (note)), &action) &&
          action != SL_DIFF_REMOVED)
        g_hash_table_insert (marks, g_object_ref (note), GUINT_TO_POINTER (action_mark (action)));
    }

  g_array_set_clear_func (ghosts, clear_ghost);
  for (guint i = 0; removed != NULL && i < removed->len; i++)
    {
      SlRenderGhost ghost = { g_object_ref (g_ptr_array_index (removed, i)), { 0 } };

      place_ghost (self, other_layout, ghost.note, &ghost.rect);
      g_array_append_val (ghosts, ghost);
    }

  sl_canvas_set_marks (self->canvas, marks, ghosts);
}

/* A removed note is not on the board: its ghost is brought into view. */
static void
show_ghost (SlWindow   *self,
            const char *id)
{
  g_autoptr(GPtrArray) removed = sl_diff_get_removed_notes (self->diff);
  g_autoptr(SlLayout) other_layout = sl_layout_new (self->compared);

  for (guint i = 0; removed != NULL && i < removed->len; i++)
    {
      SlNote *note = g_ptr_array_index (removed, i);
      SlRect rect, region;

      if (!g_str_equal (sl_element_get_id (SL_ELEMENT (note)), id))
        continue;

      place_ghost (self, other_layout, note, &rect);
      sl_canvas_get_visible_region (self->canvas, &region);
      sl_canvas_unselect_all (self->canvas);
      sl_canvas_scroll_to (self->canvas,
                           rect.x + rect.width / 2 - region.width / 2,
                           rect.y + rect.height / 2 - region.height / 2);
      return;
    }
}

static void
item_activated_cb (SlWindow    *self,
                   guint        position,
                   GtkListView *list)
{
  const char *id = sl_diff_item_get_note_id (self->diff, position);
  SlNote *note;

  if (id == NULL)
    return;

  if ((note = sl_document_lookup_note (self->document, id)) != NULL)
    sl_canvas_show_note (self->canvas, note);
  else
    show_ghost (self, id);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (badge, "diff-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  /* The sign is what the colour says; the text says it in words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), badge);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_item_set_child (item, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SlWindow                 *self)
{
  static const char *signs[] = { "+", "−", "•" };
  static const char *classes[] = { "diff-added", "diff-removed", "diff-changed" };
  guint i = gtk_list_item_get_position (item);
  SlDiffAction action = sl_diff_item_get_action (self->diff, i);
  GtkWidget *badge = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *label = gtk_widget_get_next_sibling (badge);

  gtk_label_set_text (GTK_LABEL (badge), signs[action]);
  for (guint j = 0; j < G_N_ELEMENTS (classes); j++)
    gtk_widget_remove_css_class (badge, classes[j]);
  gtk_widget_add_css_class (badge, classes[action]);
  gtk_label_set_text (GTK_LABEL (label), sl_diff_item_get_text (self->diff, i));
  gtk_list_item_set_activatable (item, sl_diff_item_get_note_id (self->diff, i) != NULL);
}

static char *
summary_text (SlDiff *diff)
{
  guint n = sl_diff_get_n_items (diff);

  if (sl_diff_is_empty (diff))
    return g_strdup (_("Both files hold the same model"));
  /* Translators: how many differences the comparison found */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change since that version",
                                       "%u changes since that version", n), n);
}

static void
fill_items (SlWindow *self)
{
  guint n = sl_diff_get_n_items (self->diff);
  g_autofree const char **lines = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    lines[i] = sl_diff_item_get_text (self->diff, i);
  gtk_string_list_splice (self->compare_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->compare_items)),
                          lines);
}

static void
build_panel (SlWindow   *self,
             const char *name)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *panel, *header, *titles, *label, *close, *scrolled, *list;
  GtkStringList *items;
  GtkListItemFactory *factory;

  panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (panel, "card");
  gtk_widget_add_css_class (panel, "compare-panel");
  gtk_widget_set_halign (panel, GTK_ALIGN_END);
  gtk_widget_set_valign (panel, GTK_ALIGN_START);
  gtk_widget_set_margin_top (panel, 12);
  gtk_widget_set_margin_end (panel, 12);
  gtk_widget_set_margin_start (panel, 12);
  gtk_widget_set_size_request (panel, MIN (PANEL_WIDTH, 280), -1);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (header, "compare-header");
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (titles, TRUE);
  /* Translators: %s is the name of the file the model is compared with */
  title = g_strdup_printf (_("Compared With “%s”"), name);
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (titles), label);
  subtitle = summary_text (self->diff);
  label = gtk_label_new (subtitle);
  self->compare_summary = GTK_LABEL (label);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (titles), label);
  gtk_box_append (GTK_BOX (header), titles);

  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  gtk_widget_set_valign (close, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.end-compare");
  gtk_widget_set_tooltip_text (close, _("Stop Comparing (Escape)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stop Comparing"), -1);
  gtk_box_append (GTK_BOX (header), close);
  gtk_box_append (GTK_BOX (panel), header);

  /* A diff of a large model has thousands of items: a list view makes
   * rows for the ones in sight only. Row i is the diff's item i. */
  items = gtk_string_list_new (NULL);
  self->compare_items = items;
  fill_items (self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_item_cb), self, 0);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (items))), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changes"), -1);
  g_signal_connect_object (list, "activate", G_CALLBACK (item_activated_cb), self, G_CONNECT_SWAPPED);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), PANEL_HEIGHT);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_visible (scrolled, !sl_diff_is_empty (self->diff));
  gtk_box_append (GTK_BOX (panel), scrolled);

  gtk_overlay_add_overlay (self->board_overlay, panel);
  self->compare_panel = panel;
  self->compare_list = GTK_LIST_VIEW (list);
}

/* The board edited while compared: the comparison is made again, once the
 * edits let the main loop rest, so that the marks and the list stay true. */
static gboolean
compare_again_cb (gpointer data)
{
  SlWindow *self = data;
  g_autofree char *summary = NULL;

  self->compare_source = 0;
  g_clear_pointer (&self->diff, sl_diff_free);
  self->diff = sl_diff_new (self->compared, self->document);
  show_marks (self);
  summary = summary_text (self->diff);
  gtk_label_set_text (self->compare_summary, summary);
  fill_items (self);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->compare_list)), !sl_diff_is_empty (self->diff));
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (SlWindow *self)
{
  if (self->compare_source == 0)
    self->compare_source = g_idle_add_full (G_PRIORITY_LOW, compare_again_cb, self, NULL);
}

/**
 * _sl_window_end_compare:
 *
 * Ends the comparison shown, if any: the marks and the list go.
 */
void
_sl_window_end_compare (SlWindow *self)
{
  g_clear_handle_id (&self->compare_source, g_source_remove);
  if (self->diff != NULL && self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
  if (self->compare_panel != NULL)
    {
      gtk_overlay_remove_overlay (self->board_overlay, self->compare_panel);
      self->compare_panel = NULL;
      self->compare_list = NULL;
      self->compare_items = NULL;
      self->compare_summary = NULL;
    }
  if (self->diff != NULL && self->canvas != NULL)
    sl_canvas_set_marks (self->canvas, NULL, NULL);
  g_clear_pointer (&self->diff, sl_diff_free);
  g_clear_object (&self->compared);
}

/**
 * _sl_window_compare_with:
 *
 * Reads @file with the strict reader and shows how the model on the board
 * differs from it, or says why it cannot be read.
 */
void
_sl_window_compare_with (SlWindow *self,
                         GFile    *file)
{
  g_autoptr(SlDocument) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = _sl_file_get_display_name (file);

  if ((other = sl_format_load_file (file, &error)) == NULL)
    {
      /* Translators: %s is the name of the file the model was to be compared with */
      g_autofree char *heading = g_strdup_printf (_("Could Not Compare With “%s”"), name);

      _sl_window_show_failure (self, heading, error);
      return;
    }

  _sl_window_end_compare (self);
  self->compared = g_steal_pointer (&other);
  self->diff = sl_diff_new (self->compared, self->document);
  show_marks (self);
  build_panel (self, name);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
compare_chosen (SlWindow       *self,
                GFile          *file,
                GtkFileChooser *chooser)
{
  if (file != NULL)
    _sl_window_compare_with (self, file);
}

void
_sl_window_choose_compare (SlWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileFilter *filters[] = { filter, NULL };

  gtk_file_filter_set_name (filter, _("Stormline Models"));
  gtk_file_filter_add_mime_type (filter, SL_FORMAT_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "stormline");
  _sl_window_choose_file (self, _("Compare With a Model"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"),
                          filters, NULL, NULL, NULL, compare_chosen);
}
