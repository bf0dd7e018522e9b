import Dispatch
import Foundation
import Storage
import Synchronization

/// Appends a run's full journal chunks on a thread of its own, so the copy into the file (the kernel's share of a
/// million-row import's journal, a tenth of its time) overlaps with the rules applying the next rows.
///
/// Payloads are appended in the order given; at most `maxPending` wait, after which `append` waits for room.
/// `finish` waits until everything given is appended and returns the first error; the run calls it before its
/// commit record, which therefore follows every chunk. The thread starts with the first payload, so a run
/// smaller than a chunk never starts one, and it is started by the run's thread, whose CPU priority it inherits.
/// One thread gives payloads (the run's job); `finish` may come from any, and must come once the thread started
/// (the run's commit, fail, abandon or deinit), or the thread waits for more forever.
final class JournalWriteBehind: Sendable {
    /// Chunks waiting to be appended before `append` waits.
    static let maxPending = 4

    private enum Item: Sendable {
        case payload([UInt8])
        case end
    }

    private struct State: Sendable {
        var items: [Item] = []
        var isStarted = false
        var isFinished = false
        var error: StorageError?
    }

    private let journal: Journal
    private let state = Mutex(State())
    private let freeSlots: DispatchSemaphore
    private let filledSlots = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    /// A writer appending to `journal`.
    init(journal: Journal) {
        self.journal = journal
        // Counted up from zero: libdispatch traps when a semaphore is freed below its initial value.
        freeSlots = DispatchSemaphore(value: 0)
        for _ in 0..<Self.maxPending { freeSlots.signal() }
    }

    /// Queues `payload` for the journal, waiting while `maxPending` are queued. Ignored after `finish`.
    func append(_ payload: [UInt8]) {
        let mustStart = state.withLock { state in
            defer { state.isStarted = true }
            return !state.isStarted && !state.isFinished
        }
        if mustStart { Thread { [self] in run() }.start() }
        freeSlots.wait()
        let isQueued = state.withLock { state in
            if state.isFinished { return false }
            state.items.append(.payload(payload))
            return true
        }
        if isQueued { filledSlots.signal() } else { freeSlots.signal() }
    }

    /// Waits until every queued payload is appended and the thread ended; returns the first append error.
    /// Idempotent: later calls return the same error at once.
    @discardableResult
    func finish() -> StorageError? {
        let wasRunning = state.withLock { state in
            defer { state.isFinished = true }
            guard !state.isFinished, state.isStarted else { return false }
            state.items.append(.end)
            return true
        }
        if wasRunning {
            filledSlots.signal()
            done.wait()
        }
        return state.withLock { $0.error }
    }

    /// The thread: appends payloads in order until the end; after an error it only drains the queue.
    private func run() {
        while true {
            filledSlots.wait()
            let item = state.withLock { $0.items.removeFirst() }
            guard case .payload(let payload) = item else { break }
            if state.withLock({ $0.error == nil }) {
                do throws(StorageError) {
                    try journal.append(payload)
                } catch {
                    state.withLock { $0.error = error }
                }
            }
            freeSlots.signal()
        }
        done.signal()
    }
}
