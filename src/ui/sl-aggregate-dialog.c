/* sl-aggregate-dialog.c: asks for the name of a new aggregate
 *
 * The inspector's "New Aggregate…", the lane menu's and a note's menu's
 * all ask here. The aggregate is made and given to its notes or lane in
 * one undo step: the caller's function runs inside that step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-aggregate-dialog.h"
#include "sl-alert.h"
#include "sl-check.h"

typedef struct
{
  SlDocument *document;
  SlAggregateDialogFunc func;
  gpointer user_data;
  GDestroyNotify destroy_data;
} Request;

static void
request_free (Request *request)
{
  if (request->destroy_data != NULL)
    request->destroy_data (request->user_data);
  g_object_unref (request->document);
  g_free (request);
}

static SlAggregate *
find_aggregate (SlDocument *document,
                const char *name)
{
  GListModel *aggregates = sl_document_get_aggregates (document);

  for (guint i = 0; i < g_list_model_get_n_items (aggregates); i++)
    {
      SlAggregate *aggregate = sl_element_list_peek (SL_ELEMENT_LIST (aggregates), i);

      if (g_strcmp0 (sl_aggregate_get_name (aggregate), name) == 0)
        return aggregate;
    }

  return NULL;
}

/* A name is needed, and one no aggregate has: that one is in the list. */
static void
name_changed_cb (GtkEditable      *entry,
                 SlAlert          *dialog)
{
  Request *request = g_object_get_data (G_OBJECT (dialog), "sl-request");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  sl_alert_set_response_enabled (dialog, "create",
                                 *name != '\0' && find_aggregate (request->document, name) == NULL);
}

static void
name_activate_cb (GtkEntry         *entry,
                  SlAlert          *dialog)
{
  /* As the Create button does: the response, and the dialog closes. */
  if (sl_alert_get_response_enabled (dialog, "create"))
    sl_alert_respond (dialog, "create");
}

static void
response_cb (SlAlert          *dialog,
             const char       *response,
             GtkWidget        *owner)
{
  Request *request = g_object_get_data (G_OBJECT (dialog), "sl-request");
  GtkEditable *entry = GTK_EDITABLE (sl_alert_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  SlHistory *history = sl_document_get_history (request->document);

  if (g_str_equal (response, "create") && *name != '\0' && find_aggregate (request->document, name) == NULL)
    {
      /* One undo step of its own: the aggregate and what it is given. */
      sl_history_seal (history);
      sl_history_begin_group (history, _("New Aggregate"));
      request->func (owner, sl_document_add_aggregate (request->document, name), request->user_data);
      sl_history_end_group (history);
      sl_history_seal (history);
    }
  else
    {
      request->func (owner, NULL, request->user_data);
    }
}

/**
 * sl_aggregate_dialog_present:
 * @owner: the widget the dialog is for; @func is not called once it is gone
 * @document: the document the aggregate goes in
 * @func: called with the new aggregate, or NULL when none was made
 * @user_data: for @func
 * @destroy_data: frees @user_data when the dialog goes
 *
 * Asks for the name of a new aggregate, one no aggregate has yet.
 */
void
sl_aggregate_dialog_present (GtkWidget             *owner,
                             SlDocument            *document,
                             SlAggregateDialogFunc  func,
                             gpointer               user_data,
                             GDestroyNotify         destroy_data)
{
  Request *request = g_new0 (Request, 1);
  GtkWidget *entry;
  SlAlert *dialog;

  request->document = g_object_ref (document);
  request->func = func;
  request->user_data = user_data;
  request->destroy_data = destroy_data;

  dialog = sl_alert_new (_("New Aggregate"),
                         _("The consistency boundary the note belongs to, as “Loan” or “Account”"));
  sl_alert_add_responses (dialog,
                          "cancel", _("_Cancel"),
                          "create", _("C_reate"),
                          NULL);
  sl_alert_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  sl_alert_set_response_enabled (dialog, "create", FALSE);
  sl_alert_set_default_response (dialog, "create");
  sl_alert_set_close_response (dialog, "cancel");
  gtk_widget_set_name (GTK_WIDGET (dialog), "new-aggregate");
  sl_alert_set_destroy_with_parent (dialog, TRUE);

  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "aggregate-name");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  sl_alert_set_extra_child (dialog, entry);

  g_object_set_data_full (G_OBJECT (dialog), "sl-request", request, (GDestroyNotify) request_free);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (name_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), owner, 0);
  sl_alert_present (dialog, owner);
}

/**
 * sl_aggregate_get_none_label:
 *
 * The label of "no aggregate of its own" for @note, where the note menu
 * and the inspector offer its aggregate: the one it belongs to without
 * one, as the check sees it (an event's lane's, a command's events'), or
 * "None".
 *
 * Returns: (transfer full): the label
 */
char *
sl_aggregate_get_none_label (SlDocument *document,
                             SlNote     *note)
{
  SlAggregate *inherited = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (SL_IS_NOTE (note), NULL);

  if (sl_note_get_kind (note) == SL_NOTE_EVENT)
    inherited = sl_lane_get_aggregate (sl_note_get_lane (note));
  else if (sl_note_get_aggregate (note) == NULL)
    inherited = sl_check_get_aggregate (document, note);

  if (inherited == NULL)
    return g_strdup (C_("aggregate", "None"));

  if (sl_note_get_kind (note) == SL_NOTE_EVENT)
    /* Translators: an event's aggregate is its lane's; %s is its name */
    return g_strdup_printf (_("From the Lane (%s)"), sl_aggregate_get_name (inherited));
  /* Translators: a command's aggregate is its events'; %s is its name */
  return g_strdup_printf (_("From Its Events (%s)"), sl_aggregate_get_name (inherited));
}
