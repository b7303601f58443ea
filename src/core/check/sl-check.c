/* sl-check.c: the rules of DOMAIN.md, the check of a document, the steps
 *
 * Every rule of DOMAIN.md's table is a function of the document that adds
 * problems (sl-problem.c): the rule, the note (or aggregate) it concerns
 * and what it found. The rules about the structure of the board, its
 * connections, aggregates and scenarios are here; those of fields flowing
 * along connections, the completeness check, in sl-check-flow.c. The
 * check of a whole document runs them note by note; SlChecker runs them
 * again for the notes that change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-aggregate.h"
#include "sl-check-private.h"
#include "sl-document.h"
#include "sl-element-list-private.h"
#include "sl-field-private.h"
#include "sl-lane.h"
#include "sl-note-private.h"
#include "sl-scenario-private.h"
#include "sl-step-private.h"

typedef struct
{
  SlDocument *document;
  const SlCheckIndex *index;
  SlProblemSink *sink;
} Check;

static void
report (Check    *check,
        SlRule    rule,
        SlNote   *note,
        gpointer  subject)
{
  _sl_problem_sink_add (check->sink, check->document, rule, note, NULL, subject, NULL);
}

/* Connections */

static GPtrArray *
neighbours (SlNote     *note,
            gboolean    incoming,
            SlNoteKind  kind)
{
  GPtrArray *result = g_ptr_array_new ();

  _sl_check_find_neighbours (note, incoming, kind, result);
  return result;
}

/* Runs for every note: asks without making a list. */
static gboolean
has_neighbour (SlNote     *note,
               gboolean    incoming,
               SlNoteKind  kind)
{
  return _sl_check_find_neighbours (note, incoming, kind, NULL);
}

static gboolean
legal_connection (SlNoteKind from,
                  SlNoteKind to)
{
  switch (from)
    {
    case SL_NOTE_SCREEN:
    case SL_NOTE_ACTOR:
      return to == SL_NOTE_COMMAND;
    case SL_NOTE_AUTOMATION:
      return to == SL_NOTE_COMMAND;
    case SL_NOTE_COMMAND:
      return to == SL_NOTE_EVENT;
    case SL_NOTE_EXTERNAL:
      return to == SL_NOTE_EVENT;
    case SL_NOTE_EVENT:
      return to == SL_NOTE_VIEW || to == SL_NOTE_AUTOMATION || to == SL_NOTE_EXTERNAL;
    case SL_NOTE_VIEW:
      return to == SL_NOTE_SCREEN || to == SL_NOTE_AUTOMATION;
    default:
      return FALSE;
    }
}

/**
 * sl_check_is_legal_connection:
 *
 * Returns: whether an arrow from a note of kind @source to one of kind
 * @target is one the rules allow
 */
gboolean
sl_check_is_legal_connection (SlNoteKind source,
                              SlNoteKind target)
{
  return legal_connection (source, target);
}

/* Structure */

/* Past participles that do not end in "ed". */
static const char * const irregular[] = {
  "paid", "sent", "made", "built", "sold", "held", "left", "won", "lost", "bought", "taken", "given",
  "done", "seen", "known", "shown", "written", "chosen", "begun", "broken", "drawn", "driven",
  "fallen", "forgotten", "frozen", "hidden", "ridden", "risen", "spoken", "stolen", "thrown",
  "worn", "brought", "caught", "taught", "thought", "found", "kept", "laid", "led", "lent", "meant",
  "met", "put", "read", "said", "set", "shut", "spent", "stood", "told", "understood", "cut",
  "hit", "let", "quit", "split", "spread", "begun", "became", "came", "went", "gone", "got", "gotten",
  "withdrawn", "undone", "rebuilt", "resent", "reset", "rewritten", "overpaid", "prepaid", "dealt",
  NULL
};

/* No irregular word is longer. */
#define IRREGULAR_MAX_LENGTH 10

static gpointer
make_irregular_set (gpointer data)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; irregular[i] != NULL; i++)
    {
      g_assert (strlen (irregular[i]) <= IRREGULAR_MAX_LENGTH);
      g_hash_table_add (set, (char *) irregular[i]);
    }
  return set;
}

/* Whether @word, of @length bytes, is an irregular past participle once
 * its ASCII letters are lowered: one lookup, whatever the list's length
 * (the text of a note can hold millions of words). */
static gboolean
is_irregular (const char *word,
              gsize       length)
{
  static GOnce once = G_ONCE_INIT;
  char lower[IRREGULAR_MAX_LENGTH + 1];

  if (length > IRREGULAR_MAX_LENGTH)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    lower[i] = g_ascii_tolower (word[i]);
  lower[length] = 0;
  return g_hash_table_contains (g_once (&once, make_irregular_set, NULL), lower);
}

/* Runs for every event: reads the words of @text in place, without the
 * copies that splitting and lowering them would make. */
static gboolean
looks_past_tense (const char *text)
{
  for (const char *word = text;; )
    {
      gsize length = strcspn (word, " _-");

      if ((length > 3 && g_ascii_tolower (word[length - 2]) == 'e' && g_ascii_tolower (word[length - 1]) == 'd') ||
          is_irregular (word, length))
        return TRUE;
      if (word[length] == 0)
        return FALSE;
      word += length + 1;
    }
}

static void
check_structure (Check  *check,
                 SlNote *note)
{
  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_EVENT:
      if (!has_neighbour (note, TRUE, SL_NOTE_COMMAND) &&
          !has_neighbour (note, TRUE, SL_NOTE_AUTOMATION) &&
          !has_neighbour (note, TRUE, SL_NOTE_EXTERNAL))
        report (check, SL_RULE_EVENT_NO_CAUSE, note, NULL);
      if (*_sl_note_get_text (note) != 0 && !looks_past_tense (_sl_note_get_text (note)))
        report (check, SL_RULE_EVENT_NOT_PAST_TENSE, note, NULL);
      if (check->index->duplicate)
        report (check, SL_RULE_DUPLICATE_EVENT, note, NULL);
      break;

    case SL_NOTE_COMMAND:
      if (!has_neighbour (note, FALSE, SL_NOTE_EVENT))
        report (check, SL_RULE_COMMAND_NO_EVENT, note, NULL);
      if (!has_neighbour (note, TRUE, SL_NOTE_SCREEN) &&
          !has_neighbour (note, TRUE, SL_NOTE_ACTOR) &&
          !has_neighbour (note, TRUE, SL_NOTE_AUTOMATION))
        report (check, SL_RULE_COMMAND_NO_TRIGGER, note, NULL);
      if (_sl_note_get_n_fields (note) == 0)
        report (check, SL_RULE_COMMAND_NO_FIELDS, note, NULL);
      break;

    case SL_NOTE_VIEW:
      if (!has_neighbour (note, TRUE, SL_NOTE_EVENT))
        report (check, SL_RULE_VIEW_NO_SOURCE, note, NULL);
      if (!has_neighbour (note, FALSE, SL_NOTE_SCREEN) && !has_neighbour (note, FALSE, SL_NOTE_AUTOMATION))
        report (check, SL_RULE_VIEW_UNUSED, note, NULL);
      if (_sl_note_get_n_fields (note) == 0)
        report (check, SL_RULE_VIEW_NO_FIELDS, note, NULL);
      break;

    case SL_NOTE_AUTOMATION:
      if (!has_neighbour (note, TRUE, SL_NOTE_EVENT) && !has_neighbour (note, TRUE, SL_NOTE_VIEW))
        report (check, SL_RULE_AUTOMATION_NO_INPUT, note, NULL);
      if (!has_neighbour (note, FALSE, SL_NOTE_COMMAND))
        report (check, SL_RULE_AUTOMATION_NO_COMMAND, note, NULL);
      break;

    case SL_NOTE_HOTSPOT:
      report (check, SL_RULE_OPEN_HOTSPOT, note, NULL);
      break;

    default:
      break;
    }

  /* Notes that take part in flows and stand alone. */
  if (!_sl_check_is_kind (note, SL_NOTE_HOTSPOT) &&
      !_sl_check_is_kind (note, SL_NOTE_COMMENT) &&
      !_sl_check_is_kind (note, SL_NOTE_AGGREGATE) &&
      _sl_note_get_n_links (note) == 0)
    report (check, SL_RULE_NOTE_UNCONNECTED, note, NULL);
}

/* The connections out of @note */
static void
check_connections (Check  *check,
                   SlNote *note)
{
  for (guint i = 0; i < _sl_note_get_n_links (note); i++)
    {
      const SlLink *link = _sl_note_get_link (note, i);
      SlNote *target = link->target;

      if (link->source != note)
        continue;

      if (!legal_connection (_sl_note_get_kind (note), _sl_note_get_kind (target)))
        report (check, SL_RULE_ILLEGAL_CONNECTION, note, target);

      if (_sl_note_get_x (target) < _sl_note_get_x (note))
        report (check, SL_RULE_FLOW_INTO_PAST, note, target);
    }
}

/**
 * _sl_check_event_aggregate:
 *
 * Returns: (nullable) (transfer none): the aggregate of @event: its own,
 *   or its lane's
 */
SlAggregate *
_sl_check_event_aggregate (SlNote *event)
{
  if (sl_note_get_aggregate (event) != NULL)
    return sl_note_get_aggregate (event);

  return sl_lane_get_aggregate (sl_note_get_lane (event));
}

/* A command belongs to the aggregate of the events it records. */
static SlAggregate *
aggregate_of (SlNote *note)
{
  g_autoptr(GPtrArray) events = NULL;

  if (_sl_check_is_kind (note, SL_NOTE_EVENT))
    return _sl_check_event_aggregate (note);
  if (sl_note_get_aggregate (note) != NULL || !_sl_check_is_kind (note, SL_NOTE_COMMAND))
    return sl_note_get_aggregate (note);

  events = neighbours (note, FALSE, SL_NOTE_EVENT);
  for (guint i = 0; i < events->len; i++)
    {
      SlAggregate *aggregate = _sl_check_event_aggregate (g_ptr_array_index (events, i));

      if (aggregate != NULL)
        return aggregate;
    }
  return NULL;
}

/**
 * _sl_check_aggregates:
 * @used: (element-type SlAggregate guint): how many events each aggregate has
 *
 * Adds the problems of the aggregates, in their order, to @into.
 */
void
_sl_check_aggregates (SlDocument    *document,
                      GHashTable    *used,
                      SlProblemSink *sink)
{
  GListModel *aggregates = sl_document_get_aggregates (document);
  Check check = { document, NULL, sink };

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i);

      if (!g_hash_table_contains (used, aggregate))
        report (&check, SL_RULE_AGGREGATE_EMPTY, NULL, aggregate);
    }
}

/* Sets @folded to @text as duplicate events are compared. */
static void
fold_name (const char *text,
           GString    *folded)
{
  g_autofree char *lower = NULL;
  const char *p;

  /* Casefolding leaves nothing but ASCII letters changed in ASCII text,
   * which most names are: they need no copy. */
  for (p = text; *p && (guchar) *p < 0x80; p++)
    ;
  if (*p != 0)
    text = lower = g_utf8_casefold (text, -1);

  g_string_truncate (folded, 0);
  for (p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (folded, g_ascii_tolower (*p));
}

/**
 * _sl_check_fold_name:
 *
 * Returns: (transfer full): @text as duplicate events are compared: case
 *   and spaces folded
 */
char *
_sl_check_fold_name (const char *text)
{
  GString *folded = g_string_new (NULL);

  fold_name (text, folded);
  return g_string_free (folded, FALSE);
}

/* Whether @note has a field named @name: step values name fields with
 * strings of their own, not interned. */
static gboolean
has_field_named (SlNote     *note,
                 const char *name)
{
  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    if (strcmp (_sl_field_get_name (_sl_note_get_field (note, i)), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
step_values_fit (SlStep *step)
{
  SlNote *note = _sl_step_get_note (step);

  for (guint i = 0; i < _sl_step_get_n_values (step); i++)
    if (!has_field_named (note, _sl_step_get_value_name (step, i)))
      return FALSE;
  return TRUE;
}

/* The note of step @index of @steps */
static SlNote *
step_note (GPtrArray *steps,
           guint      index)
{
  return _sl_step_get_note (g_ptr_array_index (steps, index));
}

/* Why @scenario is not valid (untranslated), or %NULL. Runs for every
 * scenario of a model: reads scenarios and steps through their private
 * accessors, without the type checks of the public getters. */
static const char *
scenario_flaw (SlScenario *scenario)
{
  SlNote *owner = _sl_scenario_get_note (scenario);
  GPtrArray *given = _sl_scenario_get_steps (scenario, SL_STEP_GIVEN);
  GPtrArray *when = _sl_scenario_get_steps (scenario, SL_STEP_WHEN);
  GPtrArray *then = _sl_scenario_get_steps (scenario, SL_STEP_THEN);
  const char *error = _sl_scenario_get_error (scenario);
  gboolean command = _sl_check_is_kind (owner, SL_NOTE_COMMAND);

  if (!command && !_sl_check_is_kind (owner, SL_NOTE_VIEW))
    return N_("a scenario specifies a command or a view");

  for (guint s = 0; s < given->len; s++)
    if (!_sl_check_is_kind (step_note (given, s), SL_NOTE_EVENT))
      return N_("its Given holds something other than events");

  if (command)
    {
      if (when->len > 1 || (when->len == 1 && step_note (when, 0) != owner))
        return N_("its When must be the command itself");
      for (guint s = 0; s < then->len; s++)
        if (!_sl_check_is_kind (step_note (then, s), SL_NOTE_EVENT))
          return N_("its Then holds something other than events");
      if (error != NULL && then->len > 0)
        return N_("it ends in events and in an error at once");
      if (error == NULL && then->len == 0)
        return N_("its Then is empty: say which events result, or which error");
    }
  else
    {
      if (when->len > 0)
        return N_("a view’s scenario has no When");
      if (error != NULL)
        return N_("a view’s scenario has no error outcome");
      if (then->len != 1 || step_note (then, 0) != owner)
        return N_("its Then must be the view itself");
    }

  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    {
      GPtrArray *steps = _sl_scenario_get_steps (scenario, part);

      for (guint s = 0; s < steps->len; s++)
        if (!step_values_fit (g_ptr_array_index (steps, s)))
          return N_("a step gives a value for a field its note does not have");
    }

  return NULL;
}

static void
check_scenarios (Check  *check,
                 SlNote *note)
{
  GPtrArray *scenarios = check->index->scenarios;

  for (guint i = 0; scenarios != NULL && i < scenarios->len; i++)
    {
      SlScenario *scenario = g_ptr_array_index (scenarios, i);
      const char *flaw = scenario_flaw (scenario);

      if (flaw != NULL)
        _sl_problem_sink_add (check->sink, check->document, SL_RULE_SCENARIO_INVALID, note, NULL, scenario, flaw);
    }

  if ((_sl_check_is_kind (note, SL_NOTE_COMMAND) || _sl_check_is_kind (note, SL_NOTE_VIEW)) &&
      (scenarios == NULL || scenarios->len == 0))
    report (check, SL_RULE_NO_SCENARIO, note, NULL);
}

/**
 * _sl_check_note:
 *
 * Runs every rule about @note and adds its problems to @into, rule by
 * rule: its structure, the connections out of it, its aggregate, its
 * scenarios, and its fields.
 */
void
_sl_check_note (const SlCheckIndex *index,
                SlNote             *note,
                SlProblemSink      *sink)
{
  Check check = { index->document, index, sink };

  check_structure (&check, note);
  check_connections (&check, note);
  if ((_sl_check_is_kind (note, SL_NOTE_EVENT) || _sl_check_is_kind (note, SL_NOTE_COMMAND)) &&
      aggregate_of (note) == NULL)
    report (&check, SL_RULE_NO_AGGREGATE, note, NULL);
  check_scenarios (&check, note);
  _sl_check_fields (index, note, sink);
}

/* A large model's notes, and what they point to, lie scattered in
 * memory, and the rules wait on memory more than they compute (by
 * `perf`, most of their time went to cache misses). So while one note
 * is checked, those a few places ahead are fetched in stages, each
 * reading what the stage before brought into the cache: the note, the
 * headers of its arrays, their contents, the neighbours, fields and
 * scenarios these hold, then the arrays of those. A prefetch never
 * faults, and changes nothing the rules find. This reads the arrays of
 * the notes directly: it only takes addresses from them. */
#ifdef __GNUC__
#define PREFETCH(address) __builtin_prefetch (address)
#else
#define PREFETCH(address) ((void) (address))
#endif

static void
prefetch_ahead (SlNote **notes,
                guint    i,
                guint    n_notes)
{
  SlNote *ahead;

  if (i + 16 < n_notes)
    PREFETCH (notes[i + 16]);

  if (i + 12 < n_notes)
    {
      ahead = notes[i + 12];
      PREFETCH (ahead->links);
      PREFETCH (ahead->fields);
      PREFETCH (ahead->scenarios);
    }

  if (i + 8 < n_notes)
    {
      ahead = notes[i + 8];
      if (ahead->links != NULL)
        PREFETCH (ahead->links->data);
      if (ahead->fields != NULL)
        PREFETCH (ahead->fields->pdata);
      if (ahead->scenarios != NULL)
        PREFETCH (ahead->scenarios->pdata);
    }

  if (i + 4 < n_notes)
    {
      ahead = notes[i + 4];
      for (guint l = 0; l < _sl_note_get_n_links (ahead); l++)
        {
          PREFETCH (_sl_note_get_link (ahead, l)->source);
          PREFETCH (_sl_note_get_link (ahead, l)->target);
        }
      for (guint f = 0; f < _sl_note_get_n_fields (ahead); f++)
        PREFETCH (_sl_note_get_field (ahead, f));
      for (guint s = 0; ahead->scenarios != NULL && s < ahead->scenarios->len; s++)
        PREFETCH (g_ptr_array_index (ahead->scenarios, s));
    }

  /* The fields of the neighbours, which the completeness check matches,
   * and the steps of the scenarios */
  if (i + 2 < n_notes)
    {
      ahead = notes[i + 2];
      for (guint l = 0; l < _sl_note_get_n_links (ahead); l++)
        {
          const SlLink *link = _sl_note_get_link (ahead, l);

          PREFETCH ((link->source == ahead ? link->target : link->source)->fields);
        }
      for (guint s = 0; ahead->scenarios != NULL && s < ahead->scenarios->len; s++)
        for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
          PREFETCH (_sl_scenario_get_steps (g_ptr_array_index (ahead->scenarios, s), part));
    }
}

/**
 * sl_check_run:
 *
 * Runs every rule of DOMAIN.md on @document.
 *
 * Returns: (transfer container) (element-type SlProblem): the problems, in
 *   document order of the notes, rule by rule, then those of the
 *   aggregates; they share one block (see sl_problem_ref())
 */
GPtrArray *
sl_check_run (SlDocument *document)
{
  SlNote **notes;
  guint n_notes;
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) name_counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *name_of = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) hubs = g_ptr_array_new ();
  g_autoptr(GHashTable) name_sets = _sl_check_name_sets_new ();
  SlProblemSink sink = { NULL, NULL, FALSE };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  /* The same rules as SlChecker, on an index made for one pass: the
   * events counted by name. Nothing is kept for the changes to come,
   * which only the checker follows. */
  notes = (SlNote **) _sl_element_list_get_items (SL_ELEMENT_LIST (sl_document_get_notes (document)))->pdata;
  n_notes = g_list_model_get_n_items (sl_document_get_notes (document));

  /* name_of[i]: the position in name_counts of the name of the i-th note, an event */
  name_of = g_new (guint, n_notes);
  for (guint i = 0; i < n_notes; i++)
    {
      SlNote *note = notes[i];
      gpointer position;
      SlAggregate *aggregate;

      /* Fetched ahead as in prefetch_ahead(), for the names of the events */
      if (i + 8 < n_notes)
        PREFETCH (notes[i + 8]);
      if (i + 4 < n_notes)
        PREFETCH (notes[i + 4]->text);

      if (!_sl_check_is_kind (note, SL_NOTE_EVENT))
        continue;

      fold_name (_sl_note_get_text (note), folded);
      if (!g_hash_table_lookup_extended (names, folded->str, NULL, &position))
        {
          position = GUINT_TO_POINTER (name_counts->len);
          g_hash_table_insert (names, g_strdup (folded->str), position);
          g_array_set_size (name_counts, name_counts->len + 1);
          g_array_index (name_counts, guint, name_counts->len - 1) = 0;
        }
      name_of[i] = GPOINTER_TO_UINT (position);
      g_array_index (name_counts, guint, name_of[i])++;

      aggregate = _sl_check_event_aggregate (note);
      if (aggregate != NULL)
        g_hash_table_add (used, aggregate);
    }

  sink.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_problem_unref);
  for (guint i = 0; i < n_notes; i++)
    {
      SlNote *note = notes[i];
      SlCheckIndex index = { document, FALSE, _sl_note_get_scenarios (note), sources, targets, hubs, name_sets };

      prefetch_ahead (notes, i, n_notes);

      if (_sl_check_is_kind (note, SL_NOTE_EVENT))
        index.duplicate = g_array_index (name_counts, guint, name_of[i]) > 1;

      _sl_check_note (&index, note, &sink);
    }
  _sl_check_aggregates (document, used, &sink);
  _sl_problem_sink_seal (&sink);

  return sink.problems;
}

guint
sl_check_get_rule_step (const char *rule)
{
  for (SlRule i = 0; i < SL_N_RULES; i++)
    if (g_strcmp0 (_sl_rule_get_info (i)->id, rule) == 0)
      return _sl_rule_get_info (i)->step;
  return 0;
}

/**
 * _sl_check_step_status:
 * @kinds: how many notes of each kind there are
 * @n_fields: how many fields the notes have, all together
 * @n_failing: how many errors and warnings the rules of @step find
 *
 * A step is about what its "done when" speaks of (DOMAIN.md): events for
 * steps 1 to 3, commands and events for step 4, commands for step 5,
 * views for step 6, commands and views for step 7, fields for step 8.
 * It is done when some of that exists and none of its rules finds an
 * error or a warning (hints do not count): a step about nothing yet is
 * never done. It is not started while there is nothing for it to be about
 * and nothing it finds (an open hotspot before any event starts step 2).
 */
SlStepStatus
_sl_check_step_status (guint        step,
                       const guint *kinds,
                       guint        n_fields,
                       guint        n_failing)
{
  guint subjects;

  switch (step)
    {
    case 1: case 2: case 3:
      subjects = kinds[SL_NOTE_EVENT];
      break;
    case 4:
      subjects = kinds[SL_NOTE_COMMAND] + kinds[SL_NOTE_EVENT];
      break;
    case 5:
      subjects = kinds[SL_NOTE_COMMAND];
      break;
    case 6:
      subjects = kinds[SL_NOTE_VIEW];
      break;
    case 7:
      subjects = kinds[SL_NOTE_COMMAND] + kinds[SL_NOTE_VIEW];
      break;
    default:
      subjects = n_fields;
      break;
    }

  if (n_failing > 0)
    return SL_STEP_IN_PROGRESS;
  return subjects > 0 ? SL_STEP_DONE : SL_STEP_NOT_STARTED;
}

/**
 * sl_check_get_step_status:
 * @problems: (element-type SlProblem): what sl_check_run() found
 *
 * Says how far @document is with @step, from the @problems of its rules;
 * see _sl_check_step_status().
 */
SlStepStatus
sl_check_get_step_status (SlDocument *document,
                          GPtrArray  *problems,
                          guint       step)
{
  GListModel *notes;
  guint kinds[SL_N_NOTE_KINDS] = { 0, };
  guint n_fields = 0;
  guint n_failing = 0;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), SL_STEP_NOT_STARTED);
  g_return_val_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS, SL_STEP_NOT_STARTED);

  notes = sl_document_get_notes (document);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      kinds[_sl_note_get_kind (note)]++;
      n_fields += _sl_note_get_n_fields (note);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      n_failing += sl_problem_get_step (problem) == step && sl_problem_get_severity (problem) >= SL_SEVERITY_WARNING;
    }

  return _sl_check_step_status (step, kinds, n_fields, n_failing);
}

const char *
sl_step_status_to_string (SlStepStatus status)
{
  switch (status)
    {
    case SL_STEP_NOT_STARTED: return "not-started";
    case SL_STEP_IN_PROGRESS: return "in-progress";
    case SL_STEP_DONE: return "done";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * sl_check_get_aggregate:
 * @note: a note
 *
 * The aggregate @note belongs to, as the check sees it: its own, its
 * lane's for an event, its events' for a command.
 *
 * Returns: (nullable) (transfer none): the aggregate
 */
SlAggregate *
sl_check_get_aggregate (SlDocument *document,
                        SlNote     *note)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  return aggregate_of (note);
}
