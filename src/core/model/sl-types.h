/* sl-types.h: forward declarations and the enumerations of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _SlAggregate  SlAggregate;
typedef struct _SlConnection SlConnection;
typedef struct _SlDocument   SlDocument;
typedef struct _SlElement    SlElement;
typedef struct _SlField      SlField;
typedef struct _SlHistory    SlHistory;
typedef struct _SlLane       SlLane;
typedef struct _SlNote       SlNote;
typedef struct _SlScenario   SlScenario;
typedef struct _SlSlice      SlSlice;
typedef struct _SlStep       SlStep;

/* The note kinds of DOMAIN.md's legend, in the legend's order. */
typedef enum {
  SL_NOTE_EVENT,
  SL_NOTE_COMMAND,
  SL_NOTE_VIEW,
  SL_NOTE_ACTOR,
  SL_NOTE_AGGREGATE,
  SL_NOTE_AUTOMATION,
  SL_NOTE_EXTERNAL,
  SL_NOTE_SCREEN,
  SL_NOTE_HOTSPOT,
  SL_NOTE_COMMENT,
} SlNoteKind;

#define SL_N_NOTE_KINDS (SL_NOTE_COMMENT + 1)

typedef enum {
  SL_LANE_UNSORTED,
  SL_LANE_ACTOR,
  SL_LANE_AUTOMATION,
  SL_LANE_INTERACTION,
  SL_LANE_EVENTS,
  SL_LANE_EXTERNAL,
} SlLaneKind;

#define SL_N_LANE_KINDS (SL_LANE_EXTERNAL + 1)

typedef enum {
  SL_FIELD_STRING,
  SL_FIELD_BOOLEAN,
  SL_FIELD_INT,
  SL_FIELD_LONG,
  SL_FIELD_DOUBLE,
  SL_FIELD_DECIMAL,
  SL_FIELD_DATE,
  SL_FIELD_DATE_TIME,
  SL_FIELD_UUID,
  SL_FIELD_CUSTOM,
} SlFieldType;

#define SL_N_FIELD_TYPES (SL_FIELD_CUSTOM + 1)

typedef enum {
  SL_SLICE_PLANNED,
  SL_SLICE_IN_PROGRESS,
  SL_SLICE_DONE,
} SlSliceStatus;

#define SL_N_SLICE_STATUSES (SL_SLICE_DONE + 1)

typedef enum {
  SL_FIELD_GENERATED = 1 << 0, /* made by the system: ids, timestamps */
  SL_FIELD_LIST      = 1 << 1, /* holds a list of values */
  SL_FIELD_OPTIONAL  = 1 << 2, /* may be absent */
  SL_FIELD_DISPLAYED = 1 << 3, /* on a screen: shown, not entered */
} SlFieldFlags;

#define SL_FIELD_ALL_FLAGS (SL_FIELD_GENERATED | SL_FIELD_LIST | SL_FIELD_OPTIONAL | SL_FIELD_DISPLAYED)

/* The scenario parts a step can stand in. */
typedef enum {
  SL_STEP_GIVEN,
  SL_STEP_WHEN,
  SL_STEP_THEN,
} SlStepPart;

#define SL_N_STEP_PARTS (SL_STEP_THEN + 1)

/* What changed in an element, as SlDocument::element-changed reports it. */
typedef enum {
  SL_CHANGED_TEXT      = 1 << 0, /* a note's text, a lane's, slice's or aggregate's name, a scenario's title */
  SL_CHANGED_KIND      = 1 << 1, /* a note's or lane's kind */
  SL_CHANGED_POSITION  = 1 << 2, /* a note's lane, x or y; a slice's x or width */
  SL_CHANGED_AGGREGATE = 1 << 3, /* a note's or lane's aggregate */
  SL_CHANGED_FLAGS     = 1 << 4, /* a note's pivotal flag, a slice's status */
  SL_CHANGED_FIELDS    = 1 << 5, /* a note's fields */
  SL_CHANGED_CONTENT   = 1 << 6, /* a scenario's note, steps or error */
} SlChangeFlags;

/* The eight steps of the process run from 1 to SL_N_PROCESS_STEPS. */
#define SL_N_PROCESS_STEPS 8

/* The range of board coordinates, in board units (pixels at 100 % zoom). */
#define SL_COORD_MAX 10000000

#define SL_TYPE_NOTE_KIND (sl_note_kind_get_type ())
#define SL_TYPE_LANE_KIND (sl_lane_kind_get_type ())
#define SL_TYPE_FIELD_TYPE (sl_field_type_get_type ())
#define SL_TYPE_SLICE_STATUS (sl_slice_status_get_type ())

GType        sl_note_kind_get_type      (void) G_GNUC_CONST;
GType        sl_lane_kind_get_type      (void) G_GNUC_CONST;
GType        sl_field_type_get_type     (void) G_GNUC_CONST;
GType        sl_slice_status_get_type   (void) G_GNUC_CONST;

/* The names used in files (stable, never translated) */
const char  *sl_note_kind_to_string     (SlNoteKind     kind);
gboolean     sl_note_kind_from_string   (const char    *str,
                                         SlNoteKind    *kind);
const char  *sl_lane_kind_to_string     (SlLaneKind     kind);
gboolean     sl_lane_kind_from_string   (const char    *str,
                                         SlLaneKind    *kind);
const char  *sl_field_type_to_string    (SlFieldType    type);
gboolean     sl_field_type_from_string  (const char    *str,
                                         SlFieldType   *type);
const char  *sl_slice_status_to_string  (SlSliceStatus  status);
gboolean     sl_slice_status_from_string (const char   *str,
                                          SlSliceStatus *status);

/* The names shown to people (translated) */
const char  *sl_note_kind_get_label     (SlNoteKind     kind);
const char  *sl_lane_kind_get_label     (SlLaneKind     kind);
const char  *sl_slice_status_get_label  (SlSliceStatus  status);

gboolean     sl_note_kind_has_fields    (SlNoteKind     kind);
SlLaneKind   sl_note_kind_get_lane_kind (SlNoteKind     kind);
void         sl_note_kind_get_size      (SlNoteKind     kind,
                                         int           *width,
                                         int           *height);

G_END_DECLS
