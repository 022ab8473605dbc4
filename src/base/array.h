/*
 * array.h - growing the arrays that tonghop's lists are made of.
 *
 * Every list (findings, records, activities, submissions, ...) is a plain
 * array with a count and a capacity; this is the one place that grows one,
 * with the overflow check done once.
 */
#ifndef TONGHOP_ARRAY_H
#define TONGHOP_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Makes the array whose address is at items_ptr (a T ** for an array of T,
 * *capacity elements of elem_size bytes) hold at least need elements,
 * doubling the capacity from 8.  Returns false when out of memory or when
 * the size would overflow; the array is then unchanged. */
bool array_reserve(void *items_ptr, size_t *capacity, size_t need, size_t elem_size);

#endif
