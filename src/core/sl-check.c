/* sl-check.c: the rules of DOMAIN.md, the completeness check, the steps
 *
 * Every rule of DOMAIN.md's table is a function of the document that adds
 * problems: the rule's id, its severity and step, the note (or aggregate)
 * and field it concerns, and a message that says what to do. Fields flow
 * along connections and match by name, or by their mapping; the
 * completeness check finds every field with no origin or no destination.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "stormline-core.h"
#include "sl-check.h"

struct _SlProblem
{
  gatomicrefcount ref_count;
  const char *rule;       /* static */
  SlSeverity severity;
  guint step;
  SlNote *note;
  SlAggregate *aggregate;
  char *field;
  char *message;
  char *fix;
};

G_DEFINE_BOXED_TYPE (SlProblem, sl_problem, sl_problem_ref, sl_problem_unref)

static const struct {
  const char *rule;
  SlSeverity severity;
  guint step;
} rules[] = {
  { "field-no-origin", SL_SEVERITY_ERROR, 8 },
  { "field-no-destination", SL_SEVERITY_WARNING, 8 },
  { "event-no-cause", SL_SEVERITY_ERROR, 3 },
  { "command-no-event", SL_SEVERITY_ERROR, 3 },
  { "command-no-trigger", SL_SEVERITY_ERROR, 5 },
  { "command-no-fields", SL_SEVERITY_WARNING, 5 },
  { "view-no-source", SL_SEVERITY_ERROR, 6 },
  { "view-unused", SL_SEVERITY_WARNING, 6 },
  { "view-no-fields", SL_SEVERITY_WARNING, 6 },
  { "automation-no-input", SL_SEVERITY_WARNING, 6 },
  { "automation-no-command", SL_SEVERITY_WARNING, 6 },
  { "no-aggregate", SL_SEVERITY_WARNING, 4 },
  { "aggregate-empty", SL_SEVERITY_WARNING, 4 },
  { "duplicate-event", SL_SEVERITY_WARNING, 2 },
  { "event-not-past-tense", SL_SEVERITY_INFO, 2 },
  { "open-hotspot", SL_SEVERITY_WARNING, 2 },
  { "illegal-connection", SL_SEVERITY_WARNING, 3 },
  { "flow-into-past", SL_SEVERITY_WARNING, 3 },
  { "note-unconnected", SL_SEVERITY_INFO, 3 },
  { "no-scenario", SL_SEVERITY_WARNING, 7 },
  { "scenario-invalid", SL_SEVERITY_ERROR, 7 },
};

SlProblem *
sl_problem_ref (SlProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sl_problem_unref (SlProblem *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_object (&self->note);
      g_clear_object (&self->aggregate);
      g_free (self->field);
      g_free (self->message);
      g_free (self->fix);
      g_free (self);
    }
}

const char *sl_problem_get_rule (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->rule; }
SlSeverity sl_problem_get_severity (SlProblem *self) { g_return_val_if_fail (self, 0); return self->severity; }
guint sl_problem_get_step (SlProblem *self) { g_return_val_if_fail (self, 0); return self->step; }

/**
 * sl_problem_get_note:
 *
 * Returns: (nullable) (transfer none): the note the problem concerns
 */
SlNote *sl_problem_get_note (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->note; }

/**
 * sl_problem_get_aggregate:
 *
 * Returns: (nullable) (transfer none): the aggregate the problem concerns
 */
SlAggregate *sl_problem_get_aggregate (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->aggregate; }

/**
 * sl_problem_get_field:
 *
 * Returns: (nullable): the name of the field the problem concerns
 */
const char *sl_problem_get_field (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->field; }
const char *sl_problem_get_message (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->message; }

/**
 * sl_problem_get_fix:
 *
 * Returns: (nullable): a suggested fix, in words
 */
const char *sl_problem_get_fix (SlProblem *self) { g_return_val_if_fail (self, NULL); return self->fix; }

typedef struct
{
  SlDocument *document;
  GPtrArray *problems;
} Check;

G_GNUC_PRINTF (6, 7)
static SlProblem *
report (Check       *check,
        const char  *rule,
        SlNote      *note,
        SlAggregate *aggregate,
        const char  *field,
        const char  *format,
        ...)
{
  SlProblem *problem = g_new0 (SlProblem, 1);
  va_list args;

  g_atomic_ref_count_init (&problem->ref_count);
  /* The ids are the same literals as the table's, as a rule: look for
   * the pointer first, which is cheap for hundreds of thousands of
   * problems. */
  for (guint pass = 0; pass < 2 && problem->rule == NULL; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
      if (pass == 0 ? rules[i].rule == rule : g_str_equal (rules[i].rule, rule))
        {
          problem->rule = rules[i].rule;
          problem->severity = rules[i].severity;
          problem->step = rules[i].step;
          break;
        }
  g_assert (problem->rule != NULL);

  problem->note = note ? g_object_ref (note) : NULL;
  problem->aggregate = aggregate ? g_object_ref (aggregate) : NULL;
  problem->field = g_strdup (field);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (check->problems, problem);
  return problem;
}

/* Connections */

static gboolean
is_kind (SlNote     *note,
         SlNoteKind  kind)
{
  return sl_note_get_kind (note) == kind;
}

/* Finds the notes connected into (@incoming) or out of @note, of @kind
 * (or of any kind, for SL_N_NOTE_KINDS), and adds them to @into; with
 * @into %NULL, only says whether there is one. */
static gboolean
find_neighbours (Check      *check,
                 SlNote     *note,
                 gboolean    incoming,
                 SlNoteKind  kind,
                 GPtrArray  *into)
{
  guint n = sl_document_get_n_note_connections (check->document, note);
  gboolean found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      SlConnection *connection = sl_document_get_note_connection (check->document, note, i);
      SlNote *other;

      if (incoming ? sl_connection_get_target (connection) != note : sl_connection_get_source (connection) != note)
        continue;
      other = incoming ? sl_connection_get_source (connection) : sl_connection_get_target (connection);
      if (kind != SL_N_NOTE_KINDS && !is_kind (other, kind))
        continue;
      if (into == NULL)
        return TRUE;
      g_ptr_array_add (into, other);
      found = TRUE;
    }

  return found;
}

static GPtrArray *
neighbours (Check      *check,
            SlNote     *note,
            gboolean    incoming,
            SlNoteKind  kind)
{
  GPtrArray *result = g_ptr_array_new ();

  find_neighbours (check, note, incoming, kind, result);
  return result;
}

/* Runs for every note: asks without making a list. */
static gboolean
has_neighbour (Check      *check,
               SlNote     *note,
               gboolean    incoming,
               SlNoteKind  kind)
{
  return find_neighbours (check, note, incoming, kind, NULL);
}

static gboolean
legal_connection (SlNoteKind from,
                  SlNoteKind to)
{
  switch (from)
    {
    case SL_NOTE_SCREEN:
    case SL_NOTE_ACTOR:
      return to == SL_NOTE_COMMAND;
    case SL_NOTE_AUTOMATION:
      return to == SL_NOTE_COMMAND;
    case SL_NOTE_COMMAND:
      return to == SL_NOTE_EVENT;
    case SL_NOTE_EXTERNAL:
      return to == SL_NOTE_EVENT;
    case SL_NOTE_EVENT:
      return to == SL_NOTE_VIEW || to == SL_NOTE_AUTOMATION || to == SL_NOTE_EXTERNAL;
    case SL_NOTE_VIEW:
      return to == SL_NOTE_SCREEN || to == SL_NOTE_AUTOMATION;
    default:
      return FALSE;
    }
}

/* Fields */

/* The name under which @field is found upstream: its mapping, if it has one. */
static const char *
source_name (SlField *field)
{
  const char *mapping = sl_field_get_mapping (field);

  return mapping && !sl_field_is_calculated (field) ? mapping : sl_field_get_name (field);
}

/* Whether @note has a field that @name flows into: by name, or by a field
 * mapped from @name. With @displayed, only displayed screen fields count. */
static gboolean
receives (SlNote     *note,
          const char *name,
          gboolean    displayed_only)
{
  for (guint i = 0; i < sl_note_get_n_fields (note); i++)
    {
      SlField *field = sl_note_get_field (note, i);

      if (displayed_only && !sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        continue;
      if (g_str_equal (source_name (field), name))
        return TRUE;
    }
  return FALSE;
}

static gboolean
provides (SlNote     *note,
          const char *name)
{
  return sl_note_find_field (note, name, NULL) != NULL;
}

static guint
edit_distance (const char *a,
               const char *b)
{
  guint la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (guint j = 0; j <= lb; j++)
    row[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint previous = row[0];

      row[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint saved = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), previous + cost);
          previous = saved;
        }
    }
  return row[lb];
}

/* A field of the @sources whose name is close to @name: "customerID"
 * against "customerId". */
static const char *
near_miss (GPtrArray  *sources,
           const char *name)
{
  gsize length = strlen (name);
  guint allowed = MAX (1, length / 6);

  if (length <= 3)
    return NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      SlNote *source = g_ptr_array_index (sources, i);

      for (guint f = 0; f < sl_note_get_n_fields (source); f++)
        {
          const char *candidate = sl_field_get_name (sl_note_get_field (source, f));
          gsize candidate_length = strlen (candidate);

          /* Names of very different lengths are never near: skip the distance. */
          if (MAX (candidate_length, length) - MIN (candidate_length, length) > allowed)
            continue;
          if (!g_str_equal (candidate, name) && edit_distance (candidate, name) <= allowed)
            return candidate;
        }
    }
  return NULL;
}

static void
add_sources (GPtrArray *into,
             GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (into, g_ptr_array_index (from, i));
}

/* Where the fields of @note can come from (DOMAIN.md, "Origin"). */
static GPtrArray *
origin_notes (Check  *check,
              SlNote *note)
{
  GPtrArray *sources = g_ptr_array_new ();

  switch (sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
      {
        g_autoptr(GPtrArray) views = neighbours (check, note, TRUE, SL_NOTE_VIEW);

        add_sources (sources, views);
        break;
      }
    case SL_NOTE_COMMAND:
      {
        g_autoptr(GPtrArray) all = neighbours (check, note, TRUE, SL_N_NOTE_KINDS);

        for (guint i = 0; i < all->len; i++)
          {
            SlNote *trigger = g_ptr_array_index (all, i);
            g_autoptr(GPtrArray) views = NULL;

            if (!is_kind (trigger, SL_NOTE_SCREEN) && !is_kind (trigger, SL_NOTE_AUTOMATION))
              continue;
            g_ptr_array_add (sources, trigger);
            views = neighbours (check, trigger, TRUE, SL_NOTE_VIEW);
            add_sources (sources, views);
          }
        break;
      }
    case SL_NOTE_EVENT:
      {
        g_autoptr(GPtrArray) commands = neighbours (check, note, TRUE, SL_NOTE_COMMAND);

        add_sources (sources, commands);
        break;
      }
    case SL_NOTE_VIEW:
      {
        g_autoptr(GPtrArray) events = neighbours (check, note, TRUE, SL_NOTE_EVENT);

        add_sources (sources, events);
        break;
      }
    case SL_NOTE_AUTOMATION:
      {
        g_autoptr(GPtrArray) views = neighbours (check, note, TRUE, SL_NOTE_VIEW);

        add_sources (sources, views);
        break;
      }
    default:
      break;
    }

  return sources;
}

/* Why @field of @note needs nothing upstream (untranslated), or %NULL
 * when it does. */
static const char *
own_origin (Check   *check,
            SlNote  *note,
            SlField *field)
{
  switch (sl_note_get_kind (note))
    {
    case SL_NOTE_SCREEN:
      if (!sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        return N_("entered by the user");
      break;
    case SL_NOTE_EVENT:
      if (sl_field_has_flag (field, SL_FIELD_GENERATED))
        return N_("generated");
      if (has_neighbour (check, note, TRUE, SL_NOTE_EXTERNAL))
        return N_("the external system");
      break;
    case SL_NOTE_VIEW:
      if (sl_field_is_calculated (field))
        return N_("calculated");
      break;
    default:
      break;
    }
  return NULL;
}

static gboolean
has_origin (Check     *check,
            SlNote    *note,
            SlField   *field,
            GPtrArray *sources)
{
  const char *name = source_name (field);

  if (own_origin (check, note, field) != NULL)
    return TRUE;

  for (guint i = 0; i < sources->len; i++)
    if (provides (g_ptr_array_index (sources, i), name))
      return TRUE;

  return FALSE;
}

/* Whether @target, after @note, takes the value of @name. */
static gboolean
takes_value (SlNote     *note,
             SlNote     *target,
             const char *name)
{
  SlNoteKind kind = sl_note_get_kind (target);

  switch (sl_note_get_kind (note))
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

/* @targets: the notes @note leads to */
static gboolean
has_destination (SlNote    *note,
                 SlField   *field,
                 GPtrArray *targets)
{
  for (guint i = 0; i < targets->len; i++)
    if (takes_value (note, g_ptr_array_index (targets, i), sl_field_get_name (field)))
      return TRUE;

  return FALSE;
}

static void
check_fields (Check  *check,
              SlNote *note)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) targets = NULL;

  if (!sl_note_kind_has_fields (sl_note_get_kind (note)) || sl_note_get_n_fields (note) == 0)
    return;

  sources = origin_notes (check, note);
  targets = neighbours (check, note, FALSE, SL_N_NOTE_KINDS);

  for (guint i = 0; i < sl_note_get_n_fields (note); i++)
    {
      SlField *field = sl_note_get_field (note, i);
      const char *name = sl_field_get_name (field);

      if (!has_origin (check, note, field, sources))
        {
          const char *close = near_miss (sources, source_name (field));
          SlProblem *problem =
            report (check, "field-no-origin", note, NULL, name,
                    _("no note before it provides “%s”: add the field where its value comes from, "
                      "or map it to a field that is there"), source_name (field));

          if (close != NULL)
            problem->fix = g_strdup_printf (_("Rename it to “%s”, or map it to “%s”"), close, close);
        }

      /* Displayed screen fields end where they are shown. */
      if (is_kind (note, SL_NOTE_SCREEN) && sl_field_has_flag (field, SL_FIELD_DISPLAYED))
        continue;

      if (!has_destination (note, field, targets))
        report (check, "field-no-destination", note, NULL, name,
                _("“%s” goes nowhere: add it to a note after this one, or remove it"), name);
    }
}

/* Structure */

static void
check_note (Check  *check,
            SlNote *note)
{
  switch (sl_note_get_kind (note))
    {
    case SL_NOTE_EVENT:
      if (!has_neighbour (check, note, TRUE, SL_NOTE_COMMAND) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_AUTOMATION) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_EXTERNAL))
        report (check, "event-no-cause", note, NULL, NULL,
                _("nothing causes this event: connect the command, automation or external system it comes from"));
      break;

    case SL_NOTE_COMMAND:
      if (!has_neighbour (check, note, FALSE, SL_NOTE_EVENT))
        report (check, "command-no-event", note, NULL, NULL,
                _("this command records no event: connect it to the event it causes"));
      if (!has_neighbour (check, note, TRUE, SL_NOTE_SCREEN) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_ACTOR) &&
          !has_neighbour (check, note, TRUE, SL_NOTE_AUTOMATION))
        report (check, "command-no-trigger", note, NULL, NULL,
                _("nothing triggers this command: connect the screen, actor or automation that issues it"));
      if (sl_note_get_n_fields (note) == 0)
        report (check, "command-no-fields", note, NULL, NULL, _("this command has no fields: add what it carries"));
      break;

    case SL_NOTE_VIEW:
      if (!has_neighbour (check, note, TRUE, SL_NOTE_EVENT))
        report (check, "view-no-source", note, NULL, NULL,
                _("no event feeds this view: connect the events it is built from"));
      if (!has_neighbour (check, note, FALSE, SL_NOTE_SCREEN) && !has_neighbour (check, note, FALSE, SL_NOTE_AUTOMATION))
        report (check, "view-unused", note, NULL, NULL,
                _("no screen or automation reads this view: connect it to who uses it"));
      if (sl_note_get_n_fields (note) == 0)
        report (check, "view-no-fields", note, NULL, NULL, _("this view has no fields: add what it shows"));
      break;

    case SL_NOTE_AUTOMATION:
      if (!has_neighbour (check, note, TRUE, SL_NOTE_EVENT) && !has_neighbour (check, note, TRUE, SL_NOTE_VIEW))
        report (check, "automation-no-input", note, NULL, NULL,
                _("this automation reacts to nothing: connect the event or the to-do view it works from"));
      if (!has_neighbour (check, note, FALSE, SL_NOTE_COMMAND))
        report (check, "automation-no-command", note, NULL, NULL,
                _("this automation issues no command: connect it to the command it sends"));
      break;

    case SL_NOTE_HOTSPOT:
      report (check, "open-hotspot", note, NULL, NULL,
              _("an open question: resolve it, then remove the hotspot"));
      break;

    default:
      break;
    }

  /* Notes that take part in flows and stand alone. */
  if (!is_kind (note, SL_NOTE_HOTSPOT) && !is_kind (note, SL_NOTE_COMMENT) && !is_kind (note, SL_NOTE_AGGREGATE) &&
      sl_document_get_n_note_connections (check->document, note) == 0)
    report (check, "note-unconnected", note, NULL, NULL, _("this note is connected to nothing"));
}

static SlAggregate *
aggregate_of (Check  *check,
              SlNote *note)
{
  if (sl_note_get_aggregate (note) != NULL)
    return sl_note_get_aggregate (note);

  if (is_kind (note, SL_NOTE_EVENT))
    return sl_lane_get_aggregate (sl_note_get_lane (note));

  if (is_kind (note, SL_NOTE_COMMAND))
    {
      g_autoptr(GPtrArray) events = neighbours (check, note, FALSE, SL_NOTE_EVENT);

      for (guint i = 0; i < events->len; i++)
        {
          SlAggregate *aggregate = aggregate_of (check, g_ptr_array_index (events, i));

          if (aggregate != NULL)
            return aggregate;
        }
    }
  return NULL;
}

static void
check_aggregates (Check *check)
{
  GListModel *notes = sl_document_get_notes (check->document);
  GListModel *aggregates = sl_document_get_aggregates (check->document);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      SlAggregate *aggregate;

      if (!is_kind (note, SL_NOTE_EVENT) && !is_kind (note, SL_NOTE_COMMAND))
        continue;

      aggregate = aggregate_of (check, note);
      if (aggregate == NULL)
        report (check, "no-aggregate", note, NULL, NULL,
                is_kind (note, SL_NOTE_EVENT)
                ? _("this event belongs to no aggregate: move it to the lane of its aggregate")
                : _("this command belongs to no aggregate: connect it to its events, or set its aggregate"));
      else if (is_kind (note, SL_NOTE_EVENT))
        g_hash_table_add (used, aggregate);
    }

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i);

      if (!g_hash_table_contains (used, aggregate))
        report (check, "aggregate-empty", NULL, aggregate, NULL,
                _("the aggregate “%s” has no events: give it its events, or remove it"),
                sl_aggregate_get_name (aggregate));
    }
}

static char *
fold_name (const char *text)
{
  g_autofree char *lower = g_utf8_casefold (text, -1);
  GString *folded = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (folded, *p);
  return g_string_free (folded, FALSE);
}

static gboolean
looks_past_tense (const char *text)
{
  static const char * const irregular[] = {
    "paid", "sent", "made", "built", "sold", "held", "left", "won", "lost", "bought", "taken", "given",
    "done", "seen", "known", "shown", "written", "chosen", "begun", "broken", "drawn", "driven",
    "fallen", "forgotten", "frozen", "hidden", "ridden", "risen", "spoken", "stolen", "thrown",
    "worn", "brought", "caught", "taught", "thought", "found", "kept", "laid", "led", "lent", "meant",
    "met", "put", "read", "said", "set", "shut", "spent", "stood", "told", "understood", "cut",
    "hit", "let", "quit", "split", "spread", "begun", "became", "came", "went", "gone", "got", "gotten",
    "withdrawn", "undone", "rebuilt", "resent", "reset", "rewritten", "overpaid", "prepaid", "dealt",
    NULL
  };
  g_auto(GStrv) words = g_strsplit_set (text, " _-", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_ascii_strdown (words[i], -1);

      if ((g_str_has_suffix (word, "ed") && strlen (word) > 3) || g_strv_contains (irregular, word))
        return TRUE;
    }
  return FALSE;
}

static void
check_events (Check *check)
{
  GListModel *notes = sl_document_get_notes (check->document);
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);
      char *key;
      SlNote *earlier;

      if (!is_kind (note, SL_NOTE_EVENT))
        continue;

      if (*sl_note_get_text (note) != 0 && !looks_past_tense (sl_note_get_text (note)))
        report (check, "event-not-past-tense", note, NULL, NULL,
                _("an event names something that happened: say it in the past tense (“Room Booked”)"));

      key = fold_name (sl_note_get_text (note));
      earlier = g_hash_table_lookup (first, key);
      if (earlier != NULL)
        {
          report (check, "duplicate-event", note, NULL, NULL,
                  _("another event has the same name: merge the two, or tell them apart"));
          g_free (key);
        }
      else
        g_hash_table_insert (first, key, note);
    }
}

static void
check_connections (Check *check)
{
  GListModel *connections = sl_document_get_connections (check->document);

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      SlConnection *connection = sl_element_list_peek (SL_ELEMENT_LIST (connections), i);
      SlNote *source = sl_connection_get_source (connection);
      SlNote *target = sl_connection_get_target (connection);

      if (!legal_connection (sl_note_get_kind (source), sl_note_get_kind (target)))
        report (check, "illegal-connection", source, NULL, NULL,
                _("a %s does not lead to a %s (“%s”): connect the notes the flow passes through"),
                sl_note_kind_get_label (sl_note_get_kind (source)),
                sl_note_kind_get_label (sl_note_get_kind (target)), sl_note_get_text (target));

      if (sl_note_get_x (target) < sl_note_get_x (source))
        report (check, "flow-into-past", source, NULL, NULL,
                _("“%s” stands left of this note, which leads to it: flows run from the past to the future"),
                sl_note_get_text (target));
    }
}

static gboolean
step_values_fit (SlStep *step)
{
  SlNote *note = sl_step_get_note (step);

  for (guint i = 0; i < sl_step_get_n_values (step); i++)
    if (sl_note_find_field (note, sl_step_get_value_name (step, i), NULL) == NULL)
      return FALSE;
  return TRUE;
}

static void
check_scenarios (Check *check)
{
  GListModel *scenarios = sl_document_get_scenarios (check->document);
  GListModel *notes = sl_document_get_notes (check->document);
  g_autoptr(GHashTable) specified = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      SlScenario *scenario = sl_element_list_peek (SL_ELEMENT_LIST (scenarios), i);
      SlNote *owner = sl_scenario_get_note (scenario);
      gboolean command = is_kind (owner, SL_NOTE_COMMAND);
      const char *what = NULL;

      g_hash_table_add (specified, owner);

      if (!command && !is_kind (owner, SL_NOTE_VIEW))
        what = _("a scenario specifies a command or a view");

      for (guint s = 0; what == NULL && s < sl_scenario_get_n_steps (scenario, SL_STEP_GIVEN); s++)
        if (!is_kind (sl_step_get_note (sl_scenario_get_step (scenario, SL_STEP_GIVEN, s)), SL_NOTE_EVENT))
          what = _("its Given holds something other than events");

      if (what == NULL && command)
        {
          if (sl_scenario_get_n_steps (scenario, SL_STEP_WHEN) > 1 ||
              (sl_scenario_get_n_steps (scenario, SL_STEP_WHEN) == 1 &&
               sl_step_get_note (sl_scenario_get_step (scenario, SL_STEP_WHEN, 0)) != owner))
            what = _("its When must be the command itself");
          for (guint s = 0; what == NULL && s < sl_scenario_get_n_steps (scenario, SL_STEP_THEN); s++)
            if (!is_kind (sl_step_get_note (sl_scenario_get_step (scenario, SL_STEP_THEN, s)), SL_NOTE_EVENT))
              what = _("its Then holds something other than events");
          if (what == NULL && sl_scenario_get_error (scenario) != NULL &&
              sl_scenario_get_n_steps (scenario, SL_STEP_THEN) > 0)
            what = _("it ends in events and in an error at once");
          if (what == NULL && sl_scenario_get_error (scenario) == NULL &&
              sl_scenario_get_n_steps (scenario, SL_STEP_THEN) == 0)
            what = _("its Then is empty: say which events result, or which error");
        }
      else if (what == NULL)
        {
          if (sl_scenario_get_n_steps (scenario, SL_STEP_WHEN) > 0)
            what = _("a view's scenario has no When");
          else if (sl_scenario_get_error (scenario) != NULL)
            what = _("a view's scenario has no error outcome");
          else if (sl_scenario_get_n_steps (scenario, SL_STEP_THEN) != 1 ||
                   sl_step_get_note (sl_scenario_get_step (scenario, SL_STEP_THEN, 0)) != owner)
            what = _("its Then must be the view itself");
        }

      for (SlStepPart part = 0; what == NULL && part < SL_N_STEP_PARTS; part++)
        for (guint s = 0; what == NULL && s < sl_scenario_get_n_steps (scenario, part); s++)
          if (!step_values_fit (sl_scenario_get_step (scenario, part, s)))
            what = _("a step gives a value for a field its note does not have");

      if (what != NULL)
        report (check, "scenario-invalid", owner, NULL, NULL, _("the scenario “%s” is not valid: %s"),
                sl_scenario_get_title (scenario), what);
    }

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (notes), i);

      if ((is_kind (note, SL_NOTE_COMMAND) || is_kind (note, SL_NOTE_VIEW)) && !g_hash_table_contains (specified, note))
        report (check, "no-scenario", note, NULL, NULL,
                _("no scenario specifies this note: write a Given/When/Then for it"));
    }
}

/**
 * sl_check_run:
 *
 * Runs every rule of DOMAIN.md on @document.
 *
 * Returns: (transfer container) (element-type SlProblem): the problems, in
 *   document order of the notes, rule by rule
 */
GPtrArray *
sl_check_run (SlDocument *document)
{
  GListModel *notes;
  Check check;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  check = (Check) { document, g_ptr_array_new_with_free_func ((GDestroyNotify) sl_problem_unref) };
  notes = sl_document_get_notes (document);

  check_events (&check);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    check_note (&check, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));
  check_connections (&check);
  check_aggregates (&check);
  check_scenarios (&check);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    check_fields (&check, sl_element_list_peek (SL_ELEMENT_LIST (notes), i));

  return check.problems;
}

static void
append_notes (GString   *text,
              GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      SlNote *other = g_ptr_array_index (notes, i);

      /* Translators: a note in a field's origin or destination: its text and kind */
      g_string_append_printf (text, _("\n  • %s (%s)"), sl_note_get_text (other),
                              sl_note_kind_get_label (sl_note_get_kind (other)));
    }
}

/**
 * sl_check_describe_field:
 * @note: the note that has @field
 * @field: a field of @note
 *
 * Says where the value of @field comes from and where it goes, as the
 * completeness check sees it: the notes before and after @note that
 * have it, or why it needs none.
 *
 * Returns: (transfer full): a translated text of a few lines
 */
char *
sl_check_describe_field (SlDocument *document,
                         SlNote     *note,
                         SlField    *field)
{
  Check check = { document, NULL };
  g_autoptr(GPtrArray) origins = g_ptr_array_new ();
  g_autoptr(GPtrArray) destinations = g_ptr_array_new ();
  GString *text = g_string_new (NULL);
  const char *own;
  gboolean shown;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  /* A displayed screen field ends where it is shown. */
  shown = is_kind (note, SL_NOTE_SCREEN) && sl_field_has_flag (field, SL_FIELD_DISPLAYED);

  if (!sl_note_kind_has_fields (sl_note_get_kind (note)))
    return g_string_free (text, FALSE);

  own = own_origin (&check, note, field);
  {
    g_autoptr(GPtrArray) sources = origin_notes (&check, note);

    for (guint i = 0; i < sources->len; i++)
      if (provides (g_ptr_array_index (sources, i), source_name (field)))
        g_ptr_array_add (origins, g_ptr_array_index (sources, i));
  }
  {
    g_autoptr(GPtrArray) targets = neighbours (&check, note, FALSE, SL_N_NOTE_KINDS);

    for (guint i = 0; i < targets->len; i++)
      if (takes_value (note, g_ptr_array_index (targets, i), sl_field_get_name (field)))
        g_ptr_array_add (destinations, g_ptr_array_index (targets, i));
  }

  /* Translators: the first line of a field's tooltip: its name, then where it comes from */
  g_string_append_printf (text, _("“%s” comes from:"), sl_field_get_name (field));
  if (own != NULL)
    g_string_append_printf (text, "\n  • %s", _(own));
  append_notes (text, origins);
  if (own == NULL && origins->len == 0)
    g_string_append_printf (text, "\n  • %s", _("nowhere: no note before this one has it"));

  g_string_append_printf (text, "\n%s", _("It goes to:"));
  if (shown)
    g_string_append_printf (text, "\n  • %s", _("the user, who sees it on this screen"));
  append_notes (text, destinations);
  if (destinations->len == 0 && !shown)
    g_string_append_printf (text, "\n  • %s", _("nowhere: no note after this one takes it"));

  return g_string_free (text, FALSE);
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
  Check check = { document, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  sources = origin_notes (&check, note);
  for (guint i = 0; i < sources->len; i++)
    {
      SlNote *source = g_ptr_array_index (sources, i);

      for (guint f = 0; f < sl_note_get_n_fields (source); f++)
        {
          const char *name = sl_field_get_name (sl_note_get_field (source, f));

          if (g_hash_table_add (seen, (gpointer) name))
            g_strv_builder_add (names, name);
        }
    }

  return g_strv_builder_end (names);
}

guint
sl_check_get_rule_step (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].rule, rule) == 0)
      return rules[i].step;
  return 0;
}

const char *
sl_check_get_step_name (guint step)
{
  switch (step)
    {
    case 1: return _("Collect Domain Events");
    case 2: return _("Refine Domain Events");
    case 3: return _("Track Causes");
    case 4: return _("Aggregation");
    case 5: return _("Identify Inputs");
    case 6: return _("Identify Outputs");
    case 7: return _("Elaborate Scenarios");
    case 8: return _("Completeness Check");
    default: g_return_val_if_reached (NULL);
    }
}

static guint
count_kind (SlDocument *document,
            SlNoteKind  kind)
{
  GListModel *notes = sl_document_get_notes (document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    n += is_kind (sl_element_list_peek (SL_ELEMENT_LIST (notes), i), kind);
  return n;
}

/**
 * sl_check_get_step_status:
 * @problems: (element-type SlProblem): what sl_check_run() found
 *
 * A step is done when what it is about exists and none of its rules finds
 * an error or a warning (hints do not count); not started when there is
 * nothing yet for it to be about.
 */
SlStepStatus
sl_check_get_step_status (SlDocument *document,
                          GPtrArray  *problems,
                          guint       step)
{
  guint subjects;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), SL_STEP_NOT_STARTED);
  g_return_val_if_fail (step >= 1 && step <= SL_N_PROCESS_STEPS, SL_STEP_NOT_STARTED);

  switch (step)
    {
    case 1: case 2: case 3: case 4:
      subjects = count_kind (document, SL_NOTE_EVENT);
      break;
    case 5:
      subjects = count_kind (document, SL_NOTE_COMMAND);
      break;
    case 6:
      subjects = count_kind (document, SL_NOTE_VIEW);
      break;
    case 7:
      subjects = g_list_model_get_n_items (sl_document_get_scenarios (document));
      break;
    default:
      subjects = count_kind (document, SL_NOTE_COMMAND) + count_kind (document, SL_NOTE_EVENT) +
                 count_kind (document, SL_NOTE_VIEW);
      break;
    }

  if (subjects == 0)
    return SL_STEP_NOT_STARTED;

  for (guint i = 0; i < problems->len; i++)
    {
      SlProblem *problem = g_ptr_array_index (problems, i);

      if (problem->step == step && problem->severity >= SL_SEVERITY_WARNING)
        return SL_STEP_IN_PROGRESS;
    }

  return SL_STEP_DONE;
}

const char *
sl_severity_to_string (SlSeverity severity)
{
  switch (severity)
    {
    case SL_SEVERITY_INFO: return "info";
    case SL_SEVERITY_WARNING: return "warning";
    case SL_SEVERITY_ERROR: return "error";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
sl_severity_from_string (const char *str,
                         SlSeverity *severity)
{
  for (SlSeverity s = SL_SEVERITY_INFO; s <= SL_SEVERITY_ERROR; s++)
    if (g_strcmp0 (str, sl_severity_to_string (s)) == 0)
      {
        *severity = s;
        return TRUE;
      }
  return FALSE;
}

const char *
sl_step_status_to_string (SlStepStatus status)
{
  switch (status)
    {
    case SL_STEP_NOT_STARTED: return "not-started";
    case SL_STEP_IN_PROGRESS: return "in-progress";
    case SL_STEP_DONE: return "done";
    default: g_return_val_if_reached (NULL);
    }
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
  Check check = { document, NULL };
  g_autoptr(GPtrArray) sources = NULL;
  GPtrArray *origins;
  const char *own;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);
  g_return_val_if_fail (SL_IS_FIELD (field), NULL);

  origins = g_ptr_array_new ();
  own = own_origin (&check, note, field);
  if (own_reason != NULL)
    *own_reason = own != NULL ? _(own) : NULL;

  if (!sl_note_kind_has_fields (sl_note_get_kind (note)))
    return origins;

  sources = origin_notes (&check, note);
  for (guint i = 0; i < sources->len; i++)
    if (provides (g_ptr_array_index (sources, i), source_name (field)))
      g_ptr_array_add (origins, g_ptr_array_index (sources, i));

  return origins;
}

/**
 * sl_check_get_aggregate:
 * @note: a note
 *
 * The aggregate @note belongs to, as the check sees it: its own, its
 * lane's for an event, its events' for a command.
 *
 * Returns: (nullable) (transfer none): the aggregate
 */
SlAggregate *
sl_check_get_aggregate (SlDocument *document,
                        SlNote     *note)
{
  Check check = { document, NULL };

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  return aggregate_of (&check, note);
}
