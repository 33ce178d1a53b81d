public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A token the daemon got by logging in (Matrix with a user id and a password file), kept in the data directory.
extension BotToken {
    /// The file in the data directory that keeps a token got by logging in.
    public static let loginFileName = "matrix.token"

    /// The token kept from an earlier login in `dataDirectory`, or nil when there is none.
    public static func storedLogin(in dataDirectory: String) throws(BotTokenError) -> BotToken? {
        let path = (dataDirectory as NSString).appendingPathComponent(loginFileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try BotToken(readTokenFile(at: path), source: .reused(path: path), origin: "token file \(path)")
    }

    /// Keeps a token got by logging in: `dataDirectory/matrix.token`, mode 0600, replacing an older one.
    public static func storeLogin(_ value: String, in dataDirectory: String) throws(BotTokenError) -> BotToken {
        try createDirectory(dataDirectory)
        let path = (dataDirectory as NSString).appendingPathComponent(loginFileName)
        let token = try BotToken(value, source: .generated(path: path), origin: "the token the server gave at login")
        let temporary = path + ".\(getpid()).tmp"
        unlink(temporary)
        try writePrivateFile(temporary, contents: value + "\n")
        guard rename(temporary, path) == 0 else {
            let reason = describe(errno)
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
        return token
    }

    /// Forgets a kept login token (the server refused it): the next start logs in again.
    public static func forgetLogin(in dataDirectory: String) {
        unlink((dataDirectory as NSString).appendingPathComponent(loginFileName))
    }

    /// A secret file's contents (a password), at most 4 KiB, surrounding white space trimmed.
    public static func readSecretFile(at path: String) throws(BotTokenError) -> String {
        try readTokenFile(at: path)
    }
}
