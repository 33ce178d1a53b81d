import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of the relay's routes: Hummingbird's core storage plus the connection, which the relay
/// needs for the client's address (per-address rate limits) and for the fault hook that drops a connection.
struct RelayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The TCP peer's IP address, or a placeholder for non-IP transports.
    var peerAddress: String {
        channel.remoteAddress?.ipAddress ?? "local"
    }

    /// The client's address: the peer's, or, when the peer is one of `trustedProxies`, the one the proxies
    /// forwarded (see ``ClientAddress``).
    func clientAddress(_ request: Request, trustedProxies: [IPRange]) -> String {
        guard !trustedProxies.isEmpty else { return peerAddress }
        return ClientAddress.resolve(
            peer: peerAddress, forwarded: request.headers[values: .forwarded],
            forwardedFor: request.headers[values: .xForwardedFor], trusted: trustedProxies)
    }
}

extension HTTPField.Name {
    /// RFC 7239.
    static let forwarded = Self("Forwarded")!
    /// The de-facto standard before RFC 7239.
    static let xForwardedFor = Self("X-Forwarded-For")!
}
