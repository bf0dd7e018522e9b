import Foundation

extension TemplateLibrary {
    /// The file name extension of templates in a folder.
    public static let fileExtension = "mustache"

    /// Loads and compiles every `*.mustache` file under `directory`, recursively.
    ///
    /// A template's name is its path relative to `directory` without the extension, with `/` between
    /// folders (`pages/import`). Other files are ignored. Files must be UTF-8; a leading byte-order mark
    /// is dropped.
    ///
    /// - Throws: `unreadable` when the folder or a file cannot be read, `invalidEncoding` for a file that
    ///   is not UTF-8, and the first syntax error met, in name order.
    public init(
        directory: String, partialDepthLimit: Int = TemplateLibrary.defaultPartialDepthLimit
    ) throws(TemplateError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(path: directory, reason: "not a folder")
        }
        let paths: [String]
        do {
            paths = try fileManager.subpathsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(path: directory, reason: String(describing: error))
        }
        let suffix = "." + Self.fileExtension
        var templates: [String: Template] = [:]
        for path in paths.sorted() where path.hasSuffix(suffix) {
            let fullPath = (directory as NSString).appendingPathComponent(path)
            guard let data = fileManager.contents(atPath: fullPath) else {
                // Folders named `*.mustache` are not templates; anything else unreadable is an error.
                var isFolder: ObjCBool = false
                if fileManager.fileExists(atPath: fullPath, isDirectory: &isFolder), isFolder.boolValue { continue }
                throw .unreadable(path: fullPath, reason: "cannot read file")
            }
            let name = String(path.dropLast(suffix.count))
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                // An editor's UTF-8 byte-order mark is not content; kept, it would land mid-page in a layout.
                bytes.removeFirst(3)
            }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw .invalidEncoding(template: name)
            }
            templates[name] = try Template(name: name, source: bytes)
        }
        self.init(compiled: templates, partialDepthLimit: partialDepthLimit)
    }
}
