import Dispatch
import Foundation
import Storage
import Synchronization

/// Appends a run's full journal chunks on a thread of its own, so the copy into the file (the kernel's share of a
/// million-row import's journal, a tenth of its time) overlaps with the rules applying the next rows.
///
/// Payloads are appended in the order given; at most `maxPending` wait, after which `append` waits for room.
/// Written buffers come back through `spareBuffer()`, so a long run cycles a few buffers instead of faulting in
/// fresh memory for every chunk. Where each payload given a `count` was written is kept, in order, for `finish`
/// (a run's mail is read back from the journal, not kept in memory).
/// `finish` waits until everything given is appended and returns the first error; the run calls it before its
/// commit record, which therefore follows every chunk. The thread starts with the first payload, so a run
/// smaller than a chunk never starts one, and it is started by the run's thread, whose CPU priority it inherits.
/// One thread gives payloads (the run's job); `finish` may come from any, and must come once the thread started
/// (the run's commit, fail, abandon or deinit), or the thread waits for more forever.
final class JournalWriteBehind: Sendable {
    /// Chunks waiting to be appended before `append` waits.
    static let maxPending = 4

    private enum Item: Sendable {
        case payload(JournalChunk.Sealed, count: Int?)
        case end
    }

    private struct State: Sendable {
        var items: [Item] = []
        /// Written buffers for reuse (their contents are dropped when reused, see `RecordWriter.exchangeStorage`).
        var spares: [[UInt8]] = []
        /// Where the counted payloads were written, with their counts.
        var written: [(position: Journal.Position, count: Int)] = []
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

    /// Queues `payload` (a sealed chunk) for the journal, waiting while `maxPending` are queued. Ignored after
    /// `finish`. Its buffer comes back through `spareBuffer()` once written (nothing else may keep it: a shared
    /// buffer would be copied by the first chunk built in it). With a `count` (of the items it holds), its
    /// position is kept for `writtenPositions`.
    func append(_ payload: JournalChunk.Sealed, count: Int? = nil) {
        let mustStart = state.withLock { state in
            defer { state.isStarted = true }
            return !state.isStarted && !state.isFinished
        }
        if mustStart { Thread { [self] in run() }.start() }
        freeSlots.wait()
        let isQueued = state.withLock { state in
            if state.isFinished { return false }
            state.items.append(.payload(payload, count: count))
            return true
        }
        if isQueued { filledSlots.signal() } else { freeSlots.signal() }
    }

    /// A written buffer to build the next chunk in, if one came back.
    func spareBuffer() -> [UInt8]? {
        state.withLock { $0.spares.popLast() }
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

    /// Where the payloads given a count were written, in order, with their counts; complete once `finish`
    /// returned without an error.
    var writtenPositions: [(position: Journal.Position, count: Int)] {
        state.withLock { $0.written }
    }

    /// The thread: appends payloads in order until the end; after an error it only drains the queue.
    private func run() {
        while true {
            filledSlots.wait()
            let item = state.withLock { $0.items.removeFirst() }
            guard case .payload(let payload, let count) = item else { break }
            var error: StorageError?
            var position: Journal.Position?
            if state.withLock({ $0.error == nil }) {
                do throws(StorageError) {
                    position = try payload.append(to: journal)
                } catch let failure {
                    error = failure
                }
            }
            state.withLock { state in
                if state.error == nil { state.error = error }
                if let position, let count { state.written.append((position, count)) }
                if state.spares.count < Self.maxPending + 2 { state.spares.append(payload.bytes) }
            }
            freeSlots.signal()
        }
        done.signal()
    }
}
