/* sl-element.h: the base class of everything on a board that has an id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_TYPE_ELEMENT (sl_element_get_type ())

G_DECLARE_DERIVABLE_TYPE (SlElement, sl_element, SL, ELEMENT, GObject)

struct _SlElementClass
{
  GObjectClass parent_class;

  /*< private >*/
  /* A detached copy of the element's state, with the same id. */
  SlElement *(*copy)   (SlElement *self);
  /* Takes over @from's state, notifies what changed and returns a mask of
   * what changed (class-specific bits, 0 when nothing did). */
  guint      (*assign) (SlElement *self,
                        SlElement *from);
  /* The mask of what differs between two states of the same element. */
  guint      (*diff)   (SlElement *self,
                        SlElement *other);
};

const char *sl_element_get_id (SlElement *self);

G_END_DECLS
