/* sl-format-private.h: the format's JSON reading, for the io wing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-format.h"
#include "sl-json.h"

G_BEGIN_DECLS

SlJson *_sl_format_parse_json (GBytes            *bytes,
                               SlJsonParseFlags   flags,
                               GError           **error);

/* The text of a document planned as pieces, for drafts (sl-draft.c) */
typedef struct _SlTextPlan SlTextPlan;

guint       _sl_format_new_serial    (void);
SlTextPlan *_sl_format_plan_text     (SlDocument *document,
                                      guint       base,
                                      guint       serial);
gsize       _sl_text_plan_get_length (SlTextPlan *plan);
gsize       _sl_text_plan_get_reused (SlTextPlan *plan);
gboolean    _sl_text_plan_compose    (SlTextPlan *plan,
                                      const char *base,
                                      gsize       base_length,
                                      GString    *out);
void        _sl_text_plan_free       (SlTextPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTextPlan, _sl_text_plan_free)

/* The text of every element of a document, written a step at a time, for
 * its first draft to reuse */
typedef struct _SlTextPrimer SlTextPrimer;

SlTextPrimer *_sl_text_primer_new           (SlDocument   *document);
guint         _sl_text_primer_get_serial    (SlTextPrimer *primer);
gboolean      _sl_text_primer_step          (SlTextPrimer *primer,
                                             guint         budget);
GBytes       *_sl_text_primer_free_to_bytes (SlTextPrimer *primer);
void          _sl_text_primer_free          (SlTextPrimer *primer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTextPrimer, _sl_text_primer_free)

G_END_DECLS
