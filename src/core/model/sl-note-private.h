/* sl-note-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-note.h"

G_BEGIN_DECLS

/* A connection as its notes keep it: with its ends, so that the check
 * follows the connections of a note in one array, without reading each
 * connection. */
typedef struct
{
  SlConnection *connection;
  SlNote *source;
  SlNote *target;
} SlLink;

/* In this header for the check, which reads notes hundreds of thousands
 * of times: through _sl_note_get_*() below, without the type checks of
 * the public getters. Nothing else reads or writes them directly. */
struct _SlNote
{
  SlElement parent_instance;

  char *text;
  SlLane *lane;
  SlAggregate *aggregate;
  /* Created with the first field: most notes of a Storming have none. */
  GPtrArray *fields;
  /* The connections of the note in its document, both ways, as SlLinks,
   * or NULL when it has none: kept by the document (see
   * _sl_note_add_link()). */
  GArray *links;
  /* The scenarios that specify the note in its document, in the order of
   * their ids, or NULL when it has none: kept by the document too (see
   * _sl_note_add_scenario()). */
  GPtrArray *scenarios;
  int x;
  int y;
  SlNoteKind kind : 8;
  guint pivotal : 1;
};

static inline SlNoteKind
_sl_note_get_kind (SlNote *self)
{
  return self->kind;
}

static inline const char *
_sl_note_get_text (SlNote *self)
{
  return self->text;
}

static inline int
_sl_note_get_x (SlNote *self)
{
  return self->x;
}

static inline guint
_sl_note_get_n_fields (SlNote *self)
{
  return self->fields ? self->fields->len : 0;
}

static inline SlField *
_sl_note_get_field (SlNote *self,
                    guint   index)
{
  return g_ptr_array_index (self->fields, index);
}

static inline guint
_sl_note_get_n_links (SlNote *self)
{
  return self->links ? self->links->len : 0;
}

static inline const SlLink *
_sl_note_get_link (SlNote *self,
                   guint   index)
{
  return &g_array_index (self->links, SlLink, index);
}

/* (nullable) (element-type SlScenario) */
static inline GPtrArray *
_sl_note_get_scenarios (SlNote *self)
{
  return self->scenarios;
}

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
/* For the document, which keeps the connections of its notes on them */
void    _sl_note_add_link      (SlNote       *self,
                                SlConnection *connection);
void    _sl_note_remove_link   (SlNote       *self,
                                SlConnection *connection);
void    _sl_note_clear_links   (SlNote       *self);
/* For the document, which keeps the scenarios of its notes on them */
void    _sl_note_add_scenario    (SlNote     *self,
                                  SlScenario *scenario);
void    _sl_note_remove_scenario (SlNote     *self,
                                  SlScenario *scenario);
void    _sl_note_clear_scenarios (SlNote     *self);

G_END_DECLS
