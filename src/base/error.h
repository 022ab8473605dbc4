/*
 * error.h - tonghop's own error codes.
 *
 * Library errors (sqlite, libxlsxwriter, iconv, libc) are turned into one of
 * these at the module boundary where they occur; the library's own message is
 * kept by the caller for the user.  Findings about report content are not
 * errors: they are data (see finding.h).
 */
#ifndef TONGHOP_ERROR_H
#define TONGHOP_ERROR_H

typedef enum {
    TH_OK = 0,
    TH_ERR_NOMEM,    /* out of memory */
    TH_ERR_IO,       /* a read or write failed */
    TH_ERR_NOSPACE,  /* disk full or file-size limit reached */
    TH_ERR_CONFIG,   /* campaign folder missing or inconsistent */
    TH_ERR_USAGE,    /* bad command line */
    TH_ERR_STORE,    /* the store failed or is corrupt */
    TH_ERR_LOCKED,   /* the store is in use by another run */
    TH_ERR_SCHEMA,   /* the store was written by a newer tonghop */
    TH_ERR_LIMIT,    /* an input exceeded a configured limit */
    TH_ERR_INTERNAL, /* a bug: an invariant does not hold */
    TH_ERR_EXISTS,   /* the thing to add is already there */
    TH_ERR_COUNT
} th_error;

/* Exit statuses (docs/design.md §9). */
enum {
    TH_EXIT_OK = 0,       /* done */
    TH_EXIT_USAGE = 1,    /* usage or configuration error */
    TH_EXIT_FAILURE = 2,  /* store locked, disk full, unwritable output */
    TH_EXIT_REJECTED = 3, /* done, but some file or row was rejected */
};

/* Returns a short description of err in the selected language (i18n.h);
 * never NULL, also for values out of range. */
const char *th_strerror(th_error err);

#endif
