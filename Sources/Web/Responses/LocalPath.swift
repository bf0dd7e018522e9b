/// Decides whether a redirect target stays on this site.
public enum LocalPath {
    /// Whether `target` is a path on this origin: it starts with a single `/`, holds no backslash (browsers
    /// read `/\host` as `//host`), no control character and no scheme-like prefix. `//evil.example` and
    /// `https://…` are not local.
    public static func isLocal(_ target: String) -> Bool {
        guard target.hasPrefix("/"), !target.hasPrefix("//") else { return false }
        for scalar in target.unicodeScalars {
            if scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F { return false }
        }
        return true
    }
}
