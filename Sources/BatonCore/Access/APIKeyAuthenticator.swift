import Foundation

/// `--auth api-key`: a request proves its principal with an API key from `baton keys create`, looked up by its
/// SHA-256 in the store on every request, so a revocation holds at once on every instance.
public struct APIKeyAuthenticator: Authenticator {
    let keys: any APIKeyStore

    public init(keys: any APIKeyStore) {
        self.keys = keys
    }

    public func principal(credential: String?, clientAddress: String?) async throws -> Principal {
        guard let credential else {
            throw APIError(.unauthorized, "This server needs an API key: send 'Authorization: Bearer <key>' (baton keys create makes one).")
        }
        if credential.hasPrefix(SecretIdentifiers.workflowTokenPrefix) {
            throw APIError(.unauthorized, "This is a workflow's token, which reaches that workflow only; this request needs an API key (baton keys create makes one).")
        }
        guard let key = try await keys.key(hash: SecretIdentifiers.tokenHash(credential)) else {
            throw APIError(.unauthorized, "The API key is not known to this server.")
        }
        if key.revokedAt != nil {
            throw APIError(.unauthorized, "The API key '\(key.name)' was revoked.")
        }
        return key.principal
    }
}
