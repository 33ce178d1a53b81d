import Foundation
import HTTP
import Synchronization

/// An `HTTPClient` that answers from a script and records what was asked.
final class FakeHTTPClient: HTTPClient {
    struct Call: Sendable {
        var request: HTTPRequest
        var timeout: Duration

        /// The Bot API method: the last path component.
        var method: String { request.url.lastPathComponent }

        /// The JSON body as a dictionary.
        var parameters: [String: Any] {
            (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
        }
    }

    private let script: Mutex<[Result<HTTPResponse, HTTPClientError>]>
    private let recorded = Mutex<[Call]>([])

    init(_ script: [Result<HTTPResponse, HTTPClientError>]) {
        self.script = Mutex(script)
    }

    /// Answers with `status` and `json` once.
    convenience init(status: Int = 200, json: String, headers: HTTPHeaders = [:]) {
        self.init([.success(HTTPResponse(status: status, headers: headers, body: Data(json.utf8)))])
    }

    var calls: [Call] { recorded.withLock { $0 } }

    func execute(_ request: HTTPRequest, timeout: Duration) async throws(HTTPClientError) -> HTTPResponse {
        recorded.withLock { $0.append(Call(request: request, timeout: timeout)) }
        let next = script.withLock { script -> Result<HTTPResponse, HTTPClientError>? in
            script.isEmpty ? nil : script.removeFirst()
        }
        guard let next else { throw HTTPClientError.connectionLost }
        return try next.get()
    }
}
