public import Foundation

/// How much slower than a normal debug build this test process runs, and wall-clock bounds scaled by it.
///
/// `make test-tsan` and `make test-asan` set `HUABEI_TEST_SLOWDOWN=3`: instrumented code (and the sanitized relay
/// and daemon the integration tests start) runs several times slower, and in one whole-suite process hundreds of
/// tests share two cores. A bound that a test checks on purpose (a timeout fires, a deadline is honoured, a
/// process exits in time) or that only guards against a hang is multiplied by ``factor``; in a normal run it is
/// 1 and every bound stays as written.
public enum TestSlowdown {
    /// `HUABEI_TEST_SLOWDOWN` when it is a number of at least 1, else 1.
    public static let factor: Double = parse(ProcessInfo.processInfo.environment["HUABEI_TEST_SLOWDOWN"])

    /// `duration` times ``factor``.
    public static func scaled(_ duration: Duration) -> Duration {
        duration * factor
    }

    static func parse(_ text: String?) -> Double {
        guard let text, let value = Double(text), value.isFinite, value >= 1 else { return 1 }
        return value
    }
}
