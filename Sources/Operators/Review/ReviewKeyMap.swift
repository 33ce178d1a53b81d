/// The key for each intent in a review: `1`–`9`, then letters, leaving out the keys with a meaning of
/// their own (`s` skip, `o` out of scope, `q` quit, `?` help).
public struct ReviewKeyMap: Sendable, Equatable {
    /// What a key (or a typed word) asks for.
    public enum Action: Sendable, Equatable {
        case assign(String)
        case outOfScope
        case skip
        case quit
        case help
    }

    /// Intents in key order, with their key and title.
    public private(set) var entries: [(key: Character, intent: String, title: String)]
    public let outOfScopeIntent: String

    private static let keys = Array("123456789abcdefghijklmnprtuvwxyz")

    /// `intents` as (id, title) in display order; the out-of-scope intent gets `o` and no key of its own.
    public init(intents: [(id: String, title: String)], outOfScopeIntent: String) {
        self.outOfScopeIntent = outOfScopeIntent
        entries = []
        for intent in intents where intent.id != outOfScopeIntent && entries.count < Self.keys.count {
            entries.append((Self.keys[entries.count], intent.id, intent.title))
        }
    }

    /// The key of `intent`, if it has one.
    public func key(of intent: String) -> Character? {
        if intent == outOfScopeIntent { return "o" }
        return entries.first { $0.intent == intent }?.key
    }

    /// The action for a key press or a typed answer: one key, or an intent id, `skip`, `quit`, `out_of_scope`.
    public func action(for input: String) -> Action? {
        let answer = input.trimmingCharacters(in: .whitespaces).lowercased()
        switch answer {
        case "s", "skip": return .skip
        case "o", outOfScopeIntent: return .outOfScope
        case "q", "quit", "\u{3}", "\u{4}": return .quit
        case "?", "help": return .help
        default: break
        }
        if answer.count == 1, let key = answer.first, let entry = entries.first(where: { $0.key == key }) {
            return .assign(entry.intent)
        }
        if let entry = entries.first(where: { $0.intent == answer }) { return .assign(entry.intent) }
        return nil
    }

    public static func == (lhs: ReviewKeyMap, rhs: ReviewKeyMap) -> Bool {
        lhs.outOfScopeIntent == rhs.outOfScopeIntent && lhs.entries.map(\.intent) == rhs.entries.map(\.intent)
    }
}

#if canImport(Foundation)
import Foundation
#endif
