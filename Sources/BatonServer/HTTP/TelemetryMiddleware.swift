import BatonCore
import Hummingbird
import Tracing

/// Counts and times each request (``TelemetryMetric/requests``, ``TelemetryMetric/requestDuration``) and runs it in a
/// server span, the parent of the spans of the action steps it runs. Labels and attributes come from the route
/// template (never a path with ids), the status, and the ``RequestFacts`` the route filled in; never headers, cookies
/// or bodies.
///
/// It goes outside Baton's JSON error middleware, so it sees the status the client gets.
struct TelemetryMiddleware<Context: RequestContext>: RouterMiddleware {
    let telemetry: Telemetry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let facts = RequestFacts()
        return try await telemetry.withSpan(request.method.rawValue, ofKind: .server) { span in
            do {
                let response = try await RequestFacts.$current.withValue(facts) { try await next(request, context) }
                report(request, context: context, status: Int(response.status.code), facts: facts.values, span: span, since: started)
                return response
            } catch {
                // Baton's JSON error middleware answers every error inside; this is a host's error handling's to answer.
                let status = Int((error as? any HTTPResponseError)?.status.code ?? 500)
                report(request, context: context, status: status, facts: facts.values, span: span, since: started)
                throw error
            }
        }
    }

    private func report(
        _ request: Request, context: Context, status: Int, facts: RequestFacts.Values, span: (any Span)?,
        since started: ContinuousClock.Instant
    ) {
        let route = context.endpointPath ?? "NotFound"
        let mode = facts.mode ?? TelemetryLabel.none
        telemetry.recordRequest(route: route, mode: mode, status: status, duration: ContinuousClock.now - started)
        guard let span else { return }
        span.operationName = "\(request.method.rawValue) \(route)"
        span.attributes[TelemetryAttribute.httpMethod] = request.method.rawValue
        span.attributes[TelemetryAttribute.httpRoute] = route
        span.attributes[TelemetryAttribute.httpStatus] = status
        if let mode = facts.mode { span.attributes[TelemetryAttribute.mode] = mode }
        if let workflowID = facts.workflowID { span.attributes[TelemetryAttribute.workflowID] = workflowID }
        if let app = facts.app { span.attributes[TelemetryAttribute.app] = app }
        if let action = facts.action { span.attributes[TelemetryAttribute.action] = action }
        if status >= 500 { span.setStatus(SpanStatus(code: .error)) }
    }
}
