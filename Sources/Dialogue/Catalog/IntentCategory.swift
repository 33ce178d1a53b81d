/// What role an intent plays in the conversation.
public enum IntentCategory: String, Sendable, CaseIterable, Codable {
    /// A freeze with no cause named: starts the diagnosis flow.
    case overview
    /// One of the freeze causes, with its remedy.
    case cause
    /// How to reach customer service or appeal.
    case support
    /// Greetings, thanks, goodbyes.
    case smalltalk
    /// Yes or no: meaningful as the answer to a question.
    case answer
    /// Everything the bot does not handle.
    case fallback
}
