/*
 * test_array.c - growing arrays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "array.h"

static void grows_by_doubling_and_keeps_the_elements(void **state)
{
    (void)state;
    int *items = NULL;
    size_t cap = 0;
    for (int i = 0; i < 1000; i++) {
        assert_true(array_reserve(&items, &cap, (size_t)i + 1, sizeof *items));
        items[i] = i * 3;
    }
    assert_int_equal(cap, 1024);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(items[i], i * 3);
    assert_true(array_reserve(&items, &cap, 10, sizeof *items)); /* already there */
    assert_int_equal(cap, 1024);
    free(items);
}

static void refuses_sizes_that_overflow(void **state)
{
    (void)state;
    double *items = NULL;
    size_t cap = 0;
    assert_true(array_reserve(&items, &cap, 3, sizeof *items));
    assert_int_equal(cap, 8);
    double *before = items;
    assert_false(array_reserve(&items, &cap, SIZE_MAX / 4, sizeof *items));
    assert_ptr_equal(items, before); /* unchanged */
    assert_int_equal(cap, 8);
    free(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grows_by_doubling_and_keeps_the_elements),
        cmocka_unit_test(refuses_sizes_that_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
