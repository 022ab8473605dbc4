/*
 * strbuf.c - the growable string of strbuf.h.
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char strbuf_empty[1];

void strbuf_init(strbuf *sb)
{
    sb->alloc = 0;
    sb->len = 0;
    sb->buf = strbuf_empty;
    sb->failed = false;
}

void strbuf_release(strbuf *sb)
{
    if (sb->alloc != 0)
        free(sb->buf);
    strbuf_init(sb);
}

char *strbuf_detach(strbuf *sb, size_t *len)
{
    char *out = NULL;
    if (!sb->failed)
        out = sb->alloc != 0 ? sb->buf : strdup("");
    else if (sb->alloc != 0)
        free(sb->buf);
    if (len != NULL)
        *len = out != NULL ? sb->len : 0;
    strbuf_init(sb);
    return out;
}

bool strbuf_grow(strbuf *sb, size_t extra)
{
    if (sb->failed)
        return false;
    if (extra > SIZE_MAX / 2 - sb->len - 1) {
        sb->failed = true;
        return false;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return true;
    size_t alloc = sb->alloc < 64 ? 64 : sb->alloc;
    while (alloc < need)
        alloc *= 2;
    char *grown = realloc(sb->alloc != 0 ? sb->buf : NULL, alloc);
    if (grown == NULL) {
        sb->failed = true;
        return false;
    }
    if (sb->alloc == 0)
        grown[0] = '\0';
    sb->buf = grown;
    sb->alloc = alloc;
    return true;
}

void strbuf_add(strbuf *sb, const void *data, size_t n)
{
    if (!strbuf_grow(sb, n))
        return;
    memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_adds(strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(strbuf *sb, char c)
{
    strbuf_add(sb, &c, 1);
}

void strbuf_addf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->failed = true;
        return;
    }
    if (!strbuf_grow(sb, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void strbuf_reset(strbuf *sb)
{
    sb->len = 0;
    sb->failed = false;
    if (sb->alloc != 0)
        sb->buf[0] = '\0';
}
