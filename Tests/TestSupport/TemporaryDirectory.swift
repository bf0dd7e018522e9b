import Glibc

/// A fresh folder under the system temporary directory (`TMPDIR`, else `/tmp`), made at run time and removed by
/// `remove()`. Shared by the test targets.
public struct TemporaryDirectory: Sendable {
    public let path: String

    /// A new folder named `<prefix>-XXXXXX`.
    public init(prefix: String = "test") {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((base + "/\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Removes the folder and everything in it.
    public func remove() {
        _ = Glibc.system("rm -rf '\(path)'")
    }
}
