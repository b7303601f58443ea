/* test-impact.c: what a change would break, against what the check says
 * once the change is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include <stdlib.h>

#include "test-util.h"

typedef void (*ChangeFunc) (SlDocument *document,
                            gconstpointer data);

/* A problem as the impact names it: rule, note (or aggregate), field. */
static char *
problem_key (SlProblem *problem)
{
  SlNote *note = sl_problem_get_note (problem);
  SlAggregate *aggregate = sl_problem_get_aggregate (problem);
  const char *field = sl_problem_get_field (problem);

  return g_strjoin ("|", sl_problem_get_rule (problem),
                    note != NULL ? sl_element_get_id (SL_ELEMENT (note)) : "",
                    note == NULL && aggregate != NULL ? sl_aggregate_get_name (aggregate) : "",
                    field != NULL ? field : "", NULL);
}

static char *
item_key (const SlImpactItem *item)
{
  return g_strjoin ("|", item->rule, item->note_id != NULL ? item->note_id : "",
                    item->note_id == NULL ? item->note_text : "",
                    item->field != NULL ? item->field : "", NULL);
}

static GPtrArray *
check_keys (SlDocument *document)
{
  g_autoptr(GPtrArray) problems = sl_check_run (document);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (keys, problem_key (g_ptr_array_index (problems, i)));

  return keys;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* @a minus @b, as multisets, sorted. */
static GPtrArray *
minus (GPtrArray *a,
       GPtrArray *b)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  g_ptr_array_extend (rest, b, NULL, NULL);
  for (guint i = 0; i < a->len; i++)
    {
      guint at;

      if (g_ptr_array_find_with_equal_func (rest, g_ptr_array_index (a, i), g_str_equal, &at))
        g_ptr_array_remove_index (rest, at);
      else
        g_ptr_array_add (result, g_strdup (g_ptr_array_index (a, i)));
    }
  g_ptr_array_sort (result, compare_strings);
  return result;
}

static GPtrArray *
list_keys (SlImpact     *impact,
           SlImpactList  list,
           gboolean      problems)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sl_impact_get_n_items (impact, list); i++)
    {
      const SlImpactItem *item = sl_impact_get_item (impact, list, i);

      if (problems)
        g_ptr_array_add (keys, item_key (item));
      else
        g_ptr_array_add (keys, g_strdup_printf ("%s|%s", item->note_id, item->field));
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* Takes both. */
static void
assert_same_keys (GPtrArray *actual,
                  GPtrArray *expected)
{
  g_ptr_array_sort (actual, compare_strings);
  g_ptr_array_sort (expected, compare_strings);
  for (guint i = 0; i < actual->len; i++)
    g_test_message ("impact:  %s", (char *) g_ptr_array_index (actual, i));
  for (guint i = 0; i < expected->len; i++)
    g_test_message ("checked: %s", (char *) g_ptr_array_index (expected, i));
  for (guint i = 0; i < MIN (actual->len, expected->len); i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (actual->len, ==, expected->len);
  g_ptr_array_unref (actual);
  g_ptr_array_unref (expected);
}

/* The fields of @keys with @rule, but @except ("note|field"), as
 * "note|field". */
static GPtrArray *
fields_with_rule (GPtrArray  *keys,
                  const char *rule,
                  const char *except)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < keys->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (keys, i), "|", 4);
      g_autofree char *field = g_strdup_printf ("%s|%s", parts[1], parts[3]);

      if (g_str_equal (parts[0], rule) && g_strcmp0 (field, except) != 0)
        g_ptr_array_add (fields, g_steal_pointer (&field));
    }
  return fields;
}

/* The heart of the contract: the impact's lists are what the check
 * reports once @change is made through the history, minus what it
 * reported before; and undo gives the problems of before back. */
static void
assert_impact_is_reality (SlDocument *document,
                          SlImpact   *impact,
                          ChangeFunc  change,
                          gconstpointer data,
                          const char *changed_field)
{
  g_autoptr(GPtrArray) before = check_keys (document);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) appeared = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) again = NULL;

  change (document, data);
  after = check_keys (document);
  appeared = minus (after, before);
  gone = minus (before, after);

  assert_same_keys (list_keys (impact, SL_IMPACT_NEW_PROBLEMS, TRUE), g_ptr_array_ref (appeared));
  assert_same_keys (list_keys (impact, SL_IMPACT_GONE_PROBLEMS, TRUE), g_ptr_array_ref (gone));
  assert_same_keys (list_keys (impact, SL_IMPACT_LOST_ORIGIN, FALSE),
                    fields_with_rule (appeared, "field-no-origin", changed_field));
  assert_same_keys (list_keys (impact, SL_IMPACT_LOST_DESTINATION, FALSE),
                    fields_with_rule (appeared, "field-no-destination", changed_field));

  g_assert_true (sl_history_undo (sl_document_get_history (document)));
  again = check_keys (document);
  assert_same_keys (g_ptr_array_ref (again), g_ptr_array_ref (before));
}

static gboolean
has_item (SlImpact     *impact,
          SlImpactList  list,
          const char   *note_id,
          const char   *field_or_title)
{
  for (guint i = 0; i < sl_impact_get_n_items (impact, list); i++)
    {
      const SlImpactItem *item = sl_impact_get_item (impact, list, i);
      const char *what = list == SL_IMPACT_SCENARIOS ? item->message : item->field;

      if (g_strcmp0 (item->note_id, note_id) == 0 && g_strcmp0 (what, field_or_title) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
rename_guest_id (SlDocument *document,
                 gconstpointer data)
{
  sl_document_set_field_name (document, sl_document_lookup_note (document, "cmd-book-room"), 0, data);
}

/* Book Room's guestId renamed: Room Booked's guestId has nothing to come
 * from, the screen's guestId nowhere to go, and the two scenarios of Book
 * Room name it. */
static void
test_rename_field (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *book = sl_document_lookup_note (hotel, "cmd-book-room");
  g_autoptr(SlImpact) impact = NULL;

  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (book, 0)), ==, "guestId");
  impact = sl_impact_rename_field (hotel, book, 0, "guestRef");

  g_assert_true (sl_impact_breaks_anything (impact));
  g_assert_true (has_item (impact, SL_IMPACT_LOST_ORIGIN, "evt-room-booked", "guestId"));
  g_assert_false (has_item (impact, SL_IMPACT_LOST_ORIGIN, "cmd-book-room", "guestRef"));
  g_assert_true (has_item (impact, SL_IMPACT_NEW_PROBLEMS, "cmd-book-room", "guestRef"));
  g_assert_true (has_item (impact, SL_IMPACT_SCENARIOS, "cmd-book-room", "A guest books a free room"));
  g_assert_true (has_item (impact, SL_IMPACT_SCENARIOS, "cmd-book-room",
                           "A room cannot be booked twice for the same nights"));
  /* A scenario of Pay names Room Booked's guestId, not Book Room's. */
  g_assert_false (has_item (impact, SL_IMPACT_SCENARIOS, "cmd-pay", "A guest pays for a booking"));
  g_assert_cmpuint (sl_impact_get_n_items (impact, SL_IMPACT_GONE_PROBLEMS), ==, 0);

  assert_impact_is_reality (hotel, impact, rename_guest_id, "guestRef", "cmd-book-room|guestRef");

  /* Back to its name: nothing breaks. */
  {
    g_autoptr(SlImpact) same = sl_impact_rename_field (hotel, book, 0, "guestId");

    g_assert_false (sl_impact_breaks_anything (same));
  }
}

static void
remove_note (SlDocument *document,
             gconstpointer data)
{
  sl_document_remove_note (document, sl_document_lookup_note (document, data));
}

/* Booking Details removed: what it fed on the Payment and Check-in
 * screens has no origin, what fed it from Room Booked loses a
 * destination, and its scenario goes with it. */
static void
test_remove_note (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *details = sl_document_lookup_note (hotel, "view-booking-details");
  g_autoptr(SlImpact) impact = sl_impact_remove_notes (hotel, &details, 1);

  g_assert_true (sl_impact_breaks_anything (impact));
  g_assert_true (has_item (impact, SL_IMPACT_LOST_ORIGIN, "scr-payment", "amountDue"));
  g_assert_true (has_item (impact, SL_IMPACT_LOST_ORIGIN, "scr-check-in", "room"));
  g_assert_true (has_item (impact, SL_IMPACT_SCENARIOS, "view-booking-details",
                           "The amount due is the price of every night"));
  g_assert_false (has_item (impact, SL_IMPACT_NEW_PROBLEMS, "view-booking-details", NULL));

  assert_impact_is_reality (hotel, impact, remove_note, "view-booking-details", NULL);
}

/* Several notes at once, as the Delete key removes a selection. */
static void
remove_notes (SlDocument    *document,
              gconstpointer  data)
{
  const char * const *ids = data;

  sl_history_begin_group (sl_document_get_history (document), "Remove");
  sl_document_remove_note (document, sl_document_lookup_note (document, ids[0]));
  sl_document_remove_note (document, sl_document_lookup_note (document, ids[1]));
  sl_history_end_group (sl_document_get_history (document));
}

static void
test_remove_notes (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *notes[] = {
    sl_document_lookup_note (hotel, "cmd-pay"),
    sl_document_lookup_note (hotel, "evt-payment-succeeded"),
  };
  g_autoptr(SlImpact) impact = sl_impact_remove_notes (hotel, notes, G_N_ELEMENTS (notes));

  const char *ids[] = { "cmd-pay", "evt-payment-succeeded" };

  g_assert_true (has_item (impact, SL_IMPACT_LOST_ORIGIN, "view-sales-report", "paidAt"));
  assert_impact_is_reality (hotel, impact, remove_notes, ids, NULL);
}

/* Select All and Delete: every note, with every scenario. */
static void
remove_all_notes (SlDocument    *document,
                  gconstpointer  data)
{
  GListModel *notes = sl_document_get_notes (document);

  sl_history_begin_group (sl_document_get_history (document), "Remove");
  while (g_list_model_get_n_items (notes) > 0)
    sl_document_remove_note (document, sl_element_list_peek (SL_ELEMENT_LIST (notes), 0));
  sl_history_end_group (sl_document_get_history (document));
}

static void
test_remove_all_notes (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  GListModel *notes = sl_document_get_notes (hotel);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(SlImpact) impact = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    g_ptr_array_add (all, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
  impact = sl_impact_remove_notes (hotel, (SlNote **) all->pdata, all->len);

  /* Every scenario goes with its note. */
  g_assert_cmpuint (sl_impact_get_n_items (impact, SL_IMPACT_SCENARIOS), ==,
                    g_list_model_get_n_items (sl_document_get_scenarios (hotel)));
  assert_impact_is_reality (hotel, impact, remove_all_notes, NULL, NULL);
}

static void
remove_amount_due (SlDocument *document,
                   gconstpointer data)
{
  sl_document_remove_field (document, sl_document_lookup_note (document, "view-booking-details"),
                            GPOINTER_TO_UINT (data));
}

static void
test_remove_field (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *details = sl_document_lookup_note (hotel, "view-booking-details");
  guint index = sl_note_get_n_fields (details) - 1;
  g_autoptr(SlImpact) impact = NULL;

  g_assert_cmpstr (sl_field_get_name (sl_note_get_field (details, index)), ==, "amountDue");
  impact = sl_impact_remove_field (hotel, details, index);

  g_assert_true (has_item (impact, SL_IMPACT_LOST_ORIGIN, "scr-payment", "amountDue"));
  g_assert_true (has_item (impact, SL_IMPACT_SCENARIOS, "view-booking-details",
                           "The amount due is the price of every night"));
  assert_impact_is_reality (hotel, impact, remove_amount_due, GUINT_TO_POINTER (index), NULL);
}

static void
remove_connection (SlDocument *document,
                   gconstpointer data)
{
  sl_document_remove_connection (document, SL_CONNECTION (sl_document_lookup (document, data)));
}

/* Room Booked no longer feeds Booking Details: its fields lose their
 * origin, Room Booked's some of their destinations, and a problem about
 * the view's source may appear. No scenario names a connection. */
static void
test_remove_connection (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlConnection *connection = SL_CONNECTION (sl_document_lookup (hotel, "conn-13"));
  g_autoptr(SlImpact) impact = sl_impact_remove_connection (hotel, connection);

  g_assert_true (has_item (impact, SL_IMPACT_LOST_ORIGIN, "view-booking-details", "guestId"));
  g_assert_cmpuint (sl_impact_get_n_items (impact, SL_IMPACT_SCENARIOS), ==, 0);
  assert_impact_is_reality (hotel, impact, remove_connection, "conn-13", NULL);
}

static void
rename_field (SlDocument    *document,
              gconstpointer  data)
{
  const char * const *what = data;   /* note id, field index, new name */

  sl_document_set_field_name (document, sl_document_lookup_note (document, what[0]), atoi (what[1]), what[2]);
}

static void
remove_field (SlDocument    *document,
              gconstpointer  data)
{
  const char * const *what = data;

  sl_document_remove_field (document, sl_document_lookup_note (document, what[0]), atoi (what[1]));
}

/* Every change of every kind on @document, each compared with what the
 * check says once it is made (and undone): the impact only checks the
 * part of the model a change can reach, and this holds it equal to the
 * check of the whole. Returns how many changes broke something. */
static guint
check_every_change (SlDocument *document)
{
  GListModel *notes = sl_document_get_notes (document);
  GListModel *connections = sl_document_get_connections (document);
  g_autoptr(GBytes) original = sl_format_save_to_bytes (document);
  g_autoptr(GBytes) now = NULL;
  guint n_breaking = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      const char *id = sl_element_get_id (SL_ELEMENT (note));

      {
        g_autoptr(SlImpact) impact = sl_impact_remove_notes (document, &note, 1);

        g_test_message ("remove %s", id);
        n_breaking += sl_impact_breaks_anything (impact);
        assert_impact_is_reality (document, impact, remove_note, id, NULL);
      }

      for (guint f = 0; f < sl_note_get_n_fields (note); f++)
        {
          g_autofree char *index = g_strdup_printf ("%u", f);
          g_autofree char *field = g_strdup_printf ("%s|%s", id, "renamedField");
          /* A name of no other field, and the name of a neighbour's field. */
          const char *names[] = { "renamedField", NULL };
          const char *what[3] = { id, index, NULL };

          names[1] = sl_field_get_name (sl_note_get_field (note, (f + 1) % sl_note_get_n_fields (note)));
          for (guint n = 0; n < G_N_ELEMENTS (names); n++)
            {
              g_autoptr(SlImpact) impact = sl_impact_rename_field (document, note, f, names[n]);
              g_autofree char *changed = g_strdup_printf ("%s|%s", id, names[n]);

              what[2] = names[n];
              g_test_message ("rename %s field %u to %s", id, f, names[n]);
              /* Its own name: no change, nothing to undo. */
              if (g_str_equal (names[n], sl_field_get_name (sl_note_get_field (note, f))))
                {
                  g_assert_false (sl_impact_breaks_anything (impact));
                  continue;
                }
              n_breaking += sl_impact_breaks_anything (impact);
              assert_impact_is_reality (document, impact, rename_field, what, changed);
            }

          {
            g_autoptr(SlImpact) impact = sl_impact_remove_field (document, note, f);

            g_test_message ("remove %s field %u", id, f);
            n_breaking += sl_impact_breaks_anything (impact);
            assert_impact_is_reality (document, impact, remove_field, what, NULL);
          }
        }

      /* With the note after it, as a selection removed at once. */
      if (i + 1 < g_list_model_get_n_items (notes))
        {
          SlNote *pair[] = { note, sl_element_list_peek (SL_ELEMENT_LIST (notes), i + 1) };
          const char *ids[] = { id, sl_element_get_id (SL_ELEMENT (pair[1])) };
          g_autoptr(SlImpact) impact = sl_impact_remove_notes (document, pair, 2);

          g_test_message ("remove %s and %s", ids[0], ids[1]);
          n_breaking += sl_impact_breaks_anything (impact);
          assert_impact_is_reality (document, impact, remove_notes, ids, NULL);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      SlConnection *connection = sl_element_list_peek (SL_ELEMENT_LIST (connections), i);
      g_autoptr(SlImpact) impact = sl_impact_remove_connection (document, connection);

      g_test_message ("remove %s", sl_element_get_id (SL_ELEMENT (connection)));
      n_breaking += sl_impact_breaks_anything (impact);
      assert_impact_is_reality (document, impact, remove_connection,
                                sl_element_get_id (SL_ELEMENT (connection)), NULL);
    }

  /* Every change undone: the model is as it was. */
  now = sl_format_save_to_bytes (document);
  assert_bytes_equal (now, original);
  return n_breaking;
}

static void
test_every_change_hotel (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();

  g_assert_cmpuint (check_every_change (hotel), >, 0);
}

/* The hotel with problems of every kind: what a change can make go away,
 * and duplicates, aggregates, hotspots, unconnected notes, flows into the
 * past for a removal to touch. */
static void
test_every_change_broken_hotel (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *booked = sl_document_lookup_note (hotel, "evt-room-booked");
  SlNote *pay = sl_document_lookup_note (hotel, "cmd-pay");
  SlAggregate *lonely = sl_document_add_aggregate (hotel, "Invoice");
  SlLane *lane = sl_document_add_lane (hotel, SL_LANE_EVENTS, "Invoices", -1);
  SlNote *twin, *invoiced;

  sl_document_set_lane_aggregate (hotel, lane, lonely);
  invoiced = sl_document_add_note (hotel, SL_NOTE_EVENT, lane, 3000, 0, "Invoice Sent");
  sl_document_add_connection (hotel, pay, invoiced);
  twin = sl_document_add_note (hotel, SL_NOTE_EVENT, sl_note_get_lane (booked), 200, 0, "room booked");
  sl_document_insert_field (hotel, twin, 0, "guestId", SL_FIELD_STRING);
  sl_document_add_connection (hotel, twin, sl_document_lookup_note (hotel, "view-available-rooms"));
  sl_document_add_connection (hotel, sl_document_lookup_note (hotel, "scr-check-in"), pay);
  sl_document_add_note (hotel, SL_NOTE_HOTSPOT, lane, 100, 0, "Refunds?");
  sl_document_add_note (hotel, SL_NOTE_COMMAND, lane, 4000, 0, "Cancel Booking");
  sl_document_remove_connection (hotel, sl_document_find_connection (hotel,
                                                                      sl_document_lookup_note (hotel, "view-guest-account"),
                                                                      sl_document_lookup_note (hotel, "scr-book-room")));
  sl_document_set_field_name (hotel, sl_document_lookup_note (hotel, "cmd-check-in"), 1, "guestID");

  g_assert_cmpuint (check_every_change (hotel), >, 0);
}

/* A real model from another tool: the cart of "Understanding
 * Eventsourcing", imported. */
static void
test_every_change_cart (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                 "understanding-eventsourcing-cart.json", NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) cart = sl_eventmodelers_import (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (check_every_change (cart), >, 0);
}

/* A removal that breaks nothing asks nothing: a comment's. */
static void
test_harmless (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *comment = sl_document_add_note (hotel, SL_NOTE_COMMENT,
                                          sl_note_get_lane (sl_document_lookup_note (hotel, "evt-room-added")),
                                          5000, 0, "Ask about late check-out");
  g_autoptr(SlImpact) impact = sl_impact_remove_notes (hotel, &comment, 1);

  g_assert_false (sl_impact_breaks_anything (impact));
  for (SlImpactList list = 0; list < SL_N_IMPACT_LISTS; list++)
    g_assert_cmpuint (sl_impact_get_n_items (impact, list), ==, 0);
}

/* The hotel with a problem already: removing what has it makes it go. */
static void
test_gone_problem (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *hotspot = sl_document_add_note (hotel, SL_NOTE_HOTSPOT,
                                          sl_note_get_lane (sl_document_lookup_note (hotel, "evt-room-added")),
                                          5000, 0, "Can a guest book two rooms?");
  g_autoptr(SlImpact) impact = sl_impact_remove_notes (hotel, &hotspot, 1);

  g_assert_false (sl_impact_breaks_anything (impact));
  g_assert_true (has_item (impact, SL_IMPACT_GONE_PROBLEMS, sl_element_get_id (SL_ELEMENT (hotspot)), NULL));
  assert_impact_is_reality (hotel, impact, remove_note, (gpointer) sl_element_get_id (SL_ELEMENT (hotspot)), NULL);
}

/* Connected swapped: the count comes first, whatever the signal's
 * arguments. */
static void
count_cb (guint *count)
{
  (*count)++;
}

/* Computing an impact changes nothing: not the document, not its history
 * (what can be undone and redone, the save point), and no one following
 * it hears of anything. */
static void
test_untouched (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlHistory *history = sl_document_get_history (hotel);
  SlNote *book = sl_document_lookup_note (hotel, "cmd-book-room");
  SlNote *details = sl_document_lookup_note (hotel, "view-booking-details");
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) now = NULL;
  guint changes = 0, element_changes = 0, notes_changes = 0;
  gboolean modified;
  guint n_undo, n_redo;

  /* Something to undo, something to redo, and modified since saved. */
  sl_document_set_note_text (hotel, book, "Book a Room");
  sl_history_set_save_point (history);
  sl_document_set_note_text (hotel, book, "Book Room");
  sl_document_set_title (hotel, "The hotel");
  g_assert_true (sl_history_undo (history));
  modified = sl_history_get_modified (history);
  n_undo = sl_history_get_n_undo (history);
  n_redo = sl_history_get_n_redo (history);
  g_assert_true (modified);
  g_assert_cmpuint (n_redo, ==, 1);
  saved = sl_format_save_to_bytes (hotel);

  g_signal_connect_swapped (hotel, "changed", G_CALLBACK (count_cb), &changes);
  g_signal_connect_swapped (hotel, "element-changed", G_CALLBACK (count_cb), &element_changes);
  g_signal_connect_swapped (sl_document_get_notes (hotel), "items-changed", G_CALLBACK (count_cb), &notes_changes);

  sl_impact_free (sl_impact_rename_field (hotel, book, 0, "guestRef"));
  sl_impact_free (sl_impact_remove_field (hotel, book, 0));
  sl_impact_free (sl_impact_remove_notes (hotel, &details, 1));
  sl_impact_free (sl_impact_remove_connection (hotel, SL_CONNECTION (sl_document_lookup (hotel, "conn-13"))));

  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (element_changes, ==, 0);
  g_assert_cmpuint (notes_changes, ==, 0);
  g_assert_cmpuint (sl_history_get_n_undo (history), ==, n_undo);
  g_assert_cmpuint (sl_history_get_n_redo (history), ==, n_redo);
  g_assert_true (sl_history_can_redo (history));
  g_assert_cmpint (sl_history_get_modified (history), ==, modified);
  now = sl_format_save_to_bytes (hotel);
  assert_bytes_equal (now, saved);

  /* The user's redo and undo still do what they did. */
  g_assert_true (sl_history_redo (history));
  g_assert_cmpstr (sl_document_get_title (hotel), ==, "The hotel");
  g_assert_true (sl_history_undo (history));
  g_assert_true (sl_history_undo (history));
  g_assert_cmpstr (sl_note_get_text (book), ==, "Book a Room");
  g_assert_false (sl_history_get_modified (history));

  g_signal_handlers_disconnect_by_data (hotel, &changes);
  g_signal_handlers_disconnect_by_data (hotel, &element_changes);
  g_signal_handlers_disconnect_by_data (sl_document_get_notes (hotel), &notes_changes);
}

/* For people and for machines. */
static void
test_output (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *book = sl_document_lookup_note (hotel, "cmd-book-room");
  g_autoptr(SlImpact) impact = sl_impact_rename_field (hotel, book, 0, "guestRef");
  g_autofree char *text = sl_impact_to_text (impact);
  g_autofree char *json = sl_impact_to_json (impact);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *lost;

  g_assert_nonnull (strstr (text, "Field that would lose its origin (1):\n"));
  g_assert_nonnull (strstr (text, "  Room Booked · guestId\n"));
  g_assert_nonnull (strstr (text, "“A guest books a free room” (Book Room)"));
  g_assert_null (strstr (text, "go away"));

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "breaks"));
  lost = json_object_get_array_member (root, "lost_origin");
  g_assert_cmpuint (json_array_get_length (lost), ==, sl_impact_get_n_items (impact, SL_IMPACT_LOST_ORIGIN));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "gone_problems")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/impact/rename-field", test_rename_field);
  g_test_add_func ("/impact/remove-note", test_remove_note);
  g_test_add_func ("/impact/remove-notes", test_remove_notes);
  g_test_add_func ("/impact/remove-all-notes", test_remove_all_notes);
  g_test_add_func ("/impact/remove-field", test_remove_field);
  g_test_add_func ("/impact/remove-connection", test_remove_connection);
  g_test_add_func ("/impact/every-change/hotel", test_every_change_hotel);
  g_test_add_func ("/impact/every-change/broken-hotel", test_every_change_broken_hotel);
  g_test_add_func ("/impact/every-change/cart", test_every_change_cart);
  g_test_add_func ("/impact/harmless", test_harmless);
  g_test_add_func ("/impact/gone-problem", test_gone_problem);
  g_test_add_func ("/impact/untouched", test_untouched);
  g_test_add_func ("/impact/output", test_output);

  return g_test_run ();
}
