/* test-file-writer.c: saving to and reading from files that are not plain
 *
 * Saving writes only where a regular file or nothing stands: a link to a
 * pipe, a device or a folder is refused and left as it was, and so is a
 * read-only file. What the old file had (owner, mode, extended attributes,
 * its other names) it still has after a save, also when the save fails half
 * way. A save cut short leaves a temporary file that the next save of the
 * same file removes; names as long as a folder allows save. Reading takes
 * a pipe whole, refuses a device at once, and stops one byte past the size
 * limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "sl-file-writer-private.h"
#include "sl-json-private.h"
#include "test-util.h"

#define NOBODY 65534

static GBytes *old_contents;
static GBytes *new_contents;

static void
assert_dir_lists (const char *dir,
                  const char *names)
{
  g_autofree char *listing = list_dir (dir);

  g_assert_cmpstr (listing, ==, names);
}

static gboolean
save (const char  *path,
      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return sl_file_write_atomically (file, new_contents, NULL, error);
}

static void
assert_refused (const char *path,
                GQuark      domain,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (save (path, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static mode_t
file_type (const char *path)
{
  struct stat st;

  g_assert_no_errno (lstat (path, &st));
  return st.st_mode & S_IFMT;
}

/* Writing */

/* A link to a pipe, as a link to /dev/null is to a device: the save is
 * refused and the pipe stays a pipe. */
static void
test_link_to_pipe (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *link = g_build_filename (dir, "link.stormline", NULL);

  g_assert_no_errno (mkfifo (fifo, 0600));
  g_assert_no_errno (symlink ("fifo", link));

  assert_refused (link, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "is a pipe, not a file");
  g_assert_cmpint (file_type (fifo), ==, S_IFIFO);
  g_assert_cmpint (file_type (link), ==, S_IFLNK);

  /* Named directly, the same. */
  assert_refused (fifo, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "“fifo” is a pipe");
  g_assert_cmpint (file_type (fifo), ==, S_IFIFO);
  assert_dir_lists (dir, "fifo\nlink.stormline");
  remove_tree (dir);
}

/* A device node of its own (the same device as /dev/null), so that a
 * failing test cannot replace the system's. */
static void
test_link_to_device (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *null = g_build_filename (dir, "null", NULL);
  g_autofree char *link = g_build_filename (dir, "link.stormline", NULL);

  if (mknod (null, S_IFCHR | 0666, makedev (1, 3)) != 0)
    {
      g_test_skip ("making a device node needs root");
      remove_tree (dir);
      return;
    }
  g_assert_no_errno (symlink (null, link));

  assert_refused (link, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "is a device, not a file");
  g_assert_nonnull (strstr (null, dir));
  g_assert_cmpint (file_type (null), ==, S_IFCHR);
  g_assert_cmpint (file_type (link), ==, S_IFLNK);
  assert_dir_lists (dir, "link.stormline\nnull");
  remove_tree (dir);
}

static void
test_folder (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *folder = g_build_filename (dir, "board.svg", NULL);
  g_autofree char *link = g_build_filename (dir, "link.svg", NULL);

  g_assert_no_errno (g_mkdir (folder, 0700));
  g_assert_no_errno (symlink ("board.svg", link));

  assert_refused (folder, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "“board.svg” is a folder, not a file");
  assert_refused (link, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "is a folder, not a file");
  g_assert_cmpint (file_type (folder), ==, S_IFDIR);
  assert_dir_lists (dir, "board.svg\nlink.svg");
  remove_tree (dir);
}

/* A link to nothing is not followed to make a file where it points. */
static void
test_dangling_link (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *link = g_build_filename (dir, "link.stormline", NULL);

  g_assert_no_errno (symlink ("gone.stormline", link));

  assert_refused (link, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "“gone.stormline”, which does not exist");
  assert_dir_lists (dir, "link.stormline");
  remove_tree (dir);
}

/* Read-only by its mode, which also stops root. */
static void
test_read_only (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  struct stat st;

  write_bytes (path, old_contents);
  g_assert_no_errno (g_chmod (path, 0444));

  assert_refused (path, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "“hotel.stormline” is read-only");
  assert_file_holds (path, old_contents);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0444);
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);
}

/* A link to a regular file replaces the file and keeps the link. */
static void
test_link_to_file (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *sub = g_build_filename (dir, "models", NULL);
  g_autofree char *target = g_build_filename (sub, "hotel.stormline", NULL);
  g_autofree char *link = g_build_filename (dir, "link.stormline", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir (sub, 0700));
  write_bytes (target, old_contents);
  g_assert_no_errno (symlink ("models/hotel.stormline", link));

  g_assert_true (save (link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_type (link), ==, S_IFLNK);
  assert_file_holds (target, new_contents);
  assert_dir_lists (dir, "link.stormline\nmodels");
  assert_dir_lists (sub, "hotel.stormline");
  remove_tree (dir);
}

static void
test_mode (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st;

  write_bytes (path, old_contents);
  g_assert_no_errno (g_chmod (path, 0640));

  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  remove_tree (dir);
}

/* As root, saving a user's file leaves it the user's. */
static void
test_owner (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GError) error = NULL;
  struct stat old_st, st;

  if (geteuid () != 0)
    {
      g_test_skip ("giving a file to another user needs root");
      remove_tree (dir);
      return;
    }

  write_bytes (path, old_contents);
  g_assert_no_errno (chown (path, NOBODY, NOBODY));
  g_assert_no_errno (g_stat (path, &old_st));

  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_uid, ==, NOBODY);
  g_assert_cmpint (st.st_gid, ==, NOBODY);
  g_assert_cmpint (st.st_mode, ==, old_st.st_mode);
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);
}

/* A user who may write a file but not give a new one its owner (here
 * nobody, saving root's file): the file is written in place, and stays
 * root's, with the same inode. */
static void
test_owner_in_place (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  struct stat old_st, st;
  int status;
  pid_t pid;

  if (geteuid () != 0)
    {
      g_test_skip ("saving as another user needs root");
      remove_tree (dir);
      return;
    }

  write_bytes (path, old_contents);
  g_assert_no_errno (g_chmod (dir, 0777));
  g_assert_no_errno (g_chmod (path, 0666));
  g_assert_no_errno (g_stat (path, &old_st));

  /* The child saves as nobody and is killed, so that no leak check of a
   * copied heap decides its exit status: the file tells what it did. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (setgid (NOBODY) == 0 && setuid (NOBODY) == 0 && save (path, NULL))
        kill (getpid (), SIGKILL);
      _exit (1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  assert_file_holds (path, new_contents);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_uid, ==, 0);
  g_assert_cmpint (st.st_gid, ==, old_st.st_gid);
  g_assert_cmpint (st.st_ino, ==, old_st.st_ino);
  g_assert_cmpint (st.st_mode, ==, old_st.st_mode);
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);
}

static void
test_extended_attributes (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autoptr(GError) error = NULL;
  char value[16] = { 0 };

  write_bytes (path, old_contents);
  if (setxattr (path, "user.xdg.tags", "blue", 4, 0) != 0)
    {
      g_test_skip ("the folder's file system keeps no extended attributes");
      remove_tree (dir);
      return;
    }

  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  g_assert_cmpint (getxattr (path, "user.xdg.tags", value, sizeof value), ==, 4);
  g_assert_cmpstr (value, ==, "blue");
  assert_dir_lists (dir, "hotel.stormline");
  remove_tree (dir);
}

/* A file with two names: both show the new contents, still one file. */
static void
test_hard_links (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autofree char *other = g_build_filename (dir, "other.stormline", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st, other_st;

  write_bytes (path, old_contents);
  g_assert_no_errno (link (path, other));

  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  assert_file_holds (other, new_contents);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_no_errno (g_stat (other, &other_st));
  g_assert_cmpint (st.st_ino, ==, other_st.st_ino);
  g_assert_cmpint (st.st_nlink, ==, 2);
  assert_dir_lists (dir, "hotel.stormline\nother.stormline");
  remove_tree (dir);
}

/* Written in place, a file keeps its old contents under every fault, and
 * nothing is left beside it. */
static void
test_hard_links_fault (gconstpointer data)
{
  SlWriteFault fault = GPOINTER_TO_INT (data);
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autofree char *other = g_build_filename (dir, "other.stormline", NULL);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  write_bytes (path, old_contents);
  g_assert_no_errno (link (path, other));

  _sl_file_writer_set_fault (fault);
  saved = save (path, &error);
  _sl_file_writer_set_fault (SL_WRITE_FAULT_NONE);

  g_assert_false (saved);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  assert_file_holds (path, old_contents);
  assert_file_holds (other, old_contents);
  assert_dir_lists (dir, "hotel.stormline\nother.stormline");

  g_clear_error (&error);
  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (other, new_contents);
  remove_tree (dir);
}

/* Writes the new contents in pieces of a few bytes, as cairo hands a PDF
 * on; with @user_data, fails half-way as a drawing that went wrong. */
static gboolean
write_pieces_cb (GOutputStream  *stream,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (new_contents, &length);

  for (gsize i = 0; i < length; i += 7)
    {
      if (user_data != NULL && i >= length / 2)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the drawing failed");
          return FALSE;
        }
      if (!g_output_stream_write_all (stream, data + i, MIN (7, length - i), NULL, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_with (const char  *path,
           gboolean     failing,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return sl_file_write_atomically_with (file, write_pieces_cb, failing ? GINT_TO_POINTER (1) : NULL, NULL, error);
}

/* What a function writes replaces the file whole, also where the file is
 * written in place; when the function fails half-way, or the disk is
 * full, the old contents stay and nothing is left beside them. */
static void
test_with (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autofree char *other = g_build_filename (dir, "other.stormline", NULL);
  g_autoptr(GError) error = NULL;

  write_bytes (path, old_contents);
  g_assert_false (save_with (path, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "the drawing failed"));
  assert_file_holds (path, old_contents);
  assert_dir_lists (dir, "hotel.stormline");
  g_clear_error (&error);

  _sl_file_writer_set_fault (SL_WRITE_FAULT_WRITE);
  g_assert_false (save_with (path, FALSE, &error));
  _sl_file_writer_set_fault (SL_WRITE_FAULT_NONE);
  g_assert_nonnull (error);
  assert_file_holds (path, old_contents);
  assert_dir_lists (dir, "hotel.stormline");
  g_clear_error (&error);

  g_assert_true (save_with (path, FALSE, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  assert_dir_lists (dir, "hotel.stormline");

  /* In place: both names see the new contents, or, failing, the old. */
  write_bytes (path, old_contents);
  g_assert_no_errno (link (path, other));
  g_assert_false (save_with (path, TRUE, &error));
  assert_file_holds (other, old_contents);
  g_clear_error (&error);
  g_assert_true (save_with (path, FALSE, &error));
  g_assert_no_error (error);
  assert_file_holds (other, new_contents);
  assert_dir_lists (dir, "hotel.stormline\nother.stormline");
  remove_tree (dir);
}

static void
crash_hook (gpointer data)
{
  kill (getpid (), SIGKILL);
}

/* Saves @path in a child process that is killed once the new data is
 * written, as a crash or a power cut would stop it, and returns the
 * temporary file it left. */
static char *
interrupted_save (const char *dir,
                  const char *path)
{
  g_autofree char *before = list_dir (dir);
  g_auto(GStrv) names_before = g_strsplit (before, "\n", -1);
  g_autofree char *after = NULL;
  g_auto(GStrv) names_after = NULL;
  int status;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      _sl_file_writer_set_hook (crash_hook, NULL);
      save (path, NULL);
      _exit (1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  after = list_dir (dir);
  names_after = g_strsplit (after, "\n", -1);
  for (guint i = 0; names_after[i]; i++)
    if (!g_strv_contains ((const char * const *) names_before, names_after[i]))
      return g_build_filename (dir, names_after[i], NULL);

  g_assert_not_reached ();
}

static void
make_old (const char *path)
{
  struct timeval times[2] = { { time (NULL) - 3600, 0 }, { time (NULL) - 3600, 0 } };

  g_assert_no_errno (utimes (path, times));
}

/* What a save cut short left is removed by the next save of that file,
 * once it is old enough not to belong to a save still going on; other
 * files, and what saves of another file left, stay. */
static void
test_stale_temporary (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "hotel.stormline", NULL);
  g_autofree char *other = g_build_filename (dir, "other.stormline", NULL);
  g_autofree char *hidden = g_build_filename (dir, ".hotel.stormline.backup", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *recent = NULL;
  g_autofree char *other_stale = NULL;
  g_autofree char *listing = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  write_bytes (path, old_contents);
  write_bytes (other, old_contents);
  write_bytes (hidden, old_contents);
  make_old (hidden);

  stale = interrupted_save (dir, path);
  g_assert_true (g_str_has_prefix (strrchr (stale, '/'), "/."));
  assert_file_holds (stale, new_contents);
  assert_file_holds (path, old_contents);
  make_old (stale);
  other_stale = interrupted_save (dir, other);
  make_old (other_stale);
  recent = interrupted_save (dir, path);

  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (hidden, G_FILE_TEST_EXISTS));

  listing = list_dir (dir);
  names = g_strsplit (listing, "\n", -1);
  g_assert_cmpuint (g_strv_length (names), ==, 5);
  remove_tree (dir);
}

/* A name as long as a folder entry can be: the temporary file must fit. */
static void
test_long_name (gconstpointer data)
{
  guint length = GPOINTER_TO_UINT (data);
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *stem = g_strnfill (length - strlen (".stormline"), 'n');
  g_autofree char *name = g_strconcat (stem, ".stormline", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_cmpuint (strlen (name), ==, length);

  /* New, then replaced. */
  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  /* g_file_set_contents() cannot: its own temporary name is too long. */
  fd = g_open (path, O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "old\n", 4), ==, 4);
  g_assert_no_errno (close (fd));
  g_assert_true (save (path, &error));
  g_assert_no_error (error);
  assert_file_holds (path, new_contents);
  assert_dir_lists (dir, name);
  remove_tree (dir);
}

/* Reading */

typedef struct
{
  char *path;
  int fd;
  GBytes *bytes;
  gsize zeros;  /* written after the bytes until the reader stops reading */
} Feed;

static gpointer
feed_thread (gpointer data)
{
  Feed *feed = data;
  int fd = feed->fd >= 0 ? feed->fd : g_open (feed->path, O_WRONLY | O_CLOEXEC, 0);
  gsize length;
  const guint8 *bytes = g_bytes_get_data (feed->bytes, &length);

  g_assert_cmpint (fd, >=, 0);
  while (length > 0)
    {
      gssize n = write (fd, bytes, length);

      if (n <= 0)
        break;
      bytes += n;
      length -= n;
    }

  if (feed->zeros > 0)
    {
      g_autofree char *zeros = g_malloc0 (64 * 1024);

      /* Until the reader closes its end (EPIPE) or the bound is passed. */
      for (gsize written = 0; written < feed->zeros; )
        {
          gssize n = write (fd, zeros, 64 * 1024);

          if (n <= 0)
            break;
          written += n;
        }
    }

  close (fd);
  return NULL;
}

/* A model through a named pipe: read whole, its first byte too. */
static void
test_read_pipe (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "pipe.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) example = read_bytes (example_path ());
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  Feed feed = { path, -1, example, 0 };
  GThread *thread;

  g_assert_no_errno (mkfifo (path, 0600));
  thread = g_thread_new ("feed", feed_thread, &feed);
  document = sl_format_load_file (file, &error);
  g_thread_join (thread);

  g_assert_no_error (error);
  g_assert_cmpstr (sl_document_get_title (document), ==, "Hotel");
  remove_tree (dir);
}

/* /dev/stdin when a model is piped in, as `stormline-cli stats /dev/stdin`
 * reads it. */
static void
test_read_stdin (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/stdin");
  g_autoptr(GBytes) example = read_bytes (example_path ());
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int fds[2];
  int saved_stdin;
  GThread *thread;
  Feed feed = { NULL, -1, example, 0 };

  g_assert_no_errno (pipe (fds));
  saved_stdin = dup (STDIN_FILENO);
  g_assert_no_errno (dup2 (fds[0], STDIN_FILENO));
  close (fds[0]);
  feed.fd = fds[1];

  thread = g_thread_new ("feed", feed_thread, &feed);
  bytes = sl_json_read_file (file, &error);
  g_thread_join (thread);
  g_assert_no_errno (dup2 (saved_stdin, STDIN_FILENO));
  close (saved_stdin);

  g_assert_no_error (error);
  assert_bytes_equal (bytes, example);
}

/* A pipe that never ends is read one byte past the limit, then refused.
 * The limit is 16 MiB here: the real one is gigabytes (what the memory
 * holds), too many to feed a test, and the reading is the same. */
#define PIPE_LIMIT (16 * 1024 * 1024)

static void
test_read_pipe_too_large (void)
{
  g_autofree char *dir = scratch_dir_new ();
  g_autofree char *path = g_build_filename (dir, "zeros.stormline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) start = g_bytes_new_static ("{", 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = g_strdup_printf ("larger than %d MB", PIPE_LIMIT / (1024 * 1024));
  Feed feed = { path, -1, start, (gsize) PIPE_LIMIT * 4 };
  GThread *thread;

  g_assert_no_errno (mkfifo (path, 0600));
  thread = g_thread_new ("feed", feed_thread, &feed);
  bytes = _sl_json_read_file_at_most (file, PIPE_LIMIT, &error);
  g_thread_join (thread);

  g_assert_null (bytes);
  g_assert_error (error, SL_JSON_ERROR, SL_JSON_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  remove_tree (dir);
}

/* /dev/zero has no end: it is refused before it is read. */
static void
test_read_device (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;

  g_assert_null (sl_format_load_file (file, &error));
  g_assert_error (error, SL_FORMAT_ERROR, SL_FORMAT_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "this is a device, not a file");
}

int
main (int    argc,
      char **argv)
{
  static const struct {
    const char *name;
    SlWriteFault fault;
  } faults[] = {
    { "create", SL_WRITE_FAULT_CREATE },
    { "write", SL_WRITE_FAULT_WRITE },
    { "sync", SL_WRITE_FAULT_SYNC },
  };

  g_test_init (&argc, &argv, NULL);

  /* The reader of a pipe closes it early; its writer learns it from EPIPE. */
  signal (SIGPIPE, SIG_IGN);

  old_contents = g_bytes_new_static ("old contents\n", 13);
  new_contents = read_bytes (example_path ());

  g_test_add_func ("/file-writer/link-to-pipe", test_link_to_pipe);
  g_test_add_func ("/file-writer/link-to-device", test_link_to_device);
  g_test_add_func ("/file-writer/folder", test_folder);
  g_test_add_func ("/file-writer/dangling-link", test_dangling_link);
  g_test_add_func ("/file-writer/read-only", test_read_only);
  g_test_add_func ("/file-writer/link-to-file", test_link_to_file);
  g_test_add_func ("/file-writer/mode", test_mode);
  g_test_add_func ("/file-writer/owner", test_owner);
  g_test_add_func ("/file-writer/owner-in-place", test_owner_in_place);
  g_test_add_func ("/file-writer/extended-attributes", test_extended_attributes);
  g_test_add_func ("/file-writer/hard-links", test_hard_links);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/file-writer/hard-links/fault/%s", faults[i].name);

      g_test_add_data_func (path, GINT_TO_POINTER (faults[i].fault), test_hard_links_fault);
    }
  g_test_add_func ("/file-writer/stale-temporary", test_stale_temporary);
  g_test_add_func ("/file-writer/with", test_with);
  g_test_add_data_func ("/file-writer/long-name/248", GUINT_TO_POINTER (248), test_long_name);
  g_test_add_data_func ("/file-writer/long-name/255", GUINT_TO_POINTER (NAME_MAX), test_long_name);

  g_test_add_func ("/file-reader/pipe", test_read_pipe);
  g_test_add_func ("/file-reader/stdin", test_read_stdin);
  g_test_add_func ("/file-reader/pipe-too-large", test_read_pipe_too_large);
  g_test_add_func ("/file-reader/device", test_read_device);

  return g_test_run ();
}
