/*
 * progress.c - the progress line of long imports and exports (progress.h).
 *
 * Plain '\r' and spaces, no escape sequences, so any terminal (and
 * TERM=dumb) shows it; the line is cut to the terminal's width, or a
 * wrapped line could not be redrawn in place.
 */
#include "progress.h"

#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "text.h"

#define PROGRESS_DEFAULT_WIDTH 80

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The columns a line may take: the terminal's width less one, so that the
 * cursor never reaches the last column (some terminals wrap there). */
static size_t line_width(const progress *p)
{
    struct winsize ws;
    size_t cols = PROGRESS_DEFAULT_WIDTH;
    if (ioctl(fileno(p->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        cols = ws.ws_col;
    return cols > 1 ? cols - 1 : 1;
}

/* Replaces the line on screen with text, cut to the width. */
static void draw(progress *p, const char *text)
{
    size_t len = text_prefix_for_width(text, line_width(p));
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)len, text);
    size_t w = text_width(line);
    if (p->shares_terminal)
        fflush(stdout); /* what stdout holds goes above the line */
    fprintf(p->out, "\r%s", line);
    for (size_t i = w; i < p->shown; i++) /* what is left of a longer line */
        fputc(' ', p->out);
    p->shown = w > p->shown ? w : p->shown;
    p->drawn_ms = now_ms();
    fflush(p->out);
}

static void erase(progress *p)
{
    if (p->shown == 0)
        return;
    fputc('\r', p->out);
    for (size_t i = 0; i < p->shown; i++)
        fputc(' ', p->out);
    fputc('\r', p->out);
    fflush(p->out);
    p->shown = 0;
}

/* n with thousands grouped as the language writes them: 12.345 / 12,345. */
static void grouped(size_t n, th_lang lang, char *buf, size_t len)
{
    char digits[32];
    int nd = snprintf(digits, sizeof digits, "%zu", n);
    size_t o = 0;
    for (int i = 0; i < nd && o + 2 < len; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            buf[o++] = lang == LANG_EN ? ',' : '.';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* "1:05" or "1:02:05". */
static void duration(long long secs, char *buf, size_t len)
{
    if (secs >= 3600)
        snprintf(buf, len, "%lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
    else
        snprintf(buf, len, "%lld:%02lld", secs / 60, secs % 60);
}

static void draw_counts(progress *p)
{
    long long elapsed = now_ms() - p->start_ms;
    char rows[32], per_s[32], rate[48] = "", left[48] = "", text[256];
    grouped(p->rows, p->lang, rows, sizeof rows);
    if (elapsed >= 100) { /* before that a rate means nothing */
        grouped((size_t)((double)p->rows * 1000.0 / (double)elapsed), p->lang, per_s, sizeof per_s);
        snprintf(rate, sizeof rate, _(", %s rows/s"), per_s);
    }
    if (p->done > 0 && p->done < p->total) {
        char time_left[32];
        duration(
            (long long)((double)elapsed / 1000.0 * (double)(p->total - p->done) / (double)p->done +
                        0.5),
            time_left, sizeof time_left);
        snprintf(left, sizeof left, _(", %s left"), time_left);
    }
    const char *what = p->what == PROGRESS_MESSAGES ? _("messages") : _("files");
    snprintf(text, sizeof text,
             /* TRANSLATORS: files (or messages) done/total, then the rows read so far (a number
                grouped by thousands), the rate and the time left */
             P_("tonghop: %zu/%zu %s, %s row%s%s", "tonghop: %zu/%zu %s, %s rows%s%s", p->rows),
             p->done, p->total, what, rows, rate, left);
    draw(p, text);
}

void progress_init(progress *p, bool quiet, th_lang lang, progress_what what, size_t total)
{
    memset(p, 0, sizeof *p);
    p->out = stderr;
    p->on = !quiet && isatty(fileno(stderr));
    p->shares_terminal = p->on && isatty(fileno(stdout));
    p->lang = lang;
    p->what = what;
    p->total = total;
    p->start_ms = now_ms();
    /* "0/39": something shows while the first file is read, however long it
     * is; unless stdout shares the terminal, when the loop would erase it
     * before that file's output at once. */
    if (p->on && !p->shares_terminal && total > 0)
        draw_counts(p);
}

void progress_update(progress *p, size_t done, size_t rows)
{
    p->done = done;
    p->rows = rows;
    if (!p->on)
        return;
    if (p->shown > 0 && done < p->total && now_ms() - p->drawn_ms < PROGRESS_INTERVAL_MS)
        return;
    draw_counts(p);
}

void progress_note(progress *p, const char *text)
{
    if (!p->on)
        return;
    char line[256];
    snprintf(line, sizeof line, "tonghop: %s", text);
    draw(p, line);
}

void progress_hide(progress *p)
{
    if (p->on && p->shares_terminal)
        erase(p);
}

void progress_finish(progress *p)
{
    if (p == NULL)
        return;
    if (p->on)
        erase(p);
    p->on = false;
}
