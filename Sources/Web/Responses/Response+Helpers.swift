import Foundation
import HTTPWire

extension Response {
    /// An HTML page (`text/html; charset=utf-8`). The caller escapes every user-supplied value in `html`
    /// (the template engine does by default).
    public static func html(_ html: String, status: HTTPStatus = .ok) -> Response {
        Response(
            status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .bytes(Array(html.utf8)))
    }

    /// Plain text (`text/plain; charset=utf-8`).
    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(
            status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .bytes(Array(text.utf8)))
    }

    /// A 303 See Other to `location`, a local path such as `/enrollment/imports/7` (RFC 9110 §15.4.4: after a
    /// POST the browser follows with GET, which is Post/Redirect/Get).
    ///
    /// `location` must be a local path; anything else (a scheme, `//host`, a backslash, CR or LF) is a
    /// programmer error and stops the process.
    public static func redirect(to location: String) -> Response {
        precondition(LocalPath.isLocal(location), "redirects go to local paths only")
        return Response(status: .seeOther, headers: ["Location": location])
    }

    /// `value` encoded as JSON (`application/json`). Throws the encoder's error, which answers 500.
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: ["Content-Type": "application/json"], body: .bytes(Array(data)))
    }

    /// `bytes` as a download named `fileName` (see `ContentDisposition.attachment(fileName:)`).
    public static func download(bytes: [UInt8], fileName: String, contentType: String) -> Response {
        Response(
            status: .ok, headers: downloadHeaders(fileName: fileName, contentType: contentType), body: .bytes(bytes))
    }

    /// The file at `path` as a download named `fileName`, sent from disk without loading it.
    ///
    /// Throws `WebError.notFound` when `path` is not a readable regular file.
    public static func download(path: String, fileName: String, contentType: String) throws(WebError) -> Response {
        guard let info = FileInfo(path: path), info.isRegularFile else { throw .notFound }
        return Response(
            status: .ok, headers: downloadHeaders(fileName: fileName, contentType: contentType),
            body: .file(path: path, offset: 0, length: info.size))
    }

    private static func downloadHeaders(fileName: String, contentType: String) -> HTTPHeaders {
        // A content type is ours, never the user's, but CR/LF would still split the header: refuse them.
        precondition(!contentType.contains(where: \.isNewline), "content types are single-line")
        return [
            "Content-Type": contentType,
            "Content-Disposition": ContentDisposition.attachment(fileName: fileName),
        ]
    }
}
