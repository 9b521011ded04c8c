import BatonClient
import BatonCore

/// Why a client command stopped, and the exit code it maps to.
enum CLIFailure: Error {
    /// Bad arguments or a file that cannot be read: exit 2.
    case usage(String)
    /// The server rejected the request (validation, unknown workflow, bad token): exit 2, with its field messages.
    case rejected(APIError)
    /// The server could not be reached, or kept failing: exit 3.
    case unreachable(String)

    /// The process exit code.
    var exitCode: Int32 {
        switch self {
        case .usage, .rejected: CLIExit.usage
        case .unreachable: CLIExit.unreachable
        }
    }

    /// Classifies a client error: transient failures that outlasted the retries mean the server is unreachable.
    init(_ error: BatonClientError) {
        switch error {
        case .api(_, let apiError, _) where !error.isTransient: self = .rejected(apiError)
        default: self = .unreachable(error.description)
        }
    }
}

/// The exit codes of `baton deploy`, `resume`, `status` and `cancel`.
enum CLIExit {
    /// Every action succeeded (or the command did what it was asked).
    static let success: Int32 = 0
    /// An action failed, or the workflow was canceled.
    static let actionFailed: Int32 = 1
    /// Usage or validation error.
    static let usage: Int32 = 2
    /// The server was unreachable.
    static let unreachable: Int32 = 3
    /// Interrupted with Ctrl-C; the workflow can be resumed.
    static let interrupted: Int32 = 130
}
