/* sl-check-flow.c: fields flowing along connections
 *
 * A field's value comes from the notes before its note and goes to those
 * after it (DOMAIN.md, "Origin" and "Destination"), matched by name or by
 * the field's mapping: the completeness check finds every field with no
 * origin or no destination, and the same flows answer where a field comes
 * from and goes to, and what a field can be named after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-check-private.h"
#include "sl-field-private.h"

/* Connections */

/* Finds the notes connected into (@incoming) or out of @note, of @kind
 * (or of any kind, for SL_N_NOTE_KINDS), and adds them to @into; with
 * @into %NULL, only says whether there is one. With @budget, it looks
 * at that many connections at most, and takes them off it. */
static gboolean
find_neighbours_within (SlNote     *note,
                        gboolean    incoming,
                        SlNoteKind  kind,
                        GPtrArray  *into,
                        guint      *budget)
{
  gboolean found = FALSE;
  guint n_links = _sl_note_get_n_links (note);

  if (budget != NULL)
    {
      n_links = MIN (n_links, *budget);
      *budget -= n_links;
    }

  for (guint i = 0; i < n_links; i++)
    {
      const SlLink *link = _sl_note_get_link (note, i);
      SlNote *other;

      if (incoming ? link->target != note : link->source != note)
        continue;
      other = incoming ? link->source : link->target;
      if (kind != SL_N_NOTE_KINDS && !_sl_check_is_kind (other, kind))
        continue;
      if (into == NULL)
        return TRUE;
      g_ptr_array_add (into, other);
      found = TRUE;
    }

  return found;
}

/**
 * _sl_check_find_neighbours:
 *
 * Finds the notes connected into (@incoming) or out of @note, of @kind
 * (or of any kind, for SL_N_NOTE_KINDS), and adds them to @into; with
 * @into %NULL, only says whether there is one.
 */
gboolean
_sl_check_find_neighbours (SlNote     *note,
                           gboolean    incoming,
                           SlNoteKind  kind,
                           GPtrArray  *into)
{
  return find_neighbours_within (note, incoming, kind, into, NULL);
}

/* Fields
 *
 * Field names and mappings are interned (see sl-field.c): the names
 * here compare as pointers. */

/* The name under which @field is found upstream: its mapping, if it has one. */
static const char *
source_name (SlField *field)
{
  const char *mapping = _sl_field_get_mapping (field);

  return mapping && !_sl_field_is_calculated (field) ? mapping : _sl_field_get_name (field);
}

/* Whether @note has a field that @name (interned) flows into: by name, or
 * by a field mapped from @name. With @displayed, only displayed screen
 * fields count. */
static gboolean
receives (SlNote     *note,
          const char *name,
          gboolean    displayed_only)
{
  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    {
      SlField *field = _sl_note_get_field (note, i);

      if (displayed_only && !_sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        continue;
      if (source_name (field) == name)
        return TRUE;
    }
  return FALSE;
}

/* Whether @note has a field named @name (interned). */
static gboolean
provides (SlNote     *note,
          const char *name)
{
  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    if (_sl_field_get_name (_sl_note_get_field (note, i)) == name)
      return TRUE;
  return FALSE;
}

/* A screen or automation connected to more notes than this is a hub:
 * the commands it triggers look its views up in one set made for them
 * all, not each through its connections. */
#define FEW_LINKS 16

static gboolean
is_trigger (SlNote *note)
{
  return _sl_check_is_kind (note, SL_NOTE_SCREEN) || _sl_check_is_kind (note, SL_NOTE_AUTOMATION);
}

/* Adds to @sources the notes the fields of @note can come from (DOMAIN.md,
 * "Origin"). With @hubs, the triggers of a command that are hubs go
 * there, without their views. With @budget, it looks at that many
 * connections at most, and takes them off it. */
static void
find_origin_notes (SlNote    *note,
                   GPtrArray *sources,
                   GPtrArray *hubs,
                   guint     *budget)
{
  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
    case SL_NOTE_AUTOMATION:
      find_neighbours_within (note, TRUE, SL_NOTE_VIEW, sources, budget);
      break;
    case SL_NOTE_COMMAND:
      {
        guint n_links = _sl_note_get_n_links (note);

        if (budget != NULL)
          {
            n_links = MIN (n_links, *budget);
            *budget -= n_links;
          }

        /* The screens and automations that trigger it, each followed by
         * the views that feed it. */
        for (guint i = 0; i < n_links; i++)
          {
            const SlLink *link = _sl_note_get_link (note, i);
            SlNote *trigger = link->source;

            if (link->target != note || !is_trigger (trigger))
              continue;
            if (hubs != NULL && _sl_note_get_n_links (trigger) > FEW_LINKS)
              {
                g_ptr_array_add (hubs, trigger);
                continue;
              }
            g_ptr_array_add (sources, trigger);
            find_neighbours_within (trigger, TRUE, SL_NOTE_VIEW, sources, budget);
          }
        break;
      }
    case SL_NOTE_EVENT:
      find_neighbours_within (note, TRUE, SL_NOTE_COMMAND, sources, budget);
      break;
    case SL_NOTE_VIEW:
      find_neighbours_within (note, TRUE, SL_NOTE_EVENT, sources, budget);
      break;
    default:
      break;
    }
}

static GPtrArray *
origin_notes (SlNote *note)
{
  GPtrArray *sources = g_ptr_array_new ();

  find_origin_notes (note, sources, NULL, NULL);
  return sources;
}

/* A typo is a few edits: names further apart are never called near, which
 * bounds the work of the distance by the names' length. */
#define NEAR_MISS_MAX_EDITS 8

/* The hint is for names as people type them: longer ones get none. */
#define NEAR_MISS_MAX_LENGTH 256

/* One hint looks at this many connections upstream, and computes this
 * many cells of edit distances, at most: its time is bounded whatever
 * the model, and a note with thousands of fields missing, fed by
 * thousands of others, is checked in a time in proportion to its size
 * (a hint for each of 40,000 fields, each against 40,000 names, took
 * 75 s). A name of the usual length that is no typo is ruled out in a
 * few cells: a hint looks at hundreds of names, a name of 200 characters
 * still is found one edit away. */
#define NEAR_MISS_LINKS 1024
#define NEAR_MISS_CELLS 4096

/* The edit distance of @a and @b, of @la and @lb bytes (@lb at most
 * NEAR_MISS_MAX_LENGTH), if it is at most @limit, or else @limit + 1,
 * also when it would take more than @budget cells, which it takes off.
 * Only the cells within @limit of the diagonal can stay within @limit:
 * the work is the length times @limit, not the product of the lengths. */
static guint
edit_distance_within (const char *a,
                      gsize       la,
                      const char *b,
                      gsize       lb,
                      guint       limit,
                      guint      *budget)
{
  guint rows[2][NEAR_MISS_MAX_LENGTH + 1];
  guint *previous = rows[0];
  guint *current = rows[1];
  guint over = limit + 1;

  g_assert (lb <= NEAR_MISS_MAX_LENGTH);

  /* Names of very different lengths are never near. */
  if (MAX (la, lb) - MIN (la, lb) > limit)
    return over;

  for (gsize j = 0; j <= lb; j++)
    previous[j] = MIN (j, over);
  for (gsize i = 1; i <= la; i++)
    {
      gsize low = i > limit ? i - limit : 1;
      gsize high = MIN (lb, i + limit);
      guint best = over;
      guint *swap;

      if (*budget < high - low + 1)
        {
          *budget = 0;
          return over;
        }
      *budget -= high - low + 1;

      current[low - 1] = low == 1 ? MIN (i, over) : over;
      for (gsize j = low; j <= high; j++)
        {
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
          guint value = MIN (MIN (previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);

          current[j] = MIN (value, over);
          best = MIN (best, current[j]);
        }
      if (high < lb)
        current[high + 1] = over;
      if (best > limit)
        return over;

      swap = previous;
      previous = current;
      current = swap;
    }
  return previous[lb];
}

/**
 * _sl_check_near_miss:
 *
 * Returns: (nullable): a field of the notes before @note whose name is
 *   close to @name: "customerID" against "customerId"
 */
const char *
_sl_check_near_miss (SlNote     *note,
                     const char *name)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  gsize length = strlen (name);
  guint allowed = CLAMP (length / 6, 1, NEAR_MISS_MAX_EDITS);
  guint links = NEAR_MISS_LINKS;
  guint cells = NEAR_MISS_CELLS;

  if (length <= 3 || length > NEAR_MISS_MAX_LENGTH)
    return NULL;

  find_origin_notes (note, sources, NULL, &links);

  for (guint i = 0; i < sources->len && cells > 0; i++)
    {
      SlNote *source = g_ptr_array_index (sources, i);

      for (guint f = 0; f < _sl_note_get_n_fields (source) && cells > 0; f++)
        {
          const char *candidate = _sl_field_get_name (_sl_note_get_field (source, f));
          gsize candidate_length = strnlen (candidate, length + allowed + 1);

          /* Each name looked at costs a cell, even when its length
           * rules it out. */
          cells--;
          if (candidate != name && !g_str_equal (candidate, name) &&
              edit_distance_within (candidate, candidate_length, name, length, allowed, &cells) <= allowed)
            return candidate;
        }
    }
  return NULL;
}

/* Why @field of @note needs nothing upstream (untranslated), or %NULL
 * when it does; @external: whether an external system feeds @note */
static const char *
own_origin (SlNote   *note,
            SlField  *field,
            gboolean  external)
{
  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
      if (!_sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        return N_("entered by the user");
      break;
    case SL_NOTE_EVENT:
      if (_sl_field_has_flag (field, SL_FIELD_GENERATED))
        return N_("generated");
      if (external)
        return N_("the external system");
      break;
    case SL_NOTE_VIEW:
      if (_sl_field_is_calculated (field))
        return N_("calculated");
      break;
    default:
      break;
    }
  return NULL;
}

static gboolean
fed_externally (SlNote *note)
{
  return _sl_check_is_kind (note, SL_NOTE_EVENT) &&
         _sl_check_find_neighbours (note, TRUE, SL_NOTE_EXTERNAL, NULL);
}

/* What the fields of a note after another take of its values. */
typedef enum {
  TAKES_NOTHING,
  TAKES_ALL,        /* an external system takes every field of an event */
  TAKES_FIELDS,     /* the fields named after them */
  TAKES_DISPLAYED,  /* the displayed fields named after them */
} Takes;

static Takes
what_target_takes (SlNote *note,
                   SlNote *target)
{
  SlNoteKind kind = _sl_note_get_kind (target);

  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
    case SL_NOTE_AUTOMATION:
      return kind == SL_NOTE_COMMAND ? TAKES_FIELDS : TAKES_NOTHING;
    case SL_NOTE_COMMAND:
      return kind == SL_NOTE_EVENT ? TAKES_FIELDS : TAKES_NOTHING;
    case SL_NOTE_EVENT:
      if (kind == SL_NOTE_EXTERNAL)
        return TAKES_ALL;
      return kind == SL_NOTE_VIEW || kind == SL_NOTE_AUTOMATION ? TAKES_FIELDS : TAKES_NOTHING;
    case SL_NOTE_VIEW:
      if (kind == SL_NOTE_SCREEN)
        return TAKES_DISPLAYED;
      return kind == SL_NOTE_AUTOMATION ? TAKES_FIELDS : TAKES_NOTHING;
    default:
      return TAKES_NOTHING;
    }
}

/* Whether @target, after @note, takes the value of @name (interned). */
static gboolean
takes_value (SlNote     *note,
             SlNote     *target,
             const char *name)
{
  switch (what_target_takes (note, target))
    {
    case TAKES_ALL:
      return TRUE;
    case TAKES_FIELDS:
      return receives (target, name, FALSE);
    case TAKES_DISPLAYED:
      return receives (target, name, TRUE);
    case TAKES_NOTHING:
    default:
      return FALSE;
    }
}

/* Whether @field ends on its screen, where the user sees it, and goes to
 * no note after its own. */
static gboolean
ends_with_user (SlNote  *note,
                SlField *field)
{
  return _sl_check_is_kind (note, SL_NOTE_SCREEN) && _sl_field_has_flag (field, SL_FIELD_DISPLAYED);
}

/* Notes with many fields
 *
 * Matching each field of a note against each field of its neighbours
 * costs the product of their numbers: two connected notes of 40,000
 * fields each took 75 s to check. A note with more than FEW_FIELDS
 * fields is looked up in sets of its names instead, made once a check
 * (SlCheckIndex.name_sets) and shared by every note around it; and each
 * pair of connected notes costs the smaller of their numbers of fields,
 * by walking the smaller note and looking up the larger. The small notes
 * of a real model keep the plain loops, which allocate nothing. */

#define FEW_FIELDS 16

/* The plain loops serve a note while they match fewer pairs than this. */
#define FEW_PAIRS 256

typedef struct
{
  GHashTable *names;      /* the names of the note's fields */
  GHashTable *received;   /* their source names: what flows into them */
  GHashTable *displayed;  /* the source names of the displayed fields */
  GHashTable *available;  /* a hub's names, and those of the views feeding it */
} NameSets;

static void
name_sets_free (gpointer data)
{
  NameSets *sets = data;

  g_clear_pointer (&sets->names, g_hash_table_unref);
  g_clear_pointer (&sets->received, g_hash_table_unref);
  g_clear_pointer (&sets->displayed, g_hash_table_unref);
  g_clear_pointer (&sets->available, g_hash_table_unref);
  g_free (sets);
}

/**
 * _sl_check_name_sets_new:
 *
 * Returns: (transfer full): where a check keeps the sets of names of the
 *   notes with many fields (see SlCheckIndex); empty it with
 *   g_hash_table_remove_all() when the document may have changed.
 */
GHashTable *
_sl_check_name_sets_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, name_sets_free);
}

static NameSets *
lookup_sets (GHashTable *name_sets,
             SlNote     *note)
{
  NameSets *sets = g_hash_table_lookup (name_sets, note);

  if (sets == NULL)
    {
      sets = g_new0 (NameSets, 1);
      g_hash_table_insert (name_sets, note, sets);
    }
  return sets;
}

/* Adds the names of @note's fields to @set: their source names with
 * @received, and only those of displayed fields with @displayed_only. */
static void
add_names (GHashTable *set,
           SlNote     *note,
           gboolean    received,
           gboolean    displayed_only)
{
  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    {
      SlField *field = _sl_note_get_field (note, i);

      if (displayed_only && !_sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        continue;
      g_hash_table_add (set, (gpointer) (received ? source_name (field) : _sl_field_get_name (field)));
    }
}

/* provides(), looked up in a set when @note has many fields */
static gboolean
has_name (GHashTable *name_sets,
          SlNote     *note,
          const char *name)
{
  NameSets *sets;

  if (_sl_note_get_n_fields (note) <= FEW_FIELDS)
    return provides (note, name);

  sets = lookup_sets (name_sets, note);
  if (sets->names == NULL)
    {
      sets->names = g_hash_table_new (NULL, NULL);
      add_names (sets->names, note, FALSE, FALSE);
    }
  return g_hash_table_contains (sets->names, name);
}

/* receives(), looked up in a set when @note has many fields */
static gboolean
has_received (GHashTable *name_sets,
              SlNote     *note,
              const char *name,
              gboolean    displayed_only)
{
  GHashTable **set;

  if (_sl_note_get_n_fields (note) <= FEW_FIELDS)
    return receives (note, name, displayed_only);

  set = displayed_only ? &lookup_sets (name_sets, note)->displayed : &lookup_sets (name_sets, note)->received;
  if (*set == NULL)
    {
      *set = g_hash_table_new (NULL, NULL);
      add_names (*set, note, TRUE, displayed_only);
    }
  return g_hash_table_contains (*set, name);
}

/* The names a command triggered by @hub can take: the hub's own fields
 * and those of the views that feed it. */
static GHashTable *
available_at_hub (GHashTable *name_sets,
                  SlNote     *hub)
{
  NameSets *sets = lookup_sets (name_sets, hub);

  if (sets->available == NULL)
    {
      g_autoptr(GPtrArray) views = g_ptr_array_new ();

      sets->available = g_hash_table_new (NULL, NULL);
      add_names (sets->available, hub, FALSE, FALSE);
      _sl_check_find_neighbours (hub, TRUE, SL_NOTE_VIEW, views);
      for (guint i = 0; i < views->len; i++)
        add_names (sets->available, g_ptr_array_index (views, i), FALSE, FALSE);
    }
  return sets->available;
}

/* Adds to @found the source names of @note's fields that @source has. */
static void
find_provided (GHashTable *name_sets,
               SlNote     *note,
               SlNote     *source,
               GHashTable *found)
{
  guint n_fields = _sl_note_get_n_fields (note);
  guint n_source = _sl_note_get_n_fields (source);

  if (n_fields <= n_source)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          const char *name = source_name (_sl_note_get_field (note, i));

          if (has_name (name_sets, source, name))
            g_hash_table_add (found, (gpointer) name);
        }
    }
  else
    {
      for (guint i = 0; i < n_source; i++)
        {
          const char *name = _sl_field_get_name (_sl_note_get_field (source, i));

          if (has_received (name_sets, note, name, FALSE))
            g_hash_table_add (found, (gpointer) name);
        }
    }
}

/* Adds to @found the source names of @note's fields that a command
 * triggered by @hub can take there. */
static void
find_provided_at_hub (GHashTable *name_sets,
                      SlNote     *note,
                      SlNote     *hub,
                      GHashTable *found)
{
  GHashTable *available = available_at_hub (name_sets, hub);
  guint n_fields = _sl_note_get_n_fields (note);

  if (n_fields <= g_hash_table_size (available))
    {
      for (guint i = 0; i < n_fields; i++)
        {
          const char *name = source_name (_sl_note_get_field (note, i));

          if (g_hash_table_contains (available, name))
            g_hash_table_add (found, (gpointer) name);
        }
    }
  else
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, available);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (has_received (name_sets, note, name, FALSE))
          g_hash_table_add (found, name);
    }
}

/* Adds to @found the names of @note's fields that @target takes. */
static void
find_taken (GHashTable *name_sets,
            SlNote     *note,
            SlNote     *target,
            gboolean    displayed_only,
            GHashTable *found)
{
  guint n_fields = _sl_note_get_n_fields (note);
  guint n_target = _sl_note_get_n_fields (target);

  if (n_fields <= n_target)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          const char *name = _sl_field_get_name (_sl_note_get_field (note, i));

          if (has_received (name_sets, target, name, displayed_only))
            g_hash_table_add (found, (gpointer) name);
        }
    }
  else
    {
      for (guint i = 0; i < n_target; i++)
        {
          SlField *field = _sl_note_get_field (target, i);
          const char *name = source_name (field);

          if (displayed_only && !_sl_field_has_flag (field, SL_FIELD_DISPLAYED))
            continue;
          if (has_name (name_sets, note, name))
            g_hash_table_add (found, (gpointer) name);
        }
    }
}

/* The number of fields of @notes */
static gsize
count_fields (GPtrArray *notes)
{
  gsize n = 0;

  for (guint i = 0; i < notes->len; i++)
    n += _sl_note_get_n_fields (g_ptr_array_index (notes, i));
  return n;
}

/* The set of the source names of @note's fields that have an origin
 * upstream, or %NULL when the plain loops are cheaper: see "Notes with
 * many fields". */
static GHashTable *
find_origins_in_sets (const SlCheckIndex *index,
                      SlNote             *note,
                      GPtrArray          *sources,
                      GPtrArray          *hubs)
{
  g_autoptr(GHashTable) seen = NULL;
  GHashTable *found;

  if (index->name_sets == NULL ||
      (hubs->len == 0 && (gsize) _sl_note_get_n_fields (note) * count_fields (sources) <= FEW_PAIRS))
    return NULL;

  /* The same note can be upstream twice: through two triggers, or two
   * connections. */
  seen = g_hash_table_new (NULL, NULL);
  found = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < sources->len; i++)
    if (g_hash_table_add (seen, g_ptr_array_index (sources, i)))
      find_provided (index->name_sets, note, g_ptr_array_index (sources, i), found);
  for (guint i = 0; i < hubs->len; i++)
    if (g_hash_table_add (seen, g_ptr_array_index (hubs, i)))
      find_provided_at_hub (index->name_sets, note, g_ptr_array_index (hubs, i), found);

  return found;
}

/* The set of the names of @note's fields that a note after it takes, or
 * %NULL when the plain loops are cheaper. @all is set when a note after
 * it takes every field. */
static GHashTable *
find_destinations_in_sets (const SlCheckIndex *index,
                           SlNote             *note,
                           GPtrArray          *targets,
                           gboolean           *all)
{
  g_autoptr(GHashTable) seen = NULL;
  GHashTable *found;

  *all = FALSE;
  if (index->name_sets == NULL ||
      (gsize) _sl_note_get_n_fields (note) * count_fields (targets) <= FEW_PAIRS)
    return NULL;

  seen = g_hash_table_new (NULL, NULL);
  found = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < targets->len && !*all; i++)
    {
      SlNote *target = g_ptr_array_index (targets, i);

      if (!g_hash_table_add (seen, target))
        continue;
      switch (what_target_takes (note, target))
        {
        case TAKES_ALL:
          *all = TRUE;
          break;
        case TAKES_FIELDS:
          find_taken (index->name_sets, note, target, FALSE, found);
          break;
        case TAKES_DISPLAYED:
          find_taken (index->name_sets, note, target, TRUE, found);
          break;
        case TAKES_NOTHING:
        default:
          break;
        }
    }

  return found;
}

static gboolean
has_origin (SlNote    *note,
            SlField   *field,
            GPtrArray *sources)
{
  const char *name = source_name (field);

  for (guint i = 0; i < sources->len; i++)
    if (provides (g_ptr_array_index (sources, i), name))
      return TRUE;

  return FALSE;
}

/* @targets: the notes @note leads to */
static gboolean
has_destination (SlNote    *note,
                 SlField   *field,
                 GPtrArray *targets)
{
  for (guint i = 0; i < targets->len; i++)
    if (takes_value (note, g_ptr_array_index (targets, i), _sl_field_get_name (field)))
      return TRUE;

  return FALSE;
}

/**
 * _sl_check_fields:
 *
 * The completeness check of @note: adds a problem for each of its fields
 * that has no origin, or no destination.
 */
void
_sl_check_fields (const SlCheckIndex *index,
                  SlNote             *note,
                  SlProblemSink      *sink)
{
  GPtrArray *sources = index->sources;
  GPtrArray *targets = index->targets;
  GPtrArray *hubs = index->hubs;
  g_autoptr(GHashTable) origins = NULL;
  g_autoptr(GHashTable) destinations = NULL;
  gboolean external, to_all;

  if (!sl_note_kind_has_fields (_sl_note_get_kind (note)) || _sl_note_get_n_fields (note) == 0)
    return;

  g_ptr_array_set_size (sources, 0);
  g_ptr_array_set_size (targets, 0);
  g_ptr_array_set_size (hubs, 0);
  find_origin_notes (note, sources, hubs, NULL);
  _sl_check_find_neighbours (note, FALSE, SL_N_NOTE_KINDS, targets);
  external = fed_externally (note);
  origins = find_origins_in_sets (index, note, sources, hubs);
  destinations = find_destinations_in_sets (index, note, targets, &to_all);

  /* Without sets, there are no hubs: the triggers go with their views
   * among the sources. */
  if (origins == NULL && hubs->len > 0)
    {
      g_ptr_array_set_size (sources, 0);
      find_origin_notes (note, sources, NULL, NULL);
    }

  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    {
      SlField *field = _sl_note_get_field (note, i);
      const char *name = _sl_field_get_name (field);
      gboolean origin, destination;

      if (own_origin (note, field, external) != NULL)
        origin = TRUE;
      else if (origins != NULL)
        origin = g_hash_table_contains (origins, source_name (field));
      else
        origin = has_origin (note, field, sources);
      if (!origin)
        _sl_problem_sink_add (sink, index->document, SL_RULE_FIELD_NO_ORIGIN, note, name, NULL,
                              source_name (field) != name ? source_name (field) : NULL);

      if (ends_with_user (note, field))
        continue;

      if (destinations != NULL)
        destination = to_all || g_hash_table_contains (destinations, name);
      else
        destination = has_destination (note, field, targets);
      if (!destination)
        _sl_problem_sink_add (sink, index->document, SL_RULE_FIELD_NO_DESTINATION, note, name, NULL, NULL);
    }
}

/**
 * sl_check_get_upstream_names:
 * @note: a note
 *
 * Lists the names of the fields that the notes before @note have, where
 * the fields of @note can take their values from: what to offer when a
 * field of @note is named or mapped.
 *
 * Returns: (transfer full): the names, each once, in the order of the
 *   notes and their fields
 */
GStrv
sl_check_get_upstream_names (SlDocument *document,
                             SlNote     *note)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  sources = origin_notes (note);
  for (guint i = 0; i < sources->len; i++)
    {
      SlNote *source = g_ptr_array_index (sources, i);

      for (guint f = 0; f < _sl_note_get_n_fields (source); f++)
        {
          const char *name = _sl_field_get_name (_sl_note_get_field (source, f));

          if (g_hash_table_add (seen, (gpointer) name))
            g_strv_builder_add (names, name);
        }
    }

  return g_strv_builder_end (names);
}

/**
 * sl_check_get_field_origins:
 * @note: the note that has @field
 * @field: a field of @note
 * @own_reason: (out) (optional) (nullable) (transfer none): where to put
 *   why @field needs nothing upstream ("generated", "calculated"...),
 *   translated, or %NULL when it does
 *
 * Says where the value of @field comes from, as the completeness check
 * sees it: the field has an origin when @own_reason is set or when the
 * result is not empty.
 *
 * Returns: (transfer container) (element-type SlNote): the notes before
 *   @note that provide the value, by the field's name or its mapping
 */
GPtrArray *
sl_check_get_field_origins (SlDocument  *document,
                            SlNote      *note,
                            SlField     *field,
                            const char **own_reason)
{
  g_autoptr(GPtrArray) sources = NULL;
  GPtrArray *origins;
  const char *own;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (SL_IS_FIELD (field), NULL);

  origins = g_ptr_array_new ();
  own = own_origin (note, field, fed_externally (note));
  if (own_reason != NULL)
    *own_reason = own != NULL ? _(own) : NULL;

  if (!sl_note_kind_has_fields (_sl_note_get_kind (note)))
    return origins;

  sources = origin_notes (note);
  for (guint i = 0; i < sources->len; i++)
    if (provides (g_ptr_array_index (sources, i), source_name (field)))
      g_ptr_array_add (origins, g_ptr_array_index (sources, i));

  return origins;
}


/**
 * sl_check_get_field_destinations:
 * @note: the note that has @field
 * @field: a field of @note
 * @to_user: (out) (optional): where to put whether @field ends on its
 *   screen, where the user sees it, and needs no note after @note
 *
 * Says where the value of @field goes, as the completeness check sees it:
 * the field has a destination when @to_user is set or when the result is
 * not empty.
 *
 * Returns: (transfer container) (element-type SlNote): the notes after
 *   @note that take the value
 */
GPtrArray *
sl_check_get_field_destinations (SlDocument *document,
                                 SlNote     *note,
                                 SlField    *field,
                                 gboolean   *to_user)
{
  g_autoptr(GPtrArray) targets = NULL;
  GPtrArray *destinations;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (SL_IS_FIELD (field), NULL);

  destinations = g_ptr_array_new ();
  if (to_user != NULL)
    *to_user = ends_with_user (note, field);

  if (!sl_note_kind_has_fields (_sl_note_get_kind (note)))
    return destinations;

  targets = g_ptr_array_new ();
  _sl_check_find_neighbours (note, FALSE, SL_N_NOTE_KINDS, targets);
  for (guint i = 0; i < targets->len; i++)
    if (takes_value (note, g_ptr_array_index (targets, i), _sl_field_get_name (field)))
      g_ptr_array_add (destinations, g_ptr_array_index (targets, i));

  return destinations;
}
