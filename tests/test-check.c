/* test-check.c: the rules of DOMAIN.md and the completeness check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

/* A board of notes in one lane each of their kind, written compactly:
 * NOTES is a list of "id:kind:text:x:fields" (fields "a,b!,c*" where !
 * is generated, * displayed, =name maps, ~ calculated), CONNECTIONS a
 * list of "from>to". */
static SlDocument *
build (const char * const *notes,
       const char * const *connections)
{
  SlDocument *document = sl_document_new ();
  SlAggregate *aggregate = sl_document_add_aggregate (document, "Room");
  SlLane *lanes[SL_N_NOTE_KINDS];

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      lanes[kind] = sl_document_add_lane (document, kind == SL_NOTE_EVENT ? SL_LANE_EVENTS : SL_LANE_UNSORTED,
                                          sl_note_kind_to_string (kind), -1);
      if (kind == SL_NOTE_EVENT)
        sl_document_set_lane_aggregate (document, lanes[kind], aggregate);
    }

  for (guint i = 0; notes[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (notes[i], ":", 5);
      SlNoteKind kind;
      SlNote *note;

      g_assert_true (sl_note_kind_from_string (parts[1], &kind));
      note = sl_document_add_note (document, kind, lanes[kind], atoi (parts[3]), 0, parts[2]);
      /* The tests name notes by a short name of their own. */
      g_object_set_data_full (G_OBJECT (note), "test-id", g_strdup (parts[0]), g_free);

      if (parts[4] != NULL && *parts[4])
        {
          g_auto(GStrv) fields = g_strsplit (parts[4], ",", -1);

          for (guint f = 0; fields[f] != NULL; f++)
            {
              g_autofree char *name = g_strdup (fields[f]);
              char *mapping = strchr (name, '=');
              SlFieldFlags flags = 0;
              gboolean calculated = FALSE;
              gsize length;

              if (mapping)
                *mapping++ = 0;
              length = strlen (name);
              while (length > 0 && strchr ("!*~", name[length - 1]))
                {
                  char c = name[--length];

                  flags |= c == '!' ? SL_FIELD_GENERATED : c == '*' ? SL_FIELD_DISPLAYED : 0;
                  calculated |= c == '~';
                  name[length] = 0;
                }
              sl_document_insert_field (document, note, -1, name, SL_FIELD_STRING);
              sl_document_set_field_flags (document, note, f, flags);
              sl_document_set_field_mapping (document, note, f, calculated ? "calculated" : mapping);
            }
        }
    }

  for (guint i = 0; connections && connections[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (connections[i], ">", 2);
      GListModel *list = sl_document_get_notes (document);
      SlNote *from = NULL, *to = NULL;

      for (guint n = 0; n < g_list_model_get_n_items (list); n++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (list), n);
          const char *id = g_object_get_data (G_OBJECT (note), "test-id");

          if (g_str_equal (id, ends[0]))
            from = note;
          if (g_str_equal (id, ends[1]))
            to = note;
        }
      g_assert_nonnull (from);
      g_assert_nonnull (to);
      sl_document_add_connection (document, from, to);
    }

  return document;
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *rule,
             const char *note_id,
             const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      SlNote *note = sl_problem_get_note (problem);

      if (!g_str_equal (sl_problem_get_rule (problem), rule))
        continue;
      if (note_id && (note == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (note), "test-id"), note_id) != 0))
        continue;
      if (field && g_strcmp0 (sl_problem_get_field (problem), field) != 0)
        continue;
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *name;
  const char *rule;
  const char *note;      /* the note the problem must (or must not) name */
  const char *field;
  gboolean expected;
  const char *notes[8];
  const char *connections[8];
} Case;

static const Case cases[] = {
  /* event-no-cause */
  { "event-without-cause", "event-no-cause", "e", NULL, TRUE, { "e:event:Room Booked:100:", NULL }, { NULL } },
  { "event-caused-by-command", "event-no-cause", "e", NULL, FALSE, { "c:command:Book:0:", "e:event:Room Booked:100:", NULL }, { "c>e", NULL } },
  { "event-caused-by-external", "event-no-cause", "e", NULL, FALSE, { "x:external:GPS:0:", "e:event:Guest Left:100:", NULL }, { "x>e", NULL } },
  /* command-no-event, command-no-trigger, command-no-fields */
  { "command-without-event", "command-no-event", "c", NULL, TRUE, { "c:command:Book:0:a", NULL }, { NULL } },
  { "command-with-event", "command-no-event", "c", NULL, FALSE, { "c:command:Book:0:a", "e:event:Booked:100:a", NULL }, { "c>e", NULL } },
  { "command-without-trigger", "command-no-trigger", "c", NULL, TRUE, { "c:command:Book:0:a", NULL }, { NULL } },
  { "command-from-actor", "command-no-trigger", "c", NULL, FALSE, { "u:actor:Guest:0:", "c:command:Book:100:", NULL }, { "u>c", NULL } },
  { "command-without-fields", "command-no-fields", "c", NULL, TRUE, { "c:command:Book:0:", NULL }, { NULL } },
  { "command-with-fields", "command-no-fields", "c", NULL, FALSE, { "c:command:Book:0:a", NULL }, { NULL } },
  /* views */
  { "view-without-source", "view-no-source", "v", NULL, TRUE, { "v:view:Rooms:0:a", NULL }, { NULL } },
  { "view-with-source", "view-no-source", "v", NULL, FALSE, { "e:event:Booked:0:a", "v:view:Rooms:100:a", NULL }, { "e>v", NULL } },
  { "view-unused", "view-unused", "v", NULL, TRUE, { "v:view:Rooms:0:a", NULL }, { NULL } },
  { "view-read-by-automation", "view-unused", "v", NULL, FALSE, { "v:view:Todo:0:a", "p:automation:Processor:100:a", NULL }, { "v>p", NULL } },
  { "view-without-fields", "view-no-fields", "v", NULL, TRUE, { "v:view:Rooms:0:", NULL }, { NULL } },
  /* automations */
  { "automation-without-input", "automation-no-input", "p", NULL, TRUE, { "p:automation:P:0:", NULL }, { NULL } },
  { "automation-from-event", "automation-no-input", "p", NULL, FALSE, { "e:event:Left:0:", "p:automation:P:100:", NULL }, { "e>p", NULL } },
  { "automation-without-command", "automation-no-command", "p", NULL, TRUE, { "p:automation:P:0:", NULL }, { NULL } },
  /* aggregates */
  { "command-without-aggregate", "no-aggregate", "c", NULL, TRUE, { "c:command:Book:0:", NULL }, { NULL } },
  { "command-takes-events-aggregate", "no-aggregate", "c", NULL, FALSE, { "c:command:Book:0:", "e:event:Booked:100:", NULL }, { "c>e", NULL } },
  /* Storming */
  { "duplicate-event", "duplicate-event", "b", NULL, TRUE, { "a:event:Room Booked:0:", "b:event:room  booked:100:", NULL }, { NULL } },
  { "duplicate-event-first", "duplicate-event", "a", NULL, TRUE, { "a:event:Room Booked:0:", "b:event:room  booked:100:", NULL }, { NULL } },
  { "distinct-events", "duplicate-event", NULL, NULL, FALSE, { "a:event:Room Booked:0:", "b:event:Room Freed:100:", NULL }, { NULL } },
  { "not-past-tense", "event-not-past-tense", "e", NULL, TRUE, { "e:event:Book Room:0:", NULL }, { NULL } },
  { "irregular-past-tense", "event-not-past-tense", "e", NULL, FALSE, { "e:event:Invoice Paid:0:", NULL }, { NULL } },
  { "open-hotspot", "open-hotspot", "h", NULL, TRUE, { "h:hotspot:Overbooking?:0:", NULL }, { NULL } },
  /* connections */
  { "event-to-event", "illegal-connection", "a", NULL, TRUE, { "a:event:A Happened:0:", "b:event:B Happened:100:", NULL }, { "a>b", NULL } },
  { "command-to-view", "illegal-connection", "c", NULL, TRUE, { "c:command:C:0:", "v:view:V:100:", NULL }, { "c>v", NULL } },
  { "legal-event-to-view", "illegal-connection", NULL, NULL, FALSE, { "e:event:E Happened:0:", "v:view:V:100:", NULL }, { "e>v", NULL } },
  { "flow-into-past", "flow-into-past", "c", NULL, TRUE, { "c:command:C:500:", "e:event:E Happened:100:", NULL }, { "c>e", NULL } },
  { "flow-forward", "flow-into-past", NULL, NULL, FALSE, { "c:command:C:100:", "e:event:E Happened:500:", NULL }, { "c>e", NULL } },
  { "unconnected", "note-unconnected", "e", NULL, TRUE, { "e:event:E Happened:0:", NULL }, { NULL } },
  { "comment-needs-no-connection", "note-unconnected", "n", NULL, FALSE, { "n:comment:Remember:0:", NULL }, { NULL } },
  /* scenarios */
  { "command-without-scenario", "no-scenario", "c", NULL, TRUE, { "c:command:C:0:", NULL }, { NULL } },
  /* completeness: origins */
  { "command-field-from-screen", "field-no-origin", "c", "room", FALSE, { "s:screen:Form:0:room", "c:command:Book:100:room", NULL }, { "s>c", NULL } },
  { "command-field-from-nowhere", "field-no-origin", "c", "room", TRUE, { "s:screen:Form:0:other", "c:command:Book:100:room", NULL }, { "s>c", NULL } },
  { "command-field-from-view-of-screen", "field-no-origin", "c", "guest", FALSE,
    { "v:view:Guests:0:guest", "s:screen:Form:100:guest*", "c:command:Book:200:guest", NULL }, { "v>s", "s>c", NULL } },
  { "event-field-generated", "field-no-origin", "e", "at", FALSE, { "c:command:C:0:", "e:event:E Happened:100:at!", NULL }, { "c>e", NULL } },
  { "event-field-mapped", "field-no-origin", "e", "roomNumber", FALSE,
    { "c:command:C:0:room", "e:event:E Happened:100:roomNumber=room", NULL }, { "c>e", NULL } },
  { "view-field-calculated", "field-no-origin", "v", "total", FALSE, { "e:event:E Happened:0:", "v:view:V:100:total~", NULL }, { "e>v", NULL } },
  { "displayed-screen-field-without-view", "field-no-origin", "s", "price", TRUE, { "s:screen:S:0:price*", NULL }, { NULL } },
  { "entered-screen-field", "field-no-origin", "s", "price", FALSE, { "s:screen:S:0:price", NULL }, { NULL } },
  /* completeness: destinations */
  { "event-field-read-by-view", "field-no-destination", "e", "room", FALSE,
    { "e:event:E Happened:0:room", "v:view:V:100:room", NULL }, { "e>v", NULL } },
  { "event-field-read-by-nobody", "field-no-destination", "e", "room", TRUE,
    { "e:event:E Happened:0:room", "v:view:V:100:other", NULL }, { "e>v", NULL } },
  { "event-field-sent-outside", "field-no-destination", "e", "room", FALSE,
    { "e:event:E Happened:0:room", "x:external:Mail:100:", NULL }, { "e>x", NULL } },
  { "view-field-shown", "field-no-destination", "v", "room", FALSE,
    { "v:view:V:0:room", "s:screen:S:100:room*", NULL }, { "v>s", NULL } },
  { "view-field-not-displayed", "field-no-destination", "v", "room", TRUE,
    { "v:view:V:0:room", "s:screen:S:100:room", NULL }, { "v>s", NULL } },
  { "displayed-screen-field-is-final", "field-no-destination", "s", "room", FALSE, { "s:screen:S:0:room*", NULL }, { NULL } },
  { "entered-screen-field-unused", "field-no-destination", "s", "room", TRUE, { "s:screen:S:0:room", NULL }, { NULL } },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(SlDocument) document = build (c->notes, c->connections);
  g_autoptr(GPtrArray) problems = sl_check_run (document);

  if (has_problem (problems, c->rule, c->note, c->field) != c->expected)
    g_error ("%s: %s %s expected", c->name, c->rule, c->expected ? "was" : "was not");
}

/* A near miss upstream is offered as a fix. */
static void
test_near_miss (void)
{
  const char * const notes[] = { "s:screen:Form:0:customerID", "c:command:Order:100:customerId", NULL };
  const char * const connections[] = { "s>c", NULL };
  SlDocument *document = build (notes, connections);
  GPtrArray *problems = sl_check_run (document);
  SlProblem *problem = NULL;

  for (guint i = 0; i < problems->len && problem == NULL; i++)
    if (g_str_equal (sl_problem_get_rule (g_ptr_array_index (problems, i)), "field-no-origin"))
      problem = sl_problem_ref (g_ptr_array_index (problems, i));
  g_assert_nonnull (problem);

  /* A problem kept alone keeps what it needs: its note, and the model
   * where its fix is found; and lets go of them when it goes. */
  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);
  g_ptr_array_unref (problems);
  g_object_unref (document);
  g_assert_nonnull (document);
  g_assert_cmpstr (sl_problem_get_field (problem), ==, "customerId");
  g_assert_cmpstr (sl_note_get_text (sl_problem_get_note (problem)), ==, "Order");
  g_assert_nonnull (strstr (sl_problem_get_fix (problem), "customerID"));
  sl_problem_unref (problem);
  g_assert_null (document);
}

/* The fix offered for the first field of @screen_field flowing into a
 * command field @command_field with no origin, or %NULL. */
static char *
near_miss_fix (const char *screen_field,
               const char *command_field)
{
  g_autofree char *screen = g_strdup_printf ("s:screen:Form:0:%s", screen_field);
  g_autofree char *command = g_strdup_printf ("c:command:Order:100:%s", command_field);
  const char * const notes[] = { screen, command, NULL };
  const char * const connections[] = { "s>c", NULL };
  g_autoptr(SlDocument) document = build (notes, connections);
  g_autoptr(GPtrArray) problems = sl_check_run (document);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (sl_problem_get_rule (g_ptr_array_index (problems, i)), "field-no-origin"))
      return g_strdup (sl_problem_get_fix (g_ptr_array_index (problems, i)));
  return NULL;
}

/* Names are compared within a few edits: a name of 24 characters four
 * edits away is near, and one of 200 characters one edit away; nine
 * edits are not a typo, however long the names (the distance is bounded
 * by the length). A name longer than people type (two of 60,000
 * characters that differ by one) gets no hint: each hint's work is
 * bounded. */
static void
test_near_miss_bounded (void)
{
  g_autofree char *stem = g_strnfill (60000, 'a');
  g_autofree char *long_b = g_strconcat (stem, "b", NULL);
  g_autofree char *long_c = g_strconcat (stem, "c", NULL);
  g_autofree char *long_fix = near_miss_fix (long_b, long_c);
  g_autofree char *stem199 = g_strnfill (199, 'a');
  g_autofree char *typed_b = g_strconcat (stem199, "b", NULL);
  g_autofree char *typed_c = g_strconcat (stem199, "c", NULL);
  g_autofree char *typed_fix = near_miss_fix (typed_b, typed_c);
  g_autofree char *four_fix = near_miss_fix ("reservationDateOfArrival", "reservationDateOfARRIVED");
  g_autofree char *stem60 = g_strnfill (51, 'x');
  g_autofree char *nine_a = g_strconcat (stem60, "abcdefghi", NULL);
  g_autofree char *nine_b = g_strconcat (stem60, "jklmnopqr", NULL);
  g_autofree char *nine_fix = near_miss_fix (nine_a, nine_b);

  g_assert_null (long_fix);
  g_assert_nonnull (typed_fix);
  g_assert_nonnull (strstr (typed_fix, typed_b));
  g_assert_nonnull (four_fix);
  g_assert_nonnull (strstr (four_fix, "reservationDateOfArrival"));
  g_assert_true (nine_fix == NULL || strstr (nine_fix, nine_a) == NULL);
}

/* Whether an event whose text is a million words and then @last is in
 * the past tense. */
static gboolean
long_text_is_past_tense (const char *last)
{
  g_autoptr(GString) text = g_string_new ("e:event:");
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *notes[] = { NULL, NULL };
  const char * const connections[] = { NULL };

  for (guint i = 0; i < 1000000; i++)
    g_string_append (text, "room ");
  g_string_append_printf (text, "%s:0:", last);
  notes[0] = text->str;
  document = build (notes, connections);
  problems = sl_check_run (document);
  return !has_problem (problems, "event-not-past-tense", "e", NULL);
}

/* Every word of an event's text is looked up in a set of the irregular
 * past participles, in any case: a text of a million words is read once. */
static void
test_past_tense_long_text (void)
{
  g_assert_true (long_text_is_past_tense ("SOLD"));
  g_assert_true (long_text_is_past_tense ("booked"));
  g_assert_false (long_text_is_past_tense ("sale"));
}

/* The example hotel is complete: no problem at all, every step done. */
static void
test_hotel (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(GPtrArray) problems = sl_check_run (hotel);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", sl_problem_get_rule (g_ptr_array_index (problems, i)),
                    sl_problem_get_message (g_ptr_array_index (problems, i)));
  g_assert_cmpuint (problems->len, ==, 0);
  for (guint step = 1; step <= SL_N_PROCESS_STEPS; step++)
    g_assert_cmpint (sl_check_get_step_status (hotel, problems, step), ==, SL_STEP_DONE);

  /* Broken copies: a field renamed, a connection removed. */
  sl_document_set_field_name (hotel, sl_document_lookup_note (hotel, "cmd-book-room"), 0, "guestID");
  {
    g_autoptr(GPtrArray) broken = sl_check_run (hotel);

    g_assert_cmpuint (broken->len, >, 0);
    g_assert_cmpint (sl_check_get_step_status (hotel, broken, 8), ==, SL_STEP_IN_PROGRESS);
    g_assert_cmpint (sl_check_get_step_status (hotel, broken, 3), ==, SL_STEP_DONE);
  }

  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&hotel));
}

static gboolean
has_problem_on (GPtrArray  *problems,
                const char *rule,
                SlNote     *note)
{
  for (guint i = 0; i < problems->len; i++)
    if (sl_problem_get_note (g_ptr_array_index (problems, i)) == note &&
        g_str_equal (sl_problem_get_rule (g_ptr_array_index (problems, i)), rule))
      return TRUE;
  return FALSE;
}

static void
count_call (guint *n)
{
  (*n)++;
}

static gpointer
pick (GListModel *list,
      GRand      *rand)
{
  guint n = g_list_model_get_n_items (list);

  return n ? sl_element_list_peek (SL_ELEMENT_LIST (list), g_rand_int_range (rand, 0, n)) : NULL;
}

/* One edit of any kind, picked at random: what the checker must follow. */
static void
random_edit (SlDocument *document,
             GRand      *rand)
{
  static const char * const texts[] = { "Guest Registered", "Room Booked", "guest registered", "Book Room", "Odd", "" };
  static const char * const names[] = { "guestId", "roomId", "guestID", "name", "total", "bookingId" };
  GListModel *notes = sl_document_get_notes (document);
  SlHistory *history = sl_document_get_history (document);
  SlNote *note = pick (notes, rand);
  SlNote *other = pick (notes, rand);
  guint n_fields;

  if (note == NULL)
    {
      sl_history_undo (history);
      return;
    }

  n_fields = sl_note_get_n_fields (note);
  switch (g_rand_int_range (rand, 0, 16))
    {
    case 0:
      sl_document_set_note_text (document, note, texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
      break;
    case 1:
      if (n_fields > 0)
        sl_document_set_field_name (document, note, g_rand_int_range (rand, 0, n_fields),
                                    names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
      break;
    case 2:
      if (n_fields > 0)
        sl_document_set_field_mapping (document, note, g_rand_int_range (rand, 0, n_fields),
                                       g_rand_boolean (rand) ? names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]
                                                             : NULL);
      break;
    case 3:
      if (note != other)
        sl_document_add_connection (document, note, other);
      break;
    case 4:
      if (pick (sl_document_get_connections (document), rand))
        sl_document_remove_connection (document, pick (sl_document_get_connections (document), rand));
      break;
    case 5:
      sl_document_move_note (document, note, sl_note_get_lane (note), g_rand_int_range (rand, 0, 3000), 0);
      break;
    case 6:
      sl_document_set_note_kind (document, note, g_rand_int_range (rand, 0, SL_N_NOTE_KINDS));
      break;
    case 7:
      sl_document_remove_note (document, note);
      break;
    case 8:
    case 9:
      if (sl_history_can_undo (history))
        sl_history_undo (history);
      break;
    case 10:
      if (sl_history_can_redo (history))
        sl_history_redo (history);
      break;
    case 11:
      sl_document_set_lane_aggregate (document, sl_note_get_lane (note),
                                      g_rand_boolean (rand) ? NULL : pick (sl_document_get_aggregates (document), rand));
      break;
    case 12:
      sl_document_set_note_aggregate (document, note,
                                      g_rand_boolean (rand) ? NULL : pick (sl_document_get_aggregates (document), rand));
      break;
    case 13:
      if (pick (sl_document_get_scenarios (document), rand))
        {
          SlScenario *scenario = pick (sl_document_get_scenarios (document), rand);

          if (g_rand_boolean (rand))
            sl_document_remove_scenario (document, scenario);
          else
            sl_document_set_scenario_error (document, scenario, g_rand_boolean (rand) ? "Room taken" : NULL);
        }
      break;
    case 14:
      if (n_fields > 0 && g_rand_boolean (rand))
        sl_document_remove_field (document, note, 0);
      else if (sl_note_kind_has_fields (sl_note_get_kind (note)))
        sl_document_insert_field (document, note, -1, names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))],
                                  SL_FIELD_STRING);
      break;
    default:
      {
        SlScenario *scenario = pick (sl_document_get_scenarios (document), rand);
        g_autoptr(SlStep) given = sl_step_new (other);

        if (scenario != NULL)
          sl_document_set_scenario_steps (document, scenario, SL_STEP_GIVEN, &given, 1);
        break;
      }
    }
}

static void
assert_same_problems (GPtrArray *followed,
                      GPtrArray *fresh,
                      guint      edit)
{
  for (guint i = 0; i < MIN (followed->len, fresh->len); i++)
    {
      SlProblem *a = g_ptr_array_index (followed, i), *b = g_ptr_array_index (fresh, i);

      if (!g_str_equal (sl_problem_get_rule (a), sl_problem_get_rule (b)) ||
          sl_problem_get_note (a) != sl_problem_get_note (b) ||
          sl_problem_get_aggregate (a) != sl_problem_get_aggregate (b) ||
          g_strcmp0 (sl_problem_get_field (a), sl_problem_get_field (b)) != 0 ||
          !g_str_equal (sl_problem_get_message (a), sl_problem_get_message (b)))
        g_error ("after edit %u, problem %u: the checker has %s “%s”, a new check %s “%s”", edit, i,
                 sl_problem_get_rule (a), sl_problem_get_message (a), sl_problem_get_rule (b),
                 sl_problem_get_message (b));
    }
  if (followed->len != fresh->len)
    g_error ("after edit %u: the checker has %u problems, a new check %u", edit, followed->len, fresh->len);
}

/* A checker that follows a model through hundreds of random edits, undo
 * and redo finds exactly what a new check of the model finds, and
 * rechecks only what an edit touches. */
static void
test_incremental (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autoptr(SlChecker) checker = sl_checker_new (hotel);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_changed = 0;

  g_signal_connect_swapped (checker, "changed", G_CALLBACK (count_call), &n_changed);
  g_assert_cmpuint (sl_checker_get_problems (checker)->len, ==, 0);

  /* Renaming one event: that event and the few near it, not the model. */
  sl_document_set_note_text (hotel, sl_document_lookup_note (hotel, "evt-guest-registered"), "Guest Register");
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (sl_checker_get_n_rechecked (checker), >, 0);
  g_assert_cmpuint (sl_checker_get_n_rechecked (checker), <=, 8);
  g_assert_true (has_problem (sl_checker_get_problems (checker), "event-not-past-tense", NULL, NULL));
  g_assert_cmpint (sl_checker_get_step_status (checker, 2), ==, SL_STEP_DONE); /* a hint only */
  sl_history_undo (sl_document_get_history (hotel));
  g_assert_cmpuint (sl_checker_get_problems (checker)->len, ==, 0);

  /* An event named like another, unconnected to it: both are
   * duplicates, and neither once it is undone. */
  {
    SlNote *booked = sl_document_lookup_note (hotel, "evt-room-booked");
    SlNote *copy = sl_document_add_note (hotel, SL_NOTE_EVENT, sl_note_get_lane (booked), 9000, 0, "Room Bookd");

    g_assert_false (has_problem_on (sl_checker_get_problems (checker), "duplicate-event", booked));
    sl_document_set_note_text (hotel, copy, "room booked");
    g_assert_cmpuint (sl_checker_get_n_rechecked (checker), ==, 2);
    g_assert_true (has_problem_on (sl_checker_get_problems (checker), "duplicate-event", booked));
    g_assert_true (has_problem_on (sl_checker_get_problems (checker), "duplicate-event", copy));
    sl_history_undo (sl_document_get_history (hotel));
    g_assert_false (has_problem_on (sl_checker_get_problems (checker), "duplicate-event", booked));
    sl_history_undo (sl_document_get_history (hotel));
    g_assert_cmpuint (sl_checker_get_problems (checker)->len, ==, 0);
  }

  for (guint edit = 0; edit < 600; edit++)
    {
      g_autoptr(GPtrArray) fresh = NULL;

      random_edit (hotel, rand);
      fresh = sl_check_run (hotel);
      assert_same_problems (sl_checker_get_problems (checker), fresh, edit);
      for (guint step = 1; step <= SL_N_PROCESS_STEPS; step++)
        g_assert_cmpint (sl_checker_get_step_status (checker, step), ==,
                         sl_check_get_step_status (hotel, fresh, step));
    }
  g_assert_cmpuint (n_changed, >, 100);

  /* The checker lets go of everything it held: the notes go with the
   * model. */
  {
    SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_lanes (hotel)), 0);
    SlNote *note = sl_document_add_note (hotel, SL_NOTE_COMMAND, lane, 100, 0, "Last Command");
    SlNote *event = sl_document_add_note (hotel, SL_NOTE_EVENT, lane, 300, 0, "Last Event");
    SlConnection *connection = sl_document_add_connection (hotel, note, event);

    g_assert_nonnull (note);
    g_assert_nonnull (connection);
    g_object_add_weak_pointer (G_OBJECT (note), (gpointer *) &note);
    g_object_add_weak_pointer (G_OBJECT (connection), (gpointer *) &connection);
    g_clear_object (&checker);
    g_assert_finalize_object (g_steal_pointer (&hotel));
    g_assert_null (note);
    g_assert_null (connection);
  }
}

/* A checker made on a model with problems of every kind, the
 * aggregates' among them, finds what a new check finds: its first check
 * shares the full check's problems out among the notes. */
static void
test_first_check (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                 "understanding-eventsourcing-cart.json", NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(SlDocument) cart = sl_eventmodelers_import (bytes, NULL, NULL);
  g_autoptr(SlChecker) checker = NULL;
  g_autoptr(GPtrArray) fresh = NULL;

  /* An aggregate with no events, and a duplicate event. */
  sl_document_add_aggregate (cart, "Warehouse");
  sl_document_set_note_text (cart, sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (cart)), 1),
                             "Item Added");
  sl_document_set_note_kind (cart, sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (cart)), 1),
                             SL_NOTE_EVENT);

  checker = sl_checker_new (cart);
  fresh = sl_check_run (cart);
  g_assert_cmpuint (fresh->len, >, 10);
  g_assert_true (has_problem (fresh, "aggregate-empty", NULL, NULL));
  g_assert_true (has_problem (fresh, "duplicate-event", NULL, NULL));
  assert_same_problems (sl_checker_get_problems (checker), fresh, 0);
  for (guint step = 1; step <= SL_N_PROCESS_STEPS; step++)
    g_assert_cmpint (sl_checker_get_step_status (checker, step), ==, sl_check_get_step_status (cart, fresh, step));

  /* A note checked again lets go of its share of the first check's. */
  sl_document_set_note_text (cart, sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (cart)), 1),
                             "Item Removed");
  g_clear_pointer (&fresh, g_ptr_array_unref);
  fresh = sl_check_run (cart);
  assert_same_problems (sl_checker_get_problems (checker), fresh, 1);
}

/* Each of @problems in words, as stormline-cli check says it: rule,
 * note, field, message and fix. */
static GPtrArray *
describe_problems (GPtrArray *problems)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      SlNote *note = sl_problem_get_note (problem);
      SlAggregate *aggregate = sl_problem_get_aggregate (problem);

      g_ptr_array_add (lines, g_strdup_printf ("%s|%s|%s|%s|%s", sl_problem_get_rule (problem),
                                               note ? sl_note_get_text (note)
                                                    : aggregate ? sl_aggregate_get_name (aggregate) : "",
                                               sl_problem_get_field (problem) ? sl_problem_get_field (problem) : "",
                                               sl_problem_get_message (problem),
                                               sl_problem_get_fix (problem) ? sl_problem_get_fix (problem) : ""));
    }
  return lines;
}

static void
assert_same_lines (GPtrArray *a,
                   GPtrArray *b)
{
  for (guint i = 0; i < MIN (a->len, b->len); i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
  g_assert_cmpuint (a->len, ==, b->len);
}

/* The check run again on a model finds the same problems, with the same
 * messages and fixes, whether the problems of the checks before are
 * still kept or gone (the document keeps the memory of a check for the
 * next); a problem kept from an earlier check still says what it said,
 * and after an edit the check finds what a new checker finds. */
static void
test_check_again (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                 "understanding-eventsourcing-cart.json", NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(SlDocument) cart = sl_eventmodelers_import (bytes, NULL, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(SlChecker) checker = NULL;
  g_autofree char *kept_message = NULL;
  g_autofree char *kept_fix = NULL;
  SlProblem *kept = NULL;

  /* Problems of every kind of detail: an aggregate with no events,
   * fields with no origin, scenarios not valid. */
  sl_document_add_aggregate (cart, "Warehouse");
  problems = sl_check_run (cart);
  first = describe_problems (problems);
  g_assert_cmpuint (first->len, >, 10);
  g_assert_true (has_problem (problems, "aggregate-empty", NULL, NULL));
  g_assert_true (has_problem (problems, "scenario-invalid", NULL, NULL));
  for (guint i = 0; i < problems->len && kept == NULL; i++)
    if (g_str_equal (sl_problem_get_rule (g_ptr_array_index (problems, i)), "field-no-origin"))
      kept = sl_problem_ref (g_ptr_array_index (problems, i));
  g_assert_nonnull (kept);
  kept_message = g_strdup (sl_problem_get_message (kept));
  kept_fix = g_strdup (sl_problem_get_fix (kept));

  for (guint run = 0; run < 3; run++)
    {
      /* Its block kept by @kept, then handed to the next run, twice. */
      g_clear_pointer (&problems, g_ptr_array_unref);
      problems = sl_check_run (cart);
      g_clear_pointer (&again, g_ptr_array_unref);
      again = describe_problems (problems);
      assert_same_lines (first, again);
    }
  g_assert_cmpstr (sl_problem_get_message (kept), ==, kept_message);
  g_assert_cmpstr (sl_problem_get_fix (kept), ==, kept_fix);
  g_clear_pointer (&kept, sl_problem_unref);

  /* After an edit, on the memory of the checks before */
  sl_document_set_note_text (cart, sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_notes (cart)), 1),
                             "Item Added");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = sl_check_run (cart);
  checker = sl_checker_new (cart);
  assert_same_problems (sl_checker_get_problems (checker), problems, 0);

  g_clear_object (&checker);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&cart));
}

/* Asserts that @notes are the notes with the texts @texts, in order. */
static void
assert_notes (GPtrArray          *notes,
              const char * const *texts)
{
  g_assert_cmpuint (notes->len, ==, g_strv_length ((GStrv) texts));
  for (guint i = 0; i < notes->len; i++)
    g_assert_cmpstr (sl_note_get_text (g_ptr_array_index (notes, i)), ==, texts[i]);
}

/* Where a field's value comes from and where it goes, and what a field
 * can be named or mapped to: the notes upstream, and why none is needed. */
static void
test_field_flow (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *command = sl_document_lookup_note (hotel, "cmd-register-guest");
  SlNote *screen = sl_document_lookup_note (hotel, "scr-register-guest");
  SlNote *event = sl_document_lookup_note (hotel, "evt-guest-registered");
  SlNote *booking = sl_document_lookup_note (hotel, "scr-book-room");
  SlField *name = sl_note_find_field (command, "name", NULL);
  SlField *email = sl_note_find_field (screen, "email", NULL);
  SlField *guest_id = sl_note_find_field (event, "guestId", NULL);
  SlField *shown = sl_note_find_field (booking, "guestId", NULL);
  const char * const registration[] = { "Registration", NULL };
  const char * const registered[] = { "Guest Registered", NULL };
  const char * const register_guest[] = { "Register Guest", NULL };
  const char * const nothing[] = { NULL };
  const char *own;
  gboolean to_user;

  {
    g_autoptr(GPtrArray) origins = sl_check_get_field_origins (hotel, command, name, &own);
    g_autoptr(GPtrArray) destinations = sl_check_get_field_destinations (hotel, command, name, &to_user);

    assert_notes (origins, registration);
    g_assert_null (own);
    assert_notes (destinations, registered);
    g_assert_false (to_user);
  }
  {
    g_autoptr(GPtrArray) origins = sl_check_get_field_origins (hotel, screen, email, &own);
    g_autoptr(GPtrArray) destinations = sl_check_get_field_destinations (hotel, screen, email, &to_user);

    assert_notes (origins, nothing);
    g_assert_cmpstr (own, ==, "entered by the user");
    assert_notes (destinations, register_guest);
    g_assert_false (to_user);
  }
  {
    g_autoptr(GPtrArray) origins = sl_check_get_field_origins (hotel, event, guest_id, &own);
    g_autoptr(GPtrArray) destinations = sl_check_get_field_destinations (hotel, event, guest_id, NULL);
    gboolean to_view = FALSE;

    g_assert_cmpstr (own, ==, "generated");
    assert_notes (origins, nothing);
    for (guint i = 0; i < destinations->len; i++)
      to_view |= g_str_equal (sl_note_get_text (g_ptr_array_index (destinations, i)), "Guest Account");
    g_assert_true (to_view);
  }
  /* A field shown on a screen ends with the user who sees it */
  g_ptr_array_unref (sl_check_get_field_destinations (hotel, booking, shown, &to_user));
  g_assert_true (to_user);

  /* What a field of the command can be named or mapped to: the screen's. */
  {
    g_auto(GStrv) upstream = sl_check_get_upstream_names (hotel, command);
    const char *expected[] = { "name", "email", NULL };

    g_assert_cmpstrv (upstream, expected);
  }

  /* Cut the screen off: the command's field comes from nowhere. */
  for (guint i = 0; i < sl_document_get_n_note_connections (hotel, command); i++)
    {
      SlConnection *connection = sl_document_get_note_connection (hotel, command, i);

      if (sl_connection_get_source (connection) == screen)
        {
          sl_document_remove_connection (hotel, connection);
          break;
        }
    }
  {
    g_auto(GStrv) upstream = sl_check_get_upstream_names (hotel, command);
    g_autoptr(GPtrArray) origins = sl_check_get_field_origins (hotel, command, name, &own);
    g_autoptr(GPtrArray) destinations = sl_check_get_field_destinations (hotel, command, name, &to_user);

    g_assert_cmpuint (g_strv_length (upstream), ==, 0);
    assert_notes (origins, nothing);
    g_assert_null (own);
    assert_notes (destinations, registered);
    g_assert_false (to_user);
  }
}

/* A note of @kind with @n_fields fields picked from a pool of names, some
 * of them generated, displayed, mapped or calculated, in build()'s
 * notation. */
static char *
random_note (GRand       *rand,
             guint        index,
             const char  *kind,
             guint        n_fields)
{
  g_autoptr(GString) note = g_string_new (NULL);
  guint pool[80];

  g_string_printf (note, "n%u:%s:Note %u:%u:", index, kind, index, 100 * index);
  for (guint i = 0; i < G_N_ELEMENTS (pool); i++)
    pool[i] = i;
  for (guint i = 0; i < n_fields; i++)
    {
      guint pick = g_rand_int_range (rand, i, G_N_ELEMENTS (pool));
      guint name = pool[pick];
      guint flag = g_rand_int_range (rand, 0, 20);

      pool[pick] = pool[i];
      pool[i] = name;
      g_string_append_printf (note, "%sf%u%s", i > 0 ? "," : "", name,
                              flag == 0 ? "!" : flag < 6 ? "*" : flag == 6 ? "~" : "");
      if (flag == 7 || flag == 8)
        g_string_append_printf (note, "=f%u", g_rand_int_range (rand, 0, G_N_ELEMENTS (pool)));
    }
  return g_string_free (g_steal_pointer (&note), FALSE);
}

/* Notes with many fields are matched through sets of their names, and a
 * screen or automation with many connections through one set for all
 * the commands it triggers: on random models of such notes, the check
 * finds a field with no origin or no destination exactly when the
 * field's own flows (sl_check_get_field_origins(), which follows every
 * connection) say so; and a checker following edits agrees with it. */
static void
test_wide_notes (void)
{
  static const char * const kinds[] = { "screen", "command", "event", "view", "automation", "external" };
  static const guint sizes[] = { 0, 3, 16, 17, 40, 80 };

  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(SlDocument) document = NULL;
      g_autoptr(SlChecker) checker = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      GListModel *list;
      guint n_checked = 0;

      /* n0, a screen fed by ten views and triggering ten commands: a
       * hub; then notes of any kind, connected at random. */
      g_ptr_array_add (notes, random_note (rand, 0, seed % 2 ? "screen" : "automation", sizes[seed % 6]));
      for (guint i = 1; i <= 20; i++)
        {
          g_ptr_array_add (notes, random_note (rand, i, i <= 10 ? "view" : "command",
                                               sizes[g_rand_int_range (rand, 0, G_N_ELEMENTS (sizes))]));
          g_ptr_array_add (connections, i <= 10 ? g_strdup_printf ("n%u>n0", i) : g_strdup_printf ("n0>n%u", i));
        }
      for (guint i = 21; i < 40; i++)
        g_ptr_array_add (notes, random_note (rand, i, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))],
                                             sizes[g_rand_int_range (rand, 0, G_N_ELEMENTS (sizes))]));
      for (guint i = 0; i < 80; i++)
        {
          gint from = g_rand_int_range (rand, 0, 40);
          gint to = (from + g_rand_int_range (rand, 1, 40)) % 40;

          g_ptr_array_add (connections, g_strdup_printf ("n%d>n%d", from, to));
        }
      g_ptr_array_add (notes, NULL);
      g_ptr_array_add (connections, NULL);

      document = build ((const char * const *) notes->pdata, (const char * const *) connections->pdata);
      problems = sl_check_run (document);
      list = sl_document_get_notes (document);

      for (guint n = 0; n < g_list_model_get_n_items (list); n++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (list), n);
          const char *id = g_object_get_data (G_OBJECT (note), "test-id");

          if (!sl_note_kind_has_fields (sl_note_get_kind (note)))
            continue;
          for (guint f = 0; f < sl_note_get_n_fields (note); f++)
            {
              SlField *field = sl_note_get_field (note, f);
              const char *name = sl_field_get_name (field);
              const char *own;
              gboolean to_user;
              g_autoptr(GPtrArray) origins = sl_check_get_field_origins (document, note, field, &own);
              g_autoptr(GPtrArray) destinations = sl_check_get_field_destinations (document, note, field, &to_user);
              gboolean no_origin = own == NULL && origins->len == 0;
              gboolean no_destination = !to_user && destinations->len == 0;

              if (has_problem (problems, "field-no-origin", id, name) != no_origin)
                g_error ("seed %u, %s (%s), field %s: the check %s an origin", seed, id,
                         sl_note_kind_to_string (sl_note_get_kind (note)), name,
                         no_origin ? "finds" : "misses");
              if (has_problem (problems, "field-no-destination", id, name) != no_destination)
                g_error ("seed %u, %s (%s), field %s: the check %s a destination", seed, id,
                         sl_note_kind_to_string (sl_note_get_kind (note)), name,
                         no_destination ? "finds" : "misses");
              n_checked++;
            }
        }
      g_assert_cmpuint (n_checked, >, 200);

      checker = sl_checker_new (document);
      assert_same_problems (sl_checker_get_problems (checker), problems, 0);
      for (guint edit = 1; edit <= 40; edit++)
        {
          g_autoptr(GPtrArray) fresh = NULL;

          random_edit (document, rand);
          fresh = sl_check_run (document);
          assert_same_problems (sl_checker_get_problems (checker), fresh, edit);
        }
    }
}

/* The real export has real defects, and the check finds each. */
static void
test_cart (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "eventmodelers",
                                                 "understanding-eventsourcing-cart.json", NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(SlDocument) cart = sl_eventmodelers_import (bytes, NULL, NULL);
  g_autoptr(GPtrArray) problems = sl_check_run (cart);
  gboolean untriggered = FALSE, event_to_event = FALSE, unread = FALSE, no_event = FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      const char *rule = sl_problem_get_rule (problem);
      const char *text = sl_problem_get_note (problem) ? sl_note_get_text (sl_problem_get_note (problem)) : "";

      untriggered |= g_str_equal (rule, "command-no-trigger") && g_str_equal (text, "Submit Cart");
      event_to_event |= g_str_equal (rule, "illegal-connection") && g_str_equal (text, "Item Added");
      unread |= g_str_equal (rule, "field-no-destination") && g_str_equal (text, "External Cart Published");
      no_event |= g_str_equal (rule, "field-no-origin") && g_str_equal (text, "Submit Cart");
    }

  g_assert_true (untriggered);
  g_assert_true (event_to_event);
  g_assert_true (unread);
  g_assert_true (no_event);

  /* And nothing where the model is sound: Cart Submitted is caused, fed
   * and read. */
  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);
      SlNote *note = sl_problem_get_note (problem);

      if (note && g_str_equal (sl_note_get_text (note), "Cart Submitted"))
        g_error ("Cart Submitted: %s", sl_problem_get_message (problem));
    }
}

/* What a model for the step status table is made of. */
enum {
  HAS_EVENT = 1 << 0,
  HAS_COMMAND = 1 << 1,
  HAS_VIEW = 1 << 2,
  HAS_HOTSPOT = 1 << 3,
  HAS_AGGREGATE = 1 << 4,
  HAS_FIELDS = 1 << 5,
  HAS_SCENARIO = 1 << 6,
};

static void
build_model (SlDocument *document,
             guint       parts)
{
  SlLane *lane = sl_document_add_default_lane (document);
  SlAggregate *aggregate = (parts & HAS_AGGREGATE) ? sl_document_add_aggregate (document, "Room") : NULL;
  SlNote *event = NULL, *command = NULL, *view = NULL;

  if (parts & HAS_HOTSPOT)
    sl_document_add_note (document, SL_NOTE_HOTSPOT, lane, 700, 0, "Who pays?");
  if (parts & HAS_COMMAND)
    command = sl_document_add_note (document, SL_NOTE_COMMAND, lane, 100, 0, "Book Room");
  if (parts & HAS_EVENT)
    event = sl_document_add_note (document, SL_NOTE_EVENT, lane, 300, 0, "Room Booked");
  if (parts & HAS_VIEW)
    view = sl_document_add_note (document, SL_NOTE_VIEW, lane, 500, 0, "Free Rooms");
  if (command != NULL && event != NULL)
    sl_document_add_connection (document, command, event);
  if (event != NULL && view != NULL)
    sl_document_add_connection (document, event, view);
  if (aggregate != NULL && event != NULL)
    sl_document_set_note_aggregate (document, event, aggregate);
  if (parts & HAS_FIELDS)
    {
      SlNote *notes[] = { command, event, view };

      for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
        if (notes[i] != NULL)
          sl_document_insert_field (document, notes[i], -1, "roomId", SL_FIELD_STRING);
    }
  if (parts & HAS_SCENARIO)
    {
      SlScenario *scenario = sl_document_add_scenario (document, command, "It works");
      SlStep *when = sl_step_new (command);
      SlStep *then = sl_step_new (event);

      sl_document_set_scenario_steps (document, scenario, SL_STEP_WHEN, &when, 1);
      sl_document_set_scenario_steps (document, scenario, SL_STEP_THEN, &then, 1);
      sl_step_unref (when);
      sl_step_unref (then);
    }
}

/* A step is done only when what it is about exists and its rules are
 * satisfied; about nothing yet, it is not started, unless its rules find
 * something (an open hotspot before any event). The full check and the
 * checker, following the model as it is made, agree. */
static void
test_step_status (void)
{
  static const struct {
    const char *name;
    guint parts;
    const char *expected;  /* N not started, P in progress, D done; steps 1 to 8 */
  } models[] = {
    { "empty", 0, "NNNNNNNN" },
    { "an event", HAS_EVENT, "DDPPNNNN" },
    { "an event with a field", HAS_EVENT | HAS_FIELDS, "DDPPNNNP" },
    { "a hotspot", HAS_HOTSPOT, "NPNNNNNN" },
    { "an aggregate", HAS_AGGREGATE, "NNNPNNNN" },
    { "a command", HAS_COMMAND, "NNPPPNPN" },
    { "a view", HAS_VIEW, "NNNNNPPN" },
    { "a command and its event", HAS_COMMAND | HAS_EVENT, "DDDPPNPN" },
    { "a command and its event in an aggregate", HAS_COMMAND | HAS_EVENT | HAS_AGGREGATE, "DDDDPNPN" },
    { "an event and its view, with fields", HAS_EVENT | HAS_VIEW | HAS_FIELDS, "DDPPNPPP" },
    { "a command with a scenario and its event", HAS_COMMAND | HAS_EVENT | HAS_AGGREGATE | HAS_SCENARIO, "DDDDPNDN" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(SlDocument) document = sl_document_new ();
      g_autoptr(SlChecker) checker = sl_checker_new (document);
      g_autoptr(GPtrArray) problems = NULL;

      build_model (document, models[i].parts);
      problems = sl_check_run (document);
      for (guint step = 1; step <= SL_N_PROCESS_STEPS; step++)
        {
          SlStepStatus status = sl_check_get_step_status (document, problems, step);
          char got = "NPD"[status];

          if (got != models[i].expected[step - 1])
            g_error ("%s: step %u is %s", models[i].name, step, sl_step_status_to_string (status));
          g_assert_cmpint (sl_checker_get_step_status (checker, step), ==, status);
        }
    }
}

/* Each step tells how it is done in Stormline (a key, a drag, a row of
 * the inspector), not only what the method asks, and how to start it
 * while nothing it is about exists. */
static void
test_step_texts (void)
{
  static const char *const gestures[] = { "Press ", "press ", "drag ", "Drag ", "inspector", "hover " };

  for (guint number = 1; number <= SL_N_PROCESS_STEPS; number++)
    {
      const SlProcessStep *step = sl_process_get_step (number);
      gboolean told = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (gestures); i++)
        told |= strstr (step->what, gestures[i]) != NULL;
      if (!told)
        g_error ("step %u does not say how: %s", number, step->what);
      g_assert_cmpstr (step->to_start, !=, NULL);
      g_assert_cmpstr (step->to_start, !=, "");
    }
  g_assert_nonnull (strstr (sl_process_get_step (1)->what, "Press E"));
  g_assert_nonnull (strstr (sl_process_get_step (1)->to_start, "Press E"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/check/rule/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/check/near-miss", test_near_miss);
  g_test_add_func ("/check/near-miss-bounded", test_near_miss_bounded);
  g_test_add_func ("/check/past-tense-long-text", test_past_tense_long_text);
  g_test_add_func ("/check/hotel", test_hotel);
  g_test_add_func ("/check/step-status", test_step_status);
  g_test_add_func ("/check/step-texts", test_step_texts);
  g_test_add_func ("/check/field-flow", test_field_flow);
  g_test_add_func ("/check/wide-notes", test_wide_notes);
  g_test_add_func ("/check/cart", test_cart);
  g_test_add_func ("/check/incremental", test_incremental);
  g_test_add_func ("/check/first-check", test_first_check);
  g_test_add_func ("/check/check-again", test_check_again);

  return g_test_run ();
}
