import CSystemShims
import Glibc
import Synchronization

/// Makes one process the owner of a data folder: an exclusive `flock` on `<folder>/lock`, a file holding the
/// owner's PID. The lock is released by `release()` or when the process dies (the kernel drops it), so a crash
/// never leaves the folder locked.
///
/// `flock` locks belong to an open file description: a second `acquire` fails even inside the same process.
public final class DataFolderLock: Sendable {
    /// The name of the lock file inside the data folder.
    public static let fileName = "lock"

    /// The locked folder.
    public let folder: String
    /// The lock file's descriptor; -1 once released.
    private let fd: Mutex<Int32>

    private init(folder: String, fd: Int32) {
        self.folder = folder
        self.fd = Mutex(fd)
    }

    /// Locks `folder` (created when missing) for this process, writing `pid` into the lock file. Throws
    /// `StorageError.folderLocked` naming the folder and the PID of the owner when another holder exists.
    public static func acquire(folder: String, pid: Int32 = getpid()) throws(StorageError) -> DataFolderLock {
        try FileSystem.makeDirectory(folder)
        let path = folder + "/" + fileName
        let fd = try FileSystem.open(path, flags: O_RDWR | O_CREAT)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            let owner = (try? FileSystem.read(fd, count: 32, at: 0, path: path)) ?? []
            FileSystem.close(fd)
            if code == EWOULDBLOCK {
                let text = String(decoding: owner, as: UTF8.self).split(separator: "\n").first.map(String.init)
                throw .folderLocked(folder: folder, pid: text.flatMap { Int32($0) } ?? 0)
            }
            throw .system(operation: "flock", path: path, errno: code)
        }
        do throws(StorageError) {
            try FileSystem.truncate(fd, to: 0, path: path)
            try Array("\(pid)\n".utf8).withBytes { (raw) throws(StorageError) in
                try FileSystem.write(fd, raw, at: 0, path: path)
            }
            try FileSystem.sync(fd, path: path)
        } catch {
            FileSystem.close(fd)
            throw error
        }
        return DataFolderLock(folder: folder, fd: fd)
    }

    /// The PID written in the lock file of `folder`, if any (for messages; the lock itself is the `flock`).
    public static func ownerPID(folder: String) -> Int32? {
        guard let bytes = try? AtomicFile.read(path: folder + "/" + fileName) else { return nil }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// Releases the lock (idempotent); the file stays, its PID stale until the next owner writes its own.
    public func release() {
        fd.withLock { fd in
            guard fd >= 0 else { return }
            _ = flock(fd, LOCK_UN)
            FileSystem.close(fd)
            fd = -1
        }
    }
}
