/* sl-layout.h: where everything of a board stands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stormline-core.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} SlRect;

/* The geometry of a board, in board units (pixels at 100 % zoom). */
#define SL_LAYOUT_SLICE_HEADER_HEIGHT 36.0
#define SL_LAYOUT_LANE_PADDING        20.0
#define SL_LAYOUT_LANE_MIN_HEIGHT     140.0
#define SL_LAYOUT_LANE_HEADER_WIDTH   168.0
#define SL_LAYOUT_HANDLE_RADIUS       7.0
/* Notes snap to a grid of this many units; the keyboard leaves this gap
 * between a note and the next. */
#define SL_LAYOUT_GRID                10
#define SL_LAYOUT_NOTE_GAP            40
/* "Make Room" pushes the timeline right by a column: a card with room
 * around it, as wide as a slice of one step. */
#define SL_LAYOUT_COLUMN_WIDTH        240
/* "Make Room" pushes the timeline right by a column: a card with room
 * around it, as a slice of one step is wide. */
#define SL_LAYOUT_COLUMN_WIDTH        240

/* Where the keyboard goes on the board: along the timeline or across
 * the lanes. */
typedef enum {
  SL_LAYOUT_LEFT,
  SL_LAYOUT_RIGHT,
  SL_LAYOUT_UP,
  SL_LAYOUT_DOWN,
} SlLayoutDirection;

#define SL_TYPE_LAYOUT (sl_layout_get_type ())

G_DECLARE_FINAL_TYPE (SlLayout, sl_layout, SL, LAYOUT, GObject)

typedef gboolean (*SlLayoutForeach) (SlNote       *note,
                                     const SlRect *rect,
                                     gpointer      user_data);
typedef void     (*SlLayoutForeachSlice) (SlSlice  *slice,
                                          guint     index,
                                          gpointer  user_data);

SlLayout   *sl_layout_new               (SlDocument    *document);
SlDocument *sl_layout_get_document      (SlLayout      *self);
void        sl_layout_get_note_size     (SlNoteKind     kind,
                                         double        *width,
                                         double        *height);
void        sl_layout_get_note_rect     (SlLayout      *self,
                                         SlNote        *note,
                                         SlRect        *rect);
void        sl_layout_set_card_heights  (SlLayout      *self,
                                         gconstpointer  owner,
                                         GHashTable    *heights);
void        sl_layout_get_lane_rect     (SlLayout      *self,
                                         SlLane        *lane,
                                         SlRect        *rect);
void        sl_layout_get_bounds        (SlLayout      *self,
                                         SlRect        *rect);
SlLane     *sl_layout_get_lane_at       (SlLayout      *self,
                                         double         y);
SlNote     *sl_layout_get_note_at       (SlLayout      *self,
                                         double         x,
                                         double         y);
void        sl_layout_foreach_note_in   (SlLayout      *self,
                                         const SlRect  *region,
                                         SlLayoutForeach func,
                                         gpointer       user_data);
void        sl_layout_foreach_note_in_any_order (SlLayout        *self,
                                                 const SlRect    *region,
                                                 SlLayoutForeach  func,
                                                 gpointer         user_data);
void        sl_layout_foreach_note      (SlLayout      *self,
                                         SlLayoutForeach func,
                                         gpointer       user_data);
void        sl_layout_foreach_slice_in  (SlLayout      *self,
                                         const SlRect  *region,
                                         SlLayoutForeachSlice func,
                                         gpointer       user_data);
void        sl_layout_get_slice_label   (SlLayout      *self,
                                         SlSlice       *slice,
                                         SlRect        *rect);
SlSlice    *sl_layout_get_slice_at      (SlLayout      *self,
                                         double         x,
                                         double         y);
SlNote     *sl_layout_get_nearest_note  (SlLayout      *self,
                                         SlNote        *note,
                                         SlLayoutDirection direction);
SlNote     *sl_layout_get_lane_end      (SlLayout      *self,
                                         SlLane        *lane,
                                         gboolean       last);
SlNote     *sl_layout_get_next_note     (SlLayout      *self,
                                         SlNote        *note,
                                         gboolean       forward);
void        sl_layout_get_handle        (const SlRect  *note_rect,
                                         double        *x,
                                         double        *y);
SlNoteKind  sl_layout_get_natural_kind  (SlLaneKind     kind);

int         sl_layout_snap_to_grid      (double         value);
SlLane     *sl_layout_get_nearest_lane  (SlLayout      *self,
                                         double         y);
int         sl_layout_get_y_in_lane     (SlLayout      *self,
                                         SlLane        *lane,
                                         double         top);
SlLane     *sl_layout_get_lane_for_kind (SlLayout      *self,
                                         SlNoteKind     kind,
                                         SlLane        *near);
void        sl_layout_place_new_note    (SlLayout      *self,
                                         SlNoteKind     kind,
                                         SlNote        *after,
                                         int            left,
                                         SlLane       **lane,
                                         int           *x,
                                         int           *y);
void        sl_layout_place_note_at     (SlLayout      *self,
                                         SlNoteKind     kind,
                                         double         board_x,
                                         double         board_y,
                                         SlLane       **lane,
                                         int           *x,
                                         int           *y);
int         sl_layout_get_settled_y     (SlLayout      *self,
                                         SlNote        *note,
                                         GHashTable    *moving);

gboolean    sl_rect_intersects          (const SlRect  *a,
                                         const SlRect  *b);
gboolean    sl_rect_contains            (const SlRect  *rect,
                                         double         x,
                                         double         y);

G_END_DECLS
