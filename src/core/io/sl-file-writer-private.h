/* sl-file-writer-private.h: hooks for the tests of atomic saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-file-writer.h"

G_BEGIN_DECLS

/* Where a test makes sl_file_write_atomically() fail, as a full disk or
 * a crash would, to prove that the old file survives. */
typedef enum {
  SL_WRITE_FAULT_NONE,
  SL_WRITE_FAULT_CREATE,  /* when the temporary file is made: a read-only folder */
  SL_WRITE_FAULT_WRITE,   /* after half of the data is written */
  SL_WRITE_FAULT_SYNC,    /* when the data is flushed to the disk */
  SL_WRITE_FAULT_RENAME,  /* when the new file replaces the old */
} SlWriteFault;

void _sl_file_writer_set_fault (SlWriteFault fault);

/* Called on the writing thread once the new data is on the disk, just
 * before it replaces the old file: a test blocks there to hold a write
 * in progress while it starts another. */
typedef void (*SlWriteHook) (gpointer data);

void _sl_file_writer_set_hook (SlWriteHook hook,
                               gpointer    data);

G_END_DECLS
