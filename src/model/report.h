/*
 * report.h - a validated report: what the validator hands to the store.
 *
 * Every activity here has passed validation: its category exists, its dates
 * and numbers parsed.  Rows with errors are not here; their findings are.
 */
#ifndef TONGHOP_REPORT_H
#define TONGHOP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "field.h"
#include "report_schema.h"

typedef struct {
    size_t line;     /* where the row starts in the source file */
    size_t category; /* index into campaign.categories */
    char *content;   /* noi_dung; owned */
    civil_day from;
    civil_day to; /* == from when den_ngay was empty */
    bool has_to;
    activity_form form;
    int64_t indicators[INDICATOR_COUNT]; /* so_nguoi .. kinh_phi */
    bool has_indicator[INDICATOR_COUNT]; /* false: the cell was empty */
    char *note;                          /* ghi_chu; owned, may be "" */
} activity;

typedef struct {
    long unit;            /* index into campaign.units, -1 if unknown */
    activity *activities; /* the rows that count */
    size_t nactivities;
    size_t capacity;
    size_t nrows_read; /* data rows in the file, counted or not */
    size_t nrows_rejected;
    bool rejected; /* a file error: nothing of it counts */
} report;

/* Initialises an empty report. */
void report_init(report *r);

/* Frees what r owns and re-initialises it. */
void report_release(report *r);

#endif
