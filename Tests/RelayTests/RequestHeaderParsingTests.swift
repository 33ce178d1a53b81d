import HTTPTypes
import Hummingbird
import Testing

@testable import Relay

/// The small parsers on every request's path: the bearer token and the metrics route of a bot call.
@Suite struct RequestHeaderParsingTests {
    static func request(authorization: String?) -> Request {
        var fields = HTTPFields()
        if let authorization { fields[.authorization] = authorization }
        let head = HTTPRequest(method: .get, scheme: "http", authority: "relay", path: "/api/chats/x/messages", headerFields: fields)
        return Request(head: head, body: .init(buffer: .init()))
    }

    @Test(arguments: [
        ("Bearer abc-123_XYZ", "abc-123_XYZ"), ("bearer abc", "abc"), ("BEARER   abc  ", "abc"), ("Bearer a b", "a b"),
        ("  Bearer abc", "abc"), ("Bearer\tabc", nil), ("Bearer ", nil), ("Bearer", nil), ("Basic abc", nil), ("", nil),
    ] as [(String, String?)])
    func bearerToken(_ header: String, _ expected: String?) {
        #expect(PeopleAPI.bearerToken(Self.request(authorization: header)) == expected)
    }

    @Test func noAuthorizationHeader() {
        #expect(PeopleAPI.bearerToken(Self.request(authorization: nil)) == nil)
    }

    @Test(arguments: [
        ("/bot123:abc/getMe", "/bot{token}/getme"), ("/bot123:abc/sendMessage/", "/bot{token}/sendmessage"),
        ("/bot123:abc/sendMessage//", "/bot{token}/sendmessage"), ("/bot123:abc/launchRockets", "/bot{token}/other"),
        ("/bot123:abc/GETUPDATES", "/bot{token}/getupdates"),
    ])
    func botRoutes(_ path: String, _ expected: String) {
        #expect(RelayMetricsMiddleware.route("/bot{token}/{method}", path: path) == expected)
    }

    @Test func otherRoutes() {
        #expect(RelayMetricsMiddleware.route("/api/chats", path: "/api/chats") == "/api/chats")
        #expect(RelayMetricsMiddleware.route(nil, path: "/x") == "unmatched")
        #expect(RelayMetricsMiddleware.route("NotFound", path: "/x") == "unmatched")
    }
}
