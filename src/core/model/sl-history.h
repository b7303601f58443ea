/* sl-history.h: the undo and redo of a document's changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_HISTORY (sl_history_get_type ())

G_DECLARE_FINAL_TYPE (SlHistory, sl_history, SL, HISTORY, GObject)

#define SL_HISTORY_DEFAULT_MAX_DEPTH 1000

void        sl_history_begin_group  (SlHistory  *self,
                                     const char *label);
void        sl_history_end_group    (SlHistory  *self);
void        sl_history_cancel_group (SlHistory  *self);
gboolean    sl_history_in_group     (SlHistory  *self);
gboolean    sl_history_undo         (SlHistory  *self);
gboolean    sl_history_redo         (SlHistory  *self);
gboolean    sl_history_can_undo     (SlHistory  *self);
gboolean    sl_history_can_redo     (SlHistory  *self);
const char *sl_history_get_undo_label (SlHistory *self);
const char *sl_history_get_redo_label (SlHistory *self);
guint       sl_history_get_n_undo   (SlHistory  *self);
guint       sl_history_get_n_redo   (SlHistory  *self);
void        sl_history_seal         (SlHistory  *self);
void        sl_history_set_save_point (SlHistory *self);
void        sl_history_clear_save_point (SlHistory *self);
gboolean    sl_history_get_modified (SlHistory  *self);
guint       sl_history_get_max_depth (SlHistory *self);
void        sl_history_set_max_depth (SlHistory *self,
                                      guint      max_depth);
void        sl_history_clear        (SlHistory  *self);

G_END_DECLS
