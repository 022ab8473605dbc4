/*
 * report.c - life cycle of a validated report (see report.h).
 */
#include "report.h"

#include <stdlib.h>

void report_init(report *r)
{
    r->unit = -1;
    r->activities = NULL;
    r->nactivities = 0;
    r->capacity = 0;
    r->nrows_read = 0;
    r->nrows_rejected = 0;
    r->rejected = false;
}

void report_release(report *r)
{
    for (size_t i = 0; i < r->nactivities; i++) {
        free(r->activities[i].content);
        free(r->activities[i].note);
    }
    free(r->activities);
    report_init(r);
}
