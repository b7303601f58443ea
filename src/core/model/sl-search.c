/* sl-search.c: finding notes by their text, field names or kind
 *
 * What the find bar of the window looks for, kept out of the interface so
 * that it is tested and measured without a display. A query is words; a
 * note matches when each word is in its text or a field's name, or names
 * its kind ("event", "Event" or the kind's name in the user's language).
 * Case and accents do not count: "cafe" finds "Café".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include "sl-document.h"
#include "sl-element-list.h"
#include "sl-field-private.h"
#include "sl-note-private.h"
#include "sl-search.h"

typedef struct
{
  char *text;     /* folded */
  gboolean ascii; /* only ASCII can be in an ASCII text */
  guint kinds;    /* bit mask of the kinds this word names */
} Term;

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Folds @text into @out: lower case, without accents. */
static void
fold_into (GString    *out,
           const char *text)
{
  g_autofree char *casefolded = NULL;
  g_autofree char *decomposed = NULL;

  g_string_truncate (out, 0);

  if (is_ascii (text))
    {
      for (const char *p = text; *p != '\0'; p++)
        g_string_append_c (out, ascii_lower (*p));
      return;
    }

  casefolded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return;

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
}

/* Whether @text, folded, holds @term (folded). A search of 100,000 notes
 * looks at every text, and most board text is ASCII: that case compares
 * in place, without the Unicode tables or a copy. */
static gboolean
contains (const char *text,
          const Term *term,
          GString    *scratch)
{
  if (!is_ascii (text))
    {
      fold_into (scratch, text);
      return strstr (scratch->str, term->text) != NULL;
    }

  if (!term->ascii)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      gsize i = 0;

      while (term->text[i] != '\0' && ascii_lower (p[i]) == term->text[i])
        i++;
      if (term->text[i] == '\0')
        return TRUE;
    }

  return FALSE;
}

/**
 * sl_search_fold:
 * @text: UTF-8 text
 *
 * Returns: (transfer full): @text as the search compares it: case folded,
 *   with its accents and other combining marks removed
 */
char *
sl_search_fold (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (NULL);
  fold_into (out, text);
  return g_string_free (out, FALSE);
}

static guint
kinds_named (const char *word,
             GString    *scratch)
{
  guint kinds = 0;

  for (SlNoteKind kind = 0; kind < SL_N_NOTE_KINDS; kind++)
    {
      g_auto(GStrv) label_words = NULL;

      if (strcmp (word, sl_note_kind_to_string (kind)) == 0)
        {
          kinds |= 1u << kind;
          continue;
        }

      /* "External System": each word of a name names the kind. */
      fold_into (scratch, sl_note_kind_get_label (kind));
      label_words = g_strsplit (scratch->str, " ", -1);
      for (guint i = 0; label_words[i] != NULL; i++)
        if (strcmp (word, label_words[i]) == 0)
          kinds |= 1u << kind;
    }

  return kinds;
}

static GArray *
parse_query (const char *query)
{
  GArray *terms = g_array_new (FALSE, FALSE, sizeof (Term));
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  fold_into (folded, query);
  words = g_strsplit_set (folded->str, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      Term term;

      if (words[i][0] == '\0')
        continue;

      term.text = g_strdup (words[i]);
      term.ascii = is_ascii (term.text);
      term.kinds = kinds_named (term.text, scratch);
      g_array_append_val (terms, term);
    }

  return terms;
}

static void
clear_term (gpointer data)
{
  Term *term = data;

  g_free (term->text);
}

static gboolean
note_matches (SlNote  *note,
              GArray  *terms,
              GString *scratch)
{
  guint kind_bit = 1u << _sl_note_get_kind (note);

  for (guint i = 0; i < terms->len; i++)
    {
      Term *term = &g_array_index (terms, Term, i);
      gboolean found;

      if (term->kinds & kind_bit)
        continue;

      found = contains (_sl_note_get_text (note), term, scratch);
      for (guint j = 0; !found && j < _sl_note_get_n_fields (note); j++)
        found = contains (_sl_note_get_field (note, j)->name, term, scratch);
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* A note found, with its place on the timeline: sorting 100,000 notes
 * asks for each place many times. Like the check, the search reads the
 * notes' fields directly: it reads every note at each key typed. */
typedef struct
{
  int x;
  int lane;
  int y;
  guint index; /* in the document: notes at one place keep that order */
  SlNote *note;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *m = a, *n = b;

  if (m->x != n->x)
    return m->x < n->x ? -1 : 1;
  if (m->lane != n->lane)
    return m->lane < n->lane ? -1 : 1;
  if (m->y != n->y)
    return m->y < n->y ? -1 : 1;
  return (m->index > n->index) - (m->index < n->index);
}

/**
 * sl_search_notes:
 * @query: words to find; blank finds nothing
 *
 * Finds the notes whose text or field names hold each word of @query, or
 * whose kind a word names, ignoring case and accents.
 *
 * Returns: (transfer full) (element-type SlNote): the notes found, in
 *   timeline order (sl_document_compare_timeline())
 */
GPtrArray *
sl_search_notes (SlDocument *document,
                 const char *query)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *notes, *lanes;
  g_autoptr(GArray) terms = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GHashTable) lane_positions = NULL;
  g_autoptr(GString) scratch = NULL;
  guint n_notes;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), found);
  g_return_val_if_fail (query != NULL, found);

  terms = parse_query (query);
  g_array_set_clear_func (terms, clear_term);
  if (terms->len == 0)
    return found;

  lane_positions = g_hash_table_new (NULL, NULL);
  lanes = sl_document_get_lanes (document);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    g_hash_table_insert (lane_positions, sl_element_list_peek (SL_ELEMENT_LIST (lanes), i),
                         GUINT_TO_POINTER (i));

  scratch = g_string_new (NULL);
  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  notes = sl_document_get_notes (document);
  n_notes = g_list_model_get_n_items (notes);
  for (guint i = 0; i < n_notes; i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      Match match;

      if (!note_matches (note, terms, scratch))
        continue;

      match.x = note->x;
      match.lane = GPOINTER_TO_INT (g_hash_table_lookup (lane_positions, note->lane));
      match.y = note->y;
      match.index = i;
      match.note = note;
      g_array_append_val (matches, match);
    }

  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len; i++)
    g_ptr_array_add (found, g_object_ref (g_array_index (matches, Match, i).note));
  return found;
}
