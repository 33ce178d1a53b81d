import Foundation
import HTTPTypes
import Testing

@testable import Relay

/// `--trusted-proxy`: whose forwarded headers count, and which address they give.
@Suite struct TrustedProxyTests {
    private let proxies = [IPRange("127.0.0.1")!, IPRange("10.0.0.0/8")!, IPRange("2001:db8::/32")!]

    @Test(arguments: [
        ("10.0.0.0/8", "10.200.3.4", true), ("10.0.0.0/8", "11.0.0.1", false), ("192.168.1.7", "192.168.1.7", true),
        ("192.168.1.7", "192.168.1.8", false), ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::1", false),
        ("10.0.0.0/8", "::ffff:10.1.2.3", true), ("0.0.0.0/0", "203.0.113.9", true), ("10.0.0.0/8", "2001:db8::1", false),
    ])
    func rangesContain(range: String, address: String, expected: Bool) throws {
        #expect(try #require(IPRange(range)).contains(address) == expected)
    }

    @Test(arguments: ["10.0.0.0/33", "10.0.0/8", "nonsense", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/8/1", ""])
    func badRangesAreRefused(text: String) {
        #expect(IPRange(text) == nil)
    }

    @Test func anUntrustedPeerCannotChooseItsAddress() {
        let address = ClientAddress.resolve(
            peer: "203.0.113.9", forwarded: ["for=198.51.100.1"], forwardedFor: ["198.51.100.2"], trusted: proxies)
        #expect(address == "203.0.113.9")
    }

    @Test func withoutTrustedProxiesHeadersAreIgnored() {
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwarded: [], forwardedFor: ["198.51.100.2"], trusted: []) == "127.0.0.1")
    }

    @Test func rightMostUntrustedEntryOfXForwardedFor() {
        // The client wrote "1.1.1.1" itself; nginx appended the real peer, and an inner proxy appended nginx's.
        let address = ClientAddress.resolve(
            peer: "127.0.0.1", forwarded: [], forwardedFor: ["1.1.1.1, 198.51.100.7", "10.1.1.1"], trusted: proxies)
        #expect(address == "198.51.100.7")
    }

    @Test func forwardedWinsOverXForwardedForAndKeepsIPv6() {
        let address = ClientAddress.resolve(
            peer: "10.0.0.5", forwarded: [#"for=192.0.2.60;proto=https, for="[2001:db9::17]:4711""#],
            forwardedFor: ["198.51.100.2"], trusted: proxies)
        #expect(address == "2001:db9::17")
    }

    @Test func portsAreDroppedAndAllTrustedChainsEndAtTheLeftMost() {
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwarded: [], forwardedFor: ["198.51.100.2:5555"], trusted: proxies) == "198.51.100.2")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwarded: [], forwardedFor: ["10.9.9.9, 10.1.1.1"], trusted: proxies) == "10.9.9.9")
    }

    @Test func anEntryThatIsNoAddressStopsAtTheLastTrustedHop() {
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwarded: ["for=unknown"], forwardedFor: [], trusted: proxies) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwarded: [], forwardedFor: ["evil, 10.1.1.1"], trusted: proxies) == "10.1.1.1")
    }

    /// Through the server: behind a trusted proxy (the test client on 127.0.0.1), two people get two buckets;
    /// a spoofed header from an untrusted peer changes nothing (here the peer is trusted only in the first relay).
    @Test func throughTheRelayEachForwardedClientHasItsOwnLimit() async throws {
        let limited = RelayHarness.configuration {
            $0.addressRate = .init(perSecond: 0.001, burst: 1)
            $0.trustedProxies = [IPRange("127.0.0.0/8")!]
        }
        try await RelayHarness.withRelay(limited) { relay in
            let first = try await relay.request(.post, "/api/chats", headers: ["X-Forwarded-For": "198.51.100.1"])
            let second = try await relay.request(.post, "/api/chats", headers: ["X-Forwarded-For": "198.51.100.2"])
            let again = try await relay.request(.post, "/api/chats", headers: ["X-Forwarded-For": "198.51.100.1"])
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(again.status == 429)
        }
        let untrusted = RelayHarness.configuration {
            $0.addressRate = .init(perSecond: 0.001, burst: 1)
            $0.trustedProxies = [IPRange("10.0.0.0/8")!]
        }
        try await RelayHarness.withRelay(untrusted) { relay in
            let first = try await relay.request(.post, "/api/chats", headers: ["X-Forwarded-For": "198.51.100.1"])
            let spoofed = try await relay.request(
                .post, "/api/chats", headers: ["X-Forwarded-For": "198.51.100.2", "Forwarded": "for=198.51.100.3"])
            #expect(first.status == 201)
            #expect(spoofed.status == 429, "a header from an untrusted peer must not open a new bucket")
        }
    }
}
