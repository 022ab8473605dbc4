/*
 * submission.h - one file as received: the ledger entry the store keeps.
 */
#ifndef TONGHOP_SUBMISSION_H
#define TONGHOP_SUBMISSION_H

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
} submission;

/* Frees what s owns and zeroes it. */
void submission_release(submission *s);

#endif
