/* test-diff.c: what changed between two versions of a model
 *
 * A table of edits of the hotel example, each made to a second copy of
 * it (or to the first, to see it the other way round: what one edit
 * adds, the reverse removes), and the changes the diff reports, read
 * back from its JSON with json-glib: action, element, property and id,
 * in order. Then what an edit does to the check, the notes the window
 * highlights, and the text for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include "test-util.h"

typedef void (*EditFunc) (SlDocument *document);

typedef struct
{
  const char *name;
  EditFunc edit;
  gboolean reverse;          /* edit the old copy: the diff shows the edit undone */
  const char *expected[8];   /* "action element property id", "-" for none, "*" any id */
  const char *words;         /* in the first line of text */
} DiffCase;

static SlNote *
note (SlDocument *document,
      const char *id)
{
  SlNote *found = sl_document_lookup_note (document, id);

  g_assert_nonnull (found);
  return found;
}

static gpointer
element (SlDocument *document,
         const char *id)
{
  SlElement *found = sl_document_lookup (document, id);

  g_assert_nonnull (found);
  return found;
}

/* The edits */

static void
edit_nothing (SlDocument *document)
{
}

static void
edit_title (SlDocument *document)
{
  sl_document_set_title (document, "Inn");
}

static void
edit_description (SlDocument *document)
{
  sl_document_set_description (document, "A small inn.");
}

static void
add_aggregate (SlDocument *document)
{
  sl_document_add_aggregate (document, "Invoice");
}

static void
rename_aggregate (SlDocument *document)
{
  sl_document_set_aggregate_name (document, element (document, "agg-payment"), "Billing");
}

static void
add_lane (SlDocument *document)
{
  sl_document_add_lane (document, SL_LANE_ACTOR, "Cleaner", -1);
}

static void
rename_lane (SlDocument *document)
{
  sl_document_set_lane_name (document, element (document, "lane-manager"), "Owner");
}

static void
rekind_lane (SlDocument *document)
{
  sl_document_set_lane_kind (document, element (document, "lane-automations"), SL_LANE_ACTOR);
}

static void
move_lane (SlDocument *document)
{
  /* The last lane to the top: only it moved, not the eight it passed. */
  sl_document_move_lane (document, element (document, "lane-gps"), 0);
}

static void
set_lane_aggregate (SlDocument *document)
{
  sl_document_set_lane_aggregate (document, element (document, "lane-payment"), element (document, "agg-booking"));
}

static void
add_slice (SlDocument *document)
{
  sl_document_add_slice (document, "Invoices", 2880, 240);
}

static void
rename_slice (SlDocument *document)
{
  sl_document_set_slice_name (document, element (document, "slice-pay"), "Payment");
}

static void
set_slice_status (SlDocument *document)
{
  sl_document_set_slice_status (document, element (document, "slice-pay"), SL_SLICE_IN_PROGRESS);
}

static void
resize_slice (SlDocument *document)
{
  sl_document_set_slice_range (document, element (document, "slice-sales-report"), 2640, 480);
}

static void
add_note (SlDocument *document)
{
  SlNote *added = sl_document_add_note (document, SL_NOTE_COMMENT, element (document, "lane-guest"), 2700, 300,
                                        "Ask the manager");

  g_assert_nonnull (added);
}

static void
add_note_with_field (SlDocument *document)
{
  SlNote *added = sl_document_add_note (document, SL_NOTE_VIEW, element (document, "lane-interaction"), 2700, 300,
                                        "Invoices");

  sl_document_insert_field (document, added, -1, "invoiceId", SL_FIELD_UUID);
}

static void
rename_note (SlDocument *document)
{
  sl_document_set_note_text (document, note (document, "evt-room-booked"), "Room Reserved");
}

static void
rekind_note (SlDocument *document)
{
  sl_document_set_note_kind (document, note (document, "view-guest-account"), SL_NOTE_SCREEN);
}

static void
move_note_to_lane (SlDocument *document)
{
  SlNote *booked = note (document, "evt-room-booked");

  sl_document_move_note (document, booked, element (document, "lane-room"), sl_note_get_x (booked),
                         sl_note_get_y (booked));
}

static void
move_note_to_slice (SlDocument *document)
{
  SlNote *booked = note (document, "evt-room-booked");

  sl_document_move_note (document, booked, sl_note_get_lane (booked), 1000, sl_note_get_y (booked));
}

static void
move_note_within (SlDocument *document)
{
  SlNote *booked = note (document, "evt-room-booked");

  sl_document_move_note (document, booked, sl_note_get_lane (booked), sl_note_get_x (booked) + 20,
                         sl_note_get_y (booked) + 10);
}

static void
unpivot_note (SlDocument *document)
{
  sl_document_set_note_pivotal (document, note (document, "evt-room-booked"), FALSE);
}

static void
set_note_aggregate (SlDocument *document)
{
  sl_document_set_note_aggregate (document, note (document, "cmd-book-room"), element (document, "agg-room"));
}

static void
add_field (SlDocument *document)
{
  sl_document_insert_field (document, note (document, "evt-room-booked"), -1, "bookedAt", SL_FIELD_DATE_TIME);
}

static void
rename_field (SlDocument *document)
{
  sl_document_set_field_name (document, note (document, "evt-room-booked"), 0, "reservationId");
}

static void
retype_field (SlDocument *document)
{
  sl_document_set_field_type (document, note (document, "evt-room-booked"), 2, SL_FIELD_INT);
}

static void
map_field (SlDocument *document)
{
  sl_document_set_field_mapping (document, note (document, "evt-room-booked"), 2, "room");
}

static void
flag_field (SlDocument *document)
{
  sl_document_set_field_flags (document, note (document, "evt-room-booked"), 2, SL_FIELD_LIST | SL_FIELD_OPTIONAL);
}

static void
set_field_example (SlDocument *document)
{
  sl_document_set_field_example (document, note (document, "evt-room-booked"), 2, "102");
}

static void
remove_and_add_field (SlDocument *document)
{
  SlNote *booked = note (document, "evt-room-booked");

  /* Another name at another place: not a rename. */
  sl_document_remove_field (document, booked, 4);
  sl_document_insert_field (document, booked, 0, "nights", SL_FIELD_INT);
}

static void
reorder_fields (SlDocument *document)
{
  sl_document_move_field (document, note (document, "evt-room-booked"), 0, 3);
}

static void
add_connection (SlDocument *document)
{
  sl_document_add_connection (document, note (document, "evt-room-booked"), note (document, "view-guest-account"));
}

static void
add_scenario (SlDocument *document)
{
  sl_document_add_scenario (document, note (document, "cmd-book-room"), "A booked room cannot be booked");
}

static SlScenario *
first_scenario (SlDocument *document)
{
  return element (document, "scn-add-room");
}

static void
retitle_scenario (SlDocument *document)
{
  sl_document_set_scenario_title (document, first_scenario (document), "The manager adds a room");
}

static void
set_scenario_error (SlDocument *document)
{
  sl_document_set_scenario_error (document, first_scenario (document), "Room exists");
}

static void
change_scenario_then (SlDocument *document)
{
  SlScenario *scenario = first_scenario (document);
  SlStep *step = sl_scenario_get_step (scenario, SL_STEP_THEN, 0);
  g_autoptr(SlStep) changed = sl_step_new_with_value (step, "roomNumber", "102");

  sl_document_set_scenario_steps (document, scenario, SL_STEP_THEN, &changed, 1);
}

static void
clear_scenario_given (SlDocument *document)
{
  SlScenario *scenario = element (document, "scn-add-room");
  g_autoptr(SlStep) given = sl_step_new (note (document, "evt-guest-registered"));

  sl_document_set_scenario_steps (document, scenario, SL_STEP_GIVEN, &given, 1);
}

static const DiffCase cases[] = {
  { "same", edit_nothing, FALSE, { NULL }, NULL },
  { "title", edit_title, FALSE, { "changed model title -" }, "Title changed from “Hotel” to “Inn”" },
  { "description", edit_description, FALSE, { "changed model description -" }, "Description changed" },
  { "aggregate-added", add_aggregate, FALSE, { "added aggregate - *" }, "Aggregate “Invoice” added" },
  { "aggregate-removed", add_aggregate, TRUE, { "removed aggregate - *" }, "Aggregate “Invoice” removed" },
  { "aggregate-renamed", rename_aggregate, FALSE, { "changed aggregate name agg-payment" },
    "Aggregate “Payment” renamed to “Billing”" },
  { "lane-added", add_lane, FALSE, { "added lane - *" }, "Lane “Cleaner” (Actor) added" },
  { "lane-removed", add_lane, TRUE, { "removed lane - *" }, "Lane “Cleaner” removed" },
  { "lane-renamed", rename_lane, FALSE, { "changed lane name lane-manager" }, "Lane “Manager” renamed to “Owner”" },
  { "lane-rekinded", rekind_lane, FALSE, { "changed lane kind lane-automations" },
    "Lane “Automations”: kind changed from Automation to Actor" },
  { "lane-moved", move_lane, FALSE, { "changed lane order lane-gps" }, "Lane “GPS” moved from place 9 to 1" },
  { "lane-aggregate", set_lane_aggregate, FALSE, { "changed lane aggregate lane-payment" },
    "Lane “Payment”: aggregate changed from “Payment” to “Booking”" },
  { "slice-added", add_slice, FALSE, { "added slice - *" }, "Slice “Invoices” added" },
  { "slice-removed", add_slice, TRUE, { "removed slice - *" }, "Slice “Invoices” removed" },
  { "slice-renamed", rename_slice, FALSE, { "changed slice name slice-pay" }, "Slice “Pay” renamed to “Payment”" },
  { "slice-status", set_slice_status, FALSE, { "changed slice status slice-pay" },
    "Slice “Pay”: status changed from Done to In Progress" },
  { "slice-range", resize_slice, FALSE, { "changed slice range slice-sales-report" },
    "Slice “Sales Report” moved or resized" },
  { "note-added", add_note, FALSE, { "added note - *" },
    "Comment “Ask the manager” added in lane “Guest”, slice “Sales Report”" },
  { "note-removed", add_note, TRUE, { "removed note - *" }, "Comment “Ask the manager” removed" },
  { "note-added-fields", add_note_with_field, FALSE, { "added note - *", "added field - *" },
    "View “Invoices” added in lane “Commands and views”, slice “Sales Report”" },
  { "note-renamed", rename_note, FALSE, { "changed note text evt-room-booked" },
    "Event “Room Booked” renamed to “Room Reserved”" },
  { "note-rekinded", rekind_note, FALSE, { "changed note kind view-guest-account" },
    "View “Guest Account” is now a Screen" },
  { "note-lane", move_note_to_lane, FALSE, { "changed note lane evt-room-booked" },
    "Event “Room Booked” moved from lane “Booking” to lane “Room”" },
  { "note-slice", move_note_to_slice, FALSE, { "changed note slice evt-room-booked" },
    "Event “Room Booked” moved from slice “Book Room” to slice “Available Rooms”" },
  { "note-within", move_note_within, FALSE, { "changed note position -" },
    "1 note moved within its lane and slice" },
  { "note-pivotal", unpivot_note, FALSE, { "changed note pivotal evt-room-booked" },
    "Event “Room Booked” no longer pivotal" },
  { "note-pivotal-set", unpivot_note, TRUE, { "changed note pivotal evt-room-booked" },
    "Event “Room Booked” marked pivotal" },
  { "note-aggregate", set_note_aggregate, FALSE, { "changed note aggregate cmd-book-room" },
    "Command “Book Room”: aggregate changed from none to “Room”" },
  { "field-added", add_field, FALSE, { "added field - evt-room-booked" },
    "Field “bookedAt” added to Event “Room Booked” (DateTime)" },
  { "field-removed", add_field, TRUE, { "removed field - evt-room-booked" },
    "Field “bookedAt” removed from Event “Room Booked”" },
  { "field-renamed", rename_field, FALSE, { "changed field name evt-room-booked" },
    "Field “bookingId” of Event “Room Booked” renamed to “reservationId”" },
  { "field-retyped", retype_field, FALSE, { "changed field type evt-room-booked" },
    "Field “roomNumber” of Event “Room Booked”: type changed from String to Int" },
  { "field-mapped", map_field, FALSE, { "changed field mapping evt-room-booked" },
    "Field “roomNumber” of Event “Room Booked”: mapping changed from none to “room”" },
  { "field-flags", flag_field, FALSE, { "changed field flags evt-room-booked" },
    "Field “roomNumber” of Event “Room Booked”: flags changed from none to list, optional" },
  { "field-example", set_field_example, FALSE, { "changed field example evt-room-booked" },
    "Field “roomNumber” of Event “Room Booked”: example changed from none to “102”" },
  { "field-replaced", remove_and_add_field, FALSE,
    { "added field - evt-room-booked", "removed field - evt-room-booked" },
    "Field “nights” added to Event “Room Booked” (Int)" },
  { "field-order", reorder_fields, FALSE, { "changed field order evt-room-booked" },
    "Fields of Event “Room Booked” reordered" },
  { "connection-added", add_connection, FALSE, { "added connection - *" },
    "Connection from Event “Room Booked” to View “Guest Account” added" },
  { "connection-removed", add_connection, TRUE, { "removed connection - *" },
    "Connection from Event “Room Booked” to View “Guest Account” removed" },
  { "scenario-added", add_scenario, FALSE, { "added scenario - *" },
    "Scenario “A booked room cannot be booked” of Command “Book Room” added" },
  { "scenario-removed", add_scenario, TRUE, { "removed scenario - *" },
    "Scenario “A booked room cannot be booked” of Command “Book Room” removed" },
  { "scenario-title", retitle_scenario, FALSE, { "changed scenario title scn-add-room" },
    "Scenario “A manager adds a room” of Command “Add Room” renamed to “The manager adds a room”" },
  { "scenario-error", set_scenario_error, FALSE, { "changed scenario error scn-add-room" },
    "Scenario “A manager adds a room” of Command “Add Room”: error changed from none to “Room exists”" },
  { "scenario-then", change_scenario_then, FALSE, { "changed scenario then scn-add-room" },
    "Scenario “A manager adds a room” of Command “Add Room”: Then changed" },
  { "scenario-given", clear_scenario_given, FALSE, { "changed scenario given scn-add-room" },
    "Scenario “A manager adds a room” of Command “Add Room”: Given changed" },
};

/* Helpers */

static JsonObject *
parse_diff (SlDiff     *diff,
            JsonParser *parser)
{
  g_autofree char *json = sl_diff_to_json (diff);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (strchr (json, '{'));
  g_assert_null (strchr (json, '\n'));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static const char *
member_or_dash (JsonObject *object,
                const char *name)
{
  if (!json_object_has_member (object, name) || json_object_get_null_member (object, name))
    return "-";
  return json_object_get_string_member (object, name);
}

static void
test_case (gconstpointer data)
{
  const DiffCase *diff_case = data;
  g_autoptr(SlDocument) old_document = test_load_example ();
  g_autoptr(SlDocument) new_document = test_load_example ();
  g_autoptr(SlDiff) diff = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root;
  JsonArray *array;
  guint n_expected = 0;

  diff_case->edit (diff_case->reverse ? old_document : new_document);
  diff = sl_diff_new (old_document, new_document);
  root = parse_diff (diff, parser);
  array = json_object_get_array_member (root, "changes");
  g_assert_cmpuint (json_array_get_length (array), ==, sl_diff_get_n_items (diff));

  /* What the check says is another test's: here, the model's changes. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (change, "text"), ==, sl_diff_item_get_text (diff, i));
      g_assert_cmpstr (json_object_get_string_member (change, "action"), ==,
                       sl_diff_action_to_string (sl_diff_item_get_action (diff, i)));
      if (g_str_equal (json_object_get_string_member (change, "element"), "problem"))
        continue;
      g_ptr_array_add (changes, g_strdup_printf ("%s %s %s %s",
                                                 json_object_get_string_member (change, "action"),
                                                 json_object_get_string_member (change, "element"),
                                                 member_or_dash (change, "property"),
                                                 member_or_dash (change, "id")));
    }

  while (diff_case->expected[n_expected] != NULL)
    n_expected++;
  for (guint i = 0; i < MIN (n_expected, changes->len); i++)
    {
      const char *expected = diff_case->expected[i];
      const char *actual = g_ptr_array_index (changes, i);

      g_autofree char *prefix = g_strndup (expected, strlen (expected) - 1);

      if (g_str_has_suffix (expected, " *"))
        g_assert_true (g_str_has_prefix (actual, prefix));
      else
        g_assert_cmpstr (actual, ==, expected);
    }
  g_assert_cmpuint (changes->len, ==, n_expected);

  g_assert_true (json_object_get_boolean_member (root, "same") == (n_expected == 0));
  g_assert_true (sl_diff_is_empty (diff) == (n_expected == 0 && sl_diff_get_n_items (diff) == 0));
  if (diff_case->words != NULL)
    g_assert_cmpstr (sl_diff_item_get_text (diff, 0), ==, diff_case->words);
}

/* The hotel is complete; an edit that breaks a field's flow shows as the
 * problems it brings, matched by rule, note and field, and undoing it as
 * the same problems gone. */
static void
test_problems (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(SlDocument) edited = test_load_example ();
  g_autoptr(SlDiff) forward = NULL;
  g_autoptr(SlDiff) backward = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *wanted[] = {
    "field-no-origin cmd-register-guest mail",
    "field-no-destination scr-register-guest email",
  };
  JsonObject *root;
  JsonArray *array;
  gint64 appeared;
  guint found = 0;

  /* Renaming a text leaves the same problems: none appears or goes. */
  sl_document_set_note_text (edited, note (edited, "evt-room-booked"), "Room Reserved");
  forward = sl_diff_new (hotel, edited);
  root = parse_diff (forward, parser);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "problems"), "appeared"), ==, 0);
  g_clear_pointer (&forward, sl_diff_free);

  sl_document_set_field_name (edited, note (edited, "cmd-register-guest"), 1, "mail");
  forward = sl_diff_new (hotel, edited);
  root = parse_diff (forward, parser);
  array = json_object_get_array_member (root, "changes");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = json_array_get_object_element (array, i);
      g_autofree char *key = NULL;

      if (!g_str_equal (json_object_get_string_member (change, "element"), "problem"))
        continue;
      g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "added");
      g_assert_nonnull (json_object_get_string_member (change, "message"));
      g_assert_nonnull (json_object_get_string_member (change, "severity"));
      key = g_strdup_printf ("%s %s %s", json_object_get_string_member (change, "rule"),
                             member_or_dash (change, "note"), member_or_dash (change, "field"));
      for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
        found += g_str_equal (key, wanted[w]);
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (wanted));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "problems"), "gone"), ==, 0);
  appeared = json_object_get_int_member (json_object_get_object_member (root, "problems"), "appeared");
  g_assert_cmpint (appeared, >=, 2);

  backward = sl_diff_new (edited, hotel);
  root = parse_diff (backward, parser);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "problems"), "appeared"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "problems"), "gone"), ==,
                   appeared);
  {
    g_autofree char *text = sl_diff_to_text (backward);

    g_assert_nonnull (strstr (text, "- Problem field-no-origin on field “mail” of Command “Register Guest” is gone: "));
  }
}

/* What the window highlights: the notes added, changed and removed, and
 * where the removed ones were. */
static void
test_notes (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(SlDocument) edited = test_load_example ();
  g_autoptr(SlDiff) diff = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  SlNote *added;
  SlDiffAction action = SL_DIFF_ADDED;
  gboolean saw_field = FALSE;

  added = sl_document_add_note (edited, SL_NOTE_HOTSPOT, element (edited, "lane-guest"), 100, 400, "Why?");
  sl_document_remove_note (edited, note (edited, "view-available-rooms"));
  sl_document_set_field_type (edited, note (edited, "cmd-book-room"), 0, SL_FIELD_STRING);
  sl_document_add_scenario (edited, note (edited, "view-guest-account"), "Shown after registering");
  sl_document_move_note (edited, note (edited, "cmd-add-room"), element (edited, "lane-interaction"), 50, 0);

  diff = sl_diff_new (hotel, edited);
  g_assert_true (sl_diff_get_note_action (diff, sl_element_get_id (SL_ELEMENT (added)), &action));
  g_assert_cmpint (action, ==, SL_DIFF_ADDED);
  g_assert_true (sl_diff_get_note_action (diff, "view-available-rooms", &action));
  g_assert_cmpint (action, ==, SL_DIFF_REMOVED);
  g_assert_true (sl_diff_get_note_action (diff, "cmd-book-room", &action));
  g_assert_cmpint (action, ==, SL_DIFF_CHANGED);
  g_assert_true (sl_diff_get_note_action (diff, "view-guest-account", &action));
  g_assert_cmpint (action, ==, SL_DIFF_CHANGED);
  /* Moved within its lane and slice, and untouched notes: no change. */
  g_assert_false (sl_diff_get_note_action (diff, "cmd-add-room", NULL));
  g_assert_false (sl_diff_get_note_action (diff, "evt-room-booked", NULL));

  /* The notes moved within their lane and slice, listed in the JSON */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *changes = json_object_get_array_member (parse_diff (diff, parser), "changes");
    gboolean listed = FALSE;

    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *change = json_array_get_object_element (changes, i);

        if (g_strcmp0 (member_or_dash (change, "property"), "position") != 0)
          continue;
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (change, "notes")), ==, 1);
        g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (change, "notes"), 0), ==,
                         "cmd-add-room");
        listed = TRUE;
      }
    g_assert_true (listed);
  }

  removed = sl_diff_get_removed_notes (diff);
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_true (g_ptr_array_index (removed, 0) == (gpointer) sl_document_lookup_note (hotel, "view-available-rooms"));

  for (guint i = 0; i < sl_diff_get_n_items (diff); i++)
    if (strstr (sl_diff_item_get_text (diff, i), "Field “guestId” of Command “Book Room”"))
      {
        g_assert_cmpstr (sl_diff_item_get_note_id (diff, i), ==, "cmd-book-room");
        saw_field = TRUE;
      }
  g_assert_true (saw_field);
}

/* Lines for people: one per item, marked, each one line whatever a note
 * holds; a long name cut short, the JSON holding it whole. */
static void
test_text (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(SlDocument) edited = test_load_example ();
  g_autoptr(SlDiff) diff = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *long_name = g_strnfill (200, 'x');
  g_autofree char *hostile = g_strconcat ("Room\nBooked\x1b[31m ", long_name, NULL);
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonObject *change;

  sl_document_set_note_text (edited, note (edited, "evt-room-booked"), hostile);
  sl_document_remove_note (edited, note (edited, "view-available-rooms"));
  sl_document_set_title (edited, "Inn");
  diff = sl_diff_new (hotel, edited);
  text = sl_diff_to_text (diff);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, sl_diff_get_n_items (diff) + 1);
  g_assert_cmpstr (lines[sl_diff_get_n_items (diff)], ==, "");
  g_assert_cmpstr (lines[0], ==, "~ Title changed from “Hotel” to “Inn”");
  g_assert_true (g_str_has_prefix (lines[1], "~ Event “Room Booked” renamed to “Room Booked\\x1b[31m xxx"));
  g_assert_true (g_str_has_suffix (lines[1], "x…”"));
  g_assert_cmpuint (g_utf8_strlen (sl_diff_item_get_text (diff, 1), -1), <, 120);
  g_assert_null (strchr (sl_diff_item_get_text (diff, 1), '\n'));
  g_assert_true (g_str_has_prefix (lines[2], "- View “Available Rooms” removed"));

  root = parse_diff (diff, parser);
  change = json_array_get_object_element (json_object_get_array_member (root, "changes"), 1);
  g_assert_cmpstr (json_object_get_string_member (change, "new"), ==, hostile);
  g_assert_cmpstr (json_object_get_string_member (change, "old"), ==, "Room Booked");
}

/* The listing for git's line diff: one element a line, no board places. */
static void
test_describe (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(SlDocument) empty = sl_document_new ();
  g_autofree char *listing = sl_diff_describe_document (hotel);
  g_autofree char *moved_listing = NULL;
  g_autofree char *empty_listing = sl_diff_describe_document (empty);

  g_assert_true (g_str_has_prefix (listing, "Title: Hotel\n"));
  g_assert_nonnull (strstr (listing, "\nEvent “Room Booked” in lane “Booking”, slice “Book Room”, pivotal\n"
                                     "  Field “bookingId”: UUID, generated, example “"));
  g_assert_nonnull (strstr (listing, "\nConnection from Screen “Add Room” to Command “Add Room”\n"));
  g_assert_nonnull (strstr (listing, "\nScenario “A manager adds a room” of Command “Add Room”\n"
                                     "  When Command “Add Room”: roomNumber = 101"));
  /* The hotel is complete: no problem to list. */
  g_assert_null (strstr (listing, "Problems:"));

  sl_document_move_note (hotel, note (hotel, "evt-room-booked"), element (hotel, "lane-booking"), 770, 40);
  moved_listing = sl_diff_describe_document (hotel);
  g_assert_cmpstr (moved_listing, ==, listing);

  g_assert_cmpstr (empty_listing, ==, "Title: \n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/diff/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/diff/problems", test_problems);
  g_test_add_func ("/diff/notes", test_notes);
  g_test_add_func ("/diff/text", test_text);
  g_test_add_func ("/diff/describe", test_describe);

  return g_test_run ();
}
