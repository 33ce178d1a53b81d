import HTTPTypes
import Hummingbird
import NIOCore

/// Reads a request body up to a size limit, refusing early when `Content-Length` already says it is too large.
enum RequestBodyReader {
    /// The body was larger than the limit.
    struct TooLarge: Error {}

    /// The whole body as bytes, or ``TooLarge``.
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw TooLarge()
        }
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            guard bytes.count + chunk.readableBytes <= limit else { throw TooLarge() }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }
}
