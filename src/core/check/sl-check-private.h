/* sl-check-private.h: the rules, one note at a time, for SlChecker; the
 * problems they make, and the flows of fields they follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-check.h"
#include "sl-document.h"
#include "sl-note-private.h"

G_BEGIN_DECLS

/* The rules of DOMAIN.md's table, in its order. */
typedef enum {
  SL_RULE_FIELD_NO_ORIGIN,
  SL_RULE_FIELD_NO_DESTINATION,
  SL_RULE_EVENT_NO_CAUSE,
  SL_RULE_COMMAND_NO_EVENT,
  SL_RULE_COMMAND_NO_TRIGGER,
  SL_RULE_COMMAND_NO_FIELDS,
  SL_RULE_VIEW_NO_SOURCE,
  SL_RULE_VIEW_UNUSED,
  SL_RULE_VIEW_NO_FIELDS,
  SL_RULE_AUTOMATION_NO_INPUT,
  SL_RULE_AUTOMATION_NO_COMMAND,
  SL_RULE_NO_AGGREGATE,
  SL_RULE_AGGREGATE_EMPTY,
  SL_RULE_DUPLICATE_EVENT,
  SL_RULE_EVENT_NOT_PAST_TENSE,
  SL_RULE_OPEN_HOTSPOT,
  SL_RULE_ILLEGAL_CONNECTION,
  SL_RULE_FLOW_INTO_PAST,
  SL_RULE_NOTE_UNCONNECTED,
  SL_RULE_NO_SCENARIO,
  SL_RULE_SCENARIO_INVALID,
  SL_N_RULES
} SlRule;

typedef struct
{
  const char *id;
  SlSeverity severity;
  guint step;
} SlRuleInfo;

typedef struct _SlProblemBlock SlProblemBlock;

/* Where the rules put the problems they find. The problems are made in
 * blocks (see sl-problem.c) and added to @problems when the block that
 * holds them is sealed. A block grows as problems come, to twice what
 * it needs at most: SlChecker keeps a block for each note, which it
 * has made to fit (@fit); sl_check_run() makes one, which goes with its
 * result and is left as it grew, and which the document keeps, emptied,
 * when its problems go: the next check of the document fills it again
 * without touching fresh memory. */
typedef struct
{
  GPtrArray *problems;   /* (element-type SlProblem) */
  SlProblemBlock *block; /* the block being filled, or NULL */
  gboolean fit;          /* seal blocks at the size of their problems */
} SlProblemSink;

/* What the rules about one note need to know of the others: the
 * document, and what sl_check_run() and SlChecker each index their own
 * way. */
typedef struct
{
  SlDocument *document;
  gboolean duplicate;   /* an event whose name another event has too */
  GPtrArray *scenarios; /* (nullable): the SlScenarios that specify the note, by id */
  GPtrArray *sources;   /* empty arrays the rules fill, kept from note to */
  GPtrArray *targets;   /* note so that checking a note allocates none */
  GPtrArray *hubs;
  GHashTable *name_sets; /* (nullable): the sets of names of the notes with
                          * many fields, made as the check needs them and
                          * valid while the document does not change (see
                          * sl-check-flow.c) */
} SlCheckIndex;

/* The rules ask the kinds of notes and follow connections hundreds of
 * thousands of times on a large model: they read them through the
 * private accessors, without the type checks of the public getters. */
static inline gboolean
_sl_check_is_kind (SlNote     *note,
                   SlNoteKind  kind)
{
  return _sl_note_get_kind (note) == kind;
}

/* sl-problem.c */
const SlRuleInfo *_sl_rule_get_info           (SlRule              rule);
void              _sl_problem_sink_add        (SlProblemSink      *sink,
                                               SlDocument         *document,
                                               SlRule              rule,
                                               SlNote             *note,
                                               const char         *field,
                                               gpointer            subject,
                                               const char         *detail);
void              _sl_problem_sink_seal       (SlProblemSink      *sink);

/* sl-check-flow.c */
gboolean          _sl_check_find_neighbours   (SlNote             *note,
                                               gboolean            incoming,
                                               SlNoteKind          kind,
                                               GPtrArray          *into);
void              _sl_check_fields            (const SlCheckIndex *index,
                                               SlNote             *note,
                                               SlProblemSink      *sink);
const char       *_sl_check_near_miss         (SlNote             *note,
                                               const char         *name);
GHashTable       *_sl_check_name_sets_new     (void);

/* sl-check.c */
char             *_sl_check_fold_name         (const char         *text);
SlAggregate      *_sl_check_event_aggregate   (SlNote             *event);
void              _sl_check_note              (const SlCheckIndex *index,
                                               SlNote             *note,
                                               SlProblemSink      *sink);
void              _sl_check_aggregates        (SlDocument         *document,
                                               GHashTable         *used,
                                               SlProblemSink      *sink);
SlStepStatus      _sl_check_step_status       (guint               step,
                                               const guint        *kinds,
                                               guint               n_fields,
                                               guint               n_failing);

G_END_DECLS
