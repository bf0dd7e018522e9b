import Foundation
import HTTPWire
import TestSupport
import Testing

@testable import Web

/// A directory made for one test under the system's temporary directory, deleted by `remove()`.
struct SpoolTestDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forms-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        path = url.path
    }

    /// The names in the directory, sorted.
    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// How a body is cut into writes.
enum Chunking: Sendable, CustomStringConvertible {
    case whole
    case byteAtATime
    case random(seed: UInt64)

    static let all: [Chunking] = [.whole, .byteAtATime, .random(seed: 1), .random(seed: 2)]

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteAtATime: "byte at a time"
        case .random(let seed): "random, seed \(seed)"
        }
    }
}

extension MultipartSpooler {
    /// Writes `body` cut as `chunking` (each chunk a fresh copy), without calling `finish`.
    func write(_ body: [UInt8], chunking: Chunking) throws {
        var generator = SplitMix64(seed: 0)
        if case .random(let seed) = chunking { generator = SplitMix64(seed: seed) }
        var start = 0
        while start < body.count {
            let length =
                switch chunking {
                case .whole: body.count
                case .byteAtATime: 1
                case .random: 1 + Int(generator.next() % 700)
                }
            let chunk = Array(body[start..<min(body.count, start + length)])
            try chunk.withUnsafeBytes { try write($0) }
            start += length
        }
    }
}

/// A multipart body as a browser sends it; `files` are `(field, filename, content type, bytes)`.
func formBody(
    boundary: String, fields: [(String, String)] = [], files: [(String, String, String, [UInt8])] = [],
    closed: Bool = true
) -> [UInt8] {
    var body: [UInt8] = []
    for (name, value) in fields {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    for (name, filename, type, bytes) in files {
        body += Array(
            ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: \(type)\r\n\r\n").utf8)
        body += bytes + Array("\r\n".utf8)
    }
    if closed { body += Array("--\(boundary)--\r\n".utf8) }
    return body
}
