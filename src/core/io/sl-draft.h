/* sl-draft.h: drafts of unsaved documents, for recovery after a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-types.h"

G_BEGIN_DECLS

#define SL_DRAFT_ERROR (sl_draft_error_quark ())

typedef enum {
  SL_DRAFT_ERROR_BROKEN, /* not a draft Stormline wrote */
} SlDraftError;

/* What a draft holds: the document and what a user needs to know to
 * choose between restoring and discarding it. */
typedef struct
{
  char *id;        /* the draft's name in the store */
  char *uri;       /* (nullable): the file of the document; NULL when untitled */
  char *checksum;  /* (nullable): SHA-256 of that file as loaded or saved */
  char *title;     /* the model's title, maybe empty */
  gint64 changed;  /* when it last changed, in µs since the epoch (UTC) */
  guint n_changes; /* steps since the save */
  GBytes *text;    /* the document in the native format, when read */
  SlDocument *document; /* (nullable): the document read back, modified */
} SlDraft;

typedef struct _SlDraftPrimer SlDraftPrimer;

#define SL_TYPE_DRAFT_STORE (sl_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (SlDraftStore, sl_draft_store, SL, DRAFT_STORE, GObject)

GQuark        sl_draft_error_quark         (void);

void          sl_draft_free                (SlDraft       *draft);
char         *sl_draft_new_id              (const char    *uri);
char         *sl_draft_checksum_file       (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);

SlDraftStore *sl_draft_store_new           (const char    *directory);
SlDraftStore *sl_draft_store_get_default   (void);
const char   *sl_draft_store_get_directory (SlDraftStore  *self);
guint         sl_draft_store_write         (SlDraftStore  *self,
                                            const char    *id,
                                            SlDocument    *document,
                                            const char    *uri,
                                            const char    *checksum,
                                            guint          n_changes,
                                            guint          base);
void          sl_draft_store_remove        (SlDraftStore  *self,
                                            const char    *id);
void          sl_draft_store_release       (SlDraftStore  *self,
                                            guint          serial);
SlDraftPrimer *sl_draft_primer_new         (SlDocument    *document);
gboolean      sl_draft_primer_step         (SlDraftPrimer *primer,
                                            guint          budget);
void          sl_draft_primer_free         (SlDraftPrimer *primer);
guint         sl_draft_store_prime         (SlDraftStore  *self,
                                            SlDraftPrimer *primer);
void          sl_draft_store_flush         (SlDraftStore  *self);
GStrv         sl_draft_store_list          (SlDraftStore  *self);
SlDraft      *sl_draft_store_read          (SlDraftStore  *self,
                                            const char    *id,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlDraft, sl_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlDraftPrimer, sl_draft_primer_free)

G_END_DECLS
