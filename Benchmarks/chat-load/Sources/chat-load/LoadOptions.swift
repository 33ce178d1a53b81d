import Foundation

/// The command line of `chat-load`.
struct LoadOptions: Sendable {
    /// What the people write.
    enum Texts: String, Sendable {
        /// `ping 1`, `ping 2`, …: for the relay alone.
        case ping
        /// Questions the bot answers, so a real bot does its real work for each.
        case questions
    }

    var port = 8080
    var chats = 100
    var seconds = 20.0
    var warmup = 3.0
    /// Each chat starts a round trip at most every this many milliseconds (nil: back to back).
    var intervalMilliseconds: Int?
    /// When set, a built-in bot with this token answers every message at once; otherwise another bot (the
    /// daemon) must answer.
    var botToken: String?
    /// Connections the built-in bot sends its answers over.
    var senders = 8
    var texts = Texts.ping

    static let usage = """
        usage: chat-load --port N [--chats 100] [--seconds 20] [--warmup 3] [--interval-ms N]
                         [--bot-token TOKEN [--senders 8]] [--texts ping|questions]
        """

    init(_ arguments: [String]) throws(LoadError) {
        var iterator = arguments.dropFirst().makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { throw LoadError(description: "\(name) needs a value\n\(Self.usage)") }
            switch name {
            case "--port": port = try Self.number(value, name)
            case "--chats": chats = try Self.number(value, name)
            case "--seconds": seconds = Double(try Self.number(value, name) as Int)
            case "--warmup": warmup = Double(try Self.number(value, name) as Int)
            case "--interval-ms":
                let interval: Int = try Self.number(value, name)
                intervalMilliseconds = interval > 0 ? interval : nil
            case "--bot-token": botToken = value
            case "--senders": senders = max(1, try Self.number(value, name))
            case "--texts":
                guard let texts = Texts(rawValue: value) else { throw LoadError(description: "--texts is ping or questions") }
                self.texts = texts
            default: throw LoadError(description: "unknown option \(name)\n\(Self.usage)")
            }
        }
        guard chats > 0, seconds > 0 else { throw LoadError(description: "--chats and --seconds must be positive") }
    }

    private static func number(_ value: String, _ name: String) throws(LoadError) -> Int {
        guard let number = Int(value), number >= 0 else { throw LoadError(description: "\(name) needs a whole number") }
        return number
    }
}

struct LoadError: Error, CustomStringConvertible {
    var description: String
}
