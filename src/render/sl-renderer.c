/* sl-renderer.c: the one drawing code of a board, for screen, print and export
 *
 * Draws a region of the board onto any cairo context in board units: the
 * canvas, the print operation and the command-line export all call it, so
 * what is printed is what is on screen. Only what intersects the region is
 * drawn (the layout's index finds it), a text is shaped once for every card
 * that shows it (get_layout()), and far out the cards lose their text:
 * below a legible size it costs time and shows nothing. Print and export
 * ask for full detail instead, since paper and vector images are read up
 * close.
 *
 * Every kind of note has its colour and, for readers who do not see the
 * colour, its name written on the card and its own size or shape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sl-renderer-private.h"

/* The height of a field's line on a card. */
#define FIELD_LINE_HEIGHT 13
/* Where the fields start below the top of a card, after its text. */
#define FIELDS_TOP 26

/* Below this scale cards are plain colour; above FIELDS_SCALE their fields show. */
#define TEXT_SCALE   0.32
#define FIELDS_SCALE 0.95
/* Below this scale a card is a pixel or two: the board is drawn as an image. */
#define OVERVIEW_SCALE 0.05
#define CARD_PADDING 8.0
#define CARD_RADIUS  6.0
#define CARD_SHADOW_X 1.5
#define CARD_SHADOW_Y 2.5
/* A size on the device (points, pixels) that nothing shows: under a
 * point at the largest zoom of a PDF viewer (6400 %). A card's shadow and
 * round corners are not drawn below it, on a page of a board of many
 * thousands of notes; the screen draws cards far larger. */
#define UNSEEN_SIZE (1.0 / 64)
/* A line of text this high on the device is 4 points high at that zoom,
 * which no one reads. */
#define UNREADABLE_SIZE (4.0 / 64)
/* Layouts the text cache holds at most: every text of a board of 10,000
 * generated notes (about 1,500) and a screen full of others. */
#define TEXT_CACHE_SIZE 4096

enum {
  MARK_NO_ORIGIN = 1 << 0,
  MARK_NO_DESTINATION = 1 << 1,
};

G_DEFINE_FINAL_TYPE (SlRenderer, sl_renderer, G_TYPE_OBJECT)

/* The legend's colours, in the legend's order, for paper and light screens
 * and for the dark style. */
static const Rgb kind_light[SL_N_NOTE_KINDS] = {
  { 1.00, 0.64, 0.28 }, /* event: orange */
  { 0.45, 0.70, 0.98 }, /* command: blue */
  { 0.55, 0.85, 0.45 }, /* view: green */
  { 1.00, 0.93, 0.45 }, /* actor: small yellow */
  { 1.00, 0.97, 0.75 }, /* aggregate: pale yellow */
  { 0.80, 0.67, 0.96 }, /* automation: lilac */
  { 1.00, 0.70, 0.82 }, /* external system: pink */
  { 1.00, 1.00, 1.00 }, /* screen: white */
  { 0.93, 0.23, 0.45 }, /* hotspot: magenta red */
  { 0.85, 0.85, 0.85 }, /* comment: grey */
};

static const Rgb kind_dark[SL_N_NOTE_KINDS] = {
  { 0.75, 0.42, 0.12 },
  { 0.17, 0.42, 0.72 },
  { 0.27, 0.56, 0.20 },
  { 0.68, 0.60, 0.15 },
  { 0.55, 0.52, 0.33 },
  { 0.50, 0.35, 0.68 },
  { 0.70, 0.32, 0.48 },
  { 0.36, 0.36, 0.40 },
  { 0.72, 0.12, 0.32 },
  { 0.40, 0.40, 0.40 },
};

/* The scale that decides the level of detail: the real one on screen, at
 * least the one that shows everything on paper and in exports. */
static double
detail_scale (SlRenderer *self,
              double      scale)
{
  return self->full_detail ? MAX (scale, FIELDS_SCALE) : scale;
}

static const Rgb *
kind_color (SlRenderer *self,
            SlNoteKind  kind)
{
  return is_dark (self) ? &kind_dark[kind] : &kind_light[kind];
}

/* Text on a card: dark on light colours, light on dark ones. */
static Rgb
text_color_on (const Rgb *background)
{
  double luminance = 0.2126 * background->r + 0.7152 * background->g + 0.0722 * background->b;

  return luminance > 0.5 ? (Rgb) { 0.12, 0.12, 0.14 } : (Rgb) { 0.98, 0.98, 0.98 };
}

static void
rounded_rect (cairo_t      *cr,
              const SlRect *r,
              double        radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * sl_renderer_get_shown_text:
 * @text: a text of the model: a note's, a name, a scenario's values
 *
 * A card shows a few lines, a header or a table cell a few more: laying
 * out a text of megabytes to show its start would cost seconds a page.
 * The board, the printout and the exports lay out this instead.
 *
 * Returns: (transfer full): @text, or its first %SL_RENDERER_MAX_TEXT
 *   characters and an ellipsis when it is longer
 */
char *
sl_renderer_get_shown_text (const char *text)
{
  const char *end = text;
  GString *shown;

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; i < SL_RENDERER_MAX_TEXT && *end != 0; i++)
    end = g_utf8_next_char (end);
  if (*end == 0)
    return g_strdup (text);

  shown = g_string_new_len (text, end - text);
  g_string_append (shown, "…");
  return g_string_free (shown, FALSE);
}

/* Shaped text */

/* What a layout in the text cache was made from. */
typedef struct
{
  guint hash;
  const PangoFontDescription *font;  /* one of the renderer's own */
  int width;                         /* in Pango units */
  int max_lines;                     /* of a note's text; 0: one line a paragraph */
  PangoAlignment alignment;
  const char *text;                  /* in the key's own memory, once in the cache */
} TextKey;

static guint
text_key_hash (gconstpointer key)
{
  return ((const TextKey *) key)->hash;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *key_a = a, *key_b = b;

  return key_a->hash == key_b->hash && key_a->font == key_b->font && key_a->width == key_b->width &&
         key_a->max_lines == key_b->max_lines && key_a->alignment == key_b->alignment &&
         strcmp (key_a->text, key_b->text) == 0;
}

/* A key to look @text up with, which borrows @text: nothing is copied
 * until a layout is made. A text a card shows whole is its own key; a
 * longer one is cut (sl_renderer_get_shown_text()) and made drawable
 * into @owned first, so that a key holds at most what a card shows. The
 * two cannot mistake one for the other: a cut text made drawable is
 * drawn as it is. */
static TextKey
text_key_init (const char                  *text,
               const PangoFontDescription  *font,
               double                       width,
               int                          max_lines,
               PangoAlignment               alignment,
               char                       **owned)
{
  TextKey key = { 0, font, (int) (width * PANGO_SCALE), max_lines, alignment, text };

  *owned = NULL;
  if (strnlen (text, SL_RENDERER_MAX_TEXT + 1) > SL_RENDERER_MAX_TEXT)
    {
      g_autofree char *shown = sl_renderer_get_shown_text (text);

      key.text = *owned = sl_text_make_drawable (shown);
    }
  key.hash = g_str_hash (key.text) ^ (guint) key.width * 31u ^ (guint) max_lines * 7u ^ (guint) alignment ^
             GPOINTER_TO_UINT (font);
  return key;
}

/* A copy of @key, with its text, for the cache to keep. */
static TextKey *
text_key_copy (const TextKey *key)
{
  gsize length = strlen (key->text);
  TextKey *copy = g_malloc (sizeof (TextKey) + length + 1);
  char *text = (char *) (copy + 1);

  *copy = *key;
  memcpy (text, key->text, length + 1);
  copy->text = text;
  return copy;
}

/* A note's text of at most @max_lines lines. A negative height limits the
 * lines of each paragraph, not of the text, and a positive one cuts
 * between paragraphs without an ellipsis: a note broken into more lines
 * than fit would run over its fields or lose its last lines unseen. So
 * the lines that do not fit join the last shown one, which ends in an
 * ellipsis. */
static void
limit_lines (PangoLayout *layout,
             int          max_lines)
{
  g_autofree char *text = NULL;
  PangoLayoutIter *iter;
  PangoRectangle logical;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -max_lines);
  if (pango_layout_get_line_count (layout) <= max_lines)
    return;

  text = g_strdup (pango_layout_get_text (layout));
  iter = pango_layout_get_iter (layout);
  for (int i = 1; i < max_lines; i++)
    pango_layout_iter_next_line (iter);
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  g_strdelimit (text + pango_layout_iter_get_index (iter), "\r\n", ' ');
  pango_layout_iter_free (iter);

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_height (layout, logical.y + logical.height);
}

/* The layout of @text as the board draws it, from the text cache when it
 * was laid out before: shaping is most of the cost of text, and a board
 * repeats its texts (the kinds' names on every card, the same field lines
 * from screen to command to event to view, the same note on many
 * slices). The cache is of texts, not of notes, so it serves every card
 * and the screen, print and export alike; it is emptied when it holds
 * %TEXT_CACHE_SIZE layouts, which bounds its memory on a board of any
 * size. With @max_lines, the text of a note: it wraps anywhere and ends
 * in an ellipsis after that many lines; without, each paragraph is one
 * line, ellipsized.
 *
 * Returns: (transfer full): the layout, not to be changed */
static PangoLayout *
get_layout (SlRenderer                 *self,
            const char                 *text,
            const PangoFontDescription *font,
            double                      width,
            int                         max_lines,
            PangoAlignment              alignment)
{
  g_autofree char *owned = NULL;
  TextKey key = text_key_init (text, font, width, max_lines, alignment, &owned);
  g_autofree char *drawable = NULL;
  PangoLayout *layout = g_hash_table_lookup (self->text_cache, &key);

  if (layout != NULL)
    return g_object_ref (layout);

  /* Text from a model is laid out made drawable: a noncharacter in it
   * would stop cairo drawing a PDF page, a control would reach its text
   * (sl_text_make_drawable()). */
  drawable = owned != NULL ? g_strdup (owned) : sl_text_make_drawable (text);
  layout = pango_layout_new (self->context);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, drawable, -1);
  pango_layout_set_width (layout, key.width);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);
  if (max_lines > 0)
    limit_lines (layout, max_lines);

  if (g_hash_table_size (self->text_cache) >= TEXT_CACHE_SIZE)
    g_hash_table_remove_all (self->text_cache);
  g_hash_table_insert (self->text_cache, text_key_copy (&key), g_object_ref (layout));
  return layout;
}

/* The layout of a note's text on its card, @width wide. */
static PangoLayout *
get_text_layout (SlRenderer *self,
                 SlNote     *note,
                 double      width,
                 int         max_lines)
{
  return get_layout (self, sl_note_get_text (note), self->text_font, width, max_lines, PANGO_ALIGN_LEFT);
}

static void
draw_text_at (SlRenderer                 *self,
              cairo_t                    *cr,
              const char                 *text,
              const PangoFontDescription *font,
              double                      x,
              double                      y,
              double                      width,
              PangoAlignment              alignment)
{
  g_autoptr(PangoLayout) layout = get_layout (self, text, font, width, 0, alignment);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

typedef struct
{
  SlRenderer *self;
  cairo_t *cr;
  double scale;
  double detail;
  double height;
} SliceData;

static void
draw_slice_cb (SlSlice  *slice,
               guint     index,
               gpointer  user_data)
{
  SliceData *data = user_data;
  SlRenderer *self = data->self;
  cairo_t *cr = data->cr;
  Rgb line = is_dark (self) ? (Rgb) { 1, 1, 1 } : (Rgb) { 0, 0, 0 };
  Rgb text = is_dark (self) ? (Rgb) { 0.85, 0.85, 0.88 } : (Rgb) { 0.25, 0.25, 0.28 };
  SlRect column = { sl_slice_get_x (slice), 0, sl_slice_get_width (slice), data->height };
  SlRect name;
  g_autofree char *label = NULL;

  /* Every other slice a shade darker, so columns read at a glance. */
  if (index % 2 == 0)
    {
      set_rgb (cr, &line, 0.03);
      cairo_rectangle (cr, column.x, column.y, column.width, column.height);
      cairo_fill (cr);
    }

  set_rgb (cr, &line, 0.12);
  cairo_set_line_width (cr, 1.0 / data->scale);
  cairo_move_to (cr, column.x, 0);
  cairo_line_to (cr, column.x, column.height);
  cairo_stroke (cr);

  if (data->detail < TEXT_SCALE)
    return;

  if (sl_slice_get_status (slice) == SL_SLICE_PLANNED)
    label = g_strdup (sl_slice_get_name (slice));
  else
    /* Translators: a slice's name and its status, as "Book Room · Done" */
    label = g_strdup_printf (_("%s · %s"), sl_slice_get_name (slice),
                             sl_slice_status_get_label (sl_slice_get_status (slice)));
  /* Where the layout puts the name: names of overlapping slices share the
   * strip in rows and end before the next, none over another. */
  sl_layout_get_slice_label (self->layout, slice, &name);
  if (name.width < 12)
    return;
  set_rgb (cr, &text, 1.0);
  draw_text_at (self, cr, label, self->header_font, name.x, name.y + MAX (1, name.height / 2 - 9),
                name.width, PANGO_ALIGN_LEFT);
}

static void
draw_slices (SlRenderer   *self,
             cairo_t      *cr,
             const SlRect *region,
             double        scale,
             const SlRect *bounds)
{
  SliceData data = { self, cr, scale, detail_scale (self, scale), bounds->height };

  /* Far out, columns a few pixels wide would only grey the board. */
  if (data.detail * 40 < 4)
    return;

  sl_layout_foreach_slice_in (self->layout, region, draw_slice_cb, &data);
}

static void
draw_lanes (SlRenderer   *self,
            cairo_t      *cr,
            const SlRect *region,
            double        scale)
{
  GListModel *lanes = sl_document_get_lanes (sl_layout_get_document (self->layout));
  Rgb line = is_dark (self) ? (Rgb) { 1, 1, 1 } : (Rgb) { 0, 0, 0 };
  double detail = detail_scale (self, scale);

  cairo_set_line_width (cr, (is_high_contrast (self) ? 2.0 : 1.0) / scale);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);
      SlRect rect;

      sl_layout_get_lane_rect (self->layout, lane, &rect);
      if (rect.y > region->y + region->height || rect.y + rect.height < region->y)
        continue;

      if (sl_lane_get_kind (lane) == SL_LANE_EVENTS || sl_lane_get_kind (lane) == SL_LANE_EXTERNAL)
        {
          /* Event lanes are where the facts are: a faint wash of their colour. */
          set_rgb (cr, kind_color (self, SL_NOTE_EVENT), is_dark (self) ? 0.08 : 0.07);
          cairo_rectangle (cr, region->x, rect.y, region->width, rect.height);
          cairo_fill (cr);
        }

      /* Far out, a line under each lane a few pixels high would only grey
       * the board (the map of a board of 100,000 notes, a hundred lanes in
       * 48 pixels, was grey from edge to edge). */
      if (rect.height * detail < 4)
        continue;

      set_rgb (cr, &line, is_high_contrast (self) ? 0.6 : 0.15);
      cairo_move_to (cr, region->x, rect.y + rect.height);
      cairo_line_to (cr, region->x + region->width, rect.y + rect.height);
      cairo_stroke (cr);
    }
}

typedef enum {
  FIELD_LINE_NONE,  /* past the card's bottom, or past the last field */
  FIELD_LINE_FIELD,
  FIELD_LINE_MORE,  /* the last line that fits: how many more there are */
} FieldLine;

/* What line @i shows on a card whose field lines run from @top to @bottom:
 * the one layout of drawing and of hit testing. */
static FieldLine
field_line (guint  i,
            guint  n_fields,
            double top,
            double bottom)
{
  double line_top = top + i * FIELD_LINE_HEIGHT;

  if (i >= n_fields || line_top + FIELD_LINE_HEIGHT > bottom)
    return FIELD_LINE_NONE;
  if (i + 1 < n_fields && line_top + 2 * FIELD_LINE_HEIGHT > bottom)
    return FIELD_LINE_MORE;
  return FIELD_LINE_FIELD;
}

/* Problems */

/* Calls the problems of @note one by one until @func says stop. */
static SlProblem *
find_problem (SlRenderer *self,
              SlNote     *note,
              gboolean  (*func) (SlRenderer *, SlProblem *, gconstpointer),
              gconstpointer data)
{
  guint first;

  if (self->first_problem == NULL)
    return NULL;

  first = GPOINTER_TO_UINT (g_hash_table_lookup (self->first_problem, note));
  for (guint i = first; first != 0 && i <= self->problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (self->problems, i - 1);

      if (sl_problem_get_note (problem) != note)
        break;
      if (func (self, problem, data))
        return problem;
    }
  return NULL;
}

static gboolean
fails_this_step (SlRenderer    *self,
                 SlProblem     *problem,
                 gconstpointer  data)
{
  return sl_problem_get_step (problem) == self->step && sl_problem_get_severity (problem) >= SL_SEVERITY_WARNING;
}

/* Whether @note fails the current step: it gets a ring. */
static gboolean
fails_step (SlRenderer *self,
            SlNote     *note)
{
  return find_problem (self, note, fails_this_step, NULL) != NULL;
}

typedef struct
{
  const char *field;
  guint mark;
} MarkSearch;

static gboolean
add_field_mark (SlRenderer    *self,
                SlProblem     *problem,
                gconstpointer  data)
{
  MarkSearch *search = (MarkSearch *) data;

  if (g_strcmp0 (sl_problem_get_field (problem), search->field) == 0)
    search->mark |= g_str_equal (sl_problem_get_rule (problem), "field-no-origin") ? MARK_NO_ORIGIN
                                                                                      : MARK_NO_DESTINATION;
  return FALSE;
}

/* How the line of the field @name of @note is marked. */
static guint
field_mark (SlRenderer *self,
            SlNote     *note,
            const char *name)
{
  MarkSearch search = { name, 0 };

  find_problem (self, note, add_field_mark, &search);
  return search.mark;
}

/* Which group a field with @mark is shown in: those with no origin (which
 * nothing on the board can fill) first, then those with no destination,
 * then the others. */
static guint
mark_group (guint mark)
{
  if (mark & MARK_NO_ORIGIN)
    return 0;
  return mark & MARK_NO_DESTINATION ? 1 : 2;
}

/* The order of the fields on the card of @note: the marked ones first, so
 * that a card short of room never hides a field with a problem behind
 * "+ N more"; each group in the note's order. Returns an array of
 * sl_note_get_n_fields() indices. */
static guint *
field_order (SlRenderer *self,
             SlNote     *note)
{
  guint n_fields = sl_note_get_n_fields (note);
  guint *order = g_new (guint, MAX (n_fields, 1));
  g_autofree guint *groups = g_new (guint, MAX (n_fields, 1));
  guint n = 0;

  for (guint i = 0; i < n_fields; i++)
    groups[i] = mark_group (field_mark (self, note, sl_field_get_name (sl_note_get_field (note, i))));
  for (guint group = 0; group <= 2; group++)
    for (guint i = 0; i < n_fields; i++)
      if (groups[i] == group)
        order[n++] = i;

  return order;
}

static void
draw_fields (SlRenderer   *self,
             cairo_t      *cr,
             SlNote       *note,
             const SlRect *rect,
             double        top)
{
  guint n_fields = sl_note_get_n_fields (note);
  g_autofree guint *order = field_order (self, note);
  double bottom = rect->y + rect->height - CARD_PADDING;
  FieldLine kind;

  for (guint i = 0; (kind = field_line (i, n_fields, top, bottom)) != FIELD_LINE_NONE; i++)
    {
      SlField *field = sl_note_get_field (note, order[i]);
      g_autofree char *line = NULL;
      guint mark = 0;

      if (kind == FIELD_LINE_MORE)
        {
          guint hidden_marks = 0;

          /* Translators: on a card with more fields than fit */
          line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u more field", "+ %u more fields",
                                               n_fields - i), n_fields - i);

          /* More fields with problems than lines: at least say so. */
          for (guint j = i; j < n_fields; j++)
            hidden_marks += field_mark (self, note, sl_field_get_name (sl_note_get_field (note, order[j]))) != 0;
          if (hidden_marks > 0)
            {
              g_autofree char *more = g_steal_pointer (&line);

              /* Translators: "+ 3 more fields" and how many of them have problems */
              line = g_strdup_printf (_("%s (%u ⚠)"), more, hidden_marks);
              mark = MARK_NO_ORIGIN;
            }
        }
      else
        {
          mark = field_mark (self, note, sl_field_get_name (field));
          /* Marked in words as well as colour: "no origin", "no destination". */
          line = g_strdup_printf ("%s: %s%s%s%s", sl_field_get_name (field),
                                  sl_field_type_to_string (sl_field_get_value_type (field)),
                                  sl_field_has_flag (field, SL_FIELD_LIST) ? "[]" : "",
                                  mark & MARK_NO_ORIGIN ? _(" ⚠ no origin") : "",
                                  mark & MARK_NO_DESTINATION ? _(" ⚠ no destination") : "");
        }

      cairo_save (cr);
      if (mark != 0)
        cairo_set_source_rgb (cr, is_dark (self) ? 1.0 : 0.6, 0.05, 0.1);
      draw_text_at (self, cr, line, self->small_font, rect->x + CARD_PADDING, top + i * FIELD_LINE_HEIGHT,
                    rect->width - 2 * CARD_PADDING, PANGO_ALIGN_LEFT);
      cairo_restore (cr);

      if (kind == FIELD_LINE_MORE)
        break;
    }
}

/* What the height a card needs for its problems depends on: it is
 * measured again only when one of these changes, so that a check after
 * an edit measures the few cards whose problems or text changed, not
 * every card with a problem. The text, and the fields and rules of the
 * note's problems, are known by a hash: a change that keeps the hash
 * keeps a stale height until the next change of the note. */
typedef struct
{
  guint text_hash;
  guint text_length;
  guint n_fields;
  guint n_field_problems;
  guint problems_hash;
  SlNoteKind kind;
  guint height;
} CardMeasure;

/* The height the card of @note needs to list every field with a problem,
 * and "+ N more" for the others, on the grid: 0 when its kind's is
 * enough. The card grows rather than hide a problem. Its problems are
 * those of the renderer's array from @first to before @end. */
static guint
height_for_problems (SlRenderer *self,
                     SlNote     *note,
                     guint       first,
                     guint       end)
{
  guint n_fields, n_field_problems = 0, problems_hash = 0;
  guint n_marked = 0, lines;
  double width, height, needed;
  g_autoptr(PangoLayout) layout = NULL;
  const char *text;
  CardMeasure *measure;
  int text_height;

  for (guint i = first; i < end; i++)
    {
      SlProblem *problem = g_ptr_array_index (self->problems, i);
      const char *field = sl_problem_get_field (problem);

      if (field == NULL)
        continue;
      n_field_problems++;
      problems_hash = problems_hash * 31 + (g_str_hash (field) ^ g_str_hash (sl_problem_get_rule (problem)));
    }
  if (n_field_problems == 0)
    return 0;

  text = sl_note_get_text (note);
  n_fields = sl_note_get_n_fields (note);
  measure = g_hash_table_lookup (self->card_measures, note);
  if (measure != NULL && measure->n_field_problems == n_field_problems && measure->problems_hash == problems_hash &&
      measure->n_fields == n_fields && measure->kind == sl_note_get_kind (note) &&
      measure->text_length == strlen (text) && measure->text_hash == g_str_hash (text))
    return measure->height;

  self->n_measured++;
  if (measure == NULL)
    {
      measure = g_new (CardMeasure, 1);
      g_hash_table_insert (self->card_measures, note, measure);
    }
  measure->text_hash = g_str_hash (text);
  measure->text_length = strlen (text);
  measure->n_fields = n_fields;
  measure->n_field_problems = n_field_problems;
  measure->problems_hash = problems_hash;
  measure->kind = sl_note_get_kind (note);
  measure->height = 0;

  for (guint i = 0; i < n_fields; i++)
    n_marked += field_mark (self, note, sl_field_get_name (sl_note_get_field (note, i))) != 0;
  if (n_marked == 0)
    return 0;

  lines = n_marked + (n_fields > n_marked ? 1 : 0);
  sl_layout_get_note_size (sl_note_get_kind (note), &width, &height);
  layout = get_text_layout (self, note, width - 2 * CARD_PADDING, 2);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  needed = FIELDS_TOP + text_height + lines * FIELD_LINE_HEIGHT + CARD_PADDING;
  if (needed > height)
    measure->height = (guint) (ceil (needed / SL_LAYOUT_GRID) * SL_LAYOUT_GRID);
  return measure->height;
}

/* Whether @note has no problem in the check the renderer holds: its
 * measure can go. */
static gboolean
has_no_problem (gpointer note,
                gpointer measure,
                gpointer user_data)
{
  SlRenderer *self = user_data;

  return self->first_problem == NULL || !g_hash_table_contains (self->first_problem, note);
}

typedef struct
{
  SlRenderer *self;
  cairo_t *cr;
  double scale;
  double detail;
} DrawData;

/* What the find bar found: a yellow glow around the card, orange around
 * the one it is at, wider than a card at any scale so that a match stands
 * out even where a card is a dot. Behind the card: it never covers text. */
static void
draw_found_mark (SlRenderer   *self,
                 cairo_t      *cr,
                 const SlRect *rect,
                 double        scale,
                 gboolean      current)
{
  double pad = MAX (7.0, 3.0 / scale);
  SlRect glow = { rect->x - pad, rect->y - pad, rect->width + 2 * pad, rect->height + 2 * pad };

  cairo_save (cr);
  if (current)
    cairo_set_source_rgba (cr, 1.0, 0.47, 0.0, 0.95);
  else
    cairo_set_source_rgba (cr, 0.96, 0.83, 0.18, 0.85);
  rounded_rect (cr, &glow, MIN (CARD_RADIUS + pad, MIN (glow.width, glow.height) / 2));
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, is_dark (self) ? 0.6 : 0.35);
  cairo_set_line_width (cr, 1.0 / scale);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The colours of a comparison's marks: green for a note added, purple for
 * one changed (blue is the selection's, yellow the find bar's), red for
 * one removed; darker on light paper, lighter on dark. Each mark has its
 * own badge too (+, a dot, −): colour is never the only cue. */
static Rgb
mark_color (SlRenderer   *self,
            SlRenderMark  mark)
{
  static const Rgb light[] = {
    { 0, 0, 0 },
    { 0.15, 0.64, 0.41 },  /* #26a269 */
    { 0.51, 0.24, 0.61 },  /* #813d9c */
    { 0.75, 0.11, 0.16 },  /* #c01c28 */
  };
  static const Rgb dark[] = {
    { 0, 0, 0 },
    { 0.34, 0.89, 0.54 },  /* #57e389 */
    { 0.75, 0.38, 0.80 },  /* #c061cb */
    { 0.96, 0.38, 0.32 },  /* #f66151 */
  };

  return is_dark (self) ? dark[mark] : light[mark];
}

static double
mark_width (SlRenderer *self,
            double      scale)
{
  return MAX (is_high_contrast (self) ? 4.0 : 3.0, 2.0 / scale);
}

/* A ring around a card added or changed, outside the selection's. */
static void
draw_mark_ring (SlRenderer   *self,
                cairo_t      *cr,
                const SlRect *rect,
                double        scale,
                SlRenderMark  mark)
{
  double pad = MAX (7.0, 3.0 / scale);
  SlRect ring = { rect->x - pad, rect->y - pad, rect->width + 2 * pad, rect->height + 2 * pad };
  Rgb color = mark_color (self, mark);

  cairo_save (cr);
  rounded_rect (cr, &ring, MIN (CARD_RADIUS + pad, MIN (ring.width, ring.height) / 2));
  set_rgb (cr, &color, is_high_contrast (self) ? 0.35 : 0.18);
  cairo_fill_preserve (cr);
  set_rgb (cr, &color, 1.0);
  cairo_set_line_width (cr, mark_width (self, scale));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The badge on a card's top left corner, outside its kind's name: a disc
 * with +, a dot or −. */
static void
draw_mark_badge (SlRenderer   *self,
                 cairo_t      *cr,
                 const SlRect *rect,
                 SlRenderMark  mark)
{
  Rgb color = mark_color (self, mark);
  Rgb sign = text_color_on (&color);
  double x = rect->x - 3, y = rect->y - 3;

  cairo_save (cr);
  /* Text shown leaves a current point, which an arc would join. */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
  set_rgb (cr, &color, 1.0);
  cairo_fill_preserve (cr);
  set_rgb (cr, &sign, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (mark)
    {
    case SL_RENDER_MARK_ADDED:
      cairo_move_to (cr, x - 4.5, y);
      cairo_line_to (cr, x + 4.5, y);
      cairo_move_to (cr, x, y - 4.5);
      cairo_line_to (cr, x, y + 4.5);
      cairo_stroke (cr);
      break;

    case SL_RENDER_MARK_REMOVED:
      cairo_move_to (cr, x - 4.5, y);
      cairo_line_to (cr, x + 4.5, y);
      cairo_stroke (cr);
      break;

    case SL_RENDER_MARK_CHANGED:
      cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case SL_RENDER_MARK_NONE:
    default:
      break;
    }
  cairo_restore (cr);
}

static SlRenderMark
get_mark (SlRenderer *self,
          SlNote     *note)
{
  return self->marks != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->marks, note)) : SL_RENDER_MARK_NONE;
}

/* A note the other version has and this board lacks: a see-through card
 * in a dashed outline, where it stood. */
static void
draw_ghosts (SlRenderer   *self,
             cairo_t      *cr,
             const SlRect *region,
             double        scale,
             double        detail)
{
  Rgb color = mark_color (self, SL_RENDER_MARK_REMOVED);
  double dashes[] = { 6.0 / MIN (scale, 1.0), 4.0 / MIN (scale, 1.0) };

  for (guint i = 0; self->ghosts != NULL && i < self->ghosts->len; i++)
    {
      const SlRenderGhost *ghost = &g_array_index (self->ghosts, SlRenderGhost, i);
      SlNoteKind kind = sl_note_get_kind (ghost->note);

      if (!sl_rect_intersects (&ghost->rect, region))
        continue;

      cairo_save (cr);
      rounded_rect (cr, &ghost->rect, CARD_RADIUS);
      set_rgb (cr, kind_color (self, kind), 0.35);
      cairo_fill_preserve (cr);
      set_rgb (cr, &color, 1.0);
      cairo_set_line_width (cr, mark_width (self, scale));
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_stroke (cr);
      cairo_restore (cr);

      if (detail >= TEXT_SCALE)
        {
          g_autoptr(PangoLayout) layout = get_text_layout (self, ghost->note,
                                                           ghost->rect.width - 2 * CARD_PADDING, 4);
          Rgb text = is_dark (self) ? (Rgb) { 0.98, 0.98, 0.98 } : (Rgb) { 0.12, 0.12, 0.14 };

          cairo_save (cr);
          set_rgb (cr, &text, 0.6);
          draw_text_at (self, cr, sl_note_kind_get_label (kind), self->small_font, ghost->rect.x + CARD_PADDING,
                        ghost->rect.y + 5, ghost->rect.width - 2 * CARD_PADDING, PANGO_ALIGN_LEFT);
          set_rgb (cr, &text, 0.75);
          cairo_move_to (cr, ghost->rect.x + CARD_PADDING, ghost->rect.y + 22);
          pango_cairo_show_layout (cr, layout);
          cairo_restore (cr);
          draw_mark_badge (self, cr, &ghost->rect, SL_RENDER_MARK_REMOVED);
        }
    }
}

/* Fills the card of @kind in the current path, in the source's colour,
 * and outlines it where it would melt into the lane. */
static void
fill_card (SlRenderer *self,
           cairo_t    *cr,
           SlNoteKind  kind)
{
  cairo_fill_preserve (cr);
  if (kind == SL_NOTE_SCREEN || kind == SL_NOTE_COMMENT || is_high_contrast (self))
    {
      if (is_high_contrast (self) && is_dark (self))
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      else
        cairo_set_source_rgba (cr, 0, 0, 0, is_high_contrast (self) ? 0.9 : 0.25);
      cairo_set_line_width (cr, (is_high_contrast (self) ? 2.0 : 1.0));
      cairo_stroke (cr);
    }
  else
    cairo_new_path (cr);
}

/* Whether a card of @kind at @scale is smaller than anyone sees its
 * corners: a plain rectangle, drawn with the others of its kind. */
static gboolean
is_unseen_card (SlRenderer *self,
                SlNoteKind  kind,
                double      scale)
{
  return CARD_RADIUS * scale < UNSEEN_SIZE && !(self->dimmed_kinds & (1u << kind));
}

static gboolean
collect_card_cb (SlNote       *note,
                 const SlRect *rect,
                 gpointer      user_data)
{
  GArray **cards = user_data;

  g_array_append_val (cards[sl_note_get_kind (note)], *rect);
  return TRUE;
}

/* On a page of a board of many thousands of notes, cards no one sees
 * (see is_unseen_card()) are filled one kind at a time, before their
 * texts: a fill an operation of a PDF page, not a fill a card, which
 * took a fifth of its memory. */
static void
draw_unseen_cards (SlRenderer   *self,
                   cairo_t      *cr,
                   const SlRect *region,
                   double        scale)
{
  GArray *cards[SL_N_NOTE_KINDS];

  for (guint kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    cards[kind] = g_array_new (FALSE, FALSE, sizeof (SlRect));
  sl_layout_foreach_note_in (self->layout, region, collect_card_cb, cards);

  cairo_save (cr);
  for (guint kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      if (cards[kind]->len > 0 && is_unseen_card (self, kind, scale))
        {
          for (guint i = 0; i < cards[kind]->len; i++)
            {
              const SlRect *card = &g_array_index (cards[kind], SlRect, i);

              cairo_rectangle (cr, card->x, card->y, card->width, card->height);
            }
          set_rgb (cr, kind_color (self, kind), 1.0);
          fill_card (self, cr, kind);
        }
      g_array_unref (cards[kind]);
    }
  cairo_restore (cr);
}

static gboolean
draw_note_cb (SlNote       *note,
              const SlRect *rect,
              gpointer      user_data)
{
  DrawData *data = user_data;
  SlRenderer *self = data->self;
  cairo_t *cr = data->cr;
  SlNoteKind kind = sl_note_get_kind (note);
  const Rgb *fill = kind_color (self, kind);
  Rgb text = text_color_on (fill);
  gboolean selected = self->selection != NULL && g_hash_table_contains (self->selection, note);
  SlRenderMark mark = get_mark (self, note);
  /* Lines of fields no one can read at any zoom are not drawn, nor the
   * kind's name: a PDF page of a board of 10,000 notes printed them a
   * hundredth of a point high, and they were most of its text. The note's
   * own text always is, to be found in the PDF. */
  gboolean legible = FIELD_LINE_HEIGHT * data->scale >= UNREADABLE_SIZE;
  SlRect card = *rect;

  if (self->found != NULL && g_hash_table_contains (self->found, note))
    draw_found_mark (self, cr, rect, data->scale, note == self->found_current);
  if (mark != SL_RENDER_MARK_NONE)
    draw_mark_ring (self, cr, rect, data->scale, mark);

  /* Far out: a dab of colour, which is all a card can show at that size. */
  if (data->detail < TEXT_SCALE)
    {
      set_rgb (cr, fill, 1.0);
      cairo_rectangle (cr, card.x, card.y, card.width, card.height);
      cairo_fill (cr);
      if (selected)
        {
          cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
          cairo_set_line_width (cr, 3.0 / data->scale);
          cairo_rectangle (cr, card.x, card.y, card.width, card.height);
          cairo_stroke (cr);
        }
      return TRUE;
    }

  cairo_save (cr);

  /* Notes the current step is not about, faded when the user asks. */
  if (self->dimmed_kinds & (1u << kind))
    cairo_push_group (cr);

  /* A hotspot is tilted, as a sticky put up in a hurry. */
  if (kind == SL_NOTE_HOTSPOT)
    {
      cairo_translate (cr, card.x + card.width / 2, card.y + card.height / 2);
      cairo_rotate (cr, -0.05);
      cairo_translate (cr, -(card.x + card.width / 2), -(card.y + card.height / 2));
    }

  /* Shadow, card, and an outline where the card would melt into the lane;
   * cards no one sees were drawn together (draw_unseen_cards()). */
  if (CARD_SHADOW_Y * data->scale >= UNSEEN_SIZE)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, is_dark (self) ? 0.35 : 0.12);
      card.x += CARD_SHADOW_X, card.y += CARD_SHADOW_Y;
      rounded_rect (cr, &card, CARD_RADIUS);
      cairo_fill (cr);
      card = *rect;
    }

  if (!is_unseen_card (self, kind, data->scale))
    {
      set_rgb (cr, fill, 1.0);
      rounded_rect (cr, &card, CARD_RADIUS);
      fill_card (self, cr, kind);
    }

  if (fails_step (self, note))
    {
      /* A note that fails the current step: a dashed red ring and a "!" */
      SlRect ring = { card.x - 5, card.y - 5, card.width + 10, card.height + 10 };
      double dashes[] = { 6, 4 };

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.85, 0.1, 0.15);
      cairo_set_line_width (cr, 2.0);
      cairo_set_dash (cr, dashes, 2, 0);
      rounded_rect (cr, &ring, CARD_RADIUS + 5);
      cairo_stroke (cr);
      cairo_restore (cr);

      cairo_save (cr);
      cairo_arc (cr, card.x + card.width - 2, card.y + 2, 9, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.85, 0.1, 0.15);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      draw_text_at (self, cr, "!", self->header_font, card.x + card.width - 12, card.y - 7, 20, PANGO_ALIGN_CENTER);
      cairo_restore (cr);
    }

  if (selected)
    {
      SlRect ring = { card.x - 3, card.y - 3, card.width + 6, card.height + 6 };
      double hx, hy;

      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, MAX (2.5, 2.0 / data->scale));
      rounded_rect (cr, &ring, CARD_RADIUS + 3);
      cairo_stroke (cr);

      /* The handle to drag a connection from. */
      sl_layout_get_handle (&card, &hx, &hy);
      cairo_arc (cr, hx, hy, SL_LAYOUT_HANDLE_RADIUS, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  /* The kind in words: colour is never the only cue. */
  set_rgb (cr, &text, 0.7);
  if (legible)
    draw_text_at (self, cr, sl_note_kind_get_label (kind), self->small_font,
                  card.x + CARD_PADDING, card.y + 5, card.width - 2 * CARD_PADDING, PANGO_ALIGN_LEFT);
  if (sl_note_get_pivotal (note))
    {
      /* A pivotal event: a bar down its left side. */
      set_rgb (cr, &text, 0.8);
      cairo_rectangle (cr, card.x, card.y + CARD_RADIUS, 4, card.height - 2 * CARD_RADIUS);
      cairo_fill (cr);
    }

  {
    gboolean has_fields = data->detail >= FIELDS_SCALE && sl_note_get_n_fields (note) > 0;
    gboolean with_fields = has_fields && legible;
    g_autoptr(PangoLayout) layout = get_text_layout (self, note, card.width - 2 * CARD_PADDING,
                                                     has_fields ? 2 : 4);
    int text_height;

    set_rgb (cr, &text, 1.0);
    cairo_move_to (cr, card.x + CARD_PADDING, card.y + 22);
    pango_cairo_show_layout (cr, layout);

    if (with_fields)
      {
        pango_layout_get_pixel_size (layout, NULL, &text_height);
        set_rgb (cr, &text, 0.85);
        draw_fields (self, cr, note, &card, card.y + FIELDS_TOP + text_height);
      }
  }

  if (self->dimmed_kinds & (1u << kind))
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.3);
    }

  if (mark != SL_RENDER_MARK_NONE)
    draw_mark_badge (self, cr, &card, mark);

  cairo_restore (cr);
  return TRUE;
}

typedef struct
{
  double x;         /* the board's top left corner, where the image's */
  double y;         /* pixels are counted from */
  double scale;
  int left;         /* where the image starts, in pixels from x, y */
  int top;
  guint32 *pixels;
  int width;
  int height;
  int stride;       /* in pixels */
  guint32 colors[SL_N_NOTE_KINDS];
} OverviewData;

static gboolean
overview_note_cb (SlNote       *note,
                  const SlRect *rect,
                  gpointer      user_data)
{
  OverviewData *data = user_data;
  guint32 color = data->colors[sl_note_get_kind (note)];
  int x0 = (int) floor ((rect->x - data->x) * data->scale);
  int y0 = (int) floor ((rect->y - data->y) * data->scale);
  int x1 = MAX (x0 + 1, (int) ceil ((rect->x + rect->width - data->x) * data->scale));
  int y1 = MAX (y0 + 1, (int) ceil ((rect->y + rect->height - data->y) * data->scale));

  x0 = MAX (x0 - data->left, 0), y0 = MAX (y0 - data->top, 0);
  x1 = MIN (x1 - data->left, data->width), y1 = MIN (y1 - data->top, data->height);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      data->pixels[y * data->stride + x] = color;

  return TRUE;
}

/* The image of the board from far out is drawn again when the board
 * changes. */
static void
drop_far_image (SlRenderer *self)
{
  g_clear_pointer (&self->far_image, cairo_surface_destroy);
}

/* Whether the far-out image holds the pixels @left, @top to @right,
 * @bottom of the board at @scale. */
static gboolean
far_image_holds (SlRenderer *self,
                 double      scale,
                 int         left,
                 int         top,
                 int         right,
                 int         bottom)
{
  return self->far_image != NULL && self->far_scale == scale && self->far_style == self->style &&
         left >= self->far_left && top >= self->far_top &&
         right <= self->far_left + cairo_image_surface_get_width (self->far_image) &&
         bottom <= self->far_top + cairo_image_surface_get_height (self->far_image);
}

/* Sets the notes between the board's pixels @left, @top and @right,
 * @bottom at @scale into a new image, pixel by pixel. */
static cairo_surface_t *
make_far_image (SlRenderer   *self,
                const SlRect *bounds,
                double        scale,
                int           left,
                int           top,
                int           right,
                int           bottom)
{
  OverviewData data = { bounds->x, bounds->y, scale, left, top };
  SlRect area = { bounds->x + left / scale, bounds->y + top / scale,
                  (right - left) / scale, (bottom - top) / scale };
  cairo_surface_t *image;

  data.width = right - left;
  data.height = bottom - top;
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, data.width, data.height);
  cairo_surface_flush (image);
  /* Through void *: cairo aligns an ARGB32 surface's rows to 4 bytes at
   * least, which a cast of its unsigned char * does not tell the compiler. */
  data.pixels = (guint32 *) (void *) cairo_image_surface_get_data (image);
  data.stride = cairo_image_surface_get_stride (image) / 4;

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      const Rgb *rgb = kind_color (self, kind);

      data.colors[kind] = 0xff000000u | ((guint32) (rgb->r * 255) << 16) |
                          ((guint32) (rgb->g * 255) << 8) | (guint32) (rgb->b * 255);
    }

  /* The whole board (a map of it) in the document's order, which costs
   * less than the index's; a part of it through the index. */
  if (left == 0 && top == 0 &&
      right >= (int) ceil (bounds->width * scale) && bottom >= (int) ceil (bounds->height * scale))
    sl_layout_foreach_note (self->layout, overview_note_cb, &data);
  else
    sl_layout_foreach_note_in (self->layout, &area, overview_note_cb, &data);
  cairo_surface_mark_dirty (image);

  return image;
}

/* From far out a card covers a pixel or two: the notes are set into an
 * image pixel by pixel, which costs a few nanoseconds a note where cairo
 * would cost a path and a fill each. The image is kept and drawn again
 * while the view pans, with a margin of half a view around the region it
 * was made for, and made anew when the view leaves it, the scale or the
 * style changes, or the board does: the canvas draws into a recording that
 * keeps a snapshot of the image, which an image changed or freed at every
 * frame had to copy (a new image and its copy at every frame cost 40 to
 * 60 ms a frame in one frame of two at 100,000 notes, most of it the
 * kernel handing out fresh pages). */
static void
draw_overview (SlRenderer   *self,
               cairo_t      *cr,
               const SlRect *region,
               double        scale)
{
  SlRect bounds;
  int board_width, board_height, left, top, right, bottom;

  sl_layout_get_bounds (self->layout, &bounds);
  board_width = (int) ceil (bounds.width * scale);
  board_height = (int) ceil (bounds.height * scale);

  /* The board's pixels in the region. */
  left = MAX (0, (int) floor ((region->x - bounds.x) * scale));
  top = MAX (0, (int) floor ((region->y - bounds.y) * scale));
  right = MIN (board_width, (int) ceil ((region->x + region->width - bounds.x) * scale));
  bottom = MIN (board_height, (int) ceil ((region->y + region->height - bounds.y) * scale));
  if (right <= left || bottom <= top)
    return;

  if (!far_image_holds (self, scale, left, top, right, bottom))
    {
      int margin_x = (int) ceil (region->width * scale / 2);
      int margin_y = (int) ceil (region->height * scale / 2);

      left = MAX (0, left - margin_x);
      top = MAX (0, top - margin_y);
      right = MIN (MIN (board_width, right + margin_x), left + 8192);
      bottom = MIN (MIN (board_height, bottom + margin_y), top + 8192);

      drop_far_image (self);
      self->far_image = make_far_image (self, &bounds, scale, left, top, right, bottom);
      self->far_scale = scale;
      self->far_style = self->style;
      self->far_left = left;
      self->far_top = top;
    }

  cairo_save (cr);
  cairo_translate (cr, bounds.x, bounds.y);
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  cairo_set_source_surface (cr, self->far_image, self->far_left, self->far_top);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
sl_renderer_dispose (GObject *object)
{
  SlRenderer *self = (SlRenderer *)object;

  if (self->layout != NULL)
    sl_layout_set_card_heights (self->layout, self, NULL);
  g_clear_object (&self->layout);
  drop_far_image (self);
  g_clear_pointer (&self->text_cache, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->found, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->ghosts, g_array_unref);
  g_clear_object (&self->selected_connection);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->first_problem, g_hash_table_unref);
  g_clear_pointer (&self->card_measures, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->text_font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->header_font, pango_font_description_free);

  G_OBJECT_CLASS (sl_renderer_parent_class)->dispose (object);
}

static void
sl_renderer_class_init (SlRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_renderer_dispose;
}

static void
sl_renderer_init (SlRenderer *self)
{
  cairo_font_options_t *options;

  self->text_cache = g_hash_table_new_full (text_key_hash, text_key_equal, g_free, g_object_unref);
  self->card_measures = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  /* The same metrics on screen and on paper: no hinting to the pixel grid. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 96);
  cairo_font_options_destroy (options);

  self->text_font = pango_font_description_from_string ("Sans 11");
  self->small_font = pango_font_description_from_string ("Sans 8");
  self->header_font = pango_font_description_from_string ("Sans Bold 10");
}

/**
 * sl_renderer_new:
 *
 * Returns: (transfer full): a renderer of the board that @layout lays out
 */
SlRenderer *
sl_renderer_new (SlLayout *layout)
{
  SlRenderer *self;
  SlDocument *document;

  g_return_val_if_fail (SL_IS_LAYOUT (layout), NULL);

  self = g_object_new (SL_TYPE_RENDERER, NULL);
  self->layout = g_object_ref (layout);

  /* Whatever moves a note, adds or removes one, or a lane, changes the
   * image of the board from far out. */
  document = sl_layout_get_document (layout);
  g_signal_connect_object (document, "changed", G_CALLBACK (drop_far_image), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "element-changed", G_CALLBACK (drop_far_image), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_notes (document), "items-changed",
                           G_CALLBACK (drop_far_image), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_lanes (document), "items-changed",
                           G_CALLBACK (drop_far_image), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_slices (document), "items-changed",
                           G_CALLBACK (drop_far_image), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * sl_renderer_get_layout:
 *
 * Returns: (transfer none): the layout drawn
 */
SlLayout *
sl_renderer_get_layout (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);

  return self->layout;
}

void
sl_renderer_set_style (SlRenderer    *self,
                       SlRenderStyle  style)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  self->style = style;
}

/**
 * sl_renderer_set_selection:
 * @selection: (nullable): a set of #SlNote to draw as selected
 */
void
sl_renderer_set_selection (SlRenderer *self,
                           GHashTable *selection)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  if (selection != NULL)
    g_hash_table_ref (selection);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  self->selection = selection;
}

/**
 * sl_renderer_set_found:
 * @found: (nullable): a set of #SlNote to mark as found
 * @current: (nullable): the one of them to mark most
 *
 * Marks what the find bar found. Only the screen sets it: paper and
 * exports show the board as it is.
 */
void
sl_renderer_set_found (SlRenderer *self,
                       GHashTable *found,
                       SlNote     *current)
{
  g_return_if_fail (SL_IS_RENDERER (self));
  g_return_if_fail (current == NULL || SL_IS_NOTE (current));

  if (found != NULL)
    g_hash_table_ref (found);
  g_clear_pointer (&self->found, g_hash_table_unref);
  self->found = found;
  self->found_current = current;
}

/**
 * sl_renderer_set_marks:
 * @marks: (nullable): #SlNote to #SlRenderMark (in a pointer): how each
 *   note differs from the other version compared
 * @ghosts: (nullable) (element-type SlRenderGhost): the notes of the
 *   other version this board lacks
 *
 * Marks a comparison with another version of the model. Only the screen
 * sets it: paper and exports show the board as it is.
 */
void
sl_renderer_set_marks (SlRenderer *self,
                       GHashTable *marks,
                       GArray     *ghosts)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  if (marks != NULL)
    g_hash_table_ref (marks);
  if (ghosts != NULL)
    g_array_ref (ghosts);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->ghosts, g_array_unref);
  self->marks = marks;
  self->ghosts = ghosts;
}

/**
 * sl_renderer_set_full_detail:
 * @full_detail: whether to draw everything at any scale
 *
 * On screen, cards lose their fields, then their text, then the board
 * becomes an image as the scale falls, since what is too small to read
 * costs time and shows nothing. Paper and vector exports are read closer
 * than they are drawn: with @full_detail, every scale draws real text,
 * fields and connections, as at 100 %.
 */
void
sl_renderer_set_full_detail (SlRenderer *self,
                             gboolean    full_detail)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  self->full_detail = !!full_detail;
}

gboolean
sl_renderer_get_full_detail (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), FALSE);

  return self->full_detail;
}

/**
 * sl_renderer_set_dimmed_kinds:
 * @kinds: a bit mask of `1 << SlNoteKind`, 0 for none
 *
 * Draws notes of these kinds faded, to put the others forward.
 */
void
sl_renderer_set_dimmed_kinds (SlRenderer *self,
                              guint       kinds)
{
  g_return_if_fail (SL_IS_RENDERER (self));

  self->dimmed_kinds = kinds;
}

guint
sl_renderer_get_dimmed_kinds (SlRenderer *self)
{
  g_return_val_if_fail (SL_IS_RENDERER (self), 0);

  return self->dimmed_kinds;
}

/**
 * sl_renderer_get_field_at:
 * @note: a note
 * @x: a point on the board
 * @y: a point on the board
 * @scale: the scale the board is drawn at
 *
 * Finds the field whose line on the card of @note is at @x, @y, as it is
 * drawn at @scale.
 *
 * Returns: (transfer none) (nullable): the field, or %NULL
 */
SlField *
sl_renderer_get_field_at (SlRenderer *self,
                          SlNote     *note,
                          double      x,
                          double      y,
                          double      scale)
{
  guint n_fields = sl_note_get_n_fields (note);
  g_autofree guint *order = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  SlRect card;
  int text_height;
  double top, bottom;
  guint line;

  g_return_val_if_fail (SL_IS_RENDERER (self), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  if (detail_scale (self, scale) < FIELDS_SCALE || n_fields == 0)
    return NULL;
  sl_layout_get_note_rect (self->layout, note, &card);
  if (x < card.x + CARD_PADDING || x > card.x + card.width - CARD_PADDING)
    return NULL;

  layout = get_text_layout (self, note, card.width - 2 * CARD_PADDING, 2);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  top = card.y + FIELDS_TOP + text_height;
  bottom = card.y + card.height - CARD_PADDING;
  if (y < top || y >= bottom)
    return NULL;

  line = (guint) ((y - top) / FIELD_LINE_HEIGHT);
  if (field_line (line, n_fields, top, bottom) != FIELD_LINE_FIELD)
    return NULL;

  order = field_order (self, note);
  return sl_note_get_field (note, order[line]);
}

/**
 * sl_renderer_set_problems:
 * @problems: (nullable) (element-type SlProblem): what the check found,
 *   the problems of a note together (as sl_check_run() and SlChecker
 *   give them)
 * @step: the step the model is at
 *
 * Marks the notes that fail @step, and every field with no origin or no
 * destination, or nothing for %NULL. The array is kept until the next
 * call. A card with more fields with problems than its kind's size holds
 * grows to list them all: the renderer asks its layout for the height
 * (sl_layout_set_card_heights()), so that hit testing and placement agree.
 */
void
sl_renderer_set_problems (SlRenderer *self,
                          GPtrArray  *problems,
                          guint       step)
{
  g_autoptr(GHashTable) heights = NULL;

  g_return_if_fail (SL_IS_RENDERER (self));

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->first_problem, g_hash_table_unref);
  self->step = step;
  /* Cards may grow or shrink. */
  drop_far_image (self);
  if (problems == NULL)
    {
      g_hash_table_remove_all (self->card_measures);
      sl_layout_set_card_heights (self->layout, self, NULL);
      return;
    }

  /* Only where each note's problems begin: a card looks its own up when
   * it is drawn, which costs nothing for the cards out of view. */
  self->problems = g_ptr_array_ref (problems);
  self->first_problem = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      SlNote *note = sl_problem_get_note (g_ptr_array_index (problems, i));

      if (note != NULL && (i == 0 || sl_problem_get_note (g_ptr_array_index (problems, i - 1)) != note))
        g_hash_table_insert (self->first_problem, note, GUINT_TO_POINTER (i + 1));
    }

  /* The measures of the notes with no problem left (or gone) go: a
   * note's pointer may come back as another note's, whose measure is
   * then taken only if it matches. */
  g_hash_table_foreach_remove (self->card_measures, has_no_problem, self);

  heights = g_hash_table_new (NULL, NULL);
  for (guint first = 0, end; first < problems->len; first = end)
    {
      SlNote *note = sl_problem_get_note (g_ptr_array_index (problems, first));
      guint height;

      for (end = first + 1; end < problems->len; end++)
        if (sl_problem_get_note (g_ptr_array_index (problems, end)) != note)
          break;
      if (note == NULL)
        continue;

      height = height_for_problems (self, note, first, end);
      if (height > 0)
        g_hash_table_insert (heights, note, GUINT_TO_POINTER (height));
    }
  sl_layout_set_card_heights (self->layout, self, heights);
}

void
sl_renderer_get_kind_color (SlRenderer *self,
                            SlNoteKind  kind,
                            double     *rgb)
{
  const Rgb *color;

  g_return_if_fail (SL_IS_RENDERER (self));
  g_return_if_fail (kind < SL_N_NOTE_KINDS);

  color = kind_color (self, kind);
  rgb[0] = color->r, rgb[1] = color->g, rgb[2] = color->b;
}

typedef struct
{
  DrawData *draw;
  gboolean has_current;
  SlRect current;
} FoundData;

/* Over the image of the board from far out: the matches, the current one
 * kept for last so that no other covers it. */
/* Over the image of the board from far out: a comparison's marks. */
static gboolean
draw_mark_cb (SlNote       *note,
              const SlRect *rect,
              gpointer      user_data)
{
  DrawData *data = user_data;
  SlRenderMark mark = get_mark (data->self, note);

  if (mark != SL_RENDER_MARK_NONE)
    draw_mark_ring (data->self, data->cr, rect, data->scale, mark);
  return TRUE;
}

static gboolean
draw_found_cb (SlNote       *note,
               const SlRect *rect,
               gpointer      user_data)
{
  FoundData *data = user_data;
  SlRenderer *self = data->draw->self;

  if (note == self->found_current)
    {
      data->has_current = TRUE;
      data->current = *rect;
    }
  else if (g_hash_table_contains (self->found, note))
    draw_found_mark (self, data->draw->cr, rect, data->draw->scale, FALSE);

  return TRUE;
}

/**
 * sl_renderer_draw:
 * @cr: a context whose user space is board units
 * @region: the part of the board to draw
 * @scale: device units a board unit, for the level of detail (unless
 *   sl_renderer_set_full_detail()) and the width of hairlines
 *
 * Draws the slices, lanes, connections and notes that intersect @region.
 */
void
sl_renderer_draw (SlRenderer   *self,
                  cairo_t      *cr,
                  const SlRect *region,
                  double        scale)
{
  Rgb paper = is_dark (self) ? (Rgb) { 0.14, 0.14, 0.15 } : (Rgb) { 0.98, 0.98, 0.97 };
  DrawData data = { self, cr, scale, detail_scale (self, scale) };
  SlRect bounds;

  g_return_if_fail (SL_IS_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (region != NULL);
  g_return_if_fail (scale > 0);

  sl_layout_get_bounds (self->layout, &bounds);

  cairo_save (cr);
  cairo_rectangle (cr, region->x, region->y, region->width, region->height);
  cairo_clip (cr);

  set_rgb (cr, &paper, 1.0);
  cairo_paint (cr);

  draw_slices (self, cr, region, scale, &bounds);
  draw_lanes (self, cr, region, scale);
  if (self->ghosts != NULL)
    draw_ghosts (self, cr, region, scale, data.detail);
  if (data.detail < OVERVIEW_SCALE)
    {
      draw_overview (self, cr, region, scale);
      if (self->marks != NULL)
        sl_layout_foreach_note_in (self->layout, region, draw_mark_cb, &data);
      if (self->found != NULL)
        {
          FoundData found = { &data, FALSE, { 0 } };

          sl_layout_foreach_note_in (self->layout, region, draw_found_cb, &found);
          if (found.has_current)
            draw_found_mark (self, cr, &found.current, scale, TRUE);
        }
    }
  else
    {
      if (data.detail >= 0.15)
        _sl_renderer_draw_connections (self, cr, region, scale);
      if (CARD_RADIUS * scale < UNSEEN_SIZE)
        draw_unseen_cards (self, cr, region, scale);
      sl_layout_foreach_note_in (self->layout, region, draw_note_cb, &data);
    }

  cairo_restore (cr);
}

/**
 * sl_renderer_draw_lane_headers:
 *
 * Draws the header of each lane (name, kind, aggregate) in a column at the
 * left edge of @region, which stays in view however far the board scrolls.
 */
void
sl_renderer_draw_lane_headers (SlRenderer   *self,
                               cairo_t      *cr,
                               const SlRect *region,
                               double        scale)
{
  GListModel *lanes;
  Rgb paper = is_dark (self) ? (Rgb) { 0.19, 0.19, 0.21 } : (Rgb) { 0.93, 0.93, 0.92 };
  Rgb ink = is_dark (self) ? (Rgb) { 0.92, 0.92, 0.94 } : (Rgb) { 0.15, 0.15, 0.17 };
  double width = SL_LAYOUT_LANE_HEADER_WIDTH / MAX (scale, 1.0);

  g_return_if_fail (SL_IS_RENDERER (self));

  if (detail_scale (self, scale) < TEXT_SCALE)
    return;

  lanes = sl_document_get_lanes (sl_layout_get_document (self->layout));

  cairo_save (cr);
  set_rgb (cr, &paper, 1.0);
  cairo_rectangle (cr, region->x, region->y, width, region->height);
  cairo_fill (cr);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);
      const char *kind = sl_lane_kind_get_label (sl_lane_get_kind (lane));
      const char *name = sl_lane_get_name (lane);
      g_autofree char *detail = NULL;
      SlRect rect;

      sl_layout_get_lane_rect (self->layout, lane, &rect);
      if (rect.y > region->y + region->height || rect.y + rect.height < region->y)
        continue;

      if (sl_lane_get_aggregate (lane) != NULL)
        detail = g_strdup_printf (_("%s · %s"), kind, sl_aggregate_get_name (sl_lane_get_aggregate (lane)));
      else
        detail = g_strdup (kind);

      set_rgb (cr, &ink, 1.0);
      draw_text_at (self, cr, *name ? name : kind, self->header_font,
                    region->x + 12, MAX (rect.y + 12, region->y + 8), width - 24, PANGO_ALIGN_LEFT);
      set_rgb (cr, &ink, 0.65);
      draw_text_at (self, cr, detail, self->small_font,
                    region->x + 12, MAX (rect.y + 12, region->y + 8) + 17, width - 24, PANGO_ALIGN_LEFT);

      set_rgb (cr, &ink, 0.2);
      cairo_set_line_width (cr, 1.0 / scale);
      cairo_move_to (cr, region->x, rect.y + rect.height);
      cairo_line_to (cr, region->x + width, rect.y + rect.height);
      cairo_stroke (cr);
    }

  set_rgb (cr, &ink, 0.25);
  cairo_move_to (cr, region->x + width, region->y);
  cairo_line_to (cr, region->x + width, region->y + region->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * sl_renderer_draw_focus:
 * @note: (nullable): the note the keyboard is on
 * @lane: (nullable): else the lane whose header the keyboard is on
 *
 * Draws the keyboard's focus ring, on screen only: a dashed ring in the
 * ink of the board, outside the selection's solid blue ring, so that the
 * note the keyboard is on shows whether it is selected or not. Drawn after
 * sl_renderer_draw() (around @note) or sl_renderer_draw_lane_headers()
 * (around @lane's header, at the left edge of @region).
 */
void
sl_renderer_draw_focus (SlRenderer   *self,
                        cairo_t      *cr,
                        const SlRect *region,
                        double        scale,
                        SlNote       *note,
                        SlLane       *lane)
{
  Rgb ink = is_dark (self) ? (Rgb) { 0.95, 0.95, 0.97 } : (Rgb) { 0.08, 0.08, 0.1 };
  Rgb halo = is_dark (self) ? (Rgb) { 0.1, 0.1, 0.12 } : (Rgb) { 1, 1, 1 };
  double dashes[] = { 6 / scale, 4 / scale };
  double gap = MAX (7.0, 5.0 / scale);
  SlRect ring;
  double radius;

  g_return_if_fail (SL_IS_RENDERER (self));
  g_return_if_fail (note == NULL || SL_IS_NOTE (note));
  g_return_if_fail (lane == NULL || SL_IS_LANE (lane));

  if (note != NULL)
    {
      sl_layout_get_note_rect (self->layout, note, &ring);
      ring = (SlRect) { ring.x - gap, ring.y - gap, ring.width + 2 * gap, ring.height + 2 * gap };
      radius = CARD_RADIUS + gap;
    }
  else if (lane != NULL)
    {
      SlRect lane_rect;
      double inset = 3 / scale;

      sl_layout_get_lane_rect (self->layout, lane, &lane_rect);
      ring = (SlRect) { region->x + inset, lane_rect.y + inset,
                        SL_LAYOUT_LANE_HEADER_WIDTH / MAX (scale, 1.0) - 2 * inset, lane_rect.height - 2 * inset };
      radius = CARD_RADIUS;
    }
  else
    return;

  cairo_save (cr);
  /* A halo under the dashes keeps the ring seen on any card or lane. */
  rounded_rect (cr, &ring, radius);
  set_rgb (cr, &halo, 0.9);
  cairo_set_line_width (cr, 5.0 / scale);
  cairo_stroke_preserve (cr);
  set_rgb (cr, &ink, 1.0);
  cairo_set_line_width (cr, 2.5 / scale);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}
