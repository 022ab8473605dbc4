/*
 * test_inbox.c - expanding files and folders, and the received.csv manifest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "inbox.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_inbox_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void a_folder_gives_its_reports_sorted_with_manifest_times(void **state)
{
    (void)state;
    write_file("b.csv", "x");
    write_file("A.CSV", "x");
    write_file("notes.txt", "x");
    write_file(".hidden.csv", "x");
    write_file("c.csv", "x");
    write_file(INBOX_MANIFEST, "file,received\nb.csv,2022-10-24 23:59\nA.CSV,20/10/2022 08:30\n"
                               "gone.csv,2022-10-01\n");
    char sub[128];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0700);
    write_file("sub/d.csv", "x");

    inbox in;
    char err[256];
    char *args[] = {dir};
    assert_int_equal(inbox_collect(args, 1, 420, &in, err, sizeof err), TH_OK);
    /* not the manifest; the folder's files in byte order, then sub/ */
    assert_int_equal(in.count, 4);
    assert_string_equal(in.files[0].name, "A.CSV");
    assert_string_equal(in.files[1].name, "b.csv");
    assert_string_equal(in.files[2].name, "c.csv");
    assert_string_equal(in.files[3].name, "sub/d.csv");
    assert_int_equal(in.skipped.count, 2); /* the others are named */
    assert_string_equal(in.skipped.items[0].file, ".hidden.csv");
    assert_int_equal(in.skipped.items[0].code, FC_SKIPPED_HIDDEN);
    assert_string_equal(in.skipped.items[1].file, "notes.txt");
    assert_int_equal(in.skipped.items[1].code, FC_SKIPPED_OTHER);
    char want[128];
    snprintf(want, sizeof want, "%s/b.csv", dir);
    assert_string_equal(in.files[1].path, want);
    assert_int_equal(in.files[0].received, 1666229400); /* 2022-10-20 08:30 +07:00 */
    assert_int_equal(in.files[1].received, 1666630740); /* 2022-10-24 23:59 +07:00 */
    assert_int_equal(in.files[2].received, 0);          /* not in the manifest */
    inbox_release(&in);
}

static void files_are_kept_as_given(void **state)
{
    (void)state;
    inbox in;
    char err[256];
    char path[4096];
    const char *src = getenv("TONGHOP_SOURCE_DIR");
    assert_non_null(src);
    snprintf(path, sizeof path, "%s/samples/2022-10-14_UBND_BuDang_bao_cao.csv", src);
    char *args[] = {path};
    assert_int_equal(inbox_collect(args, 1, 420, &in, err, sizeof err), TH_OK);
    assert_int_equal(in.count, 1);
    assert_string_equal(in.files[0].name, "2022-10-14_UBND_BuDang_bao_cao.csv");
    assert_string_equal(in.files[0].path, path);
    inbox_release(&in);
}

/* A name that names nothing is the clerk's typing slip, said at once: not a
 * file to be read and reported as one a unit must send again. */
static void a_missing_path_is_a_usage_error(void **state)
{
    (void)state;
    inbox in;
    char err[256];
    char *args[] = {"/no/such/place/r.csv"};
    assert_int_equal(inbox_collect(args, 1, 420, &in, err, sizeof err), TH_ERR_USAGE);
    assert_non_null(strstr(err, "'/no/such/place/r.csv'"));
    inbox_release(&in);
}

static void a_bad_manifest_is_a_configuration_error(void **state)
{
    (void)state;
    write_file("a.csv", "x");
    write_file(INBOX_MANIFEST, "file,received\na.csv,yesterday\n");
    inbox in;
    char err[512];
    char *args[] = {dir};
    assert_int_equal(inbox_collect(args, 1, 420, &in, err, sizeof err), TH_ERR_CONFIG);
    assert_non_null(strstr(err, "received.csv' line 2: 'yesterday'"));
    inbox_release(&in);
    write_file(INBOX_MANIFEST, "name,when\na.csv,2022-10-01\n");
    assert_int_equal(inbox_collect(args, 1, 420, &in, err, sizeof err), TH_ERR_CONFIG);
    assert_non_null(strstr(err, "columns \"file\" and \"received\""));
    inbox_release(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_folder_gives_its_reports_sorted_with_manifest_times,
                                        setup, teardown),
        cmocka_unit_test(files_are_kept_as_given),
        cmocka_unit_test(a_missing_path_is_a_usage_error),
        cmocka_unit_test_setup_teardown(a_bad_manifest_is_a_configuration_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
