/*
 * font_metrics.c - how wide text is in Times New Roman, from the advance
 * widths of Liberation Serif (the same metrics; font_metrics_table.h is
 * generated from the font files by scripts/gen_font_metrics.py).
 *
 * Used to choose column widths and row heights: constant-memory mode cannot
 * fit them, and a viewer that does not refit would cut a row or break a
 * word otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "workbook.h"

struct font_advance {
    /* cppcheck-suppress unusedStructMember ; the key by_cp compares */
    int32_t cp;
    unsigned short regular, bold; /* 1/2048 em */
};

#include "font_metrics_table.h"

#define NADVANCES (sizeof font_advances / sizeof font_advances[0])
#define EM 2048.0

static int by_cp(const void *key, const void *elem)
{
    int32_t a = *(const int32_t *)key, b = ((const struct font_advance *)elem)->cp;
    return (a > b) - (a < b);
}

/* Advance of cp in 1/2048 em.  Characters outside the table: wide ones
 * (CJK and beyond) a full em, others the width of 'M' to err on the wide
 * side. */
static double advance(int32_t cp, bool bold)
{
    const unsigned short *dense = cp >= 0 && cp <= 0x1FF         ? font_latin[cp]
                                  : cp >= 0x1EA0 && cp <= 0x1EFF ? font_vietnamese[cp - 0x1EA0]
                                                                 : NULL;
    if (dense != NULL && dense[0] != 0)
        return dense[bold];
    const struct font_advance *a =
        bsearch(&cp, font_advances, NADVANCES, sizeof font_advances[0], by_cp);
    if (a != NULL)
        return bold ? a->bold : a->regular;
    if (cp >= 0x300 && cp < 0x370)
        return 0; /* combining marks sit on their base */
    return cp >= 0x2E80 ? EM : 1821;
}

/* The advance of the character at *p in 1/2048 em, moving *p past it; an
 * invalid byte counts as U+FFFD and is passed alone.  The characters of
 * Vietnamese text (one to three bytes) are decoded here, without a call;
 * anything else through text_next_cp. */
static double next_units(const char **p, bool bold)
{
    const unsigned char *b = (const unsigned char *)*p;
    int32_t cp;
    if (b[0] < 0x80 && font_latin[b[0]][0] != 0) {
        (*p)++;
        return font_latin[b[0]][bold];
    }
    if (b[0] >= 0xC2 && b[0] <= 0xDF && (b[1] & 0xC0) == 0x80) {
        cp = (int32_t)(b[0] & 0x1F) << 6 | (b[1] & 0x3F);
        *p += 2;
    } else if (b[0] >= 0xE1 && b[0] <= 0xEC && (b[1] & 0xC0) == 0x80 && (b[2] & 0xC0) == 0x80) {
        cp = (int32_t)(b[0] & 0x0F) << 12 | (int32_t)(b[1] & 0x3F) << 6 | (b[2] & 0x3F);
        *p += 3;
    } else if ((cp = text_next_cp(p)) < 0) { /* an invalid byte: shown as U+FFFD */
        cp = 0xFFFD;
        (*p)++;
    }
    return advance(cp, bold);
}

/* (Units are whole numbers of 1/2048 em: their sum is exact in any order,
 * so every way of measuring below gives the same points.) */
double wb_span_points(const char *s, size_t n, double size, bool bold)
{
    const char *p = s, *end = s + n;
    double units = 0;
    while (p < end && *p)
        units += next_units(&p, bold);
    return units * size / EM;
}

void wb_measure_text(const char *text, double size, bool bold, bool lines, wb_extent *e)
{
    double word = 0, line = 0; /* units of the current word and line */
    bool first = true;
    for (const char *p = text;;) {
        char ch = *p;
        if (ch == ' ' || ch == '\n' || ch == '\0') {
            double w = word * size / EM;
            *e->word = w > *e->word ? w : *e->word;
            word = 0;
        }
        if (lines && *text && (ch == '\n' || ch == '\0')) {
            double w = line * size / EM;
            *e->line = w > *e->line ? w : *e->line;
            *e->ink += w;
            *e->cells += first;
            first = false;
            line = 0;
        }
        if (ch == '\0')
            break;
        if (ch == '\n') {
            p++;
            continue;
        }
        double a = next_units(&p, bold);
        word += ch == ' ' ? 0 : a;
        line += a;
    }
}

double wb_text_points(const char *text, double size, bool bold)
{
    return wb_span_points(text, strlen(text), size, bold);
}

/* Lines one paragraph (no line break inside) takes in width points. */
static int paragraph_lines(const char *p, size_t n, double width, double size, bool bold)
{
    double space = advance(' ', bold) * size / EM, line = 0;
    int lines = 1;
    const char *end = p + n;
    while (p < end) {
        size_t w = 0;
        while (p + w < end && p[w] != ' ')
            w++;
        double word = wb_span_points(p, w, size, bold);
        if (line > 0 && line + space + word > width) {
            lines++;
            line = 0;
        }
        if (line > 0)
            line += space;
        while (word > width && width > 0) { /* a word wider than the column */
            lines++;
            word -= width;
        }
        line += word;
        p += w;
        while (p < end && *p == ' ')
            p++;
    }
    return lines;
}

int wb_text_lines(const char *text, double width, double size, bool bold)
{
    int lines = 0;
    for (const char *p = text;; p++) {
        size_t n = strcspn(p, "\n");
        lines += paragraph_lines(p, n, width, size, bold);
        p += n;
        if (*p == '\0')
            break;
    }
    return lines;
}
