/// A mailbox: an optional display name and an address (RFC 5322 §3.4).
public struct MailAddress: Sendable, Equatable {
    /// The display name, plain text (encoded when rendered); empty for none.
    public var name: String
    /// The address, e.g. `ann@example.com`.
    public var address: String

    /// A mailbox from its parts.
    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `Name <addr@host>` or a bare `addr@host`.
    public init(parsing text: String) {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let rawName = text[..<open].trimmingCharacters(in: " \t\"")
            self.init(name: rawName, address: String(text[text.index(after: open)..<close]))
        } else {
            self.init(address: text.trimmingCharacters(in: " \t"))
        }
    }

    /// The header form: an encoded word or quoted string for the name, then `<address>`.
    public var headerValue: String {
        // The address never carries CR or LF into a header (RFC 5322 §2.2).
        let safeAddress = String(address.filter { $0 != "\r" && $0 != "\n" && $0 != "<" && $0 != ">" })
        guard !name.isEmpty else { return "<\(safeAddress)>" }
        return "\(MIMEEncoding.phrase(name)) <\(safeAddress)>"
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var view = self[...]
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
