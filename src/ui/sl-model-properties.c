/* sl-model-properties.c: the model's title, description and aggregates
 *
 * A preferences window over the document: the title and the description
 * of the model, and its aggregates, each renamed in its row or removed
 * with its button (the notes and lanes that named it are left without
 * one), and new ones added by name. Every change goes through the
 * document, so each is one undo step, and the window follows the
 * document: an undo, or an aggregate made in the inspector, shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-model-properties.h"

struct _SlModelProperties
{
  AdwPreferencesWindow parent_instance;

  SlDocument *document;
  GPtrArray *aggregate_rows; /* of AdwEntryRow, in aggregates_group */
  guint rebuild_source;

  AdwEntryRow *title_row;
  AdwEntryRow *description_row;
  AdwPreferencesGroup *aggregates_group;
  AdwEntryRow *new_row;
};

G_DEFINE_FINAL_TYPE (SlModelProperties, sl_model_properties, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An edit made here is a step of its own. */
static void
seal (SlModelProperties *self)
{
  sl_history_seal (sl_document_get_history (self->document));
}

/* The text of the row, without the spaces around it. */
static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static gboolean
has_aggregate_named (SlModelProperties *self,
                     const char        *name)
{
  GListModel *aggregates = sl_document_get_aggregates (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    if (g_strcmp0 (sl_aggregate_get_name (sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i)), name) == 0)
      return TRUE;

  return FALSE;
}

/* The model */

static void
title_apply_cb (SlModelProperties *self)
{
  g_autofree char *title = row_text (self->title_row);

  /* A model has a title: an empty one is refused. */
  if (*title == '\0')
    {
      set_row_text (self->title_row, sl_document_get_title (self->document));
      return;
    }

  if (g_strcmp0 (title, sl_document_get_title (self->document)) != 0)
    {
      seal (self);
      sl_document_set_title (self->document, title);
      seal (self);
    }
}

static void
description_apply_cb (SlModelProperties *self)
{
  g_autofree char *description = row_text (self->description_row);

  if (g_strcmp0 (description, sl_document_get_description (self->document) ?: "") != 0)
    {
      seal (self);
      sl_document_set_description (self->document, description);
      seal (self);
    }
}

static void
title_changed_cb (SlModelProperties *self)
{
  set_row_text (self->title_row, sl_document_get_title (self->document));
}

static void
description_changed_cb (SlModelProperties *self)
{
  set_row_text (self->description_row, sl_document_get_description (self->document));
}

/* Aggregates */

static void
aggregate_apply_cb (SlModelProperties *self,
                    AdwEntryRow       *row)
{
  SlAggregate *aggregate = g_object_get_data (G_OBJECT (row), "sl-aggregate");
  g_autofree char *name = row_text (row);

  if (g_strcmp0 (name, sl_aggregate_get_name (aggregate)) == 0)
    return;

  /* Two aggregates of one name could not be told apart. */
  if (*name == '\0' || has_aggregate_named (self, name))
    {
      set_row_text (row, sl_aggregate_get_name (aggregate));
      return;
    }

  seal (self);
  sl_document_set_aggregate_name (self->document, aggregate, name);
  seal (self);
}

static void
aggregate_remove_cb (SlModelProperties *self,
                     GtkButton         *button)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW));
  SlAggregate *aggregate = g_object_get_data (G_OBJECT (row), "sl-aggregate");

  /* A second click before the rows are made again removes nothing. */
  if (self->rebuild_source != 0)
    return;

  seal (self);
  sl_document_remove_aggregate (self->document, aggregate);
  seal (self);
}

static void
new_apply_cb (SlModelProperties *self)
{
  g_autofree char *name = row_text (self->new_row);

  if (*name == '\0' || has_aggregate_named (self, name))
    return;

  seal (self);
  sl_document_add_aggregate (self->document, name);
  seal (self);
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
}

static GtkWidget *
aggregate_row_new (SlModelProperties *self,
                   SlAggregate       *aggregate)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), sl_aggregate_get_name (aggregate));
  gtk_widget_set_name (row, "aggregate-name");
  g_object_set_data_full (G_OBJECT (row), "sl-aggregate", g_object_ref (aggregate), g_object_unref);
  g_signal_connect_object (row, "apply", G_CALLBACK (aggregate_apply_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Aggregate"));
  gtk_widget_set_name (button, "aggregate-remove");
  g_signal_connect_object (button, "clicked", G_CALLBACK (aggregate_remove_cb), self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  return row;
}

static void
rebuild_aggregates (SlModelProperties *self)
{
  GListModel *aggregates = sl_document_get_aggregates (self->document);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  for (guint i = 0; i < self->aggregate_rows->len; i++)
    adw_preferences_group_remove (self->aggregates_group, g_ptr_array_index (self->aggregate_rows, i));
  g_ptr_array_set_size (self->aggregate_rows, 0);

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      GtkWidget *row = aggregate_row_new (self, sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i));

      g_ptr_array_add (self->aggregate_rows, row);
      adw_preferences_group_add (self->aggregates_group, row);
    }
}

static gboolean
rebuild_cb (gpointer user_data)
{
  SlModelProperties *self = user_data;

  self->rebuild_source = 0;
  rebuild_aggregates (self);
  return G_SOURCE_REMOVE;
}

/* Made again from the main loop: the change can come from a row's own
 * button, which must not be destroyed while its signal runs. */
static void
aggregates_changed_cb (SlModelProperties *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
}

/* A renamed aggregate shows its name in its row. */
static void
element_changed_cb (SlModelProperties *self,
                    SlElement         *element,
                    guint              what)
{
  if (!SL_IS_AGGREGATE (element) || (what & SL_CHANGED_TEXT) == 0)
    return;

  for (guint i = 0; i < self->aggregate_rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->aggregate_rows, i);

      if (g_object_get_data (G_OBJECT (row), "sl-aggregate") == element)
        set_row_text (row, sl_aggregate_get_name (SL_AGGREGATE (element)));
    }
}

/* The window has the keys of the board's undo and redo: it is modal,
 * so they would otherwise do nothing while it is open. */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SlHistory *history = sl_document_get_history (SL_MODEL_PROPERTIES (widget)->document);

  if (g_str_equal (action_name, "model.undo"))
    sl_history_undo (history);
  else
    sl_history_redo (history);
}

static void
sl_model_properties_constructed (GObject *object)
{
  SlModelProperties *self = SL_MODEL_PROPERTIES (object);

  G_OBJECT_CLASS (sl_model_properties_parent_class)->constructed (object);

  title_changed_cb (self);
  description_changed_cb (self);
  rebuild_aggregates (self);

  g_signal_connect_object (self->document, "notify::title",
                           G_CALLBACK (title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::description",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "element-changed",
                           G_CALLBACK (element_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_aggregates (self->document), "items-changed",
                           G_CALLBACK (aggregates_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
sl_model_properties_dispose (GObject *object)
{
  SlModelProperties *self = SL_MODEL_PROPERTIES (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_MODEL_PROPERTIES);

  G_OBJECT_CLASS (sl_model_properties_parent_class)->dispose (object);
}

static void
sl_model_properties_finalize (GObject *object)
{
  SlModelProperties *self = SL_MODEL_PROPERTIES (object);

  g_clear_pointer (&self->aggregate_rows, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_model_properties_parent_class)->finalize (object);
}

static void
sl_model_properties_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SlModelProperties *self = SL_MODEL_PROPERTIES (object);

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
sl_model_properties_class_init (SlModelPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_model_properties_constructed;
  object_class->dispose = sl_model_properties_dispose;
  object_class->finalize = sl_model_properties_finalize;
  object_class->set_property = sl_model_properties_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         SL_TYPE_DOCUMENT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "model.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "model.redo", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "model.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "model.redo", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/stormline/Stormline/sl-model-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, SlModelProperties, title_row);
  gtk_widget_class_bind_template_child (widget_class, SlModelProperties, description_row);
  gtk_widget_class_bind_template_child (widget_class, SlModelProperties, aggregates_group);
  gtk_widget_class_bind_template_child (widget_class, SlModelProperties, new_row);
  gtk_widget_class_bind_template_callback (widget_class, title_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, description_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_apply_cb);
}

static void
sl_model_properties_init (SlModelProperties *self)
{
  self->aggregate_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_model_properties_new:
 *
 * Returns: (transfer none): a window of the properties of @document, which
 * the toplevel list holds until it is closed
 */
GtkWidget *
sl_model_properties_new (SlDocument *document)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  return g_object_new (SL_TYPE_MODEL_PROPERTIES, "document", document, NULL);
}
