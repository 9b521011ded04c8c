import BatonCore
import Foundation
import Testing

/// Workflows of up to ``ValidationLimits/defaultMaxApps`` apps validate, one more is refused naming the limit, and the
/// default body limit holds such a request with env values for every app.
@Suite("Large workflows: validation")
struct LargeWorkflowValidationTests {
    /// A catalog of `count` generate-mode apps, each with one required env var.
    static func catalog(_ count: Int) -> Catalog {
        Catalog(apps: (1...count).map { number in
            AppSpec(
                id: "app-\(number)", name: "App \(number)", template: "baton-templates/app-\(number)", repository: .generate,
                framework: nil, env: [EnvVarSpec(key: "DATABASE_URL", required: true, description: "The database.")],
                subdomain: "s\(number)"
            )
        })
    }

    /// An `init` body for apps 1...`count`, each given a `valueBytes`-byte DATABASE_URL.
    static func initBody(apps count: Int, valueBytes: Int = 200) -> Data {
        let value = "postgres://db/" + String(repeating: "x", count: max(0, valueBytes - 14))
        let apps = (1...count).map { "\"app-\($0)\"" }.joined(separator: ",")
        let env = (1...count).map { "\"app-\($0)\":{\"DATABASE_URL\":\"\(value)\"}" }.joined(separator: ",")
        return Data(#"{"mode":"init","config":{"apps":[\#(apps)],"github":{"owner":"acme"}},"envVars":{\#(env)}}"#.utf8)
    }

    private func parse(_ body: Data, catalog: Catalog, limits: ValidationLimits = .standard) throws(APIError) -> DeployCommand {
        let value = try! JSONDecoder().decode(JSONValue.self, from: body)
        return try DeployRequestParser(catalog: catalog, limits: limits).parse(value)
    }

    @Test func twoHundredAppsValidateAndFitTheDefaultBodyLimit() throws {
        let catalog = Self.catalog(250)
        #expect(catalog.validationIssues().isEmpty)
        let body = Self.initBody(apps: 200)
        #expect(body.count <= ValidationLimits.standard.maxBodyBytes, "\(body.count) bytes")
        guard case .initialize(let request) = try parse(body, catalog: catalog) else {
            Issue.record("not an init")
            return
        }
        #expect(request.config.apps.count == 200)
    }

    @Test func oneAppOverTheLimitIsRefusedNamingTheLimitAndTheFlag() {
        for limits in [ValidationLimits.standard, ValidationLimits(maxApps: 20)] {
            do {
                _ = try parse(Self.initBody(apps: limits.maxApps + 1), catalog: Self.catalog(250), limits: limits)
                Issue.record("\(limits.maxApps + 1) apps were accepted")
            } catch {
                #expect(error.code == "validation_failed")
                #expect(error.details.map(\.path) == ["config.apps"])
                let message = error.details.first?.message ?? ""
                #expect(message.contains("at most \(limits.maxApps) apps") && message.contains("--max-apps"), "\(message)")
            }
        }
    }

    @Test func aListOverTheLimitIsOneIssueNotOnePerEntry() {
        let entries = (0..<5_000).map { $0 % 2 == 0 ? "\"zzz\"" : "7" }.joined(separator: ",")
        let body = Data(#"{"mode":"init","config":{"apps":[\#(entries)],"github":{"owner":"acme"}}}"#.utf8)
        do {
            _ = try parse(body, catalog: Self.catalog(3))
            Issue.record("5,000 apps were accepted")
        } catch {
            #expect(error.details.map(\.path) == ["config.apps"])
        }
    }

    @Test func theBodyLimitGrowsWithTheAppLimit() {
        #expect(ValidationLimits(maxApps: 3).maxBodyBytes == ValidationLimits.baseBodyBytes)
        #expect(ValidationLimits(maxApps: 200).maxBodyBytes == 200 * ValidationLimits.bodyBytesPerApp)
        #expect(ValidationLimits(maxBodyBytes: 1_000, maxApps: 200).maxBodyBytes == 1_000)
    }
}
