import AsyncHTTPClient
import BatonClient
import BatonCore
import BatonTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Deploying into users' own GitHub and Vercel accounts, as users do it: a real `baton serve --sandbox` on an SQLite
/// file, accounts connected through the sandbox's consent pages (or tokens handed to `baton deploy`), and afterwards
/// every byte of the store and the log searched for the tokens.
@Suite("Users' own accounts", .serialized)
struct OwnAccountsTests {
    /// The prefixes of every token the sandbox issues through OAuth (GitHub's user and refresh tokens, Vercel's).
    private static let tokenPrefixes = ["ghu_", "ghr_", "vca_", "vcr_"]

    private static func startServer(_ folder: URL, http: HTTPClient) async throws -> ServerProcess {
        try await ServerProcess.start(
            "serve",
            arguments: { port in
                ["serve", "--sandbox", "--port", "\(port)", "--store", "sqlite:\(folder.path)/baton.sqlite",
                 "--sandbox-fork-seconds", "0.5", "--sandbox-build-seconds", "3", "--log-level", "debug"]
            },
            readinessPath: "/healthz", environment: ProcessEnvironment.childEnvironment(), folder: folder, http: http)
    }

    private static func initBody(owner: String, apps: [String], accounts: String) -> String {
        let list = apps.map { "\"\($0)\"" }.joined(separator: ",")
        let env = apps.contains("app-a") ? #","envVars":{"app-a":{"DATABASE_URL":"postgres://u:p@db/a"}}"# : ""
        return #"{"mode":"init","config":{"apps":[\#(list)],"github":{"owner":"\#(owner)"}}\#(env),"accounts":\#(accounts)}"#
    }

    /// Drives a workflow to its end with the Swift client, as `baton deploy` would, its exchanges kept in `recorder`.
    private static func drive(_ created: String, server: String, recordingTo recorder: APIExchangeRecorder) async throws -> DeploymentSnapshot {
        let plan = try BatonJSON.makeDecoder().decode(InitResponse.self, from: Data(created.utf8))
        let client = BatonClient(serverURL: URL(string: server)!, transport: APIRecordingTransport(URLSessionTransport(), recordingTo: recorder))
        return try await DeploymentRunner(plan: plan, client: client).run()
    }

    /// Every occurrence of a token prefix in the files of `folder` (the database, its WAL, the server's log).
    private static func tokensAtRest(in folder: URL, also tokens: [String] = []) throws -> [String] {
        var found: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            for needle in tokenPrefixes + tokens where data.range(of: Data(needle.utf8)) != nil {
                found.append("\(name) holds \(needle.prefix(6))…")
            }
        }
        return found
    }

    @Test func connectedAccountsDeployIntoTheUsersOwnAccountsRenewExpiringTokensAndLeaveNoTokenAtRest() async throws {
        let folder = try ProcessEnvironment.scratchFolder("own-accounts")
        let http = ConsentPageBrowser.makeHTTPClient()
        do {
            try await connectAndDeploy(folder: folder, http: http)
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private func connectAndDeploy(folder: URL, http: HTTPClient) async throws {
        let server = try await Self.startServer(folder, http: http)
        defer { server.kill() }
        // Every exchange with Baton below is checked against its OpenAPI description at the end.
        let recorder = APIExchangeRecorder()
        let browser = ConsentPageBrowser(baseURL: server.baseURL, http: http, recordingTo: recorder)
        // Access tokens live 2 s from now on, so every workflow below outlives the ones it starts with.
        _ = try await browser.send("POST", server.baseURL + "/sandbox/faults", json: #"{"oauthAccessTokenSeconds": 2}"#)

        #expect(try await browser.connect("github", as: "octo-alice") == "/?connected=github")
        #expect(try await browser.connect("vercel", as: "alice") == "/?connected=vercel")
        let connections = try await browser.send("GET", server.baseURL + "/api/connections")
        #expect(connections.status == 200)
        #expect(connections.body.contains(#""login":"octo-alice""#) && connections.body.contains(#""username":"alice""#), "\(connections.body)")
        let owners = try JSONDecoder().decode(JSONValue.self, from: Data(connections.body.utf8)).objectValue?["github"]?.objectValue?["owners"]?.arrayValue ?? []
        let archive = owners.compactMap(\.objectValue).first { $0["login"] == .string("alice-archive") }
        #expect(archive?["installed"] == .bool(false), "\(connections.body)")
        for prefix in Self.tokenPrefixes { #expect(!connections.body.contains(prefix), "no token in the answer") }

        // Where the connected accounts may not deploy, init refuses before anything is stored.
        let connected = #"{"github":"connected","vercel":"connected"}"#
        let otherUser = try await browser.send("POST", server.baseURL + "/api/deploy", json: Self.initBody(owner: "octo-bob", apps: ["app-a"], accounts: connected))
        #expect(otherUser.status == 403 && otherUser.body.contains("owner_not_connected") && otherUser.body.contains("config.github.owner"), "\(otherUser.body)")
        let notInstalled = try await browser.send("POST", server.baseURL + "/api/deploy", json: Self.initBody(owner: "alice-archive", apps: ["app-a"], accounts: connected))
        #expect(notInstalled.status == 403 && notInstalled.body.contains("github_app_not_installed") && notInstalled.body.contains("installations/new"), "\(notInstalled.body)")
        let stranger = ConsentPageBrowser(baseURL: server.baseURL, http: http, recordingTo: recorder)
        let noConnection = try await stranger.send("POST", server.baseURL + "/api/deploy", json: Self.initBody(owner: "octo-alice", apps: ["app-a"], accounts: connected))
        #expect(noConnection.status == 409 && noConnection.body.contains("account_not_connected") && noConnection.body.contains("accounts.github"), "\(noConnection.body)")

        // Three apps into octo-alice and alice's personal Vercel account; the tokens expire on the way.
        let created = try await browser.send("POST", server.baseURL + "/api/deploy", json: Self.initBody(owner: "octo-alice", apps: ["app-a", "app-b", "app-c"], accounts: connected))
        #expect(created.status == 201, "\(created.body)")
        let finished = try await Self.drive(created.body, server: server.baseURL, recordingTo: recorder)
        #expect(finished.state == .succeeded && finished.apps.allSatisfy { app in app.actions.allSatisfy { $0.state == .succeeded } }, "\(finished)")

        let state = try await JSONClient(http: http, baseURL: server.baseURL).get("/sandbox/state")
        let repositories = state["repositories"]?.arrayValue?.compactMap { $0.objectValue?["fullName"]?.stringValue } ?? []
        #expect(Set(["octo-alice/app-a", "octo-alice/app-b", "octo-alice/app-c"]).isSubset(of: Set(repositories)), "\(repositories)")
        let projects = state["projects"]?.arrayValue?.compactMap { $0.objectValue } ?? []
        #expect(projects.count == 3 && projects.allSatisfy { $0["accountId"]?.stringValue == "SbxUserAlice000000000001" }, "\(projects)")
        let refreshes = state["oauth"]?.objectValue?["refreshes"]?.integerValue ?? 0
        #expect(refreshes > 0, "the tokens expired mid-workflow and were renewed: \(state.text.prefix(400))")

        // The connection still works after workflows renewed its grant (one chain of rotating refresh tokens), also
        // for two workflows at once: when one renews, the access token the other holds is revoked, and its step
        // retries with the renewed one instead of failing.
        try await Task.sleep(for: .seconds(2.5))
        var parallel: [String] = []
        for app in ["app-a", "app-b"] {
            let reply = try await browser.send("POST", server.baseURL + "/api/deploy", json: Self.initBody(owner: "alice-labs", apps: [app], accounts: connected))
            #expect(reply.status == 201, "\(reply.body)")
            parallel.append(reply.body)
        }
        let finishedTogether = try await withThrowingTaskGroup(of: DeploymentSnapshot.self) { group in
            for created in parallel { group.addTask { try await Self.drive(created, server: server.baseURL, recordingTo: recorder) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for snapshot in finishedTogether {
            #expect(snapshot.state == .succeeded, "\(snapshot)")
        }

        // Disconnecting stops new workflows, not those already started: they still renew through the grant.
        let started = try await browser.send("POST", server.baseURL + "/api/deploy", json: Self.initBody(owner: "alice-labs", apps: ["app-c"], accounts: connected))
        #expect(started.status == 201, "\(started.body)")
        #expect(try await browser.send("DELETE", server.baseURL + "/api/connections/github").status == 204)
        try await Task.sleep(for: .seconds(2.5))
        let afterDisconnect = try await Self.drive(started.body, server: server.baseURL, recordingTo: recorder)
        #expect(afterDisconnect.state == .succeeded, "\(afterDisconnect)")

        // A callback that is not for this browser's authorization connects nothing.
        let connecting = try await browser.send("POST", server.baseURL + "/api/connections/github")
        let cookie = connecting.headers.first(name: "set-cookie") ?? ""
        #expect(connecting.status == 200 && cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Lax"), "\(cookie)")
        let forged = try await browser.send("GET", server.baseURL + "/api/connections/github/callback?code=x&state=not-the-state")
        #expect(forged.status == 303 && forged.headers.first(name: "location") == "/?connect_error=state_mismatch&provider=github")
        let cookieless = try await stranger.send("GET", server.baseURL + "/api/connections/github/callback?code=x&state=y")
        #expect(cookieless.headers.first(name: "location") == "/?connect_error=no_authorization_started&provider=github")
        // The disconnected account is not offered, and init needs it connected again.
        let afterwards = try await browser.send("GET", server.baseURL + "/api/connections")
        let github = try JSONDecoder().decode(JSONValue.self, from: Data(afterwards.body.utf8)).objectValue?["github"]?.objectValue
        #expect(github?["connected"] == .bool(false) && github?["available"] == .bool(true), "\(afterwards.body)")
        let disconnected = try await browser.send("POST", server.baseURL + "/api/deploy", json: Self.initBody(owner: "octo-alice", apps: ["app-a"], accounts: connected))
        #expect(disconnected.status == 409 && disconnected.body.contains("accounts.github"), "\(disconnected.body)")

        server.kill()
        let leaks = try Self.tokensAtRest(in: folder)
        #expect(leaks.isEmpty, "\(leaks)")
        try await recorder.validate()
    }
}
