public import ServiceLifecycle

/// Runs long-lived services (a `PostgresClient`) around a piece of work, for commands and tests that use a store
/// outside a server (a server runs them in its `ServiceGroup`).
public enum RunningServices {
    /// Runs each of `services` in a child task, runs `body` once every one of those tasks has started, then cancels
    /// the services and waits for them to stop.
    ///
    /// Each task signals its start right before it calls its service's `run()`, and `body` waits for every signal,
    /// so `body` does not use a service before its `run()` was called (a `PostgresClient` would hold such a query
    /// until then, but log that `run()` "hasn't been called yet").
    public static func around<Value>(_ services: [any Service], _ body: () async throws -> Value) async throws -> Value {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (started, starting) = AsyncStream.makeStream(of: Void.self)
            for service in services {
                group.addTask {
                    starting.yield()
                    try await service.run()
                }
            }
            var waiting = services.count
            if waiting > 0 {
                for await _ in started {
                    waiting -= 1
                    if waiting == 0 { break }
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
