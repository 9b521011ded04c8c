import Foundation

/// The body of a provider request as the handlers see it.
enum ProviderRequestBody: Sendable, Equatable {
    /// No body bytes.
    case absent
    /// A well-formed JSON document.
    case json(JSONValue)
    /// Bytes that are not JSON.
    case malformed

    /// The document, when there is one.
    var json: JSONValue? {
        if case .json(let document) = self { return document }
        return nil
    }
}

/// One provider request, matched to a route and stripped of transport details.
struct ProviderCall: Sendable {
    /// The provider the request was sent to.
    let provider: ProviderKind
    /// The HTTP method, upper case.
    let method: String
    /// The concrete path below the provider prefix, e.g. `/repos/o/r/forks`.
    let path: String
    /// Values of the route template's `{placeholders}`, percent-decoded.
    let parameters: [String: String]
    /// Query parameters (first value of each name), percent-decoded.
    let query: [String: String]
    /// The request body.
    let body: ProviderRequestBody
    /// Who the request's accepted token acts as; nil when it carried no token.
    let caller: SandboxCaller?
    /// The `X-GitHub-Api-Version` header, if any.
    let gitHubAPIVersion: String?
    /// When the request is served.
    let now: Date

    /// Whether the request carried an accepted token.
    var isAuthenticated: Bool { caller != nil }

    /// The value of the placeholder `name` (empty when the route has no such placeholder).
    func parameter(_ name: String) -> String {
        parameters[name] ?? ""
    }
}

/// What a handler answers: status, JSON body and extra headers.
///
/// Handlers also `throw` a reply to answer early (a validation error, a 404), hence the `Error` conformance.
struct ProviderReply: Error, Sendable {
    /// The HTTP status code.
    var status: Int
    /// The JSON body; nil for no body.
    var body: JSONValue?
    /// Extra response headers (lower-case names).
    var headers: [String: String] = [:]
    /// Whether the reply is an injected failure rather than the provider's behaviour.
    var isInjectedFailure = false
}
