/* sl-document.c: a board: lanes, notes, connections, scenarios, slices
 *
 * The document owns one GListStore per kind of element and an index of all
 * elements by id. Its public mutation API is the only way to change it:
 * every call builds a change (below), and the history applies and records
 * it, so everything can be undone. Changes refer to elements by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-aggregate-private.h"
#include "sl-connection-private.h"
#include "sl-document-private.h"
#include "sl-element-list-private.h"
#include "sl-element-private.h"
#include "sl-field-private.h"
#include "sl-history-private.h"
#include "sl-lane-private.h"
#include "sl-note-private.h"
#include "sl-scenario-private.h"
#include "sl-slice-private.h"
#include "sl-step.h"

struct _SlDocument
{
  GObject parent_instance;

  char *title;
  char *description;
  guint step;

  SlElementList *aggregates;
  SlElementList *lanes;
  SlElementList *slices;
  SlElementList *notes;
  SlElementList *connections;
  SlElementList *scenarios;
  GHashTable *by_id;      /* id -> SlElement, borrowed from the stores */

  SlHistory *history;
  GRand *rand;
};

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

static char *
new_id (SlDocument *self)
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

static guint
find_position (SlDocument *self,
               SlElement  *element)
{
  guint position;

  if (!_sl_element_list_find (store_for (self, G_OBJECT_TYPE (element)), element, &position))
    g_assert_not_reached ();

  return position;
}

static gpointer
lookup_live (SlDocument *self,
             const char *id)
{
  SlElement *element = g_hash_table_lookup (self->by_id, id);

  g_assert (element != NULL);
  return element;
}

static gboolean
contains (SlDocument *self,
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

  if (SL_IS_CONNECTION (element))
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

static void
insert_element (SlDocument *self,
                SlElement  *element,
                guint       position)
{
  index_element (self, element, TRUE);
  _sl_element_list_insert (store_for (self, G_OBJECT_TYPE (element)), position, element);
}

static void
remove_element (SlDocument *self,
                SlElement  *element,
                guint       position)
{
  SlElementList *list = store_for (self, G_OBJECT_TYPE (element));

  g_assert (sl_element_list_peek (list, position) == element);

  index_element (self, element, FALSE);
  _sl_element_list_remove (list, position);
}

static void
emit_element_changed (SlDocument *self,
                      gpointer    element,
                      guint       what)
{
  if (what != 0)
    g_signal_emit (self, signals[ELEMENT_CHANGED], 0, element, what);
}

/* Change: an element added or removed */

typedef struct
{
  SlChange parent;
  SlElement *element;
  guint position;
  gboolean insert;
} InsertChange;

static void
insert_change_do (InsertChange *change,
                  SlDocument   *document,
                  gboolean      insert)
{
  if (insert)
    insert_element (document, change->element, change->position);
  else
    remove_element (document, change->element, change->position);
}

static void
insert_change_apply (SlChange   *change,
                     gpointer    data)
{
  SlDocument *document = data;
  InsertChange *self = (InsertChange *)change;

  insert_change_do (self, document, self->insert);
}

static void
insert_change_revert (SlChange   *change,
                      gpointer    data)
{
  SlDocument *document = data;
  InsertChange *self = (InsertChange *)change;

  insert_change_do (self, document, !self->insert);
}

static void
insert_change_free (SlChange *change)
{
  InsertChange *self = (InsertChange *)change;

  g_object_unref (self->element);
  g_free (self);
}

static const SlChangeClass insert_change_class = {
  .apply = insert_change_apply,
  .revert = insert_change_revert,
  .free = insert_change_free,
};

static void
record_insert (SlDocument *self,
               gpointer    element,
               guint       position,
               gboolean    insert,
               const char *label)
{
  InsertChange *change = g_new0 (InsertChange, 1);

  change->parent.klass = &insert_change_class;
  change->element = g_object_ref (element);
  change->position = position;
  change->insert = insert;
  _sl_history_record (self->history, &change->parent, label);
}

/* Change: an element's state (text, kind, position, ...) */

typedef struct
{
  SlChange parent;
  SlElement *old_state;
  SlElement *new_state;
  guint what;
} UpdateChange;

static void
update_change_assign (SlDocument *document,
                      SlElement  *state)
{
  SlElement *live = lookup_live (document, sl_element_get_id (state));
  g_autoptr(SlNote) specified = NULL;
  guint changed;

  /* A scenario that comes to specify another note moves to it. */
  if (SL_IS_SCENARIO (live))
    specified = g_object_ref (sl_scenario_get_note (SL_SCENARIO (live)));
  changed = _sl_element_assign (live, state);
  if (specified != NULL && specified != sl_scenario_get_note (SL_SCENARIO (live)))
    {
      _sl_note_remove_scenario (specified, SL_SCENARIO (live));
      _sl_note_add_scenario (sl_scenario_get_note (SL_SCENARIO (live)), SL_SCENARIO (live));
    }
  emit_element_changed (document, live, changed);
}

static void
update_change_apply (SlChange   *change,
                     gpointer    data)
{
  update_change_assign (data, ((UpdateChange *)change)->new_state);
}

static void
update_change_revert (SlChange   *change,
                      gpointer    data)
{
  update_change_assign (data, ((UpdateChange *)change)->old_state);
}

static gboolean
update_change_merge (SlChange *change,
                     SlChange *next_change)
{
  UpdateChange *self = (UpdateChange *)change;
  UpdateChange *next = (UpdateChange *)next_change;

  if (self->what != next->what ||
      G_OBJECT_TYPE (self->new_state) != G_OBJECT_TYPE (next->new_state) ||
      g_strcmp0 (sl_element_get_id (self->new_state), sl_element_get_id (next->new_state)) != 0)
    return FALSE;

  g_set_object (&self->new_state, next->new_state);
  return TRUE;
}

static void
update_change_free (SlChange *change)
{
  UpdateChange *self = (UpdateChange *)change;

  g_object_unref (self->old_state);
  g_object_unref (self->new_state);
  g_free (self);
}

static gboolean
update_change_is_empty (SlChange *change)
{
  UpdateChange *self = (UpdateChange *)change;

  return _sl_element_diff (self->old_state, self->new_state) == 0;
}

static const SlChangeClass update_change_class = {
  .apply = update_change_apply,
  .revert = update_change_revert,
  .merge = update_change_merge,
  .is_empty = update_change_is_empty,
  .free = update_change_free,
};

/* Records the change of @element to @new_state (a copy the caller edited);
 * nothing is recorded when nothing changes. Takes @new_state. */
static void
record_update (SlDocument *self,
               gpointer    element,
               SlElement  *new_state,
               const char *label)
{
  UpdateChange *change;
  guint what = _sl_element_diff (element, new_state);

  if (what == 0)
    {
      g_object_unref (new_state);
      return;
    }

  change = g_new0 (UpdateChange, 1);
  change->parent.klass = &update_change_class;
  change->old_state = _sl_element_copy (element);
  change->new_state = new_state;
  change->what = what;
  _sl_history_record (self->history, &change->parent, label);
}

/* Change: a lane moved to another place in the order */

typedef struct
{
  SlChange parent;
  char *id;
  guint from;
  guint to;
} MoveLaneChange;

static void
move_lane (SlDocument *self,
           const char *id,
           guint       from,
           guint       to)
{
  g_autoptr(SlLane) lane = g_object_ref (lookup_live (self, id));

  _sl_element_list_remove (self->lanes, from);
  _sl_element_list_insert (self->lanes, to, lane);
}

static void
move_lane_change_apply (SlChange   *change,
                        gpointer    data)
{
  SlDocument *document = data;
  MoveLaneChange *self = (MoveLaneChange *)change;

  move_lane (document, self->id, self->from, self->to);
}

static void
move_lane_change_revert (SlChange   *change,
                         gpointer    data)
{
  SlDocument *document = data;
  MoveLaneChange *self = (MoveLaneChange *)change;

  move_lane (document, self->id, self->to, self->from);
}

static void
move_lane_change_free (SlChange *change)
{
  MoveLaneChange *self = (MoveLaneChange *)change;

  g_free (self->id);
  g_free (self);
}

static const SlChangeClass move_lane_change_class = {
  .apply = move_lane_change_apply,
  .revert = move_lane_change_revert,
  .free = move_lane_change_free,
};

/* Change: a field added to a note or removed from it */

typedef struct
{
  SlChange parent;
  char *note_id;
  SlField *field;
  guint index;
  gboolean insert;
} FieldInsertChange;

static void
field_insert_change_do (FieldInsertChange *self,
                        SlDocument        *document,
                        gboolean           insert)
{
  SlNote *note = lookup_live (document, self->note_id);

  if (insert)
    _sl_note_insert_field (note, self->index, self->field);
  else
    _sl_note_remove_field (note, self->index);

  emit_element_changed (document, note, SL_CHANGED_FIELDS);
}

static void
field_insert_change_apply (SlChange   *change,
                           gpointer    data)
{
  SlDocument *document = data;
  FieldInsertChange *self = (FieldInsertChange *)change;

  field_insert_change_do (self, document, self->insert);
}

static void
field_insert_change_revert (SlChange   *change,
                            gpointer    data)
{
  SlDocument *document = data;
  FieldInsertChange *self = (FieldInsertChange *)change;

  field_insert_change_do (self, document, !self->insert);
}

static void
field_insert_change_free (SlChange *change)
{
  FieldInsertChange *self = (FieldInsertChange *)change;

  g_free (self->note_id);
  g_object_unref (self->field);
  g_free (self);
}

static const SlChangeClass field_insert_change_class = {
  .apply = field_insert_change_apply,
  .revert = field_insert_change_revert,
  .free = field_insert_change_free,
};

/* Change: a field's name, type, flags, mapping or example */

typedef struct
{
  SlChange parent;
  char *note_id;
  SlField *old_state;
  SlField *new_state;
  guint index;
} FieldUpdateChange;

static void
field_update_change_assign (FieldUpdateChange *self,
                            SlDocument        *document,
                            SlField           *state)
{
  SlNote *note = lookup_live (document, self->note_id);

  if (_sl_field_assign (sl_note_get_field (note, self->index), state))
    emit_element_changed (document, note, SL_CHANGED_FIELDS);
}

static void
field_update_change_apply (SlChange   *change,
                           gpointer    data)
{
  SlDocument *document = data;
  FieldUpdateChange *self = (FieldUpdateChange *)change;

  field_update_change_assign (self, document, self->new_state);
}

static void
field_update_change_revert (SlChange   *change,
                            gpointer    data)
{
  SlDocument *document = data;
  FieldUpdateChange *self = (FieldUpdateChange *)change;

  field_update_change_assign (self, document, self->old_state);
}

/* What part of a field differs: consecutive edits of the same part merge. */
static guint
field_diff (SlField *a,
            SlField *b)
{
  guint what = 0;

  if (g_strcmp0 (sl_field_get_name (a), sl_field_get_name (b)) != 0)
    what |= 1 << 0;
  if (sl_field_get_value_type (a) != sl_field_get_value_type (b))
    what |= 1 << 1;
  if (sl_field_get_flags (a) != sl_field_get_flags (b))
    what |= 1 << 2;
  if (g_strcmp0 (sl_field_get_mapping (a), sl_field_get_mapping (b)) != 0)
    what |= 1 << 3;
  if (g_strcmp0 (sl_field_get_example (a), sl_field_get_example (b)) != 0)
    what |= 1 << 4;

  return what;
}

static gboolean
field_update_change_merge (SlChange *change,
                           SlChange *next_change)
{
  FieldUpdateChange *self = (FieldUpdateChange *)change;
  FieldUpdateChange *next = (FieldUpdateChange *)next_change;

  if (self->index != next->index || !g_str_equal (self->note_id, next->note_id) ||
      field_diff (self->old_state, self->new_state) != field_diff (next->old_state, next->new_state))
    return FALSE;

  g_set_object (&self->new_state, next->new_state);
  return TRUE;
}

static void
field_update_change_free (SlChange *change)
{
  FieldUpdateChange *self = (FieldUpdateChange *)change;

  g_free (self->note_id);
  g_object_unref (self->old_state);
  g_object_unref (self->new_state);
  g_free (self);
}

static gboolean
field_update_change_is_empty (SlChange *change)
{
  FieldUpdateChange *self = (FieldUpdateChange *)change;

  return _sl_field_equal (self->old_state, self->new_state);
}

static const SlChangeClass field_update_change_class = {
  .apply = field_update_change_apply,
  .revert = field_update_change_revert,
  .merge = field_update_change_merge,
  .is_empty = field_update_change_is_empty,
  .free = field_update_change_free,
};

/* Change: a field moved among its note's fields */

typedef struct
{
  SlChange parent;
  char *note_id;
  guint from;
  guint to;
} FieldMoveChange;

static void
field_move (SlDocument *document,
            const char *note_id,
            guint       from,
            guint       to)
{
  SlNote *note = lookup_live (document, note_id);

  _sl_note_move_field (note, from, to);
  emit_element_changed (document, note, SL_CHANGED_FIELDS);
}

static void
field_move_change_apply (SlChange   *change,
                         gpointer    data)
{
  SlDocument *document = data;
  FieldMoveChange *self = (FieldMoveChange *)change;

  field_move (document, self->note_id, self->from, self->to);
}

static void
field_move_change_revert (SlChange   *change,
                          gpointer    data)
{
  SlDocument *document = data;
  FieldMoveChange *self = (FieldMoveChange *)change;

  field_move (document, self->note_id, self->to, self->from);
}

static void
field_move_change_free (SlChange *change)
{
  FieldMoveChange *self = (FieldMoveChange *)change;

  g_free (self->note_id);
  g_free (self);
}

static const SlChangeClass field_move_change_class = {
  .apply = field_move_change_apply,
  .revert = field_move_change_revert,
  .free = field_move_change_free,
};

/* Change: the document's title, description or step */

typedef struct
{
  char *title;
  char *description;
  guint step;
} DocumentState;

typedef struct
{
  SlChange parent;
  DocumentState old_state;
  DocumentState new_state;
} DocumentChange;

static guint
document_state_diff (const DocumentState *a,
                     const DocumentState *b)
{
  return (g_strcmp0 (a->title, b->title) != 0 ? 1 << PROP_TITLE : 0) |
         (g_strcmp0 (a->description, b->description) != 0 ? 1 << PROP_DESCRIPTION : 0) |
         (a->step != b->step ? 1 << PROP_STEP : 0);
}

static void
document_change_assign (SlDocument          *document,
                        const DocumentState *state)
{
  g_object_freeze_notify (G_OBJECT (document));
  if (_sl_set_string (&document->title, state->title))
    g_object_notify_by_pspec (G_OBJECT (document), properties[PROP_TITLE]);
  if (_sl_set_string (&document->description, state->description))
    g_object_notify_by_pspec (G_OBJECT (document), properties[PROP_DESCRIPTION]);
  if (document->step != state->step)
    {
      document->step = state->step;
      g_object_notify_by_pspec (G_OBJECT (document), properties[PROP_STEP]);
    }
  g_object_thaw_notify (G_OBJECT (document));
}

static void
document_change_apply (SlChange   *change,
                       gpointer    data)
{
  document_change_assign (data, &((DocumentChange *)change)->new_state);
}

static void
document_change_revert (SlChange   *change,
                        gpointer    data)
{
  document_change_assign (data, &((DocumentChange *)change)->old_state);
}

static void
document_state_clear (DocumentState *state)
{
  g_clear_pointer (&state->title, g_free);
  g_clear_pointer (&state->description, g_free);
}

static gboolean
document_change_merge (SlChange *change,
                       SlChange *next_change)
{
  DocumentChange *self = (DocumentChange *)change;
  DocumentChange *next = (DocumentChange *)next_change;

  if (document_state_diff (&self->old_state, &self->new_state) !=
      document_state_diff (&next->old_state, &next->new_state))
    return FALSE;

  document_state_clear (&self->new_state);
  self->new_state = next->new_state;
  next->new_state = (DocumentState) { NULL, NULL, 0 };
  return TRUE;
}

static void
document_change_free (SlChange *change)
{
  DocumentChange *self = (DocumentChange *)change;

  document_state_clear (&self->old_state);
  document_state_clear (&self->new_state);
  g_free (self);
}

static gboolean
document_change_is_empty (SlChange *change)
{
  DocumentChange *self = (DocumentChange *)change;

  return document_state_diff (&self->old_state, &self->new_state) == 0;
}

static const SlChangeClass document_change_class = {
  .apply = document_change_apply,
  .revert = document_change_revert,
  .merge = document_change_merge,
  .is_empty = document_change_is_empty,
  .free = document_change_free,
};

static void
record_document_state (SlDocument *self,
                       const char *title,
                       const char *description,
                       guint       step,
                       const char *label)
{
  DocumentState new_state = { (char *) title, (char *) description, step };
  DocumentState old_state = { self->title, self->description, self->step };
  DocumentChange *change;

  if (document_state_diff (&old_state, &new_state) == 0)
    return;

  change = g_new0 (DocumentChange, 1);
  change->parent.klass = &document_change_class;
  change->old_state = (DocumentState) { g_strdup (self->title), g_strdup (self->description), self->step };
  change->new_state = (DocumentState) { g_strdup (title), g_strdup (description), step };
  _sl_history_record (self->history, &change->parent, label);
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
   * The step of the process (1 to 8) the model is at.
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

#define RETURN_IF_BUSY(self) \
  g_return_if_fail (!_sl_history_busy ((self)->history))
#define RETURN_VAL_IF_BUSY(self, val) \
  g_return_val_if_fail (!_sl_history_busy ((self)->history), val)

void
sl_document_set_title (SlDocument *self,
                       const char *title)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  RETURN_IF_BUSY (self);

  record_document_state (self, title ? title : "", self->description, self->step,
                         _("Rename Model"));
}

void
sl_document_set_description (SlDocument *self,
                             const char *description)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  RETURN_IF_BUSY (self);

  record_document_state (self, self->title, description ? description : "", self->step,
                         _("Edit Description"));
}

void
sl_document_set_step (SlDocument *self,
                      guint       step)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS);
  RETURN_IF_BUSY (self);

  record_document_state (self, self->title, self->description, step, _("Change Step"));
}

/* Aggregates */

/**
 * sl_document_add_aggregate:
 *
 * Returns: (transfer none): the new aggregate
 */
SlAggregate *
sl_document_add_aggregate (SlDocument *self,
                           const char *name)
{
  g_autoptr(SlAggregate) aggregate = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  RETURN_VAL_IF_BUSY (self, NULL);

  aggregate = _sl_aggregate_new (new_id (self));
  _sl_aggregate_set_name (aggregate, name);
  record_insert (self, aggregate, g_list_model_get_n_items (G_LIST_MODEL (self->aggregates)),
                 TRUE, _("Add Aggregate"));
  return aggregate;
}

/**
 * sl_document_remove_aggregate:
 *
 * Removes @aggregate; the lanes and notes that named it are left without one.
 */
void
sl_document_remove_aggregate (SlDocument  *self,
                              SlAggregate *aggregate)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, aggregate));
  RETURN_IF_BUSY (self);

  sl_history_begin_group (self->history, _("Remove Aggregate"));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->lanes)); i++)
    {
      g_autoptr(SlLane) lane = g_list_model_get_item (G_LIST_MODEL (self->lanes), i);

      if (sl_lane_get_aggregate (lane) == aggregate)
        sl_document_set_lane_aggregate (self, lane, NULL);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->notes)); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (G_LIST_MODEL (self->notes), i);

      if (sl_note_get_aggregate (note) == aggregate)
        sl_document_set_note_aggregate (self, note, NULL);
    }

  record_insert (self, aggregate, find_position (self, SL_ELEMENT (aggregate)), FALSE, NULL);

  sl_history_end_group (self->history);
}

void
sl_document_set_aggregate_name (SlDocument  *self,
                                SlAggregate *aggregate,
                                const char  *name)
{
  SlAggregate *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, aggregate));
  RETURN_IF_BUSY (self);

  state = SL_AGGREGATE (_sl_element_copy (SL_ELEMENT (aggregate)));
  _sl_aggregate_set_name (state, name);
  record_update (self, aggregate, SL_ELEMENT (state), _("Rename Aggregate"));
}

/* Lanes */

/**
 * sl_document_add_lane:
 * @position: where the lane goes from the top, or -1 for the bottom
 *
 * Returns: (transfer none): the new lane
 */
SlLane *
sl_document_add_lane (SlDocument *self,
                      SlLaneKind  kind,
                      const char *name,
                      int         position)
{
  g_autoptr(SlLane) lane = NULL;
  guint n_lanes;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < SL_N_LANE_KINDS, NULL);
  RETURN_VAL_IF_BUSY (self, NULL);

  n_lanes = g_list_model_get_n_items (G_LIST_MODEL (self->lanes));
  if (position < 0 || (guint) position > n_lanes)
    position = n_lanes;

  lane = _sl_lane_new (new_id (self), kind);
  _sl_lane_set_name (lane, name);
  record_insert (self, lane, position, TRUE, _("Add Lane"));
  return lane;
}

/**
 * sl_document_remove_lane:
 *
 * Removes @lane with the notes on it.
 */
void
sl_document_remove_lane (SlDocument *self,
                         SlLane     *lane)
{
  GListModel *notes;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, lane));
  RETURN_IF_BUSY (self);

  sl_history_begin_group (self->history, _("Remove Lane"));

  notes = G_LIST_MODEL (self->notes);
  for (guint i = g_list_model_get_n_items (notes); i > 0; i--)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i - 1);

      if (sl_note_get_lane (note) == lane)
        sl_document_remove_note (self, note);
    }

  record_insert (self, lane, find_position (self, SL_ELEMENT (lane)), FALSE, NULL);

  sl_history_end_group (self->history);
}

void
sl_document_move_lane (SlDocument *self,
                       SlLane     *lane,
                       guint       position)
{
  MoveLaneChange *change;
  guint from;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, lane));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->lanes)));
  RETURN_IF_BUSY (self);

  from = find_position (self, SL_ELEMENT (lane));
  if (from == position)
    return;

  change = g_new0 (MoveLaneChange, 1);
  change->parent.klass = &move_lane_change_class;
  change->id = g_strdup (sl_element_get_id (SL_ELEMENT (lane)));
  change->from = from;
  change->to = position;
  _sl_history_record (self->history, &change->parent, _("Move Lane"));
}

void
sl_document_set_lane_name (SlDocument *self,
                           SlLane     *lane,
                           const char *name)
{
  SlLane *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, lane));
  RETURN_IF_BUSY (self);

  state = SL_LANE (_sl_element_copy (SL_ELEMENT (lane)));
  _sl_lane_set_name (state, name);
  record_update (self, lane, SL_ELEMENT (state), _("Rename Lane"));
}

void
sl_document_set_lane_kind (SlDocument *self,
                           SlLane     *lane,
                           SlLaneKind  kind)
{
  SlLane *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, lane));
  g_return_if_fail (kind < SL_N_LANE_KINDS);
  RETURN_IF_BUSY (self);

  state = SL_LANE (_sl_element_copy (SL_ELEMENT (lane)));
  _sl_lane_set_kind (state, kind);
  record_update (self, lane, SL_ELEMENT (state), _("Change Lane Kind"));
}

/**
 * sl_document_set_lane_aggregate:
 * @aggregate: (nullable): the aggregate, or %NULL for none
 */
void
sl_document_set_lane_aggregate (SlDocument  *self,
                                SlLane      *lane,
                                SlAggregate *aggregate)
{
  SlLane *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, lane));
  g_return_if_fail (aggregate == NULL || contains (self, aggregate));
  RETURN_IF_BUSY (self);

  state = SL_LANE (_sl_element_copy (SL_ELEMENT (lane)));
  _sl_lane_set_aggregate (state, aggregate);
  record_update (self, lane, SL_ELEMENT (state), _("Change Lane Aggregate"));
}

/* Slices */

/**
 * sl_document_add_slice:
 *
 * Returns: (transfer none): the new slice
 */
SlSlice *
sl_document_add_slice (SlDocument *self,
                       const char *name,
                       int         x,
                       int         width)
{
  g_autoptr(SlSlice) slice = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (ABS (x) <= SL_COORD_MAX, NULL);
  g_return_val_if_fail (width > 0 && width <= SL_COORD_MAX, NULL);
  RETURN_VAL_IF_BUSY (self, NULL);

  slice = _sl_slice_new (new_id (self));
  _sl_slice_set_name (slice, name);
  _sl_slice_set_range (slice, x, width);
  record_insert (self, slice, g_list_model_get_n_items (G_LIST_MODEL (self->slices)),
                 TRUE, _("Add Slice"));
  return slice;
}

void
sl_document_remove_slice (SlDocument *self,
                          SlSlice    *slice)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, slice));
  RETURN_IF_BUSY (self);

  record_insert (self, slice, find_position (self, SL_ELEMENT (slice)), FALSE,
                 _("Remove Slice"));
}

void
sl_document_set_slice_name (SlDocument *self,
                            SlSlice    *slice,
                            const char *name)
{
  SlSlice *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, slice));
  RETURN_IF_BUSY (self);

  state = SL_SLICE (_sl_element_copy (SL_ELEMENT (slice)));
  _sl_slice_set_name (state, name);
  record_update (self, slice, SL_ELEMENT (state), _("Rename Slice"));
}

void
sl_document_set_slice_status (SlDocument    *self,
                              SlSlice       *slice,
                              SlSliceStatus  status)
{
  SlSlice *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, slice));
  g_return_if_fail (status < SL_N_SLICE_STATUSES);
  RETURN_IF_BUSY (self);

  state = SL_SLICE (_sl_element_copy (SL_ELEMENT (slice)));
  _sl_slice_set_status (state, status);
  record_update (self, slice, SL_ELEMENT (state), _("Change Slice Status"));
}

void
sl_document_set_slice_range (SlDocument *self,
                             SlSlice    *slice,
                             int         x,
                             int         width)
{
  SlSlice *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, slice));
  g_return_if_fail (ABS (x) <= SL_COORD_MAX);
  g_return_if_fail (width > 0 && width <= SL_COORD_MAX);
  RETURN_IF_BUSY (self);

  state = SL_SLICE (_sl_element_copy (SL_ELEMENT (slice)));
  _sl_slice_set_range (state, x, width);
  record_update (self, slice, SL_ELEMENT (state), _("Resize Slice"));
}

/* Notes */

/**
 * sl_document_add_note:
 * @text: (nullable): what the note says
 *
 * Returns: (transfer none): the new note
 */
SlNote *
sl_document_add_note (SlDocument *self,
                      SlNoteKind  kind,
                      SlLane     *lane,
                      int         x,
                      int         y,
                      const char *text)
{
  g_autoptr(SlNote) note = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind < SL_N_NOTE_KINDS, NULL);
  g_return_val_if_fail (contains (self, lane), NULL);
  g_return_val_if_fail (ABS (x) <= SL_COORD_MAX, NULL);
  g_return_val_if_fail (y >= 0 && y <= SL_COORD_MAX, NULL);
  RETURN_VAL_IF_BUSY (self, NULL);

  note = _sl_note_new (new_id (self), kind, lane);
  _sl_note_set_text (note, text);
  _sl_note_set_position (note, lane, x, y);
  record_insert (self, note, g_list_model_get_n_items (G_LIST_MODEL (self->notes)),
                 TRUE, _("Add Note"));
  return note;
}

/**
 * sl_document_remove_note:
 *
 * Removes @note with its connections and scenarios, and the scenario steps
 * that name it.
 */
void
sl_document_remove_note (SlDocument *self,
                         SlNote     *note)
{
  GListModel *scenarios = G_LIST_MODEL (self->scenarios);

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  RETURN_IF_BUSY (self);

  sl_history_begin_group (self->history, _("Remove Note"));

  /* Each removal records where the connection stood, and undo reverts in
   * reverse order: the order of removal does not matter. */
  while (_sl_note_get_n_links (note) > 0)
    sl_document_remove_connection (self, _sl_note_get_link (note, 0)->connection);

  for (guint i = g_list_model_get_n_items (scenarios); i > 0; i--)
    {
      g_autoptr(SlScenario) scenario = g_list_model_get_item (scenarios, i - 1);

      if (sl_scenario_get_note (scenario) == note)
        {
          sl_document_remove_scenario (self, scenario);
          continue;
        }

      for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
        {
          GPtrArray *steps = _sl_scenario_get_steps (scenario, part);
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();

          for (guint j = 0; j < steps->len; j++)
            if (sl_step_get_note (g_ptr_array_index (steps, j)) != note)
              g_ptr_array_add (kept, g_ptr_array_index (steps, j));

          if (kept->len != steps->len)
            sl_document_set_scenario_steps (self, scenario, part,
                                            (SlStep **) kept->pdata, kept->len);
        }
    }

  record_insert (self, note, find_position (self, SL_ELEMENT (note)), FALSE, NULL);

  sl_history_end_group (self->history);
}

void
sl_document_set_note_text (SlDocument *self,
                           SlNote     *note,
                           const char *text)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_text (state, text);
  record_update (self, note, SL_ELEMENT (state), _("Edit Text"));
}

void
sl_document_set_note_kind (SlDocument *self,
                           SlNote     *note,
                           SlNoteKind  kind)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  g_return_if_fail (kind < SL_N_NOTE_KINDS);
  RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_kind (state, kind);
  record_update (self, note, SL_ELEMENT (state), _("Change Note Kind"));
}

void
sl_document_move_note (SlDocument *self,
                       SlNote     *note,
                       SlLane     *lane,
                       int         x,
                       int         y)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  g_return_if_fail (contains (self, lane));
  g_return_if_fail (ABS (x) <= SL_COORD_MAX);
  g_return_if_fail (y >= 0 && y <= SL_COORD_MAX);
  RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_position (state, lane, x, y);
  record_update (self, note, SL_ELEMENT (state), _("Move Note"));
}

/**
 * sl_document_set_note_aggregate:
 * @aggregate: (nullable): the aggregate, or %NULL for none
 */
void
sl_document_set_note_aggregate (SlDocument  *self,
                                SlNote      *note,
                                SlAggregate *aggregate)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  g_return_if_fail (aggregate == NULL || contains (self, aggregate));
  RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_aggregate (state, aggregate);
  record_update (self, note, SL_ELEMENT (state), _("Change Aggregate"));
}

void
sl_document_set_note_pivotal (SlDocument *self,
                              SlNote     *note,
                              gboolean    pivotal)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_pivotal (state, pivotal);
  record_update (self, note, SL_ELEMENT (state),
                 pivotal ? _("Mark Pivotal") : _("Unmark Pivotal"));
}

/* Fields */

/**
 * sl_document_insert_field:
 * @index: where the field goes among the note's fields, or -1 for the end
 *
 * Returns: (transfer none): the new field
 */
SlField *
sl_document_insert_field (SlDocument  *self,
                          SlNote      *note,
                          int          index,
                          const char  *name,
                          SlFieldType  type)
{
  FieldInsertChange *change;
  guint n_fields;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (contains (self, note), NULL);
  g_return_val_if_fail (name != NULL && *name != 0, NULL);
  g_return_val_if_fail (type < SL_N_FIELD_TYPES, NULL);
  RETURN_VAL_IF_BUSY (self, NULL);

  n_fields = sl_note_get_n_fields (note);
  if (index < 0 || (guint) index > n_fields)
    index = n_fields;

  change = g_new0 (FieldInsertChange, 1);
  change->parent.klass = &field_insert_change_class;
  change->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
  change->field = _sl_field_new (name, type);
  change->index = index;
  change->insert = TRUE;
  _sl_history_record (self->history, &change->parent, _("Add Field"));

  return sl_note_get_field (note, index);
}

void
sl_document_remove_field (SlDocument *self,
                          SlNote     *note,
                          guint       index)
{
  FieldInsertChange *change;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  g_return_if_fail (index < sl_note_get_n_fields (note));
  RETURN_IF_BUSY (self);

  change = g_new0 (FieldInsertChange, 1);
  change->parent.klass = &field_insert_change_class;
  change->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
  change->field = g_object_ref (sl_note_get_field (note, index));
  change->index = index;
  change->insert = FALSE;
  _sl_history_record (self->history, &change->parent, _("Remove Field"));
}

void
sl_document_move_field (SlDocument *self,
                        SlNote     *note,
                        guint       from,
                        guint       to)
{
  FieldMoveChange *change;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, note));
  g_return_if_fail (from < sl_note_get_n_fields (note));
  g_return_if_fail (to < sl_note_get_n_fields (note));
  RETURN_IF_BUSY (self);

  if (from == to)
    return;

  change = g_new0 (FieldMoveChange, 1);
  change->parent.klass = &field_move_change_class;
  change->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
  change->from = from;
  change->to = to;
  _sl_history_record (self->history, &change->parent, _("Move Field"));
}

/* Records the change of a field to @state, a copy the caller edited; takes @state. */
static void
record_field_update (SlDocument *self,
                     SlNote     *note,
                     guint       index,
                     SlField    *state,
                     const char *label)
{
  SlField *field = sl_note_get_field (note, index);
  FieldUpdateChange *change;

  if (_sl_field_equal (field, state))
    {
      g_object_unref (state);
      return;
    }

  change = g_new0 (FieldUpdateChange, 1);
  change->parent.klass = &field_update_change_class;
  change->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
  change->old_state = _sl_field_copy (field);
  change->new_state = state;
  change->index = index;
  _sl_history_record (self->history, &change->parent, label);
}

#define RETURN_IF_NO_FIELD(self, note, index)                  \
  G_STMT_START {                                               \
    g_return_if_fail (SL_IS_DOCUMENT (self));                  \
    g_return_if_fail (contains (self, note));                  \
    g_return_if_fail (index < sl_note_get_n_fields (note));    \
    RETURN_IF_BUSY (self);                                     \
  } G_STMT_END

void
sl_document_set_field_name (SlDocument *self,
                            SlNote     *note,
                            guint       index,
                            const char *name)
{
  SlField *state;

  RETURN_IF_NO_FIELD (self, note, index);
  g_return_if_fail (name != NULL && *name != 0);

  state = _sl_field_copy (sl_note_get_field (note, index));
  _sl_field_set_name (state, name);
  record_field_update (self, note, index, state, _("Rename Field"));
}

void
sl_document_set_field_type (SlDocument  *self,
                            SlNote      *note,
                            guint        index,
                            SlFieldType  type)
{
  SlField *state;

  RETURN_IF_NO_FIELD (self, note, index);
  g_return_if_fail (type < SL_N_FIELD_TYPES);

  state = _sl_field_copy (sl_note_get_field (note, index));
  _sl_field_set_type (state, type);
  record_field_update (self, note, index, state, _("Change Field Type"));
}

void
sl_document_set_field_flags (SlDocument   *self,
                             SlNote       *note,
                             guint         index,
                             SlFieldFlags  flags)
{
  SlField *state;

  RETURN_IF_NO_FIELD (self, note, index);
  g_return_if_fail ((flags & ~SL_FIELD_ALL_FLAGS) == 0);

  state = _sl_field_copy (sl_note_get_field (note, index));
  _sl_field_set_flags (state, flags);
  record_field_update (self, note, index, state, _("Change Field"));
}

/**
 * sl_document_set_field_mapping:
 * @mapping: (nullable): the source field's name, "calculated", or %NULL
 */
void
sl_document_set_field_mapping (SlDocument *self,
                               SlNote     *note,
                               guint       index,
                               const char *mapping)
{
  SlField *state;

  RETURN_IF_NO_FIELD (self, note, index);

  state = _sl_field_copy (sl_note_get_field (note, index));
  _sl_field_set_mapping (state, mapping);
  record_field_update (self, note, index, state, _("Change Field Mapping"));
}

/**
 * sl_document_set_field_example:
 * @example: (nullable): an example value, or %NULL
 */
void
sl_document_set_field_example (SlDocument *self,
                               SlNote     *note,
                               guint       index,
                               const char *example)
{
  SlField *state;

  RETURN_IF_NO_FIELD (self, note, index);

  state = _sl_field_copy (sl_note_get_field (note, index));
  _sl_field_set_example (state, example);
  record_field_update (self, note, index, state, _("Change Example Value"));
}

/* Connections */

/**
 * sl_document_add_connection:
 *
 * Connects @source to @target. Kinds that DOMAIN.md does not allow to be
 * connected can be connected all the same: the check reports them.
 *
 * Returns: (transfer none): the new connection, or the one that already
 *   connects @source to @target
 */
SlConnection *
sl_document_add_connection (SlDocument *self,
                            SlNote     *source,
                            SlNote     *target)
{
  g_autoptr(SlConnection) connection = NULL;
  SlConnection *existing;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (contains (self, source), NULL);
  g_return_val_if_fail (contains (self, target), NULL);
  g_return_val_if_fail (source != target, NULL);
  RETURN_VAL_IF_BUSY (self, NULL);

  existing = sl_document_find_connection (self, source, target);
  if (existing != NULL)
    return existing;

  connection = _sl_connection_new (new_id (self), source, target);
  record_insert (self, connection, g_list_model_get_n_items (G_LIST_MODEL (self->connections)),
                 TRUE, _("Connect Notes"));
  return connection;
}

void
sl_document_remove_connection (SlDocument   *self,
                               SlConnection *connection)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, connection));
  RETURN_IF_BUSY (self);

  record_insert (self, connection, find_position (self, SL_ELEMENT (connection)), FALSE,
                 _("Remove Connection"));
}

/**
 * sl_document_find_connection:
 *
 * Returns: (nullable) (transfer none): the connection from @source to @target
 */
SlConnection *
sl_document_find_connection (SlDocument *self,
                             SlNote     *source,
                             SlNote     *target)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (SL_IS_NOTE (source), NULL);
  g_return_val_if_fail (SL_IS_NOTE (target), NULL);

  /* A note keeps its links: those of a note of another document, or of
   * one removed, are not this document's. */
  if (!contains (self, source) || !contains (self, target))
    return NULL;

  for (guint i = 0; i < _sl_note_get_n_links (source); i++)
    {
      const SlLink *link = _sl_note_get_link (source, i);

      if (link->source == source && link->target == target)
        return link->connection;
    }

  return NULL;
}

/**
 * sl_document_get_n_note_connections:
 *
 * Returns: how many connections start or end at @note
 */
guint
sl_document_get_n_note_connections (SlDocument *self,
                                    SlNote     *note)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (SL_IS_NOTE (note), 0);

  return contains (self, note) ? _sl_note_get_n_links (note) : 0;
}

/**
 * sl_document_get_note_connection:
 *
 * Returns: (transfer none): a connection that starts or ends at @note, in
 *   no particular order
 */
SlConnection *
sl_document_get_note_connection (SlDocument *self,
                                 SlNote     *note,
                                 guint       index)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (contains (self, note), NULL);
  g_return_val_if_fail (index < _sl_note_get_n_links (note), NULL);

  return _sl_note_get_link (note, index)->connection;
}

/* Scenarios */

/**
 * sl_document_add_scenario:
 * @note: the command or view the scenario specifies
 *
 * Returns: (transfer none): the new scenario, with no steps
 */
SlScenario *
sl_document_add_scenario (SlDocument *self,
                          SlNote     *note,
                          const char *title)
{
  g_autoptr(SlScenario) scenario = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (contains (self, note), NULL);
  RETURN_VAL_IF_BUSY (self, NULL);

  scenario = _sl_scenario_new (new_id (self), note);
  _sl_scenario_set_title (scenario, title);
  record_insert (self, scenario, g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)),
                 TRUE, _("Add Scenario"));
  return scenario;
}

void
sl_document_remove_scenario (SlDocument *self,
                             SlScenario *scenario)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, scenario));
  RETURN_IF_BUSY (self);

  record_insert (self, scenario, find_position (self, SL_ELEMENT (scenario)), FALSE,
                 _("Remove Scenario"));
}

void
sl_document_set_scenario_title (SlDocument *self,
                                SlScenario *scenario,
                                const char *title)
{
  SlScenario *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, scenario));
  RETURN_IF_BUSY (self);

  state = SL_SCENARIO (_sl_element_copy (SL_ELEMENT (scenario)));
  _sl_scenario_set_title (state, title);
  record_update (self, scenario, SL_ELEMENT (state), _("Rename Scenario"));
}

/**
 * sl_document_set_scenario_error:
 * @error: (nullable): the error text of an error outcome, or %NULL
 */
void
sl_document_set_scenario_error (SlDocument *self,
                                SlScenario *scenario,
                                const char *error)
{
  SlScenario *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, scenario));
  RETURN_IF_BUSY (self);

  state = SL_SCENARIO (_sl_element_copy (SL_ELEMENT (scenario)));
  _sl_scenario_set_error (state, error);
  record_update (self, scenario, SL_ELEMENT (state), _("Change Scenario Outcome"));
}

/**
 * sl_document_set_scenario_steps:
 * @steps: (array length=n_steps): the steps of @part, whose notes are in
 *   the document
 *
 * Replaces the steps of one part (Given, When or Then) of @scenario.
 */
void
sl_document_set_scenario_steps (SlDocument  *self,
                                SlScenario  *scenario,
                                SlStepPart   part,
                                SlStep     **steps,
                                guint        n_steps)
{
  SlScenario *state;
  GPtrArray *array;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (contains (self, scenario));
  g_return_if_fail (part < SL_N_STEP_PARTS);
  g_return_if_fail (steps != NULL || n_steps == 0);
  RETURN_IF_BUSY (self);

  array = g_ptr_array_new_full (n_steps, (GDestroyNotify) sl_step_unref);
  for (guint i = 0; i < n_steps; i++)
    {
      if (!contains (self, sl_step_get_note (steps[i])))
        {
          g_critical ("%s: the note of step %u is not in the document", G_STRFUNC, i);
          g_ptr_array_unref (array);
          return;
        }
      g_ptr_array_add (array, sl_step_ref (steps[i]));
    }

  state = SL_SCENARIO (_sl_element_copy (SL_ELEMENT (scenario)));
  _sl_scenario_set_steps (state, part, array);
  record_update (self, scenario, SL_ELEMENT (state), _("Edit Scenario"));
}
