/*
 * test_codec.c - the store's compression of original bytes: what
 * codec_pack writes, codec_decompress gives back, with one packer used for
 * many inputs of every size (as an import uses it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "codec.h"

/* Fills buf with n bytes of text-like content that depends on seed. */
static void fill(unsigned char *buf, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (unsigned char)(i % 61 == 60 ? '\n' : 'a' + (seed >> 16) % 7);
    }
}

static void test_round_trip(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 2, 100, 4096, 65537, 300000, 3, 0, 70000};
    codec_packer *packer = NULL;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        unsigned char *in = malloc(n ? n : 1), *packed = NULL, *back = NULL;
        size_t npacked = 0;
        assert_non_null(in);
        fill(in, n, (unsigned)k);
        assert_int_equal(codec_pack(&packer, in, n, &packed, &npacked), TH_OK);
        assert_non_null(packer);
        assert_int_equal(codec_decompress(packed, npacked, n, &back), TH_OK);
        if (n > 0)
            assert_memory_equal(back, in, n);
        assert_int_equal(back[n], '\0');
        free(in);
        free(packed);
        free(back);
    }
    codec_packer_free(packer);
    codec_packer_free(NULL);
}

/* The same bytes packed twice with one packer give the same stream: a
 * packer carries nothing from one input into the next. */
static void test_same_stream(void **state)
{
    (void)state;
    unsigned char a[5000], b[3000];
    unsigned char *first = NULL, *second = NULL, *other = NULL;
    size_t n1 = 0, n2 = 0, no = 0;
    codec_packer *packer = NULL;
    fill(a, sizeof a, 7);
    fill(b, sizeof b, 8);
    assert_int_equal(codec_pack(&packer, a, sizeof a, &first, &n1), TH_OK);
    assert_int_equal(codec_pack(&packer, b, sizeof b, &other, &no), TH_OK);
    assert_int_equal(codec_pack(&packer, a, sizeof a, &second, &n2), TH_OK);
    assert_int_equal(n1, n2);
    assert_memory_equal(first, second, n1);
    codec_packer_free(packer);
    free(first);
    free(second);
    free(other);
}

static void test_damaged(void **state)
{
    (void)state;
    unsigned char in[2000], *packed = NULL, *back = NULL;
    size_t npacked = 0;
    codec_packer *packer = NULL;
    fill(in, sizeof in, 3);
    assert_int_equal(codec_pack(&packer, in, sizeof in, &packed, &npacked), TH_OK);
    assert_int_equal(codec_decompress(packed, npacked, sizeof in + 1, &back), TH_ERR_STORE);
    assert_null(back);
    assert_int_equal(codec_decompress(packed, npacked / 2, sizeof in, &back), TH_ERR_STORE);
    assert_null(back);
    codec_packer_free(packer);
    free(packed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_same_stream),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
