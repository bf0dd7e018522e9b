import Foundation
import Storage

/// Makes sure a new data folder has an admin.
///
/// From `ENROLLMENT_ADMIN_EMAIL` and `ENROLLMENT_ADMIN_PASSWORD` when both are set; otherwise
/// `admin@localhost` with a random password, printed once and written to `initial-admin-password` (mode 0600).
enum AdminBootstrap {
    static let defaultEmail = "admin@localhost"

    static func ensureAdmin(
        _ admins: AdminAccounts, dataDirectory: String, environment: [String: String],
        announce: @Sendable (String) -> Void
    ) throws {
        guard admins.isEmpty else { return }
        if let email = environment["ENROLLMENT_ADMIN_EMAIL"], let password = environment["ENROLLMENT_ADMIN_PASSWORD"],
            !email.isEmpty, !password.isEmpty
        {
            try admins.set(email: email, password: password)
            announce("Created admin \(AdminAccounts.key(email)) from ENROLLMENT_ADMIN_EMAIL.")
            return
        }
        let password = randomPassword()
        try admins.set(email: defaultEmail, password: password)
        let path = "\(dataDirectory)/initial-admin-password"
        try AtomicFile.write(path: path, bytes: Array("\(defaultEmail)\n\(password)\n".utf8), mode: 0o600)
        announce(
            "Created admin \(defaultEmail) with password \(password) (also in \(path); change it or delete the file).")
    }

    /// 20 characters from an alphabet without look-alikes: about 113 bits.
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
