/// Why a token endpoint refused a request, before it is worded the provider's way (``OAuthTokenReply``).
struct OAuthRefusal: Error, Sendable, Equatable {
    /// What was wrong.
    enum Kind: Sendable, Equatable {
        /// Unknown client or wrong secret: GitHub `incorrect_client_credentials`, Vercel 401 `invalid_client`.
        case client
        /// A missing or conflicting parameter: Vercel 400 `invalid_request` (GitHub words these by grant).
        case request
        /// The code is unknown, used, expired, another client's, or its verifier does not match:
        /// GitHub `bad_verification_code`, Vercel 400 `invalid_grant`.
        case code
        /// The `redirect_uri` is not the authorization request's: GitHub `redirect_uri_mismatch`, Vercel 400
        /// `invalid_grant`.
        case redirectURI
        /// The refresh token is unknown, used, expired or another client's: GitHub `bad_refresh_token`, Vercel 400
        /// `invalid_grant`.
        case refreshToken
        /// A `grant_type` the app does not support: `unsupported_grant_type`.
        case grantType
    }

    /// What was wrong.
    let kind: Kind
    /// A sentence for the client's developer (`error_description`).
    let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
