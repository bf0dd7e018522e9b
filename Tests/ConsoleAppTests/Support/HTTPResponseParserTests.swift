import Testing

/// Drip-feeds responses to ``HTTPResponseParser``: incomplete until the last byte, complete after it.
struct HTTPResponseParserTests {
    private static let chunked = Array(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nT: v\r\n\r\n"
            .utf8)
    private static let sized = Array("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nabcEXTRA".utf8)

    @Test(arguments: [(chunked, "hello!", chunked.count), (sized, "abc", sized.count - 5)])
    func parsesOnlyWhenComplete(bytes: [UInt8], body: String, consumed: Int) throws {
        for end in 0..<consumed {
            let outcome = try HTTPResponseParser.parse(Array(bytes[..<end]), isClosed: false, method: "GET")
            guard case .needMoreData = outcome else {
                Issue.record("complete after only \(end) of \(consumed) bytes")
                return
            }
        }
        let outcome = try HTTPResponseParser.parse(bytes, isClosed: false, method: "GET")
        guard case .complete(let response, let used, let isCloseDelimited) = outcome else {
            Issue.record("incomplete with every byte")
            return
        }
        #expect(response.text == body)
        #expect(used == consumed)
        #expect(!isCloseDelimited)
    }

    @Test func aBodyWithoutLengthEndsWithTheConnection() throws {
        let bytes = Array("HTTP/1.0 200 OK\r\n\r\nuntil close".utf8)
        guard case .needMoreData = try HTTPResponseParser.parse(bytes, isClosed: false, method: "GET") else {
            Issue.record("complete before the close")
            return
        }
        let outcome = try HTTPResponseParser.parse(bytes, isClosed: true, method: "GET")
        guard case .complete(let response, _, true) = outcome else {
            Issue.record("not close-delimited")
            return
        }
        #expect(response.text == "until close")
    }

    @Test func rejectsContentLengthWithTransferEncoding() {
        let bytes = Array("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        #expect(throws: LoopbackHTTPError.self) {
            try HTTPResponseParser.parse(bytes, isClosed: false, method: "GET")
        }
    }
}
