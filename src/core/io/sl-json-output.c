/* sl-json-output.c: JSON that Stormline writes for other programs
 *
 * What other programs read (stormline-cli check --json, the eventmodelers
 * export) is built with json-glib; what Stormline reads goes through its
 * own strict reader (sl-json.c), and *.stormline files through the
 * canonical writer (sl-writer.c). ARCHITECTURE.md says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-json-output.h"

/**
 * sl_json_output_generate:
 * @builder: a builder holding one complete value
 * @pretty: whether to indent by two spaces, for people who read the output
 *   in diffs and editors, or to write it on one line
 *
 * Returns: (transfer full): the value as JSON text, with no newline at
 *   its end
 */
GString *
sl_json_output_generate (JsonBuilder *builder,
                         gboolean     pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (JSON_IS_BUILDER (builder), out);

  root = json_builder_get_root (builder);
  g_return_val_if_fail (root != NULL, out);

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
  /* json-glib 1.6 writes U+001F unescaped, which JSON forbids; a 0x1f byte
   * of UTF-8 is always that character, never part of another. */
  g_string_replace (out, "\x1f", "\\u001f", 0);

  return out;
}
