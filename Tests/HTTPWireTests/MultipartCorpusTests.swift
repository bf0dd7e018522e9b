import Foundation
import Testing

@testable import HTTPWire

/// The python-multipart corpus (`shared/corpora/multipart-python-multipart`): every case parses to exactly the
/// expected parts, or is refused, whole, byte at a time and at random split points alike.
///
/// Deliberate differences from python-multipart:
///
/// | case | python-multipart | here | reason |
/// | --- | --- | --- | --- |
/// | `base64_encoding` | decodes the part | 400 `unsupportedTransferEncoding` | RFC 7578 §4.7 deprecates `Content-Transfer-Encoding`; browsers never send it, and storing encoded text as the CSV would be wrong |
/// | `quoted_printable_encoding` | decodes the part | 400 `unsupportedTransferEncoding` | as above |
/// | `mixed_plain_and_base64_encoding` | decodes the base64 parts | 400 `unsupportedTransferEncoding` | as above: one encoded part refuses the body |
/// | `mixed_case_headers` | decodes the base64 parts | 400 `unsupportedTransferEncoding` | as above (its parts are base64 too) |
///
/// Two readings of the expectations rather than differences: `single_field_blocks.yaml` names the boundary
/// `--boundary` but its body is delimited by `--boundary`, i.e. the boundary `boundary` (upstream feeds that
/// file with the boundary `boundary`), so the test does the same; and a field without `Content-Type` has
/// `contentType == nil` here, which RFC 7578 §4.4 reads as `text/plain`, the type the expectation names.
///
/// Every reject case is refused here too; offsets differ from python-multipart's and are not compared.
struct MultipartCorpusTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct Part: Decodable, Sendable {
            var name: String
            var type: String
            var fileName: String?
            var contentType: String?
            var dataBase64: String
        }
        var name: String
        var bodyFile: String
        var contentType: String
        var expect: String
        var parts: [Part]?

        var testDescription: String { name }
    }

    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpora/multipart-python-multipart")

    static let transferEncodingCases: Set = [
        "base64_encoding", "quoted_printable_encoding", "mixed_plain_and_base64_encoding", "mixed_case_headers",
    ]

    /// Boundaries that the expectations name wrongly (see the table above).
    static let boundaryCorrections = ["single_field_blocks": "boundary"]

    static func cases() throws -> [Case] {
        let lines = try String(contentsOf: corpus.appendingPathComponent("expected.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try lines.map { try decoder.decode(Case.self, from: Data($0.utf8)) }
    }

    @Test func corpusHasThirtyCases() throws {
        #expect(try Self.cases().count == 30)
    }

    @Test(arguments: try cases())
    func parsesCaseAsExpected(_ testCase: Case) throws {
        let body = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(testCase.bodyFile)))
        let boundary =
            try Self.boundaryCorrections[testCase.name]
            ?? MultipartBoundary.parse(contentType: testCase.contentType).value
        let outcomes = try Split.standard.map { try parseMultipart(body, boundary: boundary, split: $0) }
        #expect(Set(outcomes.map { "\($0)" }).count == 1, "split changed the outcome: \(outcomes)")
        let outcome = try #require(outcomes.first)

        if Self.transferEncodingCases.contains(testCase.name) {
            guard case .failed(.unsupportedTransferEncoding) = outcome else {
                Issue.record("expected unsupportedTransferEncoding, got \(outcome)")
                return
            }
        } else if testCase.expect == "reject" {
            guard case .failed(let error) = outcome else {
                Issue.record("expected a rejection, got \(outcome)")
                return
            }
            #expect(error.status == .badRequest)
        } else {
            guard case .parts(let parts) = outcome else {
                Issue.record("expected parts, got \(outcome)")
                return
            }
            let expected = try #require(testCase.parts)
            #expect(parts.map(\.name) == expected.map(\.name))
            for (part, wanted) in zip(parts, expected) {
                #expect(part.filename == wanted.fileName)
                #expect((part.filename != nil) == (wanted.type == "file"))
                #expect(part.data == Array(try #require(Data(base64Encoded: wanted.dataBase64))), "\(part.name)")
                if let type = wanted.contentType { #expect((part.contentType ?? "text/plain") == type) }
            }
        }
    }
}
