#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension MultipartSpooler {
    /// Deletes spool files left in `directory` by an earlier run (e.g. after a crash); call it at start-up,
    /// before any upload begins. Only names made by the spooler (`upload-…part`) are touched.
    /// - Returns: how many files were deleted.
    @discardableResult
    public static func removeLeftoverSpoolFiles(in directory: String) -> Int {
        guard let stream = opendir(directory) else { return 0 }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(SpoolFile.namePrefix) && name.hasSuffix(SpoolFile.nameSuffix) { names.append(name) }
        }
        return names.filter { unlink(directory + "/" + $0) == 0 }.count
    }
}
