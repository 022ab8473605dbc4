/*
 * keymap.h - a hash table from text keys to indexes, built once and then
 * only read: how the campaign finds a unit or a category by any of its
 * folded names in constant time, whatever the number of units.
 *
 * The keys are borrowed: the map keeps the pointers it is given, and the
 * strings must outlive it (the campaign owns them).
 */
#ifndef TONGHOP_KEYMAP_H
#define TONGHOP_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct {
    const char **keys; /* cap slots, NULL when free */
    size_t *values;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} keymap;

/* Makes an empty map that owns nothing yet. */
void keymap_init(keymap *m);

/* Makes room for n keys in all, so that adding them allocates nothing more.
 * Returns TH_ERR_NOMEM when out of memory (the map is then unchanged). */
th_error keymap_reserve(keymap *m, size_t n);

/* Maps key to value unless key is mapped already.  Returns TH_OK and sets
 * *owner to value when key was new, or to the value it already had; key is
 * borrowed.  Returns TH_ERR_NOMEM when out of memory. */
th_error keymap_add(keymap *m, const char *key, size_t value, size_t *owner);

/* True, with *value set, when key is mapped. */
bool keymap_get(const keymap *m, const char *key, size_t *value);

/* Frees what m owns (not the keys) and leaves it empty. */
void keymap_release(keymap *m);

#endif
