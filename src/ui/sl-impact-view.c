/* sl-impact-view.c: what a change would break, in words and in a dialog
 *
 * A removal that breaks nothing is one click, as before (the window
 * offers Undo). One that would leave fields without their origin or
 * destination, touch a scenario, or make a warning or an error appear
 * asks first, listing what, with Cancel as the default: the dialog is
 * the exception, for the removals a user may not have seen the reach of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-alert.h"
#include "sl-impact-view.h"

/* How many fields the sentence under a row names before it counts. */
#define MAX_NAMED 2

typedef struct
{
  SlImpactConfirmFunc func;
  gpointer user_data;
  GDestroyNotify destroy_data;
} Request;

static void
request_free (Request *request)
{
  if (request->destroy_data != NULL)
    request->destroy_data (request->user_data);
  g_free (request);
}

static char *
item_place (const SlImpactItem *item)
{
  if (item->field == NULL)
    return g_strdup (item->note_text);

  /* Translators: a field and the note it belongs to: “Book Room · guestId” */
  return g_strdup_printf (_("%s · %s"), item->note_text, item->field);
}

/* The list of fields that says @item, for a field that would lose its
 * origin or destination, or SL_N_IMPACT_LISTS. */
static SlImpactList
field_list_of (const SlImpactItem *item)
{
  if (g_str_equal (item->rule, "field-no-origin"))
    return SL_IMPACT_LOST_ORIGIN;
  if (g_str_equal (item->rule, "field-no-destination"))
    return SL_IMPACT_LOST_DESTINATION;
  return SL_N_IMPACT_LISTS;
}

/* Whether a problem that would appear is said by the lists of fields
 * already, or is only a hint. The field changed itself is in no list:
 * a field renamed that would have no origin is not said otherwise. */
static gboolean
is_said_otherwise (SlImpact           *impact,
                   const SlImpactItem *item)
{
  SlImpactList list = field_list_of (item);

  if (item->severity == SL_SEVERITY_INFO)
    return TRUE;
  if (list == SL_N_IMPACT_LISTS)
    return FALSE;

  for (guint i = 0; i < sl_impact_get_n_items (impact, list); i++)
    {
      const SlImpactItem *listed = sl_impact_get_item (impact, list, i);

      if (g_strcmp0 (listed->note_id, item->note_id) == 0 && g_strcmp0 (listed->field, item->field) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A field's own problem, said by describe_rename() in words of its own. */
static gboolean
is_own_field_problem (SlImpact           *impact,
                      const SlImpactItem *item)
{
  return field_list_of (item) != SL_N_IMPACT_LISTS && !is_said_otherwise (impact, item);
}

static guint
count_other_problems (SlImpact *impact)
{
  guint n = 0;

  for (guint i = 0; i < sl_impact_get_n_items (impact, SL_IMPACT_NEW_PROBLEMS); i++)
    {
      const SlImpactItem *item = sl_impact_get_item (impact, SL_IMPACT_NEW_PROBLEMS, i);

      n += !is_said_otherwise (impact, item) && !is_own_field_problem (impact, item);
    }

  return n;
}

/* What the field renamed would miss itself: “roomNo” would have no origin. */
static void
describe_own_field (GPtrArray *parts,
                    SlImpact  *impact)
{
  for (guint i = 0; i < sl_impact_get_n_items (impact, SL_IMPACT_NEW_PROBLEMS); i++)
    {
      const SlImpactItem *item = sl_impact_get_item (impact, SL_IMPACT_NEW_PROBLEMS, i);

      if (!is_own_field_problem (impact, item))
        continue;
      if (field_list_of (item) == SL_IMPACT_LOST_ORIGIN)
        /* Translators: the field's new name */
        g_ptr_array_add (parts, g_strdup_printf (_("“%s” would have no origin"), item->field));
      else
        /* Translators: the field's new name */
        g_ptr_array_add (parts, g_strdup_printf (_("“%s” would have no destination"), item->field));
    }
}

static void
describe_fields (GPtrArray    *parts,
                 SlImpact     *impact,
                 SlImpactList  list)
{
  guint n = sl_impact_get_n_items (impact, list);
  gboolean origin = list == SL_IMPACT_LOST_ORIGIN;

  for (guint i = 0; i < MIN (n, MAX_NAMED); i++)
    {
      g_autofree char *place = item_place (sl_impact_get_item (impact, list, i));

      g_ptr_array_add (parts, origin ? g_strdup_printf (_("%s has no origin"), place)
                                     : g_strdup_printf (_("%s has no destination"), place));
    }
  if (n > MAX_NAMED)
    g_ptr_array_add (parts, origin ? g_strdup_printf (ngettext ("%u more field has no origin",
                                                                "%u more fields have no origin", n - MAX_NAMED),
                                                      n - MAX_NAMED)
                                   : g_strdup_printf (ngettext ("%u more field has no destination",
                                                                "%u more fields have no destination", n - MAX_NAMED),
                                                      n - MAX_NAMED));
}

/**
 * sl_impact_view_describe_rename:
 * @field: the field's name now
 *
 * Returns: (transfer full) (nullable): the sentence, or NULL
 */
char *
sl_impact_view_describe_rename (SlImpact   *impact,
                                const char *field)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint n_scenarios = sl_impact_get_n_items (impact, SL_IMPACT_SCENARIOS);
  guint n_others = count_other_problems (impact);

  describe_own_field (parts, impact);
  describe_fields (parts, impact, SL_IMPACT_LOST_ORIGIN);
  describe_fields (parts, impact, SL_IMPACT_LOST_DESTINATION);
  if (n_scenarios > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u scenario names it", "%u scenarios name it", n_scenarios),
                                             n_scenarios));
  if (n_others > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u other problem", "%u other problems", n_others),
                                             n_others));
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  /* Translators: what separates the parts of “Renaming “x” breaks: …” */
  joined = g_strjoinv (_("; "), (char **) parts->pdata);
  /* Translators: the field's name, then what renaming it breaks */
  return g_strdup_printf (_("Renaming “%s” breaks: %s"), field, joined);
}

static void
add_section (GtkWidget  *box,
             const char *title,
             GPtrArray  *lines)
{
  GtkWidget *label;

  if (lines->len == 0)
    return;

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  if (gtk_widget_get_first_child (box) != NULL)
    gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  for (guint i = 0; i < lines->len; i++)
    {
      label = gtk_label_new (g_ptr_array_index (lines, i));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_margin_start (label, 12);
      gtk_box_append (GTK_BOX (box), label);
    }
}

static GPtrArray *
list_lines (SlImpact     *impact,
            SlImpactList  list)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sl_impact_get_n_items (impact, list); i++)
    {
      const SlImpactItem *item = sl_impact_get_item (impact, list, i);

      if (list == SL_IMPACT_SCENARIOS)
        /* Translators: a scenario's title, then the note it specifies */
        g_ptr_array_add (lines, g_strdup_printf (_("“%s” (%s)"), item->message, item->note_text));
      else if (list == SL_IMPACT_NEW_PROBLEMS)
        {
          g_autofree char *place = NULL;

          if (is_said_otherwise (impact, item))
            continue;
          place = item_place (item);
          /* Translators: a problem that would appear: where, then what */
          g_ptr_array_add (lines, g_strdup_printf (_("%s: %s"), place, item->message));
        }
      else
        g_ptr_array_add (lines, item_place (item));
    }

  return lines;
}

static GtkWidget *
make_lists (SlImpact *impact)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GPtrArray) origins = list_lines (impact, SL_IMPACT_LOST_ORIGIN);
  g_autoptr(GPtrArray) destinations = list_lines (impact, SL_IMPACT_LOST_DESTINATION);
  g_autoptr(GPtrArray) scenarios = list_lines (impact, SL_IMPACT_SCENARIOS);
  g_autoptr(GPtrArray) problems = list_lines (impact, SL_IMPACT_NEW_PROBLEMS);

  gtk_widget_set_name (box, "impact-lists");
  add_section (box, ngettext ("Field That Would Lose Its Origin", "Fields That Would Lose Their Origin", origins->len),
               origins);
  add_section (box, ngettext ("Field That Would Lose Its Destination", "Fields That Would Lose Their Destination",
                              destinations->len), destinations);
  add_section (box, ngettext ("Scenario That Names It", "Scenarios That Name It", scenarios->len), scenarios);
  add_section (box, ngettext ("Problem That Would Appear", "Problems That Would Appear", problems->len), problems);

  /* A long list scrolls; a short one takes the room it needs. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  return scrolled;
}

static void
response_cb (SlAlert    *dialog,
             const char *response,
             GtkWidget  *owner)
{
  Request *request = g_object_get_data (G_OBJECT (dialog), "sl-request");

  if (g_str_equal (response, "remove"))
    request->func (request->user_data);
}

/**
 * sl_impact_view_confirm:
 * @owner: the widget the dialog is for; @func is not called once it is gone
 * @impact: what the removal would break
 * @heading: the dialog's question, as “Remove “Booking Details”?”
 * @func: makes the removal
 * @user_data: for @func
 * @destroy_data: frees @user_data once @func is called or will not be
 *
 * Calls @func at once when the removal breaks nothing worth asking about;
 * otherwise asks first, listing what it breaks.
 */
void
sl_impact_view_confirm (GtkWidget           *owner,
                        SlImpact            *impact,
                        const char          *heading,
                        SlImpactConfirmFunc  func,
                        gpointer             user_data,
                        GDestroyNotify       destroy_data)
{
  Request *request;
  SlAlert *dialog;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (impact != NULL);
  g_return_if_fail (func != NULL);

  if (!sl_impact_breaks_anything (impact))
    {
      func (user_data);
      if (destroy_data != NULL)
        destroy_data (user_data);
      return;
    }

  request = g_new0 (Request, 1);
  request->func = func;
  request->user_data = user_data;
  request->destroy_data = destroy_data;

  dialog = sl_alert_new (heading, _("It breaks what follows. Undo brings it back."));
  sl_alert_add_responses (dialog,
                          "cancel", _("_Cancel"),
                          "remove", _("_Remove"),
                          NULL);
  sl_alert_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  sl_alert_set_default_response (dialog, "cancel");
  sl_alert_set_close_response (dialog, "cancel");
  sl_alert_set_extra_child (dialog, make_lists (impact));
  gtk_widget_set_name (GTK_WIDGET (dialog), "impact-dialog");
  sl_alert_set_destroy_with_parent (dialog, TRUE);

  g_object_set_data_full (G_OBJECT (dialog), "sl-request", request, (GDestroyNotify) request_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), owner, 0);
  sl_alert_present (dialog, owner);
}
