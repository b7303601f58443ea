/* test-merge.c: the three-way merge of models
 *
 * A table of merges of a small board: each case is ours' edits and theirs'
 * edits, in a little language of the document's mutations, the conflicts
 * the merge must find and the model it must give: ours' edits then the
 * part of theirs that merges (all of them when the merge is clean), made
 * through the document API with the same id seeds, so that the merged
 * file (without its hotspots) is compared byte for byte.
 *
 * Then a property: random edits on two branches of a random base always
 * merge to a valid model that reloads to the same bytes, and where the
 * branches touch different elements the merge is both edit sequences
 * applied one after the other. And the command line: exit statuses, -o,
 * the git merge driver's form writing to OURS, bad input named.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sys/wait.h>

#include "test-util.h"

#define OURS_SEED 11
#define THEIRS_SEED 22

static const char base_text[] =
  "{\n"
  "  \"stormline\": 1,\n"
  "  \"title\": \"Hotel\",\n"
  "  \"aggregates\": [\n"
  "    { \"id\": \"a1\", \"name\": \"Room\" },\n"
  "    { \"id\": \"a2\", \"name\": \"Guest\" }\n"
  "  ],\n"
  "  \"lanes\": [\n"
  "    { \"id\": \"L1\", \"kind\": \"actor\", \"name\": \"Guest\" },\n"
  "    { \"id\": \"L2\", \"kind\": \"interaction\", \"name\": \"Commands\" },\n"
  "    { \"id\": \"L3\", \"kind\": \"events\", \"name\": \"Room\", \"aggregate\": \"a1\" },\n"
  "    { \"id\": \"L4\", \"kind\": \"events\", \"name\": \"Spare\" }\n"
  "  ],\n"
  "  \"slices\": [\n"
  "    { \"id\": \"s1\", \"name\": \"Book\", \"x\": 0, \"width\": 500 }\n"
  "  ],\n"
  "  \"notes\": [\n"
  "    { \"id\": \"u1\", \"kind\": \"screen\", \"text\": \"Booking\", \"lane\": \"L1\", \"x\": 0,\n"
  "      \"fields\": [ { \"name\": \"roomId\" } ] },\n"
  "    { \"id\": \"c1\", \"kind\": \"command\", \"text\": \"Book Room\", \"lane\": \"L2\", \"x\": 200,\n"
  "      \"fields\": [ { \"name\": \"roomId\" }, { \"name\": \"guestId\", \"type\": \"UUID\" },\n"
  "                  { \"name\": \"nights\", \"type\": \"Int\" } ] },\n"
  "    { \"id\": \"e1\", \"kind\": \"event\", \"text\": \"Room Booked\", \"lane\": \"L3\", \"x\": 400,\n"
  "      \"fields\": [ { \"name\": \"roomId\" } ] },\n"
  "    { \"id\": \"v1\", \"kind\": \"view\", \"text\": \"Bookings\", \"lane\": \"L2\", \"x\": 600 }\n"
  "  ],\n"
  "  \"connections\": [\n"
  "    { \"id\": \"k1\", \"from\": \"u1\", \"to\": \"c1\" },\n"
  "    { \"id\": \"k2\", \"from\": \"c1\", \"to\": \"e1\" }\n"
  "  ],\n"
  "  \"scenarios\": [\n"
  "    { \"id\": \"sc1\", \"note\": \"c1\", \"title\": \"Books a free room\",\n"
  "      \"when\": [ { \"note\": \"c1\" } ], \"then\": [ { \"note\": \"e1\" } ] }\n"
  "  ]\n"
  "}\n";

/* The little language: edits separated by ";", their words by "|". */

static SlElement *
element (SlDocument *document,
         const char *id)
{
  SlElement *found = sl_document_lookup (document, id);

  if (found == NULL)
    g_error ("no element “%s”", id);
  return found;
}

static guint
field_index (SlDocument *document,
             const char *note_id,
             const char *name)
{
  guint index;

  if (sl_note_find_field (SL_NOTE (element (document, note_id)), name, &index) == NULL)
    g_error ("no field “%s” in “%s”", name, note_id);
  return index;
}

static void
apply_edit (SlDocument *d,
            const char *edit)
{
  g_auto(GStrv) w = g_strsplit (edit, "|", -1);
  const char *op = w[0];
  SlNoteKind note_kind;
  SlLaneKind lane_kind;
  SlFieldType type;
  SlSliceStatus status;

#define N(i) SL_NOTE (element (d, w[i]))
#define I(i) ((int) g_ascii_strtoll (w[i], NULL, 10))
  if (g_str_equal (op, "title"))
    sl_document_set_title (d, w[1]);
  else if (g_str_equal (op, "description"))
    sl_document_set_description (d, w[1]);
  else if (g_str_equal (op, "text"))
    sl_document_set_note_text (d, N (1), w[2]);
  else if (g_str_equal (op, "kind") && sl_note_kind_from_string (w[2], &note_kind))
    sl_document_set_note_kind (d, N (1), note_kind);
  else if (g_str_equal (op, "move"))
    sl_document_move_note (d, N (1), SL_LANE (element (d, w[2])), I (3), I (4));
  else if (g_str_equal (op, "aggregate"))
    sl_document_set_note_aggregate (d, N (1), *w[2] ? SL_AGGREGATE (element (d, w[2])) : NULL);
  else if (g_str_equal (op, "pivotal"))
    sl_document_set_note_pivotal (d, N (1), I (2));
  else if (g_str_equal (op, "add-note") && sl_note_kind_from_string (w[1], &note_kind))
    sl_document_add_note (d, note_kind, SL_LANE (element (d, w[2])), I (3), I (4), w[5]);
  else if (g_str_equal (op, "remove-note"))
    sl_document_remove_note (d, N (1));
  else if (g_str_equal (op, "add-field") && sl_field_type_from_string (w[4], &type))
    sl_document_insert_field (d, N (1), I (2), w[3], type);
  else if (g_str_equal (op, "remove-field"))
    sl_document_remove_field (d, N (1), field_index (d, w[1], w[2]));
  else if (g_str_equal (op, "rename-field"))
    sl_document_set_field_name (d, N (1), field_index (d, w[1], w[2]), w[3]);
  else if (g_str_equal (op, "field-type") && sl_field_type_from_string (w[3], &type))
    sl_document_set_field_type (d, N (1), field_index (d, w[1], w[2]), type);
  else if (g_str_equal (op, "field-flags"))
    sl_document_set_field_flags (d, N (1), field_index (d, w[1], w[2]), I (3));
  else if (g_str_equal (op, "field-mapping"))
    sl_document_set_field_mapping (d, N (1), field_index (d, w[1], w[2]), w[3]);
  else if (g_str_equal (op, "field-example"))
    sl_document_set_field_example (d, N (1), field_index (d, w[1], w[2]), w[3]);
  else if (g_str_equal (op, "move-field"))
    sl_document_move_field (d, N (1), field_index (d, w[1], w[2]), I (3));
  else if (g_str_equal (op, "add-lane") && sl_lane_kind_from_string (w[1], &lane_kind))
    sl_document_add_lane (d, lane_kind, w[2], I (3));
  else if (g_str_equal (op, "add-lane-after") && sl_lane_kind_from_string (w[1], &lane_kind))
    sl_document_add_lane (d, lane_kind, w[2],
                          *w[3] ? sl_document_get_lane_position (d, SL_LANE (element (d, w[3]))) + 1 : 0);
  else if (g_str_equal (op, "remove-lane"))
    sl_document_remove_lane (d, SL_LANE (element (d, w[1])));
  else if (g_str_equal (op, "lane-name"))
    sl_document_set_lane_name (d, SL_LANE (element (d, w[1])), w[2]);
  else if (g_str_equal (op, "lane-kind") && sl_lane_kind_from_string (w[2], &lane_kind))
    sl_document_set_lane_kind (d, SL_LANE (element (d, w[1])), lane_kind);
  else if (g_str_equal (op, "lane-aggregate"))
    sl_document_set_lane_aggregate (d, SL_LANE (element (d, w[1])),
                                    *w[2] ? SL_AGGREGATE (element (d, w[2])) : NULL);
  else if (g_str_equal (op, "move-lane"))
    sl_document_move_lane (d, SL_LANE (element (d, w[1])), I (2));
  else if (g_str_equal (op, "add-aggregate"))
    sl_document_add_aggregate (d, w[1]);
  else if (g_str_equal (op, "remove-aggregate"))
    sl_document_remove_aggregate (d, SL_AGGREGATE (element (d, w[1])));
  else if (g_str_equal (op, "aggregate-name"))
    sl_document_set_aggregate_name (d, SL_AGGREGATE (element (d, w[1])), w[2]);
  else if (g_str_equal (op, "add-slice"))
    sl_document_add_slice (d, w[1], I (2), I (3));
  else if (g_str_equal (op, "remove-slice"))
    sl_document_remove_slice (d, SL_SLICE (element (d, w[1])));
  else if (g_str_equal (op, "slice-name"))
    sl_document_set_slice_name (d, SL_SLICE (element (d, w[1])), w[2]);
  else if (g_str_equal (op, "slice-status") && sl_slice_status_from_string (w[2], &status))
    sl_document_set_slice_status (d, SL_SLICE (element (d, w[1])), status);
  else if (g_str_equal (op, "slice-range"))
    sl_document_set_slice_range (d, SL_SLICE (element (d, w[1])), I (2), I (3));
  else if (g_str_equal (op, "connect"))
    sl_document_add_connection (d, N (1), N (2));
  else if (g_str_equal (op, "disconnect"))
    sl_document_remove_connection (d, SL_CONNECTION (element (d, w[1])));
  else if (g_str_equal (op, "add-scenario"))
    sl_document_add_scenario (d, N (1), w[2]);
  else if (g_str_equal (op, "remove-scenario"))
    sl_document_remove_scenario (d, SL_SCENARIO (element (d, w[1])));
  else if (g_str_equal (op, "scenario-title"))
    sl_document_set_scenario_title (d, SL_SCENARIO (element (d, w[1])), w[2]);
  else if (g_str_equal (op, "scenario-error"))
    sl_document_set_scenario_error (d, SL_SCENARIO (element (d, w[1])), w[2]);
  else if (g_str_equal (op, "given"))
    {
      g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);

      for (guint i = 2; w[i] != NULL; i++)
        g_ptr_array_add (steps, sl_step_new (N (i)));
      sl_document_set_scenario_steps (d, SL_SCENARIO (element (d, w[1])), SL_STEP_GIVEN,
                                      (SlStep **) steps->pdata, steps->len);
    }
  else
    g_error ("unknown edit “%s”", edit);
#undef N
#undef I
}

static void
apply_edits (SlDocument *document,
             const char *edits)
{
  g_auto(GStrv) list = NULL;

  if (edits == NULL || *edits == 0)
    return;
  list = g_strsplit (edits, ";", -1);
  for (guint i = 0; list[i] != NULL; i++)
    apply_edit (document, list[i]);
}

static SlDocument *
edited (const char *edits,
        guint32     seed)
{
  SlDocument *document = test_load_string (base_text);

  sl_document_set_id_seed (document, seed);
  apply_edits (document, edits);
  return document;
}

/* The merged model without the hotspots the merge added. */
static char *
without_hotspots (SlDocument *merged,
                  guint       n_base_hotspots)
{
  g_autoptr(GBytes) bytes = sl_format_save_to_bytes (merged);
  g_autoptr(SlDocument) copy = sl_format_load_bytes (bytes, NULL);
  GListModel *notes = sl_document_get_notes (copy);
  guint seen = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes);)
    {
      SlNote *note = test_get_item (notes, i);

      if (sl_note_get_kind (note) == SL_NOTE_HOTSPOT && seen++ >= n_base_hotspots)
        sl_document_remove_note (copy, note);
      else
        i++;
    }
  return test_save_string (copy);
}

/* The merged model reads back to its own bytes: canonical, valid. */
static void
assert_canonical (SlDocument *merged)
{
  g_autoptr(GBytes) bytes = sl_format_save_to_bytes (merged);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) reread = sl_format_load_bytes (bytes, &error);
  g_autoptr(GBytes) again = NULL;

  g_assert_no_error (error);
  again = sl_format_save_to_bytes (reread);
  assert_bytes_equal (again, bytes);
}

typedef struct
{
  const char *path;
  const char *ours;
  const char *theirs;
  const char *expected;   /* theirs' edits in the result, after ours'; NULL: all of theirs */
  guint n_conflicts;
  const char *conflict;   /* (nullable): the words of the first conflict */
} MergeCase;

static const MergeCase cases[] = {
  /* Nothing, or one side only */
  { "/merge/nothing", "", "", NULL, 0, NULL },
  { "/merge/ours-only", "text|e1|Room Reserved;move|c1|L2|220|40", "", NULL, 0, NULL },
  { "/merge/theirs-only", "", "text|e1|Room Reserved;move|c1|L2|220|40", NULL, 0, NULL },
  { "/merge/same-change", "text|e1|Room Reserved", "text|e1|Room Reserved", "", 0, NULL },

  /* The model */
  { "/merge/title", "description|Ours", "title|Theirs", NULL, 0, NULL },
  { "/merge/title-conflict", "title|Ours", "title|Theirs", "", 1,
    "Ours retitled the model “Ours”; theirs retitled it “Theirs”" },

  /* Notes: independent changes of one note merge */
  { "/merge/note/text-and-move", "text|e1|Room Reserved", "move|e1|L3|480|0", NULL, 0, NULL },
  { "/merge/note/fields-and-move", "add-field|c1|-1|price|Decimal", "move|c1|L2|260|0", NULL, 0, NULL },
  { "/merge/note/kind-and-aggregate", "kind|v1|automation", "aggregate|v1|a2", NULL, 0, NULL },
  { "/merge/note/pivotal-both", "pivotal|e1|1", "pivotal|e1|1;text|e1|Booked", "text|e1|Booked", 0, NULL },
  { "/merge/note/added-both-sides", "add-note|event|L3|800|0|Guest Left",
    "add-note|command|L2|900|0|Check Out", NULL, 0, NULL },
  { "/merge/note/removed", "text|c1|Reserve Room", "remove-note|v1", NULL, 0, NULL },
  { "/merge/note/removed-both", "remove-note|v1", "remove-note|v1", "", 0, NULL },
  /* Notes: conflicts */
  { "/merge/note/text-conflict", "text|e1|Room Reserved", "text|e1|Booking Made", "", 1,
    "Ours renamed “Room Booked” to “Room Reserved”; theirs renamed it to “Booking Made”" },
  { "/merge/note/kind-conflict", "kind|v1|automation", "kind|v1|screen", "", 1,
    "Ours changed the kind of “Bookings” to “Automation”; theirs changed it to “Screen”" },
  { "/merge/note/move-conflict", "move|e1|L3|480|0", "move|e1|L4|400|0", "", 1,
    "Ours moved “Room Booked” to “Room” at 480, 0; theirs moved it to “Spare” at 400, 0" },
  { "/merge/note/aggregate-conflict", "aggregate|v1|a1", "aggregate|v1|a2", "", 1,
    "Ours set the aggregate of “Bookings” to “Room”; theirs set it to “Guest”" },
  { "/merge/note/deleted-changed", "remove-note|e1", "text|e1|Booking Made", "", 1,
    "Ours deleted “Booking Made”; theirs changed it" },
  { "/merge/note/changed-deleted", "text|e1|Booking Made", "remove-note|e1", "", 1,
    "Ours changed “Booking Made”; theirs deleted it" },

  /* Fields */
  { "/merge/field/added-both", "add-field|c1|3|price|Decimal", "add-field|c1|0|hotel|String", NULL, 0, NULL },
  { "/merge/field/same-added", "add-field|c1|3|price|Decimal", "add-field|c1|3|price|Decimal", "", 0, NULL },
  { "/merge/field/added-differently", "add-field|c1|3|price|Decimal", "add-field|c1|3|price|Int", "", 1,
    "Ours and theirs both added a field “price” to “Book Room”, differently" },
  { "/merge/field/removed", "field-type|c1|nights|Long", "remove-field|c1|guestId", NULL, 0, NULL },
  { "/merge/field/retyped-removed", "field-type|c1|guestId|String", "remove-field|c1|guestId", "", 1,
    "Ours changed the field “guestId” of “Book Room”; theirs deleted it" },
  { "/merge/field/removed-retyped", "remove-field|c1|guestId", "field-type|c1|guestId|String", "", 1,
    "Ours deleted the field “guestId” of “Book Room”; theirs changed it" },
  { "/merge/field/properties", "field-mapping|c1|roomId|room;field-flags|c1|nights|2",
    "field-example|c1|roomId|101;field-flags|c1|nights|4;field-type|c1|guestId|String",
    /* Flag by flag: ours' list and theirs' optional */
    "field-example|c1|roomId|101;field-flags|c1|nights|6;field-type|c1|guestId|String", 0, NULL },
  { "/merge/note/changed-deleted-connected", "text|c1|Reserve", "remove-note|c1", "", 1,
    "Ours changed “Reserve”; theirs deleted it" },
  { "/merge/field/flags-both", "field-flags|c1|nights|6", "field-flags|c1|nights|4", "", 0, NULL },
  { "/merge/field/type-conflict", "field-type|c1|nights|Long", "field-type|c1|nights|Double", "", 1,
    "Ours made the field “nights” of “Book Room” a Long; theirs made it a Double" },
  { "/merge/field/mapping-conflict", "field-mapping|c1|roomId|room", "field-mapping|c1|roomId|number", "", 1,
    "Ours mapped the field “roomId” of “Book Room” from “room”; theirs mapped it from “number”" },
  { "/merge/field/example-conflict", "field-example|c1|nights|2", "field-example|c1|nights|3", "", 1,
    "Ours set the example of the field “nights” of “Book Room” to “2”; theirs set it to “3”" },
  { "/merge/field/renamed", "rename-field|c1|nights|stay", "field-type|c1|roomId|Int", NULL, 0, NULL },
  { "/merge/field/moved", "field-type|c1|roomId|Int", "move-field|c1|nights|0", NULL, 0, NULL },
  { "/merge/field/moved-and-added", "add-field|c1|1|price|Decimal", "move-field|c1|nights|0",
    NULL, 0, NULL },
  { "/merge/field/moved-both", "move-field|c1|nights|0", "move-field|c1|roomId|2", "", 1,
    "Ours and theirs both reordered the fields of “Book Room”, differently" },

  /* Lanes */
  { "/merge/lane/renamed-and-note-added", "lane-name|L3|Rooms", "add-note|event|L3|800|0|Room Freed",
    NULL, 0, NULL },
  { "/merge/lane/name-conflict", "lane-name|L3|Rooms", "lane-name|L3|Bedrooms", "", 1,
    "Ours renamed the lane “Room” to “Rooms”; theirs renamed it to “Bedrooms”" },
  { "/merge/lane/kind", "lane-kind|L4|external", "lane-name|L4|Payments", NULL, 0, NULL },
  { "/merge/lane/kind-conflict", "lane-kind|L4|external", "lane-kind|L4|automation", "", 1, NULL },
  { "/merge/lane/aggregate", "lane-aggregate|L4|a2", "lane-name|L4|Guest", NULL, 0, NULL },
  { "/merge/lane/added", "add-lane|external|Bank|-1", "add-lane|automation|Robots|1", NULL, 0, NULL },
  { "/merge/lane/moved", "lane-name|L1|Guests", "move-lane|L4|0", NULL, 0, NULL },
  { "/merge/lane/moved-both", "move-lane|L4|0", "move-lane|L1|3", "", 1,
    "Ours and theirs both reordered the lanes, differently" },
  { "/merge/lane/removed", "text|e1|Booked", "remove-lane|L4", NULL, 0, NULL },
  { "/merge/lane/removed-with-note-added", "add-note|event|L4|800|0|Guest Left", "remove-lane|L4", "", 1,
    "Ours put “Guest Left” in the lane “Spare”; theirs deleted the lane: it is kept" },

  /* Aggregates */
  { "/merge/aggregate/renamed", "aggregate-name|a1|Rooms", "add-aggregate|Payment", NULL, 0, NULL },
  { "/merge/aggregate/name-conflict", "aggregate-name|a1|Rooms", "aggregate-name|a1|Bedrooms", "", 1,
    "Ours renamed the aggregate “Room” to “Rooms”; theirs renamed it to “Bedrooms”" },
  { "/merge/aggregate/removed", "text|e1|Booked", "remove-aggregate|a2", NULL, 0, NULL },
  { "/merge/aggregate/removed-while-used", "aggregate|v1|a2", "remove-aggregate|a2", "", 1,
    "Ours put “Bookings” in the aggregate “Guest”; theirs deleted the aggregate: it is kept" },

  /* Slices */
  { "/merge/slice/name-and-status", "slice-name|s1|Booking", "slice-status|s1|done", NULL, 0, NULL },
  { "/merge/slice/range-conflict", "slice-range|s1|0|600", "slice-range|s1|100|500", "", 1,
    "Ours moved the slice “Book” to 0, 600 wide; theirs moved it to 100, 500 wide" },
  { "/merge/slice/status-conflict", "slice-status|s1|done", "slice-status|s1|in-progress", "", 1, NULL },
  { "/merge/slice/added-removed", "add-slice|Pay|600|300", "remove-slice|s1", NULL, 0, NULL },

  /* Connections */
  { "/merge/connection/added", "connect|e1|v1", "disconnect|k1", NULL, 0, NULL },
  { "/merge/connection/same-added", "connect|e1|v1", "connect|e1|v1", "", 0, NULL },
  { "/merge/connection/note-removed", "connect|e1|v1", "remove-note|v1", NULL, 0, NULL },
  { "/merge/connection/to-removed-note", "remove-note|v1", "connect|e1|v1", "", 0, NULL },

  /* Scenarios */
  { "/merge/scenario/title-and-steps", "scenario-title|sc1|Books a room", "given|sc1|e1", NULL, 0, NULL },
  { "/merge/scenario/title-conflict", "scenario-title|sc1|A", "scenario-title|sc1|B", "", 1,
    "Ours renamed the scenario “Books a free room” to “A”; theirs renamed it to “B”" },
  { "/merge/scenario/error-conflict", "scenario-error|sc1|Full", "scenario-error|sc1|Closed", "", 1,
    "Ours set the error of the scenario “Books a free room” to “Full”; theirs set it to “Closed”" },
  { "/merge/scenario/steps-conflict", "given|sc1|e1", "given|sc1|u1", "", 1, NULL },
  { "/merge/scenario/added", "add-scenario|e1|Ours", "add-scenario|v1|Theirs", NULL, 0, NULL },
  { "/merge/scenario/note-removed", "add-scenario|v1|Ours", "remove-note|v1", NULL, 0, NULL },
  { "/merge/scenario/step-note-removed", "given|sc1|v1", "remove-note|v1", NULL, 0, NULL },
  { "/merge/scenario/removed", "scenario-title|sc1|A", "remove-scenario|sc1", "", 1,
    "Ours changed the scenario “A”; theirs deleted it" },
};

static void
test_case (gconstpointer data)
{
  const MergeCase *c = data;
  g_autoptr(SlDocument) base = test_load_string (base_text);
  g_autoptr(SlDocument) ours = edited (c->ours, OURS_SEED);
  g_autoptr(SlDocument) theirs = edited (c->theirs, THEIRS_SEED);
  g_autoptr(SlDocument) expected = edited (c->ours, OURS_SEED);
  g_autoptr(SlDocument) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *merged_text = NULL;
  g_autofree char *expected_text = NULL;
  GListModel *notes;
  guint n_hotspots = 0;

  sl_document_set_id_seed (expected, THEIRS_SEED);
  apply_edits (expected, c->expected != NULL ? c->expected : c->theirs);

  merged = sl_merge_documents (base, ours, theirs, &conflicts);
  g_assert_nonnull (merged);
  assert_canonical (merged);
  g_assert_false (sl_history_can_undo (sl_document_get_history (merged)));

  for (guint i = 0; i < conflicts->len; i++)
    g_test_message ("conflict: %s", (char *) g_ptr_array_index (conflicts, i));
  g_assert_cmpuint (conflicts->len, ==, c->n_conflicts);
  if (c->conflict != NULL)
    g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, c->conflict);

  /* One hotspot a conflict, saying it */
  notes = sl_document_get_notes (merged);
  for (guint i = 0; i < test_n_items (notes); i++)
    {
      SlNote *note = test_get_item (notes, i);

      if (sl_note_get_kind (note) != SL_NOTE_HOTSPOT)
        continue;
      g_assert_cmpuint (n_hotspots, <, conflicts->len);
      g_assert_cmpstr (sl_note_get_text (note), ==, g_ptr_array_index (conflicts, n_hotspots));
      n_hotspots++;
    }
  g_assert_cmpuint (n_hotspots, ==, conflicts->len);

  merged_text = without_hotspots (merged, 0);
  expected_text = test_save_string (expected);
  g_assert_cmpstr (merged_text, ==, expected_text);

  /* The three are left as they were. */
  {
    g_autofree char *base_again = test_save_string (base);
    g_autoptr(SlDocument) fresh = test_load_string (base_text);
    g_autofree char *fresh_text = test_save_string (fresh);

    g_assert_cmpstr (base_again, ==, fresh_text);
  }
}

/* A hotspot stands next to its note: in its lane, in its column (so in
 * its slice), below it, covering no card. */
static void
test_hotspot_place (void)
{
  g_autoptr(SlDocument) base = test_load_string (base_text);
  g_autoptr(SlDocument) ours = edited ("text|e1|Room Reserved;add-note|event|L3|400|140|Below", OURS_SEED);
  g_autoptr(SlDocument) theirs = edited ("text|e1|Booking Made", THEIRS_SEED);
  g_autoptr(SlDocument) merged = sl_merge_documents (base, ours, theirs, NULL);
  GListModel *notes = sl_document_get_notes (merged);
  SlNote *hotspot = test_get_item (notes, test_n_items (notes) - 1);
  SlNote *event = SL_NOTE (sl_document_lookup (merged, "e1"));

  g_assert_cmpint (sl_note_get_kind (hotspot), ==, SL_NOTE_HOTSPOT);
  g_assert_true (sl_note_get_lane (hotspot) == sl_note_get_lane (event));
  g_assert_cmpint (sl_note_get_x (hotspot), ==, sl_note_get_x (event));
  g_assert_true (sl_document_get_note_slice (merged, hotspot) == sl_document_get_note_slice (merged, event));
  /* Below the event (y 0, one field) and the note ours put below it (y 140) */
  g_assert_cmpint (sl_note_get_y (hotspot), >=, 140 + 100);

  /* The same three merge to the same bytes, hotspot ids included. */
  {
    g_autoptr(SlDocument) again = sl_merge_documents (base, ours, theirs, NULL);
    g_autofree char *a = test_save_string (merged);
    g_autofree char *b = test_save_string (again);

    g_assert_cmpstr (a, ==, b);
  }
}

/* A lane ours deleted while theirs put a note in it is kept, with the
 * note, and so is an aggregate ours deleted that theirs uses. */
static void
test_lane_kept (void)
{
  g_autoptr(SlDocument) base = test_load_string (base_text);
  g_autoptr(SlDocument) ours = edited ("remove-lane|L4;remove-aggregate|a2", OURS_SEED);
  g_autoptr(SlDocument) theirs = edited ("add-note|event|L4|800|0|Guest Left;aggregate|v1|a2", THEIRS_SEED);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(SlDocument) merged = sl_merge_documents (base, ours, theirs, &conflicts);
  SlLane *lane = SL_LANE (sl_document_lookup (merged, "L4"));
  SlNote *note = NULL;
  GListModel *notes = sl_document_get_notes (merged);

  assert_canonical (merged);
  g_assert_cmpuint (conflicts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==,
                   "Ours deleted the aggregate “Guest”; theirs put “Bookings” in it: it is kept");
  g_assert_cmpstr (g_ptr_array_index (conflicts, 1), ==,
                   "Ours deleted the lane “Spare”; theirs put “Guest Left” in it: it is kept");
  g_assert_nonnull (lane);
  g_assert_cmpstr (sl_lane_get_name (lane), ==, "Spare");
  g_assert_cmpint (sl_document_get_lane_position (merged, lane), ==, 3);
  for (guint i = 0; i < test_n_items (notes); i++)
    if (g_strcmp0 (sl_note_get_text (test_get_item (notes, i)), "Guest Left") == 0)
      note = test_get_item (notes, i);
  g_assert_nonnull (note);
  g_assert_true (sl_note_get_lane (note) == lane);
  g_assert_cmpstr (sl_aggregate_get_name (sl_note_get_aggregate (SL_NOTE (sl_document_lookup (merged, "v1")))), ==,
                   "Guest");
}

/* Both sides added an element with the same id: the same content merges,
 * different content is a conflict that keeps ours. */
static void
test_same_id (void)
{
  g_autoptr(SlDocument) base = test_load_string (base_text);
  g_autoptr(SlDocument) ours = edited ("add-note|event|L3|800|0|Guest Left", 5);
  g_autoptr(SlDocument) same = edited ("add-note|event|L3|800|0|Guest Left", 5);
  g_autoptr(SlDocument) theirs = edited ("add-note|event|L3|800|0|Guest Gone", 5);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(SlDocument) merged = NULL;
  g_autofree char *ours_text = test_save_string (ours);
  g_autofree char *merged_text = NULL;
  GListModel *notes = sl_document_get_notes (ours);
  SlNote *added = test_get_item (notes, test_n_items (notes) - 1);

  merged = sl_merge_documents (base, ours, same, &conflicts);
  merged_text = test_save_string (merged);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (merged_text, ==, ours_text);
  g_clear_object (&merged);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  g_assert_nonnull (sl_document_lookup (theirs, sl_element_get_id (SL_ELEMENT (added))));
  merged = sl_merge_documents (base, ours, theirs, &conflicts);
  assert_canonical (merged);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, "Ours and theirs both added “Guest Left”, differently");
  g_assert_cmpstr (sl_note_get_text (SL_NOTE (sl_document_lookup (merged, sl_element_get_id (SL_ELEMENT (added))))),
                   ==, "Guest Left");
}

/* Each conflict has a hotspot of its own, none over another. */
static void
test_hotspots_apart (void)
{
  g_autoptr(SlDocument) base = test_load_string (base_text);
  g_autoptr(SlDocument) ours = edited ("text|e1|A;kind|e1|view;field-type|e1|roomId|Int;title|X", OURS_SEED);
  g_autoptr(SlDocument) theirs = edited ("text|e1|B;kind|e1|command;field-type|e1|roomId|Long;title|Y",
                                         THEIRS_SEED);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(SlDocument) merged = sl_merge_documents (base, ours, theirs, &conflicts);
  GListModel *notes = sl_document_get_notes (merged);
  g_autoptr(GPtrArray) hotspots = g_ptr_array_new ();

  g_assert_cmpuint (conflicts->len, ==, 4);
  for (guint i = 0; i < test_n_items (notes); i++)
    if (sl_note_get_kind (test_get_item (notes, i)) == SL_NOTE_HOTSPOT)
      g_ptr_array_add (hotspots, test_get_item (notes, i));
  g_assert_cmpuint (hotspots->len, ==, 4);

  for (guint i = 0; i < hotspots->len; i++)
    for (guint j = i + 1; j < hotspots->len; j++)
      {
        SlNote *a = g_ptr_array_index (hotspots, i), *b = g_ptr_array_index (hotspots, j);

        if (sl_note_get_lane (a) == sl_note_get_lane (b))
          g_assert_true (ABS (sl_note_get_x (a) - sl_note_get_x (b)) >= 160 ||
                         ABS (sl_note_get_y (a) - sl_note_get_y (b)) >= 100);
      }
}

static void
test_bytes (void)
{
  g_autoptr(SlDocument) ours = edited ("text|e1|Room Reserved", OURS_SEED);
  g_autoptr(SlDocument) theirs = edited ("text|e1|Booking Made", THEIRS_SEED);
  g_autoptr(GBytes) base_bytes = g_bytes_new_static (base_text, strlen (base_text));
  g_autoptr(GBytes) ours_bytes = sl_format_save_to_bytes (ours);
  g_autoptr(GBytes) theirs_bytes = sl_format_save_to_bytes (theirs);
  static const char bad_text[] = "{\"stormline\": 1, \"notes\": [ { } ] }";
  g_autoptr(GBytes) bad = g_bytes_new_static (bad_text, strlen (bad_text));
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GBytes) canonical = NULL;
  g_autoptr(SlDocument) reread = NULL;
  g_autoptr(GError) error = NULL;
  guint n_conflicts = 99;

  merged = sl_merge_bytes (base_bytes, ours_bytes, theirs_bytes, &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 1);
  reread = sl_format_load_bytes (merged, &error);
  g_assert_no_error (error);
  canonical = sl_format_save_to_bytes (reread);
  assert_bytes_equal (merged, canonical);
  g_clear_pointer (&merged, g_bytes_unref);

  merged = sl_merge_bytes (base_bytes, ours_bytes, ours_bytes, &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 0);
  assert_bytes_equal (merged, ours_bytes);
  g_clear_pointer (&merged, g_bytes_unref);

  /* A bad version is named. */
  g_assert_null (sl_merge_bytes (bad, ours_bytes, theirs_bytes, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "base: "));
  g_clear_error (&error);
  g_assert_null (sl_merge_bytes (base_bytes, bad, theirs_bytes, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "ours: "));
  g_clear_error (&error);
  g_assert_null (sl_merge_bytes (base_bytes, ours_bytes, bad, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "theirs: "));
  g_assert_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_INVALID);
}

/* The property: random branches */

#define N_SEEDS 200
#define N_EDITS 30

typedef struct
{
  SlDocument *document;
  GRand *rand;
  int side;          /* 0 ours, 1 theirs; -1: any element */
  GString *log;      /* the edits made, in the little language */
} Branch;

/* Whether @id is the side's to edit: the base's elements are split
 * between the two sides by their ids, and what a side adds is its own. */
static gboolean
is_own (Branch     *branch,
        const char *id,
        GHashTable *base_ids)
{
  if (branch->side < 0)
    return TRUE;
  if (!g_hash_table_contains (base_ids, id))
    return TRUE;
  return (g_str_hash (id) & 1) == (guint) branch->side;
}

static gpointer
pick_own (Branch     *branch,
          GListModel *list,
          GHashTable *base_ids)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlElement *element = test_get_item (list, i);

      if (is_own (branch, sl_element_get_id (element), base_ids))
        g_ptr_array_add (own, element);
    }
  if (own->len == 0)
    return NULL;
  return g_ptr_array_index (own, g_rand_int_range (branch->rand, 0, own->len));
}

static void
log_edit (Branch     *branch,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
log_edit (Branch     *branch,
          const char *format,
          ...)
{
  g_autofree char *edit = NULL;
  va_list args;

  va_start (args, format);
  edit = g_strdup_vprintf (format, args);
  va_end (args);

  if (branch->log->len > 0)
    g_string_append_c (branch->log, ';');
  g_string_append (branch->log, edit);
  apply_edit (branch->document, edit);
}

/* One random edit of the branch's own elements, made and logged; with
 * side -1 also the edits that touch other elements (removing lanes and
 * aggregates, moving lanes). */
static void
random_edit (Branch     *branch,
             GHashTable *base_ids)
{
  static const char * const words[] = { "Room", "Booked", "Guest", "Ünï", "Ω", "Pay", "Left" };
  SlDocument *d = branch->document;
  GRand *r = branch->rand;
  SlNote *note = pick_own (branch, sl_document_get_notes (d), base_ids);
  SlNote *other = pick_own (branch, sl_document_get_notes (d), base_ids);
  SlLane *lane = pick_own (branch, sl_document_get_lanes (d), base_ids);
  SlAggregate *aggregate = pick_own (branch, sl_document_get_aggregates (d), base_ids);
  SlSlice *slice = pick_own (branch, sl_document_get_slices (d), base_ids);
  SlScenario *scenario = pick_own (branch, sl_document_get_scenarios (d), base_ids);
  SlConnection *connection = pick_own (branch, sl_document_get_connections (d), base_ids);
  const char *word = words[g_rand_int_range (r, 0, G_N_ELEMENTS (words))];
  int x = g_rand_int_range (r, -500, 5000) / 10 * 10;
  int y = g_rand_int_range (r, 0, 400) / 10 * 10;
  static const char * const kinds[] = { "event", "command", "view", "screen", "automation" };
  static const char * const types[] = { "String", "Int", "UUID", "Decimal" };

  switch (g_rand_int_range (r, 0, branch->side < 0 ? 24 : 21))
    {
    case 0:
      if (branch->side != 1)
        log_edit (branch, "title|%s %d", word, x);
      else
        log_edit (branch, "description|%s %d", word, x);
      break;
    case 1:
      log_edit (branch, "add-aggregate|%s", word);
      break;
    case 2:
      if (aggregate != NULL)
        log_edit (branch, "aggregate-name|%s|%s %d", sl_element_get_id (SL_ELEMENT (aggregate)), word, x);
      break;
    case 3:
      /* After a lane of the base, as the merge puts it */
      {
        GListModel *lanes = sl_document_get_lanes (d);
        guint n = g_list_model_get_n_items (lanes);
        guint position = g_rand_int_range (r, 0, n + 1);

        while (position > 0 && !g_hash_table_contains (base_ids, sl_element_get_id (test_get_item (lanes,
                                                                                                   position - 1))))
          position--;
        log_edit (branch, "add-lane-after|%s|%s|%s", g_rand_boolean (r) ? "events" : "automation", word,
                  position > 0 ? sl_element_get_id (test_get_item (lanes, position - 1)) : "");
      }
      break;
    case 4:
      if (lane != NULL)
        switch (g_rand_int_range (r, 0, 3))
          {
          case 0:
            log_edit (branch, "lane-name|%s|%s %d", sl_element_get_id (SL_ELEMENT (lane)), word, x);
            break;
          case 1:
            log_edit (branch, "lane-kind|%s|%s", sl_element_get_id (SL_ELEMENT (lane)),
                      g_rand_boolean (r) ? "external" : "interaction");
            break;
          default:
            log_edit (branch, "lane-aggregate|%s|%s", sl_element_get_id (SL_ELEMENT (lane)),
                      aggregate != NULL ? sl_element_get_id (SL_ELEMENT (aggregate)) : "");
            break;
          }
      break;
    case 5:
      log_edit (branch, "add-slice|%s|%d|%d", word, x, g_rand_int_range (r, 1, 900));
      break;
    case 6:
      if (slice != NULL)
        switch (g_rand_int_range (r, 0, 4))
          {
          case 0:
            log_edit (branch, "remove-slice|%s", sl_element_get_id (SL_ELEMENT (slice)));
            break;
          case 1:
            log_edit (branch, "slice-name|%s|%s", sl_element_get_id (SL_ELEMENT (slice)), word);
            break;
          case 2:
            log_edit (branch, "slice-status|%s|%s", sl_element_get_id (SL_ELEMENT (slice)),
                      g_rand_boolean (r) ? "done" : "in-progress");
            break;
          default:
            log_edit (branch, "slice-range|%s|%d|%d", sl_element_get_id (SL_ELEMENT (slice)), x,
                      g_rand_int_range (r, 1, 900));
            break;
          }
      break;
    case 7: case 8:
      if (lane != NULL)
        log_edit (branch, "add-note|%s|%s|%d|%d|%s %d", kinds[g_rand_int_range (r, 0, G_N_ELEMENTS (kinds))],
                  sl_element_get_id (SL_ELEMENT (lane)), x, y, word, x);
      break;
    case 9:
      if (note != NULL)
        log_edit (branch, "remove-note|%s", sl_element_get_id (SL_ELEMENT (note)));
      break;
    case 10:
      if (note != NULL)
        log_edit (branch, "text|%s|%s %d", sl_element_get_id (SL_ELEMENT (note)), word, x);
      break;
    case 11:
      if (note != NULL)
        switch (g_rand_int_range (r, 0, 3))
          {
          case 0:
            log_edit (branch, "kind|%s|%s", sl_element_get_id (SL_ELEMENT (note)),
                      kinds[g_rand_int_range (r, 0, G_N_ELEMENTS (kinds))]);
            break;
          case 1:
            log_edit (branch, "aggregate|%s|%s", sl_element_get_id (SL_ELEMENT (note)),
                      aggregate != NULL ? sl_element_get_id (SL_ELEMENT (aggregate)) : "");
            break;
          default:
            log_edit (branch, "pivotal|%s|%d", sl_element_get_id (SL_ELEMENT (note)), g_rand_boolean (r));
            break;
          }
      break;
    case 12:
      if (note != NULL && lane != NULL)
        log_edit (branch, "move|%s|%s|%d|%d", sl_element_get_id (SL_ELEMENT (note)),
                  sl_element_get_id (SL_ELEMENT (lane)), x, y);
      break;
    case 13: case 14:
      if (note != NULL)
        log_edit (branch, "add-field|%s|%d|%s%d|%s", sl_element_get_id (SL_ELEMENT (note)),
                  g_rand_int_range (r, -1, 3), word, g_rand_int_range (r, 0, 4),
                  types[g_rand_int_range (r, 0, G_N_ELEMENTS (types))]);
      break;
    case 15:
      if (note != NULL && sl_note_get_n_fields (note) > 0)
        {
          guint n = sl_note_get_n_fields (note);
          const char *id = sl_element_get_id (SL_ELEMENT (note));
          const char *name = sl_field_get_name (sl_note_get_field (note, g_rand_int_range (r, 0, n)));

          /* By name: the first field of that name */
          switch (g_rand_int_range (r, 0, 6))
            {
            case 0: log_edit (branch, "remove-field|%s|%s", id, name); break;
            case 1: log_edit (branch, "move-field|%s|%s|%d", id, name, g_rand_int_range (r, 0, n)); break;
            case 2: log_edit (branch, "field-type|%s|%s|%s", id, name,
                              types[g_rand_int_range (r, 0, G_N_ELEMENTS (types))]); break;
            case 3: log_edit (branch, "field-flags|%s|%s|%d", id, name, g_rand_int_range (r, 0, 16)); break;
            case 4: log_edit (branch, "field-mapping|%s|%s|%s", id, name, word); break;
            default: log_edit (branch, "field-example|%s|%s|%s", id, name, word); break;
            }
        }
      break;
    case 16:
      if (note != NULL && other != NULL && note != other)
        log_edit (branch, "connect|%s|%s", sl_element_get_id (SL_ELEMENT (note)),
                  sl_element_get_id (SL_ELEMENT (other)));
      break;
    case 17:
      if (connection != NULL &&
          is_own (branch, sl_element_get_id (SL_ELEMENT (sl_connection_get_source (connection))), base_ids) &&
          is_own (branch, sl_element_get_id (SL_ELEMENT (sl_connection_get_target (connection))), base_ids))
        log_edit (branch, "disconnect|%s", sl_element_get_id (SL_ELEMENT (connection)));
      break;
    case 18:
      if (note != NULL)
        log_edit (branch, "add-scenario|%s|%s", sl_element_get_id (SL_ELEMENT (note)), word);
      break;
    case 19:
      if (scenario != NULL && is_own (branch, sl_element_get_id (SL_ELEMENT (sl_scenario_get_note (scenario))),
                                      base_ids))
        switch (g_rand_int_range (r, 0, 4))
          {
          case 0:
            log_edit (branch, "remove-scenario|%s", sl_element_get_id (SL_ELEMENT (scenario)));
            break;
          case 1:
            log_edit (branch, "scenario-title|%s|%s", sl_element_get_id (SL_ELEMENT (scenario)), word);
            break;
          case 2:
            log_edit (branch, "scenario-error|%s|%s", sl_element_get_id (SL_ELEMENT (scenario)), word);
            break;
          default:
            if (note != NULL && other != NULL)
              log_edit (branch, "given|%s|%s|%s", sl_element_get_id (SL_ELEMENT (scenario)),
                        sl_element_get_id (SL_ELEMENT (note)), sl_element_get_id (SL_ELEMENT (other)));
            break;
          }
      break;
    case 20:
      if (note != NULL)
        log_edit (branch, "text|%s|%s", sl_element_get_id (SL_ELEMENT (note)), word);
      break;
    /* Only with side -1: edits that reach other elements */
    case 21:
      if (lane != NULL && g_list_model_get_n_items (sl_document_get_lanes (d)) > 1)
        log_edit (branch, "remove-lane|%s", sl_element_get_id (SL_ELEMENT (lane)));
      break;
    case 22:
      if (aggregate != NULL)
        log_edit (branch, "remove-aggregate|%s", sl_element_get_id (SL_ELEMENT (aggregate)));
      break;
    default:
      if (lane != NULL)
        log_edit (branch, "move-lane|%s|%d", sl_element_get_id (SL_ELEMENT (lane)),
                  g_rand_int_range (r, 0, g_list_model_get_n_items (sl_document_get_lanes (d))));
      break;
    }
}

/* A random base: the little board and a few random edits of it. */
static SlDocument *
random_base (guint seed)
{
  SlDocument *document = test_load_string (base_text);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Branch branch = { document, g_rand_new_with_seed (seed), -1, g_string_new (NULL) };

  sl_document_set_id_seed (document, seed);
  for (guint i = 0; i < 20; i++)
    random_edit (&branch, ids);

  g_rand_free (branch.rand);
  g_string_free (branch.log, TRUE);
  return document;
}

static GHashTable *
element_ids (SlDocument *document)
{
  GListModel *(*lists[]) (SlDocument *) = {
    sl_document_get_aggregates, sl_document_get_lanes, sl_document_get_slices, sl_document_get_notes,
    sl_document_get_connections, sl_document_get_scenarios,
  };
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l] (document)); i++)
      g_hash_table_add (ids, g_strdup (sl_element_get_id (test_get_item (lists[l] (document), i))));
  return ids;
}

static void
run_branches (guint    seed,
              gboolean disjoint)
{
  g_autoptr(SlDocument) base = random_base (seed);
  g_autoptr(GBytes) base_bytes = sl_format_save_to_bytes (base);
  g_autoptr(GHashTable) base_ids = element_ids (base);
  g_autoptr(SlDocument) ours = sl_format_load_bytes (base_bytes, NULL);
  g_autoptr(SlDocument) theirs = sl_format_load_bytes (base_bytes, NULL);
  g_autoptr(SlDocument) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  Branch o = { ours, g_rand_new_with_seed (seed * 2 + 1), disjoint ? 0 : -1, g_string_new (NULL) };
  Branch t = { theirs, g_rand_new_with_seed (seed * 2 + 2), disjoint ? 1 : -1, g_string_new (NULL) };
  g_autoptr(GBytes) merged_bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(SlDocument) reread = NULL;
  g_autoptr(GError) error = NULL;

  sl_document_set_id_seed (ours, seed + 1000);
  sl_document_set_id_seed (theirs, seed + 2000);
  for (guint i = 0; i < N_EDITS; i++)
    {
      random_edit (&o, base_ids);
      random_edit (&t, base_ids);
    }

  merged = sl_merge_documents (base, ours, theirs, &conflicts);

  /* Always valid and canonical */
  merged_bytes = sl_format_save_to_bytes (merged);
  reread = sl_format_load_bytes (merged_bytes, &error);
  if (reread == NULL)
    g_error ("seed %u: the merge does not load: %s\nours: %s\ntheirs: %s", seed, error->message,
             o.log->str, t.log->str);
  again = sl_format_save_to_bytes (reread);
  if (!g_bytes_equal (again, merged_bytes))
    g_error ("seed %u: the merge does not reload to the same bytes", seed);

  /* A side alone is that side; both the same is that too. */
  if (!disjoint)
    {
      g_autoptr(SlDocument) theirs_alone = sl_merge_documents (base, base, theirs, NULL);
      g_autoptr(SlDocument) ours_alone = sl_merge_documents (base, ours, base, NULL);
      g_autoptr(SlDocument) same = sl_merge_documents (base, theirs, theirs, NULL);
      g_autofree char *theirs_text = test_save_string (theirs);
      g_autofree char *ours_text = test_save_string (ours);
      g_autofree char *theirs_alone_text = test_save_string (theirs_alone);
      g_autofree char *ours_alone_text = test_save_string (ours_alone);
      g_autofree char *same_text = test_save_string (same);

      if (g_strcmp0 (theirs_alone_text, theirs_text) != 0)
        g_test_message ("seed %u\ntheirs: %s", seed, t.log->str);
      g_assert_cmpstr (theirs_alone_text, ==, theirs_text);
      g_assert_cmpstr (ours_alone_text, ==, ours_text);
      g_assert_cmpstr (same_text, ==, theirs_text);
    }

  if (disjoint)
    {
      /* Both sequences, one after the other, with the same ids */
      g_autoptr(SlDocument) both = sl_format_load_bytes (base_bytes, NULL);
      g_autofree char *both_text = NULL;
      g_autofree char *merged_text = test_save_string (merged);

      sl_document_set_id_seed (both, seed + 1000);
      apply_edits (both, o.log->str);
      sl_document_set_id_seed (both, seed + 2000);
      apply_edits (both, t.log->str);
      both_text = test_save_string (both);

      if (conflicts->len != 0 || g_strcmp0 (merged_text, both_text) != 0)
        {
          g_test_message ("seed %u\nours: %s\ntheirs: %s", seed, o.log->str, t.log->str);
          for (guint i = 0; i < conflicts->len; i++)
            g_test_message ("conflict: %s", (char *) g_ptr_array_index (conflicts, i));
        }
      g_assert_cmpuint (conflicts->len, ==, 0);
      g_assert_cmpstr (merged_text, ==, both_text);
    }

  g_rand_free (o.rand);
  g_rand_free (t.rand);
  g_string_free (o.log, TRUE);
  g_string_free (t.log, TRUE);
}

static guint
n_seeds (void)
{
  const char *seeds = g_getenv ("STORMLINE_TEST_SEEDS");

  /* Under valgrind, STORMLINE_TEST_SEEDS is 50 (of test-property's 1,000) */
  return seeds != NULL ? MIN (N_SEEDS, (guint) g_ascii_strtoull (seeds, NULL, 10)) : N_SEEDS;
}

static void
test_property_any (void)
{
  for (guint seed = 0; seed < n_seeds (); seed++)
    run_branches (seed, FALSE);
}

static void
test_property_disjoint (void)
{
  for (guint seed = 0; seed < n_seeds (); seed++)
    run_branches (seed, TRUE);
}

/* The command line */

G_GNUC_NULL_TERMINATED
static int
run_cli (char       **err,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("STORMLINE_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
write_document (const char *path,
                SlDocument *document)
{
  g_autoptr(GBytes) bytes = sl_format_save_to_bytes (document);

  write_bytes (path, bytes);
}

static void
test_cli (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *base = g_build_filename (dir, "base.stormline", NULL);
  g_autofree char *ours = g_build_filename (dir, "ours.stormline", NULL);
  g_autofree char *theirs = g_build_filename (dir, "theirs.stormline", NULL);
  g_autofree char *clash = g_build_filename (dir, "clash.stormline", NULL);
  g_autofree char *out = g_build_filename (dir, "out.stormline", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.stormline", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.stormline", NULL);
  g_autoptr(SlDocument) base_document = test_load_string (base_text);
  g_autoptr(SlDocument) ours_document = edited ("text|e1|Room Reserved", OURS_SEED);
  g_autoptr(SlDocument) theirs_document = edited ("move|e1|L3|480|0", THEIRS_SEED);
  g_autoptr(SlDocument) clash_document = edited ("text|e1|Booking Made", THEIRS_SEED);
  g_autoptr(SlDocument) expected = edited ("text|e1|Room Reserved;move|e1|L3|480|0", OURS_SEED);
  g_autoptr(GBytes) expected_bytes = sl_format_save_to_bytes (expected);
  g_autoptr(GBytes) ours_bytes = NULL;
  g_autoptr(GBytes) before = NULL;
  char *err = NULL;

  write_document (base, base_document);
  write_document (ours, ours_document);
  write_document (theirs, theirs_document);
  write_document (clash, clash_document);
  g_file_set_contents (bad, "{ \"stormline\": 1, \"lanes\": [ { \"id\": \"x\" } ] }", -1, NULL);
  ours_bytes = read_bytes (ours);

  /* Clean: 0, the merge written to -o, nothing said */
  g_assert_cmpint (run_cli (&err, "merge", base, ours, theirs, "-o", out, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  assert_file_holds (out, expected_bytes);
  g_assert_cmpint (run_cli (&err, "fmt", "--check", out, NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  /* Conflicts: 1, each in words on stderr, the file written with its hotspot */
  g_assert_cmpint (run_cli (&err, "merge", base, ours, clash, "-o", out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "conflict: Ours renamed “Room Booked” to “Room Reserved”; "
                                 "theirs renamed it to “Booking Made”"));
  g_assert_nonnull (strstr (err, "1 conflict, marked by a hotspot on the board"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "fmt", "--check", out, NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  /* git's merge driver: %O %A %B -o %A --name %P writes to %A */
  g_assert_cmpint (run_cli (&err, "merge", base, ours, theirs, "-o", ours, "--name", "models/hotel.stormline", NULL),
                   ==, 0);
  g_clear_pointer (&err, g_free);
  assert_file_holds (ours, expected_bytes);
  write_bytes (ours, ours_bytes);
  g_assert_cmpint (run_cli (&err, "merge", base, ours, clash, "-o", ours, "--name", "models/hotel.stormline", NULL),
                   ==, 1);
  g_assert_true (g_str_has_prefix (err, "stormline-cli: models/hotel.stormline: conflict: "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "fmt", "--check", ours, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  write_bytes (ours, ours_bytes);

  /* Both added the model (git gives an empty base): the two together */
  {
    g_autofree char *empty = g_build_filename (dir, "empty.stormline", NULL);
    g_autoptr(SlDocument) merged = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (out);
    g_autoptr(GError) error = NULL;

    g_file_set_contents (empty, "", 0, NULL);
    g_assert_cmpint (run_cli (&err, "merge", empty, ours, clash, "-o", out, NULL), ==, 1);
    g_clear_pointer (&err, g_free);
    merged = sl_format_load_file (file, &error);
    g_assert_no_error (error);
    assert_canonical (merged);
    g_assert_nonnull (sl_document_lookup (merged, "e1"));
    g_assert_cmpstr (sl_note_get_text (SL_NOTE (sl_document_lookup (merged, "e1"))), ==, "Room Reserved");
    g_assert_cmpint (run_cli (&err, "merge", base, empty, theirs, "-o", out, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "(ours)"));
    g_clear_pointer (&err, g_free);
  }

  /* Errors: 2, the file named, nothing written */
  before = read_bytes (out);
  g_assert_cmpint (run_cli (&err, "merge", bad, ours, theirs, "-o", out, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "stormline-cli: "));
  g_assert_nonnull (strstr (err, bad));
  g_assert_nonnull (strstr (err, "(base)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "merge", base, ours, missing, "-o", out, NULL), ==, 2);
  g_assert_nonnull (strstr (err, missing));
  g_assert_nonnull (strstr (err, "(theirs)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "merge", base, bad, theirs, "-o", ours, "--name", "m.stormline", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "stormline-cli: m.stormline (ours): "));
  g_clear_pointer (&err, g_free);
  assert_file_holds (out, before);
  assert_file_holds (ours, ours_bytes);

  /* Usage */
  g_assert_cmpint (run_cli (&err, "merge", base, ours, theirs, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "merge", base, ours, "-o", out, NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  remove_tree (dir);
}

/* git with the merge driver configured, as README.md says */

G_GNUC_NULL_TERMINATED
static int
run_git (const char  *dir,
         char       **out,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) "git");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) "user.name=Stormline Test");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) "user.email=test@stormline.invalid");
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "GIT_CONFIG_NOSYSTEM", "1", TRUE);
  envp = g_environ_setenv (envp, "HOME", dir, TRUE);
  /* What git says would break the test's TAP output. */
  g_spawn_sync (dir, (char **) argv->pdata, envp,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                NULL, NULL, out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
commit_model (const char *dir,
              const char *path,
              SlDocument *document,
              const char *message)
{
  write_document (path, document);
  g_assert_cmpint (run_git (dir, NULL, "add", "-A", NULL), ==, 0);
  g_assert_cmpint (run_git (dir, NULL, "commit", "-q", "-m", message, NULL), ==, 0);
}

static void
test_git (void)
{
  g_autofree char *git = g_find_program_in_path ("git");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *attributes = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *driver = NULL;
  g_autofree char *status = NULL;
  g_autoptr(SlDocument) base = test_load_string (base_text);
  g_autoptr(SlDocument) ours = edited ("text|e1|Room Reserved", OURS_SEED);
  g_autoptr(SlDocument) theirs = edited ("move|e1|L3|480|0;add-field|c1|-1|price|Decimal", THEIRS_SEED);
  g_autoptr(SlDocument) clash = edited ("move|e1|L3|480|0;add-field|c1|-1|price|Decimal;text|e1|Booking Made",
                                        THEIRS_SEED);
  g_autoptr(SlDocument) expected = edited ("text|e1|Room Reserved", OURS_SEED);
  g_autoptr(SlDocument) merged = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected_bytes = NULL;
  GListModel *notes;
  guint n_hotspots = 0;

  if (git == NULL)
    {
      g_test_skip ("git is not installed");
      return;
    }

  dir = scratch_dir_new ();
  path = g_build_filename (dir, "hotel.stormline", NULL);
  attributes = g_build_filename (dir, ".gitattributes", NULL);
  quoted = g_shell_quote (g_getenv ("STORMLINE_CLI"));
  driver = g_strdup_printf ("%s merge %%O %%A %%B -o %%A --name %%P", quoted);

  g_assert_cmpint (run_git (dir, NULL, "init", "-q", "-b", "main", NULL), ==, 0);
  g_assert_cmpint (run_git (dir, NULL, "config", "merge.stormline.name", "Stormline model merge", NULL), ==, 0);
  g_assert_cmpint (run_git (dir, NULL, "config", "merge.stormline.driver", driver, NULL), ==, 0);
  g_file_set_contents (attributes, "*.stormline merge=stormline\n", -1, NULL);
  commit_model (dir, path, base, "base");

  /* Two branches that changed the same note in different ways: merged */
  g_assert_cmpint (run_git (dir, NULL, "checkout", "-q", "-b", "theirs", NULL), ==, 0);
  commit_model (dir, path, theirs, "theirs: moved, a field");
  g_assert_cmpint (run_git (dir, NULL, "checkout", "-q", "main", NULL), ==, 0);
  commit_model (dir, path, ours, "ours: renamed");
  g_assert_cmpint (run_git (dir, NULL, "merge", "-q", "--no-edit", "theirs", NULL), ==, 0);

  sl_document_set_id_seed (expected, THEIRS_SEED);
  apply_edits (expected, "move|e1|L3|480|0;add-field|c1|-1|price|Decimal");
  expected_bytes = sl_format_save_to_bytes (expected);
  assert_file_holds (path, expected_bytes);

  /* Both renamed it: git stops, the file is a model with the hotspot */
  g_assert_cmpint (run_git (dir, NULL, "checkout", "-q", "-b", "clash", "HEAD~2", NULL), ==, 0);
  commit_model (dir, path, clash, "clash: renamed otherwise");
  g_assert_cmpint (run_git (dir, NULL, "checkout", "-q", "main", NULL), ==, 0);
  g_assert_cmpint (run_git (dir, NULL, "merge", "-q", "--no-edit", "clash", NULL), !=, 0);
  g_assert_cmpint (run_git (dir, &status, "status", "--porcelain", NULL), ==, 0);
  g_assert_nonnull (strstr (status, "UU hotel.stormline"));

  file = g_file_new_for_path (path);
  merged = sl_format_load_file (file, &error);
  g_assert_no_error (error);
  assert_canonical (merged);
  notes = sl_document_get_notes (merged);
  for (guint i = 0; i < test_n_items (notes); i++)
    if (sl_note_get_kind (test_get_item (notes, i)) == SL_NOTE_HOTSPOT)
      {
        g_assert_cmpstr (sl_note_get_text (test_get_item (notes, i)), ==,
                         "Ours renamed “Room Booked” to “Room Reserved”; theirs renamed it to “Booking Made”");
        n_hotspots++;
      }
  g_assert_cmpuint (n_hotspots, ==, 1);

  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);
  g_test_add_func ("/merge/hotspot/place", test_hotspot_place);
  g_test_add_func ("/merge/hotspot/apart", test_hotspots_apart);
  g_test_add_func ("/merge/lane/kept", test_lane_kept);
  g_test_add_func ("/merge/same-id", test_same_id);
  g_test_add_func ("/merge/bytes", test_bytes);
  g_test_add_func ("/merge/property/any", test_property_any);
  g_test_add_func ("/merge/property/disjoint", test_property_disjoint);
  g_test_add_func ("/merge/cli", test_cli);
  g_test_add_func ("/merge/git", test_git);

  return g_test_run ();
}
