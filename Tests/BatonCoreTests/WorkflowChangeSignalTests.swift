import BatonCore
import Foundation
import Testing

/// The signal that wakes long polls: a change between arming and waiting is not lost.
@Suite("Workflow change signal")
struct WorkflowChangeSignalTests {
    private let clock = SystemClock()
    /// A wait that was not woken lasts this long; one that was returns far sooner, even on a loaded machine whose
    /// cooperative threads are busy with other tests for seconds.
    private let unwokenWait: TimeInterval = 120

    @Test func aChangeBeforeTheWaitStillWakesIt() async {
        let signal = WorkflowChangeSignal()
        let ticket = signal.arm("wf_1")
        signal.notify("wf_1", apps: ["app-a"])
        let started = ContinuousClock.now
        await signal.wait(ticket, until: Date().addingTimeInterval(unwokenWait), clock: clock)
        #expect(ContinuousClock.now - started < .seconds(60), "the armed ticket had already fired")
    }

    @Test func aChangeOfAnotherWorkflowDoesNotWakeIt() async {
        let signal = WorkflowChangeSignal()
        let ticket = signal.arm("wf_1")
        signal.notify("wf_2", apps: ["app-a"])
        let started = ContinuousClock.now
        await signal.wait(ticket, until: Date().addingTimeInterval(0.3), clock: clock)
        #expect(ContinuousClock.now - started >= .milliseconds(290), "it waited until its deadline")
    }

    @Test func aChangeDuringTheWaitWakesIt() async {
        let signal = WorkflowChangeSignal()
        let ticket = signal.arm("wf_1")
        async let waited: Void = signal.wait(ticket, until: Date().addingTimeInterval(unwokenWait), clock: clock)
        try? await Task.sleep(for: .milliseconds(50))
        signal.notify("wf_1", apps: ["app-a"])
        let started = ContinuousClock.now
        await waited
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func aChangeOfAnotherAppDoesNotWakeAWaiterOnOneApp() async {
        let signal = WorkflowChangeSignal()
        let ticket = signal.arm("wf_1", app: "app-a")
        signal.notify("wf_1", apps: ["app-b"])
        let started = ContinuousClock.now
        await signal.wait(ticket, until: Date().addingTimeInterval(0.3), clock: clock)
        #expect(ContinuousClock.now - started >= .milliseconds(290), "app-b's change is not app-a's")
    }

    @Test func aChangeOfItsAppWakesAWaiterOnOneAppAndAnyChangeWakesAWholeWorkflowWaiter() async {
        let signal = WorkflowChangeSignal()
        let onApp = signal.arm("wf_1", app: "app-a")
        let onWorkflow = signal.arm("wf_1")
        signal.notify("wf_1", apps: ["app-a"])
        let started = ContinuousClock.now
        await signal.wait(onApp, until: Date().addingTimeInterval(unwokenWait), clock: clock)
        await signal.wait(onWorkflow, until: Date().addingTimeInterval(unwokenWait), clock: clock)
        #expect(ContinuousClock.now - started < .seconds(60), "both tickets had fired")
    }
}
