/* Tiny assertion helpers for the C API tests: a failed check prints where
 * and what, and the test exits with status 1. */
#ifndef NEAP_TEST_CHECK_H
#define NEAP_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks_run = 0;

#define CHECK(cond)                                                         \
    do {                                                                    \
        checks_run++;                                                       \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                        \
        }                                                                   \
    } while (0)

#define CHECK_STR(got, want)                                                \
    do {                                                                    \
        const char *g_ = (got), *w_ = (want);                               \
        checks_run++;                                                       \
        if (g_ == NULL || strcmp(g_, w_) != 0) {                            \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                    g_ ? g_ : "(null)", w_);                                \
            exit(1);                                                        \
        }                                                                   \
    } while (0)

#define CHECK_INT(got, want)                                                \
    do {                                                                    \
        long long g_ = (long long)(got), w_ = (long long)(want);            \
        checks_run++;                                                       \
        if (g_ != w_) {                                                     \
            fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
            exit(1);                                                        \
        }                                                                   \
    } while (0)

#define DONE()                                                              \
    do {                                                                    \
        printf("ok: %d checks\n", checks_run);                              \
        return 0;                                                           \
    } while (0)

#endif
