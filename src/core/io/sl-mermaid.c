/* sl-mermaid.c: a board as a Mermaid event modeling diagram
 *
 * Mermaid (11.15 and later) draws an `eventmodeling` diagram from a list
 * of time frames, one box each, in the order they are written: this
 * writes the board's notes as those frames, in timeline order.
 *
 *   screen, actor              → `ui`   (a trigger)
 *   automation, external system → `pcr`  (a processor)
 *   command                    → `cmd`
 *   event                      → `evt`
 *   view                       → `rmo`  (a read model)
 *
 * in Mermaid's three swimlanes (triggers, commands and read models,
 * events). Its namespaces (`Booking.RoomBooked`) would give each lane of
 * events a stream of its own, but Mermaid 11.17 draws every frame with a
 * namespace in a swimlane of its own: the diagram has none.
 *
 * Aggregates, hotspots and comments have no frame. A frame's name is an
 * identifier made of the note's text (ASCII letters, digits and `_`: the
 * grammar takes nothing else); its fields, their types and examples go in
 * a data block the frame names, as lines of text that no field can end.
 *
 * Mermaid draws an arrow into each frame from the frame before it in
 * another swimlane, unless told which frames feed it (`->>`, which its
 * grammar allows only along the flow: trigger → command → event → read
 * model → trigger) or that nothing does (a reset frame, `rf`). The
 * board's connections decide: a frame lists what feeds it where the
 * grammar allows, keeps the inferred arrow where that arrow is one of its
 * connections, and is a reset frame otherwise, so that no arrow is drawn
 * that the board does not have.
 *
 * Text from the model only ever stands in a data block's line, a comment
 * or the front matter's title, each on one line and with `%%` (which
 * Mermaid reads as a directive or comment anywhere) broken apart. The
 * same document always gives the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-connection.h"
#include "sl-document.h"
#include "sl-element-list.h"
#include "sl-field.h"
#include "sl-mermaid.h"
#include "sl-note.h"
#include "sl-slice.h"

/* Mermaid's swimlane kinds */
typedef enum {
  TRIGGER,     /* ui, pcr */
  INTERACTION, /* cmd, rmo */
  EVENTS,      /* evt */
} Group;

typedef struct
{
  SlNote *note;
  const char *type;       /* "ui", "pcr", "cmd", "evt", "rmo" */
  Group group;
  char *identifier;
  guint number;
} Frame;

typedef struct
{
  SlDocument *document;
  GHashTable *order;      /* SlNote → its position in the document + 1 */
} Diagram;

static void
frame_free (Frame *frame)
{
  g_free (frame->identifier);
  g_free (frame);
}

/* Text */

/* @text on one line: runs of white space become one space, control
 * characters go, the ends are trimmed, and no two `%` stand together. */
static char *
safe_line (const char *text)
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
          else if (c == '%' && line->len > 0 && line->str[line->len - 1] == '%')
            g_string_append_c (line, ' ');
          space = FALSE;
          g_string_append_unichar (line, c);
        }
    }

  return g_string_free (line, FALSE);
}

/* "Book Room" → "BookRoom", "Check-in" → "CheckIn", "Gäste" → "Gaste":
 * what Mermaid takes as a name (an ASCII letter or `_`, then letters,
 * digits and `_`), or NULL when @text has no letter or digit it can keep.
 * Starting upper case, a name is never one of the grammar's keywords, nor
 * `title`, which its lexer would take for a title. */
static char *
identifier (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *ascii = g_str_to_ascii (valid, "C");
  GString *out = g_string_new (NULL);
  gboolean word_start = TRUE;

  for (const char *p = ascii; *p; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          word_start = TRUE;
          continue;
        }
      if (out->len == 0 && g_ascii_isdigit (*p))
        g_string_append_c (out, '_');
      g_string_append_c (out, word_start ? g_ascii_toupper (*p) : *p);
      word_start = FALSE;
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Notes */

static gboolean
frame_type (SlNoteKind   kind,
            const char **type,
            Group       *group)
{
  switch (kind)
    {
    case SL_NOTE_SCREEN:
    case SL_NOTE_ACTOR:
      *type = "ui";
      *group = TRIGGER;
      return TRUE;
    case SL_NOTE_AUTOMATION:
    case SL_NOTE_EXTERNAL:
      *type = "pcr";
      *group = TRIGGER;
      return TRUE;
    case SL_NOTE_COMMAND:
      *type = "cmd";
      *group = INTERACTION;
      return TRUE;
    case SL_NOTE_VIEW:
      *type = "rmo";
      *group = INTERACTION;
      return TRUE;
    case SL_NOTE_EVENT:
      *type = "evt";
      *group = EVENTS;
      return TRUE;
    case SL_NOTE_AGGREGATE:
    case SL_NOTE_HOTSPOT:
    case SL_NOTE_COMMENT:
    default:
      return FALSE;
    }
}

static gboolean
has_frame (SlNote *note)
{
  const char *type;
  Group group;

  return frame_type (sl_note_get_kind (note), &type, &group);
}

/* The fallback name of a note whose text gives none. */
static const char *
kind_identifier (SlNoteKind kind)
{
  switch (kind)
    {
    case SL_NOTE_SCREEN:
      return "Screen";
    case SL_NOTE_ACTOR:
      return "Actor";
    case SL_NOTE_AUTOMATION:
      return "Automation";
    case SL_NOTE_EXTERNAL:
      return "ExternalSystem";
    case SL_NOTE_COMMAND:
      return "Command";
    case SL_NOTE_VIEW:
      return "View";
    case SL_NOTE_EVENT:
    default:
      return "Event";
    }
}

static int
compare_timeline (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  Diagram *diagram = user_data;
  SlNote *first = *(SlNote * const *) a;
  SlNote *second = *(SlNote * const *) b;
  int order = sl_document_compare_timeline (diagram->document, first, second);
  guint first_order, second_order;

  if (order != 0)
    return order;

  first_order = GPOINTER_TO_UINT (g_hash_table_lookup (diagram->order, first));
  second_order = GPOINTER_TO_UINT (g_hash_table_lookup (diagram->order, second));
  return first_order < second_order ? -1 : first_order > second_order;
}

/* Whether @source feeds @target through a connection. */
static gboolean
feeds (Diagram *diagram,
       SlNote  *source,
       SlNote  *target)
{
  guint n = sl_document_get_n_note_connections (diagram->document, target);

  for (guint c = 0; c < n; c++)
    {
      SlConnection *connection = sl_document_get_note_connection (diagram->document, target, c);

      if (sl_connection_get_source (connection) == source && sl_connection_get_target (connection) == target)
        return TRUE;
    }
  return FALSE;
}

/* The most notes in a column whose order follows the connections. */
#define MAX_COLUMN 64

/* Puts @notes in timeline order; notes with the same left edge (a column
 * of the board: a screen, its command and its event, or a view and the
 * screen that shows it) then follow their connections, as Mermaid draws an
 * arrow only into a frame that comes after its source. */
static void
order_notes (Diagram   *diagram,
             GPtrArray *notes)
{
  g_ptr_array_sort_with_data (notes, compare_timeline, diagram);

  for (guint start = 0; start < notes->len;)
    {
      int x = sl_note_get_x (g_ptr_array_index (notes, start));
      guint end = start + 1;
      g_autoptr(GPtrArray) column = NULL;

      while (end < notes->len && sl_note_get_x (g_ptr_array_index (notes, end)) == x)
        end++;
      /* A board not yet laid out along the timeline keeps its order. */
      if (end - start > MAX_COLUMN)
        {
          start = end;
          continue;
        }

      column = g_ptr_array_new ();
      for (guint i = start; i < end; i++)
        g_ptr_array_add (column, g_ptr_array_index (notes, i));

      /* Each place takes the first note that nothing left in the column
       * feeds (the first left, in a circle). */
      for (guint place = start; place < end; place++)
        {
          guint pick = 0;

          for (guint i = 0; i < column->len; i++)
            {
              gboolean fed = FALSE;

              for (guint j = 0; j < column->len && !fed; j++)
                fed = j != i && feeds (diagram, g_ptr_array_index (column, j), g_ptr_array_index (column, i));
              if (!fed)
                {
                  pick = i;
                  break;
                }
            }
          notes->pdata[place] = g_ptr_array_steal_index (column, pick);
        }
      start = end;
    }
}

/* The frames */

static gboolean
same_swimlane (Frame *a,
               Frame *b)
{
  return a->group == b->group;
}

/* Whether Mermaid's grammar lets @source be named as feeding @target. */
static gboolean
may_feed (Frame *source,
          Frame *target)
{
  const char *from = source->type;
  const char *to = target->type;

  if (g_str_equal (to, "cmd"))
    return g_str_equal (from, "ui") || g_str_equal (from, "pcr");
  if (g_str_equal (to, "evt"))
    return g_str_equal (from, "cmd");
  if (g_str_equal (to, "rmo"))
    return g_str_equal (from, "evt");
  /* ui and pcr */
  return g_str_equal (from, "rmo");
}

static void
append_fields (GString *out,
               Frame   *frame,
               GString *data_name)
{
  guint n = sl_note_get_n_fields (frame->note);

  g_string_append_printf (out, "data %s {\n", data_name->str);
  for (guint i = 0; i < n; i++)
    {
      SlField *field = sl_note_get_field (frame->note, i);
      g_autofree char *name = safe_line (sl_field_get_name (field));
      g_autofree char *example = safe_line (sl_field_get_example (field) != NULL ? sl_field_get_example (field) : "");

      g_string_append_printf (out, "  %s%s: %s%s", name,
                              sl_field_has_flag (field, SL_FIELD_OPTIONAL) ? "?" : "",
                              sl_field_type_to_string (sl_field_get_value_type (field)),
                              sl_field_has_flag (field, SL_FIELD_LIST) ? "[]" : "");
      if (*example != 0)
        g_string_append_printf (out, " = %s", example);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "}\n");
}

static void
append_comment (GString    *out,
                const char *text)
{
  g_autofree char *line = safe_line (text);

  g_string_append_printf (out, "%%%% %s\n", line);
}

/* Writes the diagram of @notes (in timeline order) to @out. @slices: say
 * where each slice starts, in a comment. */
static void
append_diagram (Diagram    *diagram,
                GString    *out,
                GPtrArray  *notes,
                const char *title,
                gboolean    slices)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) frame_free);
  g_autoptr(GHashTable) frame_of = g_hash_table_new (NULL, NULL);
  guint n = MIN (notes->len, SL_MERMAID_MAX_FRAMES);
  int digits = n < 100 ? 2 : 3;
  SlSlice *last_slice = NULL;

  if (title != NULL && *title != 0)
    {
      g_autofree char *line = safe_line (title);

      g_string_append (out, "---\ntitle: \"");
      for (const char *p = line; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append (out, "\"\n---\n");
    }
  g_string_append (out, "eventmodeling\n");

  for (guint i = 0; i < n; i++)
    {
      Frame *frame = g_new0 (Frame, 1);

      frame->note = g_ptr_array_index (notes, i);
      frame_type (sl_note_get_kind (frame->note), &frame->type, &frame->group);
      frame->identifier = identifier (sl_note_get_text (frame->note));
      if (frame->identifier == NULL)
        frame->identifier = g_strdup (kind_identifier (sl_note_get_kind (frame->note)));
      frame->number = i + 1;
      g_ptr_array_add (frames, frame);
      g_hash_table_insert (frame_of, frame->note, frame);
    }

  for (guint i = 0; i < frames->len; i++)
    {
      Frame *frame = g_ptr_array_index (frames, i);
      g_autoptr(GPtrArray) sources = g_ptr_array_new ();
      g_autoptr(GPtrArray) named = g_ptr_array_new ();
      g_autoptr(GString) data_name = g_string_new (NULL);
      guint n_connections = sl_document_get_n_note_connections (diagram->document, frame->note);
      Frame *inferred = NULL;
      gboolean reset;

      if (slices)
        {
          SlSlice *slice = sl_document_get_note_slice (diagram->document, frame->note);

          if (slice != NULL && slice != last_slice)
            {
              /* Translators: a comment in a Mermaid diagram, before the first note of a slice */
              g_autofree char *comment = g_strdup_printf (_("Slice: %s"), sl_slice_get_name (slice));

              if (i > 0)
                g_string_append_c (out, '\n');
              append_comment (out, comment);
            }
          last_slice = slice;
        }

      /* What feeds the frame, among the frames before it. */
      for (guint c = 0; c < n_connections; c++)
        {
          SlConnection *connection = sl_document_get_note_connection (diagram->document, frame->note, c);
          Frame *source;

          if (sl_connection_get_target (connection) != frame->note)
            continue;
          source = g_hash_table_lookup (frame_of, sl_connection_get_source (connection));
          if (source == NULL || source->number >= frame->number || g_ptr_array_find (sources, source, NULL))
            continue;
          g_ptr_array_add (sources, source);
        }
      for (guint s = 0; s < sources->len; s++)
        for (guint t = s + 1; t < sources->len; t++)
          if (((Frame *) g_ptr_array_index (sources, t))->number < ((Frame *) g_ptr_array_index (sources, s))->number)
            {
              gpointer swap = sources->pdata[s];

              sources->pdata[s] = sources->pdata[t];
              sources->pdata[t] = swap;
            }
      for (guint s = 0; s < sources->len; s++)
        if (may_feed (g_ptr_array_index (sources, s), frame))
          g_ptr_array_add (named, g_ptr_array_index (sources, s));

      /* The arrow Mermaid would draw unless told. */
      for (guint j = i; j > 0 && inferred == NULL; j--)
        if (!same_swimlane (g_ptr_array_index (frames, j - 1), frame))
          inferred = g_ptr_array_index (frames, j - 1);

      reset = i > 0 && named->len == 0 && (inferred == NULL || !g_ptr_array_find (sources, inferred, NULL));

      g_string_append_printf (out, "%s %0*u %s ", reset ? "rf" : "tf", digits, frame->number, frame->type);
      g_string_append (out, frame->identifier);
      for (guint s = 0; s < named->len; s++)
        g_string_append_printf (out, " ->> %0*u", digits, ((Frame *) g_ptr_array_index (named, s))->number);

      if (sl_note_get_n_fields (frame->note) > 0)
        {
          g_string_printf (data_name, "%s_%0*u", frame->identifier, digits, frame->number);
          g_string_append_printf (out, " [[%s]]\n", data_name->str);
          append_fields (out, frame, data_name);
        }
      else
        g_string_append_c (out, '\n');
    }

  if (notes->len > n)
    {
      g_autofree char *comment =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u more note left out: a Mermaid diagram holds at most %u time frames",
                                      "%u more notes left out: a Mermaid diagram holds at most %u time frames",
                                      notes->len - n),
                         notes->len - n, SL_MERMAID_MAX_FRAMES);

      g_string_append_c (out, '\n');
      append_comment (out, comment);
    }
}

static void
diagram_init (Diagram    *diagram,
              SlDocument *document)
{
  GListModel *notes = sl_document_get_notes (document);

  diagram->document = document;
  diagram->order = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    g_hash_table_insert (diagram->order, sl_element_list_peek (SL_ELEMENT_LIST (notes), i),
                         GUINT_TO_POINTER (i + 1));
}

static void
diagram_clear (Diagram *diagram)
{
  g_hash_table_unref (diagram->order);
}

/**
 * sl_mermaid_board:
 * @document: a model
 * @title: (nullable): the title when @document has none of its own (the
 *   file's name, say)
 *
 * Writes the whole board as one Mermaid `eventmodeling` diagram, the
 * title in its front matter, a comment where each slice starts. A board
 * of more than %SL_MERMAID_MAX_FRAMES notes with a frame keeps the first
 * ones and says so in a comment.
 *
 * Returns: (transfer full): the diagram's text, which ends in a newline
 */
char *
sl_mermaid_board (SlDocument *document,
                  const char *title)
{
  GListModel *list;
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  Diagram diagram;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);

  diagram_init (&diagram, document);
  list = sl_document_get_notes (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (list), i);

      if (has_frame (note))
        g_ptr_array_add (notes, note);
    }
  order_notes (&diagram, notes);

  if (*sl_document_get_title (document) != 0)
    title = sl_document_get_title (document);
  append_diagram (&diagram, out, notes, title, TRUE);
  diagram_clear (&diagram);

  return g_string_free (out, FALSE);
}

/**
 * sl_mermaid_slice:
 * @document: a model
 * @slice: (nullable): one of its slices, or %NULL for what stands in none
 *
 * Writes the notes whose left edge stands in @slice (as the specification
 * groups them) as a Mermaid `eventmodeling` diagram, with the notes
 * outside it that feed them directly, so that a view shows the events it
 * is built from and a command what triggers it.
 *
 * Returns: (transfer full) (nullable): the diagram's text, which ends in
 *   a newline, or %NULL when no note with a frame stands in @slice
 */
char *
sl_mermaid_slice (SlDocument *document,
                  SlSlice    *slice)
{
  GListModel *list;
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();
  g_autoptr(GPtrArray) context = g_ptr_array_new ();
  GString *out;
  Diagram diagram;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (slice == NULL || SL_IS_SLICE (slice), NULL);

  list = sl_document_get_notes (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SlNote *note = sl_element_list_peek (SL_ELEMENT_LIST (list), i);

      if (has_frame (note) && sl_document_get_note_slice (document, note) == slice)
        g_ptr_array_add (notes, note);
    }
  if (notes->len == 0)
    return NULL;

  for (guint i = 0; i < notes->len; i++)
    {
      SlNote *note = g_ptr_array_index (notes, i);
      guint n = sl_document_get_n_note_connections (document, note);

      for (guint c = 0; c < n; c++)
        {
          SlConnection *connection = sl_document_get_note_connection (document, note, c);
          SlNote *source = sl_connection_get_source (connection);

          if (sl_connection_get_target (connection) == note && has_frame (source) &&
              !g_ptr_array_find (notes, source, NULL) && !g_ptr_array_find (context, source, NULL))
            g_ptr_array_add (context, source);
        }
    }
  g_ptr_array_extend (notes, context, NULL, NULL);

  diagram_init (&diagram, document);
  order_notes (&diagram, notes);
  out = g_string_new (NULL);
  append_diagram (&diagram, out, notes, NULL, FALSE);
  diagram_clear (&diagram);

  return g_string_free (out, FALSE);
}
