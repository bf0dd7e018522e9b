import Enrollment

/// What differs between the Import page and the Bulk Invite page: paths, titles and wording.
///
/// Both pages share one controller, one status line, one report and one history; this value tells them apart.
struct OperationPage: Sendable {
    let kind: OperationKind
    /// The page itself, e.g. `/enrollment/import`.
    let pagePath: String
    /// The collection of operations, e.g. `/enrollment/imports`.
    let itemsPath: String
    let pageTitle: String
    let template: String
    let reportTitle: String
    let resultsTitle: String
    let historyTitle: String
    let byLabel: String
    let historyLinkText: String
    let sampleFile: String
    let sampleContentType: String

    static let userImport = OperationPage(
        kind: .userImport, pagePath: "/enrollment/import", itemsPath: "/enrollment/imports", pageTitle: "Import",
        template: "pages/import", reportTitle: "Report On File Import", resultsTitle: "File Based Import Results",
        historyTitle: "File Based Import History", byLabel: "Uploaded by", historyLinkText: "Import History",
        sampleFile: "import-sample.csv", sampleContentType: "text/csv; charset=utf-8")

    static let bulkInvite = OperationPage(
        kind: .bulkInvite, pagePath: "/enrollment/invite", itemsPath: "/enrollment/invites", pageTitle: "Bulk Invite",
        template: "pages/invite", reportTitle: "Report on File Based Bulk User Invite",
        resultsTitle: "Report on File Based Bulk User Invite", historyTitle: "History of Bulk User Invite",
        byLabel: "Sent by", historyLinkText: "Invite History", sampleFile: "invite-sample.txt",
        sampleContentType: "text/plain; charset=utf-8")

    func reportPath(_ id: Int64) -> String { "\(itemsPath)/\(id)" }
    func resultsPath(_ id: Int64) -> String { "\(itemsPath)/\(id)/results" }
    func csvPath(_ id: Int64) -> String { "\(itemsPath)/\(id)/results.csv" }
    func statusPath(_ id: Int64) -> String { "\(itemsPath)/\(id)/status" }
    func rerunPath(_ id: Int64) -> String { "\(itemsPath)/\(id)/rerun" }
    func filePath(_ id: Int64) -> String { "\(itemsPath)/\(id)/file" }
    var historyPath: String { "\(pagePath)/history" }

    /// The history table's number columns and how to read them from a record.
    var historyColumns: [String] {
        kind == .userImport ? ["Total", "Succeeded", "Failed"] : ["Total", "Invited", "Ignored", "Skipped"]
    }

    func historyNumbers(_ record: OperationRecord) -> [Int] {
        let c = record.counts
        if kind == .userImport { return [c.total, c.succeeded, c.unsuccessful] }
        return [c.total, c[.invited] + c[.reinvited], c[.ignored] + c[.duplicate] + c[.failed], c[.skipped]]
    }
}
