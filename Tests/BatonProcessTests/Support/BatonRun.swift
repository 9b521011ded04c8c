import BatonTestSupport
import Foundation

/// One run of the `baton` binary to its end: what it printed, and how it exited.
struct BatonRun: Sendable {
    let status: Int32
    let output: String
    let errors: String

    /// Runs `baton arguments` with `environment` added to the test's, and waits for it.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> BatonRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProcessEnvironment.batonBinary())
        process.arguments = arguments
        process.environment = ProcessEnvironment.childEnvironment(adding: environment)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complained = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BatonRun(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                        errors: String(decoding: complained, as: UTF8.self))
    }

    /// ``run(_:environment:)`` on a thread of its own, so an async test never blocks a cooperative thread while a
    /// server in the same test needs one.
    static func runDetached(_ arguments: [String], environment: [String: String] = [:]) async throws -> BatonRun {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, environment: environment) })
            }
        }
    }
}
