/* sl-process.h: the eight steps of the process, as the guide tells them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint number;
  const char *phase;        /* translated */
  const char *name;         /* translated */
  const char *who;          /* translated */
  const char *what;         /* translated */
  const char *deliverable;  /* translated */
  const char *done_when;    /* translated */
  const char *to_start;     /* translated: the first move while nothing the step is about exists */
} SlProcessStep;

const SlProcessStep *sl_process_get_step        (guint number);
guint                sl_process_get_step_kinds  (guint number,
                                                 guint *kinds,
                                                 guint  n_kinds);

G_END_DECLS
