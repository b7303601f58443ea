/* sl-field-row.h: a field of the inspected note, in a row that opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

G_BEGIN_DECLS

#define SL_TYPE_FIELD_ROW (sl_field_row_get_type ())

G_DECLARE_FINAL_TYPE (SlFieldRow, sl_field_row, SL, FIELD_ROW, AdwExpanderRow)

GtkWidget *sl_field_row_new          (SlDocument         *document,
                                      SlNote             *note,
                                      SlField            *field,
                                      const char * const *upstream);
SlField   *sl_field_row_get_field    (SlFieldRow         *self);
void       sl_field_row_set_problems (SlFieldRow         *self,
                                      GPtrArray          *problems);

G_END_DECLS
