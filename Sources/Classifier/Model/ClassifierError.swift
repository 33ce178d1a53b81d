/// Why a classifier could not be trained.
public struct ClassifierError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable, Sendable {
        case noExamples
        case singleIntent(String)
    }

    private let code: Code

    /// There were no training examples at all.
    public static let noExamples = ClassifierError(code: .noExamples)

    /// Every example had the same intent, so there is nothing to tell apart.
    public static func singleIntent(_ intent: String) -> ClassifierError {
        ClassifierError(code: .singleIntent(intent))
    }

    public var description: String {
        switch code {
        case .noExamples:
            "no training examples: add examples to the intent files"
        case .singleIntent(let intent):
            "every training example is of intent '\(intent)': the classifier needs at least two intents"
        }
    }
}
