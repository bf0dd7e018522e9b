import Dispatch
import Foundation
import Synchronization

/// The keys a commit's puts add to the directory, found and sorted on a thread of their own. Finding them reads
/// the run's table and the directory's, and overlaps with the commit's syncs; sorting them (a tenth of a second or
/// more for a million keys) needs neither table, so the commit does not wait for it: it merges and publishes, and
/// the directory's sorted keys take the added ones in when first asked for (`SortedKeysInProgress`).
///
/// Made by the commit under the repository's writer lock, so the directory it looks at is the one it merges
/// into. The thread lets go of both tables before `waitForTables` returns, so the merge that follows changes them
/// in place instead of copying them. (A merge into an empty directory makes one after it, over the new table: every
/// key is added.) Started by the job's thread, whose CPU priority it inherits.
final class AddedKeys: Sendable {
    /// Below this many puts the commit sorts in line: a thread is not worth starting.
    static let threadThreshold = 50_000

    private let tables: Mutex<(puts: UserTable, records: UserTable)?>
    private let sorted = Mutex<[DirectoryKey]>([])
    private let tablesReleased = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    /// Starts finding the keys of `puts` absent from `directory`.
    init(puts: UserTable, directory: UserDirectory) {
        tables = Mutex((puts, directory.records))
        Thread { [self] in
            // Taken out of the box and consumed by `collect`: nothing of the tables is held once it returns.
            var keys = tables.withLock { tables in
                defer { tables = nil }
                return tables.map { Self.collect(puts: $0.puts, records: $0.records) } ?? []
            }
            tablesReleased.signal()
            keys.sort()
            sorted.withLock { $0 = keys }
            done.signal()
        }
        .start()
    }

    /// The keys of `puts` that `records` lacks, in the order of `puts`.
    private static func collect(puts: consuming UserTable, records: consuming UserTable) -> [DirectoryKey] {
        var added: [DirectoryKey] = []
        added.reserveCapacity(puts.count)
        for (key, _) in puts where records.isEmpty || records[key] == nil { added.append(key) }
        return added
    }

    /// Waits until the thread no longer holds the tables (once).
    func waitForTables() {
        tablesReleased.wait()
    }

    /// Waits for the sorted keys (once).
    func wait() -> [DirectoryKey] {
        done.wait()
        return sorted.withLock { keys in
            defer { keys = [] }
            return keys
        }
    }
}
