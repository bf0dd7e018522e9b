import Dispatch
import Foundation
import Synchronization

/// The keys a commit's puts add to the directory, found and sorted on a thread of their own while the commit
/// syncs the results and writes and syncs its journal records: for a large import the sort (a tenth of a second
/// or more for a million keys) overlaps with the waits for the disk instead of following them.
///
/// Made by the commit under the repository's writer lock, so the directory it looks at is the one it merges
/// into. The thread lets go of both tables before `wait` returns, so the merge that follows changes them in
/// place instead of copying them. Started by the job's thread, whose CPU priority it inherits.
final class AddedKeys: Sendable {
    /// Below this many puts the commit sorts in line: a thread is not worth starting.
    static let threadThreshold = 50_000

    private let tables: Mutex<(puts: UserTable, records: UserTable)?>
    private let sorted = Mutex<[DirectoryKey]>([])
    private let done = DispatchSemaphore(value: 0)

    /// Starts finding the keys of `puts` absent from `directory`.
    init(puts: UserTable, directory: UserDirectory) {
        tables = Mutex((puts, directory.records))
        Thread { [self] in
            // Taken out of the box and consumed by `find`: nothing of the tables is held once it returns.
            let keys = tables.withLock { tables in
                defer { tables = nil }
                return tables.map { Self.find(puts: $0.puts, records: $0.records) } ?? []
            }
            sorted.withLock { $0 = keys }
            done.signal()
        }
        .start()
    }

    /// The keys of `puts` that `records` lacks, in ascending order.
    static func find(
        puts: consuming UserTable, records: consuming UserTable
    ) -> [DirectoryKey] {
        var added: [DirectoryKey] = []
        added.reserveCapacity(puts.count)
        for (key, _) in puts where records.isEmpty || records[key] == nil { added.append(key) }
        added.sort()
        return added
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
