import BatonCore
import Crypto
import Foundation
import Testing

@Suite("Secrets")
struct SecurityTests {
    @Test func idsAndTokensCarryEnoughRandomBits() {
        let ids = (0..<200).map { _ in SecretIdentifiers.newWorkflowID() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("wf_") && $0.count == 3 + 32 })
        let token = SecretIdentifiers.newToken()
        #expect(token.hasPrefix("bt_") && token.count == 3 + 43)
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
    }

    @Test func tokensAreComparedByHash() {
        let token = SecretIdentifiers.newToken()
        let hash = SecretIdentifiers.tokenHash(token)
        #expect(hash != token && hash.count == 64)
        #expect(SecretIdentifiers.tokenMatches(token, expectedHash: hash))
        #expect(!SecretIdentifiers.tokenMatches(token + "x", expectedHash: hash))
        #expect(!SecretIdentifiers.tokenMatches("", expectedHash: hash))
    }

    @Test func sealedEnvValuesOpenOnlyWithTheKeyForTheSameWorkflowAndApp() throws {
        let sealer = EnvSealer.ephemeral()
        let values = ["DATABASE_URL": "postgres://user:hunter2@db"]
        let sealed = try sealer.seal(values, workflowID: "wf_1", appID: "app-a")
        #expect(sealed.range(of: Data("hunter2".utf8)) == nil)
        #expect(try sealer.open(sealed, workflowID: "wf_1", appID: "app-a") == values)
        #expect(throws: EnvSealerError.cannotOpen) { try sealer.open(sealed, workflowID: "wf_2", appID: "app-a") }
        #expect(throws: EnvSealerError.cannotOpen) { try sealer.open(sealed, workflowID: "wf_1", appID: "app-b") }
        #expect(throws: EnvSealerError.cannotOpen) { try EnvSealer.ephemeral().open(sealed, workflowID: "wf_1", appID: "app-a") }
    }
}
