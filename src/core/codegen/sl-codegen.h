/* sl-codegen.h: code, tests and JSON Schemas generated from a model
 *
 * The model's commands, events and views become types, its aggregates
 * decide/evolve skeletons, its scenarios tests, in TypeScript, C# or
 * Kotlin. Generating again keeps what a developer wrote between the
 * markers; a model whose check has errors is refused unless forced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-document.h"

G_BEGIN_DECLS

#define SL_CODEGEN_ERROR (sl_codegen_error_quark ())

typedef enum {
  SL_CODEGEN_ERROR_CHECK_FAILED, /* the model's check has errors; message lists them */
  SL_CODEGEN_ERROR_WRITE,        /* a file or folder could not be written; message names it */
} SlCodegenError;

typedef enum {
  SL_CODEGEN_TYPESCRIPT,
  SL_CODEGEN_CSHARP,
  SL_CODEGEN_KOTLIN,
} SlCodegenLanguage;

typedef enum {
  SL_CODEGEN_FLAGS_NONE = 0,
  SL_CODEGEN_FORCE      = 1 << 0, /* generate even when the check has errors */
} SlCodegenFlags;

typedef struct _SlCodegenReport SlCodegenReport;

GQuark           sl_codegen_error_quark           (void);
const char      *sl_codegen_language_to_string    (SlCodegenLanguage  language); /* "typescript", "csharp", "kotlin" */
gboolean         sl_codegen_language_from_string  (const char        *str,
                                                   SlCodegenLanguage *language);
const char      *sl_codegen_language_get_label    (SlCodegenLanguage  language); /* "TypeScript", "C#", "Kotlin" (names, untranslated) */

/* Generates @language code for @document into @directory (created if
 * missing). @model_name is the model file's base name ("hotel.stormline"),
 * written in each file's header. Files already there keep what a developer
 * wrote between the markers; other files of the folder are never touched.
 * Without SL_CODEGEN_FORCE, a model whose check reports errors is refused
 * with SL_CODEGEN_ERROR_CHECK_FAILED and nothing is written. */
SlCodegenReport *sl_codegen_run                   (SlDocument        *document,
                                                   SlCodegenLanguage  language,
                                                   const char        *model_name,
                                                   GFile             *directory,
                                                   SlCodegenFlags     flags,
                                                   GError           **error);
guint            sl_codegen_report_get_n_files    (SlCodegenReport   *report); /* files generated */
guint            sl_codegen_report_get_n_written  (SlCodegenReport   *report); /* of those, created or changed on disk */
guint            sl_codegen_report_get_n_kept     (SlCodegenReport   *report); /* hand-written bodies kept */
guint            sl_codegen_report_get_n_problems (SlCodegenReport   *report); /* check errors generated past (with FORCE) */
/* Files the last run generated and this one does not (listed in the
 * folder's ".stormline-generated"), kept because they hold hand-written
 * bodies no new file took; the others are removed. */
guint            sl_codegen_report_get_n_stale_kept (SlCodegenReport *report);
const char      *sl_codegen_report_get_stale_kept   (SlCodegenReport *report,
                                                     guint            index); /* relative path */
void             sl_codegen_report_free           (SlCodegenReport   *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlCodegenReport, sl_codegen_report_free)

G_END_DECLS
