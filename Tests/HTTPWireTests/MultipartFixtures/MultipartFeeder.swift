import TestSupport
import Testing

@testable import HTTPWire

/// A part as the tests see it: its head's fields and all its bytes.
struct CollectedPart: Equatable, CustomStringConvertible {
    var name: String
    var filename: String?
    var contentType: String?
    var data: [UInt8]

    init(name: String, filename: String? = nil, contentType: String? = nil, data: [UInt8]) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    init(name: String, filename: String? = nil, contentType: String? = nil, text: String) {
        self.init(name: name, filename: filename, contentType: contentType, data: Array(text.utf8))
    }

    var description: String {
        "\(name) \(filename ?? "-") \(contentType ?? "-") \(String(decoding: data, as: UTF8.self).debugDescription)"
    }
}

/// What parsing a whole body gave: its parts, or the error that stopped it.
enum ParseOutcome: Equatable {
    case parts([CollectedPart])
    case failed(MultipartError)
}

/// How a body is cut into the chunks fed to the parser.
enum Split: CustomStringConvertible, Sendable {
    case whole
    case byteAtATime
    /// Random cut points from a seeded generator, so a failure can be replayed.
    case random(seed: UInt64)
    /// Two chunks, cut after `at` bytes.
    case at(Int)

    static let standard: [Split] = [.whole, .byteAtATime] + (1...8).map { .random(seed: $0) }

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteAtATime: "byte at a time"
        case .random(let seed): "random split, seed \(seed)"
        case .at(let cut): "cut at \(cut)"
        }
    }

    /// The chunk ranges covering `count` bytes.
    func ranges(count: Int) -> [Range<Int>] {
        switch self {
        case .whole: return [0..<count]
        case .byteAtATime: return (0..<count).map { $0..<($0 + 1) }
        case .at(let cut): return [0..<min(cut, count), min(cut, count)..<count]
        case .random(let seed):
            var generator = SplitMix64(seed: seed)
            var ranges: [Range<Int>] = []
            var start = 0
            while start < count {
                let length = 1 + Int(generator.next() % 17)
                ranges.append(start..<min(count, start + length))
                start += length
            }
            return ranges
        }
    }
}

/// Parses `body` cut as `split`, checking that events come in a valid order and that no data slice is empty.
func parseMultipart(
    _ body: [UInt8], boundary: String, split: Split = .whole, limits: MultipartLimits = MultipartLimits()
) throws -> ParseOutcome {
    var parser = MultipartParser(boundary: try MultipartBoundary(boundary), limits: limits)
    var parts: [CollectedPart] = []
    var isOpen = false
    for range in split.ranges(count: body.count) {
        // A fresh copy per chunk, so that a parser keeping a pointer past the call would read garbage.
        let chunk = Array(body[range])
        var failure: MultipartError?
        chunk.withUnsafeBytes { buffer in
            do throws(MultipartError) {
                try parser.feed(buffer) { event in
                    switch event {
                    case .partStart(let head):
                        #expect(!isOpen, "partStart inside a part")
                        isOpen = true
                        parts.append(
                            CollectedPart(
                                name: head.name, filename: head.filename, contentType: head.contentType, data: []))
                    case .partData(let data):
                        #expect(isOpen, "partData outside a part")
                        #expect(!data.isEmpty, "empty partData")
                        parts[parts.count - 1].data.append(contentsOf: data)
                    case .partEnd:
                        #expect(isOpen, "partEnd outside a part")
                        isOpen = false
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { return .failed(failure) }
    }
    do throws(MultipartError) {
        try parser.finish()
    } catch {
        return .failed(error)
    }
    #expect(!isOpen, "body complete with a part still open")
    return .parts(parts)
}

/// Builds a body from parts the way a browser does.
func makeBody(boundary: String, parts: [CollectedPart], preamble: String = "", epilogue: String = "") -> [UInt8] {
    var body = Array(preamble.utf8)
    for part in parts {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
        if let filename = part.filename { head += "; filename=\"\(filename)\"" }
        head += "\r\n"
        if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
        body += Array((head + "\r\n").utf8) + part.data + Array("\r\n".utf8)
    }
    body += Array("--\(boundary)--\r\n\(epilogue)".utf8)
    return body
}
