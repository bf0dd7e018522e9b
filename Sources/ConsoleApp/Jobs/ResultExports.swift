import Enrollment
import Foundation

/// Writes the per-row results of an operation as a formula-safe CSV file for download.
///
/// Results of a finished operation never change, so its file is written once into `exports/` of the data
/// folder and reused; an unfinished operation's file is written again on each download.
struct ResultExports: Sendable {
    let directory: String
    let repository: EnrollmentRepository

    init(directory: String, repository: EnrollmentRepository) throws {
        self.directory = directory
        self.repository = repository
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The path of a CSV file holding the results (only those with `outcome` when given).
    func csv(for record: OperationRecord, outcome: RowOutcome?) throws -> String {
        let isFinal = record.state == .completed || record.state == .rejected || record.state == .interrupted
        let name = "op-\(record.id)-\(outcome.map { ReportView.slug($0) } ?? "all")"
        let path = "\(directory)/\(name).csv"
        if isFinal && FileManager.default.fileExists(atPath: path) { return path }
        let temporary = "\(directory)/.\(name)-\(UInt64.random(in: 0...UInt64.max)).tmp"
        guard
            let handle = FileHandle(forWritingAtPath: temporary)
                ?? {
                    FileManager.default.createFile(atPath: temporary, contents: nil)
                    return FileHandle(forWritingAtPath: temporary)
                }()
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        var buffer = CSVCell.row(["Row", "Email ID", "Requested", "Outcome", "Reason"])
        try repository.forEachResult(operationID: record.id) { result in
            guard outcome == nil || result.outcome == outcome else { return }
            buffer += CSVCell.row([
                String(result.rowNumber), result.email, result.action?.rawValue ?? "", result.outcome.rawValue,
                result.reason,
            ])
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        try handle.close()
        // An unfinished operation's file is replaced on each download, so at most one per filter remains.
        let target = isFinal ? path : "\(directory)/\(name)-partial.csv"
        guard rename(temporary, target) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return target
    }
}
