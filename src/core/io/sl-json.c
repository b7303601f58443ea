/* sl-json.c: reading JSON that may come from anywhere, fast and safely
 *
 * Model files reach 20 MB and come from git merges, other tools and
 * people's editors. json-glib 1.6 reads such a file at a fifth of the speed
 * the load targets need, crashes on deep nesting, misreads integers beyond
 * 64 bits and 1e999, keeps one of two duplicate keys silently, and knows no
 * line of a value once parsed. So Stormline reads JSON itself: strictly by
 * RFC 8259, into nodes allocated in blocks and freed at once, with every
 * node's place in the text kept for the messages, which say what is wrong
 * and where in words a person understands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "sl-json-private.h"

G_DEFINE_QUARK (sl-json-error-quark, sl_json_error)

typedef struct
{
  const char *key;
  SlJsonNode *value;
} Member;

/* 16 bytes: a 100,000-note model has four million nodes. */
struct _SlJsonNode
{
  guint32 offset;      /* where the value starts in the text */
  guint32 length : 29; /* items of an array or an object, bytes of a text */
  guint32 type : 3;
  union {
    gboolean boolean;
    gint64 integer;
    double number;
    const char *string;
    SlJsonNode **items;
    Member *members;
  };
};

#define BLOCK_SIZE (64 * 1024)

struct _SlJson
{
  char *text;           /* owned; strings are cut out of it in place */
  gsize length;
  GArray *newlines;     /* offsets of the text's line breaks, read before
                         * strings were cut out and got some of their own */
  SlJsonNode *root;
  GSList *blocks;       /* memory of nodes and strings */
  char *block;
  gsize block_used;
  gsize block_size;
  GPtrArray *skipped;   /* what SL_JSON_PARSE_SKIP_UNREADABLE left out, said */
};

typedef struct
{
  SlJson *json;
  const char *p;
  const char *end;
  const char *scanned;  /* how far line breaks are recorded */
  guint depth;
  guint n_values;
  guint max_values;     /* see SL_JSON_MAX_VALUES */
  SlJsonParseFlags flags;
  GPtrArray *stack;     /* children of the containers being read */
  GError **error;
} Parser;

static gpointer
arena_alloc (SlJson *json,
             gsize   size)
{
  gpointer mem;

  size = (size + 7) & ~(gsize) 7;
  if (json->block == NULL || json->block_used + size > json->block_size)
    {
      gsize block_size = MAX (BLOCK_SIZE, size);

      json->block = g_malloc (block_size);
      json->block_size = block_size;
      json->block_used = 0;
      json->blocks = g_slist_prepend (json->blocks, json->block);
    }

  mem = json->block + json->block_used;
  json->block_used += size;
  return mem;
}

static void
position_of (SlJson *json,
             gsize   offset,
             guint  *line,
             guint  *column)
{
  guint low = 0, high = json->newlines->len;
  const char *line_start;

  /* How many line breaks stand before @offset. */
  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (json->newlines, guint32, middle) < offset)
        low = middle + 1;
      else
        high = middle;
    }

  *line = low + 1;
  line_start = json->text + (low > 0 ? g_array_index (json->newlines, guint32, low - 1) + 1 : 0);

  /* Columns count characters; where the line holds a string already cut
   * out (or bad UTF-8), bytes. */
  if (g_utf8_validate_len (line_start, json->text + offset - line_start, NULL))
    *column = g_utf8_strlen (line_start, json->text + offset - line_start) + 1;
  else
    *column = json->text + offset - line_start + 1;
}

static guint64
physical_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  return pages > 0 && page_size > 0 ? (guint64) pages * page_size : G_MAXUINT64;
}

/**
 * sl_json_get_max_size:
 *
 * The largest file this computer can read: what its memory holds while
 * the file is read (%SL_JSON_MEMORY_FACTOR times the file's size), at
 * most %SL_JSON_MAX_SIZE.
 *
 * Returns: a size in bytes
 */
gsize
sl_json_get_max_size (void)
{
  return MIN (physical_memory () / SL_JSON_MEMORY_FACTOR, SL_JSON_MAX_SIZE);
}

/* @size: how large the file is, or 0 when only its start was read */
static void
set_too_large (GError **error,
               guint64  size,
               gsize    max_size)
{
  /* Sizes as text: translations cannot hold G_GUINT64_FORMAT. */
  g_autofree char *megabytes = g_strdup_printf ("%" G_GUINT64_FORMAT, size / (1024 * 1024));
  int max_megabytes = max_size / (1024 * 1024);
  g_autofree char *memory = g_strdup_printf ("%" G_GUINT64_FORMAT, physical_memory () / (1024 * 1024));

  if (size == 0)
    g_set_error (error, SL_JSON_ERROR, SL_JSON_ERROR_TOO_LARGE,
                 _("the file is larger than %d MB, the most that can be read"), max_megabytes);
  else if (max_size < SL_JSON_MAX_SIZE)
    g_set_error (error, SL_JSON_ERROR, SL_JSON_ERROR_TOO_LARGE,
                 _("the file is too large for the memory of this computer (%s MB; reading a file takes "
                   "%d times its size, and this computer has %s MB: at most %d MB can be read)"),
                 megabytes, SL_JSON_MEMORY_FACTOR, memory, max_megabytes);
  else
    g_set_error (error, SL_JSON_ERROR, SL_JSON_ERROR_TOO_LARGE,
                 _("the file is too large (%s MB; at most %d MB can be read)"), megabytes, max_megabytes);
}

/* Errors can stand past the last whitespace read: record the line breaks
 * up to them, in text no string was cut out of yet. */
static void
record_newlines_until (Parser     *parser,
                       const char *where)
{
  for (const char *q = parser->scanned; q != NULL && q < where; q++)
    if (*q == '\n')
      {
        guint32 offset = q - parser->json->text;

        g_array_append_val (parser->json->newlines, offset);
      }
  parser->scanned = MAX (parser->scanned, where);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at (Parser      *parser,
         const char  *where,
         SlJsonError  code,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  record_newlines_until (parser, where);
  position_of (parser->json, where - parser->json->text, &line, &column);
  /* Translators: the two numbers say where in a file a problem is */
  g_set_error (parser->error, SL_JSON_ERROR, code, _("line %u, column %u: %s"), line, column, what);
  return FALSE;
}

/* Tells, as fail_at() would, what SL_JSON_PARSE_SKIP_UNREADABLE read as
 * null instead of refusing it. */
G_GNUC_PRINTF (3, 4)
static void
skip_at (Parser     *parser,
         const char *where,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  record_newlines_until (parser, where);
  position_of (parser->json, where - parser->json->text, &line, &column);
  if (parser->json->skipped == NULL)
    parser->json->skipped = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (parser->json->skipped, g_strdup_printf (_("line %u, column %u: %s"), line, column, what));
}

static gboolean
fail_end (Parser *parser)
{
  return fail_at (parser, parser->end, SL_JSON_ERROR_SYNTAX,
                  _("the file ends too early: it may have been cut off"));
}

/* Outside strings, where line breaks are whitespace (JSON allows none in
 * strings), and before the parser has passed them. */
static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\t' || *parser->p == '\r'))
    {
      if (*parser->p == '\n')
        {
          guint32 offset = parser->p - parser->json->text;

          g_array_append_val (parser->json->newlines, offset);
        }
      parser->p++;
    }
  parser->scanned = MAX (parser->scanned, parser->p);
}

static SlJsonNode *
new_node (Parser     *parser,
          SlJsonType  type,
          const char *start)
{
  SlJsonNode *node = arena_alloc (parser->json, sizeof (SlJsonNode));

  node->type = type;
  node->offset = start - parser->json->text;
  node->length = 0;
  return node;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *value)
{
  *value = 0;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + digit;
    }
  return TRUE;
}

/* Reads a string starting at its quote into the arena. */
static const char *
read_string (Parser *parser,
             gsize  *length)
{
  const char *start = parser->p;
  const char *p = start + 1;
  gboolean plain = TRUE;
  char *out, *o;


  /* First pass: find the end, check the escapes and measure. */
  for (;;)
    {
      if (p >= parser->end)
        {
          fail_end (parser);
          return NULL;
        }
      if (*p == '"')
        break;
      if ((guchar) *p < 0x20)
        {
          fail_at (parser, p, SL_JSON_ERROR_SYNTAX,
                   *p == '\n' ? _("a text is not closed by a quote before the end of the line")
                              : _("a text contains a control character that must be written as an escape"));
          return NULL;
        }
      if (*p == '\\')
        {
          plain = FALSE;
          if (p + 1 >= parser->end)
            {
              fail_end (parser);
              return NULL;
            }
          if (p[1] == 'u')
            {
              gunichar c, low;

              if (p + 6 > parser->end || !read_hex4 (p + 2, &c))
                {
                  fail_at (parser, p, SL_JSON_ERROR_SYNTAX, _("“\\u” must be followed by four hexadecimal digits"));
                  return NULL;
                }
              /* Checked here, not while decoding: decoding writes over the
               * text, and a message's line is counted in it. */
              if (c >= 0xd800 && c < 0xdc00)
                {
                  if (p + 12 > parser->end || p[6] != '\\' || p[7] != 'u' || !read_hex4 (p + 8, &low) ||
                      low < 0xdc00 || low >= 0xe000)
                    {
                      fail_at (parser, p, SL_JSON_ERROR_ENCODING,
                               _("a “\\u” escape is half of a character without its other half"));
                      return NULL;
                    }
                  p += 6;
                }
              else if ((c >= 0xdc00 && c < 0xe000) || c == 0)
                {
                  fail_at (parser, p, SL_JSON_ERROR_ENCODING,
                           c == 0 ? _("a text contains a NUL character")
                                  : _("a “\\u” escape is half of a character without its other half"));
                  return NULL;
                }
              p += 6;
              continue;
            }
          if (!strchr ("\"\\/bfnrt", p[1]) || p[1] == 0)
            {
              /* The whole character, never a part of one: messages are UTF-8. */
              int n = g_utf8_next_char (p + 1) - (p + 1);

              fail_at (parser, p, SL_JSON_ERROR_SYNTAX, _("“\\%.*s” is not an escape JSON knows"),
                       n, p + 1);
              return NULL;
            }
          p += 2;
          continue;
        }
      p++;
    }

  /* The string is cut out of the text in place: escapes only ever shrink,
   * and the closing quote becomes its end. Nothing else reads the text
   * between the quotes again, and positions only count newlines, which no
   * string holds. */
  out = o = (char *) start + 1;
  if (plain)
    o = (char *) p;
  else
    for (const char *q = start + 1; q < p;)
      {
        if (*q != '\\')
          {
            *o++ = *q++;
            continue;
          }

        switch (q[1])
          {
          case 'b': *o++ = '\b'; q += 2; break;
          case 'f': *o++ = '\f'; q += 2; break;
          case 'n': *o++ = '\n'; q += 2; break;
          case 'r': *o++ = '\r'; q += 2; break;
          case 't': *o++ = '\t'; q += 2; break;
          case 'u':
            {
              gunichar c, low;

              read_hex4 (q + 2, &c);
              q += 6;
              if (c >= 0xd800 && c < 0xdc00)
                {
                  read_hex4 (q + 2, &low);
                  c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                  q += 6;
                }
              o += g_unichar_to_utf8 (c, o);
              break;
            }
          default: /* " \ / */
            *o++ = q[1];
            q += 2;
            break;
          }
      }
  *o = 0;

  parser->p = p + 1;
  *length = o - out;
  return out;
}

/* A member's key and the colon after it, the parser at its quote; the
 * key is not empty. */
static const char *
read_key (Parser *parser,
          gsize  *length)
{
  const char *key;

  if (*parser->p != '"')
    {
      fail_at (parser, parser->p, SL_JSON_ERROR_SYNTAX, _("a key in double quotes was expected"));
      return NULL;
    }
  if (!(key = read_string (parser, length)))
    return NULL;
  if (*length == 0)
    {
      fail_at (parser, parser->p - 2, SL_JSON_ERROR_SYNTAX, _("a key is empty"));
      return NULL;
    }

  skip_space (parser);
  if (parser->p >= parser->end)
    {
      fail_end (parser);
      return NULL;
    }
  if (*parser->p != ':')
    {
      fail_at (parser, parser->p, SL_JSON_ERROR_SYNTAX, _("a colon is missing after a key"));
      return NULL;
    }
  parser->p++;
  return key;
}


static gboolean
integer_fits (const char *digits,
              gsize       length,
              gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  if (length != 19)
    return length < 19;
  return strncmp (digits, limit, 19) <= 0;
}

/* Checks the syntax of the number at the parser's place: returns its end
 * and whether it is an integer, or %NULL. */
static const char *
scan_number (Parser   *parser,
             gboolean *integer)
{
  const char *start = parser->p;
  const char *p = start;

  *integer = TRUE;
  if (*p == '-')
    p++;

  if (p < parser->end && *p == '0')
    {
      p++;
      if (p < parser->end && g_ascii_isdigit (*p))
        {
          fail_at (parser, start, SL_JSON_ERROR_SYNTAX, _("a number starts with a 0 it must not have"));
          return NULL;
        }
    }
  else if (p < parser->end && g_ascii_isdigit (*p))
    while (p < parser->end && g_ascii_isdigit (*p))
      p++;
  else
    {
      fail_at (parser, start, SL_JSON_ERROR_SYNTAX, _("a number has no digits"));
      return NULL;
    }

  if (p < parser->end && *p == '.')
    {
      *integer = FALSE;
      p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          fail_at (parser, start, SL_JSON_ERROR_SYNTAX, _("a number has no digits after its point"));
          return NULL;
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      *integer = FALSE;
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          fail_at (parser, start, SL_JSON_ERROR_SYNTAX, _("a number has no digits in its exponent"));
          return NULL;
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }

  return p;
}

static SlJsonNode *
read_number (Parser *parser)
{
  const char *start = parser->p;
  const char *digits = *start == '-' ? start + 1 : start;
  gboolean negative = *start == '-', integer;
  const char *p = scan_number (parser, &integer);
  SlJsonNode *node;

  if (p == NULL)
    return NULL;

  if (integer)
    {
      gint64 value = 0;

      if (!integer_fits (digits, p - digits, negative))
        {
          if (parser->flags & SL_JSON_PARSE_SKIP_UNREADABLE)
            {
              skip_at (parser, start, _("the number %.*s is too large to read and was left out"),
                       (int) MIN (p - start, 40), start);
              parser->p = p;
              return new_node (parser, SL_JSON_NULL, start);
            }
          fail_at (parser, start, SL_JSON_ERROR_NUMBER, _("the number %.*s is too large"),
                   (int) MIN (p - start, 40), start);
          return NULL;
        }

      /* Accumulate negatively: -9223372036854775808 has no positive twin. */
      for (const char *d = digits; d < p; d++)
        value = value * 10 - (*d - '0');

      node = new_node (parser, SL_JSON_INTEGER, start);
      node->integer = negative ? value : -value;
    }
  else
    {
      char buffer[64];
      double value;

      if (p - start >= (gssize) sizeof buffer)
        {
          if (parser->flags & SL_JSON_PARSE_SKIP_UNREADABLE)
            {
              skip_at (parser, start, _("the number %.40s… is too long to read and was left out"), start);
              parser->p = p;
              return new_node (parser, SL_JSON_NULL, start);
            }
          fail_at (parser, start, SL_JSON_ERROR_NUMBER, _("the number %.40s… is too long"), start);
          return NULL;
        }
      memcpy (buffer, start, p - start);
      buffer[p - start] = 0;
      value = g_ascii_strtod (buffer, NULL);
      if (!isfinite (value))
        {
          if (parser->flags & SL_JSON_PARSE_SKIP_UNREADABLE)
            {
              skip_at (parser, start, _("the number %s is too large to read and was left out"), buffer);
              parser->p = p;
              return new_node (parser, SL_JSON_NULL, start);
            }
          fail_at (parser, start, SL_JSON_ERROR_NUMBER, _("the number %s is too large"), buffer);
          return NULL;
        }

      node = new_node (parser, SL_JSON_DOUBLE, start);
      node->number = value;
    }

  parser->p = p;
  return node;
}

static SlJsonNode *read_value (Parser *parser);

static gboolean
enter (Parser     *parser,
       const char *where)
{
  if (++parser->depth > SL_JSON_MAX_DEPTH)
    return fail_at (parser, where, SL_JSON_ERROR_TOO_DEEP,
                    g_dngettext (GETTEXT_PACKAGE, "the data is nested more than %d level deep",
                                 "the data is nested more than %d levels deep", SL_JSON_MAX_DEPTH),
                    SL_JSON_MAX_DEPTH);
  return TRUE;
}

static gboolean
expect_separator (Parser *parser,
                  char    close)
{
  skip_space (parser);
  if (parser->p >= parser->end)
    return fail_end (parser);
  if (*parser->p == ',')
    {
      parser->p++;
      skip_space (parser);
      if (parser->p < parser->end && *parser->p == close)
        return fail_at (parser, parser->p, SL_JSON_ERROR_SYNTAX,
                        _("a comma stands before a closing bracket"));
      return TRUE;
    }
  if (*parser->p == close)
    return TRUE;

  return fail_at (parser, parser->p, SL_JSON_ERROR_SYNTAX, _("a comma is missing"));
}

static SlJsonNode *
read_array (Parser *parser)
{
  const char *start = parser->p;
  guint base = parser->stack->len;
  SlJsonNode *node;

  if (!enter (parser, start))
    return NULL;

  parser->p++;
  skip_space (parser);
  while (parser->p < parser->end && *parser->p != ']')
    {
      SlJsonNode *item = read_value (parser);

      if (item == NULL || !expect_separator (parser, ']'))
        return NULL;
      g_ptr_array_add (parser->stack, item);
    }
  if (parser->p >= parser->end)
    {
      fail_end (parser);
      return NULL;
    }
  parser->p++;
  parser->depth--;

  node = new_node (parser, SL_JSON_ARRAY, start);
  node->length = parser->stack->len - base;
  node->items = arena_alloc (parser->json, node->length * sizeof (SlJsonNode *));
  memcpy (node->items, parser->stack->pdata + base, node->length * sizeof (SlJsonNode *));
  g_ptr_array_set_size (parser->stack, base);
  return node;
}

static gboolean
check_duplicate_keys (Parser *parser,
                      guint   base,
                      guint   n)
{
  g_autoptr(GHashTable) keys = NULL;
  gpointer *pairs = parser->stack->pdata + base;

  /* Objects of models are small: compare pairwise; a hash for large ones. */
  if (n > 16)
    keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const char *key = pairs[2 * i];
      gboolean seen = FALSE;

      if (keys != NULL)
        seen = !g_hash_table_add (keys, (char *) key);
      else
        for (guint j = 0; j < i && !seen; j++)
          seen = strcmp (pairs[2 * j], key) == 0;

      if (seen)
        {
          SlJsonNode *value = pairs[2 * i + 1];

          return fail_at (parser, parser->json->text + value->offset, SL_JSON_ERROR_SYNTAX,
                          _("the key “%s” appears twice in the same object"), key);
        }
    }

  return TRUE;
}

static SlJsonNode *
read_object (Parser *parser)
{
  const char *start = parser->p;
  guint base = parser->stack->len;
  SlJsonNode *node;
  guint n;

  if (!enter (parser, start))
    return NULL;

  parser->p++;
  skip_space (parser);
  while (parser->p < parser->end && *parser->p != '}')
    {
      const char *key;
      SlJsonNode *value;
      gsize length;

      if (!(key = read_key (parser, &length)))
        return NULL;

      if (!(value = read_value (parser)) || !expect_separator (parser, '}'))
        return NULL;

      g_ptr_array_add (parser->stack, (char *) key);
      g_ptr_array_add (parser->stack, value);
    }
  if (parser->p >= parser->end)
    {
      fail_end (parser);
      return NULL;
    }
  parser->p++;
  parser->depth--;

  n = (parser->stack->len - base) / 2;
  if (!check_duplicate_keys (parser, base, n))
    return NULL;

  node = new_node (parser, SL_JSON_OBJECT, start);
  node->length = n;
  node->members = arena_alloc (parser->json, n * sizeof (Member));
  memcpy (node->members, parser->stack->pdata + base, n * sizeof (Member));
  g_ptr_array_set_size (parser->stack, base);
  return node;
}

static gboolean
match_word (Parser     *parser,
            const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (parser->end - parser->p) >= length && memcmp (parser->p, word, length) == 0 &&
      (parser->p + length == parser->end || !g_ascii_isalnum (parser->p[length])))
    {
      parser->p += length;
      return TRUE;
    }
  return FALSE;
}

/* Reads past the object or array at the parser's place, nested too deep
 * to be read, for SL_JSON_PARSE_SKIP_UNREADABLE: checks its syntax as
 * read_value() would, without recursion, and builds nothing. */
static SlJsonNode *
skip_nested (Parser *parser)
{
  g_autoptr(GByteArray) closers = g_byte_array_new ();  /* of the containers open */
  const char *start = parser->p;
  gsize length;

  for (;;)
    {
      guint8 closer;
      gboolean integer;

      /* A value */
      skip_space (parser);
      if (parser->p >= parser->end)
        {
          fail_end (parser);
          return NULL;
        }
      if (*parser->p == '{' || *parser->p == '[')
        {
          closer = *parser->p == '{' ? '}' : ']';
          g_byte_array_append (closers, &closer, 1);
          parser->p++;
          skip_space (parser);
          if (parser->p < parser->end && *parser->p == closer)
            {
              parser->p++;
              g_byte_array_set_size (closers, closers->len - 1);
            }
          else if (closer == '}')
            goto key;
          else
            continue;
        }
      else if (*parser->p == '"')
        {
          if (!read_string (parser, &length))
            return NULL;
        }
      else if (*parser->p == '-' || g_ascii_isdigit (*parser->p))
        {
          const char *end = scan_number (parser, &integer);

          if (end == NULL)
            return NULL;
          parser->p = end;
        }
      else if (!match_word (parser, "true") && !match_word (parser, "false") && !match_word (parser, "null"))
        {
          /* Says what is wrong as read_value() does. */
          read_value (parser);
          return NULL;
        }

      /* After a value: a comma, or the end of containers. */
      for (;;)
        {
          if (closers->len == 0)
            {
              skip_at (parser, start,
                       g_dngettext (GETTEXT_PACKAGE, "data nested more than %d level deep was left out",
                                    "data nested more than %d levels deep was left out", SL_JSON_MAX_DEPTH),
                       SL_JSON_MAX_DEPTH);
              return new_node (parser, SL_JSON_NULL, start);
            }
          closer = closers->data[closers->len - 1];
          if (!expect_separator (parser, closer))
            return NULL;
          if (*parser->p != closer)
            break;
          parser->p++;
          g_byte_array_set_size (closers, closers->len - 1);
        }
      if (closer == ']')
        continue;

    key:
      if (parser->p >= parser->end)
        {
          fail_end (parser);
          return NULL;
        }
      if (!read_key (parser, &length))
        return NULL;
    }
}

static SlJsonNode *
read_value (Parser *parser)
{
  const char *start;
  SlJsonNode *node;

  skip_space (parser);
  if (parser->p >= parser->end)
    {
      fail_end (parser);
      return NULL;
    }

  /* Each value costs memory while it is read, however short its text:
   * refused before it is spent. */
  if (++parser->n_values > parser->max_values)
    {
      fail_at (parser, parser->p, SL_JSON_ERROR_TOO_MANY,
               g_dngettext (GETTEXT_PACKAGE,
                            "the file holds more than %d value, more than a model can: split it into smaller models",
                            "the file holds more than %d values, more than a model can: split it into smaller models",
                            parser->max_values),
               (int) parser->max_values);
      return NULL;
    }

  start = parser->p;
  switch (*start)
    {
    case '{':
    case '[':
      if (parser->depth >= SL_JSON_MAX_DEPTH && (parser->flags & SL_JSON_PARSE_SKIP_UNREADABLE))
        return skip_nested (parser);
      return *start == '{' ? read_object (parser) : read_array (parser);

    case '"':
      {
        gsize length;
        const char *string = read_string (parser, &length);

        if (string == NULL)
          return NULL;
        node = new_node (parser, SL_JSON_STRING, start);
        node->string = string;
        node->length = MIN (length, (1u << 29) - 1);
        return node;
      }

    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (parser);

    default:
      if (match_word (parser, "true") || match_word (parser, "false"))
        {
          node = new_node (parser, SL_JSON_BOOLEAN, start);
          node->boolean = *start == 't';
          return node;
        }
      if (match_word (parser, "null"))
        return new_node (parser, SL_JSON_NULL, start);

      if (*start == ']' || *start == '}')
        fail_at (parser, start, SL_JSON_ERROR_SYNTAX, _("“%c” closes nothing"), *start);
      else if (g_unichar_isalpha (g_utf8_get_char (start)))
        fail_at (parser, start, SL_JSON_ERROR_SYNTAX, _("a word stands outside quotes"));
      else
        {
          /* The whole character, never a part of one: messages are UTF-8. */
          int length = g_utf8_next_char (start) - start;

          fail_at (parser, start, SL_JSON_ERROR_SYNTAX, _("“%.*s” cannot start a value"),
                   length, start);
        }
      return NULL;
    }
}

static SlJson *
parse_take (char              *data,
            gsize              length,
            SlJsonParseFlags   flags,
            GError           **error)
{
  g_autoptr(SlJson) json = NULL;
  g_autoptr(GPtrArray) stack = NULL;
  const char *invalid = NULL;
  gsize max_size = sl_json_get_max_size ();
  Parser parser;

  json = g_new0 (SlJson, 1);
  json->text = data;
  json->length = length;
  json->newlines = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (length > max_size)
    {
      set_too_large (error, length, max_size);
      return NULL;
    }

  stack = g_ptr_array_sized_new (256);
  parser = (Parser) {
    .json = json,
    .p = json->text,
    .end = json->text + length,
    .scanned = json->text,
    .max_values = MAX (SL_JSON_MAX_VALUES, length / SL_JSON_BYTES_A_VALUE),
    .flags = flags,
    .stack = stack,
    .error = error,
  };

  if (!g_utf8_validate_len (json->text, length, &invalid))
    {
      if (*invalid == 0)
        fail_at (&parser, invalid, SL_JSON_ERROR_ENCODING,
                 _("the file contains a NUL byte, which text never does"));
      else
        fail_at (&parser, invalid, SL_JSON_ERROR_ENCODING,
                 _("the file is not UTF-8 text (byte 0x%02x)"), (guchar) *invalid);
      return NULL;
    }

  /* Editors on some systems start UTF-8 files with a byte order mark. */
  if (length >= 3 && memcmp (parser.p, "\xef\xbb\xbf", 3) == 0)
    parser.p += 3;

  skip_space (&parser);
  if (parser.p >= parser.end)
    {
      g_set_error_literal (error, SL_JSON_ERROR, SL_JSON_ERROR_SYNTAX, _("the file is empty"));
      return NULL;
    }

  if (!(json->root = read_value (&parser)))
    return NULL;

  skip_space (&parser);
  if (parser.p < parser.end)
    {
      fail_at (&parser, parser.p, SL_JSON_ERROR_SYNTAX,
               _("more text follows the end of the data"));
      return NULL;
    }

  return g_steal_pointer (&json);
}

/**
 * sl_json_parse_take:
 * @data: (transfer full): the text, followed by a NUL byte at @length
 *
 * Parses JSON text that may come from anywhere, in place: the strings of
 * the nodes are cut out of @data, which the result owns.
 *
 * Returns: (transfer full): the parsed text, or %NULL with @error set to a
 *   #SL_JSON_ERROR that says what is wrong and where
 */
SlJson *
sl_json_parse_take (char    *data,
                    gsize    length,
                    GError **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data[length] == 0, NULL);

  return parse_take (data, length, SL_JSON_PARSE_STRICT, error);
}

/**
 * sl_json_parse:
 *
 * Parses a copy of @data, like sl_json_parse_take().
 *
 * Returns: (transfer full): the parsed text, or %NULL with @error set
 */
SlJson *
sl_json_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  return sl_json_parse_with_flags (data, length, SL_JSON_PARSE_STRICT, error);
}

/**
 * sl_json_parse_with_flags:
 *
 * Parses a copy of @data, like sl_json_parse_take(), as @flags say.
 *
 * Returns: (transfer full): the parsed text, or %NULL with @error set
 */
SlJson *
sl_json_parse_with_flags (const char        *data,
                          gsize              length,
                          SlJsonParseFlags   flags,
                          GError           **error)
{
  gsize max_size;
  char *copy;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  max_size = sl_json_get_max_size ();
  if (length > max_size)
    {
      set_too_large (error, length, max_size);
      return NULL;
    }

  /* An empty GBytes has no data at all: memcpy() must not see its NULL. */
  copy = g_malloc (length + 1);
  if (length > 0)
    memcpy (copy, data, length);
  copy[length] = 0;
  return parse_take (copy, length, flags, error);
}

void
sl_json_free (SlJson *json)
{
  if (json == NULL)
    return;

  g_slist_free_full (json->blocks, g_free);
  g_clear_pointer (&json->newlines, g_array_unref);
  g_clear_pointer (&json->skipped, g_ptr_array_unref);
  g_free (json->text);
  g_free (json);
}

/**
 * sl_json_get_root:
 *
 * Returns: (transfer none): the value the text holds
 */
SlJsonNode *
sl_json_get_root (SlJson *json)
{
  g_return_val_if_fail (json != NULL, NULL);

  return json->root;
}

/**
 * sl_json_get_position:
 *
 * Says where @node starts in the text, counting from 1.
 */
void
sl_json_get_position (SlJson     *json,
                      SlJsonNode *node,
                      guint      *line,
                      guint      *column)
{
  g_return_if_fail (json != NULL);
  g_return_if_fail (node != NULL);

  position_of (json, node->offset, line, column);
}

/**
 * sl_json_get_skipped:
 *
 * Returns: (transfer none) (nullable) (element-type utf8): what
 *   %SL_JSON_PARSE_SKIP_UNREADABLE read as null, one sentence each that
 *   starts with its line and column, or %NULL when nothing was
 */
GPtrArray *
sl_json_get_skipped (SlJson *json)
{
  g_return_val_if_fail (json != NULL, NULL);

  return json->skipped;
}

SlJsonType
sl_json_node_get_type (SlJsonNode *node)
{
  g_return_val_if_fail (node != NULL, SL_JSON_NULL);

  return node->type;
}

/**
 * sl_json_node_type_name:
 *
 * Returns: what @node is, in words for messages ("a number", "a list")
 */
const char *
sl_json_node_type_name (SlJsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (node->type)
    {
    /* Translators: JSON's empty value, in "… must be a text, not null" */
    case SL_JSON_NULL:    return _("null");
    case SL_JSON_BOOLEAN: return _("true or false");
    case SL_JSON_INTEGER: return _("a whole number");
    case SL_JSON_DOUBLE:  return _("a number with a fraction or an exponent");
    case SL_JSON_STRING:  return _("a text");
    case SL_JSON_ARRAY:   return _("a list […]");
    case SL_JSON_OBJECT:  return _("an object {…}");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
sl_json_node_get_boolean (SlJsonNode *node)
{
  g_return_val_if_fail (node != NULL && node->type == SL_JSON_BOOLEAN, FALSE);

  return node->boolean;
}

gint64
sl_json_node_get_integer (SlJsonNode *node)
{
  g_return_val_if_fail (node != NULL && node->type == SL_JSON_INTEGER, 0);

  return node->integer;
}

double
sl_json_node_get_double (SlJsonNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  g_return_val_if_fail (node->type == SL_JSON_DOUBLE || node->type == SL_JSON_INTEGER, 0);

  return node->type == SL_JSON_DOUBLE ? node->number : (double) node->integer;
}

/**
 * sl_json_node_get_string:
 *
 * Returns: the text, valid UTF-8 without NUL characters
 */
const char *
sl_json_node_get_string (SlJsonNode *node)
{
  g_return_val_if_fail (node != NULL && node->type == SL_JSON_STRING, NULL);

  return node->string;
}

guint
sl_json_node_get_length (SlJsonNode *node)
{
  g_return_val_if_fail (node != NULL, 0);
  g_return_val_if_fail (node->type == SL_JSON_ARRAY || node->type == SL_JSON_OBJECT, 0);

  return node->length;
}

SlJsonNode *
sl_json_array_get (SlJsonNode *node,
                   guint       index)
{
  g_return_val_if_fail (node != NULL && node->type == SL_JSON_ARRAY, NULL);
  g_return_val_if_fail (index < node->length, NULL);

  return node->items[index];
}

const char *
sl_json_object_get_key (SlJsonNode *node,
                        guint       index)
{
  g_return_val_if_fail (node != NULL && node->type == SL_JSON_OBJECT, NULL);
  g_return_val_if_fail (index < node->length, NULL);

  return node->members[index].key;
}

SlJsonNode *
sl_json_object_get_value (SlJsonNode *node,
                          guint       index)
{
  g_return_val_if_fail (node != NULL && node->type == SL_JSON_OBJECT, NULL);
  g_return_val_if_fail (index < node->length, NULL);

  return node->members[index].value;
}

/**
 * sl_json_object_get:
 *
 * Returns: (nullable): the value of @key in the object @node
 */
SlJsonNode *
sl_json_object_get (SlJsonNode *node,
                    const char *key)
{
  g_return_val_if_fail (node != NULL && node->type == SL_JSON_OBJECT, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < node->length; i++)
    if (node->members[i].key[0] == key[0] && strcmp (node->members[i].key, key) == 0)
      return node->members[i].value;

  return NULL;
}

/* Refuses what cannot be read as a file: a folder, a device (reading
 * /dev/zero would never end), a socket. A pipe is read, to its end. */
static gboolean
check_readable_type (GFileInfo  *info,
                     GError    **error)
{
  guint32 mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE);
  const char *message;

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      message = _("this is a folder, not a file");
      break;

    case G_FILE_TYPE_SPECIAL:
      if (S_ISFIFO (mode))
        return TRUE;
      else if (S_ISCHR (mode) || S_ISBLK (mode))
        message = _("this is a device, not a file");
      else if (S_ISSOCK (mode))
        message = _("this is a socket, not a file");
      else
        message = _("this is not a regular file");
      break;

    default:
      return TRUE;
    }

  g_set_error_literal (error, SL_JSON_ERROR, SL_JSON_ERROR_READ, message);
  return FALSE;
}

/* Reads @stream to its end, or one byte past @max_size, which is enough
 * to refuse it: a pipe, or a file that grows while it is read, has no
 * size to check first. A file read as large as it said it was takes one
 * buffer of its size: growing one would copy a large model twice. */
static char *
read_stream (GInputStream  *stream,
             gsize          expected_size,
             gsize          max_size,
             gsize         *length,
             GError       **error)
{
  gsize capacity = MIN (expected_size, max_size) + 1;
  char *contents = g_malloc (capacity);

  *length = 0;
  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (stream, contents + *length, capacity - *length, &n, NULL, error))
        {
          g_free (contents);
          return NULL;
        }
      *length += n;

      /* At its end, with room left for the NUL; or past the limit. */
      if (*length < capacity || capacity > max_size)
        return contents;

      capacity = MIN (MAX (capacity * 2, 64 * 1024), max_size + 1);
      contents = g_realloc (contents, capacity);
    }
}

/**
 * sl_json_read_file:
 *
 * Reads a file of at most sl_json_get_max_size() bytes, or a pipe. The data is
 * followed by a NUL byte that the size of the bytes does not count.
 *
 * Returns: (transfer full): the file's contents, or %NULL with @error set
 *   to a #SL_JSON_ERROR that says what went wrong
 */
GBytes *
sl_json_read_file (GFile   *file,
                   GError **error)
{
  return _sl_json_read_file_at_most (file, sl_json_get_max_size (), error);
}

/* sl_json_read_file() with a limit of its own: the tests read a pipe past
 * a limit without feeding it the gigabytes of the real one. */
GBytes *
_sl_json_read_file_at_most (GFile   *file,
                            gsize    max_size,
                            GError **error)
{
  static const char attributes[] = G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                   G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                   G_FILE_ATTRIBUTE_UNIX_MODE;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInfo) opened_info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* What the name stands for is checked before it is opened: opening a
   * device can do more than reading it. */
  info = g_file_query_info (file, attributes, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, SL_JSON_ERROR, SL_JSON_ERROR_READ,
                             _("the file does not exist"));
      else
        g_set_error (error, SL_JSON_ERROR, SL_JSON_ERROR_READ,
                     _("the file cannot be read: %s"), local_error->message);
      return NULL;
    }
  if (!check_readable_type (info, error))
    return NULL;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error_literal (error, SL_JSON_ERROR, SL_JSON_ERROR_READ,
                             _("you are not allowed to read this file"));
      else
        g_set_error (error, SL_JSON_ERROR, SL_JSON_ERROR_READ,
                     _("the file cannot be read: %s"), local_error->message);
      return NULL;
    }

  /* What was opened, which may not be what was looked at a moment ago. */
  opened_info = g_file_input_stream_query_info (stream, attributes, NULL, NULL);
  if (opened_info != NULL)
    g_set_object (&info, opened_info);
  if (!check_readable_type (info, error))
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      (guint64) g_file_info_get_size (info) > max_size)
    {
      set_too_large (error, g_file_info_get_size (info), max_size);
      return NULL;
    }

  /* Read once: a pipe cannot be read again, and what a second read of
   * /dev/stdin finds is what the first one left, without its start. */
  contents = read_stream (G_INPUT_STREAM (stream),
                          g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR ? g_file_info_get_size (info) : 0,
                          max_size, &length, &local_error);
  if (contents == NULL)
    {
      g_set_error (error, SL_JSON_ERROR, SL_JSON_ERROR_READ,
                   _("the file cannot be read: %s"), local_error->message);
      return NULL;
    }

  if (length > max_size)
    {
      g_free (contents);
      set_too_large (error, 0, max_size);
      return NULL;
    }

  contents[length] = 0;
  return g_bytes_new_take (contents, length);
}
