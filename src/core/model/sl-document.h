/* sl-document.h: a board: lanes, notes, connections, scenarios, slices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_DOCUMENT (sl_document_get_type ())

G_DECLARE_FINAL_TYPE (SlDocument, sl_document, SL, DOCUMENT, GObject)

SlDocument   *sl_document_new                (void);
void          sl_document_set_id_seed        (SlDocument    *self,
                                              guint32        seed);
SlHistory    *sl_document_get_history        (SlDocument    *self);

const char   *sl_document_get_title          (SlDocument    *self);
const char   *sl_document_get_description    (SlDocument    *self);
guint         sl_document_get_step           (SlDocument    *self);
GListModel   *sl_document_get_aggregates     (SlDocument    *self);
GListModel   *sl_document_get_lanes          (SlDocument    *self);
GListModel   *sl_document_get_slices         (SlDocument    *self);
GListModel   *sl_document_get_notes          (SlDocument    *self);
GListModel   *sl_document_get_connections    (SlDocument    *self);
GListModel   *sl_document_get_scenarios      (SlDocument    *self);
SlElement    *sl_document_lookup             (SlDocument    *self,
                                              const char    *id);
SlNote       *sl_document_lookup_note        (SlDocument    *self,
                                              const char    *id);
SlLane       *sl_document_lookup_lane        (SlDocument    *self,
                                              const char    *id);
int           sl_document_get_lane_position  (SlDocument    *self,
                                              SlLane        *lane);

/* Navigation: not recorded, never marks the document modified. */
void          sl_document_set_step           (SlDocument    *self,
                                              guint          step);

/* Mutations: each is recorded in the document's history. */
void          sl_document_set_title          (SlDocument    *self,
                                              const char    *title);
void          sl_document_set_description    (SlDocument    *self,
                                              const char    *description);

SlAggregate  *sl_document_add_aggregate      (SlDocument    *self,
                                              const char    *name);
void          sl_document_remove_aggregate   (SlDocument    *self,
                                              SlAggregate   *aggregate);
void          sl_document_set_aggregate_name (SlDocument    *self,
                                              SlAggregate   *aggregate,
                                              const char    *name);

SlLane       *sl_document_add_lane           (SlDocument    *self,
                                              SlLaneKind     kind,
                                              const char    *name,
                                              int            position);
SlLane       *sl_document_add_default_lane   (SlDocument    *self);
void          sl_document_remove_lane        (SlDocument    *self,
                                              SlLane        *lane);
void          sl_document_move_lane          (SlDocument    *self,
                                              SlLane        *lane,
                                              guint          position);
void          sl_document_set_lane_name      (SlDocument    *self,
                                              SlLane        *lane,
                                              const char    *name);
void          sl_document_set_lane_kind      (SlDocument    *self,
                                              SlLane        *lane,
                                              SlLaneKind     kind);
void          sl_document_set_lane_aggregate (SlDocument    *self,
                                              SlLane        *lane,
                                              SlAggregate   *aggregate);

SlSlice      *sl_document_add_slice          (SlDocument    *self,
                                              const char    *name,
                                              int            x,
                                              int            width);
void          sl_document_remove_slice       (SlDocument    *self,
                                              SlSlice       *slice);
void          sl_document_set_slice_name     (SlDocument    *self,
                                              SlSlice       *slice,
                                              const char    *name);
void          sl_document_set_slice_status   (SlDocument    *self,
                                              SlSlice       *slice,
                                              SlSliceStatus  status);
void          sl_document_set_slice_range    (SlDocument    *self,
                                              SlSlice       *slice,
                                              int            x,
                                              int            width);

SlNote       *sl_document_add_note           (SlDocument    *self,
                                              SlNoteKind     kind,
                                              SlLane        *lane,
                                              int            x,
                                              int            y,
                                              const char    *text);
void          sl_document_remove_note        (SlDocument    *self,
                                              SlNote        *note);
void          sl_document_set_note_text      (SlDocument    *self,
                                              SlNote        *note,
                                              const char    *text);
void          sl_document_set_note_kind      (SlDocument    *self,
                                              SlNote        *note,
                                              SlNoteKind     kind);
void          sl_document_move_note          (SlDocument    *self,
                                              SlNote        *note,
                                              SlLane        *lane,
                                              int            x,
                                              int            y);
void          sl_document_set_note_aggregate (SlDocument    *self,
                                              SlNote        *note,
                                              SlAggregate   *aggregate);
void          sl_document_set_note_pivotal   (SlDocument    *self,
                                              SlNote        *note,
                                              gboolean       pivotal);

SlField      *sl_document_insert_field       (SlDocument    *self,
                                              SlNote        *note,
                                              int            index,
                                              const char    *name,
                                              SlFieldType    type);
void          sl_document_remove_field       (SlDocument    *self,
                                              SlNote        *note,
                                              guint          index);
void          sl_document_move_field         (SlDocument    *self,
                                              SlNote        *note,
                                              guint          from,
                                              guint          to);
void          sl_document_set_field_name     (SlDocument    *self,
                                              SlNote        *note,
                                              guint          index,
                                              const char    *name);
void          sl_document_set_field_type     (SlDocument    *self,
                                              SlNote        *note,
                                              guint          index,
                                              SlFieldType    type);
void          sl_document_set_field_flags    (SlDocument    *self,
                                              SlNote        *note,
                                              guint          index,
                                              SlFieldFlags   flags);
void          sl_document_set_field_mapping  (SlDocument    *self,
                                              SlNote        *note,
                                              guint          index,
                                              const char    *mapping);
void          sl_document_set_field_example  (SlDocument    *self,
                                              SlNote        *note,
                                              guint          index,
                                              const char    *example);

SlConnection *sl_document_add_connection     (SlDocument    *self,
                                              SlNote        *source,
                                              SlNote        *target);
void          sl_document_remove_connection  (SlDocument    *self,
                                              SlConnection  *connection);
SlConnection *sl_document_find_connection    (SlDocument    *self,
                                              SlNote        *source,
                                              SlNote        *target);
guint         sl_document_get_n_note_connections (SlDocument *self,
                                                  SlNote     *note);
SlConnection *sl_document_get_note_connection    (SlDocument *self,
                                                  SlNote     *note,
                                                  guint       index);

SlScenario   *sl_document_add_scenario       (SlDocument    *self,
                                              SlNote        *note,
                                              const char    *title);
void          sl_document_remove_scenario    (SlDocument    *self,
                                              SlScenario    *scenario);
void          sl_document_set_scenario_title (SlDocument    *self,
                                              SlScenario    *scenario,
                                              const char    *title);
void          sl_document_set_scenario_error (SlDocument    *self,
                                              SlScenario    *scenario,
                                              const char    *error);
void          sl_document_set_scenario_steps (SlDocument    *self,
                                              SlScenario    *scenario,
                                              SlStepPart     part,
                                              SlStep       **steps,
                                              guint          n_steps);

int           sl_document_compare_timeline   (SlDocument    *self,
                                              SlNote        *a,
                                              SlNote        *b);
GPtrArray    *sl_document_get_timeline_slices (SlDocument   *self);
SlSlice      *sl_document_find_slice_at      (SlDocument    *self,
                                              int            x);
SlSlice      *sl_document_get_note_slice     (SlDocument    *self,
                                              SlNote        *note);

G_END_DECLS
