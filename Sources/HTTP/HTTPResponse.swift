#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A complete HTTP response: status code, header fields and the whole body.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the final response, e.g. `200` (interim `1xx` responses are skipped).
    public var status: Int
    /// The header fields of the final response, in the order received.
    public var headers: HTTPHeaders
    /// The body, already decoded if the server compressed it (`Content-Encoding` is still reported).
    public var body: Data

    /// Creates a response; used by the client and by fakes in tests.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is in the `2xx` success range.
    public var isSuccess: Bool {
        (200..<300).contains(status)
    }
}
