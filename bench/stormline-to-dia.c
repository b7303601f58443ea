/* stormline-to-dia.c: a board as a Dia diagram, to time Dia's export of it
 *
 * Usage: stormline-to-dia MODEL.stormline BOARD.dia [SCALING]
 *
 * Writes an uncompressed Dia 0.97 diagram of the board as Stormline lays
 * it out: a "Flowchart - Box" a note, at the note's place and of its size,
 * in its kind's colour, with the text the card shows (the kind, the
 * note's text, a line a field); a "Standard - Line" a connection, from the
 * right edge of its source to the left edge of its target. Dia then draws
 * as many shapes and as much text as Stormline does. Board units are
 * pixels at 96 dpi, so a unit is 2.54 / 96 cm.
 *
 * Without SCALING the diagram is fit on one A4 landscape page, as
 * Stormline's default PDF is; with it, Dia prints the diagram at that
 * scaling over as many pages as it takes, as `--tiled` does (Stormline's
 * --scale S in points a unit is Dia's scaling S / 0.75).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <stdio.h>

#include "sl-layout.h"
#include "sl-renderer.h"
#include "sl-format.h"
#include "sl-text-escape.h"

#define CM_A_UNIT (2.54 / 96)

typedef struct
{
  FILE *out;
  SlRenderer *renderer;
  guint n_objects;
} Writer;

static void
write_string (FILE       *out,
              const char *name,
              const char *text)
{
  g_autofree char *escaped = sl_text_escape_for_xml (text);

  fprintf (out, "<dia:attribute name=\"%s\"><dia:string>#%s#</dia:string></dia:attribute>", name, escaped);
}

static gboolean
write_note_cb (SlNote       *note,
               const SlRect *rect,
               gpointer      user_data)
{
  Writer *writer = user_data;
  FILE *out = writer->out;
  SlNoteKind kind = sl_note_get_kind (note);
  g_autoptr(GString) text = g_string_new (sl_note_kind_get_label (kind));
  g_autofree char *shown = sl_renderer_get_shown_text (sl_note_get_text (note));
  double x = rect->x * CM_A_UNIT, y = rect->y * CM_A_UNIT;
  double width = rect->width * CM_A_UNIT, height = rect->height * CM_A_UNIT;
  double rgb[3];

  g_string_append_printf (text, "\n%s", shown);
  for (guint i = 0; i < sl_note_get_n_fields (note); i++)
    {
      SlField *field = sl_note_get_field (note, i);

      g_string_append_printf (text, "\n%s: %s%s", sl_field_get_name (field),
                              sl_field_type_to_string (sl_field_get_value_type (field)),
                              sl_field_has_flag (field, SL_FIELD_LIST) ? "[]" : "");
    }

  sl_renderer_get_kind_color (writer->renderer, kind, rgb);
  writer->n_objects++;
  fprintf (out, "<dia:object type=\"Flowchart - Box\" version=\"0\" id=\"O%u\">\n", writer->n_objects);
  fprintf (out, "<dia:attribute name=\"obj_pos\"><dia:point val=\"%.3f,%.3f\"/></dia:attribute>"
                "<dia:attribute name=\"obj_bb\"><dia:rectangle val=\"%.3f,%.3f;%.3f,%.3f\"/></dia:attribute>"
                "<dia:attribute name=\"elem_corner\"><dia:point val=\"%.3f,%.3f\"/></dia:attribute>"
                "<dia:attribute name=\"elem_width\"><dia:real val=\"%.3f\"/></dia:attribute>"
                "<dia:attribute name=\"elem_height\"><dia:real val=\"%.3f\"/></dia:attribute>"
                "<dia:attribute name=\"inner_color\"><dia:color val=\"#%02x%02x%02x\"/></dia:attribute>"
                "<dia:attribute name=\"show_background\"><dia:boolean val=\"true\"/></dia:attribute>"
                "<dia:attribute name=\"corner_radius\"><dia:real val=\"0.15\"/></dia:attribute>"
                "<dia:attribute name=\"padding\"><dia:real val=\"0.2\"/></dia:attribute>\n",
           x, y, x - 0.05, y - 0.05, x + width + 0.05, y + height + 0.05, x, y, width, height,
           (int) (rgb[0] * 255), (int) (rgb[1] * 255), (int) (rgb[2] * 255));
  fprintf (out, "<dia:attribute name=\"text\"><dia:composite type=\"text\">");
  write_string (out, "string", text->str);
  fprintf (out, "<dia:attribute name=\"font\"><dia:font family=\"sans\" style=\"0\" name=\"Helvetica\"/></dia:attribute>"
                "<dia:attribute name=\"height\"><dia:real val=\"0.25\"/></dia:attribute>"
                "<dia:attribute name=\"pos\"><dia:point val=\"%.3f,%.3f\"/></dia:attribute>"
                "<dia:attribute name=\"color\"><dia:color val=\"#000000\"/></dia:attribute>"
                "<dia:attribute name=\"alignment\"><dia:enum val=\"0\"/></dia:attribute>"
                "</dia:composite></dia:attribute>\n</dia:object>\n",
           x + 0.2, y + 0.5);
  return TRUE;
}

static void
write_connection (Writer       *writer,
                  SlLayout     *layout,
                  SlConnection *connection)
{
  SlRect from, to;
  double x0, y0, x1, y1;

  sl_layout_get_note_rect (layout, sl_connection_get_source (connection), &from);
  sl_layout_get_note_rect (layout, sl_connection_get_target (connection), &to);
  x0 = (from.x + from.width) * CM_A_UNIT, y0 = (from.y + from.height / 2) * CM_A_UNIT;
  x1 = to.x * CM_A_UNIT, y1 = (to.y + to.height / 2) * CM_A_UNIT;
  fprintf (writer->out, "<dia:object type=\"Standard - Line\" version=\"0\" id=\"O%u\">"
                        "<dia:attribute name=\"obj_pos\"><dia:point val=\"%.3f,%.3f\"/></dia:attribute>"
                        "<dia:attribute name=\"obj_bb\"><dia:rectangle val=\"%.3f,%.3f;%.3f,%.3f\"/></dia:attribute>"
                        "<dia:attribute name=\"conn_endpoints\"><dia:point val=\"%.3f,%.3f\"/>"
                        "<dia:point val=\"%.3f,%.3f\"/></dia:attribute>"
                        "<dia:attribute name=\"line_color\"><dia:color val=\"#555555\"/></dia:attribute>"
                        "<dia:attribute name=\"end_arrow\"><dia:enum val=\"22\"/></dia:attribute>"
                        "<dia:attribute name=\"end_arrow_length\"><dia:real val=\"0.3\"/></dia:attribute>"
                        "<dia:attribute name=\"end_arrow_width\"><dia:real val=\"0.3\"/></dia:attribute>"
                        "</dia:object>\n",
           ++writer->n_objects, x0, y0, MIN (x0, x1) - 0.2, MIN (y0, y1) - 0.2, MAX (x0, x1) + 0.2,
           MAX (y0, y1) + 0.2, x0, y0, x1, y1);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlRenderer) renderer = NULL;
  GListModel *connections;
  double scaling = argc > 3 ? g_ascii_strtod (argv[3], NULL) : 0;
  Writer writer = { NULL };

  setlocale (LC_ALL, "C");
  if (argc < 3 || argc > 4 || (argc == 4 && scaling <= 0))
    {
      fprintf (stderr, "Usage: %s MODEL.stormline BOARD.dia [SCALING]\n", argv[0]);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  document = sl_format_load_file (file, &error);
  if (document == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  layout = sl_layout_new (document);
  renderer = sl_renderer_new (layout);

  writer.out = fopen (argv[2], "w");
  if (writer.out == NULL)
    {
      perror (argv[2]);
      return 1;
    }
  writer.renderer = renderer;

  /* A4 landscape, 1 cm margins; fit to one page unless a scaling is given. */
  fprintf (writer.out,
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<dia:diagram xmlns:dia=\"http://www.lysator.liu.se/~alla/dia/\">\n"
           "<dia:diagramdata><dia:attribute name=\"paper\"><dia:composite type=\"paper\">"
           "<dia:attribute name=\"name\"><dia:string>#A4#</dia:string></dia:attribute>"
           "<dia:attribute name=\"tmargin\"><dia:real val=\"1\"/></dia:attribute>"
           "<dia:attribute name=\"bmargin\"><dia:real val=\"1\"/></dia:attribute>"
           "<dia:attribute name=\"lmargin\"><dia:real val=\"1\"/></dia:attribute>"
           "<dia:attribute name=\"rmargin\"><dia:real val=\"1\"/></dia:attribute>"
           "<dia:attribute name=\"is_portrait\"><dia:boolean val=\"false\"/></dia:attribute>"
           "<dia:attribute name=\"scaling\"><dia:real val=\"%.4f\"/></dia:attribute>"
           "<dia:attribute name=\"fitto\"><dia:boolean val=\"%s\"/></dia:attribute>"
           "<dia:attribute name=\"fitwidth\"><dia:int val=\"1\"/></dia:attribute>"
           "<dia:attribute name=\"fitheight\"><dia:int val=\"1\"/></dia:attribute>"
           "</dia:composite></dia:attribute></dia:diagramdata>\n"
           "<dia:layer name=\"Background\" visible=\"true\" active=\"true\">\n",
           scaling > 0 ? scaling : 1.0, scaling > 0 ? "false" : "true");

  sl_layout_foreach_note (layout, write_note_cb, &writer);
  connections = sl_document_get_connections (document);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(SlConnection) connection = g_list_model_get_item (connections, i);

      write_connection (&writer, layout, connection);
    }

  fprintf (writer.out, "</dia:layer>\n</dia:diagram>\n");
  if (fclose (writer.out) != 0)
    {
      perror (argv[2]);
      return 1;
    }
  return 0;
}
