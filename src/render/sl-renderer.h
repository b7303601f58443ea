/* sl-renderer.h: the one drawing code of a board, for screen, print and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "sl-layout.h"

G_BEGIN_DECLS

/* The most characters of one text that the board, a printout or an export
 * lays out: many more than a card, a header or a table cell shows. */
#define SL_RENDERER_MAX_TEXT 2000

typedef enum {
  SL_RENDER_STYLE_LIGHT,
  SL_RENDER_STYLE_DARK,
  SL_RENDER_STYLE_HIGH_CONTRAST,
  SL_RENDER_STYLE_HIGH_CONTRAST_DARK,
} SlRenderStyle;

/* How a note differs from another version of the model (Compare With). */
typedef enum {
  SL_RENDER_MARK_NONE,
  SL_RENDER_MARK_ADDED,
  SL_RENDER_MARK_CHANGED,
  SL_RENDER_MARK_REMOVED,
} SlRenderMark;

/* A note of the other version that this board lacks, drawn where it stood. */
typedef struct
{
  SlNote *note;   /* of the other version: its kind and text */
  SlRect rect;    /* in this board's units */
} SlRenderGhost;

#define SL_TYPE_RENDERER (sl_renderer_get_type ())

G_DECLARE_FINAL_TYPE (SlRenderer, sl_renderer, SL, RENDERER, GObject)

SlRenderer *sl_renderer_new               (SlLayout       *layout);
SlLayout   *sl_renderer_get_layout        (SlRenderer     *self);
void        sl_renderer_set_style         (SlRenderer     *self,
                                           SlRenderStyle   style);
void        sl_renderer_set_selection     (SlRenderer     *self,
                                           GHashTable     *selection);
void        sl_renderer_set_found         (SlRenderer     *self,
                                           GHashTable     *found,
                                           SlNote         *current);
void        sl_renderer_set_marks         (SlRenderer     *self,
                                           GHashTable     *marks,
                                           GArray         *ghosts);
void        sl_renderer_set_selected_connection (SlRenderer   *self,
                                                 SlConnection *connection);
SlConnection *sl_renderer_get_connection_at (SlRenderer   *self,
                                             double        x,
                                             double        y,
                                             double        tolerance);
void        sl_renderer_set_full_detail   (SlRenderer     *self,
                                           gboolean        full_detail);
gboolean    sl_renderer_get_full_detail   (SlRenderer     *self);
void        sl_renderer_set_dimmed_kinds  (SlRenderer     *self,
                                           guint           kinds);
guint       sl_renderer_get_dimmed_kinds  (SlRenderer     *self);
SlField    *sl_renderer_get_field_at      (SlRenderer     *self,
                                           SlNote         *note,
                                           double          x,
                                           double          y,
                                           double          scale);
void        sl_renderer_set_problems      (SlRenderer     *self,
                                           GPtrArray      *problems,
                                           guint           step);
void        sl_renderer_draw              (SlRenderer     *self,
                                           cairo_t        *cr,
                                           const SlRect   *region,
                                           double          scale);
void        sl_renderer_draw_lane_headers (SlRenderer     *self,
                                           cairo_t        *cr,
                                           const SlRect   *region,
                                           double          scale);
void        sl_renderer_draw_focus    (SlRenderer     *self,
                                           cairo_t        *cr,
                                           const SlRect   *region,
                                           double          scale,
                                           SlNote         *note,
                                           SlLane         *lane);
void        sl_renderer_get_kind_color    (SlRenderer     *self,
                                           SlNoteKind      kind,
                                           double         *rgb);

char       *sl_renderer_get_shown_text    (const char     *text);

G_END_DECLS
