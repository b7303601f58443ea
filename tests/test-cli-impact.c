/* test-cli-impact.c: stormline-cli impact as a person and a script use it
 *
 * Runs the built stormline-cli (STORMLINE_CLI) on the hotel example: the
 * impact of renaming and removing a field, removing a note and a
 * connection, in text (grouped under headings) and in JSON (the same
 * lists as the core's impact); a note or field it cannot find is exit
 * status 1 with the candidates on stderr; a wrong command line is 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include <json-glib/json-glib.h>

#include "test-util.h"

static void
test_text (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Book Room.guestId",
                                 "--rename", "guestRef", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Renaming “guestId” of “Book Room” to “guestRef”:\n"
                                        "Field that would lose its origin (1):\n"
                                        "  Room Booked · guestId\n\n"
                                        "Scenarios that name it (2):\n"
                                        "  “A guest books a free room” (Book Room)\n"));
  g_assert_nonnull (strstr (out, "Problems that would appear (5):\n"));
  g_assert_nonnull (strstr (out, "  error field-no-origin: Room Booked · guestId: "));
  g_assert_null (strstr (out, "go away"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without an option: removal; a note by its id. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "view-booking-details", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Removing the note “Booking Details”:\n"
                                        "Fields that would lose their origin (9):\n"
                                        "  Payment · bookingId\n"));
  g_assert_nonnull (strstr (out, "  Check-in · room\n"));
  g_assert_nonnull (strstr (out, "Scenario that names it (1):\n"
                                 "  “The amount due is the price of every night” (Booking Details)\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A connection, by the texts of its notes. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Room Booked -> Booking Details", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Removing the connection from “Room Booked” to “Booking Details”:\n"
                                        "Fields that would lose their origin (4):\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* What breaks nothing says so. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Book Room.guestId",
                                 "--rename", "guestId", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Renaming “guestId” of “Book Room” to “guestId”:\nNothing would break.\n");
}

static void
test_json (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(SlImpact) impact = sl_impact_remove_field (hotel, sl_document_lookup_note (hotel, "view-booking-details"), 6);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *change, *lists;
  JsonArray *lost;

  g_assert_cmpint (test_run_cli (&out, &err, "impact", "--json", example_path (), "Booking Details.amountDue",
                                 NULL), ==, 0);
  g_assert_true (g_str_has_suffix (out, "}\n"));
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  change = json_object_get_object_member (root, "change");
  g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "remove-field");
  g_assert_cmpstr (json_object_get_string_member (change, "note"), ==, "view-booking-details");
  g_assert_cmpstr (json_object_get_string_member (change, "field"), ==, "amountDue");

  /* The lists are the core's. */
  lists = json_object_get_object_member (root, "impact");
  g_assert_true (json_object_get_boolean_member (lists, "breaks"));
  lost = json_object_get_array_member (lists, "lost_origin");
  g_assert_cmpuint (json_array_get_length (lost), ==, sl_impact_get_n_items (impact, SL_IMPACT_LOST_ORIGIN));
  g_assert_cmpuint (json_array_get_length (lost), >, 0);
  for (guint i = 0; i < json_array_get_length (lost); i++)
    {
      JsonObject *field = json_array_get_object_element (lost, i);
      const SlImpactItem *item = sl_impact_get_item (impact, SL_IMPACT_LOST_ORIGIN, i);

      g_assert_cmpstr (json_object_get_string_member (field, "note"), ==, item->note_id);
      g_assert_cmpstr (json_object_get_string_member (field, "note_text"), ==, item->note_text);
      g_assert_cmpstr (json_object_get_string_member (field, "field"), ==, item->field);
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lists, "scenarios")), ==,
                    sl_impact_get_n_items (impact, SL_IMPACT_SCENARIOS));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lists, "new_problems")), ==,
                    sl_impact_get_n_items (impact, SL_IMPACT_NEW_PROBLEMS));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lists, "gone_problems")), ==, 0);
}

/* What it cannot find is exit status 1, with what it could be. */
static void
test_not_found (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Two notes have this text: both listed, by id. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Available Rooms", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
  g_assert_nonnull (strstr (err, "“Available Rooms” names more than one note"));
  g_assert_nonnull (strstr (err, "\n  view-available-rooms (View “Available Rooms”)\n"));
  g_assert_nonnull (strstr (err, "\n  scr-available-rooms (Screen “Available Rooms”)\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No such note: the notes whose text holds it. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Checkout", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no note “Checkout”; did you mean one of these?\n"));
  g_assert_nonnull (strstr (err, "\n  auto-checkout-processor (Automation “Checkout Processor”)\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Spaceship", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no note “Spaceship”\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No such field: the note's fields. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Book Room.guest", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“Book Room” has no field “guest”; its fields: guestId, roomNumber, checkIn, checkOut\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No such connection. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Booking Details->Room Booked", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no connection from “Booking Details” to “Room Booked”\n"));
}

static void
test_usage (void)
{
  static const char * const cases[][4] = {
    { "impact", NULL },
    { "impact", "MODEL", NULL },
    { "impact", "--rename", "x", NULL },
    { "impact", "--bogus", NULL },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (test_run_cli (&out, &err, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL), ==, 2);
      g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
    }

  /* A connection or a note cannot be renamed; --rename and --remove
   * exclude each other. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Book Room", "--rename", "x", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Book Room->Room Booked", "--rename", "x",
                                 NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Book Room.guestId", "--rename", "x",
                                 "--remove", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A name another field of the note has is refused, as the inspector
   * refuses it. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", example_path (), "Booking Details.room", "--rename", "checkIn",
                                 NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“Booking Details” already has a field named “checkIn”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A file that is not there: 2, as for every command. */
  g_assert_cmpint (test_run_cli (&out, &err, "impact", "/nonexistent/hotel.stormline", "Book Room", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_run_cli (&out, &err, "impact", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--rename=NEW"));
  g_assert_nonnull (strstr (out, "--json"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_run_cli (&out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\n  impact "));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-impact/text", test_text);
  g_test_add_func ("/cli-impact/json", test_json);
  g_test_add_func ("/cli-impact/not-found", test_not_found);
  g_test_add_func ("/cli-impact/usage", test_usage);

  return g_test_run ();
}
