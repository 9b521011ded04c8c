/// The REST API versions GitHub accepts in `X-GitHub-Api-Version`.
enum GitHubAPIVersion {
    /// The version used when the header is absent.
    static let defaultVersion = "2022-11-28"
    /// The newest version (drops a few legacy repository fields).
    static let latest = "2026-03-10"
    /// Every version the sandbox accepts.
    static let supported = [defaultVersion, latest]
}
