import HTTP
import Testing

/// The header list: order and duplicates kept, names matched case-insensitively.
struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Set-Cookie": "a=1", "Content-Type": "text/plain"]
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers.count == 3)
        #expect(headers["SET-COOKIE"] == ["a=1", "b=2"])
        #expect(headers.first(name: "content-type") == "text/plain")
        #expect(headers.contains(name: "Content-type"))
        #expect(!headers.contains(name: "Content"))
        #expect(headers.map(\.name) == ["Set-Cookie", "Content-Type", "set-cookie"])
    }

    @Test func replaceOrAddRemovesEveryOldValue() {
        var headers: HTTPHeaders = ["Accept": "a", "accept": "b", "X": "y"]
        headers.replaceOrAdd(name: "ACCEPT", value: "c")
        #expect(headers["accept"] == ["c"])
        #expect(headers.count == 2)
        headers.remove(name: "x")
        #expect(headers.map(\.name) == ["ACCEPT"])
        #expect(HTTPHeaders().isEmpty)
    }

    @Test func errorsCompareByKindOnly() {
        #expect(HTTPClientError.timedOut == .timedOut)
        #expect(HTTPClientError.timedOut != .lowSpeed)
        #expect(HTTPClientError.cancelled.isCancellation)
        #expect(!HTTPClientError.timedOut.isCancellation)
        #expect(HTTPClientError.shutDown.description == "the HTTP client has been shut down")
    }
}
