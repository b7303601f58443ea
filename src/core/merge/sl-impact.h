/* sl-impact.h: what a change would break, before it is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sl-problem.h"
#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_IMPACT_LOST_ORIGIN,       /* fields that would have no origin */
  SL_IMPACT_LOST_DESTINATION,  /* fields that would have no destination */
  SL_IMPACT_SCENARIOS,         /* scenarios that name what changes */
  SL_IMPACT_NEW_PROBLEMS,      /* problems the check would report */
  SL_IMPACT_GONE_PROBLEMS,     /* problems it would no longer report */
  SL_N_IMPACT_LISTS
} SlImpactList;

/* One entry of a list. For a problem about an aggregate, note_id is NULL
 * and note_text the aggregate's name. */
typedef struct
{
  char       *note_id;    /* (nullable) */
  char       *note_text;
  char       *field;      /* (nullable) */
  char       *rule;       /* (nullable): problems only */
  SlSeverity  severity;   /* problems only */
  char       *message;    /* (nullable): the problem's message, or the
                           * scenario's title */
} SlImpactItem;

typedef struct _SlImpact SlImpact;

SlImpact           *sl_impact_rename_field      (SlDocument    *document,
                                                 SlNote        *note,
                                                 guint          index,
                                                 const char    *name);
SlImpact           *sl_impact_remove_field      (SlDocument    *document,
                                                 SlNote        *note,
                                                 guint          index);
SlImpact           *sl_impact_remove_notes      (SlDocument    *document,
                                                 SlNote       **notes,
                                                 guint          n_notes);
SlImpact           *sl_impact_remove_connection (SlDocument    *document,
                                                 SlConnection  *connection);
void                sl_impact_free              (SlImpact      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlImpact, sl_impact_free)

gboolean            sl_impact_breaks_anything   (SlImpact      *self);
guint               sl_impact_get_n_items       (SlImpact      *self,
                                                 SlImpactList   list);
const SlImpactItem *sl_impact_get_item          (SlImpact      *self,
                                                 SlImpactList   list,
                                                 guint          index);
/* One translated line for an item of @list. */
char               *sl_impact_item_to_string    (const SlImpactItem *item,
                                                 SlImpactList        list);
/* For people: the lists under headings, translated. */
char               *sl_impact_to_text           (SlImpact      *self);
/* For machines, built with json-glib. */
char               *sl_impact_to_json           (SlImpact      *self);

G_END_DECLS
