/// The apps a Baton server can deploy, owned by the server.
public struct Catalog: Codable, Sendable, Hashable {
    /// The apps, in the order clients show them.
    public var apps: [AppSpec]

    public init(apps: [AppSpec]) {
        self.apps = apps
    }

    /// The app with this id, if any.
    public func app(_ id: String) -> AppSpec? {
        apps.first { $0.id == id }
    }
}
