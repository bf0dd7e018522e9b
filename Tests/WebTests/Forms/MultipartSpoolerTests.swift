import Foundation
import HTTPWire
import Testing

@testable import Web

struct MultipartSpoolerTests {
    static let boundary = "----formB0undary"

    static func makeSpooler(_ directory: SpoolTestDirectory, limits: UploadLimits = UploadLimits()) throws
        -> MultipartSpooler
    {
        MultipartSpooler(boundary: try MultipartBoundary(boundary), spoolDirectory: directory.path, limits: limits)
    }

    /// File content full of CRLFs and near-copies of the delimiter.
    static let content: [UInt8] = (0..<40_000).flatMap { index -> [UInt8] in
        index % 97 == 0
            ? Array("\r\n--\(boundary)-x\r\n--\(boundary)\rX".utf8) : [UInt8(truncatingIfNeeded: index &* 31)]
    }

    @Test(arguments: Chunking.all)
    func spoolsFilesAndCollectsFields(chunking: Chunking) throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        let body = formBody(
            boundary: Self.boundary, fields: [("operation", "import"), ("tag", "a\r\nb"), ("tag", "")],
            files: [("upload", "users.csv", "text/csv", Self.content), ("notes", "n.txt", "text/plain", [])])
        // A small write buffer, so that flushing is exercised many times.
        let spooler = try Self.makeSpooler(directory, limits: UploadLimits(writeBufferBytes: 4096))
        try spooler.write(body, chunking: chunking)
        try spooler.finish()
        let form = spooler.formData()

        #expect(form.field("operation") == "import")
        #expect(form.fields(named: "tag") == ["a\r\nb", ""])
        #expect(form.field("missing") == nil)
        let upload = try #require(form.file("upload"))
        #expect(upload.fieldName == "upload")
        #expect(upload.fileName == "users.csv")
        #expect(upload.contentType == "text/csv")
        #expect(upload.byteCount == Self.content.count)
        #expect(Array(try #require(FileManager.default.contents(atPath: upload.spoolPath))) == Self.content)
        #expect(upload.spoolPath.hasPrefix(directory.path + "/upload-"))
        let attributes = try FileManager.default.attributesOfItem(atPath: upload.spoolPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let empty = try #require(form.file("notes"))
        #expect(empty.byteCount == 0)
        #expect(FileManager.default.fileExists(atPath: empty.spoolPath))
        #expect(try directory.names().count == 2)

        form.removeSpoolFiles()
        #expect(try directory.names().isEmpty)
    }

    @Test func fileInputLeftEmptyIsDropped() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        let body = formBody(boundary: Self.boundary, files: [("upload", "", "application/octet-stream", [])])
        let spooler = try Self.makeSpooler(directory)
        try spooler.write(body, chunking: .whole)
        try spooler.finish()
        #expect(spooler.formData().file("upload") == nil)
        #expect(try directory.names().isEmpty)
    }

    @Test func abandonRemovesSpoolFiles() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        let complete = formBody(
            boundary: Self.boundary, files: [("first", "a.csv", "text/csv", Self.content)], closed: false)
        let partial = Array(
            formBody(boundary: Self.boundary, files: [("second", "b.csv", "text/csv", Self.content)]).prefix(5000))
        let spooler = try Self.makeSpooler(directory)
        try spooler.write(complete + partial, chunking: .random(seed: 9))
        #expect(try directory.names().count == 2)
        spooler.abandon()
        #expect(try directory.names().isEmpty)
    }

    @Test func callsAfterAnErrorThrowItAgain() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        let spooler = try Self.makeSpooler(directory, limits: UploadLimits(maxFileBytes: 10))
        let body = formBody(boundary: Self.boundary, files: [("f", "a.csv", "text/csv", Self.content)])
        let tooLarge = UploadError.fileTooLarge(field: "f", limit: 10)
        #expect(throws: tooLarge) { try spooler.write(body, chunking: .whole) }
        #expect(throws: tooLarge) { try spooler.write([1], chunking: .whole) }
        #expect(throws: tooLarge) { try spooler.finish() }
        spooler.abandon()
        #expect(try directory.names().isEmpty)

        let abandoned = try Self.makeSpooler(directory)
        try abandoned.write(Array(body.prefix(200)), chunking: .whole)
        abandoned.abandon()
        #expect(throws: UploadError.abandoned) { try abandoned.finish() }
        #expect(try directory.names().isEmpty)
    }

    @Test func droppedSinkRemovesSpoolFiles() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        do {
            let spooler = try Self.makeSpooler(directory)
            try spooler.write(
                formBody(boundary: Self.boundary, files: [("f", "a", "b/c", [1, 2])], closed: false), chunking: .whole)
            #expect(try directory.names().count == 1)
        }
        #expect(try directory.names().isEmpty)
    }

    static let failures: [(String, [UInt8], UploadLimits, HTTPStatus)] = [
        (
            "malformed part after a file",
            formBody(boundary: boundary, files: [("f", "a.csv", "text/csv", content)], closed: false)
                + Array("--\(boundary)\r\nNo colon\r\n\r\nx\r\n--\(boundary)--".utf8), UploadLimits(), .badRequest
        ),
        (
            "truncated body", formBody(boundary: boundary, files: [("f", "a.csv", "text/csv", content)], closed: false),
            UploadLimits(), .badRequest
        ),
        (
            "file too large", formBody(boundary: boundary, files: [("f", "a.csv", "text/csv", content)]),
            UploadLimits(maxFileBytes: 1000), .contentTooLarge
        ),
        (
            "text field too large",
            formBody(
                boundary: boundary, fields: [("big", String(repeating: "x", count: 8193))],
                files: [("f", "a", "t/t", [1])]),
            UploadLimits(), .contentTooLarge
        ),
        (
            "text fields too large together",
            formBody(boundary: boundary, fields: (0..<9).map { ("f\($0)", String(repeating: "x", count: 8000)) }),
            UploadLimits(), .contentTooLarge
        ),
        (
            "too many files",
            formBody(boundary: boundary, files: (0..<5).map { ("f\($0)", "a.csv", "text/csv", [1, 2, 3]) }),
            UploadLimits(),
            .contentTooLarge
        ),
        (
            "too many parts", formBody(boundary: boundary, fields: (0..<33).map { ("f\($0)", "v") }), UploadLimits(),
            .contentTooLarge
        ),
    ]

    @Test(arguments: 0..<failures.count)
    func errorsRemoveSpoolFiles(index: Int) throws {
        let (name, body, limits, status) = Self.failures[index]
        for chunking in [Chunking.whole, .random(seed: 5)] {
            let directory = try SpoolTestDirectory()
            defer { directory.remove() }
            let spooler = try Self.makeSpooler(directory, limits: limits)
            let error = #expect(throws: (any Error).self, "\(name), \(chunking)") {
                try spooler.write(body, chunking: chunking)
                try spooler.finish()
            }
            #expect((error as? any HTTPStatusError)?.status == status, "\(name): \(String(describing: error))")
            #expect(try directory.names().isEmpty, "\(name), \(chunking)")
        }
    }

    @Test func hostileFileNamesAreOnlyDisplayed() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        let names = [
            ("a", "filename=\"../../etc/passwd\"", "passwd"),
            ("b", "filename=\"C:\\Users\\x\\list.csv\"", "list.csv"),
            ("c", "filename*=UTF-8''..%2F..%2Fa%01b%0Ac%C2%85.csv", "abc.csv"),
            ("d", "filename=\"..\"", ""),
        ]
        var body: [UInt8] = []
        for (field, parameter, _) in names {
            body += Array(
                "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\(field); \(parameter)\r\n\r\nx\r\n".utf8)
        }
        body += Array("--\(Self.boundary)--".utf8)
        let spooler = try Self.makeSpooler(directory)
        try spooler.write(body, chunking: .byteAtATime)
        try spooler.finish()
        let form = spooler.formData()
        for (field, _, display) in names {
            let file = try #require(form.file(field))
            #expect(file.fileName == display)
            #expect(file.spoolPath.hasPrefix(directory.path + "/upload-") && file.spoolPath.hasSuffix(".part"))
        }
        #expect(try directory.names().count == names.count)
        form.removeSpoolFiles()
    }

    @Test func leftoverSpoolFilesAreRemoved() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        for name in ["upload-0123.part", "upload-x.part", "keep.txt", "upload-no-suffix"] {
            #expect(FileManager.default.createFile(atPath: directory.path + "/" + name, contents: Data([1])))
        }
        #expect(MultipartSpooler.removeLeftoverSpoolFiles(in: directory.path) == 2)
        #expect(try directory.names() == ["keep.txt", "upload-no-suffix"])
        #expect(MultipartSpooler.removeLeftoverSpoolFiles(in: directory.path + "/missing") == 0)
    }
}
