/* sl-print-operation.h: printing a board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sl-print-job.h"

G_BEGIN_DECLS

typedef enum {
  SL_PRINT_WHOLE_BOARD,
  SL_PRINT_SELECTION,
  SL_PRINT_VIEW,
} SlPrintWhat;

#define SL_TYPE_PRINT_OPERATION (sl_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (SlPrintOperation, sl_print_operation, SL, PRINT_OPERATION, GtkPrintOperation)

SlPrintOperation *sl_print_operation_new           (SlLayout         *layout,
                                                    const char       *file_name);
void              sl_print_operation_set_areas     (SlPrintOperation *self,
                                                    const SlRect     *selection,
                                                    const SlRect     *view);
void              sl_print_operation_set_what      (SlPrintOperation *self,
                                                    SlPrintWhat       what);
void              sl_print_operation_set_fit       (SlPrintOperation *self,
                                                    gboolean          fit_to_page);
void              sl_print_operation_set_scale     (SlPrintOperation *self,
                                                    double            scale);
void              sl_print_operation_set_extras    (SlPrintOperation *self,
                                                    gboolean          legend,
                                                    gboolean          problems,
                                                    gboolean          scenarios);
double            sl_print_operation_get_scale     (SlPrintOperation *self);
SlPrintJob       *sl_print_operation_get_job       (SlPrintOperation *self);
double            sl_print_operation_get_too_many_pages (SlPrintOperation *self);
guint             sl_print_operation_get_tiled_pages (SlPrintOperation *self);
const GError     *sl_print_operation_get_refusal   (SlPrintOperation *self);

G_END_DECLS
