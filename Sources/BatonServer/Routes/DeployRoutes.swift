import BatonCore
import Foundation
import Hummingbird
import NIOCore

/// `POST /api/deploy`: the one endpoint through which clients drive workflows.
struct DeployRoutes<Context: RemoteAddressRequestContext>: Sendable {
    let engine: WorkflowEngine
    let parser: DeployRequestParser

    func register(on router: some RouterMethods<Context>) {
        router.post("/api/deploy") { request, context in
            try await self.deploy(request, context: context)
        }
    }

    private func deploy(_ request: Request, context: Context) async throws -> Response {
        // The request's metrics and span say which mode it was; `invalid` until a known mode is read.
        let facts = RequestFacts.current
        facts?.update { $0.mode = TelemetryLabel.invalidMode }
        let body = try await Self.readJSONBody(request, maxBytes: parser.limits.maxBodyBytes)
        if let facts, let mode = body.objectValue?["mode"]?.stringValue, DeployCommand.modes.contains(mode) {
            facts.update { $0.mode = mode }
        }
        let command = try parser.parse(body)
        facts?.record(command)
        let response = try await engine.handle(
            command, bearerToken: request.bearerToken, clientAddress: context.clientAddress, connectionID: request.connectionID
        )
        switch response {
        case .created(let created):
            facts?.update { $0.workflowID = created.workflowID }
            return try JSONResponse.make(created, status: .created)
        case .action(let status):
            let isTrigger = if case .trigger = command { true } else { false }
            return try JSONResponse.make(status, status: isTrigger && !status.state.isTerminal ? .accepted : .ok)
        case .workflow(let status):
            return try JSONResponse.make(status)
        }
    }

    /// The body as JSON, after checking its media type and size.
    static func readJSONBody(_ request: Request, maxBytes: Int) async throws -> JSONValue {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, "The request body must be JSON with 'Content-Type: application/json'.")
        }
        let tooLarge = APIError(.bodyTooLarge, "The request body is larger than \(maxBytes / 1024) KiB.")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw tooLarge
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        do {
            return try JSONParser.parse(buffer.readableBytesView)
        } catch {
            throw APIError(.malformedJSON, "The request body is not valid JSON: \(error.reason) at byte \(error.offset).")
        }
    }
}
