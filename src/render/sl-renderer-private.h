/* sl-renderer-private.h: what the files of SlRenderer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "sl-renderer.h"

G_BEGIN_DECLS

typedef struct _SlRendererPorts SlRendererPorts;

struct _SlRenderer
{
  GObject parent_instance;

  SlLayout *layout;
  SlRenderStyle style;
  GHashTable *selection;    /* of SlNote, not owned */
  SlConnection *selected_connection;
  GHashTable *found;        /* of SlNote, what the find bar found, not owned */
  SlNote *found_current;    /* the one of them the find bar is at */
  GHashTable *marks;        /* SlNote -> SlRenderMark: a comparison's, not owned */
  GArray *ghosts;           /* of SlRenderGhost: the notes the other version has more */
  PangoContext *context;
  PangoFontDescription *text_font;
  PangoFontDescription *small_font;
  PangoFontDescription *header_font;
  GHashTable *text_cache;   /* TextKey -> PangoLayout: shaped text, see get_layout() */
  guint dimmed_kinds;       /* bit mask of the SlNoteKinds drawn faded */
  GPtrArray *problems;      /* what the check found, a note's together */
  GHashTable *first_problem; /* SlNote -> 1 + the index of its first problem */
  GHashTable *card_measures; /* SlNote -> CardMeasure: what its height for its problems was measured from */
  guint n_measured;         /* cards measured for their problems so far (for tests) */
  guint step;
  gboolean full_detail;     /* text and fields at any scale: paper can be read closer */
  SlRendererPorts *ports;   /* while drawing connections: where they meet their cards */
  /* The board from far out at one scale, kept while the board, the scale
   * and the style stay the same: see draw_overview() */
  cairo_surface_t *far_image;
  double far_scale;
  SlRenderStyle far_style;
  int far_left;             /* its first pixel, in pixels from the board's */
  int far_top;              /* top left corner at far_scale */
};

typedef struct
{
  double r, g, b;
} Rgb;

static inline void
set_rgb (cairo_t   *cr,
         const Rgb *rgb,
         double     alpha)
{
  cairo_set_source_rgba (cr, rgb->r, rgb->g, rgb->b, alpha);
}

static inline gboolean
is_dark (SlRenderer *self)
{
  return self->style == SL_RENDER_STYLE_DARK || self->style == SL_RENDER_STYLE_HIGH_CONTRAST_DARK;
}

static inline gboolean
is_high_contrast (SlRenderer *self)
{
  return self->style == SL_RENDER_STYLE_HIGH_CONTRAST || self->style == SL_RENDER_STYLE_HIGH_CONTRAST_DARK;
}

void _sl_renderer_draw_connections (SlRenderer   *self,
                                    cairo_t      *cr,
                                    const SlRect *region,
                                    double        scale);
void _sl_renderer_path_connection  (SlRenderer   *self,
                                    cairo_t      *cr,
                                    SlConnection *connection,
                                    double       *x,
                                    double       *y,
                                    double       *angle);

G_END_DECLS
