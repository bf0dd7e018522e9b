import Enrollment
import Foundation
import Templating
import Testing

@testable import ConsoleApp

struct OutboxWriterTests {
    private func makeWriter() throws -> (OutboxWriter, String) {
        let folder = NSTemporaryDirectory() + "outbox-writer-\(UUID().uuidString)"
        let templates = try TemplateLibrary(directory: TestConsole.repositoryRoot + "/Templates")
        let writer = try OutboxWriter(
            directory: folder, templates: templates, from: "Console <c@example.com>", baseURL: "http://localhost/")
        return (writer, folder)
    }

    private func intents(_ count: Int) -> [MailIntent] {
        (0..<count).map {
            MailIntent(
                kind: .invitation, email: "user\($0)@example.com", firstName: "U", lastName: "\($0)", operationID: 7,
                rowNumber: $0 + 2)
        }
    }

    @Test func writesOneFilePerIntentAndTheSameNamesAgain() throws {
        let (writer, folder) = try makeWriter()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try writer.write(intents(300), now: 0) == 300)
        #expect(try writer.write(intents(300), now: 0) == 300)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.filter { $0.hasSuffix(".eml") }.count == 300)
        #expect(!names.contains { $0.hasPrefix(".") })
    }

    @Test func stopsEarlyWhenAskedSoShutdownStaysBounded() throws {
        let (writer, folder) = try makeWriter()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try writer.write(intents(1000), now: 0) { false }
        #expect(written == 255)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.filter { $0.hasSuffix(".eml") }.count == 255)
    }
}
