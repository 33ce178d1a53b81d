/// Settings of the local chat relay. Every field has a default that suits one machine serving a help page.
///
/// Limits are stated here so that the policy when full is explicit: whatever exceeds a bound is rejected with a
/// clear 4xx (or 503 for the shared bot queue), never dropped.
public struct RelayConfiguration: Sendable {
    /// A token-bucket rate: `perSecond` tokens refill each second, up to `burst` at once.
    public struct Rate: Sendable, Equatable {
        /// Sustained requests per second.
        public var perSecond: Double
        /// Requests allowed at once after a quiet period.
        public var burst: Double

        /// Creates a rate; `burst` defaults to one second's worth (at least 1).
        public init(perSecond: Double, burst: Double? = nil) {
            self.perSecond = perSecond
            self.burst = burst ?? max(1, perSecond)
        }
    }

    /// Host name or address to listen on. Loopback by default; anything else only when asked.
    public var host: String
    /// TCP port to listen on; 0 picks a free port (see ``RelayServer/boundPort()``).
    public var port: Int
    /// Directory of the SQLite database (`relay.sqlite`, WAL) and of the generated bot token.
    public var dataDirectory: String
    /// Largest request body accepted, in bytes; larger bodies get 413.
    public var maxBodySize: Int
    /// Longest message text, in UTF-16 code units as Telegram counts; longer gets 400.
    public var maxTextLength: Int
    /// Bot-side `sendMessage` rate; over it the bot gets 429 with `parameters.retry_after`. Nil: no limit.
    public var sendRate: Rate?
    /// People-side messages per chat; over it the browser gets 429. Nil: no limit.
    public var chatMessageRate: Rate?
    /// People-side API requests per client address (chat creation, messages, polls); over it 429. Nil: no limit.
    public var addressRate: Rate?
    /// Most updates waiting for the bot; when full, new messages from people get 503 `queue_full`.
    public var maxPendingUpdates: Int
    /// Most messages one chat holds; when full, new messages get 409 `chat_full` (people) or 400 (bot).
    public var maxMessagesPerChat: Int
    /// Most chats the relay stores; when full, chat creation gets 503 `relay_full`.
    public var maxChats: Int
    /// Longest `timeout` of a bot-side `getUpdates`, in seconds (Telegram allows 50); longer gets 400.
    public var maxBotPollTimeout: Int
    /// Longest `timeout` of a people-side message poll, in seconds; longer gets 400.
    public var maxChatPollTimeout: Int
    /// Most long polls waiting at once; beyond it polls answer at once as if they had timed out.
    public var maxWaitingPolls: Int
    /// The bot counts as offline when no `getUpdates` is running and none ended for this many seconds.
    public var botOfflineAfter: Int
    /// Seconds an `Idempotency-Key` of `sendMessage` is kept at least (a repeat within it answers the original
    /// message). Default 24 hours.
    public var idempotencyKeyLifetime: Int
    /// Most idempotency keys stored (about 150 bytes each); when that many are younger than
    /// ``idempotencyKeyLifetime``, a `sendMessage` with a new key gets 429 until the oldest expires.
    public var maxIdempotencyKeys: Int
    /// Serves `POST/GET/DELETE /_faults`, which makes the next bot calls fail on purpose. Never on by default.
    public var faultHooksEnabled: Bool

    /// Creates a configuration; every argument has a default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: String = "data/relay",
        maxBodySize: Int = 64 * 1024,
        maxTextLength: Int = 4096,
        sendRate: Rate? = Rate(perSecond: 30),
        chatMessageRate: Rate? = Rate(perSecond: 1, burst: 10),
        addressRate: Rate? = Rate(perSecond: 20, burst: 60),
        maxPendingUpdates: Int = 10_000,
        maxMessagesPerChat: Int = 1_000,
        maxChats: Int = 100_000,
        maxBotPollTimeout: Int = 50,
        maxChatPollTimeout: Int = 60,
        maxWaitingPolls: Int = 10_000,
        botOfflineAfter: Int = 30,
        idempotencyKeyLifetime: Int = 86_400,
        maxIdempotencyKeys: Int = 1_000_000,
        faultHooksEnabled: Bool = false
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.maxBodySize = maxBodySize
        self.maxTextLength = maxTextLength
        self.sendRate = sendRate
        self.chatMessageRate = chatMessageRate
        self.addressRate = addressRate
        self.maxPendingUpdates = maxPendingUpdates
        self.maxMessagesPerChat = maxMessagesPerChat
        self.maxChats = maxChats
        self.maxBotPollTimeout = maxBotPollTimeout
        self.maxChatPollTimeout = maxChatPollTimeout
        self.maxWaitingPolls = maxWaitingPolls
        self.botOfflineAfter = botOfflineAfter
        self.idempotencyKeyLifetime = idempotencyKeyLifetime
        self.maxIdempotencyKeys = maxIdempotencyKeys
        self.faultHooksEnabled = faultHooksEnabled
    }
}
