/* test-renderer.c: what the one drawing code of a board shows
 *
 * SlRenderer onto cairo surfaces, with no display: the fields with
 * problems on a card too small for all its fields, read back from a PDF by
 * poppler's pdftotext, and the routes of the connections, read back from
 * the path that cairo is given, around the cards in their way and to
 * arrowheads of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-script.h>

#include "sl-renderer-private.h"
#include "test-util.h"

/* The columns of the board, as the keyboard places notes: a card and a gap. */
#define COLUMN(n) (20 + ((n) - 1) * (160 + SL_LAYOUT_NOTE_GAP))

/* A small library: the loan form's fields reach the Borrow Book command,
 * all but its fourth, dueDate, which has no origin. */
typedef struct
{
  SlDocument *document;
  SlNote *command;
} FieldsModel;

static void
fields_model_init (FieldsModel *model)
{
  const char *names[] = { "borrower", "bookId", "branch", "dueDate", "copyNumber" };
  SlDocument *d = sl_document_new ();
  SlLane *actors = sl_document_add_lane (d, SL_LANE_ACTOR, "Member", -1);
  SlLane *interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands and views", -1);
  SlLane *events = sl_document_add_lane (d, SL_LANE_EVENTS, "Loans", -1);
  SlNote *screen = sl_document_add_note (d, SL_NOTE_SCREEN, actors, COLUMN (1), 0, "Loan Form");
  SlNote *command = sl_document_add_note (d, SL_NOTE_COMMAND, interaction, COLUMN (1), 0, "Borrow Book");
  SlNote *event = sl_document_add_note (d, SL_NOTE_EVENT, events, COLUMN (2), 0, "Book Borrowed");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (i != 3)
        sl_document_insert_field (d, screen, -1, names[i], SL_FIELD_STRING);
      sl_document_insert_field (d, command, -1, names[i], i == 3 ? SL_FIELD_DATE : SL_FIELD_STRING);
      sl_document_insert_field (d, event, -1, names[i], i == 3 ? SL_FIELD_DATE : SL_FIELD_STRING);
    }
  sl_document_add_connection (d, screen, command);
  sl_document_add_connection (d, command, event);

  model->document = d;
  model->command = command;
}

/* The problems of the fields of @note, as "rule:field" lines. */
static char *
note_problems (GPtrArray *problems,
               SlNote    *note)
{
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      if (sl_problem_get_note (problem) == note && sl_problem_get_field (problem) != NULL)
        g_string_append_printf (lines, "%s:%s\n", sl_problem_get_rule (problem), sl_problem_get_field (problem));
    }
  return g_string_free (lines, FALSE);
}

/* What pdftotext reads on the whole board as @renderer draws it. */
static char *
board_text (SlRenderer *renderer,
            const char *dir)
{
  SlLayout *layout = sl_renderer_get_layout (renderer);
  g_autofree char *pdf = g_build_filename (dir, "board.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  SlRect bounds;

  sl_layout_get_bounds (layout, &bounds);
  surface = cairo_pdf_surface_create (pdf, bounds.width, bounds.height);
  cr = cairo_create (surface);
  cairo_translate (cr, -bounds.x, -bounds.y);
  sl_renderer_draw (renderer, cr, &bounds, 1.0);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return test_pdf_to_text (pdf);
}

/* A card with five fields, room for two and "+ N more": the fourth, which
 * has no origin, is on the card all the same, where the pointer finds it,
 * and "+ 3 more fields" counts the others. With more fields with problems
 * than lines, the card grows to list them all. */
static void
test_problem_fields_shown (void)
{
  FieldsModel model;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *found = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  SlRect card;
  SlField *field = NULL;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed to read PDFs");
      return;
    }

  fields_model_init (&model);
  problems = sl_check_run (model.document);
  found = note_problems (problems, model.command);
  g_assert_cmpstr (found, ==, "field-no-origin:dueDate\n");

  layout = sl_layout_new (model.document);
  renderer = sl_renderer_new (layout);
  sl_renderer_set_problems (renderer, problems, 8);

  dir = scratch_dir_new ();
  text = board_text (renderer, dir);
  if (strstr (text, "dueDate: Date ⚠ no origin") == NULL || strstr (text, "+ 3 more fields") == NULL)
    g_test_message ("On the board:\n%s", text);
  g_assert_nonnull (strstr (text, "dueDate: Date ⚠ no origin"));
  g_assert_nonnull (strstr (text, "+ 3 more fields"));
  /* The command's copyNumber, which has no problem, is among the three. */
  g_assert_null (strstr (text, "copyNumber: String\n"));

  /* Where it is drawn, the pointer finds it: the card's first field line. */
  sl_layout_get_note_rect (layout, model.command, &card);
  for (double y = card.y; y < card.y + card.height && field == NULL; y++)
    field = sl_renderer_get_field_at (renderer, model.command, card.x + 20, y, 1.0);
  g_assert_nonnull (field);
  g_assert_cmpstr (sl_field_get_name (field), ==, "dueDate");

  /* With no event, every field lacks a destination: more problems than
   * lines, and the card grows to show them all, hiding none. */
  sl_document_remove_connection (model.document,
                                 sl_document_get_note_connection (model.document, model.command, 1));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = sl_check_run (model.document);
  sl_renderer_set_problems (renderer, problems, 8);
  g_clear_pointer (&text, g_free);
  text = board_text (renderer, dir);
  g_test_message ("On the board:\n%s", text);
  g_assert_nonnull (strstr (text, "dueDate: Date ⚠ no origin ⚠ no destination"));
  g_assert_nonnull (strstr (text, "borrower: String ⚠ no destination\n"));
  g_assert_nonnull (strstr (text, "bookId: String ⚠ no destination\n"));
  g_assert_nonnull (strstr (text, "branch: String ⚠ no destination\n"));
  g_assert_nonnull (strstr (text, "copyNumber: String ⚠ no destination\n"));
  g_assert_null (strstr (text, "⚠)"));

  g_clear_object (&renderer);
  g_clear_object (&layout);
  g_clear_pointer (&problems, g_ptr_array_unref);
  remove_tree (dir);
  g_assert_finalize_object (model.document);
}

/* A chain of screen, command and event in @column, the command with
 * eight fields of which the screen fills two: its card grows. */
static SlNote *
add_growing_command (SlDocument  *d,
                     SlLane     **lanes,
                     guint        column,
                     SlNote     **screen_out)
{
  SlNote *screen = sl_document_add_note (d, SL_NOTE_SCREEN, lanes[0], COLUMN (column), 0, "Loan Form");
  SlNote *command = sl_document_add_note (d, SL_NOTE_COMMAND, lanes[1], COLUMN (column), 0, "Borrow");
  SlNote *event = sl_document_add_note (d, SL_NOTE_EVENT, lanes[2], COLUMN (column + 1), 0, "Borrowed");

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("field%u", i);

      if (i < 2)
        sl_document_insert_field (d, screen, -1, name, SL_FIELD_STRING);
      sl_document_insert_field (d, command, -1, name, SL_FIELD_STRING);
      sl_document_insert_field (d, event, -1, name, SL_FIELD_STRING);
    }
  sl_document_add_connection (d, screen, command);
  sl_document_add_connection (d, command, event);
  *screen_out = screen;
  return command;
}

/* The check runs again after every pause in editing: the renderer
 * measures again only the cards whose problems or text changed, from a
 * new array of problems each time, and still gives each card the height
 * it needs. */
static void
test_edit_measures_changed_cards (void)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lanes[] = {
    sl_document_add_lane (d, SL_LANE_ACTOR, "Member", -1),
    sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands", -1),
    sl_document_add_lane (d, SL_LANE_EVENTS, "Loans", -1),
  };
  SlNote *screen, *second_screen;
  SlNote *first = add_growing_command (d, lanes, 1, &screen);
  SlNote *second = add_growing_command (d, lanes, 4, &second_screen);
  g_autoptr(SlLayout) layout = sl_layout_new (d);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  g_autoptr(GPtrArray) problems = NULL;
  SlRect card, other, card_before, other_before;
  guint measured;

  problems = sl_check_run (d);
  sl_renderer_set_problems (renderer, problems, 8);
  sl_layout_get_note_rect (layout, first, &card_before);
  sl_layout_get_note_rect (layout, second, &other_before);
  g_assert_cmpuint (renderer->n_measured, >=, 2);
  measured = renderer->n_measured;

  /* The same problems again, in a new array: nothing measured. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = sl_check_run (d);
  sl_renderer_set_problems (renderer, problems, 8);
  g_assert_cmpuint (renderer->n_measured, ==, measured);

  /* A longer text (two lines) for the first command: its card alone is
   * measured again, and grows by the line. */
  sl_document_set_note_text (d, first, "Borrow a book that the member found on the shelf");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = sl_check_run (d);
  sl_renderer_set_problems (renderer, problems, 8);
  g_assert_cmpuint (renderer->n_measured, ==, measured + 1);
  sl_layout_get_note_rect (layout, first, &card);
  sl_layout_get_note_rect (layout, second, &other);
  g_assert_cmpfloat (card.height, >, card_before.height);
  g_assert_cmpfloat (other.height, ==, other_before.height);

  /* A screen fills one more field of the second command: one problem
   * less, its card alone measured again, a line shorter. */
  sl_document_insert_field (d, second_screen, -1, "field2", SL_FIELD_STRING);
  measured = renderer->n_measured;
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = sl_check_run (d);
  sl_renderer_set_problems (renderer, problems, 8);
  g_assert_cmpuint (renderer->n_measured, ==, measured + 1);
  sl_layout_get_note_rect (layout, second, &other);
  g_assert_cmpfloat (other.height, <, other_before.height);

  g_clear_object (&renderer);
  g_clear_object (&layout);
}

/* A command with eight fields, six of which no screen fills: the card
 * grows to list all six, "+ 2 more fields" counts the two others, and the
 * layout agrees: the pointer finds the sixth where it is drawn, the card
 * below it in its column moves down, uncovered, and the lane grows. */
static void
test_card_grows (void)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *actors = sl_document_add_lane (d, SL_LANE_ACTOR, "Member", -1);
  SlLane *interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands and views", -1);
  SlLane *events = sl_document_add_lane (d, SL_LANE_EVENTS, "Loans", -1);
  SlNote *screen = sl_document_add_note (d, SL_NOTE_SCREEN, actors, COLUMN (1), 0, "Loan Form");
  SlNote *command = sl_document_add_note (d, SL_NOTE_COMMAND, interaction, COLUMN (1), 0, "Borrow Book");
  SlNote *below = sl_document_add_note (d, SL_NOTE_VIEW, interaction, COLUMN (1), 120, "Loans of a Member");
  SlNote *event = sl_document_add_note (d, SL_NOTE_EVENT, events, COLUMN (2), 0, "Book Borrowed");
  g_autoptr(SlLayout) layout = sl_layout_new (d);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  SlRect card, card_before, view, lane, lane_before;
  SlField *last = NULL;
  double width, height;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed to read PDFs");
      remove_tree (dir);
      return;
    }

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("field%u", i);

      if (i < 2)
        sl_document_insert_field (d, screen, -1, name, SL_FIELD_STRING);
      sl_document_insert_field (d, command, -1, name, SL_FIELD_STRING);
      sl_document_insert_field (d, event, -1, name, SL_FIELD_STRING);
    }
  sl_document_add_connection (d, screen, command);
  sl_document_add_connection (d, command, event);

  sl_layout_get_note_rect (layout, command, &card_before);
  sl_layout_get_lane_rect (layout, interaction, &lane_before);
  problems = sl_check_run (d);
  sl_renderer_set_problems (renderer, problems, 8);

  text = board_text (renderer, dir);
  g_test_message ("On the board:\n%s", text);
  for (guint i = 2; i < 8; i++)
    {
      g_autofree char *line = g_strdup_printf ("field%u: String ⚠ no origin\n", i);

      g_assert_nonnull (strstr (text, line));
    }
  g_assert_nonnull (strstr (text, "+ 2 more fields\n"));
  g_assert_null (strstr (text, "⚠)"));

  sl_layout_get_note_size (SL_NOTE_COMMAND, &width, &height);
  sl_layout_get_note_rect (layout, command, &card);
  g_assert_cmpfloat (card.y, ==, card_before.y);
  g_assert_cmpfloat (card.height, >, height);
  g_assert_true (sl_layout_get_note_at (layout, card.x + 5, card.y + card.height - 2) == command);
  for (double y = card.y; y < card.y + card.height; y++)
    {
      SlField *field = sl_renderer_get_field_at (renderer, command, card.x + 20, y, 1.0);

      if (field != NULL)
        last = field;
    }
  g_assert_nonnull (last);
  g_assert_cmpstr (sl_field_get_name (last), ==, "field7");

  sl_layout_get_note_rect (layout, below, &view);
  g_assert_false (sl_rect_intersects (&card, &view));
  g_assert_cmpfloat (view.y - (card.y + card.height), ==, 2 * SL_LAYOUT_GRID);
  g_assert_true (sl_layout_get_note_at (layout, view.x + 5, view.y + 5) == below);
  sl_layout_get_lane_rect (layout, interaction, &lane);
  g_assert_cmpfloat (lane.height, ==, lane_before.height + card.height - height);

  /* Without problems, the card is its kind's size again. */
  sl_renderer_set_problems (renderer, NULL, 0);
  sl_layout_get_note_rect (layout, command, &card);
  g_assert_cmpfloat (card.height, ==, height);

  g_clear_object (&renderer);
  g_clear_object (&layout);
  remove_tree (dir);
}

/* A note broken into lines (Shift+Enter) shows them as lines in the PDF;
 * one with more lines than the card holds joins the rest onto its last
 * line rather than running out of the card. */
static void
test_line_breaks (void)
{
  SlDocument *document = sl_document_new ();
  SlLane *events = sl_document_add_lane (document, SL_LANE_EVENTS, "Loans", -1);
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is needed to read PDFs");
      return;
    }

  sl_document_add_note (document, SL_NOTE_EVENT, events, COLUMN (1), 0, "Book\nBorrowed");
  sl_document_add_note (document, SL_NOTE_EVENT, events, COLUMN (2), 0, "One\nTwo\nThree\nFour\nFive\nSix");
  layout = sl_layout_new (document);
  renderer = sl_renderer_new (layout);

  dir = scratch_dir_new ();
  text = board_text (renderer, dir);
  g_test_message ("On the board:\n%s", text);
  /* pdftotext keeps the layout: the two cards side by side, line by line. */
  g_assert_true (g_regex_match_simple ("^Book +One$\n^Borrowed +Two$\n^ +Three$\n^ +Four Five Six$",
                                       text, G_REGEX_MULTILINE, 0));

  g_clear_object (&renderer);
  g_clear_object (&layout);
  remove_tree (dir);
  g_assert_finalize_object (document);
}

/* The library of the issue: Book Borrowed (column 2) feeds Overdue Loans
 * (column 4), where Return Book (column 3) stands in the way of a curve,
 * and Book Returned (column 3) feeds Overdue Loans as well. */
typedef struct
{
  SlDocument *document;
  SlLayout *layout;
  SlRenderer *renderer;
  SlConnection *borrowed_overdue;
  SlConnection *returned_overdue;
} Library;

static void
library_init (Library *library)
{
  SlDocument *d = sl_document_new ();
  SlLane *interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands and views", -1);
  SlLane *events = sl_document_add_lane (d, SL_LANE_EVENTS, "Loans", -1);
  SlNote *borrow = sl_document_add_note (d, SL_NOTE_COMMAND, interaction, COLUMN (1), 0, "Borrow Book");
  SlNote *borrowed = sl_document_add_note (d, SL_NOTE_EVENT, events, COLUMN (2), 0, "Book Borrowed");
  SlNote *give_back = sl_document_add_note (d, SL_NOTE_COMMAND, interaction, COLUMN (3), 0, "Return Book");
  SlNote *returned = sl_document_add_note (d, SL_NOTE_EVENT, events, COLUMN (3), 0, "Book Returned");
  SlNote *overdue = sl_document_add_note (d, SL_NOTE_VIEW, interaction, COLUMN (4), 0, "Overdue Loans");

  sl_document_add_connection (d, borrow, borrowed);
  sl_document_add_connection (d, give_back, returned);
  library->borrowed_overdue = sl_document_add_connection (d, borrowed, overdue);
  library->returned_overdue = sl_document_add_connection (d, returned, overdue);
  library->document = d;
  library->layout = sl_layout_new (d);
  library->renderer = sl_renderer_new (library->layout);
}

static void
library_clear (Library *library)
{
  g_clear_object (&library->renderer);
  g_clear_object (&library->layout);
  g_assert_finalize_object (library->document);
}

/* The path of @connection as drawn, flattened into lines; its end and the
 * direction of its arrowhead. */
static cairo_path_t *
connection_path (Library      *library,
                 SlConnection *connection,
                 double       *x,
                 double       *y,
                 double       *angle)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  cairo_path_t *path;

  _sl_renderer_path_connection (library->renderer, cr, connection, x, y, angle);
  path = cairo_copy_path_flat (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

typedef struct
{
  SlConnection *connection;
  double x;
  double y;
} Probe;

/* Fails when the point of @user_data is inside a card that is not an end
 * of its connection. */
static gboolean
assert_outside_cb (SlNote       *note,
                   const SlRect *rect,
                   gpointer      user_data)
{
  Probe *probe = user_data;
  SlRect inside = { rect->x + 0.5, rect->y + 0.5, rect->width - 1, rect->height - 1 };

  if (note == sl_connection_get_source (probe->connection) || note == sl_connection_get_target (probe->connection))
    return TRUE;
  if (sl_rect_contains (&inside, probe->x, probe->y))
    g_test_message ("%s → %s passes under %s at %g, %g",
                    sl_note_get_text (sl_connection_get_source (probe->connection)),
                    sl_note_get_text (sl_connection_get_target (probe->connection)),
                    sl_note_get_text (note), probe->x, probe->y);
  g_assert_false (sl_rect_contains (&inside, probe->x, probe->y));
  return TRUE;
}

/* Every point of the drawn line of @connection, a board unit apart, is
 * outside every card but its two ends. */
static void
assert_route_clear (Library      *library,
                    SlConnection *connection)
{
  double x, y, angle, last_x = 0, last_y = 0;
  cairo_path_t *path = connection_path (library, connection, &x, &y, &angle);

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *data = &path->data[i];
      double px = data[1].point.x, py = data[1].point.y;

      if (data->header.type == CAIRO_PATH_LINE_TO)
        {
          double length = hypot (px - last_x, py - last_y);

          for (double t = 0; t <= length; t += 1.0)
            {
              Probe probe = { connection, last_x + (px - last_x) * t / MAX (length, 1e-9),
                              last_y + (py - last_y) * t / MAX (length, 1e-9) };
              SlRect point = { probe.x, probe.y, 0, 0 };

              sl_layout_foreach_note_in (library->layout, &point, assert_outside_cb, &probe);
            }
        }
      if (data->header.type == CAIRO_PATH_MOVE_TO || data->header.type == CAIRO_PATH_LINE_TO)
        last_x = px, last_y = py;
    }

  cairo_path_destroy (path);
}

/* A line from column 2 to column 4 goes around the card in column 3 in its
 * way, and so does every other line of the board. */
static void
test_route_around_cards (void)
{
  Library library;
  GListModel *connections;

  library_init (&library);

  assert_route_clear (&library, library.borrowed_overdue);
  connections = sl_document_get_connections (library.document);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    assert_route_clear (&library, sl_element_list_peek (SL_ELEMENT_LIST (connections), i));

  library_clear (&library);
}

/* Two lines into Overdue Loans end at points of their own on its left
 * edge, further apart than an arrowhead is wide, the upper source's
 * higher: they neither merge nor cross on the way in. */
static void
test_arrowheads_apart (void)
{
  Library library;
  cairo_path_t *path;
  double x1, y1, x2, y2, angle1, angle2;
  SlRect overdue;

  library_init (&library);
  sl_layout_get_note_rect (library.layout, sl_connection_get_target (library.borrowed_overdue), &overdue);

  path = connection_path (&library, library.borrowed_overdue, &x1, &y1, &angle1);
  cairo_path_destroy (path);
  path = connection_path (&library, library.returned_overdue, &x2, &y2, &angle2);
  cairo_path_destroy (path);

  g_assert_cmpfloat (x1, ==, overdue.x);
  g_assert_cmpfloat (x2, ==, overdue.x);
  g_assert_cmpfloat (angle1, ==, 0);
  g_assert_cmpfloat (angle2, ==, 0);
  g_assert_cmpfloat (fabs (y1 - y2), >=, 20);
  g_assert_cmpfloat (y1, >, overdue.y);
  g_assert_cmpfloat (y2, <, overdue.y + overdue.height);

  /* A lone line still meets its card in the middle. */
  sl_document_remove_connection (library.document, library.returned_overdue);
  path = connection_path (&library, library.borrowed_overdue, &x1, &y1, &angle1);
  cairo_path_destroy (path);
  g_assert_cmpfloat (y1, ==, overdue.y + overdue.height / 2);

  library_clear (&library);
}

/* Cards in one column over four lanes: Loan Status (Member) is fed from
 * below by Open Loans (interaction) past Desk (Librarian) and by Book
 * Returned (Loans) past both; Returns Screen (Member) feeds Return Book
 * (interaction) down past Counter (Librarian). */
static void
test_route_around_column (void)
{
  SlDocument *d = sl_document_new ();
  SlLane *member = sl_document_add_lane (d, SL_LANE_ACTOR, "Member", -1);
  SlLane *librarian = sl_document_add_lane (d, SL_LANE_ACTOR, "Librarian", -1);
  SlLane *interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands and views", -1);
  SlLane *events = sl_document_add_lane (d, SL_LANE_EVENTS, "Loans", -1);
  SlNote *status = sl_document_add_note (d, SL_NOTE_SCREEN, member, COLUMN (3), 0, "Loan Status");
  SlNote *open = sl_document_add_note (d, SL_NOTE_VIEW, interaction, COLUMN (3), 0, "Open Loans");
  SlNote *returned = sl_document_add_note (d, SL_NOTE_EVENT, events, COLUMN (3), 0, "Book Returned");
  SlNote *returns = sl_document_add_note (d, SL_NOTE_SCREEN, member, COLUMN (5), 0, "Returns Screen");
  SlNote *give_back = sl_document_add_note (d, SL_NOTE_COMMAND, interaction, COLUMN (5), 0, "Return Book");
  Library library = { d, NULL, NULL, NULL, NULL };
  SlConnection *down;
  cairo_path_t *path;
  double x1, y1, x2, y2, angle1, angle2;
  SlRect card;

  sl_document_add_note (d, SL_NOTE_SCREEN, librarian, COLUMN (3), 0, "Desk");
  sl_document_add_note (d, SL_NOTE_SCREEN, librarian, COLUMN (5), 0, "Counter");
  library.borrowed_overdue = sl_document_add_connection (d, open, status);
  library.returned_overdue = sl_document_add_connection (d, returned, status);
  down = sl_document_add_connection (d, returns, give_back);
  library.layout = sl_layout_new (d);
  library.renderer = sl_renderer_new (library.layout);

  assert_route_clear (&library, library.borrowed_overdue);
  assert_route_clear (&library, library.returned_overdue);
  assert_route_clear (&library, down);

  /* Into the bottom of Loan Status, pointing up, at points of their own. */
  sl_layout_get_note_rect (library.layout, status, &card);
  path = connection_path (&library, library.borrowed_overdue, &x1, &y1, &angle1);
  cairo_path_destroy (path);
  path = connection_path (&library, library.returned_overdue, &x2, &y2, &angle2);
  cairo_path_destroy (path);
  g_assert_cmpfloat (y1, ==, card.y + card.height);
  g_assert_cmpfloat (y2, ==, card.y + card.height);
  g_assert_cmpfloat (angle1, ==, -G_PI / 2);
  g_assert_cmpfloat (angle2, ==, -G_PI / 2);
  g_assert_cmpfloat (fabs (x1 - x2), >=, 20);

  /* Into the top of Return Book, pointing down. */
  sl_layout_get_note_rect (library.layout, give_back, &card);
  path = connection_path (&library, down, &x1, &y1, &angle1);
  cairo_path_destroy (path);
  g_assert_cmpfloat (y1, ==, card.y);
  g_assert_cmpfloat (angle1, ==, G_PI / 2);

  library_clear (&library);
}

/* Draws @region of the board with @renderer at scale 1, with the lane
 * headers over it if @headers, and gives the colour at (@x, @y) of it. */
static void
region_pixel_at (SlRenderer   *renderer,
                 const SlRect *region,
                 gboolean      headers,
                 double        x,
                 double        y,
                 double       *rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, region->width, region->height);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, -region->x, -region->y);
  sl_renderer_draw (renderer, cr, region, 1.0);
  if (headers)
    sl_renderer_draw_lane_headers (renderer, cr, region, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Rows of an image surface are aligned for its 32-bit pixels. */
  memcpy (&pixel, cairo_image_surface_get_data (surface) +
          (int) (y - region->y) * cairo_image_surface_get_stride (surface) + (int) (x - region->x) * 4,
          sizeof pixel);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
  cairo_surface_destroy (surface);
}

/* The colour of the board at (@x, @y), drawn with @renderer at scale 1. */
static void
pixel_at (SlRenderer *renderer,
          double      x,
          double      y,
          double     *rgb)
{
  SlRect region = { x - 20, y - 20, 40, 40 };

  region_pixel_at (renderer, &region, FALSE, x, y, rgb);
}

/* A point on a connection's drawn line hits it, a point off every line
 * hits none; the selected connection is drawn in the selection's blue,
 * the others in grey. */
static void
test_connection_hit_and_selected (void)
{
  Library library;
  cairo_path_t *path;
  double x, y, angle, px = 0, py = 0, before[3], after[3];
  int middle;

  library_init (&library);
  path = connection_path (&library, library.borrowed_overdue, &x, &y, &angle);

  /* A point of the flattened line, away from its start. */
  middle = 0;
  for (int i = 0, n = 0; i < path->num_data; i += path->data[i].header.length, n++)
    if (path->data[i].header.type == CAIRO_PATH_LINE_TO && n >= path->num_data / 6 && middle == 0)
      {
        px = path->data[i + 1].point.x;
        py = path->data[i + 1].point.y;
        middle = i;
      }
  cairo_path_destroy (path);
  g_assert_cmpint (middle, >, 0);

  g_assert_true (sl_renderer_get_connection_at (library.renderer, px, py, 2) == library.borrowed_overdue);
  g_assert_null (sl_renderer_get_connection_at (library.renderer, -500, -500, 2));

  pixel_at (library.renderer, px, py, before);
  g_assert_cmpfloat (fabs (before[2] - before[0]), <, 0.1);
  sl_renderer_set_selected_connection (library.renderer, library.borrowed_overdue);
  pixel_at (library.renderer, px, py, after);
  g_assert_cmpfloat (after[2] - after[0], >, 0.4);

  sl_renderer_set_selected_connection (library.renderer, NULL);
  library_clear (&library);
}

/* What the find bar found glows yellow around its card, the one it is at
 * orange; nothing glows until a renderer is told (paper never is). */
static void
test_found (void)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_lane (d, SL_LANE_EVENTS, "Orders", -1);
  SlNote *placed = sl_document_add_note (d, SL_NOTE_EVENT, lane, 100, 0, "Order Placed");
  g_autoptr(SlLayout) layout = sl_layout_new (d);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);
  SlRect card;
  double x, y, rgb[3];

  sl_layout_get_note_rect (layout, placed, &card);
  x = card.x - 4;
  y = card.y + card.height / 2;

  pixel_at (renderer, x, y, rgb);
  g_assert_cmpfloat (fabs (rgb[0] - rgb[2]), <, 0.1);

  g_hash_table_add (found, placed);
  sl_renderer_set_found (renderer, found, NULL);
  pixel_at (renderer, x, y, rgb);
  g_assert_cmpfloat (rgb[0] - rgb[2], >, 0.5);
  g_assert_cmpfloat (fabs (rgb[0] - rgb[1]), <, 0.2);

  sl_renderer_set_found (renderer, found, placed);
  pixel_at (renderer, x, y, rgb);
  g_assert_cmpfloat (rgb[0] - rgb[1], >, 0.3);
  g_assert_cmpfloat (rgb[0] - rgb[2], >, 0.7);

  sl_renderer_set_found (renderer, NULL, NULL);
  pixel_at (renderer, x, y, rgb);
  g_assert_cmpfloat (fabs (rgb[0] - rgb[2]), <, 0.1);
}

/* The colour at (@x, @y) of the lane header column drawn over the board,
 * the column's left edge at @left (the board scrolled under it). */
static void
header_pixel_at (SlRenderer *renderer,
                 double      left,
                 double      x,
                 double      y,
                 double     *rgb)
{
  SlRect region = { left, y - 20, 200, 40 };

  region_pixel_at (renderer, &region, TRUE, x, y, rgb);
}

/* The lane headers stay at the left edge as the board scrolls: a card
 * that passes under them does not show through, so their names are never
 * read over ghosts of the cards. */
static void
test_lane_headers_opaque (void)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_lane (d, SL_LANE_INTERACTION, "Orders", -1);
  SlNote *place = sl_document_add_note (d, SL_NOTE_COMMAND, lane, 400, 0, "Place Order");
  g_autoptr(SlLayout) layout = sl_layout_new (d);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  SlRect card;
  double over_card[3], over_paper[3], y;

  sl_layout_get_note_rect (layout, place, &card);
  y = card.y + card.height - 6;

  /* The column's right part, below its two lines of text, once over the
   * card and once over the empty board to the card's right. */
  header_pixel_at (renderer, card.x + 2, card.x + 102, y, over_card);
  header_pixel_at (renderer, card.x + card.width + 400, card.x + card.width + 500, y, over_paper);
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat (over_card[i], ==, over_paper[i]);
}

/* A text longer than anything shows is laid out as its first
 * %SL_RENDERER_MAX_TEXT characters (not bytes) and an ellipsis: a card of
 * a note of megabytes costs what a card of a few lines does. */
static void
test_long_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *shown = NULL;
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_lane (d, SL_LANE_EVENTS, "Room", -1);
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  SlNote *note;
  SlRect card;
  GHashTableIter iter;
  gpointer value;
  guint n_laid_out = 0;

  for (guint i = 0; i < SL_RENDERER_MAX_TEXT; i++)
    g_string_append (text, "ü");
  shown = sl_renderer_get_shown_text (text->str);
  g_assert_cmpstr (shown, ==, text->str);
  g_clear_pointer (&shown, g_free);

  g_string_append (text, "x");
  shown = sl_renderer_get_shown_text (text->str);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, SL_RENDERER_MAX_TEXT + 1);
  g_assert_true (g_str_has_suffix (shown, "ü…"));

  while (text->len < 1000000)
    g_string_append (text, "Zimmer gebucht ");
  note = sl_document_add_note (d, SL_NOTE_EVENT, lane, 0, 0, text->str);
  layout = sl_layout_new (d);
  renderer = sl_renderer_new (layout);
  sl_layout_get_note_rect (layout, note, &card);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  sl_renderer_draw (renderer, cr, &card, 1.0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Every text laid out, the note's among them, is the shown one. */
  g_hash_table_iter_init (&iter, renderer->text_cache);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_assert_cmpuint (g_utf8_strlen (pango_layout_get_text (value), -1), <=, SL_RENDERER_MAX_TEXT + 1);
      n_laid_out++;
    }
  g_assert_cmpuint (n_laid_out, >, 0);
}

/* A text is shaped once, whichever cards show it: 200 events of two
 * texts, each with the same field, take a layout a text, a kind's name
 * and a field line, however many cards there are. */
static void
test_text_shaped_once (void)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_lane (d, SL_LANE_EVENTS, "Room", -1);
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  SlRect bounds;

  for (guint i = 0; i < 200; i++)
    {
      SlNote *note = sl_document_add_note (d, SL_NOTE_EVENT, lane, COLUMN (i + 1), 0,
                                           i % 2 ? "Room Booked" : "Room Released");

      sl_document_insert_field (d, note, -1, "roomId", SL_FIELD_UUID);
    }
  layout = sl_layout_new (d);
  renderer = sl_renderer_new (layout);
  sl_layout_get_bounds (layout, &bounds);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  sl_renderer_draw (renderer, cr, &bounds, 1.0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Two texts, "Event", "roomId: UUID" */
  g_assert_cmpuint (g_hash_table_size (renderer->text_cache), ==, 4);
}

static cairo_status_t
append_script_cb (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The operations of @note of @d (its card's rectangle) drawn in full
 * detail at @scale, as a cairo script; the whole board when @note is
 * %NULL. */
static char *
draw_script (SlDocument *d,
             SlNote     *note,
             double      scale)
{
  g_autoptr(SlLayout) layout = sl_layout_new (d);
  g_autoptr(SlRenderer) renderer = sl_renderer_new (layout);
  GString *script = g_string_new (NULL);
  cairo_device_t *device = cairo_script_create_for_stream (append_script_cb, script);
  cairo_surface_t *surface = cairo_script_surface_create (device, CAIRO_CONTENT_COLOR_ALPHA, 1000, 1000);
  cairo_t *cr = cairo_create (surface);
  SlRect bounds;

  if (note == NULL)
    sl_layout_get_bounds (layout, &bounds);
  else
    sl_layout_get_note_rect (layout, note, &bounds);
  sl_renderer_set_full_detail (renderer, TRUE);
  cairo_scale (cr, scale, scale);
  sl_renderer_draw (renderer, cr, &bounds, scale);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  cairo_device_finish (device);
  cairo_device_destroy (device);
  return g_string_free (script, FALSE);
}

/* The operations of a card drawn in full detail at @scale, as a cairo
 * script. */
static char *
card_script (double scale)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_lane (d, SL_LANE_EVENTS, "Room", -1);
  SlNote *note = sl_document_add_note (d, SL_NOTE_EVENT, lane, 40, 0, "Room Booked");

  sl_document_insert_field (d, note, -1, "roomId", SL_FIELD_UUID);
  return draw_script (d, note, scale);
}

static guint
count_operations (const char *script,
                  const char *operation)
{
  guint n = 0;

  for (const char *at = strstr (script, operation); at != NULL; at = strstr (at + 1, operation))
    n++;
  return n;
}

/* The operations of two events drawn in full detail at @scale, with a
 * connection between them or not. */
static char *
connection_script (double   scale,
                   gboolean connected)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_lane (d, SL_LANE_EVENTS, "Room", -1);
  SlNote *booked = sl_document_add_note (d, SL_NOTE_EVENT, lane, COLUMN (1), 0, "Room Booked");
  SlNote *released = sl_document_add_note (d, SL_NOTE_EVENT, lane, COLUMN (3), 0, "Room Released");

  if (connected)
    sl_document_add_connection (d, booked, released);
  return draw_script (d, NULL, scale);
}

/* Far out an arrow's line (a device unit wide at least) covers its head:
 * the head is not drawn, one fill fewer an arrow. Close up it is. */
static void
test_arrowhead_under_line (void)
{
  g_autofree char *tiny = connection_script (0.001, FALSE);
  g_autofree char *tiny_connected = connection_script (0.001, TRUE);
  g_autofree char *seen = connection_script (0.5, FALSE);
  g_autofree char *seen_connected = connection_script (0.5, TRUE);

  /* The line is drawn, its head is not. */
  g_assert_cmpuint (count_operations (tiny_connected, "stroke"), >, count_operations (tiny, "stroke"));
  g_assert_cmpuint (count_operations (tiny_connected, "fill"), ==, count_operations (tiny, "fill"));
  g_assert_cmpuint (count_operations (seen_connected, "fill"), ==, count_operations (seen, "fill") + 1);
}

/* The operations of @n events drawn in full detail at @scale. */
static char *
events_script (guint  n,
               double scale)
{
  g_autoptr(SlDocument) d = sl_document_new ();
  SlLane *lane = sl_document_add_lane (d, SL_LANE_EVENTS, "Room", -1);

  for (guint i = 0; i < n; i++)
    sl_document_add_note (d, SL_NOTE_EVENT, lane, COLUMN (i + 1), 0, "Room Booked");
  return draw_script (d, NULL, scale);
}

/* Cards no one sees are filled together, one fill a kind: three events
 * take the fills one does. Cards anyone sees take one each. */
static void
test_unseen_cards_together (void)
{
  g_autofree char *tiny_one = events_script (1, 0.001);
  g_autofree char *tiny_three = events_script (3, 0.001);
  g_autofree char *seen_one = events_script (1, 0.5);
  g_autofree char *seen_three = events_script (3, 0.5);

  g_assert_cmpuint (count_operations (tiny_three, "fill"), ==, count_operations (tiny_one, "fill"));
  g_assert_cmpuint (count_operations (tiny_three, "(Room Booked)"), ==, 3);
  g_assert_cmpuint (count_operations (seen_three, "fill"), >, count_operations (seen_one, "fill"));
}

/* A card on a page of a board of thousands of notes is a fraction of a
 * point: its shadow and round corners are not drawn (they took a third
 * of the time of such a PDF), nor its kind's name and its fields, which
 * no zoom makes legible; its text is, to be found in the PDF. At a size
 * anyone sees, the card is what the screen shows. */
static void
test_unseen_details (void)
{
  g_autofree char *tiny = card_script (0.001);
  g_autofree char *seen = card_script (0.5);

  /* Round corners are curves; the shadow a fill of its own. */
  g_assert_null (strstr (tiny, " c "));
  g_assert_nonnull (strstr (seen, " c "));
  g_assert_nonnull (strstr (tiny, "(Room Booked)"));
  g_assert_null (strstr (tiny, "roomId"));
  g_assert_null (strstr (tiny, "(Event)"));
  g_assert_nonnull (strstr (seen, "(Room Booked)"));
  g_assert_nonnull (strstr (seen, "(roomId: UUID)"));
  g_assert_nonnull (strstr (seen, "(Event)"));
}

#define FAN_IN_EVENTS 20000

/* Every event of a long timeline feeds one view, at its end, past a
 * command in every column: the board is drawn at full detail, each line
 * finding its way around the cards and its point on the view once (each
 * used to look at every other line into the view, and along every card
 * under its way: minutes). The lines of events further left meet the view
 * further up, each at a point of its own. */
static void
test_fan_in (void)
{
  SlDocument *d = sl_document_new ();
  SlLane *interaction = sl_document_add_lane (d, SL_LANE_INTERACTION, "Commands and views", -1);
  SlLane *events = sl_document_add_lane (d, SL_LANE_EVENTS, "Events", -1);
  SlNote *view = sl_document_add_note (d, SL_NOTE_VIEW, interaction, COLUMN (FAN_IN_EVENTS + 1), 0, "All");
  Library library = { d, NULL, NULL, NULL, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  SlRect bounds, card;
  double last_y = -G_MAXDOUBLE;

  for (guint i = 0; i < FAN_IN_EVENTS; i++)
    {
      sl_document_add_note (d, SL_NOTE_COMMAND, interaction, COLUMN (i + 1), 0, NULL);
      sl_document_add_connection (d, sl_document_add_note (d, SL_NOTE_EVENT, events, COLUMN (i + 1), 0, NULL), view);
    }
  library.layout = sl_layout_new (d);
  library.renderer = sl_renderer_new (library.layout);
  sl_renderer_set_full_detail (library.renderer, TRUE);

  sl_layout_get_bounds (library.layout, &bounds);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  sl_renderer_draw (library.renderer, cr, &bounds, 1.0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  sl_layout_get_note_rect (library.layout, view, &card);
  for (guint i = 0; i < FAN_IN_EVENTS; i += FAN_IN_EVENTS / 40)
    {
      SlConnection *connection = sl_document_get_note_connection (d, view, i);
      double x, y, angle;
      cairo_path_t *path = connection_path (&library, connection, &x, &y, &angle);

      cairo_path_destroy (path);
      g_assert_cmpfloat (x, ==, card.x);
      g_assert_cmpfloat (y, >, last_y);
      g_assert_cmpfloat (y, <, card.y + card.height);
      last_y = y;
    }

  /* The lines from the nearest columns go around the cards between. */
  for (guint i = FAN_IN_EVENTS - 3; i < FAN_IN_EVENTS; i++)
    assert_route_clear (&library, sl_document_get_note_connection (d, view, i));

  library_clear (&library);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/problem-fields-shown", test_problem_fields_shown);
  g_test_add_func ("/renderer/card-grows", test_card_grows);
  g_test_add_func ("/renderer/edit-measures-changed-cards", test_edit_measures_changed_cards);
  g_test_add_func ("/renderer/line-breaks", test_line_breaks);
  g_test_add_func ("/renderer/route-around-cards", test_route_around_cards);
  g_test_add_func ("/renderer/arrowheads-apart", test_arrowheads_apart);
  g_test_add_func ("/renderer/route-around-column", test_route_around_column);
  g_test_add_func ("/renderer/connection-hit-and-selected", test_connection_hit_and_selected);
  g_test_add_func ("/renderer/fan-in", test_fan_in);
  g_test_add_func ("/renderer/long-text", test_long_text);
  g_test_add_func ("/renderer/text-shaped-once", test_text_shaped_once);
  g_test_add_func ("/renderer/unseen-details", test_unseen_details);
  g_test_add_func ("/renderer/arrowhead-under-line", test_arrowhead_under_line);
  g_test_add_func ("/renderer/unseen-cards-together", test_unseen_cards_together);
  g_test_add_func ("/renderer/found", test_found);
  g_test_add_func ("/renderer/lane-headers-opaque", test_lane_headers_opaque);

  return g_test_run ();
}
