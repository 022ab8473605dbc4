/*
 * test_strbuf.c - the string builder keeps its invariants: always
 * NUL-terminated, sticky failure, detach and release leave it empty.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "strbuf.h"

static void empty_buffer_is_an_empty_string(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    assert_non_null(sb.buf);
    assert_string_equal(sb.buf, "");
    assert_int_equal(sb.len, 0);
    strbuf_release(&sb); /* nothing allocated: still safe */
    char *s = strbuf_detach(&sb, NULL);
    assert_string_equal(s, ""); /* detach always hands over an allocation */
    free(s);
}

static void adds_and_formats(void **state)
{
    (void)state;
    strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, "Số hoạt động");
    strbuf_addf(&sb, " %+lld", -3LL);
    strbuf_addch(&sb, ';');
    strbuf_add(&sb, " xyz", 2);
    assert_string_equal(sb.buf, "Số hoạt động -3; x");
    assert_int_equal(sb.len, strlen(sb.buf));
    strbuf_reset(&sb);
    assert_string_equal(sb.buf, "");
    strbuf_addf(&sb, "%s", "again");
    size_t len = 0;
    char *out = strbuf_detach(&sb, &len);
    assert_string_equal(out, "again");
    assert_int_equal(len, 5);
    assert_string_equal(sb.buf, ""); /* left empty */
    free(out);
}

static void grows_past_any_fixed_buffer(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < 10000; i++)
        strbuf_addf(&sb, "%s%d", i ? "+" : "=", i);
    assert_false(sb.failed);
    assert_int_equal(sb.buf[sb.len], '\0');
    assert_memory_equal(sb.buf, "=0+1+2", 6);
    assert_non_null(strstr(sb.buf, "+9999"));
    strbuf_release(&sb);
    assert_int_equal(sb.alloc, 0);
}

static void failure_is_sticky_and_keeps_the_text(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "kept");
    assert_false(strbuf_grow(&sb, SIZE_MAX - 2)); /* cannot be allocated */
    assert_true(sb.failed);
    assert_string_equal(sb.buf, "kept"); /* unchanged, still terminated */
    strbuf_adds(&sb, " ignored");
    assert_string_equal(sb.buf, "kept");
    assert_null(strbuf_detach(&sb, NULL)); /* the caller learns once, at the end */
    assert_false(sb.failed);               /* and the buffer is fresh again */
    assert_string_equal(sb.buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_buffer_is_an_empty_string),
        cmocka_unit_test(adds_and_formats),
        cmocka_unit_test(grows_past_any_fixed_buffer),
        cmocka_unit_test(failure_is_sticky_and_keeps_the_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
