#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A new, uniquely named file in the spool directory, written with `write(2)`.
///
/// The name is random (`upload-` and 32 hex digits, `.part`), never derived from the client; the file is made
/// with `O_CREAT | O_EXCL` and mode 0600, so it cannot replace or follow anything that already exists.
struct SpoolFile {
    /// The prefix of every spool file name, used to find leftovers.
    static let namePrefix = "upload-"
    /// The suffix of every spool file name.
    static let nameSuffix = ".part"

    let path: String
    private(set) var descriptor: Int32

    /// Creates the file in `directory`.
    /// - Throws: `UploadError.spoolFailed` when it cannot be created.
    init(in directory: String) throws(UploadError) {
        var generator = SystemRandomNumberGenerator()
        // A clash of 128 random bits means a broken generator; a few retries cover even that.
        for _ in 0..<4 {
            let name = (0..<2).map { _ in Self.hex(generator.next() as UInt64) }.joined()
            let path = directory + "/" + Self.namePrefix + name + Self.nameSuffix
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                self.path = path
                self.descriptor = descriptor
                return
            }
            guard errno == EEXIST else { throw .spoolFailed(operation: "open", errno: errno) }
        }
        throw .spoolFailed(operation: "open", errno: EEXIST)
    }

    /// Writes all of `bytes`, retrying short writes and `EINTR`.
    /// - Throws: `UploadError.spoolFailed` with the `errno` of `write(2)`.
    func append(_ bytes: UnsafeRawBufferPointer) throws(UploadError) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw .spoolFailed(operation: "write", errno: errno)
            }
            next += written
            remaining -= written
        }
    }

    /// Closes the file, keeping it.
    /// - Throws: `UploadError.spoolFailed` when `close(2)` reports a failed write.
    mutating func seal() throws(UploadError) {
        guard descriptor >= 0 else { return }
        let result = close(descriptor)
        descriptor = -1
        if result != 0 && errno != EINTR { throw .spoolFailed(operation: "close", errno: errno) }
    }

    /// Closes and deletes the file; errors are ignored, as this runs while something else already failed.
    mutating func discard() {
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
        _ = unlink(path)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
