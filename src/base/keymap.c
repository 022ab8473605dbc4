/*
 * keymap.c - open addressing with linear probing (see keymap.h).
 *
 * The table is kept at most half full, so a probe ends after a few slots;
 * the hash is FNV-1a over the key's bytes.
 */
#include "keymap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The slot holding key, or the free slot where it would go. */
static size_t slot_of(const keymap *m, const char *key)
{
    size_t mask = m->cap - 1, i = (size_t)hash(key) & mask;
    while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

void keymap_init(keymap *m)
{
    memset(m, 0, sizeof *m);
}

th_error keymap_reserve(keymap *m, size_t n)
{
    size_t cap = 16;
    while (cap / 2 < n) {
        if (cap > SIZE_MAX / 4 / sizeof(size_t))
            return TH_ERR_NOMEM;
        cap *= 2;
    }
    if (cap <= m->cap)
        return TH_OK;
    keymap grown = {calloc(cap, sizeof *grown.keys), calloc(cap, sizeof *grown.values), cap, 0};
    if (grown.keys == NULL || grown.values == NULL) {
        free(grown.keys);
        free(grown.values);
        return TH_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == NULL)
            continue;
        size_t s = slot_of(&grown, m->keys[i]);
        grown.keys[s] = m->keys[i];
        grown.values[s] = m->values[i];
        grown.count++;
    }
    keymap_release(m);
    *m = grown;
    return TH_OK;
}

th_error keymap_add(keymap *m, const char *key, size_t value, size_t *owner)
{
    th_error rc = keymap_reserve(m, m->count + 1);
    if (rc != TH_OK)
        return rc;
    size_t s = slot_of(m, key);
    if (m->keys[s] == NULL) {
        m->keys[s] = key;
        m->values[s] = value;
        m->count++;
    }
    *owner = m->values[s];
    return TH_OK;
}

bool keymap_get(const keymap *m, const char *key, size_t *value)
{
    if (m->cap == 0)
        return false;
    size_t s = slot_of(m, key);
    if (m->keys[s] == NULL)
        return false;
    *value = m->values[s];
    return true;
}

void keymap_release(keymap *m)
{
    free(m->keys);
    free(m->values);
    keymap_init(m);
}
