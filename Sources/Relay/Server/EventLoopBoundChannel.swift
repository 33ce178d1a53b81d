import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel whose handling task runs on the connection's own event loop (see
/// ``EventLoopTaskExecutor``): one thread hand-off at the connection's start instead of two per request.
struct EventLoopBoundChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// `.http1(configuration:)` with each connection handled on its event loop.
    static func http1OnEventLoop(configuration: HTTP1Channel.Configuration) -> HTTPServerBuilder {
        .init { responder in EventLoopBoundChannel(base: HTTP1Channel(responder: responder, configuration: configuration)) }
    }
}
