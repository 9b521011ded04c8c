import BatonClient
import BatonCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the CLI keeps about a workflow it started, in `~/.baton/workflows/ID.json` (mode 0600, in a 0700 folder),
/// so `resume`, `status` and `cancel` need only the id. `BATON_HOME` replaces `~/.baton`.
struct WorkflowTokenFile: Codable, Sendable {
    /// The workflow's id.
    var workflowID: String
    /// Its bearer token.
    var token: String
    /// The server it lives on.
    var server: String
    /// When it was started.
    var createdAt: Date

    /// The file's keys, as files already written spell them.
    enum CodingKeys: String, CodingKey {
        case workflowID = "workflowId", token, server, createdAt
    }

    /// The workflow's credentials.
    var credentials: WorkflowCredentials { WorkflowCredentials(workflowID: workflowID, token: token) }

    /// The folder holding the files: `$BATON_HOME/workflows`, else `~/.baton/workflows`.
    static func folder(environment: [String: String]) -> URL {
        let home = environment["BATON_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".baton")
        return home.appendingPathComponent("workflows", isDirectory: true)
    }

    /// Writes the file with mode 0600 from its first byte (through a temporary file renamed into place).
    func save(environment: [String: String]) throws(CLIFailure) {
        let folder = Self.folder(environment: environment)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .usage("cannot create \(folder.path): \(error.localizedDescription)")
        }
        let data: Data
        do { data = try BatonJSON.makeEncoder(sortedKeys: true).encode(self) } catch { throw .usage("cannot encode the token file: \(error)") }
        let path = folder.appendingPathComponent("\(workflowID).json").path
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw .usage("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .usage("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads the file of `workflowID`; throws telling how to pass the token when there is none.
    static func load(_ workflowID: String, environment: [String: String]) throws(CLIFailure) -> WorkflowTokenFile {
        let path = folder(environment: environment).appendingPathComponent("\(workflowID).json").path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("no token for \(workflowID) in \(path); pass it with --token or BATON_TOKEN")
        }
        do {
            return try BatonJSON.makeDecoder().decode(WorkflowTokenFile.self, from: data)
        } catch {
            throw .usage("\(path) is not a Baton token file: \(error)")
        }
    }
}
