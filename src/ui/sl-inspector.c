/* sl-inspector.c: the properties of the selected note and its fields
 *
 * The inspector shows the note selected on the board: its text, kind and
 * aggregate, and each of its fields with name, type, flags, mapping and
 * example value. Fields are added, removed and reordered here. Every
 * change goes through the document, so each is one undo step, and the
 * inspector follows the document: an undo shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-inspector.h"

struct _SlInspector
{
  AdwBin parent_instance;

  SlDocument *document;
  SlNote *note;
  guint rebuild_source;
  GPtrArray *problems;      /* of SlProblem: what the check found, or NULL */
  char *marks;              /* the note's field problems, as last shown */
  int expanded;             /* the index of the open field, or -1 */

  GtkWidget *stack;
  GtkWidget *content;       /* rebuilt for each note and change */
};

G_DEFINE_FINAL_TYPE (SlInspector, sl_inspector, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  SlFieldFlags flag;
  const char *title;
  const char *subtitle;
} flag_rows[] = {
  { SL_FIELD_LIST, N_("List"), N_("Holds a list of values") },
  { SL_FIELD_GENERATED, N_("Generated"), N_("Made by the system, as ids and timestamps") },
  { SL_FIELD_OPTIONAL, N_("Optional"), N_("May be absent") },
  { SL_FIELD_DISPLAYED, N_("Displayed"), N_("On a screen: shown to the user, not entered") },
};

static void rebuild (SlInspector *self);

static guint
row_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "sl-field-index"));
}

static void
set_row_index (gpointer widget,
               guint    index)
{
  g_object_set_data (G_OBJECT (widget), "sl-field-index", GUINT_TO_POINTER (index));
}

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
 * the rebuild it queued, their indices and scenarios may be stale, and an
 * event on them (a second click) is dropped. */
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
aggregate_selected_cb (SlInspector *self,
                       GParamSpec  *pspec,
                       AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(SlAggregate) aggregate = NULL;

  if (!rows_current (self) || selected == GTK_INVALID_LIST_POSITION)
    return;

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

/* Fields */

/* Sets the text of @row as the program, not the user, does: the
 * completion of the row stays shut. */
static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gboolean *quiet = g_object_get_data (G_OBJECT (row), "sl-completion-quiet");

  if (quiet != NULL)
    *quiet = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (quiet != NULL)
    *quiet = FALSE;
}

static void
field_name_apply_cb (SlInspector *self,
                     AdwEntryRow *row)
{
  guint other;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  guint index = row_index (row);

  if (!rows_current (self))
    return;

  /* A name must be there, and no other field of the note may have it:
   * example values are told by name. */
  if (*name == '\0' || (sl_note_find_field (self->note, name, &other) != NULL && other != index))
    {
      gtk_widget_error_bell (GTK_WIDGET (row));
      set_row_text (row, sl_field_get_name (sl_note_get_field (self->note, index)));
      return;
    }
  if (!g_str_equal (name, sl_field_get_name (sl_note_get_field (self->note, index))))
    {
      seal (self);
      sl_document_set_field_name (self->document, self->note, index, name);
      seal (self);
    }
}

static void
field_mapping_apply_cb (SlInspector *self,
                        AdwEntryRow *row)
{
  const char *mapping = gtk_editable_get_text (GTK_EDITABLE (row));
  guint index = row_index (row);

  if (!rows_current (self))
    return;

  if (g_strcmp0 (*mapping ? mapping : NULL, sl_field_get_mapping (sl_note_get_field (self->note, index))) != 0)
    {
      seal (self);
      sl_document_set_field_mapping (self->document, self->note, index, *mapping ? mapping : NULL);
      seal (self);
    }
}

static void
field_example_apply_cb (SlInspector *self,
                        AdwEntryRow *row)
{
  const char *example = gtk_editable_get_text (GTK_EDITABLE (row));
  guint index = row_index (row);

  if (!rows_current (self))
    return;

  if (g_strcmp0 (*example ? example : NULL, sl_field_get_example (sl_note_get_field (self->note, index))) != 0)
    {
      seal (self);
      sl_document_set_field_example (self->document, self->note, index, *example ? example : NULL);
      seal (self);
    }
}

static void
field_type_selected_cb (SlInspector *self,
                        GParamSpec  *pspec,
                        AdwComboRow *row)
{
  SlFieldType type = adw_combo_row_get_selected (row);
  guint index = row_index (row);

  if (!rows_current (self))
    return;

  if (type < SL_N_FIELD_TYPES && type != sl_field_get_value_type (sl_note_get_field (self->note, index)))
    {
      seal (self);
      sl_document_set_field_type (self->document, self->note, index, type);
      seal (self);
    }
}

static void
field_flag_cb (SlInspector *self,
               GParamSpec  *pspec,
               GtkSwitch   *toggle)
{
  guint index = row_index (toggle);
  SlFieldFlags flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "sl-field-flag"));
  SlFieldFlags flags = sl_field_get_flags (sl_note_get_field (self->note, index));
  SlFieldFlags wanted = gtk_switch_get_active (toggle) ? flags | flag : flags & ~flag;

  if (!rows_current (self))
    return;

  if (wanted != flags)
    {
      seal (self);
      sl_document_set_field_flags (self->document, self->note, index, wanted);
      seal (self);
    }
}

static void
field_move_cb (SlInspector *self,
               GtkButton   *button)
{
  guint index = row_index (button);
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "sl-field-delta"));

  if (!rows_current (self))
    return;

  self->expanded = index + delta;
  seal (self);
  sl_document_move_field (self->document, self->note, index, index + delta);
  seal (self);
}

static void
field_remove_cb (SlInspector *self,
                 GtkButton   *button)
{
  if (!rows_current (self))
    return;

  self->expanded = -1;
  seal (self);
  sl_document_remove_field (self->document, self->note, row_index (button));
  seal (self);
}

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

  self->expanded = n;
  seal (self);
  sl_document_insert_field (self->document, self->note, -1, name, SL_FIELD_STRING);
  seal (self);
}

static void
expanded_cb (SlInspector    *self,
             GParamSpec     *pspec,
             AdwExpanderRow *row)
{
  if (adw_expander_row_get_expanded (row))
    self->expanded = row_index (row);
  else if (self->expanded == (int) row_index (row))
    self->expanded = -1;
}

/* A choice made in a list of names under @row: the name is the row's. */
static void
choice_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *item,
                     AdwEntryRow   *row)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);

  gtk_popover_popdown (GTK_POPOVER (popover));
  set_row_text (row, gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (item))));
  g_signal_emit_by_name (row, "apply");
}

/* A popover of @list, a list of choices: names for @row, when there is
 * one. */
static GtkWidget *
choice_popover (GtkWidget   *list,
                AdwEntryRow *row)
{
  GtkWidget *popover, *scrolled;

  gtk_widget_add_css_class (list, "navigation-sidebar");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  if (row != NULL)
    g_signal_connect_object (list, "row-activated", G_CALLBACK (choice_activated_cb), row, 0);
  return popover;
}

/* A flat button that pops @list up, a list of choices (for @row, when
 * there is one). */
static GtkWidget *
list_button (GtkWidget   *list,
             AdwEntryRow *row,
             const char  *icon_name,
             const char  *tooltip)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), icon_name);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), choice_popover (list, row));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* A button on @row that offers the names of the fields upstream. */
static void
add_suggestions (AdwEntryRow        *row,
                 const char * const *names,
                 const char         *tooltip)
{
  GtkWidget *list;

  if (names == NULL || names[0] == NULL)
    return;

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "suggestions");
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *item = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (names[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), label);
      gtk_list_box_append (GTK_LIST_BOX (list), item);
    }
  adw_entry_row_add_suffix (row, list_button (list, row, "view-list-symbolic", tooltip));
}

/* Completion while typing: a popover under a name row lists the names
 * that contain what is typed: those of the fields upstream first, then,
 * for a field's name, the other field names of the model. */

#define MAX_COMPLETIONS 8

typedef struct
{
  SlDocument *document;
  SlNote *note;       /* whose own names are not offered */
  GStrv upstream;
  gboolean whole_model;
  GStrv names;        /* upstream first, then the model's; made on the first key */
  GtkWidget *popover;
  GtkListBox *list;
  gboolean quiet;     /* the program sets the text */
} Completion;

static void
completion_free (Completion *completion)
{
  g_object_unref (completion->document);
  g_object_unref (completion->note);
  g_strfreev (completion->upstream);
  g_strfreev (completion->names);
  g_free (completion);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The names to offer: those upstream, then with @whole_model the other
 * field names of the model; for a name, not those the note has already. */
static GStrv
completion_names (Completion *completion)
{
  GListModel *notes = sl_document_get_notes (completion->document);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  /* A name the note has already would be refused. */
  for (guint f = 0; completion->whole_model && f < sl_note_get_n_fields (completion->note); f++)
    g_hash_table_add (seen, (gpointer) sl_field_get_name (sl_note_get_field (completion->note, f)));

  for (guint i = 0; completion->upstream[i] != NULL; i++)
    if (g_hash_table_add (seen, completion->upstream[i]))
      g_strv_builder_add (names, completion->upstream[i]);

  if (!completion->whole_model)
    return g_strv_builder_end (names);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      for (guint f = 0; f < sl_note_get_n_fields (note); f++)
        {
          const char *name = sl_field_get_name (sl_note_get_field (note, f));

          if (g_hash_table_add (seen, (gpointer) name))
            g_ptr_array_add (others, (gpointer) name);
        }
    }
  g_ptr_array_sort (others, compare_strings);
  for (guint i = 0; i < others->len; i++)
    g_strv_builder_add (names, g_ptr_array_index (others, i));

  return g_strv_builder_end (names);
}

static void
completion_changed_cb (AdwEntryRow *row)
{
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GtkWidget *child;
  guint n = 0;

  if (completion->quiet)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (completion->list))))
    gtk_list_box_remove (completion->list, child);

  if (*text != 0)
    {
      if (completion->names == NULL)
        completion->names = completion_names (completion);

      /* Names that begin with the text, then names that contain it. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; completion->names[i] != NULL && n < MAX_COMPLETIONS; i++)
          {
            g_autofree char *name = g_utf8_casefold (completion->names[i], -1);
            const char *at = strstr (name, folded);
            GtkWidget *label;

            if (at == NULL || (pass == 0) != (at == name) || g_str_equal (completion->names[i], text))
              continue;
            label = gtk_label_new (completion->names[i]);
            gtk_label_set_xalign (GTK_LABEL (label), 0);
            gtk_list_box_append (completion->list, label);
            n++;
          }
    }

  if (n > 0)
    gtk_popover_popup (GTK_POPOVER (completion->popover));
  else
    gtk_popover_popdown (GTK_POPOVER (completion->popover));
}

static void
completion_close (AdwEntryRow *row)
{
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");

  gtk_popover_popdown (GTK_POPOVER (completion->popover));
}

/* Down moves from the text into the names offered; Escape shuts them. */
static gboolean
completion_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AdwEntryRow           *row)
{
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (completion->list, 0);

  if (!gtk_widget_get_visible (completion->popover))
    return FALSE;

  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && first != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (first));
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    {
      gtk_popover_popdown (GTK_POPOVER (completion->popover));
      return TRUE;
    }
  return FALSE;
}

/* Once the focus has gone elsewhere than the row or its names, they go. */
static gboolean
completion_check_focus_cb (gpointer data)
{
  AdwEntryRow *row = data;
  Completion *completion = g_object_get_data (G_OBJECT (row), "sl-completion");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (completion != NULL &&
      (focus == NULL || (!gtk_widget_is_ancestor (focus, GTK_WIDGET (row)) && focus != GTK_WIDGET (row))))
    gtk_popover_popdown (GTK_POPOVER (completion->popover));
  return G_SOURCE_REMOVE;
}

static void
completion_focus_leave_cb (AdwEntryRow *row)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, completion_check_focus_cb, g_object_ref (row), g_object_unref);
}

static void
completion_row_destroy_cb (GtkWidget  *row,
                           Completion *completion)
{
  gtk_widget_unparent (completion->popover);
}

/* Completes the names typed in @row from the @upstream names and, with
 * @whole_model, the other field names of the model. */
static void
add_completion (AdwEntryRow        *row,
                SlDocument         *document,
                SlNote             *note,
                const char * const *upstream,
                gboolean            whole_model)
{
  Completion *completion = g_new0 (Completion, 1);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  completion->document = g_object_ref (document);
  completion->note = g_object_ref (note);
  completion->upstream = upstream ? g_strdupv ((char **) upstream) : g_new0 (char *, 1);
  completion->whole_model = whole_model;
  completion->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (completion->list), "completions");

  /* It offers while the text is typed, so the text keeps the focus. */
  completion->popover = choice_popover (GTK_WIDGET (completion->list), row);
  gtk_popover_set_autohide (GTK_POPOVER (completion->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (completion->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (completion->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (completion->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (completion->popover, GTK_WIDGET (row));

  g_object_set_data_full (G_OBJECT (row), "sl-completion", completion, (GDestroyNotify) completion_free);
  g_object_set_data (G_OBJECT (row), "sl-completion-quiet", &completion->quiet);
  g_signal_connect (row, "destroy", G_CALLBACK (completion_row_destroy_cb), completion);
  g_signal_connect (row, "changed", G_CALLBACK (completion_changed_cb), NULL);
  g_signal_connect (row, "apply", G_CALLBACK (completion_close), NULL);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (completion_key_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (completion_focus_leave_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static GtkWidget *
entry_row (const char *title,
           const char *text,
           const char *name,
           guint       index)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_set_name (row, name);
  set_row_index (row, index);
  return row;
}

static char *
describe_field (SlField *field)
{
  GString *text = g_string_new (sl_field_type_to_string (sl_field_get_value_type (field)));

  for (guint i = 0; i < G_N_ELEMENTS (flag_rows); i++)
    if (sl_field_has_flag (field, flag_rows[i].flag))
      g_string_append_printf (text, " · %s", _(flag_rows[i].title));
  if (sl_field_get_mapping (field) != NULL)
    g_string_append_printf (text, " · %s", sl_field_get_mapping (field));

  return g_string_free (text, FALSE);
}

/* What the check finds wrong with the fields of the note, as a string to
 * compare. */
static char *
describe_marks (SlInspector *self)
{
  GString *marks = g_string_new (NULL);

  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (self->problems, i);

      if (sl_problem_get_note (problem) == self->note && sl_problem_get_field (problem) != NULL)
        g_string_append_printf (marks, "%s\t%s\t%s\n", sl_problem_get_field (problem),
                                sl_problem_get_message (problem),
                                sl_problem_get_fix (problem) ? sl_problem_get_fix (problem) : "");
    }

  return g_string_free (marks, FALSE);
}

/* Marks @row when the check finds @field without origin or destination:
 * an icon whose tooltip says what to do, and the words in the subtitle. */
static void
add_field_problems (SlInspector    *self,
                    AdwExpanderRow *row,
                    SlField        *field)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (adw_expander_row_get_subtitle (row));
  GtkWidget *icon;

  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (self->problems, i);
      const char *rule = sl_problem_get_rule (problem);

      if (sl_problem_get_note (problem) != self->note ||
          g_strcmp0 (sl_problem_get_field (problem), sl_field_get_name (field)) != 0)
        continue;

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

  if (messages->len == 0)
    return;

  adw_expander_row_set_subtitle (row, subtitle->str);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_name (icon, "field-problem");
  gtk_widget_set_tooltip_text (icon, messages->str);
  adw_expander_row_add_prefix (row, icon);
}

static GtkWidget *
field_row (SlInspector        *self,
           guint               index,
           const char * const *upstream)
{
  SlField *field = sl_note_get_field (self->note, index);
  guint n_fields = sl_note_get_n_fields (self->note);
  g_autofree char *summary = describe_field (field);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *expander, *row, *box, *button;

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sl_field_get_name (field));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary);
  add_field_problems (self, ADW_EXPANDER_ROW (expander), field);
  set_row_index (expander, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), self->expanded == (int) index);
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (expanded_cb), self, G_CONNECT_SWAPPED);

  row = entry_row (_("Name"), sl_field_get_name (field), "field-name", index);
  g_signal_connect_object (row, "apply", G_CALLBACK (field_name_apply_cb), self, G_CONNECT_SWAPPED);
  add_suggestions (ADW_ENTRY_ROW (row), upstream, _("Name It as a Field Upstream"));
  add_completion (ADW_ENTRY_ROW (row), self->document, self->note, upstream, TRUE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  for (guint t = 0; t < SL_N_FIELD_TYPES; t++)
    gtk_string_list_append (types, sl_field_type_to_string (t));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Type"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (types));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), sl_field_get_value_type (field));
  gtk_widget_set_name (row, "field-type");
  set_row_index (row, index);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_type_selected_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  for (guint f = 0; f < G_N_ELEMENTS (flag_rows); f++)
    {
      GtkWidget *toggle;

      /* Only screens show fields. */
      if (flag_rows[f].flag == SL_FIELD_DISPLAYED && sl_note_get_kind (self->note) != SL_NOTE_SCREEN &&
          !sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        continue;

      toggle = gtk_switch_new ();
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(flag_rows[f].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(flag_rows[f].subtitle));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), sl_field_has_flag (field, flag_rows[f].flag));
      set_row_index (toggle, index);
      g_object_set_data (G_OBJECT (toggle), "sl-field-flag", GUINT_TO_POINTER (flag_rows[f].flag));
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (field_flag_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  /* Translators: the field upstream whose value this field takes, when its name differs */
  row = entry_row (_("Mapped From"), sl_field_get_mapping (field), "field-mapping", index);
  g_signal_connect_object (row, "apply", G_CALLBACK (field_mapping_apply_cb), self, G_CONNECT_SWAPPED);
  add_suggestions (ADW_ENTRY_ROW (row), upstream, _("Map It to a Field Upstream"));
  add_completion (ADW_ENTRY_ROW (row), self->document, self->note, upstream, FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = entry_row (_("Example Value"), sl_field_get_example (field), "field-example", index);
  g_signal_connect_object (row, "apply", G_CALLBACK (field_example_apply_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = adw_action_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_hexpand (box, TRUE);

  button = gtk_button_new_from_icon_name ("go-up-symbolic");
  gtk_widget_set_tooltip_text (button, _("Move Up"));
  gtk_widget_set_sensitive (button, index > 0);
  set_row_index (button, index);
  g_object_set_data (G_OBJECT (button), "sl-field-delta", GINT_TO_POINTER (-1));
  g_signal_connect_object (button, "clicked", G_CALLBACK (field_move_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);

  button = gtk_button_new_from_icon_name ("go-down-symbolic");
  gtk_widget_set_tooltip_text (button, _("Move Down"));
  gtk_widget_set_sensitive (button, index + 1 < n_fields);
  set_row_index (button, index);
  g_object_set_data (G_OBJECT (button), "sl-field-delta", GINT_TO_POINTER (1));
  g_signal_connect_object (button, "clicked", G_CALLBACK (field_move_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);

  button = gtk_button_new_with_mnemonic (_("_Remove Field"));
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_name (button, "field-remove");
  set_row_index (button, index);
  g_signal_connect_object (button, "clicked", G_CALLBACK (field_remove_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  return expander;
}

/* Scenarios */

static SlScenario *
row_scenario (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "sl-scenario");
}

static void
set_row_scenario (gpointer    widget,
                  SlScenario *scenario,
                  SlStepPart  part,
                  guint       index)
{
  g_object_set_data_full (G_OBJECT (widget), "sl-scenario", g_object_ref (scenario), g_object_unref);
  g_object_set_data (G_OBJECT (widget), "sl-step-part", GUINT_TO_POINTER (part));
  set_row_index (widget, index);
}

static SlStepPart
row_part (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "sl-step-part"));
}

/* The steps of @part of @scenario, for a new list of them. */
static GPtrArray *
copy_steps (SlScenario *scenario,
            SlStepPart  part)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);

  for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
    g_ptr_array_add (steps, sl_step_ref (sl_scenario_get_step (scenario, part, i)));
  return steps;
}

static void
set_steps (SlInspector *self,
           SlScenario  *scenario,
           SlStepPart   part,
           GPtrArray   *steps)
{
  seal (self);
  sl_document_set_scenario_steps (self->document, scenario, part, (SlStep **) steps->pdata, steps->len);
  seal (self);
}

static void
add_scenario_cb (SlInspector *self)
{
  SlHistory *history = sl_document_get_history (self->document);
  g_autoptr(SlStep) step = sl_step_new (self->note);
  gboolean command = sl_note_get_kind (self->note) == SL_NOTE_COMMAND;
  SlScenario *scenario;

  if (!rows_current (self))
    return;

  /* One undo step: the scenario with its When (a command) or its Then (a
   * view), which are the note itself. */
  sl_history_begin_group (history, _("Add Scenario"));
  scenario = sl_document_add_scenario (self->document, self->note,
                                       /* Translators: the title of a new scenario */
                                       command ? _("It works") : _("It shows"));
  sl_document_set_scenario_steps (self->document, scenario, command ? SL_STEP_WHEN : SL_STEP_THEN, &step, 1);
  sl_history_end_group (history);
}

static void
remove_scenario_cb (SlInspector *self,
                    GtkButton   *button)
{
  if (!rows_current (self))
    return;

  seal (self);
  sl_document_remove_scenario (self->document, row_scenario (button));
  seal (self);
}

static void
scenario_title_apply_cb (SlInspector *self,
                         AdwEntryRow *row)
{
  SlScenario *scenario = row_scenario (row);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!rows_current (self))
    return;

  if (g_strcmp0 (title, sl_scenario_get_title (scenario)) != 0)
    {
      seal (self);
      sl_document_set_scenario_title (self->document, scenario, title);
      seal (self);
    }
}

static void
scenario_error_apply_cb (SlInspector *self,
                         AdwEntryRow *row)
{
  SlScenario *scenario = row_scenario (row);
  const char *error = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!rows_current (self))
    return;

  if (g_strcmp0 (*error ? error : NULL, sl_scenario_get_error (scenario)) != 0)
    {
      seal (self);
      sl_document_set_scenario_error (self->document, scenario, *error ? error : NULL);
      seal (self);
    }
}

static void
step_value_apply_cb (SlInspector *self,
                     AdwEntryRow *row)
{
  SlScenario *scenario = row_scenario (row);
  SlStepPart part = row_part (row);
  guint index = row_index (row);
  const char *name = g_object_get_data (G_OBJECT (row), "sl-value-name");
  const char *value = gtk_editable_get_text (GTK_EDITABLE (row));
  SlStep *step;
  g_autoptr(GPtrArray) steps = NULL;

  if (!rows_current (self))
    return;

  step = sl_scenario_get_step (scenario, part, index);

  if (g_strcmp0 (*value ? value : NULL, sl_step_lookup (step, name)) == 0)
    return;

  steps = copy_steps (scenario, part);
  g_ptr_array_index (steps, index) = sl_step_new_with_value (step, name, *value ? value : NULL);
  sl_step_unref (step);
  set_steps (self, scenario, part, steps);
}

static void
remove_step_cb (SlInspector *self,
                GtkButton   *button)
{
  SlScenario *scenario = row_scenario (button);
  SlStepPart part = row_part (button);
  g_autoptr(GPtrArray) steps = copy_steps (scenario, part);

  if (!rows_current (self))
    return;

  g_ptr_array_remove_index (steps, row_index (button));
  set_steps (self, scenario, part, steps);
}

static void
add_step_cb (GtkListBox    *list,
             GtkListBoxRow *item,
             SlInspector   *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);
  SlScenario *scenario = row_scenario (list);
  SlStepPart part = row_part (list);
  SlNote *event = g_object_get_data (G_OBJECT (item), "sl-note");
  g_autoptr(GPtrArray) steps = copy_steps (scenario, part);

  if (!rows_current (self))
    return;

  gtk_popover_popdown (GTK_POPOVER (popover));
  g_ptr_array_add (steps, sl_step_new (event));
  set_steps (self, scenario, part, steps);
}

/* A row with a button that offers the events of the model. */
static GtkWidget *
add_step_row (SlInspector *self,
              SlScenario  *scenario,
              SlStepPart   part,
              const char  *title)
{
  GListModel *notes = sl_document_get_notes (self->document);
  GtkWidget *row, *button, *list;

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, part == SL_STEP_GIVEN ? "add-given" : "add-then");
  set_row_scenario (list, scenario, part, 0);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      GtkWidget *item, *label;

      if (sl_note_get_kind (note) != SL_NOTE_EVENT)
        continue;
      item = gtk_list_box_row_new ();
      label = gtk_label_new (sl_note_get_text (note));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), label);
      g_object_set_data_full (G_OBJECT (item), "sl-note", g_object_ref (note), g_object_unref);
      gtk_list_box_append (GTK_LIST_BOX (list), item);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (add_step_cb), self, 0);
  button = list_button (list, NULL, "list-add-symbolic", title);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* A step: its note, and an example value for each of the note's fields. */
static GtkWidget *
step_row (SlInspector *self,
          SlScenario  *scenario,
          SlStepPart   part,
          guint        index,
          gboolean     removable)
{
  SlStep *step = sl_scenario_get_step (scenario, part, index);
  SlNote *note = sl_step_get_note (step);
  GtkWidget *expander, *button;
  g_autofree char *title = NULL;

  expander = adw_expander_row_new ();
  /* Translators: a step of a scenario and the text of its note */
  title = g_strdup_printf (part == SL_STEP_GIVEN ? C_("scenario", "Given: %s") :
                           /* Translators: a step of a scenario and the text of its note */
                           part == SL_STEP_WHEN ? C_("scenario", "When: %s") :
                           /* Translators: a step of a scenario and the text of its note */
                           C_("scenario", "Then: %s"),
                           sl_note_get_text (note));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  {
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u example value",
                                                              "%u example values", sl_step_get_n_values (step)),
                                                 sl_step_get_n_values (step));

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  }

  if (removable)
    {
      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove from the Scenario"));
      gtk_widget_set_name (button, "step-remove");
      set_row_scenario (button, scenario, part, index);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_step_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), button);
    }

  for (guint f = 0; f < sl_note_get_n_fields (note); f++)
    {
      const char *name = sl_field_get_name (sl_note_get_field (note, f));
      GtkWidget *row = entry_row (name, sl_step_lookup (step, name), "step-value", index);

      set_row_scenario (row, scenario, part, index);
      g_object_set_data_full (G_OBJECT (row), "sl-value-name", g_strdup (name), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (step_value_apply_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  return expander;
}

static GtkWidget *
scenario_group (SlInspector *self,
                SlScenario  *scenario)
{
  gboolean command = sl_note_get_kind (self->note) == SL_NOTE_COMMAND;
  GtkWidget *group, *row, *button;

  group = adw_preferences_group_new ();
  /* The title is the user's text, in the row below: a group's title is
   * markup. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Scenario"));

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Scenario"));
  gtk_widget_set_name (button, "scenario-remove");
  set_row_scenario (button, scenario, 0, 0);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_scenario_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  row = entry_row (_("Title"), sl_scenario_get_title (scenario), "scenario-title", 0);
  set_row_scenario (row, scenario, 0, 0);
  g_signal_connect_object (row, "apply", G_CALLBACK (scenario_title_apply_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  for (guint i = 0; i < sl_scenario_get_n_steps (scenario, SL_STEP_GIVEN); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), step_row (self, scenario, SL_STEP_GIVEN, i, TRUE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             add_step_row (self, scenario, SL_STEP_GIVEN, _("Add an Event to Given")));

  /* A command's When is the command; a view's Then is the view. */
  for (guint i = 0; i < sl_scenario_get_n_steps (scenario, SL_STEP_WHEN); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), step_row (self, scenario, SL_STEP_WHEN, i, !command));
  for (guint i = 0; i < sl_scenario_get_n_steps (scenario, SL_STEP_THEN); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), step_row (self, scenario, SL_STEP_THEN, i, command));

  if (command)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 add_step_row (self, scenario, SL_STEP_THEN, _("Add an Event to Then")));
      /* Translators: a scenario whose outcome is an error, and its text */
      row = entry_row (_("Or Then the Error"), sl_scenario_get_error (scenario), "scenario-error", 0);
      set_row_scenario (row, scenario, 0, 0);
      g_signal_connect_object (row, "apply", G_CALLBACK (scenario_error_apply_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static void
rebuild (SlInspector *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) aggregates = gtk_string_list_new (NULL);
  GListModel *aggregate_list = sl_document_get_aggregates (self->document);
  GtkWidget *box, *group, *row, *button;
  guint selected_aggregate = 0;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_free (self->marks);
  self->marks = self->note != NULL ? describe_marks (self) : NULL;

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

  row = entry_row (_("Text"), sl_note_get_text (self->note), "note-text", 0);
  g_signal_connect_object (row, "apply", G_CALLBACK (text_apply_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  for (guint k = 0; k < SL_N_NOTE_KINDS; k++)
    gtk_string_list_append (kinds, sl_note_kind_get_label (k));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), sl_note_get_kind (self->note));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (kind_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  gtk_string_list_append (aggregates, C_("aggregate", "None"));
  for (guint a = 0; a < g_list_model_get_n_items (aggregate_list); a++)
    {
      g_autoptr(SlAggregate) aggregate = g_list_model_get_item (aggregate_list, a);

      gtk_string_list_append (aggregates, sl_aggregate_get_name (aggregate));
      if (aggregate == sl_note_get_aggregate (self->note))
        selected_aggregate = a + 1;
    }
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Aggregate"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (aggregates));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected_aggregate);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (aggregate_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
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
      gtk_widget_set_name (button, "field-add");
      g_signal_connect_object (button, "clicked", G_CALLBACK (add_field_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

      for (guint i = 0; i < sl_note_get_n_fields (self->note); i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   field_row (self, i, (const char * const *) upstream));
      gtk_box_append (GTK_BOX (box), group);
    }

  if (sl_note_get_kind (self->note) == SL_NOTE_COMMAND || sl_note_get_kind (self->note) == SL_NOTE_VIEW)
    {
      GListModel *scenarios = sl_document_get_scenarios (self->document);
      gboolean any = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
        {
          SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);

          if (sl_scenario_get_note (scenario) == self->note)
            {
              gtk_box_append (GTK_BOX (box), scenario_group (self, scenario));
              any = TRUE;
            }
        }

      button = gtk_button_new_with_mnemonic (_("Add _Scenario"));
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_name (button, "scenario-add");
      gtk_widget_set_tooltip_text (button, any ? NULL : _("Specify the note with Given, When and Then"));
      g_signal_connect_object (button, "clicked", G_CALLBACK (add_scenario_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
    }

  self->content = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->content), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->content), box);
  gtk_stack_add_named (GTK_STACK (self->stack), self->content, "note");
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->content);
}

static void
element_changed_cb (SlInspector *self,
                    SlElement   *element,
                    guint        what)
{
  /* Where notes stand is not shown here: a drag rebuilds nothing. */
  if (self->note == NULL || (what & ~SL_CHANGED_POSITION) == 0)
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
  g_clear_pointer (&self->marks, g_free);
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
}

static void
sl_inspector_init (SlInspector *self)
{
  GtkWidget *empty;

  self->expanded = -1;
  self->stack = gtk_stack_new ();
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-properties-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Note Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Select one note to edit its text, kind and fields."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  adw_bin_set_child (ADW_BIN (self), self->stack);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, -1);
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
  self->expanded = -1;
  rebuild (self);
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
  g_return_if_fail (SL_IS_INSPECTOR (self));

  if (problems != NULL)
    g_ptr_array_ref (problems);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems;

  /* The check runs after every change, drags too: only a change in what
   * is marked here is worth rows rebuilt under the user's hands. */
  if (self->note != NULL)
    {
      g_autofree char *marks = describe_marks (self);

      if (g_strcmp0 (marks, self->marks) != 0)
        queue_rebuild (self);
    }
}
