import ArgumentParser
import BatonCore

/// `baton serve --auth`: who may start workflows.
enum AuthMode: String, ExpressibleByArgument, CaseIterable {
    /// Anyone who reaches the server; a workflow is reached with its own token only.
    case none
    /// API keys from `baton keys create`, kept in the store.
    case apiKey = "api-key"

    /// The authenticator of this mode, with the store's keys.
    func authenticator(keys: any APIKeyStore) -> any Authenticator {
        switch self {
        case .none: OpenAccess()
        case .apiKey: APIKeyAuthenticator(keys: keys)
        }
    }
}
