/* sl-layout.c: where everything of a board stands
 *
 * Lanes are bands from top to bottom under a strip of slice names; a note
 * stands in its lane at (x, y) from the lane's top left inner corner, and a
 * lane is as tall as its notes need. The layout follows the document's
 * signals and keeps, for each lane, an index of its notes by columns of
 * the timeline, so that drawing a region and hit testing look only at the
 * notes near it, whatever the size of the board. The index is per lane and
 * in lane coordinates: a lane that grows moves the lanes below without
 * touching their indexes.
 *
 * The rules of where notes go live here too, without GTK, so that they are
 * tested without a display: where the keyboard adds a note, where a note
 * dropped onto a card settles, and the snapping to lanes and to the grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-render"

#include "config.h"

#include <math.h>

#include "sl-layout.h"

#define BUCKET_WIDTH 512.0

typedef struct
{
  SlLane *lane;
  double y;            /* top, in board units */
  double height;
  GPtrArray *notes;    /* every note of the lane */
  double notes_top;    /* in the lane, the top of its highest card and the */
  double notes_bottom; /* bottom of its lowest: a region beside them finds none */
  GHashTable *buckets; /* column number -> GPtrArray of notes that reach into it */
  GArray *columns;     /* the column numbers of the buckets, sorted, or NULL until asked */
  guint n_tall;        /* how many of its cards are taller than their kind's */
  gboolean flowed;     /* cards may stand lower than the document says */
} LaneInfo;

typedef struct
{
  LaneInfo *lane;
  double x, y;         /* in the lane: the note's, or lower when a card above grew */
  double width, height;
  double kind_height;  /* the height of a card of its kind */
  guint order;         /* the note's place in the document: the drawing order */
} NoteInfo;

struct _SlLayout
{
  GObject parent_instance;

  SlDocument *document;
  GPtrArray *lanes;       /* of LaneInfo, top to bottom */
  GHashTable *lane_infos; /* SlLane -> LaneInfo */
  GHashTable *note_infos; /* SlNote -> NoteInfo */
  double content_left;    /* the leftmost and rightmost card or slice edge */
  double content_right;
  GHashTable *height_requests; /* owner -> GHashTable of SlNote -> taller card height */
  GHashTable *card_heights; /* SlNote -> the tallest height asked for, as a guint */
  GArray *slice_order;    /* slice positions in the document, sorted by x */
  GHashTable *slice_labels; /* SlSlice -> SlRect of its name in the strip */
  int widest_slice;
  gboolean slices_dirty;
  gboolean dirty;         /* rebuild before the next question */
  gboolean bounds_dirty;  /* measure the board again before the next question */
};

G_DEFINE_FINAL_TYPE (SlLayout, sl_layout, G_TYPE_OBJECT)

static void
lane_info_free (gpointer data)
{
  LaneInfo *info = data;

  g_ptr_array_unref (info->notes);
  g_hash_table_unref (info->buckets);
  g_clear_pointer (&info->columns, g_array_unref);
  g_free (info);
}

/* The sizes of the cards (sl_note_kind_get_size()). */
void
sl_layout_get_note_size (SlNoteKind  kind,
                         double     *width,
                         double     *height)
{
  int w, h;

  sl_note_kind_get_size (kind, &w, &h);
  *width = w;
  *height = h;
}

static int
first_bucket (double x)
{
  return (int) floor (x / BUCKET_WIDTH);
}

static int
last_bucket (double x,
             double width)
{
  return (int) floor ((x + width) / BUCKET_WIDTH);
}

/* The index of the first of @lanes whose bottom is below @y. */
static guint
first_lane_below (GPtrArray *lanes,
                  double     y)
{
  guint low = 0, high = lanes->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      LaneInfo *lane = g_ptr_array_index (lanes, middle);

      if (lane->y + lane->height > y)
        high = middle;
      else
        low = middle + 1;
    }
  return low;
}

static void
bucket_add (LaneInfo *lane,
            NoteInfo *info,
            SlNote   *note)
{
  for (int b = first_bucket (info->x); b <= last_bucket (info->x, info->width); b++)
    {
      GPtrArray *bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (b));

      if (bucket == NULL)
        {
          bucket = g_ptr_array_new ();
          g_hash_table_insert (lane->buckets, GINT_TO_POINTER (b), bucket);
          g_clear_pointer (&lane->columns, g_array_unref);
        }
      g_ptr_array_add (bucket, note);
    }
}

static void
bucket_remove (LaneInfo *lane,
               NoteInfo *info,
               SlNote   *note)
{
  for (int b = first_bucket (info->x); b <= last_bucket (info->x, info->width); b++)
    {
      GPtrArray *bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (b));

      if (bucket != NULL)
        g_ptr_array_remove_fast (bucket, note);
    }
}

/* Sets the place and size of the card of @note from the document, as its
 * kind and the heights asked for have it. */
static void
measure_note (SlLayout *self,
              SlNote   *note,
              NoteInfo *info)
{
  info->x = sl_note_get_x (note);
  info->y = sl_note_get_y (note);
  sl_layout_get_note_size (sl_note_get_kind (note), &info->width, &info->kind_height);
  info->height = MAX (info->kind_height,
                      GPOINTER_TO_UINT (g_hash_table_lookup (self->card_heights, note)));
}

static gboolean
is_tall (SlLayout *self,
         SlNote   *note)
{
  return g_hash_table_contains (self->card_heights, note);
}

typedef struct
{
  NoteInfo *info;
  double top;          /* the note's y in the document */
  int order;           /* in whole units, as the document's places are compared */
} FlowCard;

static int
compare_flow_card (gconstpointer a,
                   gconstpointer b)
{
  const FlowCard *ca = a, *cb = b;

  return (ca->order > cb->order) - (ca->order < cb->order);
}

/* A card taller than its kind's moves the cards below it in its column
 * down as far as it must, and those the cards below them: it covers none,
 * and a card keeps the gap it had above it, up to the gap of the
 * placement rules. Cards that overlapped in the document still do.
 *
 * The cards that push are kept by columns of the timeline (the buckets
 * of the index), so that a card looks only at those above it that share
 * a column with it: a lane of a million cards flows in a moment, where
 * looking at every card that pushes made it quadratic. */
static void
flow_lane (SlLayout *self,
           LaneInfo *lane)
{
  g_autoptr(GArray) cards = g_array_sized_new (FALSE, FALSE, sizeof (FlowCard), lane->notes->len);
  g_autoptr(GHashTable) pushing = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);

  lane->flowed = TRUE;
  for (guint i = 0; i < lane->notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (lane->notes, i);
      FlowCard card;

      card.info = g_hash_table_lookup (self->note_infos, note);
      card.top = sl_note_get_y (note);
      card.order = card.top;
      g_array_append_val (cards, card);
    }
  /* A stable sort: cards at the same height keep the lane's order. */
  g_array_sort (cards, compare_flow_card);

  for (guint i = 0; i < cards->len; i++)
    {
      FlowCard *card = &g_array_index (cards, FlowCard, i);
      NoteInfo *info = card->info;
      double top = card->top;
      int first = first_bucket (info->x), last = last_bucket (info->x, info->width);

      info->y = top;
      for (int b = first; b <= last; b++)
        {
          GArray *column = g_hash_table_lookup (pushing, GINT_TO_POINTER (b));

          for (guint j = 0; column != NULL && j < column->len; j++)
            {
              FlowCard *above = &g_array_index (cards, FlowCard, g_array_index (column, guint, j));
              NoteInfo *above_info = above->info;
              double kind_bottom = above->top + above_info->kind_height;

              if (kind_bottom <= top &&
                  above_info->x < info->x + info->width && info->x < above_info->x + above_info->width)
                info->y = MAX (info->y, above_info->y + above_info->height +
                                        MIN (top - kind_bottom, SL_LAYOUT_GRID * 2));
            }
        }

      if (info->y + info->height > top + info->kind_height)
        for (int b = first; b <= last; b++)
          {
            GArray *column = g_hash_table_lookup (pushing, GINT_TO_POINTER (b));

            if (column == NULL)
              {
                column = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (pushing, GINT_TO_POINTER (b), column);
              }
            g_array_append_val (column, i);
          }
    }
}

/* Measures the cards of @lane: how high they reach, and so the lane. */
static void
measure_lane (LaneInfo   *lane,
              GHashTable *note_infos)
{
  double top = G_MAXDOUBLE, bottom = 0;

  for (guint i = 0; i < lane->notes->len; i++)
    {
      NoteInfo *info = g_hash_table_lookup (note_infos, g_ptr_array_index (lane->notes, i));

      top = MIN (top, info->y);
      bottom = MAX (bottom, info->y + info->height);
    }

  lane->notes_top = top;
  lane->notes_bottom = bottom;
  lane->height = MAX (SL_LAYOUT_LANE_MIN_HEIGHT, bottom + 2 * SL_LAYOUT_LANE_PADDING);
}

/* Lays the cards of @lane out again after a change of one of them: only a
 * lane with a tall card needs more than the document's places. */
static void
update_lane (SlLayout *self,
             LaneInfo *lane)
{
  if (lane->n_tall > 0)
    flow_lane (self, lane);
  else if (lane->flowed)
    {
      for (guint i = 0; i < lane->notes->len; i++)
        {
          SlNote *note = g_ptr_array_index (lane->notes, i);
          NoteInfo *info = g_hash_table_lookup (self->note_infos, note);

          info->y = sl_note_get_y (note);
        }
      lane->flowed = FALSE;
    }
  measure_lane (lane, self->note_infos);
}

static void
place_lanes (SlLayout *self)
{
  double y = SL_LAYOUT_SLICE_HEADER_HEIGHT;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      LaneInfo *lane = g_ptr_array_index (self->lanes, i);

      lane->y = y;
      y += lane->height;
    }
}

static void
add_note (SlLayout *self,
          SlNote   *note,
          guint     order)
{
  LaneInfo *lane = g_hash_table_lookup (self->lane_infos, sl_note_get_lane (note));
  NoteInfo *info = g_new0 (NoteInfo, 1);

  g_assert (lane != NULL);

  info->lane = lane;
  info->order = order;
  measure_note (self, note, info);
  g_hash_table_insert (self->note_infos, note, info);
  g_ptr_array_add (lane->notes, note);
  if (is_tall (self, note))
    lane->n_tall++;
  bucket_add (lane, info, note);
}

static void
rebuild (SlLayout *self)
{
  GListModel *lanes = sl_document_get_lanes (self->document);
  GListModel *notes = sl_document_get_notes (self->document);

  g_ptr_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->lane_infos);
  g_hash_table_remove_all (self->note_infos);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      LaneInfo *info = g_new0 (LaneInfo, 1);

      info->lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);
      info->notes = g_ptr_array_new ();
      info->buckets = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
      g_ptr_array_add (self->lanes, info);
      g_hash_table_insert (self->lane_infos, info->lane, info);
    }

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    add_note (self, sl_element_list_peek (SL_ELEMENT_LIST (notes), i), i);

  for (guint i = 0; i < self->lanes->len; i++)
    update_lane (self, g_ptr_array_index (self->lanes, i));
  place_lanes (self);

  self->dirty = FALSE;
  self->bounds_dirty = TRUE;
  self->slices_dirty = TRUE;
}

static void
ensure (SlLayout *self)
{
  if (self->dirty)
    rebuild (self);
}

static void
invalidate (SlLayout *self)
{
  self->dirty = TRUE;
  self->bounds_dirty = TRUE;
}

static void
invalidate_bounds (SlLayout *self)
{
  self->bounds_dirty = TRUE;
  self->slices_dirty = TRUE;
}

/* A note added at the end (the common case of creating one) goes straight
 * into the index; anything else rebuilds it at the next question. */
static void
notes_changed_cb (SlLayout   *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *notes)
{
  g_autoptr(GPtrArray) touched = NULL;

  if (self->dirty || removed > 0 || position + added != g_list_model_get_n_items (notes))
    {
      invalidate (self);
      return;
    }

  /* Each lane once, however many notes came: a paste of thousands. */
  touched = g_ptr_array_new ();
  for (guint i = position; i < position + added; i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      NoteInfo *info;

      add_note (self, note, i);
      info = g_hash_table_lookup (self->note_infos, note);
      if (!g_ptr_array_find (touched, info->lane, NULL))
        g_ptr_array_add (touched, info->lane);
    }
  for (guint i = 0; i < touched->len; i++)
    update_lane (self, g_ptr_array_index (touched, i));
  place_lanes (self);
  self->bounds_dirty = TRUE;
}

static void
element_changed_cb (SlLayout  *self,
                    SlElement *element,
                    guint      what)
{
  SlNote *note;
  NoteInfo *info;
  LaneInfo *old_lane;
  double old_left, old_right;

  if (SL_IS_SLICE (element) && (what & SL_CHANGED_POSITION))
    invalidate_bounds (self);

  if (self->dirty)
    return;

  if (SL_IS_LANE (element))
    return; /* names and kinds do not move anything */

  if (!SL_IS_NOTE (element) || !(what & (SL_CHANGED_POSITION | SL_CHANGED_KIND)))
    return;

  note = SL_NOTE (element);
  info = g_hash_table_lookup (self->note_infos, note);
  if (info == NULL)
    {
      invalidate (self);
      return;
    }

  /* Move the note in the index: the drag of a note on a huge board. */
  old_lane = info->lane;
  old_left = info->x;
  old_right = info->x + info->width;
  bucket_remove (old_lane, info, note);
  g_ptr_array_remove_fast (old_lane->notes, note);
  if (is_tall (self, note))
    old_lane->n_tall--;

  info->lane = g_hash_table_lookup (self->lane_infos, sl_note_get_lane (note));
  measure_note (self, note, info);
  g_ptr_array_add (info->lane->notes, note);
  bucket_add (info->lane, info, note);
  if (is_tall (self, note))
    info->lane->n_tall++;

  update_lane (self, old_lane);
  if (info->lane != old_lane)
    update_lane (self, info->lane);
  place_lanes (self);

  /* The board's width changes only when the note made or makes an edge:
   * measuring all notes at every motion of a drag would cost a frame. */
  if (old_left <= self->content_left || old_right >= self->content_right)
    self->bounds_dirty = TRUE;
  else
    {
      self->content_left = MIN (self->content_left, info->x);
      self->content_right = MAX (self->content_right, info->x + info->width);
    }
}

static void
sl_layout_dispose (GObject *object)
{
  SlLayout *self = (SlLayout *)object;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (sl_document_get_notes (self->document), self);
      g_signal_handlers_disconnect_by_data (sl_document_get_lanes (self->document), self);
      g_signal_handlers_disconnect_by_data (sl_document_get_slices (self->document), self);
    }
  g_clear_object (&self->document);

  G_OBJECT_CLASS (sl_layout_parent_class)->dispose (object);
}

static void
sl_layout_finalize (GObject *object)
{
  SlLayout *self = (SlLayout *)object;

  g_clear_pointer (&self->note_infos, g_hash_table_unref);
  g_clear_pointer (&self->lane_infos, g_hash_table_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->slice_order, g_array_unref);
  g_clear_pointer (&self->slice_labels, g_hash_table_unref);
  g_clear_pointer (&self->height_requests, g_hash_table_unref);
  g_clear_pointer (&self->card_heights, g_hash_table_unref);

  G_OBJECT_CLASS (sl_layout_parent_class)->finalize (object);
}

static void
sl_layout_class_init (SlLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_layout_dispose;
  object_class->finalize = sl_layout_finalize;
}

static void
sl_layout_init (SlLayout *self)
{
  self->lanes = g_ptr_array_new ();
  self->lane_infos = g_hash_table_new_full (NULL, NULL, NULL, lane_info_free);
  self->note_infos = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->slice_order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->slice_labels = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->height_requests = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  self->card_heights = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->dirty = TRUE;
  self->bounds_dirty = TRUE;
  self->slices_dirty = TRUE;
}

/**
 * sl_layout_new:
 *
 * Returns: (transfer full): the layout of @document, which follows its changes
 */
SlLayout *
sl_layout_new (SlDocument *document)
{
  SlLayout *self;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  self = g_object_new (SL_TYPE_LAYOUT, NULL);
  self->document = g_object_ref (document);

  g_signal_connect_object (sl_document_get_notes (document), "items-changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_lanes (document), "items-changed",
                           G_CALLBACK (invalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_document_get_slices (document), "items-changed",
                           G_CALLBACK (invalidate_bounds), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "element-changed",
                           G_CALLBACK (element_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * sl_layout_get_document:
 *
 * Returns: (transfer none): the document laid out
 */
SlDocument *
sl_layout_get_document (SlLayout *self)
{
  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);

  return self->document;
}

void
sl_layout_get_note_rect (SlLayout *self,
                         SlNote   *note,
                         SlRect   *rect)
{
  NoteInfo *info;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (SL_IS_NOTE (note));
  g_return_if_fail (rect != NULL);

  ensure (self);
  info = g_hash_table_lookup (self->note_infos, note);
  g_return_if_fail (info != NULL);

  rect->x = info->x;
  rect->y = info->lane->y + SL_LAYOUT_LANE_PADDING + info->y;
  rect->width = info->width;
  rect->height = info->height;
}

/* Whether @heights asks for what @previous asked for. */
static gboolean
same_request (GHashTable *previous,
              GHashTable *heights)
{
  guint n = heights != NULL ? g_hash_table_size (heights) : 0;
  GHashTableIter iter;
  gpointer note, height;

  if (previous == NULL || n != g_hash_table_size (previous))
    return previous == NULL && n == 0;

  g_hash_table_iter_init (&iter, heights);
  while (g_hash_table_iter_next (&iter, &note, &height))
    if (g_hash_table_lookup (previous, note) != height)
      return FALSE;
  return TRUE;
}

/**
 * sl_layout_set_card_heights:
 * @owner: who asks, such as a renderer: each owner's heights replace its
 *   own earlier ones only
 * @heights: (nullable) (element-type SlNote guint): the height each card
 *   of these notes needs, in board units as GUINT_TO_POINTER(), or %NULL
 *   to take back what @owner asked for
 *
 * Makes cards taller than their kind's, so that they can show what they
 * must (every field with a problem). A card is as tall as the tallest
 * height any owner asks for; the cards below it in its column move down,
 * and its lane grows, so that it covers none.
 */
void
sl_layout_set_card_heights (SlLayout      *self,
                            gconstpointer  owner,
                            GHashTable    *heights)
{
  g_autoptr(GHashTable) merged = NULL;
  GHashTableIter iter, each;
  gpointer note, height, requested;
  gboolean same;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (owner != NULL);

  /* The check runs after every pause in editing, and most of a big
   * board's cards keep their heights: what @owner asked for already
   * leaves everything as it is, without merging a million heights. */
  if (same_request (g_hash_table_lookup (self->height_requests, owner), heights))
    return;

  if (heights != NULL && g_hash_table_size (heights) > 0)
    {
      GHashTable *own = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

      g_hash_table_iter_init (&iter, heights);
      while (g_hash_table_iter_next (&iter, &note, &height))
        g_hash_table_insert (own, g_object_ref (SL_NOTE (note)), height);
      g_hash_table_insert (self->height_requests, (gpointer) owner, own);
    }
  else
    g_hash_table_remove (self->height_requests, owner);

  merged = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_hash_table_iter_init (&each, self->height_requests);
  while (g_hash_table_iter_next (&each, NULL, &requested))
    {
      g_hash_table_iter_init (&iter, requested);
      while (g_hash_table_iter_next (&iter, &note, &height))
        if (GPOINTER_TO_UINT (height) > GPOINTER_TO_UINT (g_hash_table_lookup (merged, note)))
          g_hash_table_replace (merged, g_object_ref (note), height);
    }

  /* The check runs after every pause in editing: the same heights again
   * leave the index as it is. */
  same = g_hash_table_size (merged) == g_hash_table_size (self->card_heights);
  g_hash_table_iter_init (&iter, merged);
  while (same && g_hash_table_iter_next (&iter, &note, &height))
    same = g_hash_table_lookup (self->card_heights, note) == height;
  if (same)
    return;

  g_clear_pointer (&self->card_heights, g_hash_table_unref);
  self->card_heights = g_steal_pointer (&merged);
  invalidate (self);
}

void
sl_layout_get_lane_rect (SlLayout *self,
                         SlLane   *lane,
                         SlRect   *rect)
{
  LaneInfo *info;
  SlRect bounds;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (SL_IS_LANE (lane));
  g_return_if_fail (rect != NULL);

  ensure (self);
  info = g_hash_table_lookup (self->lane_infos, lane);
  g_return_if_fail (info != NULL);

  sl_layout_get_bounds (self, &bounds);
  rect->x = bounds.x;
  rect->y = info->y;
  rect->width = bounds.width;
  rect->height = info->height;
}

static void
measure_bounds (SlLayout *self)
{
  GListModel *slices = sl_document_get_slices (self->document);
  double left = 0, right = 1200;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->note_infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      NoteInfo *info = value;

      left = MIN (left, info->x);
      right = MAX (right, info->x + info->width);
    }

  for (guint i = 0; i < g_list_model_get_n_items (slices); i++)
    {
      SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (slices), i);

      left = MIN (left, sl_slice_get_x (slice));
      right = MAX (right, sl_slice_get_x (slice) + sl_slice_get_width (slice));
    }

  self->content_left = left;
  self->content_right = right;
  self->bounds_dirty = FALSE;
}

/**
 * sl_layout_get_bounds:
 *
 * Gets the rectangle that holds every lane, note and slice, with a margin.
 */
void
sl_layout_get_bounds (SlLayout *self,
                      SlRect   *rect)
{
  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (rect != NULL);

  ensure (self);
  if (self->bounds_dirty)
    measure_bounds (self);

  /* Room for the lane headers on the left, and to add notes on the right. */
  rect->x = self->content_left - SL_LAYOUT_LANE_HEADER_WIDTH - 40;
  rect->y = 0;
  rect->width = self->content_right - rect->x + 400;
  rect->height = SL_LAYOUT_SLICE_HEADER_HEIGHT;
  if (self->lanes->len > 0)
    {
      LaneInfo *last = g_ptr_array_index (self->lanes, self->lanes->len - 1);

      rect->height = last->y + last->height;
    }
}

/**
 * sl_layout_get_lane_at:
 *
 * Returns: (nullable) (transfer none): the lane at the height @y
 */
SlLane *
sl_layout_get_lane_at (SlLayout *self,
                       double    y)
{
  guint i;

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);

  ensure (self);

  i = first_lane_below (self->lanes, y);
  if (i < self->lanes->len && y >= ((LaneInfo *) g_ptr_array_index (self->lanes, i))->y)
    return ((LaneInfo *) g_ptr_array_index (self->lanes, i))->lane;

  return NULL;
}

typedef struct
{
  double x, y;
  SlNote *found;
} HitData;

static gboolean
hit_cb (SlNote       *note,
        const SlRect *rect,
        gpointer      user_data)
{
  HitData *hit = user_data;

  /* Notes later in the document are drawn on top: the last one wins. */
  if (sl_rect_contains (rect, hit->x, hit->y))
    hit->found = note;
  return TRUE;
}

/**
 * sl_layout_get_note_at:
 *
 * Returns: (nullable) (transfer none): the topmost note at (@x, @y)
 */
SlNote *
sl_layout_get_note_at (SlLayout *self,
                       double    x,
                       double    y)
{
  SlRect point = { x, y, 0, 0 };
  HitData hit = { x, y, NULL };

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);

  sl_layout_foreach_note_in (self, &point, hit_cb, &hit);
  return hit.found;
}

static int
compare_document_order (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GHashTable *note_infos = user_data;
  NoteInfo *na = g_hash_table_lookup (note_infos, *(gpointer *) a);
  NoteInfo *nb = g_hash_table_lookup (note_infos, *(gpointer *) b);

  return (na->order > nb->order) - (na->order < nb->order);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int ia = *(const int *) a, ib = *(const int *) b;

  return (ia > ib) - (ia < ib);
}

/* The column numbers of the buckets of @lane, sorted: a long region
 * visits the buckets that hold something, not every column it spans. */
static GArray *
get_columns (LaneInfo *lane)
{
  GHashTableIter iter;
  gpointer key;

  if (lane->columns != NULL)
    return lane->columns;

  lane->columns = g_array_sized_new (FALSE, FALSE, sizeof (int), g_hash_table_size (lane->buckets));
  g_hash_table_iter_init (&iter, lane->buckets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int column = GPOINTER_TO_INT (key);

      g_array_append_val (lane->columns, column);
    }
  g_array_sort (lane->columns, compare_ints);
  return lane->columns;
}

/* The index of the first of the sorted @columns at or after @column. */
static guint
first_column_from (GArray *columns,
                   int     column)
{
  guint low = 0, high = columns->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (columns, int, middle) >= column)
        high = middle;
      else
        low = middle + 1;
    }
  return low;
}

/* Calls @func for the notes of the bucket @column of @lane in @region,
 * those that reach into several columns in the first of them that the
 * region spans. Returns %FALSE when @func said stop. */
static gboolean
visit_bucket (SlLayout        *self,
              LaneInfo        *lane,
              int              column,
              const SlRect    *region,
              SlLayoutForeach  func,
              gpointer         user_data)
{
  GPtrArray *bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (column));
  int first = first_bucket (region->x);

  for (guint i = 0; bucket != NULL && i < bucket->len; i++)
    {
      SlNote *note = g_ptr_array_index (bucket, i);
      NoteInfo *info = g_hash_table_lookup (self->note_infos, note);
      SlRect rect = { info->x, lane->y + SL_LAYOUT_LANE_PADDING + info->y, info->width, info->height };

      if (MAX (first, first_bucket (info->x)) != column)
        continue;
      if ((sl_rect_intersects (&rect, region) ||
           (region->width == 0 && region->height == 0 && sl_rect_contains (&rect, region->x, region->y))) &&
          !func (note, &rect, user_data))
        return FALSE;
    }
  return TRUE;
}

/* Calls @func for each note whose card intersects @region, each once, in
 * no particular order, until it returns %FALSE: the lanes are found by
 * their height, and the columns of a lane by a sorted index when the
 * region spans more of them than the lane holds, so that the cost is what
 * is near @region, whatever the size of the board. */
static void
visit_notes_in (SlLayout        *self,
                const SlRect    *region,
                SlLayoutForeach  func,
                gpointer         user_data)
{
  int first = first_bucket (region->x), last = last_bucket (region->x, region->width);

  for (guint i = first_lane_below (self->lanes, region->y); i < self->lanes->len; i++)
    {
      LaneInfo *lane = g_ptr_array_index (self->lanes, i);
      SlRect lane_rect = { region->x, lane->y, region->width, lane->height };
      double top = lane->y + SL_LAYOUT_LANE_PADDING + lane->notes_top;
      double bottom = lane->y + SL_LAYOUT_LANE_PADDING + lane->notes_bottom;

      if (lane->y > region->y + region->height)
        break;
      if (!sl_rect_intersects (&lane_rect, region) &&
          !(region->height == 0 && region->y >= lane->y && region->y < lane->y + lane->height))
        continue;
      /* Above or below every card of the lane: a route along the line
       * between two lanes passes a lane full of cards at no cost. */
      if (region->y >= bottom || (region->height > 0 ? region->y + region->height <= top : region->y < top))
        continue;

      if ((gint64) last - first < g_hash_table_size (lane->buckets))
        {
          for (int b = first; b <= last; b++)
            if (!visit_bucket (self, lane, b, region, func, user_data))
              return;
        }
      else
        {
          GArray *columns = get_columns (lane);

          for (guint c = first_column_from (columns, first);
               c < columns->len && g_array_index (columns, int, c) <= last; c++)
            if (!visit_bucket (self, lane, g_array_index (columns, int, c), region, func, user_data))
              return;
        }
    }
}

static gboolean
collect_cb (SlNote       *note,
            const SlRect *rect,
            gpointer      user_data)
{
  g_ptr_array_add (user_data, note);
  return TRUE;
}

/**
 * sl_layout_foreach_note_in:
 * @func: (scope call): called for each note whose card intersects @region,
 *   each once, in document order (the order of drawing); returns %FALSE
 *   to stop
 *
 * Visits the notes in @region through the index: the cost depends on what
 * is near @region, not on the size of the board.
 */
void
sl_layout_foreach_note_in (SlLayout        *self,
                           const SlRect    *region,
                           SlLayoutForeach  func,
                           gpointer         user_data)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (region != NULL);
  g_return_if_fail (func != NULL);

  ensure (self);

  found = g_ptr_array_new ();
  visit_notes_in (self, region, collect_cb, found);
  g_ptr_array_sort_with_data (found, compare_document_order, self->note_infos);

  for (guint i = 0; i < found->len; i++)
    {
      SlNote *note = g_ptr_array_index (found, i);
      SlRect rect;

      sl_layout_get_note_rect (self, note, &rect);
      if (!func (note, &rect, user_data))
        break;
    }
}

/**
 * sl_layout_foreach_note_in_any_order:
 * @func: (scope call): called for each note whose card intersects @region,
 *   each once, in no particular order; returns %FALSE to stop
 *
 * As sl_layout_foreach_note_in(), without the order, and it stops without
 * looking further: a question such as "what stands in the way" costs what
 * it finds before the answer, not all that @region holds.
 */
void
sl_layout_foreach_note_in_any_order (SlLayout        *self,
                                     const SlRect    *region,
                                     SlLayoutForeach  func,
                                     gpointer         user_data)
{
  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (region != NULL);
  g_return_if_fail (func != NULL);

  ensure (self);
  visit_notes_in (self, region, func, user_data);
}

/**
 * sl_layout_foreach_note:
 * @func: (scope call): called for every note, in no particular order;
 *   returns %FALSE to stop
 *
 * Visits every note without sorting, for views of the whole board.
 */
void
sl_layout_foreach_note (SlLayout        *self,
                        SlLayoutForeach  func,
                        gpointer         user_data)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (func != NULL);

  ensure (self);

  g_hash_table_iter_init (&iter, self->note_infos);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      NoteInfo *info = value;
      SlRect rect = { info->x, info->lane->y + SL_LAYOUT_LANE_PADDING + info->y, info->width, info->height };

      if (!func (key, &rect, user_data))
        break;
    }
}

static int
compare_slice_x (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SlElementList *slices = user_data;

  return sl_slice_compare_timeline (sl_element_list_peek (slices, *(const guint *) a),
                                    sl_element_list_peek (slices, *(const guint *) b));
}

#define SLICE_LABEL_INSET 10.0 /* from a slice's edges to its name */
#define SLICE_LABEL_GAP    8.0  /* between two names in a row */

/* The start and end of the name of the slice at @i in timeline order, as
 * wide as its column allows. */
static void
slice_label_span (SlLayout *self,
                  guint     i,
                  double   *start,
                  double   *end)
{
  SlSlice *slice = sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_slices (self->document)),
                                         g_array_index (self->slice_order, guint, i));

  *start = sl_slice_get_x (slice) + SLICE_LABEL_INSET;
  *end = MAX (*start, sl_slice_get_x (slice) + sl_slice_get_width (slice) - SLICE_LABEL_INSET);
}

static SlRect *
slice_label_at (SlLayout *self,
                guint     i)
{
  return g_hash_table_lookup (self->slice_labels,
                              sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_slices (self->document)),
                                                    g_array_index (self->slice_order, guint, i)));
}

/* Where the names of the slices stand in the strip, none over another. A
 * slice whose name meets no other's has the strip's height for it; slices
 * whose names would meet (they overlap, or one is nested in another) share
 * the strip in two rows, each name on the row that is free first, and a
 * name that runs into the next on its row ends before it. */
static void
place_slice_labels (SlLayout *self)
{
  guint n = self->slice_order->len;
  double row_height = SL_LAYOUT_SLICE_HEADER_HEIGHT / 2;

  g_hash_table_remove_all (self->slice_labels);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (self->slice_labels,
                         sl_element_list_peek (SL_ELEMENT_LIST (sl_document_get_slices (self->document)),
                                               g_array_index (self->slice_order, guint, i)),
                         g_new0 (SlRect, 1));

  for (guint first = 0, last; first < n; first = last)
    {
      double start, end, reach;
      int row_last[2] = { -1, -1 };

      /* The names that meet, one after another. */
      slice_label_span (self, first, &start, &reach);
      for (last = first + 1; last < n; last++)
        {
          slice_label_span (self, last, &start, &end);
          if (start >= reach + SLICE_LABEL_GAP)
            break;
          reach = MAX (reach, end);
        }

      if (last == first + 1)
        {
          slice_label_span (self, first, &start, &end);
          *slice_label_at (self, first) = (SlRect) { start, 0, end - start, SL_LAYOUT_SLICE_HEADER_HEIGHT };
          continue;
        }

      for (guint i = first; i < last; i++)
        {
          guint row = 0;

          slice_label_span (self, i, &start, &end);
          for (guint r = 0; r < 2; r++)
            {
              SlRect *before = row_last[r] < 0 ? NULL : slice_label_at (self, row_last[r]);
              SlRect *chosen = row_last[row] < 0 ? NULL : slice_label_at (self, row_last[row]);

              if (before == NULL || before->x + before->width + SLICE_LABEL_GAP <= start)
                {
                  row = r;
                  break;
                }
              if (chosen != NULL && before->x + before->width < chosen->x + chosen->width)
                row = r;
            }

          if (row_last[row] >= 0)
            {
              SlRect *before = slice_label_at (self, row_last[row]);

              before->width = CLAMP (start - SLICE_LABEL_GAP - before->x, 0, before->width);
            }
          *slice_label_at (self, i) = (SlRect) { start, row * row_height, end - start, row_height };
          row_last[row] = i;
        }
    }
}

/* The slices in timeline order, and where their names stand. */
static void
ensure_slices (SlLayout *self)
{
  SlElementList *slices = SL_ELEMENT_LIST (sl_document_get_slices (self->document));
  guint n;

  if (!self->slices_dirty)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (slices));
  g_array_set_size (self->slice_order, n);
  self->widest_slice = 0;
  for (guint i = 0; i < n; i++)
    {
      g_array_index (self->slice_order, guint, i) = i;
      self->widest_slice = MAX (self->widest_slice, sl_slice_get_width (sl_element_list_peek (slices, i)));
    }
  g_array_sort_with_data (self->slice_order, compare_slice_x, slices);
  place_slice_labels (self);
  self->slices_dirty = FALSE;
}

/**
 * sl_layout_get_slice_label:
 * @rect: (out): where the name of @slice stands in the strip; of no width
 *   when there is no room for it
 *
 * Gets the place of a slice's name: no two overlap, however the slices do.
 */
void
sl_layout_get_slice_label (SlLayout *self,
                           SlSlice  *slice,
                           SlRect   *rect)
{
  SlRect *label;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (SL_IS_SLICE (slice));
  g_return_if_fail (rect != NULL);

  ensure_slices (self);
  label = g_hash_table_lookup (self->slice_labels, slice);
  g_return_if_fail (label != NULL);
  *rect = *label;
}

typedef struct
{
  SlLayout *self;
  double x, y;
  SlSlice *found;
  SlSlice *named;
} FindSlice;

static void
find_slice_cb (SlSlice  *slice,
               guint     index,
               gpointer  user_data)
{
  FindSlice *data = user_data;
  SlRect *label = g_hash_table_lookup (data->self->slice_labels, slice);

  /* Of slices that overlap, the one whose name is there, else the last
   * drawn, which is the one seen on top. */
  if (data->x >= sl_slice_get_x (slice) && data->x < sl_slice_get_x (slice) + sl_slice_get_width (slice))
    data->found = slice;
  if (label != NULL && sl_rect_contains (label, data->x, data->y))
    data->named = slice;
}

/**
 * sl_layout_get_slice_at:
 *
 * Gets the slice whose name shows at (@x, @y) in the strip across the top
 * of the board.
 *
 * Returns: (transfer none) (nullable): the slice, or %NULL if (@x, @y) is
 *   not on one in the strip
 */
SlSlice *
sl_layout_get_slice_at (SlLayout *self,
                        double    x,
                        double    y)
{
  FindSlice data = { self, x, y, NULL, NULL };
  SlRect point = { x, y, 1, 1 };

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);

  if (y < 0 || y >= SL_LAYOUT_SLICE_HEADER_HEIGHT)
    return NULL;

  sl_layout_foreach_slice_in (self, &point, find_slice_cb, &data);
  return data.named != NULL ? data.named : data.found;
}

/**
 * sl_layout_foreach_slice_in:
 * @func: (scope call): called with each slice whose column meets @region,
 *   and its place in the document
 *
 * Finds the slices by a sorted index, whatever their number.
 */
void
sl_layout_foreach_slice_in (SlLayout             *self,
                            const SlRect         *region,
                            SlLayoutForeachSlice  func,
                            gpointer              user_data)
{
  SlElementList *slices;
  guint low = 0, high;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (region != NULL);
  g_return_if_fail (func != NULL);

  slices = SL_ELEMENT_LIST (sl_document_get_slices (self->document));
  ensure_slices (self);

  /* The first slice that can reach into the region starts at most the
   * widest slice's width to its left. */
  high = self->slice_order->len;
  while (low < high)
    {
      guint middle = (low + high) / 2;
      SlSlice *slice = sl_element_list_peek (slices, g_array_index (self->slice_order, guint, middle));

      if (sl_slice_get_x (slice) < region->x - self->widest_slice)
        low = middle + 1;
      else
        high = middle;
    }

  for (guint i = low; i < self->slice_order->len; i++)
    {
      guint index = g_array_index (self->slice_order, guint, i);
      SlSlice *slice = sl_element_list_peek (slices, index);

      if (sl_slice_get_x (slice) > region->x + region->width)
        break;
      if (sl_slice_get_x (slice) + sl_slice_get_width (slice) > region->x)
        func (slice, index, user_data);
    }
}

/**
 * sl_layout_get_handle:
 *
 * Gets the centre of the handle on a card's right edge, from which a drag
 * connects the note to another: flows run to the right, into the future.
 */
void
sl_layout_get_handle (const SlRect *note_rect,
                      double       *x,
                      double       *y)
{
  *x = note_rect->x + note_rect->width;
  *y = note_rect->y + note_rect->height / 2;
}

/* Navigation: which note the keyboard goes to from another. Each question
 * looks in the index of a lane from the note's column outwards and stops
 * as soon as no column further away can hold a better answer, so a key
 * press costs what is near the note, whatever the size of the board. */

/* The widest card of any kind: a card in a column starts at most this far
 * left of the column. */
static double
widest_card (void)
{
  double widest = 0;

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      double width, height;

      sl_layout_get_note_size (kind, &width, &height);
      widest = MAX (widest, width);
    }
  return widest;
}

static void
note_centre (SlLayout *self,
             SlNote   *note,
             double   *x,
             double   *y)
{
  SlRect rect;

  sl_layout_get_note_rect (self, note, &rect);
  *x = rect.x + rect.width / 2;
  *y = rect.y + rect.height / 2;
}

/* Timeline order (sl_document_compare_timeline()), and notes at the same
 * place in the order of the document, so that Tab visits each once. */
static int
compare_timeline (SlLayout *self,
                  SlNote   *a,
                  SlNote   *b)
{
  int result = sl_document_compare_timeline (self->document, a, b);
  NoteInfo *ia, *ib;

  if (result != 0)
    return result;

  ia = g_hash_table_lookup (self->note_infos, a);
  ib = g_hash_table_lookup (self->note_infos, b);
  return (ia->order > ib->order) - (ia->order < ib->order);
}

typedef struct
{
  SlLayout *self;
  SlNote *from;
  double x, y;       /* the centre of @from's card */
  int sign;          /* +1: at or right of x, -1: left of it, 0: either */
  gboolean strict;   /* not at x itself */
  double weight;     /* of the distance across, against the distance along */
  SlNote *best;
  double best_score;
} Nearest;

static void
consider_note (Nearest *data,
               SlNote  *note)
{
  NoteInfo *info;
  double cx, cy, along, score;

  if (note == data->from)
    return;

  note_centre (data->self, note, &cx, &cy);
  along = cx - data->x;
  if ((data->sign > 0 && (along < 0 || (data->strict && along == 0))) ||
      (data->sign < 0 && along >= 0))
    return;

  score = fabs (along) + data->weight * fabs (cy - data->y);
  info = g_hash_table_lookup (data->self->note_infos, note);
  if (data->best == NULL || score < data->best_score ||
      (score == data->best_score &&
       info->order < ((NoteInfo *) g_hash_table_lookup (data->self->note_infos, data->best))->order))
    {
      data->best = note;
      data->best_score = score;
    }
}

/* Finds in @lane the note nearest (data->x, data->y) on data->sign's side,
 * by the distance along the timeline plus the weighted distance across.
 * A card first in a column right of the start has its left edge in it, so
 * no nearer than the column's left edge; a card left of x is in the column
 * of its left edge, which is less than a column and the widest card left
 * of the column's right edge. */
static void
scan_lane (Nearest  *data,
           LaneInfo *lane)
{
  GArray *columns = get_columns (lane);
  int start = first_bucket (data->x);
  guint from = first_column_from (columns, start);
  double widest = widest_card ();

  if (data->sign >= 0)
    for (guint c = from; c < columns->len; c++)
      {
        int column = g_array_index (columns, int, c);
        GPtrArray *bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (column));

        if (data->best != NULL && column > start && column * BUCKET_WIDTH - data->x > data->best_score)
          break;
        for (guint i = 0; i < bucket->len; i++)
          consider_note (data, g_ptr_array_index (bucket, i));
      }

  if (data->sign <= 0)
    {
      int sign = data->sign;

      /* The left side, not the notes at x, which the right side had. */
      data->sign = -1;
      for (guint c = MIN (from + 1, columns->len); c-- > 0;)
        {
          int column = g_array_index (columns, int, c);
          GPtrArray *bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (column));

          if (column > start)
            continue;
          if (data->best != NULL && data->x - ((column + 1) * BUCKET_WIDTH + widest / 2) > data->best_score)
            break;
          for (guint i = 0; i < bucket->len; i++)
            consider_note (data, g_ptr_array_index (bucket, i));
        }
      data->sign = sign;
    }
}

/* The note of @lane stacked nearest @note above (@down %FALSE) or below
 * it: a card in the same lane that shares part of its width. */
static SlNote *
stacked_note (SlLayout *self,
              LaneInfo *lane,
              SlNote   *note,
              gboolean  down)
{
  NoteInfo *info = g_hash_table_lookup (self->note_infos, note);
  SlNote *best = NULL;
  double best_y = 0;

  for (int b = first_bucket (info->x); b <= last_bucket (info->x, info->width); b++)
    {
      GPtrArray *bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (b));

      for (guint i = 0; bucket != NULL && i < bucket->len; i++)
        {
          SlNote *other = g_ptr_array_index (bucket, i);
          NoteInfo *other_info = g_hash_table_lookup (self->note_infos, other);
          double y = other_info->y + other_info->height / 2;
          double from_y = info->y + info->height / 2;

          if (other == note || other_info->x >= info->x + info->width || info->x >= other_info->x + other_info->width)
            continue;
          if (down ? y <= from_y : y >= from_y)
            continue;
          if (best == NULL || (down ? y < best_y : y > best_y) ||
              (y == best_y && other_info->order < ((NoteInfo *) g_hash_table_lookup (self->note_infos, best))->order))
            best = other, best_y = y;
        }
    }
  return best;
}

/**
 * sl_layout_get_nearest_note:
 * @direction: where the keyboard goes
 *
 * Finds the note the keyboard goes to from @note. Left and right go along
 * the timeline in @note's lane, to the nearest card on that side, a card
 * of the same row before one above or below. Up and down go to a card
 * stacked above or below @note in its lane, else across the lanes to the
 * nearest card above or below, the distance aside counting twice the
 * distance across: the card in @note's column, unless one in a nearer
 * lane stands close to it.
 *
 * Returns: (nullable) (transfer none): the note, or %NULL when there is
 *   none that way
 */
SlNote *
sl_layout_get_nearest_note (SlLayout          *self,
                            SlNote            *note,
                            SlLayoutDirection  direction)
{
  Nearest data = { self, note, 0, 0, 0, TRUE, 0, NULL, 0 };
  NoteInfo *info;
  guint lane_index;

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  ensure (self);
  info = g_hash_table_lookup (self->note_infos, note);
  g_return_val_if_fail (info != NULL, NULL);
  note_centre (self, note, &data.x, &data.y);

  if (direction == SL_LAYOUT_LEFT || direction == SL_LAYOUT_RIGHT)
    {
      /* Along a row: a card one row up or down is farther than one two
       * cards along. */
      data.sign = direction == SL_LAYOUT_RIGHT ? 1 : -1;
      data.weight = 2.0;
      scan_lane (&data, info->lane);
      return data.best;
    }

  if ((data.best = stacked_note (self, info->lane, note, direction == SL_LAYOUT_DOWN)) != NULL)
    return data.best;

  g_ptr_array_find (self->lanes, info->lane, &lane_index);
  /* Across the lanes, a card in the column two lanes away before one a
   * column aside in the next lane. */
  data.strict = FALSE;
  data.weight = 0.5;
  for (guint i = lane_index; direction == SL_LAYOUT_UP ? i-- > 0 : ++i < self->lanes->len;)
    {
      LaneInfo *lane = g_ptr_array_index (self->lanes, i);
      double gap = direction == SL_LAYOUT_UP ? data.y - (lane->y + lane->height) : lane->y - data.y;

      if (data.best != NULL && data.weight * gap > data.best_score)
        break;
      if (lane->notes->len > 0)
        scan_lane (&data, lane);
    }
  return data.best;
}

/* The first (@last %FALSE) or last note of @lane in timeline order. A card
 * in a column starts in it or in the column before. */
static SlNote *
lane_end (SlLayout *self,
          LaneInfo *lane,
          gboolean  last)
{
  GArray *columns = get_columns (lane);
  SlNote *best = NULL;

  for (guint n = 0; n < columns->len; n++)
    {
      int column = g_array_index (columns, int, last ? columns->len - 1 - n : n);
      GPtrArray *bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (column));

      if (best != NULL)
        {
          double x = sl_note_get_x (best);

          if (last ? (column + 1) * BUCKET_WIDTH <= x : (column - 1) * BUCKET_WIDTH > x)
            break;
        }
      for (guint i = 0; i < bucket->len; i++)
        {
          SlNote *note = g_ptr_array_index (bucket, i);

          if (best == NULL || (compare_timeline (self, note, best) > 0) == last)
            best = note;
        }
    }
  return best;
}

/**
 * sl_layout_get_lane_end:
 * @last: %FALSE for the first note, %TRUE for the last
 *
 * Finds the first or last note of @lane along the timeline (Home and End).
 *
 * Returns: (nullable) (transfer none): the note, %NULL in an empty lane
 */
SlNote *
sl_layout_get_lane_end (SlLayout *self,
                        SlLane   *lane,
                        gboolean  last)
{
  LaneInfo *info;

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (SL_IS_LANE (lane), NULL);

  ensure (self);
  info = g_hash_table_lookup (self->lane_infos, lane);
  g_return_val_if_fail (info != NULL, NULL);

  return lane_end (self, info, last);
}

/* In @lane, the note right after @note in timeline order (@forward) or
 * right before it. Those after it start at or right of its left edge, so
 * in its column or later ones; those before it, in its column or earlier
 * ones. */
static SlNote *
lane_neighbour (SlLayout *self,
                LaneInfo *lane,
                SlNote   *note,
                gboolean  forward)
{
  GArray *columns = get_columns (lane);
  double x = sl_note_get_x (note);
  int start = first_bucket (x);
  guint from = first_column_from (columns, start);
  SlNote *best = NULL;

  for (guint n = 0; forward ? from + n < columns->len : n <= from; n++)
    {
      guint c = forward ? from + n : from - n;
      int column;
      GPtrArray *bucket;

      if (c >= columns->len)
        continue;
      column = g_array_index (columns, int, c);
      if (!forward && column > start)
        continue;
      if (best != NULL)
        {
          double best_x = sl_note_get_x (best);

          if (forward ? (column - 1) * BUCKET_WIDTH > best_x : (column + 1) * BUCKET_WIDTH <= best_x)
            break;
        }

      bucket = g_hash_table_lookup (lane->buckets, GINT_TO_POINTER (column));
      for (guint i = 0; i < bucket->len; i++)
        {
          SlNote *other = g_ptr_array_index (bucket, i);
          int order = compare_timeline (self, other, note);

          if ((forward ? order > 0 : order < 0) &&
              (best == NULL || (compare_timeline (self, other, best) < 0) == forward))
            best = other;
        }
    }
  return best;
}

/**
 * sl_layout_get_next_note:
 * @note: (nullable): where the keyboard is, or %NULL for the ends
 * @forward: %TRUE for the next note (Tab), %FALSE for the one before
 *
 * Finds the note after or before @note in timeline order
 * (sl_document_compare_timeline(), then the document's order): by left
 * edge, then lane, then height in the lane. Without @note, the first or
 * the last note of the board.
 *
 * Returns: (nullable) (transfer none): the note, or %NULL past the end
 */
SlNote *
sl_layout_get_next_note (SlLayout *self,
                         SlNote   *note,
                         gboolean  forward)
{
  SlNote *best = NULL;

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (note == NULL || SL_IS_NOTE (note), NULL);

  ensure (self);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      LaneInfo *lane = g_ptr_array_index (self->lanes, i);
      SlNote *found;

      if (lane->notes->len == 0)
        continue;

      found = note != NULL ? lane_neighbour (self, lane, note, forward) : lane_end (self, lane, !forward);
      if (found != NULL && (best == NULL || (compare_timeline (self, found, best) < 0) == forward))
        best = found;
    }
  return best;
}

/* Placement: where a new note goes, and where a moved one settles. */

/**
 * sl_layout_snap_to_grid:
 *
 * Returns: @value on the nearest line of the board's grid
 */
int
sl_layout_snap_to_grid (double value)
{
  return (int) (round (value / SL_LAYOUT_GRID) * SL_LAYOUT_GRID);
}

/**
 * sl_layout_get_nearest_lane:
 *
 * Returns: (nullable) (transfer none): the lane at the height @y; above
 *   the first lane the first, below the last the last; %NULL only on a
 *   board without lanes
 */
SlLane *
sl_layout_get_nearest_lane (SlLayout *self,
                            double    y)
{
  SlLane *lane;
  LaneInfo *first;

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);

  if ((lane = sl_layout_get_lane_at (self, y)) != NULL || self->lanes->len == 0)
    return lane;

  first = g_ptr_array_index (self->lanes, 0);
  if (y < first->y)
    return first->lane;

  return ((LaneInfo *) g_ptr_array_index (self->lanes, self->lanes->len - 1))->lane;
}

/**
 * sl_layout_get_y_in_lane:
 * @top: the height on the board of a card's top
 *
 * Returns: the y in @lane of a card whose top is at @top, on the grid and
 *   not above the lane's top
 */
int
sl_layout_get_y_in_lane (SlLayout *self,
                         SlLane   *lane,
                         double    top)
{
  SlRect lane_rect;

  g_return_val_if_fail (SL_IS_LAYOUT (self), 0);

  sl_layout_get_lane_rect (self, lane, &lane_rect);
  return MAX (0, sl_layout_snap_to_grid (top - lane_rect.y - SL_LAYOUT_LANE_PADDING));
}

/**
 * sl_layout_get_lane_for_kind:
 * @near: (nullable): the lane the user works in
 *
 * Finds the lane for a new note of @kind: @near when it is of the kind's
 * lane kind (sl_note_kind_get_lane_kind()) or unsorted, else the first lane
 * of that kind, else @near, else the first lane.
 *
 * Returns: (nullable) (transfer none): the lane, %NULL on a board without
 *   lanes
 */
SlLane *
sl_layout_get_lane_for_kind (SlLayout   *self,
                             SlNoteKind  kind,
                             SlLane     *near)
{
  GListModel *lanes;
  SlLaneKind wanted = sl_note_kind_get_lane_kind (kind);

  g_return_val_if_fail (SL_IS_LAYOUT (self), NULL);

  if (near != NULL &&
      (sl_lane_get_kind (near) == wanted || sl_lane_get_kind (near) == SL_LANE_UNSORTED))
    return near;

  lanes = sl_document_get_lanes (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      SlLane *lane = sl_element_list_peek (SL_ELEMENT_LIST (lanes), i);

      if (sl_lane_get_kind (lane) == wanted)
        return lane;
    }

  if (near != NULL)
    return near;
  if (g_list_model_get_n_items (lanes) > 0)
    return sl_element_list_peek (SL_ELEMENT_LIST (lanes), 0);

  return NULL;
}

typedef struct
{
  SlLane *lane;
  SlNote *note;
  GHashTable *moving;
  gboolean clear;
} ClearData;

static gboolean
clear_cb (SlNote       *other,
          const SlRect *rect,
          gpointer      user_data)
{
  ClearData *data = user_data;

  if (other != data->note && sl_note_get_lane (other) == data->lane &&
      (data->moving == NULL || !g_hash_table_contains (data->moving, other)))
    data->clear = FALSE;

  return data->clear;
}

/* Whether a card at @rect in @lane leaves the lane's other cards (but
 * @note and the notes in @moving) uncovered at its corners, the middles of
 * its edges and its centre. Only the lane's own cards count: the lane
 * grows to hold the card. */
static gboolean
is_clear (SlLayout     *self,
          SlLane       *lane,
          const SlRect *rect,
          SlNote       *note,
          GHashTable   *moving)
{
  ClearData data = { lane, note, moving, TRUE };

  for (double px = rect->x + 1; px < rect->x + rect->width && data.clear; px += rect->width / 2 - 1)
    for (double py = rect->y + 1; py < rect->y + rect->height && data.clear; py += rect->height / 2 - 1)
      sl_layout_foreach_note_in (self, &(SlRect) { px, py, 0, 0 }, clear_cb, &data);

  return data.clear;
}

/* Moves @rect down, a card's height and a gap at a time, until it covers
 * none of @lane's cards (but @note and @moving): it stays in its column.
 * The lane's cards are finite, so a clear place is found. */
static void
settle_down (SlLayout     *self,
             SlLane       *lane,
             SlRect       *rect,
             SlNote       *note,
             GHashTable   *moving)
{
  while (!is_clear (self, lane, rect, note, moving))
    rect->y += (int) rect->height + SL_LAYOUT_GRID * 2;
}

/**
 * sl_layout_place_new_note:
 * @after: (nullable): the note added or selected last
 * @left: where on the timeline the note goes without @after
 * @lane: (out) (transfer none): the lane for the note
 * @x: (out): its place on the timeline
 * @y: (out): its place in @lane
 *
 * Finds the place of a note of @kind added by the keyboard, covering no
 * card. A note for the lane of @after continues its row: right of it, on
 * to the right past the cards there. A note for another lane goes in the
 * column of @after (a command above its event), and so does a note of
 * another kind than @after in an unsorted lane (which holds every kind):
 * where that place is taken, below the cards there, in the same column.
 * Events are the timeline and never stack: where the column's place is
 * taken, an event goes on to the right. Without @after, the note goes at
 * @left in the lane for its kind, on to the right past the cards there.
 * The board has a lane.
 */
void
sl_layout_place_new_note (SlLayout   *self,
                          SlNoteKind  kind,
                          SlNote     *after,
                          int         left,
                          SlLane    **lane,
                          int        *x,
                          int        *y)
{
  SlRect lane_rect, rect;
  double width, height;
  gboolean in_column = FALSE;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (after == NULL || SL_IS_NOTE (after));
  g_return_if_fail (g_list_model_get_n_items (sl_document_get_lanes (self->document)) > 0);

  *y = 0;
  if (after == NULL)
    {
      *lane = sl_layout_get_lane_for_kind (self, kind, NULL);
      *x = left;
    }
  else
    {
      gboolean same_lane;

      *lane = sl_layout_get_lane_for_kind (self, kind, sl_note_get_lane (after));
      same_lane = *lane == sl_note_get_lane (after);
      sl_layout_get_note_rect (self, after, &rect);
      *x = sl_note_get_x (after);
      in_column = kind != SL_NOTE_EVENT &&
                  (!same_lane || (kind != sl_note_get_kind (after) && sl_lane_get_kind (*lane) == SL_LANE_UNSORTED));
      /* An event keeps to the row of events, not to the row of a command
       * stacked in a column. */
      if (same_lane && (kind != SL_NOTE_EVENT || sl_note_get_kind (after) == SL_NOTE_EVENT))
        *y = sl_note_get_y (after);
      if (same_lane && !in_column)
        *x += (int) rect.width + SL_LAYOUT_NOTE_GAP;
    }

  sl_layout_get_lane_rect (self, *lane, &lane_rect);
  sl_layout_get_note_size (kind, &width, &height);
  rect = (SlRect) { *x, lane_rect.y + SL_LAYOUT_LANE_PADDING + *y, width, height };
  if (in_column)
    {
      settle_down (self, *lane, &rect, NULL, NULL);
      *y = (int) (rect.y - lane_rect.y - SL_LAYOUT_LANE_PADDING);
    }
  else
    while (!is_clear (self, *lane, &rect, NULL, NULL))
      {
        *x += 200;
        rect.x += 200;
      }
}

/**
 * sl_layout_place_note_at:
 * @board_x: where on the board the note is wanted
 * @board_y: where on the board the note is wanted
 * @lane: (out) (transfer none): the lane for the note
 * @x: (out): its place on the timeline
 * @y: (out): its place in @lane
 *
 * Finds the place of a note of @kind added at a point of the board: its
 * card centred there, on the grid, in the lane there (outside the lanes, in
 * the lane for its kind); where that covers a card, below it in the same
 * column. The board has a lane.
 */
void
sl_layout_place_note_at (SlLayout    *self,
                         SlNoteKind   kind,
                         double       board_x,
                         double       board_y,
                         SlLane     **lane,
                         int         *x,
                         int         *y)
{
  SlRect lane_rect, rect;
  double width, height;

  g_return_if_fail (SL_IS_LAYOUT (self));
  g_return_if_fail (g_list_model_get_n_items (sl_document_get_lanes (self->document)) > 0);

  *lane = sl_layout_get_lane_at (self, board_y);
  if (*lane == NULL)
    *lane = sl_layout_get_lane_for_kind (self, kind, NULL);

  sl_layout_get_note_size (kind, &width, &height);
  *x = sl_layout_snap_to_grid (board_x - width / 2);
  *y = sl_layout_get_y_in_lane (self, *lane, board_y - height / 2);

  sl_layout_get_lane_rect (self, *lane, &lane_rect);
  rect = (SlRect) { *x, lane_rect.y + SL_LAYOUT_LANE_PADDING + *y, width, height };
  settle_down (self, *lane, &rect, NULL, NULL);
  *y = (int) (rect.y - lane_rect.y - SL_LAYOUT_LANE_PADDING);
}

/**
 * sl_layout_get_settled_y:
 * @moving: (nullable) (element-type SlNote): the notes moved with @note,
 *   which it may cover
 *
 * Finds where @note settles after a move, a paste or a duplicate: where it
 * is, or, when it lands on another card of its lane, below the cards
 * there, at the same moment of the timeline (its x stays).
 *
 * Returns: the y in its lane where @note belongs
 */
int
sl_layout_get_settled_y (SlLayout   *self,
                         SlNote     *note,
                         GHashTable *moving)
{
  SlRect rect;
  double top;

  g_return_val_if_fail (SL_IS_LAYOUT (self), 0);
  g_return_val_if_fail (SL_IS_NOTE (note), 0);

  sl_layout_get_note_rect (self, note, &rect);
  top = rect.y;
  settle_down (self, sl_note_get_lane (note), &rect, note, moving);

  return sl_note_get_y (note) + (int) (rect.y - top);
}

/**
 * sl_layout_get_natural_kind:
 *
 * Returns: the kind of note a double click on an empty place of a lane of
 *   @kind makes
 */
SlNoteKind
sl_layout_get_natural_kind (SlLaneKind kind)
{
  switch (kind)
    {
    case SL_LANE_ACTOR:       return SL_NOTE_SCREEN;
    case SL_LANE_AUTOMATION:  return SL_NOTE_AUTOMATION;
    case SL_LANE_INTERACTION: return SL_NOTE_COMMAND;
    case SL_LANE_EXTERNAL:    return SL_NOTE_EXTERNAL;
    case SL_LANE_UNSORTED:
    case SL_LANE_EVENTS:
    default:                  return SL_NOTE_EVENT;
    }
}

gboolean
sl_rect_intersects (const SlRect *a,
                    const SlRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
sl_rect_contains (const SlRect *rect,
                  double        x,
                  double        y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}
