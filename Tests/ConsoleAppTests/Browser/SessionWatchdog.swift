import Dispatch
import Glibc
import Synchronization

/// Kills a process group when a browser session outlives its time limit, so a stuck chromedriver or browser
/// turns into prompt socket errors instead of a hung test run.
///
/// Fires at most once, from a Dispatch queue; its state lives in a `Mutex`. Invariant: the owner calls
/// ``disarm()`` before reaping the group leader, so a late firing can never reach a reused process id.
final class SessionWatchdog: Sendable {
    /// The process group the watchdog kills.
    let processGroup: pid_t
    /// The time the session may take.
    let timeLimit: Duration
    private let state = Mutex<(isArmed: Bool, hasFired: Bool)>((true, false))

    /// Arms a watchdog that sends SIGKILL to `processGroup` once `timeLimit` has passed, unless disarmed.
    init(processGroup: pid_t, timeLimit: Duration) {
        self.processGroup = processGroup
        self.timeLimit = timeLimit
        let milliseconds = Int(timeLimit / .milliseconds(1))
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { [self] in fire() }
    }

    /// Whether the time limit passed and the group was killed.
    var hasFired: Bool { state.withLock { $0.hasFired } }

    /// Stops the watchdog; once this returns it will not fire.
    func disarm() {
        state.withLock { $0.isArmed = false }
    }

    private func fire() {
        state.withLock { state in
            guard state.isArmed else { return }
            state.isArmed = false
            state.hasFired = true
            kill(-processGroup, SIGKILL)
        }
    }
}
