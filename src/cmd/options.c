/*
 * options.c - the one option parser of every command (see options.h).
 *
 * A single walk over argv: each argument is an option of the table (with its
 * value taken from itself after '=' or from the next argument), "--", or an
 * argument kept in order.  Near misses are guessed with similar.h, the
 * measure the headers, units and categories of a report are matched with.
 */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "similar.h"

/* The option of t whose long name is name[0..len), or NULL. */
static const option_spec *find_long(const option_table *t, const char *name, size_t len)
{
    for (size_t i = 0; i < t->nspecs; i++) {
        const char *n = t->specs[i].name;
        if (n != NULL && strlen(n) == len && strncmp(n, name, len) == 0)
            return &t->specs[i];
    }
    return NULL;
}

static const option_spec *find_short(const option_table *t, char c)
{
    for (size_t i = 0; i < t->nspecs; i++)
        if (t->specs[i].short_name != 0 && t->specs[i].short_name == c)
            return &t->specs[i];
    return NULL;
}

/* Sets what o says.  inline_value is the value written in the argument
 * itself (after '=', or after the letter of a short option), else NULL;
 * otherwise the value is argv[*i + 1] and *i moves past it.  Returns false
 * with *err filled when the value is missing or not wanted. */
static bool take(const option_spec *o, const char *inline_value, int argc, char **argv, int *i,
                 options_error *err)
{
    const char *arg = argv[*i];
    if (o->flag != NULL) {
        if (inline_value != NULL) {
            *err = (options_error){OPTIONS_UNEXPECTED_VALUE, arg, o, NULL};
            return false;
        }
        *o->flag = true;
        return true;
    }
    if (inline_value == NULL) {
        if (*i + 1 >= argc) {
            *err = (options_error){OPTIONS_MISSING_VALUE, arg, o, NULL};
            return false;
        }
        inline_value = argv[++*i];
    }
    *o->value = inline_value;
    return true;
}

/* The option argv[*i] names in t, with its inline value if any; NULL when
 * it names none. */
static const option_spec *lookup(const option_table *t, const char *arg, const char **inline_value)
{
    *inline_value = NULL;
    if (arg[1] == '-') { /* --name or --name=value */
        const char *name = arg + 2, *eq = strchr(name, '=');
        size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
        const option_spec *o = find_long(t, name, len);
        if (o != NULL && eq != NULL)
            *inline_value = eq + 1;
        return o;
    }
    /* -o, -oVALUE, -o=VALUE */
    const option_spec *o = find_short(t, arg[1]);
    if (o != NULL && arg[2] != '\0') {
        if (o->flag != NULL && arg[2] != '=')
            return NULL; /* "-qx": no bundling of flags */
        *inline_value = arg + 2 + (arg[2] == '=');
    }
    return o;
}

int options_parse(const option_table *t, int argc, char **argv, options_error *err)
{
    int out = 1, i = 1;
    *err = (options_error){OPTIONS_OK, NULL, NULL, NULL};
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            if (!t->keep_unknown)
                i++; /* the "--" itself is spent */
            break;
        }
        if (arg[0] != '-' || arg[1] == '\0') { /* an argument, or "-" */
            argv[out++] = argv[i];
            continue;
        }
        const char *inline_value;
        const option_spec *o = lookup(t, arg, &inline_value);
        if (o == NULL && t->keep_unknown) {
            argv[out++] = argv[i];
            continue;
        }
        if (o == NULL) {
            *err = (options_error){OPTIONS_UNKNOWN, arg, NULL, options_guess(t, arg)};
            return -1;
        }
        if (!take(o, inline_value, argc, argv, &i, err))
            return -1;
    }
    for (; i < argc; i++)
        argv[out++] = argv[i];
    argv[out] = NULL;
    return out;
}

/* Weighs the options of specs as guesses for name (with its similar_key
 * key); indexes count from base, so that two tables share one best. */
static void consider(similar_best *best, const char *key, const option_spec *specs, size_t n,
                     long base)
{
    for (size_t i = 0; i < n; i++) {
        char letter[2] = {specs[i].short_name, '\0'};
        if (specs[i].name != NULL)
            similar_consider(best, key, specs[i].name, base + (long)i);
        if (*letter != '\0')
            similar_consider(best, key, letter, base + (long)i);
    }
}

/* The only option of specs, others whose long name starts with name[0..len)
 * (at least two characters), or NULL. */
static const option_spec *unique_prefix(const option_table *t, const char *name, size_t len)
{
    const option_spec *found = NULL;
    size_t count = 0;
    for (int table = 0; table < 2 && len >= 2; table++) {
        const option_spec *specs = table == 0 ? t->specs : t->others;
        size_t n = table == 0 ? t->nspecs : t->nothers;
        for (size_t i = 0; i < n; i++)
            if (specs[i].name != NULL && strncmp(specs[i].name, name, len) == 0 &&
                strlen(specs[i].name) > len) {
                found = &specs[i];
                count++;
            }
    }
    return count == 1 ? found : NULL;
}

const option_spec *options_guess(const option_table *t, const char *arg)
{
    const char *name = arg + strspn(arg, "-"), *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
    const option_spec *prefix = unique_prefix(t, name, len);
    if (prefix != NULL)
        return prefix;
    char *typed = strndup(name, len);
    char *key = typed != NULL ? similar_key(typed) : NULL;
    free(typed);
    if (key == NULL)
        return NULL;
    similar_best best;
    similar_best_init(&best);
    consider(&best, key, t->specs, t->nspecs, 0);
    consider(&best, key, t->others, t->nothers, (long)t->nspecs);
    free(key);
    long i = similar_best_index(&best);
    if (i < 0)
        return NULL;
    return (size_t)i < t->nspecs ? &t->specs[i] : &t->others[(size_t)i - t->nspecs];
}

const char *options_spelling(const option_spec *o, char *buf, size_t len)
{
    if (o->name != NULL)
        snprintf(buf, len, "--%s", o->name);
    else
        snprintf(buf, len, "-%c", o->short_name);
    return buf;
}
