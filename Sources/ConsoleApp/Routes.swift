import HTTPWire
import Web

/// The route table of the console, in one place.
enum Routes {
    static func register(in router: inout RouterBuilder, context: AppContext, publicDirectory: String) throws {
        router.get("/", access: .public) { _ in Response.redirect(to: "/enrollment/import") }
        router.get("/healthz", access: .public) { _ in Response.text("ok") }
        router.get("/enrollment", access: .signedIn) { _ in Response.redirect(to: "/enrollment/import") }
        let statics = try StaticFiles(root: publicDirectory)
        router.get("/static/*path", access: .public, handler: statics.handler())
        OperationController(page: .userImport, context: context).register(in: &router)
        OperationController(page: .bulkInvite, context: context).register(in: &router)
        UsersController(context: context).register(in: &router)
    }
}
