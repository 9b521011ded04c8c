@preconcurrency import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the first Ctrl-C (SIGINT) into a call of `handler`, so a command can stop cleanly; a second one exits at once.
final class InterruptSignal: Sendable {
    private let source: any DispatchSourceSignal

    /// Starts listening; call ``stop()`` when done.
    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let source = source
        source.setEventHandler {
            source.setEventHandler {
                FileHandleExit.restoreCursor()
                exit(130)
            }
            handler()
        }
        source.resume()
    }

    /// Stops listening and restores the default handling of SIGINT.
    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// Leaves the terminal usable when exiting abruptly.
enum FileHandleExit {
    /// Shows the cursor again, in case the live view hid it.
    static func restoreCursor() {
        if isatty(STDOUT_FILENO) == 1 { _ = "\u{1B}[?25h".withCString { write(STDOUT_FILENO, $0, strlen($0)) } }
    }
}
