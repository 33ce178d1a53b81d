import Channels
import CoreMetrics
import Metrics
import Prometheus

/// The daemon's metrics, made through swift-metrics with a Prometheus factory over a registry of the daemon's own;
/// ``MetricsFileService`` writes them as a node_exporter textfile. The daemon has no HTTP server on purpose.
final class DaemonMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let updatesHandled: CoreMetrics.Counter
    private let repliesSent: CoreMetrics.Counter
    private let repliesRetried: CoreMetrics.Counter
    private let repliesRefused: CoreMetrics.Counter
    private let watchdogRestarts: CoreMetrics.Counter
    private let outboxDepth: CoreMetrics.Gauge
    private let lastPollAge: CoreMetrics.Gauge
    private let turnLatency: CoreMetrics.Timer

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // A turn is usually well under 10 ms; a slow disk or a busy machine shows in the upper buckets.
        factory.durationHistogramBuckets["huabei_daemon_turn_latency_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5),
        ]
        self.factory = factory
        updatesHandled = CoreMetrics.Counter(label: "huabei_daemon_updates_handled_total", factory: factory)
        repliesSent = CoreMetrics.Counter(label: "huabei_daemon_replies_sent_total", factory: factory)
        repliesRetried = CoreMetrics.Counter(label: "huabei_daemon_replies_retried_total", factory: factory)
        repliesRefused = CoreMetrics.Counter(label: "huabei_daemon_replies_refused_total", factory: factory)
        watchdogRestarts = CoreMetrics.Counter(label: "huabei_daemon_watchdog_restarts_total", factory: factory)
        outboxDepth = CoreMetrics.Gauge(label: "huabei_daemon_outbox_depth", factory: factory)
        lastPollAge = CoreMetrics.Gauge(label: "huabei_daemon_last_successful_poll_age_seconds", factory: factory)
        turnLatency = CoreMetrics.Timer(label: "huabei_daemon_turn_latency_seconds", factory: factory)
        // Present from the start, so a dashboard shows 0 rather than no data.
        for result in ["ok", "failed"] {
            CoreMetrics.Counter(label: "huabei_daemon_reloads_total", dimensions: [("result", result)], factory: factory).increment(by: 0)
        }
    }

    /// An update was handled for the first time (duplicates and updates not addressed to the bot are not counted).
    func updateHandled() { updatesHandled.increment() }

    /// A reply reached the chat.
    func replySent() { repliesSent.increment() }

    /// A send failed and the reply stays in the outbox for another try.
    func replyRetried() { repliesRetried.increment() }

    /// The server refused a reply for good (it will not be sent).
    func replyRefused() { repliesRefused.increment() }

    /// A `getUpdates` failed; `kind` is the failure's class (`transport`, `server_error`, `rate_limited`, …).
    func pollFailed(kind: String) {
        CoreMetrics.Counter(label: "huabei_daemon_poll_failures_total", dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// A failure class as a label value.
    static func label(_ kind: ChannelError.Kind) -> String {
        switch kind {
        case .unauthorized: "unauthorized"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .rateLimited: "rate_limited"
        case .serverError: "server_error"
        case .refused: "refused"
        case .malformedResponse: "malformed_response"
        case .transport: "transport"
        case .cancelled: "cancelled"
        }
    }

    /// The watchdog restarted polling.
    func watchdogRestarted() { watchdogRestarts.increment() }

    /// A SIGHUP reload ended.
    func reloaded(ok: Bool) {
        CoreMetrics.Counter(label: "huabei_daemon_reloads_total", dimensions: [("result", ok ? "ok" : "failed")], factory: factory)
            .increment()
    }

    /// One turn: its intent, its decision (see ``decisionClass(_:)``) and its latency from receipt to stored reply.
    func turn(intent: String, decision: String, latency: Duration) {
        CoreMetrics.Counter(
            label: "huabei_daemon_turns_total", dimensions: [("intent", intent), ("decision", Self.decisionClass(decision))],
            factory: factory
        ).increment()
        turnLatency.record(duration: latency)
    }

    /// The turn log's decision grouped as a dashboard wants it: `understood`, `ambiguous`, `not_understood`
    /// (`out_of_scope:*`), or `non_text`.
    static func decisionClass(_ decision: String) -> String {
        if decision == "ambiguous" { return "ambiguous" }
        if decision.hasPrefix("out_of_scope") { return "not_understood" }
        if decision == "non_text" { return "non_text" }
        return "understood"
    }

    /// Sets the gauges read at write time.
    func refresh(outboxDepth depth: Int, lastPollAge age: Duration) {
        outboxDepth.record(depth)
        lastPollAge.record(Double(age.components.seconds) + Double(age.components.attoseconds) * 1e-18)
    }

    /// The Prometheus text exposition (version 0.0.4).
    func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}
