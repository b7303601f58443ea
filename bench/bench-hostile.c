/* bench-hostile.c: the time of loading and checking hostile input
 *
 * Usage: bench-hostile [SCALE]   (default: 1)
 *
 * Each case of issue 13 that took minutes or gigabytes, made in memory
 * at SCALE times its size there: a scenario step of 20,000 example
 * values (load), two field names of 60,000 characters (check), notes
 * of many fields and a screen of many connections (check), a note
 * text of 100 MB (load and check), 127 MiB of zeros under an unknown key
 * (load, refused; at every scale), and an eventmodelers export with numbers and nesting
 * it cannot read (import, with warnings). Run it at SCALE 1 and 2: each
 * time must about double, not quadruple.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "sl-generate.h"

#define LANE "\"lanes\": [{\"id\": \"l\", \"kind\": \"unsorted\"}]"

static void
report (const char *what,
        gsize       bytes,
        gint64      start,
        const char *result)
{
  g_print ("%-52s %10.1f MB %9.3f s  %s\n", what, bytes / 1e6,
           (g_get_monotonic_time () - start) / 1e6, result);
}

/* Loads @text, checks what loads, and reports both. */
static void
load_and_check (const char *what,
                GString    *text,
                gboolean    check)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autofree char *load_what = g_strdup_printf ("%s: load", what);
  gint64 start = g_get_monotonic_time ();

  document = sl_format_load_bytes (bytes, &error);
  report (load_what, text->len, start, document ? "loaded" : error->message);

  if (document != NULL && check)
    {
      g_autofree char *check_what = g_strdup_printf ("%s: check", what);
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *result = NULL;

      start = g_get_monotonic_time ();
      problems = sl_check_run (document);
      /* The fixes too: the near-miss hint is found for them. */
      for (guint i = 0; i < problems->len; i++)
        sl_problem_get_fix (g_ptr_array_index (problems, i));
      result = g_strdup_printf ("%u problems", problems->len);
      report (check_what, text->len, start, result);
    }
}

static void
bench_step_values (guint scale)
{
  g_autoptr(GString) text = g_string_new ("{\"stormline\": 1, " LANE ", \"notes\": [{\"id\": \"e\", \"kind\": \"event\", "
                                          "\"text\": \"Booked\", \"lane\": \"l\", \"x\": 0, \"fields\": [");

  /* The values name fields of the note, as the check reads them. */
  for (guint i = 0; i < 20000 * scale; i++)
    g_string_append_printf (text, "%s{\"name\": \"field%u\"}", i > 0 ? ", " : "", i);
  g_string_append (text, "]}], \"scenarios\": [{\"id\": \"s\", \"note\": \"e\", \"then\": [{\"note\": \"e\", \"values\": {");
  for (guint i = 0; i < 20000 * scale; i++)
    g_string_append_printf (text, "%s\"field%u\": \"%u\"", i > 0 ? ", " : "", i, i);
  g_string_append (text, "}}]}]}");
  load_and_check ("one step of 20,000 values", text, TRUE);
}

static void
bench_long_names (guint scale)
{
  g_autoptr(GString) text = g_string_new ("{\"stormline\": 1, " LANE ", \"notes\": [");
  g_autofree char *stem = g_strnfill (60000 * scale, 'a');

  g_string_append_printf (text, "{\"id\": \"c\", \"kind\": \"command\", \"text\": \"Book\", \"lane\": \"l\", \"x\": 0, "
                          "\"fields\": [{\"name\": \"%sb\"}]}, ", stem);
  g_string_append_printf (text, "{\"id\": \"e\", \"kind\": \"event\", \"text\": \"Booked\", \"lane\": \"l\", \"x\": 300, "
                          "\"fields\": [{\"name\": \"%sc\"}]}], ", stem);
  g_string_append (text, "\"connections\": [{\"id\": \"k\", \"from\": \"c\", \"to\": \"e\"}]}");
  load_and_check ("two field names of 60,000 characters", text, TRUE);
}

/* A note's fields, "prefix000000" and on, as JSON */
static void
append_fields (GString    *text,
               const char *prefix,
               guint       first,
               guint       n)
{
  g_string_append (text, "\"fields\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"name\": \"%s%06u\"}", i > 0 ? ", " : "", prefix, first + i);
  g_string_append (text, "]");
}

static void
bench_wide_notes (guint scale)
{
  g_autoptr(GString) wide = g_string_new ("{\"stormline\": 1, " LANE ", \"notes\": [");
  g_autoptr(GString) fan_in = g_string_new ("{\"stormline\": 1, " LANE ", \"notes\": [");
  g_autoptr(GString) hub = g_string_new ("{\"stormline\": 1, " LANE ", \"notes\": [");
  guint n = 20000 * scale;

  /* Two connected notes of 40,000 fields, none matching. */
  g_string_append (wide, "{\"id\": \"c\", \"kind\": \"command\", \"text\": \"Book\", \"lane\": \"l\", \"x\": 0, ");
  append_fields (wide, "cmd", 0, 2 * n);
  g_string_append (wide, "}, {\"id\": \"e\", \"kind\": \"event\", \"text\": \"Booked\", \"lane\": \"l\", \"x\": 300, ");
  append_fields (wide, "evt", 0, 2 * n);
  g_string_append (wide, "}], \"connections\": [{\"id\": \"k\", \"from\": \"c\", \"to\": \"e\"}]}");
  load_and_check ("two connected notes of 40,000 fields", wide, TRUE);

  /* A view of 20,000 fields, each from one of 20,000 events. */
  g_string_append (fan_in, "{\"id\": \"v\", \"kind\": \"view\", \"text\": \"All\", \"lane\": \"l\", \"x\": 0, ");
  append_fields (fan_in, "f", 0, n);
  g_string_append (fan_in, "}");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (fan_in, ", {\"id\": \"e%u\", \"kind\": \"event\", \"text\": \"E%u\", \"lane\": \"l\", "
                              "\"x\": %u, \"y\": %u, ", i, i, 200 * (i % 200), 120 * (i / 200 + 1));
      append_fields (fan_in, "f", i, 1);
      g_string_append (fan_in, "}");
    }
  g_string_append (fan_in, "], \"connections\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (fan_in, "%s{\"id\": \"k%u\", \"from\": \"e%u\", \"to\": \"v\"}", i > 0 ? ", " : "", i, i);
  g_string_append (fan_in, "]}");
  load_and_check ("a view of 20,000 fields fed by 20,000 events", fan_in, TRUE);

  /* A screen between 10,000 views and the 10,000 commands it triggers. */
  g_string_append (hub, "{\"id\": \"s\", \"kind\": \"screen\", \"text\": \"Hub\", \"lane\": \"l\", \"x\": 0}");
  for (guint i = 0; i < n / 2; i++)
    {
      g_string_append_printf (hub, ", {\"id\": \"v%u\", \"kind\": \"view\", \"text\": \"V%u\", \"lane\": \"l\", "
                              "\"x\": %u, \"y\": %u, ", i, i, 200 * (i % 200), 120 * (i / 200 + 1));
      append_fields (hub, "f", i, 1);
      g_string_append_printf (hub, "}, {\"id\": \"c%u\", \"kind\": \"command\", \"text\": \"C%u\", \"lane\": \"l\", "
                              "\"x\": %u, \"y\": %u, ", i, i, 200 * (i % 200), 120 * (i / 200 + 100));
      append_fields (hub, "f", i, 1);
      g_string_append (hub, "}");
    }
  g_string_append (hub, "], \"connections\": [");
  for (guint i = 0; i < n / 2; i++)
    g_string_append_printf (hub, "%s{\"id\": \"a%u\", \"from\": \"v%u\", \"to\": \"s\"}, "
                            "{\"id\": \"b%u\", \"from\": \"s\", \"to\": \"c%u\"}", i > 0 ? ", " : "", i, i, i, i);
  g_string_append (hub, "]}");
  load_and_check ("a screen between 10,000 views and commands", hub, TRUE);
}

static void
bench_long_text (guint scale)
{
  g_autoptr(GString) text = g_string_new ("{\"stormline\": 1, " LANE ", \"notes\": [{\"id\": \"e\", \"kind\": \"event\", "
                                          "\"lane\": \"l\", \"x\": 0, \"text\": \"");

  for (guint i = 0; i < 50000000 / 2 * scale; i++)
    g_string_append (text, "a a ");
  g_string_append (text, "\"}]}");
  load_and_check ("a note text of 100 MB", text, TRUE);
}

/* At every scale: twice as large is refused by its size alone. */
static void
bench_zeros (void)
{
  g_autoptr(GString) text = g_string_new ("{\"stormline\": 1, \"zeros\": [");
  gsize n = (gsize) 127 * 1024 * 1024 / 2;

  for (gsize i = 0; i < n; i++)
    g_string_append (text, "0,");
  g_string_append (text, "0]}");
  load_and_check ("127 MiB of zeros under an unknown key", text, FALSE);
}

static void
bench_unread_keys (guint scale)
{
  g_autoptr(GString) text = g_string_new ("{\"slices\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autofree char *result = NULL;
  gint64 start;

  for (guint i = 0; i < 1000 * scale; i++)
    {
      g_string_append_printf (text, "%s{\"title\": \"s%u\", \"index\": 1e999, \"size\": 123456789012345678901234567890, "
                              "\"events\": [{\"id\": \"e%u\", \"title\": \"Booked\"}], \"meta\": ",
                              i > 0 ? ", " : "", i, i);
      for (guint d = 0; d < 100; d++)
        g_string_append (text, "[");
      for (guint d = 0; d < 100; d++)
        g_string_append (text, "]");
      g_string_append (text, "}");
    }
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);

  start = g_get_monotonic_time ();
  document = sl_eventmodelers_import (bytes, &warnings, &error);
  result = document ? g_strdup_printf ("imported, %u warnings", warnings->len) : g_strdup (error->message);
  report ("eventmodelers: numbers and nesting unread", text->len, start, result);
}

int
main (int    argc,
      char **argv)
{
  guint scale = argc > 1 ? atoi (argv[1]) : 1;

  if (scale == 0)
    {
      g_printerr ("usage: bench-hostile [SCALE]\n");
      return 2;
    }

  bench_step_values (scale);
  bench_long_names (scale);
  bench_wide_notes (scale);
  bench_long_text (scale);
  bench_zeros ();
  bench_unread_keys (scale);
  return 0;
}
