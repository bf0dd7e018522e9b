import Foundation

@testable import Mail

extension MailMessage {
    /// A message with test defaults; the text body has a line starting with "." to exercise dot-stuffing.
    static func make(
        to address: String = "ann@example.com", name: String = "Ann Lee", subject: String = "You are invited",
        kind: String = "invitation", id: String = "op1.row1.invitation@enrollment-console"
    ) -> MailMessage {
        MailMessage(
            from: MailAddress(parsing: "Enrollment Console <no-reply@example.com>"),
            to: MailAddress(name: name, address: address), subject: subject,
            textBody: "Hello \(name),\n.hidden line starting with a dot\n..two dots\n.\nJoin: https://example.com/join",
            htmlBody: "<p>Hello \(name),</p>\n.<p>dot first</p>", date: 1_795_283_887_000, messageID: id,
            extraHeaders: [("X-Enrollment-Kind", kind)])
    }

    /// Writes the rendered message to `folder/name` and returns its bytes.
    @discardableResult
    func write(to folder: String, name: String) throws -> [UInt8] {
        let bytes = rendered()
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        return bytes
    }
}
