import Foundation
import HTTP
import SharedTestSupport
import Testing

/// Kept-alive connections: the client's transfers reuse their connections, and the client stays correct over
/// many sequential and concurrent requests.
struct ConnectionReuseTests {
    /// The client port the server saw for one request.
    private func peerPort(_ client: CurlHTTPClient, _ server: TestServer.Running) async throws -> String {
        let response = try await client.execute(HTTPRequest(url: server.url("/peer")), timeout: requestTimeout)
        return String(decoding: response.body, as: UTF8.self)
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await TestServer.withServer { server in
            let client = makeClient(maxConcurrentRequests: 1)
            var ports: Set<String> = []
            for _ in 0..<20 {
                ports.insert(try await peerPort(client, server))
            }
            #expect(ports.count == 1, "server saw client ports \(ports)")
            await client.shutdown()
        }
    }

    @Test func manySequentialRequestsOnOneClient() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            var ports: Set<String> = []
            for index in 0..<300 {
                let request = HTTPRequest(method: .post, url: server.url("/echo"), body: Data("request \(index)".utf8))
                let response = try await client.execute(request, timeout: requestTimeout)
                #expect(response.status == 201)
                #expect(String(decoding: response.body, as: UTF8.self) == "request \(index)")
                if index % 30 == 0 {
                    ports.insert(try await peerPort(client, server))
                }
            }
            // At most one connection per request that may run at once.
            #expect(ports.count <= 2, "server saw client ports \(ports)")
            await client.shutdown()
        }
    }

    @Test func concurrentRequestsShareTheConnections() async throws {
        try await TestServer.withServer { server in
            let client = makeClient(maxConcurrentRequests: 2)
            let ports = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await peerPort(client, server) }
                }
                var ports: Set<String> = []
                for try await port in group {
                    ports.insert(port)
                }
                return ports
            }
            #expect((1...2).contains(ports.count), "server saw client ports \(ports)")
            await client.shutdown()
        }
    }

    @Test func aLongPollDoesNotBlockAnotherRequest() async throws {
        try await TestServer.withServer { server in
            let client = makeClient(maxConcurrentRequests: 2)
            let poll = Task {
                await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .seconds(60))
                }
            }
            await server.waitForStalledRequests(1)
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.execute(HTTPRequest(url: server.url("/hello")), timeout: requestTimeout)
            #expect(response.status == 200)
            #expect(clock.now - start < TestSlowdown.scaled(.seconds(15)), "the /stall handler would hold it 30 s")
            poll.cancel()
            #expect(await poll.value == .cancelled)
            await client.shutdown()
        }
    }
}
