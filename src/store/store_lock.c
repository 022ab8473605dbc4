/*
 * store_lock.c - the lock file beside the store (see store_lock.h).
 */
#include "store_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "th_limits.h"

/* Polling interval while another run holds the lock. */
#define POLL_MS 100

th_error store_lock_acquire(const char *db_path, int wait_ms, store_lock *lock, char *err,
                            size_t errlen)
{
    char path[4096];
    lock->fd = -1;
    if (snprintf(path, sizeof path, "%s.lock", db_path) >= (int)sizeof path) {
        snprintf(err, errlen, "%s", _("the store's path is too long"));
        return TH_ERR_IO;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, _("cannot open the lock file '%s': %s"), path, strerror(errno));
        return TH_ERR_IO;
    }
    for (int waited = 0;; waited += POLL_MS) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            lock->fd = fd;
            return TH_OK;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            snprintf(err, errlen, _("cannot lock '%s': %s"), path, strerror(errno));
            close(fd);
            return TH_ERR_IO;
        }
        if (waited >= wait_ms)
            break;
        nanosleep(&(struct timespec){0, POLL_MS * 1000000L}, NULL);
    }
    close(fd);
    snprintf(err, errlen, _("another tonghop run holds '%s'; try again when it has finished"),
             path);
    return TH_ERR_LOCKED;
}

void store_lock_release(store_lock *lock)
{
    if (lock->fd >= 0)
        close(lock->fd); /* closing drops the flock */
    lock->fd = -1;
}

int store_lock_wait_ms(void)
{
    const char *env = getenv("TONGHOP_LOCK_WAIT");
    char *end = NULL;
    if (env != NULL && *env != '\0') {
        long s = strtol(env, &end, 10);
        if (*end == '\0' && s >= 0 && s <= 24 * 3600)
            return (int)(s * 1000);
    }
    return LIMIT_RUN_LOCK_WAIT_MS;
}
