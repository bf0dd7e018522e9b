import Foundation
import Glibc

/// The durable file operations of the outbox: atomic writes, moves and removals, each followed by `fsync` of the
/// directories involved, so a completed call survives a power cut.
enum OutboxFiles {
    /// Writes `bytes` to `path` through a temporary dot-file in the same folder: write, `fsync`, `rename`, `fsync`
    /// of the folder.
    ///
    /// - Throws: `OutboxError.io` naming the step and path.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(OutboxError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/." + (path as NSString).lastPathComponent + ".tmp"
        guard let fd = try run("open", temporary, { open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) })
        else { throw .io(operation: "open", path: temporary, errno: EAGAIN) }
        defer { _ = close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = try run("write", temporary) {
                bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            }
            offset += written ?? 0
        }
        try run("fsync", temporary) { fsync(fd) }
        try run("rename", path) { rename(temporary, path) }
        try syncFolder(folder)
    }

    /// Moves `source` to `destination` (same file system) and syncs both folders.
    static func move(_ source: String, to destination: String) throws(OutboxError) {
        try run("rename", source) { rename(source, destination) }
        try syncFolder((destination as NSString).deletingLastPathComponent)
        try syncFolder((source as NSString).deletingLastPathComponent)
    }

    /// Removes `path` if it exists and syncs its folder.
    static func remove(_ path: String) throws(OutboxError) {
        let result = unlink(path)
        if result != 0 && errno == ENOENT { return }
        try run("unlink", path) { result }
        try syncFolder((path as NSString).deletingLastPathComponent)
    }

    /// Creates `path` (and its parents) if missing.
    static func makeFolder(_ path: String) throws(OutboxError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(operation: "mkdir", path: path, errno: EIO)
        }
    }

    /// Whether a file exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Modification time of `path` in milliseconds since 1970, or `nil` if it is gone.
    static func modified(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
    }

    private static func syncFolder(_ folder: String) throws(OutboxError) {
        guard let fd = try run("open", folder, { open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }) else { return }
        defer { _ = close(fd) }
        try run("fsync", folder) { fsync(fd) }
    }

    /// `SystemCall.run` with the error mapped to `OutboxError.io`.
    @discardableResult
    private static func run<Result: FixedWidthInteger>(
        _ name: String, _ path: String, _ body: () -> Result
    ) throws(OutboxError) -> Result? {
        do {
            return try SystemCall.run(name, body)
        } catch .systemCall(_, let code) {
            throw .io(operation: name, path: path, errno: code)
        } catch {
            throw .io(operation: name, path: path, errno: EIO)
        }
    }
}

/// A file operation of the outbox that failed.
public enum OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `operation` (`open`, `write`, `fsync`, `rename`, `unlink`, `mkdir`) on `path` failed with `errno`.
    case io(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code):
            "outbox \(operation) \((path as NSString).lastPathComponent): \(String(cString: strerror(code)))"
        }
    }
}
