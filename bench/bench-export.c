/* bench-export.c: the time and memory of exports of hostile boards
 *
 * Usage: bench-export CASE FORMAT   (FORMAT: pdf, svg or png)
 *
 * CASE is one of the boards of issue 13, generated in memory:
 *   fan-in   20,000 events in one lane, each connected into one view
 *   lanes    60,000 empty event lanes
 *   text     one event whose text is 100 MB
 *   region   the region 0,0,1e7,1e7 at scale 10 (a PDF tiled at it)
 *   tiled    the region 0,0,1e7,1e7, a PDF tiled at the default scale
 * and exported as stormline-cli export does, through sl_export_to_bytes().
 * Prints the time of the export, the size of the file or the message of
 * the limit it hits, and the peak memory of the process. Run one case a
 * process: the peak is the process's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <sys/resource.h>

#include "sl-export.h"

#define FAN_IN_EVENTS 20000
#define EMPTY_LANES   60000
#define TEXT_BYTES    (100 * 1000 * 1000)

static SlDocument *
generate_fan_in (void)
{
  SlDocument *document = sl_document_new ();
  SlLane *interaction = sl_document_add_lane (document, SL_LANE_INTERACTION, "Commands and views", -1);
  SlLane *events = sl_document_add_lane (document, SL_LANE_EVENTS, "Events", -1);
  SlNote *view = sl_document_add_note (document, SL_NOTE_VIEW, interaction, FAN_IN_EVENTS * 200, 0, "All");

  for (guint i = 0; i < FAN_IN_EVENTS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Event %u Happened", i);
      SlNote *event = sl_document_add_note (document, SL_NOTE_EVENT, events, i * 200, 0, text);

      sl_document_add_connection (document, event, view);
    }
  return document;
}

static SlDocument *
generate_lanes (void)
{
  SlDocument *document = sl_document_new ();

  for (guint i = 0; i < EMPTY_LANES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Lane %u", i);

      sl_document_add_lane (document, SL_LANE_EVENTS, name, -1);
    }
  return document;
}

static SlDocument *
generate_text (void)
{
  SlDocument *document = sl_document_new ();
  SlLane *events = sl_document_add_lane (document, SL_LANE_EVENTS, "Events", -1);
  g_autoptr(GString) text = g_string_sized_new (TEXT_BYTES);

  while (text->len < TEXT_BYTES)
    g_string_append (text, "Room Booked ");
  sl_document_add_note (document, SL_NOTE_EVENT, events, 0, 0, text->str);
  return document;
}

/* A small board: the region, not the board, is what is large. */
static SlDocument *
generate_small (void)
{
  SlDocument *document = sl_document_new ();
  SlLane *interaction = sl_document_add_lane (document, SL_LANE_INTERACTION, "Commands and views", -1);
  SlLane *events = sl_document_add_lane (document, SL_LANE_EVENTS, "Room", -1);
  SlNote *command = sl_document_add_note (document, SL_NOTE_COMMAND, interaction, 40, 0, "Book Room");
  SlNote *event = sl_document_add_note (document, SL_NOTE_EVENT, events, 40, 0, "Room Booked");

  sl_document_add_connection (document, command, event);
  return document;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlPrintJob) job = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = argc > 1 ? argv[1] : "";
  SlExportFormat format;
  SlRect region = { 0, 0, 1e7, 1e7 };
  double scale = 1.0;
  gboolean tiled = FALSE;
  g_autofree char *outcome = NULL;
  struct rusage usage;
  gint64 start;
  double seconds;

  setlocale (LC_ALL, "");
  for (format = 0; argc == 3 && format < SL_EXPORT_FORMAT_MARKDOWN; format++)
    if (g_str_equal (argv[2], sl_export_format_get_suffix (format)))
      break;
  if (argc != 3 || format >= SL_EXPORT_FORMAT_MARKDOWN)
    {
      g_printerr ("Usage: bench-export fan-in|lanes|text|region|tiled pdf|svg|png\n");
      return 2;
    }

  if (g_str_equal (name, "fan-in"))
    document = generate_fan_in ();
  else if (g_str_equal (name, "lanes"))
    document = generate_lanes ();
  else if (g_str_equal (name, "text"))
    document = generate_text ();
  else if (g_str_equal (name, "region"))
    document = generate_small (), scale = 10;
  else if (g_str_equal (name, "tiled"))
    document = generate_small (), tiled = TRUE;
  else
    {
      g_printerr ("Unknown case “%s”\n", name);
      return 2;
    }

  layout = sl_layout_new (document);
  job = sl_print_job_new (layout);
  if (g_str_equal (name, "region") || tiled)
    sl_print_job_set_region (job, &region);
  if (format == SL_EXPORT_FORMAT_PDF)
    {
      /* As stormline-cli: a PDF at a scale is tiled. */
      sl_print_job_set_fit_to_page (job, !tiled && scale == 1.0);
      if (scale != 1.0)
        sl_print_job_set_scale (job, scale);
    }

  start = g_get_monotonic_time ();
  bytes = sl_export_to_bytes (job, format, NULL, FALSE, scale, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  getrusage (RUSAGE_SELF, &usage);

  if (bytes != NULL)
    outcome = g_strdup_printf ("%.1f MB written", g_bytes_get_size (bytes) / 1e6);
  else
    outcome = g_strdup_printf ("refused: %s", error->message);
  g_print ("%-7s %s  %7.2f s  peak %6ld MB  %s\n", name, argv[2], seconds, usage.ru_maxrss / 1024, outcome);
  return 0;
}
