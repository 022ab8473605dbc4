/*
 * export_mail.h - `export --eml FILE`: the message that carries the
 * consolidated workbook to the province, ready for `sendmail -t < FILE`.
 *
 * Addresses come from campaign.csv (mail_from, mail_to, mail_cc) unless the
 * command line overrides them (--from, --to, --cc).  The subject and body are
 * in Vietnamese, the campaign's language, whatever --lang says: the message
 * goes to the province, not to the clerk's terminal.
 */
#ifndef TONGHOP_EXPORT_MAIL_H
#define TONGHOP_EXPORT_MAIL_H

#include "cli.h"
#include "export.h"

typedef struct {
    const char *path; /* --eml: where the message is written; NULL: no message */
    const char *from; /* --from, --to, --cc: NULL takes campaign.csv's */
    const char *to;
    const char *cc;
} export_mail_args;

/* Checks, before any work, that the message can be addressed: a sender and
 * a recipient, and every address list (options, else campaign c) readable.
 * Returns TH_EXIT_OK (also when a->path is NULL) or TH_EXIT_USAGE after
 * saying what is wrong. */
int export_mail_check(const export_mail_args *a, const campaign *c);

/* Writes the message for the workbook just written at workbook_path (its
 * bytes attached as they are on disk) to a->path, atomically, dated m->as_of
 * with a Message-ID derived from its content, so the same store and as-of
 * give the same bytes.  Prints the path on stdout.  Returns TH_EXIT_OK,
 * TH_EXIT_USAGE (an address does not parse: export_mail_check first) or
 * TH_EXIT_FAILURE (cannot write; nothing is left at a->path). */
int export_mail_write(const export_model *m, const char *workbook_path, const export_mail_args *a);

#endif
