import Foundation
import Synchronization
import Testing

@testable import ConsoleApp

#if canImport(Glibc)
    import Glibc
#endif

/// The jobs' thread: work in order, waiting until idle, and a lower CPU priority that the threads it starts share.
struct LowPriorityWorkerTests {
    @Test func runsWorkInOrderAndWaitsUntilIdle() {
        let worker = LowPriorityWorker(name: "test.worker")
        let seen = Mutex<[Int]>([])
        for n in 0..<200 {
            worker.async {
                if n % 50 == 0 { usleep(2_000) }
                seen.withLock { $0.append(n) }
            }
        }
        worker.waitUntilIdle()
        #expect(seen.withLock { $0 } == Array(0..<200))
    }

    #if canImport(Glibc)
        /// The worker's thread runs at `niceness`, a thread it starts inherits it, and the caller's thread keeps
        /// its own priority.
        @Test func runsBelowTheCallersPriority() {
            let worker = LowPriorityWorker(name: "test.worker")
            let values = Mutex<(worker: Int32, child: Int32)>((-100, -100))
            worker.async {
                let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                let childDone = DispatchSemaphore(value: 0)
                Thread {
                    let child = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                    values.withLock { $0 = (own, child) }
                    childDone.signal()
                }.start()
                childDone.wait()
            }
            worker.waitUntilIdle()
            let callers = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            let (own, child) = values.withLock { $0 }
            #expect(own == max(callers, LowPriorityWorker.niceness))
            #expect(child == own)
        }
    #endif
}
