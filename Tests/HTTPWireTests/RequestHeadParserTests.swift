import TestSupport
import Testing

@testable import HTTPWire

struct RequestHeadParserTests {
    /// Parses `text` (with `\n` turned into CRLF unless `raw`) fed whole, one byte at a time and at random splits,
    /// checks the three agree, and returns the whole-feed result.
    static func parse(
        _ text: String, limits: WireLimits = .standard
    ) -> Result<(RequestHead, Int), WireError> {
        let bytes = Array(text.utf8)
        let whole = feed(bytes, splits: [], limits: limits)
        let drip = feed(bytes, splits: Array(0..<bytes.count), limits: limits)
        #expect(describe(drip) == describe(whole), "byte by byte")
        var generator = SplitMix64(seed: UInt64(bytes.count))
        for _ in 0..<10 {
            let splits = (0..<3).map { _ in Int.random(in: 0...bytes.count, using: &generator) }.sorted()
            #expect(describe(feed(bytes, splits: splits, limits: limits)) == describe(whole), "splits \(splits)")
        }
        return whole
    }

    /// Feeds pieces until the head completes; returns it and the total bytes used.
    static func feed(_ bytes: [UInt8], splits: [Int], limits: WireLimits) -> Result<(RequestHead, Int), WireError> {
        var parser = RequestHeadParser(limits: limits)
        var start = 0
        for end in splits + [bytes.count] where end > start {
            let piece = Array(bytes[start..<end])
            do throws(WireError) {
                let result = try parser.parse(piece)
                if case .complete(let head, let used) = result { return .success((head, start + used)) }
            } catch {
                return .failure(error)
            }
            start = end
        }
        return .failure(.invalidTarget(at: -1))  // stands for "incomplete" in these tests
    }

    static func describe(_ result: Result<(RequestHead, Int), WireError>) -> String {
        switch result {
        case .success(let (head, used)):
            "\(head.method) \(head.target) \(head.path) \(head.query ?? "-") 1.\(head.minorVersion) "
                + "\(head.headers.fields.map { "\($0.name)=\($0.value)" }) \(used)"
        case .failure(let error): "\(error)"
        }
    }

    @Test func parsesSimpleGet() throws {
        let text = "GET /users?page=2 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"
        let (head, used) = try Self.parse(text).get()
        #expect(head.method == .get)
        #expect(head.target == "/users?page=2")
        #expect(head.path == "/users")
        #expect(head.query == "page=2")
        #expect(head.minorVersion == 1)
        #expect(head.headers["host"] == "example.com")
        #expect(head.headers.count == 2)
        #expect(used == text.utf8.count)
    }

    @Test func stopsAtTheEndOfTheHead() throws {
        let text = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n"
        let (head, used) = try Self.parse(text).get()
        #expect(head.method == .post)
        #expect(used == text.utf8.count - "helloGET / HTTP/1.1\r\n".utf8.count)
    }

    @Test func trimsFieldValueWhitespaceAndKeepsInnerSpaces() throws {
        let (head, _) = try Self.parse("GET / HTTP/1.1\r\nHost:h\r\nX-A: \t a  b \t\r\nX-Empty:\r\n\r\n").get()
        #expect(head.headers["X-A"] == "a  b")
        #expect(head.headers["x-empty"] == "")
    }

    @Test func skipsLeadingEmptyLines() throws {
        let (head, _) = try Self.parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").get()
        #expect(head.path == "/")
    }

    @Test func acceptsHTTP10WithoutHost() throws {
        let (head, _) = try Self.parse("GET / HTTP/1.0\r\n\r\n").get()
        #expect(head.minorVersion == 0)
        #expect(!head.isKeepAlive)
    }

    @Test func absoluteFormGivesPathAndQuery() throws {
        let (head, _) = try Self.parse("GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n")
            .get()
        #expect(head.path == "/a/b")
        #expect(head.query == "c=d")
        #expect(head.target == "http://example.com:8080/a/b?c=d")
        let (bare, _) = try Self.parse("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n").get()
        #expect(bare.path == "/")
    }

    @Test func asteriskFormForOptions() throws {
        let (head, _) = try Self.parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").get()
        #expect(head.path == "*")
    }

    @Test func framingIsReported() throws {
        var parser = RequestHeadParser()
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        _ = try parser.parse(Array(text.utf8))
        #expect(parser.framing == .chunked)
        _ = try parser.parse(Array("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 0012\r\n\r\n".utf8))
        #expect(parser.framing == .contentLength(12))
        _ = try parser.parse(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        #expect(parser.framing == BodyFraming.none)
    }

    struct Refusal: Sendable, CustomStringConvertible {
        let text: String
        let error: WireError
        var description: String { "\(error)" }
    }

    static let refusals: [Refusal] = [
        Refusal(text: "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", error: .bareCR(at: 23)),
        Refusal(text: "GET / HTTP/1.1\nHost: h\r\n\r\n", error: .invalidVersion(at: 14)),
        Refusal(text: "GET / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n", error: .bareLF(at: 23)),
        Refusal(text: "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", error: .obsoleteLineFolding(at: 31)),
        Refusal(text: "GET / HTTP/1.1\r\nHost : h\r\n\r\n", error: .whitespaceBeforeColon(at: 20)),
        Refusal(text: "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", error: .invalidMethod(at: 1)),
        Refusal(text: "GET / HTTP/1.1\r\nHo[st: h\r\n\r\n", error: .invalidFieldName(at: 18)),
        Refusal(text: "GET / HTTP/1.1\r\nNoColon\r\n\r\n", error: .invalidFieldName(at: 23)),
        Refusal(text: "GET / HTTP/1.1\r\nHost: h\r\nX: a\u{01}b\r\n\r\n", error: .invalidFieldValue(at: 29)),
        Refusal(text: "GET / HTTP/1.1\r\nHost: h\r\nX: a\u{7F}\r\n\r\n", error: .invalidFieldValue(at: 29)),
        Refusal(
            text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
            error: .contentLengthWithTransferEncoding),
        Refusal(
            text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n",
            error: .contentLengthWithTransferEncoding),
        Refusal(
            text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
            error: .duplicateContentLength),
        Refusal(text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n", error: .invalidContentLength),
        Refusal(text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", error: .invalidContentLength),
        Refusal(text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 1\r\n\r\n", error: .invalidContentLength),
        Refusal(
            text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n",
            error: .invalidContentLength),
        Refusal(
            text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            error: .transferEncodingNotChunked),
        Refusal(
            text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            error: .transferEncodingNotChunked),
        Refusal(
            text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            error: .unsupportedTransferCoding),
        Refusal(text: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", error: .transferEncodingInHTTP10),
        Refusal(text: "GET / HTTP/1.1\r\n\r\n", error: .missingOrDuplicateHost),
        Refusal(text: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", error: .missingOrDuplicateHost),
        Refusal(text: "GET / HTTP/2.0\r\nHost: h\r\n\r\n", error: .unsupportedVersion(major: 2, minor: 0)),
        Refusal(text: "GET / HTTP/1.2\r\nHost: h\r\n\r\n", error: .unsupportedVersion(major: 1, minor: 2)),
        Refusal(text: "GET / HTTP/1.1 \r\nHost: h\r\n\r\n", error: .invalidVersion(at: 14)),
        Refusal(text: "GET / http/1.1\r\nHost: h\r\n\r\n", error: .invalidVersion(at: 6)),
        Refusal(text: "GET /\r\n\r\n", error: .invalidVersion(at: 5)),
        Refusal(text: "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", error: .invalidTarget(at: 4)),
        Refusal(text: "GET /caf\u{E9} HTTP/1.1\r\nHost: h\r\n\r\n", error: .invalidTarget(at: 8)),
        Refusal(text: "GET foo HTTP/1.1\r\nHost: h\r\n\r\n", error: .invalidTarget(at: 4)),
        Refusal(text: "CONNECT example.com:443 HTTP/1.1\r\nHost: h\r\n\r\n", error: .connectNotSupported),
        Refusal(text: "GET / HTTP/1.1\r\n Host: h\r\n\r\n", error: .obsoleteLineFolding(at: 16)),
    ]

    @Test(arguments: refusals)
    func refuses(_ refusal: Refusal) {
        let result = Self.parse(refusal.text)
        #expect(Self.describe(result) == "\(refusal.error)")
    }

    @Test func statusesOfRefusals() {
        #expect(WireError.requestLineTooLong(limit: 1).status == .uriTooLong)
        #expect(WireError.headerSectionTooLarge(limit: 1).status == .requestHeaderFieldsTooLarge)
        #expect(WireError.tooManyHeaderFields(limit: 1).status == .requestHeaderFieldsTooLarge)
        #expect(WireError.unsupportedVersion(major: 2, minor: 0).status == .httpVersionNotSupported)
        #expect(WireError.unsupportedTransferCoding.status == .notImplemented)
        #expect(WireError.contentLengthWithTransferEncoding.status == .badRequest)
        #expect(WireError.bodyTooLarge(limit: 1).status == .contentTooLarge)
    }

    @Test func requestLineLimitGives414EvenBeforeTheLineEnds() {
        let limits = WireLimits(maxRequestLineLength: 64)
        let long = "GET /" + String(repeating: "a", count: 100)
        #expect(Self.describe(Self.parse(long, limits: limits)) == "\(WireError.requestLineTooLong(limit: 64))")
        let fits = "GET /" + String(repeating: "a", count: 40) + " HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect((try? Self.parse(fits, limits: limits).get()) != nil)
    }

    @Test func headerSectionLimitGives431() {
        let limits = WireLimits(maxHeaderSectionLength: 100)
        let text = "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 200) + "\r\n\r\n"
        #expect(Self.describe(Self.parse(text, limits: limits)) == "\(WireError.headerSectionTooLarge(limit: 100))")
    }

    @Test func headerCountLimitGives431() {
        let limits = WireLimits(maxHeaderCount: 3)
        let text = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(Self.describe(Self.parse(text, limits: limits)) == "\(WireError.tooManyHeaderFields(limit: 3))")
        let three = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n"
        #expect((try? Self.parse(three, limits: limits).get()) != nil)
    }

    @Test func parsesPipelinedHeadsOneAfterAnother() throws {
        var parser = RequestHeadParser()
        let text = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
        var paths: [String] = []
        var rest = Array(text.utf8)
        while !rest.isEmpty, case .complete(let head, let used) = try parser.parse(rest) {
            paths.append(head.path)
            rest.removeFirst(used)
        }
        #expect(paths == ["/1", "/2"])
        #expect(!parser.hasPartialHead)
    }
}
