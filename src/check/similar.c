/*
 * similar.c - near matches of headers, units and categories (see similar.h).
 *
 * Keys are compared after folding (text_fold) and dropping everything but
 * letters and digits, then by edit distance within a tolerance that grows
 * with the length of the key.  Ties are no answer: a guess that could be
 * either of two names is worse than none.
 */
#include "similar.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Drops from key, in place, everything but letters and digits. */
static char *keep_alnum(char *key)
{
    if (key == NULL)
        return NULL;
    char *w = key;
    for (const char *r = key; *r; r++) {
        unsigned char ch = (unsigned char)*r;
        /* ASCII letters and digits, and any byte of a non-ASCII letter
         * (text_fold leaves few: those without a decomposition) */
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80)
            *w++ = *r;
    }
    *w = '\0';
    return key;
}

char *similar_key(const char *s)
{
    return keep_alnum(text_fold(s));
}

size_t similar_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    /* three rows of the table: i - 2 (for a transposition), i - 1, i */
    size_t *rows = malloc(3 * (lb + 1) * sizeof *rows);
    if (rows == NULL)
        return cap + 1;
    size_t *before = rows, *prev = rows + lb + 1, *row = rows + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t best = i;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = row[j - 1] + 1;
            size_t d = cost < del ? (cost < ins ? cost : ins) : (del < ins ? del : ins);
            /* two neighbours swapped ("improt") is the one slip it looks like */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < d)
                d = before[j - 2] + 1;
            row[j] = d;
            if (d < best)
                best = d;
        }
        if (best > cap) { /* every path already costs more than cap */
            free(rows);
            return cap + 1;
        }
        size_t *spare = before;
        before = prev;
        prev = row;
        row = spare;
    }
    size_t result = prev[lb];
    free(rows);
    return result > cap ? cap + 1 : result;
}

size_t similar_tolerance(size_t len)
{
    if (len < 5)
        return 0;
    if (len < 9)
        return 1;
    return len < 24 ? 2 : len / 8;
}

void similar_best_init(similar_best *b)
{
    *b = (similar_best){(size_t)-1, -1, false};
}

void similar_consider(similar_best *b, const char *key, const char *candidate, long index)
{
    char *k = similar_key(candidate);
    if (k == NULL || *k == '\0' || *key == '\0') {
        free(k);
        return;
    }
    size_t len = strlen(key) > strlen(k) ? strlen(key) : strlen(k);
    size_t cap = similar_tolerance(len);
    size_t d = similar_distance(key, k, cap);
    free(k);
    if (d > cap || d > b->distance || (d == b->distance && b->index == index))
        return;
    b->tied = d == b->distance;
    if (d < b->distance) {
        b->distance = d;
        b->index = index;
    }
}

long similar_best_index(const similar_best *b)
{
    return b->index >= 0 && !b->tied ? b->index : -1;
}

/* The unit (units) or category of c closest to text: every spelling it is
 * known by (its lookup keys) is a candidate. */
static long closest(const campaign *c, const char *text, bool units)
{
    char *key = similar_key(text);
    similar_best best;
    similar_best_init(&best);
    size_t n = units ? c->nunits : c->ncategories;
    for (size_t i = 0; key != NULL && i < n; i++) {
        char **keys = units ? c->units[i].keys : c->categories[i].keys;
        size_t nkeys = units ? c->units[i].nkeys : c->categories[i].nkeys;
        for (size_t k = 0; k < nkeys; k++)
            similar_consider(&best, key, keys[k], (long)i);
    }
    free(key);
    return similar_best_index(&best);
}

long similar_unit(const campaign *c, const char *text)
{
    return closest(c, text, true);
}

long similar_category(const campaign *c, const char *text)
{
    return closest(c, text, false);
}
