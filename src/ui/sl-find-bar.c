/* sl-find-bar.c: finding notes on the board (Ctrl+F)
 *
 * A search bar over the board, as in GNOME's editors: what is typed is
 * searched by sl_search_notes() as typing pauses, the notes found are
 * marked on the board and its map, and Enter and Shift+Enter (Ctrl+G and
 * Ctrl+Shift+G) step through them in timeline order, each selected and
 * brought into view. Escape closes the bar and gives the keyboard back to
 * the board; opened again, the bar finds what it last found, as
 * gnome-text-editor's does. Where the bar is ("3 of 12") and the note it
 * is at are the entry's description, which a screen reader reads as it
 * changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-find-bar.h"

struct _SlFindBar
{
  GtkWidget parent_instance;

  SlCanvas *canvas;
  SlDocument *document;
  GPtrArray *found;     /* (element-type SlNote): in timeline order */
  guint current;        /* in @found */
  char *query;          /* what was typed last, kept while the bar is closed */

  GtkSearchBar *search_bar;
  GtkSearchEntry *entry;
  GtkLabel *status;
  GtkButton *previous_button;
  GtkButton *next_button;
};

G_DEFINE_FINAL_TYPE (SlFindBar, sl_find_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SlNote *
get_current (SlFindBar *self)
{
  if (self->found == NULL || self->current >= self->found->len)
    return NULL;
  return g_ptr_array_index (self->found, self->current);
}

/* The keyboard stays in the entry as Enter goes from note to note: its
 * description says where the bar is and which note it is at. */
static void
update_description (SlFindBar  *self,
                    const char *status)
{
  SlNote *note = get_current (self);
  g_autofree char *description = NULL;

  if (note == NULL)
    description = g_strdup (status);
  else if (sl_note_get_text (note)[0] == '\0')
    /* Translators: where the find bar is and the kind of the note it is at,
     * read by a screen reader: "3 of 12, Event" */
    description = g_strdup_printf (C_("screen reader", "%s, %s"), status,
                                   sl_note_kind_get_label (sl_note_get_kind (note)));
  else
    /* Translators: where the find bar is and the note it is at, read by a
     * screen reader: "3 of 12, Event: Order Placed" */
    description = g_strdup_printf (C_("screen reader", "%s, %s: %s"), status,
                                   sl_note_kind_get_label (sl_note_get_kind (note)), sl_note_get_text (note));

  if (description[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_status (SlFindBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *status = NULL;
  gboolean none = self->found == NULL || self->found->len == 0;

  if (self->found == NULL)
    status = g_strdup ("");
  else if (none)
    status = g_strdup (_("No notes found"));
  else
    /* Translators: where the find bar is among the notes found, as "3 of 12" */
    status = g_strdup_printf (_("%u of %u"), self->current + 1, self->found->len);

  gtk_label_set_text (self->status, status);
  update_description (self, status);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), !none);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), !none);
  if (none && text[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  sl_canvas_set_found (self->canvas, self->found, get_current (self));
}

/* Selects the current note and centres the board on it unless the whole
 * card is in view already. */
static void
show_current (SlFindBar *self)
{
  SlNote *note = get_current (self);
  SlRect rect, view;

  update_status (self);
  if (note == NULL)
    return;

  sl_canvas_select (self->canvas, note, FALSE);
  sl_layout_get_note_rect (sl_canvas_get_layout (self->canvas), note, &rect);
  sl_canvas_get_visible_region (self->canvas, &view);
  if (rect.x < view.x || rect.y < view.y ||
      rect.x + rect.width > view.x + view.width || rect.y + rect.height > view.y + view.height)
    sl_canvas_scroll_to (self->canvas,
                         rect.x + rect.width / 2 - view.width / 2,
                         rect.y + rect.height / 2 - view.height / 2);
}

/* Searches again for what the entry holds, staying at the note the bar
 * was at while it is still found. */
static void
search (SlFindBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(SlNote) was = NULL;
  guint index;

  g_set_object (&was, get_current (self));
  g_clear_pointer (&self->found, g_ptr_array_unref);
  self->current = 0;

  while (g_ascii_isspace (*text))
    text++;
  if (*text != '\0')
    {
      self->found = sl_search_notes (self->document, text);
      if (was != NULL && g_ptr_array_find (self->found, was, &index))
        self->current = index;
    }
}

/* Kept as typed, not as searched: a query typed and closed at once
 * comes back whole. Closing empties the entry once the bar is closed. */
static void
text_changed_cb (SlFindBar *self)
{
  if (!sl_find_bar_get_open (self))
    return;

  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
search_changed_cb (SlFindBar *self)
{
  if (!sl_find_bar_get_open (self))
    return;

  search (self);
  show_current (self);
}

/* The board changed: what is found follows, without moving the view. */
static void
document_changed_cb (SlFindBar *self)
{
  if (!sl_find_bar_get_open (self))
    return;

  search (self);
  update_status (self);
}

static void
stop_search_cb (SlFindBar *self)
{
  sl_find_bar_set_open (self, FALSE);
}

static void
search_mode_cb (SlFindBar *self)
{
  if (sl_find_bar_get_open (self))
    {
      search (self);
      show_current (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
    }
  else
    {
      /* The window's focus widget, not the focus child: GTK clears the
       * chain of focus children while the window is not the active one,
       * and the bar still holds the window's keyboard then. */
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
      gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));

      g_clear_pointer (&self->found, g_ptr_array_unref);
      sl_canvas_set_found (self->canvas, NULL, NULL);
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
}

static gboolean
previous_shortcut_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  sl_find_bar_previous (SL_FIND_BAR (user_data));
  return TRUE;
}

static void
sl_find_bar_dispose (GObject *object)
{
  SlFindBar *self = (SlFindBar *)object;

  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_FIND_BAR);
  g_clear_object (&self->canvas);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_find_bar_parent_class)->dispose (object);
}

static void
sl_find_bar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlFindBar *self = SL_FIND_BAR (object);

  switch (prop_id)
    {
    case PROP_OPEN:
      g_value_set_boolean (value, sl_find_bar_get_open (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_find_bar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlFindBar *self = SL_FIND_BAR (object);

  switch (prop_id)
    {
    case PROP_OPEN:
      sl_find_bar_set_open (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_find_bar_class_init (SlFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_find_bar_dispose;
  object_class->get_property = sl_find_bar_get_property;
  object_class->set_property = sl_find_bar_set_property;

  /**
   * SlFindBar:open:
   *
   * Whether the bar is shown and the notes found are marked.
   */
  properties[PROP_OPEN] =
    g_param_spec_boolean ("open", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SlFindBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SlFindBar, entry);
  gtk_widget_class_bind_template_child (widget_class, SlFindBar, status);
  gtk_widget_class_bind_template_child (widget_class, SlFindBar, previous_button);
  gtk_widget_class_bind_template_child (widget_class, SlFindBar, next_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, sl_find_bar_next);
  gtk_widget_class_bind_template_callback (widget_class, sl_find_bar_previous);

  gtk_widget_class_set_css_name (widget_class, "findbar");
}

static void
sl_find_bar_init (SlFindBar *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);

  /* Before the entry's own Enter, which goes to the next note. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < 2; i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (i == 0 ? GDK_KEY_Return : GDK_KEY_KP_Enter,
                                                                                    GDK_SHIFT_MASK),
                                                            gtk_callback_action_new (previous_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->entry), shortcuts);
}

/**
 * sl_find_bar_new:
 *
 * Returns: (transfer floating): a find bar for the board @canvas shows
 */
GtkWidget *
sl_find_bar_new (SlCanvas *canvas)
{
  SlFindBar *self;

  g_return_val_if_fail (SL_IS_CANVAS (canvas), NULL);

  self = g_object_new (SL_TYPE_FIND_BAR, NULL);
  self->canvas = g_object_ref (canvas);
  self->document = g_object_ref (sl_canvas_get_document (canvas));
  g_signal_connect_object (self->document, "changed", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

gboolean
sl_find_bar_get_open (SlFindBar *self)
{
  g_return_val_if_fail (SL_IS_FIND_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

/**
 * sl_find_bar_set_open:
 *
 * Shows the bar with the keyboard in its entry, which holds what was
 * last searched, selected, and finds it again; or hides it, unmarks the
 * notes found and gives the keyboard back to the board.
 */
void
sl_find_bar_set_open (SlFindBar *self,
                      gboolean   open)
{
  g_return_if_fail (SL_IS_FIND_BAR (self));

  if (open && sl_find_bar_get_open (self))
    {
      /* Ctrl+F again: back to the entry, ready for a new search. */
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
      return;
    }

  /* The query back, selected, before the bar gives the entry the
   * keyboard: GTK 4.8 sets the cursor blinking when an entry takes the
   * keyboard with nothing selected, and warns of a selection made after. */
  if (open && self->query != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), self->query);
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
    }
  gtk_search_bar_set_search_mode (self->search_bar, open);
}

/**
 * sl_find_bar_next:
 *
 * Moves to the next note found, after the last back to the first, and
 * selects it and brings it into view; opens the bar when it is closed.
 */
void
sl_find_bar_next (SlFindBar *self)
{
  g_return_if_fail (SL_IS_FIND_BAR (self));

  if (!sl_find_bar_get_open (self))
    {
      /* Ctrl+G on the board: the bar shows where it is first. */
      sl_find_bar_set_open (self, TRUE);
      return;
    }
  if (self->found == NULL || self->found->len == 0)
    return;

  self->current = (self->current + 1) % self->found->len;
  show_current (self);
}

/**
 * sl_find_bar_previous:
 *
 * Moves to the previous note found, before the first to the last.
 */
void
sl_find_bar_previous (SlFindBar *self)
{
  g_return_if_fail (SL_IS_FIND_BAR (self));

  if (!sl_find_bar_get_open (self))
    {
      /* Ctrl+G on the board: the bar shows where it is first. */
      sl_find_bar_set_open (self, TRUE);
      return;
    }
  if (self->found == NULL || self->found->len == 0)
    return;

  self->current = (self->current + self->found->len - 1) % self->found->len;
  show_current (self);
}

/**
 * sl_find_bar_get_status:
 *
 * Returns: what the bar says of what it found: "3 of 12", "No notes
 *   found", or nothing while the entry is empty
 */
const char *
sl_find_bar_get_status (SlFindBar *self)
{
  g_return_val_if_fail (SL_IS_FIND_BAR (self), NULL);

  return gtk_label_get_text (self->status);
}
