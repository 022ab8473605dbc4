/*
 * submission.h - one file as received: the ledger entry the store keeps.
 */
#ifndef TONGHOP_SUBMISSION_H
#define TONGHOP_SUBMISSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    SUBMISSION_ACCEPTED = 0, /* its valid rows count (while it is in effect) */
    SUBMISSION_REJECTED = 1, /* a file error: none of it counts */
} submission_state;

typedef struct {
    int64_t id;          /* store rowid; 0 before it is stored */
    char *file_name;     /* base name of the file; owned */
    char sha256[65];     /* lowercase hex of the file's bytes */
    int64_t received;    /* epoch seconds: --received, else mtime at first import */
    int64_t imported_at; /* epoch seconds of the import */
    char *unit_code;     /* as in units.csv; "" when the unit was not recognised; owned */
    submission_state state;
    char encoding[24];    /* "UTF-8", "Windows-1258", ... */
    size_t rows_read;     /* data rows in the file */
    size_t rows_counted;  /* rows that passed validation */
    size_t rows_rejected; /* rows with errors */
    size_t warnings;      /* warning findings */
    /* A supplement ("báo cáo bổ sung", import --supplement) adds its rows to
     * the report of this submission (its base) instead of replacing it; 0
     * for a full report. */
    int64_t supplements;
    int64_t withdrawn_at;  /* epoch seconds of `withdraw`; 0: not withdrawn */
    char *withdraw_reason; /* why; owned, NULL when not withdrawn */
    /* Read from the store, never written by the caller: */
    bool has_original;     /* the store keeps the bytes as received */
    bool in_effect;        /* part of its unit's report in effect */
    int64_t superseded_by; /* the full report that took its place; 0 if none */
} submission;

/* Frees what s owns and zeroes it. */
void submission_release(submission *s);

#endif
