import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A thread of its own that runs submitted work in order at a lower CPU priority than the server's event loops
/// (nice `Self.niceness`), so an import running flat out yields the processor to page requests instead of
/// competing with them; on an idle machine it runs as fast as ever. Threads it starts inherit the priority.
///
/// The priority belongs to this thread alone (Linux keeps a nice value per thread), which is why the work does
/// not run on a shared Dispatch pool thread: an unprivileged process cannot raise a thread's priority back.
final class LowPriorityWorker: Sendable {
    /// The nice value of the worker's thread (0 is the default, 19 the lowest priority).
    static let niceness: Int32 = 10

    /// What the thread shares with the worker; the thread holds this, not the worker, so dropping the worker
    /// ends the thread.
    private final class Queue: Sendable {
        enum Item: Sendable {
            case work(@Sendable () -> Void)
            case exit
        }
        let items = Mutex<[Item]>([])
        let available = DispatchSemaphore(value: 0)

        func append(_ item: Item) {
            items.withLock { $0.append(item) }
            available.signal()
        }

        func next() -> Item {
            available.wait()
            return items.withLock { $0.removeFirst() }
        }
    }

    private let queue = Queue()

    /// Starts the thread.
    init(name: String) {
        let queue = queue
        let thread = Thread {
            #if canImport(Glibc)
                // Linux: PRIO_PROCESS with id 0 is the calling thread.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)
            #endif
            while case .work(let body) = queue.next() { body() }
        }
        thread.name = name
        thread.start()
    }

    deinit {
        queue.append(.exit)
    }

    /// Queues `body`; returns at once.
    func async(_ body: @escaping @Sendable () -> Void) {
        queue.append(.work(body))
    }

    /// Waits until everything queued before this call has run.
    func waitUntilIdle() {
        let done = DispatchSemaphore(value: 0)
        async { done.signal() }
        done.wait()
    }
}
