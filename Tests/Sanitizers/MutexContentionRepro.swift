// Why `make test-tsan` preloads Tests/Sanitizers/tsan-mutex-annotations.c.
//
// Not part of any target. `swiftc -sanitize=thread -g MutexContentionRepro.swift -o /tmp/repro && /tmp/repro`
// (Swift 6.3.1, Linux) prints "WARNING: ThreadSanitizer: Swift access race" although every access is inside
// `withLock`: Mutex's fast paths are inlined (an instrumented compare-exchange), but a contended lock goes through
// `_lockSlow`/`_unlockSlow` in libswiftSynchronization.so, which is not instrumented and hands the lock over
// in the kernel (a PI futex). ThreadSanitizer sees no release/acquire pair, so it reports the two critical
// sections as a race. Only under contention, so it shows up at random.
import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class Box: Sendable {
    let state = Mutex<[Int]>([])
}

// Two threads append under the Mutex; holding it ~50 µs makes the other contend (the futex slow path).
let box = Box()
let threads = (0..<2).map { t in
    Thread {
        for i in 0..<2000 {
            box.state.withLock { s in
                s.append(i)
                if s.count % 100 == 0 { usleep(50) }
            }
        }
    }
}
for thread in threads { thread.start() }
while box.state.withLock({ $0.count }) < 4000 { usleep(1000) }
print("count", box.state.withLock { $0.count })
