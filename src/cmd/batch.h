/*
 * batch.h - runs a batch of report files through read and validate, and
 * for `import` into the store: what `check` and `import` share.
 */
#ifndef TONGHOP_BATCH_H
#define TONGHOP_BATCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "checked_file.h"
#include "cli.h"
#include "filing.h"
#include "report_reader.h"

/* One file of a batch once it has been looked at (and, for import, stored):
 * what `run` needs to write a unit's feedback from the bytes it sent. */
typedef struct {
    const inbox_file *file;
    const checked_file *checked; /* its submission, findings and report */
    const unsigned char *bytes;  /* its content; NULL when it could not be read */
    size_t len;
    bool unchanged; /* the content was in the store already: nothing was done */
} batch_file_event;

/* Called for every file of a batch; everything it is given is valid only
 * during the call.  Returns an exit status: not TH_EXIT_OK stops the batch
 * with that status. */
typedef int (*batch_file_fn)(void *ctx, const batch_file_event *e);

typedef struct {
    char *const *paths; /* files and folders as given */
    int npaths;
    bool strict;           /* --strict */
    bool supplement;       /* --supplement (import): add to the report in effect */
    const char *received;  /* --received as typed, or NULL */
    reader_limits limits;  /* --max-file-size, --max-field-size, --max-rows, --max-columns */
    const char *maildir;   /* --maildir DIR: the report attachments of DIR/new/ */
    bool quiet;            /* --quiet: no progress line on stderr */
    bool rehash;           /* --rehash (import): read every file, trust no stat record */
    batch_file_fn on_file; /* NULL, or called for every file (`run`) */
    void *on_file_ctx;
} batch_request;

/* Processes every file of req, printing each file's findings and a summary
 * line to stdout.  The campaign and (for import) the store are set up in env
 * as the command table declares; env keeps them.  With req->maildir, the
 * files are the report attachments of the messages in the Maildir's new/,
 * received when the message's headers say (maildir.h); a message is moved
 * to cur/ once all its reports are stored, and one without a report, or
 * that cannot be read, is listed and left in new/.  Returns an exit status
 * (error.h, docs/design.md §9). */
int batch_run(const batch_request *req, command_env *env);

/* The reader's limits as options (--max-file-size, --max-field-size,
 * --max-rows, --max-columns: check, import, run), their values as typed. */
typedef struct {
    const char *file, *field, *rows, *columns; /* NULL when not given */
} batch_limit_args;

#define BATCH_NLIMIT_SPECS 4

/* Writes into specs the four limit options (options.h), which set a. */
void batch_limit_specs(batch_limit_args *a, option_spec specs[BATCH_NLIMIT_SPECS]);

/* Sets *limits to reader_default_limits() changed by what a gives.
 * Returns TH_EXIT_OK, or TH_EXIT_USAGE after saying which value is not a
 * size ("64M", "1000000"). */
int batch_limits_apply(const batch_limit_args *a, reader_limits *limits, const command_env *env);

/* Parses the options shared by check and import (--strict, --received T,
 * --supplement, --maildir, --quiet, --rehash, the reader's limits) from argv (argv[0] is the
 * command name) into req, whose limits start at reader_default_limits(); the files and folders
 * are left in argv, req->paths points at them.  Returns TH_EXIT_OK, or TH_EXIT_USAGE after
 * printing why. */
int batch_parse_args(int argc, char **argv, batch_request *req, const command_env *env);

/* Prints on out x's findings, its summary line ("FILE: UNIT — N rows
 * counted ..." or "FILE: REJECTED"), then, when ch is not NULL, what it
 * changed in the unit's report in effect (filing_print_change). */
void batch_print_outcome(FILE *out, const checked_file *x, const filing_change *ch, th_lang lang);

#endif
