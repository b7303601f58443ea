/* sl-file-writer.c: replacing a file atomically
 *
 * A model or an export is written to a temporary file in the folder of
 * the file it replaces, flushed to the disk, and renamed over it: a full
 * disk, a crash or a power cut leaves the old file whole, never half of
 * the new one. The format saves through it, and so does every export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "sl-file-writer-private.h"

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

static gboolean
write_path_atomically (const char    *path,
                       GBytes        *bytes,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  const guint8 *data;
  gsize length;
  struct stat st;
  int saved_errno;
  int fd;

  data = g_bytes_get_data (bytes, &length);

  if (write_fault == SL_WRITE_FAULT_CREATE)
    {
      errno = EACCES;
      fd = -1;
    }
  else
    fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, _("Cannot create a file in the folder"));

  /* Keep the permissions of the file being replaced. */
  if (g_stat (path, &st) == 0)
    (void) fchmod (fd, st.st_mode & 07777);
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      (void) fchmod (fd, 0666 & ~mask);
    }

  if (write_fault == SL_WRITE_FAULT_WRITE)
    {
      (void) write_all (fd, data, length / 2);
      errno = ENOSPC;
      goto fail;
    }
  if (!write_all (fd, data, length))
    goto fail;

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
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }

  return TRUE;

fail:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return set_errno_error (error, saved_errno, _("Cannot write the file"));
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
 * Returns: whether @file holds @bytes, or %FALSE with @error set
 */
gboolean
sl_file_write_atomically (GFile         *file,
                          GBytes        *bytes,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path != NULL)
    {
      /* Replace what a symbolic link points to, not the link. */
      char *target = realpath (path, NULL);

      if (target != NULL)
        {
          g_free (path);
          path = target;
        }
    }
  if (path == NULL)
    /* No local path: GIO replaces the file as safely as its backend can. */
    return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, error);

  return write_path_atomically (path, bytes, cancellable, error);
}
