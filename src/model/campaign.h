/*
 * campaign.h - a reporting campaign as defined by a folder of CSV files.
 *
 * Nothing about one year or one province is compiled in: campaign.csv,
 * units.csv, categories.csv and requirements.csv (templates/htsd-2022/ is the
 * 2022 example) say who must report what, and by when.  A campaign is
 * immutable once loaded.
 */
#ifndef TONGHOP_CAMPAIGN_H
#define TONGHOP_CAMPAIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "field.h"
#include "i18n.h"
#include "keymap.h"

typedef enum {
    UNIT_DISTRICT = 0,
    UNIT_DEPARTMENT,
    UNIT_ASSOCIATION,
    UNIT_MEDIA,
    UNIT_SCHOOL,
    UNIT_KIND_COUNT
} unit_kind;

/* Returns the key of kind as units.csv writes it ("district"), "" if none. */
const char *unit_kind_key(unit_kind kind);

/* Returns the Vietnamese label of kind ("UBND cấp huyện"). */
const char *unit_kind_label(unit_kind kind);

typedef struct {
    char *code;     /* "SGDDT" */
    char *name;     /* official name, NFC */
    char **aliases; /* other names it is known by; naliases entries */
    size_t naliases;
    unit_kind kind;
    char *email; /* may be "" */
    char **keys; /* text_fold of code, name and aliases: what lookups match */
    size_t nkeys;
} unit;

typedef struct {
    char *code; /* "TUYEN_TRUYEN" */
    char *name; /* Vietnamese name */
    char **aliases;
    size_t naliases;
    char *letter_ref; /* where the letter asks for it, "4a, 5a" */
    char **keys;      /* text_fold of code, name and aliases: what lookups match */
    size_t nkeys;
} category;

typedef struct {
    char *code;              /* "htsd-2022" */
    char *title;             /* "Tuần lễ hưởng ứng học tập suốt đời năm 2022" */
    char *letter;            /* "2168/UBND-KGVX ngày 28/09/2022" */
    char *issuer;            /* "UBND TỈNH BÌNH PHƯỚC" */
    char *consolidator;      /* "SỞ GIÁO DỤC VÀ ĐÀO TẠO" */
    char *consolidator_code; /* the consolidating unit's code in units.csv, or "" */
    char *recipient;         /* "UBND tỉnh Bình Phước" */
    char *output_pattern;    /* "TongHop_{code}_{yyyymmdd}.xlsx" */
    char *timezone;          /* "Asia/Ho_Chi_Minh": a label */
    int utc_offset_min;      /* 420: what times are computed with */
    char *opening_category;  /* category of the opening ceremony, "KHAI_MAC", or "" */
    char *mail_from;         /* e-mail address lists (RFC 5322) of the message that */
    char *mail_to;           /* carries the workbook: sender, recipients, copies; */
    char *mail_cc;           /* each may be "" */
    th_lang language;        /* the `language` key: the interface's language when
                                neither --lang nor $TONGHOP_LANG says (LANG_VI when
                                absent; main reads it with campaign_read_language) */
    /* the official frame of the workbook (Nghị định 30/2020, Phụ lục I) */
    char *appendix;         /* "Phụ lục 01": appendix_label and appendix_number, or "" */
    char *appendix_label;   /* "Phụ lục" */
    char *appendix_number;  /* "01" */
    char *place;            /* "Bình Phước": the place of the date line */
    char *preparer_title;   /* "NGƯỜI LẬP BIỂU" (the default) */
    char *preparer_name;    /* "" leaves room for a handwritten name */
    char *signer_authority; /* "KT." (signing for), "TL." (by order of) or "" */
    char *signer_head;      /* "GIÁM ĐỐC": the head of the issuing body */
    char *signer_title;     /* "PHÓ GIÁM ĐỐC": who signs, under KT./TL. */
    char *signer_name;      /* "" leaves room for a handwritten name */
    civil_day week_start, week_end, opening_day;
    int64_t late_from; /* epoch seconds: first instant that counts as late */
    int64_t closes_at; /* epoch seconds after which reports are refused; 0: never */

    unit *units;
    size_t nunits;
    category *categories;
    size_t ncategories;
    bool *required;        /* nunits x ncategories: required[u * ncategories + c] */
    keymap unit_index;     /* every key of every unit -> the unit's index */
    keymap category_index; /* every key of every category -> its index */
    keymap unit_codes;     /* each unit's code as written -> its index */
    keymap category_codes; /* each category's code as written -> its index */
} campaign;

/* Loads the campaign in folder dir into out.  On a missing or inconsistent
 * file (unknown key or kind, duplicate code, requirement naming an unknown
 * unit, kind or category, bad date) returns TH_ERR_CONFIG with a message
 * naming the file and line in err; TH_ERR_NOMEM when out of memory.  On
 * failure out holds nothing to release. */
th_error campaign_load(const char *dir, campaign *out, char *err, size_t errlen);

/* Reads only the `language` key of dir/campaign.csv ("vi", "en"), as main
 * does before anything is printed.  Returns true and sets *lang when the key
 * is there and valid; false, printing nothing, when the file cannot be read
 * or has no valid `language` (campaign_load reports what is wrong). */
bool campaign_read_language(const char *dir, th_lang *lang);

/* Frees what c owns and zeroes it. */
void campaign_release(campaign *c);

/* Returns the index of the unit whose code, name or alias matches text
 * (text_same_key), or -1.  A hash lookup: the cost does not grow with the
 * number of units. */
long campaign_find_unit(const campaign *c, const char *text);

/* Returns the index of the category whose code, name or alias matches
 * text (text_same_key), or -1. */
long campaign_find_category(const campaign *c, const char *text);

/* Returns the index of the unit whose code is exactly code, as the store
 * keeps it; when none is, the same as campaign_find_unit (a code stored
 * under an older campaign may still be a name or alias).  The common case
 * folds nothing: for the rows read back from the store. */
long campaign_unit_by_code(const campaign *c, const char *code);

/* The same for categories. */
long campaign_category_by_code(const campaign *c, const char *code);

/* True when unit u must report category k. */
bool campaign_requires(const campaign *c, size_t u, size_t k);

/* Number of categories unit u must report. */
size_t campaign_required_count(const campaign *c, size_t u);

#endif
