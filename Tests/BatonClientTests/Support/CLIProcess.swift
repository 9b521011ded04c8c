import BatonTestSupport
import Foundation

/// Runs the `baton` binary to its end without a terminal, capturing its exit code, standard output and standard
/// error separately.
struct CLIProcess {
    /// What a finished run left.
    struct Result: Sendable {
        /// The exit code.
        var exitCode: Int32
        /// Standard output.
        var stdout: String
        /// Standard error.
        var stderr: String
    }

    /// Runs `baton <arguments>` with `BATON_HOME` set to `home`.
    static func run(_ arguments: [String], home: URL, extraEnvironment: [String: String] = [:]) async throws -> Result {
        let folder = try ProcessEnvironment.scratchFolder("cli-output")
        let stdoutPath = folder.appendingPathComponent("stdout").path
        let stderrPath = folder.appendingPathComponent("stderr").path
        let environment = ProcessEnvironment.childEnvironment(adding: ["BATON_HOME": home.path].merging(extraEnvironment) { $1 })
        let child = try ChildProcess.launch(
            try ProcessEnvironment.batonBinary(), arguments, environment: environment, logPath: stdoutPath,
            errorPath: stderrPath, lifetime: 120)
        let exitCode = try await child.waitForExit()
        return Result(
            exitCode: exitCode,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}
