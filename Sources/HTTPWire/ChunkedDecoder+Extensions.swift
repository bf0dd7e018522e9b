extension ChunkedDecoder {
    /// chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), ext-val = token / quoted-string
    /// (RFC 9112 §7.1.1). The CR that ends the size line leaves the extension.
    mutating func stepExtension(_ byte: UInt8) throws(WireError) {
        let isSpace = ByteClass.isWhitespace(byte)
        switch state {
        case .extensionNameStart:
            if ByteClass.isToken(byte) {
                state = .extensionName
            } else if !isSpace {
                throw .invalidChunkExtension(at: position)
            }
        case .extensionName:
            if ByteClass.isToken(byte) { return }
            try afterNameOrValue(byte, allowsValue: true)
        case .extensionAfterName:
            try afterNameOrValue(byte, allowsValue: true)
        case .extensionValueStart:
            if byte == 0x22 {
                state = .extensionQuoted
            } else if ByteClass.isToken(byte) {
                state = .extensionToken
            } else if !isSpace {
                throw .invalidChunkExtension(at: position)
            }
        case .extensionToken:
            if ByteClass.isToken(byte) { return }
            try afterNameOrValue(byte, allowsValue: false)
        case .extensionQuoted:
            // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
            if byte == 0x22 {
                state = .extensionAfterValue
            } else if byte == 0x5C {
                state = .extensionQuotedEscape
            } else if !(isSpace || ByteClass.isFieldVisible(byte)) {
                throw .invalidChunkExtension(at: position)
            }
        case .extensionQuotedEscape:
            guard isSpace || ByteClass.isFieldVisible(byte) else { throw .invalidChunkExtension(at: position) }
            state = .extensionQuoted
        case .extensionAfterValue:
            try afterNameOrValue(byte, allowsValue: false)
        default:
            preconditionFailure("stepExtension called in state \(state)")
        }
    }

    /// After a name or a value: whitespace, `;` for the next extension, `=` (after a name), or the CR of the line.
    private mutating func afterNameOrValue(_ byte: UInt8, allowsValue: Bool) throws(WireError) {
        if byte == ByteClass.semicolon {
            state = .extensionNameStart
        } else if byte == ByteClass.cr {
            state = .sizeLF
        } else if allowsValue, byte == 0x3D {
            state = .extensionValueStart
        } else if ByteClass.isWhitespace(byte) {
            state = allowsValue ? .extensionAfterName : .extensionAfterValue
        } else {
            throw .invalidChunkExtension(at: position)
        }
    }

    /// trailer-section = *( field-line CRLF ), then the final CRLF (RFC 9112 §7.1.2). Fields are discarded.
    mutating func stepTrailer(_ byte: UInt8) throws(WireError) {
        switch state {
        case .trailerLineStart:
            if byte == ByteClass.cr {
                state = .finalLF
            } else if ByteClass.isToken(byte) {
                state = .trailerName
            } else {
                throw .invalidTrailer(at: position)
            }
        case .trailerName:
            if byte == ByteClass.colon {
                state = .trailerValue
            } else if !ByteClass.isToken(byte) {
                throw .invalidTrailer(at: position)
            }
        case .trailerValue:
            if byte == ByteClass.cr {
                state = .trailerLF
            } else if !(ByteClass.isWhitespace(byte) || ByteClass.isFieldVisible(byte)) {
                throw .invalidTrailer(at: position)
            }
        case .trailerLF:
            guard byte == ByteClass.lf else { throw .invalidTrailer(at: position) }
            state = .trailerLineStart
        case .finalLF:
            guard byte == ByteClass.lf else { throw .missingChunkCRLF(at: position) }
            state = .done
        default:
            preconditionFailure("stepTrailer called in state \(state)")
        }
    }
}
