/*
 * vietnamese.c - text typed with a legacy Vietnamese font (TCVN3, VNI):
 * telling it from real Unicode, and converting TCVN3 back (see vietnamese.h).
 *
 * Only validation uses this (the legacy-font warning, docs/design.md §3.2).
 * Unicode itself goes through text.h; the TCVN3 table comes from glibc's
 * iconv ("TCVN").
 */
#include "vietnamese.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- Vietnamese syllables --------------------------------------------- */

/*
 * Legacy font detection decodes each suspicious word as TCVN3 and as VNI and
 * asks whether the result is a Vietnamese syllable while the word as it
 * stands is not.  A syllable is onset + vowel cluster + final consonant with
 * at most one tone mark; the checks below are the phonotactic rules that
 * tell "chức" from "chøc" or "crốme".
 */

enum { MAX_WORD = 32 };

static const char *const onsets[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
    "đ",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x", NULL,
};

/* Vowel clusters that end in a semivowel: no final consonant may follow. */
static const char *const open_clusters[] = {
    "ai",  "ao",  "au",  "ay",  "âu",  "ây",  "eo",  "êu",  "ia",  "iu",  "oi",
    "ôi",  "ơi",  "ui",  "ưi",  "ưu",  "ưa",  "ua",  "uơ",  "oai", "oao", "oay",
    "oeo", "iêu", "yêu", "uây", "uôi", "ươi", "ươu", "uya", "uyu", NULL,
};

/* Vowel clusters that need a final consonant. */
static const char *const closed_clusters[] = {
    "ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê", "oo", NULL,
};

/* Vowel clusters with or without a final consonant. */
static const char *const free_clusters[] = {
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy", NULL,
};

static const char *const finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL};

static bool in_list(const char *const *list, const char *s, size_t n)
{
    for (; *list != NULL; list++)
        if (strlen(*list) == n && memcmp(*list, s, n) == 0)
            return true;
    return false;
}

static bool is_vowel(int32_t cp)
{
    static const int32_t vowels[] = {'a',    'e',    'i',    'o',    'u',    'y',
                                     0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0};
    for (size_t i = 0; i < sizeof vowels / sizeof vowels[0]; i++)
        if (vowels[i] == cp)
            return true;
    return false;
}

static bool is_tone_mark(int32_t cp)
{
    return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 || cp == 0x0323;
}

/* Lower-cases cps[0..n) and checks its case pattern: all lower, all upper,
 * or a capital first.  Returns false on a mix such as "tiÕp". */
static bool lower_word(int32_t *cps, size_t n)
{
    size_t cased = 0, upper = 0;
    bool first_upper = false;

    for (size_t i = 0; i < n; i++) {
        int32_t low = text_cp_lower(cps[i]);
        if (low == cps[i] && text_cp_upper(cps[i]) == cps[i])
            continue; /* uncased: a mark */
        cased++;
        if (low != cps[i]) {
            upper++;
            first_upper = first_upper || cased == 1;
            cps[i] = low;
        }
    }
    return upper == 0 || upper == cased || (upper == 1 && first_upper);
}

/* Splits a toneless lower-case syllable into onset, vowels and final and
 * checks each against the tables.  stop_ok: the tone allows c/ch/p/t. */
static bool rime_ok(const char *s, bool stop_ok)
{
    size_t on = 0, vowels = 0, len = strlen(s);

    for (const char *const *o = onsets; *o != NULL; o++)
        if (strncmp(s, *o, strlen(*o)) == 0) {
            on = strlen(*o);
            break;
        }
    /* "gì", "gìn": the i belongs to the rime when no vowel follows "gi" */
    if (on == 2 && strncmp(s, "gi", 2) == 0) {
        const char *p = s + 2;
        int32_t next = text_next_cp(&p);
        if (next < 0 || !is_vowel(next))
            on = 1;
    }
    const char *q = s + on;
    int32_t cp;
    while ((cp = text_next_cp(&q)) >= 0 && is_vowel(cp))
        vowels = (size_t)(q - (s + on));
    const char *v = s + on, *f = v + vowels;
    size_t flen = len - on - vowels;
    if (vowels == 0 || !in_list(finals, f, flen))
        return false;
    bool stop = flen > 0 && (f[0] == 'c' || f[0] == 'p' || f[0] == 't');
    if (stop && !stop_ok)
        return false;
    if (in_list(free_clusters, v, vowels))
        return true;
    if (in_list(open_clusters, v, vowels))
        return flen == 0;
    return in_list(closed_clusters, v, vowels) && flen > 0;
}

typedef enum { SYL_BAD, SYL_OK, SYL_NO_VOWEL } syllable;

static bool is_viet_letter(int32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp != 'f' && cp != 'j' && cp != 'w' && cp != 'z';
    return cp == 0x0111 || is_vowel(cp);
}

/* Splits word into its tone marks (*tone, counted in *tones) and the rest,
 * lower-cased and still decomposed, into base.  Returns SYL_BAD on a case
 * mix, SYL_NO_VOWEL for an abbreviation such as "ĐT". */
static syllable split_tones(const char *word, char *base, size_t cap, int32_t *tone, int *tones)
{
    int32_t cps[MAX_WORD * 4];
    size_t n = 0, used = 0;
    char *nfd = text_nfd(word);
    bool vowel = false;

    if (nfd == NULL)
        return SYL_BAD;
    for (const char *p = nfd; n < MAX_WORD * 4 && (cps[n] = text_next_cp(&p)) >= 0;) {
        if (is_tone_mark(cps[n])) {
            *tone = cps[n];
            ++*tones;
        } else {
            n++;
        }
    }
    free(nfd);
    if (!lower_word(cps, n))
        return SYL_BAD;
    for (size_t i = 0; i < n && used + 4 < cap; i++) {
        vowel = vowel || (cps[i] < 128 && strchr("aeiouy", (int)cps[i]) != NULL);
        used += text_put_cp(base + used, cps[i]);
    }
    base[used] = '\0';
    return vowel ? SYL_OK : SYL_NO_VOWEL;
}

/* Whether word (UTF-8) is one Vietnamese syllable. */
static syllable syllable_check(const char *word)
{
    char base[MAX_WORD * 16];
    int32_t tone = 0;
    int tones = 0;
    char *nfc = NULL;
    syllable res = split_tones(word, base, sizeof base, &tone, &tones);

    if (res != SYL_OK)
        return res;
    if ((nfc = text_nfc(base, strlen(base), NULL)) == NULL)
        return SYL_BAD;
    res = SYL_BAD;
    if (tones <= 1) {
        const char *p = nfc;
        int32_t cp;
        while ((cp = text_next_cp(&p)) >= 0 && is_viet_letter(cp))
            ;
        if (*p == '\0' && cp < 0 && rime_ok(nfc, tone == 0x0301 || tone == 0x0323))
            res = SYL_OK;
    }
    free(nfc);
    return res;
}

/* ---- legacy fonts ----------------------------------------------------- */

/* Windows-1252 bytes 0x80-0x9F: Excel turns them into these characters. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The 8-bit code a legacy font would have stored for cp, or -1. */
static int cp_to_byte(int32_t cp)
{
    if (cp >= 0 && cp <= 0xFF)
        return (int)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] == cp)
            return 0x80 + i;
    return -1;
}

/* Converts len bytes from TCVN into out (cap bytes, NUL-terminated).
 * Returns false when iconv fails.  The flush matters: iconv holds a letter
 * back in case a combining tone byte follows. */
static bool tcvn_convert(iconv_t cd, const char *in, size_t len, char *out, size_t cap)
{
    char *inp = (char *)in, *outp = out;
    size_t outleft = cap - 1;

    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &inp, &len, &outp, &outleft) == (size_t)-1 ||
        iconv(cd, NULL, NULL, &outp, &outleft) == (size_t)-1)
        return false;
    *outp = '\0';
    return true;
}

/* VNI tone and hat keys typed after a vowel, as the marks they add. */
static const struct {
    uint8_t key;
    uint16_t mark[2];
} vni_marks[] = {
    {0xF9, {0x0301, 0}},      {0xF8, {0x0300, 0}},      {0xFB, {0x0309, 0}},
    {0xF5, {0x0303, 0}},      {0xEF, {0x0323, 0}},      {0xE2, {0x0302, 0}},
    {0xE1, {0x0302, 0x0301}}, {0xE0, {0x0302, 0x0300}}, {0xE5, {0x0302, 0x0309}},
    {0xE3, {0x0302, 0x0303}}, {0xE4, {0x0302, 0x0323}}, {0xEA, {0x0306, 0}},
    {0xE9, {0x0306, 0x0301}}, {0xE8, {0x0306, 0x0300}}, {0xFA, {0x0306, 0x0309}},
    {0xFC, {0x0306, 0x0303}}, {0xEB, {0x0306, 0x0323}},
};

/* VNI keys that are letters of their own. */
static const struct {
    uint8_t key;
    uint16_t letter;
} vni_letters[] = {
    {0xF4, 0x01A1}, {0xF6, 0x01B0}, {0xF1, 0x0111}, {0xEC, 0x00EC}, {0xED, 0x00ED},
    {0xE6, 0x1EC9}, {0xF3, 0x0129}, {0xF2, 0x1ECB}, {0xEE, 0x1EF5},
};

static bool vni_vowel_base(int32_t cp)
{
    int32_t low = text_cp_lower(cp);
    return (low < 128 && strchr("aeiouy", (int)low) != NULL) || low == 0x01A1 || low == 0x01B0;
}

/* Decodes a VNI word (code points <= U+00FF) into out as UTF-8 with
 * combining marks.  Returns false when it is no VNI. */
static bool vni_convert(const int32_t *cps, size_t n, char *out)
{
    size_t used = 0;
    bool vowel_before = false;

    for (size_t i = 0; i < n; i++) {
        bool upper = cps[i] >= 0xC0 && cps[i] <= 0xDE && cps[i] != 0xD7;
        int32_t key = upper ? cps[i] + 0x20 : cps[i], letter = -1;
        const uint16_t *mark = NULL;

        for (size_t k = 0; k < sizeof vni_marks / sizeof vni_marks[0]; k++)
            if (vni_marks[k].key == key)
                mark = vni_marks[k].mark;
        for (size_t k = 0; k < sizeof vni_letters / sizeof vni_letters[0]; k++)
            if (vni_letters[k].key == key)
                letter = upper ? text_cp_upper(vni_letters[k].letter) : vni_letters[k].letter;
        if (mark != NULL) {
            if (!vowel_before)
                return false;
            used += text_put_cp(out + used, mark[0]);
            if (mark[1] != 0)
                used += text_put_cp(out + used, mark[1]);
            vowel_before = false;
            continue;
        }
        if (letter < 0 && cps[i] >= 0x80)
            return false;
        letter = letter < 0 ? cps[i] : letter;
        used += text_put_cp(out + used, letter);
        vowel_before = vni_vowel_base(letter);
    }
    out[used] = '\0';
    return true;
}

typedef struct {
    iconv_t tcvn; /* (iconv_t)-1 when iconv lacks TCVN */
    int tcvn_score;
    int vni_score;
} legacy_guess;

/* The evidence one word gives: +1 (or +2 when a Latin-1 symbol sits right
 * after an ASCII letter, as in "Gi¸o", which real text never has) when the
 * decoded word is Vietnamese and the word itself is not, -2 when decoding
 * gives no Vietnamese, 0 otherwise (abbreviations such as "§T"). */
static int word_evidence(syllable orig, bool decoded, const char *dec, bool strong)
{
    syllable res = decoded ? syllable_check(dec) : SYL_BAD;

    if (res == SYL_NO_VOWEL)
        return 0;
    if (res == SYL_BAD)
        return -2;
    return orig == SYL_OK ? 0 : (strong ? 2 : 1);
}

static void score_word(legacy_guess *g, const int32_t *cps, size_t n)
{
    char orig[MAX_WORD * 4 + 1], vni[MAX_WORD * 8 + 1];
    char bytes[MAX_WORD + 1];
    size_t used = 0;
    bool strong = false;

    for (size_t i = 0; i < n; i++) {
        bool symbol = (cps[i] >= 0xA1 && cps[i] <= 0xBF) || cps[i] == 0xD7 || cps[i] == 0xF7;
        if (symbol && i > 0 && cps[i - 1] < 128)
            strong = true;
        used += text_put_cp(orig + used, cps[i]);
        bytes[i] = (char)cps[i];
    }
    orig[used] = '\0';
    syllable res = syllable_check(orig);
    if (g->tcvn != (iconv_t)-1) {
        char tcvn[MAX_WORD * 4 + 1];
        bool ok = tcvn_convert(g->tcvn, bytes, n, tcvn, sizeof tcvn);
        g->tcvn_score += word_evidence(res, ok, tcvn, strong);
    }
    g->vni_score += word_evidence(res, vni_convert(cps, n, vni), vni, strong);
}

static bool is_word_cp(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xA1 && cp <= 0xFF);
}

/* Scores every word of cps[0..n) that holds a Latin-1 character. */
static void score_words(legacy_guess *g, const int32_t *cps, size_t n)
{
    size_t start = 0;

    while (start < n) {
        size_t end = start;
        bool latin1 = false;
        for (; end < n && is_word_cp(cps[end]); end++)
            latin1 = latin1 || cps[end] >= 0xA1;
        /* one-character words ("×", "µ") say nothing */
        if (latin1 && end - start >= 2 && end - start <= MAX_WORD)
            score_word(g, cps + start, end - start);
        start = end + 1;
    }
}

/* Decodes s into a new array of code points; NULL when out of memory. */
static int32_t *code_points(const char *s, size_t *n)
{
    int32_t *cps = malloc((strlen(s) + 1) * sizeof *cps);
    int32_t cp;

    *n = 0;
    if (cps == NULL)
        return NULL;
    while ((cp = text_next_cp(&s)) >= 0)
        cps[(*n)++] = cp;
    return cps;
}

vn_font vn_detect_legacy_font(const char *s)
{
    legacy_guess g = {(iconv_t)-1, 0, 0};
    size_t n;
    int32_t *cps, cp;
    vn_font font = VN_FONT_UNICODE;

    const char *p = s;
    while (*p > 0 && *p < 0x7F) /* plain ASCII, the common case: nothing to guess */
        p++;
    if (*p == '\0' || !text_is_utf8(p, strlen(p), NULL))
        return VN_FONT_UNICODE;
    /* The first character an 8-bit font could not have produced settles
     * it, without the whole text's code points (what follows, below). */
    for (const char *q = p; (cp = text_next_cp(&q)) >= 0;)
        if (cp_to_byte(cp) < 0)
            return VN_FONT_UNICODE;
    if ((cps = code_points(s, &n)) == NULL)
        return VN_FONT_UNICODE;
    /* Anything an 8-bit font could not have produced (ư, ạ, combining
     * marks, CJK...) means the text is real Unicode. */
    for (size_t i = 0; i < n; i++)
        if (cp_to_byte(cps[i]) < 0)
            goto done;
    g.tcvn = iconv_open("UTF-8", "TCVN");
    score_words(&g, cps, n);
    if (g.tcvn_score >= 2 && g.tcvn_score >= g.vni_score)
        font = VN_FONT_TCVN3;
    else if (g.vni_score >= 2)
        font = VN_FONT_VNI;
    if (g.tcvn != (iconv_t)-1)
        iconv_close(g.tcvn);
done:
    free(cps);
    return font;
}

char *vn_from_tcvn3(const char *s)
{
    size_t n, cap;
    int32_t *cps = text_is_utf8(s, strlen(s), NULL) ? code_points(s, &n) : NULL;
    char *bytes = NULL, *utf8 = NULL, *nfc = NULL;
    iconv_t cd = (iconv_t)-1;

    if (cps == NULL || (bytes = malloc(n + 1)) == NULL)
        goto done;
    for (size_t i = 0; i < n; i++) {
        int b = cp_to_byte(cps[i]);
        if (b < 0)
            goto done;
        bytes[i] = (char)b;
    }
    /* one TCVN byte gives at most one three-byte UTF-8 character */
    cap = 3 * n + 4;
    cd = iconv_open("UTF-8", "TCVN");
    if (cd == (iconv_t)-1 || (utf8 = malloc(cap)) == NULL)
        goto done;
    if (tcvn_convert(cd, bytes, n, utf8, cap))
        nfc = text_nfc(utf8, strlen(utf8), NULL);
done:
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(cps);
    free(bytes);
    free(utf8);
    return nfc;
}
