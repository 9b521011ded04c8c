import AsyncHTTPClient
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// `baton serve --auth` and `baton keys` as an operator runs them: separate processes on one SQLite store.
@Suite("baton keys and serve --auth")
struct APIKeysCLITests {
    @Test func aServerWithProviderTokensRefusesToStartWithoutAuth() throws {
        let ran = try BatonRun.run(["serve", "--store", "memory", "--port", "0"])
        #expect(ran.status != 0)
        #expect(ran.errors.contains("--auth is required"), "\(ran.errors)")
        #expect(ran.errors.contains("--auth api-key"), "the message says what to give")
    }

    @Test func jwtModeNeedsOneUsableKey() throws {
        let serve = ["serve", "--store", "memory", "--port", "0", "--auth", "jwt"]
        let none = try BatonRun.run(serve, environment: ["BATON_JWT_SECRET": ""])
        #expect(none.status != 0 && none.errors.contains("BATON_JWT_SECRET") && none.errors.contains("--jwt-jwks"), "\(none.errors)")
        let short = try BatonRun.run(serve, environment: ["BATON_JWT_SECRET": "too-short"])
        #expect(short.status != 0 && short.errors.contains("at least 32"), "\(short.errors)")
        let folder = try ProcessEnvironment.scratchFolder("jwks")
        let jwks = folder.appendingPathComponent("keys.json")
        try Data(#"{"keys":[]}"#.utf8).write(to: jwks)
        let empty = try BatonRun.run(serve + ["--jwt-jwks", jwks.path])
        #expect(empty.status != 0 && empty.errors.contains("no RSA or P-256 key") && empty.errors.contains(jwks.path), "\(empty.errors)")
        #expect(!empty.errors.contains("Usage:"), "a key problem is not a usage problem")
        // Refused before the store is opened: nothing is created.
        let database = folder.appendingPathComponent("refused.sqlite")
        let refused = try BatonRun.run(["serve", "--store", "sqlite:\(database.path)", "--port", "0", "--auth", "jwt"])
        #expect(refused.status != 0 && !FileManager.default.fileExists(atPath: database.path), "\(refused.errors)")
        let both = try BatonRun.run(serve + ["--jwt-jwks", jwks.path], environment: ["BATON_JWT_SECRET": String(repeating: "s", count: 40)])
        #expect(both.status != 0 && both.errors.contains("not both"), "\(both.errors)")
        for stray in [["--jwt-issuer", "x"], ["--jwt-secret-env", "MY_SECRET"]] {
            let ran = try BatonRun.run(["serve", "--store", "memory", "--port", "0", "--auth", "api-key"] + stray)
            #expect(ran.status != 0 && ran.errors.contains("--auth jwt only"), "\(stray): \(ran.errors)")
        }
    }

    @Test func keysCreatedAndRevokedWithTheCLIHoldAtOnceOnARunningServer() async throws {
        let folder = try ProcessEnvironment.scratchFolder("keys")
        let store = "sqlite:\(folder.path)/baton.sqlite"
        let created = try BatonRun.run(["keys", "create", "--name", "ci", "--owners", "acme", "--store", store])
        #expect(created.status == 0, "\(created.errors)")
        let key = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("bk_") && key.count > 40)
        #expect(created.errors.contains("shown only this once"))
        let badOwner = try BatonRun.run(["keys", "create", "--name", "odd", "--owners", "acme,not valid!!", "--store", store])
        #expect(badOwner.status != 0 && badOwner.errors.contains("'not valid!!' is not a GitHub login"), "\(badOwner.errors)")
        let badTeam = try BatonRun.run(["keys", "create", "--name", "odd", "--teams", "nope", "--store", store])
        #expect(badTeam.status != 0 && badTeam.errors.contains("'nope' is not a Vercel team id"), "\(badTeam.errors)")
        let again = try BatonRun.run(["keys", "create", "--name", "ci", "--store", store])
        #expect(again.status != 0 && again.errors.contains("exists already"), "\(again.errors)")
        let database = try Data(contentsOf: folder.appendingPathComponent("baton.sqlite"))
        #expect(database.range(of: Data(key.utf8)) == nil, "the store keeps only the key's hash")

        let http = ProcessEnvironment.makeHTTPClient()
        do {
            let serve = try await ServerProcess.start(
                "serve", arguments: {
                    ["serve", "--sandbox", "--store", store, "--port", "\($0)", "--auth", "api-key",
                     "--sandbox-fork-seconds", "0.2", "--sandbox-build-seconds", "0.3"]
                },
                readinessPath: "/healthz", environment: ProcessEnvironment.childEnvironment(), folder: folder, http: http)
            defer { serve.kill() }
            let recorder = APIExchangeRecorder()
            let client = JSONClient(http: http, baseURL: serve.baseURL, recordingTo: recorder)
            let initJSON = { (owner: String) in #"{"mode":"init","config":{"apps":["app-b"],"github":{"owner":"\#(owner)"}},"envVars":{}}"# }
            #expect(try await client.post(json: initJSON("acme")).status == 401)
            #expect(try await client.post(json: initJSON("acme"), token: key).status == 201)
            let elsewhere = try await client.post(json: initJSON("globex"), token: key)
            #expect(elsewhere.status == 403 && elsewhere.errorCode == "owner_not_allowed")

            // The CLI sends the key from BATON_API_KEY (or the variable --api-key-env names) with init.
            let deploy = ["deploy", "--server", serve.baseURL, "--owner", "acme", "--apps", "app-b", "--json"]
            let withoutKey = try BatonRun.run(deploy)
            #expect(withoutKey.status == 2 && (withoutKey.output + withoutKey.errors).contains("API key"), "\(withoutKey.output)")
            let withKey = try BatonRun.run(deploy, environment: ["BATON_API_KEY": key])
            #expect(withKey.status == 0, "\(withKey.errors)")
            let otherVariable = try BatonRun.run(deploy + ["--api-key-env", "CI_BATON_KEY"], environment: ["CI_BATON_KEY": key])
            #expect(otherVariable.status == 0, "\(otherVariable.errors)")
            #expect(!withKey.output.contains(key) && !withKey.errors.contains(key), "the key is never printed")

            // On another machine (no token file), the key lists its workflows and reaches each of them.
            let elsewhereHome = ["BATON_HOME": folder.appendingPathComponent("other-machine").path, "BATON_API_KEY": key]
            let list = try BatonRun.run(["list", "--server", serve.baseURL], environment: elsewhereHome)
            #expect(list.status == 0, "\(list.errors)")
            let rows = list.output.split(separator: "\n")
            #expect(rows.count == 3 && rows.allSatisfy { $0.hasPrefix("wf_") && $0.contains("app-b") }, "\(list.output)")
            #expect(rows.prefix(2).allSatisfy { $0.contains("succeeded") } && rows[2].contains("pending"), "newest first: \(list.output)")
            let pending = String(rows[2].prefix { $0 != " " })
            let resumed = try BatonRun.run(["resume", pending, "--server", serve.baseURL, "--json"], environment: elsewhereHome)
            #expect(resumed.status == 0, "\(resumed.errors)")
            let noKey = try BatonRun.run(["list", "--server", serve.baseURL])
            #expect(noKey.status == 2 && noKey.errors.contains("BATON_API_KEY"), "\(noKey.errors)")

            let revoked = try BatonRun.run(["keys", "revoke", "ci", "--store", store])
            #expect(revoked.status == 0, "\(revoked.errors)")
            let afterwards = try await client.post(json: initJSON("acme"), token: key)
            #expect(afterwards.status == 401 && afterwards.text.contains("revoked"), "\(afterwards.text)")
            let listed = try BatonRun.run(["keys", "list", "--store", store])
            #expect(listed.output.contains("ci  owners: acme  teams: any") && listed.output.contains("revoked"), "\(listed.output)")
            #expect(try BatonRun.run(["keys", "revoke", "nobody", "--store", store]).status != 0)
            try await recorder.validate()
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
