/// One provider operation: a method and a path template as the official API documents them.
struct ProviderRoute: Sendable {
    /// Serves a matched request against the sandbox state; runs under the state lock, so it is atomic.
    /// Throwing a reply answers early with it.
    typealias Handler = @Sendable (inout SandboxState, ProviderCall) throws(ProviderReply) -> ProviderReply

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    /// The HTTP method, upper case.
    let method: String
    /// The path template, e.g. `/repos/{owner}/{repo}/forks`.
    let template: String
    /// Whether a request without a token is refused (GitHub serves some reads of public repositories anonymously).
    let requiresAuthentication: Bool
    /// The behaviour.
    let handle: Handler
    private let segments: [Segment]

    /// Creates a route for `method` and `template`.
    init(_ method: String, _ template: String, requiresAuthentication: Bool = true, handle: @escaping Handler) {
        self.method = method
        self.template = template
        self.requiresAuthentication = requiresAuthentication
        self.handle = handle
        segments = template.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .placeholder(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// Runs the handler, turning a thrown reply into the answer.
    func serve(_ state: inout SandboxState, _ call: ProviderCall) -> ProviderReply {
        do {
            return try handle(&state, call)
        } catch {
            return error
        }
    }

    /// The key under which calls of this route are counted, e.g. `POST /v13/deployments`.
    var callKey: String { "\(method) \(template)" }

    /// The placeholder values when `components` (decoded path components) fit this template; nil otherwise.
    func match(_ components: [String]) -> [String: String]? {
        guard components.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, component) in zip(segments, components) {
            switch segment {
            case .literal(let text) where text == component: continue
            case .literal: return nil
            case .placeholder(let name):
                guard !component.isEmpty else { return nil }
                values[name] = component
            }
        }
        return values
    }
}
