import Foundation
import HTTPWire
import Testing

@testable import Web

struct ResponseHelpersTests {
    @Test func htmlAndTextCarryTheirTypes() {
        let page = Response.html("<p>é</p>", status: .notFound)
        #expect(page.status == .notFound)
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(page.bodyText == "<p>é</p>")
        #expect(Response.text("hi").headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test func redirectIsSeeOtherWithRelativeLocation() {
        let response = Response.redirect(to: "/enrollment/imports/3")
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"] == "/enrollment/imports/3")
    }

    @Test(arguments: [
        ("/enrollment/import", true), ("/", true), ("/a?b=c", true), ("//evil.example", false),
        ("https://evil.example/", false), ("/\\evil.example", false), ("/a\r\nSet-Cookie: x", false),
        ("", false), ("enrollment", false),
    ])
    func localPathsAreRecognised(target: String, isLocal: Bool) {
        #expect(LocalPath.isLocal(target) == isLocal)
    }

    @Test func jsonIsEncodedWithSortedKeys() throws {
        struct Progress: Encodable {
            let rows: Int
            let done: Bool
        }
        let response = try Response.json(Progress(rows: 3, done: false))
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.bodyText == #"{"done":false,"rows":3}"#)
    }

    @Test func downloadNameCannotBreakTheHeader() {
        let name = "Résumé \"final\"\r\nSet-Cookie: a=b;\\ 100%.csv"
        let response = Response.download(bytes: Array("a,b\n".utf8), fileName: name, contentType: "text/csv")
        let value = response.headers["Content-Disposition"] ?? ""
        #expect(!value.contains("\r"))
        #expect(!value.contains("\n"))
        #expect(
            value
                == "attachment; filename=\"R_sum_ _final___Set-Cookie: a=b;_ 100_.csv\"; "
                + "filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%0D%0ASet-Cookie%3A%20a%3Db%3B%5C%20100%25.csv")
        // The quoted fallback holds exactly two quotes: its own delimiters.
        let fallback = value.split(separator: ";").dropFirst().first ?? ""
        #expect(value.filter { $0 == "\"" }.count == 2)
        #expect(fallback.hasPrefix(" filename=\""))
        #expect(response.headers["Content-Type"] == "text/csv")
    }

    @Test func extendedValueRoundTrips() throws {
        let name = "导入结果 2026-11-21.csv"
        let encoded = ContentDisposition.extendedValue(name)
        #expect(encoded.allSatisfy { $0.isASCII })
        #expect(encoded.removingPercentEncoding == name)
        #expect(ContentDisposition.attachment(fileName: "").contains("filename=\"download\""))
    }

    @Test func fileDownloadIsSentFromDisk() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("results.csv", "row,result\n1,ok\n")
        let path = folder.path + "/results.csv"
        let response = try Response.download(path: path, fileName: "import-1.csv", contentType: "text/csv")
        guard case .file(let sent, 0, 16) = response.body else {
            Issue.record("expected the file body, got \(response.body)")
            return
        }
        #expect(sent == path)
        #expect(response.headers["Content-Disposition"]?.hasPrefix("attachment; filename=\"import-1.csv\"") == true)
        #expect(throws: WebError.notFound) {
            try Response.download(path: folder.path + "/nope.csv", fileName: "x", contentType: "text/csv")
        }
        #expect(throws: WebError.notFound) {
            try Response.download(path: folder.path, fileName: "x", contentType: "text/csv")
        }
    }

    @Test func plainErrorPageEscapesTheMessage() {
        let page = PlainErrorPageRenderer().renderErrorPage(status: .notFound, message: "<script>x</script>")
        #expect(page.contains("404 Not Found"))
        #expect(page.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(!page.contains("<script>"))
    }
}
