import Foundation
import HTTPTypes
import Hummingbird

/// `/_faults`: plans faults for the next bot-side calls (`POST`), lists them (`GET`), clears them (`DELETE`).
/// Registered only when fault hooks are enabled.
///
/// `POST /_faults` with `{"kind": "status500"|"delay"|"malformed"|"drop"|"429", "count": N, "delay_ms": N,
/// "retry_after": N}` (`count` defaults to 1, `delay_ms` to 1000, `retry_after` to 1).
struct FaultRoutes: Sendable {
    let faults: FaultInjector
    let maxBodySize: Int

    private struct Pending: Encodable {
        var ok = true
        var pending: [Fault]
    }

    private struct Problem: Encodable {
        var ok = false
        var description: String
    }

    func add(_ request: Request) async -> Response {
        let fault: Fault
        do {
            let body = try await RequestBodyReader.collect(request, limit: maxBodySize)
            fault = try JSONDecoder().decode(Fault.self, from: Data(body))
        } catch {
            let kinds = Fault.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            return JSONResponse.make(
                Problem(description: "expected {\"kind\": one of \(kinds), \"count\": N, \"delay_ms\": N, \"retry_after\": N}"),
                status: .badRequest)
        }
        guard (1...FaultInjector.maxCount).contains(fault.count),
            (0...FaultInjector.maxDelayMilliseconds).contains(fault.delayMilliseconds),
            (0...86_400).contains(fault.retryAfter)
        else {
            return JSONResponse.make(
                Problem(
                    description:
                        "count must be 1...\(FaultInjector.maxCount), delay_ms 0...\(FaultInjector.maxDelayMilliseconds), retry_after 0...86400"
                ),
                status: .badRequest)
        }
        faults.add(fault)
        return JSONResponse.make(Pending(pending: faults.pending()))
    }

    func list() -> Response {
        JSONResponse.make(Pending(pending: faults.pending()))
    }

    func clear() -> Response {
        faults.clear()
        return JSONResponse.make(Pending(pending: []))
    }
}
