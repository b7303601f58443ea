/* sl-merge.c: the three-way merge of models by element id
 *
 * The result starts as a copy of ours; what theirs changed since the base
 * is then applied to it, element by element and property by property,
 * through the document's mutations. A property that only one side changed
 * takes that side's value; one that both changed to the same value is no
 * conflict. A true conflict (both changed a property differently, one
 * deleted what the other changed, both added an element with the same id
 * and different content) keeps ours and adds a hotspot note next to the
 * element that says in words what each side did. References stay valid: a
 * connection, scenario or step whose note is gone goes with it, and a lane
 * or aggregate that one side deleted while the other put a note in it is
 * kept (a conflict too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-aggregate-private.h"
#include "sl-connection-private.h"
#include "sl-document-private.h"
#include "sl-field-private.h"
#include "sl-format.h"
#include "sl-lane-private.h"
#include "sl-merge.h"
#include "sl-note-private.h"
#include "sl-scenario-private.h"
#include "sl-slice-private.h"
#include "sl-step.h"

/* The size of a hotspot card and the gap between cards, as the board
 * lays them out (src/render/sl-layout.c): a hotspot settles below the
 * cards of its column, a card's height and a gap at a time. */
#define HOTSPOT_WIDTH 160
#define HOTSPOT_HEIGHT 100
#define CARD_GAP 20
/* How much taller a card is per field, at most (its field lines). */
#define FIELD_HEIGHT 24

typedef struct
{
  char *text;
  char *lane_id;   /* (nullable): the lane of the hotspot, in the result */
  int x;
  int y;           /* where it starts to settle down in its lane */
} Conflict;

typedef struct
{
  SlDocument *base;
  SlDocument *ours;
  SlDocument *theirs;
  SlDocument *result;
  GPtrArray *conflicts;   /* of Conflict */
} Merge;

typedef enum {
  KEEP,      /* ours (theirs did not change it, or made the same change) */
  TAKE,      /* theirs (only theirs changed it) */
  CONFLICT,  /* both changed it differently: ours is kept */
} Pick;

static void
conflict_free (Conflict *conflict)
{
  g_free (conflict->text);
  g_free (conflict->lane_id);
  g_free (conflict);
}

static Pick
pick (gboolean ours_same_as_base,
      gboolean theirs_same_as_base,
      gboolean ours_same_as_theirs)
{
  if (theirs_same_as_base || ours_same_as_theirs)
    return KEEP;
  if (ours_same_as_base)
    return TAKE;
  return CONFLICT;
}

static gboolean
str_equal (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static const char *
id_of (gpointer element)
{
  return element != NULL ? sl_element_get_id (element) : NULL;
}

/* The element of @type with @id in @document, or NULL. */
static gpointer
lookup (SlDocument *document,
        const char *id,
        GType       type)
{
  SlElement *element;

  if (id == NULL)
    return NULL;
  element = sl_document_lookup (document, id);
  if (element == NULL || !G_TYPE_CHECK_INSTANCE_TYPE (element, type))
    return NULL;
  return element;
}

/* The ids of the elements of a list in the base, ours and theirs, each
 * once, in that order. */
static GPtrArray *
collect_ids (Merge      *merge,
             GListModel *(*get_list) (SlDocument *))
{
  SlDocument *documents[] = { merge->base, merge->ours, merge->theirs };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
    {
      GListModel *list = get_list (documents[d]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          SlElement *element = sl_element_list_peek (SL_ELEMENT_LIST (list), i);
          const char *id = sl_element_get_id (element);

          if (g_hash_table_add (seen, (char *) id))
            g_ptr_array_add (ids, g_strdup (id));
        }
    }

  return ids;
}

/* In words */

static char *
describe_note (SlNote *note)
{
  const char *text = sl_note_get_text (note);

  if (text == NULL || *text == 0)
    /* Translators: a note without text, named by its kind ("Event") */
    return g_strdup_printf (_("an untitled note (%s)"), sl_note_kind_get_label (sl_note_get_kind (note)));
  /* Translators: a note named by its text in a conflict's description */
  return g_strdup_printf (_("“%s”"), text);
}

/* @element (a note, lane, slice, aggregate or scenario) as if named @name */
static char *
describe_named (gpointer    element,
                const char *name)
{
  if (SL_IS_NOTE (element))
    /* Translators: a note named by its text in a conflict's description */
    return g_strdup_printf (_("“%s”"), name);
  if (SL_IS_LANE (element))
    return g_strdup_printf (_("the lane “%s”"), name);
  if (SL_IS_SLICE (element))
    return g_strdup_printf (_("the slice “%s”"), name);
  if (SL_IS_AGGREGATE (element))
    return g_strdup_printf (_("the aggregate “%s”"), name);
  if (SL_IS_SCENARIO (element))
    return g_strdup_printf (_("the scenario “%s”"), name);
  g_assert_not_reached ();
}

static char *
describe_element (gpointer element)
{
  if (SL_IS_NOTE (element))
    return describe_note (element);
  if (SL_IS_LANE (element))
    return describe_named (element, sl_lane_get_name (element));
  if (SL_IS_SLICE (element))
    return describe_named (element, sl_slice_get_name (element));
  if (SL_IS_AGGREGATE (element))
    return describe_named (element, sl_aggregate_get_name (element));
  if (SL_IS_SCENARIO (element))
    return describe_named (element, sl_scenario_get_title (element));
  if (SL_IS_CONNECTION (element))
    {
      g_autofree char *source = describe_note (sl_connection_get_source (element));
      g_autofree char *target = describe_note (sl_connection_get_target (element));

      return g_strdup_printf (_("the connection from %s to %s"), source, target);
    }
  g_assert_not_reached ();
}

static char *
describe_aggregate (SlAggregate *aggregate)
{
  if (aggregate == NULL)
    return g_strdup (_("no aggregate"));
  return g_strdup_printf (_("“%s”"), sl_aggregate_get_name (aggregate));
}

static char *
describe_place (SlNote *note)
{
  /* Translators: where a note stands: its lane, then x and y on the board */
  return g_strdup_printf (_("“%s” at %d, %d"), sl_lane_get_name (sl_note_get_lane (note)),
                          sl_note_get_x (note), sl_note_get_y (note));
}

/* Conflicts */

/* @element in words, made the first time a conflict needs it */
#define DESCRIBE(what, element) ((what) != NULL ? (what) : ((what) = describe_element (element)))

/* Records a conflict whose hotspot goes into @lane_id (of the result, or
 * of another version, or NULL: the first lane) at @x, below @y. */
static void
add_conflict_at (Merge      *merge,
                 const char *lane_id,
                 int         x,
                 int         y,
                 char       *text)
{
  Conflict *conflict = g_new0 (Conflict, 1);

  conflict->text = text;
  conflict->lane_id = g_strdup (lane_id);
  conflict->x = x;
  conflict->y = y;
  g_ptr_array_add (merge->conflicts, conflict);
}

/* A card's size as the board draws it (sl_layout_get_note_size()), and
 * at most a field line more per field. */
static void
card_size (SlNote *note,
           int    *width,
           int    *height)
{
  switch (sl_note_get_kind (note))
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
  *height += (int) sl_note_get_n_fields (note) * FIELD_HEIGHT;
}

static int
card_height (SlNote *note)
{
  int width, height;

  card_size (note, &width, &height);
  return height;
}

/* A conflict next to @note (of any version): below it, in its column. */
static void
add_conflict_at_note (Merge  *merge,
                      SlNote *note,
                      char   *text)
{
  add_conflict_at (merge, id_of (sl_note_get_lane (note)), sl_note_get_x (note),
                   sl_note_get_y (note) + card_height (note) + CARD_GAP, text);
}

/* The leftmost x of the result's notes, or 0. */
static int
leftmost_x (Merge *merge)
{
  GListModel *notes = sl_document_get_notes (merge->result);
  int left = G_MAXINT;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    left = MIN (left, sl_note_get_x (sl_element_list_peek (SL_ELEMENT_LIST (notes), i)));

  return left == G_MAXINT ? 0 : left;
}

/* A conflict at the start of @lane_id (or of the first lane): for lanes,
 * aggregates and the model's own properties. */
static void
add_conflict_at_start (Merge      *merge,
                       const char *lane_id,
                       char       *text)
{
  /* Left of every note: x is resolved when the hotspots are placed. */
  add_conflict_at (merge, lane_id, G_MININT, 0, text);
}

static void
add_conflict_at_element (Merge    *merge,
                         gpointer  element,
                         char     *text)
{
  if (SL_IS_NOTE (element))
    add_conflict_at_note (merge, element, text);
  else if (SL_IS_SCENARIO (element))
    add_conflict_at_note (merge, sl_scenario_get_note (element), text);
  else if (SL_IS_CONNECTION (element))
    add_conflict_at_note (merge, sl_connection_get_source (element), text);
  else if (SL_IS_SLICE (element))
    add_conflict_at (merge, NULL, sl_slice_get_x (element), 0, text);
  else if (SL_IS_LANE (element))
    add_conflict_at_start (merge, id_of (element), text);
  else
    add_conflict_at_start (merge, NULL, text);
}

/* A rename both sides made differently. */
static void
conflict_renamed (Merge      *merge,
                  gpointer    element,
                  const char *base_name,
                  const char *ours_name,
                  const char *theirs_name)
{
  /* Named by its name in the base: that is what both renamed. */
  g_autofree char *what = describe_named (element, base_name);

  add_conflict_at_element (merge, element,
                           /* Translators: a conflict of a merge: the element, then the new names */
                           g_strdup_printf (_("Ours renamed %s to “%s”; theirs renamed it to “%s”"),
                                            what, ours_name, theirs_name));
}

static void
conflict_deleted_changed (Merge    *merge,
                          gpointer  kept_or_gone,
                          gboolean  ours_deleted)
{
  g_autofree char *what = describe_element (kept_or_gone);

  add_conflict_at_element (merge, kept_or_gone,
                           ours_deleted ? g_strdup_printf (_("Ours deleted %s; theirs changed it"), what)
                                        : g_strdup_printf (_("Ours changed %s; theirs deleted it"), what));
}

static void
conflict_added_twice (Merge    *merge,
                      gpointer  element)
{
  g_autofree char *what = describe_element (element);

  add_conflict_at_element (merge, element,
                           g_strdup_printf (_("Ours and theirs both added %s, differently"), what));
}

/* Elements of the result that stand for those of theirs */

static SlAggregate *restore_aggregate (Merge *merge, SlAggregate *wanted, SlNote *user, SlLane *lane_user);

/* The result's aggregate for @aggregate of another version: the one with
 * its id, or, when ours deleted it, the aggregate restored (a conflict
 * naming @note or @lane, the element that uses it). */
static SlAggregate *
result_aggregate (Merge       *merge,
                  SlAggregate *aggregate,
                  SlNote      *note,
                  SlLane      *lane)
{
  SlAggregate *found;

  if (aggregate == NULL)
    return NULL;
  found = lookup (merge->result, id_of (aggregate), SL_TYPE_AGGREGATE);
  if (found != NULL)
    return found;
  return restore_aggregate (merge, aggregate, note, lane);
}

static SlAggregate *
restore_aggregate (Merge       *merge,
                   SlAggregate *wanted,
                   SlNote      *note,
                   SlLane      *lane)
{
  g_autoptr(SlAggregate) aggregate = NULL;
  g_autofree char *what = describe_element (wanted);
  g_autofree char *user = note != NULL ? describe_note (note) : describe_element (lane);
  char *text;

  if (sl_document_lookup (merge->result, id_of (wanted)) != NULL)
    return NULL;  /* the id is another kind of element's: none */

  aggregate = _sl_aggregate_new (g_strdup (id_of (wanted)));
  _sl_aggregate_set_name (aggregate, sl_aggregate_get_name (wanted));
  _sl_document_record_insert (merge->result, aggregate,
                              g_list_model_get_n_items (sl_document_get_aggregates (merge->result)),
                              TRUE, NULL);

  text = g_strdup_printf (_("Ours deleted %s; theirs put %s in it: it is kept"), what, user);
  if (note != NULL)
    add_conflict_at_note (merge, note, text);
  else
    add_conflict_at_start (merge, id_of (lane), text);

  return aggregate;
}

/* Adds @lane of theirs to the result, with its id, after the lane that
 * comes before it in theirs. */
static SlLane *
insert_lane (Merge  *merge,
             SlLane *lane)
{
  g_autoptr(SlLane) added = NULL;
  GListModel *lanes = sl_document_get_lanes (merge->theirs);
  int index = sl_document_get_lane_position (merge->theirs, lane);
  guint position = 0;

  if (sl_document_lookup (merge->result, id_of (lane)) != NULL)
    return NULL;

  for (int i = index - 1; i >= 0; i--)
    {
      SlLane *before = lookup (merge->result, id_of (sl_element_list_peek (SL_ELEMENT_LIST (lanes), i)),
                               SL_TYPE_LANE);

      if (before != NULL)
        {
          position = sl_document_get_lane_position (merge->result, before) + 1;
          break;
        }
    }

  added = _sl_lane_new (g_strdup (id_of (lane)), sl_lane_get_kind (lane));
  _sl_lane_set_name (added, sl_lane_get_name (lane));
  _sl_document_record_insert (merge->result, added, position, TRUE, NULL);
  if (sl_lane_get_aggregate (lane) != NULL)
    sl_document_set_lane_aggregate (merge->result, added,
                                    result_aggregate (merge, sl_lane_get_aggregate (lane), NULL, added));
  return added;
}

/* The result's lane for @lane of theirs: the one with its id, or, when
 * ours deleted it, the lane restored (a conflict naming @note, the note
 * theirs put in it). */
static SlLane *
result_lane (Merge  *merge,
             SlLane *lane,
             SlNote *note)
{
  SlLane *found = lookup (merge->result, id_of (lane), SL_TYPE_LANE);
  g_autofree char *what = NULL;
  g_autofree char *user = NULL;

  if (found != NULL)
    return found;

  found = insert_lane (merge, lane);
  if (found == NULL)
    {
      /* The id is another kind of element's in the result: the first lane
       * (a board with notes has one) or a new one. */
      GListModel *lanes = sl_document_get_lanes (merge->result);

      if (g_list_model_get_n_items (lanes) > 0)
        return sl_element_list_peek (SL_ELEMENT_LIST (lanes), 0);
      return sl_document_add_default_lane (merge->result);
    }

  what = describe_element (lane);
  user = describe_note (note);
  add_conflict_at_note (merge, note,
                        g_strdup_printf (_("Ours deleted %s; theirs put %s in it: it is kept"), what, user));
  return found;
}

/* The model's title and description */

static void
merge_properties (Merge *merge)
{
  const char *base_title = sl_document_get_title (merge->base);
  const char *ours_title = sl_document_get_title (merge->ours);
  const char *theirs_title = sl_document_get_title (merge->theirs);
  const char *base_text = sl_document_get_description (merge->base);
  const char *ours_text = sl_document_get_description (merge->ours);
  const char *theirs_text = sl_document_get_description (merge->theirs);

  switch (pick (str_equal (ours_title, base_title), str_equal (theirs_title, base_title),
                str_equal (ours_title, theirs_title)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_title (merge->result, theirs_title);
      break;
    case CONFLICT:
      add_conflict_at_start (merge, NULL,
                             g_strdup_printf (_("Ours retitled the model “%s”; theirs retitled it “%s”"),
                                              ours_title, theirs_title));
      break;
    }

  switch (pick (str_equal (ours_text, base_text), str_equal (theirs_text, base_text),
                str_equal (ours_text, theirs_text)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_description (merge->result, theirs_text);
      break;
    case CONFLICT:
      add_conflict_at_start (merge, NULL,
                             g_strdup (_("Ours and theirs both changed the model’s description, differently")));
      break;
    }
}

/* Aggregates: added and renamed (removed in merge_removals()) */

static void
merge_aggregates (Merge *merge)
{
  g_autoptr(GPtrArray) ids = collect_ids (merge, sl_document_get_aggregates);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SlAggregate *b = lookup (merge->base, id, SL_TYPE_AGGREGATE);
      SlAggregate *o = lookup (merge->ours, id, SL_TYPE_AGGREGATE);
      SlAggregate *t = lookup (merge->theirs, id, SL_TYPE_AGGREGATE);
      SlAggregate *r = lookup (merge->result, id, SL_TYPE_AGGREGATE);

      if (t == NULL)
        continue;

      if (b == NULL && o == NULL)
        {
          g_autoptr(SlAggregate) aggregate = NULL;

          if (sl_document_lookup (merge->result, id) != NULL)
            continue;
          aggregate = _sl_aggregate_new (g_strdup (id));
          _sl_aggregate_set_name (aggregate, sl_aggregate_get_name (t));
          _sl_document_record_insert (merge->result, aggregate,
                                      g_list_model_get_n_items (sl_document_get_aggregates (merge->result)),
                                      TRUE, NULL);
        }
      else if (b == NULL && o != NULL)
        {
          if (!str_equal (sl_aggregate_get_name (o), sl_aggregate_get_name (t)))
            conflict_added_twice (merge, o);
        }
      else if (o == NULL)
        {
          if (!str_equal (sl_aggregate_get_name (t), sl_aggregate_get_name (b)))
            conflict_deleted_changed (merge, t, TRUE);
        }
      else if (r != NULL)
        {
          const char *bn = sl_aggregate_get_name (b), *on = sl_aggregate_get_name (o), *tn = sl_aggregate_get_name (t);

          switch (pick (str_equal (on, bn), str_equal (tn, bn), str_equal (on, tn)))
            {
            case KEEP:
              break;
            case TAKE:
              sl_document_set_aggregate_name (merge->result, r, tn);
              break;
            case CONFLICT:
              conflict_renamed (merge, o, bn, on, tn);
              break;
            }
        }
    }
}

/* Lanes: added and changed (removed in merge_removals(), ordered in
 * merge_lane_order()) */

static gboolean
lane_equal (SlLane *a,
            SlLane *b)
{
  return str_equal (sl_lane_get_name (a), sl_lane_get_name (b)) &&
         sl_lane_get_kind (a) == sl_lane_get_kind (b) &&
         g_strcmp0 (id_of (sl_lane_get_aggregate (a)), id_of (sl_lane_get_aggregate (b))) == 0;
}

static void
merge_lane (Merge  *merge,
            SlLane *b,
            SlLane *o,
            SlLane *t,
            SlLane *r)
{
  const char *bn = sl_lane_get_name (b), *on = sl_lane_get_name (o), *tn = sl_lane_get_name (t);
  SlAggregate *ba = sl_lane_get_aggregate (b), *oa = sl_lane_get_aggregate (o), *ta = sl_lane_get_aggregate (t);
  /* Put into words only for a conflict */
  g_autofree char *what = NULL;

  switch (pick (str_equal (on, bn), str_equal (tn, bn), str_equal (on, tn)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_lane_name (merge->result, r, tn);
      break;
    case CONFLICT:
      conflict_renamed (merge, o, bn, on, tn);
      break;
    }

  switch (pick (sl_lane_get_kind (o) == sl_lane_get_kind (b), sl_lane_get_kind (t) == sl_lane_get_kind (b),
                sl_lane_get_kind (o) == sl_lane_get_kind (t)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_lane_kind (merge->result, r, sl_lane_get_kind (t));
      break;
    case CONFLICT:
      add_conflict_at_element (merge, o,
                               g_strdup_printf (_("Ours changed the kind of %s to “%s”; theirs changed it to “%s”"),
                                                DESCRIBE (what, o),
                                                sl_lane_kind_get_label (sl_lane_get_kind (o)),
                                                sl_lane_kind_get_label (sl_lane_get_kind (t))));
      break;
    }

  switch (pick (g_strcmp0 (id_of (oa), id_of (ba)) == 0, g_strcmp0 (id_of (ta), id_of (ba)) == 0,
                g_strcmp0 (id_of (oa), id_of (ta)) == 0))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_lane_aggregate (merge->result, r, result_aggregate (merge, ta, NULL, r));
      break;
    case CONFLICT:
      {
        g_autofree char *ours_aggregate = describe_aggregate (oa);
        g_autofree char *theirs_aggregate = describe_aggregate (ta);

        add_conflict_at_element (merge, o,
                                 g_strdup_printf (_("Ours set the aggregate of %s to %s; theirs set it to %s"),
                                                  DESCRIBE (what, o), ours_aggregate, theirs_aggregate));
      }
      break;
    }
}

static void
merge_lanes (Merge *merge)
{
  g_autoptr(GPtrArray) ids = collect_ids (merge, sl_document_get_lanes);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SlLane *b = lookup (merge->base, id, SL_TYPE_LANE);
      SlLane *o = lookup (merge->ours, id, SL_TYPE_LANE);
      SlLane *t = lookup (merge->theirs, id, SL_TYPE_LANE);
      SlLane *r = lookup (merge->result, id, SL_TYPE_LANE);

      if (t == NULL)
        continue;

      if (b == NULL && o == NULL)
        {
          if (r == NULL)
            insert_lane (merge, t);
        }
      else if (b == NULL)
        {
          if (!lane_equal (o, t))
            conflict_added_twice (merge, o);
        }
      else if (o == NULL)
        {
          if (!lane_equal (t, b))
            conflict_deleted_changed (merge, t, TRUE);
        }
      else if (r != NULL)
        merge_lane (merge, b, o, t, r);
    }
}

/* Slices */

static gboolean
slice_equal (SlSlice *a,
             SlSlice *b)
{
  return str_equal (sl_slice_get_name (a), sl_slice_get_name (b)) &&
         sl_slice_get_status (a) == sl_slice_get_status (b) &&
         sl_slice_get_x (a) == sl_slice_get_x (b) &&
         sl_slice_get_width (a) == sl_slice_get_width (b);
}

static void
merge_slice (Merge   *merge,
             SlSlice *b,
             SlSlice *o,
             SlSlice *t,
             SlSlice *r)
{
  const char *bn = sl_slice_get_name (b), *on = sl_slice_get_name (o), *tn = sl_slice_get_name (t);
  /* Put into words only for a conflict */
  g_autofree char *what = NULL;
  gboolean ob_range = sl_slice_get_x (o) == sl_slice_get_x (b) && sl_slice_get_width (o) == sl_slice_get_width (b);
  gboolean tb_range = sl_slice_get_x (t) == sl_slice_get_x (b) && sl_slice_get_width (t) == sl_slice_get_width (b);
  gboolean ot_range = sl_slice_get_x (o) == sl_slice_get_x (t) && sl_slice_get_width (o) == sl_slice_get_width (t);

  switch (pick (str_equal (on, bn), str_equal (tn, bn), str_equal (on, tn)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_slice_name (merge->result, r, tn);
      break;
    case CONFLICT:
      conflict_renamed (merge, o, bn, on, tn);
      break;
    }

  switch (pick (sl_slice_get_status (o) == sl_slice_get_status (b), sl_slice_get_status (t) == sl_slice_get_status (b),
                sl_slice_get_status (o) == sl_slice_get_status (t)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_slice_status (merge->result, r, sl_slice_get_status (t));
      break;
    case CONFLICT:
      add_conflict_at_element (merge, o,
                               g_strdup_printf (_("Ours set the status of %s to %s; theirs set it to %s"),
                                                DESCRIBE (what, o),
                                                sl_slice_status_get_label (sl_slice_get_status (o)),
                                                sl_slice_status_get_label (sl_slice_get_status (t))));
      break;
    }

  switch (pick (ob_range, tb_range, ot_range))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_slice_range (merge->result, r, sl_slice_get_x (t), sl_slice_get_width (t));
      break;
    case CONFLICT:
      add_conflict_at_element (merge, o,
                               /* Translators: a slice's range on the timeline: from x, so wide */
                               g_strdup_printf (_("Ours moved %s to %d, %d wide; theirs moved it to %d, %d wide"),
                                                DESCRIBE (what, o), sl_slice_get_x (o), sl_slice_get_width (o),
                                                sl_slice_get_x (t), sl_slice_get_width (t)));
      break;
    }
}

static void
merge_slices (Merge *merge)
{
  g_autoptr(GPtrArray) ids = collect_ids (merge, sl_document_get_slices);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SlSlice *b = lookup (merge->base, id, SL_TYPE_SLICE);
      SlSlice *o = lookup (merge->ours, id, SL_TYPE_SLICE);
      SlSlice *t = lookup (merge->theirs, id, SL_TYPE_SLICE);
      SlSlice *r = lookup (merge->result, id, SL_TYPE_SLICE);

      if (b == NULL && o == NULL && t != NULL)
        {
          g_autoptr(SlSlice) slice = NULL;

          if (sl_document_lookup (merge->result, id) != NULL)
            continue;
          slice = _sl_slice_new (g_strdup (id));
          _sl_slice_set_name (slice, sl_slice_get_name (t));
          _sl_slice_set_status (slice, sl_slice_get_status (t));
          _sl_slice_set_range (slice, sl_slice_get_x (t), sl_slice_get_width (t));
          _sl_document_record_insert (merge->result, slice,
                                      g_list_model_get_n_items (sl_document_get_slices (merge->result)), TRUE, NULL);
        }
      else if (b == NULL && o != NULL && t != NULL)
        {
          if (!slice_equal (o, t))
            conflict_added_twice (merge, o);
        }
      else if (b != NULL && o != NULL && t == NULL)
        {
          if (!slice_equal (o, b))
            conflict_deleted_changed (merge, o, FALSE);
          else if (r != NULL)
            sl_document_remove_slice (merge->result, r);
        }
      else if (b != NULL && o == NULL && t != NULL)
        {
          if (!slice_equal (t, b))
            conflict_deleted_changed (merge, t, TRUE);
        }
      else if (b != NULL && o != NULL && t != NULL && r != NULL)
        merge_slice (merge, b, o, t, r);
    }
}

/* Fields, matched by name (and, for a name given twice, by which of them) */

/* The keys of @note's fields, in order: the name, and for a name given
 * before, how many times. */
static GPtrArray *
field_keys (SlNote *note)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  if (note == NULL)
    return keys;

  for (guint i = 0; i < sl_note_get_n_fields (note); i++)
    {
      const char *name = sl_field_get_name (sl_note_get_field (note, i));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

      g_hash_table_insert (counts, (char *) name, GUINT_TO_POINTER (count + 1));
      if (count == 0)
        g_ptr_array_add (keys, g_strdup (name));
      else
        g_ptr_array_add (keys, g_strdup_printf ("%s\n%u", name, count));
    }

  return keys;
}

static int
find_key (GPtrArray  *keys,
          const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return (int) i;
  return -1;
}

static SlField *
field_by_key (SlNote     *note,
              GPtrArray  *keys,
              const char *key)
{
  int index = find_key (keys, key);

  return index < 0 ? NULL : sl_note_get_field (note, index);
}

static gboolean
field_equal (SlField *a,
             SlField *b)
{
  return g_strcmp0 (sl_field_get_name (a), sl_field_get_name (b)) == 0 &&
         sl_field_get_value_type (a) == sl_field_get_value_type (b) &&
         sl_field_get_flags (a) == sl_field_get_flags (b) &&
         str_equal (sl_field_get_mapping (a), sl_field_get_mapping (b)) &&
         str_equal (sl_field_get_example (a), sl_field_get_example (b));
}

static gboolean
fields_equal (SlNote *a,
              SlNote *b)
{
  if (sl_note_get_n_fields (a) != sl_note_get_n_fields (b))
    return FALSE;
  for (guint i = 0; i < sl_note_get_n_fields (a); i++)
    if (!field_equal (sl_note_get_field (a, i), sl_note_get_field (b, i)))
      return FALSE;
  return TRUE;
}

/* A conflict next to @note, in words from @format. */
static void conflict_note (Merge      *merge,
                           SlNote     *note,
                           const char *format,
                           ...) G_GNUC_PRINTF (3, 4);

static void
conflict_note (Merge      *merge,
               SlNote     *note,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  add_conflict_at_note (merge, note, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The keys of @keys that are also in @a and @b, in @keys' order. */
static GPtrArray *
common_keys (GPtrArray *keys,
             GPtrArray *a,
             GPtrArray *b)
{
  GPtrArray *common = g_ptr_array_new ();

  for (guint i = 0; i < keys->len; i++)
    if (find_key (a, g_ptr_array_index (keys, i)) >= 0 && find_key (b, g_ptr_array_index (keys, i)) >= 0)
      g_ptr_array_add (common, g_ptr_array_index (keys, i));

  return common;
}

static gboolean
same_keys (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static void
merge_field (Merge   *merge,
             SlNote  *o_note,
             SlNote  *r,
             guint    index,
             SlField *b,
             SlField *o,
             SlField *t)
{
  const char *name = sl_field_get_name (o);
  SlFieldFlags bf = sl_field_get_flags (b), of = sl_field_get_flags (o), tf = sl_field_get_flags (t);
  SlFieldFlags flags;
  /* Put into words only for a conflict */
  g_autofree char *what = NULL;

  switch (pick (sl_field_get_value_type (o) == sl_field_get_value_type (b),
                sl_field_get_value_type (t) == sl_field_get_value_type (b),
                sl_field_get_value_type (o) == sl_field_get_value_type (t)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_field_type (merge->result, r, index, sl_field_get_value_type (t));
      break;
    case CONFLICT:
      conflict_note (merge, o_note, _("Ours made the field “%s” of %s a %s; theirs made it a %s"),
                     name, DESCRIBE (what, o_note),
                     sl_field_type_to_string (sl_field_get_value_type (o)),
                     sl_field_type_to_string (sl_field_get_value_type (t)));
      break;
    }

  /* Flag by flag: a flag both changed was changed the same way. */
  flags = of ^ ((tf ^ bf) & ~(of ^ bf));
  if (flags != of)
    sl_document_set_field_flags (merge->result, r, index, flags);

  switch (pick (str_equal (sl_field_get_mapping (o), sl_field_get_mapping (b)),
                str_equal (sl_field_get_mapping (t), sl_field_get_mapping (b)),
                str_equal (sl_field_get_mapping (o), sl_field_get_mapping (t))))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_field_mapping (merge->result, r, index, sl_field_get_mapping (t));
      break;
    case CONFLICT:
      conflict_note (merge, o_note, _("Ours mapped the field “%s” of %s from “%s”; theirs mapped it from “%s”"),
                     name, DESCRIBE (what, o_note), sl_field_get_mapping (o), sl_field_get_mapping (t));
      break;
    }

  switch (pick (str_equal (sl_field_get_example (o), sl_field_get_example (b)),
                str_equal (sl_field_get_example (t), sl_field_get_example (b)),
                str_equal (sl_field_get_example (o), sl_field_get_example (t))))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_field_example (merge->result, r, index, sl_field_get_example (t));
      break;
    case CONFLICT:
      conflict_note (merge, o_note,
                     _("Ours set the example of the field “%s” of %s to “%s”; theirs set it to “%s”"),
                     name, DESCRIBE (what, o_note), sl_field_get_example (o), sl_field_get_example (t));
      break;
    }
}

static void
insert_field_copy (Merge   *merge,
                   SlNote  *r,
                   guint    index,
                   SlField *field)
{
  sl_document_insert_field (merge->result, r, index, sl_field_get_name (field), sl_field_get_value_type (field));
  if (sl_field_get_flags (field) != 0)
    sl_document_set_field_flags (merge->result, r, index, sl_field_get_flags (field));
  if (!str_equal (sl_field_get_mapping (field), NULL))
    sl_document_set_field_mapping (merge->result, r, index, sl_field_get_mapping (field));
  if (!str_equal (sl_field_get_example (field), NULL))
    sl_document_set_field_example (merge->result, r, index, sl_field_get_example (field));
}

static void
merge_fields (Merge  *merge,
              SlNote *b,
              SlNote *o,
              SlNote *t,
              SlNote *r)
{
  g_autoptr(GPtrArray) bk = NULL;
  g_autoptr(GPtrArray) ok = NULL;
  g_autoptr(GPtrArray) tk = NULL;
  g_autoptr(GPtrArray) rk = NULL;
  g_autoptr(GPtrArray) b_common = NULL;
  g_autoptr(GPtrArray) o_common = NULL;
  g_autoptr(GPtrArray) t_common = NULL;
  g_autofree char *what = NULL;

  if (fields_equal (t, b) || fields_equal (o, t))
    return;

  /* Only theirs changed them: theirs, as they are. */
  if (fields_equal (o, b))
    {
      while (sl_note_get_n_fields (r) > 0)
        sl_document_remove_field (merge->result, r, sl_note_get_n_fields (r) - 1);
      for (guint i = 0; i < sl_note_get_n_fields (t); i++)
        insert_field_copy (merge, r, i, sl_note_get_field (t, i));
      return;
    }

  bk = field_keys (b);
  ok = field_keys (o);
  tk = field_keys (t);

  what = describe_note (o);

  /* Removed by theirs: gone unless ours changed them. */
  for (guint i = 0; i < bk->len; i++)
    {
      const char *key = g_ptr_array_index (bk, i);
      SlField *bf = sl_note_get_field (b, i);
      SlField *of = field_by_key (o, ok, key);
      SlField *tf = field_by_key (t, tk, key);

      if (of != NULL && tf == NULL)
        {
          if (field_equal (of, bf))
            {
              g_autoptr(GPtrArray) keys = field_keys (r);

              sl_document_remove_field (merge->result, r, find_key (keys, key));
            }
          else
            conflict_note (merge, o, _("Ours changed the field “%s” of %s; theirs deleted it"),
                           sl_field_get_name (of), what);
        }
      else if (of == NULL && tf != NULL && !field_equal (tf, bf))
        conflict_note (merge, o, _("Ours deleted the field “%s” of %s; theirs changed it"),
                       sl_field_get_name (tf), what);
      else if (of != NULL && tf != NULL)
        {
          g_autoptr(GPtrArray) keys = field_keys (r);

          merge_field (merge, o, r, find_key (keys, key), bf, of, tf);
        }
    }

  /* Added by theirs: after the field before them in theirs. */
  for (guint i = 0; i < tk->len; i++)
    {
      const char *key = g_ptr_array_index (tk, i);
      SlField *tf = sl_note_get_field (t, i);
      SlField *of = field_by_key (o, ok, key);
      g_autoptr(GPtrArray) keys = NULL;
      guint position = 0;

      if (find_key (bk, key) >= 0)
        continue;
      if (of != NULL)
        {
          if (!field_equal (of, tf))
            conflict_note (merge, o, _("Ours and theirs both added a field “%s” to %s, differently"),
                           sl_field_get_name (of), what);
          continue;
        }

      keys = field_keys (r);
      for (int j = (int) i - 1; j >= 0; j--)
        {
          int before = find_key (keys, g_ptr_array_index (tk, j));

          if (before >= 0)
            {
              position = before + 1;
              break;
            }
        }
      insert_field_copy (merge, r, position, tf);
    }

  /* The order of the fields that all three have */
  rk = field_keys (r);
  b_common = common_keys (bk, ok, tk);
  o_common = common_keys (ok, bk, tk);
  t_common = common_keys (tk, bk, ok);
  switch (pick (same_keys (o_common, b_common), same_keys (t_common, b_common), same_keys (o_common, t_common)))
    {
    case KEEP:
      break;
    case TAKE:
      {
        /* The slots of the common fields in the result take theirs' order. */
        guint next = 0;

        for (guint i = 0; i < rk->len && next < t_common->len; i++)
          {
            g_autoptr(GPtrArray) keys = field_keys (r);
            const char *key = g_ptr_array_index (keys, i);
            int from;

            if (find_key (t_common, key) < 0)
              continue;
            from = find_key (keys, g_ptr_array_index (t_common, next++));
            if (from >= 0 && (guint) from != i)
              sl_document_move_field (merge->result, r, from, i);
          }
      }
      break;
    case CONFLICT:
      add_conflict_at_note (merge, o,
                            g_strdup_printf (_("Ours and theirs both reordered the fields of %s, differently"), what));
      break;
    }
}

/* Notes */

static gboolean
note_equal (SlNote *a,
            SlNote *b)
{
  return sl_note_get_kind (a) == sl_note_get_kind (b) &&
         str_equal (sl_note_get_text (a), sl_note_get_text (b)) &&
         g_strcmp0 (id_of (sl_note_get_lane (a)), id_of (sl_note_get_lane (b))) == 0 &&
         sl_note_get_x (a) == sl_note_get_x (b) &&
         sl_note_get_y (a) == sl_note_get_y (b) &&
         g_strcmp0 (id_of (sl_note_get_aggregate (a)), id_of (sl_note_get_aggregate (b))) == 0 &&
         !sl_note_get_pivotal (a) == !sl_note_get_pivotal (b) &&
         fields_equal (a, b);
}

static gboolean
same_place (SlNote *a,
            SlNote *b)
{
  return g_strcmp0 (id_of (sl_note_get_lane (a)), id_of (sl_note_get_lane (b))) == 0 &&
         sl_note_get_x (a) == sl_note_get_x (b) &&
         sl_note_get_y (a) == sl_note_get_y (b);
}

static void
add_note (Merge  *merge,
          SlNote *t)
{
  g_autoptr(SlNote) note = NULL;
  SlLane *lane;
  SlAggregate *aggregate;

  if (sl_document_lookup (merge->result, id_of (t)) != NULL)
    return;

  lane = result_lane (merge, sl_note_get_lane (t), t);
  note = _sl_note_new (g_strdup (id_of (t)), sl_note_get_kind (t), lane);
  _sl_note_set_text (note, sl_note_get_text (t));
  _sl_note_set_position (note, lane, sl_note_get_x (t), sl_note_get_y (t));
  _sl_note_set_pivotal (note, sl_note_get_pivotal (t));
  _sl_document_record_insert (merge->result, note,
                              g_list_model_get_n_items (sl_document_get_notes (merge->result)), TRUE, NULL);
  aggregate = result_aggregate (merge, sl_note_get_aggregate (t), t, NULL);
  if (aggregate != NULL)
    sl_document_set_note_aggregate (merge->result, note, aggregate);
  for (guint i = 0; i < sl_note_get_n_fields (t); i++)
    insert_field_copy (merge, note, i, sl_note_get_field (t, i));
}

static void
merge_note (Merge  *merge,
            SlNote *b,
            SlNote *o,
            SlNote *t,
            SlNote *r)
{
  const char *bt = sl_note_get_text (b), *ot = sl_note_get_text (o), *tt = sl_note_get_text (t);
  SlAggregate *ba = sl_note_get_aggregate (b), *oa = sl_note_get_aggregate (o), *ta = sl_note_get_aggregate (t);
  /* Put into words only for a conflict */
  g_autofree char *what = NULL;

  switch (pick (str_equal (ot, bt), str_equal (tt, bt), str_equal (ot, tt)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_note_text (merge->result, r, tt);
      break;
    case CONFLICT:
      conflict_renamed (merge, o, bt, ot, tt);
      break;
    }

  switch (pick (sl_note_get_kind (o) == sl_note_get_kind (b), sl_note_get_kind (t) == sl_note_get_kind (b),
                sl_note_get_kind (o) == sl_note_get_kind (t)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_note_kind (merge->result, r, sl_note_get_kind (t));
      break;
    case CONFLICT:
      add_conflict_at_note (merge, o,
                            g_strdup_printf (_("Ours changed the kind of %s to “%s”; theirs changed it to “%s”"),
                                             DESCRIBE (what, b),
                                             sl_note_kind_get_label (sl_note_get_kind (o)),
                                             sl_note_kind_get_label (sl_note_get_kind (t))));
      break;
    }

  switch (pick (same_place (o, b), same_place (t, b), same_place (o, t)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_move_note (merge->result, r, result_lane (merge, sl_note_get_lane (t), t),
                             sl_note_get_x (t), sl_note_get_y (t));
      break;
    case CONFLICT:
      {
        g_autofree char *ours_place = describe_place (o);
        g_autofree char *theirs_place = describe_place (t);

        add_conflict_at_note (merge, o,
                              g_strdup_printf (_("Ours moved %s to %s; theirs moved it to %s"), DESCRIBE (what, b),
                                               ours_place, theirs_place));
      }
      break;
    }

  switch (pick (g_strcmp0 (id_of (oa), id_of (ba)) == 0, g_strcmp0 (id_of (ta), id_of (ba)) == 0,
                g_strcmp0 (id_of (oa), id_of (ta)) == 0))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_note_aggregate (merge->result, r, result_aggregate (merge, ta, t, NULL));
      break;
    case CONFLICT:
      {
        g_autofree char *ours_aggregate = describe_aggregate (oa);
        g_autofree char *theirs_aggregate = describe_aggregate (ta);

        add_conflict_at_note (merge, o,
                              g_strdup_printf (_("Ours set the aggregate of %s to %s; theirs set it to %s"),
                                               DESCRIBE (what, b), ours_aggregate, theirs_aggregate));
      }
      break;
    }

  /* A flag: both changes are the same change. */
  if (!sl_note_get_pivotal (t) != !sl_note_get_pivotal (b) && !sl_note_get_pivotal (o) == !sl_note_get_pivotal (b))
    sl_document_set_note_pivotal (merge->result, r, sl_note_get_pivotal (t));

  merge_fields (merge, b, o, t, r);
}

static void
merge_notes (Merge *merge)
{
  g_autoptr(GPtrArray) ids = collect_ids (merge, sl_document_get_notes);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SlNote *b = lookup (merge->base, id, SL_TYPE_NOTE);
      SlNote *o = lookup (merge->ours, id, SL_TYPE_NOTE);
      SlNote *t = lookup (merge->theirs, id, SL_TYPE_NOTE);
      SlNote *r = lookup (merge->result, id, SL_TYPE_NOTE);

      if (b == NULL && o == NULL && t != NULL)
        add_note (merge, t);
      else if (b == NULL && o != NULL && t != NULL)
        {
          if (!note_equal (o, t))
            conflict_added_twice (merge, o);
        }
      else if (b != NULL && o != NULL && t == NULL)
        {
          if (!note_equal (o, b))
            conflict_deleted_changed (merge, o, FALSE);
          else if (r != NULL)
            sl_document_remove_note (merge->result, r);
        }
      else if (b != NULL && o == NULL && t != NULL)
        {
          if (!note_equal (t, b))
            conflict_deleted_changed (merge, t, TRUE);
        }
      else if (b != NULL && o != NULL && t != NULL && r != NULL)
        merge_note (merge, b, o, t, r);
    }
}

/* Connections: they have no properties; added or removed. */

static void
merge_connections (Merge *merge)
{
  g_autoptr(GPtrArray) ids = collect_ids (merge, sl_document_get_connections);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SlConnection *b = lookup (merge->base, id, SL_TYPE_CONNECTION);
      SlConnection *o = lookup (merge->ours, id, SL_TYPE_CONNECTION);
      SlConnection *t = lookup (merge->theirs, id, SL_TYPE_CONNECTION);
      SlConnection *r = lookup (merge->result, id, SL_TYPE_CONNECTION);

      if (b == NULL && o == NULL && t != NULL)
        {
          /* Its notes may be gone from the result: it goes with them. */
          SlNote *source = lookup (merge->result, id_of (sl_connection_get_source (t)), SL_TYPE_NOTE);
          SlNote *target = lookup (merge->result, id_of (sl_connection_get_target (t)), SL_TYPE_NOTE);
          g_autoptr(SlConnection) connection = NULL;

          if (source == NULL || target == NULL || sl_document_lookup (merge->result, id) != NULL ||
              sl_document_find_connection (merge->result, source, target) != NULL)
            continue;
          connection = _sl_connection_new (g_strdup (id), source, target);
          _sl_document_record_insert (merge->result, connection,
                                      g_list_model_get_n_items (sl_document_get_connections (merge->result)),
                                      TRUE, NULL);
        }
      else if (b == NULL && o != NULL && t != NULL)
        {
          if (g_strcmp0 (id_of (sl_connection_get_source (o)), id_of (sl_connection_get_source (t))) != 0 ||
              g_strcmp0 (id_of (sl_connection_get_target (o)), id_of (sl_connection_get_target (t))) != 0)
            conflict_added_twice (merge, o);
        }
      else if (b != NULL && o != NULL && t == NULL && r != NULL)
        {
          /* Gone with a note theirs deleted and the result kept (ours
           * changed it): it stays with the note. */
          if (lookup (merge->theirs, id_of (sl_connection_get_source (b)), SL_TYPE_NOTE) == NULL ||
              lookup (merge->theirs, id_of (sl_connection_get_target (b)), SL_TYPE_NOTE) == NULL)
            continue;
          sl_document_remove_connection (merge->result, r);
        }
    }
}

/* Scenarios */

/* @steps of another version with the result's notes; steps whose note is
 * gone from the result go with it. */
static GPtrArray *
result_steps (Merge     *merge,
              GPtrArray *steps)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_unref);

  for (guint i = 0; i < steps->len; i++)
    {
      SlStep *step = g_ptr_array_index (steps, i);
      SlNote *note = lookup (merge->result, id_of (sl_step_get_note (step)), SL_TYPE_NOTE);
      guint n_values = sl_step_get_n_values (step);
      g_autofree const char **names = g_new (const char *, n_values + 1);
      g_autofree const char **values = g_new (const char *, n_values + 1);

      if (note == NULL)
        continue;
      for (guint j = 0; j < n_values; j++)
        {
          names[j] = sl_step_get_value_name (step, j);
          values[j] = sl_step_get_value (step, j);
        }
      g_ptr_array_add (result, sl_step_new_with_values (note, names, values, n_values));
    }

  return result;
}

static gboolean
steps_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      SlStep *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (id_of (sl_step_get_note (x)), id_of (sl_step_get_note (y))) != 0 ||
          sl_step_get_n_values (x) != sl_step_get_n_values (y))
        return FALSE;
      for (guint j = 0; j < sl_step_get_n_values (x); j++)
        if (g_strcmp0 (sl_step_get_value_name (x, j), sl_step_get_value_name (y, j)) != 0 ||
            g_strcmp0 (sl_step_get_value (x, j), sl_step_get_value (y, j)) != 0)
          return FALSE;
    }
  return TRUE;
}

/* Whether @steps are @base_steps less the steps of notes that @document
 * deleted: a side that deleted a note did not otherwise change the steps. */
static gboolean
steps_unchanged (GPtrArray  *steps,
                 GPtrArray  *base_steps,
                 SlDocument *document)
{
  g_autoptr(GPtrArray) kept = NULL;

  if (steps_equal (steps, base_steps))
    return TRUE;
  kept = g_ptr_array_new ();
  for (guint i = 0; i < base_steps->len; i++)
    if (lookup (document, id_of (sl_step_get_note (g_ptr_array_index (base_steps, i))), SL_TYPE_NOTE) != NULL)
      g_ptr_array_add (kept, g_ptr_array_index (base_steps, i));
  return steps_equal (steps, kept);
}

static gboolean
scenario_equal (SlScenario *a,
                SlScenario *b)
{
  if (g_strcmp0 (id_of (sl_scenario_get_note (a)), id_of (sl_scenario_get_note (b))) != 0 ||
      !str_equal (sl_scenario_get_title (a), sl_scenario_get_title (b)) ||
      !str_equal (sl_scenario_get_error (a), sl_scenario_get_error (b)))
    return FALSE;
  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    if (!steps_equal (_sl_scenario_get_steps (a, part), _sl_scenario_get_steps (b, part)))
      return FALSE;
  return TRUE;
}

/* Whether @scenario of @document is @base but for the steps of notes that
 * @document deleted. */
static gboolean
scenario_unchanged (SlScenario *scenario,
                    SlScenario *base,
                    SlDocument *document)
{
  if (g_strcmp0 (id_of (sl_scenario_get_note (scenario)), id_of (sl_scenario_get_note (base))) != 0 ||
      !str_equal (sl_scenario_get_title (scenario), sl_scenario_get_title (base)) ||
      !str_equal (sl_scenario_get_error (scenario), sl_scenario_get_error (base)))
    return FALSE;
  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    if (!steps_unchanged (_sl_scenario_get_steps (scenario, part), _sl_scenario_get_steps (base, part), document))
      return FALSE;
  return TRUE;
}

static const char *
step_part_label (SlStepPart part)
{
  switch (part)
    {
    case SL_STEP_GIVEN:
      return _("Given");
    case SL_STEP_WHEN:
      return _("When");
    case SL_STEP_THEN:
      return _("Then");
    default:
      g_assert_not_reached ();
    }
}

static void
merge_scenario (Merge      *merge,
                SlScenario *b,
                SlScenario *o,
                SlScenario *t,
                SlScenario *r)
{
  const char *bt = sl_scenario_get_title (b), *ot = sl_scenario_get_title (o), *tt = sl_scenario_get_title (t);
  const char *be = sl_scenario_get_error (b), *oe = sl_scenario_get_error (o), *te = sl_scenario_get_error (t);
  /* Put into words only for a conflict */
  g_autofree char *what = NULL;

  switch (pick (str_equal (ot, bt), str_equal (tt, bt), str_equal (ot, tt)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_scenario_title (merge->result, r, tt);
      break;
    case CONFLICT:
      conflict_renamed (merge, o, bt, ot, tt);
      break;
    }

  switch (pick (str_equal (oe, be), str_equal (te, be), str_equal (oe, te)))
    {
    case KEEP:
      break;
    case TAKE:
      sl_document_set_scenario_error (merge->result, r, te);
      break;
    case CONFLICT:
      add_conflict_at_element (merge, o,
                               g_strdup_printf (_("Ours set the error of %s to “%s”; theirs set it to “%s”"),
                                                DESCRIBE (what, o), oe, te));
      break;
    }

  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    {
      GPtrArray *bs = _sl_scenario_get_steps (b, part);
      GPtrArray *os = _sl_scenario_get_steps (o, part);
      GPtrArray *ts = _sl_scenario_get_steps (t, part);

      switch (pick (steps_unchanged (os, bs, merge->ours), steps_unchanged (ts, bs, merge->theirs),
                    steps_equal (os, ts)))
        {
        case KEEP:
          break;
        case TAKE:
          {
            g_autoptr(GPtrArray) steps = result_steps (merge, ts);

            sl_document_set_scenario_steps (merge->result, r, part, (SlStep **) steps->pdata, steps->len);
          }
          break;
        case CONFLICT:
          add_conflict_at_element (merge, o,
                                   /* Translators: the second %s is a part of a scenario: Given, When or Then */
                                   g_strdup_printf (_("Ours and theirs both changed %s, its %s steps, differently"),
                                                    DESCRIBE (what, o), step_part_label (part)));
          break;
        }
    }
}

static void
merge_scenarios (Merge *merge)
{
  g_autoptr(GPtrArray) ids = collect_ids (merge, sl_document_get_scenarios);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SlScenario *b = lookup (merge->base, id, SL_TYPE_SCENARIO);
      SlScenario *o = lookup (merge->ours, id, SL_TYPE_SCENARIO);
      SlScenario *t = lookup (merge->theirs, id, SL_TYPE_SCENARIO);
      SlScenario *r = lookup (merge->result, id, SL_TYPE_SCENARIO);

      if (b == NULL && o == NULL && t != NULL)
        {
          SlNote *note = lookup (merge->result, id_of (sl_scenario_get_note (t)), SL_TYPE_NOTE);
          g_autoptr(SlScenario) scenario = NULL;

          if (note == NULL || sl_document_lookup (merge->result, id) != NULL)
            continue;
          scenario = _sl_scenario_new (g_strdup (id), note);
          _sl_scenario_set_title (scenario, sl_scenario_get_title (t));
          _sl_scenario_set_error (scenario, sl_scenario_get_error (t));
          for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
            _sl_scenario_set_steps (scenario, part, result_steps (merge, _sl_scenario_get_steps (t, part)));
          _sl_document_record_insert (merge->result, scenario,
                                      g_list_model_get_n_items (sl_document_get_scenarios (merge->result)),
                                      TRUE, NULL);
        }
      else if (b == NULL && o != NULL && t != NULL)
        {
          if (!scenario_equal (o, t))
            conflict_added_twice (merge, o);
        }
      else if (b != NULL && o != NULL && t == NULL)
        {
          /* Gone with a note theirs deleted and the result kept (ours
           * changed it): it stays with the note. */
          if (lookup (merge->theirs, id_of (sl_scenario_get_note (b)), SL_TYPE_NOTE) == NULL &&
              lookup (merge->result, id_of (sl_scenario_get_note (b)), SL_TYPE_NOTE) != NULL)
            continue;
          if (!scenario_unchanged (o, b, merge->ours))
            conflict_deleted_changed (merge, o, FALSE);
          else if (r != NULL)
            sl_document_remove_scenario (merge->result, r);
        }
      else if (b != NULL && o == NULL && t != NULL)
        {
          if (!scenario_unchanged (t, b, merge->theirs) &&
              lookup (merge->ours, id_of (sl_scenario_get_note (t)), SL_TYPE_NOTE) != NULL)
            conflict_deleted_changed (merge, t, TRUE);
        }
      else if (b != NULL && o != NULL && t != NULL && r != NULL)
        merge_scenario (merge, b, o, t, r);
    }
}

/* What theirs removed of the lanes and aggregates, once the notes are
 * merged: kept where the result still uses them. */

static void
merge_removals (Merge *merge)
{
  g_autoptr(GPtrArray) lane_ids = collect_ids (merge, sl_document_get_lanes);
  g_autoptr(GPtrArray) aggregate_ids = collect_ids (merge, sl_document_get_aggregates);
  GListModel *notes = sl_document_get_notes (merge->result);
  GListModel *lanes = sl_document_get_lanes (merge->result);

  for (guint i = 0; i < lane_ids->len; i++)
    {
      const char *id = g_ptr_array_index (lane_ids, i);
      SlLane *b = lookup (merge->base, id, SL_TYPE_LANE);
      SlLane *o = lookup (merge->ours, id, SL_TYPE_LANE);
      SlLane *t = lookup (merge->theirs, id, SL_TYPE_LANE);
      SlLane *r = lookup (merge->result, id, SL_TYPE_LANE);
      SlNote *user = NULL;

      if (b == NULL || o == NULL || t != NULL || r == NULL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (notes) && user == NULL; j++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), j);

          if (sl_note_get_lane (note) == r)
            user = note;
        }

      if (user != NULL)
        {
          g_autofree char *what = describe_element (o);
          g_autofree char *note = describe_note (user);

          add_conflict_at_note (merge, user,
                                g_strdup_printf (_("Ours put %s in %s; theirs deleted the lane: it is kept"),
                                                 note, what));
        }
      else if (!lane_equal (o, b))
        conflict_deleted_changed (merge, o, FALSE);
      else
        sl_document_remove_lane (merge->result, r);
    }

  for (guint i = 0; i < aggregate_ids->len; i++)
    {
      const char *id = g_ptr_array_index (aggregate_ids, i);
      SlAggregate *b = lookup (merge->base, id, SL_TYPE_AGGREGATE);
      SlAggregate *o = lookup (merge->ours, id, SL_TYPE_AGGREGATE);
      SlAggregate *t = lookup (merge->theirs, id, SL_TYPE_AGGREGATE);
      SlAggregate *r = lookup (merge->result, id, SL_TYPE_AGGREGATE);
      gpointer user = NULL;

      if (b == NULL || o == NULL || t != NULL || r == NULL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (notes) && user == NULL; j++)
        {
          SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), j);

          if (sl_note_get_aggregate (note) == r)
            user = note;
        }
      for (guint j = 0; j < g_list_model_get_n_items (lanes) && user == NULL; j++)
        {
          SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), j);

          if (sl_lane_get_aggregate (lane) == r)
            user = lane;
        }

      if (user != NULL)
        {
          g_autofree char *what = describe_element (o);
          g_autofree char *who = describe_element (user);

          add_conflict_at_element (merge, user,
                                   g_strdup_printf (_("Ours put %s in %s; theirs deleted the aggregate: it is kept"),
                                                    who, what));
        }
      else if (!str_equal (sl_aggregate_get_name (o), sl_aggregate_get_name (b)))
        conflict_deleted_changed (merge, o, FALSE);
      else
        sl_document_remove_aggregate (merge->result, r);
    }
}

/* The order of the lanes that all three have: theirs' when only theirs
 * changed it. */
static GPtrArray *
common_lanes (SlDocument *document,
              Merge      *merge)
{
  GListModel *lanes = sl_document_get_lanes (document);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      const char *id = id_of (sl_element_list_peek (SL_ELEMENT_LIST (lanes), i));

      if (lookup (merge->base, id, SL_TYPE_LANE) != NULL && lookup (merge->ours, id, SL_TYPE_LANE) != NULL &&
          lookup (merge->theirs, id, SL_TYPE_LANE) != NULL && lookup (merge->result, id, SL_TYPE_LANE) != NULL)
        g_ptr_array_add (ids, (char *) id);
    }

  return ids;
}

static void
merge_lane_order (Merge *merge)
{
  g_autoptr(GPtrArray) b = common_lanes (merge->base, merge);
  g_autoptr(GPtrArray) o = common_lanes (merge->ours, merge);
  g_autoptr(GPtrArray) t = common_lanes (merge->theirs, merge);
  g_autoptr(GPtrArray) order = NULL;
  GListModel *lanes = sl_document_get_lanes (merge->result);
  GListModel *theirs_lanes = sl_document_get_lanes (merge->theirs);

  switch (pick (same_keys (o, b), same_keys (t, b), same_keys (o, t)))
    {
    case KEEP:
      /* The lanes theirs added already stand after the lane before them
       * in theirs. */
      return;
    case TAKE:
      break;
    case CONFLICT:
      add_conflict_at_start (merge, NULL, g_strdup (_("Ours and theirs both reordered the lanes, differently")));
      return;
    }

  /* Theirs' order, and the result's other lanes (ours added them, or kept
   * them) each after the lane before it in the result. */
  order = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (theirs_lanes); i++)
    {
      SlLane *lane = lookup (merge->result, id_of (sl_element_list_peek (SL_ELEMENT_LIST (theirs_lanes), i)),
                             SL_TYPE_LANE);

      if (lane != NULL)
        g_ptr_array_add (order, lane);
    }
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);
      guint position = 0;

      if (g_ptr_array_find (order, lane, NULL))
        continue;
      if (i > 0)
        {
          guint before;

          if (g_ptr_array_find (order, sl_element_list_peek (SL_ELEMENT_LIST (lanes), i - 1), &before))
            position = before + 1;
        }
      g_ptr_array_insert (order, position, lane);
    }

  for (guint i = 0; i < order->len; i++)
    sl_document_move_lane (merge->result, g_ptr_array_index (order, i), i);
}

/* Hotspots */

typedef struct
{
  int x, y, width, height;
} Box;

static gboolean
box_overlaps (const Box *a,
              const Box *b)
{
  return a->x < b->x + b->width + CARD_GAP && b->x < a->x + a->width + CARD_GAP &&
         a->y < b->y + b->height + CARD_GAP && b->y < a->y + a->height + CARD_GAP;
}

static void
place_hotspots (Merge *merge)
{
  GListModel *lanes = sl_document_get_lanes (merge->result);
  GListModel *notes = sl_document_get_notes (merge->result);
  g_autoptr(GHashTable) boxes = NULL;  /* SlLane -> GArray of Box */
  int left;

  if (merge->conflicts->len == 0)
    return;

  if (g_list_model_get_n_items (lanes) == 0)
    sl_document_add_default_lane (merge->result);

  boxes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      GArray *lane_boxes = g_hash_table_lookup (boxes, sl_note_get_lane (note));
      Box box = { sl_note_get_x (note), sl_note_get_y (note), 0, 0 };

      card_size (note, &box.width, &box.height);

      if (lane_boxes == NULL)
        {
          lane_boxes = g_array_new (FALSE, FALSE, sizeof (Box));
          g_hash_table_insert (boxes, sl_note_get_lane (note), lane_boxes);
        }
      g_array_append_val (lane_boxes, box);
    }

  left = leftmost_x (merge) - HOTSPOT_WIDTH - CARD_GAP * 2;
  left = CLAMP (left, -SL_COORD_MAX, SL_COORD_MAX - HOTSPOT_WIDTH);

  for (guint i = 0; i < merge->conflicts->len; i++)
    {
      Conflict *conflict = g_ptr_array_index (merge->conflicts, i);
      SlLane *lane = lookup (merge->result, conflict->lane_id, SL_TYPE_LANE);
      GArray *lane_boxes;
      Box box;
      gboolean clear;

      if (lane == NULL)
        lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), 0);
      lane_boxes = g_hash_table_lookup (boxes, lane);
      if (lane_boxes == NULL)
        {
          lane_boxes = g_array_new (FALSE, FALSE, sizeof (Box));
          g_hash_table_insert (boxes, lane, lane_boxes);
        }

      box.x = conflict->x == G_MININT ? left : CLAMP (conflict->x, -SL_COORD_MAX, SL_COORD_MAX);
      box.y = CLAMP (conflict->y, 0, SL_COORD_MAX);
      box.width = HOTSPOT_WIDTH;
      box.height = HOTSPOT_HEIGHT;

      /* Down the column, a card and a gap at a time, until it covers no
       * card of the lane: the lane's cards are finite. */
      do
        {
          clear = TRUE;
          for (guint j = 0; j < lane_boxes->len && clear; j++)
            if (box_overlaps (&box, &g_array_index (lane_boxes, Box, j)))
              {
                Box *other = &g_array_index (lane_boxes, Box, j);

                box.y = other->y + other->height + CARD_GAP;
                clear = FALSE;
              }
        }
      while (!clear && box.y < SL_COORD_MAX - HOTSPOT_HEIGHT);
      box.y = MIN (box.y, SL_COORD_MAX);

      g_array_append_val (lane_boxes, box);
      sl_document_add_note (merge->result, SL_NOTE_HOTSPOT, lane, box.x, box.y, conflict->text);
    }
}

/* Public API */

/**
 * sl_merge_documents:
 * @base: the version both sides started from
 * @ours: our version: its value wins a conflict
 * @theirs: their version
 * @conflicts: (out) (optional) (element-type utf8) (transfer full): the
 *   conflicts in words, one for each hotspot added
 *
 * Merges by element id what @ours and @theirs changed since @base. The
 * three are left as they are.
 *
 * Returns: (transfer full): the merged model, with an empty history
 */
SlDocument *
sl_merge_documents (SlDocument  *base,
                    SlDocument  *ours,
                    SlDocument  *theirs,
                    GPtrArray  **conflicts)
{
  g_autoptr(GBytes) ours_bytes = NULL;
  g_autoptr(GError) error = NULL;
  Merge merge = { base, ours, theirs, NULL, NULL };

  g_return_val_if_fail (SL_IS_DOCUMENT (base), NULL);
  g_return_val_if_fail (SL_IS_DOCUMENT (ours), NULL);
  g_return_val_if_fail (SL_IS_DOCUMENT (theirs), NULL);

  /* A copy of ours: what the canonical writer wrote, the reader reads. */
  ours_bytes = sl_format_save_to_bytes (ours);
  merge.result = sl_format_load_bytes (ours_bytes, &error);
  g_assert_no_error (error);
  /* The same three give the same result, to the ids of the hotspots. */
  sl_document_set_id_seed (merge.result, g_bytes_hash (ours_bytes));
  merge.conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_free);

  /* One step: what the history does for each step it records is done
   * once. */
  sl_history_begin_group (sl_document_get_history (merge.result), NULL);
  merge_properties (&merge);
  merge_aggregates (&merge);
  merge_lanes (&merge);
  merge_slices (&merge);
  merge_notes (&merge);
  merge_connections (&merge);
  merge_scenarios (&merge);
  merge_removals (&merge);
  merge_lane_order (&merge);
  place_hotspots (&merge);
  sl_history_end_group (sl_document_get_history (merge.result));

  sl_history_clear (sl_document_get_history (merge.result));
  /* What is added to the merged model later gets ids of its own: two
   * people who made the same merge do not make the same ids. */
  sl_document_set_id_seed (merge.result, g_random_int ());

  if (conflicts != NULL)
    {
      *conflicts = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < merge.conflicts->len; i++)
        g_ptr_array_add (*conflicts, g_strdup (((Conflict *) g_ptr_array_index (merge.conflicts, i))->text));
    }
  g_ptr_array_unref (merge.conflicts);

  return merge.result;
}

static SlDocument *
load_version (GBytes      *bytes,
              const char  *which,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SlDocument *document = sl_format_load_bytes (bytes, &local_error);

  if (document == NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 /* Translators: which version of a merge (base, ours or theirs), then what is wrong */
                 _("%s: %s"), which, local_error->message);
  return document;
}

/**
 * sl_merge_bytes:
 * @n_conflicts: (out) (optional): how many conflicts the merge found
 *
 * Merges three model files' contents (see sl_merge_documents()).
 *
 * Returns: (transfer full) (nullable): the merged model in canonical
 *   form, or %NULL with @error set when one of the three does not load
 *   (the message names which)
 */
GBytes *
sl_merge_bytes (GBytes  *base,
                GBytes  *ours,
                GBytes  *theirs,
                guint   *n_conflicts,
                GError **error)
{
  g_autoptr(SlDocument) base_document = NULL;
  g_autoptr(SlDocument) ours_document = NULL;
  g_autoptr(SlDocument) theirs_document = NULL;
  g_autoptr(SlDocument) merged = NULL;
  g_autoptr(SlDocument) reread = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (base != NULL && ours != NULL && theirs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(base_document = load_version (base, C_("merge", "base"), error)) ||
      !(ours_document = load_version (ours, C_("merge", "ours"), error)) ||
      !(theirs_document = load_version (theirs, C_("merge", "theirs"), error)))
    return NULL;

  merged = sl_merge_documents (base_document, ours_document, theirs_document, &conflicts);
  bytes = sl_format_save_to_bytes (merged);

  /* What is handed out reads back: a merge never writes a file that does
   * not open. */
  reread = sl_format_load_bytes (bytes, error);
  if (reread == NULL)
    {
      g_prefix_error (error, "%s", _("the merged model does not read back: "));
      return NULL;
    }

  if (n_conflicts != NULL)
    *n_conflicts = conflicts->len;
  return g_steal_pointer (&bytes);
}
