/* stormline-cli.c: Stormline on the command line, with no display
 *
 * Exit status: 0 on success, 1 when a check finds something (fmt --check,
 * generate refusing a model whose check has errors), a merge conflicts, or
 * impact finds no such note, field or connection, 2 when a file cannot be
 * read or the command line is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sl-export.h"
#include "sl-json-output.h"
#include "sl-renderer.h"
#include "stormline-core.h"

enum {
  EXIT_OK = 0,
  EXIT_FOUND = 1,
  EXIT_UNREADABLE = 2,
};

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  CommandFunc func;
} Command;

/* Every line that holds text from a model, a file name or an argument is
 * printed through print_line() or print_error(): the terminal shows each
 * character, acts on none, and a newline in a name cannot forge a line. */
static void
print_line (const char *line)
{
  g_autofree char *escaped = sl_text_escape_controls (line);

  g_print ("%s\n", escaped);
}

static void
print_error (const char *file,
             const char *message)
{
  g_autofree char *line = NULL;
  g_autofree char *escaped = NULL;

  if (file != NULL)
    line = g_strdup_printf ("stormline-cli: %s: %s", file, message);
  else
    line = g_strdup_printf ("stormline-cli: %s", message);
  escaped = sl_text_escape_controls (line);
  g_printerr ("%s\n", escaped);
}

static SlDocument *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  SlDocument *document;

  document = sl_format_load_file (file, &error);
  if (document == NULL)
    print_error (path, error->message);

  return document;
}

/* Parses @entries from a subcommand's arguments; reports usage errors. */
static gboolean
parse_options (const char    *name,
               const char    *args,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("stormline-cli %s", name);

  context = g_option_context_new (args);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_set_prgname (prgname);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (NULL, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
print_count (const char *label,
             guint       count,
             int         indent)
{
  /* Column widths are counted in characters so translated labels line up. */
  int width = 24 - indent - (int) g_utf8_strlen (label, -1);

  g_print ("%*s%s%*s%6u\n", indent, "", label, MAX (width, 1), "", count);
}

static int
command_stats (int    argc,
               char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(SlDocument) document = NULL;
  guint per_kind[SL_N_NOTE_KINDS] = { 0 };
  guint n_fields = 0;
  GListModel *notes;

  if (!parse_options ("stats", _("FILE"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 2)
    {
      print_error (NULL, _("stats needs exactly one FILE"));
      return EXIT_UNREADABLE;
    }

  if (!(document = load (argv[1])))
    return EXIT_UNREADABLE;

  notes = sl_document_get_notes (document);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(SlNote) note = g_list_model_get_item (notes, i);

      per_kind[sl_note_get_kind (note)]++;
      n_fields += sl_note_get_n_fields (note);
    }

  {
    g_autofree char *title_line = g_strdup_printf ("%s: %s", argv[1],
                                                   *sl_document_get_title (document) ?
                                                   sl_document_get_title (document) : _("Untitled"));

    print_line (title_line);
  }
  print_count (_("Notes"), g_list_model_get_n_items (notes), 2);
  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    if (per_kind[kind] > 0)
      print_count (sl_note_kind_get_label (kind), per_kind[kind], 4);
  print_count (_("Fields"), n_fields, 2);
  print_count (_("Connections"), g_list_model_get_n_items (sl_document_get_connections (document)), 2);
  print_count (_("Scenarios"), g_list_model_get_n_items (sl_document_get_scenarios (document)), 2);
  print_count (_("Lanes"), g_list_model_get_n_items (sl_document_get_lanes (document)), 2);
  print_count (_("Slices"), g_list_model_get_n_items (sl_document_get_slices (document)), 2);
  print_count (_("Aggregates"), g_list_model_get_n_items (sl_document_get_aggregates (document)), 2);

  return EXIT_OK;
}

static int
command_fmt (int    argc,
             char **argv)
{
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Change nothing; list the files that are not in canonical form and exit with status 1"),
      NULL },
    { NULL }
  };
  int status = EXIT_OK;

  if (!parse_options ("fmt", _("FILE…"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc < 2)
    {
      print_error (NULL, _("fmt needs at least one FILE"));
      return EXIT_UNREADABLE;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GBytes) canonical = NULL;
      g_autoptr(SlDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      if (!(original = sl_json_read_file (file, &error)) ||
          !(document = sl_format_load_bytes (original, &error)))
        {
          print_error (argv[i], error->message);
          status = EXIT_UNREADABLE;
          continue;
        }

      canonical = sl_format_save_to_bytes (document);
      if (g_bytes_equal (original, canonical))
        continue;

      if (check)
        {
          print_line (argv[i]);
          status = MAX (status, EXIT_FOUND);
        }
      else if (!sl_file_write_atomically (file, canonical, NULL, &error))
        {
          print_error (argv[i], error->message);
          status = EXIT_UNREADABLE;
        }
    }

  return status;
}

static void
print_warnings (const char *file,
                GPtrArray  *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      /* Translators: a problem found in FILE that did not stop the command */
      g_autofree char *message = g_strdup_printf (_("warning: %s"), (char *) g_ptr_array_index (warnings, i));

      print_error (file, message);
    }
}

static gboolean
write_output (const char *path,
              GBytes     *bytes)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  if (!sl_file_write_atomically (file, bytes, NULL, &error))
    {
      print_error (path, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
command_import (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the model"), N_("MODEL.stormline") },
    { NULL }
  };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) model = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options ("import", _("FILE.json -o MODEL.stormline"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 2 || output == NULL)
    {
      print_error (NULL, _("import needs one eventmodelers FILE and -o MODEL.stormline"));
      return EXIT_UNREADABLE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(bytes = sl_json_read_file (file, &error)) ||
      !(document = sl_eventmodelers_import (bytes, &warnings, &error)))
    {
      print_error (argv[1], error->message);
      return EXIT_UNREADABLE;
    }

  print_warnings (argv[1], warnings);
  model = sl_format_save_to_bytes (document);
  return write_output (output, model) ? EXIT_OK : EXIT_UNREADABLE;
}

static int
command_export_eventmodelers (int    argc,
                              char **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the export"), N_("FILE.json") },
    { NULL }
  };
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!parse_options ("export-eventmodelers", _("MODEL -o FILE.json"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 2 || output == NULL)
    {
      print_error (NULL, _("export-eventmodelers needs one MODEL and -o FILE.json"));
      return EXIT_UNREADABLE;
    }

  if (!(document = load (argv[1])))
    return EXIT_UNREADABLE;

  bytes = sl_eventmodelers_export (document, &warnings);
  print_warnings (argv[1], warnings);
  return write_output (output, bytes) ? EXIT_OK : EXIT_UNREADABLE;
}

/* export */

#define MAX_SCALE 10.0

static gboolean
parse_scale (const char *text,
             double     *scale)
{
  char *end = NULL;

  if (text == NULL)
    return TRUE;

  *scale = g_ascii_strtod (text, &end);
  if (end == text || *end != 0 || !isfinite (*scale) || *scale <= 0 || *scale > MAX_SCALE)
    {
      g_autofree char *message = g_strdup_printf (_("--scale takes a number above 0 and at most %g, not “%s”"),
                                                  MAX_SCALE, text);
      print_error (NULL, message);
      return FALSE;
    }
  return TRUE;
}

/* "X,Y,W,H" in board units */
static gboolean
parse_region (const char *text,
              SlRect     *region)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  double values[4];
  guint i;

  for (i = 0; parts[i] != NULL && i < 4; i++)
    {
      char *end = NULL;
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      values[i] = g_ascii_strtod (part, &end);
      if (end == part || *end != 0 || !isfinite (values[i]) || fabs (values[i]) > SL_COORD_MAX)
        break;
    }

  if (i != 4 || parts[4] != NULL || values[2] <= 0 || values[3] <= 0)
    {
      g_autofree char *message = g_strdup_printf (_("--region takes X,Y,WIDTH,HEIGHT in board units, "
                                                    "with a width and a height above 0, not “%s”"), text);
      print_error (NULL, message);
      return FALSE;
    }

  *region = (SlRect) { values[0], values[1], values[2], values[3] };
  return TRUE;
}

static const SlExportPaper *
find_paper (const char *name)
{
  const SlExportPaper *paper = sl_export_paper_lookup (name);

  if (paper == NULL)
    print_error (NULL, _("--paper takes a4, a3 or letter"));
  return paper;
}

/* Says why an export is refused, and which option gets past it. */
static void
print_refusal (const char     *path,
               SlPrintJob     *job,
               SlExportFormat  format,
               const GError   *error)
{
  g_autofree char *message = NULL;

  if (!g_error_matches (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_TOO_LARGE))
    message = g_strdup (error->message);
  else if (format == SL_EXPORT_FORMAT_PDF)
    /* Translators: %s is why the PDF is refused; the options are stormline-cli's, not to translate */
    message = g_strdup_printf (_("%s (--fit: one page; --scale: a smaller size; --region: a part)"), error->message);
  else
    {
      char scale[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (scale, sizeof scale, "%g", sl_export_get_max_scale (job, format));
      /* Translators: %s is why the image is refused, then the largest scale that fits, "0.25";
       * --scale and --region are stormline-cli's options, not to translate */
      message = g_strdup_printf (_("%s (--scale %s is the largest that fits, or leave --scale out; "
                                   "--region draws a part)"), error->message, scale);
    }
  print_error (path, message);
}

static int
command_export (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *scale_text = NULL;
  g_autofree char *region_text = NULL;
  g_autofree char *paper_name = NULL;
  gboolean portrait = FALSE, fit = FALSE, tiled = FALSE, legend = FALSE, problems = FALSE, scenarios = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write: the format follows the name, .pdf, .svg, .png, .md for the specification, or .mmd for a "
         "Mermaid diagram"), N_("FILE") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region_text,
      N_("Only this part of the board, in board units (default: the whole board)"),
      /* Translators: the placeholder of --region's value in --help: x, y, width, height */
      N_("X,Y,W,H") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("Points (SVG, PDF) or pixels (PNG) a board unit: for SVG and PNG, by default the largest up to 1 that "
         "fits (said on standard error when below 1); a PDF at a scale is tiled (0.5 when --tiled alone)"),
      /* Translators: the placeholder of --scale's value in --help: a scale */
      N_("S") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("PDF: a4 (the default), a3 or letter"), N_("SIZE") },
    { "portrait", 0, 0, G_OPTION_ARG_NONE, &portrait, N_("PDF: portrait pages (the default is landscape)"), NULL },
    { "fit", 0, 0, G_OPTION_ARG_NONE, &fit,
      N_("PDF: one page, however small its text (by default a board whose cards would print below 3 pt is tiled)"),
      NULL },
    { "tiled", 0, 0, G_OPTION_ARG_NONE, &tiled,
      N_("PDF: print over several pages, after a page map, at a legible scale unless --scale says"), NULL },
    { "legend", 0, 0, G_OPTION_ARG_NONE, &legend, N_("PDF: add a key of the note kinds and their colours"), NULL },
    { "problems", 0, 0, G_OPTION_ARG_NONE, &problems,
      N_("Mark what the check finds, as the board does"), NULL },
    { "scenarios", 0, 0, G_OPTION_ARG_NONE, &scenarios,
      N_("PDF: add the scenarios of every command and view as Given/When/Then tables"), NULL },
    { NULL }
  };
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlPrintJob) job = NULL;
  g_autofree char *basename = NULL;
  const SlExportPaper *paper = sl_export_paper_get_default ();
  SlExportFormat format;
  SlExportPages pages = SL_EXPORT_PAGES_AUTO;
  SlExportPlan plan;
  double scale = 0;
  double page_width, page_height;
  SlRect region;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  if (!parse_options ("export", _("MODEL -o FILE.pdf|FILE.svg|FILE.png|SPEC.md|FILE.mmd"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 2 || output == NULL)
    {
      print_error (NULL, _("export needs one MODEL and -o FILE.pdf, FILE.svg, FILE.png, SPEC.md or FILE.mmd"));
      return EXIT_UNREADABLE;
    }

  if (!sl_export_format_from_filename (output, &format))
    {
      print_error (output, _("unknown format: the name must end in .pdf, .svg, .png, .md or .mmd"));
      return EXIT_UNREADABLE;
    }

  if (format == SL_EXPORT_FORMAT_MARKDOWN && (region_text != NULL || scale_text != NULL || problems))
    {
      print_error (output, _("a specification (.md) is the whole model: --region, --scale and --problems are "
                             "for pictures"));
      return EXIT_UNREADABLE;
    }
  if (format == SL_EXPORT_FORMAT_MERMAID && (region_text != NULL || scale_text != NULL || problems))
    {
      print_error (output, _("a Mermaid diagram (.mmd) is the whole board: --region, --scale and --problems are "
                             "for pictures"));
      return EXIT_UNREADABLE;
    }

  if (format != SL_EXPORT_FORMAT_PDF && (paper_name != NULL || portrait || fit || tiled || legend || scenarios))
    {
      print_error (output, _("--paper, --portrait, --fit, --tiled, --legend and --scenarios are for PDF only"));
      return EXIT_UNREADABLE;
    }
  if (fit && (tiled || scale_text != NULL))
    {
      print_error (output, _("--fit puts the board on one page: it takes no --tiled or --scale"));
      return EXIT_UNREADABLE;
    }
  if (!parse_scale (scale_text, &scale) ||
      (region_text != NULL && !parse_region (region_text, &region)) ||
      (paper_name != NULL && !(paper = find_paper (paper_name))))
    return EXIT_UNREADABLE;

  if (!(document = load (argv[1])))
    return EXIT_UNREADABLE;

  basename = g_path_get_basename (argv[1]);
  layout = sl_layout_new (document);
  job = sl_print_job_new (layout);
  sl_print_job_set_file_name (job, basename);
  sl_print_job_set_problems (job, problems);
  if (region_text != NULL)
    sl_print_job_set_region (job, &region);
  if (format == SL_EXPORT_FORMAT_PDF)
    {
      if (scale_text != NULL)
        sl_print_job_set_scale (job, scale);
      sl_print_job_set_legend (job, legend);
      sl_print_job_set_scenarios (job, scenarios);
      pages = fit ? SL_EXPORT_PAGES_FIT : tiled || scale_text != NULL ? SL_EXPORT_PAGES_TILED : SL_EXPORT_PAGES_AUTO;
    }

  sl_export_paper_get_printable_size (paper, portrait, &page_width, &page_height);
  if (!sl_export_plan (job, format, page_width, page_height, pages, format == SL_EXPORT_FORMAT_PDF ? 0 : scale,
                       &plan, &error))
    {
      print_refusal (output, job, format, error);
      return EXIT_UNREADABLE;
    }

  /* A PDF is written as its pages are drawn, into a file that takes the
   * old one's place once it is whole. */
  file = g_file_new_for_commandline_arg (output);
  if (!sl_export_to_file (job, format, paper, portrait, plan.scale, file, &error))
    {
      print_error (output, error->message);
      return EXIT_UNREADABLE;
    }

  /* Written, but not as asked: a smaller image, or tiles. */
  notice = sl_export_plan_describe (&plan);
  if (notice != NULL && plan.tiled)
    {
      /* Translators: %s says why the PDF was tiled; --fit is stormline-cli's option, not to translate */
      g_autofree char *hint = g_strdup_printf (_("%s (--fit: one page)"), notice);

      print_error (output, hint);
    }
  else if (notice != NULL)
    print_error (output, notice);
  return EXIT_OK;
}

static void
add_string_or_null_member (JsonBuilder *builder,
                           const char  *key,
                           const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_problem (JsonBuilder *builder,
             SlProblem   *problem)
{
  SlNote *note = sl_problem_get_note (problem);
  SlAggregate *aggregate = sl_problem_get_aggregate (problem);
  const char *place = note ? sl_note_get_text (note) : aggregate ? sl_aggregate_get_name (aggregate) : NULL;

  json_builder_begin_object (builder);
  add_string_or_null_member (builder, "rule", sl_problem_get_rule (problem));
  add_string_or_null_member (builder, "severity", sl_severity_to_string (sl_problem_get_severity (problem)));
  add_string_or_null_member (builder, "note", note ? sl_element_get_id (SL_ELEMENT (note)) : NULL);
  add_string_or_null_member (builder, "note_text", place);
  add_string_or_null_member (builder, "field", sl_problem_get_field (problem));
  add_string_or_null_member (builder, "message", sl_problem_get_message (problem));
  json_builder_end_object (builder);
}

/* The result of check --json, on one line: the problems shown, and the
 * status of every step, which all @problems decide. */
static char *
check_to_json (const char *path,
               SlDocument *document,
               GPtrArray  *problems,
               GPtrArray  *shown)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_autofree char *valid_path = g_utf8_make_valid (path, -1);

  json_builder_begin_object (builder);
  /* JSON holds characters only: a name in another encoding gets U+FFFD. */
  add_string_or_null_member (builder, "file", valid_path);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < shown->len; i++)
    add_problem (builder, g_ptr_array_index (shown, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint n = 1; n <= SL_N_PROCESS_STEPS; n++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "step");
      json_builder_add_int_value (builder, n);
      add_string_or_null_member (builder, "name", sl_process_get_step (n)->name);
      add_string_or_null_member (builder, "status",
                                 sl_step_status_to_string (sl_check_get_step_status (document, problems, n)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return g_string_free (sl_json_output_generate (builder, FALSE), FALSE);
}

static int
command_check (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  int step = 0;
  g_autofree char *severity_name = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for machines"), NULL },
    { "step", 0, 0, G_OPTION_ARG_INT, &step, N_("Only the problems of step N (1 to 8)"), N_("N") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity_name,
      N_("Only problems of this severity or worse: info, warning, error"), N_("LEVEL") },
    { NULL }
  };
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  SlSeverity minimum = SL_SEVERITY_INFO;
  guint counts[3] = { 0 };

  if (!parse_options ("check", _("FILE"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 2)
    {
      print_error (NULL, _("check needs exactly one FILE"));
      return EXIT_UNREADABLE;
    }
  if (step < 0 || step > SL_N_PROCESS_STEPS)
    {
      print_error (NULL, _("--step takes a step from 1 to 8"));
      return EXIT_UNREADABLE;
    }
  if (severity_name != NULL && !sl_severity_from_string (severity_name, &minimum))
    {
      print_error (NULL, _("--severity takes info, warning or error"));
      return EXIT_UNREADABLE;
    }

  if (!(document = load (argv[1])))
    return EXIT_UNREADABLE;

  problems = sl_check_run (document);
  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      if ((step != 0 && sl_problem_get_step (problem) != (guint) step) || sl_problem_get_severity (problem) < minimum)
        continue;
      g_ptr_array_add (shown, problem);
      counts[sl_problem_get_severity (problem)]++;
    }

  if (json)
    {
      g_autofree char *out = check_to_json (argv[1], document, problems, shown);
      g_autofree char *escaped = sl_text_escape_controls_in_json (out);

      g_print ("%s\n", escaped);
    }
  else
    {
      for (guint i = 0; i < shown->len; i++)
        {
          SlProblem *problem = g_ptr_array_index (shown, i);
          g_autoptr(GString) line = g_string_new (NULL);
          g_autofree char *card_text = NULL;

          g_string_append_printf (line, "%s: ", argv[1]);
          if (sl_problem_get_note (problem))
            {
              /* As its card shows it: a note of megabytes in every line
               * of its problems would take the terminal minutes. */
              card_text = sl_renderer_get_shown_text (sl_note_get_text (sl_problem_get_note (problem)));
              /* Translators: where a problem is: the note, as note "Room Booked" */
              g_string_append_printf (line, _("note “%s”"), card_text);
            }
          else if (sl_problem_get_aggregate (problem))
            g_string_append_printf (line, _("aggregate “%s”"), sl_aggregate_get_name (sl_problem_get_aggregate (problem)));
          if (sl_problem_get_field (problem))
            g_string_append_printf (line, " [%s]", sl_problem_get_field (problem));
          g_string_append_printf (line, ": %s: %s", sl_problem_get_rule (problem), sl_problem_get_message (problem));
          if (sl_problem_get_fix (problem))
            g_string_append_printf (line, " (%s)", sl_problem_get_fix (problem));
          print_line (line->str);
        }

      {
        g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", counts[SL_SEVERITY_ERROR]),
                                                   counts[SL_SEVERITY_ERROR]);
        g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings",
                                                               counts[SL_SEVERITY_WARNING]),
                                                     counts[SL_SEVERITY_WARNING]);
        g_autofree char *hints = g_strdup_printf (ngettext ("%u hint", "%u hints", counts[SL_SEVERITY_INFO]),
                                                  counts[SL_SEVERITY_INFO]);

        g_autofree char *path = sl_text_escape_controls (argv[1]);

        /* Translators: the summary of stormline-cli check: the file, then
         * its counts of errors, warnings and hints */
        g_print (_("%s: %s, %s, %s\n"), path, errors, warnings, hints);
      }
    }

  return counts[SL_SEVERITY_ERROR] > 0 ? EXIT_FOUND : EXIT_OK;
}

/* The diff and git */

/* Reads a version for diff: git names an added or deleted file's missing
 * side /dev/null, which is the empty model. @bytes gets what the file
 * holds, when it could be read, even if it is not a model. */
static SlDocument *
read_version (const char  *path,
              GBytes     **bytes,
              GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (path, "/dev/null"))
    {
      *bytes = g_bytes_new (NULL, 0);
      return sl_document_new ();
    }

  file = g_file_new_for_commandline_arg (path);
  if (!(*bytes = sl_json_read_file (file, error)))
    return NULL;
  return sl_format_load_bytes (*bytes, error);
}

static void
print_diff_text (const char *text)
{
  /* sl_diff_to_text() has already made each line safe to print. */
  g_print ("%s", text);
}

/* git stops at a diff command or textconv that fails, so a version that
 * is not a model (a file with conflict markers in it, a broken commit)
 * gets git's own line diff, after the reader's message on stderr. */
static int
diff_lines_for_git (const char *old_path,
                    const char *new_path)
{
  const char *argv[] = { "git", "diff", "--no-index", "--no-ext-diff", "--no-textconv", "--no-color",
                         "--", old_path, new_path, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &wait_status, &error))
    {
      print_error (NULL, error->message);
      return EXIT_UNREADABLE;
    }
  /* git diff --no-index: 0 the same, 1 different, anything else an error */
  if (!g_spawn_check_wait_status (wait_status, &error) && !g_error_matches (error, G_SPAWN_EXIT_ERROR, 1))
    return EXIT_UNREADABLE;
  return EXIT_OK;
}

static int
command_diff (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  gboolean textconv = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for machines"), NULL },
    { "textconv", 0, 0, G_OPTION_ARG_NONE, &textconv,
      N_("List one model in model terms, for git’s textconv"), NULL },
    { NULL }
  };
  g_autoptr(SlDocument) old_document = NULL;
  g_autoptr(SlDocument) new_document = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) new_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDiff) diff = NULL;
  const char *old_path, *new_path;
  const char *git_path = NULL;

  if (!parse_options ("diff", _("OLD NEW"), entries, &argc, &argv))
    return EXIT_UNREADABLE;

  if (textconv)
    {
      g_autoptr(SlDocument) document = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *listing = NULL;

      if (argc != 2 || json)
        {
          print_error (NULL, _("diff --textconv needs exactly one FILE"));
          return EXIT_UNREADABLE;
        }
      if (!(document = read_version (argv[1], &bytes, &error)))
        {
          print_error (argv[1], error->message);
          if (bytes == NULL)
            return EXIT_UNREADABLE;
          /* Not a model: git diffs what it holds, line by line. */
          fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
          return EXIT_OK;
        }
      listing = sl_diff_describe_document (document);
      print_diff_text (listing);
      return EXIT_OK;
    }

  /* git's diff.<driver>.command: path old-file old-hex old-mode new-file
   * new-hex new-mode. */
  if (argc == 8)
    {
      git_path = argv[1];
      old_path = argv[2];
      new_path = argv[5];
    }
  else if (argc == 3)
    {
      old_path = argv[1];
      new_path = argv[2];
    }
  else
    {
      print_error (NULL, _("diff needs OLD and NEW, or the seven arguments git gives a diff command"));
      return EXIT_UNREADABLE;
    }

  if (!(old_document = read_version (old_path, &old_bytes, &error)) ||
      !(new_document = read_version (new_path, &new_bytes, &error)))
    {
      gboolean unreadable = old_bytes == NULL || (old_document != NULL && new_bytes == NULL);

      print_error (old_document == NULL ? old_path : new_path, error->message);
      if (git_path == NULL || unreadable)
        return EXIT_UNREADABLE;
      return diff_lines_for_git (old_path, new_path);
    }

  diff = sl_diff_new (old_document, new_document);
  if (json)
    {
      g_autofree char *out = sl_diff_to_json (diff);
      g_autofree char *escaped = sl_text_escape_controls_in_json (out);

      g_print ("%s\n", escaped);
    }
  else
    {
      g_autofree char *text = sl_diff_to_text (diff);

      if (git_path != NULL && !sl_diff_is_empty (diff))
        {
          g_autofree char *header = g_strdup_printf ("diff --stormline a/%s b/%s", git_path, git_path);

          print_line (header);
        }
      print_diff_text (text);
    }

  /* git stops at a diff command that exits with anything but 0. */
  if (git_path != NULL)
    return EXIT_OK;
  return sl_diff_is_empty (diff) ? EXIT_OK : EXIT_FOUND;
}

/* Runs git with @args in the current folder; returns its standard output
 * without the last newline, or NULL with its message in @error. */
static char *
run_git (const char * const  *args,
         GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) "git");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &wait_status, error))
    return NULL;
  if (!g_spawn_check_wait_status (wait_status, NULL))
    {
      g_strchomp (err);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, err);
      return NULL;
    }

  g_strchomp (out);
  return g_steal_pointer (&out);
}

/* How git is to call this program: by its name where the PATH finds this
 * very program, else by its full path. */
static char *
get_program_for_git (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *in_path = g_find_program_in_path ("stormline-cli");
  g_autofree char *resolved = NULL;

  if (in_path != NULL)
    resolved = realpath (in_path, NULL);
  if (self == NULL || (resolved != NULL && g_str_equal (resolved, self)))
    return g_strdup ("stormline-cli");
  /* git runs the command through the shell: quoted only where it must be */
  if (self[strspn (self, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._+-")] == '\0')
    return g_steal_pointer (&self);
  return g_shell_quote (self);
}

static const char *gitattributes_line = "*.stormline diff=stormline merge=stormline";

static gboolean
ensure_gitattributes (const char  *top,
                      gboolean    *added,
                      GError     **error)
{
  g_autofree char *path = g_build_filename (top, ".gitattributes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  *added = FALSE;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      contents = g_strdup ("");
      length = 0;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), gitattributes_line))
      return TRUE;

  text = g_string_new_len (contents, length);
  if (text->len > 0 && text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  g_string_append_printf (text, "%s\n", gitattributes_line);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  if (!sl_file_write_atomically (file, bytes, NULL, error))
    return FALSE;

  *added = TRUE;
  return TRUE;
}

static int
command_git_setup (int    argc,
                   char **argv)
{
  GOptionEntry entries[] = {
    { NULL }
  };
  const char *top_args[] = { "rev-parse", "--show-toplevel", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *top = NULL;
  g_autofree char *program = NULL;
  g_autofree char *textconv = NULL;
  g_autofree char *command = NULL;
  g_autofree char *merge = NULL;
  gboolean added = FALSE;

  if (!parse_options ("git-setup", NULL, entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 1)
    {
      print_error (NULL, _("git-setup takes no FILE: it sets up the git repository of the current folder"));
      return EXIT_UNREADABLE;
    }

  if (!(top = run_git (top_args, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("not in a git repository (%s)"), error->message);

      print_error (NULL, message);
      return EXIT_UNREADABLE;
    }

  program = get_program_for_git ();
  textconv = g_strdup_printf ("%s diff --textconv", program);
  command = g_strdup_printf ("%s diff", program);
  merge = g_strdup_printf ("%s merge %%O %%A %%B -o %%A --name %%P", program);
  {
    const char *settings[][2] = {
      { "diff.stormline.textconv", textconv },
      { "diff.stormline.command", command },
      { "merge.stormline.name", "Stormline model merge" },
      { "merge.stormline.driver", merge },
    };

    for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
      {
        const char *config_args[] = { "config", "--local", settings[i][0], settings[i][1], NULL };
        g_autofree char *out = NULL;
        g_autofree char *quoted = g_shell_quote (settings[i][1]);
        g_autofree char *line = NULL;

        if (!(out = run_git (config_args, &error)))
          {
            print_error (NULL, error->message);
            return EXIT_UNREADABLE;
          }
        /* What was done, as a command to run by hand elsewhere */
        line = g_strdup_printf ("git config %s %s", settings[i][0], quoted);
        print_line (line);
      }
  }

  if (!ensure_gitattributes (top, &added, &error))
    {
      g_autofree char *path = g_build_filename (top, ".gitattributes", NULL);

      print_error (path, error->message);
      return EXIT_UNREADABLE;
    }
  {
    g_autofree char *path = g_build_filename (top, ".gitattributes", NULL);
    g_autofree char *line = NULL;

    if (added)
      /* Translators: git-setup's last line: the file, the line it added */
      line = g_strdup_printf (_("%s: added “%s”"), path, gitattributes_line);
    else
      /* Translators: git-setup's last line: the file, the line it already had */
      line = g_strdup_printf (_("%s: has “%s”"), path, gitattributes_line);
    print_line (line);
  }

  return EXIT_OK;
}

/* Reads one of a merge's three versions, naming its file (and, in git's
 * merge driver, the model's path and which version) when it cannot; an
 * empty file is an empty model where @empty_is_model. */
static SlDocument *
load_merge_version (const char *path,
                    const char *name,
                    const char *which,
                    gboolean    empty_is_model)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SlDocument *document = NULL;

  if ((bytes = sl_json_read_file (file, &error)) != NULL && g_bytes_get_size (bytes) == 0 && empty_is_model)
    /* git's base of a model both branches added: an empty file */
    return sl_document_new ();

  if (bytes == NULL || !(document = sl_format_load_bytes (bytes, &error)))
    {
      /* Translators: a file of a merge, then which version it is: base, ours or theirs */
      g_autofree char *where = g_strdup_printf (_("%s (%s)"), name != NULL ? name : path, which);

      print_error (where, error->message);
    }
  return document;
}

static int
command_merge (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the merged model; it may be OURS, which git's merge driver asks for"),
      N_("MODEL.stormline") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name,
      N_("The model’s path in messages, as git gives it, instead of the files’ names"), N_("PATH") },
    { NULL }
  };
  g_autoptr(SlDocument) base = NULL;
  g_autoptr(SlDocument) ours = NULL;
  g_autoptr(SlDocument) theirs = NULL;
  g_autoptr(SlDocument) merged = NULL;
  g_autoptr(SlDocument) reread = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options ("merge", _("BASE OURS THEIRS -o MODEL.stormline"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 4 || output == NULL)
    {
      print_error (NULL, _("merge needs BASE, OURS and THEIRS, and -o MODEL.stormline"));
      return EXIT_UNREADABLE;
    }

  if (!(base = load_merge_version (argv[1], name, C_("merge", "base"), TRUE)) ||
      !(ours = load_merge_version (argv[2], name, C_("merge", "ours"), FALSE)) ||
      !(theirs = load_merge_version (argv[3], name, C_("merge", "theirs"), FALSE)))
    return EXIT_UNREADABLE;

  merged = sl_merge_documents (base, ours, theirs, &conflicts);
  bytes = sl_format_save_to_bytes (merged);
  /* Nothing is written that does not read back. */
  if (!(reread = sl_format_load_bytes (bytes, &error)))
    {
      print_error (name != NULL ? name : output, error->message);
      return EXIT_UNREADABLE;
    }
  if (!write_output (output, bytes))
    return EXIT_UNREADABLE;

  for (guint i = 0; i < conflicts->len; i++)
    {
      /* Translators: a conflict of a merge, in words */
      g_autofree char *message = g_strdup_printf (_("conflict: %s"), (char *) g_ptr_array_index (conflicts, i));

      print_error (name != NULL ? name : output, message);
    }
  if (conflicts->len > 0)
    {
      g_autofree char *summary = g_strdup_printf (ngettext ("%u conflict, marked by a hotspot on the board",
                                                            "%u conflicts, each marked by a hotspot on the board",
                                                            conflicts->len),
                                                  conflicts->len);

      print_error (name != NULL ? name : output, summary);
      return EXIT_FOUND;
    }

  return EXIT_OK;
}

/* generate */

/* A message of several lines: the first as print_error() prints it, the
 * others as they are, each escaped. */
static void
print_error_lines (const char *file,
                   const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  print_error (file, lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = sl_text_escape_controls (lines[i]);

      g_printerr ("%s\n", escaped);
    }
}

static int
command_generate (int    argc,
                  char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *language_name = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &language_name,
      N_("The language of the code: typescript, csharp or kotlin"), N_("LANGUAGE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The folder to generate into (created if missing)"),
      N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Generate even when the model’s check has errors"), NULL },
    { NULL }
  };
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(SlCodegenReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *files = NULL;
  g_autofree char *line = NULL;
  SlCodegenLanguage language;

  if (!parse_options ("generate", _("MODEL --lang LANGUAGE -o DIR"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 2 || output == NULL || language_name == NULL)
    {
      print_error (NULL, _("generate needs one MODEL, --lang typescript|csharp|kotlin and -o DIR"));
      return EXIT_UNREADABLE;
    }
  if (!sl_codegen_language_from_string (language_name, &language))
    {
      g_autofree char *message = g_strdup_printf (_("unknown language “%s”; --lang takes typescript, csharp or kotlin"),
                                                  language_name);
      print_error (NULL, message);
      return EXIT_UNREADABLE;
    }

  if (!(document = load (argv[1])))
    return EXIT_UNREADABLE;

  model_name = g_path_get_basename (argv[1]);
  directory = g_file_new_for_commandline_arg (output);
  report = sl_codegen_run (document, language, model_name, directory,
                           force ? SL_CODEGEN_FORCE : SL_CODEGEN_FLAGS_NONE, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_CHECK_FAILED))
        {
          g_autofree char *message = g_strdup_printf ("%s\n%s", error->message,
                                                      _("Nothing was generated; use --force to generate anyway."));
          print_error_lines (argv[1], message);
          return EXIT_FOUND;
        }
      print_error (output, error->message);
      return EXIT_UNREADABLE;
    }

  if (sl_codegen_report_get_n_problems (report) > 0)
    {
      g_autofree char *message = g_strdup_printf (ngettext (
                                                               "warning: generated past %u error of the check",
                                                               "warning: generated past %u errors of the check",
                                                               sl_codegen_report_get_n_problems (report)),
                                                  sl_codegen_report_get_n_problems (report));
      print_error (argv[1], message);
    }

  /* Translators: the first part of "Wrote 14 of 31 files to DIR (kept 3 hand-written bodies)" */
  files = g_strdup_printf (ngettext ("Wrote %u of %u file to %s", "Wrote %u of %u files to %s",
                                        sl_codegen_report_get_n_files (report)),
                           sl_codegen_report_get_n_written (report), sl_codegen_report_get_n_files (report), output);
  if (sl_codegen_report_get_n_kept (report) > 0)
    /* Translators: the second part of "Wrote 14 of 31 files to DIR (kept 3 hand-written bodies)" */
    line = g_strdup_printf (ngettext ("%s (kept %u hand-written body)",
                                         "%s (kept %u hand-written bodies)", sl_codegen_report_get_n_kept (report)),
                            files, sl_codegen_report_get_n_kept (report));
  print_line (line != NULL ? line : files);

  /* A file no longer generated that still holds something written by
   * hand stays: say which, so it can be moved over and deleted. */
  for (guint i = 0; i < sl_codegen_report_get_n_stale_kept (report); i++)
    {
      g_autofree char *path = g_build_filename (output, sl_codegen_report_get_stale_kept (report, i), NULL);

      print_error (path, _("warning: no longer generated, kept: it holds a hand-written body no generated file has a place for"));
    }

  return EXIT_OK;
}

/* impact */

/* How a note is named on the command line: its id, or its text. */
static char *
describe_note (SlNote *note)
{
  g_autofree char *text = sl_renderer_get_shown_text (sl_note_get_text (note));

  /* Translators: a note in a list of candidates: its id, its kind, its text */
  return g_strdup_printf (_("%s (%s “%s”)"), sl_element_get_id (SL_ELEMENT (note)),
                          sl_note_kind_get_label (sl_note_get_kind (note)), text);
}

static void
print_candidates (GPtrArray *candidates)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autofree char *line = describe_note (g_ptr_array_index (candidates, i));
      g_autofree char *escaped = sl_text_escape_controls (line);

      g_printerr ("  %s\n", escaped);
    }
}

/* The note named @name (an id, else the exact text, else the text in any
 * case), or NULL after saying on stderr which notes it could be. */
static SlNote *
find_note (SlDocument *document,
           const char *path,
           const char *name)
{
  GListModel *notes = sl_document_get_notes (document);
  g_autoptr(GPtrArray) exact = g_ptr_array_new ();
  g_autoptr(GPtrArray) folded = g_ptr_array_new ();
  g_autoptr(GPtrArray) near = g_ptr_array_new ();
  g_autofree char *wanted = g_utf8_casefold (name, -1);
  g_autofree char *message = NULL;
  SlNote *note = sl_document_lookup_note (document, name);

  if (note != NULL)
    return note;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *candidate = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      g_autofree char *text = g_utf8_casefold (sl_note_get_text (candidate), -1);

      if (g_str_equal (sl_note_get_text (candidate), name))
        g_ptr_array_add (exact, candidate);
      else if (g_str_equal (text, wanted))
        g_ptr_array_add (folded, candidate);
      else if (*wanted != '\0' && strstr (text, wanted) != NULL)
        g_ptr_array_add (near, candidate);
    }

  if (exact->len == 1)
    return g_ptr_array_index (exact, 0);
  if (exact->len == 0 && folded->len == 1)
    return g_ptr_array_index (folded, 0);

  if (exact->len > 1 || folded->len > 1)
    {
      message = g_strdup_printf (_("“%s” names more than one note; name one by its id:"), name);
      print_error (path, message);
      print_candidates (exact->len > 1 ? exact : folded);
    }
  else if (near->len > 0)
    {
      message = g_strdup_printf (_("no note “%s”; did you mean one of these?"), name);
      print_error (path, message);
      print_candidates (near);
    }
  else
    {
      message = g_strdup_printf (_("no note “%s”"), name);
      print_error (path, message);
    }
  return NULL;
}

static gboolean
find_field (SlNote     *note,
            const char *path,
            const char *name,
            guint      *index)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *message = NULL;

  for (guint i = 0; i < sl_note_get_n_fields (note); i++)
    {
      const char *field = sl_field_get_name (sl_note_get_field (note, i));

      if (g_str_equal (field, name))
        {
          *index = i;
          return TRUE;
        }
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", field);
    }

  if (names->len > 0)
    /* Translators: a field not found; then the note, and the names of its fields */
    message = g_strdup_printf (_("“%s” has no field “%s”; its fields: %s"), sl_note_get_text (note), name,
                               names->str);
  else
    message = g_strdup_printf (_("“%s” has no fields"), sl_note_get_text (note));
  print_error (path, message);
  return FALSE;
}

static void
add_json_string (JsonBuilder *builder,
                 const char  *key,
                 const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static int
command_impact (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  gboolean remove = FALSE;
  g_autofree char *rename = NULL;
  GOptionEntry entries[] = {
    { "rename", 0, 0, G_OPTION_ARG_STRING, &rename, N_("The impact of renaming the field to NEW"), N_("NEW") },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("The impact of removing it (the default)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object for machines"), NULL },
    { NULL }
  };
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlImpact) impact = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *source_name = NULL;
  const char *arrow, *dot;
  const char *action;
  SlNote *note = NULL;
  SlConnection *connection = NULL;
  g_autofree char *field_name = NULL;
  guint index = 0;

  if (!parse_options ("impact", _("MODEL NOTE[.FIELD] | MODEL “SOURCE->TARGET”"), entries, &argc, &argv))
    return EXIT_UNREADABLE;
  if (argc != 3)
    {
      print_error (NULL, _("impact needs a MODEL and what would change in it: NOTE, NOTE.FIELD or SOURCE->TARGET"));
      return EXIT_UNREADABLE;
    }
  if (rename != NULL && remove)
    {
      print_error (NULL, _("--rename and --remove cannot go together"));
      return EXIT_UNREADABLE;
    }
  if (rename != NULL && *g_strstrip (rename) == '\0')
    {
      print_error (NULL, _("--rename needs a name"));
      return EXIT_UNREADABLE;
    }

  if (!(document = load (argv[1])))
    return EXIT_UNREADABLE;

  /* A note by its whole name first: a note's text may hold a dot. */
  arrow = strstr (argv[2], "->");
  if (arrow == NULL && (note = sl_document_lookup_note (document, argv[2])) == NULL)
    {
      dot = strrchr (argv[2], '.');
      if (dot != NULL && rename != NULL)
        {
          source_name = g_strndup (argv[2], dot - argv[2]);
          field_name = g_strdup (dot + 1);
        }
      else if (dot != NULL)
        {
          g_autoptr(GPtrArray) texts = g_ptr_array_new ();
          GListModel *notes = sl_document_get_notes (document);

          /* NOTE.FIELD unless a note is named so whole. */
          for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
            if (g_str_equal (sl_note_get_text (sl_element_list_peek (SL_ELEMENT_LIST (notes), i)), argv[2]))
              g_ptr_array_add (texts, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
          if (texts->len == 0)
            {
              source_name = g_strndup (argv[2], dot - argv[2]);
              field_name = g_strdup (dot + 1);
            }
        }
    }

  if (arrow != NULL)
    {
      g_autofree char *target_name = g_strstrip (g_strdup (arrow + 2));
      SlNote *source, *target;

      source_name = g_strstrip (g_strndup (argv[2], arrow - argv[2]));
      if (rename != NULL)
        {
          print_error (NULL, _("a connection cannot be renamed, only removed"));
          return EXIT_UNREADABLE;
        }
      if (!(source = find_note (document, argv[1], source_name)) ||
          !(target = find_note (document, argv[1], target_name)))
        return EXIT_FOUND;
      connection = sl_document_find_connection (document, source, target);
      if (connection == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("no connection from “%s” to “%s”"),
                                                      sl_note_get_text (source), sl_note_get_text (target));

          print_error (argv[1], message);
          return EXIT_FOUND;
        }
      impact = sl_impact_remove_connection (document, connection);
      /* Translators: the heading of stormline-cli impact: the two notes */
      heading = g_strdup_printf (_("Removing the connection from “%s” to “%s”:"), sl_note_get_text (source),
                                 sl_note_get_text (target));
      action = "remove-connection";
    }
  else if (field_name != NULL)
    {
      if (!(note = find_note (document, argv[1], source_name)) ||
          !find_field (note, argv[1], field_name, &index))
        return EXIT_FOUND;
      if (rename != NULL)
        {
          guint other;

          /* As the inspector: no two fields of a note share a name,
           * since example values are told by name. */
          if (sl_note_find_field (note, rename, &other) != NULL && other != index)
            {
              g_autofree char *message = g_strdup_printf (_("“%s” already has a field named “%s”"),
                                                          sl_note_get_text (note), rename);

              print_error (argv[1], message);
              return EXIT_UNREADABLE;
            }
          impact = sl_impact_rename_field (document, note, index, rename);
          /* Translators: the heading of stormline-cli impact: the field, its note, the new name */
          heading = g_strdup_printf (_("Renaming “%s” of “%s” to “%s”:"), field_name, sl_note_get_text (note), rename);
          action = "rename-field";
        }
      else
        {
          impact = sl_impact_remove_field (document, note, index);
          heading = g_strdup_printf (_("Removing “%s” of “%s”:"), field_name, sl_note_get_text (note));
          action = "remove-field";
        }
    }
  else
    {
      if (note == NULL && !(note = find_note (document, argv[1], argv[2])))
        return EXIT_FOUND;
      if (rename != NULL)
        {
          print_error (NULL, _("--rename renames a field: name it as NOTE.FIELD"));
          return EXIT_UNREADABLE;
        }
      impact = sl_impact_remove_notes (document, &note, 1);
      heading = g_strdup_printf (_("Removing the note “%s”:"), sl_note_get_text (note));
      action = "remove-note";
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *lists = sl_impact_to_json (impact);
      g_autoptr(GString) out = NULL;
      g_autofree char *escaped = NULL;

      json_builder_begin_object (builder);
      add_json_string (builder, "model", argv[1]);
      json_builder_set_member_name (builder, "change");
      json_builder_begin_object (builder);
      add_json_string (builder, "action", action);
      if (connection != NULL)
        {
          add_json_string (builder, "connection", sl_element_get_id (SL_ELEMENT (connection)));
          add_json_string (builder, "source", sl_element_get_id (SL_ELEMENT (sl_connection_get_source (connection))));
          add_json_string (builder, "target", sl_element_get_id (SL_ELEMENT (sl_connection_get_target (connection))));
        }
      else
        add_json_string (builder, "note", sl_element_get_id (SL_ELEMENT (note)));
      if (field_name != NULL)
        add_json_string (builder, "field", field_name);
      if (rename != NULL)
        add_json_string (builder, "name", rename);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "impact");
      json_builder_add_value (builder, json_from_string (lists, NULL));
      json_builder_end_object (builder);

      out = sl_json_output_generate (builder, FALSE);
      escaped = sl_text_escape_controls_in_json (out->str);
      g_print ("%s\n", escaped);
    }
  else
    {
      g_autofree char *text = sl_impact_to_text (impact);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      print_line (heading);
      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i + 1] != NULL || *lines[i] != '\0')
          print_line (lines[i]);
    }

  return EXIT_OK;
}

static const Command commands[] = {
  { "check", N_("[--json] FILE"), N_("Check a model against every rule and the completeness check"), command_check },
  { "stats", N_("FILE"), N_("Count the notes of each kind, fields, connections, scenarios and lanes"),
    command_stats },
  { "fmt", N_("[--check] FILE…"), N_("Rewrite model files in canonical form"), command_fmt },
  { "import", N_("FILE.json -o MODEL"), N_("Import an eventmodelers export as a model"), command_import },
  { "export", N_("MODEL -o FILE"),
    N_("Draw the board as PDF (to print), SVG or PNG, or write its specification (.md) or Mermaid diagram (.mmd)"),
    command_export },
  { "export-eventmodelers", N_("MODEL -o FILE.json"), N_("Export a model in the eventmodelers format"),
    command_export_eventmodelers },
  { "diff", N_("[--json] OLD NEW"), N_("Say what changed between two versions of a model, in model terms"),
    command_diff },
  { "merge", N_("BASE OURS THEIRS -o OUT"), N_("Merge two versions of a model by element id; conflicts become hotspots"),
    command_merge },
  { "generate", N_("MODEL --lang LANGUAGE -o DIR"),
    N_("Generate types, decide/evolve skeletons, tests and JSON Schemas in TypeScript, C# or Kotlin"),
    command_generate },
  { "impact", N_("MODEL NOTE[.FIELD]"), N_("Say what renaming or removing a field, a note or a connection would break"),
    command_impact },
  { "git-setup", "", N_("Set up the git repository here to diff and merge models"), command_git_setup },
};

/* A command's arguments in the user's language; git-setup has none, and
 * gettext would give the catalogue's header for "". */
static const char *
get_command_args (const Command *command)
{
  return command->args[0] != '\0' ? _(command->args) : "";
}

/* Pads by characters, not bytes: "…" and translations are wider in bytes. */
static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  g_string_append (out, text);
  for (int i = g_utf8_strlen (text, -1); i < width; i++)
    g_string_append_c (out, ' ');
}

static char *
get_usage (void)
{
  GString *out = g_string_new (NULL);
  int args_width = 0;

  /* The column of the arguments is as wide as the widest in the user's
   * language: translated placeholders are often longer than the English. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    args_width = MAX (args_width, (int) g_utf8_strlen (get_command_args (&commands[i]), -1) + 2);

  g_string_append_printf (out, "%s\n  stormline-cli %s\n\n%s\n", _("Usage:"),
                          _("COMMAND [OPTION…] FILE…"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append (out, "  ");
      append_padded (out, commands[i].name, 21);
      append_padded (out, get_command_args (&commands[i]), args_width);
      g_string_append_printf (out, "%s\n", _(commands[i].summary));
    }
  g_string_append_printf (out, "\n%s\n", _("“stormline-cli COMMAND --help” tells more about a command."));

  return g_string_free (out, FALSE);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
#ifdef SL_UNINSTALLED_LOCALEDIR
  /* The copy that the tests build reads the catalogues of the build tree,
   * which an installed program never does. */
  bindtextdomain (GETTEXT_PACKAGE, SL_UNINSTALLED_LOCALEDIR);
#else
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
#endif
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      g_autofree char *usage = get_usage ();

      /* A command line without a command is an error: the usage goes to stderr. */
      g_printerr ("%s", usage);
      return EXIT_UNREADABLE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      g_autofree char *usage = get_usage ();

      g_print ("%s", usage);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("stormline-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”; “stormline-cli --help” lists the commands"),
                                                argv[1]);
    print_error (NULL, message);
  }
  return EXIT_UNREADABLE;
}
