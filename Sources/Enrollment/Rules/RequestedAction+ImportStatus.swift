import Storage

extension RequestedAction {
    /// The action a User Status cell asks for, matched ignoring ASCII case (`new`, `UPDATE`, `Delete`,
    /// `activate`); nil for anything else, `Invite` included (it is not an import status).
    public init?(importStatus: String) {
        guard let matched = importStatus.withUTF8Bytes({ Self(importStatus: $0) }) else { return nil }
        self = matched
    }

    /// The action a User Status cell of these UTF-8 bytes asks for (see `init(importStatus:)`).
    init?(importStatus bytes: UnsafeBufferPointer<UInt8>) {
        // Compared in place, byte by byte: no lower-cased copy of the cell is made for each row.
        guard let matched = Self.importStatuses.first(where: { Self.equalIgnoringASCIICase(bytes, $0.lowerCased) })
        else { return nil }
        self = matched.action
    }

    /// The statuses an import accepts, spelled in lower case.
    private static let importStatuses: [(lowerCased: [UInt8], action: RequestedAction)] = [
        (Array("new".utf8), .new), (Array("update".utf8), .update), (Array("delete".utf8), .delete),
        (Array("activate".utf8), .activate),
    ]

    /// Whether `bytes` equal `lowerCased` once ASCII capitals in `bytes` are lower-cased.
    private static func equalIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowerCased: [UInt8]) -> Bool {
        guard bytes.count == lowerCased.count else { return false }
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if User.lowerCasedASCII(byte) != lowerCased[index] { return false }
        }
        return true
    }
}
