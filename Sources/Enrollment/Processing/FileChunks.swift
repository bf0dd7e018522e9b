#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file front to back in fixed-size chunks, within the size limit; the only file I/O of the readers.
enum FileChunks {
    /// Feeds the whole file at `path` to `reader` and finishes it, passing every event to `onEvent`. Throws what
    /// `forEach` and the reader throw.
    static func feed<Reader: ChunkFedReader>(
        path: String, limits: ReadingLimits, to reader: inout Reader,
        _ onEvent: (consuming Reader.Event) throws(FileRefusal) -> Void
    ) throws(FileRefusal) {
        try forEach(path: path, limits: limits) { (chunk) throws(FileRefusal) in try reader.feed(chunk, onEvent) }
        try reader.finish(onEvent)
    }

    /// Calls `body` with each chunk of the file at `path`, in order, reusing one buffer of `limits.chunkBytes`.
    /// Throws `FileRefusal.unreadable` (with `errno`) when the file cannot be opened or read, `.tooLarge` when it
    /// is (or grows) larger than `limits.maxFileBytes`, or what `body` throws.
    static func forEach(
        path: String, limits: ReadingLimits, _ body: (UnsafeBufferPointer<UInt8>) throws(FileRefusal) -> Void
    ) throws(FileRefusal) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(errno: errno) }
        if Int(status.st_size) > limits.maxFileBytes { throw .tooLarge(limit: limits.maxFileBytes) }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: limits.chunkBytes)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(errno: errno)
            }
            if count == 0 { return }
            total += count
            if total > limits.maxFileBytes { throw .tooLarge(limit: limits.maxFileBytes) }
            try body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
