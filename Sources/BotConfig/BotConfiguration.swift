/// Every setting of the bot, with the defaults it runs on when `Config/huabei-bot.yaml` is absent.
///
/// Read it with `ConfigurationLoader`; every key can also be set by an environment variable
/// (`classifier.confidence_threshold` ← `HUABEI_CLASSIFIER_CONFIDENCE_THRESHOLD`).
public struct BotConfiguration: Sendable, Equatable {
    /// How the classifier's ranking becomes a decision.
    public struct Classifier: Sendable, Equatable {
        /// Below this confidence the best intent is not trusted and the bot says it did not understand.
        public var confidenceThreshold: Double = 0.45
        /// When the top two intents are closer than this, the bot asks which one the user means.
        public var ambiguityMargin: Double = 0.12
        /// Softmax temperature; `huabei-bot eval` reports the value that calibrates confidences best.
        public var temperature: Double = 1.0
        public init() {}
    }

    /// Conversation behaviour.
    public struct Dialogue: Sendable, Equatable {
        /// A chat's state is forgotten after this many idle minutes.
        public var idleTimeoutMinutes: Int = 60
        public init() {}
    }

    /// Process logs (turn logs are separate).
    public struct Logging: Sendable, Equatable {
        /// One of trace, debug, info, notice, warning, error, critical.
        public var level: String = "info"
        public init() {}
    }

    /// The chat endpoint the daemon (`huabei-bot run`) polls: the local relay, Telegram or a Matrix homeserver.
    public struct Channel: Sendable, Equatable {
        /// `local` (the relay from `huabei-bot relay`), `telegram` or `matrix`.
        public var kind: String = "local"
        /// The Bot API base URL; empty means the kind's default (`http://127.0.0.1:8080` for local,
        /// `https://api.telegram.org` for telegram).
        public var baseURL: String = ""
        /// A file holding the bot token, used when `HUABEI_BOT_TOKEN` is not set; empty for none.
        public var tokenFile: String = ""
        /// Matrix: the bot account's user id (`@huabei:example.org`), to log in with ``passwordFile`` when no token is
        /// given; empty for none.
        public var matrixUserID: String = ""
        /// Matrix: a file holding the bot account's password, for that login; empty for none.
        public var passwordFile: String = ""
        /// How long one `getUpdates` long poll waits on the server for a message, in seconds.
        public var pollTimeoutSeconds: Int = 30
        /// The most updates one `getUpdates` returns.
        public var pollLimit: Int = 100
        /// Added to the poll timeout to get the HTTP timeout of a long poll, in seconds.
        public var pollMarginSeconds: Double = 10
        /// HTTP timeout of `getMe` and `sendMessage`, in seconds.
        public var requestTimeoutSeconds: Double = 15
        /// Most time connecting (DNS, TCP, TLS) may take, in seconds.
        public var connectTimeoutSeconds: Double = 10
        public init() {}
    }

    /// The daemon's own behaviour: where it keeps state, how it retries and reports.
    public struct Daemon: Sendable, Equatable {
        /// State database, turn logs and (for the local relay) the generated bot token live here.
        public var dataDirectory: String = "data"
        /// How many chats are handled at the same time (messages of one chat are always in order).
        public var parallelChats: Int = 8
        /// First retry delay after a failed poll or send, in seconds; doubles up to the maximum.
        public var backoffInitialSeconds: Double = 1
        /// Longest retry delay, in seconds.
        public var backoffMaxSeconds: Double = 60
        /// Polling is restarted when no poll has succeeded for this many seconds.
        public var watchdogSeconds: Double = 120
        /// Seconds between two heartbeat lines in the process log.
        public var heartbeatSeconds: Double = 60
        /// The metrics file (node_exporter's textfile format); empty means `huabei-daemon.prom` in the data directory.
        public var metricsFile: String = ""
        /// Seconds between two rewrites of the metrics file; 0 writes none.
        public var metricsIntervalSeconds: Double = 5
        public init() {}
    }

    /// Sending replies: pacing per channel, queued in the outbox rather than refused.
    public struct Delivery: Sendable, Equatable {
        /// Send rates of one channel, in messages per second; 0 means no limit.
        public struct Rates: Sendable, Equatable {
            /// Messages per second to one chat.
            public var perChatPerSecond: Double
            /// Messages per second over all chats.
            public var overallPerSecond: Double
            public init(perChatPerSecond: Double, overallPerSecond: Double) {
                self.perChatPerSecond = perChatPerSecond
                self.overallPerSecond = overallPerSecond
            }
        }

        /// Replies sent at the same time; 0 (the default) picks the channel's: 8 where replies are idempotent (the
        /// local relay and Matrix: a crash duplicates nothing), 1 on Telegram (a crash can duplicate at most that one
        /// reply). Eight is plenty: at 2,000 replies/s and about 1 ms a send, two are on the wire on average, and each
        /// slot is a libcurl worker with its thread and handle (32 slots: RssAnon 13.1 MB under load, 8: 10.8 MB).
        public var maxInFlight: Int = 0

        /// ``maxInFlight``, with 0 resolved for a channel whose replies are idempotent or not.
        public func maxInFlight(idempotentReplies: Bool) -> Int {
            maxInFlight > 0 ? maxInFlight : (idempotentReplies ? 8 : 1)
        }
        /// Telegram's limits: about one message per second per chat, 30 per second overall.
        public var telegram = Rates(perChatPerSecond: 1, overallPerSecond: 30)
        /// The local relay's limits (its own `--send-rate` defaults to 30 per second).
        public var local = Rates(perChatPerSecond: 0, overallPerSecond: 30)
        /// A Matrix homeserver's: none of our own; the server's `M_LIMIT_EXCEEDED` says how long to wait.
        public var matrix = Rates(perChatPerSecond: 0, overallPerSecond: 0)
        public init() {}
    }

    /// The relay (`huabei-bot relay`).
    public struct Relay: Sendable, Equatable {
        /// Chats without a message for this many days are deleted with their messages; 0 keeps them for ever.
        public var retentionDays: Int = 30
        public init() {}
    }

    /// The daemon's turn logs (`DATA/logs/turns-YYYY-MM-DD.jsonl`).
    public struct Logs: Sendable, Equatable {
        /// Turn log files older than this many days are removed; 0 keeps them for ever.
        public var retentionDays: Int = 90
        public init() {}
    }

    public var classifier = Classifier()
    public var dialogue = Dialogue()
    public var logging = Logging()
    public var channel = Channel()
    public var daemon = Daemon()
    public var delivery = Delivery()
    public var logs = Logs()
    public var relay = Relay()

    public init() {}
}
