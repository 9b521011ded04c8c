import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// `baton_workflows_open` is counted from the store when scraped, not kept in memory: two `baton serve` instances on
/// one PostgreSQL database report the same number whichever of them served the requests.
@Suite(
    "Open workflows on a shared store", .serialized,
    .disabled(if: PostgresTestDatabase.skipped, "BATON_SKIP_POSTGRES=1")
)
struct SharedStoreMetricsTests {
    @Test("Both instances on one PostgreSQL database report the same open workflows, before, during and after")
    func instancesAgreeOnOpenWorkflows() async throws {
        try await SharedPostgresCluster.run { cluster in
            @Sendable func openWorkflows() async throws -> [Double?] {
                var values: [Double?] = []
                for instance in cluster.instances {
                    let reply = try await JSONClient(http: cluster.http, baseURL: instance.baseURL).get("/metrics")
                    values.append(try PrometheusSamples(reply.text).value(TelemetryMetric.workflowsOpen))
                }
                return values
            }
            #expect(try await openWorkflows() == [0, 0])
            let driver = CrashTolerantDriver(client: cluster.alternatingClient())
            let workflow = try await driver.initialize(CrashTolerantDriver.initBody(apps: ["app-a"], owner: cluster.owner))
            #expect(try await openWorkflows() == [1, 1], "the init landed on one instance; both count it")
            let results = try await driver.drive(workflow)
            #expect(results["app-a"]?.allSatisfy { $0.state == .succeeded } == true)
            #expect(try await openWorkflows() == [0, 0])
        }
    }
}
