/*
 * campaign.c - loads and checks a campaign folder (see campaign.h).
 *
 * The four CSV files are read with the report reader, so a clerk may edit
 * them in Excel and save them in any encoding the reader accepts.  Every
 * inconsistency is refused with the file and line, because a wrong campaign
 * silently produces a wrong report to the province.
 */
#include "campaign.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report_reader.h"
#include "text.h"

static const char *const kind_names[UNIT_KIND_COUNT] = {
    "district", "department", "association", "media", "school",
};

static const char *const kind_labels[UNIT_KIND_COUNT] = {
    "UBND cấp huyện", "Sở, ban, ngành", "Hội, đoàn thể", "Cơ quan báo chí", "Cơ sở giáo dục",
};

const char *unit_kind_key(unit_kind kind)
{
    return (int)kind >= 0 && kind < UNIT_KIND_COUNT ? kind_names[kind] : "";
}

const char *unit_kind_label(unit_kind kind)
{
    return (int)kind >= 0 && kind < UNIT_KIND_COUNT ? kind_labels[kind] : "";
}

/* One CSV file of the folder while it is being loaded. */
typedef struct {
    char path[4096];
    raw_table table;
    size_t col[8]; /* index of each wanted column, SIZE_MAX when absent */
} config_file;

static th_error fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static th_error fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return TH_ERR_CONFIG;
}

/* Reads dir/name and finds the columns named in wanted (NULL-terminated);
 * the first nrequired of them must be present. */
static th_error open_config(const char *dir, const char *name, const char *const *wanted,
                            size_t nrequired, config_file *f, char *err, size_t errlen)
{
    finding_list findings;
    finding_list_init(&findings);
    snprintf(f->path, sizeof f->path, "%s/%s", dir, name);
    reader_limits limits = reader_default_limits();
    th_error rc = reader_read_file(f->path, name, &limits, &f->table, &findings);
    if (rc == TH_OK && findings.count > 0) {
        /* The reader's finding speaks to a unit; the clerk gets the reason. */
        const finding *x = &findings.items[0];
        char *detail = x->code == FC_UNREADABLE ? NULL : finding_detail_text(x, i18n_lang());
        rc = x->code == FC_UNREADABLE
                 ? fail(err, errlen, _("cannot read '%s': %s"), f->path, x->detail)
                 : fail(err, errlen, _("cannot read '%s': %s %s"), f->path,
                        finding_code_message(x->code, i18n_lang()), detail ? detail : "");
        free(detail);
    } else if (rc == TH_OK && f->table.nrecords == 0) {
        rc = fail(err, errlen, _("'%s' is empty: a header row is needed"), f->path);
    }
    finding_list_release(&findings);
    if (rc != TH_OK)
        return rc;
    const raw_record *header = &f->table.records[0];
    for (size_t w = 0; wanted[w] != NULL; w++) {
        f->col[w] = SIZE_MAX;
        for (size_t i = 0; i < header->ncells; i++)
            if (text_same_key(header->cells[i], wanted[w]))
                f->col[w] = i;
        if (w < nrequired && f->col[w] == SIZE_MAX)
            return fail(err, errlen, _("'%s' line %zu: no column '%s'"), f->path, header->line,
                        wanted[w]);
    }
    return TH_OK;
}

/* Returns cell w of record r, "" when the record is shorter or w absent. */
static const char *cell(const config_file *f, size_t r, size_t w)
{
    const raw_record *rec = &f->table.records[r];
    size_t i = f->col[w];
    return i < rec->ncells ? rec->cells[i] : "";
}

static bool is_code(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return false;
    return true;
}

/* Splits "a|b|c" into a newly allocated array of trimmed, non-empty parts. */
static th_error split_aliases(const char *s, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char *copy = strdup(s);
    if (copy == NULL)
        return TH_ERR_NOMEM;
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == '|';
    char **parts = calloc(cap, sizeof *parts);
    if (parts == NULL) {
        free(copy);
        return TH_ERR_NOMEM;
    }
    char *save = NULL;
    for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        while (*tok == ' ')
            tok++;
        size_t len = strlen(tok);
        while (len > 0 && tok[len - 1] == ' ')
            tok[--len] = '\0';
        if (len == 0)
            continue;
        parts[*n] = strdup(tok);
        if (parts[*n] == NULL) {
            for (size_t i = 0; i < *n; i++)
                free(parts[i]);
            free(parts);
            free(copy);
            *n = 0;
            return TH_ERR_NOMEM;
        }
        (*n)++;
    }
    free(copy);
    *out = parts;
    return TH_OK;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ---- campaign.csv ------------------------------------------------------ */

typedef enum { KEY_TEXT, KEY_DAY, KEY_TIME, KEY_OFFSET, KEY_LANG } key_type;

typedef struct {
    const char *key;
    key_type type;
    bool required;
    size_t offset; /* of the member in campaign */
} campaign_key;

#define MEMBER(m) offsetof(campaign, m)

static const campaign_key campaign_keys[] = {
    {"code", KEY_TEXT, true, MEMBER(code)},
    {"title", KEY_TEXT, true, MEMBER(title)},
    {"letter", KEY_TEXT, false, MEMBER(letter)},
    {"issuer", KEY_TEXT, false, MEMBER(issuer)},
    {"consolidator", KEY_TEXT, false, MEMBER(consolidator)},
    {"consolidator_code", KEY_TEXT, false, MEMBER(consolidator_code)},
    {"recipient", KEY_TEXT, false, MEMBER(recipient)},
    {"output_pattern", KEY_TEXT, false, MEMBER(output_pattern)},
    {"timezone", KEY_TEXT, false, MEMBER(timezone)},
    {"utc_offset", KEY_OFFSET, true, MEMBER(utc_offset_min)},
    {"week_start", KEY_DAY, true, MEMBER(week_start)},
    {"week_end", KEY_DAY, true, MEMBER(week_end)},
    {"opening_day", KEY_DAY, false, MEMBER(opening_day)},
    {"opening_category", KEY_TEXT, false, MEMBER(opening_category)},
    {"late_from", KEY_TIME, true, MEMBER(late_from)},
    {"closes_at", KEY_TIME, false, MEMBER(closes_at)},
    {"mail_from", KEY_TEXT, false, MEMBER(mail_from)},
    {"mail_to", KEY_TEXT, false, MEMBER(mail_to)},
    {"mail_cc", KEY_TEXT, false, MEMBER(mail_cc)},
    {"language", KEY_LANG, false, MEMBER(language)},
    {"appendix_label", KEY_TEXT, false, MEMBER(appendix_label)},
    {"appendix_number", KEY_TEXT, false, MEMBER(appendix_number)},
    {"place", KEY_TEXT, false, MEMBER(place)},
    {"preparer_title", KEY_TEXT, false, MEMBER(preparer_title)},
    {"preparer_name", KEY_TEXT, false, MEMBER(preparer_name)},
    {"signer_authority", KEY_TEXT, false, MEMBER(signer_authority)},
    {"signer_head", KEY_TEXT, false, MEMBER(signer_head)},
    {"signer_title", KEY_TEXT, false, MEMBER(signer_title)},
    {"signer_name", KEY_TEXT, false, MEMBER(signer_name)},
};
#define NKEYS (sizeof campaign_keys / sizeof campaign_keys[0])

static th_error set_key(campaign *c, const campaign_key *k, const char *value, int offset_min,
                        const char *where, char *err, size_t errlen)
{
    void *slot = (char *)c + k->offset;
    field_status st = FIELD_OK;
    switch (k->type) {
    case KEY_TEXT:
        free(*(char **)slot);
        *(char **)slot = strdup(value);
        return *(char **)slot ? TH_OK : TH_ERR_NOMEM;
    case KEY_DAY:
        st = field_parse_date(value, (civil_day *)slot);
        break;
    case KEY_TIME:
        st = field_parse_time(value, offset_min, (int64_t *)slot);
        break;
    case KEY_OFFSET:
        st = field_parse_utc_offset(value, (int *)slot);
        break;
    case KEY_LANG:
        st = i18n_parse_lang(value, (th_lang *)slot) ? FIELD_OK : FIELD_BAD;
        break;
    }
    if (st != FIELD_OK)
        return fail(err, errlen, _("%s: '%s' is not a valid %s"), where, value,
                    k->type == KEY_OFFSET ? _("UTC offset (such as +07:00)")
                    : k->type == KEY_LANG ? _("language (vi or en)")
                                          : _("date (YYYY-MM-DD or YYYY-MM-DD HH:MM)"));
    return TH_OK;
}

static const campaign_key *find_key(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (text_same_key(campaign_keys[i].key, name))
            return &campaign_keys[i];
    return NULL;
}

/* Times depend on utc_offset, so it is read first, then everything else. */
static th_error load_settings(const char *dir, campaign *c, char *err, size_t errlen)
{
    static const char *const wanted[] = {"key", "value", NULL};
    config_file f = {0};
    th_error rc = open_config(dir, "campaign.csv", wanted, 2, &f, err, errlen);
    bool seen[NKEYS] = {false};
    for (int pass = 0; pass < 2 && rc == TH_OK; pass++) {
        for (size_t r = 1; r < f.table.nrecords && rc == TH_OK; r++) {
            char where[4200];
            snprintf(where, sizeof where, _("'%s' line %zu"), f.path, f.table.records[r].line);
            const campaign_key *k = find_key(cell(&f, r, 0));
            if (k == NULL) {
                rc = fail(err, errlen, _("%s: unknown key '%s'"), where, cell(&f, r, 0));
            } else if ((pass == 0) == (k->type == KEY_OFFSET)) {
                if (seen[k - campaign_keys])
                    rc = fail(err, errlen, _("%s: key '%s' given twice"), where, k->key);
                seen[k - campaign_keys] = true;
                if (rc == TH_OK)
                    rc = set_key(c, k, cell(&f, r, 1), c->utc_offset_min, where, err, errlen);
            }
        }
    }
    for (size_t i = 0; i < NKEYS && rc == TH_OK; i++)
        if (campaign_keys[i].required && !seen[i])
            rc = fail(err, errlen, _("'%s': key '%s' is missing"), f.path, campaign_keys[i].key);
    if (rc == TH_OK && !seen[find_key("opening_day") - campaign_keys])
        /* the opening ceremony defaults to the week's first day */
        c->opening_day = c->week_start;
    if (rc == TH_OK && c->week_end < c->week_start)
        rc = fail(err, errlen, _("'%s': week_end is before week_start"), f.path);
    if (rc == TH_OK && c->closes_at != 0 && c->closes_at < c->late_from)
        rc = fail(err, errlen, _("'%s': closes_at is before late_from"), f.path);
    raw_table_release(&f.table);
    return rc;
}

bool campaign_read_language(const char *dir, th_lang *lang)
{
    static const char *const wanted[] = {"key", "value", NULL};
    config_file f = {0};
    char err[64];
    bool found = false;
    if (open_config(dir, "campaign.csv", wanted, 2, &f, err, sizeof err) == TH_OK)
        for (size_t r = 1; r < f.table.nrecords && !found; r++)
            if (text_same_key(cell(&f, r, 0), "language"))
                found = i18n_parse_lang(cell(&f, r, 1), lang);
    raw_table_release(&f.table);
    return found;
}

/* Text members left unset become "", so readers need no NULL checks. */
static th_error default_texts(campaign *c)
{
    char **texts[] = {&c->code,
                      &c->title,
                      &c->letter,
                      &c->issuer,
                      &c->consolidator,
                      &c->consolidator_code,
                      &c->recipient,
                      &c->output_pattern,
                      &c->timezone,
                      &c->opening_category,
                      &c->mail_from,
                      &c->mail_to,
                      &c->mail_cc,
                      &c->appendix_label,
                      &c->appendix_number,
                      &c->place,
                      &c->preparer_title,
                      &c->preparer_name,
                      &c->signer_authority,
                      &c->signer_head,
                      &c->signer_title,
                      &c->signer_name};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (*texts[i] != NULL)
            continue;
        const char *def = texts[i] == &c->output_pattern   ? "TongHop_{code}_{yyyymmdd}.xlsx"
                          : texts[i] == &c->preparer_title ? "NGƯỜI LẬP BIỂU"
                          : texts[i] == &c->signer_head    ? "THỦ TRƯỞNG ĐƠN VỊ"
                                                           : "";
        *texts[i] = strdup(def);
        if (*texts[i] == NULL)
            return TH_ERR_NOMEM;
    }
    /* "Phụ lục 01" */
    size_t n = strlen(c->appendix_label) + strlen(c->appendix_number) + 2;
    free(c->appendix);
    c->appendix = malloc(n);
    if (c->appendix == NULL)
        return TH_ERR_NOMEM;
    snprintf(c->appendix, n, "%s%s%s", c->appendix_label,
             *c->appendix_label && *c->appendix_number ? " " : "", c->appendix_number);
    return TH_OK;
}

/* ---- units.csv and categories.csv -------------------------------------- */

/* Builds the folded matching keys of code, name and aliases. */
static th_error make_keys(const char *code, const char *name, char **aliases, size_t naliases,
                          char ***keys, size_t *nkeys)
{
    *keys = calloc(naliases + 2, sizeof **keys);
    if (*keys == NULL)
        return TH_ERR_NOMEM;
    *nkeys = naliases + 2;
    (*keys)[0] = text_fold(code);
    (*keys)[1] = text_fold(name);
    for (size_t i = 0; i < naliases; i++)
        (*keys)[i + 2] = text_fold(aliases[i]);
    for (size_t i = 0; i < *nkeys; i++)
        if ((*keys)[i] == NULL)
            return TH_ERR_NOMEM;
    return TH_OK;
}

/* Indexes keys as those of item self; sets *other to the lowest earlier
 * item that has one of them already, or to self when none has.  Every key
 * is looked up once, so loading n items costs O(n), not O(n^2). */
static th_error index_keys(keymap *index, char **keys, size_t nkeys, size_t self, size_t *other)
{
    *other = self;
    for (size_t j = 0; j < nkeys; j++) {
        size_t owner = self;
        th_error rc = keymap_add(index, keys[j], self, &owner);
        if (rc != TH_OK)
            return rc;
        if (owner < *other)
            *other = owner;
    }
    return TH_OK;
}

/* The first of the earlier item's keys that is also one of keys: the one a
 * clash is reported with. */
static const char *shared_key(char **const earlier, size_t nearlier, char **keys, size_t nkeys)
{
    for (size_t i = 0; i < nearlier; i++)
        for (size_t j = 0; j < nkeys; j++)
            if (strcmp(earlier[i], keys[j]) == 0)
                return earlier[i];
    return "";
}

/* The kind names are folded already (lowercase ASCII): only s is folded,
 * once, as this runs for every unit. */
static th_error parse_kind(const char *s, unit_kind *kind)
{
    char *key = text_fold(s);
    th_error rc = TH_ERR_CONFIG;
    for (int k = 0; key != NULL && k < UNIT_KIND_COUNT && rc != TH_OK; k++)
        if (strcmp(key, kind_names[k]) == 0) {
            *kind = (unit_kind)k;
            rc = TH_OK;
        }
    free(key);
    return rc;
}

/* Fills one unit from record r; the strings are owned by u afterwards. */
static th_error read_unit(const config_file *f, size_t r, unit *u, char *err, size_t errlen)
{
    size_t line = f->table.records[r].line;
    if (!is_code(cell(f, r, 0)))
        return fail(err, errlen, _("'%s' line %zu: unit code '%s' must be letters, digits, _ or -"),
                    f->path, line, cell(f, r, 0));
    if (*cell(f, r, 1) == '\0')
        return fail(err, errlen, _("'%s' line %zu: unit '%s' has no name"), f->path, line,
                    cell(f, r, 0));
    if (parse_kind(cell(f, r, 3), &u->kind) != TH_OK)
        return fail(err, errlen,
                    _("'%s' line %zu: unknown kind '%s' (expected district, department, "
                      "association, media or school)"),
                    f->path, line, cell(f, r, 3));
    u->code = strdup(cell(f, r, 0));
    u->name = strdup(cell(f, r, 1));
    u->email = strdup(cell(f, r, 4));
    if (u->code == NULL || u->name == NULL || u->email == NULL)
        return TH_ERR_NOMEM;
    th_error rc = split_aliases(cell(f, r, 2), &u->aliases, &u->naliases);
    if (rc == TH_OK)
        rc = make_keys(u->code, u->name, u->aliases, u->naliases, &u->keys, &u->nkeys);
    return rc;
}

static th_error load_units(const char *dir, campaign *c, char *err, size_t errlen)
{
    static const char *const wanted[] = {"code", "name", "aliases", "kind", "email", NULL};
    config_file f = {0};
    th_error rc = open_config(dir, "units.csv", wanted, 4, &f, err, errlen);
    if (rc == TH_OK && f.table.nrecords < 2)
        rc = fail(err, errlen, _("'%s' lists no unit"), f.path);
    if (rc == TH_OK) {
        c->units = calloc(f.table.nrecords - 1, sizeof *c->units);
        rc = c->units ? TH_OK : TH_ERR_NOMEM;
    }
    for (size_t r = 1; rc == TH_OK && r < f.table.nrecords; r++) {
        size_t self = c->nunits, other = self;
        unit *u = &c->units[c->nunits++];
        rc = read_unit(&f, r, u, err, errlen);
        if (rc == TH_OK)
            rc = index_keys(&c->unit_index, u->keys, u->nkeys, self, &other);
        size_t same_code = self; /* cannot differ: equal codes fold equal */
        if (rc == TH_OK)
            rc = index_keys(&c->unit_codes, &u->code, 1, self, &same_code);
        if (rc == TH_OK && other != self)
            rc = fail(err, errlen, _("'%s' line %zu: '%s' of unit %s already names unit %s"),
                      f.path, f.table.records[r].line,
                      shared_key(c->units[other].keys, c->units[other].nkeys, u->keys, u->nkeys),
                      u->code, c->units[other].code);
    }
    raw_table_release(&f.table);
    return rc;
}

static th_error read_category(const config_file *f, size_t r, category *k, char *err, size_t errlen)
{
    size_t line = f->table.records[r].line;
    if (!is_code(cell(f, r, 0)))
        return fail(err, errlen,
                    _("'%s' line %zu: category code '%s' must be letters, digits, _ or -"), f->path,
                    line, cell(f, r, 0));
    if (*cell(f, r, 1) == '\0')
        return fail(err, errlen, _("'%s' line %zu: category '%s' has no name"), f->path, line,
                    cell(f, r, 0));
    k->code = strdup(cell(f, r, 0));
    k->name = strdup(cell(f, r, 1));
    k->letter_ref = strdup(cell(f, r, 3));
    if (k->code == NULL || k->name == NULL || k->letter_ref == NULL)
        return TH_ERR_NOMEM;
    th_error rc = split_aliases(cell(f, r, 2), &k->aliases, &k->naliases);
    if (rc == TH_OK)
        rc = make_keys(k->code, k->name, k->aliases, k->naliases, &k->keys, &k->nkeys);
    return rc;
}

static th_error load_categories(const char *dir, campaign *c, char *err, size_t errlen)
{
    static const char *const wanted[] = {"code", "name", "aliases", "letter_ref", NULL};
    config_file f = {0};
    th_error rc = open_config(dir, "categories.csv", wanted, 2, &f, err, errlen);
    if (rc == TH_OK && f.table.nrecords < 2)
        rc = fail(err, errlen, _("'%s' lists no category"), f.path);
    if (rc == TH_OK) {
        c->categories = calloc(f.table.nrecords - 1, sizeof *c->categories);
        rc = c->categories ? TH_OK : TH_ERR_NOMEM;
    }
    for (size_t r = 1; rc == TH_OK && r < f.table.nrecords; r++) {
        size_t self = c->ncategories, other = self;
        category *k = &c->categories[c->ncategories++];
        rc = read_category(&f, r, k, err, errlen);
        if (rc == TH_OK)
            rc = index_keys(&c->category_index, k->keys, k->nkeys, self, &other);
        size_t same_code = self; /* cannot differ: equal codes fold equal */
        if (rc == TH_OK)
            rc = index_keys(&c->category_codes, &k->code, 1, self, &same_code);
        if (rc == TH_OK && other != self)
            rc = fail(err, errlen, _("'%s' line %zu: '%s' of category %s already names %s"), f.path,
                      f.table.records[r].line,
                      shared_key(c->categories[other].keys, c->categories[other].nkeys, k->keys,
                                 k->nkeys),
                      k->code, c->categories[other].code);
    }
    raw_table_release(&f.table);
    return rc;
}

/* ---- requirements.csv -------------------------------------------------- */

/* Marks category k as required of whoever `who` names: "all", a kind or a
 * unit code.  Returns TH_ERR_CONFIG when it names nothing. */
static th_error require(campaign *c, size_t k, const char *who)
{
    unit_kind kind = UNIT_DISTRICT;
    bool all = text_same_key(who, "all") || strcmp(who, "*") == 0;
    bool is_kind = !all && parse_kind(who, &kind) == TH_OK;
    if (all || is_kind) {
        for (size_t u = 0; u < c->nunits; u++)
            if (all || c->units[u].kind == kind)
                c->required[u * c->ncategories + k] = true;
        return TH_OK;
    }
    /* a unit code, exactly: its folded form is that unit's first key, which
     * no other unit shares, so the index finds it */
    long u = campaign_find_unit(c, who);
    if (u < 0 || strcmp(c->units[u].code, who) != 0)
        return TH_ERR_CONFIG;
    c->required[(size_t)u * c->ncategories + k] = true;
    return TH_OK;
}

static th_error load_requirements(const char *dir, campaign *c, char *err, size_t errlen)
{
    static const char *const wanted[] = {"category", "applies_to", NULL};
    config_file f = {0};
    th_error rc = open_config(dir, "requirements.csv", wanted, 2, &f, err, errlen);
    if (rc == TH_OK) {
        c->required = calloc(c->nunits * c->ncategories, sizeof *c->required);
        rc = c->required ? TH_OK : TH_ERR_NOMEM;
    }
    for (size_t r = 1; rc == TH_OK && r < f.table.nrecords; r++) {
        size_t line = f.table.records[r].line;
        long k = campaign_find_category(c, cell(&f, r, 0));
        if (k < 0)
            rc = fail(err, errlen, _("'%s' line %zu: unknown category '%s'"), f.path, line,
                      cell(&f, r, 0));
        else if (require(c, (size_t)k, cell(&f, r, 1)) != TH_OK)
            rc = fail(err, errlen,
                      _("'%s' line %zu: '%s' is neither 'all', a unit kind nor a unit code"),
                      f.path, line, cell(&f, r, 1));
    }
    raw_table_release(&f.table);
    return rc;
}

/* ---- public ------------------------------------------------------------ */

th_error campaign_load(const char *dir, campaign *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(err, errlen, "%s", th_strerror(TH_ERR_NOMEM));
    th_error rc = load_settings(dir, out, err, errlen);
    if (rc == TH_OK)
        rc = default_texts(out);
    if (rc == TH_OK)
        rc = load_units(dir, out, err, errlen);
    if (rc == TH_OK)
        rc = load_categories(dir, out, err, errlen);
    if (rc == TH_OK)
        rc = load_requirements(dir, out, err, errlen);
    if (rc == TH_OK && *out->consolidator_code != '\0' &&
        campaign_find_unit(out, out->consolidator_code) < 0)
        rc = fail(err, errlen, _("'%s/campaign.csv': consolidator_code '%s' is not in units.csv"),
                  dir, out->consolidator_code);
    if (rc == TH_OK && *out->opening_category != '\0' &&
        campaign_find_category(out, out->opening_category) < 0)
        rc = fail(err, errlen,
                  _("'%s/campaign.csv': opening_category '%s' is not in categories.csv"), dir,
                  out->opening_category);
    if (rc != TH_OK)
        campaign_release(out);
    return rc;
}

void campaign_release(campaign *c)
{
    char *texts[] = {c->code,           c->title,
                     c->letter,         c->issuer,
                     c->consolidator,   c->consolidator_code,
                     c->recipient,      c->output_pattern,
                     c->timezone,       c->opening_category,
                     c->mail_from,      c->mail_to,
                     c->mail_cc,        c->appendix,
                     c->appendix_label, c->appendix_number,
                     c->place,          c->preparer_title,
                     c->preparer_name,  c->signer_authority,
                     c->signer_head,    c->signer_title,
                     c->signer_name};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        free(texts[i]);
    for (size_t u = 0; c->units && u < c->nunits; u++) {
        unit *x = &c->units[u];
        free(x->code);
        free(x->name);
        free(x->email);
        free_strings(x->aliases, x->naliases);
        free_strings(x->keys, x->nkeys);
    }
    for (size_t k = 0; c->categories && k < c->ncategories; k++) {
        category *x = &c->categories[k];
        free(x->code);
        free(x->name);
        free(x->letter_ref);
        free_strings(x->aliases, x->naliases);
        free_strings(x->keys, x->nkeys);
    }
    free(c->units);
    free(c->categories);
    free(c->required);
    keymap_release(&c->unit_index);
    keymap_release(&c->category_index);
    keymap_release(&c->unit_codes);
    keymap_release(&c->category_codes);
    memset(c, 0, sizeof *c);
}

/* The folded keys were indexed at load time: one fold and one hash lookup. */
static long find_by_key(const keymap *index, const char *text)
{
    char *key = text_fold(text);
    size_t found = 0;
    bool ok = key != NULL && keymap_get(index, key, &found);
    free(key);
    return ok ? (long)found : -1;
}

long campaign_find_unit(const campaign *c, const char *text)
{
    return find_by_key(&c->unit_index, text);
}

long campaign_find_category(const campaign *c, const char *text)
{
    return find_by_key(&c->category_index, text);
}

long campaign_unit_by_code(const campaign *c, const char *code)
{
    size_t u = 0;
    return keymap_get(&c->unit_codes, code, &u) ? (long)u : campaign_find_unit(c, code);
}

long campaign_category_by_code(const campaign *c, const char *code)
{
    size_t k = 0;
    return keymap_get(&c->category_codes, code, &k) ? (long)k : campaign_find_category(c, code);
}

bool campaign_requires(const campaign *c, size_t u, size_t k)
{
    return u < c->nunits && k < c->ncategories && c->required[u * c->ncategories + k];
}

size_t campaign_required_count(const campaign *c, size_t u)
{
    size_t n = 0;
    for (size_t k = 0; k < c->ncategories; k++)
        n += campaign_requires(c, u, k);
    return n;
}
