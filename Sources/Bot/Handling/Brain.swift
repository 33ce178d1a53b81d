import BotConfig
import Dialogue
import Synchronization

/// What the daemon answers with: the trained dialogue engine and the configuration it came from. Replaced as a
/// whole on SIGHUP.
struct Brain: Sendable {
    let engine: DialogueEngine
    let configuration: BotConfiguration

    init(engine: DialogueEngine, configuration: BotConfiguration) {
        self.engine = engine
        self.configuration = configuration
    }

    /// The number of intents, for log lines.
    var intentCount: Int { engine.catalog.intents.count }
}

/// The current ``Brain``; every update reads it once, a reload swaps it atomically.
final class BrainBox: Sendable {
    private let state: Mutex<Brain>

    init(_ brain: Brain) {
        state = Mutex(brain)
    }

    var current: Brain { state.withLock { $0 } }

    func replace(with brain: Brain) {
        state.withLock { $0 = brain }
    }
}
