import Storage

/// Where the repository keeps each file inside the data folder (see the README section "The data folder").
struct DataFolderLayout: Sendable {
    /// Content versions of the repository's files; bump on any payload change, with a migration. Journal 2 adds
    /// mail to `changes` entries (`JournalEntry.mailedPutTag`, `.mailItemTag`); version 1 segments read as before.
    static let journalHeader = RecordFileHeader(fileType: "JRNL", contentVersion: 2, oldestReadableVersion: 1)
    /// The snapshot of the journal.
    static let snapshotHeader = RecordFileHeader(fileType: "SNAP", contentVersion: 1)
    /// Per-operation results files.
    static let resultsHeader = RecordFileHeader(fileType: "RSLT", contentVersion: 1)
    /// Per-operation results indexes.
    static let indexHeader = RecordFileHeader(fileType: "RIDX", contentVersion: 1)

    /// The data folder.
    let root: String

    /// The journal segments and snapshot: `journal-<n>.log`, `journal.snapshot`.
    var journal: Journal.Layout { Journal.Layout(directory: root, name: "journal") }
    /// Kept original uploads.
    var uploadsDirectory: String { root + "/uploads" }
    /// Per-row results and their indexes.
    var resultsDirectory: String { root + "/results" }

    /// The kept upload of operation `id`.
    func uploadPath(_ id: Int64) -> String { uploadsDirectory + "/op-\(id).upload" }
    /// The row results of operation `id`.
    func resultsPath(_ id: Int64) -> String { resultsDirectory + "/op-\(id).results" }
    /// The results index of operation `id`.
    func indexPath(_ id: Int64) -> String { resultsDirectory + "/op-\(id).index" }
}
