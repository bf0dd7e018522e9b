import Foundation

/// The retry record of a message that failed temporarily, kept in `outbox/retry/<name>.json`.
///
/// A message without one has never been tried. Written with write-temp-fsync-rename, so it is either the old or
/// the new record; a record that cannot be read counts as none (the message is simply due).
public struct OutboxRetryState: Sendable, Equatable, Codable {
    /// Format version; this code writes and reads 1.
    public var version = 1
    /// Attempts made so far, all failed temporarily.
    public var attempts: Int
    /// Milliseconds since 1970 before which the message is not tried again.
    public var nextAttempt: Int64
    /// The last failure: the relay's reply or why the connection failed.
    public var lastError: String

    /// A record after `attempts` failed attempts.
    public init(attempts: Int, nextAttempt: Int64, lastError: String) {
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.lastError = lastError
    }

    /// Reads the record at `path`; `nil` when there is none or it is not a version-1 record.
    static func read(at path: String) -> OutboxRetryState? {
        guard let data = FileManager.default.contents(atPath: path),
            let state = try? JSONDecoder().decode(OutboxRetryState.self, from: data), state.version == 1
        else { return nil }
        return state
    }

    /// The record as written to disk.
    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of numbers and a string cannot fail.
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
