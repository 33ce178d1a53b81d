import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program installed next to `huabei-bot` that a subcommand hands over to, as `git foo` runs `git-foo`: the
/// long-running relay and daemon are their own executables, so each process loads only the libraries it uses.
struct SiblingExecutable {
    let name: String

    /// The sibling's path: the folder of the running `huabei-bot` (symbolic links resolved), then `PATH`.
    func path() throws -> String {
        var folders: [String] = []
        if let running = Self.runningExecutable() { folders.append((running as NSString).deletingLastPathComponent) }
        folders += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in folders where !folder.isEmpty {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ValidationError(
            "\(name) is not installed next to huabei-bot or on PATH: build it with `swift build --product \(name)` "
                + "(or `swift build`, which builds every program)")
    }

    /// Replaces this process with the sibling, passing `arguments` on: same process id, signals and exit code,
    /// so supervisors and scripts see the sibling as `huabei-bot`. Returns only by throwing.
    func replaceProcess(arguments: [String]) throws -> Never {
        let path = try path()
        let argv = ([name] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        throw ValidationError("cannot start \(path): \(reason)")
    }

    static func runningExecutable() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath
    }
}
