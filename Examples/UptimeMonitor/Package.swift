// swift-tools-version:6.1
import PackageDescription

// A host server that embeds Baton: it mounts Baton's routes on its own Hummingbird router and adds a step of its own,
// registering each deployment's URL with an uptime monitor. Built and tested by Baton's `scripts/test`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// What every target that runs the host's server builds on: Baton's composition root, its providers and stores, and
/// the server packages the host uses itself.
let hostServerDependencies: [Target.Dependency] = [
    .product(name: "BatonKit", package: "Baton"),
    .product(name: "BatonProviders", package: "Baton"),
    .product(name: "BatonStores", package: "Baton"),
    .product(name: "AsyncHTTPClient", package: "async-http-client"),
    .product(name: "Hummingbird", package: "hummingbird"),
    .product(name: "Logging", package: "swift-log"),
]

let package = Package(
    name: "UptimeMonitor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "uptime-deployer", targets: ["uptime-deployer"]),
    ],
    dependencies: [
        // In your own package: .package(url: "https://github.com/…/baton.git", from: "…").
        .package(name: "Baton", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The host's own action and workflow definition, and the host server that mounts Baton.
        .target(
            name: "UptimeMonitor",
            dependencies: hostServerDependencies + [
                .product(name: "BatonCore", package: "Baton"),
            ],
            swiftSettings: swiftSettings
        ),
        // An imitation of the uptime monitor's API, for the tests and `uptime-deployer --sandbox`.
        .target(
            name: "UptimeMonitorSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "uptime-deployer",
            dependencies: hostServerDependencies + [
                "UptimeMonitor",
                "UptimeMonitorSandbox",
                .product(name: "BatonSandbox", package: "Baton"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UptimeMonitorTests",
            dependencies: hostServerDependencies + [
                "UptimeMonitor",
                "UptimeMonitorSandbox",
                .product(name: "BatonClient", package: "Baton"),
                .product(name: "BatonCore", package: "Baton"),
                .product(name: "BatonSandbox", package: "Baton"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
