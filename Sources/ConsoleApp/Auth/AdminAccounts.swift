import Foundation
import Storage
import Synchronization

/// The console's admins: email and password hash, kept in `admins.v1` in the data folder.
///
/// The file is small and rewritten whole (temp file, fsync, rename, fsync the folder) on each change; its first
/// line is the format version, then one line per admin: `email<TAB>hash`. A running console re-reads the file
/// when it changed, so `enrollment-console create-admin` takes effect without a restart.
final class AdminAccounts: Sendable {
    private struct State {
        var admins: [String: String] = [:]
        var modified = timespec()
    }

    private let path: String
    private let state = Mutex(State())
    static let formatLine = "enrollment-console admins v1"

    init(dataDirectory: String) throws {
        path = "\(dataDirectory)/admins.v1"
        reloadIfChanged()
    }

    var isEmpty: Bool {
        reloadIfChanged()
        return state.withLock { $0.admins.isEmpty }
    }

    /// Adds an admin or replaces their password. Slow (hashes); run off the loops.
    func set(email: String, password: String) throws {
        let key = Self.key(email)
        guard !key.isEmpty, !key.contains("\t"), !key.contains("\n") else { throw AdminError.invalidEmail }
        guard password.count >= 8 else { throw AdminError.passwordTooShort }
        let hash = try PasswordHasher.hash(password)
        reloadIfChanged()
        let snapshot = state.withLock { state in
            state.admins[key] = hash
            return state.admins
        }
        try save(snapshot)
    }

    /// The admin's canonical email when the password is right; nil otherwise. Takes as long either way.
    func verify(email: String, password: String) -> String? {
        reloadIfChanged()
        let key = Self.key(email)
        let hash = state.withLock { $0.admins[key] }
        let matches = PasswordHasher.verify(password, against: hash ?? PasswordHasher.decoy)
        return matches && hash != nil ? key : nil
    }

    static func key(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private func reloadIfChanged() {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let modified = info.st_mtim
        let isSame = state.withLock {
            $0.modified.tv_sec == modified.tv_sec && $0.modified.tv_nsec == modified.tv_nsec
        }
        guard !isSame, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        var loaded: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { loaded[String(parts[0])] = String(parts[1]) }
        }
        state.withLock { $0 = State(admins: loaded, modified: modified) }
    }

    private func save(_ admins: [String: String]) throws {
        var text = Self.formatLine + "\n"
        for (email, hash) in admins.sorted(by: { $0.key < $1.key }) { text += "\(email)\t\(hash)\n" }
        try AtomicFile.write(path: path, bytes: Array(text.utf8), mode: 0o600)
    }
}

/// Why an admin could not be added.
enum AdminError: Error, CustomStringConvertible {
    case invalidEmail
    case passwordTooShort

    var description: String {
        switch self {
        case .invalidEmail: "the admin email is empty or holds a tab or line break"
        case .passwordTooShort: "the password must have at least 8 characters"
        }
    }
}
