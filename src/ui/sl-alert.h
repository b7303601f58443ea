/* sl-alert.h: one message dialog over AdwMessageDialog or AdwAlertDialog
 *
 * libadwaita 1.5 replaced the AdwMessageDialog window with the
 * AdwAlertDialog widget, shown inside the window it is for. Debian 12
 * has libadwaita 1.2, the Flatpak runtime a much newer one: every message
 * dialog of the app goes through these functions, the one place that
 * knows which of the two it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#if ADW_CHECK_VERSION (1, 5, 0)
typedef AdwAlertDialog SlAlert;
#else
typedef AdwMessageDialog SlAlert;
#endif

/* Its "response" signal is that of both:
 * void (*) (SlAlert *alert, const char *response, gpointer user_data) */

SlAlert   *sl_alert_new                     (const char       *heading,
                                             const char       *body);
void       sl_alert_add_response            (SlAlert          *self,
                                             const char       *id,
                                             const char       *label);
void       sl_alert_add_responses           (SlAlert          *self,
                                             const char       *first_id,
                                             ...) G_GNUC_NULL_TERMINATED;
void       sl_alert_set_response_appearance (SlAlert          *self,
                                             const char       *response,
                                             AdwResponseAppearance appearance);
void       sl_alert_set_response_enabled    (SlAlert          *self,
                                             const char       *response,
                                             gboolean          enabled);
gboolean   sl_alert_get_response_enabled    (SlAlert          *self,
                                             const char       *response);
void       sl_alert_set_default_response    (SlAlert          *self,
                                             const char       *response);
void       sl_alert_set_close_response      (SlAlert          *self,
                                             const char       *response);
void       sl_alert_set_extra_child         (SlAlert          *self,
                                             GtkWidget        *child);
GtkWidget *sl_alert_get_extra_child         (SlAlert          *self);
void       sl_alert_set_destroy_with_parent (SlAlert          *self,
                                             gboolean          setting);
void       sl_alert_respond                 (SlAlert          *self,
                                             const char       *response);
void       sl_alert_present                 (SlAlert          *self,
                                             GtkWidget        *parent);

G_END_DECLS
