import Foundation

/// Generated input files for the benchmarks: deterministic, written in chunks, never held whole in memory.
enum SampleFiles {
    static let importHeader = "Email ID,First Name,Last Name,Alternate ID,Work Phone,Title,Department,User Status\r\n"

    /// Writes an import file of `rows` rows (about 90 bytes each) to `path` and returns its size in bytes.
    ///
    /// Of every 100 rows: 86 are `New`, 5 `Update` and 3 `Activate` of a user created 50 rows earlier, 1
    /// `Delete` of such a user, 4 `New` with a quoted last name holding a comma, and 1 `New` with an invalid
    /// email. The first 50 rows' updates find no user, as in a real file that refers to people not yet there.
    /// `prefix` changes every address, so two files of one size can hold different people.
    @discardableResult
    static func writeImport(rows: Int, to path: String, prefix: String = "user") throws -> Int {
        try write(to: path) { out in
            out.append(contentsOf: importHeader.utf8)
            for index in 0..<rows {
                let slot = index % 100
                var status = "New"
                var target = index
                var email = true
                switch slot {
                case 90..<95: (status, target) = ("Update", index - 50)
                case 95..<98: (status, target) = ("Activate", index - 50)
                case 98: (status, target) = ("Delete", index - 50)
                case 99: email = false
                default: break
                }
                let id = String(target)
                if email {
                    out.append(contentsOf: "\(prefix)\(id)@example.com,".utf8)
                } else {
                    out.append(contentsOf: "\(prefix)\(id).example.com,".utf8)
                }
                let last = slot >= 86 && slot < 90 ? "\"Lee, \(id)\"" : "Lee\(id)"
                out.append(contentsOf: "Ann\(id),\(last),A\(id),+1 555 \(index % 10_000),".utf8)
                out.append(contentsOf: "Engineer,Research,\(status)\r\n".utf8)
            }
        }
    }

    /// Writes an import file of `rows` Update rows for the people `writeImport(rows:)` creates (same addresses, a
    /// new title and department each) and returns its size in bytes. About one row in ten names a person that
    /// file did not create, as in a real roster, and fails with "no such user".
    @discardableResult
    static func writeUpdate(rows: Int, to path: String) throws -> Int {
        try write(to: path) { out in
            out.append(contentsOf: importHeader.utf8)
            for index in 0..<rows {
                out.append(contentsOf: "user\(index)@example.com,Ann\(index),Lee\(index),A\(index),".utf8)
                out.append(contentsOf: "+1 555 \(index % 10_000),Manager,Sales,Update\r\n".utf8)
            }
        }
    }

    /// Writes a bulk-invite file of `count` addresses to `path` and returns its size in bytes.
    ///
    /// Addresses are separated mostly by newlines, some by commas, semicolons or spaces; one in 100 is invalid
    /// and one in 200 repeats an earlier one.
    @discardableResult
    static func writeInvite(count: Int, to path: String, prefix: String = "guest") throws -> Int {
        try write(to: path) { out in
            for index in 0..<count {
                let slot = index % 200
                if slot == 17 {
                    out.append(contentsOf: "\(prefix)\(index)-at-example.com".utf8)
                } else if slot == 33 && index > 100 {
                    out.append(contentsOf: "\(prefix)\(index - 100)@example.com".utf8)
                } else {
                    out.append(contentsOf: "\(prefix)\(index)@example.com".utf8)
                }
                switch index % 10 {
                case 3: out.append(contentsOf: ", ".utf8)
                case 6: out.append(contentsOf: ";".utf8)
                case 8: out.append(contentsOf: " ".utf8)
                default: out.append(contentsOf: "\n".utf8)
                }
            }
        }
    }

    /// Writes `bytes` bytes of CSV-looking lines, for upload tests.
    @discardableResult
    static func writeFiller(bytes target: Int, to path: String) throws -> Int {
        try write(to: path) { out in
            var index = 0
            while out.total < target {
                out.append(contentsOf: "\(index),filler line \(index),some more text to make it longer\n".utf8)
                index += 1
            }
        }
    }

    /// Appends to a file through a 1 MiB buffer.
    final class Output {
        let handle: FileHandle
        var buffer: [UInt8] = []
        var flushed = 0
        var total: Int { flushed + buffer.count }

        init(handle: FileHandle) {
            self.handle = handle
            buffer.reserveCapacity(1 << 20 + 4096)
        }

        func append(contentsOf bytes: String.UTF8View) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { flush() }
        }

        func flush() {
            handle.write(Data(buffer))
            flushed += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }

    private static func write(to path: String, _ body: (Output) throws -> Void) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let out = Output(handle: handle)
        try body(out)
        out.flush()
        return out.total
    }
}
