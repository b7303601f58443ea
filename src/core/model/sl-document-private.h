/* sl-document-private.h: what the file format uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-document.h"

G_BEGIN_DECLS

/* Takes an array of elements of one type, in file order, with unique ids
 * that no element of the document has yet. For loaders: not recorded. */
void  _sl_document_take_loaded   (SlDocument *self,
                                  GPtrArray  *elements);
void  _sl_document_set_loaded_properties (SlDocument *self,
                                          const char *title,
                                          const char *description,
                                          guint       step);

G_END_DECLS
