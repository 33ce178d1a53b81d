import CoreMetrics
import Metrics
import Prometheus
import Synchronization

/// The relay's metrics, made through swift-metrics with a Prometheus factory over a registry of the relay's own
/// (no global bootstrap, so several relays in one test process count separately). `GET /metrics` renders it.
///
/// Counters are counted where things happen; the gauges (waiting long polls, updates queued, chats) are read from
/// the store and the registries when Prometheus scrapes (``refreshGauges(_:)``), so they cannot drift.
final class RelayMetrics: Sendable {
    /// The bot API methods counted by name; anything else is counted as `other`, so a client cannot grow the
    /// label set without bound.
    static let botMethods: Set<String> = [
        "getme", "getupdates", "sendmessage", "sendchataction", "deletewebhook", "setmycommands", "getmycommands",
        "deletemycommands", "getwebhookinfo",
    ]

    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let peopleMessages: CoreMetrics.Counter
    private let botReplies: CoreMetrics.Counter
    private let chatsCreated: CoreMetrics.Counter
    private let waitingPolls: CoreMetrics.Gauge
    private let pendingUpdates: CoreMetrics.Gauge
    private let chats: CoreMetrics.Gauge

    /// The request counter and timer of one route and status.
    private struct RequestSeries: Sendable {
        let counter: CoreMetrics.Counter
        let timer: CoreMetrics.Timer
    }

    private struct RequestSeriesKey: Hashable {
        let route: String
        let status: Int
    }

    /// Made once per route and status: the factory's lookup (label strings, a lock, the registry's dictionaries)
    /// is kept off the request path. Bounded by the routes and statuses the relay answers with.
    private let requestSeries = Mutex<[RequestSeriesKey: RequestSeries]>([:])

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Long polls last up to 60 s: the default buckets stop at 10 s.
        factory.durationHistogramBuckets["huabei_relay_http_request_duration_seconds"] = [
            .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(65),
        ]
        self.factory = factory
        peopleMessages = CoreMetrics.Counter(label: "huabei_relay_people_messages_total", factory: factory)
        botReplies = CoreMetrics.Counter(label: "huabei_relay_bot_replies_total", factory: factory)
        chatsCreated = CoreMetrics.Counter(label: "huabei_relay_chats_created_total", factory: factory)
        waitingPolls = CoreMetrics.Gauge(label: "huabei_relay_long_polls_waiting", factory: factory)
        pendingUpdates = CoreMetrics.Gauge(label: "huabei_relay_updates_pending", factory: factory)
        chats = CoreMetrics.Gauge(label: "huabei_relay_chats", factory: factory)
    }

    /// One HTTP request answered: `route` is the matched route pattern (`/api/chats/{chat_id}/messages`), or the
    /// bot method for `/bot<token>/…`, or `unmatched`.
    func request(route: String, status: Int, duration: Duration) {
        let key = RequestSeriesKey(route: route, status: status)
        let factory = self.factory
        let series = requestSeries.withLock { cache in
            if let series = cache[key] { return series }
            let series = RequestSeries(
                counter: CoreMetrics.Counter(
                    label: "huabei_relay_http_requests_total", dimensions: [("route", route), ("status", "\(status)")],
                    factory: factory),
                timer: CoreMetrics.Timer(
                    label: "huabei_relay_http_request_duration_seconds", dimensions: [("route", route)], factory: factory))
            cache[key] = series
            return series
        }
        series.counter.increment()
        series.timer.record(duration: duration)
    }

    /// A person's message was stored and queued for the bot.
    func personMessage() { peopleMessages.increment() }

    /// The bot's reply was stored.
    func botReply() { botReplies.increment() }

    /// A chat was created.
    func chatCreated() { chatsCreated.increment() }

    /// A request was refused with 429 by one of the limits: `address`, `chat` or `send`.
    func rateLimited(_ limit: String) {
        CoreMetrics.Counter(label: "huabei_relay_rate_limited_total", dimensions: [("limit", limit)], factory: factory).increment()
    }

    /// A planned fault fired (only with `--enable-fault-hooks`).
    func faultFired(_ kind: String) {
        CoreMetrics.Counter(label: "huabei_relay_fault_hook_firings_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// Reads the gauges from their sources, just before rendering.
    func refreshGauges(_ context: RelayContext) async {
        waitingPolls.record(context.chatWaits.totalWaiting + context.botWaits.totalWaiting)
        if let count = try? await context.store.pendingUpdateCount() { pendingUpdates.record(count) }
        if let count = try? await context.store.chatCount() { chats.record(count) }
    }

    /// The Prometheus text exposition (version 0.0.4).
    func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}
