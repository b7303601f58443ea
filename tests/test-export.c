/* test-export.c: the board on pages and in images
 *
 * SlPrintJob's pagination with no output at all: the scale of a board fit
 * on a page, the grid of tiles and their overlap, the page map, scenario
 * pages. Then the built stormline-cli (STORMLINE_CLI) on the hotel
 * example, with the outputs read back by poppler's pdftotext and pdftoppm,
 * GMarkup and cairo: page counts, the text on the pages, the event colour
 * where the layout puts an event, image sizes, and one message, status 2
 * and no file for every kind of bad input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cairo.h>

#include "sl-export.h"
#include "test-util.h"

/* As stormline-cli export lays out PDF pages: A4 landscape, 10 mm margins. */
#define A4_WIDTH   841.890
#define A4_HEIGHT  595.276
#define PDF_MARGIN (10 * 72 / 25.4)
#define PRINTABLE_WIDTH  (A4_WIDTH - 2 * PDF_MARGIN)
#define PRINTABLE_HEIGHT (A4_HEIGHT - 2 * PDF_MARGIN)

/* Helpers */

static const char *
cli_path (void)
{
  const char *path = g_getenv ("STORMLINE_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs the program and arguments of @argv, in English; returns its exit
 * status and what it wrote. */
static int
run_argv (char      **out,
          char      **err,
          GPtrArray  *argv)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);

  /* A crash is never an answer */
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* As run_argv(), with the arguments up to NULL. */
G_GNUC_NULL_TERMINATED
static int
run (char       **out,
     char       **err,
     const char  *program,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) program);
  va_start (args, program);
  for (arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);

  return run_argv (out, err, argv);
}

/* poppler-utils read the PDFs back; without them, say so and skip. */
static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

  if (pdftotext == NULL || pdftoppm == NULL)
    {
      g_test_skip ("pdftotext and pdftoppm (poppler-utils) are needed to read PDFs");
      return FALSE;
    }
  return TRUE;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_test_message ("“%s” is not in:\n%s", needle, haystack);
  g_assert_nonnull (strstr (haystack, needle));
}

/* pdftotext ends every page with a form feed. */
static guint
count_pages (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\f';
  return n;
}

static SlNote *
find_note (SlDocument *document,
           const char *text)
{
  GListModel *notes = sl_document_get_notes (document);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      if (g_str_equal (sl_note_get_text (note), text))
        return note;
    }
  g_assert_not_reached ();
}

/* The grid a length needs: one tile, and one more for every tile length
 * less the overlap that is left over. */
static guint
expected_tiles (double length,
                double tile,
                double overlap)
{
  if (length <= tile)
    return 1;
  return 1 + (guint) ceil ((length - tile) / (tile - overlap));
}

/* SlPrintJob */

static void
test_fit (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  SlRect area, region, placed, bounds;
  double scale, legend_scale;

  /* The whole board fits on one page by default. */
  g_assert_cmpuint (sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT), ==, 1);
  g_assert_cmpuint (sl_print_job_get_n_pages (job), ==, 1);
  g_assert_cmpint (sl_print_job_get_page_kind (job, 0), ==, SL_PRINT_PAGE_BOARD);

  /* The area is the board, with the lane names' column left of its notes. */
  sl_print_job_get_area (job, &area);
  sl_layout_get_bounds (layout, &bounds);
  g_assert_cmpfloat (area.x + SL_LAYOUT_LANE_HEADER_WIDTH, <=, 0);
  g_assert_cmpfloat (area.x + area.width, >=, 2880); /* the last slice's end */
  g_assert_cmpfloat (area.x + area.width, <, bounds.x + bounds.width);
  g_assert_cmpfloat (area.height, ==, bounds.height);

  g_assert_true (sl_print_job_get_placement (job, 0, &region, &placed));
  g_assert_cmpmem (&region, sizeof region, &area, sizeof area);

  /* Under the header, as large as the page allows, proportions kept. */
  scale = placed.width / region.width;
  g_assert_cmpfloat_with_epsilon (placed.height / region.height, scale, 1e-9);
  g_assert_cmpfloat (placed.y, >=, SL_PRINT_JOB_HEADER_HEIGHT);
  g_assert_cmpfloat (placed.y + placed.height, <=, PRINTABLE_HEIGHT);
  g_assert_cmpfloat (placed.x, >=, 0);
  g_assert_cmpfloat (placed.x + placed.width, <=, PRINTABLE_WIDTH + 1e-9);
  /* The hotel is wide: its width is what limits it. */
  g_assert_cmpfloat_with_epsilon (placed.width, PRINTABLE_WIDTH, 1e-6);

  /* The legend takes room below; on a narrow page, height limits. */
  sl_print_job_set_legend (job, TRUE);
  sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);
  sl_print_job_get_placement (job, 0, NULL, &placed);
  legend_scale = placed.width / region.width;
  g_assert_cmpfloat (legend_scale, <=, scale);
  sl_print_job_paginate (job, 2000, 300);
  sl_print_job_get_placement (job, 0, NULL, &placed);
  g_assert_cmpfloat (placed.y + placed.height, <, 300);
  g_assert_cmpfloat (placed.width, <, 2000);
  /* centred */
  g_assert_cmpfloat_with_epsilon (placed.x, (2000 - placed.width) / 2, 1e-6);

  /* A small region is not blown up past the largest fit scale. */
  sl_print_job_set_region (job, &(SlRect) { 0, 0, 100, 50 });
  sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);
  sl_print_job_get_placement (job, 0, &region, &placed);
  g_assert_cmpfloat (region.width, ==, 100 + SL_LAYOUT_LANE_HEADER_WIDTH);
  g_assert_cmpfloat_with_epsilon (placed.width / region.width, SL_PRINT_JOB_MAX_FIT_SCALE, 1e-9);
}

static void
test_tiles (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  double page_width = 600, page_height = 400, scale = 0.5;
  /* A tile's body: the page less the header and the gutters of the marks. */
  double tile_width = (page_width - 2 * SL_PRINT_JOB_TILE_GUTTER) / scale;
  double tile_height = (page_height - SL_PRINT_JOB_HEADER_HEIGHT - 2 * SL_PRINT_JOB_TILE_GUTTER) / scale;
  double overlap = SL_PRINT_JOB_TILE_OVERLAP / scale;
  SlRect area, union_rect = { G_MAXDOUBLE, G_MAXDOUBLE, 0, 0 };
  double right = -G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  guint n_columns, n_rows;

  sl_print_job_set_fit_to_page (job, FALSE);
  sl_print_job_set_scale (job, scale);
  sl_print_job_set_region (job, &(SlRect) { 0, 0, 2000, 1000 });
  sl_print_job_get_area (job, &area);
  g_assert_cmpfloat (area.width, ==, 2000 + SL_LAYOUT_LANE_HEADER_WIDTH);

  /* 2168 units over tiles of 1152 overlapping by 36: two columns; 1000
   * over tiles of 616: two rows; and the page map first. */
  g_assert_cmpuint (expected_tiles (area.width, tile_width, overlap), ==, 2);
  g_assert_cmpuint (expected_tiles (area.height, tile_height, overlap), ==, 2);
  g_assert_cmpuint (sl_print_job_paginate (job, page_width, page_height), ==, 1 + 2 * 2);
  sl_print_job_get_grid (job, &n_columns, &n_rows);
  g_assert_cmpuint (n_columns, ==, 2);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpint (sl_print_job_get_page_kind (job, 0), ==, SL_PRINT_PAGE_MAP);

  for (guint page = 1; page <= 4; page++)
    {
      guint column = (page - 1) % 2, row = (page - 1) / 2;  /* reading order */
      SlRect region, placed;

      g_assert_cmpint (sl_print_job_get_page_kind (job, page), ==, SL_PRINT_PAGE_BOARD);
      g_assert_true (sl_print_job_get_placement (job, page, &region, &placed));

      /* Each tile starts a tile less the overlap after the one before. */
      g_assert_cmpfloat_with_epsilon (region.x, area.x + column * (tile_width - overlap), 1e-6);
      g_assert_cmpfloat_with_epsilon (region.y, area.y + row * (tile_height - overlap), 1e-6);
      g_assert_cmpfloat (region.width, <=, tile_width + 1e-6);
      g_assert_cmpfloat (region.height, <=, tile_height + 1e-6);
      g_assert_cmpfloat_with_epsilon (placed.width, region.width * scale, 1e-6);
      g_assert_cmpfloat_with_epsilon (placed.height, region.height * scale, 1e-6);
      g_assert_cmpfloat (placed.x, ==, SL_PRINT_JOB_TILE_GUTTER);
      g_assert_cmpfloat (placed.y, ==, SL_PRINT_JOB_HEADER_HEIGHT + SL_PRINT_JOB_TILE_GUTTER);

      union_rect.x = MIN (union_rect.x, region.x);
      union_rect.y = MIN (union_rect.y, region.y);
      right = MAX (right, region.x + region.width);
      bottom = MAX (bottom, region.y + region.height);
    }

  /* Neighbours share exactly the overlap, and the tiles cover the area. */
  {
    SlRect first, second, below;

    sl_print_job_get_placement (job, 1, &first, NULL);
    sl_print_job_get_placement (job, 2, &second, NULL);
    sl_print_job_get_placement (job, 3, &below, NULL);
    g_assert_cmpfloat_with_epsilon (first.x + first.width - second.x, overlap, 1e-6);
    g_assert_cmpfloat_with_epsilon (first.y + first.height - below.y, overlap, 1e-6);
  }
  g_assert_cmpfloat (union_rect.x, ==, area.x);
  g_assert_cmpfloat (union_rect.y, ==, area.y);
  g_assert_cmpfloat_with_epsilon (right, area.x + area.width, 1e-6);
  g_assert_cmpfloat_with_epsilon (bottom, area.y + area.height, 1e-6);

  /* A region that fits one tile is one page, with no map. */
  sl_print_job_set_region (job, &(SlRect) { 0, 0, 400, 300 });
  g_assert_cmpuint (sl_print_job_paginate (job, page_width, page_height), ==, 1);
  g_assert_cmpint (sl_print_job_get_page_kind (job, 0), ==, SL_PRINT_PAGE_BOARD);

  /* Twice the scale, twice the tiles each way or so. */
  sl_print_job_set_region (job, NULL);
  sl_print_job_set_scale (job, 1.0);
  sl_print_job_get_area (job, &area);
  sl_print_job_paginate (job, page_width, page_height);
  sl_print_job_get_grid (job, &n_columns, &n_rows);
  g_assert_cmpuint (n_columns, ==, expected_tiles (area.width, tile_width * scale, SL_PRINT_JOB_TILE_OVERLAP));
  g_assert_cmpuint (n_rows, ==, expected_tiles (area.height, tile_height * scale, SL_PRINT_JOB_TILE_OVERLAP));
}

/* With no scale, half size, or a little smaller when that saves pages. */
static void
test_auto_scale (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  double body_width = PRINTABLE_WIDTH - 2 * SL_PRINT_JOB_TILE_GUTTER;
  SlRect area, region, placed, last;
  guint n_columns, n_rows;
  double scale;

  sl_print_job_set_fit_to_page (job, FALSE);
  sl_print_job_get_area (job, &area);

  /* The hotel at half size on A4 landscape: three columns, the last a sliver. */
  sl_print_job_set_scale (job, SL_PRINT_JOB_DEFAULT_SCALE);
  sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);
  sl_print_job_get_grid (job, &n_columns, &n_rows);
  g_assert_cmpuint (n_columns, ==, 3);
  g_assert_cmpuint (n_rows, ==, 2);
  sl_print_job_get_placement (job, sl_print_job_get_n_pages (job) - 1, &last, NULL);
  g_assert_cmpfloat (last.width, <, 0.1 * area.width);

  /* With no scale set, two columns at the scale that fits them exactly. */
  g_clear_object (&job);
  job = sl_print_job_new (layout);
  sl_print_job_set_fit_to_page (job, FALSE);
  g_assert_cmpuint (sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT), ==, 1 + 2 * 2);
  sl_print_job_get_placement (job, 1, &region, &placed);
  scale = placed.width / region.width;
  g_assert_cmpfloat (scale, >=, SL_PRINT_JOB_MIN_AUTO_SCALE);
  g_assert_cmpfloat (scale, <, SL_PRINT_JOB_DEFAULT_SCALE);
  g_assert_cmpfloat_with_epsilon (scale, (2 * body_width - SL_PRINT_JOB_TILE_OVERLAP) / area.width, 1e-9);

  /* A board that fits its grid at half size keeps it. */
  sl_print_job_set_region (job, &(SlRect) { 0, 0, 1000, 600 });
  sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);
  sl_print_job_get_placement (job, 0, &region, &placed);
  g_assert_cmpfloat_with_epsilon (placed.width / region.width, SL_PRINT_JOB_DEFAULT_SCALE, 1e-9);
}

/* Every page draws without an error, onto a surface that records it. */
static void
draw_all_pages (SlPrintJob *job,
                double      width,
                double      height)
{
  guint n_pages = sl_print_job_paginate (job, width, height);

  for (guint page = 0; page < n_pages; page++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, w, h;

      sl_print_job_draw_page (job, cr, page);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);

      /* Nothing outside the printable area. */
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      g_assert_cmpfloat (x, >=, -1);
      g_assert_cmpfloat (y, >=, -1);
      g_assert_cmpfloat (x + w, <=, width + 1);
      g_assert_cmpfloat (y + h, <=, height + 1);
      cairo_surface_destroy (surface);
    }
}

static void
test_scenario_pages (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  guint n_pages, small_pages;

  sl_print_job_set_scenarios (job, TRUE);
  n_pages = sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpint (sl_print_job_get_page_kind (job, 0), ==, SL_PRINT_PAGE_BOARD);
  for (guint page = 1; page < n_pages; page++)
    {
      g_assert_cmpint (sl_print_job_get_page_kind (job, page), ==, SL_PRINT_PAGE_SCENARIOS);
      g_assert_false (sl_print_job_get_placement (job, page, NULL, NULL));
    }
  draw_all_pages (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);

  /* Smaller pages take more of them, and still draw inside. */
  small_pages = sl_print_job_paginate (job, 300, 250);
  g_assert_cmpuint (small_pages, >, n_pages);
  draw_all_pages (job, 300, 250);

  /* A tiled board with all there is. */
  sl_print_job_set_fit_to_page (job, FALSE);
  sl_print_job_set_legend (job, TRUE);
  sl_print_job_set_problems (job, TRUE);
  draw_all_pages (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);

  /* Without scenarios, the board alone. */
  sl_print_job_set_scenarios (job, FALSE);
  sl_print_job_set_fit_to_page (job, TRUE);
  g_assert_cmpuint (sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT), ==, 1);
}

static void
test_title (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);

  /* An empty board still prints a page. */
  g_assert_cmpuint (sl_print_job_paginate (job, 500, 400), ==, 1);
  draw_all_pages (job, 500, 400);

  g_assert_cmpstr (sl_print_job_get_title (job), ==, "Untitled");
  sl_print_job_set_file_name (job, "shop.stormline");
  g_assert_cmpstr (sl_print_job_get_title (job), ==, "shop.stormline");
  sl_document_set_title (document, "Shop");
  g_assert_cmpstr (sl_print_job_get_title (job), ==, "Shop");
}

/* stormline-cli export */

/* The tiled PDF: a page map and the grid the paper makes, every page with
 * its header, and the board's words as text. */
static void
test_pdf_tiled (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *pdf = g_build_filename (dir, "hotel.pdf", NULL);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  double scale = SL_PRINT_JOB_DEFAULT_SCALE;
  double overlap = SL_PRINT_JOB_TILE_OVERLAP / scale;
  double tile_width = (PRINTABLE_WIDTH - 2 * SL_PRINT_JOB_TILE_GUTTER) / scale;
  double tile_height = (PRINTABLE_HEIGHT - SL_PRINT_JOB_HEADER_HEIGHT - 2 * SL_PRINT_JOB_TILE_GUTTER) / scale;
  guint n_columns, n_rows, n_pages;
  SlRect area;
  static const char *words[] = {
    /* the header */
    "Hotel", "Page map", "Tile A1: row A, column 1",
    /* lane names, slice names */
    "Guest", "Manager", "Automations", "Payment", "GPS", "Register Guest · Done",
    /* note texts and kinds */
    "Room Added", "Guest Registered", "Room Booked", "Available Rooms", "Event", "Command",
    /* field names */
    "roomNumber", "guestId", "email: String",
  };

  if (!have_poppler ())
    return;

  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", pdf,
                        "--scale", "0.5", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "");

  /* The board's area over tiles of A4 landscape at half size. */
  sl_print_job_get_area (job, &area);
  n_columns = expected_tiles (area.width, tile_width, overlap);
  n_rows = expected_tiles (area.height, tile_height, overlap);
  n_pages = 1 + n_columns * n_rows;
  g_test_message ("%g × %g units in tiles of %g × %g: %u × %u tiles and the map",
                  area.width, area.height, tile_width, tile_height, n_columns, n_rows);
  g_assert_cmpuint (n_columns * n_rows, >, 1);

  text = test_pdf_to_text (pdf);
  g_assert_cmpuint (count_pages (text), ==, n_pages);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    assert_contains (text, words[i]);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, n_pages);

      assert_contains (text, number);
    }

  /* At half size the third column holds a sliver of margin: --tiled with
   * no scale prints a little smaller, on two columns. */
  g_assert_cmpuint (n_columns, ==, 3);
  g_assert_cmpuint (expected_tiles (area.width, tile_width * scale / SL_PRINT_JOB_MIN_AUTO_SCALE,
                                    SL_PRINT_JOB_TILE_OVERLAP / SL_PRINT_JOB_MIN_AUTO_SCALE), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", pdf, "--tiled", NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  text = test_pdf_to_text (pdf);
  g_assert_cmpuint (count_pages (text), ==, 1 + 2 * n_rows);
  assert_contains (text, "Tile B2: row B, column 2");

  remove_tree (dir);
}

/* A board fit on one page is still text, down to the fields; with the
 * scenarios, the tables follow. */
static void
test_pdf_fit_text (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *pdf = g_build_filename (dir, "hotel.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  static const char *words[] = {
    "Hotel", "Page 1 of", "The whole board", "Room Added", "roomNumber",
    /* the legend */
    "External System", "Screen",
    /* a scenario: its note, title, parts, values and error */
    "Command · Add Room", "A manager adds a room", "Given", "When", "Then",
    "pricePerNight: 120.00", "Fails with an error", "Room 101 already exists",
    "View · Guest Account",
  };

  if (!have_poppler ())
    return;

  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", pdf,
                        "--legend", "--scenarios", "--paper", "a3", "--portrait", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  text = test_pdf_to_text (pdf);
  g_assert_cmpuint (count_pages (text), >, 1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    assert_contains (text, words[i]);

  /* A3 portrait: 842 × 1191 points, as pdfinfo would say. */
  {
    g_autofree char *info = NULL;
    g_autofree char *info_err = NULL;

    if (run (&info, &info_err, "pdfinfo", pdf, NULL) == 0)
      assert_contains (info, "841.89 x 1190.55 pts");
  }

  remove_tree (dir);
}

static gboolean
is_event_orange (const guint8 *pixel)
{
  /* cairo's RGB24 is native-endian 0xXXRRGGBB, and its pixels are aligned */
  guint32 value = *(const guint32 *) (const void *) pixel;
  int r = (value >> 16) & 0xff, g = (value >> 8) & 0xff, b = value & 0xff;

  /* The event colour (255, 163, 71), not the faint wash of event lanes. */
  return abs (r - 255) < 30 && abs (g - 163) < 30 && abs (b - 71) < 30;
}

/* The share of the pixels of a note's card that are event orange, in an
 * image of the page at @dpi. */
static double
orange_share (cairo_surface_t *image,
              SlPrintJob      *job,
              SlLayout        *layout,
              SlNote          *note,
              double           dpi)
{
  const guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  double px = dpi / 72;
  SlRect region, placed, card;
  double scale;
  int x0, y0, x1, y1, orange = 0, total = 0;

  g_assert_true (sl_print_job_get_placement (job, 0, &region, &placed));
  scale = placed.width / region.width;
  sl_layout_get_note_rect (layout, note, &card);

  /* Board → page (points from the printable corner) → pixels; a pixel in
   * from the edges, where antialiasing mixes colours. */
  x0 = (int) ceil ((PDF_MARGIN + placed.x + (card.x - region.x) * scale) * px) + 1;
  y0 = (int) ceil ((PDF_MARGIN + placed.y + (card.y - region.y) * scale) * px) + 1;
  x1 = (int) floor ((PDF_MARGIN + placed.x + (card.x + card.width - region.x) * scale) * px) - 1;
  y1 = (int) floor ((PDF_MARGIN + placed.y + (card.y + card.height - region.y) * scale) * px) - 1;
  g_assert_cmpint (x1 - x0, >=, 4);
  g_assert_cmpint (y1 - y0, >=, 3);
  g_assert_cmpint (x1, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (y1, <, cairo_image_surface_get_height (image));

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        orange += is_event_orange (data + y * stride + 4 * x);
        total++;
      }

  return (double) orange / total;
}

/* The event's colour where the layout puts an event, on the page at 30 dpi:
 * board coordinates mapped to the page as the job maps them. */
static void
test_pdf_fit_pixels (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *pdf = g_build_filename (dir, "hotel.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_build_filename (dir, "page.png", NULL);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  cairo_surface_t *image;
  cairo_surface_t *rgb;
  cairo_t *cr;
  double event_share, command_share;

  if (!have_poppler ())
    return;

  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", pdf, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "pdftoppm", "-r", "30", "-png", "-singlefile", pdf, prefix, NULL), ==, 0);

  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* A4 landscape at 30 dpi, rounded up as pdftoppm does */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (A4_WIDTH * 30 / 72));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (A4_HEIGHT * 30 / 72));

  /* Whatever format the PNG came in, read it as RGB24. */
  rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (image),
                                    cairo_image_surface_get_height (image));
  cr = cairo_create (rgb);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (rgb);

  sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT);
  event_share = orange_share (rgb, job, layout, find_note (document, "Room Added"), 30);
  command_share = orange_share (rgb, job, layout, find_note (document, "Add Room"), 30);
  g_test_message ("orange: %.0f %% of the event, %.0f %% of the command", 100 * event_share, 100 * command_share);

  /* Most of the card, less its words; and not a blue command's card. */
  g_assert_cmpfloat (event_share, >, 0.5);
  g_assert_cmpfloat (command_share, <, 0.05);

  cairo_surface_destroy (rgb);
  cairo_surface_destroy (image);
  remove_tree (dir);
}

typedef struct
{
  gboolean in_title;
  gboolean in_desc;
  char *width;
  char *height;
  GString *title;
  GString *desc;
  guint n_glyphs;
  guint depth;
} SvgScan;

static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->depth++ == 0)
    {
      g_assert_cmpstr (element, ==, "svg");
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "width"))
          scan->width = g_strdup (values[i]);
        else if (g_str_equal (names[i], "height"))
          scan->height = g_strdup (values[i]);
    }
  scan->in_title = g_str_equal (element, "title");
  scan->in_desc = g_str_equal (element, "desc");
  /* cairo draws each glyph of the text as a symbol it uses */
  if (g_str_equal (element, "use"))
    scan->n_glyphs++;
}

static void
svg_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SvgScan *scan = user_data;

  scan->depth--;
  scan->in_title = scan->in_desc = FALSE;
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->in_title)
    g_string_append_len (scan->title, text, length);
  else if (scan->in_desc)
    g_string_append_len (scan->desc, text, length);
}

/* The SVG is well-formed XML, as large as the scale makes the area, with
 * its text drawn and the board described. */
static void
test_svg (void)
{
  static const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *svg = g_build_filename (dir, "hotel.svg", NULL);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  SvgScan scan = { .title = g_string_new (NULL), .desc = g_string_new (NULL) };
  gsize length;
  SlRect area;

  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", svg,
                        "--scale", "0.75", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  g_file_get_contents (svg, &contents, &length, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &scan, NULL);
  g_markup_parse_context_parse (context, contents, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  sl_print_job_get_area (job, &area);
  width = g_strdup_printf ("%gpt", area.width * 0.75);
  height = g_strdup_printf ("%gpt", area.height * 0.75);
  g_assert_cmpstr (scan.width, ==, width);
  g_assert_cmpstr (scan.height, ==, height);

  /* Thousands of glyphs: every card's text, fields and kind. */
  g_assert_cmpuint (scan.n_glyphs, >, 1000);
  g_assert_cmpstr (scan.title->str, ==, "Hotel");
  assert_contains (scan.desc->str, "Lane Commands and views:");
  assert_contains (scan.desc->str, "Event “Room Added”");
  assert_contains (scan.desc->str, "Automation “Checkout Processor”");

  g_free (scan.width);
  g_free (scan.height);
  g_string_free (scan.title, TRUE);
  g_string_free (scan.desc, TRUE);
  remove_tree (dir);
}

/* A PNG is the area at --scale pixels a board unit. */
static void
test_png_scale (void)
{
  static const struct {
    const char *scale;    /* NULL: the default */
    const char *region;
    double factor;
  } cases[] = {
    { NULL, NULL, 1.0 },
    { "0.5", NULL, 0.5 },
    { "2", "100,200,300,150", 2.0 },
  };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *png = g_build_filename (dir, "hotel.png", NULL);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      cairo_surface_t *image;
      SlRect area;

      if (cases[i].region != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (cases[i].region, ",", -1);
          SlRect region = { g_ascii_strtod (parts[0], NULL), g_ascii_strtod (parts[1], NULL),
                            g_ascii_strtod (parts[2], NULL), g_ascii_strtod (parts[3], NULL) };

          sl_print_job_set_region (job, &region);
        }
      sl_print_job_get_area (job, &area);

      g_ptr_array_add (argv, (char *) cli_path ());
      g_ptr_array_add (argv, (char *) "export");
      g_ptr_array_add (argv, (char *) example_path ());
      g_ptr_array_add (argv, (char *) "-o");
      g_ptr_array_add (argv, png);
      if (cases[i].scale != NULL)
        {
          g_ptr_array_add (argv, (char *) "--scale");
          g_ptr_array_add (argv, (char *) cases[i].scale);
        }
      if (cases[i].region != NULL)
        {
          g_ptr_array_add (argv, (char *) "--region");
          g_ptr_array_add (argv, (char *) cases[i].region);
        }
      g_assert_cmpint (run_argv (&out, &err, argv), ==, 0);
      g_assert_cmpstr (err, ==, "");

      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (area.width * cases[i].factor));
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (area.height * cases[i].factor));
      cairo_surface_destroy (image);
    }

  remove_tree (dir);
}

/* --problems marks the fields the check finds wanting, in words, as the
 * board does; without it the page is clean. */
static void
test_problems (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = g_build_filename (dir, "broken.stormline", NULL);
  g_autofree char *pdf = g_build_filename (dir, "broken.pdf", NULL);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *marked = NULL;
  g_autofree char *clean = NULL;

  if (!have_poppler ())
    return;

  sl_document_set_field_name (document, sl_document_lookup_note (document, "cmd-book-room"), 0, "guestID");
  g_assert_true (sl_format_save_file (document, file, NULL));

  g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", pdf, "--problems", NULL), ==, 0);
  marked = test_pdf_to_text (pdf);
  assert_contains (marked, "guestID: UUID ⚠ no origin");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", pdf, NULL), ==, 0);
  clean = test_pdf_to_text (pdf);
  g_assert_null (strstr (clean, "no origin"));
  remove_tree (dir);
}

/* A card with five fields and room for two shows the one with a problem,
 * its fourth, in print as on the board, and counts the rest. */
static void
test_problem_fields_shown (void)
{
  const char *names[] = { "borrower", "bookId", "branch", "dueDate", "copyNumber" };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = g_build_filename (dir, "library.stormline", NULL);
  g_autofree char *pdf = g_build_filename (dir, "library.pdf", NULL);
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  SlLane *actors, *interaction, *events;
  SlNote *screen, *command, *event;

  if (!have_poppler ())
    return;

  actors = sl_document_add_lane (document, SL_LANE_ACTOR, "Member", -1);
  interaction = sl_document_add_lane (document, SL_LANE_INTERACTION, "Commands", -1);
  events = sl_document_add_lane (document, SL_LANE_EVENTS, "Loans", -1);
  screen = sl_document_add_note (document, SL_NOTE_SCREEN, actors, 20, 0, "Loan Form");
  command = sl_document_add_note (document, SL_NOTE_COMMAND, interaction, 20, 0, "Borrow Book");
  event = sl_document_add_note (document, SL_NOTE_EVENT, events, 220, 0, "Book Borrowed");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (i != 3)
        sl_document_insert_field (document, screen, -1, names[i], SL_FIELD_STRING);
      sl_document_insert_field (document, command, -1, names[i], i == 3 ? SL_FIELD_DATE : SL_FIELD_STRING);
      sl_document_insert_field (document, event, -1, names[i], i == 3 ? SL_FIELD_DATE : SL_FIELD_STRING);
    }
  sl_document_add_connection (document, screen, command);
  sl_document_add_connection (document, command, event);
  g_assert_true (sl_format_save_file (document, file, NULL));

  g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", pdf, "--problems", NULL), ==, 0);
  text = test_pdf_to_text (pdf);
  assert_contains (text, "dueDate: Date ⚠ no origin");
  assert_contains (text, "+ 3 more fields\n");
  remove_tree (dir);
}

/* A command with eight fields, six of which nothing fills: its card grows
 * in print to list all six, and "+ 2 more fields" counts the others. */
static void
test_problem_card_grows (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = g_build_filename (dir, "library.stormline", NULL);
  g_autofree char *pdf = g_build_filename (dir, "library.pdf", NULL);
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  SlLane *actors, *interaction, *events;
  SlNote *screen, *command, *event;

  if (!have_poppler ())
    {
      remove_tree (dir);
      return;
    }

  actors = sl_document_add_lane (document, SL_LANE_ACTOR, "Member", -1);
  interaction = sl_document_add_lane (document, SL_LANE_INTERACTION, "Commands", -1);
  events = sl_document_add_lane (document, SL_LANE_EVENTS, "Loans", -1);
  screen = sl_document_add_note (document, SL_NOTE_SCREEN, actors, 20, 0, "Loan Form");
  command = sl_document_add_note (document, SL_NOTE_COMMAND, interaction, 20, 0, "Borrow Book");
  sl_document_add_note (document, SL_NOTE_VIEW, interaction, 20, 120, "Loans of a Member");
  event = sl_document_add_note (document, SL_NOTE_EVENT, events, 220, 0, "Book Borrowed");
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("field%u", i);

      if (i < 2)
        sl_document_insert_field (document, screen, -1, name, SL_FIELD_STRING);
      sl_document_insert_field (document, command, -1, name, SL_FIELD_STRING);
      sl_document_insert_field (document, event, -1, name, SL_FIELD_STRING);
    }
  sl_document_add_connection (document, screen, command);
  sl_document_add_connection (document, command, event);
  g_assert_true (sl_format_save_file (document, file, NULL));

  g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", pdf, "--problems", NULL), ==, 0);
  text = test_pdf_to_text (pdf);
  for (guint i = 2; i < 8; i++)
    {
      g_autofree char *line = g_strdup_printf ("field%u: String ⚠ no origin\n", i);

      assert_contains (text, line);
    }
  assert_contains (text, "+ 2 more fields\n");
  assert_contains (text, "Loans of a Member");
  remove_tree (dir);
}

/* SPEC.md is the specification document: the one test-spec reviews. */
static void
test_markdown (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *md = g_build_filename (dir, "hotel.md", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "hotel-spec.md", NULL);
  g_autoptr(GBytes) expected = read_bytes (expected_path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", md, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_file_holds (md, expected);
  remove_tree (dir);
}

/* board.mmd is the Mermaid diagram of the whole board: the one
 * test-mermaid reviews. */
static void
test_mermaid (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *mmd = g_build_filename (dir, "board.mmd", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "hotel.mmd", NULL);
  g_autoptr(GBytes) expected = read_bytes (expected_path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", mmd, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_file_holds (mmd, expected);
  remove_tree (dir);
}

/* Bad input: one line on stderr that says what, status 2, no file. */

typedef struct
{
  const char *name;
  const char *output;   /* in the scratch folder */
  const char *args[4];  /* up to NULL; MODEL stands for the example */
  const char *error;    /* a part of the message */
} BadExport;

static const BadExport bad_exports[] = {
  { "extension", "hotel.txt", { NULL }, "unknown format" },
  { "no-extension", "hotel", { NULL }, ".pdf, .svg, .png, .md or .mmd" },
  { "scale-for-markdown", "hotel.md", { "--scale", "2", NULL }, "for pictures" },
  { "region-for-markdown", "hotel.md", { "--region", "0,0,10,10", NULL }, "for pictures" },
  { "scale-for-mermaid", "hotel.mmd", { "--scale", "2", NULL }, "for pictures" },
  { "problems-for-mermaid", "hotel.mmd", { "--problems", NULL }, "for pictures" },
  { "legend-for-mermaid", "hotel.mmd", { "--legend", NULL }, "PDF only" },
  { "scale-zero", "hotel.png", { "--scale", "0", NULL }, "--scale" },
  { "scale-negative", "hotel.pdf", { "--scale", "-1", NULL }, "--scale" },
  { "scale-word", "hotel.svg", { "--scale", "big", NULL }, "“big”" },
  { "scale-nan", "hotel.png", { "--scale", "nan", NULL }, "--scale" },
  { "scale-huge", "hotel.pdf", { "--scale", "1e300", NULL }, "--scale" },
  { "png-too-large", "hotel.png", { "--scale", "10", NULL }, "pixels" },
  { "region-three", "hotel.pdf", { "--region", "1,2,3", NULL }, "--region" },
  { "region-five", "hotel.pdf", { "--region", "1,2,3,4,5", NULL }, "--region" },
  { "region-empty", "hotel.png", { "--region", "0,0,0,100", NULL }, "--region" },
  { "region-word", "hotel.svg", { "--region", "a,b,c,d", NULL }, "“a,b,c,d”" },
  { "region-far", "hotel.svg", { "--region", "1e12,0,10,10", NULL }, "--region" },
  { "paper", "hotel.pdf", { "--paper", "a5", NULL }, "a4, a3 or letter" },
  { "pdf-option-for-png", "hotel.png", { "--tiled", NULL }, "for PDF only" },
  { "too-many-pages", "hotel.pdf", { "--scale", "10", NULL }, "pages" },
  { "unreadable-model", "hotel.pdf", { "MISSING", NULL }, "MISSING" },
  { "missing-directory", "missing/hotel.pdf", { NULL }, "missing/hotel.pdf" },
};

static void
test_bad_export (gconstpointer data)
{
  const BadExport *bad = data;
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *output = g_build_filename (dir, bad->output, NULL);
  g_autofree char *missing = g_build_filename (dir, "MISSING.stormline", NULL);
  const char *args[4] = { NULL };
  const char *model = example_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listing = NULL;
  gsize length;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad->args) && bad->args[i] != NULL; i++)
    if (g_str_equal (bad->args[i], "MISSING"))
      model = missing;
    else
      args[n++] = bad->args[i];

  g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", output,
                        args[0], args[1], args[2], args[3], NULL), ==, 2);
  g_test_message ("stderr: %s", err);

  /* One line, from the program, that says what is wrong. */
  length = strlen (err);
  g_assert_cmpuint (length, >, 0);
  g_assert_true (strchr (err, '\n') == err + length - 1);
  g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
  assert_contains (err, bad->error);
  g_assert_cmpstr (out, ==, "");

  /* Nothing written, not even a temporary file. */
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  remove_tree (dir);
}

/* Exports of a hostile model */

/* In every text of the model: controls of C0 and C1, escape sequences,
 * DEL, line ends, U+FFFE and U+FFFF (not characters of XML), a bidi
 * override, a line separator, and what XML and Markdown read as markup. */
#define NASTY " \\u0001\\u001b[2J\\u001b]0;x\\u0007\\n\\r\\t\\u000b\\u007f\\u0085\\u009b\\ufffe\\uffff" \
              "\\u202e\\u2028<&>\\\"'| # * ` ]]>"

static const char hostile_model[] =
  "{\"stormline\": 1, \"title\": \"Hotel" NASTY "\",\n"
  " \"description\": \"About" NASTY "\\n- not a list\\n# not a heading\",\n"
  " \"aggregates\": [{\"id\": \"a-1\", \"name\": \"Room" NASTY "\"}],\n"
  " \"lanes\": [{\"id\": \"l-actor\", \"kind\": \"actor\", \"name\": \"Guest" NASTY "\"},\n"
  "   {\"id\": \"l-int\", \"kind\": \"interaction\", \"name\": \"Flow" NASTY "\"},\n"
  "   {\"id\": \"l-ev\", \"kind\": \"events\", \"name\": \"Rooms" NASTY "\", \"aggregate\": \"a-1\"}],\n"
  " \"slices\": [{\"id\": \"s-1\", \"name\": \"Booking" NASTY "\", \"status\": \"done\", \"x\": 0, \"width\": 800}],\n"
  " \"notes\": [\n"
  "   {\"id\": \"n-screen\", \"kind\": \"screen\", \"lane\": \"l-actor\", \"x\": 0, \"text\": \"Form" NASTY "\",\n"
  "    \"fields\": [{\"name\": \"room" NASTY "\"}]},\n"
  "   {\"id\": \"n-cmd\", \"kind\": \"command\", \"lane\": \"l-int\", \"x\": 200, \"text\": \"Book" NASTY "\",\n"
  "    \"fields\": [{\"name\": \"room" NASTY "\", \"example\": \"101" NASTY "\"}]},\n"
  "   {\"id\": \"n-event\", \"kind\": \"event\", \"lane\": \"l-ev\", \"x\": 400, \"text\": \"LONGWORD" NASTY "\",\n"
  "    \"fields\": [{\"name\": \"room" NASTY "\"}]},\n"
  "   {\"id\": \"n-view\", \"kind\": \"view\", \"lane\": \"l-int\", \"x\": 600, \"text\": \"Rooms" NASTY "\",\n"
  "    \"fields\": [{\"name\": \"room" NASTY "\"}, {\"name\": \"unfed" NASTY "\"}]},\n"
  "   {\"id\": \"n-hotspot\", \"kind\": \"hotspot\", \"lane\": \"l-ev\", \"x\": 900, \"text\": \"Why" NASTY "\"}],\n"
  " \"connections\": [{\"id\": \"c-1\", \"from\": \"n-screen\", \"to\": \"n-cmd\"},\n"
  "   {\"id\": \"c-2\", \"from\": \"n-cmd\", \"to\": \"n-event\"}, {\"id\": \"c-3\", \"from\": \"n-event\", \"to\": \"n-view\"}],\n"
  " \"scenarios\": [\n"
  "   {\"id\": \"sc-1\", \"note\": \"n-cmd\", \"title\": \"Books" NASTY "\",\n"
  "    \"when\": [{\"note\": \"n-cmd\", \"values\": {\"room" NASTY "\": \"101" NASTY "\"}}],\n"
  "    \"then\": [{\"note\": \"n-event\", \"values\": {\"room" NASTY "\": \"101" NASTY "\"}}]},\n"
  "   {\"id\": \"sc-2\", \"note\": \"n-cmd\", \"title\": \"Fails" NASTY "\", \"when\": [{\"note\": \"n-cmd\"}],\n"
  "    \"error\": \"Taken" NASTY "\"}]}\n";

/* The hostile model in @dir, with a word too long for any card. */
static char *
write_hostile_model (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "hostile.stormline", NULL);
  g_autoptr(GString) model = g_string_new (hostile_model);
  g_autofree char *word = g_strnfill (5000, 'W');
  g_autoptr(GError) error = NULL;

  g_string_replace (model, "LONGWORD", word, 0);
  g_file_set_contents (path, model->str, model->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Asserts that @text is UTF-8 with no control character but newlines, tabs
 * and the form feeds between pages. */
static void
assert_clean_text (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean control = (c < 0x20 && c != '\n' && c != '\t' && c != '\f') || (c >= 0x7f && c <= 0x9f);

      if (control)
        g_test_message ("U+%04X at byte %td of:\n%s", c, p - text, text);
      g_assert_false (control);
    }
}

/* xmllint (libxml2-utils) holds an SVG to XML 1.0; without it, say so
 * and skip. */
static gboolean
have_xmllint (void)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint (libxml2-utils) is needed to hold SVGs to XML 1.0");
      return FALSE;
    }
  return TRUE;
}

static void
assert_well_formed_xml (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run (&out, &err, "xmllint", "--noout", "--nonet", path, NULL);

  if (status != 0)
    g_test_message ("xmllint: %.500s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
}

static const char * const hostile_svg_args[][4] = {
  { NULL },
  { "--problems", NULL },
  { "--region", "150,0,500,400", "--scale", "2" },
};

/* Every SVG of the hostile model is XML 1.0 (GMarkup, which reads XML
 * 1.1's character references too, is not enough), and its description
 * still names the notes. */
static void
test_hostile_svg (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = write_hostile_model (dir);
  g_autofree char *svg = g_build_filename (dir, "hostile.svg", NULL);

  if (!have_xmllint ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (hostile_svg_args); i++)
    {
      const char * const *args = hostile_svg_args[i];
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", svg,
                            args[0], args[1], args[2], args[3], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      assert_well_formed_xml (svg);

      g_file_get_contents (svg, &contents, NULL, &error);
      g_assert_no_error (error);
      assert_contains (contents, "<title>Hotel \uFFFD\uFFFD[2J\uFFFD]0;x\uFFFD\n\r\t\uFFFD\177\xc2\x85\xc2\x9b"
                                 "\uFFFD\uFFFD\u202e\u2028&lt;&amp;&gt;&quot;&apos;| # * ` ]]&gt;</title>");
      assert_contains (contents, "Command “Book \uFFFD");
    }

  remove_tree (dir);
}

/* Every PDF of the hostile model is written (cairo refused a title with
 * U+FFFE) and drawn whole (it stopped at a note with one), and its text
 * holds no control character: a control is drawn escaped, \x1b. */
static void
test_hostile_pdf (void)
{
  static const char * const pdf_args[][4] = {
    { NULL },
    { "--tiled", "--legend", "--scenarios", "--problems" },
  };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = write_hostile_model (dir);
  g_autofree char *pdf = g_build_filename (dir, "hostile.pdf", NULL);

  if (!have_poppler ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (pdf_args); i++)
    {
      const char * const *args = pdf_args[i];
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *text = NULL;

      g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", pdf,
                            args[0], args[1], args[2], args[3], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");

      text = test_pdf_to_text (pdf);
      assert_clean_text (text);
      assert_contains (text, "Booking \\x01\\x1b[2J\\x1b]0;x\\x07");
      assert_contains (text, "Book ");
      assert_contains (text, "Why");

      /* The title, which viewers and pdfinfo show, has its controls escaped. */
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (&out, &err, "pdfinfo", pdf, NULL), ==, 0);
      assert_clean_text (out);
      assert_contains (out, "Hotel \\x01\\x1b[2J\\x1b]0;x\\x07\\n\\r\\t\\x0b\\x7f\\u0085\\u009b"
                            "\\ufffe\\uffff\\u202e\\u2028<&>\"'| # * ` ]]>");
    }

  remove_tree (dir);
}

/* The specification of the hostile model keeps its structure: one title,
 * no list or heading made by the description, no control character. */
static void
test_hostile_markdown (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = write_hostile_model (dir);
  g_autofree char *md = g_build_filename (dir, "hostile.md", NULL);
  g_autofree char *png = g_build_filename (dir, "hostile.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint titles = 0;

  g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", md, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_file_get_contents (md, &contents, NULL, &error);
  g_assert_no_error (error);
  assert_clean_text (contents);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      titles += g_str_has_prefix (lines[i], "# ");
      g_assert_false (g_str_has_prefix (lines[i], "- not a list"));
      g_assert_false (g_str_has_prefix (lines[i], "# not a heading"));
    }
  g_assert_cmpuint (titles, ==, 1);

  /* A PNG holds no text, but draws the same cards. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, cli_path (), "export", model, "-o", png, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  remove_tree (dir);
}

typedef struct
{
  const char *name;
  const char *text;
  const char *escaped;
} XmlEscape;

static const XmlEscape xml_escapes[] = {
  { "plain", "Room Booked ünï € 😀 \xc2\x85\u202e", "Room Booked ünï € 😀 \xc2\x85\u202e" },
  { "markup", "<a href=\"x\" b='y'>&amp;</a> ]]>", "&lt;a href=&quot;x&quot; b=&apos;y&apos;&gt;&amp;amp;&lt;/a&gt; ]]&gt;" },
  { "controls", "\001\t\n\r\033\037\177", "\uFFFD\t\n\r\uFFFD\uFFFD\177" },
  { "noncharacters", "\uFFFE\uFFFF\uFDD0\U0001FFFE", "\uFFFD\uFFFD\uFFFD\uFFFD" },
  { "not-utf8", "caf\xe9 \xed\xa0\x80", "caf\uFFFD \uFFFD\uFFFD\uFFFD" },
};

static void
test_escape_xml (gconstpointer data)
{
  const XmlEscape *escape = data;
  g_autofree char *escaped = sl_text_escape_for_xml (escape->text);

  g_assert_cmpstr (escaped, ==, escape->escaped);
}

static const XmlEscape drawables[] = {
  { "plain", "Room Booked ünï € 😀 \u202e", "Room Booked ünï € 😀 \u202e" },
  { "layout", "a\nb\r\nc\td", "a\nb\r\nc\td" },
  { "controls", "\001\033[2J\037\177", "\\x01\\x1b[2J\\x1f\\x7f" },
  { "c1", "\xc2\x85\xc2\x9b", "\\u0085\\u009b" },
  { "noncharacters", "\uFFFE\uFFFF\uFDD0\U0001FFFE", "\uFFFD\uFFFD\uFFFD\uFFFD" },
};

static void
test_make_drawable (gconstpointer data)
{
  const XmlEscape *escape = data;
  g_autofree char *drawable = sl_text_make_drawable (escape->text);

  g_assert_cmpstr (drawable, ==, escape->escaped);
}

static void
test_usage (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, cli_path (), "--help", NULL), ==, 0);
  assert_contains (out, "  export ");
  assert_contains (out, "  export-eventmodelers ");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, cli_path (), "export", "--help", NULL), ==, 0);
  for (guint i = 0; i < 7; i++)
    assert_contains (out, (const char *[]) { "--output", "--scale", "--region", "--paper",
                                             "--tiled", "--legend", "--scenarios" }[i]);

  /* No model, no output, or two models. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), NULL), ==, 2);
  assert_contains (err, "-o FILE.pdf");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, cli_path (), "export", "-o", "x.pdf", NULL), ==, 2);
  assert_contains (err, "MODEL");
}

/* A region of 10⁷ × 10⁷ board units at scale 10, or tiled at the default
 * scale, is refused before any page or image is made: it took minutes,
 * or 1.4 GB of pages before the count refused them. The message names the
 * limit and the way past it, on one line. */
static void
test_limits_before_work (void)
{
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  SlRect huge = { 0, 0, 1e7, 1e7 };
  struct {
    SlExportFormat format;
    gboolean tiled;
    const char *limit;
  } cases[] = {
    { SL_EXPORT_FORMAT_PDF, FALSE, "pages" },
    { SL_EXPORT_FORMAT_PDF, TRUE, "pages" },
    { SL_EXPORT_FORMAT_SVG, FALSE, "points a side" },
    { SL_EXPORT_FORMAT_PNG, FALSE, "pixels" },
  };

  sl_print_job_set_region (job, &huge);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      sl_print_job_set_fit_to_page (job, FALSE);
      if (!cases[i].tiled)
        sl_print_job_set_scale (job, 10);
      bytes = sl_export_to_bytes (job, cases[i].format, NULL, FALSE, 10, &error);
      g_assert_null (bytes);
      g_assert_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_TOO_LARGE);
      assert_contains (error->message, cases[i].limit);
      assert_contains (error->message, "smaller scale or a region");
      g_assert_null (strchr (error->message, '\n'));
      /* Not a page was made. */
      g_assert_cmpuint (sl_print_job_get_n_pages (job), ==, 0);

      g_object_unref (job);
      job = sl_print_job_new (layout);
      sl_print_job_set_region (job, &huge);
    }

  /* Printed (the print dialog asks no count), such a grid is fit on one
   * page rather than made page by page. */
  sl_print_job_set_fit_to_page (job, FALSE);
  sl_print_job_set_scale (job, 10);
  g_assert_cmpfloat (sl_print_job_count_board_pages (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT), >, 1e9);
  g_assert_cmpuint (sl_print_job_paginate (job, PRINTABLE_WIDTH, PRINTABLE_HEIGHT), ==, 1);
  g_assert_cmpint (sl_print_job_get_page_kind (job, 0), ==, SL_PRINT_PAGE_BOARD);

  /* The same region at a scale that keeps within the limits is drawn. */
  {
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    bytes = sl_export_to_bytes (job, SL_EXPORT_FORMAT_SVG, NULL, FALSE, 0.5, &error);
    g_assert_no_error (error);
    g_assert_nonnull (bytes);
  }
}

/* sl_export_to_file() writes the PDF sl_export_to_bytes() makes, whole,
 * over the old file; one refused leaves the old file as it was, and
 * nothing beside it. */
static void
test_to_file (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlDocument) document = test_load_example ();
  g_autoptr(SlLayout) layout = sl_layout_new (document);
  g_autoptr(SlPrintJob) job = sl_print_job_new (layout);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  SlRect huge = { 0, 0, 1e7, 1e7 };
  gsize length;
  guint n_pages;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  sl_print_job_set_fit_to_page (job, FALSE);
  sl_print_job_set_scale (job, 0.5);
  g_assert_true (sl_export_to_file (job, SL_EXPORT_FORMAT_PDF, NULL, FALSE, 1, file, &error));
  g_assert_no_error (error);
  n_pages = sl_print_job_get_n_pages (job);
  g_assert_cmpuint (n_pages, >, 2);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Whole: it ends as a PDF does. */
  g_assert_cmpuint (length, >, 6);
  g_assert_cmpmem (contents + length - 6, 6, "%%EOF\n", 6);
  /* The same pages as in memory, but for the time they were made. */
  bytes = sl_export_to_bytes (job, SL_EXPORT_FORMAT_PDF, NULL, FALSE, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, length);
  g_clear_pointer (&contents, g_free);

  sl_print_job_set_region (job, &huge);
  sl_print_job_set_scale (job, 10);
  g_assert_false (sl_export_to_file (job, SL_EXPORT_FORMAT_PDF, NULL, FALSE, 1, file, &error));
  g_assert_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_TOO_LARGE);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "hotel.pdf");
  remove_tree (dir);
}

/* The command line says the same in one line, with status 2 and no file. */
static void
test_limit_messages (void)
{
  static const char *cases[][4] = {
    { "huge.svg", "--scale", "10", "points a side" },
    { "huge.pdf", "--scale", "10", "pages" },
    { "huge.pdf", "--tiled", NULL, "pages" },
  };
  g_autofree char *dir = scratch_dir_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *output = g_build_filename (dir, cases[i][0], NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *listing = NULL;

      g_assert_cmpint (run (&out, &err, cli_path (), "export", example_path (), "-o", output,
                            "--region", "0,0,1e7,1e7", cases[i][1], cases[i][2], NULL), ==, 2);
      assert_contains (err, cases[i][3]);
      assert_contains (err, "smaller scale or a region");
      /* One line. */
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      g_assert_cmpstr (out, ==, "");
      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "");
    }

  remove_tree (dir);
}

/* A note of a million characters: its card and the description of the
 * SVG hold its first %SL_RENDERER_MAX_TEXT characters and an ellipsis,
 * not the megabytes that made every export take minutes. */
static void
test_long_text (void)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  SlLane *lane = sl_document_add_lane (document, SL_LANE_EVENTS, "Room", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlPrintJob) job = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const char *svg, *start, *end, *cut;

  while (text->len < 1000000)
    g_string_append (text, "Zimmer gebucht für ");
  sl_document_add_note (document, SL_NOTE_EVENT, lane, 0, 0, text->str);
  layout = sl_layout_new (document);
  job = sl_print_job_new (layout);

  bytes = sl_export_svg (job, 1.0, &error);
  g_assert_no_error (error);
  svg = g_bytes_get_data (bytes, NULL);
  start = strstr (svg, "Event “");
  g_assert_nonnull (start);
  start += strlen ("Event “");
  end = strstr (start, "”");
  g_assert_nonnull (end);
  cut = g_utf8_offset_to_pointer (text->str, SL_RENDERER_MAX_TEXT);
  expected = g_strdup_printf ("%.*s…", (int) (cut - text->str), text->str);
  g_assert_cmpint (end - start, ==, strlen (expected));
  g_assert_true (strncmp (start, expected, end - start) == 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/print-job/fit", test_fit);
  g_test_add_func ("/print-job/tiles", test_tiles);
  g_test_add_func ("/print-job/auto-scale", test_auto_scale);
  g_test_add_func ("/print-job/scenario-pages", test_scenario_pages);
  g_test_add_func ("/print-job/title", test_title);

  g_test_add_func ("/export/pdf-tiled", test_pdf_tiled);
  g_test_add_func ("/export/pdf-fit-text", test_pdf_fit_text);
  g_test_add_func ("/export/pdf-fit-pixels", test_pdf_fit_pixels);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/png-scale", test_png_scale);
  g_test_add_func ("/export/markdown", test_markdown);
  g_test_add_func ("/export/mermaid", test_mermaid);
  g_test_add_func ("/export/problems", test_problems);
  g_test_add_func ("/export/problem-fields-shown", test_problem_fields_shown);
  g_test_add_func ("/export/problem-card-grows", test_problem_card_grows);
  for (guint i = 0; i < G_N_ELEMENTS (bad_exports); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/bad/%s", bad_exports[i].name);

      g_test_add_data_func (path, &bad_exports[i], test_bad_export);
    }
  g_test_add_func ("/export/usage", test_usage);
  g_test_add_func ("/export/limits-before-work", test_limits_before_work);
  g_test_add_func ("/export/to-file", test_to_file);
  g_test_add_func ("/export/limit-messages", test_limit_messages);
  g_test_add_func ("/export/long-text", test_long_text);

  g_test_add_func ("/export/hostile/svg", test_hostile_svg);
  g_test_add_func ("/export/hostile/pdf", test_hostile_pdf);
  g_test_add_func ("/export/hostile/markdown", test_hostile_markdown);
  for (guint i = 0; i < G_N_ELEMENTS (xml_escapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/escape-xml/%s", xml_escapes[i].name);

      g_test_add_data_func (path, &xml_escapes[i], test_escape_xml);
    }
  for (guint i = 0; i < G_N_ELEMENTS (drawables); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/drawable/%s", drawables[i].name);

      g_test_add_data_func (path, &drawables[i], test_make_drawable);
    }

  return g_test_run ();
}
