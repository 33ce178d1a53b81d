import Foundation

/// Temporary files and directories for tests, all inside one folder per test process that is removed when the
/// process exits, so that a test run leaves nothing in the system's temporary directory (a run that crashes
/// still leaves its one folder).
public enum ScratchDirectory {
    /// This process's folder, `huabei-bot-tests-<pid>-<uuid>` in the system's temporary directory, created on
    /// first use; removed at exit by the process that created it (not by a child that inherits the handler).
    public static let root: String = {
        let path = NSTemporaryDirectory() + "huabei-bot-tests-\(getpid())-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = creator
        atexit {
            guard getpid() == ScratchDirectory.creator else { return }
            try? FileManager.default.removeItem(atPath: ScratchDirectory.root)
        }
        return path
    }()

    /// The process that created ``root``, fixed when ``root`` is.
    private static let creator = getpid()

    /// A new, empty directory in ``root`` whose name starts with `prefix`.
    public static func make(_ prefix: String = "dir") -> String {
        let path = path(prefix)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A new path in ``root`` (nothing is created there), named `prefix-<uuid><suffix>`.
    public static func path(_ prefix: String, suffix: String = "") -> String {
        root + "/\(prefix)-\(UUID().uuidString)\(suffix)"
    }
}
