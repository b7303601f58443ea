/* stormline-cli.c: Stormline on the command line, with no display
 *
 * Exit status: 0 on success, 1 when a check finds something (fmt --check),
 * 2 when a file cannot be read or the command line is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-cli"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

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

static void
print_error (const char *file,
             const char *message)
{
  if (file != NULL)
    g_printerr ("stormline-cli: %s: %s\n", file, message);
  else
    g_printerr ("stormline-cli: %s\n", message);
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

  g_print ("%s: %s\n", argv[1],
           *sl_document_get_title (document) ? sl_document_get_title (document) : _("Untitled"));
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
          g_print ("%s\n", argv[i]);
          status = MAX (status, EXIT_FOUND);
        }
      else if (!sl_format_write_file (file, canonical, &error))
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

  if (!sl_format_write_file (file, bytes, &error))
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

static const Command commands[] = {
  { "stats", N_("FILE"), N_("Count the notes of each kind, fields, connections, scenarios and lanes"),
    command_stats },
  { "fmt", N_("[--check] FILE…"), N_("Rewrite model files in canonical form"), command_fmt },
  { "import", N_("FILE.json -o MODEL"), N_("Import an eventmodelers export as a model"), command_import },
  { "export-eventmodelers", N_("MODEL -o FILE.json"), N_("Export a model in the eventmodelers format"),
    command_export_eventmodelers },
};

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

  g_string_append_printf (out, "%s\n  stormline-cli %s\n\n%s\n", _("Usage:"),
                          _("COMMAND [OPTION…] FILE…"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append (out, "  ");
      append_padded (out, commands[i].name, 21);
      append_padded (out, _(commands[i].args), 20);
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
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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
