/* sl-history-private.h: change objects and how the document records them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-history.h"

G_BEGIN_DECLS

typedef struct _SlChange SlChange;

/* A change refers to elements by id, never by pointer to a live object, so
 * it stays right whatever was undone and redone around it. */
typedef struct
{
  void     (*apply)  (SlChange   *change,
                      SlDocument *document);
  void     (*revert) (SlChange   *change,
                      SlDocument *document);
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

SlHistory *_sl_history_new    (SlDocument *document);
/* Applies @change to the document and records it; takes @change. */
void       _sl_history_record (SlHistory  *self,
                               SlChange   *change,
                               const char *label);
gboolean   _sl_history_busy   (SlHistory  *self);

G_END_DECLS
