import Foundation
import HTTP

/// `/sync` answers as Synapse 1.x sends them (shapes recorded from a local Synapse, ids shortened).
enum MatrixFixtures {
    static let bot = "@huabei:localhost"
    static let alice = "@alice:localhost"
    static let bob = "@bob:localhost"
    static let direct = "!dm:localhost"
    static let group = "!group:localhost"
    static let secret = "!secret:localhost"

    static func response(_ json: String, status: Int = 200, headers: HTTPHeaders = [:]) -> Result<HTTPResponse, HTTPClientError> {
        .success(HTTPResponse(status: status, headers: headers, body: Data(json.utf8)))
    }

    // Built per use, not kept in a global: LeakSanitizer (`make test-asan`) reported the Data of a global Result as
    // leaked at exit (its pointer, stored inside the enum payload, is not recognised by the leak scan).
    static var whoami: Result<HTTPResponse, HTTPClientError> {
        response(#"{"user_id":"@huabei:localhost","is_guest":false,"device_id":"ABCDEF"}"#)
    }
    static var displayName: Result<HTTPResponse, HTTPClientError> { response(#"{"displayname":"HuabeiBot"}"#) }

    static func member(_ user: String, _ membership: String, id: String, previous: String? = nil) -> String {
        let unsigned = previous.map { #","unsigned":{"prev_content":{"membership":"\#($0)"}}"# } ?? ""
        return #"{"type":"m.room.member","state_key":"\#(user)","sender":"\#(user)","event_id":"\#(id)","origin_server_ts":1765000000000,"content":{"membership":"\#(membership)","displayname":"x"}\#(unsigned)}"#
    }

    static func text(_ body: String, from sender: String = alice, id: String, extra: String = "") -> String {
        let escaped = body.replacingOccurrences(of: "\n", with: "\\n")
        return #"{"type":"m.room.message","sender":"\#(sender)","event_id":"\#(id)","origin_server_ts":1765000001000,"content":{"msgtype":"m.text","body":"\#(escaped)"\#(extra)}}"#
    }

    static func room(_ events: [String], joined: Int? = nil, invited: Int? = nil, state: [String] = [], limited: Bool = false) -> String {
        var summary: [String] = []
        if let joined { summary.append(#""m.joined_member_count":\#(joined)"#) }
        if let invited { summary.append(#""m.invited_member_count":\#(invited)"#) }
        return #"{"summary":{\#(summary.joined(separator: ","))},"state":{"events":[\#(state.joined(separator: ","))]},"timeline":{"events":[\#(events.joined(separator: ","))],"limited":\#(limited),"prev_batch":"p1"},"ephemeral":{"events":[]},"account_data":{"events":[]},"unread_notifications":{"notification_count":1,"highlight_count":0}}"#
    }

    static func sync(next: String = "s72_1", join: [String: String] = [:], invite: [String] = []) -> String {
        let joined = join.map { #""\#($0.key)":\#($0.value)"# }.joined(separator: ",")
        let invited = invite.map { #""\#($0)":{"invite_state":{"events":[{"type":"m.room.member","state_key":"@huabei:localhost","sender":"@alice:localhost","content":{"membership":"invite","is_direct":true}}]}}"# }
            .joined(separator: ",")
        return #"{"next_batch":"\#(next)","account_data":{"events":[]},"presence":{"events":[]},"device_one_time_keys_count":{"signed_curve25519":0},"rooms":{"join":{\#(joined)},"invite":{\#(invited)},"leave":{}}}"#
    }
}
