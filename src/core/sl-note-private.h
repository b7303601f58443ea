/* sl-note-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-note.h"

G_BEGIN_DECLS

SlNote *_sl_note_new           (char        *id,
                                SlNoteKind   kind,
                                SlLane      *lane);
void    _sl_note_set_kind      (SlNote      *self,
                                SlNoteKind   kind);
void    _sl_note_set_text      (SlNote      *self,
                                const char  *text);
void    _sl_note_take_text     (SlNote      *self,
                                char        *text);
void    _sl_note_set_position  (SlNote      *self,
                                SlLane      *lane,
                                int          x,
                                int          y);
void    _sl_note_set_aggregate (SlNote      *self,
                                SlAggregate *aggregate);
void    _sl_note_set_pivotal   (SlNote      *self,
                                gboolean     pivotal);
/* These change the live list of fields: the document notifies. */
void    _sl_note_insert_field  (SlNote      *self,
                                guint        index,
                                SlField     *field);
void    _sl_note_remove_field  (SlNote      *self,
                                guint        index);
void    _sl_note_move_field    (SlNote      *self,
                                guint        from,
                                guint        to);

G_END_DECLS
