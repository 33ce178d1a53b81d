import Channels
import Logging
import ServiceLifecycle

/// Registers the bot's commands with the chat server (`setMyCommands`) at start-up, and again when a SIGHUP reload
/// changed them, so chat apps offer `/start`, `/help` and `/reset` with their Chinese descriptions from
/// `Intents/_responses.yaml`.
///
/// It never stops the daemon: a failure the server may get over (no connection yet, 5xx, 429, a malformed
/// answer) is retried with backoff up to ``maxAttempts`` times, then logged; a refusal (a channel or server
/// without the method, a 400) is logged at once. It runs next to polling, so a slow server never delays the first
/// answers; graceful shutdown ends it.
final class CommandRegistrationService: Service, Sendable {
    let channel: any ChatChannel
    let commands: [BotCommandDescription]
    let backoffInitial: Duration
    let backoffMaximum: Duration
    let maxAttempts: Int
    let logger: Logger
    private let reloaded: AsyncStream<[BotCommandDescription]>
    private let reloadedContinuation: AsyncStream<[BotCommandDescription]>.Continuation

    init(
        channel: any ChatChannel, commands: [BotCommandDescription], backoffInitial: Duration, backoffMaximum: Duration,
        maxAttempts: Int = 6, logger: Logger
    ) {
        self.channel = channel
        self.commands = commands
        self.backoffInitial = backoffInitial
        self.backoffMaximum = backoffMaximum
        self.maxAttempts = max(1, maxAttempts)
        self.logger = logger
        // Only the newest set matters: a reload that comes while another set is being registered replaces the older.
        (reloaded, reloadedContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func run() async {
        await cancelWhenGracefulShutdown { [self] in
            var current = commands
            if !current.isEmpty { await register(current) }
            for await commands in reloaded where commands != current {
                current = commands
                if !commands.isEmpty { await register(commands) }
            }
        }
    }

    /// The commands of a reloaded Intents/: registered when they differ from the last set.
    func reload(_ commands: [BotCommandDescription]) {
        reloadedContinuation.yield(commands)
    }

    /// Calls `setMyCommands` until it succeeds, is refused, or has failed ``maxAttempts`` times.
    func register(_ commands: [BotCommandDescription]) async {
        var backoff = Backoff(initial: backoffInitial, maximum: backoffMaximum)
        let names = commands.map { "/" + $0.command }.joined(separator: " ")
        for attempt in 1...maxAttempts {
            do throws(ChannelError) {
                try await channel.setMyCommands(commands)
                logger.info("registered the bot's commands", metadata: ["bot.commands": "\(names)", "bot.channel": "\(channel.kind)"])
                return
            } catch {
                if error.kind == .cancelled || Task.isCancelled { return }
                let retryable = [.transport, .serverError, .rateLimited, .malformedResponse, .conflict].contains(error.kind)
                guard retryable, attempt < maxAttempts else {
                    logger.warning(
                        "could not register the bot's commands; chat apps will not list them, the bot answers them anyway",
                        metadata: ["error": "\(error)", "bot.attempts": "\(attempt)"])
                    return
                }
                let delay = error.kind == .rateLimited ? (error.retryAfter ?? backoff.next()) : backoff.next()
                logger.debug(
                    "registering the bot's commands failed; retrying",
                    metadata: ["error": "\(error)", "bot.retry_in_s": "\(PollerService.seconds(delay))"])
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return
                }
            }
        }
    }
}
