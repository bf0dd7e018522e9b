import Enrollment
import Foundation
import HTTPWire
import Mail
import Templating
import Web

/// The Outbox page: every composed email, newest first, with its state; and each message viewable.
struct OutboxController: Sendable {
    let context: AppContext
    let delivery: OutboxDelivery
    let isRelayConfigured: Bool
    static let pageSize = 50

    func register(in router: inout RouterBuilder) {
        let this = self
        // Listing reads the outbox folders, which can hold many files: off the event loops.
        router.get("/enrollment/outbox", runsOffLoop: true) { try this.list($0) }
        router.get("/enrollment/outbox/:name", runsOffLoop: true) { try this.show($0) }
    }

    func list(_ request: RequestContext) throws -> Response {
        try context.pages.render(
            title: "Outbox", template: "pages/outbox", context: listContext(request), section: .outbox,
            viewer: context.viewer(request))
    }

    /// A message over the list, its whole source shown as text.
    func show(_ request: RequestContext) throws -> Response {
        let name = try request.parameter("name")
        guard let entry = delivery.entry(named: name), let path = delivery.messagePath(named: name),
            let data = FileManager.default.contents(atPath: path)
        else { throw WebError.notFound }
        let state = Self.describe(entry.state)
        let dialog: TemplateValue = [
            "dialogTitle": .string("Message to \(entry.recipient?.address ?? "—")"),
            "closeURL": "/enrollment/outbox", "subject": .string(entry.subject), "state": .string(state.label),
            "stateClass": .string(state.css), "detail": .string(state.detail),
            "source": .string(String(decoding: data.prefix(256 * 1024), as: UTF8.self)),
        ]
        return try context.pages.render(
            title: "Outbox · Message", template: "pages/outbox", context: listContext(request), section: .outbox,
            viewer: context.viewer(request), dialog: (template: "dialogs/message", context: dialog))
    }

    private func listContext(_ request: RequestContext) -> TemplateValue {
        let pagination = Pagination(page: request.query.value("page"), pageSize: Self.pageSize)
        let counts = delivery.counts()
        let rows: [TemplateValue] = delivery.list(offset: pagination.offset, limit: pagination.pageSize).map {
            entry in
            let state = Self.describe(entry.state)
            return [
                "recipient": .string(entry.recipient?.address ?? "—"), "subject": .string(entry.subject),
                "kind": .string(entry.kind.capitalized), "date": .string(entry.date), "state": .string(state.label),
                "stateClass": .string(state.css), "detail": .string(state.detail),
                "url": .string("/enrollment/outbox/\(entry.fileName)"),
            ]
        }
        return [
            "summary": .string(
                "\(DisplayFormat.count(counts.queued)) queued, \(DisplayFormat.count(counts.sent)) sent, "
                    + "\(DisplayFormat.count(counts.failed)) failed."),
            "relayNote": .string(
                isRelayConfigured
                    ? "Messages are delivered through the configured SMTP relay."
                    : "No SMTP relay is configured: messages stay in the outbox folder of the data folder."),
            "hasEntries": .bool(!rows.isEmpty), "entries": .list(rows),
            "pager": pagination.view(total: counts.total, noun: "messages") { n in
                "/enrollment/outbox" + URLQuery.encode([("page", n == 1 ? "" : String(n))])
            },
        ]
    }

    /// A label, a badge class and a detail for a message's state.
    static func describe(_ state: OutboxEntry.State) -> (label: String, css: String, detail: String) {
        switch state {
        case .sent: ("Sent", "good", "")
        case .failed(let reason): ("Failed", "bad", reason)
        case .queued(let attempts, _, let lastError):
            attempts == 0 ? ("Queued", "info", "") : ("Queued", "warn", "Tried \(attempts)×: \(lastError ?? "")")
        }
    }
}
