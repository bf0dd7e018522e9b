import Testing

@testable import Web

struct FormDataTests {
    static func file(_ field: String, _ path: String) -> UploadedFile {
        UploadedFile(fieldName: field, fileName: "x.csv", contentType: "text/csv", spoolPath: path, byteCount: 1)
    }

    static let form = FormData(
        fields: [.init(name: "a", value: "1"), .init(name: "b", value: "2"), .init(name: "a", value: "3")],
        files: [file("upload", "/nonexistent/1"), file("upload", "/nonexistent/2"), file("other", "/nonexistent/3")])

    @Test func findsFieldsByName() {
        #expect(Self.form.field("a") == "1")
        #expect(Self.form.fields(named: "a") == ["1", "3"])
        #expect(Self.form.field("A") == nil)
        #expect(Self.form.fields(named: "zzz").isEmpty)
    }

    @Test func findsFilesByName() {
        #expect(Self.form.file("upload")?.spoolPath == "/nonexistent/1")
        #expect(Self.form.files(named: "upload").map(\.spoolPath) == ["/nonexistent/1", "/nonexistent/2"])
        #expect(Self.form.file("a") == nil)
    }
}
