/*
 * progress.h - a progress line on stderr for long imports and exports.
 *
 * One line, redrawn in place with '\r' at most PROGRESS_INTERVAL_MS apart:
 * files (or messages) done of the total, rows, rows per second, time left.
 * Shown only when stderr is a terminal and --quiet was not given, so logs,
 * pipes and cron mail never see it.  When stdout is a terminal too, the
 * line is erased before anything is printed on stdout (progress_hide) and
 * drawn again after, so it stays below the output instead of inside it.
 *
 * Life cycle: progress_init, any number of progress_update / progress_hide
 * / progress_note, then progress_finish, which erases the line.  Nothing is
 * allocated: a progress needs no release beyond progress_finish.
 */
#ifndef TONGHOP_PROGRESS_H
#define TONGHOP_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "finding.h"

#define PROGRESS_INTERVAL_MS 250 /* a few redraws a second at most */

/* What is counted: the plural noun shown after "done/total". */
typedef enum { PROGRESS_FILES, PROGRESS_MESSAGES } progress_what;

typedef struct {
    FILE *out;            /* stderr */
    bool on;              /* stderr is a terminal and not --quiet */
    bool shares_terminal; /* stdout is a terminal too: erase before it prints */
    th_lang lang;
    progress_what what;
    size_t total, done, rows;
    long long start_ms, drawn_ms; /* monotonic; drawn_ms of the last redraw */
    size_t shown;                 /* columns of the line on screen, 0: none */
} progress;

/* Starts p for total items of kind what on stderr and, when total > 0 and
 * stdout is not on the same terminal, shows "0/total" at once.  p stays off
 * (every call a no-op) when quiet, or when stderr is not a terminal. */
void progress_init(progress *p, bool quiet, th_lang lang, progress_what what, size_t total);

/* Records done items and rows so far and redraws the line when the last
 * redraw is PROGRESS_INTERVAL_MS old, when done reaches the total, or when
 * progress_hide erased it. */
void progress_update(progress *p, size_t done, size_t rows);

/* Shows text (valid UTF-8) as the line instead of counts, at once: for a
 * step that cannot count, such as writing a workbook. */
void progress_note(progress *p, const char *text);

/* Erases the line before stdout prints on the same terminal; a no-op when
 * stdout is elsewhere (the line then stays and the next update redraws it). */
void progress_hide(progress *p);

/* Erases the line for good.  p may be finished twice, or be NULL. */
void progress_finish(progress *p);

#endif
