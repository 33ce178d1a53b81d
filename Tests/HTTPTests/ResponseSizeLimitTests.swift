import HTTP
import Testing

/// The response size cap: a body over the limit fails with `.responseTooLarge`, whether its length is announced
/// (libcurl refuses it from Content-Length) or not (the write callback aborts it).
struct ResponseSizeLimitTests {
    @Test(arguments: ["bytes", "stream"])
    func bodyUpToTheLimitIsAccepted(route: String) async throws {
        try await TestServer.withServer { server in
            let client = makeClient(maxResponseBodySize: 8192)
            let response = try await client.execute(
                HTTPRequest(url: server.url("/\(route)/8192")), timeout: requestTimeout)
            #expect(response.body.count == 8192)
            await client.shutdown()
        }
    }

    @Test(arguments: ["bytes", "stream"])
    func bodyOverTheLimitIsRejected(route: String) async throws {
        try await TestServer.withServer { server in
            let client = makeClient(maxResponseBodySize: 8192)
            let error = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: server.url("/\(route)/100000")), timeout: requestTimeout)
            }
            #expect(error == .responseTooLarge)
            #expect(error?.description.contains("larger than") == true)
            // The client is still usable afterwards.
            let response = try await client.execute(HTTPRequest(url: server.url("/hello")), timeout: requestTimeout)
            #expect(response.status == 200)
            await client.shutdown()
        }
    }
}
