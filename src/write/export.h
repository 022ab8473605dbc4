/*
 * export.h - the write stage: the consolidated workbook and the report CSV.
 *
 * Everything the outputs show is computed first (export_model_build), then
 * written in one pass, row after row.  Invariant: nothing is renamed into
 * the output folder before it is complete; on any failure the temporary file
 * is removed and no output is left behind.
 */
#ifndef TONGHOP_EXPORT_H
#define TONGHOP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "campaign.h"
#include "consolidate.h"
#include "error.h"
#include "store.h"
#include "submission.h"
#include "th_limits.h"

/* What the outputs are made from; read-only once built.  The writers read
 * the store only through this model and the activity spill
 * (activity_spill.h), both filled before a workbook is opened. */
typedef struct {
    store *st;
    const campaign *c;
    int64_t as_of;             /* epoch seconds: "Số liệu tính đến" and the created date */
    unit_status *units;        /* consolidate_status, c->nunits entries */
    consolidate_totals totals; /* per unit, per category (and per both with cells) */
    submission *subs;          /* the ledger, by received time then id (EXPORT_SUBMISSIONS) */
    size_t nsubs;              /* submissions in the store */
    size_t late;               /* of them, received after as_of */
    size_t *order;             /* unit indices by kind, then units.csv order */
    const submission **by_id;  /* subs sorted by id, for export_model_submission */
    ledger_entry *ledger;      /* per subs[i]: its unit, state, replacement and change, or NULL */
} export_model;

/* What export_model_build computes beyond what every output shows. */
enum {
    EXPORT_CELLS = 1, /* m->totals per unit and category: the report CSV (units x categories) */
    EXPORT_SUBMISSIONS = 2, /* m->subs and m->by_id: every submission kept in memory */
    EXPORT_LEDGER = 4, /* m->ledger (and m->subs): the clerk's sheets (workbook_options.full) */
};

/* Builds m from the store, with what the EXPORT_ flags of what ask for:
 * without EXPORT_SUBMISSIONS or EXPORT_LEDGER, m->subs and m->by_id are
 * NULL (the ledger is read one submission at a time, and m->nsubs only
 * counts it); without EXPORT_LEDGER m->ledger is NULL.  m borrows st and c
 * (they must outlive it); the caller releases m with export_model_release,
 * also after a failure. */
th_error export_model_build(store *st, const campaign *c, int64_t as_of, unsigned what,
                            export_model *m);

/* Frees what m owns and zeroes it. */
void export_model_release(export_model *m);

/* Returns the submission with that id, or NULL (always, without EXPORT_SUBMISSIONS). */
const submission *export_model_submission(const export_model *m, int64_t id);

/* Expands the output file-name pattern of campaign.csv: {code} (the campaign
 * code), {yyyymmdd}, {yyyy}, {mm}, {dd}, {hhmm} (as_of in the zone of
 * utc_offset_min).  Other text, unknown placeholders included, is copied;
 * '/' and '\\' from the code become '-'.  Returns a newly allocated name, or
 * NULL when out of memory. */
char *export_output_name(const char *pattern, const char *code, int64_t as_of, int utc_offset_min);

/* The longest text an Excel cell holds, in code points (th_limits.h). */
#define EXPORT_CELL_MAX LIMIT_CELL_CHARS

/* Makes s safe to write as an Excel string: invalid UTF-8 bytes become
 * U+FFFD, the underscore of a literal "_xHHHH_" becomes "_x005F_" (or Excel
 * would show the escaped character), and text is cut at EXPORT_CELL_MAX code
 * points.  Returns TH_OK with *out NULL when s is fine as it is, else *out is
 * a newly allocated string; TH_ERR_NOMEM. */
th_error export_xlsx_text(const char *s, char **out);

/* A file being written under a hidden name beside its final path.  It is
 * locked (flock) while open, so that a later run can tell the temporary of
 * a live export from one that a killed run left behind. */
typedef struct {
    char *path; /* "<folder>/.<name>.XXXXXX"; owned */
    int fd;     /* holds the lock; -1 when closed */
} export_temp;

/* Removes the temporaries of final_path that no live run holds (left by a
 * run killed mid-write), then creates a new locked one in t.  TH_ERR_USAGE
 * with a message in err when final_path names a folder (an existing one, or
 * ends in '/'); TH_ERR_IO when the folder cannot be written.  On failure t
 * holds nothing. */
th_error export_temp_create(const char *final_path, export_temp *t, char *err, size_t errlen);

/* Syncs t and renames it to final_path; on failure removes it.  Releases t
 * in every case. */
th_error export_temp_commit(export_temp *t, const char *final_path, char *err, size_t errlen);

/* Removes t (after a failure) and releases it; a released t is a no-op. */
void export_temp_discard(export_temp *t);

/* Removes from folder dir the temporaries of any file ("." name "." and six
 * characters) that no live run holds: what runs killed mid-write left. */
void export_temp_clean(const char *dir);

typedef struct {
    size_t detail_rows_per_sheet; /* data rows per "Chi tiết" sheet; 0: as many as Excel holds */
    bool full; /* also the clerk's sheets "Lỗi dữ liệu" and "Lịch sử nộp" */
} workbook_options;

/* Writes the consolidated workbook of m to path (via a temporary file in the
 * same folder); o->full needs m built with EXPORT_LEDGER.  Returns TH_OK; TH_ERR_IO /
 * TH_ERR_NOSPACE / TH_ERR_NOMEM / TH_ERR_LIMIT with libxlsxwriter's or the system's message in err,
 * and then no file is left behind. */
th_error export_workbook(const export_model *m, const char *path, const workbook_options *o,
                         char *err, size_t errlen);

/* Writes the consolidation as one report CSV (docs/design.md §3 and §8) into folder
 * dir, naming the consolidating unit in ma_don_vi and the original unit in
 * ghi_chu, one row per original unit and category.  *path_out receives the
 * file's path (newly allocated).  TH_ERR_CONFIG when the campaign names no
 * consolidator_code; TH_ERR_IO / TH_ERR_NOSPACE with a message in err. */
th_error export_csv(const export_model *m, const char *dir, char **path_out, char *err,
                    size_t errlen);

#endif
