/* sl-frame-script.c: a motion of the view, a step a frame, for the benchmarks
 *
 * With STORMLINE_FRAME_SCRIPT=MOTION[:FRAMES] and the frame timer on
 * (STORMLINE_FRAME_TIMES, sl-frame-timer.c), the first window moves its
 * view by one step at each frame of its frame clock, through the canvas's
 * public API, FRAMES times (200 unless said), and the application quits:
 *
 *   pan    at 100 %, from the middle of the board to the right, 24 units a
 *          frame;
 *   zoom   around the middle of the view, from 100 % out to 10 % and back,
 *          in equal ratios;
 *   whole  the whole board (as View › Whole Board shows it), panned back
 *          and forth by a hundredth of the view a frame.
 *
 * The motion starts once the window has settled: when nothing of the
 * main loop at G_PRIORITY_LOW or above is left to do (after an opening,
 * the draft's primer writes the board's text in steps at that priority).
 * The steps depend on the frame count, not on time: every run draws the
 * same views. The timer's file marks where the motion begins and ends
 * ("mark begin", "mark end"); the frames between them are the motion's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-frame-script.h"
#include "sl-frame-timer.h"

#define DEFAULT_FRAMES 200
#define PAN_STEP 24.0
#define ZOOM_OUT 0.1
#define WHOLE_SWING 10

typedef enum
{
  MOTION_PAN,
  MOTION_ZOOM,
  MOTION_WHOLE,
} Motion;

static const char *motion_names[] = { "pan", "zoom", "whole" };

typedef struct
{
  Motion motion;
  guint n_frames;
  guint tick;
  SlRect start;
} FrameScript;

/* Whether the window has done what follows its opening: settled_cb() */
static gboolean settled;

/* 0 at the ends of the motion, 1 at its middle. */
static double
triangle (guint i,
          guint n)
{
  double half = MAX (n / 2.0, 1.0);

  return i <= half ? i / half : (n - i) / half;
}

static void
set_up_view (FrameScript *script,
             SlCanvas    *canvas)
{
  SlRect bounds;

  sl_layout_get_bounds (sl_canvas_get_layout (canvas), &bounds);
  if (script->motion == MOTION_WHOLE)
    sl_canvas_zoom_to_fit (canvas);
  else
    {
      sl_canvas_set_zoom (canvas, 1.0, 0, 0);
      sl_canvas_scroll_to (canvas, bounds.x + bounds.width / 2, bounds.y);
    }
  sl_canvas_get_visible_region (canvas, &script->start);
}

static void
step (FrameScript *script,
      SlCanvas    *canvas,
      guint        i)
{
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  guint swing;

  switch (script->motion)
    {
    case MOTION_PAN:
      sl_canvas_scroll_to (canvas, script->start.x + i * PAN_STEP, script->start.y);
      break;

    case MOTION_ZOOM:
      sl_canvas_set_zoom (canvas, pow (ZOOM_OUT, triangle (i, script->n_frames)), width / 2.0, height / 2.0);
      break;

    case MOTION_WHOLE:
      swing = i % (2 * WHOLE_SWING);
      swing = swing <= WHOLE_SWING ? swing : 2 * WHOLE_SWING - swing;
      sl_canvas_scroll_to (canvas, script->start.x + swing * script->start.width / 100, script->start.y);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  FrameScript *script = user_data;
  SlCanvas *canvas = SL_CANVAS (widget);

  /* Until the first allocation, the canvas has no view to move; until
   * the window has settled, the motion would share the main thread with
   * what follows an opening. */
  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0 || !settled)
    return G_SOURCE_CONTINUE;

  if (script->tick == 0)
    set_up_view (script, canvas);
  else if (script->tick <= script->n_frames)
    {
      if (script->tick == 1)
        sl_frame_timer_mark ("begin");
      step (script, canvas, script->tick);
    }
  else
    {
      sl_frame_timer_mark ("end");
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
    }

  script->tick++;
  return G_SOURCE_CONTINUE;
}

/* Runs once no source of the main loop is ready at G_PRIORITY_LOW or
 * above: the window's idle work after an opening (the draft's primer)
 * is done. */
static gboolean
settled_cb (gpointer user_data)
{
  settled = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
parse_script (const char  *text,
              FrameScript *script)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);

  script->n_frames = DEFAULT_FRAMES;
  if (parts[0] != NULL && parts[1] != NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &n, NULL))
        return FALSE;
      script->n_frames = n;
    }

  for (guint m = 0; m < G_N_ELEMENTS (motion_names); m++)
    if (g_strcmp0 (parts[0], motion_names[m]) == 0)
      {
        script->motion = m;
        return TRUE;
      }

  return FALSE;
}

/**
 * sl_frame_script_attach:
 *
 * Runs the motion STORMLINE_FRAME_SCRIPT names on the first window given,
 * if the frame timer is on.
 */
void
sl_frame_script_attach (SlWindow *window)
{
  static gboolean attached;
  const char *text = g_getenv ("STORMLINE_FRAME_SCRIPT");
  FrameScript *script;

  g_return_if_fail (SL_IS_WINDOW (window));

  if (text == NULL || attached || !sl_frame_timer_is_enabled ())
    return;
  attached = TRUE;

  script = g_new0 (FrameScript, 1);
  if (!parse_script (text, script))
    {
      g_warning ("STORMLINE_FRAME_SCRIPT is “%s”: pan, zoom or whole, with “:FRAMES” or not", text);
      g_free (script);
      return;
    }

  g_idle_add_full (G_PRIORITY_LOW + 10, settled_cb, NULL, NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (sl_window_get_canvas (window)), tick_cb, script, g_free);
}
