extension RequestHeadParser {
    /// Runs the byte state machine over `buffer`, whose first byte has offset `base` in the head.
    ///
    /// Returns the number of bytes of `buffer` that end the head, or nil when all were used and it is still open.
    /// Positions are recorded as head offsets; the bytes themselves are copied into `storage` by the caller.
    mutating func scan(_ buffer: UnsafeRawBufferPointer, base: Int) throws(WireError) -> Int? {
        let count = buffer.count
        var i = 0
        while i < count {
            let byte = buffer[i]
            switch state {
            case .lineStart:
                if ByteClass.isToken(byte) {
                    methodStart = base + i
                    state = .method
                } else if byte == ByteClass.cr {
                    state = .leadingLF
                } else if byte == ByteClass.lf {
                    throw .bareLF(at: base + i)
                } else {
                    throw .invalidMethod(at: base + i)
                }
            case .leadingLF:
                guard byte == ByteClass.lf else { throw .bareCR(at: base + i - 1) }
                state = .lineStart
            case .method:
                while i < count, ByteClass.isToken(buffer[i]) { i += 1 }
                if i == count { return nil }
                guard buffer[i] == ByteClass.space else { throw .invalidMethod(at: base + i) }
                methodEnd = base + i
                targetStart = base + i + 1
                state = .target
            case .target:
                while i < count, buffer[i] > 0x20, buffer[i] < 0x7F { i += 1 }
                if i == count { return nil }
                let end = buffer[i]
                if end == ByteClass.space, base + i > targetStart {
                    targetEnd = base + i
                    versionStart = base + i + 1
                    state = .version
                } else if end == ByteClass.cr || end == ByteClass.lf {
                    // `GET /` alone is HTTP/0.9, which this server does not speak.
                    throw .invalidVersion(at: base + i)
                } else {
                    throw .invalidTarget(at: base + i)
                }
            case .version:
                try scanVersion(byte, at: base + i)
            case .requestLineLF:
                guard byte == ByteClass.lf else { throw .bareCR(at: base + i - 1) }
                if base + i + 1 > limits.maxRequestLineLength {
                    throw .requestLineTooLong(limit: limits.maxRequestLineLength)
                }
                headerStart = base + i + 1
                state = .fieldStart
            case .fieldStart:
                if ByteClass.isToken(byte) {
                    guard fields.count < limits.maxHeaderCount else {
                        throw .tooManyHeaderFields(limit: limits.maxHeaderCount)
                    }
                    field.nameStart = base + i
                    state = .fieldName
                } else if byte == ByteClass.cr {
                    state = .endLF
                } else if ByteClass.isWhitespace(byte) {
                    throw .obsoleteLineFolding(at: base + i)
                } else if byte == ByteClass.lf {
                    throw .bareLF(at: base + i)
                } else {
                    throw .invalidFieldName(at: base + i)
                }
            case .fieldName:
                while i < count, ByteClass.isToken(buffer[i]) { i += 1 }
                if i == count { return nil }
                let end = buffer[i]
                if end == ByteClass.colon {
                    field.nameEnd = base + i
                    state = .valueLeading
                } else if ByteClass.isWhitespace(end) {
                    throw .whitespaceBeforeColon(at: base + i)
                } else {
                    throw .invalidFieldName(at: base + i)
                }
            case .valueLeading:
                if ByteClass.isFieldVisible(byte) {
                    field.valueStart = base + i
                    field.valueEnd = base + i + 1
                    state = .value
                } else if byte == ByteClass.cr {
                    field.valueStart = base + i
                    field.valueEnd = base + i
                    state = .fieldLF
                } else if byte == ByteClass.lf {
                    throw .bareLF(at: base + i)
                } else if !ByteClass.isWhitespace(byte) {
                    throw .invalidFieldValue(at: base + i)
                }
            case .value:
                while i < count {
                    let b = buffer[i]
                    if ByteClass.isFieldVisible(b) {
                        field.valueEnd = base + i + 1
                    } else if !ByteClass.isWhitespace(b) {
                        break
                    }
                    i += 1
                }
                if i == count { return nil }
                let end = buffer[i]
                if end == ByteClass.cr {
                    state = .fieldLF
                } else if end == ByteClass.lf {
                    throw .bareLF(at: base + i)
                } else {
                    throw .invalidFieldValue(at: base + i)
                }
            case .fieldLF:
                guard byte == ByteClass.lf else { throw .bareCR(at: base + i - 1) }
                try noteFraming(buffer, base: base)
                fields.append(field)
                state = .fieldStart
            case .endLF:
                guard byte == ByteClass.lf else { throw .bareCR(at: base + i - 1) }
                if base + i + 1 - headerStart > limits.maxHeaderSectionLength {
                    throw .headerSectionTooLarge(limit: limits.maxHeaderSectionLength)
                }
                return i + 1
            }
            i += 1
        }
        return nil
    }

    /// Checks `Host`, `Content-Length` and `Transfer-Encoding` as soon as their line ends, so that ambiguous framing is
    /// refused before the rest of the head arrives. The field's bytes lie in `storage` below `base`, in `buffer` above.
    private mutating func noteFraming(_ buffer: UnsafeRawBufferPointer, base: Int) throws(WireError) {
        func byte(_ offset: Int) -> UInt8 { offset < base ? storage[offset] : buffer[offset - base] }
        func nameIs(_ lowercased: StaticString) -> Bool {
            guard field.nameEnd - field.nameStart == lowercased.utf8CodeUnitCount else { return false }
            let expected = UnsafeRawBufferPointer(start: lowercased.utf8Start, count: lowercased.utf8CodeUnitCount)
            for (index, expectedByte) in expected.enumerated()
            where byte(field.nameStart + index) | 0x20 != expectedByte {
                return false
            }
            return true
        }
        switch field.nameEnd - field.nameStart {
        case 4 where nameIs("host"):
            hostCount += 1
            if limits.requiresHost, hostCount > 1 { throw .missingOrDuplicateHost }
        case 14 where nameIs("content-length"):
            contentLengthCount += 1
            guard contentLengthCount == 1 else { throw .duplicateContentLength }
            guard !hasTransferEncoding else { throw .contentLengthWithTransferEncoding }
            var value: [UInt8] = []
            for offset in field.valueStart..<field.valueEnd { value.append(byte(offset)) }
            guard let length = BodyFraming.parseContentLength(value) else { throw .invalidContentLength }
            contentLength = length
        case 17 where nameIs("transfer-encoding"):
            hasTransferEncoding = true
            guard contentLengthCount == 0 else { throw .contentLengthWithTransferEncoding }
        default:
            break
        }
    }

    private static let versionPrefix: [UInt8] = Array("HTTP/".utf8)

    /// One byte of `HTTP/<digit>.<digit>` or the CR after it; an unsupported version is refused as soon as its
    /// minor digit arrives.
    private mutating func scanVersion(_ byte: UInt8, at offset: Int) throws(WireError) {
        let position = offset - versionStart
        switch position {
        case 0..<5:
            guard byte == Self.versionPrefix[position] else { throw .invalidVersion(at: offset) }
        case 5, 7:
            guard byte >= 0x30, byte <= 0x39 else { throw .invalidVersion(at: offset) }
            if position == 5 {
                versionMajor = Int(byte - 0x30)
            } else {
                versionMinor = Int(byte - 0x30)
                guard versionMajor == 1, versionMinor <= 1 else {
                    throw .unsupportedVersion(major: versionMajor, minor: versionMinor)
                }
            }
        case 6:
            guard byte == 0x2E else { throw .invalidVersion(at: offset) }
        case 8:
            guard byte == ByteClass.cr else { throw .invalidVersion(at: offset) }
            state = .requestLineLF
        default:
            throw .invalidVersion(at: offset)
        }
    }
}
