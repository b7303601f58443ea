/* sl-merge.h: the three-way merge of models by element id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

/* A three-way merge by element id. Never fails on models that loaded: the
 * result is always a valid model. Each conflict is a hotspot note placed next
 * to the element, its text saying in words what each side did; *conflicts
 * (if not NULL) receives their descriptions (char*, translated). */
SlDocument *sl_merge_documents (SlDocument  *base,
                                SlDocument  *ours,
                                SlDocument  *theirs,
                                GPtrArray  **conflicts);
/* The same from file contents: loads the three with the strict reader (errors
 * name which of the three: base, ours, theirs), merges, writes canonically and
 * reads the result back with the strict reader before returning it. */
GBytes     *sl_merge_bytes     (GBytes      *base,
                                GBytes      *ours,
                                GBytes      *theirs,
                                guint       *n_conflicts,
                                GError     **error);

G_END_DECLS
