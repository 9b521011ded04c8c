public import Foundation

/// The tokens Baton holds for one user's account at one provider: an OAuth grant (access token, refresh token and
/// their expiry) or a personal token the user pasted. Secret: it never prints its tokens, and is stored only sealed.
public struct AccountCredential: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The bearer token sent to the provider's API.
    public var accessToken: String
    /// The token that renews ``accessToken`` (OAuth with refresh only); every renewal replaces it, since providers
    /// rotate refresh tokens and refuse a used one.
    public var refreshToken: String?
    /// When ``accessToken`` stops working; `nil` when the provider gave no expiry (a pasted token).
    public var expiresAt: Date?
    /// When ``refreshToken`` stops working, if the provider said.
    public var refreshTokenExpiresAt: Date?

    public init(accessToken: String, refreshToken: String? = nil, expiresAt: Date? = nil, refreshTokenExpiresAt: Date? = nil) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
    }

    /// Whether the access token must be renewed before a step that may last until `until` uses it.
    public func needsRenewal(before until: Date) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt <= until
    }

    public var description: String { "AccountCredential(<redacted>)" }
    public var debugDescription: String { description }
}

/// The providers a user can bring their own account for. The raw values name them in the wire format
/// (`accounts.github`) and in stored records.
public enum AccountProviderKind: String, Codable, CodingKeyRepresentable, Sendable, CaseIterable, Hashable {
    case github
    case vercel

    /// How people write the provider's name.
    public var displayName: String {
        switch self {
        case .github: "GitHub"
        case .vercel: "Vercel"
        }
    }
}
