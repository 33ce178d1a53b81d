import CLibFuzzer
import Foundation

/// Hands a harness's body to libFuzzer's driver, which reads libFuzzer's flags from the command line.
public enum FuzzDriver {
    /// The harness's body; set once, before the driver starts (libFuzzer's callback cannot capture it).
    nonisolated(unsafe) static var body: ((UnsafeRawBufferPointer) -> Void)?

    /// Runs libFuzzer on `body` and exits with its status.
    public static func run(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        Self.body = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzDriver.body?(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }
        exit(status)
    }
}
