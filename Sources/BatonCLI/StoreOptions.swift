import ArgumentParser
import BatonStores
import Foundation

/// `--store` and `--workflow-ttl`, shared by `serve` and `gc`.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Where workflows are kept: sqlite:PATH, postgres://user:password@host:port/db, or memory (also BATON_STORE). Default: sqlite:.baton/baton.sqlite.",
        valueName: "store"
    ))
    var store: String?

    @Option(help: "How long a workflow is kept after init (e.g. 7d, 12h).")
    var workflowTtl = DurationArgument(.seconds(7 * 86_400))

    /// The store location from the flag, `BATON_STORE`, or the default.
    func location(environment: [String: String]) throws -> StoreLocation {
        guard let text = store ?? environment["BATON_STORE"] else { return .defaultSQLite }
        guard let location = StoreLocation(argument: text) else {
            throw ValidationError("--store must be sqlite:PATH, postgres://user@host:port/db or memory, not '\(text)'.")
        }
        return location
    }

    func validate() throws {
        _ = try location(environment: ProcessInfo.processInfo.environment)
        guard workflowTtl.duration > .zero else { throw ValidationError("--workflow-ttl must be more than 0.") }
    }
}
