import Enrollment
import Foundation
import Storage
import Synchronization

/// Writes the per-row results of an operation as a formula-safe CSV file for download.
///
/// Results of a finished operation never change, so its file is written once into `exports/` of the data
/// folder and reused; an unfinished operation's file is written again on each download. Exports are written
/// one at a time (downloads are rare), so two requests never share a temporary file.
final class ResultExports: Sendable {
    let directory: String
    let repository: EnrollmentRepository
    private let writing = Mutex(())

    init(directory: String, repository: EnrollmentRepository) throws {
        self.directory = directory
        self.repository = repository
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The path of a CSV file holding the results (only those with `outcome` when given).
    func csv(for record: OperationRecord, outcome: RowOutcome?) throws -> String {
        let isFinal = record.state == .completed || record.state == .rejected || record.state == .interrupted
        let name = "op-\(record.id)-\(outcome.map { ReportView.slug($0) } ?? "all")"
        // An unfinished operation's file is replaced on each download, so at most one per filter remains.
        let path = isFinal ? "\(directory)/\(name).csv" : "\(directory)/\(name)-partial.csv"
        return try writing.withLock { _ in
            if isFinal && FileManager.default.fileExists(atPath: path) { return path }
            try write(record: record, outcome: outcome, to: path)
            return path
        }
    }

    private func write(record: OperationRecord, outcome: RowOutcome?, to path: String) throws {
        var failure: (any Error)?
        try AtomicFile.write(path: path) { (writer) throws(StorageError) in
            try writer.write(Array(CSVCell.row(["Row", "Email ID", "Requested", "Outcome", "Reason"]).utf8))
            do {
                try repository.forEachResult(operationID: record.id) { result in
                    guard outcome == nil || result.outcome == outcome else { return }
                    let line = CSVCell.row([
                        String(result.rowNumber), result.email, result.action?.rawValue ?? "",
                        result.outcome.rawValue, result.reason,
                    ])
                    try writer.write(Array(line.utf8))
                }
            } catch let error as StorageError {
                throw error
            } catch {
                // Reading results failed for another reason: end this file and report it after.
                failure = error
            }
        }
        if let failure {
            // Never leave a cut-short file where a finished operation's export is looked for.
            try? FileManager.default.removeItem(atPath: path)
            throw failure
        }
    }
}
