import Storage

extension EnrollmentRepository {
    /// One page of an operation's row results in row order, optionally only those with `outcome`, and how many
    /// match. Reads the page's index entries and records only, never the whole results file. An operation with
    /// no results yet gives an empty page. Throws `.noSuchOperation` or `.storage`.
    public func results(
        operationID: Int64, outcome: RowOutcome?, offset: Int, limit: Int
    ) throws(RepositoryError) -> (results: [RowResult], total: Int) {
        guard operation(id: operationID) != nil else { throw .noSuchOperation(id: operationID) }
        return try RepositoryError.wrap {
            if let run = state.withLock({ $0.runs[operationID] }) {
                let page = run.livePage(outcome: outcome, offset: offset, limit: limit)
                if let results = try? page.offsets.map({ try Self.decodeResult(run.results.read(at: $0)) }) {
                    return (results, page.total)
                }
            }
            guard let page = try indexPage(operationID: operationID, outcome: outcome, offset: offset, limit: limit)
            else { return ([], 0) }
            let file = try RecordFileReader(
                path: layout.resultsPath(operationID), header: DataFolderLayout.resultsHeader)
            return (try file.read(at: page.offsets).map { try Self.decodeResult($0) }, page.total)
        }
    }

    /// Calls `body` with every row result of an operation in row order, streaming the file in chunks.
    public func forEachResult(operationID: Int64, _ body: (RowResult) throws -> Void) throws {
        guard operation(id: operationID) != nil else { throw RepositoryError.noSuchOperation(id: operationID) }
        if let run = state.withLock({ $0.runs[operationID] }) {
            try run.results.sync()
        }
        let path = layout.resultsPath(operationID)
        guard FileSystem.exists(path) else { return }
        var failure: (any Error)?
        _ = try RecordLog.verify(path: path, header: DataFolderLayout.resultsHeader) {
            (payload, _) throws(StorageError) in
            guard failure == nil else { return }
            var reader = RecordReader(payload)
            let result = try reader.readRowResult()
            do { try body(result) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The page's offsets from the index file, rebuilding the index first when a run stopped before writing it.
    private func indexPage(
        operationID: Int64, outcome: RowOutcome?, offset: Int, limit: Int
    ) throws -> (offsets: [Int64], total: Int)? {
        let indexPath = layout.indexPath(operationID)
        if !FileSystem.exists(indexPath) {
            let resultsPath = layout.resultsPath(operationID)
            guard FileSystem.exists(resultsPath) else { return nil }
            let index = try ResultsIndex.rebuild(resultsPath: resultsPath)
            if state.withLock({ $0.runs[operationID] == nil }) { try index.write(to: indexPath) }
            return index.page(outcome: outcome, offset: offset, limit: limit)
        }
        return try ResultsIndex.readPage(path: indexPath, outcome: outcome, offset: offset, limit: limit)
    }

    /// Decodes one results-file payload.
    static func decodeResult(_ payload: [UInt8]) throws -> RowResult {
        try payload.withUnsafeBytes { raw in
            var reader = RecordReader(raw)
            return try reader.readRowResult()
        }
    }
}
