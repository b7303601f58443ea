/* sl-print-job-scenarios.c: the scenario pages of a printout
 *
 * After the board, a Given/When/Then table per scenario of each command
 * and view, in timeline order, continued over pages as needed. The lines
 * are copied out of the model when paginating, so that drawing never meets
 * an element the user removed in between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-print-job-private.h"

/* Scenario tables: the column of "Given", "When", "Then". */
#define PART_COLUMN 52.0
#define CELL_PADDING 4.0

void
_sl_print_job_line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->part);
  g_free (line->text);
  g_free (line->values);
}

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
  /* Translators: the keywords of a Given/When/Then scenario, as in Gherkin */
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
      text = _sl_print_job_text_layout (self, line_font (line), line->text, self->page_width - 18);
      return 14 + _sl_print_job_text_height (text) + 6;
    case LINE_SCENARIO:
      text = _sl_print_job_text_layout (self, line_font (line), line->text, self->page_width - 2 * CELL_PADDING);
      return 6 + _sl_print_job_text_height (text) + 2 * CELL_PADDING;
    case LINE_STEP:
    default:
      text = _sl_print_job_text_layout (self, line_font (line), line->text, subject_width - 18 - CELL_PADDING);
      height = _sl_print_job_text_height (text);
      if (line->values != NULL)
        {
          values = _sl_print_job_text_layout (self, "Sans 8", line->values, values_width - 2 * CELL_PADDING);
          height = MAX (height, _sl_print_job_text_height (values));
        }
      return height + 2 * CELL_PADDING;
    }
}

/* Fills pages with the lines, keeping a heading with its first scenario and
 * a title with its first step, and repeating a scenario's title on the page
 * it continues on. */
void
_sl_print_job_paginate_scenarios (SlPrintJob *self)
{
  g_autoptr(GArray) lines = NULL;
  double body_height = MAX (1, self->page_height - SL_PRINT_JOB_HEADER_HEIGHT - SPACING);
  const char *scenario = NULL;  /* the title of the scenario under way */
  Page *page = NULL;
  double y = 0;

  collect_lines (self);
  lines = g_steal_pointer (&self->lines);
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (self->lines, _sl_print_job_line_clear);
  g_array_set_clear_func (lines, _sl_print_job_line_clear);

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

          page = _sl_print_job_add_page (self, SL_PRINT_PAGE_SCENARIOS);
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
      text = _sl_print_job_text_layout (self, line_font (line), line->text, width - 18);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_move_to (cr, 18, y + 14);
      pango_cairo_show_layout (cr, text);
      break;

    case LINE_SCENARIO:
      cairo_rectangle (cr, 0, y + 6, width, line->height - 6);
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.93);
      cairo_fill (cr);
      text = _sl_print_job_text_layout (self, line_font (line), line->text, width - 2 * CELL_PADDING);
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
          _sl_print_job_show_text (self, cr, "Sans Bold 8", line->part, CELL_PADDING, y + CELL_PADDING,
                                   PART_COLUMN - 2 * CELL_PADDING, PANGO_ALIGN_LEFT);
        }

      draw_swatch (self, cr, line->note_kind, subject_x + CELL_PADDING, y + CELL_PADDING + 2, 8);
      text = _sl_print_job_text_layout (self, line_font (line), line->text, subject_width - 18 - CELL_PADDING);
      if (line->error)
        cairo_set_source_rgb (cr, 0.7, 0.05, 0.1);
      else
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
      cairo_move_to (cr, subject_x + 18, y + CELL_PADDING);
      pango_cairo_show_layout (cr, text);

      if (line->values != NULL)
        {
          g_autoptr(PangoLayout) values = _sl_print_job_text_layout (self, "Sans 8", line->values,
                                                                     values_width - 2 * CELL_PADDING);

          cairo_set_source_rgb (cr, 0.2, 0.2, 0.22);
          cairo_move_to (cr, values_x + CELL_PADDING, y + CELL_PADDING);
          pango_cairo_show_layout (cr, values);
        }
      break;
    }

  cairo_restore (cr);
}

void
_sl_print_job_draw_scenario_page (SlPrintJob *self,
                                  cairo_t    *cr,
                                  const Page *page)
{
  double top = SL_PRINT_JOB_HEADER_HEIGHT + SPACING;

  for (guint i = page->first_line; i < page->first_line + page->n_lines; i++)
    draw_line (self, cr, &g_array_index (self->lines, Line, i), top);
}
