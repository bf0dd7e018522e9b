import Enrollment
import Foundation
import HTTPWire
import Templating
import Web

/// The Import and Bulk Invite pages: upload, status line, report, results, history, CSV, re-run.
///
/// One controller serves both pages; `page` says which. Handlers are thin: read the request, ask the
/// repository or the job runner, render a template.
struct OperationController: Sendable {
    let page: OperationPage
    let context: AppContext

    /// Rows on one page of a report, and operations on one page of history.
    static let resultsPageSize = 50
    static let historyPageSize = 20

    func register(in router: inout RouterBuilder) {
        let this = self
        router.get(page.pagePath) { try this.showPage($0) }
        router.post(page.pagePath, body: context.uploadBodyPolicy()) { try this.upload($0) }
        router.get(page.historyPath) { try this.showHistory($0) }
        router.get("\(page.pagePath)/\(page.sampleFile)") { _ in try this.sample() }
        router.get("\(page.itemsPath)/:id") { try this.showReport($0, mode: .report) }
        router.get("\(page.itemsPath)/:id/results") { try this.showReport($0, mode: .results) }
        router.get("\(page.itemsPath)/:id/results.csv", runsOffLoop: true) { try this.downloadCSV($0) }
        router.get("\(page.itemsPath)/:id/status") { try this.statusFragment($0) }
        router.get("\(page.itemsPath)/:id/file") { try this.downloadOriginal($0) }
        router.post("\(page.itemsPath)/:id/rerun") { try this.rerun($0) }
    }

    // MARK: pages

    private func pageContext(_ request: RequestContext, latest: OperationRecord?, viewer: Viewer) -> TemplateValue {
        var fields: [String: TemplateValue] = [
            "status": StatusLineView.make(latest, page: page, csrf: viewer.csrf)
        ]
        if let notice = request.query.value("notice"), let message = Self.notices[notice] {
            fields["flash"] = ["kind": "error", "message": .string(message)]
        }
        return .object(fields)
    }

    /// Fixed messages for redirects back to the page; user input is never reflected through the query.
    static let notices = [
        "nofile": "Choose a file to upload first."
    ]

    private func render(_ request: RequestContext, dialog: (String, TemplateValue)? = nil) throws -> Response {
        let viewer = context.viewer(request)
        let latest = context.repository.latestOperation(kind: page.kind)
        let isActive = latest.map { $0.state == .queued || $0.state == .running } ?? false
        return try context.pages.render(
            title: dialog == nil ? page.pageTitle : "\(page.pageTitle) · \(dialogTitle(dialog))",
            template: page.template, context: pageContext(request, latest: latest, viewer: viewer),
            section: page.kind == .userImport ? .userImport : .invite, viewer: viewer,
            dialog: dialog.map { (template: $0.0, context: $0.1) }, refreshSeconds: isActive && dialog == nil ? 2 : nil)
    }

    private func dialogTitle(_ dialog: (String, TemplateValue)?) -> String {
        if case .object(let fields)? = dialog?.1, case .string(let title)? = fields["dialogTitle"] { return title }
        return ""
    }

    func showPage(_ request: RequestContext) throws -> Response { try render(request) }

    func showHistory(_ request: RequestContext) throws -> Response {
        let pagination = Pagination(page: request.query.value("page"), pageSize: Self.historyPageSize)
        let (records, total) = context.repository.operations(
            kind: page.kind, offset: pagination.offset, limit: pagination.pageSize)
        return try render(
            request,
            dialog: (
                "dialogs/history", HistoryView.make(records: records, total: total, page: page, pagination: pagination)
            ))
    }

    func showReport(_ request: RequestContext, mode: ReportView.Mode) throws -> Response {
        let record = try operation(request)
        let filter = ReportView.outcome(fromSlug: request.query.value("outcome"))
        let pagination = Pagination(page: request.query.value("page"), pageSize: Self.resultsPageSize)
        let (results, total) = try context.repository.results(
            operationID: record.id, outcome: filter, offset: pagination.offset, limit: pagination.pageSize)
        let view = ReportView.make(
            record: record, page: page, mode: mode, results: results, total: total, filter: filter,
            pagination: pagination, mailState: { mailState(of: $0, operationID: record.id) })
        return try render(request, dialog: ("dialogs/report", view))
    }

    func statusFragment(_ request: RequestContext) throws -> Response {
        let record = try operation(request)
        let viewer = context.viewer(request)
        return try context.pages.fragment(
            template: "partials/status-line",
            context: ["status": StatusLineView.make(record, page: page, csrf: viewer.csrf)],
            viewer: viewer)
    }

    // MARK: actions

    func upload(_ request: RequestContext) throws -> Response {
        let form = try request.streamedBody(as: MultipartSpooler.self).formData()
        // The repository moves the kept file into the data folder; whatever else was uploaded is removed.
        defer { form.removeSpoolFiles() }
        guard let file = form.file("file") else {
            return Response.redirect(to: page.pagePath + "?notice=nofile")
        }
        let viewer = context.viewer(request)
        let record = try context.repository.createOperation(
            kind: page.kind, fileName: file.fileName.isEmpty ? "(unnamed file)" : file.fileName,
            uploadedBy: viewer.admin, uploadedFile: file.spoolPath, resendInvitations: form.field("resend") == "on")
        if let refusal = UploadCheck.refusal(fileName: file.fileName) {
            try context.repository.reject(operationID: record.id, reason: refusal)
        } else {
            context.jobs.submit(record.id)
        }
        return Response.redirect(to: page.pagePath)
    }

    func rerun(_ request: RequestContext) throws -> Response {
        let record = try operation(request)
        let fresh = try context.repository.rerun(operationID: record.id)
        context.jobs.submit(fresh.id)
        return Response.redirect(to: page.pagePath)
    }

    func sample() throws -> Response {
        try Response.download(
            path: "\(context.publicDirectory)/samples/\(page.sampleFile)", fileName: page.sampleFile,
            contentType: page.sampleContentType)
    }

    func downloadOriginal(_ request: RequestContext) throws -> Response {
        let record = try operation(request)
        return try Response.download(
            path: context.repository.uploadedFilePath(operationID: record.id), fileName: record.fileName,
            contentType: "application/octet-stream")
    }

    func downloadCSV(_ request: RequestContext) throws -> Response {
        let record = try operation(request)
        let filter = ReportView.outcome(fromSlug: request.query.value("outcome"))
        let path = try context.exports.csv(for: record, outcome: filter)
        let suffix = filter.map { "-\(ReportView.slug($0))" } ?? ""
        let noun = page.kind == .userImport ? "import" : "invite"
        return try Response.download(
            path: path, fileName: "\(noun)-\(record.id)-results\(suffix).csv", contentType: "text/csv; charset=utf-8")
    }

    /// The mail column of a row whose message is not in the outbox yet.
    private static let notWritten: TemplateValue = [
        "label": "Not written yet", "css": "info", "url": .string("/enrollment/outbox"),
    ]

    /// The state of the email a row caused (queued, sent, failed), linking to the message; `.null` for none.
    private func mailState(of result: RowResult, operationID: Int64) -> TemplateValue {
        let kind: MailKind
        switch result.outcome {
        case .created, .invited, .reinvited: kind = .invitation
        case .activated: kind = .activation
        default: return .null
        }
        // Rows past what the outbox writer has written need no look-up (it writes in row order).
        if let written = context.jobs.mailProgress.writtenThrough(operationID), result.rowNumber > written {
            return Self.notWritten
        }
        let intent = MailIntent(
            kind: kind, email: result.email, firstName: "", lastName: "", operationID: operationID,
            rowNumber: result.rowNumber)
        let name = OutboxWriter.fileName(for: intent)
        guard let state = context.outbox.state(ofMessageNamed: name) else { return Self.notWritten }
        let described = OutboxController.describe(state)
        return [
            "label": .string(described.label), "css": .string(described.css),
            "url": .string("/enrollment/outbox/\(name)"),
        ]
    }

    private func operation(_ request: RequestContext) throws -> OperationRecord {
        let id = try request.parameter("id", as: Int64.self)
        guard let record = context.repository.operation(id: id), record.kind == page.kind else {
            throw WebError.notFound
        }
        return record
    }
}
