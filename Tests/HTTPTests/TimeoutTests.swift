import HTTP
import SharedTestSupport
import Testing

/// Total timeout and low-speed abort against an endpoint that stays silent for 30 seconds. The upper bounds are far
/// above the timeouts, so a loaded machine passes, and far below the 30 s stall, so a timeout that never fires fails.
/// Both the bounds and the stall are scaled by `TestSlowdown` in the sanitizer runs, so that relation holds there too.
struct TimeoutTests {
    @Test func totalTimeoutStopsAStalledRequest() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let clock = ContinuousClock()
            let start = clock.now
            let error = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .milliseconds(700))
            }
            let elapsed = clock.now - start
            #expect(error == .timedOut)
            #expect(error?.isTransient == true)
            #expect(elapsed >= .milliseconds(600))
            #expect(elapsed < TestSlowdown.scaled(.seconds(15)))
            await client.shutdown()
        }
    }

    @Test func lowSpeedLimitAbortsAStalledTransfer() async throws {
        try await TestServer.withServer { server in
            let client = makeClient(lowSpeedTime: .seconds(1))
            let clock = ContinuousClock()
            let start = clock.now
            let error = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .seconds(20))
            }
            let elapsed = clock.now - start
            #expect(error == .lowSpeed)
            #expect(elapsed < TestSlowdown.scaled(.seconds(15)))
            await client.shutdown()
        }
    }

    @Test func timeoutCountsTimeSpentInTheQueue() async throws {
        try await TestServer.withServer { server in
            let client = makeClient(maxConcurrentRequests: 1)
            // The only slot is busy with a stalled request, so the second one waits and runs out of time in the
            // queue, while the first still holds the slot (it ends only when cancelled afterwards). With a short
            // timeout of its own the first could free the slot before the second's deadline on a loaded machine.
            let first = Task {
                await failure { () async throws(HTTPClientError) in
                    try await client.execute(HTTPRequest(url: server.url("/stall")), timeout: .seconds(60))
                }
            }
            await server.waitForStalledRequests(1)
            let second = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: server.url("/hello")), timeout: .milliseconds(500))
            }
            #expect(second == .timedOut)
            #expect(second?.detail?.contains("before the request could start") == true)
            first.cancel()
            let firstError = await first.value
            #expect(firstError == .cancelled)
            await client.shutdown()
        }
    }
}
