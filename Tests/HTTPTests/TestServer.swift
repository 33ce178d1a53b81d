import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SharedTestSupport

/// A loopback Hummingbird server for the client tests: started on 127.0.0.1, port 0, and awaited through
/// `onServerRunning`, so tests never guess a port or sleep.
enum TestServer {
    struct DidNotStart: Error {}

    /// What a test sees of the running server.
    struct Running: Sendable {
        /// The server's base URL, e.g. `http://127.0.0.1:41234`.
        let base: URL
        let stalls: StallCounter

        /// The URL of `path` (which starts with a slash) on this server.
        func url(_ path: String) -> URL {
            URL(string: base.absoluteString + path) ?? base
        }

        /// Returns once `count` requests in total have reached the `/stall` handler.
        func waitForStalledRequests(_ count: Int) async {
            await stalls.wait(for: count)
        }
    }

    /// Runs `body` with a freshly started server, then stops it with a graceful shutdown and waits until it has
    /// stopped. Never by cancelling `app.run()`: a cancelled Hummingbird server drops the connections it has
    /// accepted but not yet handed to its serving loop, and when such a connection then becomes active NIO traps
    /// ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#2813). Only `make test-tsan`'s timing
    /// made that window wide enough to hit; a graceful shutdown closes the listener and still serves every
    /// accepted connection.
    static func withServer<T: Sendable>(_ body: @Sendable (Running) async throws -> T) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let stalls = StallCounter()
        let app = Application(
            router: makeRouter(stalls: stalls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port {
                    portContinuation.yield(port)
                }
                portContinuation.finish()
            },
            logger: quietLogger
        )
        let services = ServiceGroup(configuration: .init(services: [app], logger: quietLogger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await services.run()
            }
            /// Ends the stalled handlers (the server would otherwise wait up to 30 s for them), then shuts down.
            func stop() async {
                await stalls.release()
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), let base = URL(string: "http://127.0.0.1:\(port)") else {
                await stop()
                throw DidNotStart()
            }
            do {
                let result = try await body(Running(base: base, stalls: stalls))
                await stop()
                return result
            } catch {
                await stop()
                throw error
            }
        }
    }

    /// A logger that prints nothing, for the server and the client under test.
    static let quietLogger = Logger(label: "http-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A request context that remembers the client's port, so tests can see whether a connection was reused.
    struct PeerContext: RequestContext {
        var coreContext: CoreRequestContextStorage
        let remotePort: Int?

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            remotePort = source.channel.remoteAddress?.port
        }
    }

    private static func makeRouter(stalls: StallCounter) -> Router<PeerContext> {
        let router = Router(context: PeerContext.self)
        router.get("hello") { _, _ in "hello" }
        // Echoes the body with status 201, copies `x-echo-*` request headers back, and reports what arrived.
        router.post("echo") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            var headers = HTTPFields()
            for field in request.headers where field.name.canonicalName.hasPrefix("x-echo-") {
                headers.append(field)
            }
            let received = [
                ("x-received-content-type", request.headers[.contentType]),
                ("x-received-expect", request.headers[.expect]),
                ("x-received-user-agent", request.headers[.userAgent]),
            ]
            for (name, value) in received {
                if let name = HTTPField.Name(name) {
                    headers[name] = value ?? "none"
                }
            }
            return Response(status: .created, headers: headers, body: .init(byteBuffer: body))
        }
        // Answers with the method it received, for any method.
        for method in [HTTPRequest.Method.put, .patch, .delete, .post, .get] {
            router.on("method", method: method) { request, _ in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 20)
                return "\(request.method.rawValue) \(body.readableBytes)"
            }
        }
        router.post("json") { request, context in
            let greeting = try await request.decode(as: Greeting.self, context: context)
            return Greeting(name: greeting.name.uppercased(), count: greeting.count + 1)
        }
        router.get("status/:code") { _, context in
            let code = context.parameters.get("code", as: Int.self) ?? 500
            return Response(status: .init(code: code), body: .init(byteBuffer: ByteBuffer(string: "status \(code)")))
        }
        // `count` bytes with a Content-Length header.
        router.get("bytes/:count") { _, context in
            let count = context.parameters.get("count", as: Int.self) ?? 0
            return Response(
                status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: count)))
        }
        // `count` bytes streamed in 1 KiB chunks without a Content-Length header.
        router.get("stream/:count") { _, context in
            let count = context.parameters.get("count", as: Int.self) ?? 0
            return Response(
                status: .ok,
                body: ResponseBody { writer in
                    var remaining = count
                    while remaining > 0 {
                        let chunk = min(remaining, 1024)
                        try await writer.write(ByteBuffer(repeating: UInt8(ascii: "y"), count: chunk))
                        remaining -= chunk
                    }
                    try await writer.finish(nil)
                }
            )
        }
        // A long poll that never answers in time: 30 seconds of silence.
        router.get("stall") { _, _ in
            await stalls.arrived()
            try await stalls.stall(for: TestSlowdown.scaled(.seconds(30)))
            return "late"
        }
        // The client's TCP port as the server sees it: the same port means the same connection.
        router.get("peer") { _, context in
            "\(context.remotePort ?? -1)"
        }
        return router
    }
}

/// The JSON document of the JSON round-trip test.
struct Greeting: Codable, Equatable, ResponseEncodable {
    var name: String
    var count: Int
}

/// Counts requests that reached the `/stall` handler, so a test can wait until a transfer is really running.
actor StallCounter {
    private var count = 0
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    func arrived() {
        count += 1
        let ready = waiters.filter { $0.count <= count }
        waiters.removeAll { $0.count <= count }
        for waiter in ready {
            waiter.continuation.resume()
        }
    }

    func wait(for target: Int) async {
        guard count < target else { return }
        await withCheckedContinuation { waiters.append((target, $0)) }
    }

    private var released = false

    /// Ends every stall now and later ones at once: the server is shutting down.
    func release() {
        released = true
    }

    /// Sleeps for `duration`, or until `release()`, whichever comes first.
    func stall(for duration: Duration) async throws {
        let clock = ContinuousClock()
        let end = clock.now + duration
        while !released, clock.now < end {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
