#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file part of a form upload, stored whole in the spool directory by `MultipartSpooler`.
///
/// The spool file belongs to whoever holds the `FormData`: claim it with `moveTo(path:)` (e.g. into the
/// operation's folder), or let `FormData.removeSpoolFiles()` delete it.
public struct UploadedFile: Sendable, Hashable {
    /// The form field the file came in.
    public let fieldName: String
    /// The client's file name for display only: path components and control characters removed (see
    /// `displayName(for:)`); may be empty. Never use it as a path.
    public let fileName: String
    /// The part's `Content-Type` as the client sent it, or nil; a claim, not a verified fact.
    public let contentType: String?
    /// Where the bytes are: a randomly named file in the spool directory.
    public let spoolPath: String
    /// The number of bytes of the file.
    public let byteCount: Int

    /// Creates a description of a spooled file.
    public init(fieldName: String, fileName: String, contentType: String?, spoolPath: String, byteCount: Int) {
        self.fieldName = fieldName
        self.fileName = fileName
        self.contentType = contentType
        self.spoolPath = spoolPath
        self.byteCount = byteCount
    }

    /// Moves the spool file to `path` with `rename(2)`, so the upload is claimed without copying; `path` must be
    /// on the same file system as the spool directory (keep the spool directory inside the data folder).
    /// - Throws: `UploadError.spoolFailed(operation: "rename", errno:)`, e.g. `EXDEV` across file systems.
    public func moveTo(path: String) throws(UploadError) {
        guard rename(spoolPath, path) == 0 else { throw .spoolFailed(operation: "rename", errno: errno) }
    }

    /// The maximum number of characters kept by `displayName(for:)`.
    public static let maxDisplayNameCharacters = 255

    /// A file name fit for display: only the last path component (after `/` or `\`, so
    /// `C:\Users\x\list.csv` shows as `list.csv`), without control or bidirectional-override characters,
    /// trimmed, at most `maxDisplayNameCharacters` long; `.` and `..` become empty.
    public static func displayName(for rawName: String) -> String {
        let lastComponent = rawName.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        let baseName = lastComponent.split(separator: "\\", omittingEmptySubsequences: false).last ?? ""
        let scalars = baseName.unicodeScalars.filter { !isHidden($0) }
        var name = String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: " ")
        if name == "." || name == ".." { name = "" }
        return String(name.prefix(maxDisplayNameCharacters))
    }

    /// Control characters (C0, DEL, C1) and the bidirectional controls that can disguise a name's extension.
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var view = self[...]
        while view.first == character { view = view.dropFirst() }
        while view.last == character { view = view.dropLast() }
        return String(view)
    }
}
