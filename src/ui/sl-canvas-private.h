/* sl-canvas-private.h: what the files of SlCanvas share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-canvas.h"
#include "sl-renderer.h"

G_BEGIN_DECLS

typedef enum {
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_RUBBER_BAND,
  DRAG_PAN,
  DRAG_CONNECT,
  DRAG_SLICE_RESIZE,
} DragMode;

typedef struct
{
  SlLane *lane;
  int x;
  int y;
} Origin;

struct _SlCanvas
{
  GtkWidget parent_instance;

  SlDocument *document;
  SlLayout *layout;
  SlRenderer *renderer;

  double origin_x;        /* the board point at the widget's top left */
  double origin_y;
  double zoom;
  double zoom_at_pinch;

  GHashTable *selection;  /* of SlNote */
  SlConnection *selected_connection; /* only while no note is selected */
  gboolean confirm_removals; /* ask before a removal that breaks something */
  SlNote *anchor;         /* where the keyboard adds the next note */
  SlNote *focus;          /* the note the keyboard is on */
  SlLane *focus_lane;     /* else the lane whose header it is on */
  SlNote *connect_source; /* a connection the keyboard began, to the focus */
  gboolean keyboard_used; /* since the last press of the pointer: show the focus */
  GHashTable *found;      /* of SlNote, owned: what the find bar found */
  SlNote *found_current;  /* owned: the one of them the find bar is at */
  GHashTable *marks;      /* SlNote -> SlRenderMark: a comparison shown, or NULL */
  GArray *ghosts;         /* of SlRenderGhost: its notes this board lacks */

  DragMode drag_mode;
  gboolean drag_active;   /* past the threshold */
  double drag_x, drag_y;  /* where the press was, in widget coordinates */
  double pan_origin_x, pan_origin_y;
  SlNote *drag_note;
  GHashTable *drag_origins; /* SlNote -> Origin */
  SlRect rubber_band;     /* in board units */
  double connect_x, connect_y; /* where a connection being dragged ends */
  SlSlice *drag_slice;    /* the slice whose right edge is dragged */
  int drag_slice_width;   /* its width when the drag began */

  gboolean has_pointer;
  double pointer_x, pointer_y;
  gboolean space_held;    /* Space + drag pans, as in drawing programs */

  GtkWidget *editor;      /* a GtkTextView over the card being edited */
  GtkCssProvider *editor_style; /* the card's font at the board's scale */
  gboolean editor_composing; /* an input method is composing a character */
  SlNote *editing;

  GtkWidget *lane_menu;

  GPtrArray *problems;    /* of SlProblem: what the check found, or NULL */
  char *accessible_label; /* what a screen reader was told last */
  char *accessible_description;
};

/* sl-canvas.c */
void     _sl_canvas_queue_draw          (SlCanvas     *self);
void     _sl_canvas_selection_changed   (SlCanvas     *self);
void     _sl_canvas_emit_message        (SlCanvas     *self,
                                         const char   *text);
void     _sl_canvas_clear_overlays      (SlCanvas     *self,
                                         const SlRect *rect);
void     _sl_canvas_scroll_into_view    (SlCanvas     *self,
                                         SlNote       *note);
void     _sl_canvas_zoom_to_rect        (SlCanvas     *self,
                                         const SlRect *rect,
                                         double        max_zoom);

/* sl-canvas-gestures.c */
void     _sl_canvas_gestures_init       (SlCanvas     *self);
void     _sl_canvas_cancel_drag         (SlCanvas     *self);
void     _sl_canvas_hold_space          (SlCanvas     *self,
                                         gboolean      held);
void     _sl_canvas_draw_gesture        (SlCanvas     *self,
                                         cairo_t      *cr);

/* sl-canvas-editing.c */
void     _sl_canvas_editing_init        (SlCanvas     *self);
void     _sl_canvas_stop_editing        (SlCanvas     *self,
                                         gboolean      commit);
void     _sl_canvas_allocate_editor     (SlCanvas     *self);
gboolean _sl_canvas_copy_selection      (SlCanvas     *self);
void     _sl_canvas_paste               (SlCanvas     *self);
void     _sl_canvas_duplicate_selection (SlCanvas     *self);
void     _sl_canvas_delete_selection_focusing (SlCanvas *self,
                                               SlNote   *next);

/* sl-canvas-actions.c */
/* Called with the name typed, if the element still exists. */
typedef void (*SlCanvasNameFunc) (SlCanvas   *self,
                                  SlElement  *element,
                                  const char *name);

void     _sl_canvas_class_actions_init  (SlCanvasClass *klass);
void     _sl_canvas_ask_name            (SlCanvas         *self,
                                         const char       *heading,
                                         const char       *dialog_name,
                                         SlElement        *element,
                                         const char       *current,
                                         SlCanvasNameFunc  func);
void     _sl_canvas_popup_lane_menu     (SlCanvas     *self,
                                         SlLane       *lane,
                                         double        x,
                                         double        y);

/* sl-canvas-slices.c */
void     _sl_canvas_class_slices_init   (SlCanvasClass *klass);
gboolean _sl_canvas_popup_slice_menu    (SlCanvas     *self,
                                         double        x,
                                         double        y);
void     _sl_canvas_append_slice_section (SlCanvas    *self,
                                          GMenu       *menu);
gboolean _sl_canvas_begin_slice_resize  (SlCanvas     *self,
                                         double        board_x,
                                         double        board_y);
void     _sl_canvas_resize_slice        (SlCanvas     *self,
                                         double        dx);
gboolean _sl_canvas_rename_slice_at     (SlCanvas     *self,
                                         double        board_x,
                                         double        board_y);
/* sl-canvas-a11y.c */
char    *_sl_canvas_describe_note       (SlDocument   *document,
                                         SlNote       *note,
                                         GPtrArray    *problems,
                                         char        **description);
void     _sl_canvas_update_accessible   (SlCanvas     *self);

/* sl-canvas-focus.c */
void     _sl_canvas_focus_init          (SlCanvas     *self);
void     _sl_canvas_set_focus           (SlCanvas     *self,
                                         SlNote       *note,
                                         SlLane       *lane);
gboolean _sl_canvas_focus_key_pressed   (SlCanvas        *self,
                                         guint            keyval,
                                         GdkModifierType  state);
void     _sl_canvas_draw_focus          (SlCanvas     *self,
                                         cairo_t      *cr,
                                         const SlRect *region);

/* sl-canvas-menus.c */
void     _sl_canvas_class_menus_init    (SlCanvasClass *klass);
void     _sl_canvas_emit_undoable       (SlCanvas     *self,
                                         const char   *text);
void     _sl_canvas_connections_init    (SlCanvas     *self);
SlConnection *_sl_canvas_get_connection_at (SlCanvas  *self,
                                         double        board_x,
                                         double        board_y);
void     _sl_canvas_popup_connection_menu (SlCanvas   *self,
                                         SlConnection *connection,
                                         double        x,
                                         double        y);
void     _sl_canvas_popup_note_menu     (SlCanvas     *self,
                                         SlNote       *note,
                                         double        x,
                                         double        y);

G_END_DECLS
