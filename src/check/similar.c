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
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (row == NULL)
        return cap + 1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    size_t result = 0;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = diag + (a[i - 1] != b[j - 1]);
            size_t del = up + 1, ins = row[j - 1] + 1;
            row[j] = cost < del ? (cost < ins ? cost : ins) : (del < ins ? del : ins);
            diag = up;
            if (row[j] < best)
                best = row[j];
        }
        if (best > cap) { /* every path already costs more than cap */
            free(row);
            return cap + 1;
        }
    }
    result = row[lb];
    free(row);
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

/* The closest candidate so far: its distance and index; tied when another
 * index is as close. */
typedef struct {
    size_t best;
    long index;
    bool tied;
} closest;

/* Weighs one candidate, given as a text_fold key (campaign keys are). */
static void consider(closest *c, const char *key, const char *folded, long index)
{
    char *k = keep_alnum(strdup(folded));
    if (k == NULL || *k == '\0') {
        free(k);
        return;
    }
    size_t len = strlen(key) > strlen(k) ? strlen(key) : strlen(k);
    size_t d = similar_distance(key, k, similar_tolerance(len));
    free(k);
    if (d > similar_tolerance(len))
        return;
    if (d < c->best) {
        *c = (closest){d, index, false};
    } else if (d == c->best && c->index != index) {
        c->tied = true;
    }
}

static long finish(const closest *c)
{
    return c->index >= 0 && !c->tied ? c->index : -1;
}

long similar_unit(const campaign *c, const char *text)
{
    char *key = similar_key(text);
    closest best = {(size_t)-1, -1, false};
    for (size_t u = 0; key != NULL && *key != '\0' && u < c->nunits; u++) {
        for (size_t i = 0; i < c->units[u].nkeys; i++)
            consider(&best, key, c->units[u].keys[i], (long)u);
    }
    free(key);
    return finish(&best);
}

long similar_category(const campaign *c, const char *text)
{
    char *key = similar_key(text);
    closest best = {(size_t)-1, -1, false};
    for (size_t k = 0; key != NULL && *key != '\0' && k < c->ncategories; k++) {
        for (size_t i = 0; i < c->categories[k].nkeys; i++)
            consider(&best, key, c->categories[k].keys[i], (long)k);
    }
    free(key);
    return finish(&best);
}
