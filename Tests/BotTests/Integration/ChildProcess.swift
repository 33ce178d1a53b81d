import Foundation
import SharedTestSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A process started with `posix_spawn`, its standard output and error appended to a log file. Waiting for it
/// polls `waitpid` with `WNOHANG`, so no thread ever blocks.
final class ChildProcess: Sendable {
    /// How a process ended.
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    let logPath: String
    private let ending = Mutex<Ending?>(nil)

    /// The sanitizer runtimes' settings, passed on to every child: under `make test-tsan` / `make test-asan` the
    /// programs next to the test runner are sanitized builds too, and they must use the same suppressions and stop
    /// at their first report (which ``BinaryHarness`` then finds in their logs). `make test-tsan` also preloads
    /// its Mutex annotations (Tests/Sanitizers/tsan-mutex-annotations.c) through `LD_PRELOAD`.
    static let sanitizerVariables = ["TSAN_OPTIONS", "ASAN_OPTIONS", "LSAN_OPTIONS", "LD_PRELOAD"]

    /// The line each sanitizer runtime starts a report with.
    static let sanitizerReportMarkers = ["WARNING: ThreadSanitizer:", "ERROR: AddressSanitizer:", "ERROR: LeakSanitizer:"]

    /// Starts `executable` with `arguments` and exactly `environment` (plus PATH and the sanitizer settings).
    init(executable: String, arguments: [String], environment: [String: String], logPath: String) throws {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&fileActions, 1, 2)
        var environment = environment
        environment["PATH"] = environment["PATH"] ?? "/usr/bin:/bin"
        let inherited = ProcessInfo.processInfo.environment
        for name in Self.sanitizerVariables where environment[name] == nil {
            if let value = inherited[name] { environment[name] = value }
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &fileActions, nil, argv, envp)
        guard result == 0 else {
            throw ChildProcessError(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        self.logPath = logPath
    }

    /// The log so far.
    var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    func signal(_ signal: Int32) {
        if ending.withLock({ $0 }) == nil { kill(pid, signal) }
    }

    /// How it ended, or nil while it runs (reaps it when it ended).
    func poll() -> Ending? {
        ending.withLock { ending in
            if let ending { return ending }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            guard result == pid else { return nil }
            let signal = status & 0x7f
            ending = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
            return ending
        }
    }

    /// Waits up to `limit` for the process to end.
    func wait(within limit: Duration) async -> Ending? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let ending = poll() { return ending }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return poll()
    }

    /// Waits until the log contains `fragment` (or the process ends, or the time runs out). The default limit only
    /// guards against a hang: a sanitized daemon that loads and trains on Intents/ while the whole suite runs took
    /// over 90 s to start polling, hence the scaling.
    func waitForLog(_ fragment: String, within limit: Duration = TestSlowdown.scaled(.seconds(90))) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if log.contains(fragment) { return true }
            if poll() != nil { return log.contains(fragment) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return log.contains(fragment)
    }

    /// The log from its first sanitizer report on (at most 20,000 characters), or nil when it holds none (always
    /// nil in a build without sanitizers).
    var sanitizerReport: String? {
        let log = self.log
        let starts = Self.sanitizerReportMarkers.compactMap { log.range(of: $0)?.lowerBound }
        guard let start = starts.min() else { return nil }
        return String(log[start...].prefix(20_000))
    }

    /// SIGKILL and reap.
    func terminate() async {
        signal(SIGKILL)
        _ = await wait(within: TestSlowdown.scaled(.seconds(10)))
    }
}

struct ChildProcessError: Error, CustomStringConvertible {
    let description: String
}
