/*
 * array.c - growing arrays (see array.h).
 */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool array_reserve(void *items_ptr, size_t *capacity, size_t need, size_t elem_size)
{
    if (need <= *capacity)
        return true;
    size_t cap = *capacity ? *capacity : 8;
    while (cap < need) {
        if (cap > SIZE_MAX / 2 / elem_size)
            return false;
        cap *= 2;
    }
    /* The pointer is copied in and out rather than accessed as a void *,
     * which would be a different type from the caller's T *. */
    void *items;
    memcpy(&items, items_ptr, sizeof items);
    void *grown = realloc(items, cap * elem_size);
    if (grown == NULL)
        return false;
    memcpy(items_ptr, &grown, sizeof grown);
    *capacity = cap;
    return true;
}
