public import AsyncHTTPClient
public import BatonCore
import Foundation
import Logging
import NIOCore
public import NIOHTTP1
import Tracing

/// Sends JSON requests to one provider's REST API, and sorts failures into ``ProviderError``s.
///
/// Rate limits (403/429 with rate-limit headers or messages), 5xx, timeouts and dropped connections become
/// ``ProviderError/transient(provider:code:message:hint:)``; the caller turns every other status into what it means.
/// Tokens go only into the `Authorization` header, and nothing here logs headers or bodies.
public struct ProviderTransport: Sendable {
    /// Which provider this talks to.
    public let provider: ProviderError.Provider
    /// The API's base URL, such as `https://api.github.com` (no trailing slash).
    public let baseURL: String
    private var token: ProviderToken
    private let extraHeaders: [(String, String)]
    private let http: HTTPClient
    /// How long one request may take at most.
    public var requestTimeout: Duration = .seconds(10)
    /// Where each call is counted (``TelemetryMetric/providerCalls``) and traced (a client span, child of the task's
    /// current span); ``Telemetry/off`` unless ``observed(by:)`` set it.
    public private(set) var telemetry: Telemetry = .off

    public init(provider: ProviderError.Provider, baseURL: String, token: ProviderToken, extraHeaders: [(String, String)] = [], http: HTTPClient) {
        self.provider = provider
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.extraHeaders = extraHeaders
        self.http = http
    }

    /// The same transport sending `token` instead (a user's own account's token).
    public func authorized(by token: ProviderToken) -> ProviderTransport {
        var copy = self
        copy.token = token
        return copy
    }

    /// The same transport reporting its calls to `telemetry` (a step's, so the calls' spans are children of the step's).
    public func observed(by telemetry: Telemetry) -> ProviderTransport {
        var copy = self
        copy.telemetry = telemetry
        return copy
    }

    /// Sends a request and returns the response, whatever its status, unless it is transient or a bad token.
    /// - Parameters:
    ///   - path: the path, starting with `/`, with its query string already encoded.
    ///   - operation: the call's stable name, the provider's OpenAPI operationId (`repos/create-fork`,
    ///     `createDeployment`): the `operation` label and span attribute of the call, which `path` (with ids in it)
    ///     cannot be.
    ///   - body: an `Encodable` body, sent as JSON.
    public func send(
        _ method: HTTPMethod, _ path: String, operation: String, body: (some Encodable & Sendable)? = Optional<Empty>.none
    ) async throws -> ProviderResponse {
        guard let secret = token.value else {
            throw ProviderError.badCredentials(provider: provider, message: "\(provider.tokenVariable) is not set")
        }
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(secret)")
        request.headers.add(name: "User-Agent", value: "Baton")
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in extraHeaders { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        }
        let response = try await observe(request, operation: operation)
        try classify(response)
        return response
    }

    /// Executes `request` in a client span, and counts it with its status (or why there is none) and duration.
    private func observe(_ request: HTTPClientRequest, operation: String) async throws -> ProviderResponse {
        try await telemetry.withSpan("\(provider.rawValue) \(operation)", ofKind: .client) { span in
            span?.attributes[TelemetryAttribute.provider] = provider.label
            span?.attributes[TelemetryAttribute.operation] = operation
            span?.attributes[TelemetryAttribute.httpMethod] = request.method.rawValue
            let started = ContinuousClock.now
            let response: ProviderResponse
            do {
                response = try await execute(request)
            } catch {
                let status = error is CancellationError ? TelemetryLabel.canceled : TelemetryLabel.connectionError
                telemetry.recordProviderCall(provider: provider.label, operation: operation, status: status, duration: ContinuousClock.now - started)
                throw error
            }
            span?.attributes[TelemetryAttribute.httpStatus] = response.status
            // OpenTelemetry's HTTP conventions: a client span is an error for any 4xx or 5xx answer.
            if response.status >= 400 { span?.setStatus(SpanStatus(code: .error)) }
            telemetry.recordProviderCall(
                provider: provider.label, operation: operation, status: String(response.status), duration: ContinuousClock.now - started
            )
            return response
        }
    }

    /// The provider's answer to `request`, whatever its status.
    /// - Throws: `CancellationError` when the step was cut off, ``ProviderError/transient(provider:code:message:hint:)``
    ///   `connection_failed` when no answer came.
    private func execute(_ request: HTTPClientRequest) async throws -> ProviderResponse {
        do {
            let reply = try await http.execute(request, timeout: .nanoseconds(Int64(requestTimeout.seconds * 1e9)))
            let bytes = try await reply.body.collect(upTo: 8 * 1024 * 1024)
            return ProviderResponse(status: Int(reply.status.code), headers: reply.headers, body: Data(bytes.readableBytesView))
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw ProviderError.transient(
                provider: provider, code: .connectionFailed, message: "the connection failed (\(Self.describe(error)))", hint: .none
            )
        }
    }

    /// Throws for transient answers and bad credentials; returns for everything else.
    private func classify(_ response: ProviderResponse) throws {
        let message = ProviderErrorBody.message(in: response)
        let secondary = message.lowercased().contains("secondary rate limit")
        let rateLimited = response.status == 429
            || (response.status == 403 && (response.headers.first(name: "x-ratelimit-remaining") == "0"
                || response.headers.contains(name: "retry-after")
                || message.lowercased().contains("rate limit")))
        if rateLimited {
            throw ProviderError.transient(
                provider: provider, code: secondary ? .secondaryRateLimit : .rateLimited,
                message: "answered \(response.status): \(message)",
                hint: RetryTiming.hint(response.headers, secondaryLimit: secondary)
            )
        }
        if response.status >= 500 {
            throw ProviderError.transient(
                provider: provider, code: .unavailable, message: "answered \(response.status): \(message)",
                hint: RetryTiming.hint(response.headers)
            )
        }
        if ProviderErrorBody.isBadCredentials(response, provider: provider) {
            throw ProviderError.badCredentials(provider: provider, message: message)
        }
        let permissions = response.headers.first(name: "x-accepted-github-permissions")
        if provider == .github, response.status == 403,
           permissions != nil || message.localizedCaseInsensitiveContains("Resource not accessible") {
            throw ProviderError.permissionDenied(
                provider: provider, message: message, acceptedPermissions: permissions,
                acceptedScopes: response.headers.first(name: "x-accepted-oauth-scopes")
            )
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: type(of: error))
    }
}

/// A request with no body.
public struct Empty: Codable, Sendable {}

/// A provider token that never prints itself.
public struct ProviderToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret, or `nil` when none is configured.
    let value: String?

    public init(_ value: String?) {
        self.value = value.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String { value == nil ? "<unset>" : "<redacted>" }

    /// A name for this token that does not reveal it (the start of its SHA-256), to key what Baton keeps per token,
    /// such as call slots.
    public var fingerprint: String {
        value.map { String(SecretIdentifiers.tokenHash($0).prefix(24)) } ?? "unset"
    }
    public var debugDescription: String { description }
}
