import Testing

@testable import HTTPWire

struct MultipartBoundaryTests {
    @Test(arguments: [
        ("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk", "----WebKitFormBoundary7MA4YWxk"),
        ("Multipart/Form-Data;BOUNDARY=abc", "abc"),
        ("multipart/form-data; charset=utf-8; boundary=\"a b:c/d=e?\"", "a b:c/d=e?"),
        ("multipart/form-data ; boundary = \"quoted\" ", "quoted"),
        ("multipart/form-data; boundary=" + String(repeating: "x", count: 70), String(repeating: "x", count: 70)),
    ])
    func extractsBoundary(contentType: String, expected: String) throws {
        #expect(try MultipartBoundary.parse(contentType: contentType).value == expected)
    }

    @Test(arguments: [
        ("application/x-www-form-urlencoded", MultipartError.notFormData),
        ("multipart/mixed; boundary=abc", .notFormData),
        ("", .notFormData),
        ("multipart/form-data", .missingBoundary),
        ("multipart/form-data; charset=utf-8", .missingBoundary),
        ("multipart/form-data; boundary=", .invalidBoundary),
        ("multipart/form-data; boundary=\"\"", .invalidBoundary),
        ("multipart/form-data; boundary=" + String(repeating: "x", count: 71), .invalidBoundary),
        ("multipart/form-data; boundary=\"ends with space \"", .invalidBoundary),
        ("multipart/form-data; boundary=\"semi;colon\"", .invalidBoundary),
        ("multipart/form-data; boundary=\"unterminated", .invalidBoundary),
        ("multipart/form-data; boundary=a; boundary=b", .invalidBoundary),
        ("multipart/form-data; boundary=a junk", .invalidBoundary),
    ])
    func refusesBadContentType(contentType: String, expected: MultipartError) {
        #expect(throws: expected) { try MultipartBoundary.parse(contentType: contentType) }
    }

    @Test func statusesOfContentTypeErrors() {
        #expect(MultipartError.notFormData.status == .unsupportedMediaType)
        #expect(MultipartError.missingBoundary.status == .badRequest)
        #expect(MultipartError.invalidBoundary.offset == nil)
        #expect(MultipartError.truncated(offset: 7).offset == 7)
    }

    @Test func wrongBoundaryIsRefusedAtTheFirstByteThatDiffers() throws {
        let body = Array("--abd\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--abc--".utf8)
        #expect(try parseMultipart(body, boundary: "abc") == .failed(.missingInitialBoundary(offset: 4)))
        let preamble = Array("some preamble\r\n--abc--".utf8)
        #expect(try parseMultipart(preamble, boundary: "abc") == .failed(.missingInitialBoundary(offset: 0)))
        let blank = Array("\r\n\r\n--abc--\r\n".utf8)
        #expect(try parseMultipart(blank, boundary: "abc") == .parts([]))
    }
}
