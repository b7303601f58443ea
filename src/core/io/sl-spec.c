/* sl-spec.c: the specification document of a model, in Markdown
 *
 * The model as an architect reads it next to the model file on a code
 * forge: the slices in timeline order; in each, the commands, events and
 * views that stand in it, with what comes before and after them, their
 * fields and where each field's value comes from (as the completeness
 * check sees it), and their scenarios as Given/When/Then. Text from the
 * model is escaped so that no note can break the document, and the
 * output depends on the model alone, byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-aggregate.h"
#include "sl-check.h"
#include "sl-connection.h"
#include "sl-document.h"
#include "sl-element-list.h"
#include "sl-field.h"
#include "sl-lane.h"
#include "sl-mermaid.h"
#include "sl-note.h"
#include "sl-scenario.h"
#include "sl-slice.h"
#include "sl-spec.h"
#include "sl-step.h"

typedef struct
{
  SlDocument *document;
  GString *out;
  GHashTable *anchors;   /* anchor → how many times its base was taken again */
  GHashTable *order;     /* SlNote → its position in the document + 1 */
  GHashTable *scenarios; /* SlNote → GPtrArray of its SlScenarios */
  guint missing;         /* fields with no origin */
} Spec;

/* Text */

/* @text on one line: runs of white space become one space, control
 * characters go, and the ends are trimmed. */
static char *
one_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *line = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = TRUE;
      else if (!g_unichar_iscntrl (c))
        {
          if (space && line->len > 0)
            g_string_append_c (line, ' ');
          space = FALSE;
          g_string_append_unichar (line, c);
        }
    }

  return g_string_free (line, FALSE);
}

/* Appends @text as it reads: every character that Markdown (as GitHub
 * and GitLab render it) would take for markup gets a backslash, the pipe
 * of table cells included. */
static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *line = one_line (text);

  for (const char *p = line; *p; p++)
    {
      if (strchr ("\\`*_[]<>|#~$", *p) != NULL ||
          (*p == '&' && (g_ascii_isalnum (p[1]) || p[1] == '#')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Appends @text as code, fenced by more backticks than it holds in a row.
 * Code spans take no backslashes, except for the pipe in a table cell. */
static void
append_code (GString    *out,
             const char *text,
             gboolean    in_table)
{
  g_autofree char *line = one_line (text);
  gsize length = strlen (line);
  guint longest = 0;
  guint run = 0;
  gboolean pad;

  if (length == 0)
    return;

  for (const char *p = line; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  /* A backtick at an end would join the fence: a space keeps it apart,
   * and Markdown drops one space from each end. */
  pad = line[0] == '`' || line[length - 1] == '`';

  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
  if (pad)
    g_string_append_c (out, ' ');
  for (const char *p = line; *p; p++)
    {
      if (in_table && *p == '|')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  if (pad)
    g_string_append_c (out, ' ');
  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
}

/* Appends free text of several lines: its paragraphs stay paragraphs, and
 * a line that would start a list or underline a heading is escaped. */
static void
append_paragraphs (GString    *out,
                   const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_paragraph = FALSE;
  gboolean after_break = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gsize digits;

      append_text (line, lines[i]);
      if (line->len == 0)
        {
          after_break = in_paragraph;
          continue;
        }

      if (after_break)
        g_string_append_c (out, '\n');
      after_break = FALSE;
      in_paragraph = TRUE;

      digits = strspn (line->str, "0123456789");
      if (strchr ("-+=", line->str[0]) != NULL)
        g_string_prepend_c (line, '\\');
      else if (digits > 0 && (line->str[digits] == '.' || line->str[digits] == ')'))
        g_string_insert_c (line, digits, '\\');
      g_string_append_printf (out, "%s\n", line->str);
    }
}

/* Headings and their anchors */

/* The anchor GitHub makes of a heading: lower case, spaces turned into
 * hyphens, punctuation dropped. */
static char *
slug (const char *heading)
{
  g_autofree char *lower = g_utf8_strdown (heading, -1);
  GString *anchor = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        g_string_append_c (anchor, '-');
      else if (c == '-' || c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (anchor, c);
    }

  return g_string_free (anchor, FALSE);
}

/* The anchor of the next heading that reads @heading: a heading whose
 * anchor is taken already gets "-1", "-2"... as on GitHub. */
static char *
take_anchor (Spec       *spec,
             const char *heading)
{
  g_autofree char *base = slug (heading);
  char *anchor = g_strdup (base);

  while (g_hash_table_contains (spec->anchors, anchor))
    {
      guint taken = GPOINTER_TO_UINT (g_hash_table_lookup (spec->anchors, base)) + 1;

      g_hash_table_insert (spec->anchors, g_strdup (base), GUINT_TO_POINTER (taken));
      g_free (anchor);
      anchor = g_strdup_printf ("%s-%u", base, taken);
    }
  g_hash_table_insert (spec->anchors, g_strdup (anchor), GUINT_TO_POINTER (0));

  return anchor;
}

/* Appends a heading of @level that reads @text; returns its anchor. */
static char *
append_heading (Spec       *spec,
                GString    *out,
                guint       level,
                const char *text)
{
  g_autofree char *plain = one_line (text);

  for (guint i = 0; i < level; i++)
    g_string_append_c (out, '#');
  g_string_append_c (out, ' ');
  append_text (out, plain);
  g_string_append (out, "\n\n");

  return take_anchor (spec, plain);
}

/* Notes */

static const char *
note_text (SlNote *note)
{
  const char *text = sl_note_get_text (note);

  return *text != 0 ? text : _("Untitled");
}

/* Timeline order; notes at the same place in the document's order, so
 * that the same document always gives the same text. */
static int
compare_timeline (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  Spec *spec = user_data;
  SlNote *first = *(SlNote * const *) a;
  SlNote *second = *(SlNote * const *) b;
  int order = sl_document_compare_timeline (spec->document, first, second);
  guint first_order, second_order;

  if (order != 0)
    return order;

  first_order = GPOINTER_TO_UINT (g_hash_table_lookup (spec->order, first));
  second_order = GPOINTER_TO_UINT (g_hash_table_lookup (spec->order, second));
  return first_order < second_order ? -1 : first_order > second_order;
}

/* The notes connected into (@incoming) or out of @note, each once, in
 * timeline order. */
static GPtrArray *
neighbours (Spec     *spec,
            SlNote   *note,
            gboolean  incoming)
{
  GPtrArray *result = g_ptr_array_new ();
  guint n = sl_document_get_n_note_connections (spec->document, note);

  for (guint i = 0; i < n; i++)
    {
      SlConnection *connection = sl_document_get_note_connection (spec->document, note, i);
      SlNote *other = incoming ? sl_connection_get_source (connection) : sl_connection_get_target (connection);

      /* A connection the other way has @note itself at that end. */
      if (other != note && !g_ptr_array_find (result, other, NULL))
        g_ptr_array_add (result, other);
    }
  g_ptr_array_sort_with_data (result, compare_timeline, spec);

  return result;
}

/* "Booking (Screen), Guest Account (View)" */
static void
append_note_names (GString   *out,
                   GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (notes, i);
      /* Translators: a note in the specification document: its text, then its kind */
      g_autofree char *name = g_strdup_printf (_("%s (%s)"), note_text (note),
                                               sl_note_kind_get_label (sl_note_get_kind (note)));

      if (i > 0)
        g_string_append (out, ", ");
      append_text (out, name);
    }
}

static void
append_item (GString    *out,
             const char *label,
             const char *text)
{
  g_autofree char *item = g_strdup_printf ("%s: %s", label, text);

  g_string_append (out, "- ");
  append_text (out, item);
  g_string_append_c (out, '\n');
}

static void
append_notes_item (GString    *out,
                   const char *label,
                   GPtrArray  *notes)
{
  g_string_append (out, "- ");
  append_text (out, label);
  g_string_append (out, ": ");
  append_note_names (out, notes);
  g_string_append_c (out, '\n');
}

/* What comes before a note, in the words of its kind. */
static const char *
incoming_label (SlNoteKind kind)
{
  switch (kind)
    {
    case SL_NOTE_COMMAND:
      return _("Triggered by");
    case SL_NOTE_EVENT:
      return _("Caused by");
    case SL_NOTE_VIEW:
      return _("Fed by");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
append_context (Spec   *spec,
                SlNote *note)
{
  SlAggregate *aggregate = sl_check_get_aggregate (spec->document, note);
  SlLane *lane = sl_note_get_lane (note);
  SlLaneKind lane_kind = sl_lane_get_kind (lane);
  g_autoptr(GPtrArray) before = neighbours (spec, note, TRUE);
  g_autoptr(GPtrArray) after = neighbours (spec, note, FALSE);
  gsize start = spec->out->len;

  if (aggregate != NULL)
    append_item (spec->out, _("Aggregate"), sl_aggregate_get_name (aggregate));
  else if ((lane_kind == SL_LANE_EVENTS || lane_kind == SL_LANE_EXTERNAL) && *sl_lane_get_name (lane) != 0)
    append_item (spec->out, _("Lane"), sl_lane_get_name (lane));

  if (sl_note_get_kind (note) == SL_NOTE_EVENT && sl_note_get_pivotal (note))
    {
      g_string_append (spec->out, "- ");
      append_text (spec->out, _("Pivotal event"));
      g_string_append_c (spec->out, '\n');
    }

  if (before->len > 0)
    append_notes_item (spec->out, incoming_label (sl_note_get_kind (note)), before);
  if (after->len > 0)
    append_notes_item (spec->out, _("Leads to"), after);

  if (spec->out->len > start)
    g_string_append_c (spec->out, '\n');
}

/* "String", "Date (optional, list)" */
static void
append_type (GString *out,
             SlNote  *note,
             SlField *field)
{
  g_autoptr(GPtrArray) flags = g_ptr_array_new ();

  if (sl_field_has_flag (field, SL_FIELD_LIST))
    g_ptr_array_add (flags, _("list"));
  if (sl_field_has_flag (field, SL_FIELD_OPTIONAL))
    g_ptr_array_add (flags, _("optional"));
  /* An event's generated field says so as its origin. */
  if (sl_field_has_flag (field, SL_FIELD_GENERATED) && sl_note_get_kind (note) != SL_NOTE_EVENT)
    g_ptr_array_add (flags, _("generated"));

  g_string_append (out, sl_field_type_to_string (sl_field_get_value_type (field)));
  if (flags->len > 0)
    {
      g_autofree char *words = NULL;

      g_ptr_array_add (flags, NULL);
      words = g_strjoinv (", ", (char **) flags->pdata);
      g_string_append (out, " (");
      append_text (out, words);
      g_string_append_c (out, ')');
    }
}

/* Where the value of @field comes from: why it needs nothing, the notes
 * before that provide it, or that nothing does. */
static void
append_origin (Spec    *spec,
               SlNote  *note,
               SlField *field)
{
  const char *own = NULL;
  g_autoptr(GPtrArray) origins = sl_check_get_field_origins (spec->document, note, field, &own);
  const char *mapping = sl_field_get_mapping (field);
  gboolean mapped = mapping != NULL && !sl_field_is_calculated (field) &&
                    !g_str_equal (mapping, sl_field_get_name (field));
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GPtrArray) nearest_first = g_ptr_array_new ();

  /* The notes connected into @note first (the screen a command is sent
   * from), then those further up (the view that feeds that screen). */
  g_ptr_array_sort_with_data (origins, compare_timeline, spec);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < origins->len; i++)
      {
        SlNote *origin = g_ptr_array_index (origins, i);
        gboolean direct = sl_document_find_connection (spec->document, origin, note) != NULL;

        if (direct == (pass == 0))
          g_ptr_array_add (nearest_first, origin);
      }

  if (mapped)
    append_code (code, mapping, TRUE);
  append_note_names (names, nearest_first);

  if (own != NULL)
    append_text (spec->out, own);
  if (own != NULL && origins->len > 0)
    g_string_append (spec->out, ", ");

  if (origins->len > 0 && mapped)
    /* Translators: a field's origin in the specification document: the
     * name it has upstream, then the notes that have it */
    g_string_append_printf (spec->out, _("mapped from %s of %s"), code->str, names->str);
  else if (origins->len > 0)
    g_string_append (spec->out, names->str);
  else if (own == NULL)
    {
      spec->missing++;
      g_string_append_printf (spec->out, "**%s**", _("missing"));
      if (mapped)
        /* Translators: after “missing”, the name a field is mapped from */
        g_string_append_printf (spec->out, _(" (mapped from %s)"), code->str);
    }
}

static void
append_fields (Spec   *spec,
               SlNote *note)
{
  guint n = sl_note_get_n_fields (note);

  if (n == 0)
    {
      append_text (spec->out, _("No fields."));
      g_string_append (spec->out, "\n\n");
      return;
    }

  g_string_append_printf (spec->out, "| %s | %s | %s |\n|---|---|---|\n", _("Field"), _("Type"), _("Origin"));
  for (guint i = 0; i < n; i++)
    {
      SlField *field = sl_note_get_field (note, i);

      g_string_append (spec->out, "| ");
      append_code (spec->out, sl_field_get_name (field), TRUE);
      g_string_append (spec->out, " | ");
      append_type (spec->out, note, field);
      g_string_append (spec->out, " | ");
      append_origin (spec, note, field);
      g_string_append (spec->out, " |\n");
    }
  g_string_append_c (spec->out, '\n');
}

/* Scenarios */

static void
append_step_line (GString    *out,
                  const char *keyword,
                  const char *text)
{
  g_string_append_printf (out, "- **%s** ", keyword);
  append_text (out, text);
}

/* "- **Given** Room Added: `roomNumber = 101`, `roomType = Double`" */
static void
append_step (GString    *out,
             const char *keyword,
             SlStep     *step)
{
  append_step_line (out, keyword, note_text (sl_step_get_note (step)));

  for (guint i = 0; i < sl_step_get_n_values (step); i++)
    {
      const char *value = sl_step_get_value (step, i);
      g_autofree char *pair = g_strdup_printf ("%s = %s", sl_step_get_value_name (step, i),
                                               *value != 0 ? value : "\"\"");

      g_string_append (out, i == 0 ? ": " : ", ");
      append_code (out, pair, FALSE);
    }
  g_string_append_c (out, '\n');
}

static void
append_scenario (Spec       *spec,
                 SlScenario *scenario)
{
  const char *title = sl_scenario_get_title (scenario);
  const char *error = sl_scenario_get_error (scenario);
  /* Translators: the keywords of a Given/When/Then scenario, as in Gherkin */
  const char *keywords[SL_N_STEP_PARTS] = { _("Given"), _("When"), _("Then") };
  g_autofree char *heading = NULL;

  if (*title != 0)
    /* Translators: a heading of the specification document */
    heading = g_strdup_printf (_("Scenario: %s"), title);
  else
    heading = g_strdup (_("Scenario"));
  g_free (append_heading (spec, spec->out, 4, heading));

  for (SlStepPart part = 0; part < SL_N_STEP_PARTS; part++)
    for (guint i = 0; i < sl_scenario_get_n_steps (scenario, part); i++)
      /* Translators: the keyword of a scenario's further step, as in Gherkin */
      append_step (spec->out, i == 0 ? keywords[part] : _("And"), sl_scenario_get_step (scenario, part, i));

  if (error != NULL)
    {
      /* Translators: the outcome of a command's scenario that fails */
      g_autofree char *outcome = g_strdup_printf (_("error “%s”"), error);

      append_step_line (spec->out, sl_scenario_get_n_steps (scenario, SL_STEP_THEN) > 0 ? _("And") : _("Then"),
                        outcome);
      g_string_append_c (spec->out, '\n');
    }

  g_string_append_c (spec->out, '\n');
}

static void
append_note (Spec   *spec,
             SlNote *note)
{
  /* Translators: a heading of the specification document: a note's kind, then its text */
  g_autofree char *heading = g_strdup_printf (_("%s: %s"), sl_note_kind_get_label (sl_note_get_kind (note)),
                                              note_text (note));
  GPtrArray *scenarios = g_hash_table_lookup (spec->scenarios, note);

  g_free (append_heading (spec, spec->out, 3, heading));
  append_context (spec, note);
  append_fields (spec, note);
  for (guint i = 0; scenarios != NULL && i < scenarios->len; i++)
    append_scenario (spec, g_ptr_array_index (scenarios, i));
}

/* The document */

static gboolean
specified (SlNote *note)
{
  SlNoteKind kind = sl_note_get_kind (note);

  return kind == SL_NOTE_COMMAND || kind == SL_NOTE_EVENT || kind == SL_NOTE_VIEW;
}

static void
append_count (GString    *out,
              const char *text)
{
  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, text);
}

static void
append_summary (GString    *out,
                SlDocument *document,
                guint       missing)
{
  GListModel *notes = sl_document_get_notes (document);
  guint n_slices = g_list_model_get_n_items (sl_document_get_slices (document));
  guint n_scenarios = g_list_model_get_n_items (sl_document_get_scenarios (document));
  guint counts[SL_N_NOTE_KINDS] = { 0, };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *slices = NULL;
  g_autofree char *commands = NULL;
  g_autofree char *events = NULL;
  g_autofree char *views = NULL;
  g_autofree char *scenarios = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    counts[sl_note_get_kind (sl_element_list_peek (SL_ELEMENT_LIST (notes), i))]++;

  slices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slice", "%u slices", n_slices), n_slices);
  commands = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u command", "%u commands", counts[SL_NOTE_COMMAND]),
                              counts[SL_NOTE_COMMAND]);
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", counts[SL_NOTE_EVENT]),
                            counts[SL_NOTE_EVENT]);
  views = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u view", "%u views", counts[SL_NOTE_VIEW]),
                           counts[SL_NOTE_VIEW]);
  scenarios = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scenario", "%u scenarios", n_scenarios),
                               n_scenarios);
  append_count (line, slices);
  append_count (line, commands);
  append_count (line, events);
  append_count (line, views);
  append_count (line, scenarios);
  if (missing > 0)
    {
      g_autofree char *fields = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field has no origin",
                                                              "%u fields have no origin", missing), missing);
      g_autofree char *strong = g_strdup_printf ("**%s**", fields);

      append_count (line, strong);
    }

  g_string_append_printf (out, "%s\n\n", line->str);
}

static void
append_toc_entry (GString    *out,
                  guint       number,
                  const char *text,
                  const char *anchor)
{
  g_string_append_printf (out, "%u. [", number);
  append_text (out, text);
  g_string_append_printf (out, "](#%s)\n", anchor);
}

static const char *
slice_name (SlSlice *slice)
{
  const char *name = sl_slice_get_name (slice);

  return *name != 0 ? name : _("Untitled slice");
}

/* The notes of @slice (or of no slice) as a Mermaid diagram, fenced, when
 * it has any: a code forge draws it. */
static void
append_diagram (Spec    *spec,
                SlSlice *slice)
{
  g_autofree char *diagram = sl_mermaid_slice (spec->document, slice);
  guint fence = 3;
  guint run = 0;

  if (diagram == NULL)
    return;
  /* No field's name can close the fence. */
  for (const char *p = diagram; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      fence = MAX (fence, run + 1);
    }
  for (guint i = 0; i < fence; i++)
    g_string_append_c (spec->out, '`');
  g_string_append (spec->out, "mermaid\n");
  g_string_append (spec->out, diagram);
  for (guint i = 0; i < fence; i++)
    g_string_append_c (spec->out, '`');
  g_string_append (spec->out, "\n\n");
}

/* Appends the slices to the body and the counts and the contents, which
 * name them, to @head. @notes: the commands, events and views, in timeline
 * order. */
static void
append_slices (Spec      *spec,
               GString   *head,
               GPtrArray *slices,
               GPtrArray *notes)
{
  g_autoptr(GPtrArray) anchors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) outside = g_ptr_array_new ();
  g_autoptr(GHashTable) slice_notes =
    g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autofree char *outside_anchor = NULL;
  guint next = 0;

  /* The notes are in timeline order, and so are a slice's. */
  for (guint i = 0; i < notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (notes, i);
      SlSlice *slice = sl_document_get_note_slice (spec->document, note);
      GPtrArray *list;

      if (slice == NULL)
        {
          g_ptr_array_add (outside, note);
          continue;
        }

      list = g_hash_table_lookup (slice_notes, slice);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (slice_notes, slice, list);
        }
      g_ptr_array_add (list, note);
    }

  g_free (take_anchor (spec, _("Contents")));

  for (guint s = 0; s < slices->len; s++)
    {
      SlSlice *slice = g_ptr_array_index (slices, s);
      /* Translators: under a slice's heading in the specification document */
      g_autofree char *status = g_strdup_printf (_("Status: %s"),
                                                 sl_slice_status_get_label (sl_slice_get_status (slice)));
      GPtrArray *list = g_hash_table_lookup (slice_notes, slice);

      g_ptr_array_add (anchors, append_heading (spec, spec->out, 2, slice_name (slice)));
      append_text (spec->out, status);
      g_string_append (spec->out, "\n\n");
      append_diagram (spec, slice);

      for (guint i = 0; list != NULL && i < list->len; i++)
        append_note (spec, g_ptr_array_index (list, i));

      if (list == NULL)
        {
          append_text (spec->out, _("No command, event or view stands in this slice."));
          g_string_append (spec->out, "\n\n");
        }
    }

  if (outside->len > 0)
    {
      outside_anchor = append_heading (spec, spec->out, 2, _("Outside slices"));
      append_text (spec->out, _("These commands, events and views stand in no slice."));
      g_string_append (spec->out, "\n\n");
      append_diagram (spec, NULL);
      for (guint i = 0; i < outside->len; i++)
        append_note (spec, g_ptr_array_index (outside, i));
    }

  append_summary (head, spec->document, spec->missing);

  g_string_append (head, "## ");
  append_text (head, _("Contents"));
  g_string_append (head, "\n\n");
  for (guint s = 0; s < slices->len; s++)
    append_toc_entry (head, ++next, slice_name (g_ptr_array_index (slices, s)), g_ptr_array_index (anchors, s));
  if (outside_anchor != NULL)
    append_toc_entry (head, ++next, _("Outside slices"), outside_anchor);
  g_string_append_c (head, '\n');
}

/**
 * sl_spec_to_markdown:
 * @document: a model
 * @title: (nullable): the title to show when @document has none of its own
 *   (the file's name, say)
 *
 * Writes the specification document of @document in Markdown (CommonMark
 * with GitHub's tables): its title (its own, or else @title, or else
 * “Untitled Model”), its description, a line of counts and a table of
 * contents; then each slice in timeline order with a Mermaid diagram of
 * its notes (sl_mermaid_slice()) and the commands, events
 * and views whose left edge stands in it, in timeline order, each with its
 * aggregate, the notes before and after it, its fields with their type
 * and origin, and its scenarios as Given/When/Then; last, the commands,
 * events and views that stand in no slice. The same document always
 * gives the same text, which ends in one newline.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
sl_spec_to_markdown (SlDocument *document,
                     const char *title)
{
  GListModel *notes;
  GListModel *scenarios;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) specs = g_ptr_array_new ();
  g_autoptr(GPtrArray) slices = NULL;
  g_autoptr(GHashTable) anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) order = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) note_scenarios =
    g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  const char *heading;
  Spec spec = { document, body, anchors, order, note_scenarios, 0 };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  notes = sl_document_get_notes (document);
  scenarios = sl_document_get_scenarios (document);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      g_hash_table_insert (order, note, GUINT_TO_POINTER (i + 1));
      if (specified (note))
        g_ptr_array_add (specs, note);
    }
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);
      GPtrArray *list = g_hash_table_lookup (note_scenarios, sl_scenario_get_note (scenario));

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (note_scenarios, sl_scenario_get_note (scenario), list);
        }
      g_ptr_array_add (list, scenario);
    }

  g_ptr_array_sort_with_data (specs, compare_timeline, &spec);
  slices = sl_document_get_timeline_slices (document);

  if (*sl_document_get_title (document) != 0)
    heading = sl_document_get_title (document);
  else if (title != NULL && *title != 0)
    heading = title;
  else
    heading = _("Untitled Model");
  g_free (append_heading (&spec, head, 1, heading));

  if (*sl_document_get_description (document) != 0)
    {
      append_paragraphs (head, sl_document_get_description (document));
      g_string_append_c (head, '\n');
    }

  if (slices->len > 0 || specs->len > 0)
    {
      append_slices (&spec, head, slices, specs);
      g_string_append (head, body->str);
    }
  else
    append_text (head, _("This model has no slices, commands, events or views yet."));

  /* Every part ends in a blank line; the document ends in one newline. */
  while (head->len > 0 && head->str[head->len - 1] == '\n')
    g_string_truncate (head, head->len - 1);
  g_string_append_c (head, '\n');

  return g_string_free (g_steal_pointer (&head), FALSE);
}
