/* sl-text-escape.h: text from a model, made safe to show or to embed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sl_text_escape_controls         (const char *text);
char *sl_text_escape_controls_in_json (const char *json);
char *sl_text_escape_for_xml          (const char *text);
char *sl_text_make_drawable           (const char *text);

G_END_DECLS
