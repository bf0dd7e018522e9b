import Testing

@testable import HTTPWire

struct BodyFramingTests {
    static func framing(_ headers: HTTPHeaders, minorVersion: Int = 1) -> Result<BodyFraming, WireError> {
        do throws(WireError) {
            return .success(
                try BodyFraming(
                    head: RequestHead(method: .post, target: "/", minorVersion: minorVersion, headers: headers)))
        } catch {
            return .failure(error)
        }
    }

    @Test func derivesFramingFromFields() {
        #expect(Self.framing([:]) == .success(.none))
        #expect(Self.framing(["Content-Length": "0"]) == .success(.none))
        #expect(Self.framing(["content-length": "42"]) == .success(.contentLength(42)))
        #expect(Self.framing(["Transfer-Encoding": "Chunked"]) == .success(.chunked))
    }

    @Test func refusesAmbiguousFraming() {
        #expect(
            Self.framing(["Content-Length": "1", "Transfer-Encoding": "chunked"])
                == .failure(.contentLengthWithTransferEncoding))
        var twice = HTTPHeaders()
        twice.add("Content-Length", "3")
        twice.add("Content-Length", "3")
        #expect(Self.framing(twice) == .failure(.duplicateContentLength))
        #expect(Self.framing(["Content-Length": "+3"]) == .failure(.invalidContentLength))
        #expect(Self.framing(["Content-Length": ""]) == .failure(.invalidContentLength))
        #expect(Self.framing(["Transfer-Encoding": "chunked"], minorVersion: 0) == .failure(.transferEncodingInHTTP10))
        #expect(Self.framing(["Transfer-Encoding": "gzip"]) == .failure(.transferEncodingNotChunked))
        #expect(Self.framing(["Transfer-Encoding": "gzip, chunked"]) == .failure(.unsupportedTransferCoding))
        #expect(Self.framing(["Transfer-Encoding": "chunked, chunked"]) == .failure(.transferEncodingNotChunked))
    }

    @Test func parsesContentLengthDigitsOnly() {
        #expect(BodyFraming.parseContentLength(Array("0042".utf8)) == 42)
        #expect(BodyFraming.parseContentLength(Array("9223372036854775807".utf8)) == Int.max)
        #expect(BodyFraming.parseContentLength(Array("9223372036854775808".utf8)) == nil)
        #expect(BodyFraming.parseContentLength(Array("4 2".utf8)) == nil)
    }
}
