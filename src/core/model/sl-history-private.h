/* sl-history-private.h: change objects and how their owner records them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-history.h"

G_BEGIN_DECLS

typedef struct _SlChange SlChange;

/* A change refers to elements by id, never by pointer to a live object, so
 * it stays right whatever was undone and redone around it. @data is the
 * funcs_data of the history's owner, which the change edits. */
typedef struct
{
  void     (*apply)  (SlChange   *change,
                      gpointer    data);
  void     (*revert) (SlChange   *change,
                      gpointer    data);
  /* Absorbs @next, a change recorded right after @change, if both are
   * edits of the same kind to the same thing. Optional. */
  gboolean (*merge)  (SlChange   *change,
                      SlChange   *next);
  /* Whether the change, merged, changes nothing any more. Optional. */
  gboolean (*is_empty) (SlChange *change);
  void     (*free)   (SlChange   *change);
} SlChangeClass;

struct _SlChange
{
  const SlChangeClass *klass;
};

/* What the history asks of its owner, as GtkTextHistory asks its buffer:
 * the history knows changes, never what they change. */
typedef struct
{
  /* A step was recorded, undone or redone, or a group was cancelled. */
  void (*changed) (gpointer funcs_data);
} SlHistoryFuncs;

/* @funcs_data is handed to @funcs and to every change the history applies
 * or reverts; the owner outlives its history. */
SlHistory *_sl_history_new    (const SlHistoryFuncs *funcs,
                               gpointer              funcs_data);
/* Applies @change to the owner's funcs_data and records it; takes @change. */
void       _sl_history_record (SlHistory  *self,
                               SlChange   *change,
                               const char *label);
gboolean   _sl_history_busy   (SlHistory  *self);

G_END_DECLS
