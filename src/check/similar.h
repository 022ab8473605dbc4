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

#include <stddef.h>

#include "campaign.h"

/* Returns a newly allocated key of s that keeps only its letters and digits,
 * folded as text_fold does (case and diacritics gone, đ -> d): "Số buổi,
 * lớp" and "so_buoi-lop" both give "sobuoilop".  NULL when s is not valid
 * UTF-8 or memory runs out.  The caller frees it. */
char *similar_key(const char *s);

/* Returns the edit distance (insertions, deletions, substitutions of bytes)
 * between a and b, or cap + 1 as soon as it is known to exceed cap. */
size_t similar_distance(const char *a, const char *b, size_t cap);

/* How many edits a key of len bytes may differ by and still be taken for
 * the same word: none below 5 bytes (codes that short are too easily another
 * code), 1 below 9, then 2, then one per 8 bytes. */
size_t similar_tolerance(size_t len);

/* Returns the index of the unit of c whose code, name or alias is closest to
 * text within similar_tolerance, or -1 when none is close or two are equally
 * close. */
long similar_unit(const campaign *c, const char *text);

/* The same for the categories of c. */
long similar_category(const campaign *c, const char *text);

#endif
