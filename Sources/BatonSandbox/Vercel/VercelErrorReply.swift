/// Vercel's error body: `{"error": {"code", "message", …}}`.
enum VercelErrorReply {
    /// An error reply with Vercel's body shape; `extra` adds fields next to `code` and `message`.
    static func make(_ status: Int, code: String, message: String, extra: [String: JSONValue] = [:]) -> ProviderReply {
        var error = extra
        error["code"] = .string(code)
        error["message"] = .string(message)
        return ProviderReply(status: status, body: ["error": .object(error)])
    }

    /// 403 for a token Vercel does not accept.
    static let invalidToken = make(403, code: "forbidden", message: "Not authorized", extra: ["invalidToken": true])

    /// 403 for a token that may not act where the request asks: a user's token naming a team the user does not
    /// belong to (Vercel's documented `forbidden`, providers.md §2.2).
    static let notAuthorized = make(403, code: "forbidden", message: "Not authorized")

    /// 403 for a request without a token.
    static let missingToken = make(
        403, code: "forbidden", message: "The request is missing an authentication token",
        extra: ["missingToken": true])

    /// 400 `bad_request`.
    static func badRequest(_ message: String, extra: [String: JSONValue] = [:]) -> ProviderReply {
        make(400, code: "bad_request", message: message, extra: extra)
    }

    /// 404 `not_found`.
    static func notFound(_ message: String) -> ProviderReply {
        make(404, code: "not_found", message: message)
    }

    /// 404 for a project that does not exist in the request's scope.
    static let projectNotFound = notFound("Project not found")
}
