import HTTPTypes
import Hummingbird

/// Counts every request by route and status and times it (until its response is ready, so a long poll counts
/// its whole wait; the relay's bodies are built in memory, so writing them adds little) into ``RelayMetrics``.
struct RelayMetricsMiddleware: RouterMiddleware {
    typealias Context = RelayRequestContext

    let metrics: RelayMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let metrics = self.metrics
        do {
            let response = try await next(request, context)
            metrics.request(
                route: Self.route(context.endpointPath, path: request.uri.path), status: Int(response.status.code),
                duration: start.duration(to: .now))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(
                route: Self.route(context.endpointPath, path: request.uri.path), status: Int(status),
                duration: start.duration(to: .now))
            throw error
        }
    }

    /// The route pattern (never a chat id or a token); for the bot API its method, or `other` for unknown ones.
    static func route(_ endpointPath: String?, path: String) -> String {
        // Hummingbird names a request no route matched "NotFound".
        guard let endpointPath, endpointPath != "NotFound" else { return "unmatched" }
        guard endpointPath.hasPrefix("/bot{token}") else { return endpointPath }
        let method = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return "/bot{token}/" + (RelayMetrics.botMethods.contains(method) ? method : "other")
    }
}
