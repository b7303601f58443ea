/* test-export-limits.c: no export stops at a limit without a word
 *
 * The built stormline-cli (STORMLINE_CLI) on boards made here as long as
 * each limit needs: an SVG or a PNG too large at scale 1 is drawn smaller,
 * every note in it, and says the scale on standard error; a scale asked
 * that does not fit is refused with the largest that does; a PDF whose
 * one page would print illegible text is tiled and says so, and --fit
 * forces one page. Every refusal is one line, status 2, no file, and
 * names the option that gets past it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <sys/wait.h>

#include <cairo.h>

#include "sl-export.h"
#include "test-util.h"

/* Runs stormline-cli with the arguments up to NULL, in English; returns
 * its exit status and what it wrote. */
G_GNUC_NULL_TERMINATED
static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("STORMLINE_CLI");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* A board of @n_notes commands, @spacing units apart, in @dir. */
static char *
write_long_board (const char *dir,
                  guint       n_notes,
                  int         spacing)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  SlLane *lane = sl_document_add_lane (document, SL_LANE_INTERACTION, "Flow", -1);
  g_autoptr(GBytes) bytes = NULL;
  char *path = g_build_filename (dir, "long.stormline", NULL);

  for (guint i = 0; i < n_notes; i++)
    {
      g_autofree char *text = g_strdup_printf ("Step %u", i);

      sl_document_add_note (document, SL_NOTE_COMMAND, lane, (int) i * spacing, 0, text);
    }
  bytes = sl_format_save_to_bytes (document);
  write_bytes (path, bytes);
  return path;
}

static void
get_area (const char *model,
          SlRect     *area)
{
  g_autoptr(GFile) file = g_file_new_for_path (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = sl_format_load_file (file, &error);
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlPrintJob) job = NULL;

  g_assert_no_error (error);
  layout = sl_layout_new (document);
  job = sl_print_job_new (layout);
  sl_print_job_get_area (job, area);
}

/* The scale a notice on standard error names. */
static double
scale_in (const char *err)
{
  g_autoptr(GRegex) regex = g_regex_new ("scale ([0-9.]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  g_assert_true (g_regex_match (regex, err, 0, &match));
  number = g_match_info_fetch (match, 1);
  return g_ascii_strtod (number, NULL);
}

static void
assert_one_line (const char *err)
{
  gsize length = strlen (err);

  g_assert_cmpuint (length, >, 0);
  g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
  g_assert_true (strchr (err, '\n') == err + length - 1);
}

static guint
count_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autoptr(GRegex) regex = g_regex_new ("^Pages: *([0-9]+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *number = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (regex, out, 0, &match));
  number = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (number, NULL, 10);
}

static gboolean
have_pdfinfo (void)
{
  g_autofree char *path = g_find_program_in_path ("pdfinfo");

  if (path == NULL)
    g_test_skip ("pdfinfo (poppler-utils) is not installed");
  return path != NULL;
}

/* 300 notes 30,000 units apart: 9 million units, more than the 8 million
 * points a side of an SVG. Drawn at the scale that fits, said on standard
 * error, with every note's text drawn on its card. */
#define SVG_NOTES   300
#define SVG_SPACING 30000

static void
test_long_svg (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = write_long_board (dir, SVG_NOTES, SVG_SPACING);
  g_autofree char *svg = g_build_filename (dir, "long.svg", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) glyphs = g_regex_new ("<use xlink:href=\"#glyph[^\"]*\" x=\"([-0-9.]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  gboolean drawn[SVG_NOTES] = { FALSE };
  guint n_drawn = 0;
  double scale;
  SlRect area;

  get_area (model, &area);
  g_assert_cmpfloat (area.width, >, SL_EXPORT_SVG_MAX_SIDE);

  g_assert_cmpint (run_cli (&out, &err, "export", model, "-o", svg, NULL), ==, 0);
  g_test_message ("stderr: %s", err);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "drawn at scale"));
  scale = scale_in (err);
  g_assert_cmpfloat (scale, <, 1);
  g_assert_cmpfloat (area.width * scale, <=, SL_EXPORT_SVG_MAX_SIDE);
  /* The largest that fits, to three digits. */
  g_assert_cmpfloat (area.width * (scale + 0.002), >, SL_EXPORT_SVG_MAX_SIDE);

  /* Every card holds glyphs: its text was drawn, not lost past cairo's
   * coordinates. */
  g_file_get_contents (svg, &contents, NULL, &error);
  g_assert_no_error (error);
  for (g_regex_match (glyphs, contents, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *x = g_match_info_fetch (match, 1);
      double board_x = g_ascii_strtod (x, NULL) / scale + area.x;
      double note = floor (board_x / SVG_SPACING);

      /* Glyphs left of the notes are the lane's name. */
      if (note >= 0 && note < SVG_NOTES && board_x - note * SVG_SPACING < SL_LAYOUT_COLUMN_WIDTH)
        drawn[(guint) note] = TRUE;
    }
  for (guint i = 0; i < SVG_NOTES; i++)
    n_drawn += drawn[i];
  g_assert_cmpuint (n_drawn, ==, SVG_NOTES);

  remove_tree (dir);
}

/* 100 notes 400 units apart: 40,000 units, more than the 32,767 pixels a
 * side of a PNG. Without --scale, drawn smaller and said; with a --scale
 * that does not fit, refused with the largest that does, which fits. */
static void
test_long_png (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = write_long_board (dir, 100, 400);
  g_autofree char *png = g_build_filename (dir, "long.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *largest = NULL;
  cairo_surface_t *image;
  double scale;
  SlRect area;

  get_area (model, &area);
  g_assert_cmpfloat (area.width, >, SL_EXPORT_PNG_MAX_SIDE);

  g_assert_cmpint (run_cli (&out, &err, "export", model, "-o", png, NULL), ==, 0);
  g_test_message ("stderr: %s", err);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "drawn at scale"));
  g_assert_nonnull (strstr (err, "32767 pixels"));
  scale = scale_in (err);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (area.width * scale));
  g_assert_cmpint (cairo_image_surface_get_width (image), <=, SL_EXPORT_PNG_MAX_SIDE);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (area.height * scale));
  cairo_surface_destroy (image);
  g_assert_no_errno (g_remove (png));

  /* Asked for, scale 1 is refused, naming the largest that fits. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", model, "-o", png, "--scale", "1", NULL), ==, 2);
  g_test_message ("stderr: %s", err);
  assert_one_line (err);
  largest = g_strdup_printf ("--scale %g is the largest that fits", scale);
  g_assert_nonnull (strstr (err, largest));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "long.stormline");

  /* And that scale is drawn as asked, without a word. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  largest = (g_free (largest), g_strdup_printf ("%g", scale));
  g_assert_cmpint (run_cli (&out, &err, "export", model, "-o", png, "--scale", largest, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  remove_tree (dir);
}

/* 60 notes side by side: 14,000 units, whose cards' text would print at
 * under 1 pt on one A4 page. Tiled by default, said with the page count;
 * --fit prints one page as asked. */
static void
test_long_pdf (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = write_long_board (dir, 60, 240);
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pages = NULL;
  guint n_pages;

  if (!have_pdfinfo ())
    return;

  g_assert_cmpint (run_cli (&out, &err, "export", model, "-o", pdf, NULL), ==, 0);
  g_test_message ("stderr: %s", err);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, "too small to read"));
  g_assert_nonnull (strstr (err, "--fit"));
  n_pages = count_pages (pdf);
  g_assert_cmpuint (n_pages, >, 2);
  pages = g_strdup_printf ("over %u pages", n_pages);
  g_assert_nonnull (strstr (err, pages));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", model, "-o", pdf, "--fit", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (count_pages (pdf), ==, 1);

  remove_tree (dir);
}

/* The example is the longest board that stays on one page of every paper:
 * its text prints at 3.5 pt on Letter, above the threshold. */
static void
test_example_one_page (void)
{
  static const char *papers[] = { "a4", "a3", "letter" };
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *pdf = g_build_filename (dir, "hotel.pdf", NULL);

  if (!have_pdfinfo ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (&out, &err, "export", example_path (), "-o", pdf, "--paper", papers[i], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpuint (count_pages (pdf), ==, 1);
    }

  remove_tree (dir);
}

/* --help names --fit and says what a PDF does without it. */
static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "export", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--fit"));
  g_assert_nonnull (strstr (out, "below 3 pt is tiled"));
  g_assert_nonnull (strstr (out, "the largest up to 1 that fits"));
}

/* Refused: one line, status 2, no file, and the option to use. */
typedef struct
{
  const char *name;
  const char *output;
  const char *args[5];  /* up to NULL */
  const char *option;   /* named in the message */
} Refusal;

static const Refusal refusals[] = {
  { "png-scale", "long.png", { "--scale", "1", NULL }, "--scale 0." },
  { "svg-scale", "long.svg", { "--scale", "2", "--region", "0,0,5000000,100", NULL }, "--scale 1." },
  { "pdf-auto-pages", "long.pdf", { "--region", "0,0,10000000,10000000", NULL }, "--fit" },
  { "pdf-tiled-pages", "long.pdf", { "--tiled", "--region", "0,0,10000000,10000000", NULL }, "--fit" },
  { "fit-tiled", "long.pdf", { "--fit", "--tiled", NULL }, "--fit" },
  { "fit-scale", "long.pdf", { "--fit", "--scale", "0.5", NULL }, "--scale" },
  { "fit-png", "long.png", { "--fit", NULL }, "--fit" },
};

static void
test_refusal (gconstpointer data)
{
  const Refusal *refusal = data;
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *model = write_long_board (dir, 100, 400);
  g_autofree char *output = g_build_filename (dir, refusal->output, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listing = NULL;
  const char *const *args = refusal->args;

  g_assert_cmpint (run_cli (&out, &err, "export", model, "-o", output,
                            args[0], args[1], args[2], args[3], args[4], NULL), ==, 2);
  g_test_message ("stderr: %s", err);
  assert_one_line (err);
  g_assert_nonnull (strstr (err, refusal->option));
  g_assert_cmpstr (out, ==, "");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "long.stormline");

  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-limits/long-svg", test_long_svg);
  g_test_add_func ("/export-limits/long-png", test_long_png);
  g_test_add_func ("/export-limits/long-pdf", test_long_pdf);
  g_test_add_func ("/export-limits/example-one-page", test_example_one_page);
  g_test_add_func ("/export-limits/help", test_help);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/export-limits/refused/%s", refusals[i].name);

      g_test_add_data_func (path, &refusals[i], test_refusal);
    }

  return g_test_run ();
}
