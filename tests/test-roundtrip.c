/* test-roundtrip.c: what Stormline writes, it reads
 *
 * Generated eventmodelers exports (slices of every kind of element, ids
 * long, short, non-ASCII, repeated or missing, references to ids that are
 * and are not there, specifications) and clipboard fragments copied from
 * them are imported and pasted, as they are and with random damage done to
 * their bytes. Whatever a reader accepts must save, load back and save
 * again to the same bytes; whatever it refuses must say why, and where.
 *
 * Each seed is one generated input, so a failure names its seed and can be
 * replayed with STORMLINE_ROUNDTRIP_SEED=N. STORMLINE_ROUNDTRIP_SEEDS sets how many seeds run (500 by
 * default, a few seconds; a million for a night).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

#define DEFAULT_SEEDS 500

static const char * const list_keys[] = { "screens", "processors", "commands", "readmodels", "events" };
static const char * const element_types[] = { "SCREEN", "AUTOMATION", "COMMAND", "READMODEL", "EVENT" };

static guint n_seeds = DEFAULT_SEEDS;

static void
append_escaped (GString    *out,
                const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Ids as real exports have them, and as they should not: UUIDs, words,
 * texts of every length around the format's limit, in ASCII and not. */
static char *
random_id (GRand *rand,
           guint  pool)
{
  static const char * const pieces[] = { "a", "é", "📦", "-", "x9", "Ω" };
  guint n;
  GString *id;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return g_strdup_printf ("%08x-0000-4000-8000-%012x", g_rand_int_range (rand, 0, pool), pool);
    case 1:
      return g_strdup_printf ("id-%u", g_rand_int_range (rand, 0, pool));
    case 2:
      return g_strdup ("");
    default:
      break;
    }

  n = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 40)
                                          : g_rand_int_range (rand, 240, 300);
  id = g_string_new (NULL);
  g_string_append_printf (id, "%u", g_rand_int_range (rand, 0, pool));
  for (guint i = 0; i < n; i++)
    g_string_append (id, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (id, FALSE);
}

static GBytes *
generate_export (GRand *rand)
{
  g_autoptr(GString) out = g_string_new ("{\"context\": \"Generated\", \"slices\": [");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n_slices = g_rand_int_range (rand, 0, 6);
  guint pool = g_rand_int_range (rand, 2, 40);

  for (guint i = 0; i < 30; i++)
    g_ptr_array_add (ids, random_id (rand, pool));

  for (guint s = 0; s < n_slices; s++)
    {
      g_string_append (out, s > 0 ? ", {" : "{");
      g_string_append_printf (out, "\"title\": \"slice %u\", \"status\": \"%s\"", s,
                              g_rand_boolean (rand) ? "Done" : "Created");
      for (guint l = 0; l < G_N_ELEMENTS (list_keys); l++)
        {
          guint n = g_rand_int_range (rand, 0, 4);

          g_string_append_printf (out, ", \"%s\": [", list_keys[l]);
          for (guint e = 0; e < n; e++)
            {
              guint d = g_rand_int_range (rand, 0, 3);

              g_string_append (out, e > 0 ? ", {\"id\": " : "{\"id\": ");
              append_escaped (out, g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)));
              g_string_append_printf (out, ", \"title\": \"%s %u\", \"type\": \"%s\"",
                                      element_types[l], e, element_types[l]);
              if (g_rand_boolean (rand))
                g_string_append_printf (out, ", \"aggregate\": \"Agg %d\"", g_rand_int_range (rand, 0, 3));
              if (g_rand_boolean (rand))
                g_string_append_printf (out, ", \"actor\": \"Actor %d\"", g_rand_int_range (rand, 0, 3));
              g_string_append (out, ", \"fields\": [{\"name\": \"amount\", \"type\": \"Decimal\", \"example\": \"1.5\"},"
                                    " {\"name\": \"tags\", \"cardinality\": \"List\"}], \"dependencies\": [");
              for (guint k = 0; k < d; k++)
                {
                  g_string_append (out, k > 0 ? ", {\"id\": " : "{\"id\": ");
                  append_escaped (out, g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)));
                  g_string_append_printf (out, ", \"type\": \"%s\", \"title\": \"T\", \"elementType\": \"EVENT\"}",
                                          g_rand_boolean (rand) ? "OUTBOUND" : "INBOUND");
                }
              g_string_append (out, "]}");
            }
          g_string_append (out, "]");
        }
      if (g_rand_boolean (rand))
        {
          g_string_append (out, ", \"specifications\": [{\"title\": \"spec\", \"linkedId\": ");
          append_escaped (out, g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)));
          g_string_append (out, ", \"given\": [{\"type\": \"SPEC_EVENT\", \"linkedId\": ");
          append_escaped (out, g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)));
          g_string_append (out, ", \"fields\": [{\"name\": \"amount\", \"example\": \"2\"}]}],"
                                " \"when\": [{\"type\": \"SPEC_COMMAND\", \"linkedId\": ");
          append_escaped (out, g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len)));
          g_string_append (out, "}], \"then\": []}]");
        }
      g_string_append (out, "}");
    }
  g_string_append (out, "]}\n");
  return g_bytes_new (out->str, out->len);
}

/* Damage as files meet it: bytes changed, cut out, repeated, a text cut
 * short, JSON's own tokens put anywhere. */
static GBytes *
mutate (GRand  *rand,
        GBytes *bytes)
{
  static const char * const tokens[] = {
    "\"", "\\", "{", "}", "[", "]", ",", ":", "\\u0000", "\\ud800", "\\n", "1e999", "-1",
    "9223372036854775808", "null", "true", "é", "\xff", "\"id\": \"x\"",
  };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  GString *out = g_string_new_len (data, size);
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n && out->len > 0; i++)
    {
      guint at = g_rand_int_range (rand, 0, out->len);
      guint span = g_rand_int_range (rand, 1, 64);

      span = MIN (span, out->len - at);

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0: out->str[at] = g_rand_int_range (rand, 1, 256); break;
        case 1: g_string_erase (out, at, span); break;
        case 2: g_string_insert_len (out, at, out->str + at, span); break;
        case 3: g_string_truncate (out, at); break;
        default: g_string_insert (out, at, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]); break;
        }
    }
  return g_string_free_to_bytes (out);
}

static void
assert_writes_what_it_reads (SlDocument *document,
                             guint32     seed)
{
  g_autoptr(GBytes) saved = sl_format_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) loaded = sl_format_load_bytes (saved, &error);
  g_autoptr(GBytes) resaved = NULL;

  if (loaded == NULL)
    g_error ("seed %u: what was written does not open: %s", seed, error->message);
  resaved = sl_format_save_to_bytes (loaded);
  if (!g_bytes_equal (saved, resaved))
    g_error ("seed %u: what was written saves to other bytes once read back", seed);
}

static void
assert_refusal_says_why (const GError *error,
                         guint32       seed)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == SL_FORMAT_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (error->code != SL_FORMAT_ERROR_NOT_A_MODEL && error->code != SL_FORMAT_ERROR_NEWER_VERSION &&
      error->code != SL_FORMAT_ERROR_TOO_LARGE && !strstr (error->message, "empty") &&
      !g_str_has_prefix (error->message, "line "))
    g_error ("seed %u: a refusal does not say where: %s", seed, error->message);
}

/* Pastes a fragment of some of the notes of @source onto a board that
 * holds notes already, as it is and damaged. */
static void
paste_fragment_of (SlDocument *source,
                   GRand      *rand,
                   guint32     seed)
{
  GListModel *notes = sl_document_get_notes (source);
  g_autoptr(GList) picked = NULL;
  g_autoptr(GBytes) fragment = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    if (g_rand_boolean (rand))
      picked = g_list_append (picked, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
  if (picked == NULL)
    return;

  fragment = sl_fragment_copy (source, picked);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GBytes) input = round == 0 ? g_bytes_ref (fragment) : mutate (rand, fragment);
      g_autoptr(SlDocument) board = sl_document_new ();
      g_autoptr(GPtrArray) pasted = NULL;
      g_autoptr(GError) error = NULL;
      SlLane *lane = sl_document_add_lane (board, SL_LANE_EVENTS, "Events", -1);

      sl_document_add_note (board, SL_NOTE_EVENT, lane, 0, 0, "Already here");
      pasted = sl_fragment_paste (board, input, g_rand_int_range (rand, -SL_COORD_MAX, SL_COORD_MAX),
                                  g_rand_int_range (rand, -1000, SL_COORD_MAX), &error);
      if (pasted == NULL)
        {
          g_assert_true (round > 0);
          assert_refusal_says_why (error, seed);
          continue;
        }
      assert_writes_what_it_reads (board, seed);
    }
}

static void
run_seed (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GBytes) export = generate_export (rand);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GBytes) input = round == 0 ? g_bytes_ref (export) : mutate (rand, export);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(SlDocument) document = sl_eventmodelers_import (input, &warnings, &error);

      if (document == NULL)
        {
          if (round == 0)
            g_error ("seed %u: a generated export does not import: %s", seed, error->message);
          assert_refusal_says_why (error, seed);
          continue;
        }
      assert_writes_what_it_reads (document, seed);
      paste_fragment_of (document, rand, seed);
    }
}

static void
test_seeds (void)
{
  for (guint32 seed = 1; seed <= n_seeds; seed++)
    run_seed (seed);
}

/* Replays the one seed of a failure, STORMLINE_ROUNDTRIP_SEED. */
static void
test_one_seed (void)
{
  run_seed (g_ascii_strtoull (g_getenv ("STORMLINE_ROUNDTRIP_SEED"), NULL, 10));
}

int
main (int    argc,
      char **argv)
{
  const char *seeds = g_getenv ("STORMLINE_ROUNDTRIP_SEEDS");

  g_test_init (&argc, &argv, NULL);
  if (seeds != NULL)
    n_seeds = g_ascii_strtoull (seeds, NULL, 10);

  if (g_getenv ("STORMLINE_ROUNDTRIP_SEED") != NULL)
    g_test_add_func ("/roundtrip/seed", test_one_seed);
  else
    g_test_add_func ("/roundtrip/import-and-paste", test_seeds);

  return g_test_run ();
}
