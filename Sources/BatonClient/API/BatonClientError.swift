public import BatonCore
import Foundation

/// Why a call to a Baton server failed.
public enum BatonClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered with an error body: `status` and the error with its code, message and field details.
    case api(status: Int, APIError, retryAfter: Duration?)
    /// No answer arrived.
    case transport(TransportFailure)
    /// The server answered with something other than Baton's JSON (a proxy's error page, a truncated body).
    case unexpectedResponse(status: Int, summary: String)
    /// The calling task was cancelled before an answer arrived.
    case cancelled

    /// Whether trying the same request again later may succeed: no answer, a 5xx, or 429 Too Many Requests.
    /// Retrying any Baton request is safe, because every action converges on the server.
    public var isTransient: Bool {
        switch self {
        case .transport: true
        // Only the user frees an open workflow (by canceling one, or letting it finish): waiting does not help.
        case .api(_, let error, _) where error.knownCode == .tooManyOpenWorkflows: false
        case .api(let status, _, _), .unexpectedResponse(let status, _): status >= 500 || status == 429
        case .cancelled: false
        }
    }

    /// How long the server asked the client to wait (`Retry-After`), when it did.
    public var retryAfter: Duration? {
        if case .api(_, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// The server's error, when it sent one.
    public var apiError: APIError? {
        if case .api(_, let error, _) = self { return error }
        return nil
    }

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .api(let status, let error, _): "\(error.message) (\(status) \(error.code))"
        case .transport(let failure): failure.description
        case .unexpectedResponse(let status, let summary): "unexpected answer \(status): \(summary)"
        case .cancelled: "cancelled"
        }
    }
}
