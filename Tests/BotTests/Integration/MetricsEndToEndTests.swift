import Foundation
import HTTP
import SharedTestSupport
import Testing

/// Twenty turns through the built relay and daemon: the relay's `GET /metrics` and the daemon's textfile count
/// them, agree with each other and with the turn log, and follow the Prometheus text format.
@Suite(.serialized, .trainedEngine)
struct MetricsEndToEndTests {
    static let texts = [
        "你好", "我的花呗怎么用不了了", "没有", "没有", "对，芝麻分掉到580了", "是的", "花呗逾期了怎么办", "还清了",
        "芝麻分低于600", "谢谢", "套现会被冻结吗", "不是", "怎么联系人工客服", "花呗额度怎么提升", "今天天气怎么样",
        "花呗", "账户被盗了怎么办", "好的", "帮助", "再见",
    ]

    @Test func twentyTurnsShowInBothMetrics() async throws {
        try await BinaryHarness.with(BinaryHarness()) { harness in
            let (_, port) = try await harness.startRelay()
            let daemonProcess = try await harness.startDaemon(port: port, environment: ["HUABEI_DAEMON_METRICS_INTERVAL_SECONDS": "0.1"])
            // The daemon names its build at start.
            #expect(daemonProcess.log.firstMatch(of: /bot\.commit=\S+ bot\.version=\d+\.\d+\.\d+ .*huabei-daemon starting/) != nil)
            let chat = try await harness.createChat(port: port)
            for (index, text) in Self.texts.enumerated() {
                try await harness.post(text, to: chat, port: port)
                // Each turn answers with at least one message; wait for it before the next, so turns stay in order.
                let replies = try await harness.botReplies(in: chat, count: index + 1, port: port)
                #expect(replies.count >= index + 1)
            }
            let messages = try await harness.allMessages(of: chat, port: port)
            let people = messages.filter { $0.from != "bot" }.count
            let bot = messages.filter { $0.from == "bot" }.count
            #expect(people == Self.texts.count)

            // The daemon's file is rewritten every 0.1 s: wait for the write that includes the last reply.
            let file = harness.daemonData + "/huabei-daemon.prom"
            var daemon: PrometheusText?
            let deadline = ContinuousClock.now + TestSlowdown.scaled(.seconds(30))
            while ContinuousClock.now < deadline {
                if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                    let parsed = try PrometheusText(text)
                    if parsed.value("huabei_daemon_replies_sent_total") == Double(bot) {
                        daemon = parsed
                        break
                    }
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let written = try #require(daemon, "the daemon's metrics file never showed \(bot) replies sent")
            #expect(written.types["huabei_daemon_turn_latency_seconds"] == "histogram")
            #expect(written.value("huabei_daemon_updates_handled_total") == 20)
            #expect(written.value("huabei_daemon_turn_latency_seconds_count") == 20)
            #expect(written.sum("huabei_daemon_turns_total") == 20)
            #expect(written.value("huabei_daemon_replies_refused_total") == 0)
            #expect(written.value("huabei_daemon_watchdog_restarts_total") == 0)
            #expect(written.value("huabei_daemon_reloads_total", ["result": "ok"]) == 0)
            #expect(written.value("huabei_daemon_outbox_depth") == 0)
            #expect(written.sum("huabei_daemon_poll_failures_total") == 0)
            let age = try #require(written.value("huabei_daemon_last_successful_poll_age_seconds"))
            #expect(age >= 0 && age < 60)

            // Turns by intent and decision: the same as the turn log's lines.
            var intents: [String: Double] = [:]
            var decisions: [String: Double] = [:]
            for line in harness.turnLogLines() {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let intent = try #require(object["intent"] as? String)
                let decision = try #require(object["decision"] as? String)
                intents[intent, default: 0] += 1
                let group = decision == "ambiguous" ? "ambiguous" : decision.hasPrefix("out_of_scope") ? "not_understood" : "understood"
                decisions[group, default: 0] += 1
            }
            #expect(intents.values.reduce(0, +) == 20)
            for (intent, count) in intents {
                #expect(written.sum("huabei_daemon_turns_total", where: ["intent": intent]) == count, "intent \(intent)")
            }
            for (decision, count) in decisions {
                #expect(written.sum("huabei_daemon_turns_total", where: ["decision": decision]) == count, "decision \(decision)")
            }

            // The relay's view of the same traffic.
            let response = try await harness.http.execute(HTTPRequest(url: harness.url(port, "/metrics")), timeout: BinaryHarness.requestTimeout)
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"].first?.hasPrefix("text/plain; version=0.0.4") == true)
            let relay = try PrometheusText(String(decoding: response.body, as: UTF8.self))
            #expect(relay.value("huabei_relay_people_messages_total") == 20)
            #expect(relay.value("huabei_relay_bot_replies_total") == Double(bot))
            #expect(relay.value("huabei_relay_chats_created_total") == 1)
            #expect(relay.value("huabei_relay_chats") == 1)
            #expect(relay.value("huabei_relay_updates_pending") == 0)
            #expect(relay.sum("huabei_relay_rate_limited_total") == 0)
            #expect(relay.value("huabei_relay_http_requests_total", ["route": "/api/chats/{chat_id}/messages", "status": "201"]) == 20)
            #expect(relay.value("huabei_relay_http_requests_total", ["route": "/api/chats", "status": "201"]) == 1)
            #expect(relay.value("huabei_relay_http_requests_total", ["route": "/bot{token}/sendmessage", "status": "200"]) == Double(bot))
            #expect(relay.sum("huabei_relay_http_requests_total", where: ["route": "/bot{token}/getupdates"]) >= 1)
            #expect(
                relay.value("huabei_relay_http_request_duration_seconds_count", ["route": "/api/chats/{chat_id}/messages"]) != nil)
            #expect(relay.types["huabei_relay_http_request_duration_seconds"] == "histogram")
            #expect(relay.value("huabei_relay_long_polls_waiting").map { $0 >= 0 && $0 <= 2 } == true)
            // No chat id and no token in any label.
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(!text.contains(chat.id))
            #expect(!text.contains("integration-secret"))
        }
    }
}

extension BinaryHarness {
    /// Every line of the daemon's turn logs.
    func turnLogLines() -> [String] {
        let folder = daemonData + "/logs"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        return files.flatMap { file in
            ((try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }
}
