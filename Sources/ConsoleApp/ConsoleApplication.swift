import Enrollment
import Foundation
import HTTPServer
import HTTPWire
import Templating
import Web

/// The composition root: opens the data folder, parses every template, builds the routes, and runs the server.
///
/// Built once by `main`; `start()` binds and serves on background loops, `shutdown()` stops gracefully.
public final class ConsoleApplication: Sendable {
    public let configuration: Configuration
    /// The frozen web application, usable in process without sockets (tests).
    public let web: WebApplication
    let context: AppContext
    private let server: HTTPServer
    private let repository: EnrollmentRepository
    private let mailSender: OutboxSender

    /// Opens everything; throws with a message naming what is wrong (missing resources, a template error with
    /// file, line and column, a data folder held by another process).
    public init(
        configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment,
        log: @escaping @Sendable (String) -> Void
    ) throws {
        self.configuration = configuration
        let resources = configuration.resourcesDirectory
        let templatesPath = "\(resources)/Templates"
        let publicPath = "\(resources)/Public"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: templatesPath, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.fileExists(atPath: publicPath, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw ConfigurationError.missingResources(resources) }
        let data = configuration.dataDirectory
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let spool = "\(data)/spool"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        // Spool files belong to uploads in flight; after a restart none is in flight.
        _ = MultipartSpooler.removeLeftoverSpoolFiles(in: spool)

        let templates = try TemplateLibrary(directory: templatesPath)
        let now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
        let repository = try EnrollmentRepository.open(dataDirectory: data, now: now, log: log)
        self.repository = repository
        let baseURL =
            configuration.publicBaseURL.isEmpty
            ? "http://\(configuration.host):\(configuration.port)" : configuration.publicBaseURL
        let outbox = try OutboxWriter(
            directory: "\(data)/outbox", templates: templates, from: configuration.mailFrom, baseURL: baseURL)
        let mailSender = try OutboxSender(
            outboxDirectory: "\(data)/outbox", smtpHost: configuration.smtpHost, smtpPort: configuration.smtpPort,
            envelopeFrom: configuration.smtpFrom.isEmpty ? configuration.mailFrom : configuration.smtpFrom, now: now,
            log: log)
        self.mailSender = mailSender
        let delivery = mailSender.delivery
        let jobs = JobRunner(
            repository: repository, outbox: outbox, now: now, log: log, onMailSpooled: { mailSender.poke() },
            isDelivered: { name in
                switch delivery.state(ofMessageNamed: name) {
                case .sent?, .failed?: true
                case .queued?, nil: false
                }
            })
        let admins = try AdminAccounts(dataDirectory: data)
        try AdminBootstrap.ensureAdmin(admins, dataDirectory: data, environment: environment, announce: log)
        let sessionGuard = SessionGuard(
            store: SessionStore(now: { ContinuousClock.now }),
            cookie: SessionCookie(isSecure: configuration.secureCookies), origins: OriginPolicy())
        let context = AppContext(
            repository: repository, pages: PageRenderer(templates: templates), jobs: jobs,
            exports: try ResultExports(directory: "\(data)/exports", repository: repository),
            outbox: mailSender.delivery,
            publicDirectory: publicPath, spoolDirectory: spool, maxUploadBytes: configuration.maxUploadBytes,
            identify: { request in
                Viewer(admin: request.session?.userID ?? "", csrf: request.session?.csrfToken ?? "")
            })
        self.context = context

        var router = RouterBuilder()
        try Routes.register(in: &router, context: context, publicDirectory: publicPath)
        SignInController(
            admins: admins, sessionGuard: sessionGuard, throttle: SignInThrottle(), pages: context.pages, now: now
        ).register(in: &router)
        OutboxController(
            context: context, delivery: mailSender.delivery, isRelayConfigured: !configuration.smtpHost.isEmpty
        ).register(in: &router)
        self.web = WebApplication(
            router: try router.build(), errorPages: TemplateErrorPages(templates: templates),
            options: WebApplication.Options(logError: log, sessionGuard: sessionGuard))
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.host = configuration.host
        serverConfiguration.port = configuration.port
        if configuration.loopCount > 0 { serverConfiguration.loopCount = configuration.loopCount }
        self.server = HTTPServer(
            configuration: serverConfiguration, responder: WebResponder(web: web), accessLog: LogLine.write)
        jobs.resumePendingMail()
    }

    /// Binds and starts serving; returns the port (useful with port 0).
    public func start() throws -> Int {
        let port = try server.start()
        mailSender.start()
        return port
    }

    /// Stops accepting, lets requests in flight finish (bounded), waits for running jobs, closes the data folder.
    public func shutdown() {
        server.shutdown()
        context.jobs.stop()
        mailSender.stop()
        repository.close()
    }

    /// Waits until queued imports, invites and mail spooling are done (tests and benchmarks).
    public func waitForJobs() { context.jobs.drain() }

    /// Waits until the users a large import added are in the directory's sorted order (the job runner takes them
    /// in after the commit; see `EnrollmentRepository.settleUserOrder`).
    public func settleUserOrder() { repository.settleUserOrder() }
}

/// Adapts the web application to the socket server's responder protocol.
struct WebResponder: HTTPResponder {
    let web: WebApplication

    func bodyDecision(for head: RequestHead) -> BodyDecision { web.bodyDecision(for: head) }

    func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void) {
        web.respond(to: request, completion: completion)
    }
}
