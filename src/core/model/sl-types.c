/* sl-types.c: the enumerations of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-types.h"

G_DEFINE_ENUM_TYPE (SlNoteKind, sl_note_kind,
  G_DEFINE_ENUM_VALUE (SL_NOTE_EVENT, "event"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_COMMAND, "command"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_VIEW, "view"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_ACTOR, "actor"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_AGGREGATE, "aggregate"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_AUTOMATION, "automation"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_EXTERNAL, "external"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_SCREEN, "screen"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_HOTSPOT, "hotspot"),
  G_DEFINE_ENUM_VALUE (SL_NOTE_COMMENT, "comment"))

G_DEFINE_ENUM_TYPE (SlLaneKind, sl_lane_kind,
  G_DEFINE_ENUM_VALUE (SL_LANE_UNSORTED, "unsorted"),
  G_DEFINE_ENUM_VALUE (SL_LANE_ACTOR, "actor"),
  G_DEFINE_ENUM_VALUE (SL_LANE_AUTOMATION, "automation"),
  G_DEFINE_ENUM_VALUE (SL_LANE_INTERACTION, "interaction"),
  G_DEFINE_ENUM_VALUE (SL_LANE_EVENTS, "events"),
  G_DEFINE_ENUM_VALUE (SL_LANE_EXTERNAL, "external"))

G_DEFINE_ENUM_TYPE (SlFieldType, sl_field_type,
  G_DEFINE_ENUM_VALUE (SL_FIELD_STRING, "String"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_BOOLEAN, "Boolean"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_INT, "Int"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_LONG, "Long"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_DOUBLE, "Double"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_DECIMAL, "Decimal"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_DATE, "Date"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_DATE_TIME, "DateTime"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_UUID, "UUID"),
  G_DEFINE_ENUM_VALUE (SL_FIELD_CUSTOM, "Custom"))

G_DEFINE_ENUM_TYPE (SlSliceStatus, sl_slice_status,
  G_DEFINE_ENUM_VALUE (SL_SLICE_PLANNED, "planned"),
  G_DEFINE_ENUM_VALUE (SL_SLICE_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (SL_SLICE_DONE, "done"))

/* The file names are the enum nicks: one table, so they cannot drift apart.
 * The classes are kept for the life of the program: saving a large model
 * asks for hundreds of thousands of names. */
static const char *
enum_to_string (GType type,
                int   value)
{
  GEnumClass *klass = g_type_class_peek (type);
  GEnumValue *ev;

  if (G_UNLIKELY (klass == NULL))
    klass = g_type_class_ref (type);

  ev = value >= 0 && (guint) value < klass->n_values && klass->values[value].value == value
       ? &klass->values[value] : g_enum_get_value (klass, value);
  g_return_val_if_fail (ev != NULL, NULL);
  return ev->value_nick;
}

static gboolean
enum_from_string (GType       type,
                  const char *str,
                  int        *value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (str == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);

  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

const char *
sl_note_kind_to_string (SlNoteKind kind)
{
  return enum_to_string (SL_TYPE_NOTE_KIND, kind);
}

gboolean
sl_note_kind_from_string (const char *str,
                          SlNoteKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!enum_from_string (SL_TYPE_NOTE_KIND, str, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
sl_lane_kind_to_string (SlLaneKind kind)
{
  return enum_to_string (SL_TYPE_LANE_KIND, kind);
}

gboolean
sl_lane_kind_from_string (const char *str,
                          SlLaneKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!enum_from_string (SL_TYPE_LANE_KIND, str, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
sl_field_type_to_string (SlFieldType type)
{
  return enum_to_string (SL_TYPE_FIELD_TYPE, type);
}

gboolean
sl_field_type_from_string (const char  *str,
                           SlFieldType *type)
{
  int value;

  g_return_val_if_fail (type != NULL, FALSE);

  if (!enum_from_string (SL_TYPE_FIELD_TYPE, str, &value))
    return FALSE;
  *type = value;
  return TRUE;
}

const char *
sl_slice_status_to_string (SlSliceStatus status)
{
  return enum_to_string (SL_TYPE_SLICE_STATUS, status);
}

gboolean
sl_slice_status_from_string (const char    *str,
                             SlSliceStatus *status)
{
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!enum_from_string (SL_TYPE_SLICE_STATUS, str, &value))
    return FALSE;
  *status = value;
  return TRUE;
}

const char *
sl_note_kind_get_label (SlNoteKind kind)
{
  switch (kind)
    {
    /* Translators: the kinds of sticky notes on an event model board (see
     * eventmodeling.org); one term each, used everywhere in the app */
    case SL_NOTE_EVENT:      return C_("note kind", "Event");
    case SL_NOTE_COMMAND:    return C_("note kind", "Command");
    case SL_NOTE_VIEW:       return C_("note kind", "View");
    case SL_NOTE_ACTOR:      return C_("note kind", "Actor");
    case SL_NOTE_AGGREGATE:  return C_("note kind", "Aggregate");
    case SL_NOTE_AUTOMATION: return C_("note kind", "Automation");
    case SL_NOTE_EXTERNAL:   return C_("note kind", "External System");
    case SL_NOTE_SCREEN:     return C_("note kind", "Screen");
    case SL_NOTE_HOTSPOT:    return C_("note kind", "Hotspot");
    case SL_NOTE_COMMENT:    return C_("note kind", "Comment");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sl_lane_kind_get_label (SlLaneKind kind)
{
  switch (kind)
    {
    /* Translators: the kinds of lanes, the horizontal rows of the board;
     * "Actor", "Automation" and "External System" are also kinds of notes */
    case SL_LANE_UNSORTED:    return C_("lane kind", "Unsorted");
    case SL_LANE_ACTOR:       return C_("lane kind", "Actor");
    case SL_LANE_AUTOMATION:  return C_("lane kind", "Automation");
    case SL_LANE_INTERACTION: return C_("lane kind", "Commands and Views");
    case SL_LANE_EVENTS:      return C_("lane kind", "Events");
    case SL_LANE_EXTERNAL:    return C_("lane kind", "External System");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sl_slice_status_get_label (SlSliceStatus status)
{
  switch (status)
    {
    /* Translators: the state of a slice's implementation */
    case SL_SLICE_PLANNED:     return C_("slice status", "Planned");
    case SL_SLICE_IN_PROGRESS: return C_("slice status", "In Progress");
    case SL_SLICE_DONE:        return C_("slice status", "Done");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* DOMAIN.md: "A field belongs to a command, event, view, screen or automation". */
gboolean
sl_note_kind_has_fields (SlNoteKind kind)
{
  return kind == SL_NOTE_EVENT || kind == SL_NOTE_COMMAND || kind == SL_NOTE_VIEW ||
         kind == SL_NOTE_SCREEN || kind == SL_NOTE_AUTOMATION;
}

/* The size of a card of @kind on the board, in board units, before its
 * field lines: large aggregates, small actors, wide external systems, as
 * the legend has them. The layout draws them so; the merge places its
 * hotspots by them. */
void
sl_note_kind_get_size (SlNoteKind  kind,
                       int        *width,
                       int        *height)
{
  switch (kind)
    {
    case SL_NOTE_ACTOR:
      *width = 110, *height = 70;
      break;
    case SL_NOTE_AGGREGATE:
      *width = 200, *height = 140;
      break;
    case SL_NOTE_EXTERNAL:
      *width = 220, *height = 100;
      break;
    default:
      *width = 160, *height = 100;
      break;
    }
}

/* DOMAIN.md, "The board": the kind of lane where notes of @kind belong. A
 * note added to the board and a note read from another tool go there. */
SlLaneKind
sl_note_kind_get_lane_kind (SlNoteKind kind)
{
  switch (kind)
    {
    case SL_NOTE_COMMAND:
    case SL_NOTE_VIEW:
      return SL_LANE_INTERACTION;
    case SL_NOTE_SCREEN:
    case SL_NOTE_ACTOR:
      return SL_LANE_ACTOR;
    case SL_NOTE_AUTOMATION:
      return SL_LANE_AUTOMATION;
    case SL_NOTE_EXTERNAL:
      return SL_LANE_EXTERNAL;
    case SL_NOTE_EVENT:
    case SL_NOTE_AGGREGATE:
    case SL_NOTE_HOTSPOT:
    case SL_NOTE_COMMENT:
    default:
      return SL_LANE_EVENTS;
    }
}
