import Hummingbird

/// `GET /openapi.json`: Baton's OpenAPI 3.1 description, served byte for byte as committed in
/// `Sources/BatonServer/OpenAPI/openapi.json`, which Package.swift compiles into the binary
/// (`resources: [.embedInCode("OpenAPI/openapi.json")]`), so it is served from any working directory.
struct OpenAPIRoutes<Context: RequestContext>: Sendable {
    /// The path it is served at.
    static var path: String { "/openapi.json" }

    func register(on router: some RouterMethods<Context>) {
        let body = ByteBuffer(bytes: PackageResources.openapi_json)
        router.get(RouterPath(Self.path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body)
            )
        }
    }
}
