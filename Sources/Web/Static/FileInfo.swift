#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat(2)` says about a path (symlinks followed).
struct FileInfo: Sendable, Equatable {
    /// The size in bytes.
    let size: Int
    /// The modification time: whole seconds since 1970 and the nanoseconds within.
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int
    /// Whether the path names a regular file (not a directory, device or socket).
    let isRegularFile: Bool

    /// The information for `path`, or nil when it does not exist or cannot be examined.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        size = Int(status.st_size)
        #if canImport(Darwin)
            modifiedSeconds = Int(status.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(status.st_mtimespec.tv_nsec)
        #else
            modifiedSeconds = Int(status.st_mtim.tv_sec)
            modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
        #endif
        isRegularFile = (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The canonical absolute path of `path` with every symlink, `.` and `..` resolved, or nil when it does not
    /// exist (`realpath(3)`).
    static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
