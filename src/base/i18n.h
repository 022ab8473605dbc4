/*
 * i18n.h - one language at a time: the messages' language and gettext.
 *
 * Every message the program prints is written in English in the source,
 * marked with _() (or N_() in a static table, P_() with a count), and
 * translated through gettext from the catalogue po/vi.po, built into
 * <localedir>/vi/LC_MESSAGES/tonghop.mo.  English needs no catalogue: the
 * msgid is the English text.
 *
 * The language is process-wide (gettext's own state), chosen once at start
 * by main from --lang, else $TONGHOP_LANG, else the campaign's `language`,
 * else the locale ($LC_ALL, $LC_MESSAGES, $LANG); i18n_lang() tells the few
 * places that need to know it besides the text (e.g. how a date is worded).
 * Only LC_MESSAGES and LC_CTYPE follow the user; LC_NUMERIC stays "C" so
 * that numbers written into files keep their '.' (docs/design.md §11).
 */
#ifndef TONGHOP_I18N_H
#define TONGHOP_I18N_H

#include <libintl.h>
#include <stdbool.h>

/* The two languages of the interface. */
typedef enum { LANG_VI = 0, LANG_EN = 1 } th_lang;

/* The message catalogue's domain. */
#define I18N_DOMAIN "tonghop"

/* The text of msgid in the current language. */
#define _(msgid) gettext(msgid)
/* Marks msgid for the catalogue without translating it (static tables);
 * translate at the point of use with _(). */
#define N_(msgid) (msgid)
/* The singular or plural text for n in the current language (Vietnamese
 * has one form, English two). */
#define P_(singular, plural, n) ngettext(singular, plural, (unsigned long)(n))
/* The text of msgid in the current language where the same English means
 * different things: ctx (a string literal) is the catalogue's msgctxt. */
#define C_(ctx, msgid) i18n_pgettext(ctx "\004" msgid, msgid)

/* What C_() calls: the translation of ctx_msgid (the context, byte 4 and
 * the msgid, as gettext stores a msgctxt entry), else msgid itself. */
const char *i18n_pgettext(const char *ctx_msgid, const char *msgid) __attribute__((format_arg(2)));

/* Binds the catalogue domain to localedir (the folder holding
 * vi/LC_MESSAGES/tonghop.mo), with UTF-8 output whatever the locale's
 * character set, and sets the locale categories the program uses. */
void i18n_init(const char *localedir);

/* Makes lang the language of every later message. */
void i18n_select(th_lang lang);

/* The language selected (LANG_VI before any i18n_select). */
th_lang i18n_lang(void);

/* The text of msgid in lang, whatever language is selected: for the
 * documents whose language is fixed (the consolidated workbook and the
 * feedback to units are Vietnamese).  The selection is left as it was.
 * The text is gettext's: never freed, valid for the life of the process.
 * A text not yet looked up in a language other than the selected one is
 * found by switching $LANGUAGE for a moment (gettext has no per-call
 * language), so call it with such a language only while no other thread
 * translates: the import's read-ahead worker is stopped before any
 * document in a fixed language is written. */
const char *i18n_text_in(th_lang lang, const char *msgid) __attribute__((format_arg(2)));

/* Parses a language name: "vi", "en", or a locale name such as
 * "vi_VN.UTF-8" or "en_US" (the part before '_', '.' or '@' counts).
 * Returns true and sets *lang when it names one of the two languages. */
bool i18n_parse_lang(const char *name, th_lang *lang);

/* The language the user's locale asks for: the first of $LC_ALL,
 * $LC_MESSAGES, $LANG that is set and not empty, Vietnamese when it names
 * Vietnamese, English otherwise (also for "C" and when none is set). */
th_lang i18n_locale_lang(void);

#endif
