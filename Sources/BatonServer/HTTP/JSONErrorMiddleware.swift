import BatonCore
import Hummingbird
import Logging

/// Turns every error into a JSON error body with a stable code.
///
/// ``APIError``s keep their code; Hummingbird's own `HTTPError`s (unknown route, wrong method) get a matching
/// code; a failing store is logged and answered 503 `unavailable`; anything else is logged at error level and
/// answered with `internal_error`, since a 500 is a bug.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try APIErrorResponse(error).response(from: request, context: context)
        } catch let error as APIErrorResponse {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return try APIErrorResponse(Self.apiError(for: error, request: request)).response(from: request, context: context)
        } catch WorkflowStoreError.unavailable(let reason) {
            context.logger.error("the workflow store failed", metadata: ["path": "\(request.uri.path)", "error": "\(reason)"])
            let apiError = APIError(.unavailable, "The workflow store is unavailable right now; try again shortly.")
            return try APIErrorResponse(apiError).response(from: request, context: context)
        } catch {
            context.logger.error(
                "request failed with an unexpected error",
                metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"]
            )
            let apiError = APIError(.internalError, "The server failed to answer; the failure was logged.")
            return try APIErrorResponse(apiError).response(from: request, context: context)
        }
    }

    private static func apiError(for error: HTTPError, request: Request) -> APIError {
        switch error.status {
        case .notFound: APIError(.notFound, "Nothing is served at \(request.method) \(request.uri.path).")
        case .methodNotAllowed: APIError(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path).")
        case .contentTooLarge: APIError(.bodyTooLarge, "The request body is too large.")
        case .unsupportedMediaType: APIError(.unsupportedMediaType, "The request body must be JSON.")
        default: APIError(.malformedJSON, error.body ?? "The request could not be read.")
        }
    }
}
