import Foundation
import Synchronization

/// The console's admins: email and password hash, kept in `admins.v1` in the data folder.
///
/// The file is small and rewritten whole (temp file, fsync, rename, fsync the folder) on each change; one line
/// per admin: `email<TAB>hash`. The first line is the format version.
final class AdminAccounts: Sendable {
    private let path: String
    private let admins: Mutex<[String: String]>
    static let formatLine = "enrollment-console admins v1"

    init(dataDirectory: String) throws {
        path = "\(dataDirectory)/admins.v1"
        var loaded: [String: String] = [:]
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            for line in text.split(separator: "\n").dropFirst() {
                let parts = line.split(separator: "\t", maxSplits: 1)
                if parts.count == 2 { loaded[String(parts[0])] = String(parts[1]) }
            }
        }
        admins = Mutex(loaded)
    }

    var isEmpty: Bool { admins.withLock { $0.isEmpty } }

    var emails: [String] { admins.withLock { $0.keys.sorted() } }

    /// Adds an admin or replaces their password. Slow (hashes); run off the loops.
    func set(email: String, password: String) throws {
        let key = Self.key(email)
        guard !key.isEmpty, !key.contains("\t"), !key.contains("\n") else { throw AdminError.invalidEmail }
        guard password.count >= 8 else { throw AdminError.passwordTooShort }
        let hash = try PasswordHasher.hash(password)
        let snapshot = admins.withLock { admins in
            admins[key] = hash
            return admins
        }
        try save(snapshot)
    }

    /// The admin's canonical email when the password is right; nil otherwise. Takes as long either way.
    func verify(email: String, password: String) -> String? {
        let key = Self.key(email)
        let hash = admins.withLock { $0[key] }
        let matches = PasswordHasher.verify(password, against: hash ?? PasswordHasher.decoy)
        return matches && hash != nil ? key : nil
    }

    static func key(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private func save(_ admins: [String: String]) throws {
        var text = Self.formatLine + "\n"
        for (email, hash) in admins.sorted(by: { $0.key < $1.key }) { text += "\(email)\t\(hash)\n" }
        try DurableFile.replace(path: path, with: Array(text.utf8), mode: 0o600)
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
