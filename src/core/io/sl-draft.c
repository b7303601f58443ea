/* sl-draft.c: drafts of unsaved documents, for recovery after a crash
 *
 * A window hands the store a draft of its document soon after each
 * change; the store writes it atomically, one at a time and in the order
 * given, on a thread of its own, so a removal that follows a write is
 * never undone by it. A draft is one file: a key file head that tells
 * whose document it is, a line "%%", then the document as it would be
 * saved. Reading a draft trusts nothing in it: the head is checked and
 * the document goes through the native format's strict loader.
 *
 * The main thread only plans a draft (_sl_format_plan_text()): elements
 * unchanged since the document's previous draft are not written again
 * but taken from that draft's text, which the store's thread keeps as
 * the "base" of the next one, mapped from the file it wrote. Planning
 * costs a walk over the elements; putting the text together, writing and
 * syncing it happen on the thread. Each plan has a serial that no other
 * has, so a plan can only be put together from the very text it was
 * planned against: when that text is missing (a plan failed), the store
 * says so to the next plan, which writes everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "sl-document.h"
#include "sl-draft.h"
#include "sl-file-writer.h"
#include "sl-format-private.h"
#include "sl-history.h"

#define DRAFT_SUFFIX ".draft"
#define DRAFT_GROUP "Draft"
#define DRAFT_SEPARATOR "\n%%\n"
/* A hidden file this old was left by a write a crash cut short. */
#define STALE_SECONDS (10 * 60)

struct _SlDraftStore
{
  GObject parent_instance;

  char *directory;
  GThreadPool *pool;  /* one thread: the operations run in order */
  GHashTable *bases;  /* serial -> Base; the thread's alone */
  GMutex lock;
  GCond idle;
  guint pending;      /* operations queued or running */
  GHashTable *broken; /* serials of plans that failed */
};

G_DEFINE_FINAL_TYPE (SlDraftStore, sl_draft_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sl-draft-error-quark, sl_draft_error)

/* The text of the last draft of a document: mapped from its file, or
 * kept in memory when the file could not be written or mapped. */
typedef struct
{
  GMappedFile *map;
  GBytes *bytes;
  gsize body; /* where the document starts */
} Base;

typedef enum {
  OPERATION_WRITE,
  OPERATION_REMOVE,
  OPERATION_PRIME,
  OPERATION_RELEASE,
  OPERATION_CLEAN,
} OperationKind;

typedef struct
{
  OperationKind kind;
  SlDraft *draft;   /* WRITE: the head; REMOVE: the id */
  SlTextPlan *plan; /* WRITE */
  GBytes *text;     /* PRIME */
  guint base;       /* WRITE: the serial of the text the plan reuses */
  guint serial;     /* WRITE, PRIME, RELEASE */
} Operation;

struct _SlDraftPrimer
{
  SlTextPrimer *text;
};

static void
base_free (gpointer data)
{
  Base *base = data;

  g_clear_pointer (&base->map, g_mapped_file_unref);
  g_clear_pointer (&base->bytes, g_bytes_unref);
  g_free (base);
}

static const char *
base_get_body (Base  *base,
               gsize *length)
{
  const char *data;
  gsize size;

  if (base->map != NULL)
    {
      data = g_mapped_file_get_contents (base->map);
      size = g_mapped_file_get_length (base->map);
    }
  else
    data = g_bytes_get_data (base->bytes, &size);

  g_assert (base->body <= size);
  *length = size - base->body;
  return data + base->body;
}

void
sl_draft_free (SlDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->id);
  g_free (draft->uri);
  g_free (draft->checksum);
  g_free (draft->title);
  g_clear_pointer (&draft->text, g_bytes_unref);
  g_clear_object (&draft->document);
  g_free (draft);
}

/**
 * sl_draft_new_id:
 * @uri: (nullable): the document's file
 *
 * A document saved to a file always has the same draft, so a new draft
 * replaces an older one; an untitled one gets a name of its own.
 *
 * Returns: (transfer full): the name of a draft
 */
char *
sl_draft_new_id (const char *uri)
{
  g_autofree char *sum = NULL;

  if (uri == NULL)
    return g_uuid_string_random ();

  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  return g_strndup (sum, 32);
}

/**
 * sl_draft_checksum_file:
 *
 * Returns: (transfer full): the SHA-256 of the file's bytes, in hex, or
 *   %NULL with @error set
 */
char *
sl_draft_checksum_file (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static char *
draft_path (SlDraftStore *self,
            const char   *id)
{
  g_autofree char *name = g_strconcat (id, DRAFT_SUFFIX, NULL);

  return g_build_filename (self->directory, name, NULL);
}

static GString *
draft_head (SlDraft *draft,
            gsize    body_length)
{
  g_autoptr(GKeyFile) head = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize head_len;
  GString *out;

  if (draft->uri != NULL)
    g_key_file_set_string (head, DRAFT_GROUP, "uri", draft->uri);
  if (draft->checksum != NULL)
    g_key_file_set_string (head, DRAFT_GROUP, "checksum", draft->checksum);
  g_key_file_set_string (head, DRAFT_GROUP, "title", draft->title);
  g_key_file_set_int64 (head, DRAFT_GROUP, "changed", draft->changed);
  g_key_file_set_uint64 (head, DRAFT_GROUP, "changes", draft->n_changes);
  data = g_key_file_to_data (head, &head_len, NULL);

  out = g_string_sized_new (head_len + body_length + 8);
  g_string_append_len (out, data, head_len);
  /* The header ends with its line break: the separator's own follows. */
  g_string_append (out, &DRAFT_SEPARATOR[1]);
  return out;
}

static void
plan_failed (SlDraftStore *self,
             Operation    *op)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->broken, GUINT_TO_POINTER (op->base));
  g_hash_table_add (self->broken, GUINT_TO_POINTER (op->serial));
  g_mutex_unlock (&self->lock);
}

static void
write_draft (SlDraftStore *self,
             Operation    *op)
{
  g_autofree char *path = draft_path (self, op->draft->id);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Base *base = g_hash_table_lookup (self->bases, GUINT_TO_POINTER (op->base));
  const char *base_text = NULL;
  gsize base_length = 0, body;
  GString *out;

  if (base != NULL)
    base_text = base_get_body (base, &base_length);

  out = draft_head (op->draft, _sl_text_plan_get_length (op->plan));
  body = out->len;
  if (!_sl_text_plan_compose (op->plan, base_text, base_length, out))
    {
      /* Only when the plan before failed too: the next writes it all. */
      g_warning ("Could not write the draft %s: the draft before it is missing", path);
      g_string_free (out, TRUE);
      g_hash_table_remove (self->bases, GUINT_TO_POINTER (op->base));
      plan_failed (self, op);
      return;
    }
  bytes = g_string_free_to_bytes (out);

  base = g_new0 (Base, 1);
  base->body = body;
  if (g_mkdir_with_parents (self->directory, 0700) != 0 ||
      !sl_file_write_atomically (file, bytes, NULL, &error))
    g_warning ("Could not write the draft %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
  else
    base->map = g_mapped_file_new (path, FALSE, NULL);

  /* What the next draft reuses: the file, out of the way of the heap, or
   * the text itself when there is no file to map. */
  if (base->map == NULL || g_mapped_file_get_length (base->map) != g_bytes_get_size (bytes))
    {
      g_clear_pointer (&base->map, g_mapped_file_unref);
      base->bytes = g_steal_pointer (&bytes);
    }
  g_hash_table_remove (self->bases, GUINT_TO_POINTER (op->base));
  g_hash_table_insert (self->bases, GUINT_TO_POINTER (op->serial), base);
}

/* Keeps the primed text out of the heap: in a file mapped, then unlinked,
 * that only the mapping keeps. */
static void
prime (SlDraftStore *self,
       Operation    *op)
{
  g_autofree char *name = g_strdup_printf (".prime-%u", op->serial);
  g_autofree char *path = g_build_filename (self->directory, name, NULL);
  Base *base = g_new0 (Base, 1);
  gsize length;
  const char *text = g_bytes_get_data (op->text, &length);

  if (g_mkdir_with_parents (self->directory, 0700) == 0 &&
      g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    {
      base->map = g_mapped_file_new (path, FALSE, NULL);
      g_unlink (path);
    }
  if (base->map == NULL || g_mapped_file_get_length (base->map) != length)
    {
      g_clear_pointer (&base->map, g_mapped_file_unref);
      base->bytes = g_steal_pointer (&op->text);
    }
  g_hash_table_insert (self->bases, GUINT_TO_POINTER (op->serial), base);
}

static void
clean (SlDraftStore *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->directory, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->directory, name, NULL);
      GStatBuf st;

      if (name[0] == '.' && g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          now - st.st_mtime > STALE_SECONDS)
        g_unlink (path);
    }
}

static void
run_operation (gpointer data,
               gpointer user_data)
{
  Operation *op = data;
  SlDraftStore *self = user_data;

  switch (op->kind)
    {
    case OPERATION_WRITE:
      write_draft (self, op);
      break;

    case OPERATION_REMOVE:
      {
        g_autofree char *path = draft_path (self, op->draft->id);

        if (g_unlink (path) != 0 && errno != ENOENT)
          g_warning ("Could not remove the draft %s: %s", path, g_strerror (errno));
      }
      break;

    case OPERATION_PRIME:
      prime (self, op);
      break;

    case OPERATION_CLEAN:
      clean (self);
      break;

    case OPERATION_RELEASE:
      g_hash_table_remove (self->bases, GUINT_TO_POINTER (op->serial));
      g_mutex_lock (&self->lock);
      g_hash_table_remove (self->broken, GUINT_TO_POINTER (op->serial));
      g_mutex_unlock (&self->lock);
      break;

    default:
      g_assert_not_reached ();
    }

  sl_draft_free (op->draft);
  g_clear_pointer (&op->plan, _sl_text_plan_free);
  g_clear_pointer (&op->text, g_bytes_unref);
  g_free (op);

  g_mutex_lock (&self->lock);
  if (--self->pending == 0)
    g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
}

static void
push (SlDraftStore *self,
      Operation    *op)
{
  g_mutex_lock (&self->lock);
  self->pending++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (self->pool, op, NULL);
}

static void
sl_draft_store_finalize (GObject *object)
{
  SlDraftStore *self = SL_DRAFT_STORE (object);

  /* Every draft handed over is written before the store goes. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_hash_table_unref (self->bases);
  g_hash_table_unref (self->broken);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  g_free (self->directory);

  G_OBJECT_CLASS (sl_draft_store_parent_class)->finalize (object);
}

static void
sl_draft_store_class_init (SlDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_draft_store_finalize;
}

static void
sl_draft_store_init (SlDraftStore *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->bases = g_hash_table_new_full (NULL, NULL, NULL, base_free);
  self->broken = g_hash_table_new (NULL, NULL);
  self->pool = g_thread_pool_new (run_operation, self, 1, FALSE, NULL);
}

/**
 * sl_draft_store_new:
 * @directory: where the drafts are kept; made when the first is written
 *
 * Removes the hidden files older than ten minutes in @directory: writes
 * cut short by a crash left them.
 *
 * Returns: (transfer full): a store of drafts
 */
SlDraftStore *
sl_draft_store_new (const char *directory)
{
  SlDraftStore *self;
  Operation *op;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (SL_TYPE_DRAFT_STORE, NULL);
  self->directory = g_strdup (directory);

  /* What a write or a priming left when the app was killed in it. */
  op = g_new0 (Operation, 1);
  op->kind = OPERATION_CLEAN;
  push (self, op);

  return self;
}

/**
 * sl_draft_store_get_default:
 *
 * The drafts are state, not documents or settings: they live in
 * `$XDG_STATE_HOME/stormline/drafts`, which in the Flatpak sandbox is
 * inside the application's own folder.
 *
 * Returns: (transfer none): the process's store of drafts
 */
SlDraftStore *
sl_draft_store_get_default (void)
{
  static SlDraftStore *store;

  if (g_once_init_enter (&store))
    {
      g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "stormline", "drafts", NULL);

      g_once_init_leave (&store, sl_draft_store_new (dir));
    }
  return store;
}

const char *
sl_draft_store_get_directory (SlDraftStore *self)
{
  g_return_val_if_fail (SL_IS_DRAFT_STORE (self), NULL);

  return self->directory;
}

/**
 * sl_draft_store_write:
 * @id: the draft's name, from sl_draft_new_id()
 * @document: the document as it is now
 * @uri: (nullable): the document's file
 * @checksum: (nullable): the file's checksum when it was loaded or saved
 * @n_changes: the changes since it was saved
 * @base: what this returned for the previous draft of @document, or 0
 *
 * Writes a draft of @document off the calling thread, replacing a draft
 * of the same id. The calling thread only writes the elements changed
 * since the draft @base; all else happens on the store's thread.
 *
 * Returns: the serial of this draft, to pass as @base for the next draft
 *   of @document and to sl_draft_store_release() when there is none
 */
guint
sl_draft_store_write (SlDraftStore *self,
                      const char   *id,
                      SlDocument   *document,
                      const char   *uri,
                      const char   *checksum,
                      guint         n_changes,
                      guint         base)
{
  Operation *op;
  SlDraft *draft;
  guint serial;

  g_return_val_if_fail (SL_IS_DRAFT_STORE (self), 0);
  g_return_val_if_fail (id != NULL, 0);
  g_return_val_if_fail (SL_IS_DOCUMENT (document), 0);

  draft = g_new0 (SlDraft, 1);
  draft->id = g_strdup (id);
  draft->uri = g_strdup (uri);
  draft->checksum = g_strdup (checksum);
  draft->title = g_strdup (sl_document_get_title (document));
  draft->changed = g_get_real_time ();
  draft->n_changes = n_changes;

  /* A base whose draft failed is not there to reuse: write it all. */
  g_mutex_lock (&self->lock);
  if (g_hash_table_remove (self->broken, GUINT_TO_POINTER (base)))
    base = 0;
  g_mutex_unlock (&self->lock);

  serial = _sl_format_new_serial ();
  op = g_new0 (Operation, 1);
  op->kind = OPERATION_WRITE;
  op->draft = draft;
  op->base = base;
  op->serial = serial;
  op->plan = _sl_format_plan_text (document, base, serial);
  /* The store's thread frees it. */
  push (self, op);

  return serial;
}

/**
 * sl_draft_store_remove:
 *
 * Removes the draft @id once the writes handed over before are done. The
 * text of its last draft is still reused by the next one.
 */
void
sl_draft_store_remove (SlDraftStore *self,
                       const char   *id)
{
  Operation *op;

  g_return_if_fail (SL_IS_DRAFT_STORE (self));
  g_return_if_fail (id != NULL);

  op = g_new0 (Operation, 1);
  op->kind = OPERATION_REMOVE;
  op->draft = g_new0 (SlDraft, 1);
  op->draft->id = g_strdup (id);
  push (self, op);
}

/**
 * sl_draft_store_release:
 * @serial: what sl_draft_store_write() returned, or 0
 *
 * Lets go of the text kept for the next draft after @serial: there will
 * be none, the document is gone.
 */
void
sl_draft_store_release (SlDraftStore *self,
                        guint         serial)
{
  Operation *op;

  g_return_if_fail (SL_IS_DRAFT_STORE (self));

  if (serial == 0)
    return;

  op = g_new0 (Operation, 1);
  op->kind = OPERATION_RELEASE;
  op->serial = serial;
  push (self, op);
}

/**
 * sl_draft_primer_new:
 *
 * Writes the text of @document's elements a step at a time, before its
 * first draft, so that draft writes only what changed since: for a large
 * model, the step a draft otherwise costs the main thread once.
 *
 * Returns: (transfer full): a primer to step, then hand to
 *   sl_draft_store_prime()
 */
SlDraftPrimer *
sl_draft_primer_new (SlDocument *document)
{
  SlDraftPrimer *primer;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  primer = g_new0 (SlDraftPrimer, 1);
  primer->text = _sl_text_primer_new (document);
  return primer;
}

/**
 * sl_draft_primer_step:
 * @budget: how many elements to write at most
 *
 * The document may change between two steps.
 *
 * Returns: %TRUE once done
 */
gboolean
sl_draft_primer_step (SlDraftPrimer *primer,
                      guint          budget)
{
  g_return_val_if_fail (primer != NULL, TRUE);

  return _sl_text_primer_step (primer->text, budget);
}

void
sl_draft_primer_free (SlDraftPrimer *primer)
{
  if (primer == NULL)
    return;

  _sl_text_primer_free (primer->text);
  g_free (primer);
}

/**
 * sl_draft_store_prime:
 * @primer: (transfer full): a primer that is done
 *
 * Returns: the serial to pass as base to the first sl_draft_store_write()
 *   of the primer's document, or to sl_draft_store_release()
 */
guint
sl_draft_store_prime (SlDraftStore  *self,
                      SlDraftPrimer *primer)
{
  Operation *op;
  guint serial;

  g_return_val_if_fail (SL_IS_DRAFT_STORE (self), 0);
  g_return_val_if_fail (primer != NULL, 0);

  serial = _sl_text_primer_get_serial (primer->text);
  op = g_new0 (Operation, 1);
  op->kind = OPERATION_PRIME;
  op->serial = serial;
  op->text = _sl_text_primer_free_to_bytes (primer->text);
  g_free (primer);
  /* The store's thread frees it. */
  push (self, op);

  return serial;
}

/**
 * sl_draft_store_flush:
 *
 * Waits until every write and removal handed over is done.
 */
void
sl_draft_store_flush (SlDraftStore *self)
{
  g_return_if_fail (SL_IS_DRAFT_STORE (self));

  g_mutex_lock (&self->lock);
  while (self->pending > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/**
 * sl_draft_store_list:
 *
 * Returns: (transfer full): the ids of the drafts on disk, broken or not,
 *   in a stable order
 */
GStrv
sl_draft_store_list (SlDraftStore *self)
{
  g_autoptr(GDir) dir = NULL;
  GPtrArray *ids = g_ptr_array_new ();
  const char *name;

  g_return_val_if_fail (SL_IS_DRAFT_STORE (self), NULL);

  dir = g_dir_open (self->directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      /* A temporary file of a write in progress starts with a dot. */
      if (name[0] != '.' && g_str_has_suffix (name, DRAFT_SUFFIX))
        g_ptr_array_add (ids, g_strndup (name, strlen (name) - strlen (DRAFT_SUFFIX)));
    }
  g_ptr_array_sort (ids, compare_names);
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (ids, FALSE);
}

static gboolean
broken (GError    **error,
        const char *path,
        const char *why)
{
  /* Translators: the first %s is a file, the second what is wrong with it */
  g_set_error (error, SL_DRAFT_ERROR, SL_DRAFT_ERROR_BROKEN, _("The draft %s is broken: %s"), path, why);
  return FALSE;
}

/* Makes @document modified, with nothing to undo: what a draft holds was
 * never saved, and its steps are gone. */
static void
mark_unsaved (SlDocument *document)
{
  SlHistory *history = sl_document_get_history (document);
  g_autofree char *title = g_strdup (sl_document_get_title (document));
  g_autofree char *other = g_strconcat (title, "~", NULL);

  /* Two steps: one would merge away into nothing. */
  sl_document_set_title (document, other);
  sl_history_seal (history);
  sl_document_set_title (document, title);
  sl_history_clear (history);
}

/**
 * sl_draft_store_read:
 *
 * Reads the draft @id and loads its document with the native format's
 * strict loader.
 *
 * Returns: (transfer full): the draft, with its document, or %NULL with
 *   @error set when it cannot be read or is broken
 */
SlDraft *
sl_draft_store_read (SlDraftStore  *self,
                     const char    *id,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GKeyFile) head = g_key_file_new ();
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *separator;
  gsize length;
  gint64 changes;

  g_return_val_if_fail (SL_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  path = draft_path (self, id);
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  separator = g_strstr_len (contents, length, DRAFT_SEPARATOR);
  if (separator == NULL)
    return broken (error, path, _("it has no head")), NULL;
  if (!g_key_file_load_from_data (head, contents, separator - contents, G_KEY_FILE_NONE, &local_error))
    return broken (error, path, local_error->message), NULL;

  draft = g_new0 (SlDraft, 1);
  draft->id = g_strdup (id);
  draft->uri = g_key_file_get_string (head, DRAFT_GROUP, "uri", NULL);
  draft->checksum = g_key_file_get_string (head, DRAFT_GROUP, "checksum", NULL);
  draft->title = g_key_file_get_string (head, DRAFT_GROUP, "title", &local_error);
  if (draft->title == NULL)
    return broken (error, path, local_error->message), NULL;
  draft->changed = g_key_file_get_int64 (head, DRAFT_GROUP, "changed", &local_error);
  if (local_error != NULL)
    return broken (error, path, local_error->message), NULL;
  changes = g_key_file_get_int64 (head, DRAFT_GROUP, "changes", &local_error);
  if (local_error != NULL)
    return broken (error, path, local_error->message), NULL;
  if (changes < 0 || changes > G_MAXUINT)
    return broken (error, path, _("its number of changes is out of range")), NULL;
  draft->n_changes = changes;
  if (draft->uri != NULL && !g_uri_is_valid (draft->uri, G_URI_FLAGS_NONE, NULL))
    return broken (error, path, _("its file is not a valid URI")), NULL;

  separator += strlen (DRAFT_SEPARATOR);
  draft->text = g_bytes_new (separator, length - (separator - contents));
  draft->document = sl_format_load_bytes (draft->text, &local_error);
  if (draft->document == NULL)
    return broken (error, path, local_error->message), NULL;
  mark_unsaved (draft->document);

  return g_steal_pointer (&draft);
}
