import Foundation
import HTTPWire
import Testing

@testable import Web

/// Static files served through the whole application, as the browser would ask for them.
struct StaticFilesTests {
    private let folder: TemporaryDirectory
    private let app: WebApplication
    private let files: StaticFiles

    init() throws {
        folder = try TemporaryDirectory()
        try folder.write("Public/css/site.css", "body { color: black; }")
        try folder.write("Public/js/app.js", "void 0;")
        try folder.write("Public/img/logo.svg", "<svg/>")
        try folder.write("Public/fonts/a.woff2", "wOF2")
        try folder.write("Public/templates/example.csv", "Email ID\n")
        try folder.write("Public/unknown.bin", "?")
        try folder.write("Public/.hidden", "secret")
        try folder.write("secret.txt", "outside")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/Public/escape.txt", withDestinationPath: folder.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/Public/inside.css", withDestinationPath: folder.path + "/Public/css/site.css")
        files = try StaticFiles(root: folder.path + "/Public")
        var builder = RouterBuilder()
        builder.get("/static/*path", access: .public, handler: files.handler())
        app = WebApplication(router: try builder.build(), options: .init(logError: { _ in }))
    }

    private func get(_ target: String, headers: HTTPHeaders = [:]) -> Response {
        let response = app.response(to: .make(.get, target, headers: headers))
        return response
    }

    @Test(arguments: [
        ("css/site.css", "text/css; charset=utf-8"), ("js/app.js", "text/javascript; charset=utf-8"),
        ("img/logo.svg", "image/svg+xml"), ("fonts/a.woff2", "font/woff2"),
        ("templates/example.csv", "text/csv; charset=utf-8"), ("unknown.bin", "application/octet-stream"),
    ])
    func servesFilesWithTheirTypes(path: String, type: String) throws {
        defer { folder.remove() }
        let response = get("/static/" + path)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == type)
        #expect(response.headers["Cache-Control"] == "public, max-age=3600")
        guard case .file(let file, 0, let length) = response.body else {
            Issue.record("expected a file body")
            return
        }
        #expect(file == files.root + "/" + path)
        #expect(length == FileInfo(path: file)?.size)
    }

    @Test func entityTagGivesNotModified() throws {
        defer { folder.remove() }
        let first = get("/static/css/site.css")
        let tag = try #require(first.headers["ETag"])
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""))
        let again = get("/static/css/site.css", headers: ["If-None-Match": "\"other\", W/\(tag)"])
        #expect(again.status == .notModified)
        #expect(again.headers["ETag"] == tag)
        #expect(again.body.count == 0)
        #expect(get("/static/css/site.css", headers: ["If-None-Match": "\"other\""]).status == .ok)
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
        let lastModified = try #require(first.headers["Last-Modified"])
        let mixed = get("/static/css/site.css", headers: ["If-None-Match": "\"x\"", "If-Modified-Since": lastModified])
        #expect(mixed.status == .ok)
    }

    @Test func lastModifiedGivesNotModified() throws {
        defer { folder.remove() }
        let modified = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes(
            [.modificationDate: modified], ofItemAtPath: folder.path + "/Public/js/app.js")
        let first = get("/static/js/app.js")
        #expect(first.headers["Last-Modified"] == "Tue, 14 Nov 2023 22:13:20 GMT")
        let same = get("/static/js/app.js", headers: ["If-Modified-Since": "Tue, 14 Nov 2023 22:13:20 GMT"])
        #expect(same.status == .notModified)
        let later = get("/static/js/app.js", headers: ["If-Modified-Since": "Wed, 15 Nov 2023 00:00:00 GMT"])
        #expect(later.status == .notModified)
        let earlier = get("/static/js/app.js", headers: ["If-Modified-Since": "Tue, 14 Nov 2023 22:13:19 GMT"])
        #expect(earlier.status == .ok)
        #expect(get("/static/js/app.js", headers: ["If-Modified-Since": "yesterday"]).status == .ok)
    }

    @Test(arguments: [
        "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E/secret.txt", "/static/..%2fsecret.txt",
        "/static/css/..%2F..%2Fsecret.txt", "/static/css/../../secret.txt", "/static/..%5csecret.txt",
        "/static/css\\..\\..\\secret.txt", "/static/css/site.css%00.png", "/static//etc/passwd",
        "/static/%2fetc%2fpasswd", "/static/escape.txt", "/static/css", "/static/css/", "/static/", "/static/.hidden",
        "/static/./css/site.css", "/static/missing.css",
    ])
    func traversalAndOddPathsAreNotFound(target: String) {
        defer { folder.remove() }
        #expect(get(target).status == .notFound)
    }

    @Test(arguments: ["/static/%zz", "/static/css/%2", "/static/%c0%ae%c0%ae/secret.txt"])
    func malformedEncodingIsBadRequest(target: String) {
        defer { folder.remove() }
        #expect(get(target).status == .badRequest)
    }

    @Test func symlinkInsideTheRootIsServed() {
        defer { folder.remove() }
        let response = get("/static/inside.css")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/css; charset=utf-8")
    }

    @Test func headGetsTheSameHeaders() {
        defer { folder.remove() }
        let response = app.response(to: .make(.head, "/static/css/site.css"))
        #expect(response.status == .ok)
        #expect(response.headers["ETag"] == get("/static/css/site.css").headers["ETag"])
    }

    @Test func missingRootIsRefusedAtStart() {
        defer { folder.remove() }
        #expect(throws: StaticFiles.Error.self) { try StaticFiles(root: folder.path + "/NoSuchFolder") }
        #expect(throws: StaticFiles.Error.self) { try StaticFiles(root: folder.path + "/secret.txt") }
    }

    @Test(arguments: [(0, "Thu, 01 Jan 1970 00:00:00 GMT"), (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT")])
    func httpDatesRoundTrip(seconds: Int, text: String) {
        defer { folder.remove() }
        #expect(HTTPDate.format(seconds) == text)
        #expect(HTTPDate.parse(text) == seconds)
    }
}
