/* sl-note.h: a coloured note on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-element.h"

G_BEGIN_DECLS

#define SL_TYPE_NOTE (sl_note_get_type ())

G_DECLARE_FINAL_TYPE (SlNote, sl_note, SL, NOTE, SlElement)

SlNoteKind   sl_note_get_kind      (SlNote     *self);
const char  *sl_note_get_text      (SlNote     *self);
SlLane      *sl_note_get_lane      (SlNote     *self);
int          sl_note_get_x         (SlNote     *self);
int          sl_note_get_y         (SlNote     *self);
SlAggregate *sl_note_get_aggregate (SlNote     *self);
gboolean     sl_note_get_pivotal   (SlNote     *self);
guint        sl_note_get_n_fields  (SlNote     *self);
SlField     *sl_note_get_field     (SlNote     *self,
                                    guint       index);
SlField     *sl_note_find_field    (SlNote     *self,
                                    const char *name,
                                    guint      *index);

G_END_DECLS
