/* sl-document-notes.c: what stands on the board: notes, their fields and
 * the connections between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-connection-private.h"
#include "sl-document-private.h"
#include "sl-element-private.h"
#include "sl-field-private.h"
#include "sl-note-private.h"
#include "sl-scenario-private.h"
#include "sl-step.h"

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
  g_return_val_if_fail (_sl_document_contains (self, lane), NULL);
  g_return_val_if_fail (ABS (x) <= SL_COORD_MAX, NULL);
  g_return_val_if_fail (y >= 0 && y <= SL_COORD_MAX, NULL);
  SL_DOCUMENT_RETURN_VAL_IF_BUSY (self, NULL);

  note = _sl_note_new (_sl_document_new_id (self), kind, lane);
  _sl_note_set_text (note, text);
  _sl_note_set_position (note, lane, x, y);
  _sl_document_record_insert (self, note, g_list_model_get_n_items (G_LIST_MODEL (self->notes)),
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
  g_return_if_fail (_sl_document_contains (self, note));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

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

  _sl_document_record_insert (self, note, _sl_document_find_position (self, SL_ELEMENT (note)), FALSE, NULL);

  sl_history_end_group (self->history);
}

void
sl_document_set_note_text (SlDocument *self,
                           SlNote     *note,
                           const char *text)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, note));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_text (state, text);
  _sl_document_record_update (self, note, SL_ELEMENT (state), _("Edit Text"));
}

void
sl_document_set_note_kind (SlDocument *self,
                           SlNote     *note,
                           SlNoteKind  kind)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, note));
  g_return_if_fail (kind < SL_N_NOTE_KINDS);
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_kind (state, kind);
  _sl_document_record_update (self, note, SL_ELEMENT (state), _("Change Note Kind"));
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
  g_return_if_fail (_sl_document_contains (self, note));
  g_return_if_fail (_sl_document_contains (self, lane));
  g_return_if_fail (ABS (x) <= SL_COORD_MAX);
  g_return_if_fail (y >= 0 && y <= SL_COORD_MAX);
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_position (state, lane, x, y);
  _sl_document_record_update (self, note, SL_ELEMENT (state), _("Move Note"));
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
  g_return_if_fail (_sl_document_contains (self, note));
  g_return_if_fail (aggregate == NULL || _sl_document_contains (self, aggregate));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_aggregate (state, aggregate);
  _sl_document_record_update (self, note, SL_ELEMENT (state), _("Change Aggregate"));
}

void
sl_document_set_note_pivotal (SlDocument *self,
                              SlNote     *note,
                              gboolean    pivotal)
{
  SlNote *state;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, note));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  state = SL_NOTE (_sl_element_copy (SL_ELEMENT (note)));
  _sl_note_set_pivotal (state, pivotal);
  _sl_document_record_update (self, note, SL_ELEMENT (state),
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
  guint n_fields;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (_sl_document_contains (self, note), NULL);
  g_return_val_if_fail (name != NULL && *name != 0, NULL);
  g_return_val_if_fail (type < SL_N_FIELD_TYPES, NULL);
  SL_DOCUMENT_RETURN_VAL_IF_BUSY (self, NULL);

  n_fields = sl_note_get_n_fields (note);
  if (index < 0 || (guint) index > n_fields)
    index = n_fields;

  _sl_document_record_field_insert (self, note, index, _sl_field_new (name, type), TRUE,
                                    _("Add Field"));

  return sl_note_get_field (note, index);
}

void
sl_document_remove_field (SlDocument *self,
                          SlNote     *note,
                          guint       index)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, note));
  g_return_if_fail (index < sl_note_get_n_fields (note));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  _sl_document_record_field_insert (self, note, index, g_object_ref (sl_note_get_field (note, index)),
                                    FALSE, _("Remove Field"));
}

void
sl_document_move_field (SlDocument *self,
                        SlNote     *note,
                        guint       from,
                        guint       to)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, note));
  g_return_if_fail (from < sl_note_get_n_fields (note));
  g_return_if_fail (to < sl_note_get_n_fields (note));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  if (from == to)
    return;

  _sl_document_record_field_move (self, note, from, to, _("Move Field"));
}

#define RETURN_IF_NO_FIELD(self, note, index)                  \
  G_STMT_START {                                               \
    g_return_if_fail (SL_IS_DOCUMENT (self));                  \
    g_return_if_fail (_sl_document_contains (self, note));                  \
    g_return_if_fail (index < sl_note_get_n_fields (note));    \
    SL_DOCUMENT_RETURN_IF_BUSY (self);                                     \
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
  _sl_document_record_field_update (self, note, index, state, _("Rename Field"));
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
  _sl_document_record_field_update (self, note, index, state, _("Change Field Type"));
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
  _sl_document_record_field_update (self, note, index, state, _("Change Field"));
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
  _sl_document_record_field_update (self, note, index, state, _("Change Field Mapping"));
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
  _sl_document_record_field_update (self, note, index, state, _("Change Example Value"));
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
  g_return_val_if_fail (_sl_document_contains (self, source), NULL);
  g_return_val_if_fail (_sl_document_contains (self, target), NULL);
  g_return_val_if_fail (source != target, NULL);
  SL_DOCUMENT_RETURN_VAL_IF_BUSY (self, NULL);

  existing = sl_document_find_connection (self, source, target);
  if (existing != NULL)
    return existing;

  connection = _sl_connection_new (_sl_document_new_id (self), source, target);
  _sl_document_record_insert (self, connection, g_list_model_get_n_items (G_LIST_MODEL (self->connections)),
                              TRUE, _("Connect Notes"));
  return connection;
}

void
sl_document_remove_connection (SlDocument   *self,
                               SlConnection *connection)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (_sl_document_contains (self, connection));
  SL_DOCUMENT_RETURN_IF_BUSY (self);

  _sl_document_record_insert (self, connection, _sl_document_find_position (self, SL_ELEMENT (connection)), FALSE,
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
  if (!_sl_document_contains (self, source) || !_sl_document_contains (self, target))
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

  return _sl_document_contains (self, note) ? _sl_note_get_n_links (note) : 0;
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
  g_return_val_if_fail (_sl_document_contains (self, note), NULL);
  g_return_val_if_fail (index < _sl_note_get_n_links (note), NULL);

  return _sl_note_get_link (note, index)->connection;
}

