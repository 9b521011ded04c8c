import Hummingbird

/// `GET /healthz`: answers `{"status":"ok"}` while the server runs.
struct HealthRoutes<Context: RequestContext>: Sendable {
    func register(on router: some RouterMethods<Context>) {
        router.get("/healthz") { _, _ in
            try JSONResponse.make(["status": "ok"])
        }
    }
}
