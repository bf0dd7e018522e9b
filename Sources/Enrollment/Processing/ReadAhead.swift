import Dispatch
import Foundation
import Synchronization

/// Reads a file on a second thread while the caller applies what was read, so decoding, splitting and building
/// rows overlap with the rules and the repository's writes.
///
/// The reading thread hands events over in batches through a short bounded queue (a few thousand rows at most
/// in flight, whatever the file's size). The caller sees them in file order, exactly as if it had read them
/// itself; a refusal the reader throws arrives after every event read before it. When the caller stops early
/// (its own error), the reader is told to stop and is waited for: nothing runs on after `run` returns.
///
/// The reader is a thread of its own, started by the caller's thread, so it inherits the caller's CPU priority
/// (on Linux a new thread takes its creator's nice value): a job that runs at a lower priority than the
/// server's event loops reads at that priority too.
enum ReadAhead {
    /// Events per batch handed over.
    static let batchSize = 512
    /// Batches the reader may be ahead of the caller.
    static let maxBatchesAhead = 8
    /// How many events ahead of the one applied `lookAhead` sees (within a batch): far enough for a cache miss
    /// it starts (~100 ns) to be over when its event is applied, near enough for the line to still be there.
    static let lookAheadDistance = 8

    /// Runs `read` on another thread, calling `apply` on this one with each event it emits, in order; `prepare`
    /// runs on this thread first, while the reader starts (the import's row estimate, a pass of its own over the
    /// file). `hint` is worked out for each event on the reading thread, and `lookAhead` gets it
    /// `lookAheadDistance` events before `apply` takes that event (a batch's first ones as it arrives), to start
    /// what the event's application will wait for, without touching the event. Throws what `prepare` or `apply`
    /// throws (the reader then stops), or else what `read` threw, after its events.
    static func run<Event: Sendable>(
        read: @escaping @Sendable (_ emit: (consuming Event) throws(FileRefusal) -> Void) throws(FileRefusal) -> Void,
        prepare: () throws(FileRefusal) -> Void = {},
        hint: @escaping @Sendable (borrowing Event) -> Int = { _ in 0 },
        lookAhead: (Int) -> Void = { _ in },
        apply: (consuming Event) throws(FileRefusal) -> Void
    ) throws(FileRefusal) {
        let channel = Channel<Event>(capacity: maxBatchesAhead)
        Thread {
            var batch = Batch<Event>(capacity: batchSize)
            var refusal: FileRefusal?
            do throws(FileRefusal) {
                try read { (event) throws(FileRefusal) in
                    batch.append(consume event, hint: hint)
                    if batch.isFull {
                        guard channel.send(batch) else { throw Channel<Event>.stopped }
                        batch = Batch(capacity: batchSize)
                    }
                }
            } catch {
                refusal = error
            }
            if !batch.isEmpty { _ = channel.send(batch) }
            channel.finish(refusal)
        }
        .start()
        do {
            try prepare()
        } catch {
            channel.stop()
            channel.waitForReader()
            throw error
        }
        var failure: FileRefusal?
        receiving: while true {
            switch channel.receive() {
            case .batch(let batch):
                batch.peekHints(from: 0, count: lookAheadDistance, lookAhead)
                while let event = batch.next() {
                    batch.peekHints(from: lookAheadDistance - 1, count: 1, lookAhead)
                    do {
                        try apply(consume event)
                    } catch {
                        failure = error
                        break receiving
                    }
                }
            case .end(let refusal):
                failure = refusal
                channel.waitForReader()
                if let failure { throw failure }
                return
            }
        }
        channel.stop()
        channel.waitForReader()
        if let failure { throw failure }
    }

    /// The bounded queue between the two threads: semaphores count free and filled slots, a mutex guards the
    /// items and whether the receiver stopped.
    private final class Channel<Event: Sendable>: Sendable {
        enum Item: Sendable {
            case batch(Batch<Event>)
            /// The reader's last word: nil after a whole file, else its refusal.
            case end(FileRefusal?)
        }

        /// Thrown inside the reader to unwind it once the receiver stopped; never reaches the caller.
        static var stopped: FileRefusal { .sinkFailed("reading stopped") }

        private let state = Mutex<(items: [Item], isStopped: Bool)>(([], false))
        private let freeSlots: DispatchSemaphore
        private let filledSlots = DispatchSemaphore(value: 0)
        private let readerDone = DispatchSemaphore(value: 0)

        init(capacity: Int) {
            // Counted up from zero: libdispatch traps when a semaphore is freed below its initial value, which
            // a receiver that stopped early would leave behind.
            freeSlots = DispatchSemaphore(value: 0)
            for _ in 0..<capacity { freeSlots.signal() }
        }

        /// Queues a batch, waiting while the queue is full; false once the receiver stopped.
        func send(_ batch: Batch<Event>) -> Bool {
            if state.withLock({ $0.isStopped }) { return false }
            freeSlots.wait()
            let isQueued = state.withLock { state in
                if state.isStopped { return false }
                state.items.append(.batch(batch))
                return true
            }
            if isQueued { filledSlots.signal() }
            return isQueued
        }

        /// The reader's end (it takes no free slot, so it never waits); the reader does nothing after it.
        func finish(_ refusal: FileRefusal?) {
            state.withLock { $0.items.append(.end(refusal)) }
            filledSlots.signal()
            readerDone.signal()
        }

        /// The next item, waiting for one.
        func receive() -> Item {
            filledSlots.wait()
            let item = state.withLock { $0.items.removeFirst() }
            if case .batch = item { freeSlots.signal() }
            return item
        }

        /// Tells the reader to stop: its next `send` returns false, also when it is waiting for a free slot (the
        /// reader is one thread, so at most one `send` waits, and the one signal here wakes it).
        func stop() {
            state.withLock { $0.isStopped = true }
            freeSlots.signal()
        }

        /// Waits until the reader called `finish`.
        func waitForReader() {
            readerDone.wait()
        }
    }

    /// Events in memory of their own, handed from the reader to the receiver whole: the reader appends, the
    /// receiver moves each out in order. Iterating an array would copy every event (a retain per string on the
    /// receiver's thread) and free the array after (a second release); a moved event is released once. Only one
    /// thread touches a batch at a time (the channel's lock hands it over).
    private final class Batch<Event: Sendable>: @unchecked Sendable {
        private let events: UnsafeMutablePointer<Event>
        /// Each event's hint (see `run`), apart from the events: the receiver reads them ahead without touching the
        /// events' memory, which the reader's core wrote.
        private let hints: UnsafeMutablePointer<Int>
        private let capacity: Int
        private var count = 0
        /// Events already moved out, `events[0..<taken]`.
        private var taken = 0

        init(capacity: Int) {
            events = .allocate(capacity: capacity)
            hints = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit {
            (events + taken).deinitialize(count: count - taken)
            events.deallocate()
            hints.deallocate()
        }

        var isFull: Bool { count == capacity }
        var isEmpty: Bool { count == 0 }

        /// Adds an event and its hint; the batch must not be full.
        @inline(__always)
        func append(_ event: consuming Event, hint: (borrowing Event) -> Int) {
            precondition(count < capacity, "a full batch is sent before more is added")
            hints[count] = hint(event)
            (events + count).initialize(to: consume event)
            count += 1
        }

        /// Calls `body` with the hints of the events `offset` to `offset + count` after the next one to be moved
        /// out, those that exist.
        @inline(__always)
        func peekHints(from offset: Int, count wanted: Int, _ body: (Int) -> Void) {
            var position = taken + offset
            let end = min(count, position + wanted)
            while position < end {
                body(hints[position])
                position += 1
            }
        }

        /// Moves out the next event, in the order appended.
        func next() -> Event? {
            guard taken < count else { return nil }
            defer { taken += 1 }
            return (events + taken).move()
        }
    }
}
