import Foundation
import Glibc

/// A child process started with `posix_spawn` in a process group of its own, so that ending it also ends every
/// process it started (chromedriver's Chromium), and nothing is left behind when a test fails.
///
/// Owned by the test that started it (not `Sendable`). Output goes to a log file, readable with ``logTail``.
final class ChildProcess {
    /// The child's process id, which is also its process group id.
    let processID: pid_t
    /// Where stdout and stderr go.
    let logPath: String
    private var isReaped = false

    /// Starts `executable` with `arguments`, this process's environment, stdin from `/dev/null`.
    ///
    /// - Throws: ``BrowserHarnessError/spawnFailed(executable:errno:)``.
    init(executable: String, arguments: [String], logPath: String) throws(BrowserHarnessError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)  // a new group whose id is the child's pid

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + environment { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        guard result == 0 else { throw .spawnFailed(executable: executable, errno: result) }
        processID = pid
        self.logPath = logPath
    }

    deinit { terminate() }

    /// Whether the child is still running. An exited child stays unreaped (a zombie) until ``terminate(grace:)``,
    /// so its pid, and with it the group id, cannot be reused by an unrelated process in the meantime.
    var isRunning: Bool {
        guard !isReaped, let stat = FileManager.default.contents(atPath: "/proc/\(processID)/stat") else {
            return false
        }
        // proc(5): "pid (comm) state ..."; the command may contain spaces and parentheses, so cut at the last ")".
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return false }
        return !text[text.index(after: close)...].hasPrefix(" Z")
    }

    /// The last `limit` bytes of the child's output.
    func logTail(limit: Int = 4_000) -> String {
        guard let data = FileManager.default.contents(atPath: logPath) else { return "(no output)" }
        return String(decoding: data.suffix(limit), as: UTF8.self)
    }

    /// Sends SIGTERM to the child's group, waits up to `grace` for the child to exit, then SIGKILLs whatever of
    /// the group is left and reaps the child. Idempotent.
    func terminate(grace: Duration = .seconds(3)) {
        guard !isReaped else { return }
        kill(-processID, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        // The child is unreaped here, so the group id still names our group: stragglers die with it.
        kill(-processID, SIGKILL)
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0, errno == EINTR {}
        isReaped = true
    }
}
