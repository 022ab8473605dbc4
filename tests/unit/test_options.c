/*
 * test_options.c - the one option parser: values in both spellings, short
 * options, "--", arguments kept in order, a missing or unwanted value, an
 * unknown option and the closest one, the first pass that leaves the
 * command's options for the command; and the near-match measure it uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"
#include "similar.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* What export's table sets. */
typedef struct {
    const char *output, *as_of;
    bool full, quiet;
} export_like;

static int parse(export_like *x, int argc, char **argv, options_error *err)
{
    const option_spec specs[] = {
        {.name = "output", .short_name = 'o', .value = &x->output},
        {.name = "as-of", .value = &x->as_of},
        {.name = "full", .flag = &x->full},
        {.name = "quiet", .short_name = 'q', .flag = &x->quiet},
    };
    const option_spec globals[] = {{.name = "campaign"}, {.name = "db"}, {.name = "lang"}};
    option_table t = {specs, N(specs), globals, N(globals), false};
    return options_parse(&t, argc, argv, err);
}

static void values_in_both_spellings(void **state)
{
    (void)state;
    export_like x = {0};
    options_error err;
    char *argv[] = {"export", "--output=a.xlsx", "--as-of", "2022-10-28", "--full", NULL};
    assert_int_equal(parse(&x, 5, argv, &err), 1);
    assert_string_equal(x.output, "a.xlsx");
    assert_string_equal(x.as_of, "2022-10-28");
    assert_true(x.full);
    assert_false(x.quiet);
    assert_null(argv[1]);

    export_like y = {0};
    char *argv2[] = {"export", "--output", "b.xlsx", "--as-of=", "-q", NULL};
    assert_int_equal(parse(&y, 5, argv2, &err), 1);
    assert_string_equal(y.output, "b.xlsx");
    assert_string_equal(y.as_of, ""); /* given, empty: the command decides */
    assert_true(y.quiet);
}

static void short_options_and_the_last_value_wins(void **state)
{
    (void)state;
    export_like x = {0};
    options_error err;
    char *argv[] = {"export", "-o", "a.xlsx", "-ob.xlsx", NULL};
    assert_int_equal(parse(&x, 4, argv, &err), 1);
    assert_string_equal(x.output, "b.xlsx");
    char *argv2[] = {"export", "-o=c.xlsx", NULL};
    assert_int_equal(parse(&x, 2, argv2, &err), 1);
    assert_string_equal(x.output, "c.xlsx");
    /* a value that looks like an option is still the value */
    char *argv3[] = {"export", "-o", "--full", NULL};
    x.full = false;
    assert_int_equal(parse(&x, 3, argv3, &err), 1);
    assert_string_equal(x.output, "--full");
    assert_false(x.full);
}

static void arguments_are_kept_in_order_and_dash_dash_ends_options(void **state)
{
    (void)state;
    export_like x = {0};
    options_error err;
    char *argv[] = {"check", "a.csv", "-q", "-", "b/", "--", "--full", "-o", NULL};
    int n = parse(&x, 8, argv, &err);
    assert_int_equal(n, 6);
    assert_string_equal(argv[0], "check");
    assert_string_equal(argv[1], "a.csv");
    assert_string_equal(argv[2], "-"); /* stdin-like "-" is an argument */
    assert_string_equal(argv[3], "b/");
    assert_string_equal(argv[4], "--full"); /* after "--": taken as it is */
    assert_string_equal(argv[5], "-o");
    assert_null(argv[6]);
    assert_true(x.quiet);
    assert_false(x.full);
}

static void a_missing_value_names_the_option(void **state)
{
    (void)state;
    export_like x = {0};
    options_error err;
    char *argv[] = {"export", "--full", "-o", NULL};
    assert_int_equal(parse(&x, 3, argv, &err), -1);
    assert_int_equal(err.status, OPTIONS_MISSING_VALUE);
    assert_string_equal(err.arg, "-o");
    assert_non_null(err.option);
    char buf[32];
    assert_string_equal(options_spelling(err.option, buf, sizeof buf), "--output");
    assert_true(x.full); /* what came before the fault stays set */
}

static void a_flag_takes_no_value(void **state)
{
    (void)state;
    export_like x = {0};
    options_error err;
    char *argv[] = {"export", "--full=yes", NULL};
    assert_int_equal(parse(&x, 2, argv, &err), -1);
    assert_int_equal(err.status, OPTIONS_UNEXPECTED_VALUE);
    assert_string_equal(err.arg, "--full=yes");
    char *argv2[] = {"export", "-qq", NULL}; /* no bundling */
    assert_int_equal(parse(&x, 2, argv2, &err), -1);
    assert_int_equal(err.status, OPTIONS_UNKNOWN);
}

static void an_unknown_option_comes_with_the_closest(void **state)
{
    (void)state;
    export_like x = {0};
    options_error err;
    char buf[32];
    char *argv[] = {"export", "--outpt", "x", NULL};
    assert_int_equal(parse(&x, 3, argv, &err), -1);
    assert_int_equal(err.status, OPTIONS_UNKNOWN);
    assert_string_equal(err.arg, "--outpt");
    assert_non_null(err.guess);
    assert_string_equal(options_spelling(err.guess, buf, sizeof buf), "--output");

    char *argv2[] = {"export", "--campain=x", NULL}; /* a global one is suggested too */
    assert_int_equal(parse(&x, 2, argv2, &err), -1);
    assert_non_null(err.guess);
    assert_string_equal(options_spelling(err.guess, buf, sizeof buf), "--campaign");

    char *argv3[] = {"export", "--fu", NULL}; /* the start of only one name */
    assert_int_equal(parse(&x, 2, argv3, &err), -1);
    assert_string_equal(options_spelling(err.guess, buf, sizeof buf), "--full");

    char *argv4[] = {"export", "-full", NULL}; /* one dash too few */
    assert_int_equal(parse(&x, 2, argv4, &err), -1);
    assert_string_equal(options_spelling(err.guess, buf, sizeof buf), "--full");
    /* but "-output" is -o with the value "utput", as with getopt */
    char *argv6[] = {"export", "-output", NULL};
    assert_int_equal(parse(&x, 2, argv6, &err), 1);
    assert_string_equal(x.output, "utput");

    char *argv5[] = {"export", "--zzzzzz", NULL}; /* nothing near */
    assert_int_equal(parse(&x, 2, argv5, &err), -1);
    assert_null(err.guess);
}

static void the_first_pass_leaves_the_commands_options(void **state)
{
    (void)state;
    const char *db = NULL, *lang = NULL;
    bool help = false;
    const option_spec globals[] = {
        {.name = "db", .value = &db},
        {.name = "lang", .value = &lang},
        {.name = "help", .short_name = 'h', .flag = &help},
    };
    option_table t = {globals, N(globals), NULL, 0, true};
    options_error err;
    char *argv[] = {"tonghop", "check", "--strict", "a.csv", "--lang=en", "--db",
                    "x.db",    "-h",    "--",       "--db",  NULL};
    int n = options_parse(&t, 10, argv, &err);
    assert_int_equal(n, 6);
    assert_string_equal(argv[1], "check");
    assert_string_equal(argv[2], "--strict"); /* the command's, left to it */
    assert_string_equal(argv[3], "a.csv");
    assert_string_equal(argv[4], "--"); /* kept for the command's own parse */
    assert_string_equal(argv[5], "--db");
    assert_string_equal(db, "x.db");
    assert_string_equal(lang, "en");
    assert_true(help);
}

static void swapped_letters_are_one_edit(void **state)
{
    (void)state;
    assert_int_equal(similar_distance("improt", "import", 3), 1);
    assert_int_equal(similar_distance("output", "outpt", 3), 1);
    assert_int_equal(similar_distance("abc", "abc", 0), 0);
    assert_int_equal(similar_distance("ab", "ba", 0), 1); /* over the cap: cap + 1 */
    assert_int_equal(similar_distance("ca", "abc", 5), 3);
    assert_int_equal(similar_distance("kitten", "sitting", 5), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_in_both_spellings),
        cmocka_unit_test(short_options_and_the_last_value_wins),
        cmocka_unit_test(arguments_are_kept_in_order_and_dash_dash_ends_options),
        cmocka_unit_test(a_missing_value_names_the_option),
        cmocka_unit_test(a_flag_takes_no_value),
        cmocka_unit_test(an_unknown_option_comes_with_the_closest),
        cmocka_unit_test(the_first_pass_leaves_the_commands_options),
        cmocka_unit_test(swapped_letters_are_one_edit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
