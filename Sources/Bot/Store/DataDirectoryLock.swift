import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on the data directory (`daemon.lock`, `flock`), so that two daemons never share one state
/// database. The kernel releases it when the process ends, however it ends.
final class DataDirectoryLock: Sendable {
    static let fileName = "daemon.lock"
    private let descriptor: Int32

    /// Takes the lock, creating the directory (mode 0700) when missing.
    init(directory: String) throws(DataDirectoryLockError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DataDirectoryLockError(description: "cannot create the data directory \(directory)")
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DataDirectoryLockError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK {
                throw DataDirectoryLockError(
                    description: "another huabei-bot daemon is running on the data directory \(directory); stop it or use --data")
            }
            throw DataDirectoryLockError(description: "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}

/// The data directory cannot be locked.
struct DataDirectoryLockError: Error, Sendable, CustomStringConvertible {
    let description: String
}
