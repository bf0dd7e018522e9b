import Storage

/// Where the repository keeps each file inside the data folder (see the README section "The data folder").
struct DataFolderLayout: Sendable {
    /// Content versions of the repository's files; bump on any payload change, with a migration.
    static let journalHeader = RecordFileHeader(fileType: "JRNL", contentVersion: 1)
    static let snapshotHeader = RecordFileHeader(fileType: "SNAP", contentVersion: 1)
    static let resultsHeader = RecordFileHeader(fileType: "RSLT", contentVersion: 1)
    static let indexHeader = RecordFileHeader(fileType: "RIDX", contentVersion: 1)

    let root: String

    var journal: Journal.Layout { Journal.Layout(directory: root, name: "journal") }
    var uploadsDirectory: String { root + "/uploads" }
    var resultsDirectory: String { root + "/results" }

    func uploadPath(_ id: Int64) -> String { uploadsDirectory + "/op-\(id).upload" }
    func resultsPath(_ id: Int64) -> String { resultsDirectory + "/op-\(id).results" }
    func indexPath(_ id: Int64) -> String { resultsDirectory + "/op-\(id).index" }
}
