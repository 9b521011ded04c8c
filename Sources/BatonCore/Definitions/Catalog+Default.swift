extension Catalog {
    /// The catalog a server uses when none is given: three example apps.
    public static let builtIn = Catalog(apps: [
        AppSpec(
            id: "app-a", name: "App A", template: "baton-templates/app-a", framework: "nextjs",
            env: [
                EnvVarSpec(key: "DATABASE_URL", required: true, description: "Connection string of the app's database."),
                EnvVarSpec(key: "ANALYTICS_ID", required: false, description: "Site id for the analytics service."),
            ],
            subdomain: "a"
        ),
        AppSpec(
            id: "app-b", name: "App B", template: "baton-templates/app-b", framework: "vite",
            env: [
                EnvVarSpec(key: "API_KEY", required: false, description: "Key for the upstream API the app calls.")
            ],
            subdomain: "b"
        ),
        AppSpec(
            id: "app-c", name: "App C", template: "baton-templates/app-c", repository: .generate, framework: nil,
            env: [],
            subdomain: "c"
        ),
    ])
}
