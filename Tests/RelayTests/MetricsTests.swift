import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `GET /metrics`: the relay's counters after requests, refusals and faults, in the Prometheus text format.
@Suite struct MetricsTests {
    private func metrics(_ relay: RelayHarness) async throws -> String {
        let reply = try await relay.request(.get, "/metrics")
        #expect(reply.status == 200)
        #expect(reply.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return reply.text
    }

    @Test func countsRequestsMessagesAndRefusals() async throws {
        let configuration = RelayHarness.configuration { $0.chatMessageRate = .init(perSecond: 0.001, burst: 2) }
        try await RelayHarness.withRelay(configuration) { relay in
            let chat = try await relay.createChat()
            for text in ["一", "二", "三"] {
                _ = try await relay.post("/api/chats/\(chat.id)/messages", json: #"{"text":"\#(text)"}"#, headers: chat.authorization)
            }
            _ = try await relay.request(.get, "/no/such/route")
            let text = try await metrics(relay)
            #expect(text.contains("huabei_relay_people_messages_total 2\n"))
            #expect(text.contains(#"huabei_relay_rate_limited_total{limit="chat"} 1"#))
            #expect(text.contains(#"huabei_relay_http_requests_total{route="/api/chats/{chat_id}/messages",status="201"} 2"#))
            #expect(text.contains(#"huabei_relay_http_requests_total{route="/api/chats/{chat_id}/messages",status="429"} 1"#))
            #expect(text.contains(#"huabei_relay_http_requests_total{route="unmatched",status="404"} 1"#))
            #expect(text.contains("huabei_relay_chats 1.0\n"))
            #expect(text.contains("huabei_relay_updates_pending 2.0\n"))
            #expect(text.contains("# TYPE huabei_relay_http_request_duration_seconds histogram"))
            #expect(!text.contains(chat.id), "no chat id in a label")
        }
    }

    @Test func botMethodsAreLabelledWithoutTheToken() async throws {
        try await RelayHarness.withRelay(RelayHarness.configuration { $0.faultHooksEnabled = true }) { relay in
            _ = try await relay.post("/_faults", json: #"{"kind":"status500","count":1}"#)
            _ = try await relay.request(.get, relay.bot("getMe"))
            _ = try await relay.request(.get, relay.bot("getMe"))
            _ = try await relay.request(.get, relay.bot("noSuchMethod"))
            let text = try await metrics(relay)
            #expect(text.contains(#"huabei_relay_http_requests_total{route="/bot{token}/getme",status="200"} 1"#))
            #expect(text.contains(#"huabei_relay_http_requests_total{route="/bot{token}/getme",status="500"} 1"#))
            #expect(text.contains(#"huabei_relay_http_requests_total{route="/bot{token}/other",status="404"} 1"#))
            #expect(text.contains(#"huabei_relay_fault_hook_firings_total{kind="status500"} 1"#))
            #expect(!text.contains(RelayHarness.botToken))
        }
    }
}
