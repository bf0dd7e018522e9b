import Foundation

/// Parses one HTTP/1.1 response from the front of a byte buffer; never touches a socket.
///
/// Fed the bytes received so far, it answers ``Outcome/needMoreData`` or the complete response and how many
/// bytes it used. Framing follows RFC 9112 §6.3: no body for HEAD, 1xx, 204 and 304; chunked; `Content-Length`;
/// otherwise the body runs until the server closes.
enum HTTPResponseParser {
    /// The largest response head accepted, in bytes.
    static let maximumHeadBytes = 64 * 1024

    /// The result of one parse attempt.
    enum Outcome {
        /// The buffer ends before the response does.
        case needMoreData
        /// A whole response; `consumed` bytes of the buffer belong to it, and `isCloseDelimited` says its body
        /// ended with the connection, which therefore cannot be reused.
        case complete(HTTPClientResponse, consumed: Int, isCloseDelimited: Bool)
    }

    /// Parses `buffer`; `isClosed` says no more bytes will come; `method` is the request's, for HEAD.
    ///
    /// - Throws: ``LoopbackHTTPError/malformedResponse(reason:offset:)`` for a bad status line, header,
    ///   chunk size, or both `Content-Length` and `Transfer-Encoding` (RFC 9112 §6.1).
    static func parse(_ buffer: [UInt8], isClosed: Bool, method: String) throws(LoopbackHTTPError) -> Outcome {
        guard let headEnd = find([13, 10, 13, 10], in: buffer, from: 0) else {
            if buffer.count > maximumHeadBytes {
                throw .malformedResponse(reason: "head longer than \(maximumHeadBytes) bytes", offset: 0)
            }
            return .needMoreData
        }
        let lines = String(decoding: buffer[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw .malformedResponse(reason: "bad status line \(lines[0].debugDescription)", offset: 0)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformedResponse(reason: "header without colon \(line.debugDescription)", offset: 0)
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((String(line[..<colon]), value))
        }
        let bodyStart = headEnd + 4
        func response(_ body: [UInt8]) -> HTTPClientResponse {
            HTTPClientResponse(
                status: status, reason: statusParts.count > 2 ? String(statusParts[2]) : "", headers: headers,
                body: body)
        }
        let head = response([])
        let length = head.header("Content-Length")
        let encoding = head.header("Transfer-Encoding")?.lowercased()
        if method == "HEAD" || status / 100 == 1 || status == 204 || status == 304 {
            return .complete(head, consumed: bodyStart, isCloseDelimited: false)
        }
        if length != nil, encoding != nil {
            throw .malformedResponse(reason: "both Content-Length and Transfer-Encoding", offset: 0)
        }
        if let encoding {
            guard encoding.hasSuffix("chunked") else {
                throw .malformedResponse(reason: "unsupported Transfer-Encoding \(encoding)", offset: 0)
            }
            guard let (body, end) = try dechunk(buffer, from: bodyStart) else { return .needMoreData }
            return .complete(response(body), consumed: end, isCloseDelimited: false)
        }
        if let length {
            guard let count = Int(length), count >= 0 else {
                throw .malformedResponse(reason: "bad Content-Length \(length)", offset: 0)
            }
            guard buffer.count >= bodyStart + count else { return .needMoreData }
            return .complete(
                response(Array(buffer[bodyStart..<bodyStart + count])), consumed: bodyStart + count,
                isCloseDelimited: false)
        }
        guard isClosed else { return .needMoreData }
        return .complete(response(Array(buffer[bodyStart...])), consumed: buffer.count, isCloseDelimited: true)
    }

    /// Decodes a chunked body (RFC 9112 §7.1) starting at `start`; nil while incomplete. Trailers are skipped.
    private static func dechunk(_ buffer: [UInt8], from start: Int) throws(LoopbackHTTPError) -> ([UInt8], Int)? {
        var body: [UInt8] = []
        var position = start
        while true {
            guard let lineEnd = find([13, 10], in: buffer, from: position) else { return nil }
            let line = String(decoding: buffer[position..<lineEnd], as: UTF8.self)
            let sizeText = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                throw .malformedResponse(reason: "bad chunk size \(line.debugDescription)", offset: position)
            }
            position = lineEnd + 2
            if size == 0 {
                // Trailer fields, then the empty line that ends the message.
                while true {
                    guard let end = find([13, 10], in: buffer, from: position) else { return nil }
                    if end == position { return (body, end + 2) }
                    position = end + 2
                }
            }
            guard buffer.count >= position + size + 2 else { return nil }
            body += buffer[position..<position + size]
            guard buffer[position + size] == 13, buffer[position + size + 1] == 10 else {
                throw .malformedResponse(reason: "chunk not followed by CRLF", offset: position + size)
            }
            position += size + 2
        }
    }

    /// The index where `needle` first starts in `haystack` at or after `start`, or nil.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for index in start...(haystack.count - needle.count)
        where haystack[index] == needle[0] && haystack[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
