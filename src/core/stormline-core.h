/* stormline-core.h: the model of a Stormline board
 *
 * The umbrella header for code outside src/core; inside core each file
 * includes the headers it uses, so the wings' one-way rule holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-types.h"
#include "sl-element.h"
#include "sl-element-list.h"
#include "sl-aggregate.h"
#include "sl-check.h"
#include "sl-checker.h"
#include "sl-codegen.h"
#include "sl-connection.h"
#include "sl-diff.h"
#include "sl-document.h"
#include "sl-field.h"
#include "sl-draft.h"
#include "sl-eventmodelers.h"
#include "sl-file-writer.h"
#include "sl-format.h"
#include "sl-fragment.h"
#include "sl-history.h"
#include "sl-impact.h"
#include "sl-json.h"
#include "sl-lane.h"
#include "sl-merge.h"
#include "sl-note.h"
#include "sl-process.h"
#include "sl-scenario.h"
#include "sl-search.h"
#include "sl-slice.h"
#include "sl-spec.h"
#include "sl-step.h"
#include "sl-text-escape.h"
