import HTTPTypes
import Hummingbird
import NIOCore

/// The relay's routes.
enum RelayRouter {
    static func make(context: RelayContext, botAPI: BotAPI, peopleAPI: PeopleAPI) -> Router<RelayRequestContext> {
        let router = Router(context: RelayRequestContext.self)
        router.add(middleware: RelayMetricsMiddleware(metrics: context.metrics))
        router.add(middleware: RequestLogMiddleware())

        // Prometheus text format. On the relay's own listener: keep it private at the reverse proxy (README).
        router.get("metrics") { _, _ in
            await context.metrics.refreshGauges(context)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: context.metrics.render())))
        }

        router.get("/") { _, _ in ChatPage.response() }

        // Bot side: Telegram's paths, GET or POST.
        router.get("bot{token}/{method}") { request, requestContext in
            await botAPI.respond(to: request, context: requestContext)
        }
        router.post("bot{token}/{method}") { request, requestContext in
            await botAPI.respond(to: request, context: requestContext)
        }

        // People side.
        router.post("api/chats") { request, requestContext in
            await peopleAPI.createChat(request, context: requestContext)
        }
        router.post("api/chats/{chat_id}/messages") { request, requestContext in
            await peopleAPI.postMessage(request, context: requestContext)
        }
        router.get("api/chats/{chat_id}/messages") { request, requestContext in
            await peopleAPI.messages(request, context: requestContext)
        }
        router.get("api/status") { request, requestContext in
            await peopleAPI.status(request, context: requestContext)
        }

        if let faults = context.faults {
            let routes = FaultRoutes(faults: faults, maxBodySize: context.configuration.maxBodySize)
            router.post("_faults") { request, _ in await routes.add(request) }
            router.get("_faults") { _, _ in routes.list() }
            router.delete("_faults") { _, _ in routes.clear() }
        }
        return router
    }
}
