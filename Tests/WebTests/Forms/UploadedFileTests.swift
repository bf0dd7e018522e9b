import Foundation
import Testing

@testable import Web

struct UploadedFileTests {
    @Test(arguments: [
        ("list.csv", "list.csv"),
        (#"C:\Users\x\list.csv"#, "list.csv"),
        ("../../etc/passwd", "passwd"),
        ("/abs/path/", ""),
        ("..", ""),
        (".", ""),
        ("a\u{0}b\u{1F}c\u{7F}d\u{85}e.csv", "abcde.csv"),
        ("invoice\u{202E}vsc.exe", "invoicevsc.exe"),
        ("  spaced name.csv  ", "spaced name.csv"),
        ("ünïcødé €.csv", "ünïcødé €.csv"),
    ])
    func displayNameKeepsOnlyAShowableLastComponent(raw: String, expected: String) {
        #expect(UploadedFile.displayName(for: raw) == expected)
    }

    @Test func displayNameIsBounded() {
        let long = String(repeating: "é", count: 1000)
        #expect(UploadedFile.displayName(for: long).count == UploadedFile.maxDisplayNameCharacters)
    }

    @Test func moveToClaimsTheSpoolFile() throws {
        let directory = try SpoolTestDirectory()
        defer { directory.remove() }
        let spoolPath = directory.path + "/upload-1.part"
        #expect(FileManager.default.createFile(atPath: spoolPath, contents: Data("rows".utf8)))
        let file = UploadedFile(fieldName: "f", fileName: "a.csv", contentType: nil, spoolPath: spoolPath, byteCount: 4)
        try file.moveTo(path: directory.path + "/kept.csv")
        #expect(try directory.names() == ["kept.csv"])
        // Removing unclaimed files leaves a claimed one alone.
        FormData(files: [file]).removeSpoolFiles()
        #expect(try directory.names() == ["kept.csv"])
        #expect(throws: UploadError.spoolFailed(operation: "rename", errno: ENOENT)) {
            try file.moveTo(path: directory.path + "/again.csv")
        }
    }
}
