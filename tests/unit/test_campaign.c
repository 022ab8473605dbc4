/*
 * test_campaign.c - loading the shipped campaign and refusing broken ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "campaign.h"
#include "test_support.h"

static void shipped_campaign_loads(void **state)
{
    (void)state;
    campaign c;
    char err[512];
    assert_int_equal(campaign_load(test_template_dir(), &c, err, sizeof err), TH_OK);
    assert_string_equal(c.code, "htsd-2022");
    assert_true(c.nunits >= 35);
    assert_int_equal(c.ncategories, 14);
    size_t districts = 0;
    for (size_t u = 0; u < c.nunits; u++)
        districts += c.units[u].kind == UNIT_DISTRICT;
    assert_int_equal(districts, 11);
    assert_int_equal(c.utc_offset_min, 420);
    /* "trước ngày 25/10/2022": late from 2022-10-25 00:00 +07:00. */
    assert_int_equal(c.late_from, 1666630800);
    assert_int_equal(c.week_start, field_civil_day(2022, 10, 1));
    assert_int_equal(c.week_end, field_civil_day(2022, 10, 7));
    assert_int_equal(c.opening_day, field_civil_day(2022, 10, 1));
    assert_string_equal(c.opening_category, "KHAI_MAC");
    /* the addresses of export --eml */
    assert_non_null(strstr(c.mail_from, "<tonghop@sgddt.binhphuoc.example>"));
    assert_non_null(strstr(c.mail_to, "@ubnd.binhphuoc.example>"));
    assert_non_null(strstr(c.mail_cc, "@"));
    assert_int_equal(c.language, LANG_VI);
    campaign_release(&c);
}

static void units_match_by_code_name_and_alias(void **state)
{
    (void)state;
    campaign c;
    char err[512];
    assert_int_equal(campaign_load(test_template_dir(), &c, err, sizeof err), TH_OK);
    long ct = campaign_find_unit(&c, "CHONTHANH");
    assert_true(ct >= 0);
    /* Chơn Thành became a thị xã on the week's opening day: both names. */
    assert_int_equal(campaign_find_unit(&c, "huyện Chơn Thành"), ct);
    assert_int_equal(campaign_find_unit(&c, "UBND  THỊ XÃ CHƠN THÀNH"), ct);
    assert_int_equal(campaign_find_unit(&c, "chon thanh"), ct);
    /* NFD input (combining marks) still matches. */
    assert_int_equal(campaign_find_unit(&c, "huye\xcc\xa3\xcc\x82n Cho\xcc\x9bn Tha\xcc\x80nh"),
                     ct);
    assert_int_equal(campaign_find_unit(&c, "sgddt"), campaign_find_unit(&c, "SGDDT"));
    assert_int_equal(campaign_find_unit(&c, "NO_SUCH_UNIT"), -1);
    assert_int_equal(campaign_find_unit(&c, ""), -1);
    long k = campaign_find_category(&c, "Lễ khai mạc Tuần lễ");
    assert_true(k >= 0);
    assert_string_equal(c.categories[k].code, "KHAI_MAC");
    assert_int_equal(campaign_find_category(&c, "khai_mac"), k);
    /* by code, as the store keeps it; anything else as campaign_find_* */
    assert_int_equal(campaign_category_by_code(&c, "KHAI_MAC"), k);
    assert_int_equal(campaign_category_by_code(&c, "Lễ khai mạc"), k);
    assert_int_equal(campaign_category_by_code(&c, "NO_SUCH"), -1);
    assert_int_equal(campaign_unit_by_code(&c, "CHONTHANH"), ct);
    assert_int_equal(campaign_unit_by_code(&c, "huyện Chơn Thành"), ct);
    assert_int_equal(campaign_unit_by_code(&c, "NO_SUCH_UNIT"), -1);
    campaign_release(&c);
}

static void requirements_follow_the_letter(void **state)
{
    (void)state;
    campaign c;
    char err[512];
    assert_int_equal(campaign_load(test_template_dir(), &c, err, sizeof err), TH_OK);
    size_t bd = (size_t)campaign_find_unit(&c, "BUDANG");
    size_t hkh = (size_t)campaign_find_unit(&c, "HKH");
    size_t sgd = (size_t)campaign_find_unit(&c, "SGDDT");
    long kmac = campaign_find_category(&c, "KHAI_MAC");
    long tt = campaign_find_category(&c, "TUYEN_TRUYEN");
    long hlm = campaign_find_category(&c, "HOC_LIEU_MO");
    long kns = campaign_find_category(&c, "KY_NANG_SO");
    assert_int_equal(campaign_required_count(&c, bd), 6);
    assert_true(campaign_requires(&c, bd, (size_t)kmac));
    assert_false(campaign_requires(&c, hkh, (size_t)kmac));
    for (size_t u = 0; u < c.nunits; u++) {
        assert_true(campaign_requires(&c, u, (size_t)tt));   /* every unit */
        assert_false(campaign_requires(&c, u, (size_t)kns)); /* nobody */
        assert_int_equal(campaign_requires(&c, u, (size_t)hlm), u == sgd);
    }
    campaign_release(&c);
}

/* ---- broken folders ---------------------------------------------------- */

static const char good_units[] = "code,name,aliases,kind,email\nA,Unit A,Alpha|AA,district,a@x\n"
                                 "B,Unit B,,department,\n";
static const char good_requirements[] = "category,applies_to\nK1,district\nK2,all\n";

static const char *good_files[4][2] = {
    {"campaign.csv", "key,value\ncode,t\ntitle,T\nweek_start,2022-10-01\nweek_end,2022-10-07\n"
                     "late_from,2022-10-25\nutc_offset,+07:00\n"},
    {"units.csv", good_units},
    {"categories.csv", "code,name,aliases,letter_ref\nK1,Khai mạc,,4b\nK2,Tuyên truyền,,4a\n"},
    {"requirements.csv", good_requirements},
};

/* Writes the good folder into dir (made by mkdtemp) with file `name`
 * replaced by `text` (NULL: left out). */
static void write_folder(char *dir, const char *name, const char *text)
{
    assert_non_null(mkdtemp(dir));
    for (int i = 0; i < 4; i++) {
        const char *content = strcmp(good_files[i][0], name) == 0 ? text : good_files[i][1];
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, good_files[i][0]);
        if (content == NULL)
            continue;
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(content, f);
        fclose(f);
    }
}

static void remove_folder(const char *dir)
{
    for (int i = 0; i < 4; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, good_files[i][0]);
        unlink(path);
    }
    rmdir(dir);
}

/* Writes the good folder with file `name` replaced by `text` (NULL: left
 * out), loads it and returns the result; err receives the message. */
static th_error load_variant(const char *name, const char *text, char *err, size_t errlen)
{
    char dir[] = "/tmp/test_campaign_XXXXXX";
    write_folder(dir, name, text);
    campaign c;
    th_error rc = campaign_load(dir, &c, err, errlen);
    if (rc == TH_OK)
        campaign_release(&c);
    remove_folder(dir);
    return rc;
}

static void expect_refused(const char *name, const char *text, const char *needle)
{
    char err[1024] = "";
    assert_int_equal(load_variant(name, text, err, sizeof err), TH_ERR_CONFIG);
    if (strstr(err, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", err, needle);
}

static void a_good_minimal_folder_loads(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(load_variant("none", NULL, err, sizeof err), TH_OK);
}

static void broken_folders_are_refused_with_file_and_line(void **state)
{
    (void)state;
    expect_refused("units.csv",
                   "code,name,aliases,kind,email\nA,Unit A,,district,\nB,Unit B,,distrct,\n",
                   "units.csv' line 3: unknown kind 'distrct'");
    expect_refused("units.csv",
                   "code,name,aliases,kind,email\nA,Unit A,,district,\nA,Unit A2,,district,\n",
                   "units.csv' line 3");
    expect_refused("units.csv",
                   "code,name,aliases,kind,email\nA,Unit A,X,district,\nB,Unit B,x,district,\n",
                   "units.csv' line 3: 'x' of unit B already names unit A");
    expect_refused("units.csv", "code,name,aliases,kind,email\nA/..,Unit A,,district,\n",
                   "units.csv' line 2: unit code 'A/..'");
    expect_refused("units.csv", "code,name,kind\nA,Unit A,district\n", "no column 'aliases'");
    expect_refused("categories.csv", "code,name,aliases,letter_ref\nK1,Khai mạc,,\nK1,Lặp,,\n",
                   "categories.csv' line 3");
    expect_refused("requirements.csv", "category,applies_to\nK1,district\nK9,all\n",
                   "requirements.csv' line 3: unknown category 'K9'");
    expect_refused("requirements.csv", "category,applies_to\nK1,nobody\n",
                   "requirements.csv' line 2: 'nobody'");
    expect_refused("campaign.csv", "key,value\ncode,t\ntitle,T\nweek_start,31/09/2022\n",
                   "campaign.csv' line 4: '31/09/2022'");
    expect_refused("campaign.csv", "key,value\ncode,t\ntitle,T\nfavourite,blue\n",
                   "campaign.csv' line 4: unknown key 'favourite'");
    expect_refused("campaign.csv", "key,value\ncode,t\ntitle,T\nweek_start,2022-10-01\n",
                   "key 'utc_offset' is missing");
    expect_refused("campaign.csv",
                   "key,value\ncode,t\ntitle,T\nweek_start,2022-10-01\nweek_end,2022-10-07\n"
                   "late_from,2022-10-25\nutc_offset,+07:00\nopening_category,NOPE\n",
                   "opening_category 'NOPE'");
    expect_refused("units.csv", NULL, "units.csv");
}

/* The `language` key alone, read before anything is printed; a bad value
 * is refused by the full load. */
static void the_language_is_read_alone(void **state)
{
    (void)state;
    th_lang lang = LANG_EN;
    assert_true(campaign_read_language(test_template_dir(), &lang));
    assert_int_equal(lang, LANG_VI);
    lang = LANG_EN;
    assert_false(campaign_read_language("/nonexistent/campaign", &lang));
    assert_int_equal(lang, LANG_EN);
    char dir[] = "/tmp/test_campaign_XXXXXX";
    write_folder(dir, "campaign.csv", "key,value\ncode,t\nlanguage,en\n");
    assert_true(campaign_read_language(dir, &lang));
    assert_int_equal(lang, LANG_EN);
    remove_folder(dir);
    expect_refused("campaign.csv",
                   "key,value\ncode,t\ntitle,T\nweek_start,2022-10-01\nweek_end,2022-10-07\n"
                   "late_from,2022-10-25\nutc_offset,+07:00\nlanguage,fr\n",
                   "line 8: 'fr' is not a valid language");
}

/* A national campaign: every unit is found by code, name and alias, a
 * requirement may name any of them, and a clash at the end is still
 * reported with the unit it clashes with. */
static void a_national_campaign_loads_and_finds_every_unit(void **state)
{
    (void)state;
    enum { UNITS = 20000 };
    size_t len = 64 + (size_t)UNITS * 64;
    char *units = malloc(len);
    assert_non_null(units);
    size_t at = (size_t)snprintf(units, len, "code,name,aliases,kind,email\n");
    for (int i = 1; i <= UNITS; i++)
        at +=
            (size_t)snprintf(units + at, len - at, "S%05d,Trường số %d,TS%05d,school,\n", i, i, i);
    good_files[1][1] = units;
    good_files[3][1] = "category,applies_to\nK1,district\nK2,all\nK1,S19999\n";
    char err[512] = "";
    char dir[] = "/tmp/test_campaign_XXXXXX";
    write_folder(dir, "none", NULL);
    campaign c;
    assert_int_equal(campaign_load(dir, &c, err, sizeof err), TH_OK);
    assert_int_equal(c.nunits, UNITS);
    for (int i = 1; i <= UNITS; i++) {
        char code[16], name[32], alias[16];
        snprintf(code, sizeof code, "S%05d", i);
        snprintf(name, sizeof name, "TRUONG SO %d", i);
        snprintf(alias, sizeof alias, "ts%05d", i);
        assert_int_equal(campaign_find_unit(&c, code), i - 1);
        assert_int_equal(campaign_find_unit(&c, name), i - 1);
        assert_int_equal(campaign_find_unit(&c, alias), i - 1);
    }
    assert_int_equal(campaign_find_unit(&c, "S20001"), -1);
    long k1 = campaign_find_category(&c, "K1");
    assert_true(campaign_requires(&c, 19998, (size_t)k1));
    assert_false(campaign_requires(&c, 19997, (size_t)k1));
    campaign_release(&c);
    remove_folder(dir);
    /* the last unit's alias is the name of unit 5 */
    at += (size_t)snprintf(units + at, len - at, "LAST,Last,Trường  SỐ 5,school,\n");
    expect_refused("units.csv", units,
                   "line 20002: 'truong so 5' of unit LAST already names unit S00005");
    good_files[1][1] = good_units;
    good_files[3][1] = good_requirements;
    free(units);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_campaign_loads),
        cmocka_unit_test(units_match_by_code_name_and_alias),
        cmocka_unit_test(requirements_follow_the_letter),
        cmocka_unit_test(a_good_minimal_folder_loads),
        cmocka_unit_test(broken_folders_are_refused_with_file_and_line),
        cmocka_unit_test(a_national_campaign_loads_and_finds_every_unit),
        cmocka_unit_test(the_language_is_read_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
