public import AsyncHTTPClient
public import Foundation
import NIOCore

/// Where the `baton` binary and scratch folders are, and the HTTP client the process tests use.
public enum ProcessEnvironment {
    /// The repository root: the nearest folder above this file holding `Package.swift`.
    public static var repositoryRoot: URL {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The built `baton` executable: `BATON_BINARY`, else `<repo>/.build/debug/baton`.
    public static func batonBinary() throws -> String {
        let path = ProcessInfo.processInfo.environment["BATON_BINARY"]
            ?? repositoryRoot.appendingPathComponent(".build/debug/baton").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ChildProcessError("\(path) does not exist: build it first (`swift build --build-tests` builds every product).")
        }
        return path
    }

    /// A new empty folder for one test's databases and logs.
    public static func scratchFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-\(name)-\(UInt32.random(in: .min ... .max))", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The environment for `baton` children: this process's, without anything that would change the store, the
    /// key or the providers behind the test's back, plus provider tokens.
    public static func childEnvironment(adding extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["BATON_SECRET_KEY", "BATON_STORE", "GITHUB_API_URL", "VERCEL_API_URL", "VERCEL_TEAM_ID"] {
            environment[name] = nil
        }
        environment["GITHUB_TOKEN"] = "t"
        environment["VERCEL_TOKEN"] = "t"
        return environment.merging(extra) { _, new in new }
    }

    /// An HTTP client that fails at once when nobody listens (the tests retry themselves) instead of backing off.
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        configuration.timeout.connect = .seconds(2)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
