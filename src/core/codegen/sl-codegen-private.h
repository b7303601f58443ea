/* sl-codegen-private.h: the language-neutral model of a generated program
 *
 * Built once per run from the document; every string is owned by the IR;
 * arrays are in board order (left to right, then top to bottom), so output
 * is deterministic. Names are the notes' texts; identifiers are derived by
 * _sl_codegen_identifier() and made unique across the model (a clash gets
 * a numeric suffix, "BookRoom2").
 *
 * Example values are strings as the model writes them; each emitter turns
 * them into literals of the field's type (and lists: the model writes a
 * list example as comma-separated values, "Wi-Fi, Balcony").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-codegen.h"
#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_CODEGEN_CASE_PASCAL, /* "Book Room" -> "BookRoom" */
  SL_CODEGEN_CASE_CAMEL,  /* -> "bookRoom" */
  SL_CODEGEN_CASE_SNAKE,  /* -> "book_room" */
  SL_CODEGEN_CASE_KEBAB,  /* -> "book-room" */
} SlCodegenCase;

typedef struct {
  char        *name;        /* as in the model: "guestId" */
  char        *identifier;  /* camelCase, a valid identifier in all three languages (keywords get a trailing '_') */
  SlFieldType  type;
  char        *custom_type; /* SL_FIELD_CUSTOM: the type's name as the model has it, else NULL */
  gboolean     list;
  gboolean     optional;
  gboolean     generated;
  char        *example;     /* or NULL */
} SlCodegenField;

typedef enum {
  SL_CODEGEN_COMMAND,
  SL_CODEGEN_EVENT,
  SL_CODEGEN_VIEW,
} SlCodegenMessageKind;

typedef struct _SlCodegenAggregate SlCodegenAggregate;

typedef struct {
  SlCodegenMessageKind  kind;
  char                 *note_id;
  char                 *name;        /* "Book Room" */
  char                 *type_name;   /* "BookRoom", unique */
  char                 *slice;       /* the slice's name, or NULL */
  SlCodegenAggregate   *aggregate;   /* or NULL (views; commands/events outside any) */
  GPtrArray            *fields;      /* SlCodegenField* */
  GPtrArray            *events;      /* command: the events it produces; view: the events it reads (SlCodegenMessage*, not owned) */
} SlCodegenMessage;

struct _SlCodegenAggregate {
  char      *name;        /* "Booking" */
  char      *type_name;   /* "Booking" */
  GPtrArray *commands;    /* SlCodegenMessage* it decides (not owned) */
  GPtrArray *events;      /* SlCodegenMessage* in its lane(s) (not owned) */
};

typedef struct {
  char      *name;        /* the automation's text */
  char      *type_name;
  GPtrArray *inputs;      /* events and views that feed it (SlCodegenMessage*) */
  GPtrArray *commands;    /* commands it issues */
} SlCodegenAutomation;

typedef struct {
  SlCodegenMessage *message;
  GPtrArray        *names;   /* char*: field names with a value in the step */
  GPtrArray        *values;  /* char*: the example values, as written */
} SlCodegenStep;

typedef enum {
  SL_CODEGEN_TEST_COMMAND,    /* given events, when command, then events or error */
  SL_CODEGEN_TEST_VIEW,       /* given events, then the view's state */
  SL_CODEGEN_TEST_AUTOMATION, /* given events/view, then the command it issues */
} SlCodegenTestKind;

typedef struct {
  SlCodegenTestKind  kind;
  char              *title;       /* the scenario's title */
  char              *identifier;  /* camelCase, unique within its subject */
  SlCodegenMessage  *subject;     /* the command or view (NULL for automation tests) */
  SlCodegenAutomation *automation; /* automation tests only */
  GPtrArray         *given;       /* SlCodegenStep* */
  GPtrArray         *when;        /* SlCodegenStep* (command tests: one) */
  GPtrArray         *then;        /* SlCodegenStep* */
  char              *error;       /* expected error text, or NULL */
} SlCodegenTest;

typedef struct {
  char      *title;        /* the model's title */
  char      *model_name;   /* "hotel.stormline", cleaned: on one line (newlines and other
                            * controls, line separators and bidi controls escaped as
                            * \n, \xNN, \uNNNN), UTF-8, and no "--" (written "- -"),
                            * so it is safe in a line comment and in an XML comment */
  char      *namespace_;   /* from the title: "Hotel" (PascalCase identifier) */
  GPtrArray *aggregates;   /* SlCodegenAggregate* (owned) */
  GPtrArray *messages;     /* SlCodegenMessage* (owned): commands, events, views */
  GPtrArray *automations;  /* SlCodegenAutomation* (owned) */
  GPtrArray *tests;        /* SlCodegenTest* (owned) */
  GPtrArray *files;        /* SlCodegenFile* (owned), filled by the emitter */
} SlCodegenModel;

typedef struct {
  char    *path;   /* relative to the output folder, '/'-separated: "src/booking/decider.ts" */
  GString *text;
  gboolean create_only; /* a project file the developer edits (package.json, .csproj):
                         * written when it is not there, never over what is */
} SlCodegenFile;

/* Builds the IR of @document (no files yet), and frees it. */
SlCodegenModel *_sl_codegen_model_new  (SlDocument     *document,
                                        const char     *model_name);
void            _sl_codegen_model_free (SlCodegenModel *model);

/* Adds a file to the output; takes @text. */
void  _sl_codegen_add_file      (SlCodegenModel *model,
                                 const char     *path,
                                 GString        *text);
/* Adds a project file a developer is expected to edit (package.json,
 * tsconfig.json, the .csproj): written only when it is not there yet, so
 * that generating again keeps a dependency added to it. Takes @text. */
static inline void
_sl_codegen_add_project_file (SlCodegenModel *model,
                              const char     *path,
                              GString        *text)
{
  _sl_codegen_add_file (model, path, text);
  ((SlCodegenFile *) g_ptr_array_index (model->files, model->files->len - 1))->create_only = TRUE;
}

char *_sl_codegen_identifier    (const char     *text,
                                 SlCodegenCase   case_);
/* The header comment every generated file starts with: the model's name,
 * "generated by Stormline", and that only the marked bodies are kept when
 * it is generated again. @comment is the line-comment prefix ("//"). */
void  _sl_codegen_append_header (SlCodegenModel *model,
                                 GString        *out,
                                 const char     *comment);
/* A body a developer fills in, kept when the code is generated again:
 *   <indent>// stormline:begin <key>
 *   <indent><default_body lines>
 *   <indent>// stormline:end <key>
 * @key is unique within the file ("decide BookRoom"). */
void  _sl_codegen_append_body   (GString        *out,
                                 const char     *indent,
                                 const char     *key,
                                 const char     *default_body);

/* Whether @text is a decimal integer within [@min, @max]. */
gboolean   _sl_codegen_is_integer          (const char         *text,
                                            gint64              min,
                                            gint64              max);
/* Whether @text is a plain decimal number: "-12", "3.50" (no exponent). */
gboolean   _sl_codegen_is_decimal          (const char         *text);
/* The events a decider's tests give that are not its own: its decisions
 * depend on them, so its evolve takes them in (not owned by the array). */
GPtrArray *_sl_codegen_foreign_events      (SlCodegenModel     *model,
                                            SlCodegenAggregate *aggregate);
/* Whether every event the aggregate's commands produce, in the model or in
 * its scenarios, is its own, so that decide() returns only its events. */
gboolean   _sl_codegen_decides_own_events  (SlCodegenModel     *model,
                                            SlCodegenAggregate *aggregate);

/* The tests of a model grouped by what they test: the C# and Kotlin
 * emitters write one test file and class per suite. */
typedef enum {
  SL_CODEGEN_SUITE_DECIDER,    /* an aggregate's command tests */
  SL_CODEGEN_SUITE_VIEW,
  SL_CODEGEN_SUITE_AUTOMATION,
  SL_CODEGEN_SUITE_NONE,       /* commands outside any aggregate: nothing to test */
} SlCodegenSuiteKind;

typedef struct {
  SlCodegenSuiteKind  kind;
  gpointer            subject; /* SlCodegenAggregate*, SlCodegenMessage* (view), SlCodegenAutomation* */
  GPtrArray          *tests;   /* SlCodegenTest* (not owned) */
} SlCodegenSuite;

/* The tests grouped by what they test (SlCodegenSuite*, the array frees
 * them), in the order of their first test. */
GPtrArray *_sl_codegen_collect_suites      (SlCodegenModel     *model);
/* The name an aggregate's file and tests go by: its own, unless a message
 * or an automation has it (their names are unique among themselves only,
 * and a view named as its aggregate is common): then "BookingAggregate". */
char      *_sl_codegen_aggregate_file_name (SlCodegenModel     *model,
                                            SlCodegenAggregate *aggregate);
/* The name of a suite's file and class, before "Test". */
char      *_sl_codegen_suite_name          (SlCodegenModel     *model,
                                            SlCodegenSuite     *suite);

void  _sl_codegen_emit_typescript (SlCodegenModel *model);
void  _sl_codegen_emit_csharp     (SlCodegenModel *model);
void  _sl_codegen_emit_kotlin     (SlCodegenModel *model);
/* The JSON Schema files (schema/<TypeName>.schema.json), the same for
 * every language; sl_codegen_run() calls it after the emitter. */
void  _sl_codegen_emit_schemas    (SlCodegenModel *model);

G_END_DECLS
