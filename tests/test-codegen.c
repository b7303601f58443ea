/* test-codegen.c: code generated from a model, generated again
 *
 * Identifiers; regeneration keeping what a developer wrote between the
 * markers (after a field is renamed too), a removed command's body kept
 * in the orphan block, unbalanced markers refused with nothing changed;
 * the check gate; the JSON Schemas of the hotel, each example value of
 * its scenarios validated against them by a small validator of the
 * keywords the generator writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include "test-util.h"
#include "sl-codegen-private.h"

static SlNote *
find_note (SlDocument *document,
           SlNoteKind  kind,
           const char *text)
{
  GListModel *notes = sl_document_get_notes (document);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      if (sl_note_get_kind (note) == kind && g_str_equal (sl_note_get_text (note), text))
        return note;
    }
  g_error ("no %s “%s” in the model", sl_note_kind_to_string (kind), text);
  return NULL;
}

static char *
read_text (const char *dir,
           const char *path)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (full, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *dir,
            const char *path,
            const char *text)
{
  g_autofree char *full = g_build_filename (dir, path, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (full, text, -1, &error);
  g_assert_no_error (error);
}

/* @text with its first @old replaced by @new; @old must be there. */
static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  const char *at = strstr (text, old);

  if (at == NULL)
    g_error ("“%s” is not in:\n%s", old, text);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static SlCodegenReport *
generate (SlDocument     *document,
          const char     *dir,
          SlCodegenFlags  flags)
{
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  SlCodegenReport *report;

  report = sl_codegen_run (document, SL_CODEGEN_TYPESCRIPT, "hotel.stormline", directory, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_identifiers (void)
{
  struct {
    const char *text;
    const char *pascal, *camel, *snake, *kebab;
  } cases[] = {
    { "Book Room", "BookRoom", "bookRoom", "book_room", "book-room" },
    { "guestId", "GuestId", "guestId", "guest_id", "guest-id" },
    { "URL path", "URLPath", "urlPath", "url_path", "url-path" },
    { "Check-in", "CheckIn", "checkIn", "check_in", "check-in" },
    { "Café Crème", "CafeCreme", "cafeCreme", "cafe_creme", "cafe-creme" },
    { "1st booking", "_1stBooking", "_1stBooking", "_1st_booking", "_1st-booking" },
    { "class", "Class", "class_", "class_", "class_" },
    { "?!", "Unnamed", "unnamed", "unnamed", "unnamed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pascal = _sl_codegen_identifier (cases[i].text, SL_CODEGEN_CASE_PASCAL);
      g_autofree char *camel = _sl_codegen_identifier (cases[i].text, SL_CODEGEN_CASE_CAMEL);
      g_autofree char *snake = _sl_codegen_identifier (cases[i].text, SL_CODEGEN_CASE_SNAKE);
      g_autofree char *kebab = _sl_codegen_identifier (cases[i].text, SL_CODEGEN_CASE_KEBAB);

      g_assert_cmpstr (pascal, ==, cases[i].pascal);
      g_assert_cmpstr (camel, ==, cases[i].camel);
      g_assert_cmpstr (snake, ==, cases[i].snake);
      g_assert_cmpstr (kebab, ==, cases[i].kebab);
    }
}

static void
test_languages (void)
{
  SlCodegenLanguage language;

  for (guint i = SL_CODEGEN_TYPESCRIPT; i <= SL_CODEGEN_KOTLIN; i++)
    {
      g_assert_true (sl_codegen_language_from_string (sl_codegen_language_to_string (i), &language));
      g_assert_cmpint (language, ==, i);
    }
  g_assert_cmpstr (sl_codegen_language_get_label (SL_CODEGEN_CSHARP), ==, "C#");
  g_assert_false (sl_codegen_language_from_string ("cobol", &language));
}

/* The IR of the hotel: what the emitters of every language read. */
static void
test_model (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlCodegenModel *model = _sl_codegen_model_new (hotel, "hotel.stormline");
  SlCodegenAggregate *booking = NULL;
  SlCodegenMessage *book_room = NULL;
  guint n_automation_tests = 0;

  g_assert_cmpstr (model->namespace_, ==, "Hotel");
  g_assert_cmpuint (model->messages->len, ==, 6 + 7 + 5);
  for (guint i = 0; i < model->aggregates->len; i++)
    if (g_str_equal (((SlCodegenAggregate *) g_ptr_array_index (model->aggregates, i))->name, "Booking"))
      booking = g_ptr_array_index (model->aggregates, i);
  g_assert_nonnull (booking);
  for (guint i = 0; i < model->messages->len; i++)
    if (g_str_equal (((SlCodegenMessage *) g_ptr_array_index (model->messages, i))->type_name, "BookRoom"))
      book_room = g_ptr_array_index (model->messages, i);
  g_assert_nonnull (book_room);
  g_assert_true (book_room->aggregate == booking);
  g_assert_true (g_ptr_array_find (booking->commands, book_room, NULL));
  g_assert_cmpuint (book_room->events->len, ==, 1);
  g_assert_cmpstr (((SlCodegenMessage *) g_ptr_array_index (book_room->events, 0))->type_name, ==, "RoomBooked");

  /* The 17 scenarios, and the automation's test from its connections. */
  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);

      if (test->kind == SL_CODEGEN_TEST_AUTOMATION)
        {
          n_automation_tests++;
          g_assert_cmpstr (test->title, ==, "Checkout Processor issues Check Out");
          g_assert_cmpuint (test->given->len, >, 0);
          g_assert_cmpuint (test->then->len, ==, 1);
          /* The command's bookingId is the one its input holds. */
          {
            SlCodegenStep *input = g_ptr_array_index (test->given, 0);
            SlCodegenStep *command = g_ptr_array_index (test->then, 0);
            guint in, out;

            g_assert_true (g_ptr_array_find_with_equal_func (input->names, "bookingId", g_str_equal, &in));
            g_assert_true (g_ptr_array_find_with_equal_func (command->names, "bookingId", g_str_equal, &out));
            g_assert_cmpstr (g_ptr_array_index (input->values, in), ==, g_ptr_array_index (command->values, out));
          }
        }
    }
  g_assert_cmpuint (model->tests->len, ==, 17 + 1);
  g_assert_cmpuint (n_automation_tests, ==, 1);

  _sl_codegen_model_free (model);
}

static void
test_regenerate (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *dir = scratch_dir_new ();
  g_autoptr(SlCodegenReport) first = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_autoptr(SlCodegenReport) again = NULL;
  g_autoptr(SlCodegenReport) renamed = NULL;
  g_autoptr(SlCodegenReport) removed = NULL;
  g_autoptr(SlCodegenReport) back = NULL;
  g_autofree char *decider = read_text (dir, "src/booking/decider.ts");
  g_autofree char *edited = NULL;
  g_autofree char *edited_twice = NULL;
  g_autofree char *text = NULL;
  g_autofree char *types = NULL;
  const char *hand = "      if (!state.free) throw new Error(\"Room is already booked\");\n";
  const char *hand_out = "      return [{ type: \"GuestCheckedOut\", data: { bookingId: command.data.bookingId } }];\n";
  SlNote *book_room = find_note (hotel, SL_NOTE_COMMAND, "Book Room");
  SlNote *check_out = find_note (hotel, SL_NOTE_COMMAND, "Check Out");
  guint index;

  g_assert_cmpuint (sl_codegen_report_get_n_files (first), >, 40);
  g_assert_cmpuint (sl_codegen_report_get_n_written (first), ==, sl_codegen_report_get_n_files (first));
  g_assert_cmpuint (sl_codegen_report_get_n_kept (first), ==, 0);
  g_assert_cmpuint (sl_codegen_report_get_n_problems (first), ==, 0);

  /* A developer writes two bodies, and a file of their own. */
  edited = replace (decider,
                    "      // stormline:begin decide BookRoom\n      throw new Error(\"not implemented\");\n",
                    "      // stormline:begin decide BookRoom\n      if (!state.free) throw new Error(\"Room is already booked\");\n");
  edited_twice = replace (edited,
                          "      // stormline:begin decide CheckOut\n      throw new Error(\"not implemented\");\n",
                          "      // stormline:begin decide CheckOut\n      return [{ type: \"GuestCheckedOut\", data: { bookingId: command.data.bookingId } }];\n");
  write_text (dir, "src/booking/decider.ts", edited_twice);
  write_text (dir, "src/booking/mine.ts", "export const mine = 1;\n");

  /* Generating again changes nothing, and keeps both. */
  again = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_assert_cmpuint (sl_codegen_report_get_n_written (again), ==, 0);
  g_assert_cmpuint (sl_codegen_report_get_n_kept (again), ==, 2);
  text = read_text (dir, "src/booking/decider.ts");
  g_assert_cmpstr (text, ==, edited_twice);
  g_clear_pointer (&text, g_free);

  /* A field renamed in the model: the types change, the bodies stay. */
  g_assert_nonnull (sl_note_find_field (book_room, "checkIn", &index));
  sl_document_set_field_name (hotel, book_room, index, "arrival");
  renamed = generate (hotel, dir, SL_CODEGEN_FORCE);
  g_assert_cmpuint (sl_codegen_report_get_n_written (renamed), >, 0);
  g_assert_cmpuint (sl_codegen_report_get_n_kept (renamed), ==, 2);
  types = read_text (dir, "src/booking/types.ts");
  g_assert_nonnull (strstr (types, "  arrival: string;"));
  text = read_text (dir, "src/booking/decider.ts");
  g_assert_nonnull (strstr (text, hand));
  g_assert_nonnull (strstr (text, hand_out));
  g_assert_null (strstr (text, "stormline:orphans-begin"));
  g_clear_pointer (&text, g_free);

  /* The command removed: its body goes to the orphan block, commented. */
  sl_document_remove_note (hotel, check_out);
  removed = generate (hotel, dir, SL_CODEGEN_FORCE);
  g_assert_cmpuint (sl_codegen_report_get_n_problems (removed), >, 0);
  text = read_text (dir, "src/booking/decider.ts");
  g_assert_nonnull (strstr (text, hand));
  g_assert_null (strstr (text, "case \"CheckOut\""));
  g_assert_nonnull (strstr (text, "\n// stormline:orphans-begin\n"));
  g_assert_nonnull (strstr (text, "// stormline:orphan decide CheckOut\n"
                                  "//       return [{ type: \"GuestCheckedOut\", data: { bookingId: command.data.bookingId } }];\n"
                                  "// stormline:orphan-end decide CheckOut\n"));
  /* Untouched default bodies of the removed command are not kept. */
  g_assert_null (strstr (text, "orphan evolve GuestCheckedOut"));
  g_clear_pointer (&text, g_free);

  /* Once more: the orphan stays; the command back: its body goes back. */
  g_clear_pointer (&removed, sl_codegen_report_free);
  removed = generate (hotel, dir, SL_CODEGEN_FORCE);
  g_assert_cmpuint (sl_codegen_report_get_n_written (removed), ==, 0);
  sl_history_undo (sl_document_get_history (hotel));
  back = generate (hotel, dir, SL_CODEGEN_FORCE);
  text = read_text (dir, "src/booking/decider.ts");
  g_assert_nonnull (strstr (text, "      // stormline:begin decide CheckOut\n" "      return [{ type: \"GuestCheckedOut\""));
  g_assert_null (strstr (text, "stormline:orphan"));
  g_clear_pointer (&text, g_free);

  /* Never touched: the developer's own file. */
  text = read_text (dir, "src/booking/mine.ts");
  g_assert_cmpstr (text, ==, "export const mine = 1;\n");

  remove_tree (dir);
}

/* A file saved with CRLF line ends (git's autocrlf, Visual Studio), and
 * a space after an end marker's key: the bodies stay where they are, and
 * the file keeps its line ends. */
static void
test_crlf (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *dir = scratch_dir_new ();
  g_autoptr(SlCodegenReport) first = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_autoptr(SlCodegenReport) again = NULL;
  g_autoptr(SlCodegenReport) renamed = NULL;
  g_autofree char *decider = read_text (dir, "src/booking/decider.ts");
  g_autofree char *edited = replace (decider,
                                     "      // stormline:begin decide BookRoom\n      throw new Error(\"not implemented\");\n"
                                     "      // stormline:end decide BookRoom\n",
                                     "      // stormline:begin decide BookRoom\n      if (!state.free) throw new Error(\"Room is already booked\");\n"
                                     "      // stormline:end decide BookRoom  \n");
  g_auto(GStrv) lines = g_strsplit (edited, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autofree char *text = NULL;

  write_text (dir, "src/booking/decider.ts", crlf);
  again = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_assert_cmpuint (sl_codegen_report_get_n_kept (again), ==, 1);

  /* A change elsewhere in the file makes it written again. */
  sl_document_remove_note (hotel, find_note (hotel, SL_NOTE_COMMAND, "Check Out"));
  renamed = generate (hotel, dir, SL_CODEGEN_FORCE);
  g_assert_cmpuint (sl_codegen_report_get_n_kept (renamed), ==, 1);
  text = read_text (dir, "src/booking/decider.ts");
  g_assert_nonnull (strstr (text, "      // stormline:begin decide BookRoom\r\n"
                                  "      if (!state.free) throw new Error(\"Room is already booked\");\r\n"));
  g_assert_null (strstr (text, "stormline:orphan"));
  g_assert_null (strstr (text, "case \"CheckOut\""));
  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    g_assert_cmpint (p[-1], ==, '\r');

  remove_tree (dir);
}

/* Paths of @model's files, each once ignoring case: macOS and Windows
 * would make two of them one file. */
static void
assert_paths_unique (SlCodegenModel *model)
{
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < model->files->len; i++)
    {
      SlCodegenFile *file = g_ptr_array_index (model->files, i);

      if (!g_hash_table_add (paths, g_utf8_casefold (file->path, -1)))
        g_error ("“%s” is a second file of that name ignoring case", file->path);
    }
}

/* The type named @name of @model's messages, or NULL. */
static SlCodegenMessage *
find_message (SlCodegenModel *model,
              const char     *name)
{
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (g_str_equal (message->name, name))
        return message;
    }
  g_error ("no message “%s” in the IR", name);
  return NULL;
}

/* Two views whose names differ in case only: two types, two files, even
 * where the file system ignores case. */
static void
test_case_clash (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *available = find_note (hotel, SL_NOTE_VIEW, "Available Rooms");
  SlCodegenModel *model;

  sl_document_add_note (hotel, SL_NOTE_VIEW, sl_note_get_lane (available),
                        sl_note_get_x (available), sl_note_get_y (available) + 200, "Availablerooms");
  for (SlCodegenLanguage language = SL_CODEGEN_TYPESCRIPT; language <= SL_CODEGEN_KOTLIN; language++)
    {
      model = _sl_codegen_model_new (hotel, "hotel.stormline");
      g_assert_cmpstr (find_message (model, "Available Rooms")->type_name, ==, "AvailableRooms");
      g_assert_cmpstr (find_message (model, "Availablerooms")->type_name, ==, "Availablerooms2");
      if (language == SL_CODEGEN_TYPESCRIPT)
        _sl_codegen_emit_typescript (model);
      else if (language == SL_CODEGEN_CSHARP)
        _sl_codegen_emit_csharp (model);
      else
        _sl_codegen_emit_kotlin (model);
      _sl_codegen_emit_schemas (model);
      assert_paths_unique (model);
      _sl_codegen_model_free (model);
    }
}

/* The names the emitters derive from an aggregate's, a view's or an
 * automation's name, and the files and types every output has, are
 * taken: a note named like one gets a numeric suffix instead of a
 * second type or file of that name. */
static void
test_reserved_names (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  GListModel *aggregates = sl_document_get_aggregates (hotel);
  SlNote *available = find_note (hotel, SL_NOTE_VIEW, "Available Rooms");
  SlLane *lane = sl_note_get_lane (available);
  int x = sl_note_get_x (available);
  int y = sl_note_get_y (available);
  SlCodegenModel *model;

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i);

      if (g_str_equal (sl_aggregate_get_name (aggregate), "Payment"))
        sl_document_set_aggregate_name (hotel, aggregate, "Types");
    }
  sl_document_add_note (hotel, SL_NOTE_VIEW, lane, x, y + 200, "Booking State");
  sl_document_add_note (hotel, SL_NOTE_VIEW, lane, x, y + 400, "Messages");
  sl_document_add_note (hotel, SL_NOTE_VIEW, lane, x, y + 600, "Available Rooms Projection");
  sl_document_add_note (hotel, SL_NOTE_VIEW, lane, x, y + 800, "I Room Event");
  sl_document_add_note (hotel, SL_NOTE_VIEW, lane, x, y + 1000, "Checkout Processor Input");

  for (SlCodegenLanguage language = SL_CODEGEN_TYPESCRIPT; language <= SL_CODEGEN_KOTLIN; language++)
    {
      model = _sl_codegen_model_new (hotel, "hotel.stormline");
      g_assert_cmpstr (find_message (model, "Booking State")->type_name, ==, "BookingState2");
      g_assert_cmpstr (find_message (model, "Messages")->type_name, ==, "Messages2");
      g_assert_cmpstr (find_message (model, "Available Rooms Projection")->type_name, ==, "AvailableRoomsProjection2");
      g_assert_cmpstr (find_message (model, "I Room Event")->type_name, ==, "IRoomEvent2");
      g_assert_cmpstr (find_message (model, "Checkout Processor Input")->type_name, ==, "CheckoutProcessorInput2");
      g_assert_cmpstr (find_message (model, "Pay")->aggregate->type_name, ==, "Types2");
      if (language == SL_CODEGEN_TYPESCRIPT)
        _sl_codegen_emit_typescript (model);
      else if (language == SL_CODEGEN_CSHARP)
        _sl_codegen_emit_csharp (model);
      else
        _sl_codegen_emit_kotlin (model);
      _sl_codegen_emit_schemas (model);
      assert_paths_unique (model);
      _sl_codegen_model_free (model);
    }
}

/* The message of the note @id in @model; its position in @index. */
static SlCodegenMessage *
message_of_note (SlCodegenModel *model,
                 const char     *id,
                 guint          *index)
{
  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);

      if (g_str_equal (message->note_id, id))
        {
          *index = i;
          return message;
        }
    }
  g_error ("no message of the note “%s” in the IR", id);
  return NULL;
}

/* Two notes of one name: the numeric suffix goes by the order they were
 * made in, so moving one on the board does not swap their names (and
 * the bodies kept under them); the output stays in board order. */
static void
test_stable_suffixes (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  SlNote *succeeded = find_note (hotel, SL_NOTE_EVENT, "Payment Succeeded");
  SlLane *lane = sl_note_get_lane (succeeded);
  int x = sl_note_get_x (succeeded);
  int y = sl_note_get_y (succeeded);
  SlNote *first = sl_document_add_note (hotel, SL_NOTE_EVENT, lane, x + 100, y, "Payment Failed");
  SlNote *second = sl_document_add_note (hotel, SL_NOTE_EVENT, lane, x + 200, y, "Payment Failed");
  g_autofree char *first_id = g_strdup (sl_element_get_id (SL_ELEMENT (first)));
  g_autofree char *second_id = g_strdup (sl_element_get_id (SL_ELEMENT (second)));
  SlCodegenModel *model;
  guint first_index, second_index;

  model = _sl_codegen_model_new (hotel, "hotel.stormline");
  g_assert_cmpstr (message_of_note (model, first_id, &first_index)->type_name, ==, "PaymentFailed");
  g_assert_cmpstr (message_of_note (model, second_id, &second_index)->type_name, ==, "PaymentFailed2");
  g_assert_cmpuint (first_index, <, second_index);
  _sl_codegen_model_free (model);

  /* The second moved before the first on the board. */
  sl_document_move_note (hotel, second, lane, x + 50, y);
  model = _sl_codegen_model_new (hotel, "hotel.stormline");
  g_assert_cmpstr (message_of_note (model, first_id, &first_index)->type_name, ==, "PaymentFailed");
  g_assert_cmpstr (message_of_note (model, second_id, &second_index)->type_name, ==, "PaymentFailed2");
  g_assert_cmpuint (second_index, <, first_index);
  _sl_codegen_model_free (model);
}

/* A model file's name with a newline, a line separator and "--": it
 * stays in the header comment, on one line, and no XML comment ends in
 * it. */
static void
test_model_name (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  const char *name = "evil\nexport const pwned = 1;\u2028var x--y.stormline";

  for (SlCodegenLanguage language = SL_CODEGEN_TYPESCRIPT; language <= SL_CODEGEN_KOTLIN; language++)
    {
      SlCodegenModel *model = _sl_codegen_model_new (hotel, name);

      g_assert_cmpstr (model->model_name, ==, "evil\\nexport const pwned = 1;\\u2028var x- -y.stormline");
      if (language == SL_CODEGEN_TYPESCRIPT)
        _sl_codegen_emit_typescript (model);
      else if (language == SL_CODEGEN_CSHARP)
        _sl_codegen_emit_csharp (model);
      else
        _sl_codegen_emit_kotlin (model);
      for (guint i = 0; i < model->files->len; i++)
        {
          SlCodegenFile *file = g_ptr_array_index (model->files, i);

          if (strstr (file->text->str, "\nexport const pwned") != NULL ||
              strstr (file->text->str, "\u2028var x") != NULL)
            g_error ("the model's name breaks out of a comment in %s", file->path);
        }
      _sl_codegen_model_free (model);
    }
}

/* An aggregate renamed: its old files give their bodies to the new ones
 * by key and go, unless they hold a body no new file took. */
static void
test_renamed_aggregate (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *dir = scratch_dir_new ();
  g_autoptr(SlCodegenReport) first = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_autoptr(SlCodegenReport) renamed = NULL;
  g_autoptr(SlCodegenReport) again = NULL;
  GListModel *aggregates = sl_document_get_aggregates (hotel);
  g_autofree char *decider = read_text (dir, "src/booking/decider.ts");
  g_autofree char *edited = replace (decider,
                                     "      // stormline:begin decide BookRoom\n      throw new Error(\"not implemented\");\n",
                                     "      // stormline:begin decide BookRoom\n      if (!state.free) throw new Error(\"Room is already booked\");\n");
  g_autofree char *text = NULL;
  g_autofree char *manifest = read_text (dir, ".stormline-generated");
  g_autofree char *old_types = g_build_filename (dir, "src/booking/types.ts", NULL);
  g_autofree char *old_decider = g_build_filename (dir, "src/booking/decider.ts", NULL);

  g_assert_true (g_str_has_prefix (manifest, "# typescript\nREADME.md\npackage.json\nschema/AddRoom.schema.json\n"));
  g_assert_nonnull (strstr (manifest, "\nsrc/booking/decider.ts\n"));
  write_text (dir, "src/booking/decider.ts", edited);
  write_text (dir, "src/booking/mine.ts", "export const mine = 1;\n");

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i);

      if (g_str_equal (sl_aggregate_get_name (aggregate), "Booking"))
        sl_document_set_aggregate_name (hotel, aggregate, "Reservation");
    }
  renamed = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_assert_cmpuint (sl_codegen_report_get_n_kept (renamed), ==, 1);
  g_assert_cmpuint (sl_codegen_report_get_n_stale_kept (renamed), ==, 0);
  text = read_text (dir, "src/reservation/decider.ts");
  g_assert_nonnull (strstr (text, "      // stormline:begin decide BookRoom\n"
                                  "      if (!state.free) throw new Error(\"Room is already booked\");\n"));
  g_clear_pointer (&text, g_free);
  g_assert_false (g_file_test (old_types, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_decider, G_FILE_TEST_EXISTS));
  text = read_text (dir, "src/booking/mine.ts");
  g_assert_cmpstr (text, ==, "export const mine = 1;\n");
  g_clear_pointer (&text, g_free);

  /* Back to Booking, with a body no file has a place for: the old file
   * stays, is reported, and stays listed. */
  text = read_text (dir, "src/reservation/decider.ts");
  g_clear_pointer (&edited, g_free);
  edited = g_strconcat (text, "// stormline:begin helper\nconst helper = 1;\n// stormline:end helper\n", NULL);
  write_text (dir, "src/reservation/decider.ts", edited);
  g_clear_pointer (&text, g_free);
  sl_history_undo (sl_document_get_history (hotel));
  again = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_assert_cmpuint (sl_codegen_report_get_n_stale_kept (again), ==, 1);
  g_assert_cmpstr (sl_codegen_report_get_stale_kept (again, 0), ==, "src/reservation/decider.ts");
  text = read_text (dir, "src/booking/decider.ts");
  g_assert_nonnull (strstr (text, "if (!state.free)"));
  g_clear_pointer (&text, g_free);
  text = read_text (dir, "src/reservation/decider.ts");
  g_assert_nonnull (strstr (text, "const helper = 1;"));
  g_clear_pointer (&manifest, g_free);
  manifest = read_text (dir, ".stormline-generated");
  g_assert_nonnull (strstr (manifest, "\nsrc/reservation/decider.ts\n"));
  g_assert_null (strstr (manifest, "\nsrc/reservation/types.ts\n"));

  remove_tree (dir);
}

static void
test_unbalanced (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *dir = scratch_dir_new ();
  g_autoptr(SlCodegenReport) first = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *decider = read_text (dir, "src/booking/decider.ts");
  g_autofree char *broken = replace (decider, "      // stormline:end decide BookRoom\n", "");
  g_autofree char *types_before = read_text (dir, "src/booking/types.ts");
  g_autofree char *types_after = NULL;
  g_autofree char *decider_after = NULL;
  g_autofree char *expected_line = NULL;
  g_auto(GStrv) lines = g_strsplit (broken, "\n", -1);
  SlNote *book_room = find_note (hotel, SL_NOTE_COMMAND, "Book Room");
  SlCodegenReport *report;
  guint begin_line = 0;
  guint index;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "stormline:begin decide BookRoom") != NULL)
      begin_line = i + 1;
  write_text (dir, "src/booking/decider.ts", broken);

  /* A change that would rewrite types.ts: it must not happen either. */
  g_assert_nonnull (sl_note_find_field (book_room, "checkIn", &index));
  sl_document_set_field_name (hotel, book_room, index, "arrival");

  report = sl_codegen_run (hotel, SL_CODEGEN_TYPESCRIPT, "hotel.stormline", directory, SL_CODEGEN_FORCE, &error);
  g_assert_null (report);
  g_assert_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_WRITE);
  /* The next begin marker, inside the open body, is where it shows. */
  expected_line = g_strdup_printf ("src/booking/decider.ts:%u:", begin_line + 4);
  if (!g_str_has_prefix (error->message, expected_line))
    g_error ("“%s” does not start with “%s”", error->message, expected_line);

  decider_after = read_text (dir, "src/booking/decider.ts");
  types_after = read_text (dir, "src/booking/types.ts");
  g_assert_cmpstr (decider_after, ==, broken);
  g_assert_cmpstr (types_after, ==, types_before);

  remove_tree (dir);
}

static void
test_gate (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCodegenReport) forced = NULL;
  SlCodegenReport *report;

  /* Without Book Room, Room Booked has no origin for its fields. */
  sl_document_remove_note (hotel, find_note (hotel, SL_NOTE_COMMAND, "Book Room"));

  report = sl_codegen_run (hotel, SL_CODEGEN_TYPESCRIPT, "hotel.stormline", directory, SL_CODEGEN_FLAGS_NONE, &error);
  g_assert_null (report);
  g_assert_error (error, SL_CODEGEN_ERROR, SL_CODEGEN_ERROR_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, "field-no-origin"));
  g_assert_nonnull (strstr (error->message, "Room Booked"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  forced = sl_codegen_run (hotel, SL_CODEGEN_TYPESCRIPT, "hotel.stormline", directory, SL_CODEGEN_FORCE, NULL);
  g_assert_nonnull (forced);
  g_assert_cmpuint (sl_codegen_report_get_n_problems (forced), >, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));

  remove_tree (dir);
}

/* JSON Schema */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

/* Whether @value fits @schema, for the keywords the generator writes:
 * type, format (date, date-time, uuid), pattern, items, properties,
 * required and additionalProperties; @why says where it does not. */
/* Whether every field @schema requires is in @value, too. */
static gboolean check_required = TRUE;

static gboolean
validate (JsonNode   *value,
          JsonObject *schema,
          GString    *why)
{
  const char *type = member_string (schema, "type");
  const char *format = member_string (schema, "format");
  const char *pattern = member_string (schema, "pattern");

  if (g_strcmp0 (type, "string") == 0)
    {
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return g_string_append (why, "not a string"), FALSE;
      text = json_node_get_string (value);
      if (g_strcmp0 (format, "date") == 0 &&
          !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0))
        return g_string_append_printf (why, "“%s” is not a date", text), FALSE;
      if (g_strcmp0 (format, "date-time") == 0)
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

          if (time == NULL)
            return g_string_append_printf (why, "“%s” is not a date-time", text), FALSE;
        }
      if (g_strcmp0 (format, "uuid") == 0 && !g_uuid_string_is_valid (text))
        return g_string_append_printf (why, "“%s” is not a uuid", text), FALSE;
      if (pattern != NULL && !g_regex_match_simple (pattern, text, 0, 0))
        return g_string_append_printf (why, "“%s” does not match %s", text, pattern), FALSE;
      return TRUE;
    }
  if (g_strcmp0 (type, "integer") == 0)
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        return g_string_append (why, "not an integer"), FALSE;
      return TRUE;
    }
  if (g_strcmp0 (type, "number") == 0)
    {
      if (!JSON_NODE_HOLDS_VALUE (value) ||
          (json_node_get_value_type (value) != G_TYPE_INT64 && json_node_get_value_type (value) != G_TYPE_DOUBLE))
        return g_string_append (why, "not a number"), FALSE;
      return TRUE;
    }
  if (g_strcmp0 (type, "boolean") == 0)
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        return g_string_append (why, "not a boolean"), FALSE;
      return TRUE;
    }
  if (g_strcmp0 (type, "array") == 0)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        return g_string_append (why, "not an array"), FALSE;
      array = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!validate (json_array_get_element (array, i), json_object_get_object_member (schema, "items"), why))
          return g_string_append_printf (why, " (item %u)", i), FALSE;
      return TRUE;
    }
  if (g_strcmp0 (type, "object") == 0)
    {
      JsonObject *object;
      JsonObject *properties = json_object_has_member (schema, "properties") ?
                               json_object_get_object_member (schema, "properties") : NULL;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        return g_string_append (why, "not an object"), FALSE;
      object = json_node_get_object (value);
      if (properties == NULL)
        return TRUE;
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          if (!json_object_has_member (properties, l->data))
            {
              if (json_object_has_member (schema, "additionalProperties") &&
                  !json_object_get_boolean_member (schema, "additionalProperties"))
                return g_string_append_printf (why, "“%s” is not allowed", (char *) l->data), FALSE;
              continue;
            }
          if (!validate (json_object_get_member (object, l->data),
                         json_object_get_object_member (properties, l->data), why))
            return g_string_append_printf (why, " (in “%s”)", (char *) l->data), FALSE;
        }
      if (check_required && json_object_has_member (schema, "required"))
        {
          JsonArray *required = json_object_get_array_member (schema, "required");

          for (guint i = 0; i < json_array_get_length (required); i++)
            if (!json_object_has_member (object, json_array_get_string_element (required, i)))
              return g_string_append_printf (why, "“%s” is missing", json_array_get_string_element (required, i)),
                     FALSE;
        }
      return TRUE;
    }

  g_string_append_printf (why, "unknown type “%s”", type != NULL ? type : "(none)");
  return FALSE;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A scenario step's values as the JSON of the message's field types. */
static JsonNode *
step_instance (SlCodegenStep *step)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < step->names->len; i++)
    {
      const char *name = g_ptr_array_index (step->names, i);
      const char *value = g_ptr_array_index (step->values, i);
      SlCodegenField *field = NULL;
      g_auto(GStrv) items = NULL;
      JsonArray *array;

      for (guint f = 0; f < step->message->fields->len; f++)
        if (g_str_equal (((SlCodegenField *) g_ptr_array_index (step->message->fields, f))->name, name))
          field = g_ptr_array_index (step->message->fields, f);
      g_assert_nonnull (field);

      if (!field->list)
        {
          g_autofree char *json = NULL;

          if (field->type == SL_FIELD_INT || field->type == SL_FIELD_LONG || field->type == SL_FIELD_DOUBLE ||
              field->type == SL_FIELD_BOOLEAN)
            json = g_strdup (value);
          else
            json = g_strdup_printf ("\"%s\"", value);
          json_object_set_member (object, name, parse (json));
          continue;
        }
      items = g_strsplit (value, ",", -1);
      array = json_array_new ();
      for (guint j = 0; items[j] != NULL; j++)
        json_array_add_string_element (array, g_strstrip (items[j]));
      json_object_set_array_member (object, name, array);
    }

  json_node_take_object (node, object);
  return node;
}

static void
assert_valid (JsonNode   *instance,
              JsonObject *schema,
              const char *what)
{
  g_autoptr(GString) why = g_string_new (NULL);

  if (!validate (instance, schema, why))
    g_error ("%s does not validate against %s: %s", what, member_string (schema, "$id"), why->str);
}

static void
assert_invalid (const char *instance,
                JsonObject *schema)
{
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(JsonNode) node = parse (instance);

  if (validate (node, schema, why))
    g_error ("%s validates against %s, and must not", instance, member_string (schema, "$id"));
}

static void
test_schemas (void)
{
  g_autoptr(SlDocument) hotel = test_load_example ();
  g_autofree char *dir = scratch_dir_new ();
  g_autoptr(SlCodegenReport) report = generate (hotel, dir, SL_CODEGEN_FLAGS_NONE);
  g_autoptr(GHashTable) schemas = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) json_node_unref);
  SlCodegenModel *model = _sl_codegen_model_new (hotel, "hotel.stormline");
  guint n_steps = 0;

  for (guint i = 0; i < model->messages->len; i++)
    {
      SlCodegenMessage *message = g_ptr_array_index (model->messages, i);
      g_autofree char *path = g_strdup_printf ("schema/%s.schema.json", message->type_name);
      g_autofree char *text = read_text (dir, path);
      JsonNode *root = parse (text);
      JsonObject *schema = json_node_get_object (root);
      g_autofree char *id = g_strdup_printf ("%s.schema.json", message->type_name);

      g_assert_cmpstr (member_string (schema, "$schema"), ==, "https://json-schema.org/draft/2020-12/schema");
      g_assert_cmpstr (member_string (schema, "$id"), ==, id);
      g_assert_cmpstr (member_string (schema, "title"), ==, message->name);
      g_assert_false (json_object_get_boolean_member (schema, "additionalProperties"));
      if (json_object_has_member (schema, "examples"))
        assert_valid (json_array_get_element (json_object_get_array_member (schema, "examples"), 0), schema,
                      "the schema's example");
      g_hash_table_insert (schemas, message->type_name, root);
    }

  /* Every step of every scenario. */
  for (guint i = 0; i < model->tests->len; i++)
    {
      SlCodegenTest *test = g_ptr_array_index (model->tests, i);
      GPtrArray *parts[] = { test->given, test->when, test->then };

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        for (guint s = 0; s < parts[p]->len; s++)
          {
            SlCodegenStep *step = g_ptr_array_index (parts[p], s);
            JsonNode *root = g_hash_table_lookup (schemas, step->message->type_name);
            g_autoptr(JsonNode) instance = step_instance (step);
            g_autofree char *what = g_strdup_printf ("a step of “%s”", test->title);

            /* An automation's test is made of the example values its
             * inputs have, which need not be all of their fields. */
            check_required = test->kind != SL_CODEGEN_TEST_AUTOMATION;
            assert_valid (instance, json_node_get_object (root), what);
            check_required = TRUE;
            n_steps++;
          }
    }
  g_assert_cmpuint (n_steps, >, 30);

  /* The validator can fail. */
  {
    JsonObject *add_room = json_node_get_object (g_hash_table_lookup (schemas, "AddRoom"));
    JsonObject *book_room = json_node_get_object (g_hash_table_lookup (schemas, "BookRoom"));
    const char *room = "\"roomNumber\": \"101\", \"roomType\": \"Double\", \"amenities\": [\"Wi-Fi\"]";
    g_autofree char *good = g_strdup_printf ("{%s, \"pricePerNight\": \"120.00\"}", room);
    g_autofree char *number = g_strdup_printf ("{%s, \"pricePerNight\": 120}", room);
    g_autofree char *text = g_strdup_printf ("{%s, \"pricePerNight\": \"a lot\"}", room);
    g_autofree char *extra = g_strdup_printf ("{%s, \"pricePerNight\": \"1\", \"view\": \"sea\"}", room);
    g_autoptr(JsonNode) valid = parse (good);

    assert_valid (valid, add_room, good);
    assert_invalid (number, add_room);
    assert_invalid (text, add_room);
    assert_invalid (extra, add_room);
    assert_invalid ("{\"roomNumber\": \"101\"}", add_room);
    assert_invalid ("{\"roomNumber\": \"101\", \"roomType\": \"Double\", \"pricePerNight\": \"1\", \"amenities\": \"Wi-Fi\"}",
                    add_room);
    assert_invalid ("{\"guestId\": \"not-a-uuid\", \"roomNumber\": \"1\", \"checkIn\": \"2026-12-01\", \"checkOut\": \"2026-12-02\"}",
                    book_room);
    assert_invalid ("{\"guestId\": \"3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f\", \"roomNumber\": \"1\", \"checkIn\": \"1 December\", \"checkOut\": \"2026-12-02\"}",
                    book_room);
  }

  _sl_codegen_model_free (model);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codegen/identifiers", test_identifiers);
  g_test_add_func ("/codegen/languages", test_languages);
  g_test_add_func ("/codegen/model", test_model);
  g_test_add_func ("/codegen/regenerate", test_regenerate);
  g_test_add_func ("/codegen/crlf", test_crlf);
  g_test_add_func ("/codegen/case-clash", test_case_clash);
  g_test_add_func ("/codegen/reserved-names", test_reserved_names);
  g_test_add_func ("/codegen/stable-suffixes", test_stable_suffixes);
  g_test_add_func ("/codegen/model-name", test_model_name);
  g_test_add_func ("/codegen/renamed-aggregate", test_renamed_aggregate);
  g_test_add_func ("/codegen/unbalanced", test_unbalanced);
  g_test_add_func ("/codegen/gate", test_gate);
  g_test_add_func ("/codegen/schemas", test_schemas);

  return g_test_run ();
}
