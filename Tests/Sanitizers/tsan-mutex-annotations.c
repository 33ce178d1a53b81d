// ThreadSanitizer annotations for Swift's Synchronization.Mutex on Linux, preloaded (LD_PRELOAD) by
// `make test-tsan` into the sanitized test runner and the programs it starts.
//
// Mutex's fast paths are inlined into our code (an instrumented compare-exchange on the lock word), but a
// contended lock goes through `_MutexHandle._lockSlow` / `_unlockSlow` / `_tryLockSlow` in
// libswiftSynchronization.so, which is not instrumented and hands the lock over in the kernel (a PI futex).
// ThreadSanitizer then sees no release/acquire between two critical sections and reports them as a race
// (MutexContentionRepro.swift reproduces it). These wrappers interpose the three slow paths, call the real ones
// and tell ThreadSanitizer what they did: a release on the lock word before unlocking, an acquire after locking.
// In a process without ThreadSanitizer (swift-test itself, /bin/gzip) the annotations are skipped.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>

#define SWIFTCALL __attribute__((swiftcall))
#define SWIFT_SELF __attribute__((swift_context))  // the swiftself register: the handle's address

typedef SWIFTCALL void (*LockSlow)(uint32_t, SWIFT_SELF void *);
typedef SWIFTCALL void (*UnlockSlow)(SWIFT_SELF void *);
typedef SWIFTCALL bool (*TryLockSlow)(SWIFT_SELF void *);
typedef void (*Annotation)(void *);

#define LOCK_SLOW "$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF"
#define UNLOCK_SLOW "$s15Synchronization12_MutexHandleV11_unlockSlowyyF"
#define TRY_LOCK_SLOW "$s15Synchronization12_MutexHandleV12_tryLockSlowSbyF"

static void *next(const char *name) { return dlsym(RTLD_NEXT, name); }

static void annotate(const char *which, void *address) {
    Annotation annotation = (Annotation)dlsym(RTLD_DEFAULT, which);
    if (annotation) annotation(address);
}

SWIFTCALL void lockSlow(uint32_t selfID, SWIFT_SELF void *handle) __asm__(LOCK_SLOW);
SWIFTCALL void lockSlow(uint32_t selfID, SWIFT_SELF void *handle) {
    ((LockSlow)next(LOCK_SLOW))(selfID, handle);
    annotate("__tsan_acquire", handle);
}

SWIFTCALL void unlockSlow(SWIFT_SELF void *handle) __asm__(UNLOCK_SLOW);
SWIFTCALL void unlockSlow(SWIFT_SELF void *handle) {
    annotate("__tsan_release", handle);
    ((UnlockSlow)next(UNLOCK_SLOW))(handle);
}

SWIFTCALL bool tryLockSlow(SWIFT_SELF void *handle) __asm__(TRY_LOCK_SLOW);
SWIFTCALL bool tryLockSlow(SWIFT_SELF void *handle) {
    bool locked = ((TryLockSlow)next(TRY_LOCK_SLOW))(handle);
    if (locked) annotate("__tsan_acquire", handle);
    return locked;
}
