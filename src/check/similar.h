/*
 * similar.h - near matches of what a unit typed: a column header, a unit or
 * an activity category that is almost, but not exactly, a known one.
 *
 * Exact matching (text_fold: case, spacing and diacritics ignored) stays the
 * rule; this module only answers the second question, "which known name is
 * this closest to?", so that a header spelled "So buoi lop" is still read and
 * an unknown code comes with "did you mean ...?".
 */
#ifndef TONGHOP_SIMILAR_H
#define TONGHOP_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>

#include "campaign.h"

/* Returns a newly allocated key of s that keeps only its letters and digits,
 * folded as text_fold does (case and diacritics gone, đ -> d): "Số buổi,
 * lớp" and "so_buoi-lop" both give "sobuoilop".  NULL when s is not valid
 * UTF-8 or memory runs out.  The caller frees it. */
char *similar_key(const char *s);

/* Returns the edit distance (insertions, deletions, substitutions of bytes,
 * and swaps of two neighbouring bytes, the commonest typing slip) between a
 * and b, or cap + 1 as soon as it is known to exceed cap. */
size_t similar_distance(const char *a, const char *b, size_t cap);

/* How many edits a key of len bytes may differ by and still be taken for
 * the same word: none below 5 bytes (codes that short are too easily another
 * code), 1 below 9, then 2, then one per 8 bytes. */
size_t similar_tolerance(size_t len);

/* The closest candidate seen so far: its distance and index, and whether
 * another index was as close (a tie is no answer: a guess that could be
 * either of two names is worse than none). */
typedef struct {
    size_t distance;
    long index;
    bool tied;
} similar_best;

/* Starts b with no candidate. */
void similar_best_init(similar_best *b);

/* Weighs candidate (any text; compared through similar_key) with index
 * against key (a similar_key); b keeps it when it is within
 * similar_tolerance and closer than any before. */
void similar_consider(similar_best *b, const char *key, const char *candidate, long index);

/* Returns the index of the closest candidate, or -1 when none was within
 * tolerance or two were equally close. */
long similar_best_index(const similar_best *b);

/* Returns the index of the unit of c whose code, name or alias is closest to
 * text within similar_tolerance, or -1 when none is close or two are equally
 * close. */
long similar_unit(const campaign *c, const char *text);

/* The same for the categories of c. */
long similar_category(const campaign *c, const char *text);

#endif
