/* sl-canvas.h: the board, drawn and edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "stormline-core.h"
#include "sl-layout.h"
#include "sl-renderer.h"

G_BEGIN_DECLS

#define SL_TYPE_CANVAS (sl_canvas_get_type ())

G_DECLARE_FINAL_TYPE (SlCanvas, sl_canvas, SL, CANVAS, GtkWidget)

GtkWidget  *sl_canvas_new              (SlDocument *document);
SlDocument *sl_canvas_get_document     (SlCanvas   *self);
SlLayout   *sl_canvas_get_layout       (SlCanvas   *self);
double      sl_canvas_get_zoom         (SlCanvas   *self);
void        sl_canvas_set_zoom         (SlCanvas   *self,
                                        double      zoom,
                                        double      widget_x,
                                        double      widget_y);
void        sl_canvas_zoom_to_fit      (SlCanvas   *self);
void        sl_canvas_scroll_to        (SlCanvas   *self,
                                        double      board_x,
                                        double      board_y);
void        sl_canvas_widget_to_board  (SlCanvas   *self,
                                        double      widget_x,
                                        double      widget_y,
                                        double     *board_x,
                                        double     *board_y);
void        sl_canvas_board_to_widget  (SlCanvas   *self,
                                        double      board_x,
                                        double      board_y,
                                        double     *widget_x,
                                        double     *widget_y);
GList      *sl_canvas_get_selection    (SlCanvas   *self);
gboolean    sl_canvas_get_selection_bounds (SlCanvas *self,
                                            SlRect   *bounds);
void        sl_canvas_get_visible_region   (SlCanvas *self,
                                            SlRect   *region);
void        sl_canvas_select           (SlCanvas   *self,
                                        SlNote     *note,
                                        gboolean    add);
void        sl_canvas_unselect_all     (SlCanvas   *self);
SlNote     *sl_canvas_get_focus_note   (SlCanvas   *self);
void        sl_canvas_set_focus_note   (SlCanvas   *self,
                                        SlNote     *note);
SlLane     *sl_canvas_get_focus_lane   (SlCanvas   *self);
SlConnection *sl_canvas_get_selected_connection (SlCanvas     *self);
void        sl_canvas_select_connection (SlCanvas     *self,
                                         SlConnection *connection);
SlNote     *sl_canvas_add_note         (SlCanvas   *self,
                                        SlNoteKind  kind);
SlNote     *sl_canvas_add_note_at      (SlCanvas   *self,
                                        SlNoteKind  kind,
                                        double      board_x,
                                        double      board_y);
void        sl_canvas_edit_note        (SlCanvas   *self,
                                        SlNote     *note);
gboolean    sl_canvas_is_editing       (SlCanvas   *self);
void        sl_canvas_delete_selection (SlCanvas   *self);
void        sl_canvas_set_confirm_removals (SlCanvas *self,
                                            gboolean  confirm);
void        sl_canvas_make_room        (SlCanvas   *self,
                                        double      board_x);
void        sl_canvas_show_note        (SlCanvas   *self,
                                        SlNote     *note);
void        sl_canvas_set_dimmed_kinds (SlCanvas   *self,
                                        guint       kinds);
guint       sl_canvas_get_dimmed_kinds (SlCanvas   *self);
char       *sl_canvas_describe_field_at (SlCanvas  *self,
                                         double     x,
                                         double     y);
void        sl_canvas_set_problems     (SlCanvas   *self,
                                        GPtrArray  *problems,
                                        guint       step);
void        sl_canvas_set_found        (SlCanvas   *self,
                                        GPtrArray  *notes,
                                        SlNote     *current);
void        sl_canvas_set_marks        (SlCanvas   *self,
                                        GHashTable *marks,
                                        GArray     *ghosts);
GHashTable *sl_canvas_get_marks        (SlCanvas   *self,
                                        GArray    **ghosts);
GHashTable *sl_canvas_get_found        (SlCanvas   *self,
                                        SlNote    **current);

SlRenderStyle sl_canvas_get_desktop_style (void);

G_END_DECLS
