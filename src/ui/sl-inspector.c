/* sl-inspector.c: the properties of the selected note and its fields
 *
 * The inspector shows the note selected on the board: its text, kind and
 * aggregate, and each of its fields with name, type, flags, mapping and
 * example value (an SlFieldRow each), and the scenarios of a command or
 * a view (an SlScenarioGroup each). Fields are added, removed and
 * reordered here. Every change goes through the document, so each is one
 * undo step, and the inspector follows the document: an undo shows at
 * once. A field or a scenario that changes shows the change in its own
 * row or group; the inspector makes its rows again when fields or
 * scenarios come, go or move, or when the note or the notes it names
 * change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-aggregate-dialog.h"
#include "sl-field-row.h"
#include "sl-inspector.h"
#include "sl-scenario-group.h"

struct _SlInspector
{
  AdwBin parent_instance;

  SlDocument *document;
  SlNote *note;
  guint rebuild_source;
  GPtrArray *problems;      /* of SlProblem: what the check found, or NULL */
  GHashTable *expanded;     /* of SlField: the open fields */
  SlField *new_field;       /* the field just added, whose name is typed next */
  double scroll_to;         /* where a rebuilt page scrolls to, or -1 */

  GtkWidget *stack;
  GtkWidget *content;       /* made again for each note and rebuild */
  GPtrArray *field_rows;    /* of SlFieldRow, in content */
  GtkWidget *scenarios;     /* the box of the scenarios, in content */
};

G_DEFINE_FINAL_TYPE (SlInspector, sl_inspector, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNDOABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (SlInspector *self);

/* An edit made here is a step of its own: it neither merges into the step
 * before (a rename typed on the board) nor takes in the next one. */
static void
seal (SlInspector *self)
{
  sl_history_seal (sl_document_get_history (self->document));
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SlInspector *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilt from the main loop: a change can come from a row's own signal,
 * which must not destroy the row while it runs. */
static void
queue_rebuild (SlInspector *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
}

/* Whether the rows stand for the document as it is: between a change and
 * the rebuild it queued, they may be stale, and an event on them (a
 * second click) is dropped. */
static gboolean
rows_current (SlInspector *self)
{
  return self->note != NULL && self->rebuild_source == 0;
}

/* The note */

static void
text_apply_cb (SlInspector *self,
               AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!rows_current (self))
    return;

  if (g_strcmp0 (text, sl_note_get_text (self->note)) != 0)
    {
      seal (self);
      sl_document_set_note_text (self->document, self->note, text);
      seal (self);
    }
}

static void
kind_selected_cb (SlInspector *self,
                  GParamSpec  *pspec,
                  AdwComboRow *row)
{
  SlNoteKind kind = adw_combo_row_get_selected (row);

  if (!rows_current (self))
    return;

  if (kind < SL_N_NOTE_KINDS && kind != sl_note_get_kind (self->note))
    {
      seal (self);
      sl_document_set_note_kind (self->document, self->note, kind);
      seal (self);
    }
}

static void
new_aggregate_cb (GtkWidget   *owner,
                  SlAggregate *aggregate,
                  gpointer     user_data)
{
  SlInspector *self = SL_INSPECTOR (owner);
  SlNote *note = user_data;

  /* The note may have gone while the dialog was open. */
  if (aggregate != NULL &&
      sl_document_lookup_note (self->document, sl_element_get_id (SL_ELEMENT (note))) == note)
    sl_document_set_note_aggregate (self->document, note, aggregate);
  else
    /* The row goes back from "New Aggregate…" to the note's aggregate. */
    queue_rebuild (self);
}

/* Asks for the name of an aggregate that the note is given. */
static void
new_aggregate (SlInspector *self)
{
  sl_aggregate_dialog_present (GTK_WIDGET (self), self->document, new_aggregate_cb,
                               g_object_ref (self->note), g_object_unref);
}

static void
aggregate_selected_cb (SlInspector *self,
                       GParamSpec  *pspec,
                       AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);
  guint n_aggregates = g_list_model_get_n_items (sl_document_get_aggregates (self->document));
  g_autoptr(SlAggregate) aggregate = NULL;

  if (!rows_current (self) || selected == GTK_INVALID_LIST_POSITION)
    return;

  /* The last item is "New Aggregate…". */
  if (selected == n_aggregates + 1)
    {
      new_aggregate (self);
      return;
    }

  /* The first item is "None". */
  if (selected > 0)
    aggregate = g_list_model_get_item (sl_document_get_aggregates (self->document), selected - 1);

  if (aggregate != sl_note_get_aggregate (self->note))
    {
      seal (self);
      sl_document_set_note_aggregate (self->document, self->note, aggregate);
      seal (self);
    }
}

static void
pivotal_cb (SlInspector *self,
            GParamSpec  *pspec,
            GtkSwitch   *toggle)
{
  gboolean pivotal = gtk_switch_get_active (toggle);

  if (!rows_current (self))
    return;

  if (pivotal != sl_note_get_pivotal (self->note))
    {
      seal (self);
      sl_document_set_note_pivotal (self->document, self->note, pivotal);
      seal (self);
    }
}

/* Fields */

static void
add_field_cb (SlInspector *self)
{
  guint n = sl_note_get_n_fields (self->note);
  g_autofree char *name = NULL;

  if (!rows_current (self))
    return;

  /* A name no field of the note has yet. */
  for (guint i = n + 1; name == NULL || sl_note_find_field (self->note, name, NULL) != NULL; i++)
    {
      g_free (name);
      /* Translators: the name of a new field; it is an identifier, so no spaces */
      name = g_strdup_printf (_("field%u"), i);
    }

  seal (self);
  g_set_object (&self->new_field, sl_document_insert_field (self->document, self->note, -1, name, SL_FIELD_STRING));
  g_hash_table_add (self->expanded, g_object_ref (self->new_field));
  seal (self);
}

static void
expanded_cb (SlInspector *self,
             GParamSpec  *pspec,
             SlFieldRow  *row)
{
  SlField *field = sl_field_row_get_field (row);

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    g_hash_table_add (self->expanded, g_object_ref (field));
  else
    g_hash_table_remove (self->expanded, field);
}

/* Whether the rows show the fields of the note, in its order: a change
 * of one field shows in its row, and rows are made for new fields. */
static gboolean
field_rows_current (SlInspector *self)
{
  if (self->field_rows->len != sl_note_get_n_fields (self->note))
    return FALSE;

  for (guint i = 0; i < self->field_rows->len; i++)
    if (sl_field_row_get_field (g_ptr_array_index (self->field_rows, i)) != sl_note_get_field (self->note, i))
      return FALSE;

  return TRUE;
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

/* Scenarios */

static void
add_scenario_cb (SlInspector *self)
{
  SlHistory *history = sl_document_get_history (self->document);
  g_autoptr(SlStep) step = sl_step_new (self->note);
  gboolean command = sl_note_get_kind (self->note) == SL_NOTE_COMMAND;
  GListModel *scenarios = sl_document_get_scenarios (self->document);
  gboolean first = TRUE;
  g_autofree char *title = NULL;
  SlScenario *scenario;

  if (!rows_current (self))
    return;

  /* A command's first scenario is that it works; the next ones are
   * mostly how it fails. */
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    if (sl_scenario_get_note (sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i)) == self->note)
      first = FALSE;
  title = sl_scenario_default_title (self->note, !first, NULL);

  /* One undo step: the scenario with its When (a command) or its Then (a
   * view), which are the note itself. */
  sl_history_begin_group (history, _("Add Scenario"));
  scenario = sl_document_add_scenario (self->document, self->note, title);
  sl_document_set_scenario_steps (self->document, scenario, command ? SL_STEP_WHEN : SL_STEP_THEN, &step, 1);
  sl_history_end_group (history);
}

static void
scenario_undoable_cb (SlInspector *self,
                      const char  *text)
{
  g_signal_emit (self, signals[UNDOABLE], 0, text);
}

/* The scenarios of the note, which show its fields and those of the
 * notes in their steps. */
static void
fill_scenarios (SlInspector *self)
{
  GListModel *scenarios = sl_document_get_scenarios (self->document);
  GtkWidget *child, *button;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (self->scenarios)))
    gtk_box_remove (GTK_BOX (self->scenarios), child);

  if (sl_note_get_kind (self->note) != SL_NOTE_COMMAND && sl_note_get_kind (self->note) != SL_NOTE_VIEW)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);

      if (sl_scenario_get_note (scenario) == self->note)
        {
          GtkWidget *group = sl_scenario_group_new (self->document, scenario);

          g_signal_connect_object (group, "undoable", G_CALLBACK (scenario_undoable_cb), self, G_CONNECT_SWAPPED);
          gtk_box_append (GTK_BOX (self->scenarios), group);
          any = TRUE;
        }
    }

  button = gtk_button_new_with_mnemonic (_("Add _Scenario"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_name (button, "scenario-add");
  /* GTK 4.8 names a mnemonic button after its label as written, with
   * the underline: a screen reader would read it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Scenario"), -1);
  gtk_widget_set_tooltip_text (button, any ? NULL : _("Specify the note with Given, When and Then"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_scenario_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->scenarios), button);
}

/* The name of the row that has the focus ("note-aggregate", "field-name"
 * …), if one has, and (a new reference to) the field whose row holds it,
 * if one does. */
static const char *
focused_row (SlInspector  *self,
             SlField     **field)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  const char *name = NULL;

  *field = NULL;
  if (self->content == NULL || focus == NULL || !gtk_widget_is_ancestor (focus, self->content))
    return NULL;

  for (; focus != self->content; focus = gtk_widget_get_parent (focus))
    {
      if (SL_IS_FIELD_ROW (focus))
        {
          *field = g_object_ref (sl_field_row_get_field (SL_FIELD_ROW (focus)));
          return name;
        }
      if (name == NULL &&
          (g_str_has_prefix (gtk_widget_get_name (focus), "note-") ||
           g_str_has_prefix (gtk_widget_get_name (focus), "field-")))
        name = g_intern_string (gtk_widget_get_name (focus));
    }

  return g_str_has_prefix (name ? name : "", "note-") ? name : NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (gtk_widget_get_name (child), name))
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* The page made again scrolls to where the one before was, once it is
 * laid out: before, its adjustment has no room to scroll. */
static void
vadjustment_changed_cb (SlInspector   *self,
                        GtkAdjustment *adjustment)
{
  if (self->scroll_to < 0 || gtk_adjustment_get_page_size (adjustment) <= 0)
    return;

  gtk_adjustment_set_value (adjustment, self->scroll_to);
  self->scroll_to = -1;
}

/* The problems of the note shown, looked for once for all its field
 * rows: a note's problems are together (as SlChecker gives them), so the
 * search ends where they do. */
static GPtrArray *
note_problems (SlInspector *self)
{
  GPtrArray *mine = g_ptr_array_new ();
  gboolean seen = FALSE;

  for (guint i = 0; self->note != NULL && self->problems != NULL && i < self->problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (self->problems, i);

      if (sl_problem_get_note (problem) == self->note)
        {
          g_ptr_array_add (mine, problem);
          seen = TRUE;
        }
      else if (seen)
        break;
    }
  return mine;
}

static void
rebuild (SlInspector *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) aggregates = gtk_string_list_new (NULL);
  GListModel *aggregate_list = sl_document_get_aggregates (self->document);
  GtkWidget *box, *group, *row, *button;
  guint selected_aggregate = 0;
  g_autoptr(SlField) focused_field = NULL;
  g_autoptr(SlField) new_field = g_steal_pointer (&self->new_field);
  GtkWidget *focus_row = NULL;
  const char *focused;

  /* The row the user was on keeps the focus: it would otherwise go to
   * the first row, the note's text, where typing renames the note; a
   * field just added takes it, so that its name is typed at once. */
  focused = focused_row (self, &focused_field);
  if (new_field != NULL)
    {
      g_set_object (&focused_field, new_field);
      focused = "field-name";
    }

  /* An edit neither scrolls the page to the top nor collapses its rows. */
  if (self->content != NULL)
    self->scroll_to = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->content)));

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_ptr_array_set_size (self->field_rows, 0);
  self->scenarios = NULL;

  if (self->content != NULL)
    gtk_stack_remove (GTK_STACK (self->stack), self->content);
  self->content = NULL;

  if (self->note == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), sl_note_kind_get_label (sl_note_get_kind (self->note)));

  row = entry_row (_("Text"), sl_note_get_text (self->note), "note-text");
  g_signal_connect_object (row, "apply", G_CALLBACK (text_apply_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  for (guint k = 0; k < SL_N_NOTE_KINDS; k++)
    gtk_string_list_append (kinds, sl_note_kind_get_label (k));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), sl_note_get_kind (self->note));
  gtk_widget_set_name (row, "note-kind");
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (kind_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* Events and commands belong to aggregates (DOMAIN.md, step 4). */
  if (sl_note_get_kind (self->note) == SL_NOTE_EVENT || sl_note_get_kind (self->note) == SL_NOTE_COMMAND)
    {
      g_autofree char *none = sl_aggregate_get_none_label (self->document, self->note);

      gtk_string_list_append (aggregates, none);
      for (guint a = 0; a < g_list_model_get_n_items (aggregate_list); a++)
        {
          g_autoptr(SlAggregate) aggregate = g_list_model_get_item (aggregate_list, a);

          gtk_string_list_append (aggregates, sl_aggregate_get_name (aggregate));
          if (aggregate == sl_note_get_aggregate (self->note))
            selected_aggregate = a + 1;
        }
      gtk_string_list_append (aggregates, _("New Aggregate…"));
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Aggregate"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (aggregates));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected_aggregate);
      gtk_widget_set_name (row, "note-aggregate");
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (aggregate_selected_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (sl_note_get_kind (self->note) == SL_NOTE_EVENT)
    {
      GtkWidget *toggle = gtk_switch_new ();

      gtk_switch_set_active (GTK_SWITCH (toggle), sl_note_get_pivotal (self->note));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_name (toggle, "note-pivotal");
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (pivotal_cb), self, G_CONNECT_SWAPPED);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Pivotal"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("A turning point that divides the story"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);

  if (sl_note_kind_has_fields (sl_note_get_kind (self->note)))
    {
      g_auto(GStrv) upstream = sl_check_get_upstream_names (self->document, self->note);

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Fields"));
      if (sl_note_get_n_fields (self->note) == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("What the note carries: add its first field."));

      button = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Add Field"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Field"), -1);
      gtk_widget_set_name (button, "field-add");
      g_signal_connect_object (button, "clicked", G_CALLBACK (add_field_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

      for (guint i = 0; i < sl_note_get_n_fields (self->note); i++)
        {
          SlField *field = sl_note_get_field (self->note, i);

          row = sl_field_row_new (self->document, self->note, field, (const char * const *) upstream);
          if (problems == NULL)
            problems = note_problems (self);
          sl_field_row_set_problems (SL_FIELD_ROW (row), problems);
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, field));
          if (field == focused_field)
            focus_row = focused != NULL ? find_named (row, focused) : row;
          g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, G_CONNECT_SWAPPED);
          g_ptr_array_add (self->field_rows, row);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (box), group);
    }

  self->scenarios = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  fill_scenarios (self);
  gtk_box_append (GTK_BOX (box), self->scenarios);

  self->content = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->content), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->content), box);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->content)), "changed",
                           G_CALLBACK (vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (GTK_STACK (self->stack), self->content, "note");
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->content);

  if (focus_row == NULL && focused != NULL && focused_field == NULL)
    focus_row = find_named (self->content, focused);
  if (focus_row != NULL)
    gtk_widget_grab_focus (focus_row);
}

static gboolean
shows_scenario (SlInspector *self,
                SlScenario  *scenario)
{
  for (GtkWidget *child = self->scenarios ? gtk_widget_get_first_child (self->scenarios) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SL_IS_SCENARIO_GROUP (child) && sl_scenario_group_get_scenario (SL_SCENARIO_GROUP (child)) == scenario)
      return TRUE;

  return FALSE;
}

static void
element_changed_cb (SlInspector *self,
                    SlElement   *element,
                    guint        what)
{
  /* Where notes stand is not shown here: a drag rebuilds nothing. */
  if (self->note == NULL || (what & ~SL_CHANGED_POSITION) == 0)
    return;

  /* A field of the note changed: its row shows it, and the scenarios,
   * which show the note's fields, are made again; but rows are made for
   * fields added, removed or moved. */
  if (element == SL_ELEMENT (self->note) && what == SL_CHANGED_FIELDS &&
      self->rebuild_source == 0 && field_rows_current (self))
    {
      fill_scenarios (self);
      return;
    }

  /* A scenario shown changed: its group shows it. */
  if (SL_IS_SCENARIO (element) && self->rebuild_source == 0 && shows_scenario (self, SL_SCENARIO (element)) &&
      sl_scenario_get_note (SL_SCENARIO (element)) == self->note)
    return;

  /* The note, a scenario of it, an aggregate, or another note, whose text
   * and fields the scenarios and the names upstream show. */
  if (element == SL_ELEMENT (self->note) || SL_IS_AGGREGATE (element) ||
      (SL_IS_NOTE (element) && (what & (SL_CHANGED_TEXT | SL_CHANGED_KIND | SL_CHANGED_FIELDS))) ||
      (SL_IS_SCENARIO (element) && sl_scenario_get_note (SL_SCENARIO (element)) == self->note))
    queue_rebuild (self);
}

/* A note removed, or an aggregate added or removed. */
static void
items_changed_cb (SlInspector *self)
{
  if (self->note == NULL)
    return;

  if (sl_document_lookup_note (self->document, sl_element_get_id (SL_ELEMENT (self->note))) != self->note)
    sl_inspector_set_note (self, NULL);
  else
    queue_rebuild (self);
}

static void
sl_inspector_constructed (GObject *object)
{
  SlInspector *self = SL_INSPECTOR (object);

  G_OBJECT_CLASS (sl_inspector_parent_class)->constructed (object);

  g_signal_connect_object (self->document, "element-changed",
                           G_CALLBACK (element_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_notes (self->document), "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_aggregates (self->document), "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_scenarios (self->document), "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
sl_inspector_dispose (GObject *object)
{
  SlInspector *self = SL_INSPECTOR (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_object (&self->note);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_object (&self->new_field);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_inspector_parent_class)->dispose (object);
}

static void
sl_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlInspector *self = SL_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_inspector_class_init (SlInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sl_inspector_constructed;
  object_class->dispose = sl_inspector_dispose;
  object_class->set_property = sl_inspector_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SL_TYPE_DOCUMENT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlInspector::undoable:
   * @text: what was done
   *
   * Emitted when something was removed here (a scenario with its steps),
   * for the window to offer Undo with @text.
   */
  signals[UNDOABLE] =
    g_signal_new ("undoable",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sl_inspector_init (SlInspector *self)
{
  GtkWidget *empty;

  self->field_rows = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->scroll_to = -1;
  self->stack = gtk_stack_new ();
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-properties-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Note Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Select one note to edit its text, kind and fields."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  adw_bin_set_child (ADW_BIN (self), self->stack);
  gtk_widget_set_size_request (GTK_WIDGET (self), SL_INSPECTOR_WIDTH, -1);
}

GtkWidget *
sl_inspector_new (SlDocument *document)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  return g_object_new (SL_TYPE_INSPECTOR, "document", document, NULL);
}

/**
 * sl_inspector_get_note:
 *
 * Returns: (transfer none) (nullable): the note shown
 */
SlNote *
sl_inspector_get_note (SlInspector *self)
{
  g_return_val_if_fail (SL_IS_INSPECTOR (self), NULL);

  return self->note;
}

/**
 * sl_inspector_set_note:
 * @note: (nullable): the note to show, or %NULL for none
 */
void
sl_inspector_set_note (SlInspector *self,
                       SlNote      *note)
{
  g_return_if_fail (SL_IS_INSPECTOR (self));
  g_return_if_fail (note == NULL || SL_IS_NOTE (note));

  if (self->note == note)
    return;

  g_set_object (&self->note, note);
  g_hash_table_remove_all (self->expanded);
  g_clear_object (&self->new_field);
  rebuild (self);
  /* Another note's page starts at its top. */
  self->scroll_to = -1;
}

/**
 * sl_inspector_set_problems:
 * @problems: (nullable) (element-type SlProblem): what the check found
 *
 * Marks the fields of the note that the check finds without origin or
 * destination.
 */
void
sl_inspector_set_problems (SlInspector *self,
                           GPtrArray   *problems)
{
  g_autoptr(GPtrArray) mine = NULL;

  g_return_if_fail (SL_IS_INSPECTOR (self));

  if (problems != NULL)
    g_ptr_array_ref (problems);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems;

  mine = note_problems (self);
  for (guint i = 0; i < self->field_rows->len; i++)
    sl_field_row_set_problems (g_ptr_array_index (self->field_rows, i), mine);
}
