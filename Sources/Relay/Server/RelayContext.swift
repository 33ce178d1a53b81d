import Logging

/// What the relay's handlers share: the store, the long-poll registries, the bot's presence, the fault queue
/// and the configuration.
struct RelayContext: Sendable {
    let configuration: RelayConfiguration
    let store: RelayStore
    /// Browser polls, keyed by Telegram-style chat id.
    let chatWaits: WaitRegistry<Int64>
    /// The bot's `getUpdates` polls.
    let botWaits: WaitRegistry<BotAPI.PollKey>
    let presence: BotPresence
    /// Nil unless fault hooks are enabled.
    let faults: FaultInjector?
    /// What the bot registered with `setMyCommands`.
    let commands = BotCommandRegistry()
    /// What `GET /metrics` shows.
    let metrics = RelayMetrics()
    let logger: Logger

    init(configuration: RelayConfiguration, store: RelayStore, logger: Logger) {
        self.configuration = configuration
        self.store = store
        chatWaits = WaitRegistry(maxWaiting: configuration.maxWaitingPolls)
        botWaits = WaitRegistry(maxWaiting: configuration.maxWaitingPolls)
        presence = BotPresence(offlineAfter: .seconds(configuration.botOfflineAfter))
        faults = configuration.faultHooksEnabled ? FaultInjector() : nil
        self.logger = logger
    }
}
