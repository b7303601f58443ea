/* sl-note-keys.h: which key adds which kind of note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

#include "stormline-core.h"

G_BEGIN_DECLS

guint    sl_note_kind_get_keyval  (SlNoteKind  kind);
gboolean sl_note_kind_from_keyval (guint       keyval,
                                   SlNoteKind *kind);

G_END_DECLS
