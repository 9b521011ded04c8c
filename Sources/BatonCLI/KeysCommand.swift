import ArgumentParser
import BatonCore
import BatonStores
import Foundation
import Logging

/// `baton keys`: the API keys a server under `--auth api-key` accepts, kept in its store.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke the API keys of a server run with --auth api-key.",
        discussion: "Keys live in the server's store (--store, as given to baton serve), so a key created or revoked here counts at once on every instance.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// Opens the store of `options`, runs its services and migrations, and runs `body` with its keys.
    static func withKeys<Value>(_ options: StoreOptions, _ body: (any APIKeyStore) async throws -> Value) async throws -> Value {
        let environment = ProcessInfo.processInfo.environment
        let location = try options.location(environment: environment)
        let configured: ConfiguredStore
        do {
            configured = try ConfiguredStore.open(location, environment: environment, logger: Logger(label: "baton.keys"))
        } catch let error as SecretKeyError {
            throw ValidationError(error.description)
        }
        return try await RunningServices.around(configured.services) {
            try await configured.prepare()
            return try await body(configured.keys)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it once (the store keeps only its SHA-256)."
        )

        @Option(help: "The key's name: letters, digits, '.', '_' and '-' (the principal is key:NAME).")
        var name: String

        @Option(help: ArgumentHelp("The GitHub owners the key may deploy into (default: any).", valueName: "owner,owner"))
        var owners: String?

        @Option(help: ArgumentHelp("The Vercel team ids the key may deploy into (default: any).", valueName: "team,team"))
        var teams: String?

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard name.range(of: #"^[A-Za-z0-9._-]{1,64}$"#, options: .regularExpression) != nil else {
                throw ValidationError("--name must be 1 to 64 letters, digits, '.', '_' or '-'.")
            }
            for (flag, value) in [("--owners", owners), ("--teams", teams)] {
                if let value, Self.list(value).isEmpty { throw ValidationError("\(flag) names nobody; leave it out to allow any.") }
            }
            // The same rules init applies to config.github.owner and config.vercel.teamId: a key restricted to a name
            // no workflow can carry would deploy nowhere.
            if let bad = owners.map(Self.list)?.first(where: { !Patterns.isGitHubLogin($0) }) {
                throw ValidationError("--owners: '\(bad)' is not a GitHub login (1-39 letters, digits or single hyphens).")
            }
            if let bad = teams.map(Self.list)?.first(where: { !Patterns.isVercelTeamID($0) }) {
                throw ValidationError("--teams: '\(bad)' is not a Vercel team id such as team_abc123.")
            }
        }

        static func list(_ value: String) -> [String] {
            value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        func run() async throws {
            let key = SecretIdentifiers.newAPIKey()
            let record = APIKeyRecord(
                name: name, keyHash: SecretIdentifiers.tokenHash(key), allowedOwners: owners.map(Self.list),
                allowedTeams: teams.map(Self.list), createdAt: Date()
            )
            do {
                try await KeysCommand.withKeys(storeOptions) { try await $0.insertKey(record) }
            } catch let error as APIKeyStoreError {
                throw ValidationError(error.description)
            }
            print(key)
            FileHandle.standardError.write(Data("Created key \(name); it is shown only this once. Clients send it as 'Authorization: Bearer <key>' (baton deploy reads BATON_API_KEY).\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys: name, what they may deploy into, created, revoked.")

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let keys = try await KeysCommand.withKeys(storeOptions) { try await $0.allKeys() }
            guard !keys.isEmpty else {
                print("No keys.")
                return
            }
            for key in keys {
                let owners = key.allowedOwners.map { $0.joined(separator: ",") } ?? "any"
                let teams = key.allowedTeams.map { $0.joined(separator: ",") } ?? "any"
                let revoked = key.revokedAt.map { "  revoked \(BatonJSON.formatTimestamp($0))" } ?? ""
                print("\(key.name)  owners: \(owners)  teams: \(teams)  created \(BatonJSON.formatTimestamp(key.createdAt))\(revoked)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key: every instance refuses it from the next request on.")

        @Argument(help: "The key's name.")
        var name: String

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let found = try await KeysCommand.withKeys(storeOptions) { try await $0.revokeKey(named: name, at: Date()) }
            guard found else { throw ValidationError("No key is named '\(name)'.") }
            print("Revoked \(name).")
        }
    }
}
