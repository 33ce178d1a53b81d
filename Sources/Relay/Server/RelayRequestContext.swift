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

    /// The client's IP address, or a placeholder for non-IP transports.
    var clientAddress: String {
        channel.remoteAddress?.ipAddress ?? "local"
    }
}
