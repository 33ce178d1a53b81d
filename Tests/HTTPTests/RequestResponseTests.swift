import Foundation
import HTTP
import Testing

/// GET, POST and other methods against the loopback server: status, headers and bodies round-trip.
struct RequestResponseTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let response = try await client.execute(HTTPRequest(url: server.url("/hello")), timeout: requestTimeout)
            #expect(response.status == 200)
            #expect(response.isSuccess)
            #expect(String(decoding: response.body, as: UTF8.self) == "hello")
            #expect(response.headers.first(name: "content-length") == "5")
            #expect(response.headers.first(name: "CONTENT-LENGTH") == "5")
            await client.shutdown()
        }
    }

    @Test func postRoundTripsHeadersAndBody() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let body = Data("你好, world".utf8)
            let request = HTTPRequest(
                method: .post,
                url: server.url("/echo"),
                headers: ["X-Echo-One": "1", "x-echo-two": "two words", "Content-Type": "text/plain; charset=utf-8"],
                body: body
            )
            let response = try await client.execute(request, timeout: requestTimeout)
            #expect(response.status == 201)
            #expect(response.isSuccess)
            #expect(response.body == body)
            #expect(response.headers.first(name: "x-echo-one") == "1")
            #expect(response.headers.first(name: "X-ECHO-TWO") == "two words")
            #expect(response.headers.first(name: "x-received-content-type") == "text/plain; charset=utf-8")
            #expect(response.headers.first(name: "x-received-expect") == "none")
            #expect(response.headers.first(name: "x-received-user-agent") == "HuabeiBot")
            await client.shutdown()
        }
    }

    @Test func largeBinaryBodyWithNULsIsSentWhole() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            // Larger than libcurl's 1 KiB `Expect: 100-continue` threshold, and full of zero bytes.
            let body = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 7 == 0 ? 0 : $0) })
            let request = HTTPRequest(method: .post, url: server.url("/echo"), body: body)
            let response = try await client.execute(request, timeout: requestTimeout)
            #expect(response.status == 201)
            #expect(response.body == body)
            // libcurl's form content type is suppressed when the caller gives none.
            #expect(response.headers.first(name: "x-received-content-type") == "none")
            #expect(response.headers.first(name: "x-received-expect") == "none")
            await client.shutdown()
        }
    }

    @Test func jsonBodyIsEncodedAndDecoded() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let sent = Greeting(name: "huabei", count: 41)
            let request = HTTPRequest.postJSON(url: server.url("/json"), body: try JSONEncoder().encode(sent))
            let response = try await client.execute(request, timeout: requestTimeout)
            #expect(response.status == 200)
            #expect(response.headers.first(name: "content-type")?.hasPrefix("application/json") == true)
            let received = try JSONDecoder().decode(Greeting.self, from: response.body)
            #expect(received == Greeting(name: "HUABEI", count: 42))
            await client.shutdown()
        }
    }

    @Test(arguments: [HTTPMethod.put, .patch, .delete])
    func otherMethodsAreSentAsGiven(method: HTTPMethod) async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let request = HTTPRequest(method: method, url: server.url("/method"), body: Data("abc".utf8))
            let response = try await client.execute(request, timeout: requestTimeout)
            #expect(String(decoding: response.body, as: UTF8.self) == "\(method.rawValue) 3")
            await client.shutdown()
        }
    }

    @Test func postWithoutBodySendsAnEmptyPost() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let response = try await client.execute(
                HTTPRequest(method: .post, url: server.url("/method")), timeout: requestTimeout)
            #expect(String(decoding: response.body, as: UTF8.self) == "POST 0")
            await client.shutdown()
        }
    }

    @Test func errorStatusIsAResponseNotAnError() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let response = try await client.execute(HTTPRequest(url: server.url("/status/409")), timeout: requestTimeout)
            #expect(response.status == 409)
            #expect(!response.isSuccess)
            #expect(String(decoding: response.body, as: UTF8.self) == "status 409")
            let missing = try await client.execute(HTTPRequest(url: server.url("/nowhere")), timeout: requestTimeout)
            #expect(missing.status == 404)
            await client.shutdown()
        }
    }

    @Test func headerWithLineBreakIsRejected() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let request = HTTPRequest(url: server.url("/hello"), headers: ["X-Bad": "a\r\nInjected: yes"])
            let error = await failure { () async throws(HTTPClientError) in
                try await client.execute(request, timeout: requestTimeout)
            }
            #expect(error == .invalidRequest)
            await client.shutdown()
        }
    }
}
