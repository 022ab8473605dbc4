/*
 * i18n.c - the messages' language (see i18n.h).
 *
 * gettext picks the catalogue from $LANGUAGE, but only when the LC_MESSAGES
 * locale is not "C": a machine with LANG=C (a cron job, a container) would
 * get English whatever --lang says.  So LC_MESSAGES is set to the user's
 * locale, or to C.UTF-8 (built into glibc, present on every machine) when
 * that is "C", and the language is then chosen by setting $LANGUAGE, which
 * needs no Vietnamese locale to be installed.
 */
#include "i18n.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* gettext's catalogue choice is process-wide, so is the record of it. */
static th_lang selected = LANG_VI;

void i18n_init(const char *localedir)
{
    setlocale(LC_CTYPE, "");
    const char *messages = setlocale(LC_MESSAGES, "");
    if (messages == NULL || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    bindtextdomain(I18N_DOMAIN, localedir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    /* strerror's texts come from glibc's own catalogue (Debian libc-l10n),
     * in the locale's character set unless told otherwise: '?' for every
     * Vietnamese letter under LANG=C. */
    bind_textdomain_codeset("libc", "UTF-8");
    textdomain(I18N_DOMAIN);
}

void i18n_select(th_lang lang)
{
    selected = lang;
    setenv("LANGUAGE", lang == LANG_EN ? "en" : "vi", 1);
    /* Setting the domain again makes gettext forget what it looked up in
     * the language before. */
    textdomain(I18N_DOMAIN);
}

const char *i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
    const char *text = gettext(ctx_msgid);
    return text == ctx_msgid ? msgid : text;
}

th_lang i18n_lang(void)
{
    return selected;
}

/* The texts i18n_text_in looked up in the language not selected, by the
 * msgid's address (the msgids are string literals): switching languages
 * costs a microsecond, and the workbook asks for the same few texts once per
 * finding.  The catalogues do not change while the process runs. */
#define OTHER_CACHE_SLOTS 256
static struct {
    const char *msgid;
    const char *text;
} other_cache[OTHER_CACHE_SLOTS];

const char *i18n_text_in(th_lang lang, const char *msgid)
{
    if (lang == LANG_EN)
        return msgid;
    if (lang == selected)
        return gettext(msgid);
    /* Only Vietnamese has a catalogue, so the cache is for it alone. */
    size_t slot = ((uintptr_t)msgid >> 3) % OTHER_CACHE_SLOTS;
    if (other_cache[slot].msgid == msgid)
        return other_cache[slot].text;
    /* gettext has no per-call language: switch, look up, switch back.  The
     * catalogues it loaded stay loaded, so the text outlives the switch. */
    th_lang was = selected;
    i18n_select(lang);
    const char *text = gettext(msgid);
    i18n_select(was);
    other_cache[slot].msgid = msgid;
    other_cache[slot].text = text;
    return text;
}

bool i18n_parse_lang(const char *name, th_lang *lang)
{
    if (name == NULL)
        return false;
    size_t n = strcspn(name, "_.@");
    if (n == 2 && strncmp(name, "vi", 2) == 0)
        *lang = LANG_VI;
    else if (n == 2 && strncmp(name, "en", 2) == 0)
        *lang = LANG_EN;
    else
        return false;
    return true;
}

th_lang i18n_locale_lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v == NULL || *v == '\0')
            continue;
        th_lang lang;
        return i18n_parse_lang(v, &lang) && lang == LANG_VI ? LANG_VI : LANG_EN;
    }
    return LANG_EN;
}
