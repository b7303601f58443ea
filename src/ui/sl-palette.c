/* sl-palette.c: the note kinds, to add with a click or to drag onto a lane
 *
 * A button a kind, with its colour, its name and its key in the tooltip;
 * the kinds the current step of the process needs come first. Where the
 * row does not fit, one Add Note menu lists the kinds with their keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-note-keys.h"
#include "sl-palette.h"
#include "sl-renderer.h"

/* What a drag from the palette carries, before the kind's name. */
#define DROP_PREFIX "stormline-kind:"

struct _SlPalette
{
  GtkWidget parent_instance;

  guint step;
  GtkWidget *squeezer;
  GtkWidget *row;
  GtkMenuButton *add_button;
  GMenu *menu;
  GtkWidget *buttons[SL_N_NOTE_KINDS];
};

G_DEFINE_FINAL_TYPE (SlPalette, sl_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The kinds the palette offers, in the order of the process. */
static const SlNoteKind palette_kinds[] = {
  SL_NOTE_EVENT,
  SL_NOTE_COMMAND,
  SL_NOTE_VIEW,
  SL_NOTE_SCREEN,
  SL_NOTE_AUTOMATION,
  SL_NOTE_EXTERNAL,
  SL_NOTE_ACTOR,
  SL_NOTE_AGGREGATE,
  SL_NOTE_HOTSPOT,
  SL_NOTE_COMMENT,
};

/* The swatches take their colours from the renderer: one legend on the
 * board, the palette and paper. */
static void
add_kind_colors (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  g_autoptr(GString) css = g_string_new (NULL);

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      double rgb[3];

      sl_renderer_get_kind_color (renderer, kind, rgb);
      g_string_append_printf (css, ".kind-%s { background-color: rgb(%d,%d,%d); }\n",
                              sl_note_kind_to_string (kind),
                              (int) (rgb[0] * 255), (int) (rgb[1] * 255), (int) (rgb[2] * 255));
    }

  gtk_css_provider_load_from_data (provider, css->str, css->len);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  SlNoteKind kind = GPOINTER_TO_INT (user_data);
  g_autofree char *data = g_strconcat (DROP_PREFIX, sl_note_kind_to_string (kind), NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, data);
}

static GtkWidget *
create_button (SlNoteKind kind)
{
  const char *key = gdk_keyval_name (gdk_keyval_to_upper (sl_note_kind_get_keyval (kind)));
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
  /* Only a colour: the button's name says the kind. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  label = gtk_label_new (sl_note_kind_get_label (kind));
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sl_note_kind_get_label (kind),
                                  -1);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), GINT_TO_POINTER (kind));
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));

  return button;
}

static void
append_kind (SlPalette  *self,
             SlNoteKind  kind,
             GtkWidget **previous)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (sl_note_kind_get_label (kind), NULL);
  g_autofree char *accel = gtk_accelerator_name (sl_note_kind_get_keyval (kind), 0);

  gtk_widget_insert_after (self->buttons[kind], self->row, *previous);
  *previous = self->buttons[kind];

  g_menu_item_set_action_and_target (item, "win.add-note", "s", sl_note_kind_to_string (kind));
  /* The key the board takes for the kind, shown beside it. */
  g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (self->menu, item);
}

/* The kinds the step needs first, then the others in the order of the
 * process. */
static void
order_buttons (SlPalette *self)
{
  guint kinds[SL_N_NOTE_KINDS];
  guint n = sl_process_get_step_kinds (self->step, kinds, G_N_ELEMENTS (kinds));
  guint first = 0;
  GtkWidget *previous = NULL;

  g_menu_remove_all (self->menu);
  for (guint i = 0; i < n; i++)
    {
      first |= 1u << kinds[i];
      append_kind (self, kinds[i], &previous);
    }
  for (guint i = 0; i < G_N_ELEMENTS (palette_kinds); i++)
    if (!(first & (1u << palette_kinds[i])))
      append_kind (self, palette_kinds[i], &previous);
}

/* The menu is made the first time it opens: GTK builds a popover menu
 * (a button and labels a kind) when a menu button is given its model,
 * and most windows are wide enough never to show it. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  SlPalette *self = user_data;

  /* GTK calls this before every opening: the popover is built once, on the
   * first, and kept. */
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->menu));
}

/* Screen readers are told what the squeezer hides: GTK 4.8 shows them
 * every visible widget, laid out or not. */
static void
squeezed_cb (SlPalette *self)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (self->squeezer));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->row), GTK_ACCESSIBLE_STATE_HIDDEN, self->row != shown, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_STATE_HIDDEN,
                               GTK_WIDGET (self->add_button) != shown, -1);
}

static void
sl_palette_dispose (GObject *object)
{
  SlPalette *self = SL_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PALETTE);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (sl_palette_parent_class)->dispose (object);
}

static void
sl_palette_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SlPalette *self = SL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_palette_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SlPalette *self = SL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_STEP:
      sl_palette_set_step (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_palette_class_init (SlPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_palette_dispose;
  object_class->get_property = sl_palette_get_property;
  object_class->set_property = sl_palette_set_property;

  /**
   * SlPalette:step:
   *
   * The step of the process whose kinds come first.
   */
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       1, SL_N_PROCESS_STEPS, 1,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPalette, squeezer);
  gtk_widget_class_bind_template_child (widget_class, SlPalette, row);
  gtk_widget_class_bind_template_child (widget_class, SlPalette, add_button);
  gtk_widget_class_set_css_name (widget_class, "palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  add_kind_colors ();
}

static void
sl_palette_init (SlPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->step = 1;
  for (guint i = 0; i < G_N_ELEMENTS (palette_kinds); i++)
    {
      self->buttons[palette_kinds[i]] = create_button (palette_kinds[i]);
      gtk_box_append (GTK_BOX (self->row), self->buttons[palette_kinds[i]]);
    }
  self->menu = g_menu_new ();
  gtk_menu_button_set_create_popup_func (self->add_button, create_menu_cb, self, NULL);
  order_buttons (self);
  g_signal_connect_object (self->squeezer, "notify::visible-child", G_CALLBACK (squeezed_cb), self, G_CONNECT_SWAPPED);
  squeezed_cb (self);

  /* GTK 4.8 names a menu button, but the focus, and so the screen reader,
   * lands on the button inside it: both get the name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Note"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->add_button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Note"), -1);
}

/**
 * sl_palette_new:
 *
 * Returns: (transfer floating): a palette of the note kinds
 */
GtkWidget *
sl_palette_new (void)
{
  return g_object_new (SL_TYPE_PALETTE, NULL);
}

/**
 * sl_palette_get_step:
 *
 * Returns: the step whose kinds come first
 */
guint
sl_palette_get_step (SlPalette *self)
{
  g_return_val_if_fail (SL_IS_PALETTE (self), 1);

  return self->step;
}

/**
 * sl_palette_set_step:
 * @step: a step of the process, from 1
 *
 * Puts the kinds @step needs first.
 */
void
sl_palette_set_step (SlPalette *self,
                     guint      step)
{
  g_return_if_fail (SL_IS_PALETTE (self));
  g_return_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS);

  if (self->step == step)
    return;

  self->step = step;
  order_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/**
 * sl_palette_kind_from_drop:
 * @data: what a drop carries
 * @kind: (out): the kind dragged from the palette
 *
 * Returns: whether @data is a kind dragged from the palette
 */
gboolean
sl_palette_kind_from_drop (const char *data,
                           SlNoteKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  return data != NULL && g_str_has_prefix (data, DROP_PREFIX) &&
         sl_note_kind_from_string (data + strlen (DROP_PREFIX), kind);
}
