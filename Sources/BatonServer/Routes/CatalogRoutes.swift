import BatonCore
import Hummingbird

/// `GET /api/catalog`: the apps and the definition version clients render forms from.
struct CatalogRoutes<Context: RequestContext>: Sendable {
    /// The catalog as clients see it.
    struct CatalogBody: Encodable {
        let apps: [AppSpec]
        let definitionVersion: String
    }

    let catalog: Catalog
    let definitionVersion: String

    func register(on router: some RouterMethods<Context>) {
        let body = CatalogBody(apps: catalog.apps, definitionVersion: definitionVersion)
        router.get("/api/catalog") { _, _ in
            try JSONResponse.make(body)
        }
    }
}
