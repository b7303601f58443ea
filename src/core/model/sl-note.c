/* sl-note.c: a coloured note on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include "sl-aggregate.h"
#include "sl-connection.h"
#include "sl-element-private.h"
#include "sl-field.h"
#include "sl-lane.h"
#include "sl-note-private.h"

G_DEFINE_FINAL_TYPE (SlNote, sl_note, SL_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TEXT,
  PROP_LANE,
  PROP_X,
  PROP_Y,
  PROP_AGGREGATE,
  PROP_PIVOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The copy is a state for the history: it leaves the fields out, which
 * change through their own history entries. */
static SlElement *
sl_note_copy (SlElement *element)
{
  SlNote *self = SL_NOTE (element);
  SlNote *copy = _sl_note_new (g_strdup (sl_element_get_id (element)), self->kind, self->lane);

  _sl_note_set_text (copy, self->text);
  copy->x = self->x;
  copy->y = self->y;
  _sl_note_set_aggregate (copy, self->aggregate);
  copy->pivotal = self->pivotal;
  return SL_ELEMENT (copy);
}

static guint
sl_note_diff (SlElement *element,
              SlElement *other_element)
{
  SlNote *self = SL_NOTE (element);
  SlNote *other = SL_NOTE (other_element);
  guint diff = 0;

  if (self->kind != other->kind)
    diff |= SL_CHANGED_KIND;
  if (g_strcmp0 (self->text, other->text) != 0)
    diff |= SL_CHANGED_TEXT;
  if (self->lane != other->lane || self->x != other->x || self->y != other->y)
    diff |= SL_CHANGED_POSITION;
  if (self->aggregate != other->aggregate)
    diff |= SL_CHANGED_AGGREGATE;
  if (self->pivotal != other->pivotal)
    diff |= SL_CHANGED_FLAGS;

  return diff;
}

static guint
sl_note_assign (SlElement *element,
                SlElement *from_element)
{
  SlNote *self = SL_NOTE (element);
  SlNote *from = SL_NOTE (from_element);
  GObject *object = G_OBJECT (self);
  guint changed = sl_note_diff (element, from_element);

  g_object_freeze_notify (object);

  if (changed & SL_CHANGED_KIND)
    {
      self->kind = from->kind;
      g_object_notify_by_pspec (object, properties[PROP_KIND]);
    }
  if (changed & SL_CHANGED_TEXT)
    {
      _sl_set_string (&self->text, from->text);
      g_object_notify_by_pspec (object, properties[PROP_TEXT]);
    }
  if (_sl_set_object (&self->lane, from->lane))
    g_object_notify_by_pspec (object, properties[PROP_LANE]);
  if (self->x != from->x)
    {
      self->x = from->x;
      g_object_notify_by_pspec (object, properties[PROP_X]);
    }
  if (self->y != from->y)
    {
      self->y = from->y;
      g_object_notify_by_pspec (object, properties[PROP_Y]);
    }
  if (_sl_set_object (&self->aggregate, from->aggregate))
    g_object_notify_by_pspec (object, properties[PROP_AGGREGATE]);
  if (changed & SL_CHANGED_FLAGS)
    {
      self->pivotal = from->pivotal;
      g_object_notify_by_pspec (object, properties[PROP_PIVOTAL]);
    }

  g_object_thaw_notify (object);

  return changed;
}

static void
sl_note_finalize (GObject *object)
{
  SlNote *self = (SlNote *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->lane);
  g_clear_object (&self->aggregate);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_note_parent_class)->finalize (object);
}

static void
sl_note_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SlNote *self = SL_NOTE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_LANE:
      g_value_set_object (value, self->lane);
      break;

    case PROP_X:
      g_value_set_int (value, self->x);
      break;

    case PROP_Y:
      g_value_set_int (value, self->y);
      break;

    case PROP_AGGREGATE:
      g_value_set_object (value, self->aggregate);
      break;

    case PROP_PIVOTAL:
      g_value_set_boolean (value, self->pivotal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_note_class_init (SlNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlElementClass *element_class = SL_ELEMENT_CLASS (klass);

  object_class->finalize = sl_note_finalize;
  object_class->get_property = sl_note_get_property;

  element_class->copy = sl_note_copy;
  element_class->assign = sl_note_assign;
  element_class->diff = sl_note_diff;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SL_TYPE_NOTE_KIND,
                       SL_NOTE_EVENT,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LANE] =
    g_param_spec_object ("lane", NULL, NULL,
                         SL_TYPE_LANE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_X] =
    g_param_spec_int ("x", NULL, NULL,
                      -SL_COORD_MAX, SL_COORD_MAX, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_Y] =
    g_param_spec_int ("y", NULL, NULL,
                      0, SL_COORD_MAX, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AGGREGATE] =
    g_param_spec_object ("aggregate", NULL, NULL,
                         SL_TYPE_AGGREGATE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PIVOTAL] =
    g_param_spec_boolean ("pivotal", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_note_init (SlNote *self)
{
}

SlNote *
_sl_note_new (char       *id,
              SlNoteKind  kind,
              SlLane     *lane)
{
  SlNote *self = g_object_new (SL_TYPE_NOTE, NULL);

  _sl_element_take_id (SL_ELEMENT (self), id);
  self->kind = kind;
  self->lane = g_object_ref (lane);
  self->text = g_strdup ("");
  return self;
}

void
_sl_note_set_kind (SlNote     *self,
                   SlNoteKind  kind)
{
  self->kind = kind;
}

void
_sl_note_set_text (SlNote     *self,
                   const char *text)
{
  _sl_set_string (&self->text, text ? text : "");
}

void
_sl_note_take_text (SlNote *self,
                    char   *text)
{
  g_free (self->text);
  self->text = text;
}

void
_sl_note_set_position (SlNote *self,
                       SlLane *lane,
                       int     x,
                       int     y)
{
  g_assert (SL_IS_LANE (lane));

  _sl_set_object (&self->lane, lane);
  self->x = x;
  self->y = y;
}

void
_sl_note_set_aggregate (SlNote      *self,
                        SlAggregate *aggregate)
{
  _sl_set_object (&self->aggregate, aggregate);
}

void
_sl_note_set_pivotal (SlNote   *self,
                      gboolean  pivotal)
{
  self->pivotal = !!pivotal;
}

/* The links do not hold the connections: the document removes a
 * connection from its notes before it lets go of it. */
void
_sl_note_add_link (SlNote       *self,
                   SlConnection *connection)
{
  SlLink link = { connection, sl_connection_get_source (connection), sl_connection_get_target (connection) };

  if (self->links == NULL)
    self->links = g_array_new (FALSE, FALSE, sizeof (SlLink));
  g_array_append_val (self->links, link);
}

/* Removes the first link to @connection, putting the last in its place. */
void
_sl_note_remove_link (SlNote       *self,
                      SlConnection *connection)
{
  for (guint i = 0; i < self->links->len; i++)
    if (g_array_index (self->links, SlLink, i).connection == connection)
      {
        g_array_remove_index_fast (self->links, i);
        break;
      }
  if (self->links->len == 0)
    g_clear_pointer (&self->links, g_array_unref);
}

void
_sl_note_clear_links (SlNote *self)
{
  g_clear_pointer (&self->links, g_array_unref);
}

/* Like the links, the scenarios are not held: the document removes a
 * scenario from its note before it lets go of it. They are kept in the
 * order of their ids, which neither undo nor redo changes: the order the
 * check reports their problems in. */
void
_sl_note_add_scenario (SlNote     *self,
                       SlScenario *scenario)
{
  const char *id = sl_element_get_id (SL_ELEMENT (scenario));
  guint position = 0;

  if (self->scenarios == NULL)
    self->scenarios = g_ptr_array_new ();
  while (position < self->scenarios->len &&
         strcmp (sl_element_get_id (g_ptr_array_index (self->scenarios, position)), id) < 0)
    position++;
  g_ptr_array_insert (self->scenarios, position, scenario);
}

void
_sl_note_remove_scenario (SlNote     *self,
                          SlScenario *scenario)
{
  g_ptr_array_remove (self->scenarios, scenario);
  if (self->scenarios->len == 0)
    g_clear_pointer (&self->scenarios, g_ptr_array_unref);
}

void
_sl_note_clear_scenarios (SlNote *self)
{
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
}

void
_sl_note_insert_field (SlNote  *self,
                       guint    index,
                       SlField *field)
{
  if (self->fields == NULL)
    self->fields = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert (index <= self->fields->len);
  g_ptr_array_insert (self->fields, index, g_object_ref (field));
}

void
_sl_note_remove_field (SlNote *self,
                       guint   index)
{
  g_assert (self->fields != NULL && index < self->fields->len);

  g_ptr_array_remove_index (self->fields, index);
}

void
_sl_note_move_field (SlNote *self,
                     guint   from,
                     guint   to)
{
  SlField *field;

  g_assert (self->fields != NULL && from < self->fields->len && to < self->fields->len);

  field = g_ptr_array_steal_index (self->fields, from);
  g_ptr_array_insert (self->fields, to, field);
}

SlNoteKind
sl_note_get_kind (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), SL_NOTE_EVENT);

  return self->kind;
}

/**
 * sl_note_get_text:
 *
 * Returns: (not nullable): what the note says
 */
const char *
sl_note_get_text (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), NULL);

  return self->text;
}

/**
 * sl_note_get_lane:
 *
 * Returns: (transfer none): the lane the note stands on
 */
SlLane *
sl_note_get_lane (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), NULL);

  return self->lane;
}

int
sl_note_get_x (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), 0);

  return self->x;
}

int
sl_note_get_y (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), 0);

  return self->y;
}

/**
 * sl_note_get_aggregate:
 *
 * Returns: (nullable) (transfer none): the aggregate set explicitly on the note
 */
SlAggregate *
sl_note_get_aggregate (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), NULL);

  return self->aggregate;
}

gboolean
sl_note_get_pivotal (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), FALSE);

  return self->pivotal;
}

guint
sl_note_get_n_fields (SlNote *self)
{
  g_return_val_if_fail (SL_IS_NOTE (self), 0);

  return self->fields ? self->fields->len : 0;
}

/**
 * sl_note_get_field:
 *
 * Returns: (transfer none): the field at @index
 */
SlField *
sl_note_get_field (SlNote *self,
                   guint   index)
{
  g_return_val_if_fail (SL_IS_NOTE (self), NULL);
  g_return_val_if_fail (index < sl_note_get_n_fields (self), NULL);

  return g_ptr_array_index (self->fields, index);
}

/**
 * sl_note_find_field:
 * @index: (out) (optional): where the field stands
 *
 * Returns: (nullable) (transfer none): the first field named @name
 */
SlField *
sl_note_find_field (SlNote     *self,
                    const char *name,
                    guint      *index)
{
  g_return_val_if_fail (SL_IS_NOTE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < sl_note_get_n_fields (self); i++)
    {
      SlField *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (sl_field_get_name (field), name) == 0)
        {
          if (index)
            *index = i;
          return field;
        }
    }

  return NULL;
}
