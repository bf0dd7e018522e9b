import Enrollment
import HTTPWire
import Mail
import Web

/// What controllers share: the repository, page rendering, jobs, exports and upload settings.
///
/// Built once by `ConsoleApplication` and read-only afterwards.
struct AppContext: Sendable {
    let repository: EnrollmentRepository
    let pages: PageRenderer
    let jobs: JobRunner
    let exports: ResultExports
    /// The outbox, for the email state of report rows.
    let outbox: OutboxDelivery
    let publicDirectory: String
    let spoolDirectory: String
    let maxUploadBytes: Int
    /// Who is asking: the signed-in admin and the form token of their session.
    let identify: @Sendable (RequestContext) -> Viewer

    func viewer(_ request: RequestContext) -> Viewer { identify(request) }

    /// Uploads stream into spool files of the data folder as their bytes arrive.
    func uploadBodyPolicy() -> BodyPolicy {
        let spool = spoolDirectory
        let maxUploadBytes = maxUploadBytes
        // The body holds the file plus the form's other fields and the multipart framing.
        return .stream(limit: maxUploadBytes + 1024 * 1024) { head in
            let boundary = try MultipartBoundary.parse(contentType: head.headers["Content-Type"] ?? "")
            var limits = UploadLimits()
            limits.maxFileBytes = maxUploadBytes
            return MultipartSpooler(boundary: boundary, spoolDirectory: spool, limits: limits)
        }
    }
}
