/* sl-history.c: the undo and redo of a document's changes
 *
 * Every mutation of a document is a change object (sl-history-private.h)
 * that the document applies through _sl_history_record(). Like GTK's
 * GtkTextHistory, the history never names what it changes: it hands its
 * owner's funcs_data to each change and tells the owner through a table of
 * functions that a step was done, undone or redone. Changes made
 * between sl_history_begin_group() and the matching sl_history_end_group()
 * form one step, so one gesture is one undo. A change recorded on its own
 * may merge into the step before it when both are edits of the same kind
 * to the same thing (typing into a note); undo, redo, a save point, the end
 * of a group and sl_history_seal() end that.
 *
 * "Modified" is answered with serial numbers: each step gets a new one, the
 * save point remembers the serial of the step on top when it was set, and
 * the document is unmodified when that step is on top again. A serial is
 * never reused, so a save point whose step was dropped can never match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-history-private.h"

typedef struct
{
  const char *label;   /* interned */
  GPtrArray *changes;  /* of SlChange, in the order they were applied */
  guint64 serial;
} Entry;

struct _SlHistory
{
  GObject parent_instance;

  const SlHistoryFuncs *funcs;
  gpointer funcs_data;  /* not owned: the owner owns its history */

  GQueue undo;          /* of Entry, newest at the tail */
  GQueue redo;          /* of Entry, next to redo at the tail */
  Entry *group;         /* the group being recorded */
  guint group_depth;

  guint64 next_serial;
  guint64 base_serial;  /* the state below the oldest undo step */
  guint64 save_serial;
  guint max_depth;

  guint busy : 1;       /* applying or reverting: no new changes */
  guint can_merge : 1;
};

G_DEFINE_FINAL_TYPE (SlHistory, sl_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MAX_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
change_free (gpointer data)
{
  SlChange *change = data;

  change->klass->free (change);
}

static Entry *
entry_new (SlHistory  *self,
           const char *label)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->label = g_intern_string (label ? label : "");
  entry->changes = g_ptr_array_new_with_free_func (change_free);
  entry->serial = ++self->next_serial;
  return entry;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_ptr_array_unref (entry->changes);
  g_free (entry);
}

static void
entry_apply (Entry    *entry,
             gpointer  data)
{
  for (guint i = 0; i < entry->changes->len; i++)
    {
      SlChange *change = g_ptr_array_index (entry->changes, i);

      change->klass->apply (change, data);
    }
}

static void
entry_revert (Entry    *entry,
              gpointer  data)
{
  for (guint i = entry->changes->len; i > 0; i--)
    {
      SlChange *change = g_ptr_array_index (entry->changes, i - 1);

      change->klass->revert (change, data);
    }
}

static void
emit_changed (SlHistory *self)
{
  self->funcs->changed (self->funcs_data);
}

static guint64
top_serial (SlHistory *self)
{
  Entry *top = g_queue_peek_tail (&self->undo);

  return top ? top->serial : self->base_serial;
}

typedef struct
{
  gboolean can_undo;
  gboolean can_redo;
  gboolean modified;
  const char *undo_label;
  const char *redo_label;
} State;

static void
get_state (SlHistory *self,
           State     *state)
{
  state->can_undo = sl_history_can_undo (self);
  state->can_redo = sl_history_can_redo (self);
  state->modified = sl_history_get_modified (self);
  state->undo_label = sl_history_get_undo_label (self);
  state->redo_label = sl_history_get_redo_label (self);
}

/* Notifies the properties that differ from @before. */
static void
notify_state (SlHistory   *self,
              const State *before)
{
  State after;

  get_state (self, &after);

  g_object_freeze_notify (G_OBJECT (self));
  if (before->can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before->can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (before->modified != after.modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (before->undo_label != after.undo_label)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (before->redo_label != after.redo_label)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
clear_queue (GQueue *queue)
{
  Entry *entry;

  while ((entry = g_queue_pop_head (queue)))
    entry_free (entry);
}

static void
enforce_max_depth (SlHistory *self)
{
  while (self->undo.length > self->max_depth)
    {
      Entry *oldest = g_queue_pop_head (&self->undo);

      self->base_serial = oldest->serial;
      entry_free (oldest);
    }
}

static void
push_undo (SlHistory *self,
           Entry     *entry)
{
  clear_queue (&self->redo);
  g_queue_push_tail (&self->undo, entry);
  enforce_max_depth (self);
}

static void
sl_history_finalize (GObject *object)
{
  SlHistory *self = (SlHistory *)object;

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->group, entry_free);

  G_OBJECT_CLASS (sl_history_parent_class)->finalize (object);
}

static void
sl_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SlHistory *self = SL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sl_history_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, sl_history_can_redo (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, sl_history_get_modified (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, sl_history_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, sl_history_get_redo_label (self));
      break;

    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SlHistory *self = SL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_MAX_DEPTH:
      sl_history_set_max_depth (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_history_class_init (SlHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_history_finalize;
  object_class->get_property = sl_history_get_property;
  object_class->set_property = sl_history_set_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SlHistory:modified:
   *
   * Whether the document differs from what it was at the save point.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SlHistory:max-depth:
   *
   * How many steps can be undone; older steps are forgotten.
   */
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth", NULL, NULL,
                       1, G_MAXUINT, SL_HISTORY_DEFAULT_MAX_DEPTH,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_history_init (SlHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->max_depth = SL_HISTORY_DEFAULT_MAX_DEPTH;
}

SlHistory *
_sl_history_new (const SlHistoryFuncs *funcs,
                 gpointer              funcs_data)
{
  SlHistory *self = g_object_new (SL_TYPE_HISTORY, NULL);

  self->funcs = funcs;
  self->funcs_data = funcs_data;
  return self;
}

gboolean
_sl_history_busy (SlHistory *self)
{
  return self->busy;
}

static gboolean
try_merge (GPtrArray *changes,
           SlChange  *change)
{
  SlChange *last;

  if (changes->len == 0)
    return FALSE;

  last = g_ptr_array_index (changes, changes->len - 1);
  return last->klass == change->klass && last->klass->merge != NULL &&
         last->klass->merge (last, change);
}

void
_sl_history_record (SlHistory  *self,
                    SlChange   *change,
                    const char *label)
{
  Entry *top;
  State before;

  g_assert (!self->busy);

  self->busy = TRUE;
  change->klass->apply (change, self->funcs_data);
  self->busy = FALSE;

  if (self->group != NULL)
    {
      if (try_merge (self->group->changes, change))
        change->klass->free (change);
      else
        g_ptr_array_add (self->group->changes, change);
      return;
    }

  get_state (self, &before);

  top = g_queue_peek_tail (&self->undo);
  if (self->can_merge && top != NULL && self->redo.length == 0 &&
      top->changes->len == 1 && try_merge (top->changes, change))
    {
      SlChange *merged = g_ptr_array_index (top->changes, 0);

      change->klass->free (change);

      if (merged->klass->is_empty != NULL && merged->klass->is_empty (merged))
        /* Marked, then unmarked: the step leaves nothing to undo. */
        entry_free (g_queue_pop_tail (&self->undo));
      else
        /* The merged step is a new state: a save point on it no longer holds. */
        top->serial = ++self->next_serial;
    }
  else
    {
      Entry *entry = entry_new (self, label);

      g_ptr_array_add (entry->changes, change);
      push_undo (self, entry);
    }

  self->can_merge = TRUE;
  notify_state (self, &before);
  emit_changed (self);
}

/**
 * sl_history_begin_group:
 * @label: (nullable): what the step does, as the Undo menu item shows it
 *
 * Starts a step made of several changes: everything recorded until the
 * matching sl_history_end_group() is undone and redone as one. Groups nest;
 * the outermost group's label names the step.
 */
void
sl_history_begin_group (SlHistory  *self,
                        const char *label)
{
  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (!self->busy);

  if (self->group_depth++ == 0)
    self->group = entry_new (self, label);
}

/**
 * sl_history_end_group:
 *
 * Ends the group begun by the matching sl_history_begin_group(). When the
 * outermost group ends, its changes become one step, unless there were none.
 */
void
sl_history_end_group (SlHistory *self)
{
  Entry *group;
  State before;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (group->changes->len == 0)
    {
      entry_free (group);
      return;
    }

  get_state (self, &before);
  push_undo (self, group);
  self->can_merge = FALSE;
  notify_state (self, &before);
  emit_changed (self);
}

/**
 * sl_history_cancel_group:
 *
 * Reverts everything recorded since the outermost sl_history_begin_group()
 * and ends all open groups: a gesture cancelled with Escape leaves no trace.
 */
void
sl_history_cancel_group (SlHistory *self)
{
  Entry *group;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  group = g_steal_pointer (&self->group);
  self->group_depth = 0;

  self->busy = TRUE;
  entry_revert (group, self->funcs_data);
  self->busy = FALSE;

  if (group->changes->len > 0)
    emit_changed (self);
  entry_free (group);
}

gboolean
sl_history_in_group (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);

  return self->group_depth > 0;
}

gboolean
sl_history_undo (SlHistory *self)
{
  Entry *entry;
  State before;

  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  if (self->undo.length == 0)
    return FALSE;

  get_state (self, &before);

  entry = g_queue_pop_tail (&self->undo);
  self->busy = TRUE;
  entry_revert (entry, self->funcs_data);
  self->busy = FALSE;
  g_queue_push_tail (&self->redo, entry);
  self->can_merge = FALSE;

  notify_state (self, &before);
  emit_changed (self);
  return TRUE;
}

gboolean
sl_history_redo (SlHistory *self)
{
  Entry *entry;
  State before;

  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  if (self->redo.length == 0)
    return FALSE;

  get_state (self, &before);

  entry = g_queue_pop_tail (&self->redo);
  self->busy = TRUE;
  entry_apply (entry, self->funcs_data);
  self->busy = FALSE;
  g_queue_push_tail (&self->undo, entry);
  self->can_merge = FALSE;

  notify_state (self, &before);
  emit_changed (self);
  return TRUE;
}

gboolean
sl_history_can_undo (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);

  return self->undo.length > 0;
}

gboolean
sl_history_can_redo (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);

  return self->redo.length > 0;
}

/**
 * sl_history_get_undo_label:
 *
 * Returns: (nullable): what the next undo undoes
 */
const char *
sl_history_get_undo_label (SlHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (SL_IS_HISTORY (self), NULL);

  entry = g_queue_peek_tail (&self->undo);
  return entry ? entry->label : NULL;
}

/**
 * sl_history_get_redo_label:
 *
 * Returns: (nullable): what the next redo redoes
 */
const char *
sl_history_get_redo_label (SlHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (SL_IS_HISTORY (self), NULL);

  entry = g_queue_peek_tail (&self->redo);
  return entry ? entry->label : NULL;
}

guint
sl_history_get_n_undo (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), 0);

  return self->undo.length;
}

guint
sl_history_get_n_redo (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), 0);

  return self->redo.length;
}

/**
 * sl_history_seal:
 *
 * Keeps the next change from merging into the last step: an editor calls
 * this when the user moves on to something else.
 */
void
sl_history_seal (SlHistory *self)
{
  g_return_if_fail (SL_IS_HISTORY (self));

  self->can_merge = FALSE;
}

/**
 * sl_history_set_save_point:
 *
 * Marks the document's current state as saved.
 */
void
sl_history_set_save_point (SlHistory *self)
{
  State before;

  g_return_if_fail (SL_IS_HISTORY (self));

  get_state (self, &before);
  self->save_serial = top_serial (self);
  self->can_merge = FALSE;
  notify_state (self, &before);
}

/**
 * sl_history_clear_save_point:
 *
 * Marks the document as unlike every saved state, so that no undo or redo
 * makes it unmodified: a model made in memory, such as a merge, was never
 * saved.
 */
void
sl_history_clear_save_point (SlHistory *self)
{
  State before;

  g_return_if_fail (SL_IS_HISTORY (self));

  get_state (self, &before);
  /* No step ever takes this serial. */
  self->save_serial = G_MAXUINT64;
  self->can_merge = FALSE;
  notify_state (self, &before);
}

gboolean
sl_history_get_modified (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), FALSE);

  return top_serial (self) != self->save_serial;
}

guint
sl_history_get_max_depth (SlHistory *self)
{
  g_return_val_if_fail (SL_IS_HISTORY (self), 0);

  return self->max_depth;
}

/**
 * sl_history_set_max_depth:
 *
 * Sets how many steps can be undone. Forgetting old steps costs what they
 * could undo, never the document's correctness.
 */
void
sl_history_set_max_depth (SlHistory *self,
                          guint      max_depth)
{
  State before;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (max_depth > 0);

  if (self->max_depth == max_depth)
    return;

  get_state (self, &before);
  self->max_depth = max_depth;
  enforce_max_depth (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DEPTH]);
  notify_state (self, &before);
}

/**
 * sl_history_clear:
 *
 * Forgets every step. The document keeps its state and its modified flag.
 */
void
sl_history_clear (SlHistory *self)
{
  State before;
  gboolean modified;

  g_return_if_fail (SL_IS_HISTORY (self));
  g_return_if_fail (self->group_depth == 0);

  get_state (self, &before);
  modified = sl_history_get_modified (self);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  self->base_serial = ++self->next_serial;
  if (!modified)
    self->save_serial = self->base_serial;
  self->can_merge = FALSE;
  notify_state (self, &before);
}
