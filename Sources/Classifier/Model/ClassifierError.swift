/// Why a classifier could not be trained.
public struct ClassifierError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable, Sendable {
        case noExamples
        case singleIntent(String)
        case topicClash(String)
    }

    private let code: Code

    /// There were no training examples at all.
    public static let noExamples = ClassifierError(code: .noExamples)

    /// Every example had the same intent, so there is nothing to tell apart.
    public static func singleIntent(_ intent: String) -> ClassifierError {
        ClassifierError(code: .singleIntent(intent))
    }

    /// A topic is also an intent's name, or a topic of two intents.
    public static func topicClash(_ topic: String) -> ClassifierError {
        ClassifierError(code: .topicClash(topic))
    }

    public var description: String {
        switch code {
        case .noExamples:
            "no training examples: add examples to the intent files"
        case .singleIntent(let intent):
            "every training example is of intent '\(intent)': the classifier needs at least two intents"
        case .topicClash(let topic):
            "topic '\(topic)' is also an intent, or a topic of two intents: a topic belongs to one intent"
        }
    }
}
