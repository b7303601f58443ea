/* sl-note-keys.c: which key adds which kind of note
 *
 * The one table of the keys the board adds notes with: the canvas reads
 * it, the palette shows it on its buttons, and a test holds the shortcuts
 * window (static XML) to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include "sl-note-keys.h"

/* Indexed by SlNoteKind; mostly the kind's initial, else a letter of it. */
static const guint note_keyvals[SL_N_NOTE_KINDS] = {
  [SL_NOTE_EVENT] = GDK_KEY_e,
  [SL_NOTE_COMMAND] = GDK_KEY_c,
  [SL_NOTE_VIEW] = GDK_KEY_v,
  [SL_NOTE_ACTOR] = GDK_KEY_u,
  [SL_NOTE_AGGREGATE] = GDK_KEY_g,
  [SL_NOTE_AUTOMATION] = GDK_KEY_a,
  [SL_NOTE_EXTERNAL] = GDK_KEY_x,
  [SL_NOTE_SCREEN] = GDK_KEY_s,
  [SL_NOTE_HOTSPOT] = GDK_KEY_h,
  [SL_NOTE_COMMENT] = GDK_KEY_n,
};

/**
 * sl_note_kind_get_keyval:
 *
 * Returns: the key (lower case, without modifiers) that adds a note of
 *   @kind on the board
 */
guint
sl_note_kind_get_keyval (SlNoteKind kind)
{
  g_return_val_if_fail (kind < SL_N_NOTE_KINDS, 0);

  return note_keyvals[kind];
}

/**
 * sl_note_kind_from_keyval:
 * @kind: (out): the kind of note @keyval adds
 *
 * Returns: whether @keyval, in either case, adds a note
 */
gboolean
sl_note_kind_from_keyval (guint       keyval,
                          SlNoteKind *kind)
{
  keyval = gdk_keyval_to_lower (keyval);

  for (SlNoteKind k = 0; k < SL_N_NOTE_KINDS; k++)
    if (note_keyvals[k] == keyval)
      {
        *kind = k;
        return TRUE;
      }

  return FALSE;
}
