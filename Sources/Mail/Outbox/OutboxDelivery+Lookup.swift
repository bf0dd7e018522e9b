extension OutboxDelivery {
    /// Where the message file `name` is now (outbox, `sent/` or `failed/`), or nil. A name holding anything but
    /// letters, digits, `.`, `-` and `_`, or starting with `.`, is never looked up, so no path can be formed.
    public func messagePath(named name: String) -> String? {
        guard Self.isMessageName(name) else { return nil }
        for folder in [directory, sentFolder, failedFolder] where OutboxFiles.exists(folder + "/" + name) {
            return folder + "/" + name
        }
        return nil
    }

    /// The entry of the message file `name` in whatever state it is, reading its header section; nil if absent.
    public func entry(named name: String) -> OutboxEntry? {
        guard let path = messagePath(named: name) else { return nil }
        let folder = String(path.dropLast(name.utf8.count + 1))
        return list(in: folder, name: name)
    }

    /// A lighter look-up for report rows: the state of the message `name` without reading it.
    public func state(ofMessageNamed name: String) -> OutboxEntry.State? {
        guard let path = messagePath(named: name) else { return nil }
        if path.hasPrefix(sentFolder + "/") { return .sent }
        if path.hasPrefix(failedFolder + "/") { return entry(named: name)?.state }
        return .queued(attempts: 0, nextAttempt: nil, lastError: nil)
    }

    static func isMessageName(_ name: String) -> Bool {
        guard name.hasSuffix(".eml"), !name.hasPrefix("."), name.utf8.count <= 200 else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }
}
