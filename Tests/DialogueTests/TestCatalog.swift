import BotConfig
import Classifier
import Dialogue
import Foundation
import SharedTestSupport

/// The repository's own Intents/ and the trained engine every test target shares (`SharedEngine`, trained once
/// per process; suites that use `engine` carry the `.trainedEngine` trait so that training happens off the pool).
enum TestCatalog {
    static let root = SharedEngine.root
    static let intentsDirectory = SharedEngine.intentsDirectory
    static var catalog: IntentCatalog { SharedEngine.catalog }
    static var engine: DialogueEngine { SharedEngine.engine }

    static let causes = ["overdue", "cash_out", "credit_score", "low_activity", "account_security", "maintenance"]
}

/// Plays a conversation and keeps the state between messages.
struct Conversation {
    let engine: DialogueEngine
    var state = ConversationState()
    var now = Date(timeIntervalSince1970: 1_800_000_000)

    init(engine: DialogueEngine = TestCatalog.engine) {
        self.engine = engine
    }

    @discardableResult
    mutating func say(_ text: String) -> DialogueTurn {
        now += 5
        let turn = engine.respond(to: text, state: state, at: now)
        state = turn.state
        return turn
    }
}
