/* sl-problem.c: what the check finds, and how bad it is
 *
 * A problem is a rule of DOMAIN.md's table (its id, severity and step),
 * the note or aggregate and the field it concerns, and what the rule
 * found about them. Its message and fix, the words for people, are made
 * only when asked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-aggregate.h"
#include "sl-check-private.h"
#include "sl-scenario.h"

static const SlRuleInfo rules[SL_N_RULES] = {
  [SL_RULE_FIELD_NO_ORIGIN] = { "field-no-origin", SL_SEVERITY_ERROR, 8 },
  [SL_RULE_FIELD_NO_DESTINATION] = { "field-no-destination", SL_SEVERITY_WARNING, 8 },
  [SL_RULE_EVENT_NO_CAUSE] = { "event-no-cause", SL_SEVERITY_ERROR, 3 },
  [SL_RULE_COMMAND_NO_EVENT] = { "command-no-event", SL_SEVERITY_ERROR, 3 },
  [SL_RULE_COMMAND_NO_TRIGGER] = { "command-no-trigger", SL_SEVERITY_ERROR, 5 },
  [SL_RULE_COMMAND_NO_FIELDS] = { "command-no-fields", SL_SEVERITY_WARNING, 5 },
  [SL_RULE_VIEW_NO_SOURCE] = { "view-no-source", SL_SEVERITY_ERROR, 6 },
  [SL_RULE_VIEW_UNUSED] = { "view-unused", SL_SEVERITY_WARNING, 6 },
  [SL_RULE_VIEW_NO_FIELDS] = { "view-no-fields", SL_SEVERITY_WARNING, 6 },
  [SL_RULE_AUTOMATION_NO_INPUT] = { "automation-no-input", SL_SEVERITY_WARNING, 6 },
  [SL_RULE_AUTOMATION_NO_COMMAND] = { "automation-no-command", SL_SEVERITY_WARNING, 6 },
  [SL_RULE_NO_AGGREGATE] = { "no-aggregate", SL_SEVERITY_WARNING, 4 },
  [SL_RULE_AGGREGATE_EMPTY] = { "aggregate-empty", SL_SEVERITY_WARNING, 4 },
  [SL_RULE_DUPLICATE_EVENT] = { "duplicate-event", SL_SEVERITY_WARNING, 2 },
  [SL_RULE_EVENT_NOT_PAST_TENSE] = { "event-not-past-tense", SL_SEVERITY_INFO, 2 },
  [SL_RULE_OPEN_HOTSPOT] = { "open-hotspot", SL_SEVERITY_WARNING, 2 },
  [SL_RULE_ILLEGAL_CONNECTION] = { "illegal-connection", SL_SEVERITY_WARNING, 3 },
  [SL_RULE_FLOW_INTO_PAST] = { "flow-into-past", SL_SEVERITY_WARNING, 3 },
  [SL_RULE_NOTE_UNCONNECTED] = { "note-unconnected", SL_SEVERITY_INFO, 3 },
  [SL_RULE_NO_SCENARIO] = { "no-scenario", SL_SEVERITY_WARNING, 7 },
  [SL_RULE_SCENARIO_INVALID] = { "scenario-invalid", SL_SEVERITY_ERROR, 7 },
};

/* A problem keeps what it is about and makes its message and fix only
 * when asked: a large model has hundreds of thousands of problems, and
 * a list shows a few of them. It takes 40 bytes: the rules write
 * millions of them on a large model, and each byte is memory the check
 * touches. What only one rule needs shares its place with what that
 * rule has no use for, and the words asked for are kept by the block. */
struct _SlProblem
{
  SlProblemBlock *block;  /* whose reference count it shares */
  SlNote *note;
  union {
    gpointer subject;     /* the note a connection leads to, the scenario
                           * that is not valid, or the aggregate with no
                           * events: a reference */
    char *origin;         /* field-no-origin (which has no subject): the
                           * name looked for upstream, when not the
                           * field's, interned: a reference */
  };
  union {
    char *field;          /* interned, as field names are: a reference */
    const char *flaw;     /* scenario-invalid (which has no field): why,
                           * untranslated, static */
  };
  guint8 rule;            /* an SlRule */
  guint32 words;          /* 1 + the place of its Words in its block's, or
                           * 0 until its message or fix is asked for */
};

G_STATIC_ASSERT (sizeof (SlProblem) <= 40);

/* The message and the fix of a problem, made when first asked */
typedef struct
{
  char *message;
  char *fix;
  gboolean fix_looked_for;
} Words;

/* The problems of one check (of one note, for SlChecker) are made in one
 * block: made one by one, the hundreds of thousands of a large model
 * cost an allocation, a reference to their note and fresh memory each.
 * A reference to a problem is one to its block, which goes with the last
 * of them. The block references the document, once, and each note once
 * for the problems in a row about it.
 *
 * The block of a whole check (sl_check_run(), not SlChecker's blocks of
 * one note, which are made to fit) is not freed when its last problem
 * goes: the document keeps it, emptied, for its next whole check, which
 * then writes its problems on memory it has touched before. The block
 * of a large model is larger than what the allocator keeps for the
 * next allocation (glibc maps anything over 32 MiB afresh and hands
 * back a heap top over 64 MiB), and every page of fresh memory costs
 * a page fault; the check of 1,000,000 notes then spent a third of its
 * time faulting in its 2,400,000 problems. */
struct _SlProblemBlock
{
  int ref_count;          /* atomic: the references to all its problems */
  guint n_problems;
  guint size;             /* how many it has room for */
  gboolean spare;         /* kept by the document once its problems go */
  SlDocument *document;   /* which holds the notes a fix is looked for in */
  GArray *words;          /* (nullable): Words, of the problems asked */
  SlProblem problems[];
};

static GQuark
spare_block_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("sl-problem-spare-block");
  return quark;
}

static void
problem_block_free (SlProblemBlock *block)
{
  SlDocument *document = block->document;

  for (guint i = 0; i < block->n_problems; i++)
    {
      SlProblem *problem = &block->problems[i];

      if (problem->note != NULL && (i == 0 || block->problems[i - 1].note != problem->note))
        g_object_unref (problem->note);
      /* The names are the fields' own, which may be renamed or go while
       * the problem is kept. */
      if (problem->rule == SL_RULE_FIELD_NO_ORIGIN)
        {
          if (problem->origin != NULL)
            g_ref_string_release (problem->origin);
        }
      else
        g_clear_object (&problem->subject);
      if (problem->rule != SL_RULE_SCENARIO_INVALID && problem->field != NULL)
        g_ref_string_release (problem->field);
    }

  for (guint i = 0; block->words != NULL && i < block->words->len; i++)
    {
      Words *words = &g_array_index (block->words, Words, i);

      g_free (words->message);
      g_free (words->fix);
    }
  g_clear_pointer (&block->words, g_array_unref);

  if (block->spare)
    {
      /* Replaces (and frees) the spare block of a check made before. */
      block->n_problems = 0;
      block->document = NULL;
      g_object_set_qdata_full (G_OBJECT (document), spare_block_quark (), block, g_free);
    }
  else
    g_free (block);
  g_object_unref (document);
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

  return self->rule == SL_RULE_AGGREGATE_EMPTY ? self->subject : NULL;
}

/**
 * sl_problem_get_field:
 *
 * Returns: (nullable): the name of the field the problem concerns
 */
const char *
sl_problem_get_field (SlProblem *self)
{
  g_return_val_if_fail (self, NULL);

  return self->rule == SL_RULE_SCENARIO_INVALID ? NULL : self->field;
}

static char *format_message (SlProblem *self);
static char *find_fix (SlProblem *self);

static Words *
get_words (SlProblem *self)
{
  SlProblemBlock *block = self->block;

  if (self->words == 0)
    {
      if (block->words == NULL)
        block->words = g_array_new (FALSE, TRUE, sizeof (Words));
      g_array_set_size (block->words, block->words->len + 1);
      self->words = block->words->len;
    }
  return &g_array_index (block->words, Words, self->words - 1);
}

/**
 * sl_problem_get_message:
 *
 * Returns: what is wrong and what to do, translated
 */
const char *
sl_problem_get_message (SlProblem *self)
{
  Words *words;

  g_return_val_if_fail (self, NULL);

  words = get_words (self);
  if (words->message == NULL)
    words->message = format_message (self);
  return words->message;
}

/**
 * sl_problem_get_fix:
 *
 * Returns: (nullable): a suggested fix, in words
 */
const char *
sl_problem_get_fix (SlProblem *self)
{
  Words *words;

  g_return_val_if_fail (self, NULL);

  /* Only one rule has fixes: the others' need no Words. */
  if (self->rule != SL_RULE_FIELD_NO_ORIGIN)
    return NULL;

  words = get_words (self);
  if (!words->fix_looked_for)
    {
      words->fix_looked_for = TRUE;
      words->fix = find_fix (self);
    }
  return words->fix;
}

/**
 * _sl_rule_get_info:
 *
 * Returns: (transfer none): the id, severity and step of @rule
 */
const SlRuleInfo *
_sl_rule_get_info (SlRule rule)
{
  g_assert (rule < SL_N_RULES);

  return &rules[rule];
}

/**
 * _sl_problem_sink_add:
 * @field: (nullable): interned, as field names are
 * @subject: (nullable): the note a connection leads to, the scenario
 *   that is not valid, or the aggregate with no events
 * @detail: (nullable): for %SL_RULE_FIELD_NO_ORIGIN, the name looked for
 *   upstream when not the field's, interned; for
 *   %SL_RULE_SCENARIO_INVALID, why, untranslated and static
 *
 * Adds a problem to the block being filled, which grows as needed.
 */
void
_sl_problem_sink_add (SlProblemSink *sink,
                      SlDocument    *document,
                      SlRule         rule,
                      SlNote        *note,
                      const char    *field,
                      gpointer       subject,
                      const char    *detail)
{
  SlProblemBlock *block = sink->block;
  SlProblem *problem;

  if (block == NULL && !sink->fit)
    {
      /* The document's spare block, empty, if it has one */
      block = g_object_steal_qdata (G_OBJECT (document), spare_block_quark ());
      if (block != NULL)
        {
          block->document = g_object_ref (document);
          sink->block = block;
        }
    }

  if (block == NULL || block->n_problems == block->size)
    {
      guint size = block ? block->size * 2 : 4;
      gboolean fresh = block == NULL;

      block = g_realloc (block, sizeof (SlProblemBlock) + size * sizeof (SlProblem));
      if (fresh)
        {
          block->n_problems = 0;
          block->spare = !sink->fit;
          block->document = g_object_ref (document);
          block->words = NULL;
        }
      block->size = size;
      sink->block = block;
    }

  problem = &block->problems[block->n_problems++];
  *problem = (SlProblem) { .note = note, .subject = subject, .field = NULL, .rule = rule };
  switch (rule)
    {
    case SL_RULE_FIELD_NO_ORIGIN:
      g_assert (subject == NULL);
      if (detail != NULL)
        problem->origin = g_ref_string_acquire ((char *) detail);
      break;
    case SL_RULE_SCENARIO_INVALID:
      g_assert (field == NULL);
      problem->flaw = detail;
      field = NULL;
      break;
    default:
      g_assert (detail == NULL);
      break;
    }
  if (field != NULL)
    problem->field = g_ref_string_acquire ((char *) field);
  if (note != NULL && (block->n_problems == 1 || problem[-1].note != note))
    g_object_ref (note);
  if (subject != NULL)
    g_object_ref (subject);
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

static char *
format_message (SlProblem *self)
{
  switch (self->rule)
    {
    case SL_RULE_FIELD_NO_ORIGIN:
      return g_strdup_printf (_("no note before it provides “%s”: add the field where its value comes from, "
                                "or map it to a field that is there"),
                              self->origin ? self->origin : self->field);
    case SL_RULE_FIELD_NO_DESTINATION:
      return g_strdup_printf (_("“%s” goes nowhere: add it to a note after this one, or remove it"), self->field);
    case SL_RULE_EVENT_NO_CAUSE:
      return g_strdup (_("nothing causes this event: connect the command, automation or external system it comes from"));
    case SL_RULE_COMMAND_NO_EVENT:
      return g_strdup (_("this command records no event: connect it to the event it causes"));
    case SL_RULE_COMMAND_NO_TRIGGER:
      return g_strdup (_("nothing triggers this command: connect the screen, actor or automation that issues it"));
    case SL_RULE_COMMAND_NO_FIELDS:
      return g_strdup (_("this command has no fields: add what it carries"));
    case SL_RULE_VIEW_NO_SOURCE:
      return g_strdup (_("no event feeds this view: connect the events it is built from"));
    case SL_RULE_VIEW_UNUSED:
      return g_strdup (_("no screen or automation reads this view: connect it to who uses it"));
    case SL_RULE_VIEW_NO_FIELDS:
      return g_strdup (_("this view has no fields: add what it shows"));
    case SL_RULE_AUTOMATION_NO_INPUT:
      return g_strdup (_("this automation reacts to nothing: connect the event or the to-do view it works from"));
    case SL_RULE_AUTOMATION_NO_COMMAND:
      return g_strdup (_("this automation issues no command: connect it to the command it sends"));
    case SL_RULE_NO_AGGREGATE:
      return g_strdup (_sl_check_is_kind (self->note, SL_NOTE_EVENT)
                       ? _("this event belongs to no aggregate: move it to the lane of its aggregate")
                       : _("this command belongs to no aggregate: connect it to its events, or set its aggregate"));
    case SL_RULE_AGGREGATE_EMPTY:
      return g_strdup_printf (_("the aggregate “%s” has no events: give it its events, or remove it"),
                              sl_aggregate_get_name (self->subject));
    case SL_RULE_DUPLICATE_EVENT:
      return g_strdup (_("another event has the same name: merge the two, or tell them apart"));
    case SL_RULE_EVENT_NOT_PAST_TENSE:
      return g_strdup (_("an event names something that happened: say it in the past tense (“Room Booked”)"));
    case SL_RULE_OPEN_HOTSPOT:
      return g_strdup (_("an open question: resolve it, then remove the hotspot"));
    case SL_RULE_ILLEGAL_CONNECTION:
      {
        SlNote *target = SL_NOTE (self->subject);

        /* Translators: two kinds of notes ("Command", "Event"…), then the text of the second note */
        return g_strdup_printf (_("a %s does not lead to a %s (“%s”): connect the notes the flow passes through"),
                                sl_note_kind_get_label (_sl_note_get_kind (self->note)),
                                sl_note_kind_get_label (_sl_note_get_kind (target)), sl_note_get_text (target));
      }
    case SL_RULE_FLOW_INTO_PAST:
      return g_strdup_printf (_("“%s” stands left of this note, which leads to it: flows run from the past to the future"),
                              sl_note_get_text (SL_NOTE (self->subject)));
    case SL_RULE_NOTE_UNCONNECTED:
      return g_strdup (_("this note is connected to nothing"));
    case SL_RULE_NO_SCENARIO:
      return g_strdup (_("no scenario specifies this note: write a Given/When/Then for it"));
    case SL_RULE_SCENARIO_INVALID:
      return g_strdup_printf (_("the scenario “%s” is not valid: %s"),
                              sl_scenario_get_title (SL_SCENARIO (self->subject)), _(self->flaw));
    case SL_N_RULES:
    default:
      g_assert_not_reached ();
    }
}

/* A field upstream whose name is close to the one missing. */
static char *
find_fix (SlProblem *self)
{
  const char *close;

  if (self->rule != SL_RULE_FIELD_NO_ORIGIN)
    return NULL;

  close = _sl_check_near_miss (self->note, self->origin ? self->origin : self->field);
  if (close == NULL)
    return NULL;

  return g_strdup_printf (_("Rename it to “%s”, or map it to “%s”"), close, close);
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

