extension RequestHeadParser {
    /// Builds the `RequestHead` from the complete head in `storage` and checks the rules that need all fields:
    /// `Host`, target form, and body framing.
    mutating func makeHead() throws(WireError) -> RequestHead {
        var headers = HTTPHeaders()
        var transferEncodings: [String] = []
        for span in fields {
            let name = string(span.nameStart, span.nameEnd)
            let value = string(span.valueStart, span.valueEnd)
            if hasTransferEncoding, HTTPHeaders.namesMatch(name, "Transfer-Encoding") {
                transferEncodings.append(value)
            }
            headers.add(name, value)
        }
        let minorVersion = versionMinor
        if limits.requiresHost, minorVersion == 1, hostCount != 1 { throw .missingOrDuplicateHost }
        framing = try BodyFraming(
            contentLengthCount: contentLengthCount, contentLength: contentLength,
            transferEncodings: transferEncodings, minorVersion: minorVersion)
        return try makeRequestHead(headers: headers, minorVersion: minorVersion)
    }

    private func makeRequestHead(headers: HTTPHeaders, minorVersion: Int) throws(WireError) -> RequestHead {
        let method = makeMethod()
        let target = string(targetStart, targetEnd)
        let first = storage[targetStart]
        if first == 0x2F {  // "/": origin-form
            return RequestHead(method: method, target: target, minorVersion: minorVersion, headers: headers)
        }
        if method == .connect { throw .connectNotSupported }
        if first == 0x2A {
            // asterisk-form (RFC 9112 §3.2.4) is meant for OPTIONS; other methods (SSDP's M-SEARCH) get path `*` and
            // are left to routing, as llhttp and h11 do.
            guard targetEnd - targetStart == 1 else { throw .invalidTarget(at: targetStart) }
            return RequestHead(method: method, target: target, minorVersion: minorVersion, headers: headers)
        }
        // absolute-form, RFC 9112 §3.2.2: scheme "://" authority [path-abempty] ["?" query]
        guard let schemeEnd = target.utf8.firstIndex(of: 0x3A),
            target.utf8[target.utf8.startIndex..<schemeEnd].allSatisfy({ ByteClass.isToken($0) && $0 != 0x2F }),
            target.utf8[schemeEnd...].starts(with: "://".utf8)
        else { throw .invalidTarget(at: targetStart) }
        let afterScheme = target.utf8.index(schemeEnd, offsetBy: 3)
        let rest = target[afterScheme...]
        let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var pathAndQuery = String(rest[pathStart...])
        if !pathAndQuery.hasPrefix("/") { pathAndQuery = "/" + pathAndQuery }
        var head = RequestHead(method: method, target: pathAndQuery, minorVersion: minorVersion, headers: headers)
        head.target = target
        return head
    }

    /// The method, without allocating for the common ones.
    private func makeMethod() -> HTTPMethod {
        if methodIs("GET") { return .get }
        if methodIs("POST") { return .post }
        if methodIs("HEAD") { return .head }
        return HTTPMethod(rawValue: string(methodStart, methodEnd))
    }

    private func methodIs(_ name: StaticString) -> Bool {
        guard methodEnd - methodStart == name.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        var index = methodStart
        for byte in expected {
            guard storage[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private func string(_ start: Int, _ end: Int) -> String {
        storage.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
        }
    }
}
