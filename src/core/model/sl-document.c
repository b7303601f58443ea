/* sl-document.c: a board: lanes, notes, connections, scenarios, slices
 *
 * The document owns one SlElementList per kind of element and an index of all
 * elements by id. Its public mutation API (sl-document-board.c and
 * sl-document-notes.c) is the only way to change it: every call builds a
 * change (sl-document-changes.c), and the history applies and records it,
 * so everything can be undone; only the step, which is navigation, is
 * set without a change. Changes refer to elements by id. This file
 * holds the object, its lists, the index and the look-ups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-aggregate.h"
#include "sl-connection.h"
#include "sl-document-private.h"
#include "sl-element-list-private.h"
#include "sl-element-private.h"
#include "sl-lane.h"
#include "sl-note-private.h"
#include "sl-scenario.h"
#include "sl-slice.h"

G_DEFINE_FINAL_TYPE (SlDocument, sl_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_STEP,
  PROP_HISTORY,
  N_PROPS
};

enum {
  CHANGED,
  ELEMENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static SlElementList *
store_for (SlDocument *self,
           GType       type)
{
  if (type == SL_TYPE_NOTE)
    return self->notes;
  if (type == SL_TYPE_CONNECTION)
    return self->connections;
  if (type == SL_TYPE_LANE)
    return self->lanes;
  if (type == SL_TYPE_SCENARIO)
    return self->scenarios;
  if (type == SL_TYPE_SLICE)
    return self->slices;
  if (type == SL_TYPE_AGGREGATE)
    return self->aggregates;

  g_assert_not_reached ();
}

char *
_sl_document_new_id (SlDocument *self)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";

  for (;;)
    {
      char id[13] = "n-";

      for (guint i = 2; i < 12; i++)
        id[i] = alphabet[g_rand_int_range (self->rand, 0, sizeof alphabet - 1)];
      id[12] = 0;

      if (!g_hash_table_contains (self->by_id, id))
        return g_strdup (id);
    }
}

guint
_sl_document_find_position (SlDocument *self,
                            SlElement  *element)
{
  guint position;

  if (!_sl_element_list_find (store_for (self, G_OBJECT_TYPE (element)), element, &position))
    g_assert_not_reached ();

  return position;
}

gpointer
_sl_document_lookup_live (SlDocument *self,
                          const char *id)
{
  SlElement *element = g_hash_table_lookup (self->by_id, id);

  g_assert (element != NULL);
  return element;
}

gboolean
_sl_document_contains (SlDocument *self,
                       gpointer    element)
{
  return element != NULL &&
         g_hash_table_lookup (self->by_id, sl_element_get_id (element)) == element;
}

/* Keeps the connections of each note on the note, which spares a look
 * through every connection when a note is connected or removed, and a
 * look-up in a table when the check follows them; and the scenarios that
 * specify a note on it, which spares the check a table of them. */
static void
index_element (SlDocument *self,
               SlElement  *element,
               gboolean    add)
{
  if (add)
    {
      g_assert (!g_hash_table_contains (self->by_id, sl_element_get_id (element)));
      g_hash_table_insert (self->by_id, (char *) sl_element_get_id (element), element);
    }
  else
    g_hash_table_remove (self->by_id, sl_element_get_id (element));

  if (SL_IS_SLICE (element))
    g_clear_pointer (&self->timeline, _sl_timeline_index_free);
  else if (SL_IS_CONNECTION (element))
    {
      SlConnection *connection = SL_CONNECTION (element);

      if (add)
        {
          _sl_note_add_link (sl_connection_get_source (connection), connection);
          _sl_note_add_link (sl_connection_get_target (connection), connection);
        }
      else
        {
          _sl_note_remove_link (sl_connection_get_source (connection), connection);
          _sl_note_remove_link (sl_connection_get_target (connection), connection);
        }
    }
  else if (SL_IS_SCENARIO (element))
    {
      SlScenario *scenario = SL_SCENARIO (element);

      if (add)
        _sl_note_add_scenario (sl_scenario_get_note (scenario), scenario);
      else
        _sl_note_remove_scenario (sl_scenario_get_note (scenario), scenario);
    }
}

/* The primitive mutations, used by the changes only */

void
_sl_document_insert_element (SlDocument *self,
                             SlElement  *element,
                             guint       position)
{
  index_element (self, element, TRUE);
  _sl_element_list_insert (store_for (self, G_OBJECT_TYPE (element)), position, element);
}

void
_sl_document_remove_element (SlDocument *self,
                             SlElement  *element,
                             guint       position)
{
  SlElementList *list = store_for (self, G_OBJECT_TYPE (element));

  g_assert (sl_element_list_peek (list, position) == element);

  index_element (self, element, FALSE);
  _sl_element_list_remove (list, position);
}

void
_sl_document_emit_element_changed (SlDocument *self,
                                   gpointer    element,
                                   guint       what)
{
  if (what == 0)
    return;

  _sl_element_forget_text (element);
  if (SL_IS_SLICE (element))
    g_clear_pointer (&self->timeline, _sl_timeline_index_free);
  g_signal_emit (self, signals[ELEMENT_CHANGED], 0, element, what);
}


void
_sl_document_assign_properties (SlDocument *self,
                                const char *title,
                                const char *description)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (_sl_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (_sl_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The history's owner */

static void
history_changed_cb (gpointer data)
{
  g_signal_emit (data, signals[CHANGED], 0);
}

static const SlHistoryFuncs history_funcs = {
  .changed = history_changed_cb,
};

/* GObject */

static void
sl_document_dispose (GObject *object)
{
  SlDocument *self = (SlDocument *)object;

  g_clear_object (&self->history);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->timeline, _sl_timeline_index_free);
  /* Notes kept elsewhere no longer have the connections and scenarios of
   * the document. */
  for (guint i = 0; self->notes != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->notes)); i++)
    {
      _sl_note_clear_links (sl_element_list_peek (self->notes, i));
      _sl_note_clear_scenarios (sl_element_list_peek (self->notes, i));
    }
  /* Connections and scenarios hold their notes, notes their lanes, lanes
   * their aggregates: release them in that order. */
  g_clear_object (&self->scenarios);
  g_clear_object (&self->connections);
  g_clear_object (&self->notes);
  g_clear_object (&self->slices);
  g_clear_object (&self->lanes);
  g_clear_object (&self->aggregates);

  G_OBJECT_CLASS (sl_document_parent_class)->dispose (object);
}

static void
sl_document_finalize (GObject *object)
{
  SlDocument *self = (SlDocument *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (sl_document_parent_class)->finalize (object);
}

static void
sl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlDocument *self = SL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_document_class_init (SlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_document_dispose;
  object_class->finalize = sl_document_finalize;
  object_class->get_property = sl_document_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SlDocument:step:
   *
   * The step of the process (1 to 8) the model is at. Choosing a step
   * is navigation, not an edit: it is not recorded in the history.
   */
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL,
                       1, SL_N_PROCESS_STEPS, 1,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         SL_TYPE_HISTORY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlDocument::changed:
   *
   * Emitted once a step of the history has been done, undone or redone.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SlDocument::element-changed:
   * @element: the element that changed
   * @what: the #SlChangeFlags of what changed
   *
   * Emitted whenever an element in the document changes. Elements added and
   * removed are told by the list models' #GListModel::items-changed.
   */
  signals[ELEMENT_CHANGED] =
    g_signal_new ("element-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, SL_TYPE_ELEMENT, G_TYPE_UINT);
}

static void
sl_document_init (SlDocument *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->step = 1;
  self->aggregates = _sl_element_list_new (SL_TYPE_AGGREGATE);
  self->lanes = _sl_element_list_new (SL_TYPE_LANE);
  self->slices = _sl_element_list_new (SL_TYPE_SLICE);
  self->notes = _sl_element_list_new (SL_TYPE_NOTE);
  self->connections = _sl_element_list_new (SL_TYPE_CONNECTION);
  self->scenarios = _sl_element_list_new (SL_TYPE_SCENARIO);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->history = _sl_history_new (&history_funcs, self);
  self->rand = g_rand_new ();
}

/* For the loaders */

void
_sl_document_take_loaded (SlDocument *self,
                          GPtrArray  *elements)
{
  if (elements->len > 0)
    {
      for (guint i = 0; i < elements->len; i++)
        index_element (self, g_ptr_array_index (elements, i), TRUE);

      _sl_element_list_append_all (store_for (self, G_OBJECT_TYPE (g_ptr_array_index (elements, 0))),
                                   elements);
    }

  g_ptr_array_unref (elements);
}

void
_sl_document_set_loaded_properties (SlDocument *self,
                                    const char *title,
                                    const char *description,
                                    guint       step)
{
  _sl_set_string (&self->title, title ? title : "");
  _sl_set_string (&self->description, description ? description : "");
  self->step = CLAMP (step, 1, SL_N_PROCESS_STEPS);
}

/* Public API */

/**
 * sl_document_new:
 *
 * Returns: (transfer full): an empty document
 */
SlDocument *
sl_document_new (void)
{
  return g_object_new (SL_TYPE_DOCUMENT, NULL);
}

/**
 * sl_document_set_id_seed:
 *
 * Makes the ids of new elements a function of @seed, for tests and
 * generators that need the same ids on every run.
 */
void
sl_document_set_id_seed (SlDocument *self,
                         guint32     seed)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));

  g_rand_set_seed (self->rand, seed);
}

/**
 * sl_document_get_history:
 *
 * Returns: (transfer none): the document's undo history
 */
SlHistory *
sl_document_get_history (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return self->history;
}

const char *
sl_document_get_title (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return self->title;
}

const char *
sl_document_get_description (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return self->description;
}

guint
sl_document_get_step (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), 1);

  return self->step;
}

/**
 * sl_document_get_aggregates:
 *
 * Returns: (transfer none): a list of #SlAggregate
 */
GListModel *
sl_document_get_aggregates (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->aggregates);
}

/**
 * sl_document_get_lanes:
 *
 * Returns: (transfer none): a list of #SlLane, top to bottom
 */
GListModel *
sl_document_get_lanes (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->lanes);
}

/**
 * sl_document_get_slices:
 *
 * Returns: (transfer none): a list of #SlSlice
 */
GListModel *
sl_document_get_slices (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->slices);
}

/**
 * sl_document_get_notes:
 *
 * Returns: (transfer none): a list of #SlNote, in the order they were added
 */
GListModel *
sl_document_get_notes (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->notes);
}

/**
 * sl_document_get_connections:
 *
 * Returns: (transfer none): a list of #SlConnection
 */
GListModel *
sl_document_get_connections (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->connections);
}

/**
 * sl_document_get_scenarios:
 *
 * Returns: (transfer none): a list of #SlScenario
 */
GListModel *
sl_document_get_scenarios (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->scenarios);
}

/**
 * sl_document_lookup:
 *
 * Returns: (nullable) (transfer none): the element with the id @id
 */
SlElement *
sl_document_lookup (SlDocument *self,
                    const char *id)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/**
 * sl_document_lookup_note:
 *
 * Returns: (nullable) (transfer none): the note with the id @id
 */
SlNote *
sl_document_lookup_note (SlDocument *self,
                         const char *id)
{
  SlElement *element = sl_document_lookup (self, id);

  return SL_IS_NOTE (element) ? SL_NOTE (element) : NULL;
}

/**
 * sl_document_lookup_lane:
 *
 * Returns: (nullable) (transfer none): the lane with the id @id
 */
SlLane *
sl_document_lookup_lane (SlDocument *self,
                         const char *id)
{
  SlElement *element = sl_document_lookup (self, id);

  return SL_IS_LANE (element) ? SL_LANE (element) : NULL;
}

/**
 * sl_document_get_lane_position:
 *
 * Returns: the lane's place from the top, or -1 when it is not in the document
 */
int
sl_document_get_lane_position (SlDocument *self,
                               SlLane     *lane)
{
  guint position;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (SL_IS_LANE (lane), -1);

  return _sl_element_list_find (self->lanes, lane, &position) ? (int) position : -1;
}

void
sl_document_set_title (SlDocument *self,
                       const char *title)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  _sl_document_record_properties (self, title ? title : "", self->description, _("Rename Model"));
}

void
sl_document_set_description (SlDocument *self,
                             const char *description)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  _sl_document_record_properties (self, self->title, description ? description : "",
                                  _("Edit Description"));
}

/**
 * sl_document_set_step:
 * @step: 1 to 8
 *
 * Moves the model to a step of the process. The step is where the team
 * is, not part of what it modelled: browsing the steps must not make a
 * clean model dirty nor fill the undo history, so this is not recorded.
 * It is saved with the model's next save.
 */
void
sl_document_set_step (SlDocument *self,
                      guint       step)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS);

  if (self->step == step)
    return;

  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

