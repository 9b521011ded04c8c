import BatonCore
import Hummingbird

/// `GET /api/workflows?limit=N`: the workflows the caller's credential (`Authorization: Bearer <key or JWT>`) started,
/// newest first (``WorkflowList``). Not served under `--auth none` (404).
struct WorkflowListRoutes<Context: RemoteAddressRequestContext>: Sendable {
    let engine: WorkflowEngine

    func register(on router: some RouterMethods<Context>) {
        router.get("/api/workflows") { request, context in
            let limit = try Self.limit(request.uri.queryParameters.get("limit"))
            let list = try await engine.listWorkflows(
                bearerToken: request.bearerToken, clientAddress: context.clientAddress, limit: limit)
            return try JSONResponse.make(list)
        }
    }

    /// The `limit` query parameter: a whole number from 1 to the most a list holds; the default when absent.
    /// - Throws: 400 `validation_failed` naming `limit`.
    static func limit(_ text: String?) throws -> Int {
        let limits = WorkflowEngine.workflowListLimits
        guard let text else { return limits.default }
        guard let value = Int(text), (1...limits.most).contains(value) else {
            throw APIError.validationFailed([FieldIssue(path: "limit", message: "must be a whole number from 1 to \(limits.most)")])
        }
        return value
    }
}
