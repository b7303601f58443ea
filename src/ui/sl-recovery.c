/* sl-recovery.c: offering back the drafts a crash or a kill left behind
 *
 * At the start, each draft in the store is offered in a dialog of its
 * own, one after the other, over the first window: it names the model,
 * when it last changed and how many changes it holds. Restoring opens
 * it modified, bound to its file while that file is as the draft knew
 * it; a file changed since is never overwritten by it: the draft opens
 * as an untitled copy whose title says it was recovered. A draft that
 * cannot be read is said so, and stays until it is discarded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sl-alert.h"
#include "sl-recovery.h"
#include "sl-window-private.h"

typedef struct
{
  SlApplication *application;
  SlDraftStore *store;
  GStrv ids;
  guint next;
} Offer;

static void offer_next (Offer    *offer,
                        GtkWindow *parent);

/* Whether a window of this process wrote the draft @id: then it was not
 * left behind. A window just opened on the draft's file has its id too,
 * but no draft yet. */
static gboolean
in_use (const char *id)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (SL_IS_WINDOW (l->data) && SL_WINDOW (l->data)->draft_written &&
        g_strcmp0 (SL_WINDOW (l->data)->draft_id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
offer_free (Offer *offer)
{
  g_object_unref (offer->application);
  g_object_unref (offer->store);
  g_strfreev (offer->ids);
  g_free (offer);
}

/* Whether @draft's file is still as it was when the draft was made. */
static gboolean
file_unchanged (SlDraft *draft,
                GFile   *file)
{
  g_autofree char *checksum = NULL;

  if (draft->checksum == NULL)
    return FALSE;
  checksum = sl_draft_checksum_file (file, NULL, NULL);
  return checksum != NULL && g_str_equal (checksum, draft->checksum);
}

static char *
draft_name (SlDraft *draft)
{
  if (*draft->title != 0)
    return g_strdup (draft->title);
  if (draft->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (draft->uri);
      g_autofree char *base = g_file_get_basename (file);

      if (g_str_has_suffix (base, SL_FORMAT_SUFFIX))
        base[strlen (base) - strlen (SL_FORMAT_SUFFIX)] = 0;
      /* A file name can be in another encoding, or hold controls. */
      return sl_text_escape_controls (base);
    }
  /* Translators: the name of a model without a title or a file */
  return g_strdup (_("Untitled Model"));
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (data);
  return G_SOURCE_REMOVE;
}

static void
replace_unchanged (SlApplication *application,
                   GFile         *file,
                   SlWindow      *window)
{
  SlWindow *unchanged = NULL;
  g_autoptr(GListModel) toplevels = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    {
      SlWindow *other = l->data;

      if (SL_IS_WINDOW (other) && other != window &&
          sl_window_get_file (other) != NULL && g_file_equal (sl_window_get_file (other), file) &&
          !sl_history_get_modified (sl_document_get_history (sl_window_get_document (other))))
        {
          unchanged = other;
          break;
        }
    }
  if (unchanged == NULL)
    return;

  /* The dialogs over it, the one of this draft too, stay over the new. */
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (unchanged))
        gtk_window_set_transient_for (toplevel, GTK_WINDOW (window));
    }
  /* Once the dialog that asked is gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (unchanged), g_object_unref);
}

/**
 * sl_recovery_restore:
 * @draft: a draft read from @store, with its document
 *
 * Opens the draft's document in a new window, modified, bound to its file
 * when that file did not change since, else as a recovered copy. The new
 * window takes the place of one showing that file unchanged: the app was
 * started on it, and two windows on one file would share its draft.
 *
 * Returns: (transfer none): the window
 */
SlWindow *
sl_recovery_restore (SlApplication *application,
                     SlDraftStore  *store,
                     SlDraft       *draft)
{
  g_autoptr(GFile) file = NULL;
  SlWindow *window;

  g_return_val_if_fail (SL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (draft != NULL && draft->document != NULL, NULL);

  if (draft->uri != NULL)
    {
      file = g_file_new_for_uri (draft->uri);
      if (!file_unchanged (draft, file))
        {
          g_autofree char *name = draft_name (draft);
          /* Translators: the title of a model recovered from a draft whose file changed since */
          g_autofree char *title = g_strdup_printf (_("%s (Recovered)"), name);

          /* Not a step to undo: the copy is recovered under this name. */
          sl_document_set_title (draft->document, title);
          sl_history_clear (sl_document_get_history (draft->document));
          g_clear_object (&file);
        }
    }

  window = sl_window_new (application, draft->document, file);
  _sl_window_adopt_draft (window, draft->id, draft->n_changes);
  gtk_window_present (GTK_WINDOW (window));
  if (file != NULL)
    replace_unchanged (application, file, window);
  return window;
}

static void
response_cb (SlAlert          *dialog,
             const char       *response,
             Offer            *offer)
{
  const char *id = offer->ids[offer->next - 1];
  SlWindow *restored = NULL;

  if (g_str_equal (response, "restore"))
    {
      g_autoptr(SlDraft) draft = sl_draft_store_read (offer->store, id, NULL);

      if (draft != NULL)
        restored = sl_recovery_restore (offer->application, offer->store, draft);
    }
  else if (g_str_equal (response, "discard"))
    sl_draft_store_remove (offer->store, id);

  offer_next (offer, GTK_WINDOW (restored));
}

/* When a draft last changed, as a person says it: "today at 14:05". */
static char *
describe_when (gint64 changed)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (changed / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (when);
  const char *format;

  if (g_date_time_get_year (now) != g_date_time_get_year (when) || days < 0 || days > 1)
    /* Translators: when a draft last changed, in "It was last changed %s"; see g_date_time_format() */
    format = _("on %e %B %Y at %H:%M");
  else if (days == 1)
    /* Translators: when a draft last changed, in "It was last changed %s"; see g_date_time_format() */
    format = _("yesterday at %H:%M");
  else
    /* Translators: when a draft last changed, in "It was last changed %s"; see g_date_time_format() */
    format = _("today at %H:%M");

  return g_date_time_format (when, format);
}

/* Asks about the next draft over @parent, the window the last answer
 * restored: the window that was active may be the one that restoring
 * replaces, and a dialog inside it (AdwAlertDialog) would close with it. */
static void
offer_next (Offer     *offer,
            GtkWindow *parent)
{
  g_autoptr(SlDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  SlAlert *dialog;
  const char *id;

  while (offer->ids[offer->next] != NULL && in_use (offer->ids[offer->next]))
    offer->next++;
  if (offer->ids[offer->next] == NULL)
    {
      offer_free (offer);
      return;
    }

  id = offer->ids[offer->next++];
  if (parent == NULL)
    parent = gtk_application_get_active_window (GTK_APPLICATION (offer->application));
  draft = sl_draft_store_read (offer->store, id, &error);
  if (draft == NULL)
    {
      g_autofree char *reason = sl_text_escape_controls (error->message);

      dialog = sl_alert_new (_("A Draft Could Not Be Read"), reason);
      sl_alert_add_responses (dialog,
                              "keep", _("_Keep"),
                              "discard", _("_Discard"),
                              NULL);
      sl_alert_set_default_response (dialog, "keep");
      sl_alert_set_close_response (dialog, "keep");
    }
  else
    {
      g_autofree char *when = describe_when (draft->changed);
      g_autofree char *name = draft_name (draft);
      g_autofree char *heading = g_strdup_printf (_("Restore “%s”?"), name);
      g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Stormline was closed before %u change to “%s” was saved. It was last changed %s.",
                                                               "Stormline was closed before %u changes to “%s” were saved. It was last changed %s.",
                                                               draft->n_changes),
                                                  draft->n_changes, name, when);
      g_autofree char *body = NULL;
      g_autoptr(GFile) file = draft->uri != NULL ? g_file_new_for_uri (draft->uri) : NULL;

      if (file != NULL && !file_unchanged (draft, file))
        body = g_strconcat (changes, "\n\n", _("Its file changed since: the draft opens as a recovered copy, and the file stays as it is."), NULL);
      else
        body = g_strdup (changes);
      dialog = sl_alert_new (heading, body);
      sl_alert_add_responses (dialog,
                              "discard", _("_Discard"),
                              "restore", _("_Restore"),
                              NULL);
      sl_alert_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      sl_alert_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      sl_alert_set_default_response (dialog, "restore");
      /* Closing the dialog decides nothing: the draft is offered again. */
      sl_alert_set_close_response (dialog, "later");
    }

  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), offer);
  sl_alert_present (dialog, GTK_WIDGET (parent));
}

/**
 * sl_recovery_offer:
 *
 * Offers each draft in @store back, one dialog after the other.
 */
void
sl_recovery_offer (SlApplication *application,
                   SlDraftStore  *store)
{
  Offer *offer;

  g_return_if_fail (SL_IS_APPLICATION (application));
  g_return_if_fail (SL_IS_DRAFT_STORE (store));

  offer = g_new0 (Offer, 1);
  offer->application = g_object_ref (application);
  offer->store = g_object_ref (store);
  offer->ids = sl_draft_store_list (store);
  offer_next (offer, NULL);
}
