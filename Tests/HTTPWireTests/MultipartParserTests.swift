import TestSupport
import Testing

@testable import HTTPWire

struct MultipartParserTests {
    static let boundary = "----formBoundary7MA4YWxk"

    static let form = [
        CollectedPart(name: "operation", text: "import"),
        CollectedPart(
            name: "upload", filename: "users.csv", contentType: "text/csv",
            text: "Email ID,First Name\r\na@example.com,Ann\r\n"),
    ]

    @Test(arguments: Split.standard)
    func parsesFieldAndFile(split: Split) throws {
        let body = makeBody(boundary: Self.boundary, parts: Self.form)
        #expect(try parseMultipart(body, boundary: Self.boundary, split: split) == .parts(Self.form))
    }

    @Test func delimiterCutAtEveryPosition() throws {
        let body = makeBody(boundary: Self.boundary, parts: Self.form)
        for cut in 0...body.count {
            #expect(try parseMultipart(body, boundary: Self.boundary, split: .at(cut)) == .parts(Self.form))
        }
    }

    /// Near-copies of the delimiter inside a file are data (RFC 2046 §5.1.1: a delimiter is followed by `--`
    /// or by transport padding and CRLF).
    @Test(arguments: [
        "\r\n--\(boundary)X", "\r\n--\(boundary)-X", "\r\n--\(boundary)\rX", "\r\n--\(boundary) X",
        "\r\n--\(boundary)  \r\r\n--\(boundary)x", "--\(boundary)\r\n", "\r\n-\(boundary)\r\n",
        "\r\r\n\r\n--\(String(boundary.dropLast()))\r\n",
        "\r\n--\(boundary)-", "\r", "\r\n", "\r\n-", "\r\n--", "a\r\n--\(boundary.prefix(5))",
    ])
    func boundaryLikeDataIsData(content: String) throws {
        let parts = [CollectedPart(name: "upload", filename: "a.csv", text: content + "tail\r\n\r\n--")]
        let body = makeBody(boundary: Self.boundary, parts: parts)
        for split in Split.standard {
            #expect(try parseMultipart(body, boundary: Self.boundary, split: split) == .parts(parts), "\(split)")
        }
    }

    @Test func crlfHeavyContentComesBackIntact() throws {
        let content = String(repeating: "\r\n\r\r\n\n-\r\n--\r", count: 200)
        let parts = [CollectedPart(name: "upload", filename: "crlf.bin", data: Array(content.utf8))]
        let body = makeBody(boundary: Self.boundary, parts: parts)
        for split in Split.standard {
            #expect(try parseMultipart(body, boundary: Self.boundary, split: split) == .parts(parts))
        }
    }

    /// Random parts whose bytes are drawn from the delimiter's own alphabet, so partial matches are everywhere.
    @Test(arguments: 1...20)
    func randomBodiesRoundTrip(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let boundary = "ab-\(seed)"
        let alphabet = Array("\r\n-ab \(seed)".utf8)
        let parts = (0..<Int(generator.next() % 5)).map { index in
            let count = Int(generator.next() % 300)
            let data = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            return CollectedPart(name: "f\(index)", filename: index % 2 == 0 ? "x.bin" : nil, data: data)
        }
        let body = makeBody(boundary: boundary, parts: parts)
        for split in Split.standard {
            #expect(try parseMultipart(body, boundary: boundary, split: split) == .parts(parts), "\(split)")
        }
    }

    @Test func emptyFilePart() throws {
        let parts = [CollectedPart(name: "upload", filename: "empty.csv", contentType: "text/csv", data: [])]
        let body = makeBody(boundary: Self.boundary, parts: parts)
        for split in Split.standard {
            #expect(try parseMultipart(body, boundary: Self.boundary, split: split) == .parts(parts))
        }
    }

    @Test func transportPaddingAfterBoundaryIsAccepted() throws {
        let text =
            "--b \t\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b  \r\n"
            + "Content-Disposition: form-data; name=b\r\n\r\ny\r\n--b--  \r\n"
        let expected = ParseOutcome.parts([CollectedPart(name: "a", text: "x"), CollectedPart(name: "b", text: "y")])
        for split in Split.standard {
            #expect(try parseMultipart(Array(text.utf8), boundary: "b", split: split) == expected)
        }
    }

    @Test func missingFinalBoundaryIsTruncated() throws {
        var body = makeBody(boundary: Self.boundary, parts: Self.form)
        body.removeLast("--\r\n".utf8.count)
        for split in Split.standard {
            #expect(
                try parseMultipart(body, boundary: Self.boundary, split: split)
                    == .failed(.truncated(offset: body.count)))
        }
        #expect(try parseMultipart([], boundary: "b") == .failed(.truncated(offset: 0)))
    }

    @Test func thirtyTwoPartsAreAcceptedAndThirtyThreeAreNot() throws {
        let parts = (0..<33).map { CollectedPart(name: "p\($0)", text: "v") }
        let accepted = makeBody(boundary: "b", parts: Array(parts.prefix(32)))
        #expect(try parseMultipart(accepted, boundary: "b") == .parts(Array(parts.prefix(32))))
        let refused = makeBody(boundary: "b", parts: parts)
        let outcome = try parseMultipart(refused, boundary: "b", split: .byteAtATime)
        guard case .failed(.tooManyParts(limit: 32, _)) = outcome else {
            Issue.record("expected tooManyParts, got \(outcome)")
            return
        }
        #expect(MultipartError.tooManyParts(limit: 32, offset: 0).status == .contentTooLarge)
    }

    @Test func partHeaderLargerThanLimitIsRefused() throws {
        let name = String(repeating: "n", count: 9000)
        let body = makeBody(boundary: "b", parts: [CollectedPart(name: name, text: "v")])
        // The 8193rd byte of the header block: after `--b\r\n` (5 bytes).
        for split in [Split.whole, .byteAtATime, .random(seed: 3)] {
            #expect(
                try parseMultipart(body, boundary: "b", split: split)
                    == .failed(.headerTooLarge(limit: 8192, offset: 5 + 8192)))
        }
        let small = MultipartLimits(maxPartHeaderBytes: 64)
        let fits = makeBody(boundary: "b", parts: [CollectedPart(name: "a", text: "v")])
        #expect(try parseMultipart(fits, boundary: "b", limits: small) == .parts([CollectedPart(name: "a", text: "v")]))
    }

    @Test func tooManyHeaderFieldsAreRefused() throws {
        let extra = (0..<16).map { "X-Extra-\($0): 1\r\n" }.joined()
        let text = "--b\r\nContent-Disposition: form-data; name=a\r\n\(extra)\r\nv\r\n--b--"
        let outcome = try parseMultipart(Array(text.utf8), boundary: "b")
        guard case .failed(.tooManyHeaderFields(limit: 16, _)) = outcome else {
            Issue.record("expected tooManyHeaderFields, got \(outcome)")
            return
        }
    }
}
