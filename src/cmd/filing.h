/*
 * filing.h - puts a validated file into the store and says what it changed.
 *
 * What `import` and `recheck` share after validation: one store transaction
 * that reads the unit's report in effect, adds the file (or its new
 * outcome), reads the report in effect again, judges the change (a
 * replacement that keeps much less adds the warning replaces-less) and
 * records it in the history.  Which submissions are in effect is the
 * store's rule (store.h, invariant 3); this module only compares before
 * and after.
 */
#ifndef TONGHOP_FILING_H
#define TONGHOP_FILING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "campaign.h"
#include "checked_file.h"
#include "cli.h"
#include "error.h"
#include "store.h"
#include "strbuf.h"

/* What a filing changed in the unit's report in effect. */
typedef struct {
    bool unchanged;        /* re-evaluation gave the stored outcome: nothing written */
    int64_t before_base;   /* base of the unit's report in effect before; 0: none */
    int64_t after_base;    /* and after */
    char before_file[256]; /* their file names */
    char after_file[256];
    size_t before_rows, after_rows; /* activities counted in the report in effect */
    int64_t delta[INDICATOR_COUNT]; /* change of each indicator total */
    strbuf lost;                    /* codes of the categories it no longer has, ", " between */
    bool lost_required;             /* one of them is required of the unit */
    bool accepted;                  /* the file itself is accepted */
    bool in_effect;                 /* the file itself is in effect afterwards */
    bool supplement;                /* added to before_base as a supplement */
    bool supplement_without_base;   /* --supplement, but nothing was in effect */
    bool replaced;                  /* the file took the place of before_base */
    bool replaces_less;             /* the warning replaces-less was added */
} filing_change;

/* Initialises ch to describe no change (the filing functions do it too). */
void filing_change_init(filing_change *ch);

/* Frees what ch owns and re-initialises it. */
void filing_change_release(filing_change *ch);

/* Stores the new file x (validated; bytes[0..n) its content, kept as the
 * original), as a supplement of the unit's report in effect when
 * `supplement` (its rows then also checked for duplicates against that
 * report).  x's findings and warning count gain what the filing finds.  One
 * transaction: on failure the store is unchanged.  Returns TH_OK;
 * TH_ERR_EXISTS when another run stored the same content meanwhile; a store
 * error (its message in store_errmsg).  out is initialised here; the caller
 * releases it with filing_change_release, also after a failure. */
th_error filing_add(store *st, const campaign *c, checked_file *x, const unsigned char *bytes,
                    size_t n, bool supplement, filing_change *out);

/* Replaces the stored outcome of old by x, the same content validated again
 * (recheck, or import --received on content stored as rejected), recording
 * before and after in the history.  When bytes is not NULL and old has no
 * copy, the copy is kept now.  When the outcome (state, unit, received,
 * rows, findings count) is the stored one, nothing is written and
 * out->unchanged is set.  Returns as filing_add. */
th_error filing_reevaluate(store *st, const campaign *c, const submission *old, checked_file *x,
                           const unsigned char *bytes, size_t n, filing_change *out);

/* Files old, a full report withdrawn before, again as a supplement of the
 * unit's report in effect (import --supplement of that same content, after
 * replaces-less told the clerk to withdraw it): x is its content validated
 * again.  Its rows are checked for duplicates against the report in effect;
 * the history records it.  When the unit has no report in effect, or x is
 * rejected, nothing changes and out->unchanged is set.  One transaction. */
th_error filing_refile_supplement(store *st, const campaign *c, const submission *old,
                                  checked_file *x, filing_change *out);

/* Takes sub out of effect for reason (recorded with the time in the
 * history); the unit's previous report comes back into effect by the
 * store's rule.  out tells the report in effect before and after.  One
 * transaction.  TH_ERR_EXISTS when sub is withdrawn already. */
th_error filing_withdraw(store *st, const campaign *c, const submission *sub, const char *reason,
                         filing_change *out);

/* Prints on out "; Title +N" for each indicator whose total changed. */
void filing_print_deltas(FILE *out, const int64_t delta[INDICATOR_COUNT], th_lang lang);

/* Prints on out, on its own line, what the change did to the unit's report in
 * effect (replaced which file, rows before -> after, categories lost, the
 * change of each indicator total; or added as a supplement; or not in
 * effect).  Prints nothing when the file changed nothing there. */
void filing_print_change(FILE *out, const char *file_name, const char *unit_code,
                         const filing_change *ch, th_lang lang);

#endif
