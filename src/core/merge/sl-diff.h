/* sl-diff.h: what changed between two versions of a model, in its terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_DIFF_ADDED,
  SL_DIFF_REMOVED,
  SL_DIFF_CHANGED,
} SlDiffAction;

typedef struct _SlDiff SlDiff;

SlDiff      *sl_diff_new                (SlDocument   *old_document,
                                         SlDocument   *new_document);
void         sl_diff_free               (SlDiff       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlDiff, sl_diff_free)

gboolean     sl_diff_is_empty           (SlDiff       *self);
guint        sl_diff_get_n_items        (SlDiff       *self);
SlDiffAction sl_diff_item_get_action    (SlDiff       *self,
                                         guint         i);
/* One translated line, in model terms. */
const char  *sl_diff_item_get_text      (SlDiff       *self,
                                         guint         i);
/* The note the item concerns (in the new document, or the old one if
 * removed), or NULL. */
const char  *sl_diff_item_get_note_id   (SlDiff       *self,
                                         guint         i);
/* FALSE: the note did not change. */
gboolean     sl_diff_get_note_action    (SlDiff       *self,
                                         const char   *note_id,
                                         SlDiffAction *action);
/* SlNote* of the old document, for drawing where they were; transfer
 * container. */
GPtrArray   *sl_diff_get_removed_notes  (SlDiff       *self);
/* For people: one line per item. */
char        *sl_diff_to_text            (SlDiff       *self);
/* For machines, built with json-glib. */
char        *sl_diff_to_json            (SlDiff       *self);

/* A listing of one model in the same terms, one element a line in model
 * order, for a line diff (git's textconv). */
char        *sl_diff_describe_document  (SlDocument   *document);

const char  *sl_diff_action_to_string   (SlDiffAction  action);

G_END_DECLS
