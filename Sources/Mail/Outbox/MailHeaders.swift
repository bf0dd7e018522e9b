import Foundation

/// The header fields of a stored message, unfolded (RFC 5322 §2.2.3), read without its body.
public struct MailHeaders: Sendable, Equatable {
    /// Longest header section read, in bytes; anything after it is ignored.
    public static let maxHeaderBytes = 64 * 1024

    /// Names and unfolded values in the order they appear.
    public private(set) var fields: [(name: String, value: String)]

    /// Parses the header section at the start of `bytes`, up to the first empty line.
    public init(parsing bytes: some Collection<UInt8>) {
        fields = []
        // Split bytes, not characters: in a Swift string CRLF is one character.
        for rawLine in Array(bytes.prefix(Self.maxHeaderBytes)).split(separator: 10, omittingEmptySubsequences: false) {
            let line = String(decoding: rawLine.last == 13 ? rawLine.dropLast() : rawLine, as: UTF8.self)
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                // A folded continuation: unfolding removes only the line break (RFC 5322 §2.2.3).
                if !fields.isEmpty { fields[fields.count - 1].value += line }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            fields.append((String(line[..<colon]), String(value)))
        }
    }

    /// Reads only the header section of the file at `path`, at most `maxHeaderBytes`.
    ///
    /// - Returns: `nil` when the file cannot be opened (e.g. it was just moved).
    public init?(contentsOfFile path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while bytes.count < Self.maxHeaderBytes {
            guard let chunk = try? handle.read(upToCount: 8192), !chunk.isEmpty else { break }
            let searchFrom = max(0, bytes.count - 3)
            bytes += chunk
            if bytes[searchFrom...].firstRange(of: [13, 10, 13, 10]) != nil
                || bytes[searchFrom...].firstRange(of: [10, 10]) != nil
            {
                break
            }
        }
        self.init(parsing: bytes)
    }

    /// The first value of the field `name` (matched ignoring case), unfolded but not decoded.
    public subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// The mailboxes of an address-list field such as `To` (RFC 5322 §3.4), display names decoded.
    ///
    /// Commas inside quotes or angle brackets do not split; group syntax is not supported.
    public func addresses(_ name: String) -> [MailAddress] {
        guard let value = self[name] else { return [] }
        var items: [String] = []
        var item = ""
        var isQuoted = false
        var isInAngle = false
        for character in value {
            switch character {
            case "\"": isQuoted.toggle()
            case "<" where !isQuoted: isInAngle = true
            case ">" where !isQuoted: isInAngle = false
            case "," where !isQuoted && !isInAngle:
                items.append(item)
                item = ""
                continue
            default: break
            }
            item.append(character)
        }
        items.append(item)
        return items.compactMap { text in
            var address = MailAddress(parsing: text)
            guard !address.address.isEmpty else { return nil }
            address.name = MIMEEncoding.decodingEncodedWords(address.name)
            return address
        }
    }

    public static func == (a: MailHeaders, b: MailHeaders) -> Bool {
        a.fields.map { "\($0.name):\($0.value)" } == b.fields.map { "\($0.name):\($0.value)" }
    }
}
