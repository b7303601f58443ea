/* sl-scenario-group.c: a scenario of the inspected note, Given, When, Then
 *
 * The group shows a scenario's title, its steps (each a note with an
 * example value for each of the note's fields), rows to add events to
 * its Given and, for a command, its Then, and a command's error. It
 * follows its scenario: a change of it (made here, elsewhere or by an
 * undo) shows in place, its steps made again once the change is over.
 * Each edit is one step of the document's history, made through the
 * document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-choice-popover.h"
#include "sl-scenario-group.h"

struct _SlScenarioGroup
{
  AdwPreferencesGroup parent_instance;

  SlDocument *document;
  SlScenario *scenario;
  guint update_source;
  GPtrArray *step_rows;     /* of GtkWidget: the rows after the title */

  AdwEntryRow *title_row;
};

G_DEFINE_FINAL_TYPE (SlScenarioGroup, sl_scenario_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SCENARIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNDOABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_scenario (SlScenarioGroup *self);

static guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "sl-field-index"));
}

/* One key for a step of a part: its index, and the part. */
static guint
step_key (SlStepPart part,
          guint      index)
{
  return index * 4 + part + 1;
}

static SlStepPart
row_part (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "sl-step-part"));
}

static void
set_row_step (gpointer   widget,
              SlStepPart part,
              guint      index)
{
  g_object_set_data (G_OBJECT (widget), "sl-step-part", GUINT_TO_POINTER (part));
  g_object_set_data (G_OBJECT (widget), "sl-field-index", GUINT_TO_POINTER (index));
}

/* Whether the rows stand for the scenario as it is: between a change and
 * the new rows it queued, their indices may be stale, and an event on
 * them (a second click) is dropped. */
static gboolean
is_current (SlScenarioGroup *self)
{
  return self->update_source == 0 &&
         sl_document_lookup (self->document, sl_element_get_id (SL_ELEMENT (self->scenario))) ==
         SL_ELEMENT (self->scenario);
}

/* An edit made here is a step of its own: it neither merges into the step
 * before nor takes in the next one. */
static void
seal (SlScenarioGroup *self)
{
  sl_history_seal (sl_document_get_history (self->document));
}

static gboolean
update_cb (gpointer user_data)
{
  SlScenarioGroup *self = user_data;

  self->update_source = 0;
  show_scenario (self);
  return G_SOURCE_REMOVE;
}

/* Shown from the main loop: a change can come from a row's own signal,
 * which must not destroy the row while it runs. */
static void
element_changed_cb (SlScenarioGroup *self,
                    SlElement       *element)
{
  if (element == SL_ELEMENT (self->scenario) && self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_cb, self, NULL);
}

/* The steps of @part of the scenario, for a new list of them. */
static GPtrArray *
copy_steps (SlScenarioGroup *self,
            SlStepPart       part)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);

  for (guint i = 0; i < sl_scenario_get_n_steps (self->scenario, part); i++)
    g_ptr_array_add (steps, sl_step_ref (sl_scenario_get_step (self->scenario, part, i)));
  return steps;
}

static void
set_steps (SlScenarioGroup *self,
           SlStepPart       part,
           GPtrArray       *steps)
{
  seal (self);
  sl_document_set_scenario_steps (self->document, self->scenario, part, (SlStep **) steps->pdata, steps->len);
  seal (self);
}

static void
remove_cb (SlScenarioGroup *self)
{
  const char *title;
  g_autofree char *removed = NULL;

  if (!is_current (self))
    return;

  /* Its Given, When and Then go with it: the window offers Undo at once
   * rather than asking first. */
  title = sl_scenario_get_title (self->scenario);
  if (title[0] != '\0')
    removed = g_strdup_printf (_("Removed scenario “%s”"), title);
  else
    removed = g_strdup (_("Removed a scenario"));

  seal (self);
  sl_document_remove_scenario (self->document, self->scenario);
  seal (self);
  g_signal_emit (self, signals[UNDOABLE], 0, removed);
}

static void
title_apply_cb (SlScenarioGroup *self,
                AdwEntryRow     *row)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!is_current (self))
    return;

  if (g_strcmp0 (title, sl_scenario_get_title (self->scenario)) != 0)
    {
      seal (self);
      sl_document_set_scenario_title (self->document, self->scenario, title);
      seal (self);
    }
}

/* Whether the scenario has the title it was given, not one the user
 * wrote: that one follows its error. */
static gboolean
has_default_title (SlScenarioGroup *self)
{
  SlNote *note = sl_scenario_get_note (self->scenario);
  const char *title = sl_scenario_get_title (self->scenario);
  g_autofree char *plain = sl_scenario_default_title (note, FALSE, NULL);
  g_autofree char *rejected = sl_scenario_default_title (note, TRUE, NULL);
  g_autofree char *with_error = sl_scenario_default_title (note, TRUE, sl_scenario_get_error (self->scenario));

  return g_strcmp0 (title, plain) == 0 || g_strcmp0 (title, rejected) == 0 || g_strcmp0 (title, with_error) == 0;
}

static void
error_apply_cb (SlScenarioGroup *self,
                AdwEntryRow     *row)
{
  const char *error = gtk_editable_get_text (GTK_EDITABLE (row));
  SlHistory *history = sl_document_get_history (self->document);

  if (!is_current (self))
    return;

  if (g_strcmp0 (*error ? error : NULL, sl_scenario_get_error (self->scenario)) != 0)
    {
      /* One undo step: the error, and the title that says it. */
      seal (self);
      sl_history_begin_group (history, _("Set Error"));
      if (*error != '\0' && has_default_title (self))
        {
          g_autofree char *title = sl_scenario_default_title (sl_scenario_get_note (self->scenario), TRUE, error);

          sl_document_set_scenario_title (self->document, self->scenario, title);
        }
      sl_document_set_scenario_error (self->document, self->scenario, *error ? error : NULL);
      sl_history_end_group (history);
      seal (self);
    }
}

static void
step_value_apply_cb (SlScenarioGroup *self,
                     AdwEntryRow     *row)
{
  SlStepPart part = row_part (row);
  guint index = row_index (row);
  const char *name = g_object_get_data (G_OBJECT (row), "sl-value-name");
  const char *value = gtk_editable_get_text (GTK_EDITABLE (row));
  SlStep *step;
  g_autoptr(GPtrArray) steps = NULL;

  if (!is_current (self))
    return;

  step = sl_scenario_get_step (self->scenario, part, index);

  if (g_strcmp0 (*value ? value : NULL, sl_step_lookup (step, name)) == 0)
    return;

  steps = copy_steps (self, part);
  g_ptr_array_index (steps, index) = sl_step_new_with_value (step, name, *value ? value : NULL);
  sl_step_unref (step);
  set_steps (self, part, steps);
}

static void
remove_step_cb (SlScenarioGroup *self,
                GtkButton       *button)
{
  g_autoptr(GPtrArray) steps = NULL;

  if (!is_current (self))
    return;

  steps = copy_steps (self, row_part (button));
  g_ptr_array_remove_index (steps, row_index (button));
  set_steps (self, row_part (button), steps);
}

static void
add_step_cb (GtkListBox      *list,
             GtkListBoxRow   *item,
             SlScenarioGroup *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);
  SlNote *event = g_object_get_data (G_OBJECT (item), "sl-note");
  g_autoptr(GPtrArray) steps = NULL;

  if (!is_current (self))
    return;

  gtk_popover_popdown (GTK_POPOVER (popover));
  steps = copy_steps (self, row_part (list));
  g_ptr_array_add (steps, sl_step_new (event));
  set_steps (self, row_part (list), steps);
}

static GtkWidget *
entry_row (const char *title,
           const char *text,
           const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_set_name (row, name);
  return row;
}

/* A row with a button that offers the events of the model. */
static GtkWidget *
add_step_row (SlScenarioGroup *self,
              SlStepPart       part,
              const char      *title)
{
  GListModel *notes = sl_document_get_notes (self->document);
  GtkWidget *row, *button, *list;

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, part == SL_STEP_GIVEN ? "add-given" : "add-then");
  set_row_step (list, part, 0);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      g_autofree char *css_class = NULL;
      GtkWidget *item, *box, *swatch, *label;

      if (sl_note_get_kind (note) != SL_NOTE_EVENT)
        continue;
      /* The kind's colour, as on the board and in the palette. */
      css_class = g_strconcat ("kind-", sl_note_kind_to_string (sl_note_get_kind (note)), NULL);
      swatch = gtk_label_new (NULL);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (swatch, "kind-swatch");
      gtk_widget_add_css_class (swatch, css_class);
      label = gtk_label_new (sl_note_get_text (note));
      gtk_widget_set_name (label, "choice-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      item = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), box);
      g_object_set_data_full (G_OBJECT (item), "sl-note", g_object_ref (note), g_object_unref);
      g_object_set_data_full (G_OBJECT (item), "sl-choice-text", g_strdup (sl_note_get_text (note)), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), item);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (add_step_cb), self, 0);
  button = sl_choice_button_new_filtered (list, "list-add-symbolic", title);

  row = adw_action_row_new ();
  gtk_widget_set_name (row, part == SL_STEP_GIVEN ? "add-given-row" : "add-then-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* A step: its note, and an example value for each of the note's fields. */
static GtkWidget *
step_row (SlScenarioGroup *self,
          SlStepPart       part,
          guint            index,
          gboolean         removable,
          GHashTable      *expanded)
{
  SlStep *step = sl_scenario_get_step (self->scenario, part, index);
  SlNote *note = sl_step_get_note (step);
  GtkWidget *expander, *button;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  expander = adw_expander_row_new ();
  gtk_widget_set_name (expander, "step");
  /* Translators: a step of a scenario and the text of its note */
  title = g_strdup_printf (part == SL_STEP_GIVEN ? C_("scenario", "Given: %s") :
                           /* Translators: a step of a scenario and the text of its note */
                           part == SL_STEP_WHEN ? C_("scenario", "When: %s") :
                           /* Translators: a step of a scenario and the text of its note */
                           C_("scenario", "Then: %s"),
                           sl_note_get_text (note));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u example value",
                                           "%u example values", sl_step_get_n_values (step)),
                              sl_step_get_n_values (step));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  set_row_step (expander, part, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                 g_hash_table_contains (expanded, GUINT_TO_POINTER (step_key (part, index))));

  if (removable)
    {
      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove from the Scenario"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove from the Scenario"), -1);
      gtk_widget_set_name (button, "step-remove");
      set_row_step (button, part, index);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_step_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), button);
    }

  for (guint f = 0; f < sl_note_get_n_fields (note); f++)
    {
      const char *name = sl_field_get_name (sl_note_get_field (note, f));
      GtkWidget *row = entry_row (name, sl_step_lookup (step, name), "step-value");

      set_row_step (row, part, index);
      g_object_set_data_full (G_OBJECT (row), "sl-value-name", g_strdup (name), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (step_value_apply_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  return expander;
}

static void
add_step_widget (SlScenarioGroup *self,
                 GtkWidget       *row)
{
  g_ptr_array_add (self->step_rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}

/* The title in place; the rows of the steps, which change with them, and
 * of the error after them, made again. */
static void
show_scenario (SlScenarioGroup *self)
{
  gboolean command = sl_note_get_kind (sl_scenario_get_note (self->scenario)) == SL_NOTE_COMMAND;
  g_autoptr(GHashTable) expanded = g_hash_table_new (NULL, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  const char *focused_name = NULL;
  guint focused_key = 0;
  GtkWidget *row;

  g_clear_handle_id (&self->update_source, g_source_remove);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), sl_scenario_get_title (self->scenario));

  /* A step open stays open: an example value applied changes the
   * scenario, and makes its rows again. */
  for (guint i = 0; i < self->step_rows->len; i++)
    {
      row = g_ptr_array_index (self->step_rows, i);
      if (ADW_IS_EXPANDER_ROW (row) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (expanded, GUINT_TO_POINTER (step_key (row_part (row), row_index (row))));
      /* The row in use keeps the focus: it would otherwise go to the
       * title, where typing renames the scenario. */
      if (focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row)))
        {
          focused_name = g_intern_string (gtk_widget_get_name (row));
          focused_key = ADW_IS_EXPANDER_ROW (row) ? step_key (row_part (row), row_index (row)) : 0;
        }
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), row);
    }
  g_ptr_array_set_size (self->step_rows, 0);

  for (guint i = 0; i < sl_scenario_get_n_steps (self->scenario, SL_STEP_GIVEN); i++)
    add_step_widget (self, step_row (self, SL_STEP_GIVEN, i, TRUE, expanded));
  add_step_widget (self, add_step_row (self, SL_STEP_GIVEN, _("Add an Event to Given")));

  /* A command's When is the command; a view's Then is the view. */
  for (guint i = 0; i < sl_scenario_get_n_steps (self->scenario, SL_STEP_WHEN); i++)
    add_step_widget (self, step_row (self, SL_STEP_WHEN, i, !command, expanded));
  for (guint i = 0; i < sl_scenario_get_n_steps (self->scenario, SL_STEP_THEN); i++)
    add_step_widget (self, step_row (self, SL_STEP_THEN, i, command, expanded));

  if (command)
    {
      add_step_widget (self, add_step_row (self, SL_STEP_THEN, _("Add an Event to Then")));
      /* Translators: a scenario whose outcome is an error, and its text */
      row = entry_row (_("Or Then the Error"), sl_scenario_get_error (self->scenario), "scenario-error");
      g_signal_connect_object (row, "apply", G_CALLBACK (error_apply_cb), self, G_CONNECT_SWAPPED);
      add_step_widget (self, row);
    }

  for (guint i = 0; focused_name != NULL && i < self->step_rows->len; i++)
    {
      row = g_ptr_array_index (self->step_rows, i);
      if (g_str_equal (gtk_widget_get_name (row), focused_name) &&
          (focused_key == 0 || step_key (row_part (row), row_index (row)) == focused_key))
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }
}

static void
sl_scenario_group_constructed (GObject *object)
{
  SlScenarioGroup *self = SL_SCENARIO_GROUP (object);

  G_OBJECT_CLASS (sl_scenario_group_parent_class)->constructed (object);

  show_scenario (self);
  g_signal_connect_object (self->document, "element-changed",
                           G_CALLBACK (element_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
sl_scenario_group_dispose (GObject *object)
{
  SlScenarioGroup *self = (SlScenarioGroup *)object;

  g_clear_handle_id (&self->update_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_SCENARIO_GROUP);
  g_clear_pointer (&self->step_rows, g_ptr_array_unref);
  g_clear_object (&self->scenario);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_scenario_group_parent_class)->dispose (object);
}

static void
sl_scenario_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SlScenarioGroup *self = SL_SCENARIO_GROUP (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_scenario_group_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SlScenarioGroup *self = SL_SCENARIO_GROUP (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_SCENARIO:
      self->scenario = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_scenario_group_class_init (SlScenarioGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_scenario_group_constructed;
  object_class->dispose = sl_scenario_group_dispose;
  object_class->get_property = sl_scenario_group_get_property;
  object_class->set_property = sl_scenario_group_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SL_TYPE_DOCUMENT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL,
                         SL_TYPE_SCENARIO,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlScenarioGroup::undoable:
   * @text: what was done
   *
   * Emitted when the scenario was removed, for the window to offer Undo
   * with @text.
   */
  signals[UNDOABLE] =
    g_signal_new ("undoable",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-scenario-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SlScenarioGroup, title_row);
  gtk_widget_class_bind_template_callback (widget_class, remove_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_apply_cb);
}

static void
sl_scenario_group_init (SlScenarioGroup *self)
{
  self->step_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_scenario_group_new:
 * @scenario: a scenario of @document
 *
 * Returns: (transfer floating): a group for @scenario
 */
GtkWidget *
sl_scenario_group_new (SlDocument *document,
                       SlScenario *scenario)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_SCENARIO (scenario), NULL);

  return g_object_new (SL_TYPE_SCENARIO_GROUP, "document", document, "scenario", scenario, NULL);
}

/**
 * sl_scenario_group_get_scenario:
 *
 * Returns: (transfer none): the scenario shown
 */
SlScenario *
sl_scenario_group_get_scenario (SlScenarioGroup *self)
{
  g_return_val_if_fail (SL_IS_SCENARIO_GROUP (self), NULL);

  return self->scenario;
}

/**
 * sl_scenario_default_title:
 * @note: the command or view the scenario specifies
 * @rejected: whether the scenario ends in an error
 * @error: (nullable): the error, if it is known
 *
 * A title that says what a scenario is about before the user writes one:
 * "Borrow Book", "Borrow Book rejected when …", "Borrow Book rejected: The
 * book is on loan", or "Overdue Loans shows …".
 *
 * Returns: (transfer full): the title
 */
char *
sl_scenario_default_title (SlNote     *note,
                           gboolean    rejected,
                           const char *error)
{
  const char *text = sl_note_get_text (note);

  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  if (sl_note_get_kind (note) != SL_NOTE_COMMAND)
    /* Translators: the title of a new scenario of a view, as “Overdue Loans shows …” */
    return g_strdup_printf (C_("scenario", "%s shows …"), text);
  if (rejected && error != NULL && *error != '\0')
    /* Translators: the title of a scenario of a command that ends in an error, as
     * “Borrow Book rejected: The book is on loan” */
    return g_strdup_printf (C_("scenario", "%s rejected: %s"), text, error);
  if (rejected)
    /* Translators: the title of a new scenario of a command, for its error case, as
     * “Borrow Book rejected when …” */
    return g_strdup_printf (C_("scenario", "%s rejected when …"), text);
  return g_strdup (text);
}
