import Foundation
import Testing

@testable import ConsoleApp

/// Hostile or broken HTTP/1.1 sent byte for byte over the socket: each gets its 4xx status, and the server
/// keeps serving everyone else.
struct MalformedRequestTests {
    /// A malformed request and the statuses it may get.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: String
        let statuses: Set<Int>
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Content-Length and Transfer-Encoding",
            bytes: "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            statuses: [400]),
        Case(
            name: "two Content-Lengths",
            bytes: "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            statuses: [400]),
        Case(
            name: "bare CR in a header", bytes: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\rX-A: b\r\n\r\n",
            statuses: [400]),
        Case(name: "bare CR ending the request line", bytes: "GET /healthz HTTP/1.1\rHost: x\r\n\r\n", statuses: [400]),
        Case(
            name: "overlong request line",
            bytes: "GET /" + String(repeating: "a", count: 9 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            statuses: [414]),
        Case(
            name: "header section over the limit",
            bytes: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (0..<40).map { "X-Filler-\($0): \(String(repeating: "b", count: 1000))\r\n" }.joined() + "\r\n",
            statuses: [431]),
        Case(
            name: "too many header fields",
            bytes: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (0..<150).map { "X-\($0): 1\r\n" }.joined()
                + "\r\n",
            statuses: [431]),
        Case(name: "no Host", bytes: "GET /healthz HTTP/1.1\r\n\r\n", statuses: [400]),
        Case(name: "space before the colon", bytes: "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n", statuses: [400]),
        Case(
            name: "obsolete line folding", bytes: "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\r\n  c\r\n\r\n",
            statuses: [400]),
        Case(
            name: "bad chunk size",
            bytes: "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            statuses: [400]),
        Case(
            name: "unknown transfer coding",
            bytes: "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n",
            statuses: [400, 501]),
        Case(name: "HTTP/2 preface", bytes: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", statuses: [400, 505]),
        Case(name: "not HTTP at all", bytes: "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\r\n\r\n", statuses: [400]),
    ]

    @Test(arguments: cases)
    func malformedRequestIsRefusedAndTheServerKeepsServing(request: Case) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let client = LoopbackHTTPClient(port: UInt16(console.port), timeout: .seconds(5))
        let reply = try client.rawExchange(bytes: Array(request.bytes.utf8))
        let statusLine = String(decoding: reply.prefix { $0 != 13 }, as: UTF8.self)
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        #expect(request.statuses.contains(status), "\(request.name): \(statusLine.debugDescription)")
        #expect(String(decoding: reply, as: UTF8.self).lowercased().contains("connection: close"))
        // A well-formed request on a new connection is still answered.
        let healthy = LoopbackHTTPClient(port: UInt16(console.port))
        #expect(try healthy.get("/healthz").text == "ok")
        #expect(console.operationCount == 0)
    }

    @Test func slowAndBrokenClientsDoNotStopOthers() throws {
        let console = try TestConsole()
        defer { console.stop() }
        // Half a request that never ends, held open while others are served.
        let stalled = try LoopbackSocket(port: UInt16(console.port), timeout: .seconds(5))
        try stalled.sendAll(Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8))
        for request in Self.cases {
            _ = try LoopbackHTTPClient(port: UInt16(console.port), timeout: .seconds(5))
                .rawExchange(bytes: Array(request.bytes.utf8))
        }
        let healthy = LoopbackHTTPClient(port: UInt16(console.port))
        for _ in 0..<20 { #expect(try healthy.get("/healthz").status == 200) }
        #expect(healthy.connectionsOpened == 1)
        let (client, _) = try console.signedInClient()
        #expect(try client.get("/enrollment/import").status == 200)
        stalled.close()
    }
}
