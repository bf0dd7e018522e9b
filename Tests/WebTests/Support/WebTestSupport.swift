import Foundation
import HTTPWire
import Synchronization

@testable import Web

extension Request {
    /// A request for tests: `GET /` by default, with optional headers and body.
    static func make(
        _ method: HTTPMethod = .get, _ target: String = "/", headers: HTTPHeaders = [:], body: String? = nil
    ) -> Request {
        Request(
            head: RequestHead(method: method, target: target, headers: headers),
            body: body.map { .bytes(Array($0.utf8)) } ?? .empty, remoteAddress: "127.0.0.1")
    }
}

extension Response {
    /// The in-memory body as UTF-8 text ("" for other bodies).
    var bodyText: String {
        if case .bytes(let bytes) = body { return String(decoding: bytes, as: UTF8.self) }
        return ""
    }
}

/// Collects the lines an application logs.
final class LogRecorder: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    var sink: @Sendable (String) -> Void { { line in self.storage.withLock { $0.append(line) } } }
}

/// A folder made for one test under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "web-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func write(_ relativePath: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// An error no status is attached to, with details that must never reach a page.
struct SecretFailure: Error, CustomStringConvertible {
    var description: String { "database password is hunter2" }
}

/// A sink that keeps what it is given.
final class RecordingSink: RequestBodySink {
    private let storage = Mutex<[UInt8]>([])

    var bytes: [UInt8] { storage.withLock { $0 } }

    func write(_ bytes: UnsafeRawBufferPointer) throws { storage.withLock { $0 += bytes } }
    func finish() throws {}
    func abandon() {}
}
