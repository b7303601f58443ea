/* sl-file-writer.c: replacing a file atomically
 *
 * A model or an export is written to a temporary file in the folder of
 * the file it replaces, flushed to the disk, and renamed over it: a full
 * disk, a crash or a power cut leaves the old file whole, never half of
 * the new one. The format saves through it, and so does every export.
 *
 * Only a regular file is replaced, or a symbolic link to one: a folder, a
 * device, a pipe or a socket is refused, so that saving through a link to
 * /dev/null never puts a regular file in its place. A read-only file is
 * refused too. Where a new file could not have what the old one had (more
 * than one name, an owner or extended attributes this user cannot give),
 * the old file is written in place instead, with a copy of its contents
 * kept beside it until the new ones are on the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>

#include "sl-file-writer-private.h"

/* Temporary files are named after a hash of the name they replace, not
 * the name itself, so that they fit in a folder entry whatever the name's
 * length: ".stormline-save-" 8 hex digits "-" and mkstemp's 6 characters. */
#define TEMP_PREFIX "." "stormline-save-"
#define TEMP_RANDOM "XXXXXX"

/* A temporary file older than this was left by a save that was cut short:
 * a save in progress touches its file much more often, and takes seconds
 * even for the largest model. */
#define STALE_AGE_SECONDS (5 * 60)

#define COPY_CHUNK (64 * 1024)

static SlWriteFault write_fault;
static SlWriteHook write_hook;
static gpointer write_hook_data;

void
_sl_file_writer_set_fault (SlWriteFault fault)
{
  write_fault = fault;
}

void
_sl_file_writer_set_hook (SlWriteHook hook,
                          gpointer    data)
{
  write_hook = hook;
  write_hook_data = data;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

/* Refuses what is not a regular file, in words that say what it is. */
static gboolean
set_not_regular_error (GError           **error,
                       const char        *name,
                       const struct stat *st)
{
  g_autofree char *display = g_filename_display_name (name);

  if (S_ISDIR (st->st_mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a file"), display);
  else if (S_ISFIFO (st->st_mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is a pipe, not a file: Stormline writes only to regular files"), display);
  else if (S_ISCHR (st->st_mode) || S_ISBLK (st->st_mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is a device, not a file: Stormline writes only to regular files"), display);
  else if (S_ISSOCK (st->st_mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is a socket, not a file: Stormline writes only to regular files"), display);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is not a regular file: Stormline writes only to regular files"), display);
  return FALSE;
}

/* Whether the user may not write @path. Root may write anything, so for
 * root the mode bits decide, as they do for a text editor: a file nobody
 * may write was made read-only on purpose. */
static gboolean
is_read_only (const char        *path,
              const struct stat *st)
{
  if (geteuid () == 0)
    return (st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;

  return faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) != 0 && (errno == EACCES || errno == EPERM);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

/* Copies all of @from over the start of @to, and cuts @to to that length. */
static gboolean
copy_contents (int from,
               int to)
{
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);
  off_t offset = 0;

  if (lseek (from, 0, SEEK_SET) != 0 || lseek (to, 0, SEEK_SET) != 0)
    return FALSE;

  for (;;)
    {
      gssize n = read (from, buffer, COPY_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (!write_all (to, buffer, n))
        return FALSE;
      offset += n;
    }

  return ftruncate (to, offset) == 0;
}

static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }
}

/* The start of the names of the temporary files that replace @path. */
static char *
temp_prefix_for (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, base, -1);

  return g_strdup_printf ("%s%.8s-", TEMP_PREFIX, hash);
}

/* Removes what saves of @path cut short (a crash, a power cut) left in
 * @dir: only the writer's own names for that file, and only those old
 * enough that no save in progress can still be writing them. */
static void
remove_stale_temporaries (const char *dir,
                          const char *prefix)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize prefix_length = strlen (prefix);
  const char *name;

  if (folder == NULL)
    return;

  while ((name = g_dir_read_name (folder)))
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != prefix_length + strlen (TEMP_RANDOM))
        continue;

      path = g_build_filename (dir, name, NULL);
      if (lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_mtime < now - STALE_AGE_SECONDS)
        (void) g_unlink (path);
    }
}

/* Gives the new file at @fd what the old one at @path has: its owner,
 * its mode and its extended attributes (ACLs, SELinux labels, tags).
 * Returns: %FALSE when one of them cannot be given */
static gboolean
keep_attributes (int                fd,
                 const char        *path,
                 const struct stat *st)
{
  g_autofree char *names = NULL;
  struct stat new_st;
  gssize length;

  if (fstat (fd, &new_st) != 0)
    return FALSE;
  if ((new_st.st_uid != st->st_uid || new_st.st_gid != st->st_gid) &&
      fchown (fd, st->st_uid, st->st_gid) != 0)
    return FALSE;

  /* After the owner, which clears the set-user-ID bits. */
  if (fchmod (fd, st->st_mode & 07777) != 0)
    return FALSE;

  length = listxattr (path, NULL, 0);
  if (length < 0)
    return errno == ENOTSUP;
  names = g_malloc (length + 1);
  length = listxattr (path, names, length);
  if (length < 0)
    return FALSE;

  for (const char *name = names; name < names + length; name += strlen (name) + 1)
    {
      g_autofree char *value = NULL;
      gssize size = getxattr (path, name, NULL, 0);

      if (size < 0)
        return FALSE;
      value = g_malloc (size + 1);
      size = getxattr (path, name, value, size);
      if (size < 0 || fsetxattr (fd, name, value, size, 0) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Writes @data over the file at @path itself, for a file a rename would
 * change (another name for it would keep the old contents, or an owner or
 * an attribute would be lost). The old contents are first copied to a
 * temporary file beside it and flushed: whatever stops the write, they are
 * put back, and should even that fail (or the power go), the copy stays
 * there, under the name the error message gives. */
static gboolean
write_in_place (const char         *path,
                const char         *dir,
                const char         *temp_template,
                const struct stat  *st,
                const guint8       *data,
                gsize               length,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autofree char *backup_path = g_build_filename (dir, temp_template, NULL);
  g_autofree char *display = NULL;
  struct stat open_st;
  int saved_errno;
  int backup = -1;
  int fd;

  /* Not through a link, nor a pipe put in its place since it was looked at. */
  fd = g_open (path, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (error, errno, _("Cannot write the file"));
  if (fstat (fd, &open_st) != 0 || open_st.st_dev != st->st_dev || open_st.st_ino != st->st_ino)
    {
      close (fd);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                           _("Cannot write the file: it was replaced while it was being saved"));
      return FALSE;
    }

  if (write_fault == SL_WRITE_FAULT_CREATE)
    errno = EACCES;
  else
    backup = g_mkstemp_full (backup_path, O_RDWR | O_CLOEXEC, 0600);
  if (backup < 0)
    {
      saved_errno = errno;
      close (fd);
      return set_errno_error (error, saved_errno, _("Cannot create a file in the folder"));
    }

  if (!copy_contents (fd, backup) || fsync (backup) != 0)
    {
      saved_errno = errno;
      goto fail_before_writing;
    }
  sync_folder (dir);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      close (backup);
      close (fd);
      g_unlink (backup_path);
      return FALSE;
    }

  if (write_hook != NULL)
    write_hook (write_hook_data);

  if (lseek (fd, 0, SEEK_SET) != 0)
    {
      saved_errno = errno;
      goto fail_before_writing;
    }
  if (write_fault == SL_WRITE_FAULT_WRITE)
    {
      (void) write_all (fd, data, length / 2);
      errno = ENOSPC;
      goto fail;
    }
  if (!write_all (fd, data, length) || ftruncate (fd, length) != 0)
    goto fail;
  if (write_fault == SL_WRITE_FAULT_SYNC)
    {
      errno = EIO;
      goto fail;
    }
  if (fsync (fd) != 0)
    goto fail;

  close (fd);
  close (backup);
  g_unlink (backup_path);
  sync_folder (dir);
  return TRUE;

fail_before_writing:
  close (backup);
  close (fd);
  g_unlink (backup_path);
  return set_errno_error (error, saved_errno, _("Cannot write the file"));

fail:
  saved_errno = errno;
  if (copy_contents (backup, fd) && fsync (fd) == 0)
    {
      close (backup);
      close (fd);
      g_unlink (backup_path);
      return set_errno_error (error, saved_errno, _("Cannot write the file"));
    }

  close (backup);
  close (fd);
  display = g_filename_display_name (backup_path);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write the file: %s; its old contents are in “%s”"),
               g_strerror (saved_errno), display);
  return FALSE;
}

/* What a file is replaced by: bytes, or what a function writes. */
typedef struct
{
  GBytes *bytes;
  SlFileWriteFunc func;
  gpointer user_data;
} Contents;

/* The bytes of @contents, for the ways that need them whole. */
static GBytes *
contents_get_bytes (Contents      *contents,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GOutputStream) memory = NULL;

  if (contents->bytes != NULL)
    return g_bytes_ref (contents->bytes);

  memory = g_memory_output_stream_new_resizable ();
  if (!contents->func (memory, contents->user_data, cancellable, error) ||
      !g_output_stream_close (memory, cancellable, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Writes @contents to @fd: the bytes, or what the function writes, as
 * it writes them. */
static gboolean
write_contents (int            fd,
                Contents      *contents,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  GError *local_error = NULL;
  const guint8 *data;
  gsize length;

  if (contents->bytes != NULL)
    {
      data = g_bytes_get_data (contents->bytes, &length);
      if (write_fault == SL_WRITE_FAULT_WRITE)
        {
          (void) write_all (fd, data, length / 2);
          errno = ENOSPC;
          return set_errno_error (error, errno, _("Cannot write the file"));
        }
      if (!write_all (fd, data, length))
        return set_errno_error (error, errno, _("Cannot write the file"));
      return TRUE;
    }

  if (write_fault == SL_WRITE_FAULT_WRITE)
    return set_errno_error (error, ENOSPC, _("Cannot write the file"));
  stream = g_unix_output_stream_new (fd, FALSE);
  if (contents->func (stream, contents->user_data, cancellable, &local_error))
    return TRUE;

  /* A write that failed says so as a save does, with the same code. */
  if (local_error->domain == G_IO_ERROR && local_error->code != G_IO_ERROR_CANCELLED)
    {
      int code = local_error->code;
      g_autofree char *message = g_strdup (local_error->message);

      g_clear_error (&local_error);
      /* Translators: %s is why, as the system says it */
      g_set_error (error, G_IO_ERROR, code, _("Cannot write the file: %s"), message);
      return FALSE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
write_path_atomically (const char         *path,
                       const struct stat  *st,
                       Contents           *contents,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *prefix = temp_prefix_for (path);
  g_autofree char *temp_template = g_strconcat (prefix, TEMP_RANDOM, NULL);
  g_autofree char *tmp_path = g_build_filename (dir, temp_template, NULL);
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize length;
  int saved_errno;
  int fd;

  remove_stale_temporaries (dir, prefix);

  if (st != NULL && st->st_nlink > 1)
    {
      if (!(bytes = contents_get_bytes (contents, cancellable, error)))
        return FALSE;
      data = g_bytes_get_data (bytes, &length);
      return write_in_place (path, dir, temp_template, st, data, length, cancellable, error);
    }

  if (write_fault == SL_WRITE_FAULT_CREATE)
    {
      errno = EACCES;
      fd = -1;
    }
  else
    /* Made with the mode a new file gets: 0666 less the umask. */
    fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, _("Cannot create a file in the folder"));

  if (st != NULL && !keep_attributes (fd, path, st))
    {
      close (fd);
      g_unlink (tmp_path);
      if (!(bytes = contents_get_bytes (contents, cancellable, error)))
        return FALSE;
      data = g_bytes_get_data (bytes, &length);
      return write_in_place (path, dir, temp_template, st, data, length, cancellable, error);
    }

  if (!write_contents (fd, contents, cancellable, error))
    {
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }

  if (write_fault == SL_WRITE_FAULT_SYNC)
    {
      errno = EIO;
      goto fail;
    }
  if (fsync (fd) != 0)
    goto fail;

  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  /* The last moment a cancelled write can leave the old file in place. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  if (write_hook != NULL)
    write_hook (write_hook_data);

  if (write_fault == SL_WRITE_FAULT_RENAME)
    {
      errno = EACCES;
      goto fail;
    }
  if (g_rename (tmp_path, path) != 0)
    goto fail;

  /* Make the rename itself durable. */
  sync_folder (dir);

  return TRUE;

fail:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return set_errno_error (error, saved_errno, _("Cannot write the file"));
}

/* Finds the file that saving to @path replaces: @path itself, or what a
 * symbolic link there points to, which must exist.
 * Returns: (transfer full): its path, or %NULL with @error set */
static char *
resolve_target (const char  *path,
                GError     **error)
{
  g_autofree char *link = NULL;
  g_autofree char *display = NULL;
  struct stat st;
  char *target;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);

  if ((target = realpath (path, NULL)))
    return target;

  /* A link that leads nowhere a path can name, as /dev/stdout to a pipe. */
  if (stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        set_not_regular_error (error, path, &st);
      else
        set_errno_error (error, errno, _("Cannot find the file the link points to"));
      return NULL;
    }

  if (errno != ENOENT)
    {
      set_errno_error (error, errno, _("Cannot find the file the link points to"));
      return NULL;
    }

  /* Creating the file a dangling link names would write where the link's
   * owner chose, not the user: a link in a shared folder must not make
   * Stormline write somewhere else. */
  link = g_file_read_link (path, NULL);
  display = g_filename_display_name (link != NULL ? link : path);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The link points to “%s”, which does not exist"), display);
  return NULL;
}

static gboolean
write_file (GFile         *file,
            Contents      *contents,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *given = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  struct stat st;
  gboolean exists;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  given = g_file_get_path (file);
  if (given == NULL)
    {
      /* No local path: GIO replaces the file as safely as its backend can. */
      g_autoptr(GBytes) bytes = contents_get_bytes (contents, cancellable, error);

      return bytes != NULL &&
             g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, error);
    }
  if (!(path = resolve_target (given, error)))
    return FALSE;

  exists = stat (path, &st) == 0;
  if (!exists && errno != ENOENT)
    return set_errno_error (error, errno, _("Cannot write the file"));

  /* Named as the user did, or where the link led. */
  name = strcmp (path, given) == 0 ? g_path_get_basename (path) : g_strdup (path);

  if (exists && !S_ISREG (st.st_mode))
    return set_not_regular_error (error, name, &st);

  if (exists && is_read_only (path, &st))
    {
      g_autofree char *display = g_filename_display_name (name);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("“%s” is read-only: Stormline does not write over it"), display);
      return FALSE;
    }

  return write_path_atomically (path, exists ? &st : NULL, contents, cancellable, error);
}

/**
 * sl_file_write_atomically:
 * @cancellable: (nullable): cancels the write until the file is replaced
 *
 * Replaces @file by @bytes atomically: the data goes to a temporary file
 * in the same folder, is flushed to the disk, and takes the file's place
 * in one rename. Whatever fails on the way, @file keeps its old contents.
 * A symbolic link keeps pointing to the file it names, which is replaced.
 *
 * Only a regular file is replaced: a folder, a device, a pipe or a socket,
 * or a link to one, is refused, and so is a read-only file. Its owner,
 * mode, extended attributes and other names (hard links) are kept: where a
 * rename would lose one, the file is written in place, its old contents
 * kept in a temporary file beside it until the new ones are on the disk.
 * Temporary files that an interrupted save of the same file left are
 * removed once they are a few minutes old.
 *
 * Returns: whether @file holds @bytes, or %FALSE with @error set
 */
gboolean
sl_file_write_atomically (GFile         *file,
                          GBytes        *bytes,
                          GCancellable  *cancellable,
                          GError       **error)
{
  Contents contents = { bytes, NULL, NULL };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return write_file (file, &contents, cancellable, error);
}

/**
 * sl_file_write_atomically_with:
 * @func: writes the new contents to the stream it is given
 *
 * Replaces @file by what @func writes, as sl_file_write_atomically()
 * does, but as it is written: the contents need not be in memory whole
 * (unless the file is written in place). When @func fails, @file keeps
 * its old contents and its error is returned.
 *
 * Returns: whether @file holds what @func wrote, or %FALSE with @error set
 */
gboolean
sl_file_write_atomically_with (GFile            *file,
                               SlFileWriteFunc   func,
                               gpointer          user_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  Contents contents = { NULL, func, user_data };

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return write_file (file, &contents, cancellable, error);
}
