import Foundation
import HTTPWire
import Testing

@testable import HTTPServer

/// Every limit answered with its status, and malformed input answered and closed.
struct HTTPServerLimitTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let request: String
        let status: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "request line over 8 KiB", request: "GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\n",
            status: 414),
        Case(
            name: "header section over 32 KiB",
            request: "GET / HTTP/1.1\r\nHost: t\r\n"
                + String(repeating: "X-Filler: \(String(repeating: "v", count: 1000))\r\n", count: 40)
                + "\r\n", status: 431),
        Case(
            name: "more than 100 fields",
            request: "GET / HTTP/1.1\r\nHost: t\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", status: 431
        ),
        Case(
            name: "Content-Length with Transfer-Encoding",
            request: "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            status: 400),
        Case(
            name: "bad chunk size",
            request: "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            status: 400),
        Case(name: "HTTP/2.0", request: "GET / HTTP/2.0\r\nHost: t\r\n\r\n", status: 505),
        Case(name: "missing Host", request: "GET / HTTP/1.1\r\n\r\n", status: 400),
        Case(name: "bare LF", request: "GET / HTTP/1.1\r\nHost: t\nX: y\r\n\r\n", status: 400),
        Case(name: "obs-fold", request: "GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n  b\r\n\r\n", status: 400),
        Case(
            name: "gzip transfer coding",
            request: "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        Case(name: "CONNECT", request: "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n", status: 501),
        Case(name: "binary garbage", request: "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}", status: 400),
    ]

    @Test(arguments: cases)
    func limitOrSyntaxErrorGetsItsStatusThenClose(_ item: Case) throws {
        try withServer { port in
            let client = try TestClient(port: port)
            client.send(item.request)
            // A smuggled second request must never be answered.
            client.send("GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n")
            let reply = try client.readResponse()
            #expect(reply.status == item.status)
            #expect(reply.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func bodyOverLimitGets413BeforeItIsSent() throws {
        let responder = TestResponder(decide: { _ in .buffer(limit: 1000) })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            // Only the head is sent: the answer must come without the body.
            client.send("POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: 5000000\r\n\r\n")
            let reply = try client.readResponse()
            #expect(reply.status == 413)
            #expect(client.isClosedByServer())
        }
    }

    @Test func clientStillSendingItsBodyReadsThe413() throws {
        let responder = TestResponder(decide: { _ in .buffer(limit: 1000) })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            let sender = Thread {
                client.send("POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: 8000000\r\n\r\n")
                let chunk = [UInt8](repeating: 0x62, count: 64 * 1024)
                for _ in 0..<(8_000_000 / chunk.count) { client.send(chunk) }
            }
            sender.start()
            // Without a lingering close, unread body bytes make the kernel reset the connection and the client may
            // never see the answer.
            Thread.sleep(forTimeInterval: 0.3)
            let reply = try client.readResponse()
            #expect(reply.status == 413)
        }
    }

    @Test func chunkedBodyPassingTheLimitGets413() throws {
        let sink = CountingSink()
        let responder = TestResponder(decide: { _ in .stream(limit: 10, sink: sink) })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            client.send(
                "POST /up HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n")
            #expect(try client.readResponse().status == 413)
            #expect(client.isClosedByServer())
        }
        #expect(sink.isAbandoned)
        #expect(!sink.isFinished)
    }

    @Test func sinkErrorStatusIsUsed() throws {
        final class FailingSink: RequestBodySink {
            func write(_ bytes: UnsafeRawBufferPointer) throws { throw WireError.bodyTooLarge(limit: 1) }
            func finish() throws {}
            func abandon() {}
        }
        let responder = TestResponder(decide: { _ in .stream(limit: 100, sink: FailingSink()) })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            client.send("POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
            #expect(try client.readResponse().status == 413)
        }
    }

    struct CorpusCase {
        let id: String
        let expect: String
        let messages: Int
        let reason: String
        let bytes: [UInt8]
    }

    static func corpusCases() throws -> [CorpusCase] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpora/http-request-llhttp")
        let index = try String(contentsOf: root.appendingPathComponent("index.jsonl"), encoding: .utf8)
        return try index.split(separator: "\n").compactMap { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String
            else { return nil }
            return CorpusCase(
                id: id, expect: object["expect"] as? String ?? "",
                messages: object["messages_complete_in_llhttp_test_mode"] as? Int ?? 0,
                reason: object["reason"] as? String ?? "",
                bytes: [UInt8](try Data(contentsOf: root.appendingPathComponent("cases/\(id).http"))))
        }
    }

    /// Each corpus case over a real connection (sent whole, then half-closed): the server answers what it should,
    /// closes, and keeps serving. Valid requests with `Host` get one 200 each; valid ones without `Host` get 400;
    /// invalid ones end in a 4xx/5xx, except a request after `Connection: close`, which is never read.
    @Test func corpusOverSockets() throws {
        let cases = try Self.corpusCases()
        #expect(cases.count == 166)
        var configuration = ServerConfiguration.forTests
        configuration.headerReadTimeout = .milliseconds(300)
        configuration.bodyReadTimeout = .milliseconds(300)
        try withServer(configuration: configuration) { port in
            for item in cases {
                let client = try TestClient(port: port, timeout: 2)
                client.send(item.bytes)
                client.shutdownWrite()
                var statuses: [Int] = []
                while let reply = try? client.readResponse() { statuses.append(reply.status) }
                let text = String(decoding: item.bytes, as: UTF8.self).lowercased()
                // HTTP/1.0 needs no Host.
                let hasHost = text.contains("\r\nhost:") || text.contains(" http/1.0\r\n")
                switch item.expect {
                case "valid" where hasHost && !["088", "089", "090"].contains(String(item.id.prefix(3))):
                    #expect(statuses == Array(repeating: 200, count: item.messages), "\(item.id)")
                case "valid":
                    #expect(statuses.count == 1 && statuses[0] >= 400, "\(item.id): \(statuses)")
                case "invalid" where item.id.hasPrefix("046"):
                    // ANNOUNCE is a token like any method (see LLHTTPCorpusTests): answered by routing.
                    #expect(statuses == [200], "\(item.id): \(statuses)")
                case "invalid" where item.reason.contains("Connection: close"):
                    #expect(statuses == [200] || statuses == [400], "\(item.id): \(statuses)")
                case "invalid":
                    #expect((statuses.last ?? 0) >= 400, "\(item.id): \(statuses)")
                    #expect(statuses.dropLast().allSatisfy { $0 == 200 }, "\(item.id): \(statuses)")
                default:
                    #expect(statuses.allSatisfy { $0 == 200 || $0 >= 400 }, "\(item.id): \(statuses)")
                }
            }
            // Still alive and serving.
            let client = try TestClient(port: port)
            client.send(HTTPServerTests.get)
            #expect(try client.readResponse().status == 200)
        }
    }
}
