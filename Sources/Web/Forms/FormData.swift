#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fields and files of a form upload, in the order they arrived, as collected by `MultipartSpooler`.
///
/// A value, safe to share between threads. Its files are on disk until claimed (`UploadedFile.moveTo(path:)`)
/// or removed (`removeSpoolFiles()`); whoever handles the request owns them.
public struct FormData: Sendable {
    /// One text field.
    public struct Field: Sendable, Hashable {
        /// The field name.
        public let name: String
        /// The value, decoded as UTF-8 (invalid bytes become U+FFFD).
        public let value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Every text field, in order, repeats included.
    public let fields: [Field]
    /// Every file, in order.
    public let files: [UploadedFile]

    /// Creates form data.
    public init(fields: [Field] = [], files: [UploadedFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// The first value of the text field `name`, or nil.
    public func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of the text field `name`, in order.
    public func fields(named name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The first file sent in the field `name`, or nil.
    public func file(_ name: String) -> UploadedFile? {
        files.first { $0.fieldName == name }
    }

    /// Every file sent in the field `name`, in order.
    public func files(named name: String) -> [UploadedFile] {
        files.filter { $0.fieldName == name }
    }

    /// Deletes the spool files that were not moved away; call it when the request is done with its files.
    /// A file already claimed is simply not there any more.
    public func removeSpoolFiles() {
        for file in files { _ = unlink(file.spoolPath) }
    }
}
