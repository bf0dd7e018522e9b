import CSystemShims
import Foundation
import Web

/// Hashes and verifies admin passwords with the operating system's libcrypt (yescrypt), never by hand.
///
/// Hashing is deliberately slow (tens of milliseconds); callers run it off the server's loops.
enum PasswordHasher {
    /// A yescrypt hash string (`$y$…`) of `password` with a fresh random salt.
    static func hash(_ password: String) throws(PasswordError) -> String {
        var random = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for i in random.indices { random[i] = UInt8.random(in: 0...255, using: &generator) }
        var setting = [CChar](repeating: 0, count: 128)
        guard csys_crypt_gensalt(random, Int32(random.count), &setting, Int32(setting.count)) == 0 else {
            throw .unavailable
        }
        return try crypt(password, setting: setting)
    }

    /// Whether `password` matches `hash`, compared in constant time.
    static func verify(_ password: String, against hash: String) -> Bool {
        guard let computed = try? crypt(password, setting: Array(hash.utf8CString)) else { return false }
        return SessionToken.constantTimeEquals(computed, hash)
    }

    private static func crypt(_ password: String, setting: [CChar]) throws(PasswordError) -> String {
        var out = [CChar](repeating: 0, count: 512)
        guard password.utf8.count <= 1024, csys_crypt(password, setting, &out, Int32(out.count)) == 0 else {
            throw .unavailable
        }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A hash of a random password, verified against when the email is unknown, so that a wrong email takes
    /// as long as a wrong password.
    static let decoy: String = (try? hash(UUID().uuidString)) ?? "$y$j9T$decoy$"
}

/// libcrypt refused to hash (unsupported method or a password over 1,024 bytes).
enum PasswordError: Error {
    case unavailable
}
