import Glibc

/// What went wrong in the storage layer; every case names the file or folder and, for damaged data, the byte
/// offset, so a log line or the `check` report points at the exact place.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// A system call failed: `operation` is its name ("open", "fsync", ...), `errno` the C error number.
    case system(operation: String, path: String, errno: Int32)
    /// The file does not start with this project's record-file header (wrong magic).
    case notARecordFile(path: String)
    /// The header is present but its checksum does not match: the file cannot be trusted.
    case corruptHeader(path: String)
    /// The file holds another kind of records than the caller expects (e.g. a results file opened as a journal).
    case wrongFileType(path: String, expected: String, found: String)
    /// The file was written by a newer or unknown format version.
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// A frame or snapshot could not be read whole; `offset` is the byte offset where the damage starts.
    case corrupt(path: String, offset: Int64, reason: String)
    /// A record payload is larger than `RecordLog.maximumRecordLength`.
    case recordTooLarge(length: Int, limit: Int)
    /// Another process holds the data folder; `pid` is the owner written in the lock file (0 when unreadable).
    case folderLocked(folder: String, pid: Int32)
    /// A payload ended before the field being read, or held an impossible value (a programmer or format error).
    case malformedRecord(reason: String)
    /// The log or lock was used after `close()`.
    case closed(path: String)

    /// A message naming the file, folder or offset concerned.
    public var description: String {
        switch self {
        case .system(let operation, let path, let code):
            return "\(operation) failed on \(path): \(String(cString: strerror(code))) (errno \(code))"
        case .notARecordFile(let path):
            return "\(path) is not a record file of this console (bad magic)"
        case .corruptHeader(let path):
            return "\(path) has a corrupt header (checksum mismatch)"
        case .wrongFileType(let path, let expected, let found):
            return "\(path) holds \(found) records, expected \(expected)"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path) has format version \(found); this console reads version \(supported)"
        case .corrupt(let path, let offset, let reason):
            return "\(path) is damaged at byte offset \(offset): \(reason)"
        case .recordTooLarge(let length, let limit):
            return "record of \(length) bytes exceeds the limit of \(limit) bytes"
        case .folderLocked(let folder, let pid):
            let owner = pid > 0 ? "process \(pid)" : "another process"
            return "The data folder \(folder) is in use by \(owner); stop it or choose another --data-dir."
        case .malformedRecord(let reason):
            return "malformed record: \(reason)"
        case .closed(let path):
            return "\(path) was used after it was closed"
        }
    }
}
