import Foundation
import Testing

/// The run/skip/fail decision for browser tests; needs no browser, so it runs everywhere.
struct BrowserToolsTests {
    private func withPath(tools: [String], _ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("browser-tools-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for tool in tools {
            let file = directory.appendingPathComponent(tool).path
            #expect(FileManager.default.createFile(atPath: file, contents: Data("#!/bin/sh\n".utf8)))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        }
        try body(directory.path)
    }

    @Test func findsBothToolsOnThePath() throws {
        try withPath(tools: ["chromium", "chromedriver"]) { path in
            let availability = BrowserTools.availability(environment: ["PATH": "/nonexistent:\(path)", "CI": "true"])
            #expect(availability == .ready(chromium: "\(path)/chromium", chromedriver: "\(path)/chromedriver"))
        }
    }

    @Test func skipsLocallyWhenAToolIsMissing() throws {
        try withPath(tools: ["chromium"]) { path in
            let availability = BrowserTools.availability(environment: ["PATH": path])
            #expect(availability == .skip(reason: "chromedriver not found on PATH; browser tests skipped"))
        }
    }

    @Test(arguments: ["true", "TRUE", "1"])
    func failsUnderCIWhenAToolIsMissing(ci: String) throws {
        try withPath(tools: []) { path in
            guard case .fail(let reason) = BrowserTools.availability(environment: ["PATH": path, "CI": ci]) else {
                Issue.record("CI=\(ci) without tools must fail, not skip")
                return
            }
            #expect(reason.contains("chromium and chromedriver not found"))
        }
    }

    @Test func ignoresNonExecutableFiles() throws {
        try withPath(tools: []) { path in
            #expect(FileManager.default.createFile(atPath: "\(path)/chromedriver", contents: Data()))
            #expect(BrowserTools.locate("chromedriver", path: path) == nil)
        }
    }

    /// The sentinel that keeps CI honest: with `CI=true` and no browser, this fails even though every browser
    /// test would otherwise be counted as run.
    @Test func browserToolsArePresentWhenCIRequiresThem() {
        if case .fail(let reason) = BrowserHarness.availability {
            Issue.record(Comment(rawValue: reason))
        }
    }
}
