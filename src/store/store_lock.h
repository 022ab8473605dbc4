/*
 * store_lock.h - one run at a time per store: an advisory lock (flock) on
 * the file "<db>.lock" beside the store, taken by `run`, `import` and
 * `remind` for their whole duration.
 *
 * SQLite's own locking keeps each transaction whole, but not a run whole:
 * two nightly runs could import into each other's consolidation and write
 * the same outputs at once.  The kernel drops a flock when its holder dies
 * (kill -9 included), so a lock is never left behind; the lock file itself
 * stays and is harmless.
 */
#ifndef TONGHOP_STORE_LOCK_H
#define TONGHOP_STORE_LOCK_H

#include <stddef.h>

#include "error.h"

typedef struct {
    int fd; /* the lock file, holding the lock; -1 when not held */
} store_lock;

/* Takes the lock of the store at db_path, waiting up to wait_ms for another
 * run to release it (polling; 0: not at all).  Returns TH_OK with *lock
 * held; TH_ERR_LOCKED when another run still holds it after the wait;
 * TH_ERR_IO when the lock file cannot be created (a message in err).  On
 * failure lock->fd is -1. */
th_error store_lock_acquire(const char *db_path, int wait_ms, store_lock *lock, char *err,
                            size_t errlen);

/* Releases the lock (closing the file); a released lock is a no-op. */
void store_lock_release(store_lock *lock);

/* How long a run waits for another one: $TONGHOP_LOCK_WAIT in seconds when
 * it is a whole number, else LIMIT_RUN_LOCK_WAIT_MS. */
int store_lock_wait_ms(void);

#endif
