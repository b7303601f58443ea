/* sl-frame-timer.c: the time of each frame, for the benchmarks
 *
 * With STORMLINE_FRAME_TIMES=FILE in the environment, every window given
 * to sl_frame_timer_attach() writes to FILE, a line each:
 *
 *   first-frame MS          the first frame painted, MS after the start
 *   frame START MS          a frame: when it began, and how long it took
 *   mark WHAT               sl_frame_timer_mark(), between two frames
 *
 * A frame is timed from its frame clock's ::before-paint, the first signal
 * of every frame (emitted whenever any phase is requested, before the tick
 * callbacks of ::update), to the end of its ::after-paint: the layout, the
 * snapshot, the renderer drawing into its image and the upload of that
 * image to the window all lie between them. Input is handled before, in the
 * frame clock's ::flush-events; a scripted motion (sl-frame-script.c) moves
 * the view in ::update, inside the frame.
 *
 * The start is STORMLINE_T0, a time of CLOCK_MONOTONIC in microseconds
 * (what g_get_monotonic_time() reads) that a launcher takes just before it
 * starts the program; without it, the start of the process as the kernel
 * counts it, to a clock tick.
 *
 * Without the variable, nothing is connected: it costs one look at the
 * environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sl-frame-timer.h"

typedef struct
{
  FILE *out;
  gint64 t0;
  gint64 frame_start;
  gboolean painted;
} FrameTimer;

static FrameTimer *
get_timer (void)
{
  static FrameTimer *timer;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *path = g_getenv ("STORMLINE_FRAME_TIMES");
      FrameTimer *t = NULL;

      if (path != NULL && *path != 0)
        {
          FILE *out = fopen (path, "w");

          if (out == NULL)
            g_warning ("Could not write the frame times to %s: %s", path, g_strerror (errno));
          else
            {
              t = g_new0 (FrameTimer, 1);
              t->out = out;
              /* A line at a time: a benchmark reads them as they come, and
               * may stop the program after the first frame. */
              setvbuf (out, NULL, _IOLBF, 0);
            }
        }
      timer = t;
      g_once_init_leave (&once, 1);
    }

  return timer;
}

/* When the process started, on the clock of g_get_monotonic_time(): the
 * kernel counts it in clock ticks since boot, which CLOCK_BOOTTIME counts
 * too. */
static gint64
process_start_time (void)
{
  g_autofree char *stat = NULL;
  struct timespec boot;
  const char *p;
  guint64 ticks;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (p = strrchr (stat, ')')) == NULL ||
      clock_gettime (CLOCK_BOOTTIME, &boot) != 0)
    return g_get_monotonic_time ();

  /* The start time is the 22nd field, the 20th after the name. */
  for (int field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL)
    return g_get_monotonic_time ();
  ticks = g_ascii_strtoull (p + 1, NULL, 10);

  return g_get_monotonic_time () -
         ((gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000 -
          (gint64) (ticks * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK)));
}

static double
ms_since (gint64 t,
          gint64 since)
{
  return (t - since) / 1000.0;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 FrameTimer    *timer)
{
  timer->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameTimer    *timer)
{
  gint64 now = g_get_monotonic_time ();

  if (timer->frame_start == 0)
    return;

  if (!timer->painted)
    {
      timer->painted = TRUE;
      fprintf (timer->out, "first-frame %.3f\n", ms_since (now, timer->t0));
    }
  fprintf (timer->out, "frame %.3f %.3f\n",
           ms_since (timer->frame_start, timer->t0), ms_since (now, timer->frame_start));
  timer->frame_start = 0;
}

static void
window_realize_cb (GtkWidget  *window,
                   FrameTimer *timer)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  /* The frame clock goes with the window's surface, before the window. */
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), timer);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), timer);
}

/**
 * sl_frame_timer_is_enabled:
 *
 * Returns: whether STORMLINE_FRAME_TIMES names a file the frame times go to
 */
gboolean
sl_frame_timer_is_enabled (void)
{
  return get_timer () != NULL;
}

/**
 * sl_frame_timer_attach:
 *
 * Times the frames of @window, if sl_frame_timer_is_enabled(). Call it
 * before the window is shown, or its first frame is missed.
 */
void
sl_frame_timer_attach (GtkWindow *window)
{
  FrameTimer *timer = get_timer ();
  const char *t0;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (timer == NULL)
    return;

  if (timer->t0 == 0)
    {
      t0 = g_getenv ("STORMLINE_T0");
      timer->t0 = t0 != NULL ? g_ascii_strtoll (t0, NULL, 10) : process_start_time ();
    }

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realize_cb (GTK_WIDGET (window), timer);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), timer);
}

/**
 * sl_frame_timer_mark:
 * @what: a word, without spaces
 *
 * Writes "mark @what" between the frames, to tell them apart.
 */
void
sl_frame_timer_mark (const char *what)
{
  FrameTimer *timer = get_timer ();

  if (timer != NULL)
    fprintf (timer->out, "mark %s\n", what);
}
