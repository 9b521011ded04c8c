/// Where the OAuth endpoints are mounted (HOST + prefix stands for the real origin).
enum OAuthHost: Sendable, CaseIterable {
    /// The imitated `https://github.com`: authorization and token endpoints of the GitHub App.
    case gitHubWeb
    /// The imitated `https://vercel.com`: the authorization endpoint of "Sign in with Vercel".
    case vercelWeb
    /// The imitated `https://api.vercel.com/login/oauth/…`: Vercel's token endpoint, below the Vercel API prefix.
    case vercelAPI

    /// The mount path.
    var pathPrefix: String {
        switch self {
        case .gitHubWeb: "/sandbox/github.com"
        case .vercelWeb: "/sandbox/vercel.com"
        case .vercelAPI: ProviderKind.vercel.pathPrefix
        }
    }

    /// The app whose endpoints the host serves.
    var app: OAuthApp {
        self == .gitHubWeb ? .gitHub : .vercel
    }
}
