import Glibc

/// A fresh folder under the system temporary directory, made at run time and removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        let base = String(cString: getenv("TMPDIR") ?? strdup("/tmp"))
        var template = Array((base + "/storage-test-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() {
        _ = Glibc.system("rm -rf '\(path)'")
    }
}
