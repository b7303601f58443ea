/* test-draft.c: drafts of unsaved documents
 *
 * A draft written comes back with its document, its file, the file's
 * checksum, its title, time and number of changes; writes and removals
 * happen in the order given; an untitled document has a draft of its
 * own; a broken draft is reported and left where it is; the default
 * store is in $XDG_STATE_HOME. A draft that reuses the text of the one
 * before holds exactly the document, also when that one failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <utime.h>

#include "test-util.h"

typedef struct
{
  char *dir;
  SlDraftStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-draft-XXXXXX", &error);

  g_assert_no_error (error);
  /* The store makes its folder: it is not there before the first draft. */
  fixture->dir = g_build_filename (tmp, "state", "drafts", NULL);
  fixture->store = sl_draft_store_new (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *state = g_path_get_dirname (fixture->dir);
  g_autofree char *tmp = g_path_get_dirname (state);

  g_object_unref (fixture->store);
  remove_tree (tmp);
  g_free (fixture->dir);
}

static SlDocument *
load_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (example_path ());
  SlDocument *document = sl_format_load_file (file, &error);

  g_assert_no_error (error);
  return document;
}

static guint
count_drafts (SlDraftStore *store)
{
  g_auto(GStrv) ids = sl_draft_store_list (store);

  return g_strv_length (ids);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SlDocument) document = load_example ();
  g_autoptr(GFile) file = g_file_new_for_path (example_path ());
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *checksum = NULL;
  g_autofree char *id = sl_draft_new_id (uri);
  g_autofree char *other_id = sl_draft_new_id (uri);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) restored = NULL;
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  SlHistory *history;
  gint64 before = g_get_real_time ();

  checksum = sl_draft_checksum_file (file, NULL, &error);
  g_assert_no_error (error);
  /* One file, one draft: a new draft of it replaces the old one. */
  g_assert_cmpstr (id, ==, other_id);

  sl_document_set_title (document, "Hotel, edited");
  expected = sl_format_save_to_bytes (document);
  sl_draft_store_write (fixture->store, id, document, uri, checksum, 3, 0);
  sl_draft_store_flush (fixture->store);

  ids = sl_draft_store_list (fixture->store);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, id);

  draft = sl_draft_store_read (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->uri, ==, uri);
  g_assert_cmpstr (draft->checksum, ==, checksum);
  g_assert_cmpstr (draft->title, ==, "Hotel, edited");
  g_assert_cmpuint (draft->n_changes, ==, 3);
  g_assert_cmpint (draft->changed, >=, before);
  g_assert_cmpint (draft->changed, <=, g_get_real_time ());

  /* The document is what was drafted, unsaved, with nothing to undo. */
  restored = sl_format_save_to_bytes (draft->document);
  assert_bytes_equal (restored, expected);
  history = sl_document_get_history (draft->document);
  g_assert_true (sl_history_get_modified (history));
  g_assert_false (sl_history_can_undo (history));
  g_assert_false (sl_history_can_redo (history));
}

static void
test_untitled (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autofree char *first = sl_draft_new_id (NULL);
  g_autofree char *second = sl_draft_new_id (NULL);
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  /* Two untitled documents never share a draft. */
  g_assert_cmpstr (first, !=, second);

  sl_document_add_default_lane (document);
  sl_draft_store_write (fixture->store, first, document, NULL, NULL, 1, 0);
  sl_draft_store_write (fixture->store, second, document, NULL, NULL, 2, 0);
  sl_draft_store_flush (fixture->store);
  g_assert_cmpuint (count_drafts (fixture->store), ==, 2);

  draft = sl_draft_store_read (fixture->store, first, &error);
  g_assert_no_error (error);
  g_assert_null (draft->uri);
  g_assert_null (draft->checksum);
  g_assert_cmpstr (draft->title, ==, "");
  g_assert_cmpuint (draft->n_changes, ==, 1);
  g_assert_nonnull (draft->document);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SlDocument) document = load_example ();
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  guint serial = 0;

  /* A removal after a write is not undone by the write finishing late,
   * and the last of several writes is what stays. */
  for (guint i = 0; i < 20; i++)
    serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, i, serial);
  sl_draft_store_remove (fixture->store, "doc");
  sl_draft_store_flush (fixture->store);
  g_assert_cmpuint (count_drafts (fixture->store), ==, 0);

  /* The text of the removed draft is still the base of the next. */
  for (guint i = 0; i < 20; i++)
    serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, i, serial);
  sl_draft_store_release (fixture->store, serial);
  sl_draft_store_flush (fixture->store);
  draft = sl_draft_store_read (fixture->store, "doc", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (draft->n_changes, ==, 19);

  /* Removing what is not there is no error. */
  sl_draft_store_remove (fixture->store, "missing");
  sl_draft_store_flush (fixture->store);
}

/* Edits the document a little: a note moved, one renamed, one added. */
static void
edit (SlDocument *document,
      guint       round)
{
  GListModel *notes = sl_document_get_notes (document);
  guint n = g_list_model_get_n_items (notes);
  g_autoptr(SlNote) moved = g_list_model_get_item (notes, round % n);
  g_autoptr(SlNote) renamed = g_list_model_get_item (notes, (7 * round + 3) % n);
  g_autofree char *text = g_strdup_printf ("Renamed “%u”", round);
  SlNote *added;

  sl_document_move_note (document, moved, sl_note_get_lane (moved),
                         sl_note_get_x (moved) + 10, sl_note_get_y (moved));
  sl_document_set_note_text (document, renamed, text);
  added = sl_document_add_note (document, SL_NOTE_EVENT, sl_note_get_lane (moved), 40 * round, 0, "Added");
  if (round % 3 == 0)
    sl_document_remove_note (document, added);
}

static void
assert_draft_is (Fixture    *fixture,
                 const char *id,
                 SlDocument *document)
{
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = sl_format_save_to_bytes (document);

  sl_draft_store_flush (fixture->store);
  draft = sl_draft_store_read (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_bytes_equal (draft->text, expected);
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SlDocument) document = load_example ();
  g_autoptr(SlDocument) other = load_example ();
  guint serial = 0, other_serial = 0;

  /* Each draft reuses the text of the one before for what did not
   * change: what it holds is still exactly the document, undos too. Two
   * documents drafted in turn do not mix. */
  for (guint round = 1; round <= 30; round++)
    {
      edit (document, round);
      if (round % 5 == 0)
        sl_history_undo (sl_document_get_history (document));
      serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, round, serial);
      edit (other, round + 100);
      other_serial = sl_draft_store_write (fixture->store, "other", other, NULL, NULL, round, other_serial);
      if (round % 7 == 0)
        {
          assert_draft_is (fixture, "doc", document);
          assert_draft_is (fixture, "other", other);
        }
    }
  assert_draft_is (fixture, "doc", document);
  assert_draft_is (fixture, "other", other);
  sl_draft_store_release (fixture->store, serial);
  sl_draft_store_release (fixture->store, other_serial);
}

static void
test_incremental_faults (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SlDocument) document = load_example ();
  g_autofree char *state = g_path_get_dirname (fixture->dir);
  guint serial, lost;

  /* The folder cannot be made: the draft is not written, but its text
   * is kept, and the next draft, written once it can be, reuses it. */
  g_assert_no_errno (g_mkdir_with_parents (state, 0700));
  g_assert_true (g_file_set_contents (fixture->dir, "in the way", -1, NULL));
  edit (document, 1);
  g_test_expect_message ("stormline-core", G_LOG_LEVEL_WARNING, "Could not write the draft*");
  serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, 1, 0);
  sl_draft_store_flush (fixture->store);
  g_test_assert_expected_messages ();
  g_assert_no_errno (g_unlink (fixture->dir));

  edit (document, 2);
  serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, 2, serial);
  assert_draft_is (fixture, "doc", document);

  /* A base that is gone (released too early): that draft fails and says
   * so, and the one after it writes everything. */
  sl_draft_store_release (fixture->store, serial);
  edit (document, 3);
  g_test_expect_message ("stormline-core", G_LOG_LEVEL_WARNING, "*the draft before it is missing*");
  lost = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, 3, serial);
  sl_draft_store_flush (fixture->store);
  g_test_assert_expected_messages ();

  edit (document, 4);
  serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, 4, lost);
  assert_draft_is (fixture, "doc", document);
  edit (document, 5);
  serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, 5, serial);
  assert_draft_is (fixture, "doc", document);
  sl_draft_store_release (fixture->store, serial);
}

static void
test_primed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SlDocument) document = load_example ();
  SlDraftPrimer *primer = sl_draft_primer_new (document);
  guint serial, round = 0;

  /* Primed a few elements at a time while the document changes, then
   * drafted: the draft is the document. */
  while (!sl_draft_primer_step (primer, 3))
    if (++round % 4 == 0)
      edit (document, round);
  serial = sl_draft_store_prime (fixture->store, primer);
  edit (document, ++round);
  serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, 1, serial);
  assert_draft_is (fixture, "doc", document);
  edit (document, ++round);
  serial = sl_draft_store_write (fixture->store, "doc", document, NULL, NULL, 2, serial);
  assert_draft_is (fixture, "doc", document);
  sl_draft_store_release (fixture->store, serial);

  /* A primer let go of unused costs nothing but itself. */
  primer = sl_draft_primer_new (document);
  sl_draft_primer_step (primer, 5);
  sl_draft_primer_free (primer);
}

static void
test_stale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *stale = g_build_filename (fixture->dir, ".draft-cut-short", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, ".draft-being-written", NULL);
  g_autofree char *draft = g_build_filename (fixture->dir, "old.draft", NULL);
  struct utimbuf long_ago = { 1000000000, 1000000000 };
  g_autoptr(SlDraftStore) store = NULL;

  /* A kill in a write leaves its hidden file: a store removes it when it
   * is old, not one another process may be writing, and no draft. */
  g_assert_no_errno (g_mkdir_with_parents (fixture->dir, 0700));
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_file_set_contents ((const char *[]) { stale, fresh, draft }[i], "x", -1, NULL));
  g_assert_no_errno (utime (stale, &long_ago));
  g_assert_no_errno (utime (draft, &long_ago));

  store = sl_draft_store_new (fixture->dir);
  sl_draft_store_flush (store);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));
}

static void
write_draft_file (Fixture    *fixture,
                  const char *name,
                  const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_mkdir_with_parents (fixture->dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_broken (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *contents;
  } cases[] = {
    { "empty", "" },
    { "no-head", "{\"stormline\": 1}" },
    { "bad-head", "[Draft\ntitle=x\n%%\n{}" },
    { "no-title", "[Draft]\nchanged=1\nchanges=1\n%%\n{}" },
    { "bad-changed", "[Draft]\ntitle=x\nchanged=soon\nchanges=1\n%%\n{}" },
    { "negative", "[Draft]\ntitle=x\nchanged=1\nchanges=-1\n%%\n{}" },
    { "bad-uri", "[Draft]\nuri=not a uri\ntitle=x\nchanged=1\nchanges=1\n%%\n{}" },
    { "not-json", "[Draft]\ntitle=x\nchanged=1\nchanges=1\n%%\n{\"stormline\": 1," },
    { "not-a-model", "[Draft]\ntitle=x\nchanged=1\nchanges=1\n%%\n[1, 2]" },
    { "no-document", "[Draft]\ntitle=x\nchanged=1\nchanges=1\n%%\n" },
  };
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strconcat (cases[i].id, ".draft", NULL);

      write_draft_file (fixture, name, cases[i].contents);
    }
  /* A write in progress, and what is not a draft, are not listed. */
  write_draft_file (fixture, ".doc.draft.AB12CD", "");
  write_draft_file (fixture, "notes.txt", "");

  ids = sl_draft_store_list (fixture->store);
  g_assert_cmpuint (g_strv_length (ids), ==, G_N_ELEMENTS (cases));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlDraft) draft = NULL;

      g_test_message ("%s", cases[i].id);
      draft = sl_draft_store_read (fixture->store, cases[i].id, &error);
      g_assert_null (draft);
      g_assert_error (error, SL_DRAFT_ERROR, SL_DRAFT_ERROR_BROKEN);
      g_assert_nonnull (strstr (error->message, cases[i].id));
    }

  /* Reading a broken draft leaves it for the user to discard. */
  g_assert_cmpuint (count_drafts (fixture->store), ==, G_N_ELEMENTS (cases));
}

static void
test_default_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *state = NULL;

  /* Run in a subprocess: GLib reads $XDG_STATE_HOME once. */
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (sl_draft_store_get_directory (sl_draft_store_get_default ()), ==,
                       g_getenv ("EXPECTED_DRAFTS"));
      return;
    }

  tmp = g_dir_make_tmp ("test-draft-state-XXXXXX", &error);
  g_assert_no_error (error);
  state = g_build_filename (tmp, "state", NULL);
  expected = g_build_filename (state, "stormline", "drafts", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("EXPECTED_DRAFTS", expected, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/draft/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/draft/untitled", Fixture, NULL, fixture_set_up, test_untitled, fixture_tear_down);
  g_test_add ("/draft/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/draft/incremental", Fixture, NULL, fixture_set_up, test_incremental, fixture_tear_down);
  g_test_add ("/draft/stale", Fixture, NULL, fixture_set_up, test_stale, fixture_tear_down);
  g_test_add ("/draft/primed", Fixture, NULL, fixture_set_up, test_primed, fixture_tear_down);
  g_test_add ("/draft/incremental-faults", Fixture, NULL, fixture_set_up, test_incremental_faults, fixture_tear_down);
  g_test_add ("/draft/broken", Fixture, NULL, fixture_set_up, test_broken, fixture_tear_down);
  g_test_add_func ("/draft/default-store", test_default_store);

  return g_test_run ();
}
