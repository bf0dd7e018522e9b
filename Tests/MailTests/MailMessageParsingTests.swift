import Foundation
import Testing

@testable import Mail

/// Our composed messages read back by an independent parser: Python's `email` package.
@Suite(.enabled(if: SMTPTestServer.shouldRun, SMTPTestServer.skipMessage))
struct MailMessageParsingTests {
    private static let script = """
        import email, email.policy, json, sys
        m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
        parts = [{"type": p.get_content_type(), "charset": p.get_content_charset(), "body": p.get_content()}
                 for p in m.iter_parts()]
        print(json.dumps({"date": str(m["Date"]), "datetime": m["Date"].datetime.isoformat(),
            "message_id": str(m["Message-ID"]), "from": str(m["From"]), "to": str(m["To"]),
            "to_name": m["To"].addresses[0].display_name, "to_address": m["To"].addresses[0].addr_spec,
            "subject": str(m["Subject"]), "kind": str(m["X-Enrollment-Kind"]), "type": m.get_content_type(),
            "defects": [str(d) for d in m.defects], "parts": parts}))
        """

    @Test func pythonEmailReadsOurHeadersAndBothParts() throws {
        let folder = try TemporaryFolder()
        let message = MailMessage.make(name: "Zoë Ağça", subject: "Bienvenue, Zoë — votre invitation")
        try message.write(to: folder.path, name: "m.eml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SMTPTestServer.python)
        process.arguments = ["-c", Self.script, folder.path + "/m.eml"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(parsed["date"] as? String == "Sat, 21 Nov 2026 17:58:07 +0000")
        #expect(parsed["datetime"] as? String == "2026-11-21T17:58:07+00:00")
        #expect(parsed["message_id"] as? String == "<op1.row1.invitation@enrollment-console>")
        #expect(parsed["from"] as? String == "Enrollment Console <no-reply@example.com>")
        #expect(parsed["to_name"] as? String == "Zoë Ağça")
        #expect(parsed["to_address"] as? String == "ann@example.com")
        #expect(parsed["subject"] as? String == "Bienvenue, Zoë — votre invitation")
        #expect(parsed["kind"] as? String == "invitation")
        #expect(parsed["type"] as? String == "multipart/alternative")
        #expect((parsed["defects"] as? [Any])?.isEmpty == true)
        let parts = try #require(parsed["parts"] as? [[String: Any]])
        #expect(parts.map { $0["type"] as? String } == ["text/plain", "text/html"])
        #expect(parts.allSatisfy { $0["charset"] as? String == "utf-8" })
        #expect(parts.first?["body"] as? String == message.textBody)
        #expect(parts.last?["body"] as? String == message.htmlBody)
    }
}
