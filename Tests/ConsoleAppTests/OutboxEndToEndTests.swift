import Foundation
import Testing

/// The Outbox page and mail delivery through a real SMTP relay (aiosmtpd), over loopback.
@Suite(.serialized)
struct OutboxEndToEndTests {
    static let importFile = Array(
        ("Email ID,First Name,Last Name,User Status\r\nzoe@example.com,Zoë,Ağça,New\r\n"
            + "max@example.com,Max,<i>M</i>,New\r\nzoe@example.com,Zoë,Ağça,Activate\r\n").utf8)

    private func upload(_ client: LoopbackHTTPClient, csrf: String) throws {
        let response = try client.postMultipart(
            "/enrollment/import", fields: [("_csrf", csrf)],
            files: [(field: "file", fileName: "people.csv", contentType: "text/csv", bytes: Self.importFile)])
        #expect(response.status == 303)
    }

    @Test func outboxListsEveryMessageAndShowsItsSource() throws {
        let console = try TestConsole()
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        try upload(client, csrf: csrf)
        console.waitForJobs()

        let page = try client.get("/enrollment/outbox")
        #expect(page.status == 200)
        #expect(page.text.contains("3 queued, 0 sent, 0 failed."))
        #expect(page.text.contains("No SMTP relay is configured"))
        #expect(page.text.components(separatedBy: "You are invited to the Enrollment Console").count - 1 == 2)
        #expect(page.text.contains("Your Enrollment Console account is active"))

        // The report links each row to the state of the email it caused.
        let report = try client.get("/enrollment/imports/1")
        let links = report.text.components(separatedBy: "href=\"/enrollment/outbox/op-000001-row-").count - 1
        #expect(links == 3)
        #expect(report.text.contains(">Queued<"))

        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: console.dataDirectory + "/outbox")
                .first { $0.hasSuffix("-activation.eml") })
        let message = try client.get("/enrollment/outbox/\(name)")
        #expect(message.status == 200)
        #expect(message.text.contains("<dialog open"))
        #expect(message.text.contains("Message-ID: &lt;op1.row4."))
        #expect(message.text.contains("=?UTF-8?B?"))

        for bad in ["..%2fadmins.v1", "%2e%2e%2fadmins.v1", ".hidden.eml", "op-000001.txt", "nothing.eml"] {
            #expect(try client.get("/enrollment/outbox/\(bad)").status == 404, "\(bad)")
        }
        let markup = try client.get("/enrollment/outbox/\(name)").text
        #expect(!markup.contains("<i>M</i>"))
    }

    @Test(.enabled(if: SMTPRelayProcess.shouldRun, "needs python3-aiosmtpd"))
    func messagesAreDeliveredThroughTheRelayAndMarkedSent() throws {
        let relay = try SMTPRelayProcess()
        defer { relay.stop() }
        let console = try TestConsole { configuration in
            configuration.smtpHost = "127.0.0.1"
            configuration.smtpPort = relay.port
            configuration.mailFrom = "Console <console@example.com>"
        }
        defer { console.stop() }
        let (client, csrf) = try console.signedInClient()
        try upload(client, csrf: csrf)
        console.waitForJobs()

        let deadline = Date().addingTimeInterval(20)
        var page = try client.get("/enrollment/outbox")
        while !page.text.contains("0 queued, 3 sent, 0 failed.") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            page = try client.get("/enrollment/outbox")
        }
        #expect(page.text.contains("0 queued, 3 sent, 0 failed."))
        let received = try relay.receivedMessages()
        #expect(received.count == 3)
        #expect(received.contains { $0.contains("To: max@example.com") || $0.contains("<max@example.com>") })
        let report = try client.get("/enrollment/imports/1")
        #expect(report.text.contains(">Sent<"))
    }
}

/// aiosmtpd's own command-line server with its Mailbox handler, on a free loopback port, for one test.
final class SMTPRelayProcess: @unchecked Sendable {
    static let python = "/usr/bin/python3"
    static let isAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import aiosmtpd"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()
    /// In CI a missing relay is a failure, not a skip.
    static let shouldRun = isAvailable || ProcessInfo.processInfo.environment["CI"] == "true"

    let port: Int
    let mailbox: String
    private let process = Process()

    init() throws {
        mailbox = NSTemporaryDirectory() + "relay-\(UUID().uuidString)"
        port = try Self.freePort()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [
            "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", mailbox,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready once the port accepts connections.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.accepts(port: port) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// A port the kernel just handed out (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something listens on the loopback port.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Every message the relay stored (its Maildir `new/` folder).
    func receivedMessages() throws -> [String] {
        let folder = mailbox + "/new"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: children of the test runner inherit SIGTERM blocked, and nothing of this relay needs saving.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: mailbox)
    }
}
