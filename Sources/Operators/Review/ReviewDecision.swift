public import Foundation

/// What an operator decided about a group of not-understood messages.
public struct ReviewDecision: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Added as an example of `intent`.
        case intent
        /// Added as an example of the out-of-scope intent: the bot was right not to understand it.
        case outOfScope = "out_of_scope"
        /// Left alone; not asked again.
        case skip
    }

    public var time: Date
    public var kind: Kind
    /// The intent the example went to (`out_of_scope` for `.outOfScope`); `nil` when skipped.
    public var intent: String?
    /// The message added as an example (the group's most frequent one).
    public var text: String
    /// Every distinct message of the group when it was decided.
    public var texts: [String]
    /// Their normalised forms, so later spellings of the same message are recognised too.
    public var keys: [String]
    /// Messages in the group.
    public var count: Int

    public init(time: Date, kind: Kind, intent: String?, text: String, texts: [String], keys: [String], count: Int) {
        self.time = time
        self.kind = kind
        self.intent = intent
        self.text = text
        self.texts = texts
        self.keys = keys
        self.count = count
    }
}
