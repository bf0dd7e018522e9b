import Foundation
import Testing

/// A real SMTP server (aiosmtpd, `Fixtures/smtp_sink.py`) on a free loopback port, started by one test and
/// stopped by it (by PID), whatever happens.
///
/// Accepted messages land in `folder` as `NNNN.eml` plus `NNNN.json`; `received()` reads them.
final class SMTPTestServer {
    /// The interpreter that has Debian's `python3-aiosmtpd`.
    static let python = "/usr/bin/python3"

    /// Whether aiosmtpd can be imported.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import aiosmtpd"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Run the loopback tests when aiosmtpd is there, and always on CI, where its absence must fail.
    static let shouldRun = isAvailable || ProcessInfo.processInfo.environment["CI"] == "true"

    /// The skip message shown locally without aiosmtpd.
    static let skipMessage: Comment = "needs python3-aiosmtpd for /usr/bin/python3 (apt-get install python3-aiosmtpd)"

    let port: Int
    let folder: String
    private let process: Process
    private let input: Pipe

    /// A message the server accepted.
    struct Received {
        var content: [UInt8]
        var sender: String
        var recipients: [String]
        /// The client's address and port: equal for messages sent over one connection.
        var peer: String
    }

    /// Starts the server; `replies` answer successive final dots (then 250), `isEHLORefused` answers EHLO with 502.
    init(folder: String, replies: [String] = [], isEHLORefused: Bool = false) throws {
        #expect(Self.isAvailable, "python3-aiosmtpd is missing for \(Self.python); CI must have it")
        try #require(Self.isAvailable)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/smtp_sink.py").path
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments =
            [script, folder] + (replies.isEmpty ? [] : ["--replies"] + replies)
            + (isEHLORefused ? ["--no-ehlo"] : [])
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(10) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            Self.stop(process)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "smtp_sink.py gave no port"])
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        Self.stop(process)
    }

    /// Ends the process this test started, by its PID: SIGTERM, then SIGKILL if it is still there after 5 seconds.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// The messages accepted so far, in order.
    func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let base = folder + "/" + name.dropLast(5)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + ".json")))
            let object = json as? [String: Any] ?? [:]
            let peer = (object["peer"] as? [Any] ?? []).map { "\($0)" }.joined(separator: ":")
            return Received(
                content: Array(try Data(contentsOf: URL(fileURLWithPath: base + ".eml"))),
                sender: object["mail_from"] as? String ?? "", recipients: object["rcpt_tos"] as? [String] ?? [],
                peer: peer)
        }
    }
}
