/* sl-connection-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-connection.h"

G_BEGIN_DECLS

/* In this header for the check, which follows connections hundreds of
 * thousands of times: through _sl_connection_get_*() below, without the
 * type checks of the public getters. */
struct _SlConnection
{
  SlElement parent_instance;

  SlNote *source;
  SlNote *target;
};

static inline SlNote *
_sl_connection_get_source (SlConnection *self)
{
  return self->source;
}

static inline SlNote *
_sl_connection_get_target (SlConnection *self)
{
  return self->target;
}

SlConnection *_sl_connection_new (char   *id,
                                  SlNote *source,
                                  SlNote *target);

G_END_DECLS
