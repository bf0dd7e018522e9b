import Enrollment
import Templating

/// The history dialog: past imports or invites, newest first, each with a Results link.
enum HistoryView {
    static func make(records: [OperationRecord], total: Int, page: OperationPage, pagination: Pagination)
        -> TemplateValue
    {
        let rows: [TemplateValue] = records.map { record in
            [
                "created": .string(DisplayFormat.dateTime(milliseconds: record.createdAt)),
                "createdISO": .string(DisplayFormat.iso(milliseconds: record.createdAt)),
                "fileName": .string(record.fileName), "uploadedBy": .string(record.uploadedBy),
                "numbers": .list(page.historyNumbers(record).map { .string(DisplayFormat.count($0)) }),
                "state": .string(record.state.rawValue), "stateClass": .string(ReportView.stateClass(record.state)),
                "resultsURL": .string(page.resultsPath(record.id)),
            ]
        }
        let noun = page.kind == .userImport ? "imports" : "invites"
        return [
            "dialogTitle": .string(page.historyTitle), "closeURL": .string(page.pagePath),
            "byLabel": .string(page.byLabel), "columns": .list(page.historyColumns.map { .string($0) }),
            "hasRecords": .bool(!rows.isEmpty), "records": .list(rows),
            "pager": pagination.view(total: total, noun: noun) { n in
                page.historyPath + URLQuery.encode([("page", n == 1 ? "" : String(n))])
            },
            "emptyText": .string("No file has been uploaded yet."),
        ]
    }
}
