import BotConfig
import Classifier
import Dialogue
import Foundation

/// The repository's own Intents/ and a trained engine, shared by the suites (training once).
enum TestCatalog {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let intentsDirectory = root.appendingPathComponent("Intents").path

    static let catalog: IntentCatalog = {
        do { return try IntentCatalogLoader(directory: intentsDirectory).load() } catch { fatalError("Intents/ does not load: \(error)") }
    }()

    static let engine: DialogueEngine = {
        do { return try DialogueEngine(catalog: catalog) } catch { fatalError("cannot train: \(error)") }
    }()

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
