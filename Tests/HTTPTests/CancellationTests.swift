import HTTP
import SharedTestSupport
import Testing

/// Cancelling the calling task, or shutting the client down, stops a transfer within about a second.
struct CancellationTests {
    @Test func cancellingTheTaskStopsALongPollWithinASecond() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let poll = Task {
                await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .seconds(60))
                }
            }
            await server.waitForStalledRequests(1)
            let clock = ContinuousClock()
            let start = clock.now
            poll.cancel()
            let error = await poll.value
            let elapsed = clock.now - start
            #expect(error == .cancelled)
            #expect(error?.isCancellation == true)
            #expect(elapsed < TestSlowdown.scaled(.seconds(15)), "the stalled handler would take 30 s; cancellation took \(elapsed)")
            // The client and its transfer thread are fine afterwards.
            let response = try await client.execute(HTTPRequest(url: server.url("/hello")), timeout: requestTimeout)
            #expect(response.status == 200)
            await client.shutdown()
        }
    }

    @Test func cancellingAQueuedRequestReturnsAtOnce() async throws {
        try await TestServer.withServer { server in
            let client = makeClient(maxConcurrentRequests: 1)
            let poll = Task {
                await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .seconds(60))
                }
            }
            await server.waitForStalledRequests(1)
            let queued = Task {
                await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: server.url("/hello")), timeout: .seconds(60))
                }
            }
            let clock = ContinuousClock()
            let start = clock.now
            queued.cancel()
            #expect(await queued.value == .cancelled)
            #expect(clock.now - start < TestSlowdown.scaled(.seconds(15)))
            poll.cancel()
            #expect(await poll.value == .cancelled)
            await client.shutdown()
        }
    }

    @Test func alreadyCancelledTaskFailsWithoutSending() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .seconds(60))
                }
            }
            #expect(await task.value == .cancelled)
            await client.shutdown()
        }
    }

    @Test func shutdownStopsRunningRequestsAndRefusesNewOnes() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let poll = Task {
                await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .seconds(60))
                }
            }
            await server.waitForStalledRequests(1)
            let clock = ContinuousClock()
            let start = clock.now
            await client.shutdown()
            #expect(await poll.value == .shutDown)
            #expect(clock.now - start < TestSlowdown.scaled(.seconds(15)))
            let error = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: server.url("/hello")), timeout: requestTimeout)
            }
            #expect(error == .shutDown)
        }
    }
}
