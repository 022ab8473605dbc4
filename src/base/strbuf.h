/*
 * strbuf.h - the one way tonghop assembles text of unknown length.
 *
 * In the manner of git's strbuf.h.  Invariants, true after every call:
 *   - buf is never NULL and always NUL-terminated: buf[len] == '\0', so it
 *     can be passed to any function taking a C string at any time;
 *   - buf may hold NUL bytes before len only if they were added with
 *     strbuf_add;
 *   - alloc is the size of the memory buf points to, 0 while buf points to
 *     the shared empty string (nothing allocated yet: release is still safe);
 *   - allocation failure is sticky: the first failed growth sets failed, the
 *     text stays what it was before that call, and every later add is
 *     ignored.  So a caller builds the whole text and checks once, at the
 *     end (strbuf_detach returns NULL, or failed is true).
 *
 * Life cycle: strbuf_init (or STRBUF_INIT), any number of adds, then
 * strbuf_release (frees) or strbuf_detach (hands the buffer to the caller).
 */
#ifndef TONGHOP_STRBUF_H
#define TONGHOP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    size_t alloc; /* bytes allocated at buf, 0 when buf is strbuf_empty */
    size_t len;   /* bytes of text, without the terminating NUL */
    char *buf;    /* the text, NUL-terminated */
    bool failed;  /* an allocation (or formatting) failed: the text is incomplete */
} strbuf;

/* The shared, never written, empty string an unallocated strbuf points to. */
extern char strbuf_empty[];

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        0, 0, strbuf_empty, false                                                                  \
    }

/* Makes sb an empty buffer that owns nothing. */
void strbuf_init(strbuf *sb);

/* Frees what sb owns and leaves it empty as after strbuf_init (it may be
 * used again). */
void strbuf_release(strbuf *sb);

/* Returns the text as a newly allocated string the caller frees (also when
 * empty), and its length in *len if len is not NULL; sb is left empty as
 * after strbuf_init.  Returns NULL when an allocation failed on the way (or
 * now); the text is then freed. */
char *strbuf_detach(strbuf *sb, size_t *len);

/* Makes room for extra more bytes (and the NUL) without adding any.
 * Returns false, setting failed, when out of memory or on overflow. */
bool strbuf_grow(strbuf *sb, size_t extra);

/* Appends n bytes of data. */
void strbuf_add(strbuf *sb, const void *data, size_t n);

/* Appends the C string s. */
void strbuf_adds(strbuf *sb, const char *s);

/* Appends one byte. */
void strbuf_addch(strbuf *sb, char c);

/* Appends the printf-formatted text. */
void strbuf_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Empties the text, keeping the memory (failed is cleared too). */
void strbuf_reset(strbuf *sb);

#endif
