import BatonCore

/// Asks a provider who a connected account is with `lookUp` (its calls made with the account's own token), answering
/// any provider error as ``AccountProviderError/unavailable(_:)``: "`provider` did not say who the account is: …".
func lookUpIdentity(
    at provider: String, _ lookUp: () async throws -> AccountIdentity
) async throws -> AccountIdentity {
    do {
        return try await lookUp()
    } catch let error as ProviderError {
        throw AccountProviderError.unavailable("\(provider) did not say who the account is: \(error.failure.message)")
    }
}
