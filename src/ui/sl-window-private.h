/* sl-window-private.h: what the parts of SlWindow share
 *
 * sl-window.c builds the window and keeps its title; sl-window-actions.c
 * holds the actions; sl-window-files.c opens, saves, closes and imports;
 * sl-window-export.c exports and prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-diff.h"
#include "sl-find-bar.h"
#include "sl-palette.h"
#include "sl-window.h"

G_BEGIN_DECLS

typedef struct _SlFileState SlFileState;

struct _SlWindow
{
  AdwApplicationWindow parent_instance;

  SlDocument *document;
  SlChecker *checker;
  GFile *file;
  SlCanvas *canvas;
  guint changes;          /* steps done, undone or redone since the window opened */
  guint changes_at_save;  /* @changes when the model was last unmodified */
  char *draft_id;         /* the name of the model's draft in the store */
  GCancellable *checksumming;
  guint draft_source;     /* a draft to write soon */
  gboolean draft_written;
  guint draft_serial;     /* of the last draft: the next reuses its text */
  SlDraftPrimer *draft_primer; /* the text for the first draft, being written */
  guint prime_source;
  gboolean close_after_save;
  gboolean saving;        /* a save is being written */
  GFile *save_next;       /* asked for while saving: written once it ends */
  char *file_etag;        /* the file as this window last read or wrote it */
  SlFileState *file_state; /* (nullable): @file as last loaded or saved, once read */
  GFileMonitor *monitor;  /* on @file, to offer to reload it */
  GCancellable *checking; /* reads @file to compare it with @file_state */
  gboolean check_again;   /* the file changed while it was being read */
  gboolean check_pending; /* a check waits for @file_state or a save */
  guint disk_state;       /* SlDiskState: how @file differs from @file_state */
  GtkWidget *reload_bar;  /* AdwBanner, or a revealer on libadwaita 1.2 */
  GtkLabel *reload_label;
  GtkButton *reload_button;
  SlDiff *diff;           /* (nullable): the comparison shown */
  GtkWidget *compare_panel;
  GtkListView *compare_list;
  GtkStringList *compare_items; /* the diff's lines, as the list shows them */
  GtkLabel *compare_summary;
  guint compare_source;   /* the comparison made again once edits pause */
  SlDocument *compared;   /* the other version compared with */

  AdwToastOverlay *toast_overlay;
  AdwToast *undo_toast;     /* weak: the toast offering Undo, while shown */
  AdwWindowTitle *window_title;
  SlPalette *palette;
  GtkOverlay *board_overlay;
  AdwFlap *flap;
  GtkToggleButton *guide_button;
  GtkToggleButton *inspector_button;
  GtkToggleButton *find_button;
  GtkMenuButton *primary_menu_button;
  GtkMenuButton *zoom_button;
  AdwSqueezer *header_squeezer;
  AdwSqueezer *file_squeezer;
  GtkWidget *board_area;
  GtkBox *board_box;
  GtkWidget *overview;
  SlFindBar *find_bar;      /* built when first opened: _sl_window_get_find_bar() */
  GtkRevealer *inspector_revealer;
  GtkBox *inspector_box;
  SlInspector *inspector;   /* built when first shown: sl_window_get_inspector() */
  GtkWidget *inspector_placeholder; /* holds the inspector's width until then */
  SlNote *note_to_show;     /* weak: shown once the inspector is in */
  SlGuide *guide;
  gboolean dim_others;
  GMenu *primary_menu;
  GMenu *narrow_section;
  GMenu *narrow_menu;       /* narrow_section, then primary_menu */
  GMenu *zoom_menu;
  gboolean squeezed;        /* the main menu has the header's tools */
  gboolean inspector_over;  /* the inspector lies over the board */
  GMenu *recent_section;
  GtkPrintSettings *print_settings; /* as the last print left them */
  GtkPageSetup *page_setup;
};

/* A choice a file chooser offers besides the file: a list of options, or
 * a check box when @options is %NULL. */
typedef struct
{
  const char *id;
  const char *label;
  const char **options;
  const char **option_labels;
} SlWindowFileChoice;

/* Called with the file chosen, or %NULL when the chooser was cancelled;
 * @chooser tells the filter and the choices picked. */
typedef void (*SlWindowFileFunc) (SlWindow       *self,
                                  GFile          *file,
                                  GtkFileChooser *chooser);

/* Writes @file once it may be replaced; @data is what the caller passed. */
typedef void (*SlWindowWriteFunc) (SlWindow *self,
                                   GFile    *file,
                                   gpointer  data);

/* sl-window.c */
char     *_sl_window_get_display_name         (SlWindow           *self);
char     *_sl_file_get_display_name           (GFile              *file);
char     *_sl_window_get_display_title        (SlWindow           *self);
void      _sl_window_set_file                 (SlWindow           *self,
                                               GFile              *file);
void      _sl_window_show_error               (SlWindow           *self,
                                               const char         *heading,
                                               const char         *body);
void      _sl_window_show_failure             (SlWindow           *self,
                                               const char         *heading,
                                               const GError       *error);
void      _sl_window_show_toast               (SlWindow           *self,
                                               const char         *text);
void      _sl_window_file_saved               (SlWindow           *self);
void      _sl_window_adopt_draft              (SlWindow           *self,
                                               const char         *draft_id,
                                               guint               n_changes);
void      _sl_window_write_draft              (SlWindow           *self);
SlFindBar *_sl_window_get_find_bar            (SlWindow           *self);

/* sl-window-actions.c */
void      _sl_window_class_actions_init       (SlWindowClass      *klass);
void      _sl_window_actions_update           (SlWindow           *self);

/* sl-window-files.c */
void      _sl_window_choose_file              (SlWindow                 *self,
                                               const char               *title,
                                               GtkFileChooserAction      action,
                                               const char               *accept_label,
                                               GtkFileFilter           **filters,
                                               const SlWindowFileChoice *choices,
                                               const char               *current_name,
                                               GFile                    *current_file,
                                               SlWindowFileFunc          callback);
void      _sl_window_write_asking             (SlWindow           *self,
                                               GFile              *file,
                                               gboolean            renamed,
                                               SlWindowWriteFunc   write,
                                               SlWindowWriteFunc   cancel,
                                               gpointer            data,
                                               GDestroyNotify      destroy);
gboolean  _sl_window_finish_gestures          (SlWindow           *self);
void      _sl_window_open                     (SlWindow           *self);
void      _sl_window_open_dropped             (SlWindow           *self,
                                               GFile              *file);
void      _sl_window_save                     (SlWindow           *self);
void      _sl_window_save_as                  (SlWindow           *self);
void      _sl_window_choose_import            (SlWindow           *self);
void      _sl_window_choose_export_eventmodelers (SlWindow        *self);
void      _sl_window_update_recent            (SlWindow           *self);
gboolean  _sl_window_ask_to_save              (SlWindow           *self);
void      _sl_window_remember_file            (SlWindow           *self);
void      _sl_window_restore_step             (SlWindow           *self);
void      _sl_window_remember_step            (SlWindow           *self);

/* sl-window-reload.c */
void      _sl_window_watch_file               (SlWindow           *self);
void      _sl_window_unwatch_file             (SlWindow           *self);
SlFileState *_sl_file_state_new               (GBytes             *bytes,
                                               gboolean            pack);
const char *_sl_file_state_get_checksum       (SlFileState        *state);
void      _sl_file_state_free                 (SlFileState        *state);
void      _sl_window_set_file_state           (SlWindow           *self,
                                               SlFileState        *state);
void      _sl_window_update_reload_bar        (SlWindow           *self);
void      _sl_window_check_file_later         (SlWindow           *self);
void      _sl_window_reload                   (SlWindow           *self);
void      _sl_window_merge_file               (SlWindow           *self);
gboolean  _sl_window_get_reload_offered       (SlWindow           *self,
                                               const char        **text,
                                               const char        **button);

/* sl-window-compare.c */
void      _sl_window_choose_compare           (SlWindow           *self);
void      _sl_window_compare_with             (SlWindow           *self,
                                               GFile              *file);
void      _sl_window_end_compare              (SlWindow           *self);

/* sl-window-export.c */
void      _sl_window_choose_export            (SlWindow           *self);
void      _sl_window_print                    (SlWindow           *self);
void      _sl_window_run_print                (SlWindow           *self,
                                               SlPrintOperation   *operation,
                                               GtkPrintOperationAction action);

G_END_DECLS
