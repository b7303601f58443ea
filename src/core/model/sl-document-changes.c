/* sl-document-changes.c: the changes the document's history applies and
 * reverts
 *
 * Every mutation of a document is one of these changes, recorded by the
 * _sl_document_record_*() functions: the history applies it, keeps it, and
 * reverts and applies it again on undo and redo. A change refers to
 * elements by id and reaches the document through the history's
 * funcs_data, so it stays right whatever was undone and redone around it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-document-private.h"
#include "sl-element-list-private.h"
#include "sl-element-private.h"
#include "sl-field-private.h"
#include "sl-history-private.h"
#include "sl-lane.h"
#include "sl-note-private.h"
#include "sl-scenario.h"

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
    _sl_document_insert_element (document, change->element, change->position);
  else
    _sl_document_remove_element (document, change->element, change->position);
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

void
_sl_document_record_insert (SlDocument *self,
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
  SlElement *live = _sl_document_lookup_live (document, sl_element_get_id (state));
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
  _sl_document_emit_element_changed (document, live, changed);
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
void
_sl_document_record_update (SlDocument *self,
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
  g_autoptr(SlLane) lane = g_object_ref (_sl_document_lookup_live (self, id));

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

void
_sl_document_record_move_lane (SlDocument *self,
                               SlLane     *lane,
                               guint       from,
                               guint       to,
                               const char *label)
{
  MoveLaneChange *change = g_new0 (MoveLaneChange, 1);

  change->parent.klass = &move_lane_change_class;
  change->id = g_strdup (sl_element_get_id (SL_ELEMENT (lane)));
  change->from = from;
  change->to = to;
  _sl_history_record (self->history, &change->parent, label);
}

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
  SlNote *note = _sl_document_lookup_live (document, self->note_id);

  if (insert)
    _sl_note_insert_field (note, self->index, self->field);
  else
    _sl_note_remove_field (note, self->index);

  _sl_document_emit_element_changed (document, note, SL_CHANGED_FIELDS);
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

/* Records @field added to @note at @index, or, unless @insert, removed
 * from there; takes @field. */
void
_sl_document_record_field_insert (SlDocument *self,
                                  SlNote     *note,
                                  guint       index,
                                  SlField    *field,
                                  gboolean    insert,
                                  const char *label)
{
  FieldInsertChange *change = g_new0 (FieldInsertChange, 1);

  change->parent.klass = &field_insert_change_class;
  change->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
  change->field = field;
  change->index = index;
  change->insert = insert;
  _sl_history_record (self->history, &change->parent, label);
}

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
  SlNote *note = _sl_document_lookup_live (document, self->note_id);

  if (_sl_field_assign (sl_note_get_field (note, self->index), state))
    _sl_document_emit_element_changed (document, note, SL_CHANGED_FIELDS);
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

/* Records the change of a field to @state, a copy the caller edited; takes @state. */
void
_sl_document_record_field_update (SlDocument *self,
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
  SlNote *note = _sl_document_lookup_live (document, note_id);

  _sl_note_move_field (note, from, to);
  _sl_document_emit_element_changed (document, note, SL_CHANGED_FIELDS);
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

void
_sl_document_record_field_move (SlDocument *self,
                                SlNote     *note,
                                guint       from,
                                guint       to,
                                const char *label)
{
  FieldMoveChange *change = g_new0 (FieldMoveChange, 1);

  change->parent.klass = &field_move_change_class;
  change->note_id = g_strdup (sl_element_get_id (SL_ELEMENT (note)));
  change->from = from;
  change->to = to;
  _sl_history_record (self->history, &change->parent, label);
}

/* Change: the document's title or description (its step is navigation,
 * not recorded) */

typedef struct
{
  char *title;
  char *description;
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
  return (g_strcmp0 (a->title, b->title) != 0 ? 1 << 0 : 0) |
         (g_strcmp0 (a->description, b->description) != 0 ? 1 << 1 : 0);
}


static void
document_change_apply (SlChange   *change,
                       gpointer    data)
{
  const DocumentState *state = &((DocumentChange *)change)->new_state;

  _sl_document_assign_properties (data, state->title, state->description);
}

static void
document_change_revert (SlChange   *change,
                        gpointer    data)
{
  const DocumentState *state = &((DocumentChange *)change)->old_state;

  _sl_document_assign_properties (data, state->title, state->description);
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
  next->new_state = (DocumentState) { NULL, NULL };
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

void
_sl_document_record_properties (SlDocument *self,
                                const char *title,
                                const char *description,
                                const char *label)
{
  DocumentState new_state = { (char *) title, (char *) description };
  DocumentState old_state = { self->title, self->description };
  DocumentChange *change;

  if (document_state_diff (&old_state, &new_state) == 0)
    return;

  change = g_new0 (DocumentChange, 1);
  change->parent.klass = &document_change_class;
  change->old_state = (DocumentState) { g_strdup (self->title), g_strdup (self->description) };
  change->new_state = (DocumentState) { g_strdup (title), g_strdup (description) };
  _sl_history_record (self->history, &change->parent, label);
}

