import Synchronization

/// How far the outbox writer has got with the mail of each committed operation it has still to finish: the row
/// number of the last message written. Mail is written in row order, so a report shows every later row as not
/// written yet without looking for its file (three failed look-ups a row, in folders the writer is filling).
///
/// `JobRunner`'s spooling pass marks every operation it is about to write, advances each after every batch and
/// forgets it once all of it is written (or spooling stops); page handlers read it from any thread. Between a
/// commit and the pass that writes its mail, rows are looked up; mail partly written before a restart shows as
/// not written until the pass gets to it again.
final class MailSpoolProgress: Sendable {
    private let rows = Mutex<[Int64: Int]>([:])

    /// Marks the operation's mail as waiting to be written, nothing written yet (kept if already marked).
    func begin(_ operationID: Int64) {
        rows.withLock { rows in rows[operationID] = rows[operationID] ?? 0 }
    }

    /// Records that the operation's messages are written through row `rowNumber`.
    func advance(_ operationID: Int64, through rowNumber: Int) {
        rows.withLock { rows in rows[operationID] = max(rows[operationID] ?? 0, rowNumber) }
    }

    /// Forgets the operation: its mail is all written, or is left for the next start.
    func end(_ operationID: Int64) {
        _ = rows.withLock { rows in rows.removeValue(forKey: operationID) }
    }

    /// The last row whose message is written while the operation's mail is being written; nil when it is not
    /// (all written, none queued, or spooling stopped: look for the file).
    func writtenThrough(_ operationID: Int64) -> Int? {
        rows.withLock { $0[operationID] }
    }
}
