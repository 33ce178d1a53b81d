// A prefixed shim over glibc's `mallopt`, which Swift's Glibc module does not export (it lives in <malloc.h>).
// Only the executables import this module, once, at start-up.

#ifndef CMALLOC_H
#define CMALLOC_H

#if defined(__linux__)
#include <malloc.h>

/// Fixes glibc's trim threshold at `bytes`: freed memory above it at the top of the heap goes back to the system.
/// Without it glibc slides the threshold up to twice the largest block freed so far, so a process that freed large
/// temporary arrays once (training the classifier) keeps that memory for good. Returns 1 on success.
static inline int cmalloc_fix_trim_threshold(int bytes) {
    return mallopt(M_TRIM_THRESHOLD, bytes);
}

/// Caps glibc's malloc arenas at `count`. By default each thread that allocates while another holds the lock gets
/// an arena of its own (up to eight per core), each keeping its own free memory. Returns 1 on success.
static inline int cmalloc_limit_arenas(int count) {
    return mallopt(M_ARENA_MAX, count);
}
#else
static inline int cmalloc_fix_trim_threshold(int bytes) {
    (void)bytes;
    return 0;
}

static inline int cmalloc_limit_arenas(int count) {
    (void)count;
    return 0;
}
#endif

#endif
