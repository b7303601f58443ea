/* sl-alert.c: one message dialog over AdwMessageDialog or AdwAlertDialog
 *
 * Only here the libadwaita version decides which dialog the app shows:
 * AdwAlertDialog from 1.5 on, where AdwMessageDialog is deprecated, and
 * AdwMessageDialog before. Both close themselves after a response.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include "sl-alert.h"

#if ADW_CHECK_VERSION (1, 5, 0)
# define SL_ALERT_CALL(name) adw_alert_dialog_##name
#else
# define SL_ALERT_CALL(name) adw_message_dialog_##name
#endif

/**
 * sl_alert_new:
 * @heading: (nullable): the heading
 * @body: (nullable): the text under it
 *
 * Returns: (transfer none): a dialog to give its responses, then to
 *   present with sl_alert_present()
 */
SlAlert *
sl_alert_new (const char *heading,
              const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body));
#else
  /* The parent comes with sl_alert_present(), as for AdwAlertDialog. */
  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, body));
#endif
}

void
sl_alert_add_response (SlAlert    *self,
                       const char *id,
                       const char *label)
{
  SL_ALERT_CALL (add_response) (self, id, label);
}

/**
 * sl_alert_add_responses:
 * @first_id: the first response's id, followed by its label, then the
 *   other ids and labels, ending with NULL
 */
void
sl_alert_add_responses (SlAlert    *self,
                        const char *first_id,
                        ...)
{
  va_list args;

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    sl_alert_add_response (self, id, va_arg (args, const char *));
  va_end (args);
}

void
sl_alert_set_response_appearance (SlAlert               *self,
                                  const char            *response,
                                  AdwResponseAppearance  appearance)
{
  SL_ALERT_CALL (set_response_appearance) (self, response, appearance);
}

void
sl_alert_set_response_enabled (SlAlert    *self,
                               const char *response,
                               gboolean    enabled)
{
  SL_ALERT_CALL (set_response_enabled) (self, response, enabled);
}

gboolean
sl_alert_get_response_enabled (SlAlert    *self,
                               const char *response)
{
  return SL_ALERT_CALL (get_response_enabled) (self, response);
}

void
sl_alert_set_default_response (SlAlert    *self,
                               const char *response)
{
  SL_ALERT_CALL (set_default_response) (self, response);
}

/**
 * sl_alert_set_close_response:
 *
 * Sets the response given when the dialog is closed without a button:
 * Escape, or the window closed.
 */
void
sl_alert_set_close_response (SlAlert    *self,
                             const char *response)
{
  SL_ALERT_CALL (set_close_response) (self, response);
}

void
sl_alert_set_extra_child (SlAlert   *self,
                          GtkWidget *child)
{
  SL_ALERT_CALL (set_extra_child) (self, child);
}

GtkWidget *
sl_alert_get_extra_child (SlAlert *self)
{
  return SL_ALERT_CALL (get_extra_child) (self);
}

/**
 * sl_alert_set_destroy_with_parent:
 *
 * Whether the dialog goes when its parent window does. An AdwAlertDialog
 * presented over a window is inside that window, and always goes with it.
 */
void
sl_alert_set_destroy_with_parent (SlAlert  *self,
                                  gboolean  setting)
{
#if !ADW_CHECK_VERSION (1, 5, 0)
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), setting);
#endif
}

/**
 * sl_alert_respond:
 *
 * Gives @response and closes the dialog, as a click on its button does
 * (a key in the dialog's entry, for instance).
 */
void
sl_alert_respond (SlAlert    *self,
                  const char *response)
{
  /* Closing gives the close response, and only once: @response is that
   * one now, so it is not followed by another (a response and then a
   * close would answer twice, the second time "cancel"). */
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_close_response (self, response);
  adw_dialog_close (ADW_DIALOG (self));
#else
  adw_message_dialog_set_close_response (self, response);
  gtk_window_close (GTK_WINDOW (self));
#endif
}

/**
 * sl_alert_present:
 * @parent: (nullable): a widget of the window the dialog is for
 *
 * Shows the dialog over @parent's window, modal.
 */
void
sl_alert_present (SlAlert   *self,
                  GtkWidget *parent)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (self), parent);
#else
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (gtk_widget_get_root (parent)));
  gtk_window_present (GTK_WINDOW (self));
#endif
}
