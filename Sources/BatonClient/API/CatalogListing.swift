public import BatonCore

/// `GET /api/catalog`: the apps a server can deploy, with the env vars each declares.
public struct CatalogListing: Codable, Sendable, Hashable {
    /// The apps, in the server's order.
    public var apps: [AppSpec]
    /// The version of the definitions behind them.
    public var definitionVersion: String

    /// Creates a listing.
    public init(apps: [AppSpec], definitionVersion: String) {
        self.apps = apps
        self.definitionVersion = definitionVersion
    }
}
