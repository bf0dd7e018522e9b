/// Checks on an upload that need no reading of its bytes: the file's type by its name.
enum UploadCheck {
    /// Why the file is refused before it is read, or nil.
    static func refusal(fileName: String) -> String? {
        let lower = fileName.lowercased()
        let allowed = [".txt", ".csv"]
        if allowed.contains(where: { lower.hasSuffix($0) }) { return nil }
        let ext = lower.split(separator: ".", omittingEmptySubsequences: false).last.map { ".\($0)" } ?? ""
        let got = lower.contains(".") ? " (this file is \(ext))" : ""
        return "The file must be a .txt or .csv file\(got)."
    }
}
