/*
 * test_keymap.c - the hash table from text keys to indexes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "keymap.h"

enum { N = 50000 };

static void finds_every_key_among_many(void **state)
{
    (void)state;
    static char keys[N][16];
    keymap m;
    keymap_init(&m);
    for (size_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "truong %zu", i);
        size_t owner = SIZE_MAX;
        assert_int_equal(keymap_add(&m, keys[i], i, &owner), TH_OK);
        assert_int_equal(owner, i);
    }
    assert_int_equal(m.count, N);
    assert_true(m.cap >= 2 * N); /* at most half full */
    for (size_t i = 0; i < N; i++) {
        size_t v = SIZE_MAX;
        char probe[16]; /* an equal string at another address */
        snprintf(probe, sizeof probe, "truong %zu", i);
        assert_true(keymap_get(&m, probe, &v));
        assert_int_equal(v, i);
    }
    size_t v = 7;
    assert_false(keymap_get(&m, "truong 50000", &v));
    assert_false(keymap_get(&m, "", &v));
    assert_int_equal(v, 7); /* untouched */
    keymap_release(&m);
    assert_int_equal(m.count, 0);
}

static void a_key_keeps_its_first_owner(void **state)
{
    (void)state;
    keymap m;
    keymap_init(&m);
    size_t owner = 0, v = 0;
    assert_false(keymap_get(&m, "a", &v)); /* empty: nothing allocated */
    assert_int_equal(keymap_add(&m, "a", 3, &owner), TH_OK);
    assert_int_equal(owner, 3);
    assert_int_equal(keymap_add(&m, "a", 9, &owner), TH_OK);
    assert_int_equal(owner, 3); /* told who has it */
    assert_int_equal(m.count, 1);
    assert_true(keymap_get(&m, "a", &v));
    assert_int_equal(v, 3);
    assert_int_equal(keymap_reserve(&m, 1000), TH_OK); /* rehashing keeps it */
    assert_true(keymap_get(&m, "a", &v));
    assert_int_equal(v, 3);
    keymap_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_every_key_among_many),
        cmocka_unit_test(a_key_keeps_its_first_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
