/// An HTTP request method such as `GET` or `POST`.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token as sent on the wire, in upper case (e.g. `"GET"`).
    public let rawValue: String

    /// Creates a method from its token, e.g. `HTTPMethod(rawValue: "PROPFIND")`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `GET`: fetch a resource. Sent without a body unless the request has one.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`: like `GET`, but the server sends no body.
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST`: submit the request body.
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`: replace a resource with the request body.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `PATCH`: change part of a resource.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `DELETE`: remove a resource.
    public static let delete = HTTPMethod(rawValue: "DELETE")

    /// The method token, e.g. `GET`.
    public var description: String { rawValue }

    /// Whether the token is a valid HTTP method token (RFC 9110 `token` characters only).
    var isValidToken: Bool {
        !rawValue.isEmpty && rawValue.utf8.allSatisfy(HTTPHeaders.isTokenCharacter)
    }
}
