import Foundation
import HTTP
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Failures before any response: refused connection, unknown host, TLS, unusable URL. None needs a network.
struct ConnectionErrorTests {
    @Test func closedPortIsReportedAsCouldNotConnect() async throws {
        try await withClosedPort { port in
            let client = makeClient()
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/bot\(secretToken)/getUpdates"))
            let error = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: url), timeout: requestTimeout)
            }
            #expect(error == .couldNotConnect)
            #expect(error?.isTransient == true)
            #expect(error?.target == "http://127.0.0.1:\(port)")
            #expect(error?.description.contains("could not connect to http://127.0.0.1:\(port)") == true)
            await client.shutdown()
        }
    }

    @Test func unknownHostIsReportedAsDNSFailure() async throws {
        let client = makeClient()
        // `.invalid` never resolves (RFC 2606); the resolver answers at once, no network needed.
        let url = try #require(URL(string: "http://no-such-host.invalid/bot\(secretToken)/getUpdates"))
        let error = await failure { () async throws(HTTPClientError) in
            try await client.execute(HTTPRequest(url: url), timeout: requestTimeout)
        }
        #expect(error == .couldNotResolveHost)
        #expect(
            error?.description.contains("could not resolve the host name of http://no-such-host.invalid:80") == true)
        await client.shutdown()
    }

    @Test func tlsHandshakeWithAPlainHTTPServerFails() async throws {
        try await TestServer.withServer { server in
            let client = makeClient()
            let port = try #require(server.base.port)
            let url = try #require(URL(string: "https://127.0.0.1:\(port)/bot\(secretToken)/getMe"))
            let error = await failure { () async throws(HTTPClientError) in
                try await client.execute(HTTPRequest(url: url), timeout: requestTimeout)
            }
            #expect(error == .tlsFailure)
            #expect(error?.description.hasPrefix("TLS connection to https://127.0.0.1:\(port) failed") == true)
            await client.shutdown()
        }
    }

    @Test(arguments: ["ftp://127.0.0.1/bot\(secretToken)/x", "file:///etc/bot\(secretToken)", "gopher://127.0.0.1/x"])
    func nonHTTPSchemesAreRefused(_ text: String) async throws {
        let client = makeClient()
        let url = try #require(URL(string: text))
        let error = await failure { () async throws(HTTPClientError) in
            try await client.execute(HTTPRequest(url: url), timeout: requestTimeout)
        }
        #expect(error == .malformedURL)
        await client.shutdown()
    }
}

/// Runs `body` with a loopback port that is bound but not listening, so connecting to it is refused, and no
/// other process can start listening on it meanwhile.
func withClosedPort(_ body: (Int) async throws -> Void) async throws {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(socketFD >= 0)
    defer { close(socketFD) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(socketFD, socketAddress, length) == 0 && getsockname(socketFD, socketAddress, &length) == 0
        }
    }
    try #require(bound)
    try await body(Int(UInt16(bigEndian: address.sin_port)))
}
