public import BatonCore
public import Foundation

/// Typed calls to one Baton server: `GET /api/catalog` and each mode of `POST /api/deploy`.
///
/// Each call is one HTTP exchange; wrap calls in ``RetryPolicy/run(_:onRetry:)`` to ride out transient failures
/// (``DeploymentRunner`` does).
public struct BatonClient: Sendable {
    /// The server's base URL, such as `http://127.0.0.1:8080`.
    public let serverURL: URL
    /// How long an exchange may take beyond any long-poll wait it asks for.
    public var requestTimeout: Duration
    private let transport: any BatonTransport
    private let credential: (@Sendable () async -> String?)?

    /// Creates a client for the server at `serverURL`, sending through `transport`.
    /// - Parameter credential: gives the principal's credential (an API key, or a JWT the host application minted)
    ///   that `init` sends as `Authorization: Bearer …`, asked for on every `init` so a short-lived token can be
    ///   renewed; nil for a server run with `--auth none`. The other modes send the workflow's own token.
    public init(
        serverURL: URL, transport: any BatonTransport = URLSessionTransport(), requestTimeout: Duration = .seconds(20),
        credential: (@Sendable () async -> String?)? = nil
    ) {
        self.serverURL = serverURL
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.credential = credential
    }

    /// The apps the server can deploy.
    public func catalog() async throws(BatonClientError) -> CatalogListing {
        let request = TransportRequest(method: "GET", url: endpoint("api/catalog"), timeout: requestTimeout)
        return try await exchange(request)
    }

    /// `GET /api/workflows`: the workflows the credential's principal started, newest first, at most `limit` (1–200).
    /// - Throws: ``BatonClientError/api(status:_:retryAfter:)`` with 401 when there is no credential or it is refused,
    ///   404 `not_found` from a server run with `--auth none`.
    public func workflows(limit: Int = 50) async throws(BatonClientError) -> WorkflowList {
        var headers = ["Accept": "application/json"]
        if let credential = await credential?() { headers["Authorization"] = "Bearer \(credential)" }
        var components = URLComponents(url: endpoint("api/workflows"), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "limit", value: String(limit))]
        let request = TransportRequest(
            method: "GET", url: components?.url ?? endpoint("api/workflows"), headers: headers, timeout: requestTimeout)
        return try await exchange(request)
    }

    /// `init`: validates `request`, resolves the plan and stores the workflow; answers with its id, token and plan.
    public func initialize(_ request: InitRequest) async throws(BatonClientError) -> InitResponse {
        try await deploy(.initialize(request), token: await credential?())
    }

    /// `trigger`: starts (or, when it failed, retries) one action and reports it after its first step.
    public func trigger(_ action: ActionReference, token: String) async throws(BatonClientError) -> ActionStatus {
        try await deploy(.trigger(action), token: token)
    }

    /// `status` of one action: advances it when due; with `waitMs`, keeps at it until its state or attempt changes,
    /// the wait (capped by the server's budget) runs out, or less of the budget is left than advancing it again takes.
    public func status(_ action: ActionReference, token: String, waitMs: Int = 0) async throws(BatonClientError) -> ActionStatus {
        let query = StatusQuery(workflowID: action.workflowID, app: action.app, action: action.action, waitMs: waitMs)
        return try await deploy(.status(query), token: token, wait: waitMs)
    }

    /// `status` of the whole workflow; with `history`, its transitions too (else `history` is `nil`); with `waitMs`,
    /// waits first for any change.
    public func workflowStatus(
        _ credentials: WorkflowCredentials, waitMs: Int = 0, history: Bool = false
    ) async throws(BatonClientError) -> WorkflowStatus {
        let query = StatusQuery(workflowID: credentials.workflowID, waitMs: waitMs, includeHistory: history)
        return try await deploy(.status(query), token: credentials.token, wait: waitMs)
    }

    /// `cancel`: stops the workflow on the server; every action not finished becomes `canceled`.
    public func cancel(_ credentials: WorkflowCredentials) async throws(BatonClientError) -> WorkflowStatus {
        try await deploy(.cancel(credentials.workflowID), token: credentials.token)
    }

    private func deploy<Answer: Decodable>(
        _ body: DeployRequestBody, token: String?, wait waitMs: Int = 0
    ) async throws(BatonClientError) -> Answer {
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let data: Data
        do {
            data = try BatonJSON.makeEncoder().encode(body)
        } catch {
            throw .unexpectedResponse(status: 0, summary: "the request could not be encoded: \(error)")
        }
        let request = TransportRequest(
            method: "POST", url: endpoint("api/deploy"), headers: headers, body: data,
            timeout: requestTimeout + .milliseconds(waitMs))
        return try await exchange(request)
    }

    private func exchange<Answer: Decodable>(_ request: TransportRequest) async throws(BatonClientError) -> Answer {
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch is CancellationError {
            throw .cancelled
        } catch let failure as TransportFailure {
            if Task.isCancelled { throw .cancelled }
            throw .transport(failure)
        } catch {
            throw .transport(TransportFailure("the request failed: \(error)"))
        }
        let decoder = BatonJSON.makeDecoder()
        guard (200..<300).contains(response.status) else {
            if let body = try? decoder.decode(APIErrorBody.self, from: response.body) {
                throw .api(status: response.status, body.error, retryAfter: Self.retryAfter(response.headers["retry-after"]))
            }
            throw .unexpectedResponse(status: response.status, summary: Self.summary(of: response.body))
        }
        do {
            return try decoder.decode(Answer.self, from: response.body)
        } catch {
            throw .unexpectedResponse(status: response.status, summary: "the body is not the expected JSON: \(Self.summary(of: response.body))")
        }
    }

    private func endpoint(_ path: String) -> URL {
        serverURL.appendingPathComponent(path)
    }

    /// `Retry-After` in seconds (the HTTP-date form is rare for APIs and is ignored).
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .milliseconds(Int((seconds * 1000).rounded()))
    }

    private static func summary(of body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return text.isEmpty ? "an empty body" : text
    }
}
