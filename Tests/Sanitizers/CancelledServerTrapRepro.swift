// Why Tests/HTTPTests/TestServer.swift stops its server with a graceful shutdown, never by cancelling it.
//
// Not part of any target (it needs Hummingbird and TestServer.quietLogger): copy it into Tests/HTTPTests/ and run
// `swift build --build-tests && swift test --skip-build --filter CancelledServerTrapRepro` (normal build, no
// sanitizer needed). With `cancel = true`, the first round stops the process with
// "NIOAsyncWriter.swift:177: Fatal error: Deinited NIOAsyncWriter without calling finish()", thread NIO-SGLTN-…:
// NIOAsyncWriter.InternalClass.deinit ← NIOAsyncChannelHandler.channelActive ← HTTPConnectionStateHandler.channelActive,
// the stack that stopped every whole-suite `make test-tsan` run. A cancelled Hummingbird server leaves its
// `for try await` over accepted connections and drops those still queued; when one then becomes active, the
// handler's reference to the writer was the last (apple/swift-nio#2813). With `cancel = false` (graceful
// shutdown through a ServiceGroup, what TestServer does now) 200 rounds of 20 connections pass in 0.6 s.
// Swift 6.3.1, swift-nio 2.101.3, hummingbird 2.28.1, Linux, 2026-12-06.
import Foundation
import Glibc
import Hummingbird
import ServiceLifecycle
import Testing

@Suite struct CancelledServerTrapRepro {
    static let cancel = true

    @Test func stopTheServerWhileConnectionsArrive() async throws {
        for _ in 0..<200 {
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let app = Application(
                router: Router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in
                    portContinuation.yield(channel.localAddress?.port ?? 0)
                    portContinuation.finish()
                },
                logger: TestServer.quietLogger)
            let services = ServiceGroup(configuration: .init(services: [app], logger: TestServer.quietLogger))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                // A burst of raw loopback connections, then stop the server at once.
                var sockets: [Int32] = []
                for _ in 0..<20 {
                    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                    var address = sockaddr_in()
                    address.sin_family = sa_family_t(AF_INET)
                    address.sin_port = in_port_t(UInt16(port).bigEndian)
                    address.sin_addr.s_addr = inet_addr("127.0.0.1")
                    _ = withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                        }
                    }
                    sockets.append(fd)
                }
                if Self.cancel {
                    group.cancelAll()
                } else {
                    await services.triggerGracefulShutdown()
                }
                for fd in sockets { close(fd) }
                try? await group.waitForAll()
            }
        }
    }
}
