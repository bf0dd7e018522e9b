import Foundation

/// One file part of a multipart form: the form field, the file name and type the browser would send, the bytes.
typealias MultipartFile = (field: String, fileName: String, contentType: String, bytes: [UInt8])

/// A `multipart/form-data` body (RFC 7578) built the way a browser builds one: text fields first, then files.
///
/// A value; ``contentType`` carries the boundary, which is checked not to occur in any part.
struct MultipartFormBody: Sendable {
    /// The boundary between parts, without the leading dashes.
    let boundary: String
    /// The whole encoded body, closing delimiter included.
    let bytes: [UInt8]

    /// The `Content-Type` header value naming ``boundary``.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Encodes `fields` then `files`; `boundary` defaults to a fresh random one.
    init(fields: [(String, String)], files: [MultipartFile], boundary: String? = nil) {
        let chosen = boundary ?? "----ConsoleTestBoundary\(UInt64.random(in: 0...UInt64.max))"
        self.boundary = chosen
        var body: [UInt8] = []
        func append(_ text: String) { body += Array(text.utf8) }
        for (name, value) in fields {
            append("--\(chosen)\r\n")
            // RFC 7578 §4.2: names are quoted; quotes and line breaks are escaped as browsers do.
            append("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n")
            append(value)
            append("\r\n")
        }
        for file in files {
            append("--\(chosen)\r\n")
            append(
                "Content-Disposition: form-data; name=\"\(Self.quoted(file.field))\"; "
                    + "filename=\"\(Self.quoted(file.fileName))\"\r\n")
            append("Content-Type: \(file.contentType)\r\n\r\n")
            body += file.bytes
            append("\r\n")
        }
        append("--\(chosen)--\r\n")
        precondition(
            files.allSatisfy { HTTPResponseParser.find(Array("--\(chosen)".utf8), in: $0.bytes, from: 0) == nil },
            "the multipart boundary occurs inside a file; pass another boundary")
        bytes = body
    }

    /// `text` with `"`, CR and LF percent-escaped, as the HTML standard's form encoding does.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}
