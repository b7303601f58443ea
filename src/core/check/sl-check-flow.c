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
  gboolean found = FALSE;

  for (guint i = 0; i < _sl_note_get_n_links (note); i++)
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

/* Adds to @sources the notes the fields of @note can come from (DOMAIN.md,
 * "Origin"). */
static void
find_origin_notes (SlNote    *note,
                   GPtrArray *sources)
{
  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
    case SL_NOTE_AUTOMATION:
      _sl_check_find_neighbours (note, TRUE, SL_NOTE_VIEW, sources);
      break;
    case SL_NOTE_COMMAND:
      {
        /* The screens and automations that trigger it, each followed by
         * the views that feed it. */
        for (guint i = 0; i < _sl_note_get_n_links (note); i++)
          {
            const SlLink *link = _sl_note_get_link (note, i);
            SlNote *trigger = link->source;

            if (link->target != note ||
                (!_sl_check_is_kind (trigger, SL_NOTE_SCREEN) && !_sl_check_is_kind (trigger, SL_NOTE_AUTOMATION)))
              continue;
            g_ptr_array_add (sources, trigger);
            _sl_check_find_neighbours (trigger, TRUE, SL_NOTE_VIEW, sources);
          }
        break;
      }
    case SL_NOTE_EVENT:
      _sl_check_find_neighbours (note, TRUE, SL_NOTE_COMMAND, sources);
      break;
    case SL_NOTE_VIEW:
      _sl_check_find_neighbours (note, TRUE, SL_NOTE_EVENT, sources);
      break;
    default:
      break;
    }
}

static GPtrArray *
origin_notes (SlNote *note)
{
  GPtrArray *sources = g_ptr_array_new ();

  find_origin_notes (note, sources);
  return sources;
}

/* A typo is a few edits: names further apart are never called near, which
 * bounds the work of the distance by the names' length. */
#define NEAR_MISS_MAX_EDITS 8

/* The edit distance of @a and @b, of @la and @lb bytes, if it is at most
 * @limit, or else @limit + 1. Only the cells within @limit of the diagonal
 * can stay within @limit: the work is the length times @limit, not the
 * product of the lengths (two names of 60,000 characters took 14 s). */
static guint
edit_distance_within (const char *a,
                      gsize       la,
                      const char *b,
                      gsize       lb,
                      guint       limit)
{
  g_autofree guint *previous = NULL;
  g_autofree guint *current = NULL;
  guint over = limit + 1;

  /* Names of very different lengths are never near. */
  if (MAX (la, lb) - MIN (la, lb) > limit)
    return over;

  previous = g_new (guint, lb + 1);
  current = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    previous[j] = MIN (j, over);
  for (gsize i = 1; i <= la; i++)
    {
      gsize low = i > limit ? i - limit : 1;
      gsize high = MIN (lb, i + limit);
      guint best = over;
      guint *swap;

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
  g_autoptr(GPtrArray) sources = NULL;
  gsize length = strlen (name);
  guint allowed = CLAMP (length / 6, 1, NEAR_MISS_MAX_EDITS);

  if (length <= 3)
    return NULL;

  sources = origin_notes (note);

  for (guint i = 0; i < sources->len; i++)
    {
      SlNote *source = g_ptr_array_index (sources, i);

      for (guint f = 0; f < _sl_note_get_n_fields (source); f++)
        {
          const char *candidate = _sl_field_get_name (_sl_note_get_field (source, f));
          gsize candidate_length = strlen (candidate);

          if (!g_str_equal (candidate, name) &&
              edit_distance_within (candidate, candidate_length, name, length, allowed) <= allowed)
            return candidate;
        }
    }
  return NULL;
}

/* Why @field of @note needs nothing upstream (untranslated), or %NULL
 * when it does. */
static const char *
own_origin (SlNote  *note,
            SlField *field)
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
      if (_sl_check_find_neighbours (note, TRUE, SL_NOTE_EXTERNAL, NULL))
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
has_origin (SlNote    *note,
            SlField   *field,
            GPtrArray *sources)
{
  const char *name = source_name (field);

  if (own_origin (note, field) != NULL)
    return TRUE;

  for (guint i = 0; i < sources->len; i++)
    if (provides (g_ptr_array_index (sources, i), name))
      return TRUE;

  return FALSE;
}

/* Whether @target, after @note, takes the value of @name (interned). */
static gboolean
takes_value (SlNote     *note,
             SlNote     *target,
             const char *name)
{
  SlNoteKind kind = _sl_note_get_kind (target);

  switch (_sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
      return kind == SL_NOTE_COMMAND && receives (target, name, FALSE);
    case SL_NOTE_COMMAND:
      return kind == SL_NOTE_EVENT && receives (target, name, FALSE);
    case SL_NOTE_EVENT:
      return kind == SL_NOTE_EXTERNAL ||
             ((kind == SL_NOTE_VIEW || kind == SL_NOTE_AUTOMATION) && receives (target, name, FALSE));
    case SL_NOTE_VIEW:
      return (kind == SL_NOTE_SCREEN && receives (target, name, TRUE)) ||
             (kind == SL_NOTE_AUTOMATION && receives (target, name, FALSE));
    case SL_NOTE_AUTOMATION:
      return kind == SL_NOTE_COMMAND && receives (target, name, FALSE);
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

  if (!sl_note_kind_has_fields (_sl_note_get_kind (note)) || _sl_note_get_n_fields (note) == 0)
    return;

  g_ptr_array_set_size (sources, 0);
  g_ptr_array_set_size (targets, 0);
  find_origin_notes (note, sources);
  _sl_check_find_neighbours (note, FALSE, SL_N_NOTE_KINDS, targets);

  for (guint i = 0; i < _sl_note_get_n_fields (note); i++)
    {
      SlField *field = _sl_note_get_field (note, i);
      const char *name = _sl_field_get_name (field);

      if (!has_origin (note, field, sources))
        _sl_problem_sink_add (sink, index->document, SL_RULE_FIELD_NO_ORIGIN, note, name, NULL,
                              source_name (field) != name ? source_name (field) : NULL);

      if (ends_with_user (note, field))
        continue;

      if (!has_destination (note, field, targets))
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
  own = own_origin (note, field);
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
