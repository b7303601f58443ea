/* sl-print-job.c: a board laid out on pages, for printing and PDF export
 *
 * The one engine behind the print dialog and `stormline-cli export`: it
 * lays a region of the board out on pages of a given printable size and
 * draws each page onto a cairo context whose user space is points, with
 * the origin at the printable area's top left corner. The board itself is
 * drawn by SlRenderer, at full detail and in the light style, so that
 * paper shows what the screen shows, text and all.
 *
 * Two layouts: the region fit on one page, or the region at a scale over
 * as many pages as it takes. Tiles overlap their neighbours by a strip
 * that carries a dashed cut line and marks in the gutters; a page map
 * comes first and shows the region small with the grid of the tiles.
 * Every page has a header: the model's title, the date, "Page N of M" and
 * what the page shows ("Tile B2": row B, column 2). Scenario pages follow
 * the board: a Given/When/Then table per scenario of each command and
 * view, in the order of the board, continued over pages as needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sl-print-job.h"

/* Between the header and what follows, and the board and the legend. */
#define SPACING 8.0
/* The margin of the whole board around its notes and slices, in board units. */
#define BOARD_MARGIN 24.0
/* Scenario tables: the column of "Given", "When", "Then". */
#define PART_COLUMN 52.0
#define CELL_PADDING 4.0
#define LEGEND_LINE 13.0

typedef struct
{
  SlPrintPageKind kind;
  guint column;        /* of a tile */
  guint row;
  guint first_line;    /* of a scenario page, in lines */
  guint n_lines;
  gboolean legend;     /* the legend is at the bottom of this page */
} Page;

typedef enum {
  LINE_NOTE,      /* the command or view the scenarios below are about */
  LINE_SCENARIO,  /* a scenario's title */
  LINE_STEP,      /* a Given, When or Then step, or the error */
} LineKind;

/* A line of the scenario pages, copied out of the model when paginating so
 * that drawing never meets an element the user removed in between. */
typedef struct
{
  LineKind kind;
  int note_kind;       /* the colour of the swatch, -1 for none */
  char *part;          /* "Given", "When", "Then" on a part's first step */
  char *text;
  char *values;        /* "name: value" lines, or NULL */
  gboolean error;
  double height;
  double y;            /* from the top of the page's body */
} Line;

struct _SlPrintJob
{
  GObject parent_instance;

  SlLayout *layout;
  SlRenderer *renderer;
  PangoContext *context;  /* for the pages' own text, in points */

  /* What to print */
  gboolean has_region;
  SlRect region;
  gboolean fit_to_page;
  gboolean has_scale;
  double scale;
  gboolean legend;
  gboolean problems;
  gboolean scenarios;
  char *file_name;
  GDateTime *date;

  /* The pages, after sl_print_job_paginate() */
  gboolean paginated;
  double page_width;
  double page_height;
  SlRect area;            /* the region with the lane headers' column at its left */
  guint kinds;            /* the note kinds on the board, a bit each */
  double legend_height;
  double board_scale;     /* points a board unit on the board pages */
  SlRect board_body;      /* where a board page draws, in points */
  guint n_columns;
  guint n_rows;
  double tile_width;      /* in board units */
  double tile_height;
  double overlap;         /* in board units */
  GArray *pages;          /* of Page */
  GArray *lines;          /* of Line */
};

G_DEFINE_FINAL_TYPE (SlPrintJob, sl_print_job, G_TYPE_OBJECT)

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->part);
  g_free (line->text);
  g_free (line->values);
}

static void
invalidate (SlPrintJob *self)
{
  self->paginated = FALSE;
}

static PangoLayout *
text_layout (SlPrintJob *self,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  return layout;
}

static double
text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
show_text (SlPrintJob     *self,
           cairo_t        *cr,
           const char     *font,
           const char     *text,
           double          x,
           double          y,
           double          width,
           PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = text_layout (self, font, text, width);

  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* "A", "B", … "Z", "AA", "AB": the name of a row of tiles. */
static char *
row_name (guint row)
{
  GString *name = g_string_new (NULL);

  for (row++; row > 0; row = (row - 1) / 26)
    g_string_prepend_c (name, 'A' + (row - 1) % 26);
  return g_string_free (name, FALSE);
}

static char *
tile_name (guint column,
           guint row)
{
  g_autofree char *letters = row_name (row);

  return g_strdup_printf ("%s%u", letters, column + 1);
}

typedef struct
{
  double left, right;
  guint kinds;
} ContentData;

static gboolean
content_note_cb (SlNote       *note,
                 const SlRect *rect,
                 gpointer      user_data)
{
  ContentData *data = user_data;

  data->left = MIN (data->left, rect->x);
  data->right = MAX (data->right, rect->x + rect->width);
  data->kinds |= 1u << sl_note_get_kind (note);
  return TRUE;
}

/* The notes and slices of the board, and the kinds of its notes. The
 * layout's bounds leave room to add notes on the right: paper needs none. */
static void
measure_content (SlPrintJob *self,
                 SlRect     *content,
                 guint      *kinds)
{
  GListModel *slices = sl_document_get_slices (sl_layout_get_document (self->layout));
  ContentData data = { G_MAXDOUBLE, -G_MAXDOUBLE, 0 };
  SlRect bounds;

  sl_layout_get_bounds (self->layout, &bounds);
  sl_layout_foreach_note (self->layout, content_note_cb, &data);
  for (guint i = 0; i < g_list_model_get_n_items (slices); i++)
    {
      SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (slices), i);

      data.left = MIN (data.left, sl_slice_get_x (slice));
      data.right = MAX (data.right, sl_slice_get_x (slice) + sl_slice_get_width (slice));
    }

  if (data.left > data.right)
    *content = bounds;
  else
    *content = (SlRect) { data.left - BOARD_MARGIN, bounds.y,
                          data.right - data.left + 2 * BOARD_MARGIN, bounds.height };
  *kinds = data.kinds;
}

static void
update_area (SlPrintJob *self)
{
  SlRect content;

  measure_content (self, &content, &self->kinds);
  if (self->has_region)
    content = self->region;

  /* The lane names stand in a column left of the region, covering nothing. */
  self->area = content;
  self->area.x -= SL_LAYOUT_LANE_HEADER_WIDTH;
  self->area.width += SL_LAYOUT_LANE_HEADER_WIDTH;
}

static void
update_problems (SlPrintJob *self)
{
  SlDocument *document = sl_layout_get_document (self->layout);

  if (self->problems)
    {
      g_autoptr(GPtrArray) problems = sl_check_run (document);

      sl_renderer_set_problems (self->renderer, problems, sl_document_get_step (document));
    }
  else
    sl_renderer_set_problems (self->renderer, NULL, 0);
}

/* The legend: a swatch and the name of each kind on the board, in the
 * legend's order, in lines as wide as @width. Draws when @cr is given;
 * returns the height. */
static double
legend (SlPrintJob *self,
        cairo_t    *cr,
        double      x,
        double      y,
        double      width)
{
  double left = 0, top = 0;

  /* The kinds, then the mark of a problem. */
  for (guint kind = 0; kind <= SL_N_NOTE_KINDS; kind++)
    {
      gboolean is_kind = kind < SL_N_NOTE_KINDS;
      g_autoptr(PangoLayout) label = NULL;
      double item_width;

      if (is_kind ? !(self->kinds & (1u << kind)) : !self->problems)
        continue;

      label = text_layout (self, "Sans 8",
                           is_kind ? sl_note_kind_get_label (kind) : _("Fails the model’s current step"),
                           -1);
      item_width = 16 + text_width (label) + 14;
      if (left > 0 && left + item_width > width)
        {
          left = 0;
          top += LEGEND_LINE;
        }

      if (cr != NULL)
        {
          cairo_save (cr);
          cairo_rectangle (cr, x + left, y + top + 1.5, 12, 8);
          if (is_kind)
            {
              double rgb[3];

              sl_renderer_get_kind_color (self->renderer, kind, rgb);
              cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
              cairo_fill_preserve (cr);
              cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
              cairo_set_line_width (cr, 0.5);
            }
          else
            {
              /* As the renderer rings a note that fails the step. */
              double dashes[] = { 2, 1.5 };

              cairo_set_source_rgb (cr, 0.85, 0.1, 0.15);
              cairo_set_line_width (cr, 1.0);
              cairo_set_dash (cr, dashes, 2, 0);
            }
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.22);
          cairo_move_to (cr, x + left + 16, y + top);
          pango_cairo_show_layout (cr, label);
          cairo_restore (cr);
        }

      left += item_width;
    }

  return left > 0 || top > 0 ? top + LEGEND_LINE : 0;
}

/* Pages */

static Page *
add_page (SlPrintJob      *self,
          SlPrintPageKind  kind)
{
  Page page = { kind };

  g_array_append_val (self->pages, page);
  return &g_array_index (self->pages, Page, self->pages->len - 1);
}

/* How many tiles of @tile units, overlapping by @overlap, cover @length. */
static guint
count_tiles (double length,
             double tile,
             double overlap)
{
  /* A hair of slack: a region that fits exactly is one tile, not two. */
  if (length <= tile + 1e-6)
    return 1;
  return 1 + (guint) ceil ((length - tile - 1e-6) / (tile - overlap));
}

/* Where a tile is drawn on its page, and how far it overlaps, in points. */
static double
get_tile_body (SlPrintJob *self,
               double      legend_space,
               SlRect     *body)
{
  *body = (SlRect) {
    SL_PRINT_JOB_TILE_GUTTER,
    SL_PRINT_JOB_HEADER_HEIGHT + SL_PRINT_JOB_TILE_GUTTER,
    MAX (1, self->page_width - 2 * SL_PRINT_JOB_TILE_GUTTER),
    MAX (1, self->page_height - SL_PRINT_JOB_HEADER_HEIGHT - 2 * SL_PRINT_JOB_TILE_GUTTER - legend_space),
  };
  return MIN (SL_PRINT_JOB_TILE_OVERLAP, MIN (body->width, body->height) / 4);
}

static void
lay_out_tiles (SlPrintJob *self,
               double      scale,
               double      legend_space)
{
  double overlap = get_tile_body (self, legend_space, &self->board_body);

  self->board_scale = scale;
  self->tile_width = self->board_body.width / scale;
  self->tile_height = self->board_body.height / scale;
  self->overlap = overlap / scale;
  self->n_columns = count_tiles (self->area.width, self->tile_width, self->overlap);
  self->n_rows = count_tiles (self->area.height, self->tile_height, self->overlap);
}

/* The scale at which @n tiles of @body points, overlapping by @overlap,
 * cover @length board units exactly. */
static double
scale_for_tiles (double length,
                 double body,
                 double overlap,
                 guint  n)
{
  return (n * body - (n - 1) * overlap) / length;
}

/* With no scale set: half size, unless a little smaller takes fewer pages,
 * as it does when the board overshoots a column or a row by a sliver. */
static double
choose_scale (SlPrintJob *self)
{
  SlRect body;
  double overlap = get_tile_body (self, 0, &body);

  lay_out_tiles (self, SL_PRINT_JOB_MIN_AUTO_SCALE, 0);
  return MIN (SL_PRINT_JOB_DEFAULT_SCALE,
              MIN (scale_for_tiles (self->area.width, body.width, overlap, self->n_columns),
                   scale_for_tiles (self->area.height, body.height, overlap, self->n_rows)));
}

static void
paginate_board (SlPrintJob *self)
{
  double legend_space = 0;
  double scale;
  Page *page;

  if (self->legend)
    legend_space = SPACING + (self->legend_height = legend (self, NULL, 0, 0, self->page_width));

  if (self->fit_to_page)
    {
      SlRect *body = &self->board_body;

      body->x = 0;
      body->y = SL_PRINT_JOB_HEADER_HEIGHT + SPACING;
      body->width = MAX (1, self->page_width);
      body->height = MAX (1, self->page_height - body->y - legend_space);
      self->board_scale = MIN (SL_PRINT_JOB_MAX_FIT_SCALE,
                               MIN (body->width / self->area.width, body->height / self->area.height));
      self->n_columns = self->n_rows = 1;
      self->tile_width = self->area.width;
      self->tile_height = self->area.height;
      self->overlap = 0;

      page = add_page (self, SL_PRINT_PAGE_BOARD);
      page->legend = self->legend;
      return;
    }

  /* One tile with the legend below it if that fits; otherwise the legend
   * goes on the page map, and the tiles take the whole page unless that
   * would make them one page with no room for the legend. */
  scale = self->has_scale ? self->scale : choose_scale (self);
  lay_out_tiles (self, scale, legend_space);
  if (self->n_columns * self->n_rows > 1 && legend_space > 0)
    {
      lay_out_tiles (self, scale, 0);
      if (self->n_columns * self->n_rows == 1)
        lay_out_tiles (self, scale, legend_space);
    }

  if (self->n_columns * self->n_rows == 1)
    {
      page = add_page (self, SL_PRINT_PAGE_BOARD);
      page->legend = self->legend;
      return;
    }

  page = add_page (self, SL_PRINT_PAGE_MAP);
  page->legend = self->legend;
  for (guint row = 0; row < self->n_rows; row++)
    for (guint column = 0; column < self->n_columns; column++)
      {
        page = add_page (self, SL_PRINT_PAGE_BOARD);
        page->column = column;
        page->row = row;
      }
}

/* Scenario pages */

static void
add_line (SlPrintJob *self,
          LineKind    kind,
          int         note_kind,
          const char *part,
          char       *text,
          char       *values)
{
  Line line = { kind, note_kind, g_strdup (part), text, values };

  g_array_append_val (self->lines, line);
}

static char *
format_values (SlStep *step)
{
  GString *values = g_string_new (NULL);

  for (guint i = 0; i < sl_step_get_n_values (step); i++)
    g_string_append_printf (values, "%s%s: %s", i > 0 ? "\n" : "",
                            sl_step_get_value_name (step, i), sl_step_get_value (step, i));
  return g_string_free (values, values->len == 0);
}

static void
add_scenario_lines (SlPrintJob *self,
                    SlScenario *scenario)
{
  static const char *parts[SL_N_STEP_PARTS] = { N_("Given"), N_("When"), N_("Then") };
  SlNote *subject = sl_scenario_get_note (scenario);
  const char *title = sl_scenario_get_title (scenario);

  add_line (self, LINE_SCENARIO, -1, NULL, g_strdup (*title ? title : _("Untitled scenario")), NULL);

  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    {
      guint n_steps = sl_scenario_get_n_steps (scenario, part);
      const char *error = sl_scenario_get_error (scenario);

      for (guint i = 0; i < n_steps; i++)
        {
          SlStep *step = sl_scenario_get_step (scenario, part, i);
          SlNote *note = sl_step_get_note (step);

          add_line (self, LINE_STEP, sl_note_get_kind (note), i == 0 ? _(parts[part]) : NULL,
                    g_strdup (sl_note_get_text (note)), format_values (step));
        }

      if (part == SL_STEP_THEN && error != NULL && *error)
        {
          add_line (self, LINE_STEP, -1, n_steps == 0 ? _(parts[part]) : NULL,
                    g_strdup (_("Fails with an error")), g_strdup (error));
          g_array_index (self->lines, Line, self->lines->len - 1).error = TRUE;
        }
      else if (n_steps == 0 && (part == SL_STEP_GIVEN || sl_note_get_kind (subject) == SL_NOTE_COMMAND))
        /* A view's scenario has no When: only a command's missing steps show. */
        add_line (self, LINE_STEP, -1, _(parts[part]), g_strdup ("—"), NULL);
    }
}

static int
compare_timeline (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return sl_document_compare_timeline (user_data, *(SlNote * const *) a, *(SlNote * const *) b);
}

/* The commands and views with scenarios, in timeline order. */
static GPtrArray *
collect_subjects (SlPrintJob *self)
{
  SlDocument *document = sl_layout_get_document (self->layout);
  GListModel *scenarios = sl_document_get_scenarios (document);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *subjects = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);
      SlNote *note = sl_scenario_get_note (scenario);

      if (g_hash_table_add (seen, note))
        g_ptr_array_add (subjects, note);
    }

  g_ptr_array_sort_with_data (subjects, compare_timeline, document);
  return subjects;
}

static void
collect_lines (SlPrintJob *self)
{
  GListModel *scenarios = sl_document_get_scenarios (sl_layout_get_document (self->layout));
  g_autoptr(GPtrArray) subjects = collect_subjects (self);

  for (guint i = 0; i < subjects->len; i++)
    {
      SlNote *note = g_ptr_array_index (subjects, i);
      SlNoteKind kind = sl_note_get_kind (note);

      /* Translators: a heading of the scenario pages: a note's kind and text,
       * as "Command · Book Room" */
      add_line (self, LINE_NOTE, kind, NULL,
                g_strdup_printf (_("%s · %s"), sl_note_kind_get_label (kind), sl_note_get_text (note)), NULL);

      for (guint j = 0; j < g_list_model_get_n_items (scenarios); j++)
        {
          SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), j);

          if (sl_scenario_get_note (scenario) == note)
            add_scenario_lines (self, scenario);
        }
    }
}

/* The widths of the three columns of a scenario table. */
static void
get_columns (SlPrintJob *self,
             double     *subject_x,
             double     *subject_width,
             double     *values_x,
             double     *values_width)
{
  double rest = MAX (60, self->page_width - PART_COLUMN);

  *subject_x = PART_COLUMN;
  *subject_width = rest * 0.4;
  *values_x = *subject_x + *subject_width;
  *values_width = rest - *subject_width;
}

static const char *
line_font (const Line *line)
{
  switch (line->kind)
    {
    case LINE_NOTE:
      return "Sans Bold 11";
    case LINE_SCENARIO:
      return "Sans Bold 9";
    case LINE_STEP:
    default:
      return line->error ? "Sans Bold 8" : "Sans 8";
    }
}

static double
measure_line (SlPrintJob *self,
              const Line *line)
{
  double subject_x, subject_width, values_x, values_width;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) values = NULL;
  double height;

  get_columns (self, &subject_x, &subject_width, &values_x, &values_width);

  switch (line->kind)
    {
    case LINE_NOTE:
      text = text_layout (self, line_font (line), line->text, self->page_width - 18);
      return 14 + text_height (text) + 6;
    case LINE_SCENARIO:
      text = text_layout (self, line_font (line), line->text, self->page_width - 2 * CELL_PADDING);
      return 6 + text_height (text) + 2 * CELL_PADDING;
    case LINE_STEP:
    default:
      text = text_layout (self, line_font (line), line->text, subject_width - 18 - CELL_PADDING);
      height = text_height (text);
      if (line->values != NULL)
        {
          values = text_layout (self, "Sans 8", line->values, values_width - 2 * CELL_PADDING);
          height = MAX (height, text_height (values));
        }
      return height + 2 * CELL_PADDING;
    }
}

/* Fills pages with the lines, keeping a heading with its first scenario and
 * a title with its first step, and repeating a scenario's title on the page
 * it continues on. */
static void
paginate_scenarios (SlPrintJob *self)
{
  g_autoptr(GArray) lines = NULL;
  double body_height = MAX (1, self->page_height - SL_PRINT_JOB_HEADER_HEIGHT - SPACING);
  const char *scenario = NULL;  /* the title of the scenario under way */
  Page *page = NULL;
  double y = 0;

  collect_lines (self);
  lines = g_steal_pointer (&self->lines);
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (self->lines, line_clear);
  g_array_set_clear_func (lines, line_clear);

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      double needed;

      line->height = measure_line (self, line);
      needed = line->height;
      for (guint next = i + 1; next < lines->len && next <= i + 2; next++)
        {
          const Line *following = &g_array_index (lines, Line, next);

          if (following->kind < line->kind || (following->kind == line->kind && line->kind == LINE_STEP))
            break;
          needed += measure_line (self, following);
          if (following->kind == LINE_STEP)
            break;
        }

      if (line->kind == LINE_NOTE)
        scenario = NULL;

      if (page == NULL || (y > 0 && y + needed > body_height))
        {
          guint first_line = self->lines->len;

          page = add_page (self, SL_PRINT_PAGE_SCENARIOS);
          page->first_line = first_line;
          y = 0;

          if (line->kind == LINE_STEP && scenario != NULL)
            {
              /* Translators: a scenario's title on the page it runs on to */
              Line title = { LINE_SCENARIO, -1, NULL, g_strdup_printf (_("%s (continued)"), scenario) };

              title.height = measure_line (self, &title);
              title.y = y;
              y += title.height;
              g_array_append_val (self->lines, title);
              page = &g_array_index (self->pages, Page, self->pages->len - 1);
              page->n_lines++;
            }
        }

      line->y = y;
      y += line->height;
      g_array_append_val (self->lines, *line);
      if (line->kind == LINE_SCENARIO)
        scenario = line->text;
      /* The copy owns the strings now. */
      line->part = line->text = line->values = NULL;
      page = &g_array_index (self->pages, Page, self->pages->len - 1);
      page->n_lines++;
    }
}

/* Drawing */

static void
draw_header (SlPrintJob *self,
             cairo_t    *cr,
             guint       number,
             const char *what)
{
  double width = self->page_width;
  g_autofree char *page = g_strdup_printf (_("Page %u of %u"), number + 1, self->pages->len);
  /* Translators: the date in the page header, see g_date_time_format() */
  g_autofree char *date = g_date_time_format (self->date, _("%Y-%m-%d"));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  show_text (self, cr, "Sans Bold 12", sl_print_job_get_title (self), 0, 0, width * 0.65, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  show_text (self, cr, "Sans Bold 9", page, width * 0.65, 2, width * 0.35, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, 0.38, 0.38, 0.42);
  show_text (self, cr, "Sans 8", date, 0, 17, width * 0.4, PANGO_ALIGN_LEFT);
  show_text (self, cr, "Sans 8", what, width * 0.4, 17, width * 0.6, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.34);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, SL_PRINT_JOB_HEADER_HEIGHT - 4);
  cairo_line_to (cr, width, SL_PRINT_JOB_HEADER_HEIGHT - 4);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Draws @region of the board onto @area of the page. */
static void
draw_board (SlPrintJob   *self,
            cairo_t      *cr,
            const SlRect *region,
            const SlRect *area,
            gboolean      lane_headers)
{
  double scale = area->width / region->width;

  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  cairo_translate (cr, area->x, area->y);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -region->x, -region->y);
  sl_renderer_draw (self->renderer, cr, region, scale);
  /* At most as wide as on screen at 100 %, the width of their column. */
  if (lane_headers)
    sl_renderer_draw_lane_headers (self->renderer, cr, region, MIN (scale, 1.0));
  cairo_restore (cr);

  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The part of the board a tile shows: its cell of the grid, the overlap
 * with its neighbours included, within the area. */
static void
get_tile_region (SlPrintJob *self,
                 guint       column,
                 guint       row,
                 SlRect     *region)
{
  double x = self->area.x + column * (self->tile_width - self->overlap);
  double y = self->area.y + row * (self->tile_height - self->overlap);

  region->x = x;
  region->y = y;
  region->width = MIN (self->tile_width, self->area.x + self->area.width - x);
  region->height = MIN (self->tile_height, self->area.y + self->area.height - y);
}

static void
get_page_placement (SlPrintJob *self,
                    const Page *page,
                    SlRect     *region,
                    SlRect     *area)
{
  if (page->kind == SL_PRINT_PAGE_MAP)
    {
      double top = SL_PRINT_JOB_HEADER_HEIGHT + SPACING;
      double bottom = self->page_height - 2 * LEGEND_LINE - (page->legend ? SPACING + self->legend_height : 0);
      double scale = MIN (self->page_width / self->area.width, MAX (1, bottom - top) / self->area.height);

      *region = self->area;
      *area = (SlRect) { (self->page_width - self->area.width * scale) / 2, top,
                         self->area.width * scale, self->area.height * scale };
    }
  else if (self->fit_to_page)
    {
      *region = self->area;
      *area = (SlRect) { (self->page_width - self->area.width * self->board_scale) / 2, self->board_body.y,
                         self->area.width * self->board_scale, self->area.height * self->board_scale };
    }
  else
    {
      get_tile_region (self, page->column, page->row, region);
      *area = (SlRect) { self->board_body.x, self->board_body.y,
                         region->width * self->board_scale, region->height * self->board_scale };
    }
}

/* The name of a neighbouring tile in a gutter, by the edge it is at. */
static void
draw_neighbour (SlPrintJob *self,
                cairo_t    *cr,
                guint       column,
                guint       row,
                const char *arrow,
                double      x,
                double      y,
                double      angle)
{
  g_autofree char *name = tile_name (column, row);
  g_autofree char *text = g_strdup_printf ("%s %s", arrow, name);
  g_autoptr(PangoLayout) layout = text_layout (self, "Sans Bold 6.5", text, -1);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -text_width (layout) / 2, -text_height (layout) / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Where a tile meets its neighbours: a dashed cut line through the middle
 * of the overlap, ticks at its ends in the gutters, and the neighbour's
 * name, so that the pages go together without the map. */
static void
draw_assembly_marks (SlPrintJob   *self,
                     cairo_t      *cr,
                     const Page   *page,
                     const SlRect *area)
{
  double half = self->overlap * self->board_scale / 2;
  double gutter = SL_PRINT_JOB_TILE_GUTTER;
  double dashes[] = { 3, 2 };
  double left = area->x, top = area->y;
  double right = area->x + area->width, bottom = area->y + area->height;
  gboolean before_x = page->column > 0, after_x = page->column + 1 < self->n_columns;
  gboolean before_y = page->row > 0, after_y = page->row + 1 < self->n_rows;
  double cuts_x[2] = { before_x ? left + half : -1, after_x ? right - half : -1 };
  double cuts_y[2] = { before_y ? top + half : -1, after_y ? bottom - half : -1 };

  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);

  for (guint i = 0; i < 2; i++)
    {
      if (cuts_x[i] >= 0)
        {
          cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.55);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, cuts_x[i], top);
          cairo_line_to (cr, cuts_x[i], bottom);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, cuts_x[i], top - gutter + 2);
          cairo_line_to (cr, cuts_x[i], top - 2);
          cairo_move_to (cr, cuts_x[i], bottom + 2);
          cairo_line_to (cr, cuts_x[i], bottom + gutter - 2);
          cairo_stroke (cr);
        }
      if (cuts_y[i] >= 0)
        {
          cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.55);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, left, cuts_y[i]);
          cairo_line_to (cr, right, cuts_y[i]);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, left - gutter + 2, cuts_y[i]);
          cairo_line_to (cr, left - 2, cuts_y[i]);
          cairo_move_to (cr, right + 2, cuts_y[i]);
          cairo_line_to (cr, right + gutter - 2, cuts_y[i]);
          cairo_stroke (cr);
        }
    }

  cairo_set_source_rgb (cr, 0.25, 0.25, 0.3);
  if (before_x)
    draw_neighbour (self, cr, page->column - 1, page->row, "◀", left - gutter / 2, (top + bottom) / 2, -G_PI / 2);
  if (after_x)
    draw_neighbour (self, cr, page->column + 1, page->row, "▶", right + gutter / 2, (top + bottom) / 2, G_PI / 2);
  if (before_y)
    draw_neighbour (self, cr, page->column, page->row - 1, "▲", (left + right) / 2, top - gutter / 2, 0);
  if (after_y)
    draw_neighbour (self, cr, page->column, page->row + 1, "▼", (left + right) / 2, bottom + gutter / 2, 0);
  cairo_restore (cr);
}

/* The grid of the tiles over the map: each cell bounded by the cut lines,
 * named as the header of its page names it. */
static void
draw_grid (SlPrintJob   *self,
           cairo_t      *cr,
           const SlRect *area)
{
  double scale = area->width / self->area.width;

  cairo_save (cr);
  for (guint row = 0; row < self->n_rows; row++)
    for (guint column = 0; column < self->n_columns; column++)
      {
        SlRect tile;
        double x0, y0, x1, y1, size;
        g_autofree char *name = tile_name (column, row);
        g_autofree char *font = NULL;
        g_autoptr(PangoLayout) label = NULL;

        get_tile_region (self, column, row, &tile);
        x0 = column == 0 ? tile.x : tile.x + self->overlap / 2;
        y0 = row == 0 ? tile.y : tile.y + self->overlap / 2;
        x1 = column + 1 == self->n_columns ? tile.x + tile.width : tile.x + tile.width - self->overlap / 2;
        y1 = row + 1 == self->n_rows ? tile.y + tile.height : tile.y + tile.height - self->overlap / 2;
        x0 = area->x + (x0 - self->area.x) * scale;
        x1 = area->x + (x1 - self->area.x) * scale;
        y0 = area->y + (y0 - self->area.y) * scale;
        y1 = area->y + (y1 - self->area.y) * scale;

        cairo_set_source_rgba (cr, 0.1, 0.3, 0.65, 0.9);
        cairo_set_line_width (cr, 1.0);
        cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        cairo_stroke (cr);

        size = CLAMP (MIN (x1 - x0, y1 - y0) * 0.3, 8, 28);
        font = g_strdup_printf ("Sans Bold %.1f", size);
        label = text_layout (self, font, name, -1);
        cairo_move_to (cr, (x0 + x1 - text_width (label)) / 2, (y0 + y1 - text_height (label)) / 2);
        pango_cairo_layout_path (cr, label);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_set_line_width (cr, size / 5);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke_preserve (cr);
        cairo_set_source_rgba (cr, 0.1, 0.3, 0.65, 0.95);
        cairo_fill (cr);
      }
  cairo_restore (cr);
}

/* Returns where the page map ends. */
static double
draw_map_page (SlPrintJob *self,
               cairo_t    *cr,
               const Page *page)
{
  SlRect region, area;
  g_autofree char *note = NULL;
  g_autoptr(PangoLayout) text = NULL;

  get_page_placement (self, page, &region, &area);

  /* So small that text is only grey: the simplified look of the screen,
   * so that the names of the tiles stand out. */
  sl_renderer_set_full_detail (self->renderer, FALSE);
  draw_board (self, cr, &region, &area, FALSE);
  sl_renderer_set_full_detail (self->renderer, TRUE);
  draw_grid (self, cr, &area);

  note = g_strdup_printf (_("%u × %u pages. Neighbouring pages overlap by %.0f mm: trim one along "
                            "its dashed line and lay it over the other, matching the marks."),
                          self->n_columns, self->n_rows, SL_PRINT_JOB_TILE_OVERLAP * 25.4 / 72);
  text = text_layout (self, "Sans 8", note, self->page_width);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.38, 0.38, 0.42);
  cairo_move_to (cr, 0, area.y + area.height + 6);
  pango_cairo_show_layout (cr, text);
  return area.y + area.height + 6 + text_height (text);
}

static void
draw_swatch (SlPrintJob *self,
             cairo_t    *cr,
             int         kind,
             double      x,
             double      y,
             double      size)
{
  double rgb[3];

  if (kind < 0)
    return;

  sl_renderer_get_kind_color (self->renderer, kind, rgb);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, size, size);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_line (SlPrintJob *self,
           cairo_t    *cr,
           const Line *line,
           double      top)
{
  double subject_x, subject_width, values_x, values_width;
  double y = top + line->y;
  double width = self->page_width;
  g_autoptr(PangoLayout) text = NULL;

  get_columns (self, &subject_x, &subject_width, &values_x, &values_width);
  cairo_save (cr);

  switch (line->kind)
    {
    case LINE_NOTE:
      draw_swatch (self, cr, line->note_kind, 0, y + 16, 11);
      text = text_layout (self, line_font (line), line->text, width - 18);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_move_to (cr, 18, y + 14);
      pango_cairo_show_layout (cr, text);
      break;

    case LINE_SCENARIO:
      cairo_rectangle (cr, 0, y + 6, width, line->height - 6);
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.93);
      cairo_fill (cr);
      text = text_layout (self, line_font (line), line->text, width - 2 * CELL_PADDING);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_move_to (cr, CELL_PADDING, y + 6 + CELL_PADDING);
      pango_cairo_show_layout (cr, text);
      break;

    case LINE_STEP:
    default:
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.82);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, line->part != NULL ? 0 : subject_x, y + line->height);
      cairo_line_to (cr, width, y + line->height);
      cairo_stroke (cr);

      if (line->part != NULL)
        {
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.34);
          show_text (self, cr, "Sans Bold 8", line->part, CELL_PADDING, y + CELL_PADDING,
                     PART_COLUMN - 2 * CELL_PADDING, PANGO_ALIGN_LEFT);
        }

      draw_swatch (self, cr, line->note_kind, subject_x + CELL_PADDING, y + CELL_PADDING + 2, 8);
      text = text_layout (self, line_font (line), line->text, subject_width - 18 - CELL_PADDING);
      if (line->error)
        cairo_set_source_rgb (cr, 0.7, 0.05, 0.1);
      else
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_move_to (cr, subject_x + 18, y + CELL_PADDING);
      pango_cairo_show_layout (cr, text);

      if (line->values != NULL)
        {
          g_autoptr(PangoLayout) values = text_layout (self, "Sans 8", line->values,
                                                       values_width - 2 * CELL_PADDING);

          cairo_set_source_rgb (cr, 0.2, 0.2, 0.22);
          cairo_move_to (cr, values_x + CELL_PADDING, y + CELL_PADDING);
          pango_cairo_show_layout (cr, values);
        }
      break;
    }

  cairo_restore (cr);
}

static void
draw_scenario_page (SlPrintJob *self,
                    cairo_t    *cr,
                    const Page *page)
{
  double top = SL_PRINT_JOB_HEADER_HEIGHT + SPACING;

  for (guint i = page->first_line; i < page->first_line + page->n_lines; i++)
    draw_line (self, cr, &g_array_index (self->lines, Line, i), top);
}

/* What the header says a page shows. */
static char *
describe_page (SlPrintJob *self,
               const Page *page)
{
  switch (page->kind)
    {
    case SL_PRINT_PAGE_MAP:
      return g_strdup (_("Page map"));
    case SL_PRINT_PAGE_SCENARIOS:
      return g_strdup (_("Scenarios"));
    case SL_PRINT_PAGE_BOARD:
    default:
      if (self->n_columns * self->n_rows > 1)
        {
          g_autofree char *name = tile_name (page->column, page->row);
          g_autofree char *row = row_name (page->row);

          /* Translators: a tile of a board printed over several pages, as
           * "Tile B2: row B, column 2" */
          return g_strdup_printf (_("Tile %s: row %s, column %u"), name, row, page->column + 1);
        }
      return g_strdup (self->has_region ? _("Part of the board") : _("The whole board"));
    }
}

static void
sl_print_job_dispose (GObject *object)
{
  SlPrintJob *self = (SlPrintJob *)object;

  g_clear_object (&self->renderer);
  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (sl_print_job_parent_class)->dispose (object);
}

static void
sl_print_job_class_init (SlPrintJobClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_print_job_dispose;
}

static void
sl_print_job_init (SlPrintJob *self)
{
  cairo_font_options_t *options;

  self->date = g_date_time_new_now_local ();
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (self->lines, line_clear);

  /* Points, unhinted: the same metrics on every printer and in PDF. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_destroy (options);
}

/**
 * sl_print_job_new:
 * @layout: the layout of the board to print
 *
 * Creates a job that prints the whole board fit on one page, with no
 * legend, problems or scenarios, dated now. It draws with a renderer of
 * its own, in the light style and at full detail, whatever the canvas
 * shows.
 *
 * Returns: (transfer full): a new print job
 */
SlPrintJob *
sl_print_job_new (SlLayout *layout)
{
  SlPrintJob *self;

  g_return_val_if_fail (SL_IS_LAYOUT (layout), NULL);

  self = g_object_new (SL_TYPE_PRINT_JOB, NULL);
  self->layout = g_object_ref (layout);
  self->renderer = sl_renderer_new (layout);
  self->fit_to_page = TRUE;
  sl_renderer_set_style (self->renderer, SL_RENDER_STYLE_LIGHT);
  sl_renderer_set_full_detail (self->renderer, TRUE);
  return self;
}

/**
 * sl_print_job_get_layout:
 *
 * Returns: (transfer none): the layout of the board printed
 */
SlLayout *
sl_print_job_get_layout (SlPrintJob *self)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), NULL);

  return self->layout;
}

/**
 * sl_print_job_set_region:
 * @region: (nullable): a part of the board, in board units, or %NULL for
 *   the whole board
 *
 * Prints @region (the selection's bounds, the part in view) instead of the
 * whole board. The lane names are printed in a column left of it.
 */
void
sl_print_job_set_region (SlPrintJob   *self,
                         const SlRect *region)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (region == NULL || (region->width > 0 && region->height > 0));

  self->has_region = region != NULL;
  if (region != NULL)
    self->region = *region;
  invalidate (self);
}

/**
 * sl_print_job_get_area:
 * @area: (out): the part of the board printed, in board units
 *
 * Gets the part of the board the job prints: the region (the notes and
 * slices of the whole board with a margin, unless one was set) with the
 * column of the lane names at its left.
 */
void
sl_print_job_get_area (SlPrintJob *self,
                       SlRect     *area)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (area != NULL);

  update_area (self);
  *area = self->area;
}

/**
 * sl_print_job_set_fit_to_page:
 * @fit_to_page: %TRUE to fit the region on one page, %FALSE to print it
 *   at the job's scale over as many pages as it takes
 */
void
sl_print_job_set_fit_to_page (SlPrintJob *self,
                              gboolean    fit_to_page)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->fit_to_page = !!fit_to_page;
  invalidate (self);
}

/**
 * sl_print_job_set_scale:
 * @scale: points a board unit
 *
 * Sets the scale of a board printed over several pages. Unless it is set,
 * the job prints at %SL_PRINT_JOB_DEFAULT_SCALE (a card's text at 7.3 pt),
 * or at the largest scale down to %SL_PRINT_JOB_MIN_AUTO_SCALE (6.6 pt)
 * that takes fewer pages.
 */
void
sl_print_job_set_scale (SlPrintJob *self,
                        double      scale)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (scale > 0 && isfinite (scale));

  self->has_scale = TRUE;
  self->scale = scale;
  invalidate (self);
}

/**
 * sl_print_job_set_legend:
 * @legend: whether to print a key of the note kinds on the board and their
 *   colours, under the board or the page map
 */
void
sl_print_job_set_legend (SlPrintJob *self,
                         gboolean    legend)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->legend = !!legend;
  invalidate (self);
}

/**
 * sl_print_job_set_problems:
 * @problems: whether to mark what the check finds, as the board does: the
 *   notes that fail the model's current step and the fields with no
 *   origin or no destination
 */
void
sl_print_job_set_problems (SlPrintJob *self,
                           gboolean    problems)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->problems = !!problems;
  invalidate (self);
}

/**
 * sl_print_job_set_scenarios:
 * @scenarios: whether to print, after the board, the scenarios of every
 *   command and view as Given/When/Then tables
 */
void
sl_print_job_set_scenarios (SlPrintJob *self,
                            gboolean    scenarios)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  self->scenarios = !!scenarios;
  invalidate (self);
}

/**
 * sl_print_job_set_file_name:
 * @file_name: (nullable): the name of the model's file, shown as the title
 *   of a model that has none
 */
void
sl_print_job_set_file_name (SlPrintJob *self,
                            const char *file_name)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));

  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
}

/**
 * sl_print_job_get_title:
 *
 * Returns: the title in the page headers: the model's, or the file's name,
 *   or "Untitled"
 */
const char *
sl_print_job_get_title (SlPrintJob *self)
{
  const char *title;

  g_return_val_if_fail (SL_IS_PRINT_JOB (self), NULL);

  title = sl_document_get_title (sl_layout_get_document (self->layout));
  if (*title)
    return title;
  if (self->file_name != NULL && *self->file_name)
    return self->file_name;
  return _("Untitled");
}

/**
 * sl_print_job_set_date:
 * @date: the date in the page headers
 */
void
sl_print_job_set_date (SlPrintJob *self,
                       GDateTime  *date)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (date != NULL);

  g_date_time_ref (date);
  g_date_time_unref (self->date);
  self->date = date;
}

/**
 * sl_print_job_paginate:
 * @page_width: the width of the printable area, in points
 * @page_height: its height
 *
 * Lays the job out on pages of the printable size: the board on one page
 * or in tiles, row by row, after a page map; then the scenarios. Measures
 * the board as it is now; call it again after the board changes.
 *
 * Returns: the number of pages, at least 1
 */
guint
sl_print_job_paginate (SlPrintJob *self,
                       double      page_width,
                       double      page_height)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), 0);
  g_return_val_if_fail (page_width > 0 && page_height > 0, 0);

  self->page_width = page_width;
  self->page_height = page_height;
  g_array_set_size (self->pages, 0);
  g_array_set_size (self->lines, 0);

  update_area (self);
  update_problems (self);
  paginate_board (self);
  if (self->scenarios)
    paginate_scenarios (self);

  self->paginated = TRUE;
  return self->pages->len;
}

/**
 * sl_print_job_get_n_pages:
 *
 * Returns: the number of pages of the last pagination, 0 before it
 */
guint
sl_print_job_get_n_pages (SlPrintJob *self)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), 0);

  return self->paginated ? self->pages->len : 0;
}

SlPrintPageKind
sl_print_job_get_page_kind (SlPrintJob *self,
                            guint       page)
{
  g_return_val_if_fail (SL_IS_PRINT_JOB (self), SL_PRINT_PAGE_BOARD);
  g_return_val_if_fail (self->paginated && page < self->pages->len, SL_PRINT_PAGE_BOARD);

  return g_array_index (self->pages, Page, page).kind;
}

/**
 * sl_print_job_get_grid:
 * @n_columns: (out) (optional): the number of columns of tiles
 * @n_rows: (out) (optional): the number of rows
 *
 * Gets the grid of the tiles of the last pagination: 1 × 1 for a board on
 * one page.
 */
void
sl_print_job_get_grid (SlPrintJob *self,
                       guint      *n_columns,
                       guint      *n_rows)
{
  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (self->paginated);

  if (n_columns != NULL)
    *n_columns = self->n_columns;
  if (n_rows != NULL)
    *n_rows = self->n_rows;
}

/**
 * sl_print_job_get_placement:
 * @page: a page of the last pagination
 * @region: (out) (optional): the part of the board the page shows, in
 *   board units
 * @area: (out) (optional): where the page shows it, in points from the
 *   printable area's top left corner
 *
 * Says where a board page or the page map puts the board: a point of
 * @region is drawn at `area.x + (x - region.x) * area.width / region.width`.
 *
 * Returns: %FALSE for a page of scenarios, which shows no board
 */
gboolean
sl_print_job_get_placement (SlPrintJob *self,
                            guint       page,
                            SlRect     *region,
                            SlRect     *area)
{
  const Page *info;
  SlRect board_region, board_area;

  g_return_val_if_fail (SL_IS_PRINT_JOB (self), FALSE);
  g_return_val_if_fail (self->paginated && page < self->pages->len, FALSE);

  info = &g_array_index (self->pages, Page, page);
  if (info->kind == SL_PRINT_PAGE_SCENARIOS)
    return FALSE;

  get_page_placement (self, info, &board_region, &board_area);
  if (region != NULL)
    *region = board_region;
  if (area != NULL)
    *area = board_area;
  return TRUE;
}

/**
 * sl_print_job_draw_page:
 * @cr: a context whose user space is points, with the origin at the top
 *   left corner of the printable area given to sl_print_job_paginate()
 * @page: the page, from 0
 *
 * Draws a page of the last pagination: in a #GtkPrintOperation's
 * #GtkPrintOperation::draw-page with the unit set to points, or on the
 * pages of a PDF surface.
 */
void
sl_print_job_draw_page (SlPrintJob *self,
                        cairo_t    *cr,
                        guint       page)
{
  const Page *info;
  g_autofree char *what = NULL;
  double bottom = 0;  /* of what the page shows, for the legend below it */

  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->paginated && page < self->pages->len);

  info = &g_array_index (self->pages, Page, page);
  what = describe_page (self, info);

  cairo_save (cr);
  draw_header (self, cr, page, what);

  switch (info->kind)
    {
    case SL_PRINT_PAGE_MAP:
      bottom = draw_map_page (self, cr, info);
      break;

    case SL_PRINT_PAGE_SCENARIOS:
      draw_scenario_page (self, cr, info);
      break;

    case SL_PRINT_PAGE_BOARD:
    default:
      {
        SlRect region, area;

        get_page_placement (self, info, &region, &area);
        draw_board (self, cr, &region, &area, info->column == 0);
        if (self->n_columns * self->n_rows > 1)
          draw_assembly_marks (self, cr, info, &area);
        bottom = area.y + area.height;
      }
      break;
    }

  /* Pagination kept the room for it. */
  if (info->legend)
    legend (self, cr, 0, bottom + SPACING, self->page_width);

  cairo_restore (cr);
}

/**
 * sl_print_job_draw_area:
 * @cr: a context with the origin where the area's top left corner goes
 * @scale: output units (points, pixels) a board unit
 *
 * Draws the job's area (see sl_print_job_get_area()) as one image, its
 * lane names at the left, with no page header: the board of an SVG or PNG
 * export.
 */
void
sl_print_job_draw_area (SlPrintJob *self,
                        cairo_t    *cr,
                        double      scale)
{
  SlRect area;

  g_return_if_fail (SL_IS_PRINT_JOB (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scale > 0);

  update_area (self);
  update_problems (self);
  area = self->area;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -area.x, -area.y);
  sl_renderer_draw (self->renderer, cr, &area, scale);
  sl_renderer_draw_lane_headers (self->renderer, cr, &area, MIN (scale, 1.0));
  cairo_restore (cr);
}
