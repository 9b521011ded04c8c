import BatonCore
import Hummingbird

extension Request {
    /// The token of an `Authorization: Bearer <token>` header, if there is one.
    var bearerToken: String? {
        guard let header = headers[.authorization] else { return nil }
        let scheme = header.utf8.prefix(7)
        guard scheme.count == 7, String(decoding: scheme, as: UTF8.self).lowercased() == "bearer " else { return nil }
        let token = header.utf8.dropFirst(7).drop { $0 == UInt8(ascii: " ") }
        let trimmed = token.reversed().drop { $0 == UInt8(ascii: " ") }.reversed()
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }

    /// The `baton_connection` cookie's value, when it has the shape Baton gives it (`bc_` and 43 characters).
    var connectionCookie: String? {
        guard let value = cookies[ConnectionCookie.name]?.value, value.hasPrefix("bc_"), value.utf8.count == 46 else { return nil }
        return value
    }

    /// The id of the browser's account connection: the SHA-256 of its `baton_connection` cookie.
    var connectionID: String? {
        connectionCookie.map(SecretIdentifiers.tokenHash)
    }
}

/// The cookie naming a browser's account connection.
enum ConnectionCookie {
    /// Its name.
    static let name = "baton_connection"
    /// How long the browser keeps it: 30 days, as long as a connection is kept unused.
    static let maxAge = 30 * 86_400
}
