/* sl-check.c: the rules of DOMAIN.md, the completeness check, the steps
 *
 * Every rule of DOMAIN.md's table is a function of the document that adds
 * problems: the rule's id, its severity and step, the note (or aggregate)
 * and field it concerns, and a message that says what to do. Fields flow
 * along connections and match by name, or by their mapping; the
 * completeness check finds every field with no origin or no destination.
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

typedef enum {
  RULE_FIELD_NO_ORIGIN,
  RULE_FIELD_NO_DESTINATION,
  RULE_EVENT_NO_CAUSE,
  RULE_COMMAND_NO_EVENT,
  RULE_COMMAND_NO_TRIGGER,
  RULE_COMMAND_NO_FIELDS,
  RULE_VIEW_NO_SOURCE,
  RULE_VIEW_UNUSED,
  RULE_VIEW_NO_FIELDS,
  RULE_AUTOMATION_NO_INPUT,
  RULE_AUTOMATION_NO_COMMAND,
  RULE_NO_AGGREGATE,
  RULE_AGGREGATE_EMPTY,
  RULE_DUPLICATE_EVENT,
  RULE_EVENT_NOT_PAST_TENSE,
  RULE_OPEN_HOTSPOT,
  RULE_ILLEGAL_CONNECTION,
  RULE_FLOW_INTO_PAST,
  RULE_NOTE_UNCONNECTED,
  RULE_NO_SCENARIO,
  RULE_SCENARIO_INVALID,
  N_RULES
} Rule;

static const struct {
  const char *id;
  SlSeverity severity;
  guint step;
} rules[N_RULES] = {
  [RULE_FIELD_NO_ORIGIN] = { "field-no-origin", SL_SEVERITY_ERROR, 8 },
  [RULE_FIELD_NO_DESTINATION] = { "field-no-destination", SL_SEVERITY_WARNING, 8 },
  [RULE_EVENT_NO_CAUSE] = { "event-no-cause", SL_SEVERITY_ERROR, 3 },
  [RULE_COMMAND_NO_EVENT] = { "command-no-event", SL_SEVERITY_ERROR, 3 },
  [RULE_COMMAND_NO_TRIGGER] = { "command-no-trigger", SL_SEVERITY_ERROR, 5 },
  [RULE_COMMAND_NO_FIELDS] = { "command-no-fields", SL_SEVERITY_WARNING, 5 },
  [RULE_VIEW_NO_SOURCE] = { "view-no-source", SL_SEVERITY_ERROR, 6 },
  [RULE_VIEW_UNUSED] = { "view-unused", SL_SEVERITY_WARNING, 6 },
  [RULE_VIEW_NO_FIELDS] = { "view-no-fields", SL_SEVERITY_WARNING, 6 },
  [RULE_AUTOMATION_NO_INPUT] = { "automation-no-input", SL_SEVERITY_WARNING, 6 },
  [RULE_AUTOMATION_NO_COMMAND] = { "automation-no-command", SL_SEVERITY_WARNING, 6 },
  [RULE_NO_AGGREGATE] = { "no-aggregate", SL_SEVERITY_WARNING, 4 },
  [RULE_AGGREGATE_EMPTY] = { "aggregate-empty", SL_SEVERITY_WARNING, 4 },
  [RULE_DUPLICATE_EVENT] = { "duplicate-event", SL_SEVERITY_WARNING, 2 },
  [RULE_EVENT_NOT_PAST_TENSE] = { "event-not-past-tense", SL_SEVERITY_INFO, 2 },
  [RULE_OPEN_HOTSPOT] = { "open-hotspot", SL_SEVERITY_WARNING, 2 },
  [RULE_ILLEGAL_CONNECTION] = { "illegal-connection", SL_SEVERITY_WARNING, 3 },
  [RULE_FLOW_INTO_PAST] = { "flow-into-past", SL_SEVERITY_WARNING, 3 },
  [RULE_NOTE_UNCONNECTED] = { "note-unconnected", SL_SEVERITY_INFO, 3 },
  [RULE_NO_SCENARIO] = { "no-scenario", SL_SEVERITY_WARNING, 7 },
  [RULE_SCENARIO_INVALID] = { "scenario-invalid", SL_SEVERITY_ERROR, 7 },
};

/* A problem keeps what it is about and makes its message and fix only
 * when asked: a large model has hundreds of thousands of problems, and
 * a list shows a few of them. */
struct _SlProblem
{
  SlProblemBlock *block;  /* whose reference count it shares */
  SlNote *note;
  gpointer subject;       /* the note a connection leads to, the scenario
                           * that is not valid, or the aggregate with no events */
  char *field;            /* interned, as field names are: a reference */
  const char *detail;     /* field-no-origin: the name looked for upstream,
                           * when not the field's, interned: a reference;
                           * scenario-invalid: why, untranslated, static */
  char *message;
  char *fix;
  guint8 rule;            /* a Rule */
  guint8 fix_looked_for;  /* apart from the rule: it is written when asked */
};

/* The problems of one check (of one note, for SlChecker) are made in one
 * block: made one by one, the hundreds of thousands of a large model
 * cost an allocation, a reference to their note and fresh memory each.
 * A reference to a problem is one to its block, which goes with the last
 * of them. The block references the document, once, and each note once
 * for the problems in a row about it. */
struct _SlProblemBlock
{
  int ref_count;          /* atomic: the references to all its problems */
  guint n_problems;
  guint size;             /* how many it has room for */
  SlDocument *document;   /* field-no-origin: where to look for a fix */
  SlProblem problems[];
};

static void
problem_block_free (SlProblemBlock *block)
{
  for (guint i = 0; i < block->n_problems; i++)
    {
      SlProblem *problem = &block->problems[i];

      if (problem->note != NULL && (i == 0 || block->problems[i - 1].note != problem->note))
        g_object_unref (problem->note);
      g_clear_object (&problem->subject);
      /* The names are the fields' own, which may be renamed or go while
       * the problem is kept. */
      if (problem->field != NULL)
        g_ref_string_release (problem->field);
      if (problem->rule == RULE_FIELD_NO_ORIGIN && problem->detail != NULL)
        g_ref_string_release ((char *) problem->detail);
      g_free (problem->message);
      g_free (problem->fix);
    }
  g_object_unref (block->document);
  g_free (block);
}

G_DEFINE_BOXED_TYPE (SlProblem, sl_problem, sl_problem_ref, sl_problem_unref)

/**
 * sl_problem_ref:
 *
 * A problem shares its reference count with the others of its check: a
 * problem kept keeps them, their notes and the document until it goes.
 * Problems make their message and fix when first asked, so they belong
 * to one thread, as the document does.
 *
 * Returns: @self
 */
SlProblem *
sl_problem_ref (SlProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->block->ref_count);
  return self;
}

void
sl_problem_unref (SlProblem *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_int_dec_and_test (&self->block->ref_count))
    problem_block_free (self->block);
}

const char *sl_problem_get_rule (SlProblem *self) { g_return_val_if_fail (self, NULL); return rules[self->rule].id; }
SlSeverity sl_problem_get_severity (SlProblem *self) { g_return_val_if_fail (self, 0); return rules[self->rule].severity; }
guint sl_problem_get_step (SlProblem *self) { g_return_val_if_fail (self, 0); return rules[self->rule].step; }

/**
 * sl_problem_get_note:
 *
 * Returns: (nullable) (transfer none): the note the problem concerns
 */
SlNote *sl_problem_get_note (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->note; }

/**
 * sl_problem_get_aggregate:
 *
 * Returns: (nullable) (transfer none): the aggregate the problem concerns
 */
SlAggregate *
sl_problem_get_aggregate (SlProblem *self)
{
  g_return_val_if_fail (self, NULL);

  return self->rule == RULE_AGGREGATE_EMPTY ? self->subject : NULL;
}

/**
 * sl_problem_get_field:
 *
 * Returns: (nullable): the name of the field the problem concerns
 */
const char *sl_problem_get_field (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->field; }

static char *format_message (SlProblem *self);
static char *find_fix (SlProblem *self);

/**
 * sl_problem_get_message:
 *
 * Returns: what is wrong and what to do, translated
 */
const char *
sl_problem_get_message (SlProblem *self)
{
  g_return_val_if_fail (self, NULL);

  if (self->message == NULL)
    self->message = format_message (self);
  return self->message;
}

/**
 * sl_problem_get_fix:
 *
 * Returns: (nullable): a suggested fix, in words
 */
const char *
sl_problem_get_fix (SlProblem *self)
{
  g_return_val_if_fail (self, NULL);

  if (!self->fix_looked_for)
    {
      self->fix_looked_for = TRUE;
      self->fix = find_fix (self);
    }
  return self->fix;
}

typedef struct
{
  SlDocument *document;
  const SlCheckIndex *index; /* for the rules; NULL when only following flows */
  SlProblemSink *sink;
  GPtrArray *sources;        /* arrays the rules fill and empty, kept from */
  GPtrArray *targets;        /* note to note so as not to allocate any */
} Check;

/* Adds a problem to the block being filled, which grows as needed; the
 * problem is valid until the next one. */
static SlProblem *
report (Check       *check,
        Rule         rule,
        SlNote      *note,
        const char  *field,
        gpointer     subject)
{
  SlProblemBlock *block = check->sink->block;
  SlProblem *problem;

  if (block == NULL || block->n_problems == block->size)
    {
      guint size = block ? block->size * 2 : 4;
      gboolean fresh = block == NULL;

      block = g_realloc (block, sizeof (SlProblemBlock) + size * sizeof (SlProblem));
      if (fresh)
        {
          block->n_problems = 0;
          block->document = g_object_ref (check->document);
        }
      block->size = size;
      check->sink->block = block;
    }

  problem = &block->problems[block->n_problems++];
  *problem = (SlProblem) { .note = note, .subject = subject, .rule = rule };
  if (field != NULL)
    problem->field = g_ref_string_acquire ((char *) field);
  if (note != NULL && (block->n_problems == 1 || problem[-1].note != note))
    g_object_ref (note);
  if (subject != NULL)
    g_object_ref (subject);
  return problem;
}

/**
 * _sl_problem_sink_seal:
 *
 * Adds the problems of the block being filled to the sink's array, which
 * holds a reference to each, and lets go of the block.
 */
void
_sl_problem_sink_seal (SlProblemSink *sink)
{
  SlProblemBlock *block = sink->block;
  guint first = sink->problems->len;

  if (block == NULL)
    return;

  if (sink->fit)
    {
      block = g_realloc (block, sizeof (SlProblemBlock) + block->n_problems * sizeof (SlProblem));
      block->size = block->n_problems;
    }
  g_atomic_int_set (&block->ref_count, block->n_problems);

  g_ptr_array_set_size (sink->problems, first + block->n_problems);
  for (guint i = 0; i < block->n_problems; i++)
    {
      block->problems[i].block = block;
      sink->problems->pdata[first + i] = &block->problems[i];
    }
  sink->block = NULL;
}

/* Connections */

/* The rules ask the kinds of notes and follow connections hundreds of
 * thousands of times on a large model: they read them through the
 * private accessors, without the type checks of the public getters. */
static gboolean
is_kind (SlNote     *note,
         SlNoteKind  kind)
{
  return _sl_note_get_kind (note) == kind;
}

/* Finds the notes connected into (@incoming) or out of @note, of @kind
 * (or of any kind, for SL_N_NOTE_KINDS), and adds them to @into; with
 * @into %NULL, only says whether there is one. */
static gboolean
find_neighbours (Check      *check,
                 SlNote     *note,
                 gboolean    incoming,
                 SlNoteKind  kind,
                 GPtrArray  *into)
{
  gboolean found = FALSE;

  for (guint i = 0; i < _sl_note_get_n_links (note); i++)
    {
      const SlLink *link = _sl_note_get_link (note, i);
      SlNote *other;

      if (incoming ? link->target != note : link->source != note)
        continue;
      other = incoming ? link->source : link->target;
      if (kind != SL_N_NOTE_KINDS && !is_kind (other, kind))
        continue;
      if (into == NULL)
        return TRUE;
      g_ptr_array_add (into, other);
      found = TRUE;
    }

  return found;
}

static GPtrArray *
neighbours (Check      *check,
            SlNote     *note,
            gboolean    incoming,
            SlNoteKind  kind)
{
  GPtrArray *result = g_ptr_array_new ();

  find_neighbours (check, note, incoming, kind, result);
  return result;
}

/* Runs for every note: asks without making a list. */
static gboolean
has_neighbour (Check      *check,
               SlNote     *note,
               gboolean    incoming,
               SlNoteKind  kind)
{
  return find_neighbours (check, note, incoming, kind, NULL);
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

/* Fields
 *
 * Field names and mappings are interned (see sl-field.c): the names
 * here compare as pointers. */

/* The name under which @field is found upstream: its mapping, if it has one. */
static const char *
source_name (SlField *field)
{
  const char *mapping = _sl_field_get_mapping (field);

  return mapping && !_sl_field_is_calculated (field) ? mapping : _sl_field_get_name (field);
}

/* Whether @note has a field that @name (interned) flows into: by name, or
 * by a field mapped from @name. With @displayed, only displayed screen
 * fields count. */
static gboolean
receives (SlNote     *note,
          const char *name,
          gboolean    displayed_only)
{
  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    {
      SlField *field = _sl_note_get_field (note, i);

      if (displayed_only && !_sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        continue;
      if (source_name (field) == name)
        return TRUE;
    }
  return FALSE;
}

/* Whether @note has a field named @name (interned). */
static gboolean
provides (SlNote     *note,
          const char *name)
{
  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    if (_sl_field_get_name (_sl_note_get_field (note, i)) == name)
      return TRUE;
  return FALSE;
}

static guint
edit_distance (const char *a,
               const char *b)
{
  guint la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (guint j = 0; j <= lb; j++)
    row[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint previous = row[0];

      row[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint saved = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), previous + cost);
          previous = saved;
        }
    }
  return row[lb];
}

/* A field of the @sources whose name is close to @name: "customerID"
 * against "customerId". */
static const char *
near_miss (GPtrArray  *sources,
           const char *name)
{
  gsize length = strlen (name);
  guint allowed = MAX (1, length / 6);

  if (length <= 3)
    return NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      SlNote *source = g_ptr_array_index (sources, i);

      for (guint f = 0; f < _sl_note_get_n_fields (source); f++)
        {
          const char *candidate = _sl_field_get_name (_sl_note_get_field (source, f));
          gsize candidate_length = strlen (candidate);

          /* Names of very different lengths are never near: skip the distance. */
          if (MAX (candidate_length, length) - MIN (candidate_length, length) > allowed)
            continue;
          if (!g_str_equal (candidate, name) && edit_distance (candidate, name) <= allowed)
            return candidate;
        }
    }
  return NULL;
}

/* Adds to @sources the notes the fields of @note can come from (DOMAIN.md,
 * "Origin"). */
static void
find_origin_notes (Check     *check,
                   SlNote    *note,
                   GPtrArray *sources)
{
  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
    case SL_NOTE_AUTOMATION:
      find_neighbours (check, note, TRUE, SL_NOTE_VIEW, sources);
      break;
    case SL_NOTE_COMMAND:
      {
        /* The screens and automations that trigger it, each followed by
         * the views that feed it. */
        for (guint i = 0; i < _sl_note_get_n_links (note); i++)
          {
            const SlLink *link = _sl_note_get_link (note, i);
            SlNote *trigger = link->source;

            if (link->target != note ||
                (!is_kind (trigger, SL_NOTE_SCREEN) && !is_kind (trigger, SL_NOTE_AUTOMATION)))
              continue;
            g_ptr_array_add (sources, trigger);
            find_neighbours (check, trigger, TRUE, SL_NOTE_VIEW, sources);
          }
        break;
      }
    case SL_NOTE_EVENT:
      find_neighbours (check, note, TRUE, SL_NOTE_COMMAND, sources);
      break;
    case SL_NOTE_VIEW:
      find_neighbours (check, note, TRUE, SL_NOTE_EVENT, sources);
      break;
    default:
      break;
    }
}

static GPtrArray *
origin_notes (Check  *check,
              SlNote *note)
{
  GPtrArray *sources = g_ptr_array_new ();

  find_origin_notes (check, note, sources);
  return sources;
}

/* Why @field of @note needs nothing upstream (untranslated), or %NULL
 * when it does. */
static const char *
own_origin (Check   *check,
            SlNote  *note,
            SlField *field)
{
  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
      if (!_sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        return N_("entered by the user");
      break;
    case SL_NOTE_EVENT:
      if (_sl_field_has_flag (field, SL_FIELD_GENERATED))
        return N_("generated");
      if (has_neighbour (check, note, TRUE, SL_NOTE_EXTERNAL))
        return N_("the external system");
      break;
    case SL_NOTE_VIEW:
      if (_sl_field_is_calculated (field))
        return N_("calculated");
      break;
    default:
      break;
    }
  return NULL;
}

static gboolean
has_origin (Check     *check,
            SlNote    *note,
            SlField   *field,
            GPtrArray *sources)
{
  const char *name = source_name (field);

  if (own_origin (check, note, field) != NULL)
    return TRUE;

  for (guint i = 0; i < sources->len; i++)
    if (provides (g_ptr_array_index (sources, i), name))
      return TRUE;

  return FALSE;
}

/* Whether @target, after @note, takes the value of @name (interned). */
static gboolean
takes_value (SlNote     *note,
             SlNote     *target,
             const char *name)
{
  SlNoteKind kind = _sl_note_get_kind (target);

  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
      return kind == SL_NOTE_COMMAND && receives (target, name, FALSE);
    case SL_NOTE_COMMAND:
      return kind == SL_NOTE_EVENT && receives (target, name, FALSE);
    case SL_NOTE_EVENT:
      return kind == SL_NOTE_EXTERNAL ||
             ((kind == SL_NOTE_VIEW || kind == SL_NOTE_AUTOMATION) && receives (target, name, FALSE));
    case SL_NOTE_VIEW:
      return (kind == SL_NOTE_SCREEN && receives (target, name, TRUE)) ||
             (kind == SL_NOTE_AUTOMATION && receives (target, name, FALSE));
    case SL_NOTE_AUTOMATION:
      return kind == SL_NOTE_COMMAND && receives (target, name, FALSE);
    default:
      return FALSE;
    }
}

/* @targets: the notes @note leads to */
static gboolean
has_destination (SlNote    *note,
                 SlField   *field,
                 GPtrArray *targets)
{
  for (guint i = 0; i < targets->len; i++)
    if (takes_value (note, g_ptr_array_index (targets, i), _sl_field_get_name (field)))
      return TRUE;

  return FALSE;
}

static void
check_fields (Check  *check,
              SlNote *note)
{
  GPtrArray *sources = check->sources;
  GPtrArray *targets = check->targets;

  if (!sl_note_kind_has_fields (_sl_note_get_kind (note)) || _sl_note_get_n_fields (note) == 0)
    return;

  g_ptr_array_set_size (sources, 0);
  g_ptr_array_set_size (targets, 0);
  find_origin_notes (check, note, sources);
  find_neighbours (check, note, FALSE, SL_N_NOTE_KINDS, targets);

  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    {
      SlField *field = _sl_note_get_field (note, i);
      const char *name = _sl_field_get_name (field);

      if (!has_origin (check, note, field, sources))
        {
          SlProblem *problem = report (check, RULE_FIELD_NO_ORIGIN, note, name, NULL);

          if (source_name (field) != name)
            problem->detail = g_ref_string_acquire ((char *) source_name (field));
        }

      /* Displayed screen fields end where they are shown. */
      if (is_kind (note, SL_NOTE_SCREEN) && _sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        continue;

      if (!has_destination (note, field, targets))
        report (check, RULE_FIELD_NO_DESTINATION, note, name, NULL);
    }
}

/* Structure */

/* Whether @word, of @length bytes, is one of @words once its ASCII
 * letters are lowered. */
static gboolean
word_in (const char         *word,
         gsize               length,
         const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) == length && g_ascii_strncasecmp (words[i], word, length) == 0)
      return TRUE;
  return FALSE;
}

/* Runs for every event: reads the words of @text in place, without the
 * copies that splitting and lowering them would make. */
static gboolean
looks_past_tense (const char *text)
{
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

  for (const char *word = text;; )
    {
      gsize length = strcspn (word, " _-");

      if ((length > 3 && g_ascii_tolower (word[length - 2]) == 'e' && g_ascii_tolower (word[length - 1]) == 'd') ||
          word_in (word, length, irregular))
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
      if (!has_neighbour (check, note, TRUE, SL_NOTE_COMMAND) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_AUTOMATION) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_EXTERNAL))
        report (check, RULE_EVENT_NO_CAUSE, note, NULL, NULL);
      if (*_sl_note_get_text (note) != 0 && !looks_past_tense (_sl_note_get_text (note)))
        report (check, RULE_EVENT_NOT_PAST_TENSE, note, NULL, NULL);
      if (check->index->duplicate)
        report (check, RULE_DUPLICATE_EVENT, note, NULL, NULL);
      break;

    case SL_NOTE_COMMAND:
      if (!has_neighbour (check, note, FALSE, SL_NOTE_EVENT))
        report (check, RULE_COMMAND_NO_EVENT, note, NULL, NULL);
      if (!has_neighbour (check, note, TRUE, SL_NOTE_SCREEN) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_ACTOR) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_AUTOMATION))
        report (check, RULE_COMMAND_NO_TRIGGER, note, NULL, NULL);
      if (_sl_note_get_n_fields (note) == 0)
        report (check, RULE_COMMAND_NO_FIELDS, note, NULL, NULL);
      break;

    case SL_NOTE_VIEW:
      if (!has_neighbour (check, note, TRUE, SL_NOTE_EVENT))
        report (check, RULE_VIEW_NO_SOURCE, note, NULL, NULL);
      if (!has_neighbour (check, note, FALSE, SL_NOTE_SCREEN) && !has_neighbour (check, note, FALSE, SL_NOTE_AUTOMATION))
        report (check, RULE_VIEW_UNUSED, note, NULL, NULL);
      if (_sl_note_get_n_fields (note) == 0)
        report (check, RULE_VIEW_NO_FIELDS, note, NULL, NULL);
      break;

    case SL_NOTE_AUTOMATION:
      if (!has_neighbour (check, note, TRUE, SL_NOTE_EVENT) && !has_neighbour (check, note, TRUE, SL_NOTE_VIEW))
        report (check, RULE_AUTOMATION_NO_INPUT, note, NULL, NULL);
      if (!has_neighbour (check, note, FALSE, SL_NOTE_COMMAND))
        report (check, RULE_AUTOMATION_NO_COMMAND, note, NULL, NULL);
      break;

    case SL_NOTE_HOTSPOT:
      report (check, RULE_OPEN_HOTSPOT, note, NULL, NULL);
      break;

    default:
      break;
    }

  /* Notes that take part in flows and stand alone. */
  if (!is_kind (note, SL_NOTE_HOTSPOT) && !is_kind (note, SL_NOTE_COMMENT) && !is_kind (note, SL_NOTE_AGGREGATE) &&
      _sl_note_get_n_links (note) == 0)
    report (check, RULE_NOTE_UNCONNECTED, note, NULL, NULL);
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
        report (check, RULE_ILLEGAL_CONNECTION, note, NULL, target);

      if (_sl_note_get_x (target) < _sl_note_get_x (note))
        report (check, RULE_FLOW_INTO_PAST, note, NULL, target);
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
aggregate_of (Check  *check,
              SlNote *note)
{
  g_autoptr(GPtrArray) events = NULL;

  if (is_kind (note, SL_NOTE_EVENT))
    return _sl_check_event_aggregate (note);
  if (sl_note_get_aggregate (note) != NULL || !is_kind (note, SL_NOTE_COMMAND))
    return sl_note_get_aggregate (note);

  events = neighbours (check, note, FALSE, SL_NOTE_EVENT);
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
_sl_check_aggregates (SlDocument *document,
                      GHashTable *used,
                      SlProblemSink *sink)
{
  GListModel *aggregates = sl_document_get_aggregates (document);
  Check check = { document, NULL, sink };

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i);

      if (!g_hash_table_contains (used, aggregate))
        report (&check, RULE_AGGREGATE_EMPTY, NULL, NULL, aggregate);
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
  gboolean command = is_kind (owner, SL_NOTE_COMMAND);

  if (!command && !is_kind (owner, SL_NOTE_VIEW))
    return N_("a scenario specifies a command or a view");

  for (guint s = 0; s < given->len; s++)
    if (!is_kind (step_note (given, s), SL_NOTE_EVENT))
      return N_("its Given holds something other than events");

  if (command)
    {
      if (when->len > 1 || (when->len == 1 && step_note (when, 0) != owner))
        return N_("its When must be the command itself");
      for (guint s = 0; s < then->len; s++)
        if (!is_kind (step_note (then, s), SL_NOTE_EVENT))
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
        report (check, RULE_SCENARIO_INVALID, note, NULL, scenario)->detail = flaw;
    }

  if ((is_kind (note, SL_NOTE_COMMAND) || is_kind (note, SL_NOTE_VIEW)) && (scenarios == NULL || scenarios->len == 0))
    report (check, RULE_NO_SCENARIO, note, NULL, NULL);
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
  Check check = { index->document, index, sink, index->sources, index->targets };

  check_structure (&check, note);
  check_connections (&check, note);
  if ((is_kind (note, SL_NOTE_EVENT) || is_kind (note, SL_NOTE_COMMAND)) && aggregate_of (&check, note) == NULL)
    report (&check, RULE_NO_AGGREGATE, note, NULL, NULL);
  check_scenarios (&check, note);
  check_fields (&check, note);
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

      if (!is_kind (note, SL_NOTE_EVENT))
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
      SlCheckIndex index = { document, FALSE, _sl_note_get_scenarios (note), sources, targets };

      prefetch_ahead (notes, i, n_notes);

      if (is_kind (note, SL_NOTE_EVENT))
        index.duplicate = g_array_index (name_counts, guint, name_of[i]) > 1;

      _sl_check_note (&index, note, &sink);
    }
  _sl_check_aggregates (document, used, &sink);
  _sl_problem_sink_seal (&sink);

  return sink.problems;
}

static char *
format_message (SlProblem *self)
{
  switch (self->rule)
    {
    case RULE_FIELD_NO_ORIGIN:
      return g_strdup_printf (_("no note before it provides “%s”: add the field where its value comes from, "
                                "or map it to a field that is there"),
                              self->detail ? self->detail : self->field);
    case RULE_FIELD_NO_DESTINATION:
      return g_strdup_printf (_("“%s” goes nowhere: add it to a note after this one, or remove it"), self->field);
    case RULE_EVENT_NO_CAUSE:
      return g_strdup (_("nothing causes this event: connect the command, automation or external system it comes from"));
    case RULE_COMMAND_NO_EVENT:
      return g_strdup (_("this command records no event: connect it to the event it causes"));
    case RULE_COMMAND_NO_TRIGGER:
      return g_strdup (_("nothing triggers this command: connect the screen, actor or automation that issues it"));
    case RULE_COMMAND_NO_FIELDS:
      return g_strdup (_("this command has no fields: add what it carries"));
    case RULE_VIEW_NO_SOURCE:
      return g_strdup (_("no event feeds this view: connect the events it is built from"));
    case RULE_VIEW_UNUSED:
      return g_strdup (_("no screen or automation reads this view: connect it to who uses it"));
    case RULE_VIEW_NO_FIELDS:
      return g_strdup (_("this view has no fields: add what it shows"));
    case RULE_AUTOMATION_NO_INPUT:
      return g_strdup (_("this automation reacts to nothing: connect the event or the to-do view it works from"));
    case RULE_AUTOMATION_NO_COMMAND:
      return g_strdup (_("this automation issues no command: connect it to the command it sends"));
    case RULE_NO_AGGREGATE:
      return g_strdup (is_kind (self->note, SL_NOTE_EVENT)
                       ? _("this event belongs to no aggregate: move it to the lane of its aggregate")
                       : _("this command belongs to no aggregate: connect it to its events, or set its aggregate"));
    case RULE_AGGREGATE_EMPTY:
      return g_strdup_printf (_("the aggregate “%s” has no events: give it its events, or remove it"),
                              sl_aggregate_get_name (self->subject));
    case RULE_DUPLICATE_EVENT:
      return g_strdup (_("another event has the same name: merge the two, or tell them apart"));
    case RULE_EVENT_NOT_PAST_TENSE:
      return g_strdup (_("an event names something that happened: say it in the past tense (“Room Booked”)"));
    case RULE_OPEN_HOTSPOT:
      return g_strdup (_("an open question: resolve it, then remove the hotspot"));
    case RULE_ILLEGAL_CONNECTION:
      {
        SlNote *target = SL_NOTE (self->subject);

        return g_strdup_printf (_("a %s does not lead to a %s (“%s”): connect the notes the flow passes through"),
                                sl_note_kind_get_label (_sl_note_get_kind (self->note)),
                                sl_note_kind_get_label (_sl_note_get_kind (target)), sl_note_get_text (target));
      }
    case RULE_FLOW_INTO_PAST:
      return g_strdup_printf (_("“%s” stands left of this note, which leads to it: flows run from the past to the future"),
                              sl_note_get_text (SL_NOTE (self->subject)));
    case RULE_NOTE_UNCONNECTED:
      return g_strdup (_("this note is connected to nothing"));
    case RULE_NO_SCENARIO:
      return g_strdup (_("no scenario specifies this note: write a Given/When/Then for it"));
    case RULE_SCENARIO_INVALID:
      return g_strdup_printf (_("the scenario “%s” is not valid: %s"),
                              sl_scenario_get_title (SL_SCENARIO (self->subject)), _(self->detail));
    case N_RULES:
    default:
      g_assert_not_reached ();
    }
}

/* A field upstream whose name is close to the one missing. */
static char *
find_fix (SlProblem *self)
{
  Check check = { self->block->document, NULL, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  const char *close;

  if (self->rule != RULE_FIELD_NO_ORIGIN)
    return NULL;

  sources = origin_notes (&check, self->note);
  close = near_miss (sources, self->detail ? self->detail : self->field);
  if (close == NULL)
    return NULL;

  return g_strdup_printf (_("Rename it to “%s”, or map it to “%s”"), close, close);
}

static void
append_notes (GString   *text,
              GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      SlNote *other = g_ptr_array_index (notes, i);

      /* Translators: a note in a field's origin or destination: its text and kind */
      g_string_append_printf (text, _("\n  • %s (%s)"), sl_note_get_text (other),
                              sl_note_kind_get_label (_sl_note_get_kind (other)));
    }
}

/**
 * sl_check_describe_field:
 * @note: the note that has @field
 * @field: a field of @note
 *
 * Says where the value of @field comes from and where it goes, as the
 * completeness check sees it: the notes before and after @note that
 * have it, or why it needs none.
 *
 * Returns: (transfer full): a translated text of a few lines
 */
char *
sl_check_describe_field (SlDocument *document,
                         SlNote     *note,
                         SlField    *field)
{
  Check check = { document, NULL, NULL };
  g_autoptr(GPtrArray) origins = NULL;
  g_autoptr(GPtrArray) destinations = g_ptr_array_new ();
  g_autoptr(GPtrArray) targets = NULL;
  GString *text = g_string_new (NULL);
  const char *own;
  gboolean shown;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  /* A displayed screen field ends where it is shown. */
  shown = is_kind (note, SL_NOTE_SCREEN) && _sl_field_has_flag (field, SL_FIELD_DISPLAYED);

  if (!sl_note_kind_has_fields (_sl_note_get_kind (note)))
    return g_string_free (text, FALSE);

  origins = sl_check_get_field_origins (document, note, field, &own);
  targets = neighbours (&check, note, FALSE, SL_N_NOTE_KINDS);
  for (guint i = 0; i < targets->len; i++)
    if (takes_value (note, g_ptr_array_index (targets, i), _sl_field_get_name (field)))
      g_ptr_array_add (destinations, g_ptr_array_index (targets, i));

  /* Translators: the first line of a field's tooltip: its name, then where it comes from */
  g_string_append_printf (text, _("“%s” comes from:"), _sl_field_get_name (field));
  if (own != NULL)
    g_string_append_printf (text, "\n  • %s", own);
  append_notes (text, origins);
  if (own == NULL && origins->len == 0)
    g_string_append_printf (text, "\n  • %s", _("nowhere: no note before this one has it"));

  g_string_append_printf (text, "\n%s", _("It goes to:"));
  if (shown)
    g_string_append_printf (text, "\n  • %s", _("the user, who sees it on this screen"));
  append_notes (text, destinations);
  if (destinations->len == 0 && !shown)
    g_string_append_printf (text, "\n  • %s", _("nowhere: no note after this one takes it"));

  return g_string_free (text, FALSE);
}

/**
 * sl_check_get_upstream_names:
 * @note: a note
 *
 * Lists the names of the fields that the notes before @note have, where
 * the fields of @note can take their values from: what to offer when a
 * field of @note is named or mapped.
 *
 * Returns: (transfer full): the names, each once, in the order of the
 *   notes and their fields
 */
GStrv
sl_check_get_upstream_names (SlDocument *document,
                             SlNote     *note)
{
  Check check = { document, NULL, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  sources = origin_notes (&check, note);
  for (guint i = 0; i < sources->len; i++)
    {
      SlNote *source = g_ptr_array_index (sources, i);

      for (guint f = 0; f < _sl_note_get_n_fields (source); f++)
        {
          const char *name = _sl_field_get_name (_sl_note_get_field (source, f));

          if (g_hash_table_add (seen, (gpointer) name))
            g_strv_builder_add (names, name);
        }
    }

  return g_strv_builder_end (names);
}

guint
sl_check_get_rule_step (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].id, rule) == 0)
      return rules[i].step;
  return 0;
}

const char *
sl_check_get_step_name (guint step)
{
  switch (step)
    {
    case 1: return _("Collect Domain Events");
    case 2: return _("Refine Domain Events");
    case 3: return _("Track Causes");
    case 4: return _("Aggregation");
    case 5: return _("Identify Inputs");
    case 6: return _("Identify Outputs");
    case 7: return _("Elaborate Scenarios");
    case 8: return _("Completeness Check");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * _sl_check_step_status:
 * @kinds: how many notes of each kind there are
 * @n_failing: how many errors and warnings the rules of @step find
 *
 * A step is done when what it is about exists and none of its rules finds
 * an error or a warning (hints do not count); not started when there is
 * nothing yet for it to be about.
 */
SlStepStatus
_sl_check_step_status (guint        step,
                       const guint *kinds,
                       guint        n_scenarios,
                       guint        n_failing)
{
  guint subjects;

  switch (step)
    {
    case 1: case 2: case 3: case 4:
      subjects = kinds[SL_NOTE_EVENT];
      break;
    case 5:
      subjects = kinds[SL_NOTE_COMMAND];
      break;
    case 6:
      subjects = kinds[SL_NOTE_VIEW];
      break;
    case 7:
      subjects = n_scenarios;
      break;
    default:
      subjects = kinds[SL_NOTE_COMMAND] + kinds[SL_NOTE_EVENT] + kinds[SL_NOTE_VIEW];
      break;
    }

  if (subjects == 0)
    return SL_STEP_NOT_STARTED;
  return n_failing > 0 ? SL_STEP_IN_PROGRESS : SL_STEP_DONE;
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
  guint n_failing = 0;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), SL_STEP_NOT_STARTED);
  g_return_val_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS, SL_STEP_NOT_STARTED);

  notes = sl_document_get_notes (document);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    kinds[_sl_note_get_kind (sl_element_list_peek (SL_ELEMENT_LIST (notes), i))]++;

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      n_failing += sl_problem_get_step (problem) == step && sl_problem_get_severity (problem) >= SL_SEVERITY_WARNING;
    }

  return _sl_check_step_status (step, kinds, g_list_model_get_n_items (sl_document_get_scenarios (document)),
                                n_failing);
}

const char *
sl_severity_to_string (SlSeverity severity)
{
  switch (severity)
    {
    case SL_SEVERITY_INFO: return "info";
    case SL_SEVERITY_WARNING: return "warning";
    case SL_SEVERITY_ERROR: return "error";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
sl_severity_from_string (const char *str,
                         SlSeverity *severity)
{
  for (SlSeverity s = SL_SEVERITY_INFO; s <= SL_SEVERITY_ERROR; s++)
    if (g_strcmp0 (str, sl_severity_to_string (s)) == 0)
      {
        *severity = s;
        return TRUE;
      }
  return FALSE;
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
 * sl_check_get_field_origins:
 * @note: the note that has @field
 * @field: a field of @note
 * @own_reason: (out) (optional) (nullable) (transfer none): where to put
 *   why @field needs nothing upstream ("generated", "calculated"...),
 *   translated, or %NULL when it does
 *
 * Says where the value of @field comes from, as the completeness check
 * sees it: the field has an origin when @own_reason is set or when the
 * result is not empty.
 *
 * Returns: (transfer container) (element-type SlNote): the notes before
 *   @note that provide the value, by the field's name or its mapping
 */
GPtrArray *
sl_check_get_field_origins (SlDocument  *document,
                            SlNote      *note,
                            SlField     *field,
                            const char **own_reason)
{
  Check check = { document, NULL, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  GPtrArray *origins;
  const char *own;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (SL_IS_FIELD (field), NULL);

  origins = g_ptr_array_new ();
  own = own_origin (&check, note, field);
  if (own_reason != NULL)
    *own_reason = own != NULL ? _(own) : NULL;

  if (!sl_note_kind_has_fields (_sl_note_get_kind (note)))
    return origins;

  sources = origin_notes (&check, note);
  for (guint i = 0; i < sources->len; i++)
    if (provides (g_ptr_array_index (sources, i), source_name (field)))
      g_ptr_array_add (origins, g_ptr_array_index (sources, i));

  return origins;
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
  Check check = { document, NULL, NULL };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  return aggregate_of (&check, note);
}
