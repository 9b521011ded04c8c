/// Turns the credential of a request (the value of its `Authorization: Bearer` header) into the ``Principal`` it acts
/// for, under the server's `--auth` mode.
public protocol Authenticator: Sendable {
    /// The principal `credential` proves.
    /// - Parameters:
    ///   - credential: the bearer value, nil when the request has none.
    ///   - clientAddress: the client's address, for modes where nobody proves anything (`--auth none`).
    /// - Throws: `unauthorized` (401) when the mode needs a credential and `credential` is missing, unknown, revoked,
    ///   expired or badly signed; the message says which, never the credential itself.
    func principal(credential: String?, clientAddress: String?) async throws -> Principal
}

/// `--auth none`: anyone may start workflows; the client's address stands for the principal (for abuse limits), and a
/// workflow is reached with its own token only.
public struct OpenAccess: Authenticator {
    public init() {}

    public func principal(credential: String?, clientAddress: String?) -> Principal {
        Principal(kind: .address, name: clientAddress ?? "unknown")
    }
}
