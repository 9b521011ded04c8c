import Foundation

/// Runs `Tests/Contract/validate_openapi.py` on recorded provider exchanges, against the official
/// OpenAPI descriptions in `../shared/specs`.
public enum OpenAPIContract {
    /// The repository's root, found from this file's path.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Validates the exchanges in `recording` (one JSON object per line).
    /// - Returns: the validator's exit status (0 when every exchange validates) and its output.
    public static func validate(recording: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repository.appendingPathComponent("Tests/Contract/validate_openapi.py").path, recording.path,
            "--specs", repository.deletingLastPathComponent().appendingPathComponent("shared/specs").path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
