/* sl-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "stormline-core.h"

#include "sl-application.h"
#include "sl-canvas.h"
#include "sl-export.h"
#include "sl-guide.h"
#include "sl-inspector.h"
#include "sl-print-operation.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())

G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, AdwApplicationWindow)

SlWindow   *sl_window_new             (SlApplication *application,
                                       SlDocument    *document,
                                       GFile         *file);
SlDocument *sl_window_new_document    (void);
SlDocument *sl_window_get_document    (SlWindow      *self);
SlChecker  *sl_window_get_checker     (SlWindow      *self);
GFile      *sl_window_get_file        (SlWindow      *self);
SlCanvas   *sl_window_get_canvas      (SlWindow      *self);
SlGuide    *sl_window_get_guide       (SlWindow      *self);
SlInspector *sl_window_get_inspector  (SlWindow      *self);
SlPrintOperation *sl_window_create_print_operation (SlWindow *self);

typedef enum {
  SL_WINDOW_EXPORT_TILED     = 1 << 0, /* a PDF over several pages, after a page map */
  SL_WINDOW_EXPORT_SCENARIOS = 1 << 1, /* a PDF with pages of the scenarios */
  SL_WINDOW_EXPORT_FIT       = 1 << 2, /* a PDF on one page, however small its text */
} SlWindowExportFlags;

gboolean    sl_window_export          (SlWindow             *self,
                                       GFile                *file,
                                       SlExportFormat        format,
                                       SlPrintWhat           what,
                                       double                scale,
                                       SlWindowExportFlags   flags);
void        sl_window_save_to         (SlWindow      *self,
                                       GFile         *file);
void        sl_window_import          (SlWindow      *self,
                                       GFile         *file);
void        sl_window_export_eventmodelers (SlWindow *self,
                                            GFile    *file);
void        sl_window_show_open_error (SlWindow      *self,
                                       GFile         *file,
                                       const GError  *error);

G_END_DECLS
