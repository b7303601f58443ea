/* sl-checker.c: the check of a document, kept up to date as it changes
 *
 * The rules of DOMAIN.md are about one note and what is near it: its
 * neighbours for its structure, the notes up to two connections before
 * and one after it for its fields, the events named like it, and the
 * scenarios that specify it. SlChecker keeps the problems of every note
 * and, when the document changes, rechecks only the notes the change
 * can reach: the note changed and the notes up to two connections from
 * it, the ends of a connection added or removed and theirs, the note a
 * scenario specifies and those whose scenarios name the note changed,
 * and the events whose name stops or starts being shared. What is
 * shared between notes (events by name, the scenarios that name a note
 * in their steps, events by aggregate) is kept in indexes that follow
 * the document's lists; the scenarios that specify a note, the document
 * keeps on the note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include "sl-aggregate.h"
#include "sl-check-private.h"
#include "sl-checker.h"
#include "sl-connection.h"
#include "sl-document-private.h"
#include "sl-element-list.h"
#include "sl-lane.h"
#include "sl-note-private.h"
#include "sl-scenario.h"
#include "sl-step.h"

typedef struct
{
  SlNote *note;            /* owned: the entries mirror the notes */
  SlProblem **problems;
  guint n_problems;
  SlNoteKind kind;         /* as counted in kinds */
  guint n_fields;          /* as counted in n_fields */
  char *folded;            /* an event's name as grouped in events_by_name */
  SlAggregate *aggregate;  /* an event's aggregate as counted in used */
  gboolean queued;
  gboolean batched;
} Entry;

/* A scenario as indexed: the note it specifies and the notes of its
 * steps. These notes are only keys of the indexes, never looked into, so
 * they are not referenced: a step's note may be gone by the time its
 * scenario says its steps changed. */
typedef struct
{
  SlNote *owner;
  guint n_notes;
  SlNote *notes[];
} Spec;

struct _SlChecker
{
  GObject parent_instance;

  SlDocument *document;

  GPtrArray *entries;       /* Entry, in the order of the document's notes */
  GHashTable *by_note;      /* SlNote -> Entry */
  GPtrArray *connections;   /* the document's connections, mirrored (owned) */
  GPtrArray *scenarios;     /* the document's scenarios, mirrored (owned) */
  GHashTable *specs;        /* SlScenario -> Spec */
  GHashTable *step_users;   /* SlNote -> GPtrArray of the SlScenarios whose steps name it */
  GHashTable *used;         /* SlAggregate (owned) -> how many events it has */
  GHashTable *events_by_name;    /* folded name -> GPtrArray of the events that have it */

  GQueue queue;             /* Entries to recheck */
  GPtrArray *scratch;
  GPtrArray *sources;       /* for the rules: see SlCheckIndex */
  GPtrArray *targets;
  GPtrArray *hubs;
  GHashTable *name_sets;    /* emptied after each update */
  SlProblem **aggregate_problems;
  guint n_aggregate_problems;
  gboolean aggregates_dirty;

  guint kinds[SL_N_NOTE_KINDS];
  guint n_fields;           /* of all the notes: what step 8 is about */
  guint failing[SL_N_PROCESS_STEPS + 1]; /* errors and warnings of each step's rules */
  GPtrArray *problems;      /* all of them, or NULL until asked for */
  guint n_rechecked;
  gboolean changed;
};

G_DEFINE_FINAL_TYPE (SlChecker, sl_checker, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Problems */

static void
count_problems (SlChecker  *self,
                SlProblem **problems,
                guint       n_problems,
                int         sign)
{
  for (guint i = 0; i < n_problems; i++)
    if (sl_problem_get_severity (problems[i]) >= SL_SEVERITY_WARNING)
      self->failing[sl_problem_get_step (problems[i])] += sign;
}

static void
free_problems (SlProblem **problems,
               guint       n_problems)
{
  for (guint i = 0; i < n_problems; i++)
    sl_problem_unref (problems[i]);
  g_free (problems);
}

/* Replaces *@problems with those of the scratch array. */
static void
take_scratch (SlChecker   *self,
              SlProblem ***problems,
              guint       *n_problems)
{
  count_problems (self, *problems, *n_problems, -1);
  free_problems (*problems, *n_problems);

  *n_problems = self->scratch->len;
  *problems = self->scratch->len ? g_memdup2 (self->scratch->pdata, self->scratch->len * sizeof (gpointer)) : NULL;
  g_ptr_array_set_size (self->scratch, 0);
  count_problems (self, *problems, *n_problems, +1);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->changed = TRUE;
}

/* Entries */

static void
queue_entry (SlChecker *self,
             Entry     *entry)
{
  if (entry != NULL && !entry->queued)
    {
      entry->queued = TRUE;
      g_queue_push_tail (&self->queue, entry);
    }
}

static void
queue_note (SlChecker *self,
            SlNote    *note)
{
  queue_entry (self, g_hash_table_lookup (self->by_note, note));
}

static SlNote *
other_end (const SlLink *link,
           SlNote       *note)
{
  return link->source == note ? link->target : link->source;
}

/* Queues @note and the notes up to two connections away, either way: as
 * far as the rules about a note look. */
static void
queue_near (SlChecker *self,
            SlNote    *note)
{
  queue_note (self, note);
  for (guint i = 0; i < _sl_note_get_n_links (note); i++)
    {
      SlNote *neighbour = other_end (_sl_note_get_link (note, i), note);

      queue_note (self, neighbour);
      for (guint j = 0; j < _sl_note_get_n_links (neighbour); j++)
        queue_note (self, other_end (_sl_note_get_link (neighbour, j), neighbour));
    }
}

/* Queues what a change of @note can reach. */
static void
touch_note (SlChecker *self,
            SlNote    *note)
{
  GPtrArray *users = g_hash_table_lookup (self->step_users, note);

  queue_near (self, note);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      Spec *spec = g_hash_table_lookup (self->specs, g_ptr_array_index (users, i));

      queue_note (self, spec->owner);
    }
}

static void
group_event (SlChecker *self,
             Entry     *entry,
             char      *folded)
{
  GPtrArray *same;

  if (entry->folded != NULL)
    {
      same = g_hash_table_lookup (self->events_by_name, entry->folded);
      g_ptr_array_remove_fast (same, entry->note);
      /* The one left is no longer a duplicate. */
      if (same->len == 1)
        queue_note (self, g_ptr_array_index (same, 0));
      else if (same->len == 0)
        g_hash_table_remove (self->events_by_name, entry->folded);
      g_clear_pointer (&entry->folded, g_free);
    }

  if (folded != NULL)
    {
      same = g_hash_table_lookup (self->events_by_name, folded);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (self->events_by_name, g_strdup (folded), same);
        }
      g_ptr_array_add (same, entry->note);
      /* The one there before becomes a duplicate too. */
      if (same->len == 2)
        queue_note (self, g_ptr_array_index (same, 0));
      entry->folded = folded;
    }
}

static void
count_aggregate (SlChecker   *self,
                 SlAggregate *aggregate,
                 int          sign)
{
  guint n;

  if (aggregate == NULL)
    return;

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->used, aggregate)) + sign;
  if (n == 0)
    g_hash_table_remove (self->used, aggregate);
  else
    g_hash_table_replace (self->used, g_object_ref (aggregate), GUINT_TO_POINTER (n));

  if (n == 0 || (n == 1 && sign > 0))
    self->aggregates_dirty = TRUE;
}

/* Brings what the entry has told the indexes up to date with its note. */
static void
prepare_entry (SlChecker *self,
               Entry     *entry)
{
  SlNoteKind kind = sl_note_get_kind (entry->note);
  gboolean event = kind == SL_NOTE_EVENT;
  char *folded = event ? _sl_check_fold_name (sl_note_get_text (entry->note)) : NULL;
  SlAggregate *aggregate = event ? _sl_check_event_aggregate (entry->note) : NULL;
  guint n_fields = _sl_note_get_n_fields (entry->note);

  self->kinds[entry->kind]--;
  self->kinds[kind]++;
  entry->kind = kind;

  /* The first field or the last one gone changes step 8's status, even
   * when no problem changes. */
  if ((self->n_fields == 0) != (self->n_fields - entry->n_fields + n_fields == 0))
    self->changed = TRUE;
  self->n_fields = self->n_fields - entry->n_fields + n_fields;
  entry->n_fields = n_fields;

  if (g_strcmp0 (folded, entry->folded) != 0)
    group_event (self, entry, folded);
  else
    g_free (folded);

  if (aggregate != entry->aggregate)
    {
      count_aggregate (self, entry->aggregate, -1);
      count_aggregate (self, aggregate, +1);
      entry->aggregate = aggregate;
    }
}

static void
check_entry (SlChecker *self,
             Entry     *entry)
{
  SlCheckIndex index = { self->document, FALSE, NULL, self->sources, self->targets, self->hubs, self->name_sets };
  SlProblemSink sink = { self->scratch, NULL, TRUE };

  if (entry->folded != NULL)
    {
      GPtrArray *same = g_hash_table_lookup (self->events_by_name, entry->folded);

      index.duplicate = same != NULL && same->len > 1;
    }
  /* The document keeps a note's scenarios on it, by id. */
  index.scenarios = _sl_note_get_scenarios (entry->note);

  _sl_check_note (&index, entry->note, &sink);
  _sl_problem_sink_seal (&sink);
  take_scratch (self, &entry->problems, &entry->n_problems);
  self->n_rechecked++;
}

static Entry *
entry_new (SlChecker *self,
           SlNote    *note)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->note = g_object_ref (note);
  entry->kind = SL_NOTE_COMMENT;
  self->kinds[SL_NOTE_COMMENT]++;
  g_hash_table_insert (self->by_note, note, entry);
  return entry;
}

static void
entry_remove (SlChecker *self,
              Entry     *entry)
{
  if (entry->queued)
    g_queue_remove (&self->queue, entry);

  group_event (self, entry, NULL);
  count_aggregate (self, entry->aggregate, -1);
  self->kinds[entry->kind]--;
  self->n_fields -= entry->n_fields;
  count_problems (self, entry->problems, entry->n_problems, -1);
  free_problems (entry->problems, entry->n_problems);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->changed = TRUE;

  g_hash_table_remove (self->by_note, entry->note);
  g_object_unref (entry->note);
  g_free (entry);
}

/* Mirrors */

/* Makes @mirror look like @list after its ::items-changed, calling @gone
 * for each item removed and @came for each item added, in that order;
 * the mirror's free function lets go of the items removed. */
static void
splice (SlChecker  *self,
        GPtrArray  *mirror,
        GListModel *list,
        guint       position,
        guint       removed,
        guint       added,
        void      (*gone) (SlChecker *, gpointer),
        gpointer  (*came) (SlChecker *, gpointer))
{
  for (guint i = 0; i < removed; i++)
    gone (self, g_ptr_array_index (mirror, position + i));
  g_ptr_array_remove_range (mirror, position, removed);

  if (added > 0)
    {
      guint tail = mirror->len - position;

      g_ptr_array_set_size (mirror, mirror->len + added);
      memmove (mirror->pdata + position + added, mirror->pdata + position, tail * sizeof (gpointer));
      for (guint i = 0; i < added; i++)
        mirror->pdata[position + i] = came (self, sl_element_list_peek (SL_ELEMENT_LIST (list), position + i));
    }
}

static void
note_gone (SlChecker *self,
           gpointer   item)
{
  entry_remove (self, item);
}

static gpointer
note_came (SlChecker *self,
           gpointer   item)
{
  Entry *entry = entry_new (self, item);

  queue_entry (self, entry);
  return entry;
}

static void
notes_changed_cb (SlChecker  *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *notes)
{
  splice (self, self->entries, notes, position, removed, added, note_gone, note_came);
}

static void
connection_touched (SlChecker    *self,
                    SlConnection *connection)
{
  touch_note (self, sl_connection_get_source (connection));
  touch_note (self, sl_connection_get_target (connection));
}

static void
connection_gone (SlChecker *self,
                 gpointer   item)
{
  connection_touched (self, item);
}

static gpointer
connection_came (SlChecker *self,
                 gpointer   item)
{
  connection_touched (self, item);
  return g_object_ref (item);
}

static void
connections_changed_cb (SlChecker  *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *connections)
{
  splice (self, self->connections, connections, position, removed, added, connection_gone, connection_came);
}


static GPtrArray *
lookup_array (GHashTable *table,
              gpointer    key)
{
  GPtrArray *array = g_hash_table_lookup (table, key);

  if (array == NULL)
    {
      array = g_ptr_array_new ();
      g_hash_table_insert (table, key, array);
    }
  return array;
}

static void
unlist (GHashTable *table,
        gpointer    key,
        gpointer    item)
{
  GPtrArray *array = g_hash_table_lookup (table, key);

  if (array != NULL && g_ptr_array_remove (array, item) && array->len == 0)
    g_hash_table_remove (table, key);
}

static void
index_scenario (SlChecker  *self,
                SlScenario *scenario)
{
  guint n_notes = 0;
  Spec *spec;

  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    n_notes += sl_scenario_get_n_steps (scenario, part);

  spec = g_malloc (sizeof (Spec) + n_notes * sizeof (SlNote *));
  spec->owner = sl_scenario_get_note (scenario);
  spec->n_notes = 0;
  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
      {
        SlNote *note = sl_step_get_note (sl_scenario_get_step (scenario, part, i));

        spec->notes[spec->n_notes++] = note;
        g_ptr_array_add (lookup_array (self->step_users, note), scenario);
      }
  g_hash_table_insert (self->specs, scenario, spec);

  queue_note (self, spec->owner);
}

static void
unindex_scenario (SlChecker  *self,
                  SlScenario *scenario)
{
  Spec *spec = g_hash_table_lookup (self->specs, scenario);

  for (guint i = 0; i < spec->n_notes; i++)
    unlist (self->step_users, spec->notes[i], scenario);
  queue_note (self, spec->owner);
  g_hash_table_remove (self->specs, scenario);
}

static void
scenario_gone (SlChecker *self,
               gpointer   item)
{
  unindex_scenario (self, item);
}

static gpointer
scenario_came (SlChecker *self,
               gpointer   item)
{
  index_scenario (self, item);
  return g_object_ref (item);
}

static void
scenarios_changed_cb (SlChecker  *self,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListModel *scenarios)
{
  splice (self, self->scenarios, scenarios, position, removed, added, scenario_gone, scenario_came);
}

static void
aggregates_changed_cb (SlChecker *self)
{
  self->aggregates_dirty = TRUE;
}

static void
element_changed_cb (SlChecker *self,
                    gpointer   element,
                    guint      what)
{
  if (SL_IS_NOTE (element))
    touch_note (self, element);
  else if (SL_IS_SCENARIO (element) && g_hash_table_contains (self->specs, element))
    {
      unindex_scenario (self, element);
      index_scenario (self, element);
    }
  else if (SL_IS_LANE (element) && (what & SL_CHANGED_AGGREGATE) != 0)
    {
      /* The events of the lane change aggregate, and so their commands. */
      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);

          if (sl_note_get_lane (entry->note) == element)
            queue_near (self, entry->note);
        }
    }
  else if (SL_IS_AGGREGATE (element))
    self->aggregates_dirty = TRUE;
}

/**
 * sl_checker_update:
 *
 * Rechecks what the changes to the document since the last update can
 * have touched, and emits ::changed when any problem may have changed.
 * The checker updates itself when the document says a change is
 * complete, and before it answers.
 */
void
sl_checker_update (SlChecker *self)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  Entry *entry;

  g_return_if_fail (SL_IS_CHECKER (self));

  self->n_rechecked = 0;

  /* Bring the indexes up to date first: a note renamed can make another
   * one a duplicate, which then needs checking too. */
  while ((entry = g_queue_pop_head (&self->queue)) != NULL)
    {
      entry->queued = FALSE;
      prepare_entry (self, entry);
      if (!entry->batched)
        {
          entry->batched = TRUE;
          g_ptr_array_add (batch, entry);
        }
    }

  for (guint i = 0; i < batch->len; i++)
    {
      entry = g_ptr_array_index (batch, i);
      entry->batched = FALSE;
      check_entry (self, entry);
    }
  /* The document changes before the next update. */
  g_hash_table_remove_all (self->name_sets);

  if (self->aggregates_dirty)
    {
      SlProblemSink sink = { self->scratch, NULL, TRUE };

      self->aggregates_dirty = FALSE;
      _sl_check_aggregates (self->document, self->used, &sink);
      _sl_problem_sink_seal (&sink);
      take_scratch (self, &self->aggregate_problems, &self->n_aggregate_problems);
    }

  if (self->changed)
    {
      self->changed = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
sl_checker_dispose (GObject *object)
{
  SlChecker *self = (SlChecker *)object;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (sl_document_get_notes (self->document), self);
      g_signal_handlers_disconnect_by_data (sl_document_get_connections (self->document), self);
      g_signal_handlers_disconnect_by_data (sl_document_get_scenarios (self->document), self);
      g_signal_handlers_disconnect_by_data (sl_document_get_aggregates (self->document), self);
    }

  G_OBJECT_CLASS (sl_checker_parent_class)->dispose (object);
}

static void
sl_checker_finalize (GObject *object)
{
  SlChecker *self = (SlChecker *)object;

  g_queue_clear (&self->queue);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      free_problems (entry->problems, entry->n_problems);
      g_free (entry->folded);
      g_object_unref (entry->note);
      g_free (entry);
    }
  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->by_note);
  g_ptr_array_unref (self->connections);
  g_ptr_array_unref (self->scenarios);
  g_hash_table_unref (self->specs);
  g_hash_table_unref (self->step_users);
  g_hash_table_unref (self->used);
  g_hash_table_unref (self->events_by_name);
  g_ptr_array_unref (self->scratch);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->targets);
  g_ptr_array_unref (self->hubs);
  g_hash_table_unref (self->name_sets);
  free_problems (self->aggregate_problems, self->n_aggregate_problems);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_checker_parent_class)->finalize (object);
}

static void
sl_checker_class_init (SlCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_checker_dispose;
  object_class->finalize = sl_checker_finalize;

  /**
   * SlChecker::changed:
   *
   * Emitted after an update that changed the problems.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_checker_init (SlChecker *self)
{
  self->entries = g_ptr_array_new ();
  self->by_note = g_hash_table_new (NULL, NULL);
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);
  self->scenarios = g_ptr_array_new_with_free_func (g_object_unref);
  self->specs = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->step_users = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->used = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->events_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  self->scratch = g_ptr_array_new ();
  self->sources = g_ptr_array_new ();
  self->targets = g_ptr_array_new ();
  self->hubs = g_ptr_array_new ();
  self->name_sets = _sl_check_name_sets_new ();
  g_queue_init (&self->queue);
}

/* Gives out @count problems of @problems from *@next, with their
 * references, to *@into. */
static void
hand_out (SlChecker   *self,
          GPtrArray   *problems,
          guint       *next,
          guint        count,
          SlProblem ***into,
          guint       *n_into)
{
  *n_into = count;
  *into = count ? g_memdup2 (problems->pdata + *next, count * sizeof (gpointer)) : NULL;
  count_problems (self, *into, count, +1);
  *next += count;
}

/* The first check of every note is the full check, which goes through
 * the model in one pass much faster than note by note; the entries then
 * share its problems (a note checked again later lets go of its share).
 * The indexes are made as for any update, and the notes' problems come
 * in their order, the aggregates' last. */
static void
first_check (SlChecker *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  Entry *entry;
  guint next = 0;

  while ((entry = g_queue_pop_head (&self->queue)) != NULL)
    {
      entry->queued = FALSE;
      prepare_entry (self, entry);
    }

  problems = sl_check_run (self->document);
  /* The references go to the entries. */
  g_ptr_array_set_free_func (problems, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      guint count = 0;

      entry = g_ptr_array_index (self->entries, i);
      while (next + count < problems->len &&
             sl_problem_get_note (g_ptr_array_index (problems, next + count)) == entry->note)
        count++;
      hand_out (self, problems, &next, count, &entry->problems, &entry->n_problems);
    }
  hand_out (self, problems, &next, problems->len - next, &self->aggregate_problems, &self->n_aggregate_problems);
  g_assert (next == problems->len);

  self->aggregates_dirty = FALSE;
  self->n_rechecked = self->entries->len;
  self->changed = FALSE;
}

/**
 * sl_checker_new:
 *
 * Checks @document and follows its changes.
 *
 * Returns: (transfer full): a checker of @document
 */
SlChecker *
sl_checker_new (SlDocument *document)
{
  SlChecker *self;
  GListModel *notes, *connections, *scenarios;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  self = g_object_new (SL_TYPE_CHECKER, NULL);
  self->document = g_object_ref (document);

  notes = sl_document_get_notes (document);
  connections = sl_document_get_connections (document);
  scenarios = sl_document_get_scenarios (document);
  notes_changed_cb (self, 0, 0, g_list_model_get_n_items (notes), notes);
  /* Every note is queued already: the connections need only mirroring. */
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    g_ptr_array_add (self->connections, g_object_ref (sl_element_list_peek (SL_ELEMENT_LIST (connections), i)));
  scenarios_changed_cb (self, 0, 0, g_list_model_get_n_items (scenarios), scenarios);
  self->aggregates_dirty = TRUE;

  g_signal_connect_object (notes, "items-changed", G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connections, "items-changed", G_CALLBACK (connections_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scenarios, "items-changed", G_CALLBACK (scenarios_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_aggregates (document), "items-changed",
                           G_CALLBACK (aggregates_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "element-changed", G_CALLBACK (element_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "changed", G_CALLBACK (sl_checker_update), self, G_CONNECT_SWAPPED);

  first_check (self);
  return self;
}

/**
 * sl_checker_get_document:
 *
 * Returns: (transfer none): the document checked
 */
SlDocument *
sl_checker_get_document (SlChecker *self)
{
  g_return_val_if_fail (SL_IS_CHECKER (self), NULL);

  return self->document;
}

/**
 * sl_checker_get_problems:
 *
 * Returns: (transfer none) (element-type SlProblem): the problems, in
 *   document order of the notes, rule by rule, then those of the
 *   aggregates; valid until the next change
 */
GPtrArray *
sl_checker_get_problems (SlChecker *self)
{
  guint n;

  g_return_val_if_fail (SL_IS_CHECKER (self), NULL);

  if (!g_queue_is_empty (&self->queue) || self->aggregates_dirty)
    sl_checker_update (self);

  if (self->problems != NULL)
    return self->problems;

  n = self->n_aggregate_problems;
  for (guint i = 0; i < self->entries->len; i++)
    n += ((Entry *) g_ptr_array_index (self->entries, i))->n_problems;

  self->problems = g_ptr_array_new_full (n, (GDestroyNotify) sl_problem_unref);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      for (guint p = 0; p < entry->n_problems; p++)
        g_ptr_array_add (self->problems, sl_problem_ref (entry->problems[p]));
    }
  for (guint p = 0; p < self->n_aggregate_problems; p++)
    g_ptr_array_add (self->problems, sl_problem_ref (self->aggregate_problems[p]));

  return self->problems;
}

/**
 * sl_checker_get_step_status:
 *
 * Returns: how far the document is with @step; see sl_check_get_step_status()
 */
SlStepStatus
sl_checker_get_step_status (SlChecker *self,
                            guint      step)
{
  g_return_val_if_fail (SL_IS_CHECKER (self), SL_STEP_NOT_STARTED);
  g_return_val_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS, SL_STEP_NOT_STARTED);

  if (!g_queue_is_empty (&self->queue) || self->aggregates_dirty)
    sl_checker_update (self);

  return _sl_check_step_status (step, self->kinds, self->n_fields, self->failing[step]);
}

/**
 * sl_checker_get_n_rechecked:
 *
 * Returns: how many notes the last update checked again
 */
guint
sl_checker_get_n_rechecked (SlChecker *self)
{
  g_return_val_if_fail (SL_IS_CHECKER (self), 0);

  return self->n_rechecked;
}
