import Enrollment
import Templating

/// The status line under the upload button: progress while a file runs, then its outcome.
enum StatusLineView {
    /// The `status` value of `partials/status-line`; `.null` when nothing was uploaded yet.
    static func make(_ record: OperationRecord?, page: OperationPage, csrf: String) -> TemplateValue {
        guard let record else { return .null }
        let isActive = record.state == .queued || record.state == .running
        var view: [String: TemplateValue] = [
            "state": .string(record.state.rawValue.lowercased()),
            "isActive": .bool(isActive),
            "message": .string(message(record, page: page)),
            "statusURL": .string(page.statusPath(record.id)),
            "csrf": .string(csrf),
        ]
        if isActive {
            let total = max(record.totalRows, record.processedRows)
            view["progressMax"] = .int(max(total, 1))
            view["progressValue"] = .int(record.processedRows)
            view["percent"] = .int(total > 0 ? record.processedRows * 100 / total : 0)
        } else {
            view["reportURL"] = .string(page.reportPath(record.id))
            view["linkText"] = .string("here")
            view["canRerun"] = .bool(record.state == .interrupted)
            view["rerunURL"] = .string(page.rerunPath(record.id))
        }
        return .object(view)
    }

    /// The sentence itself, e.g. "Import completed: 98 users imported, 2 ignored. View details".
    static func message(_ record: OperationRecord, page: OperationPage) -> String {
        let noun = page.kind == .userImport ? "Import" : "Bulk invite"
        let file = record.fileName
        switch record.state {
        case .queued:
            return "\(noun) of \(file) is queued…"
        case .running:
            let verb = page.kind == .userImport ? "Importing" : "Inviting"
            let done = DisplayFormat.count(record.processedRows)
            if record.totalRows > 0 {
                return "\(verb)… \(done) of \(DisplayFormat.count(record.totalRows)) rows"
            }
            return "\(verb)… \(done) rows"
        case .completed:
            return "\(noun) completed: \(countsPhrase(record, page: page)). View details"
        case .rejected:
            return "\(noun) of \(file) was refused: \(record.reason) View details"
        case .interrupted:
            return "\(noun) of \(file) was interrupted: \(record.reason) View details"
        }
    }

    /// "98 users imported, 2 ignored" or "40 invited, 2 ignored, 1 skipped". An import that did more than create
    /// users says what it did: "890,000 users updated, 110,000 failed", or "7 users imported (3 created, 2 updated,
    /// 1 deleted, 1 activated)".
    static func countsPhrase(_ record: OperationRecord, page: OperationPage) -> String {
        let c = record.counts
        var parts: [String] = []
        if page.kind == .userImport {
            let users = c.succeeded == 1 ? "user" : "users"
            let done = [RowOutcome.created, .updated, .deleted, .activated].filter { c[$0] > 0 }
            let total = "\(DisplayFormat.count(c.succeeded)) \(users)"
            if done.isEmpty || done == [.created] {
                parts.append("\(total) imported")
            } else if done.count == 1 {
                parts.append("\(total) \(done[0].rawValue.lowercased())")
            } else {
                let each = done.map { "\(DisplayFormat.count(c[$0])) \($0.rawValue.lowercased())" }
                parts.append("\(total) imported (\(each.joined(separator: ", ")))")
            }
        } else {
            parts.append("\(DisplayFormat.count(c[.invited] + c[.reinvited])) invited")
        }
        let rest: [(String, Int)] = [
            ("ignored", c[.ignored]), ("duplicate", c[.duplicate]), ("skipped", c[.skipped]), ("failed", c[.failed]),
        ]
        for (label, n) in rest where n > 0 { parts.append("\(DisplayFormat.count(n)) \(label)") }
        return parts.joined(separator: ", ")
    }
}
