/* sl-document-private.h: what the document's files share, and what the
 * loaders use
 *
 * The document is split over sl-document.c (the object, its lists and the
 * index by id), sl-document-changes.c (the changes its history applies and
 * reverts), sl-document-board.c (aggregates, lanes, slices, scenarios) and
 * sl-document-notes.c (notes, fields, connections). Only they read the
 * fields of SlDocument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-document.h"
#include "sl-element-list.h"
#include "sl-history-private.h"

G_BEGIN_DECLS

/* The slices in timeline order, to find the one that holds a note by a
 * binary search (sl-document-timeline.c). */
typedef struct _SlTimelineIndex SlTimelineIndex;

struct _SlDocument
{
  GObject parent_instance;

  char *title;
  char *description;
  guint step;

  SlElementList *aggregates;
  SlElementList *lanes;
  SlElementList *slices;
  SlElementList *notes;
  SlElementList *connections;
  SlElementList *scenarios;
  GHashTable *by_id;      /* id -> SlElement, borrowed from the stores */
  SlTimelineIndex *timeline; /* (nullable): made when asked, dropped when a slice changes */

  SlHistory *history;
  GRand *rand;
};

void      _sl_timeline_index_free            (SlTimelineIndex *index);

/* A handler of the document's signals that edits while the history
 * applies a change is refused: the change would not be recorded. */
#define SL_DOCUMENT_RETURN_IF_BUSY(self) \
  g_return_if_fail (!_sl_history_busy ((self)->history))
#define SL_DOCUMENT_RETURN_VAL_IF_BUSY(self, val) \
  g_return_val_if_fail (!_sl_history_busy ((self)->history), val)

/* For loaders: not recorded. Takes an array of elements of one type, in
 * file order, with unique ids that no element of the document has yet. */
void      _sl_document_take_loaded           (SlDocument *self,
                                              GPtrArray  *elements);
void      _sl_document_set_loaded_properties (SlDocument *self,
                                              const char *title,
                                              const char *description,
                                              guint       step);

/* sl-document.c */
char     *_sl_document_new_id                (SlDocument *self);
gboolean  _sl_document_contains              (SlDocument *self,
                                              gpointer    element);
guint     _sl_document_find_position         (SlDocument *self,
                                              SlElement  *element);
/* The element with @id, which must be in the document. */
gpointer  _sl_document_lookup_live           (SlDocument *self,
                                              const char *id);
/* The primitive mutations, for the changes only. */
void      _sl_document_insert_element        (SlDocument *self,
                                              SlElement  *element,
                                              guint       position);
void      _sl_document_remove_element        (SlDocument *self,
                                              SlElement  *element,
                                              guint       position);
void      _sl_document_emit_element_changed  (SlDocument *self,
                                              gpointer    element,
                                              guint       what);
void      _sl_document_assign_properties     (SlDocument *self,
                                              const char *title,
                                              const char *description);

/* sl-document-changes.c: each applies a change through the history and
 * records it. */
void      _sl_document_record_insert         (SlDocument *self,
                                              gpointer    element,
                                              guint       position,
                                              gboolean    insert,
                                              const char *label);
void      _sl_document_record_update         (SlDocument *self,
                                              gpointer    element,
                                              SlElement  *new_state,
                                              const char *label);
void      _sl_document_record_move_lane      (SlDocument *self,
                                              SlLane     *lane,
                                              guint       from,
                                              guint       to,
                                              const char *label);
void      _sl_document_record_field_insert   (SlDocument *self,
                                              SlNote     *note,
                                              guint       index,
                                              SlField    *field,
                                              gboolean    insert,
                                              const char *label);
void      _sl_document_record_field_update   (SlDocument *self,
                                              SlNote     *note,
                                              guint       index,
                                              SlField    *state,
                                              const char *label);
void      _sl_document_record_field_move     (SlDocument *self,
                                              SlNote     *note,
                                              guint       from,
                                              guint       to,
                                              const char *label);
void      _sl_document_record_properties     (SlDocument *self,
                                              const char *title,
                                              const char *description,
                                              const char *label);

G_END_DECLS
