import HTTPTypes
import Hummingbird
import Logging

/// Logs each request at debug level with its status and duration. The bot token in `/bot<token>/…` paths is
/// replaced by `<token>` and query strings are left out, so no secret reaches the log.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RelayRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard context.logger.logLevel <= .debug else { return try await next(request, context) }
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = start.duration(to: .now)
        context.logger.debug(
            "request",
            metadata: [
                "http.method": "\(request.method.rawValue)",
                "http.path": "\(Self.redacted(request.uri.path))",
                "http.status": "\(response.status.code)",
                "http.duration_ms": "\(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)",
            ])
        return response
    }

    /// `/bot123:ABC/getMe` → `/bot<token>/getMe`; other paths unchanged.
    static func redacted(_ path: String) -> String {
        guard path.hasPrefix("/bot") else { return path }
        let rest = path.dropFirst(4)
        guard let slash = rest.firstIndex(of: "/") else { return "/bot<token>" }
        return "/bot<token>" + rest[slash...]
    }
}
