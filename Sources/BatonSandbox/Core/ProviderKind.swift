/// The imitated providers.
enum ProviderKind: String, Sendable {
    case github
    case vercel

    /// Where the provider's API is mounted; `http://HOST:PORT` + this stands for the real base URL.
    var pathPrefix: String { "/sandbox/\(rawValue)" }
}
