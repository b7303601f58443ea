/* sl-check-private.h: the rules, one note at a time, for SlChecker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-check.h"
#include "sl-document.h"

G_BEGIN_DECLS

typedef struct _SlProblemBlock SlProblemBlock;

/* Where the rules put the problems they find. The problems are made in
 * blocks (see sl-check.c) and added to @problems when the block that
 * holds them is sealed. A block grows as problems come, to twice what
 * it needs at most: SlChecker keeps a block for each note, which it
 * has made to fit (@fit); sl_check_run() makes one, which goes with its
 * result and is left as it grew, where the allocator finds it again for
 * the next check without touching fresh memory. */
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
} SlCheckIndex;

char        *_sl_check_fold_name       (const char         *text);
SlAggregate *_sl_check_event_aggregate (SlNote             *event);
void         _sl_check_note            (const SlCheckIndex *index,
                                        SlNote             *note,
                                        SlProblemSink      *sink);
void         _sl_check_aggregates      (SlDocument         *document,
                                        GHashTable         *used,
                                        SlProblemSink      *sink);
void         _sl_problem_sink_seal     (SlProblemSink      *sink);
SlStepStatus _sl_check_step_status     (guint               step,
                                        const guint        *kinds,
                                        guint               n_scenarios,
                                        guint               n_failing);

G_END_DECLS
