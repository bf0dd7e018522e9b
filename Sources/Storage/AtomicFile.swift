import Glibc

/// Replaces a file whole or not at all: write a temporary file in the same folder, `fsync` it, `rename` it over
/// the target, `fsync` the folder. A crash leaves either the old file or the new one, never a mix; a leftover
/// temporary file (`.<name>.tmp`) is ignored and overwritten next time.
public enum AtomicFile {
    /// The temporary name used while `path` is being replaced.
    public static func temporaryPath(for path: String) -> String {
        let folder = FileSystem.directoryName(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return folder + "/." + name + ".tmp"
    }

    /// Replaces `path` with `bytes`.
    public static func write(path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(StorageError) {
        try write(path: path, mode: mode) { (writer) throws(StorageError) in try writer.write(bytes) }
    }

    /// Replaces `path` with what `body` writes through the buffered writer; a new file gets `mode` (e.g. 0600 for
    /// secrets) from its first byte, since the temporary file is created with it.
    public static func write(
        path: String, mode: mode_t = 0o644, _ body: (inout BufferedFileWriter) throws(StorageError) -> Void
    ) throws(StorageError) {
        let temporary = temporaryPath(for: path)
        let fd = try FileSystem.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
        do throws(StorageError) {
            var writer = BufferedFileWriter(fd: fd, path: temporary)
            try body(&writer)
            try writer.flush()
            try FileSystem.sync(fd, path: temporary)
            FileSystem.close(fd)
        } catch {
            FileSystem.close(fd)
            try? FileSystem.remove(temporary)
            throw error
        }
        try FileSystem.rename(temporary, to: path)
        try FileSystem.syncDirectory(FileSystem.directoryName(of: path))
    }

    /// Reads a whole (small) file.
    public static func read(path: String) throws(StorageError) -> [UInt8] {
        let fd = try FileSystem.open(path, flags: O_RDONLY)
        defer { FileSystem.close(fd) }
        let size = try FileSystem.size(fd, path: path)
        return try FileSystem.read(fd, count: Int(size), at: 0, path: path)
    }
}
