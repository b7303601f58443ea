/* sl-format-private.h: hooks for the tests of atomic saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-format.h"

G_BEGIN_DECLS

/* Where a test makes sl_format_write_file() fail, as a full disk or a
 * crash would, to prove that the old file survives. */
typedef enum {
  SL_WRITE_FAULT_NONE,
  SL_WRITE_FAULT_WRITE,   /* after half of the data is written */
  SL_WRITE_FAULT_SYNC,    /* when the data is flushed to the disk */
  SL_WRITE_FAULT_RENAME,  /* when the new file replaces the old */
} SlWriteFault;

void _sl_format_set_write_fault (SlWriteFault fault);

G_END_DECLS
