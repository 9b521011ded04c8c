import Foundation

/// Reads the error bodies of both providers: GitHub's `{"message"}` and Vercel's `{"error":{"code","message"}}`.
enum ProviderErrorBody {
    private struct GitHubBody: Decodable {
        var message: String?
    }

    private struct VercelBody: Decodable {
        struct Detail: Decodable {
            var code: String?
            var message: String?
            var invalidToken: Bool?
        }
        var error: Detail?
    }

    /// The error message of either shape, or the status when there is none.
    static func message(in response: ProviderResponse) -> String {
        if let vercel = try? JSONDecoder().decode(VercelBody.self, from: response.body), let message = vercel.error?.message {
            return message
        }
        if let github = try? JSONDecoder().decode(GitHubBody.self, from: response.body), let message = github.message {
            return message
        }
        return "HTTP \(response.status)"
    }

    /// Vercel's error code, if the body has one.
    static func code(in response: ProviderResponse) -> String? {
        (try? JSONDecoder().decode(VercelBody.self, from: response.body))?.error?.code
    }

    /// Whether the answer means the token is missing, wrong or expired.
    static func isBadCredentials(_ response: ProviderResponse, provider: ProviderError.Provider) -> Bool {
        switch provider {
        case .github:
            return response.status == 401
        case .vercel:
            guard response.status == 401 || response.status == 403 else { return false }
            let body = try? JSONDecoder().decode(VercelBody.self, from: response.body)
            return response.status == 401 || body?.error?.invalidToken == true
        }
    }
}
