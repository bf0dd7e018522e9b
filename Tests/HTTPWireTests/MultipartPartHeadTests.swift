import Testing

@testable import HTTPWire

/// How part headers are read into `MultipartPartHead`, and which are refused (RFC 7578 §4.2–4.7).
struct MultipartPartHeadTests {
    static func body(headers: String, data: String = "v") -> [UInt8] {
        Array("--b\r\n\(headers)\r\n\(data)\r\n--b--\r\n".utf8)
    }

    static func head(_ headers: String) throws -> CollectedPart? {
        guard case .parts(let parts) = try parseMultipart(body(headers: headers), boundary: "b") else { return nil }
        return parts.first
    }

    /// The error the body with `headers` gives, the same whole, byte at a time and at random splits.
    static func error(_ headers: String) throws -> MultipartError? {
        let outcomes = try Split.standard.map { try parseMultipart(body(headers: headers), boundary: "b", split: $0) }
        #expect(outcomes.allSatisfy { $0 == outcomes[0] }, "split changed the outcome: \(outcomes)")
        guard case .failed(let error) = outcomes[0] else { return nil }
        return error
    }

    @Test func readsNameFilenameAndContentType() throws {
        let part = try Self.head(
            "content-disposition: FORM-DATA; Name=\"upload\"; filename=\"list.csv\"\r\nContent-Type: text/csv\r\n")
        #expect(part == CollectedPart(name: "upload", filename: "list.csv", contentType: "text/csv", text: "v"))
    }

    @Test func keepsBackslashesOfWindowsPaths() throws {
        let part = try Self.head("Content-Disposition: form-data; name=f; filename=\"C:\\Users\\x\\list.csv\"\r\n")
        #expect(part?.filename == #"C:\Users\x\list.csv"#)
        let escaped = try Self.head("Content-Disposition: form-data; name=f; filename=\"a\\\"b\"\r\n")
        #expect(escaped?.filename == "a\"b")
    }

    @Test func prefersExtendedFilename() throws {
        let part = try Self.head(
            "Content-Disposition: form-data; name=f; filename=\"EUR rates.csv\"; filename*=UTF-8''%E2%82%AC%20rates.csv\r\n"
        )
        #expect(part?.filename == "€ rates.csv")
        let latin = try Self.head("Content-Disposition: form-data; name=f; filename*=iso-8859-1'en'%E9t%E9.txt\r\n")
        #expect(latin?.filename == "été.txt")
    }

    @Test func keepsRawUTF8Filename() throws {
        let part = try Self.head("Content-Disposition: form-data; name=f; filename=\"ünïcødé.csv\"\r\n")
        #expect(part?.filename == "ünïcødé.csv")
    }

    /// Offsets: the byte where the problem shows: the LF ending the offending line, or the blank line's LF when
    /// the whole head is invalid (the body starts with the 5 bytes `--b` CRLF).
    @Test(arguments: [
        ("Content-Type: text/plain\r\n", MultipartError.missingContentDisposition(offset: 32)),
        (
            "Content-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n",
            .missingContentDisposition(offset: 86)
        ),
        ("Content-Disposition: attachment; name=a\r\n", .invalidContentDisposition(offset: 47)),
        ("Content-Disposition: form-data; filename=a.csv\r\n", .missingName(offset: 54)),
        ("Content-Disposition: form-data; name=\"\"\r\n", .missingName(offset: 47)),
        ("Content-Disposition: form-data; name=a; name=b\r\n", .invalidContentDisposition(offset: 54)),
        ("Content-Disposition: form-data; name=a; filename*=UTF-8''%ZZ\r\n", .invalidContentDisposition(offset: 68)),
        ("Content-Disposition: form-data; name=\"a\r\n", .invalidContentDisposition(offset: 47)),
        (
            "Content-Disposition: form-data; name=a\r\nContent-Transfer-Encoding: base64\r\n",
            .unsupportedTransferEncoding(offset: 81)
        ),
        (
            "Content-Disposition: form-data; name=a\r\nContent-Type: a/b\r\nContent-Type: a/c\r\n",
            .duplicateHeader(name: "Content-Type", offset: 84)
        ),
        ("Content-Disposition: form-data; name=a\r\n folded\r\n", .malformedHeader(offset: 53)),
        ("Content-Disposition: form-data; name=a\nX: 1\r\n", .malformedHeader(offset: 43)),
        ("Content-Disposition: form-data; name=a\r\nX: 1\r\r\n", .malformedHeader(offset: 50)),
        ("Content-Disposition: form-data; name=a\r\nX\u{1}: 1\r\n", .malformedHeader(offset: 51)),
        ("Content-Disposition: form-data; name=a\r\nX: a\u{1}b\r\n", .malformedHeader(offset: 52)),
    ])
    func refusesMalformedOrAmbiguousHeaders(headers: String, expected: MultipartError) throws {
        let actual = try Self.error(headers)
        #expect(actual == expected, "got \(String(describing: actual))")
        #expect(expected.status == .badRequest)
    }

    @Test func allowsSevenBitAndBinaryTransferEncodings() throws {
        for encoding in ["7bit", "8BIT", "binary"] {
            let part = try Self.head(
                "Content-Disposition: form-data; name=a\r\nContent-Transfer-Encoding: \(encoding)\r\n")
            #expect(part == CollectedPart(name: "a", text: "v"))
        }
    }
}
