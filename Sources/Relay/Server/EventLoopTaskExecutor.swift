import NIOCore

/// A `TaskExecutor` that runs jobs on one NIO event loop.
///
/// A connection's handling task that prefers its channel's event loop (`withTaskExecutorPreference`) runs where
/// NIO reads and writes the connection: a request that arrives resumes the handler on the same thread, and the
/// response is written without crossing to another one. Only the store's writer and the wake-ups of long polls
/// still hand work from one thread to another. The handlers never block (the store runs on GRDB's writer queue),
/// so running them on the event loop does not stall its I/O.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
