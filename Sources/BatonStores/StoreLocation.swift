import Foundation

/// Where `baton serve` keeps workflows, as `--store` (or `BATON_STORE`) names it.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// In memory: for tests and demos; nothing survives the process.
    case memory
    /// An SQLite file (created if missing, with its folder).
    case sqlite(path: String)
    /// A PostgreSQL database, as a `postgres://user:password@host:port/database` URL.
    case postgres(url: String)

    /// The default: an SQLite file under `./.baton/`.
    public static let defaultSQLite = StoreLocation.sqlite(path: ".baton/baton.sqlite")

    /// Reads `memory`, `sqlite:PATH` or `postgres://…` (also `postgresql://…`).
    public init?(argument: String) {
        if argument == "memory" {
            self = .memory
        } else if argument.hasPrefix("sqlite:") {
            let path = String(argument.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if argument.hasPrefix("postgres://") || argument.hasPrefix("postgresql://") {
            guard URLComponents(string: argument)?.host?.isEmpty == false else { return nil }
            self = .postgres(url: argument)
        } else {
            return nil
        }
    }

    /// The location without any password.
    public var description: String {
        switch self {
        case .memory: return "memory"
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres"
        }
    }
}
