/* sl-field-row.c: a field of the inspected note, in a row that opens
 *
 * The row shows the field's name and a summary (type, flags, mapping, and
 * what the check finds wrong with it), and opens on its name, type,
 * flags, mapping and example value, with buttons to move and remove it.
 * It follows its SlField: a change of the field, made here, on the board
 * or by an undo, shows in place. Each edit is one step of the document's
 * history, made through the document.
 *
 * While a new name is typed, and before it is applied, a line under the
 * name says what the rename would break (fields downstream left without
 * an origin, scenarios that name the field), worked out on a copy of the
 * part of the model it reaches (sl-impact.h). Removing a field that
 * something needs asks first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-choice-popover.h"
#include "sl-field-row.h"
#include "sl-impact-view.h"
#include "sl-name-completion.h"

#define N_FLAGS 4
/* Typing pauses this long before the impact of a rename is worked out:
 * a few milliseconds at 10,000 notes, a tenth of a second at 100,000
 * (docs/PERFORMANCE.md), which a key press should not wait for. */
#define IMPACT_DELAY_MS 150

struct _SlFieldRow
{
  AdwExpanderRow parent_instance;

  SlDocument *document;
  SlNote *note;
  SlField *field;
  guint index;              /* of the field in the note, when the row was made */
  GStrv upstream;
  GPtrArray *problems;      /* of SlProblem: those of the field, as shown */
  gboolean showing;         /* the widgets are set to the field */
  GtkWidget *problem_icon;
  guint impact_source;      /* the impact of the name typed, to work out */

  AdwEntryRow *name_row;
  GtkWidget *impact_row;
  GtkLabel *impact_label;
  AdwComboRow *type_row;
  GtkSwitch *list_switch;
  GtkSwitch *generated_switch;
  GtkSwitch *optional_switch;
  GtkSwitch *displayed_switch;
  GtkWidget *displayed_row;
  AdwEntryRow *mapping_row;
  AdwEntryRow *example_row;
  GtkWidget *up_button;
  GtkWidget *down_button;
  GtkWidget *remove_button;
};

G_DEFINE_FINAL_TYPE (SlFieldRow, sl_field_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_NOTE,
  PROP_FIELD,
  PROP_UPSTREAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  SlFieldFlags flag;
  const char *title;
} flag_names[N_FLAGS] = {
  { SL_FIELD_LIST, N_("List") },
  { SL_FIELD_GENERATED, N_("Generated") },
  { SL_FIELD_OPTIONAL, N_("Optional") },
  { SL_FIELD_DISPLAYED, N_("Displayed") },
};

static GtkSwitch *
flag_switch (SlFieldRow *self,
             guint       i)
{
  GtkSwitch *switches[N_FLAGS] = {
    self->list_switch, self->generated_switch, self->optional_switch, self->displayed_switch,
  };

  return switches[i];
}

/* Whether the row stands for the field as the note has it: between a
 * change of the note's fields and the inspector's new rows, it may not,
 * and an event on it (a second click) is dropped. */
static gboolean
is_current (SlFieldRow *self)
{
  return self->index < sl_note_get_n_fields (self->note) &&
         sl_note_get_field (self->note, self->index) == self->field;
}

/* An edit made here is a step of its own: it neither merges into the step
 * before (a rename typed on the board) nor takes in the next one. */
static void
seal (SlFieldRow *self)
{
  sl_history_seal (sl_document_get_history (self->document));
}

static char *
describe_field (SlField *field)
{
  GString *text = g_string_new (sl_field_type_to_string (sl_field_get_value_type (field)));

  for (guint i = 0; i < N_FLAGS; i++)
    if (sl_field_has_flag (field, flag_names[i].flag))
      g_string_append_printf (text, " · %s", _(flag_names[i].title));
  if (sl_field_get_mapping (field) != NULL)
    g_string_append_printf (text, " · %s", sl_field_get_mapping (field));

  return g_string_free (text, FALSE);
}

/* The summary, with the words of the check for a field without origin or
 * destination; the icon's tooltip says what to do. */
static void
show_summary (SlFieldRow *self)
{
  g_autofree char *summary = describe_field (self->field);
  g_autoptr(GString) subtitle = g_string_new (summary);
  g_autoptr(GString) messages = g_string_new (NULL);

  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (self->problems, i);
      const char *rule = sl_problem_get_rule (problem);

      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, sl_problem_get_message (problem));
      if (sl_problem_get_fix (problem) != NULL)
        g_string_append_printf (messages, " (%s)", sl_problem_get_fix (problem));
      if (g_str_equal (rule, "field-no-origin"))
        g_string_append_printf (subtitle, " · %s", _("⚠ no origin"));
      else if (g_str_equal (rule, "field-no-destination"))
        g_string_append_printf (subtitle, " · %s", _("⚠ no destination"));
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);

  if (messages->len == 0)
    {
      if (self->problem_icon != NULL)
        adw_expander_row_remove (ADW_EXPANDER_ROW (self), self->problem_icon);
      self->problem_icon = NULL;
      return;
    }

  if (self->problem_icon == NULL)
    {
      self->problem_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (self->problem_icon, "error");
      gtk_widget_set_name (self->problem_icon, "field-problem");
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self), self->problem_icon);
    }
  gtk_widget_set_tooltip_text (self->problem_icon, messages->str);
}

static void
hide_impact (SlFieldRow *self)
{
  g_clear_handle_id (&self->impact_source, g_source_remove);
  gtk_widget_set_visible (self->impact_row, FALSE);
}

/* Shows the field as it is; the rows' handlers see no change in it. */
static void
show_field (SlFieldRow *self)
{
  const char *mapping = sl_field_get_mapping (self->field);
  const char *example = sl_field_get_example (self->field);

  self->showing = TRUE;
  hide_impact (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), sl_field_get_name (self->field));
  sl_entry_row_set_text_quietly (self->name_row, sl_field_get_name (self->field));
  adw_combo_row_set_selected (self->type_row, sl_field_get_value_type (self->field));
  for (guint i = 0; i < N_FLAGS; i++)
    gtk_switch_set_active (flag_switch (self, i), sl_field_has_flag (self->field, flag_names[i].flag));
  sl_entry_row_set_text_quietly (self->mapping_row, mapping ? mapping : "");
  gtk_editable_set_text (GTK_EDITABLE (self->example_row), example ? example : "");

  /* Only screens show fields. */
  gtk_widget_set_visible (self->displayed_row, sl_note_get_kind (self->note) == SL_NOTE_SCREEN ||
                                               sl_field_has_flag (self->field, SL_FIELD_DISPLAYED));
  self->showing = FALSE;
  show_summary (self);
}

static void
field_notify_cb (SlFieldRow *self)
{
  show_field (self);
}

/* The name typed, if it is one the field could take: there, new, and no
 * other field's. */
static char *
get_new_name (SlFieldRow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  guint other;

  if (!is_current (self) || *name == '\0' || g_str_equal (name, sl_field_get_name (self->field)) ||
      (sl_note_find_field (self->note, name, &other) != NULL && other != self->index))
    return NULL;
  return g_steal_pointer (&name);
}

static gboolean
show_impact_cb (gpointer data)
{
  SlFieldRow *self = data;
  g_autofree char *name = get_new_name (self);
  g_autoptr(SlImpact) impact = NULL;
  g_autofree char *text = NULL;

  self->impact_source = 0;
  if (name != NULL)
    {
      impact = sl_impact_rename_field (self->document, self->note, self->index, name);
      text = sl_impact_view_describe_rename (impact, sl_field_get_name (self->field));
    }
  if (text != NULL)
    gtk_label_set_text (self->impact_label, text);
  gtk_widget_set_visible (self->impact_row, text != NULL);

  return G_SOURCE_REMOVE;
}

static void
name_changed_cb (SlFieldRow *self)
{
  g_clear_handle_id (&self->impact_source, g_source_remove);
  if (self->showing)
    {
      gtk_widget_set_visible (self->impact_row, FALSE);
      return;
    }
  self->impact_source = g_timeout_add (IMPACT_DELAY_MS, show_impact_cb, self);
}

static void
name_apply_cb (SlFieldRow  *self,
               AdwEntryRow *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  guint other;

  hide_impact (self);
  if (!is_current (self))
    return;

  /* A name must be there, and no other field of the note may have it:
   * example values are told by name. */
  if (*name == '\0' || (sl_note_find_field (self->note, name, &other) != NULL && other != self->index))
    {
      gtk_widget_error_bell (GTK_WIDGET (row));
      sl_entry_row_set_text_quietly (row, sl_field_get_name (self->field));
      return;
    }
  if (!g_str_equal (name, sl_field_get_name (self->field)))
    {
      seal (self);
      sl_document_set_field_name (self->document, self->note, self->index, name);
      seal (self);
    }
}

static void
mapping_apply_cb (SlFieldRow  *self,
                  AdwEntryRow *row)
{
  const char *mapping = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!is_current (self))
    return;

  if (g_strcmp0 (*mapping ? mapping : NULL, sl_field_get_mapping (self->field)) != 0)
    {
      seal (self);
      sl_document_set_field_mapping (self->document, self->note, self->index, *mapping ? mapping : NULL);
      seal (self);
    }
}

static void
example_apply_cb (SlFieldRow  *self,
                  AdwEntryRow *row)
{
  const char *example = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!is_current (self))
    return;

  if (g_strcmp0 (*example ? example : NULL, sl_field_get_example (self->field)) != 0)
    {
      seal (self);
      sl_document_set_field_example (self->document, self->note, self->index, *example ? example : NULL);
      seal (self);
    }
}

static void
type_selected_cb (SlFieldRow *self)
{
  SlFieldType type = adw_combo_row_get_selected (self->type_row);

  if (self->showing || self->field == NULL || !is_current (self))
    return;

  if (type < SL_N_FIELD_TYPES && type != sl_field_get_value_type (self->field))
    {
      seal (self);
      sl_document_set_field_type (self->document, self->note, self->index, type);
      seal (self);
    }
}

static void
flag_cb (SlFieldRow *self,
         GParamSpec *pspec,
         GtkSwitch  *toggle)
{
  SlFieldFlags flags, wanted;

  if (self->showing || self->field == NULL || !is_current (self))
    return;

  flags = wanted = sl_field_get_flags (self->field);
  for (guint i = 0; i < N_FLAGS; i++)
    if (flag_switch (self, i) == toggle)
      wanted = gtk_switch_get_active (toggle) ? flags | flag_names[i].flag : flags & ~flag_names[i].flag;
  if (wanted != flags)
    {
      seal (self);
      sl_document_set_field_flags (self->document, self->note, self->index, wanted);
      seal (self);
    }
}

static void
move (SlFieldRow *self,
      int         delta)
{
  if (!is_current (self))
    return;

  seal (self);
  sl_document_move_field (self->document, self->note, self->index, self->index + delta);
  seal (self);
}

static void
move_up_cb (SlFieldRow *self)
{
  move (self, -1);
}

static void
move_down_cb (SlFieldRow *self)
{
  move (self, 1);
}

static void
remove_field_cb (gpointer data)
{
  SlFieldRow *self = data;

  if (!is_current (self))
    return;

  seal (self);
  sl_document_remove_field (self->document, self->note, self->index);
  seal (self);
}

static void
remove_cb (SlFieldRow *self)
{
  g_autoptr(SlImpact) impact = NULL;
  g_autofree char *heading = NULL;

  if (!is_current (self))
    return;

  impact = sl_impact_remove_field (self->document, self->note, self->index);
  /* Translators: the question before removing a field that something needs */
  heading = g_strdup_printf (_("Remove “%s”?"), sl_field_get_name (self->field));
  sl_impact_view_confirm (GTK_WIDGET (self), impact, heading, remove_field_cb, g_object_ref (self), g_object_unref);
}

/* A button on @row that offers the names of the fields upstream. */
static void
add_suggestions (SlFieldRow  *self,
                 AdwEntryRow *row,
                 const char  *tooltip)
{
  GtkWidget *list, *button;

  if (self->upstream[0] == NULL)
    return;

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "suggestions");
  for (guint i = 0; self->upstream[i] != NULL; i++)
    {
      GtkWidget *item = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (self->upstream[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), label);
      gtk_list_box_append (GTK_LIST_BOX (list), item);
    }
  button = sl_choice_button_new (list, row, "view-list-symbolic", tooltip);
  /* Beside the row, not its activatable widget, the button needs a name
   * of its own; GTK 4.8 gives a menu button's to it alone, while the
   * keyboard focus, and so the screen reader, lands on the button inside. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  adw_entry_row_add_suffix (row, button);
}

/* A name or a mapping typed and left without Enter is kept, not undone
 * when the inspector shows the field again: leaving the row applies it, as
 * clicking Add Field next does. */
static void
entry_focus_cb (GtkEventControllerFocus *focus,
                GParamSpec              *pspec,
                SlFieldRow              *self)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)));

  if (gtk_event_controller_focus_contains_focus (focus))
    return;

  if (row == self->name_row)
    name_apply_cb (self, row);
  else
    mapping_apply_cb (self, row);
}

static void
apply_on_leave (SlFieldRow  *self,
                AdwEntryRow *row)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "notify::contains-focus", G_CALLBACK (entry_focus_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static void
sl_field_row_constructed (GObject *object)
{
  SlFieldRow *self = SL_FIELD_ROW (object);
  GtkWidget *indexed[] = {
    GTK_WIDGET (self), GTK_WIDGET (self->name_row), GTK_WIDGET (self->type_row),
    GTK_WIDGET (self->mapping_row), GTK_WIDGET (self->example_row), self->up_button,
    self->down_button, self->remove_button,
  };

  G_OBJECT_CLASS (sl_field_row_parent_class)->constructed (object);

  while (self->index < sl_note_get_n_fields (self->note) && sl_note_get_field (self->note, self->index) != self->field)
    self->index++;
  g_assert (self->index < sl_note_get_n_fields (self->note));
  if (self->upstream == NULL)
    self->upstream = g_new0 (char *, 1);

  /* The widgets say which field they are for, as they always have. */
  for (guint i = 0; i < G_N_ELEMENTS (indexed); i++)
    g_object_set_data (G_OBJECT (indexed[i]), "sl-field-index", GUINT_TO_POINTER (self->index));

  gtk_widget_set_sensitive (self->up_button, self->index > 0);
  gtk_widget_set_sensitive (self->down_button, self->index + 1 < sl_note_get_n_fields (self->note));

  apply_on_leave (self, self->name_row);
  /* A screen reader reads what the rename breaks with the name. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->impact_label, NULL, -1);
  apply_on_leave (self, self->mapping_row);
  add_suggestions (self, self->name_row, _("Name It as a Field Upstream"));
  sl_name_completion_attach (self->name_row, self->document, self->note,
                             (const char * const *) self->upstream, TRUE);
  add_suggestions (self, self->mapping_row, _("Map It to a Field Upstream"));
  sl_name_completion_attach (self->mapping_row, self->document, self->note,
                             (const char * const *) self->upstream, FALSE);

  show_field (self);
  g_signal_connect_object (self->field, "notify", G_CALLBACK (field_notify_cb), self, G_CONNECT_SWAPPED);
}

static void
sl_field_row_dispose (GObject *object)
{
  SlFieldRow *self = (SlFieldRow *)object;

  g_clear_handle_id (&self->impact_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_FIELD_ROW);
  g_clear_object (&self->field);
  g_clear_object (&self->note);
  g_clear_object (&self->document);
  g_clear_pointer (&self->upstream, g_strfreev);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_field_row_parent_class)->dispose (object);
}

static void
sl_field_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlFieldRow *self = SL_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_object (value, self->field);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_field_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlFieldRow *self = SL_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_NOTE:
      self->note = g_value_dup_object (value);
      break;

    case PROP_FIELD:
      self->field = g_value_dup_object (value);
      break;

    case PROP_UPSTREAM:
      self->upstream = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_field_row_class_init (SlFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_field_row_constructed;
  object_class->dispose = sl_field_row_dispose;
  object_class->get_property = sl_field_row_get_property;
  object_class->set_property = sl_field_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SL_TYPE_DOCUMENT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         SL_TYPE_NOTE,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The row follows the field as it changes; a row stands for one field
   * at one place in the note, and the inspector makes new rows when the
   * note's fields are added, removed or reordered. */
  properties[PROP_FIELD] =
    g_param_spec_object ("field", NULL, NULL,
                         SL_TYPE_FIELD,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The names of the fields upstream, offered for the name and mapping */
  properties[PROP_UPSTREAM] =
    g_param_spec_boxed ("upstream", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, impact_row);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, impact_label);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, type_row);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, list_switch);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, generated_switch);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, optional_switch);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, displayed_switch);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, displayed_row);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, mapping_row);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, example_row);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, SlFieldRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, flag_cb);
  gtk_widget_class_bind_template_callback (widget_class, mapping_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, example_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_up_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_down_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_cb);
}

static void
sl_field_row_init (SlFieldRow *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint t = 0; t < SL_N_FIELD_TYPES; t++)
    gtk_string_list_append (types, sl_field_type_to_string (t));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
}

/**
 * sl_field_row_new:
 * @note: the note of @field, in @document
 * @upstream: (nullable): the names of the fields upstream, to offer
 *
 * Returns: (transfer floating): a row for @field
 */
GtkWidget *
sl_field_row_new (SlDocument         *document,
                  SlNote             *note,
                  SlField            *field,
                  const char * const *upstream)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (SL_IS_FIELD (field), NULL);

  return g_object_new (SL_TYPE_FIELD_ROW,
                       "document", document,
                       "note", note,
                       "field", field,
                       "upstream", upstream,
                       NULL);
}

/**
 * sl_field_row_get_field:
 *
 * Returns: (transfer none): the field shown
 */
SlField *
sl_field_row_get_field (SlFieldRow *self)
{
  g_return_val_if_fail (SL_IS_FIELD_ROW (self), NULL);

  return self->field;
}

/**
 * sl_field_row_set_problems:
 * @problems: (nullable) (element-type SlProblem): what the check found
 *
 * Marks the field when the check finds it without origin or destination.
 */
void
sl_field_row_set_problems (SlFieldRow *self,
                           GPtrArray  *problems)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_problem_unref);
  gboolean same;

  g_return_if_fail (SL_IS_FIELD_ROW (self));

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      if (sl_problem_get_note (problem) == self->note &&
          g_strcmp0 (sl_problem_get_field (problem), sl_field_get_name (self->field)) == 0)
        g_ptr_array_add (mine, sl_problem_ref (problem));
    }

  /* The check runs after every change, drags too: the row changes only
   * when what it marks does. */
  same = self->problems != NULL && self->problems->len == mine->len;
  for (guint i = 0; same && i < mine->len; i++)
    {
      SlProblem *a = g_ptr_array_index (mine, i), *b = g_ptr_array_index (self->problems, i);

      same = g_str_equal (sl_problem_get_rule (a), sl_problem_get_rule (b)) &&
             g_strcmp0 (sl_problem_get_message (a), sl_problem_get_message (b)) == 0 &&
             g_strcmp0 (sl_problem_get_fix (a), sl_problem_get_fix (b)) == 0;
    }
  if (same)
    return;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&mine);
  show_summary (self);
}
