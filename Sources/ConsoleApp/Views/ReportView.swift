import Enrollment
import Templating

/// The per-row report dialog of an import or invite: summary, outcome filters, one page of results.
enum ReportView {
    /// Which dialog shows the results: the report opened from the status line, or the results opened from history.
    enum Mode { case report, results }

    static func make(
        record: OperationRecord, page: OperationPage, mode: Mode, results: [RowResult], total: Int,
        filter: RowOutcome?, pagination: Pagination, mailState: (RowResult) -> TemplateValue = { _ in .null }
    ) -> TemplateValue {
        let basePath = mode == .report ? page.reportPath(record.id) : page.resultsPath(record.id)
        let filterValue = filter.map(slug) ?? ""
        var filters: [TemplateValue] = [
            [
                "label": "All", "count": .int(record.counts.total), "url": .string(basePath),
                "isCurrent": .bool(filter == nil),
            ]
        ]
        for outcome in RowOutcome.allCases where record.counts[outcome] > 0 {
            filters.append([
                "label": .string(outcome.rawValue), "count": .int(record.counts[outcome]),
                "url": .string(basePath + URLQuery.encode([("outcome", slug(outcome))])),
                "isCurrent": .bool(filter == outcome),
            ])
        }
        let rows: [TemplateValue] = results.map { result in
            [
                "row": .int(result.rowNumber), "email": .string(result.email),
                "action": .string(result.action?.rawValue ?? "—"), "outcome": .string(result.outcome.rawValue),
                "outcomeClass": .string(outcomeClass(result.outcome)), "reason": .string(result.reason),
                "mail": mailState(result),
            ]
        }
        let pager = pagination.view(total: total, noun: "rows") { n in
            basePath + URLQuery.encode([("outcome", filterValue), ("page", n == 1 ? "" : String(n))])
        }
        return [
            "dialogTitle": .string(mode == .report ? page.reportTitle : page.resultsTitle),
            "closeURL": .string(page.pagePath),
            "backURL": mode == .results ? .string(page.historyPath) : .null,
            "backText": .string("Back to \(page.historyTitle)"),
            "operation": operationSummary(record, page: page),
            "filters": .list(filters),
            "csvURL": .string(page.csvPath(record.id) + URLQuery.encode([("outcome", filterValue)])),
            "historyURL": mode == .report ? .string(page.historyPath) : .null,
            "fileURL": .string(page.filePath(record.id)),
            "historyText": .string(page.historyLinkText),
            "hasResults": .bool(!rows.isEmpty),
            "results": .list(rows),
            "pager": pager,
            "emptyText": .string(emptyText(record, filter: filter)),
        ]
    }

    static func operationSummary(_ record: OperationRecord, page: OperationPage) -> TemplateValue {
        var counts: [TemplateValue] = []
        for outcome in RowOutcome.allCases where record.counts[outcome] > 0 {
            counts.append([
                "label": .string(outcome.rawValue), "count": .string(DisplayFormat.count(record.counts[outcome])),
            ])
        }
        return [
            "fileName": .string(record.fileName), "uploadedBy": .string(record.uploadedBy),
            "byLabel": .string(page.byLabel),
            "created": .string(DisplayFormat.dateTime(milliseconds: record.createdAt)),
            "createdISO": .string(DisplayFormat.iso(milliseconds: record.createdAt)),
            "state": .string(record.state.rawValue), "stateClass": .string(stateClass(record.state)),
            "total": .string(DisplayFormat.count(max(record.counts.total, record.processedRows))),
            "counts": .list(counts),
            "reason": record.reason.isEmpty ? .null : .string(record.reason),
            "canRerun": .bool(record.state == .interrupted),
            "rerunURL": .string(page.rerunPath(record.id)),
            "hasWarnings": .bool(!record.warnings.isEmpty),
            "warnings": .list(record.warnings.map { .string($0) }),
        ]
    }

    /// The query value naming an outcome, e.g. `re-invited`.
    static func slug(_ outcome: RowOutcome) -> String { outcome.rawValue.lowercased() }

    static func outcome(fromSlug slug: String?) -> RowOutcome? {
        guard let slug, !slug.isEmpty else { return nil }
        return RowOutcome.allCases.first { $0.rawValue.lowercased() == slug.lowercased() }
    }

    static func outcomeClass(_ outcome: RowOutcome) -> String {
        switch outcome {
        case .created, .updated, .activated, .invited, .reinvited: "good"
        case .deleted: "info"
        case .skipped, .ignored, .duplicate: "warn"
        case .failed: "bad"
        }
    }

    static func stateClass(_ state: OperationState) -> String {
        switch state {
        case .completed: "good"
        case .queued, .running: "info"
        case .rejected, .interrupted: "bad"
        }
    }

    private static func emptyText(_ record: OperationRecord, filter: RowOutcome?) -> String {
        switch record.state {
        case .rejected: "The file was refused whole, so no row was applied."
        case .interrupted: "The console stopped during this run; nothing was applied."
        case .queued, .running: "Rows will appear here as the file is processed."
        case .completed: filter == nil ? "The file held no rows." : "No row has this outcome."
        }
    }
}
