import Foundation

/// What went wrong talking to a provider, sorted by what an action should do about it.
public enum ProviderError: Error, Sendable, Equatable {
    /// The provider rejected the token; retrying with the same token cannot help.
    case badCredentials(provider: Provider, message: String)
    /// Rate limited, a 5xx, a timeout or a dropped connection: try again later, after `retryAfter` when the provider said.
    case transient(provider: Provider, reason: String, retryAfter: Duration?)
    /// Any other answer the caller did not expect, with the provider's status, error code and message.
    case unexpected(provider: Provider, status: Int, code: String?, message: String)

    /// Which provider.
    public enum Provider: String, Sendable {
        case github = "GitHub"
        case vercel = "Vercel"

        /// The environment variable that holds the provider's token.
        public var tokenVariable: String {
            switch self {
            case .github: "GITHUB_TOKEN"
            case .vercel: "VERCEL_TOKEN"
            }
        }
    }
}
