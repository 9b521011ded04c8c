import BatonCore
import BatonStores
import Foundation
import Logging
import Testing

/// Slots under sliding-window limits, and the `--github-content-pace` form.
@Suite("Call pace")
struct CallPaceTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aCallFitsUntilAWindowIsFullThenWaitsForItsOldestCallToLeave() throws {
        let pace = try #require(CallPace("3/m,5/h"))
        var made: [Date] = []
        for second in [0.0, 10, 20] {
            #expect(pace.nextSlot(after: made, at: start.addingTimeInterval(second)) == nil)
            made.append(start.addingTimeInterval(second))
        }
        #expect(pace.nextSlot(after: made, at: start.addingTimeInterval(30)) == start.addingTimeInterval(60), "the minute holds 3")
        #expect(pace.nextSlot(after: made, at: start.addingTimeInterval(60.5)) == nil, "the call at 0 s left the minute")
        made += [start.addingTimeInterval(61), start.addingTimeInterval(75)]
        // Five in the hour: the next slot is when the first of them leaves the hour, though the minute has room.
        #expect(pace.nextSlot(after: made, at: start.addingTimeInterval(200)) == start.addingTimeInterval(3600))
    }

    @Test func theFormReadsAndPrintsLimits() throws {
        #expect(CallPace("60/m,450/h") == CallPace.githubContentCreation)
        #expect(CallPace.githubContentCreation.description == "60/m,450/h")
        #expect(CallPace("10/30s")?.limits == [CallPace.Limit(calls: 10, window: .seconds(30))])
        #expect(CallPace("10/30s")?.description == "10/30s")
        #expect(CallPace("2/5m")?.limits == [CallPace.Limit(calls: 2, window: .seconds(300))])
        #expect(CallPace("1/8784h") != nil, "a year is the longest window")
        for bad in ["", "60", "60/", "0/m", "-1/m", "60/x", "60/0m", "a/m", "60/m/h", "1/8785h", "1/3000000000000000h"] {
            #expect(CallPace(bad) == nil, "\(bad)")
        }
        #expect(CallPace("60/m,")?.limits.count == 1, "a trailing comma adds nothing")
    }

    @Test(arguments: TestStoreKind.available)
    func concurrentReservationsNeverExceedThePaceOnAnyStore(kind: TestStoreKind) async throws {
        let context = try await TestStoreContext(kind: kind)
        let configured = try ConfiguredStore.open(context.location, environment: ["BATON_SECRET_KEY": context.secretKey], logger: Logger(label: "test"))
        try await configured.withPrepared { _ in
            let pace = try #require(CallPace("7/m,10/h"))
            let key = "test:\(UUID().uuidString)"
            let now = start
            let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await configured.pacer.reserve(key, pace: pace, at: now) == nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(granted == 7, "exactly the minute's share, however the 30 requests interleave")
            #expect(try await configured.pacer.reserve(key, pace: pace, at: now.addingTimeInterval(59)) == now.addingTimeInterval(60))
            for second in 0..<3 {
                #expect(try await configured.pacer.reserve(key, pace: pace, at: now.addingTimeInterval(61 + Double(second))) == nil)
            }
            #expect(try await configured.pacer.reserve(key, pace: pace, at: now.addingTimeInterval(70)) == now.addingTimeInterval(3600),
                    "ten in the hour")
            #expect(try await configured.pacer.reserve("other:\(UUID().uuidString)", pace: pace, at: now) == nil, "keys are apart")
        }
    }

    @Test func twoStoresOnOneSQLiteFileShareTheSlots() async throws {
        let context = try await TestStoreContext(kind: .sqlite)
        let path = try #require(context.sqlitePath)
        let first = try SQLiteWorkflowStore(path: path)
        let second = try SQLiteWorkflowStore(path: path)
        let pace = try #require(CallPace("2/m"))
        #expect(try await first.reserve("k", pace: pace, at: start) == nil)
        #expect(try await second.reserve("k", pace: pace, at: start) == nil)
        #expect(try await first.reserve("k", pace: pace, at: start) == start.addingTimeInterval(60), "the other instance's call counts")
    }
}
