extension MultipartParser {
    /// Reads header bytes until the blank line, then validates them and reports `partStart`; returns where it
    /// stopped.
    mutating func readHeaders(
        _ input: UnsafeRawBufferPointer, from start: Int, _ handle: (MultipartEvent) throws(MultipartError) -> Void
    ) throws(MultipartError) -> Int {
        var index = start
        while index < input.count {
            let offset = consumed + index
            let step = try header.read(input[index], offset: offset, limits: limits)
            index += 1
            if case .complete = step {
                let head = try Self.makeHead(header.headers, offset: offset)
                state = .body(matched: 0)
                try handle(.partStart(head))
                return index
            }
        }
        return index
    }

    /// Validates a part's fields into a head (RFC 7578 §4.2, §4.4, §4.7).
    static func makeHead(_ headers: HTTPHeaders, offset: Int) throws(MultipartError) -> MultipartPartHead {
        let dispositions = headers.values(named: "Content-Disposition")
        guard dispositions.count == 1 else { throw .missingContentDisposition(offset: offset) }
        let parameters = try dispositionParameters(dispositions[0], offset: offset)
        guard let name = parameters["name"], !name.isEmpty else { throw .missingName(offset: offset) }
        var filename = parameters["filename"]
        if let extended = parameters["filename*"] {
            // RFC 6266 §4.3: a recipient that understands `filename*` prefers it to `filename`.
            guard let decoded = HeaderValueScanner.decodeExtendedValue(extended) else {
                throw .invalidContentDisposition(offset: offset)
            }
            filename = decoded
        }
        let contentTypes = headers.values(named: "Content-Type")
        guard contentTypes.count <= 1 else { throw .duplicateHeader(name: "Content-Type", offset: offset) }
        let encodings = headers.values(named: "Content-Transfer-Encoding")
        guard encodings.count <= 1 else {
            throw .duplicateHeader(name: "Content-Transfer-Encoding", offset: offset)
        }
        if let encoding = encodings.first, !["7bit", "8bit", "binary"].contains(encoding.lowercased()) {
            throw .unsupportedTransferEncoding(offset: offset)
        }
        return MultipartPartHead(name: name, filename: filename, contentType: contentTypes.first, headers: headers)
    }

    /// The parameters of `form-data; name="…"; filename="…"`, names lowercased; a repeated parameter is
    /// ambiguous and refused.
    private static func dispositionParameters(_ value: String, offset: Int) throws(MultipartError) -> [String: String] {
        var scanner = HeaderValueScanner(value)
        guard let type = scanner.token(), type.lowercased() == "form-data" else {
            throw .invalidContentDisposition(offset: offset)
        }
        var parameters: [String: String] = [:]
        while !scanner.isAtEnd {
            guard let (name, value) = scanner.parameter() else { throw .invalidContentDisposition(offset: offset) }
            let key = name.lowercased()
            guard parameters[key] == nil else { throw .invalidContentDisposition(offset: offset) }
            parameters[key] = value
        }
        return parameters
    }
}
