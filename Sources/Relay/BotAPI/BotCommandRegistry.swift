import Synchronization

/// The command lists the bot registered with `setMyCommands`, per scope and language, as Telegram keeps them.
/// In memory: the relay forgets them when it restarts, and the daemon registers them again at every start.
final class BotCommandRegistry: Sendable {
    /// Where a list applies: `default`, `all_private_chats`, `chat:<id>` …, and a language code ("" for all).
    struct Key: Hashable, Sendable {
        var scope: String
        var language: String
    }

    private let lists = Mutex<[Key: [Telegram.BotCommand]]>([:])

    /// Replaces the list for `key`; an empty list deletes it, as on Telegram.
    func set(_ commands: [Telegram.BotCommand], for key: Key) {
        lists.withLock { $0[key] = commands.isEmpty ? nil : commands }
    }

    /// The list for `key`; empty when none was set.
    func commands(for key: Key) -> [Telegram.BotCommand] {
        lists.withLock { $0[key] ?? [] }
    }
}
