import CSystemShims
import Glibc

/// Thin wrappers over the POSIX file calls the storage layer uses: each retries `EINTR`, loops over short reads
/// and writes, and throws `StorageError.system` carrying the path and `errno`.
public enum FileSystem {
    /// Opens `path` with `flags` (`O_CLOEXEC` is always added); creates it with `mode` (default 0644) when
    /// `O_CREAT` is set.
    public static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(StorageError) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw .system(operation: "open", path: path, errno: errno) }
        }
    }

    /// Closes a descriptor; errors are ignored (the data was made durable, or not, by `fsync` before).
    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Writes all of `bytes` at `offset`.
    public static func write(
        _ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String
    ) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(operation: "pwrite", path: path, errno: errno)
            }
            done += n
        }
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns how many were read (fewer only at end of file).
    public static func read(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: Int64, path: String
    ) throws(StorageError) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(operation: "pread", path: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads exactly `count` bytes at `offset`, or fewer at end of file.
    public static func read(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(StorageError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withMutableBytes { (buffer) throws(StorageError) -> Int in
            try read(fd, into: buffer, count: count, at: offset, path: path)
        }
        if got < count { bytes.removeLast(count - got) }
        return bytes
    }

    /// Flushes the file's data and metadata to stable storage.
    public static func sync(_ fd: Int32, path: String) throws(StorageError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw .system(operation: "fsync", path: path, errno: errno) }
        }
    }

    /// Cuts the file to `length` bytes.
    public static func truncate(_ fd: Int32, to length: Int64, path: String) throws(StorageError) {
        while ftruncate(fd, off_t(length)) != 0 {
            if errno != EINTR { throw .system(operation: "ftruncate", path: path, errno: errno) }
        }
    }

    /// The size of an open file in bytes.
    public static func size(_ fd: Int32, path: String) throws(StorageError) -> Int64 {
        var info = stat()
        if fstat(fd, &info) != 0 { throw .system(operation: "fstat", path: path, errno: errno) }
        return Int64(info.st_size)
    }

    /// Starts writing `count` bytes of `fd` from `offset`, written just before, to disk, without waiting for them
    /// (`sync_file_range` with `SYNC_FILE_RANGE_WRITE`): the disk works while the writer goes on, and the `fsync`
    /// that makes them durable later waits for little. Best effort: errors are left for that `fsync` to report.
    public static func startWriteback(_ fd: Int32, offset: Int64, count: Int) {
        _ = csys_start_writeback(fd, offset, Int64(count))
    }

    /// Makes a rename or a new file in `directory` durable by syncing the folder itself.
    public static func syncDirectory(_ directory: String) throws(StorageError) {
        let fd = try open(directory, flags: O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try sync(fd, path: directory)
    }

    /// Creates `path` (and its parents) when missing.
    public static func makeDirectory(_ path: String) throws(StorageError) {
        if isDirectory(path) { return }
        let parent = directoryName(of: path)
        if parent != path && !parent.isEmpty && !isDirectory(parent) { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .system(operation: "mkdir", path: path, errno: errno) }
    }

    /// Whether `path` names an existing folder.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` names an existing file or folder.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The names in `directory`, without "." and "..", unsorted.
    public static func contents(of directory: String) throws(StorageError) -> [String] {
        guard let dir = opendir(directory) else { throw .system(operation: "opendir", path: directory, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Renames `source` to `destination`, replacing it atomically (same file system).
    public static func rename(_ source: String, to destination: String) throws(StorageError) {
        if Glibc.rename(source, destination) != 0 { throw .system(operation: "rename", path: source, errno: errno) }
    }

    /// Makes `destination` a second name of `source` (a hard link).
    public static func link(_ source: String, to destination: String) throws(StorageError) {
        if Glibc.link(source, destination) != 0 { throw .system(operation: "link", path: source, errno: errno) }
    }

    /// Removes a file; a missing file is not an error.
    public static func remove(_ path: String) throws(StorageError) {
        if unlink(path) != 0 && errno != ENOENT { throw .system(operation: "unlink", path: path, errno: errno) }
    }

    /// The folder part of a path ("." when there is none).
    public static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

extension FileSystem {
    /// Moves a file: `rename` when both paths are on one file system, else copy, `fsync` and remove the source.
    /// The destination folder is synced either way.
    public static func moveFile(_ source: String, to destination: String) throws(StorageError) {
        if Glibc.rename(source, destination) != 0 {
            guard errno == EXDEV else { throw .system(operation: "rename", path: source, errno: errno) }
            try copyFile(source, to: destination)
            try remove(source)
        }
        try syncDirectory(directoryName(of: destination))
    }

    /// Copies a file in 1 MiB pieces and syncs the copy.
    public static func copyFile(_ source: String, to destination: String) throws(StorageError) {
        let input = try open(source, flags: O_RDONLY)
        defer { close(input) }
        let output = try open(destination, flags: O_WRONLY | O_CREAT | O_TRUNC)
        defer { close(output) }
        var offset: Int64 = 0
        while true {
            let bytes = try read(input, count: 1 << 20, at: offset, path: source)
            if bytes.isEmpty { break }
            try bytes.withBytes { (raw) throws(StorageError) in try write(output, raw, at: offset, path: destination) }
            offset += Int64(bytes.count)
        }
        try sync(output, path: destination)
    }
}
