import Testing

@testable import HTTPWire

struct ResponseSerializerTests {
    static let now = 784_111_777  // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example)

    static func write(
        _ response: Response, method: HTTPMethod = .get, minorVersion: Int = 1, isKeepAlive: Bool = true
    ) -> (String, Bool) {
        var serializer = ResponseSerializer()
        var buffer: [UInt8] = []
        let fileFollows = serializer.write(
            response, method: method, minorVersion: minorVersion, isKeepAlive: isKeepAlive, epochSeconds: now,
            into: &buffer)
        return (String(decoding: buffer, as: UTF8.self), fileFollows)
    }

    @Test func formatsIMFFixdate() {
        #expect(
            String(decoding: HTTPDateCache.format(epochSeconds: Self.now), as: UTF8.self)
                == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(
            String(decoding: HTTPDateCache.format(epochSeconds: 0), as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(
            String(decoding: HTTPDateCache.format(epochSeconds: 951_782_400), as: UTF8.self)
                == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(
            String(decoding: HTTPDateCache.format(epochSeconds: 1_767_225_599), as: UTF8.self)
                == "Wed, 31 Dec 2025 23:59:59 GMT")
    }

    @Test func dateCacheReformatsOnlyWhenTheSecondChanges() {
        var cache = HTTPDateCache()
        let first = cache.bytes(epochSeconds: Self.now)
        #expect(cache.bytes(epochSeconds: Self.now) == first)
        #expect(cache.bytes(epochSeconds: Self.now + 1) != first)
    }

    @Test func writesHeadAndBody() {
        let response = Response(status: .ok, headers: ["Content-Type": "text/plain"], body: .bytes(Array("ok".utf8)))
        let (text, fileFollows) = Self.write(response)
        #expect(
            text == "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 2\r\n\r\nok")
        #expect(!fileFollows)
    }

    @Test func closeAndKeepAliveForHTTP10() {
        #expect(Self.write(Response(), isKeepAlive: false).0.contains("\r\nConnection: close\r\n"))
        #expect(Self.write(Response(), minorVersion: 0).0.contains("\r\nConnection: keep-alive\r\n"))
        #expect(!Self.write(Response()).0.contains("Connection"))
    }

    @Test func headGetsLengthWithoutBody() {
        let (text, _) = Self.write(Response(body: .bytes(Array("hello".utf8))), method: .head)
        #expect(text.hasSuffix("Content-Length: 5\r\n\r\n"))
        let (declared, _) = Self.write(Response(headers: ["Content-Length": "1234"]), method: .head)
        #expect(declared.hasSuffix("Content-Length: 1234\r\n\r\n"))
    }

    @Test func noLengthOrBodyFor204And304() {
        let (noContent, _) = Self.write(Response(status: .noContent, body: .bytes([1, 2])))
        #expect(!noContent.contains("Content-Length"))
        #expect(noContent.hasSuffix("\r\n\r\n"))
        let (notModified, _) = Self.write(Response(status: .notModified))
        #expect(!notModified.contains("Content-Length"))
    }

    @Test func replacesFramingFieldsAndDropsUnsafeOnes() {
        let headers: HTTPHeaders = [
            "Content-Length": "99", "Transfer-Encoding": "chunked", "Date": "x", "Connection": "upgrade",
            "X-Split": "a\r\nSet-Cookie: evil", "Bad Name": "v", "X-Fine": "v",
        ]
        let (text, _) = Self.write(Response(headers: headers, body: .bytes([0x41])))
        #expect(
            !text.contains("Length: 99") && !text.contains("chunked") && !text.contains("evil") && !text.contains("Bad")
        )
        #expect(!text.contains("Date: x") && !text.contains("upgrade"))
        #expect(text.contains("X-Fine: v\r\n"))
        #expect(text.contains("Content-Length: 1\r\n"))
    }

    @Test func fileBodyIsLeftToTheCaller() {
        let (text, fileFollows) = Self.write(Response(body: .file(path: "/x", offset: 0, length: 1_000_000)))
        #expect(fileFollows)
        #expect(text.hasSuffix("Content-Length: 1000000\r\n\r\n"))
        #expect(!Self.write(Response(body: .file(path: "/x", offset: 0, length: 10)), method: .head).1)
    }

    @Test func writesContinue() {
        var buffer: [UInt8] = []
        ResponseSerializer.writeContinue(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
    }
}
