import ArgumentParser
import BatonCore
import BatonServer
import Foundation

/// `baton serve --auth`: who may start workflows.
enum AuthMode: String, ExpressibleByArgument, CaseIterable {
    /// Anyone who reaches the server; a workflow is reached with its own token only.
    case none
    /// API keys from `baton keys create`, kept in the store.
    case apiKey = "api-key"
    /// Short-lived JSON Web Tokens minted by the host application's login.
    case jwt
}

/// The options of `baton serve` that say who may start workflows and how often.
struct AuthOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Who may start workflows: none (anyone who reaches the server), api-key (keys from `baton keys create`), jwt (tokens your login mints; see --jwt-jwks and --jwt-secret-env). Required unless --sandbox, where none is the default.",
        valueName: "mode"))
    var auth: AuthMode?

    @Option(help: ArgumentHelp(
        "--auth jwt: the environment variable holding the HS256 shared secret, used as its UTF-8 bytes (at least 32; default BATON_JWT_SECRET).",
        valueName: "name"))
    var jwtSecretEnv: String?

    /// The variable holding the HS256 secret.
    var secretVariable: String { jwtSecretEnv ?? "BATON_JWT_SECRET" }

    @Option(help: ArgumentHelp(
        "--auth jwt: a JSON Web Key Set file of RSA (RS256) or P-256 (ES256) public keys, instead of a shared secret.",
        valueName: "path"))
    var jwtJwks: String?

    @Option(help: "--auth jwt: the issuer ('iss') a token must name, if any.")
    var jwtIssuer: String?

    @Option(help: "--auth jwt: a value the token's audience ('aud') must hold, if any.")
    var jwtAudience: String?

    @Option(help: ArgumentHelp(
        "How many workflows one principal (an API key, a JWT's subject; a client address under --auth none) may start, across every instance on the store; beyond it, init is answered 429 with Retry-After. 'unlimited' for no limit.",
        valueName: "calls/window,…"))
    var initPace = WorkflowEngine.Configuration.defaultInitPace.description

    @Option(help: ArgumentHelp(
        "How many open workflows (not canceled, not finished, not expired) one principal may have; beyond it, init is answered 429 too_many_open_workflows. 'unlimited' for no limit.",
        valueName: "count"))
    var maxOpenWorkflows = "\(WorkflowEngine.Configuration.defaultMaxOpenWorkflows)"

    /// `--init-pace` read: nil for `unlimited` (and for text that is no pace, which `validate()` refuses).
    var initPaceLimit: CallPace? {
        initPace == "unlimited" ? nil : CallPace(initPace)
    }

    /// `--max-open-workflows` read: nil for `unlimited` (and for text that is no count, which `validate()` refuses).
    var openWorkflowLimit: Int? {
        Int(maxOpenWorkflows).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The mode in force: `none` when not given (allowed with `--sandbox` only).
    var mode: AuthMode { auth ?? .none }

    func validate(sandbox: Bool) throws {
        guard initPace == "unlimited" || initPaceLimit != nil else {
            throw ValidationError("--init-pace takes CALLS/WINDOW, comma-separated (such as 30/m,600/h), or 'unlimited'.")
        }
        guard maxOpenWorkflows == "unlimited" || openWorkflowLimit != nil else {
            throw ValidationError("--max-open-workflows takes a whole number from 1, or 'unlimited'.")
        }
        if !sandbox, auth == nil {
            throw ValidationError(
                "--auth is required when Baton acts with real provider tokens (without --sandbox): anyone who reaches the server could otherwise fork into the token's organizations and create Vercel projects on its team. Give --auth api-key (keys from `baton keys create`), --auth jwt (tokens your login mints), or --auth none to let anyone deploy."
            )
        }
        if auth != .jwt, jwtJwks != nil || jwtIssuer != nil || jwtAudience != nil || jwtSecretEnv != nil {
            throw ValidationError("--jwt-secret-env, --jwt-jwks, --jwt-issuer and --jwt-audience apply to --auth jwt only.")
        }
    }

    /// The `--auth jwt` authenticator, nil in the other modes; made before the store is opened, so a key that cannot
    /// verify stops `baton serve` before it creates anything.
    /// - Throws: ``AuthSetupError`` when there is no usable key: neither a JWKS file nor the secret variable, both, a
    ///   secret under 32 bytes, or a JWKS file that cannot be read or used.
    func jwtAuthenticator(environment: [String: String]) async throws -> JWTAuthenticator? {
        guard mode == .jwt else { return nil }
        let secret = environment[secretVariable].flatMap { $0.isEmpty ? nil : $0 }
        let key: JWTAuthenticator.Key
        switch (secret, jwtJwks) {
        case (let secret?, nil): key = .sharedSecret(secret)
        case (nil, let path?):
            do {
                key = .jwks(try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw AuthSetupError("--jwt-jwks \(path) cannot be read: \(error.localizedDescription)")
            }
        case (nil, nil):
            throw AuthSetupError("--auth jwt needs a key: the HS256 secret in $\(secretVariable), or --jwt-jwks FILE.")
        case (_?, _?):
            throw AuthSetupError("--auth jwt takes one key: $\(secretVariable) or --jwt-jwks, not both.")
        }
        do {
            return try await JWTAuthenticator(key: key, issuer: jwtIssuer, audience: jwtAudience)
        } catch let error as JWTConfigurationError {
            throw AuthSetupError(jwtJwks.map { "--jwt-jwks \($0): \(error)" } ?? "$\(secretVariable): \(error)")
        }
    }

    /// The authenticator of the mode: `jwt` (from ``jwtAuthenticator(environment:)``), or one over the store's keys.
    func authenticator(keys: any APIKeyStore, jwt: JWTAuthenticator?) -> any Authenticator {
        switch mode {
        case .none: return OpenAccess()
        case .apiKey: return APIKeyAuthenticator(keys: keys)
        case .jwt:
            // Never open access by mistake: jwt mode always has its authenticator made first.
            guard let jwt else { preconditionFailure("--auth jwt: jwtAuthenticator(environment:) must run first") }
            return jwt
        }
    }
}

/// Why `baton serve` cannot authenticate anyone as configured (printed as it is, without the usage text).
struct AuthSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
