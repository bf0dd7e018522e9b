import TestSupport
import Testing

@testable import HTTPWire

struct ChunkedDecoderTests {
    enum Outcome: Equatable {
        case finished(body: [UInt8], rest: Int)
        case incomplete(body: [UInt8])
        case failed(WireError)
    }

    /// Decodes `bytes` cut at `splits`; returns the body, and how many bytes followed the body.
    static func decode(_ bytes: [UInt8], splits: [Int] = [], limits: WireLimits = .standard) -> Outcome {
        var decoder = ChunkedDecoder(limits: limits)
        var body: [UInt8] = []
        var start = 0
        for end in splits + [bytes.count] where end > start {
            var piece = Array(bytes[start..<end])
            var used = 0
            while !piece.isEmpty {
                var step = ChunkedDecodeStep.needMoreData
                var failure: WireError?
                piece.withUnsafeBytes { buffer in
                    do throws(WireError) { step = try decoder.decode(buffer) } catch { failure = error }
                }
                if let failure { return .failed(failure) }
                switch step {
                case .data(let range):
                    body += piece[range]
                    piece.removeFirst(range.upperBound)
                    used += range.upperBound
                case .needMoreData:
                    piece = []
                case .end(let consumed):
                    return .finished(body: body, rest: bytes.count - start - used - consumed)
                }
            }
            start = end
        }
        return .incomplete(body: body)
    }

    /// Checks the outcome is the same whole, byte by byte and at random splits; returns it.
    static func check(_ text: String, limits: WireLimits = .standard) -> Outcome {
        let bytes = Array(text.utf8)
        let whole = decode(bytes, limits: limits)
        #expect(decode(bytes, splits: Array(0..<bytes.count), limits: limits) == whole)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let splits = (0..<3).map { _ in Int.random(in: 0...bytes.count, using: &generator) }.sorted()
            #expect(decode(bytes, splits: splits, limits: limits) == whole)
        }
        return whole
    }

    @Test func decodesChunks() {
        #expect(
            Self.check("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n") == .finished(body: Array("hello world".utf8), rest: 0))
    }

    @Test func hexSizesAnyCaseAndLeadingZeros() {
        let body = String(repeating: "x", count: 26)
        #expect(Self.check("1a\r\n\(body)\r\n000\r\n\r\n") == .finished(body: Array(body.utf8), rest: 0))
        #expect(Self.check("1A\r\n\(body)\r\n0\r\n\r\n") == .finished(body: Array(body.utf8), rest: 0))
    }

    @Test func ignoresExtensionsAndDiscardsTrailers() {
        let text = "3;name=value;flag;q=\"a \\\"b\\\" ;c\"\r\nabc\r\n0 ;last\r\nX-Sum: 1\r\nY: 2\r\n\r\nNEXT"
        #expect(Self.check(text) == .failed(.invalidChunkSize(at: 40)))
        let fine = "3;name=value;flag;q=\"a \\\"b\\\" ;c\"\r\nabc\r\n0;last\r\nX-Sum: 1\r\nY: 2\r\n\r\nNEXT"
        #expect(Self.check(fine) == .finished(body: Array("abc".utf8), rest: 4))
    }

    @Test func stopsAtTheEndAndLeavesTheRest() {
        #expect(Self.check("0\r\n\r\nGET / HTTP/1.1") == .finished(body: [], rest: 14))
    }

    @Test func waitsForMore() {
        #expect(Self.check("5\r\nhel") == .incomplete(body: Array("hel".utf8)))
        #expect(Self.check("5\r\nhello\r\n0\r\n") == .incomplete(body: Array("hello".utf8)))
    }

    struct Refusal: Sendable, CustomStringConvertible {
        let text: String
        let error: WireError
        var description: String { "\(error)" }
    }

    static let refusals: [Refusal] = [
        Refusal(text: "\r\n", error: .invalidChunkSize(at: 0)),
        Refusal(text: "g\r\n", error: .invalidChunkSize(at: 0)),
        Refusal(text: "-1\r\n", error: .invalidChunkSize(at: 0)),
        Refusal(text: "5 \r\nhello\r\n", error: .invalidChunkSize(at: 1)),
        Refusal(text: "8000000000000000\r\n", error: .chunkSizeOverflow(at: 15)),
        Refusal(text: "5\rhello", error: .missingChunkCRLF(at: 2)),
        Refusal(text: "5\nhello", error: .invalidChunkSize(at: 1)),
        Refusal(text: "5\r\nhelloX\r\n", error: .missingChunkCRLF(at: 8)),
        Refusal(text: "5\r\nhello\rX", error: .missingChunkCRLF(at: 9)),
        Refusal(text: "5;\r\nhello\r\n", error: .invalidChunkExtension(at: 2)),
        Refusal(text: "5;a=\"b\r\nhello\r\n", error: .invalidChunkExtension(at: 6)),
        Refusal(text: "5;a=@\r\nhello\r\n", error: .invalidChunkExtension(at: 4)),
        Refusal(text: "0\r\nX-A\r\n\r\n", error: .invalidTrailer(at: 6)),
        Refusal(text: "0\r\n X: 1\r\n\r\n", error: .invalidTrailer(at: 3)),
        Refusal(text: "0\r\n\rX", error: .missingChunkCRLF(at: 4)),
    ]

    @Test(arguments: refusals)
    func refuses(_ refusal: Refusal) {
        #expect(Self.check(refusal.text) == .failed(refusal.error))
    }

    @Test func extensionLengthIsLimited() {
        let limits = WireLimits(maxChunkExtensionLength: 16)
        let text = "1;" + String(repeating: "a", count: 20) + "\r\nx\r\n0\r\n\r\n"
        #expect(Self.check(text, limits: limits) == .failed(.chunkExtensionTooLong(limit: 16)))
    }

    @Test func trailerLengthIsLimited() {
        let limits = WireLimits(maxTrailerSectionLength: 16)
        let text = "0\r\nX: " + String(repeating: "a", count: 20) + "\r\n\r\n"
        #expect(Self.check(text, limits: limits) == .failed(.trailerSectionTooLarge(limit: 16)))
    }

    @Test func largeChunkIsDeliveredInPieces() {
        let payload = [UInt8](repeating: 0x61, count: 100_000)
        let bytes = Array("186a0\r\n".utf8) + payload + Array("\r\n0\r\n\r\n".utf8)
        #expect(Self.decode(bytes, splits: [10, 5000, 70_000]) == .finished(body: payload, rest: 0))
    }
}
