public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The secret that authenticates the bot daemon to its chat endpoint (the relay or Telegram).
///
/// The relay and the daemon resolve it the same way, so that the local default needs no set-up:
/// 1. the `HUABEI_BOT_TOKEN` environment variable, when set and not empty;
/// 2. else a token file: the path given by the caller (a command-line option), or `HUABEI_BOT_TOKEN_FILE`;
/// 3. else the file `bot.token` in the data directory, generated at first start with mode 0600 and reused.
///
/// The value never appears in `description`, in errors or in logs: read it through ``value`` only where it
/// goes on the wire.
public struct BotToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Where a resolved token came from.
    public enum Source: Sendable, Equatable {
        /// The `HUABEI_BOT_TOKEN` environment variable.
        case environment
        /// A token file named by the caller or by `HUABEI_BOT_TOKEN_FILE`.
        case file(path: String)
        /// The file in the data directory, created by this call.
        case generated(path: String)
        /// The file in the data directory, created by an earlier start.
        case reused(path: String)
        /// A value given directly to ``init(_:)``.
        case literal
    }

    /// The environment variable that holds the token itself.
    public static let environmentVariable = "HUABEI_BOT_TOKEN"
    /// The environment variable that names a file holding the token.
    public static let fileEnvironmentVariable = "HUABEI_BOT_TOKEN_FILE"
    /// The name of the generated token file inside the data directory.
    public static let generatedFileName = "bot.token"

    /// The secret itself: send it, hash it or compare it, never print it.
    public let value: String
    /// Where the token came from, for a start-up log line that does not show the secret.
    public let source: Source

    /// The bot's numeric id: the digits before the first `:` (as in Telegram's `123456:ABC…` tokens), or nil.
    public var botID: Int64? {
        guard let colon = value.firstIndex(of: ":") else { return nil }
        return Int64(value[..<colon])
    }

    /// A redacted form safe for logs.
    public var description: String { "BotToken(<redacted>, source: \(source))" }

    /// The same redacted form, for `debugPrint` and string interpolation in debuggers.
    public var debugDescription: String { description }

    /// A mirror without the secret, so `dump` and reflection-based printers show no token either.
    public var customMirror: Mirror { Mirror(self, children: ["source": source], displayStyle: .struct) }

    /// Wraps a token given directly, checking that it can travel in a URL path (`/bot<token>/getMe`).
    public init(_ value: String) throws(BotTokenError) {
        try self.init(value, source: .literal, origin: "the given token")
    }

    init(_ value: String, source: Source, origin: String) throws(BotTokenError) {
        guard Self.isValid(value) else { throw .invalid(origin: origin) }
        self.value = value
        self.source = source
    }

    /// A token is 8 to 256 characters from `A-Z a-z 0-9 : _ -`: the alphabet of Telegram's tokens, which needs no
    /// escaping in a URL path.
    static func isValid(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard (8...256).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// Resolves the token as described on the type.
    ///
    /// - Parameters:
    ///   - environment: The process environment (injectable for tests).
    ///   - tokenFile: A token file given on the command line; it wins over `HUABEI_BOT_TOKEN_FILE`.
    ///   - dataDirectory: Where the generated token lives; created (mode 0700) when missing.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        tokenFile: String? = nil,
        dataDirectory: String
    ) throws(BotTokenError) -> BotToken {
        if let value = environment[environmentVariable], !value.isEmpty {
            return try BotToken(value, source: .environment, origin: environmentVariable)
        }
        let file = tokenFile.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment[fileEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let file {
            let value = try readTokenFile(at: file)
            return try BotToken(value, source: .file(path: file), origin: "token file \(file)")
        }
        return try generatedToken(in: dataDirectory)
    }

    /// Reads the generated token, or creates it: a fresh token is written to a private temporary file that is then
    /// hard-linked into place, so a relay and a daemon starting together agree on one token and never read a
    /// half-written file.
    static func generatedToken(in dataDirectory: String) throws(BotTokenError) -> BotToken {
        try createDirectory(dataDirectory)
        let path = (dataDirectory as NSString).appendingPathComponent(generatedFileName)
        if FileManager.default.fileExists(atPath: path) {
            return try BotToken(readTokenFile(at: path), source: .reused(path: path), origin: "token file \(path)")
        }
        let token = makeRandomToken()
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        try writePrivateFile(temporary, contents: token + "\n")
        defer { unlink(temporary) }
        if link(temporary, path) == 0 {
            return try BotToken(token, source: .generated(path: path), origin: "token file \(path)")
        }
        let linkError = errno
        guard linkError == EEXIST else { throw .cannotWrite(path: path, reason: describe(linkError)) }
        // Another process won the race: use its token.
        return try BotToken(readTokenFile(at: path), source: .reused(path: path), origin: "token file \(path)")
    }

    /// A Telegram-shaped token: a 10-digit bot id, a colon and 256 random bits in base64url.
    static func makeRandomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let botID = UInt64.random(in: 1_000_000_000...9_999_999_999, using: &generator)
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let secret = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "\(botID):\(secret)"
    }

    /// Reads a token file (at most 4 KiB) and trims surrounding white space.
    static func readTokenFile(at path: String) throws(BotTokenError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path: path, reason: describe(errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= 4096 {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: describe(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        guard bytes.count <= 4096 else { throw .invalid(origin: "token file \(path)") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalid(origin: "token file \(path)") }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw .empty(path: path) }
        return value
    }

    static func createDirectory(_ path: String) throws(BotTokenError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotWrite(path: path, reason: "cannot create the data directory")
        }
    }

    static func writePrivateFile(_ path: String, contents: String) throws(BotTokenError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: describe(errno)) }
        defer { close(descriptor) }
        // The umask may have narrowed the mode further; make sure it is exactly 0600.
        fchmod(descriptor, 0o600)
        var bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: describe(errno))
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw .cannotWrite(path: path, reason: describe(errno)) }
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// Why a bot token could not be resolved. The description names the source, never the token.
public struct BotTokenError: Error, Equatable, CustomStringConvertible {
    enum Kind: Equatable {
        case invalid(origin: String)
        case empty(path: String)
        case cannotRead(path: String, reason: String)
        case cannotWrite(path: String, reason: String)
    }

    let kind: Kind

    static func invalid(origin: String) -> Self { .init(kind: .invalid(origin: origin)) }
    static func empty(path: String) -> Self { .init(kind: .empty(path: path)) }
    static func cannotRead(path: String, reason: String) -> Self { .init(kind: .cannotRead(path: path, reason: reason)) }
    static func cannotWrite(path: String, reason: String) -> Self {
        .init(kind: .cannotWrite(path: path, reason: reason))
    }

    /// A readable explanation, without the secret.
    public var description: String {
        switch kind {
        case .invalid(let origin):
            "\(origin) is not a valid bot token: use 8 to 256 characters from A-Z a-z 0-9 : _ -"
        case .empty(let path):
            "token file \(path) is empty"
        case .cannotRead(let path, let reason):
            "cannot read token file \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot create token file \(path): \(reason)"
        }
    }
}
